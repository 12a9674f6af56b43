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

__all__ = ["doc_runs", "radix_runs", "dp_of_runs", "dp_run_terms", "dp_from_sums",
           "TypeDocSums", "type_doc_stats",
           "doc_chunks", "CHUNK_TOKENS", "layer_map", "most_frequent_forms", "form_ids"]


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


def radix_runs(ids: np.ndarray, token_doc: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs of :func:`doc_runs` (``run_type`` and ``run_doc`` of the inputs'
    dtypes, ``run_count`` int32), for tokens in document order (``token_doc`` not
    decreasing) whose ids are below 2**32 and whose documents hold fewer than 2**31
    tokens each: the same arrays, sorted by type then document.

    A stable sort of the ids by their low, then their high 16 bits (NumPy's radix
    sort of 16-bit keys, O(n)) keeps each type's tokens in document order; a run
    starts where the type or the document changes. Kept for the chunks of
    :func:`type_doc_stats`: as fast as SciPy's conversion (0.20 against 0.19-0.28 s
    for SaudiNewsNet's surface layer in chunks of 2**18 tokens), without walking every
    type for each chunk, so smaller chunks cost no more, and without importing SciPy
    in a save (12 MB resident and 0.1-0.15 s, 2026-12-05).

    Examples
    --------
    >>> t, d, n = radix_runs(np.array([1, 0, 1, 1]), np.array([0, 0, 0, 1]))
    >>> t.tolist(), d.tolist(), n.tolist()
    ([0, 1, 1], [0, 0, 1], [1, 2, 1])
    """
    if len(ids) == 0:
        return ids[:0], token_doc[:0], np.zeros(0, np.int32)
    order = np.argsort((ids & 0xFFFF).astype(np.uint16), kind="stable")
    if int(ids.max()) > 0xFFFF:
        high = (ids >> 16).astype(np.uint16)[order]
        order = order[np.argsort(high, kind="stable")]
        del high
    types, docs = ids[order], token_doc[order]
    del order
    new = np.empty(len(types), dtype=bool)
    new[0] = True
    np.not_equal(types[1:], types[:-1], out=new[1:])
    new[1:] |= docs[1:] != docs[:-1]
    starts = np.flatnonzero(new)
    del new
    counts = np.diff(starts, append=len(types)).astype(np.int32)
    return types[starts], docs[starts], counts


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
    # 0.5 * (absdev + (1.0 - covered)), clipped to [0, 1], NaN where totals is 0,
    # in one array (+ and * commute exactly: the same floats, bit for bit; kept: 6 MB
    # less at the end of each SaudiNewsNet layer's statistics, 2026-12-05)
    with np.errstate(invalid="ignore"):
        out = np.subtract(1.0, covered)
        out += absdev
        out *= 0.5
        np.clip(out, 0.0, 1.0, out=out)
    out[~(np.asarray(totals) > 0)] = np.nan
    return out


#: Tokens per chunk of documents in :func:`type_doc_stats`: only one chunk's
#: (type, document) runs are alive at a time. Kept: on SaudiNewsNet (8.8 M tokens,
#: 261,726 norm types) the runs of the whole corpus at once took 280 MB of work
#: arrays per layer; in chunks of 2**16 tokens (135) the per-type arrays are most of
#: the 15-18 MB that remain, in 0.21-0.23 s per layer (2**15: as fast, 2**18: 0.29-0.31
#: s and 20 MB; 2026-12-05).
CHUNK_TOKENS = 1 << 16


class TypeDocSums:
    """Document frequency and the sums of Gries' DP terms of every type, added
    (type, document) run after run, in ascending document order.

    ``np.add.at`` adds each run's terms (:func:`dp_run_terms`) one at a time in the
    order given, as ``np.bincount`` does over the runs of all documents at once in
    :func:`dp_of_runs`: fed part after part (chunks of documents, shards), the result
    is the same, bit for bit, while only one part's runs are held.

    Parameters
    ----------
    counts : numpy.ndarray
        Each type's frequency in the whole corpus (the vocabulary size is its length).
    sizes : numpy.ndarray
        Each document's number of tokens, in the whole corpus.

    Examples
    --------
    >>> sums = TypeDocSums(np.array([2, 1]), np.array([2, 1]))
    >>> sums.add(np.array([0, 1]), np.array([0, 0]), np.array([1, 1]))
    >>> sums.add(np.array([0]), np.array([0]), np.array([1]), first_doc=1)
    >>> docfreq, dp = sums.result()
    >>> docfreq.tolist(), [round(float(x), 4) for x in dp]
    ([2, 1], [0.1667, 0.3333])
    """

    def __init__(self, counts: np.ndarray, sizes: np.ndarray) -> None:
        n_types = len(counts)
        sizes = np.asarray(sizes, dtype=np.float64)
        self.docfreq = np.zeros(n_types, np.int64)
        #: no token at all: no type occurs, every DP is NaN
        self.empty = not sizes.size or sizes.sum() == 0
        self._s = sizes / sizes.sum() if not self.empty else sizes
        self._totals = np.asarray(counts).astype(np.float64)
        self._covered = np.zeros(n_types)
        self._absdev = np.zeros(n_types)

    def add(self, run_type: np.ndarray, run_doc: np.ndarray, run_count: np.ndarray,
            first_doc: int = 0) -> None:
        """Add the runs of documents numbered from ``first_doc`` (``run_doc`` counts
        from 0 at that document), after those of every earlier document."""
        np.add.at(self.docfreq, run_type, 1)
        dev, s_of = dp_run_terms(run_doc, run_count, self._totals[run_type],
                                 self._s[first_doc:])
        np.add.at(self._covered, run_type, s_of)
        np.add.at(self._absdev, run_type, dev)

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """``(docfreq, dp)``: int64 document frequencies and float64 DP (NaN for a
        type that does not occur)."""
        if self.empty:
            return self.docfreq, np.full(len(self.docfreq), np.nan)
        return self.docfreq, dp_from_sums(self._absdev, self._covered, self._totals)


def doc_chunks(doc_offsets: np.ndarray, chunk_tokens: int) -> np.ndarray:
    """Document boundaries ``[0, ..., n_docs]`` (int64, strictly increasing) that cut
    the documents into consecutive chunks of whole documents: a new chunk starts at
    the document holding each multiple of ``chunk_tokens`` (a positive int) in token
    position, so a chunk holds about ``chunk_tokens`` tokens, more when one document
    alone is longer. Documents with no token join the chunk before them (the first
    chunk, at the start).

    Examples
    --------
    >>> offsets = np.array([0, 2, 2, 5, 6])  # 4 documents, the second empty
    >>> doc_chunks(offsets, 2).tolist()
    [0, 2, 4]
    >>> doc_chunks(offsets, 1).tolist()
    [0, 2, 3, 4]
    >>> doc_chunks(np.array([0]), 2).tolist()
    [0]
    """
    n_docs = len(doc_offsets) - 1
    if n_docs <= 0:
        return np.zeros(1, np.int64)
    starts = np.arange(0, int(doc_offsets[-1]), chunk_tokens, dtype=np.int64)
    # the last document starting at or before each cut holds the cut's token
    firsts = np.searchsorted(doc_offsets[:-1], starts, side="right") - 1
    # the first chunk starts at 0, empty documents before the first token included
    firsts[firsts == firsts[:1]] = 0
    return np.unique(np.concatenate([[0], firsts, [n_docs]])).astype(np.int64)


def type_doc_stats(ids: np.ndarray, token_doc: np.ndarray | None,
                   doc_offsets: np.ndarray, counts: np.ndarray, *,
                   chunk_tokens: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Document frequency (int64) and Gries' DP over documents weighted by their
    length (float64) of every type, one corpus part's tokens ``ids`` (``counts``:
    their type counts, the vocabulary size is its length).

    The documents are taken in chunks of about ``chunk_tokens`` tokens
    (:func:`doc_chunks`; None: :data:`CHUNK_TOKENS`), so that only one chunk's
    (type, document) runs (:func:`radix_runs`, the runs of :func:`doc_runs`) are
    held at a time. Each chunk adds its
    runs' terms (:func:`dp_run_terms`) to the per-type sums with ``np.add.at``, chunk
    after chunk, so every type's terms are added in ascending document order, one at
    a time, as ``np.bincount`` adds them in :func:`dp_of_runs` over the runs of all
    documents at once: the same numbers, bit for bit, for any chunk size.
    ``token_doc``: the document index of each token, or None to make each chunk's
    from ``doc_offsets`` (no array of the whole corpus's length).

    Examples
    --------
    >>> docfreq, dp = type_doc_stats(np.array([0, 1, 0]), None,
    ...                              np.array([0, 2, 3]), np.array([2, 1]))
    >>> docfreq.tolist(), [round(float(x), 4) for x in dp]
    ([2, 1], [0.1667, 0.3333])
    """
    sums = TypeDocSums(counts, np.diff(doc_offsets))
    if sums.empty:
        return sums.result()
    bounds = doc_chunks(doc_offsets, chunk_tokens or CHUNK_TOKENS).tolist()
    for first, end in zip(bounds[:-1], bounds[1:]):
        a, b = int(doc_offsets[first]), int(doc_offsets[end])
        if a == b:
            continue  # documents with no token: no run
        if token_doc is None:
            local = np.repeat(np.arange(end - first, dtype=np.int32),
                              np.diff(doc_offsets[first:end + 1]))
        else:
            local = token_doc[a:b] - np.int32(first)
        # documents numbered from the chunk's first
        run_type, run_doc, run_count = radix_runs(ids[a:b], local)
        del local
        sums.add(run_type, run_doc, run_count, first_doc=first)
    return sums.result()


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
