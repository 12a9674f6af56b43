"""The layers of a corpus and how the derived ones are made from a surface type.

:data:`LAYERS` names them; :func:`bases`, :func:`clitic_types` and
:func:`analyse_surface_types` derive the ``base``, ``clitics`` and ``lemma`` type of
surface types, once per type, in the building process or in the background process
of a build (:mod:`arabcorpus.corpus._layer_worker`); a query on the ``base`` layer is
split by the same function.

Examples
--------
>>> bases(["بمدرستهم"]), clitic_types(["بمدرستهم", "كتاب"])
(['مدرسة'], ['ب++هم', '∅'])
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from arabcorpus.util.validate import check_choice

__all__ = ["LAYERS", "NO_CLITICS", "check_layers", "bases", "clitic_types",
           "analyse_surface_types"]

_BASE_LAYERS = ("surface", "norm")

#: Every layer a corpus can hold. ``surface`` and ``norm`` are always built; the others
#: are asked for with ``Corpus.build(docs, layers=(...))``:
#:
#: - ``stem``: the norm type stemmed (:mod:`arabcorpus.text.stem`, the stemmer named by
#:   ``stem=``, ISRI by default);
#: - ``lemma``: the lemma of the surface type (:class:`arabcorpus.text.lemma.Lemmatizer`,
#:   the backend named by ``lemmatizer=``), without diacritics, in standard spelling;
#: - ``base``: the surface type without its clitics
#:   (:func:`arabcorpus.text.clitics.split_clitics`), normalized like ``norm``;
#: - ``clitics``: the clitics split off, written ``proclitics+`` and ``+enclitics``
#:   (``وال+``, ``+ها``, ``و+ها``), and :data:`NO_CLITICS` for a word without any.
LAYERS = ("surface", "norm", "stem", "lemma", "base", "clitics")

#: The ``clitics`` type of a token without clitics.
NO_CLITICS = "∅"


def check_layers(layers: Any) -> list[str]:
    """The optional layers asked for (a list; ValueError listing :data:`LAYERS`)."""
    if layers is None:
        return []
    if isinstance(layers, str):
        layers = [layers]
    out = []
    for name in layers:
        check_choice(name, "layer", LAYERS)
        if name not in _BASE_LAYERS and name not in out:
            out.append(name)
    return out


def bases(types: Sequence[str]) -> list[str]:
    """The base of each surface type (:func:`arabcorpus.text.clitics.best_analysis`), with
    the teh marbuta a noun writes as ت before a pronoun restored (مدرستهم: مدرسة), so
    that a noun counts as one base with and without its enclitic."""
    from arabcorpus.text.clitics import best_analysis

    out = []
    for t in types:
        a = best_analysis(t)
        base = a.base or t
        if a.enclitics and a.pos == "noun" and base.endswith("ت") and \
                a.lemma.endswith("ة"):
            base = base[:-1] + "ة"
        out.append(base)
    return out


def clitic_types(types: Sequence[str]) -> list[str]:
    """The ``clitics`` type of each surface type: ``pro+``, ``+enc``, ``pro+enc``
    written ``pro++enc``... or :data:`NO_CLITICS`."""
    from arabcorpus.text.clitics import split_clitics

    out = []
    for t in types:
        pro, _base, enc = split_clitics(t)
        label = (pro + "+" if pro else "") + ("+" + enc if enc else "")
        out.append(label or NO_CLITICS)
    return out


@functools.lru_cache(maxsize=2)
def lemmatizer_for(backend: str | None) -> Any:
    """One lemmatizer per backend for the whole build (a CAMeL database or Qalsadi is
    loaded once, not once per batch)."""
    from arabcorpus.text.lemma import Lemmatizer

    return Lemmatizer(backend)


def analyse_surface_types(types: list[str], layers: tuple[str, ...],
                           backend: str | None) -> dict[str, list[str]]:
    """The ``lemma``, unnormalized ``base`` and ``clitics`` type of each surface type
    (run in the background process of a build)."""
    out: dict[str, list[str]] = {}
    if "lemma" in layers:
        out["lemma"] = lemmatizer_for(backend).lemmatize_types(types)
    if "base" in layers:
        out["base"] = bases(types)
    if "clitics" in layers:
        out["clitics"] = clitic_types(types)
    return out
