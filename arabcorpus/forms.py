"""Display forms: how a counted type is written in the corpus.

Analyses count on a layer (``norm``, ``stem``, ``lemma``...), whose types are spelled as
no Arabic reader writes them: the ``search`` profile writes الصحة as الصحه and على as
علي. Every type-level result therefore also carries a ``form`` column: the **most
frequent surface form** of the type in the corpus, that is, among the tokens whose id
in ``layer`` is the type, the most frequent ``surface`` string (ties go to the form
seen first in the corpus, whose surface id is the smallest). A type whose tokens are
all diacritized shows its most frequent diacritized spelling, as written.

Every layer is a function of the surface type (``norm`` normalizes it, ``stem`` and
``lemma`` derive from it), so the forms are computed from two arrays: the surface
frequency of each surface type and the layer id of each surface type. This takes one
``np.bincount`` and one sort over the surface vocabulary (no Python loop over tokens)
and is cached per corpus and layer. A sharded corpus counts shard by shard.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from arabcorpus import _query as Q

__all__ = ["display_forms", "form_of"]


def _layer_map_part(part: Any, layer: str, n_surface: int) -> np.ndarray:
    """The layer id of each surface type of one part (-1 where the type is absent)."""
    out = np.full(n_surface, -1, dtype=np.int64)
    out[part.ids("surface")] = part.ids(layer)
    return out


def _max_map(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    np.maximum(a, b, out=a)
    return a


def form_ids(corpus: Any, layer: str = "norm") -> np.ndarray:
    """Surface type id of the display form of every type of ``layer`` (int64, aligned
    with ``corpus.vocab(layer)``; -1 for a type that does not occur in this corpus).

    Cached per corpus and layer. See :func:`display_forms`.
    """
    layer = Q.check_layer(corpus, layer)
    store = Q.cache(corpus)
    key = ("form_ids", layer)
    hit = store.get(key)
    if hit is not None:
        return hit
    n_layer = len(corpus.vocab(layer))
    if layer == "surface":
        ids = np.arange(n_layer, dtype=np.int64)
        ids[Q.type_counts(corpus, "surface") == 0] = -1
        store[key] = ids
        return ids
    n_surface = len(corpus.vocab("surface"))
    counts = Q.type_counts(corpus, "surface")
    layer_of = Q.over_parts(corpus, _layer_map_part, (layer, n_surface),
                            combine=_max_map)
    present = np.flatnonzero(counts > 0)
    # group the present surface types by layer id, the most frequent first, then the
    # first seen (smallest surface id) among equally frequent ones: lexsort's last key
    # is the primary one and it is stable, so the surface id order breaks ties.
    order = np.lexsort((-counts[present], layer_of[present]))
    grouped = present[order]
    types = layer_of[grouped]
    first = np.ones(len(types), dtype=bool)
    first[1:] = types[1:] != types[:-1]
    ids = np.full(n_layer, -1, dtype=np.int64)
    ids[types[first]] = grouped[first]
    store[key] = ids
    return ids


def display_forms(corpus: Any, layer: str = "norm") -> np.ndarray:
    """The display form of every type of ``layer``: its most frequent surface form.

    Parameters
    ----------
    corpus : Corpus or ShardedCorpus
    layer : str, default "norm"
        A layer of the corpus.

    Returns
    -------
    numpy.ndarray of object
        One string per type id of ``layer`` (aligned with ``corpus.vocab(layer)``):
        the surface string its tokens take most often in this corpus, ties going to
        the one seen first; the type itself when it does not occur in this corpus
        (a type of a parent corpus absent from a subcorpus).

    Raises
    ------
    ValueError
        For an unknown layer (listing the corpus's layers).

    Examples
    --------
    >>> from arabcorpus.corpus import Corpus
    >>> c = Corpus.build(["الصحة أولاً", "وزارة الصحة", "الصحه"], progress=False)
    >>> c.vocab("norm")[:2]
    ['الصحه', 'اولا']
    >>> display_forms(c, "norm")[:2].tolist()
    ['الصحة', 'أولاً']
    """
    layer = Q.check_layer(corpus, layer)
    store = Q.cache(corpus)
    key = ("display_forms", layer)
    hit = store.get(key)
    if hit is not None:
        return hit
    ids = form_ids(corpus, layer)
    forms = Q.vocab_array(corpus, layer).copy()
    found = ids >= 0
    forms[found] = Q.vocab_array(corpus, "surface")[ids[found]]
    store[key] = forms
    return forms


def form_of(corpus: Any, type_ids: Any, layer: str = "norm") -> np.ndarray:
    """Display forms of the given type ids of ``layer`` (object array, same shape).

    Examples
    --------
    >>> from arabcorpus.corpus import Corpus
    >>> c = Corpus.build(["على الطاولة", "علي"], progress=False)
    >>> form_of(c, [c.type_id("norm", "علي")]).tolist()
    ['على']
    """
    return display_forms(corpus, layer)[np.asarray(type_ids, dtype=np.int64)]
