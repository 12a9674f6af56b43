"""Per-type document statistics of a corpus: document frequency (range) and Gries'
DP over documents, computed once and kept with the corpus.

:meth:`Corpus.type_doc_stats <arabcorpus.corpus.memory.Corpus.type_doc_stats>` keeps
them per layer and :meth:`Corpus.save <arabcorpus.corpus.memory.Corpus.save>` writes
them (``docfreq.<layer>.npy``, ``dp.<layer>.npy``), so that the whole-corpus frequency
list after a load reads them instead of counting every (type, document) pair again
(SaudiNewsNet: about 0.3 s per layer, 2026-12-05). So is the surface id of each type's
most frequent written form (:func:`form_ids`, ``form_ids.<layer>.npy``), from which
:func:`arabcorpus.analyses.forms.display_forms` takes its strings. The analyses
(:func:`arabcorpus.analyses.frequency.frequency`) compute DP with :func:`dp_of_runs`
too, so both give the same numbers.

References
----------
Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403-437.
"""

from __future__ import annotations

import numpy as np

__all__ = ["doc_runs", "dp_of_runs", "dp_run_terms", "dp_from_sums", "type_doc_stats",
           "layer_map", "most_frequent_forms", "form_ids"]


def doc_runs(ids: np.ndarray, token_doc: np.ndarray, n_types: int, n_docs: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(run_type, run_doc, run_count)`` (int64): one entry per distinct
    (type, document) pair of the tokens, sorted by type then document.

    SciPy's COO to CSR conversion is a counting sort, O(n + n_types) in C++.

    Examples
    --------
    >>> t, d, n = doc_runs(np.array([1, 0, 1, 1]), np.array([0, 0, 0, 1]), 2, 2)
    >>> t.tolist(), d.tolist(), n.tolist()
    ([0, 1, 1], [0, 0, 1], [1, 2, 1])
    """
    import scipy.sparse as sp  # noqa: PLC0415 (heavy import, lazily)

    if len(ids) == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    m = sp.csr_array((np.ones(len(ids), np.int32), (ids, token_doc)),
                     shape=(n_types, max(n_docs, 1)))
    m.sum_duplicates()  # canonical: sorted columns, no repeated (type, doc)
    run_type = np.repeat(np.arange(n_types, dtype=np.int64), np.diff(m.indptr))
    return run_type, m.indices.astype(np.int64), m.data.astype(np.int64)


def dp_of_runs(run_type: np.ndarray, run_doc: np.ndarray, run_count: np.ndarray,
               counts: np.ndarray, docfreq: np.ndarray, sizes: np.ndarray
               ) -> np.ndarray:
    """Gries' DP of every type from its (type, document) runs sorted by type.

    The same operations in the same order as
    :func:`arabcorpus.analyses.measures.dp_of_occurrences`, number for number, with
    the type totals given (``counts``) and spread over the runs by ``np.repeat``
    instead of counted and gathered again (kept: 0.2 s against 0.3 s of CPU on
    SaudiNewsNet, 2026-12-05). ``sizes``: the documents' token counts (float64, not
    all zero); ``docfreq``: each type's number of runs. NaN for a type that does not
    occur.
    """
    s = sizes / sizes.sum()
    totals = counts.astype(np.float64)
    dev, s_of = dp_run_terms(run_doc, run_count, np.repeat(totals, docfreq), s)
    V = len(counts)
    covered = np.bincount(run_type, weights=s_of, minlength=V)
    absdev = np.bincount(run_type, weights=dev, minlength=V)
    return dp_from_sums(absdev, covered, totals)


def dp_run_terms(run_doc: np.ndarray, run_count: np.ndarray, run_totals: np.ndarray,
                 s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two terms of each (type, document) run that :func:`dp_of_runs` sums per
    type: ``|v/f - s|`` and ``s`` of the run's document (``run_totals``: the type's
    frequency ``f`` per run; ``s``: each document's share of the tokens)."""
    s_of = s[run_doc]
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = run_count / run_totals
        dev -= s_of
        np.abs(dev, out=dev)
    return dev, s_of


def dp_from_sums(absdev: np.ndarray, covered: np.ndarray, totals: np.ndarray
                 ) -> np.ndarray:
    """Gries' DP of each type from the per-type sums of :func:`dp_run_terms`; NaN for
    a type that does not occur (``totals`` 0)."""
    with np.errstate(invalid="ignore"):
        out = 0.5 * (absdev + (1.0 - covered))
    return np.where(totals > 0, np.clip(out, 0.0, 1.0), np.nan)


def type_doc_stats(ids: np.ndarray, token_doc: np.ndarray, doc_offsets: np.ndarray,
                   counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Document frequency (int64) and Gries' DP over documents weighted by their
    length (float64) of every type, one corpus part's tokens ``ids`` (``counts``:
    their type counts, the vocabulary size is its length).

    Examples
    --------
    >>> docfreq, dp = type_doc_stats(np.array([0, 1, 0]), np.array([0, 0, 1]),
    ...                              np.array([0, 2, 3]), np.array([2, 1]))
    >>> docfreq.tolist(), [round(float(x), 4) for x in dp]
    ([2, 1], [0.1667, 0.3333])
    """
    n_types = len(counts)
    sizes = np.diff(doc_offsets).astype(np.float64)
    run_type, run_doc, run_count = doc_runs(ids, token_doc, n_types, len(sizes))
    docfreq = np.bincount(run_type, minlength=n_types)
    if not sizes.size or sizes.sum() == 0:
        return docfreq, np.full(n_types, np.nan)  # no token: no type occurs
    return docfreq, dp_of_runs(run_type, run_doc, run_count, counts, docfreq, sizes)


def layer_map(surface_ids: np.ndarray, layer_ids: np.ndarray, n_surface: int
              ) -> np.ndarray:
    """The layer id of each surface type (int64; -1 where the type is absent), from
    the surface and layer ids of the same tokens (every layer is a function of the
    surface type)."""
    out = np.full(n_surface, -1, dtype=np.int64)
    out[surface_ids] = layer_ids
    return out


def most_frequent_forms(counts: np.ndarray, layer_of: np.ndarray, n_layer: int
                        ) -> np.ndarray:
    """For each layer type, the surface id with the highest count among the surface
    types mapped to it (``counts``: surface type frequencies; ``layer_of``: see
    :func:`layer_map`); ties go to the smallest surface id (seen first); -1 for a
    type none maps to.

    Examples
    --------
    >>> most_frequent_forms(np.array([1, 2, 2, 0]), np.array([0, 0, 1, 1]), 3).tolist()
    [1, 2, -1]
    """
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
    return ids


def form_ids(surface_ids: np.ndarray, layer_ids: np.ndarray, surface_counts: np.ndarray,
             n_layer: int) -> np.ndarray:
    """Surface type id of the most frequent written form of every type of a layer
    (int64, -1 for a type that does not occur), from the surface and layer ids of
    one part's tokens and its surface type counts. For the surface layer itself
    (``layer_ids is surface_ids``): each type's own id."""
    if layer_ids is surface_ids:
        ids = np.arange(n_layer, dtype=np.int64)
        ids[surface_counts == 0] = -1
        return ids
    layer_of = layer_map(surface_ids, layer_ids, len(surface_counts))
    return most_frequent_forms(surface_counts, layer_of, n_layer)
