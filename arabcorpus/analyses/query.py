"""Shared machinery of the analyses: position index, query resolution, validation.

Private module. The analyses (:mod:`~arabcorpus.analyses.frequency`, :mod:`~arabcorpus.analyses.kwic`,
:mod:`~arabcorpus.analyses.collocations`, :mod:`~arabcorpus.analyses.keyness`,
:mod:`~arabcorpus.analyses.dispersion`) use only the interface of
:class:`~arabcorpus.corpus.base.CorpusBase`, whichever the storage (``map_reduce``
over the parts, ``gather``, ``doc_of``, ``counts``, ``ids``, ``vocab``, ``type_id``,
``token_doc``, ``metadata``, ``normalizer``, ``cache``).

Position index
--------------
For each ``(corpus, layer)`` one CSR index is built when needed and kept in the
corpus' ``cache`` dict: ``order`` (equal to ``np.argsort(ids, kind="stable")``,
computed by a counting sort, :func:`group_by_type`) lists every token position
grouped by type, in corpus order inside each type, and
``indptr = cumsum(counts(layer))`` says where each type's
positions start. The positions of type ``t`` are ``order[indptr[t]:indptr[t + 1]]``, so
a query costs the size of its answer, never a scan over all tokens.

Building the index costs about 30 scans of the ids, so the first queries of a
corpus (:func:`type_positions`, up to :data:`SCANS_BEFORE_INDEX` queries of at most
:data:`SCAN_TYPES` types each) find their positions with one scan of the ids
(``np.flatnonzero(ids == t)``) instead: a first KWIC or collocates call after a
build or a load does not pay for the index of every type.

Queries
-------
A *slot* matches one token: a word (``str``, normalized like the layer), a
:class:`re.Pattern` (``fullmatch`` against the layer's type strings, not normalized),
or a ``list``/``set`` of words and patterns (any of them). A *query* is a slot or a
phrase: a ``tuple`` of slots, or a ``str`` with spaces (each space-separated word is a
slot). With ``regex=True`` every word of a ``str`` query is a regular expression.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from arabcorpus.util import validate as V
from arabcorpus.util.validate import check_str  # noqa: F401  (the analyses' import)

# ----------------------------------------------------------------------- caching
def cache(corpus: Any) -> dict:
    """The per-corpus dict of cached analysis structures (``corpus.cache``)."""
    return corpus.cache


def check_int(value: Any, name: str, minimum: int | None = 0,
              maximum: int | None = None) -> int:
    """:func:`arabcorpus.util.validate.check_int`, with ``minimum`` also positional
    (the analyses' call form ``check_int(n, "n", 1)``)."""
    return V.check_int(value, name, minimum=minimum, maximum=maximum)


def check_layer(corpus: Any, layer: Any) -> str:
    """``layer`` if it is a layer of ``corpus``: a TypeError for a non-str, a
    ValueError listing the corpus's layers otherwise. The one layer check of the
    analyses.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> check_layer(Corpus.build(["نص"], progress=False), "lemma")
    Traceback (most recent call last):
    ...
    ValueError: unknown layer 'lemma'; valid: surface, norm
    """
    V.check_str(layer, "layer")
    return V.check_choice(layer, "layer", corpus.layers)


def check_column(corpus: Any, column: Any, name: str = "by") -> str:
    """``column`` if it is a metadata column of ``corpus`` (TypeError for a non-str
    argument ``name``, ValueError listing the columns)."""
    V.check_str(column, name)
    return V.check_choice(column, "metadata column",
                          [str(c) for c in corpus.metadata.columns])


def describe(corpus: Any) -> str:
    """A short description of a corpus for ``attrs["params"]["corpus"]``.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> describe(Corpus.build(["نص قصير", "نص"], progress=False))
    '2 documents, 3 tokens'
    """
    return f"{len(corpus)} documents, {corpus.n_tokens} tokens"


def stable_argsort(ids: np.ndarray) -> np.ndarray:
    """``np.argsort(ids, kind="stable")`` for non-negative integer ids, computed as one
    in-place sort of packed ``id << 32 | position`` int64 keys (NumPy's SIMD sort of
    int64 is several times faster than its stable argsort). Returns int64."""
    n = len(ids)
    if n >= 2**32:  # pragma: no cover - beyond packing range
        return np.argsort(ids, kind="stable")
    key = np.asarray(ids).astype(np.int64) << 32
    key |= np.arange(n, dtype=np.int64)
    key.sort()
    key &= 0xFFFFFFFF
    return key


def sorted_unique(keys: np.ndarray, sort: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Unique values and their counts by sorting (in place when ``sort``) and
    comparing neighbours; avoids ``np.unique``, whose hash-based path in NumPy 2.3+
    is slow on millions of distinct int64 keys."""
    if sort:
        keys.sort()
    if keys.size == 0:
        return keys[:0].copy(), np.zeros(0, dtype=np.int64)
    edge = np.empty(len(keys), dtype=bool)
    edge[0] = True
    np.not_equal(keys[1:], keys[:-1], out=edge[1:])
    starts = np.flatnonzero(edge)
    del edge
    counts = np.diff(np.append(starts, len(keys)))
    return keys[starts], counts


def argsort_desc(x: np.ndarray) -> np.ndarray:
    """Stable descending argsort of scores: ties keep index order, NaN last.

    The order of every ranked table (collocates, collocations, keyness).

    >>> argsort_desc(np.array([1.0, np.nan, 3.0, 1.0, -np.inf])).tolist()
    [2, 0, 3, 4, 1]
    """
    # NumPy sorts NaN (and so -NaN) after every number, +inf included
    return np.argsort(-np.asarray(x, dtype=np.float64), kind="stable")


def argsort_counts_desc(counts: np.ndarray) -> np.ndarray:
    """Stable descending argsort of non-negative integer counts (ties keep index
    order): ``np.argsort(-counts, kind="stable")``, the same order.

    Counts below 65,535 are ranked by NumPy's radix sort of 16-bit keys, and the
    few larger ones are then sorted among themselves: 1.4 ms against 6.7 ms for
    SaudiNewsNet's 261,726 norm types (2026-12-05).

    >>> argsort_counts_desc(np.array([3, 0, 70000, 3, 1])).tolist()
    [2, 0, 3, 4, 1]
    """
    counts = np.asarray(counts)
    if counts.size and counts.min() < 0:
        raise ValueError("counts must be non-negative")
    big = counts >= 65535
    key = np.where(big, 0, 65535 - np.minimum(counts, 65535)).astype(np.uint16)
    order = np.argsort(key, kind="stable")
    n_big = int(np.count_nonzero(big))
    if n_big:  # the big counts come first (key 0), in index order: rank them
        head = order[:n_big]
        order[:n_big] = head[np.argsort(-counts[head], kind="stable")]
    return order


def group_by_type(types: np.ndarray, cols: np.ndarray, n_types: int, n_cols: int,
                  data: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries ``(types[i], cols[i], data[i])`` grouped by type, as a CSR table
    ``(indptr, indices, data)``: the columns of type ``t`` are
    ``indices[indptr[t]:indptr[t + 1]]``, ascending, and the data of equal
    ``(type, col)`` entries are summed.

    SciPy's COO to CSR conversion is a counting sort, O(n + n_types) in C++:
    kept for the position index and the (type, document) counts, 7x faster than
    sorting packed int64 keys on SaudiNewsNet (8.8 M tokens: 0.24 s against 1.77 s,
    2026-12-05).

    Examples
    --------
    >>> indptr, docs, n = group_by_type(np.array([1, 0, 1, 1]), np.array([0, 0, 0, 2]),
    ...                                 2, 3, np.ones(4, np.int32))
    >>> indptr.tolist(), docs.tolist(), n.tolist()
    ([0, 1, 3], [0, 0, 2], [1, 2, 1])
    """
    import scipy.sparse as sp  # noqa: PLC0415 (heavy import, lazily)

    m = sp.csr_array((data, (types, cols)), shape=(n_types, n_cols))
    m.sum_duplicates()  # canonical: sorted columns, no repeated (type, col)
    return m.indptr, m.indices, m.data


class PositionIndex:
    """CSR index of token positions by type id (see module docstring)."""

    __slots__ = ("order", "indptr", "counts")

    def __init__(self, ids: np.ndarray, counts: np.ndarray) -> None:
        n_types = len(counts)
        self.counts = counts
        self.indptr = np.zeros(n_types + 1, dtype=np.int64)
        np.cumsum(self.counts, out=self.indptr[1:])
        n = len(ids)
        if n == 0:
            self.order = np.zeros(0, np.int32)
            return
        # a counting sort: each type's positions in corpus order, as a stable argsort
        _, order, _ = group_by_type(ids, np.arange(n, dtype=np.int64), n_types, n,
                                    np.ones(n, np.int8))
        self.order = order.astype(np.int32 if n < 2**31 else np.int64, copy=False)

    def positions(self, type_ids: np.ndarray) -> np.ndarray:
        """Sorted positions of all tokens whose type is in ``type_ids``."""
        type_ids = np.asarray(type_ids, dtype=np.int64)
        if type_ids.size == 0:
            return np.zeros(0, dtype=np.int64)
        if type_ids.size == 1:
            t = int(type_ids[0])
            return self.order[self.indptr[t]:self.indptr[t + 1]].astype(np.int64)
        starts = self.indptr[type_ids]
        lens = self.indptr[type_ids + 1] - starts
        total = int(lens.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        offs = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=offs[1:])
        idx = np.arange(total, dtype=np.int64) - np.repeat(offs - starts, lens)
        pos = self.order[idx].astype(np.int64)
        pos.sort()
        return pos


def position_index(corpus: Any, layer: str) -> PositionIndex:
    """The cached :class:`PositionIndex` of ``layer`` (built on first use, of an
    in-memory corpus or part)."""
    store = cache(corpus)
    key = ("position_index", layer)
    if key not in store:
        store[key] = PositionIndex(corpus.ids(layer), corpus.counts(layer))
    return store[key]


#: A query of at most this many types scans the ids while the corpus has no position
#: index (see :func:`type_positions`).
SCAN_TYPES = 4
#: Queries answered by a scan before the position index is built (each scan costs
#: about 1/30 of the index; SaudiNewsNet, 8.8 M tokens: 3 ms against 0.1 s).
SCANS_BEFORE_INDEX = 16


def type_positions(corpus: Any, layer: str, type_ids: np.ndarray) -> np.ndarray:
    """Sorted positions (int64) of all tokens of ``layer`` whose type is in
    ``type_ids``, in an in-memory corpus or part.

    With a position index cached, read from it; otherwise the first
    :data:`SCANS_BEFORE_INDEX` queries of at most :data:`SCAN_TYPES` types scan the
    ids once each, and later ones build the index. Both give the same positions.
    """
    type_ids = np.asarray(type_ids, dtype=np.int64)
    store = cache(corpus)
    scans_key = ("position_scans", layer)
    scans = store.get(scans_key, 0)
    if (("position_index", layer) in store or len(type_ids) > SCAN_TYPES
            or scans >= SCANS_BEFORE_INDEX):
        return position_index(corpus, layer).positions(type_ids)
    store[scans_key] = scans + 1
    if type_ids.size == 0:
        return np.zeros(0, dtype=np.int64)
    ids = corpus.ids(layer)
    if type_ids.size == 1:
        return np.flatnonzero(ids == type_ids[0])
    table = np.zeros(len(corpus.vocab(layer)), dtype=bool)
    table[type_ids] = True
    return np.flatnonzero(table[ids])


def over_parts(corpus: Any, fn: Any, args: tuple = (), doc_arrays: tuple = (),
               combine: Any = None) -> Any:
    """``corpus.map_reduce(fn, ...)``: ``fn(part, *doc_arrays_of_part, *args)``
    reduced over the parts of the corpus (an in-memory corpus is one part)."""
    return corpus.map_reduce(fn, args=args, doc_arrays=doc_arrays, combine=combine)


def type_counts(corpus: Any, layer: str) -> np.ndarray:
    """Frequency of each type id of ``layer`` (int64, length = vocabulary size):
    ``corpus.counts(layer)``, counted once per corpus and kept there."""
    return corpus.counts(layer)


def token_doc(corpus: Any) -> np.ndarray:
    return corpus.token_doc()


def doc_of(corpus: Any, positions: np.ndarray) -> np.ndarray:
    """Document index (int64) of each token position (``corpus.doc_of``)."""
    return corpus.doc_of(positions)


def gather(corpus: Any, what: str, positions: np.ndarray, layer: str = "norm"
           ) -> np.ndarray:
    """Values at token positions of ``"ids"`` (of ``layer``), ``"spans"`` or
    ``"kinds"`` (``corpus.gather``: a sharded corpus reads them from the shards
    holding the positions)."""
    return corpus.gather(what, positions, layer=layer)


def vocab_array(corpus: Any, layer: str) -> np.ndarray:
    """``vocab(layer)`` as a cached NumPy object array (fast fancy indexing)."""
    store = cache(corpus)
    key = ("vocab_array", layer)
    vocab = corpus.vocab(layer)
    hit = store.get(key)
    if hit is None or hit[0] is not vocab:
        # kept: 2.1x ``arr[:] = vocab`` (2.8 vs 6.0 ms, SaudiNewsNet's 261,726 norm
        # types, 2026-12-05)
        arr = np.fromiter(vocab, dtype=object, count=len(vocab))
        hit = (vocab, arr)
        store[key] = hit
    return hit[1]


def vocab_ranks(corpus: Any, layer: str) -> np.ndarray:
    """Alphabetical (code point) rank of each type id of ``layer``, cached."""
    store = cache(corpus)
    key = ("vocab_ranks", layer)
    if key not in store:
        arr = vocab_array(corpus, layer)
        order = np.argsort(arr.astype(str), kind="stable")
        ranks = np.empty(len(arr), dtype=np.int64)
        ranks[order] = np.arange(len(arr))
        store[key] = ranks
    return store[key]


def categorical(corpus: Any, layer: str, codes: np.ndarray):
    """A pandas Categorical of type strings from type ids (no per-row Python work)."""
    import pandas as pd

    store = cache(corpus)
    key = ("categories", layer)
    vocab = corpus.vocab(layer)
    hit = store.get(key)
    if hit is None or hit[0] is not vocab:
        hit = (vocab, pd.Index(vocab_array(corpus, layer), dtype=object))
        store[key] = hit
    codes = np.asarray(codes)
    if codes.dtype != np.int32:  # int32 codes are used as they are, without a copy
        codes = codes.astype(np.int64, copy=False)
    return pd.Categorical.from_codes(codes, categories=hit[1], validate=False)


# ----------------------------------------------------------------------- queries
def _normalize_word(corpus: Any, layer: str, word: str) -> str:
    if layer == "surface":
        return word
    norm = corpus.normalizer(word)
    if layer == "norm":
        return norm
    if layer == "stem" and getattr(corpus, "stemmer", None):
        from arabcorpus.text.stem import Stemmer

        store = cache(corpus)
        key = ("stemmer", corpus.stemmer)
        if key not in store:
            store[key] = Stemmer(corpus.stemmer)
        return store[key].stem(norm)
    if layer == "lemma":
        return _lemma_of(corpus, word)
    if layer == "base":
        if corpus.type_id("base", norm) is not None:
            return norm  # already a base type (not split again)
        from arabcorpus.corpus.layers import bases  # the base exactly as the build derives it

        return corpus.normalizer(bases([word])[0])
    if layer == "clitics":  # a clitics type is looked up as written (وال+, +ها)
        return word
    return norm


def _lemma_of(corpus: Any, word: str) -> str:
    """The lemma of a query word on the ``lemma`` layer: the corpus's lemmatizer's
    lemma when it is known by name; a word that is a lemma type already is kept (a
    custom lemmatizer cannot be called again after a save)."""
    name = getattr(corpus, "lemmatizer", None)
    if name in (None, "custom"):
        return word
    from arabcorpus.text.lemma import Lemmatizer

    store = cache(corpus)
    key = ("lemmatizer", name)
    if key not in store:
        store[key] = Lemmatizer(name)
    lemma = store[key](word)
    if corpus.type_id("lemma", lemma) is None and corpus.type_id("lemma", word) \
            is not None:
        return word  # the query is itself a lemma of the corpus
    return lemma


def _pattern_ids(corpus: Any, layer: str, pattern: re.Pattern) -> np.ndarray:
    arr = vocab_array(corpus, layer)
    fm = pattern.fullmatch
    hits = [i for i, s in enumerate(arr.tolist()) if fm(s)]
    return np.asarray(hits, dtype=np.int64)


def slot_ids(corpus: Any, layer: str, slot: Any, regex: bool = False) -> np.ndarray:
    """Sorted unique type ids matched by one slot (word, pattern or list of them)."""
    if isinstance(slot, re.Pattern):
        return _pattern_ids(corpus, layer, slot)
    if isinstance(slot, str):
        if regex:
            try:
                return _pattern_ids(corpus, layer, re.compile(slot))
            except re.error as exc:
                raise ValueError(f"bad regular expression {slot!r}: {exc}") from exc
        t = corpus.type_id(layer, _normalize_word(corpus, layer, slot))
        return np.zeros(0, np.int64) if t is None else np.asarray([t], np.int64)
    if isinstance(slot, (list, set, frozenset)):
        if not slot:
            raise ValueError("an empty list of words matches nothing; give at least one")
        parts = [slot_ids(corpus, layer, s, regex) for s in slot
                 if _check_slot_item(s)]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int64)
    raise TypeError(f"a query slot must be a str, a re.Pattern or a list of them, "
                    f"got {type(slot).__name__}")


def _check_slot_item(item: Any) -> bool:
    if not isinstance(item, (str, re.Pattern)):
        raise TypeError(f"query list items must be str or re.Pattern, got "
                        f"{type(item).__name__}")
    return True


def parse_query(query: Any, regex: bool = False) -> list[Any]:
    """Split a query into its slots (see module docstring)."""
    if isinstance(query, str):
        words = query.split()
        if not words:
            raise ValueError("empty query")
        return words
    if isinstance(query, tuple):
        if not query:
            raise ValueError("empty phrase query")
        out: list[Any] = []
        for q in query:
            if isinstance(q, str) and not regex and len(q.split()) > 1:
                out.extend(q.split())
            else:
                out.append(q)
        return out
    if isinstance(query, (re.Pattern, list, set, frozenset)):
        return [query]
    raise TypeError(f"query must be a str, re.Pattern, list (alternatives) or tuple "
                    f"(phrase), got {type(query).__name__}")


def query_label(query: Any) -> str:
    if isinstance(query, re.Pattern):
        return query.pattern
    if isinstance(query, (list, set, frozenset)):
        return "|".join(query_label(q) for q in query)
    if isinstance(query, tuple):
        return " ".join(query_label(q) for q in query)
    return str(query)


def find(corpus: Any, layer: str, query: Any, regex: bool = False
         ) -> tuple[np.ndarray, int]:
    """Start positions (sorted, int64) of the query's matches, and its length in
    tokens. A phrase never crosses a document boundary. Each part's matches are
    found in it and shifted to corpus positions."""
    m = len(parse_query(query, regex))  # errors before any part is opened
    if not corpus.n_parts:
        return np.zeros(0, np.int64), m
    pos, m, _ = corpus.map_reduce(_find_in_part, args=(layer, query, regex),
                                  combine=_concat_found)
    return pos, m


def _find_in_part(part: Any, layer: str, query: Any, regex: bool):
    """:func:`find` in one in-memory part: (positions, length, part tokens)."""
    slots = parse_query(query, regex)
    first = slot_ids(part, layer, slots[0], regex)
    pos = type_positions(part, layer, first)
    m = len(slots)
    if m > 1 and pos.size:
        ids = part.ids(layer)
        n = len(ids)
        tdoc = part.token_doc()
        vsize = len(part.vocab(layer))
        for k, slot in enumerate(slots[1:], start=1):
            table = np.zeros(vsize, dtype=bool)
            table[slot_ids(part, layer, slot, regex)] = True
            pos = pos[pos + k < n]
            nxt = pos + k
            pos = pos[(tdoc[nxt] == tdoc[pos]) & table[ids[nxt]]]
            if not pos.size:
                break
    return pos, m, part.n_tokens


def _concat_found(a, b):
    """Concatenate the matches of consecutive shards, shifting the second ones."""
    pa, m, na = a
    pb, _, nb = b
    return np.concatenate([pa, pb + na]), m, na + nb
