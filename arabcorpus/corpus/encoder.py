"""Type ids in order of first occurrence, from two 64-bit hashes of each string.

Every string, or token span, is hashed twice (:func:`_span_hashes`, vectorized NumPy
over UTF-32 code points); the first hash is the key, the second checks it, and on a
collision the exact strings decide, with the same ids. Two users of these hashes:

- :class:`TypeEncoder`: the surface ids of a build (:mod:`arabcorpus.corpus.builder`),
  from the token spans of each batch of texts, no string made per token;
- :class:`FirstSeenIds`: the merge of the vocabularies of the partitions of a Dask
  build (:mod:`arabcorpus.dask`), hashed by the workers (:func:`joined_hashes`) and
  matched on the client against sorted runs of hashes, without a Python loop over
  the types.

Examples
--------
>>> enc = TypeEncoder()
>>> text = "كتب قلم كتب"
>>> enc.encode([text], [np.array([0, 4, 8])], [np.array([3, 7, 11])]).tolist()
[0, 1, 0]
>>> ids = FirstSeenIds()
>>> ids.add(string_hashes(["قلم", "دفتر"]), ["قلم", "دفتر"]).tolist(), ids.strings
([0, 1], ['قلم', 'دفتر'])
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

__all__ = ["TypeEncoder", "FirstSeenIds", "SpanKeys", "Slices", "span_keys",
           "batch_spans", "first_occurrences", "string_hashes", "joined_hashes"]

_HASH_BASES = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


_POWER_BLOCK = 4096


class _Scratch:
    """A growable ``uint64`` work buffer, reused from batch to batch: large temporary
    arrays are not allocated (and page-faulted in) again for every batch, which costs
    kernel time and memory bandwidth, the more so when several worker processes share
    a machine or malloc returns freed memory to the system at once (Dask workers)."""

    def __init__(self) -> None:
        self._buf = np.empty(0, dtype=np.uint64)

    def get(self, n: int) -> np.ndarray:
        if len(self._buf) < n:
            self._buf = np.empty(max(n, len(self._buf) * 5 // 4), dtype=np.uint64)
        return self._buf[:n]


def _span_hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 scratch: _Scratch | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Two independent 64-bit polynomial hashes of the code point spans ``[s, e)``.

    ``h = sum_j cps[s + j] * B**j (mod 2**64)``, computed for all spans at once from
    prefix sums: ``(P[e] - P[s]) * B**-s`` (``B`` odd, hence invertible mod 2**64),
    then mixed with the span length. Karp & Rabin (1987), "Efficient randomized
    pattern-matching algorithms", IBM J. Res. Dev. 31(2).

    Powers are taken from two short tables (``B**i = B**(4096 q) * B**r``), so the
    only array as long as the text is the prefix sum, built in ``scratch`` if given.
    """
    n = len(cps)
    block = _POWER_BLOCK
    rows = n // block + 1  # starts may equal n (an empty span at the end)
    size = 1 + rows * block
    buf = scratch.get(size) if scratch is not None else np.empty(size, dtype=np.uint64)
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    lengths = (ends - starts).astype(np.uint64)
    s_low, s_high = starts % block, starts // block
    out = []
    with np.errstate(over="ignore"):
        for base in _HASH_BASES:
            small, big, inv_small, inv_big = _power_tables(base, rows)
            buf[0] = 0
            buf[1:n + 1] = cps
            buf[n + 1:] = 0
            body = buf[1:].reshape(rows, block)
            body *= small  # buf[1 + i] = cps[i] * B**i
            body *= big[:, None]
            np.cumsum(buf, out=buf)  # buf[i] = P[i] = sum of the first i terms
            h = buf[ends]
            h -= buf[starts]
            h *= inv_small[s_low]
            h *= inv_big[s_high]
            h *= base
            h += lengths
            out.append(h)
    _exact_long_spans(cps, starts, ends, out[0], out[1])
    return out[0], out[1]


# Polynomial hashes mod 2**64 collide for some structured strings whatever the odd
# bases: a Thue-Morse word of 2**11 letters and its mirror hash the same under both
# (Pachocki & Radoszewski (2013), "Where to use and how not to use polynomial string
# hashing", Olympiads in Informatics 7). Spans longer than this are hashed by BLAKE2b
# instead; such tokens are rare, so a Python loop over them costs nothing measurable.
_LONG_SPAN = 256


