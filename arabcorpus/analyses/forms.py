"""Display forms: how a counted type is written in the corpus.

Analyses count on a layer (``norm``, ``stem``, ``lemma``...), whose types are spelled as
no Arabic reader writes them: the ``search`` profile writes الصحة as الصحه and على as
علي. Every type-level result therefore also carries a ``form`` column: the **most
frequent surface form** of the type in the corpus, that is, among the tokens whose id
in ``layer`` is the type, the most frequent ``surface`` string (ties go to the form
seen first in the corpus, whose surface id is the smallest). A type whose tokens are
all diacritized shows its most frequent diacritized spelling, as written.

Every layer is a function of the surface type (``norm`` normalizes it, ``stem``,
``lemma`` and ``base`` derive from it), so the forms are computed from two arrays: the
surface frequency of each surface type and the layer id of each surface type. This
takes one ``np.bincount`` and one sort over the surface vocabulary (no Python loop over
tokens) and is cached per corpus and layer. A sharded corpus counts shard by shard.

Two layers are written without clitics, so their forms are too:

- ``base``: the most frequent **written base**, the surface form with its clitics cut
  off (:func:`arabcorpus.text.clitics.split_clitics`: diacritics removed, spelling kept):
  the base type كتاب shows كتاب, not الكتاب;
- ``lemma`` and ``clitics``: the type itself, which is already written in standard
  spelling (a lemma) or is the clitics as written.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from arabcorpus.analyses import query as Q
from arabcorpus.corpus.memory import Corpus
from arabcorpus.corpus.stats import layer_map, most_frequent_forms
from arabcorpus.util.deprecation import keyword_only

__all__ = ["display_forms", "form_of", "combined_forms"]


def _layer_map_part(part: Any, layer: str, n_surface: int) -> np.ndarray:
    """The layer id of each surface type of one part (-1 where the type is absent)."""
    return layer_map(part.ids("surface"), part.ids(layer), n_surface)


def _max_map(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    np.maximum(a, b, out=a)
    return a


def _surface_counts_and_map(corpus: Any, layer: str) -> tuple[np.ndarray, np.ndarray]:
    """Surface type frequencies and the ``layer`` id of each surface type (-1 where
    the surface type does not occur in this corpus)."""
    n_surface = len(corpus.vocab("surface"))
    counts = Q.type_counts(corpus, "surface")
    layer_of = Q.over_parts(corpus, _layer_map_part, (layer, n_surface),
                            combine=_max_map)
    return counts, layer_of


#: For each layer type, the surface id with the highest count among the surface types
#: mapped to it; ties go to the smallest surface id (seen first).
_most_frequent = most_frequent_forms


def _cached(store: dict, key: tuple, array: np.ndarray) -> np.ndarray:
    """Cache ``array``, read-only: every call returns it, so an edit must fail
    rather than change the next call's result."""
    array.setflags(write=False)
    store[key] = array
    return array


#: Layers whose types are shown as they are.
SELF_FORM_LAYERS = ("surface", "lemma", "clitics")


def _written_base_forms(corpus: Any) -> np.ndarray:
    """Display forms of the ``base`` layer: for each base type, its most frequent
    written base (ties: the one whose first surface type was seen first)."""
    import pandas as pd

    from arabcorpus.corpus.layers import bases as _bases

    counts, layer_of = _surface_counts_and_map(corpus, "base")
    present = np.flatnonzero(counts > 0)
    written = _bases(Q.vocab_array(corpus, "surface")[present].tolist())
    codes, uniques = pd.factorize(np.asarray(written, dtype=object), sort=False)
    n_codes = max(len(uniques), 1)
    keys = layer_of[present] * n_codes + codes
    order = np.argsort(keys, kind="stable")  # surface ids ascending within a key
    keys_sorted = keys[order]
    starts = np.flatnonzero(np.r_[True, keys_sorted[1:] != keys_sorted[:-1]])
    totals = np.add.reduceat(counts[present][order], starts)
    first_seen = present[order][starts]
    types = keys_sorted[starts] // n_codes
    pick = np.lexsort((first_seen, -totals, types))
    types, chosen = types[pick], (keys_sorted[starts] % n_codes)[pick]
    head = np.r_[True, types[1:] != types[:-1]]
    forms = Q.vocab_array(corpus, "base").copy()
    forms[types[head]] = np.asarray(uniques, dtype=object)[chosen[head]]
    return forms


@keyword_only("corpus", old=("layer",))
def form_ids(corpus: Any, *, layer: str = "norm") -> np.ndarray:
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
    if isinstance(corpus, Corpus):  # kept by the corpus, and saved with it
        return _cached(store, key, corpus.form_ids(layer))
    n_layer = len(corpus.vocab(layer))
    if layer == "surface":
        ids = np.arange(n_layer, dtype=np.int64)
        ids[Q.type_counts(corpus, "surface") == 0] = -1
        return _cached(store, key, ids)
    counts, layer_of = _surface_counts_and_map(corpus, layer)
    ids = _most_frequent(counts, layer_of, n_layer)
    return _cached(store, key, ids)


@keyword_only("corpus", old=("layer",))
def display_forms(corpus: Any, *, layer: str = "norm") -> np.ndarray:
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
        (a type of a parent corpus absent from a subcorpus). For ``base``, the most
        frequent written base; for ``lemma`` and ``clitics``, the type itself (see
        the module docstring). Computed once per corpus and layer and read-only
        (copy it to edit it).

    Raises
    ------
    ValueError
        For an unknown layer (listing the corpus's layers).

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["الصحة أولاً", "وزارة الصحة", "الصحه"], progress=False)
    >>> c.vocab("norm")[:2]
    ['الصحه', 'اولا']
    >>> display_forms(c, layer="norm")[:2].tolist()
    ['الصحة', 'أولاً']
    """
    layer = Q.check_layer(corpus, layer)
    store = Q.cache(corpus)
    key = ("display_forms", layer)
    hit = store.get(key)
    if hit is not None:
        return hit
    if layer in SELF_FORM_LAYERS:
        forms = Q.vocab_array(corpus, layer).copy()
        return _cached(store, key, forms)
    if layer == "base":
        forms = _written_base_forms(corpus)
        return _cached(store, key, forms)
    ids = form_ids(corpus, layer=layer)
    return _cached(store, key, _surface_forms(corpus, layer, ids, None))


def _surface_forms(corpus: Any, layer: str, ids: np.ndarray,
                   type_ids: np.ndarray | None) -> np.ndarray:
    """The surface strings of form ids ``ids`` (a new object array), those of
    ``type_ids`` of ``layer`` (all types when None); a type that does not occur in
    this corpus (id -1) shows itself.

    One gather, then the types that do not occur (none in a whole corpus) fixed
    (kept: 5 ms against 14 ms on SaudiNewsNet's norm layer, 2026-12-05).
    """
    own = Q.vocab_array(corpus, layer)
    surface = Q.vocab_array(corpus, "surface")
    if not len(surface):  # no type at all
        return own.copy() if type_ids is None else own[type_ids]
    forms = surface[np.maximum(ids, 0)]
    missing = np.flatnonzero(ids < 0)
    if missing.size:
        forms[missing] = own[missing if type_ids is None else type_ids[missing]]
    return forms


@keyword_only("corpus", "type_ids", old=("layer",))
def form_of(corpus: Any, type_ids: Any, *, layer: str = "norm") -> np.ndarray:
    """Display forms of the given type ids of ``layer`` (object array, same shape).

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["على الطاولة", "علي"], progress=False)
    >>> form_of(c, [c.type_id("norm", "علي")]).tolist()
    ['على']
    """
    type_ids = np.asarray(type_ids, dtype=np.int64)
    layer = Q.check_layer(corpus, layer)
    hit = Q.cache(corpus).get(("display_forms", layer))
    if hit is not None or layer in SELF_FORM_LAYERS or layer == "base":
        return display_forms(corpus, layer=layer)[type_ids]
    # only these types' forms, not the whole vocabulary's (kept: the first
    # frequency list after a load 13 ms faster on SaudiNewsNet, 2026-12-05)
    flat = type_ids.ravel()
    forms = _surface_forms(corpus, layer, form_ids(corpus, layer=layer)[flat], flat)
    return forms.reshape(type_ids.shape)


@keyword_only("corpora", old=("layer", "types"))
def combined_forms(corpora: Sequence[Any], *, layer: str = "norm",
                   types: Any = None) -> np.ndarray:
    """Display forms counted over several corpora together, aligned with the first
    corpus's ``vocab(layer)`` (or with ``types``, type strings, when given).

    For the two sides of a keyness comparison: a type's form is its most frequent
    surface form in target and reference together. Corpora that share their
    vocabularies (subcorpora of one corpus) add their surface counts by id; others
    are aligned by string (ties: the first corpus, then first seen).

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["الصحه", "الصحة الصحة"], progress=False)
    >>> a, b = c.subcorpus([0]), c.subcorpus([1])
    >>> combined_forms([a, b], layer="norm")[c.type_id("norm", "الصحه")]
    'الصحة'
    """
    import pandas as pd

    corpora = list(corpora)
    first = corpora[0]
    layer = Q.check_layer(first, layer)
    for other in corpora[1:]:
        Q.check_layer(other, layer)
    if len(corpora) == 1 and types is None:
        return display_forms(first, layer=layer)
    if layer in SELF_FORM_LAYERS:  # shown as they are, in any corpus
        return (Q.vocab_array(first, layer).copy() if types is None
                else np.asarray(types, dtype=object).copy())
    n_layer = len(first.vocab(layer))
    shared = all(c.vocab(layer) is first.vocab(layer)
                 and c.vocab("surface") is first.vocab("surface") for c in corpora)
    if shared and types is None:
        counts = np.zeros(len(first.vocab("surface")), dtype=np.int64)
        layer_of = np.full(len(counts), -1, dtype=np.int64)
        for c in corpora:
            ci, mi = _surface_counts_and_map(c, layer)
            counts += ci
            np.maximum(layer_of, mi, out=layer_of)
        ids = _most_frequent(counts, layer_of, n_layer)
        forms = Q.vocab_array(first, layer).copy()
        found = ids >= 0
        forms[found] = Q.vocab_array(first, "surface")[ids[found]]
        return forms
    frames = []
    for k, c in enumerate(corpora):
        counts, layer_of = _surface_counts_and_map(c, layer)
        present = np.flatnonzero(counts > 0)
        frames.append(pd.DataFrame({
            "type": Q.vocab_array(c, layer)[layer_of[present]],
            "form": Q.vocab_array(c, "surface")[present],
            "n": counts[present], "corpus": k, "seen": present}))
    table = pd.concat(frames, ignore_index=True)
    # the first occurrence of each (type, form) fixes its tie-break order
    order = table.groupby(["type", "form"], sort=False).agg(
        n=("n", "sum"), corpus=("corpus", "min"), seen=("seen", "first")).reset_index()
    order = order.sort_values(["type", "n", "corpus", "seen"],
                              ascending=[True, False, True, True], kind="stable")
    best = order.drop_duplicates("type").set_index("type")["form"]
    vocab = pd.Index(Q.vocab_array(first, layer) if types is None else
                     np.asarray(types, dtype=object), dtype=object)
    picked = best.reindex(vocab).to_numpy(dtype=object)
    missing = pd.isna(picked)
    picked[missing] = vocab.to_numpy(dtype=object)[missing]
    return picked