def _exact_long_spans(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                      h1: np.ndarray, h2: np.ndarray) -> None:
    """Overwrite ``h1``/``h2`` of spans longer than ``_LONG_SPAN`` with the two halves
    of their 16-byte BLAKE2b digest."""
    for i in np.flatnonzero(ends - starts > _LONG_SPAN):
        digest = hashlib.blake2b(cps[starts[i]:ends[i]].tobytes(), digest_size=16)
        h1[i], h2[i] = np.frombuffer(digest.digest(), dtype=np.uint64)


def string_hashes(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_span_hashes` of whole strings (equal strings, equal hashes)."""
    ends = np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
    return joined_hashes("".join(strings), ends)


def joined_hashes(text: str, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`string_hashes` of strings given joined, as ``text`` and the end offset
    of each in it."""
    if not len(ends):
        return np.zeros(0, np.uint64), np.zeros(0, np.uint64)
    starts = np.zeros(len(ends), dtype=np.int64)
    starts[1:] = ends[:-1]
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _span_hashes(cps, starts, ends)


_TABLES: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}


def _power_tables(base: np.uint64, rows: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``B**r`` and ``B**(block q)`` for ``r < block``, ``q < rows``, and the same for
    ``B**-1`` (all mod 2**64); cached, grown when more rows are needed."""
    cached = _TABLES.get(int(base))
    if cached is not None and len(cached[1]) >= rows:
        return cached[0], cached[1][:rows], cached[2], cached[3][:rows]
    grown = max(rows, 2 * len(cached[1]) if cached is not None else 0, 1024)
    inv = np.uint64(pow(int(base), -1, 1 << 64))
    tables = []
    with np.errstate(over="ignore"):
        for b in (base, inv):
            small = np.full(_POWER_BLOCK, b, dtype=np.uint64)
            small[0] = 1
            np.cumprod(small, out=small)
            big = np.full(grown, small[-1] * b, dtype=np.uint64)  # b**block
            big[0] = 1
            np.cumprod(big, out=big)
            tables += [small, big]
    # a new tuple replaces the old at once (threads may be reading the old one)
    _TABLES[int(base)] = (tables[0], tables[1], tables[2], tables[3])
    return tables[0], tables[1][:rows], tables[2], tables[3][:rows]

class SpanKeys(NamedTuple):
    """The distinct types of a batch of token spans, as :func:`span_keys` finds them:
    ``codes[i]`` numbers the type of span ``i`` in order of first occurrence; type
    ``k`` has the hashes ``h1[k]``, ``h2[k]`` and first occurs at span ``first[k]``."""

    codes: np.ndarray  # int64, one per span
    h1: np.ndarray     # uint64, one per type
    h2: np.ndarray     # uint64, one per type
    first: np.ndarray  # int64, one per type


def first_occurrences(codes: np.ndarray) -> np.ndarray:
    """The position of the first occurrence of each code, for codes numbered in order
    of first occurrence (as :func:`pandas.factorize` numbers them): a code occurs first
    where the running maximum grows.

    >>> first_occurrences(np.array([0, 1, 0, 2, 1, 3])).tolist()
    [0, 1, 3, 5]
    """
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    running = np.maximum.accumulate(codes)
    grows = np.empty(len(codes), dtype=bool)
    grows[0] = True
    np.greater(running[1:], running[:-1], out=grows[1:])
    return np.flatnonzero(grows)


def span_keys(h1: np.ndarray, h2: np.ndarray) -> SpanKeys | None:
    """:class:`SpanKeys` of spans from their two hashes (:func:`_span_hashes`), or None
    if two different spans share the first hash (the second disagrees).

    The first hash is factorized with pandas (a hash table in C); no Python code runs
    per span.
    """
    import pandas as pd

    codes, uniques = pd.factorize(h1, sort=False)
    first = first_occurrences(codes)
    u2 = h2[first]
    if not np.array_equal(h2, u2[codes]):
        return None  # two different tokens share h1 within the batch
    return SpanKeys(codes, np.asarray(uniques, dtype=np.uint64), u2, first)


def batch_spans(texts: Sequence[str], starts: Sequence[np.ndarray],
                ends: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The spans (int64) of the texts' tokens in the texts joined without a
    separator."""
    base = np.zeros(len(texts), dtype=np.int64)
    np.cumsum([len(t) for t in texts[:-1]], out=base[1:])
    shift = np.repeat(base, [len(a) for a in starts])
    if not len(shift):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    gs = np.concatenate(starts).astype(np.int64) + shift
    ge = np.concatenate(ends).astype(np.int64) + shift
    return gs, ge


class Slices:
    """The strings ``joined[starts[k]:ends[k]]``, sliced only when taken
    (``take(indices)``), as :meth:`TypeEncoder.encode_keys` takes the new types."""

    def __init__(self, joined: str, starts: np.ndarray, ends: np.ndarray) -> None:
        self.joined, self.starts, self.ends = joined, starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def take(self, indices: np.ndarray) -> list[str]:
        joined = self.joined
        return [joined[a:b] for a, b in zip(self.starts[indices].tolist(),
                                            self.ends[indices].tolist())]


class TypeEncoder:
    """Type ids in order of first occurrence of the token spans of batches of texts:
    ``strings[id]`` is the type.

    Each batch (:meth:`encode`) is encoded without making one Python string per
    token: the batch's texts are joined and viewed as UTF-32 code points, every token
    span gets two independent 64-bit hashes (:func:`_span_hashes`, vectorized), the
    first hash is factorized with pandas (:func:`span_keys`), and the batch's distinct
    hashes are looked up among those of the earlier batches (:class:`FirstSeenIds`:
    sorted runs of hashes, NumPy binary search); a string is sliced once per *new*
    type. The hashes may come from another process (a build's tokenizing process,
    :mod:`arabcorpus.corpus.batches`): :meth:`encode_keys` takes the keys.

    The second hash verifies the first: if two different tokens ever shared the first
    hash (probability about ``types**2 / 2**65``), the disagreement of the second
    is detected and the encoder switches, for good, to exact string keys
    (:meth:`encode_exact`), so the result is the same either way (ids in order of first
    occurrence).
    """

    def __init__(self) -> None:
        self._index: FirstSeenIds | None = FirstSeenIds()
        self.strings: list[str] = self._index.strings
        self._by_string: dict[str, int] | None = None
        self._scratch = _Scratch()

    def close(self) -> None:
        """Drop the lookup tables and the work buffer (``strings`` stays)."""
        self._index = self._by_string = None
        self._scratch = _Scratch()

    def __len__(self) -> int:
        return len(self.strings)

    @property
    def exact(self) -> bool:
        """True once a hash collision has switched the encoder to string keys."""
        return self._index is None

    def encode(self, texts: list[str], starts: list[np.ndarray],
               ends: list[np.ndarray]) -> np.ndarray:
        """The type id of each token span ``texts[i][starts[i][j]:ends[i][j]]``, in
        order (one int32 array for the whole batch)."""
        joined = "".join(texts)
        gs, ge = batch_spans(texts, starts, ends)
        if not len(gs):
            return np.zeros(0, dtype=np.int32)
        if self._index is not None:
            cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"),
                                dtype=np.uint32)
            keys = span_keys(*_span_hashes(cps, gs, ge, self._scratch))
            del cps
            strings = Slices(joined, gs[keys.first], ge[keys.first]) if keys else None
            ids = self.encode_keys(keys, strings)
            if ids is not None:
                return ids
        return self.encode_exact(joined, gs, ge)

    def encode_keys(self, keys: SpanKeys | None, strings: Any) -> np.ndarray | None:
        """The type ids (int32) of a batch of spans from their :func:`span_keys`;
        ``strings.take(indices)`` gives the strings of the batch's types ``indices``
        (:class:`Slices`). None if the keys are None or collide with an earlier
        batch's: the encoder is then exact for good (:meth:`encode_exact`)."""
        index = self._index
        if index is None:
            return None
        if keys is not None:
            gid = index.add_distinct(keys.h1, keys.h2, strings)
            if gid is not None:
                return gid[keys.codes]
        # a collision (no type of this batch was added): string keys from now on
        self._index = None
        self._by_string = {s: i for i, s in enumerate(self.strings)}
        return None

    def encode_exact(self, joined: str, starts: np.ndarray, ends: np.ndarray
                     ) -> np.ndarray:
        """The type ids of the spans ``joined[starts[i]:ends[i]]``, by string keys."""
        if self._by_string is None:
            self._by_string = {s: i for i, s in enumerate(self.strings)}
            self._index = None
        index = self._by_string
        strings = self.strings
        out = np.empty(len(starts), dtype=np.int32)
        for j, (a, b) in enumerate(zip(starts.tolist(), ends.tolist())):
            tok = joined[a:b]
            gid = index.get(tok)
            if gid is None:
                gid = index[tok] = len(strings)
                strings.append(tok)
            out[j] = gid
        return out


def _take(strings: Sequence[str], indices: np.ndarray) -> list[str]:
    """``[strings[i] for i in indices]``, without a Python loop for packed strings."""
    if hasattr(strings, "take"):
        return strings.take(indices)
    return [strings[i] for i in indices.tolist()]


class FirstSeenIds:
    """Global ids, in order of first occurrence, of strings that arrive in batches.

    Strings are matched by the first of their two 64-bit hashes
    (:func:`string_hashes`) against the hashes seen so far, kept
    as a few sorted runs (a new batch's hashes form a run; runs of similar size are
    merged, so each hash is copied O(log n) times over a build and a lookup searches
    O(log n) runs); no Python dict of all types is kept. The second hash checks the
    first. On a collision (two different strings, one first hash, within a batch or
    against an earlier one) the rest is matched by the strings themselves, with the
    same ids as if no hash had been used.
    """

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their ids)
        self._check = np.zeros(0, np.uint64)  # the second hash of each id
        self._by_string: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.strings)

    def add(self, hashes: tuple[np.ndarray, np.ndarray], strings: Sequence[str]
            ) -> np.ndarray:
        """The global id of each string (new strings get the next ids, in order)."""
        if self._by_string is None:
            ids = self._add_hashed(*hashes, strings)
            if ids is not None:
                return ids
            self._by_string = {s: i for i, s in enumerate(self.strings)}
            self._runs = []
        index, out = self._by_string, np.empty(len(strings), np.int32)
        for j, s in enumerate(strings):
            g = index.get(s)
            if g is None:
                g = index[s] = len(self.strings)
                self.strings.append(s)
            out[j] = g
        return out

    def _lookup(self, keys: np.ndarray) -> np.ndarray:
        """The id of each key seen before, else -1."""
        gid = np.full(len(keys), -1, np.int64)
        order = np.argsort(keys)  # sorted queries search faster
        queries = keys[order]
        for run_keys, run_ids in self._runs:
            pos = np.minimum(np.searchsorted(run_keys, queries), len(run_keys) - 1)
            hit = run_keys[pos] == queries
            gid[order[hit]] = run_ids[pos[hit]]
        return gid

    def _add_run(self, keys: np.ndarray, ids: np.ndarray) -> None:
        order = np.argsort(keys)
        self._runs.append((keys[order], ids[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (k2, i2), (k1, i1) = self._runs.pop(), self._runs.pop()
            keys, ids = np.concatenate([k1, k2]), np.concatenate([i1, i2])
            order = np.argsort(keys, kind="stable")
            self._runs.append((keys[order], ids[order]))

    def _add_hashed(self, h1: np.ndarray, h2: np.ndarray, strings: Sequence[str]
                    ) -> np.ndarray | None:
        import pandas as pd

        if not len(h1):
            return np.zeros(0, np.int32)
        codes, uniques = pd.factorize(h1, sort=False)
        uniques = np.asarray(uniques, dtype=np.uint64)
        first = np.unique(codes, return_index=True)[1]
        u2 = h2[first]
        if not np.array_equal(h2, u2[codes]):
            return None  # two strings of the batch share a first hash
        gid = self.add_distinct(uniques, u2, _Picked(strings, first))
        return None if gid is None else gid[codes]

    def add_distinct(self, h1: np.ndarray, h2: np.ndarray, strings: Any
                     ) -> np.ndarray | None:
        """The global ids (int32) of distinct strings given by their two hashes; new
        ones get the next ids, in order, their strings taken from ``strings`` (a
        sequence, or an object with ``take(indices)``) only for them. None, and
        nothing added, if a first hash equals an older string's but the second does
        not (a collision)."""
        gid = self._lookup(h1)
        found = gid >= 0
        if not np.array_equal(self._check[gid[found]], h2[found]):
            return None  # a string of the batch shares a first hash with an older one
        new = np.flatnonzero(~found)
        gid[new] = len(self.strings) + np.arange(len(new))
        self.strings.extend(_take(strings, new))
        self._check = np.concatenate([self._check, h2[new]])
        if len(new):
            self._add_run(h1[new], gid[new])
        return gid.astype(np.int32)


class _Picked:
    """``strings[positions[k]]`` for the ``k`` taken (the first occurrence of each
    distinct string of a batch)."""

    def __init__(self, strings: Sequence[str], positions: np.ndarray) -> None:
        self.strings, self.positions = strings, positions

    def take(self, indices: np.ndarray) -> list[str]:
        return _take(self.strings, self.positions[indices])
