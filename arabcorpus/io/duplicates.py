"""Near-duplicate documents: MinHash LSH over word shingles of the normalized text.

News is full of copies: a Saudi Press Agency story runs in every paper, with a new
headline, a dropped paragraph or a changed word. :func:`near_duplicates` finds the
pairs of documents whose sets of word shingles (``shingle`` consecutive words of the
text normalized with ``Normalizer("search")``) have a Jaccard similarity of at least
``threshold``, and groups them into clusters (connected components). It is what
``read(..., duplicates="near")`` and ``Corpus.build(..., dedupe="near")`` use to keep
the first document of each cluster.

How it works
------------
1. Each document is normalized (search profile) and tokenized
   (:func:`arabcorpus.text.tokenize.tokenize_many`, punctuation left out); each word
   gets a 64-bit hash (BLAKE2b of the word, so the same word has the same hash in
   every call) and each run of ``shingle`` words (default 2) a 64-bit hash of
   those. A document of fewer words than ``shingle`` has one shingle, its whole
   text; a document without words has none and is never a duplicate.
2. A MinHash signature of ``num_perm`` values per document is computed in NumPy
   with ``num_perm`` seeded multiply-shift hash functions (``seed`` draws them).
3. The signatures go into a :class:`datasketch.MinHashLSH` index of ``b`` bands of
   ``r`` rows, chosen so that a pair at exactly ``threshold`` becomes a candidate
   with probability at least 0.99 (``attrs["params"]["bands"]``, ``["rows"]``).
4. For every candidate pair the exact Jaccard of the two shingle sets is computed;
   pairs with an exact Jaccard of at least ``threshold`` are reported. The MinHash
   estimate is in ``similarity``, so the frame has no false positives; a missed pair
   (a false negative of the banding) is the only error, and its rate is measured
   against brute force in ``benchmarks/news.py`` (recall 1.0 on 2,000 SaudiNewsNet
   articles at 0.8).

Why two-word shingles: each changed word changes up to ``shingle`` shingles, so a
copy with 5% of its words changed at random places has a Jaccard of about 0.82 with
2-word shingles, 0.75 with 3 and 0.6 with 5 (which only find it when the changes
sit together). On SaudiNewsNet, 2-word shingles find 6,762 pairs at 0.8 against
4,137 for 5-word ones; 40 of the added pairs drawn at random were all wire copies
(the same story, edited). Single words (``shingle=1``) find 2,909 pairs more, of
which 4 in a sample of 40 were different stories (one telegram template for two
countries, two weekly cabinet sessions); see the guide page "Near-duplicates".

Examples
--------
>>> from arabcorpus.io.duplicates import near_duplicates
>>> story = ("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض يضم "
...          "مئتي سرير ويخدم سكان الأحياء الشمالية من المدينة بحسب بيان رسمي")
>>> pairs = near_duplicates([story, "خبر آخر عن الطقس", story + " والله الموفق"])
>>> pairs[["id_a", "id_b", "jaccard"]]
  id_a id_b   jaccard
0    0    2  0.916667
>>> pairs.attrs["clusters"]
[['0', '2']]
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus.util.validate import check_int, check_number

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["near_duplicates", "NearDuplicateIndex"]

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_BATCH_DOCS = 2048
_PERM_BLOCK = 16
_VALUE_BLOCK = 1 << 18


# --------------------------------------------------------------------------- hashing
def _mix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finalizer, elementwise on uint64 (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


class _Shingler:
    """Turns texts into sorted unique arrays of uint64 shingle hashes."""

    def __init__(self, shingle: int) -> None:
        from arabcorpus.text.normalize import Normalizer

        self.k = shingle
        self.normalize_many = Normalizer("search").normalize_many
        self.words: dict[str, int] = {}
        # one odd multiplier per position in the shingle, fixed (not seeded): the
        # shingle hashes are the same in every call, only the MinHash is seeded
        rng = np.random.Generator(np.random.PCG64(0x5A1D))
        self.mult = rng.integers(1, 2 ** 63, size=shingle, dtype=np.uint64) * \
            np.uint64(2) + np.uint64(1)

    def __call__(self, texts: list[str]) -> list[np.ndarray]:
        """The sorted unique shingle hashes of each text (all texts at once)."""
        from arabcorpus.text.tokenize import tokenize_many

        words = self.words
        toks = [t.texts for t in tokenize_many(self.normalize_many(texts),
                                               punctuation=False)]
        flat = [w for t in toks for w in t]
        for w in set(flat).difference(words):
            words[w] = _word_hash(w)
        ids = np.fromiter(map(words.__getitem__, flat), dtype=np.uint64, count=len(flat))
        counts = np.array([len(t) for t in toks], dtype=np.int64)
        return self.shingles_many(ids, counts)

    def shingles_many(self, ids: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
        """Shingle hashes of documents whose word hashes are ``ids``, ``counts[d]`` of
        them for document ``d``: a shingle starts at every position with ``k`` words
        of its document from there on, and a document of fewer words than ``k``
        (but at least one) has one shingle, all its words."""
        k, n = self.k, len(ids)
        n_docs = len(counts)
        if n == 0:
            return [ids[:0] for _ in range(n_docs)]
        ends = np.cumsum(counts)
        starts = ends - counts
        doc = np.repeat(np.arange(n_docs), counts)
        pos = np.arange(n, dtype=np.int64)
        end = ends[doc]
        start = pos + k <= end
        start |= (pos == starts[doc]) & (counts[doc] < k)
        pos, doc, end = pos[start], doc[start], end[start]
        acc = np.zeros(len(pos), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(k):
                inside = pos + j < end
                word = ids[np.minimum(pos + j, n - 1)]
                acc = np.where(inside, _mix64(acc ^ (word * self.mult[j])), acc)
        order = np.lexsort((acc, doc))
        acc, doc = acc[order], doc[order]
        keep = np.ones(len(acc), dtype=bool)
        keep[1:] = (acc[1:] != acc[:-1]) | (doc[1:] != doc[:-1])
        acc, doc = acc[keep], doc[keep]
        bounds = np.searchsorted(doc, np.arange(1, n_docs))
        return np.split(acc, bounds)

    def shingles(self, ids: np.ndarray) -> np.ndarray:
        """The shingle hashes of one document whose word hashes are ``ids``."""
        return self.shingles_many(ids, np.array([len(ids)], dtype=np.int64))[0]


# --------------------------------------------------------------------------- signatures
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(0, 2 ** 63, size=num_perm, dtype=np.uint64) * np.uint64(2) + \
        np.uint64(1)
    b = rng.integers(0, 2 ** 63, size=num_perm, dtype=np.uint64)
    return a, b


def _signatures(sets: list[np.ndarray], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signatures (n_docs x num_perm, uint32) of the shingle sets: the minimum
    over each set of ``(a * x + b) >> 32`` (multiply-shift, wrapping uint64)."""
    num_perm = len(a)
    sig = np.full((len(sets), num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    full = [i for i, s in enumerate(sets) if len(s)]
    if not full:
        return sig
    values = np.concatenate([sets[i] for i in full])
    lengths = np.array([len(sets[i]) for i in full], dtype=np.int64)
    starts = np.zeros(len(full), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    rows = np.array(full, dtype=np.int64)
    # slices of at most _VALUE_BLOCK values by _PERM_BLOCK hash functions (about 32 MB
    # a block, whatever the documents' sizes); a document cut by a slice boundary gets
    # the minimum of its parts
    with np.errstate(over="ignore"):
        for v0 in range(0, len(values), _VALUE_BLOCK):
            v1 = min(len(values), v0 + _VALUE_BLOCK)
            d0 = int(np.searchsorted(starts, v0, side="right")) - 1
            d1 = int(np.searchsorted(starts, v1 - 1, side="right"))
            seg = np.maximum(starts[d0:d1], v0) - v0
            chunk = values[v0:v1, None]
            target = rows[d0:d1]
            for p0 in range(0, num_perm, _PERM_BLOCK):
                pa, pb = a[p0:p0 + _PERM_BLOCK], b[p0:p0 + _PERM_BLOCK]
                block = ((chunk * pa[None, :] + pb[None, :]) >> np.uint64(32)
                         ).astype(np.uint32)
                mins = np.minimum.reduceat(block, seg, axis=0)
                cols = slice(p0, p0 + len(pa))
                sig[target, cols] = np.minimum(sig[target, cols], mins)
    return sig


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows): the most rows per band such that a pair at ``threshold`` is a
    candidate with probability >= 0.99 (fewest candidates for that recall)."""
    best = (num_perm, 1)
    for r in range(1, num_perm + 1):
        b = num_perm // r
        if b < 1:
            break
        if 1 - (1 - threshold ** r) ** b >= 0.99:
            best = (b, r)
    return best


def _jaccard(x: np.ndarray, y: np.ndarray) -> float:
    if not len(x) or not len(y):
        return 0.0
    inter = len(np.intersect1d(x, y, assume_unique=True))
    return inter / (len(x) + len(y) - inter)


# --------------------------------------------------------------------------- input
def _texts_and_ids(docs: Any) -> tuple[Iterable[str], list[str] | None, str]:
    """(texts, ids, description) of a corpus, a stream or a list of documents/strings."""
    if isinstance(docs, (str, bytes)):
        raise TypeError("docs must be a corpus or an iterable of documents or strings, "
                        "not a single str")
    if hasattr(docs, "text") and callable(docs.text) and hasattr(docs, "__len__") \
            and hasattr(docs, "metadata"):
        n = len(docs)
        meta = docs.metadata
        ids = [str(i) for i in meta["id"]] if "id" in getattr(meta, "columns", ()) \
            else [str(i) for i in range(n)]
        return (docs.text(i) for i in range(n)), ids, f"{type(docs).__name__} of {n:,} documents"
    if not isinstance(docs, Iterable):
        raise TypeError(f"docs must be a corpus or an iterable of documents or strings, "
                        f"got {type(docs).__name__}")
    return docs, None, ""


class NearDuplicateIndex:
    """The shingle sets and MinHash signatures of a collection, and the pairs found.

    The engine of :func:`near_duplicates`; ``read(..., duplicates="near")`` uses it
    on the documents of one pass. Add texts with :meth:`add`, then call
    :meth:`pairs`.

    Examples
    --------
    >>> index = NearDuplicateIndex(threshold=0.5, shingle=2)
    >>> index.add(["a b c d", "a b c d e", "x y z"], ["d1", "d2", "d3"])
    >>> index.pairs()[["id_a", "id_b", "jaccard"]]
      id_a id_b  jaccard
    0   d1   d2     0.75
    """

    def __init__(self, *, threshold: float = 0.8, seed: int = 0, shingle: int = 2,
                 num_perm: int = 128) -> None:
        self.threshold = check_number(threshold, "threshold", minimum=0.0, maximum=1.0)
        if self.threshold <= 0:
            raise ValueError("threshold must be > 0, got 0")
        self.seed = check_int(seed, "seed", minimum=0)
        self.shingle = check_int(shingle, "shingle", minimum=1)
        self.num_perm = check_int(num_perm, "num_perm", minimum=2, maximum=1024)
        self.ids: list[str] = []
        self.sets: list[np.ndarray] = []
        self._shingler = _Shingler(self.shingle)

    def add(self, texts: list[str], ids: list[str]) -> None:
        """Add documents (their texts and ids, in order)."""
        self.sets += self._shingler(list(texts))
        self.ids += [str(i) for i in ids]

    def __len__(self) -> int:
        return len(self.ids)

    def params(self) -> dict:
        """The settings, with the bands and rows per band of the LSH index."""
        bands, rows = _bands(self.threshold, self.num_perm)
        return {"threshold": self.threshold, "seed": self.seed, "shingle": self.shingle,
                "num_perm": self.num_perm, "bands": bands, "rows": rows}

    def candidates(self, sig: np.ndarray) -> np.ndarray:
        """Candidate pairs (i < j, sorted rows of an int64 array of shape (n, 2)) of
        the signatures ``sig``, from a :class:`datasketch.MinHashLSH` index of
        :meth:`params`' bands; documents without shingles are left out."""
        from datasketch import LeanMinHash, MinHashLSH

        bands, rows = _bands(self.threshold, self.num_perm)
        lsh = MinHashLSH(num_perm=self.num_perm, params=(bands, rows))
        # datasketch >= 2 asks which hash scheme made the values: ours are 32-bit
        scheme = {"scheme": "affine32"} if "scheme" in inspect.signature(
            LeanMinHash.__init__).parameters else {}
        hashes = []
        with lsh.insertion_session() as session:
            for i in range(len(sig)):
                if not len(self.sets[i]):
                    hashes.append(None)
                    continue
                m = LeanMinHash(seed=self.seed, hashvalues=sig[i], **scheme)
                hashes.append(m)
                session.insert(i, m, check_duplication=False)
        found = []
        for i, m in enumerate(hashes):
            if m is None:
                continue
            for j in lsh.query(m):
                if j > i:
                    found.append((i, j))
        if not found:
            return np.zeros((0, 2), dtype=np.int64)
        return np.unique(np.array(found, dtype=np.int64), axis=0)

    def pairs(self) -> "pd.DataFrame":
        """The pairs with an exact Jaccard >= threshold, as :func:`near_duplicates`
        returns them (with ``attrs["clusters"]``, ``attrs["params"]``)."""
        import pandas as pd

        a, b = _permutations(self.num_perm, self.seed)
        sig = _signatures(self.sets, a, b)
        cand = self.candidates(sig)
        rows = []
        for i, j in cand.tolist():
            jac = _jaccard(self.sets[i], self.sets[j])
            if jac >= self.threshold:
                est = float(np.mean(sig[i] == sig[j]))
                rows.append((i, j, jac, est))
        frame = pd.DataFrame({
            "id_a": pd.Series([self.ids[r[0]] for r in rows], dtype=object),
            "id_b": pd.Series([self.ids[r[1]] for r in rows], dtype=object),
            "doc_a": np.array([r[0] for r in rows], dtype=np.int64),
            "doc_b": np.array([r[1] for r in rows], dtype=np.int64),
            "similarity": np.array([r[3] for r in rows], dtype=np.float64),
            "jaccard": np.array([r[2] for r in rows], dtype=np.float64),
        })
        labels, members = _components(len(self.ids), frame["doc_a"].to_numpy(),
                                      frame["doc_b"].to_numpy())
        frame["cluster"] = labels[frame["doc_a"].to_numpy()] if len(frame) else \
            np.zeros(0, dtype=np.int64)
        frame.attrs["clusters"] = [[self.ids[i] for i in m] for m in members]
        frame.attrs["params"] = self.params()
        return frame


def _components(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
    """Cluster number of each document (-1: in no pair) and the members of each
    cluster (in document order), clusters numbered by their first document."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    in_pair = np.unique(np.concatenate([a, b]))  # sorted: each cluster's first first
    labels = np.full(n, -1, dtype=np.int64)
    members: list[list[int]] = []
    number: dict[int, int] = {}
    for x in in_pair.tolist():
        c = number.setdefault(int(component[x]), len(members))
        if c == len(members):
            members.append([])
        members[c].append(x)
        labels[x] = c
    return labels, members


def near_duplicates(docs: Any, *, threshold: float = 0.8, seed: int = 0,
                    shingle: int = 2, num_perm: int = 128) -> "pd.DataFrame":
    """Pairs of near-duplicate documents and their clusters (MinHash LSH).

    Parameters
    ----------
    docs : Corpus, DocumentStream, or iterable of Document or str
        The documents. A corpus is read through ``len(corpus)``, ``corpus.text(i)``
        and its ``id`` metadata column; strings get the ids ``"0"``, ``"1"``, ...
    threshold : float, default 0.8
        The least Jaccard similarity of two documents' shingle sets for them to be
        near duplicates (0 < threshold <= 1).
    seed : int, default 0
        Seeds the MinHash hash functions: the same seed gives the same frame.
    shingle : int, default 2
        Words per shingle (of the text normalized with ``Normalizer("search")``,
        punctuation left out). 2 finds a copy with 5% of its words changed at
        random places (Jaccard about 0.82); 5 finds only copies edited in a few
        places.
    num_perm : int, default 128
        Hash functions (values per MinHash signature).

    Returns
    -------
    pandas.DataFrame
        One row per pair with an **exact** Jaccard >= ``threshold``, ordered by
        ``doc_a``, ``doc_b``: ``id_a``, ``id_b`` (document ids, ``id_a`` the earlier
        one), ``doc_a``, ``doc_b`` (positions in the input), ``similarity`` (the
        MinHash estimate of the Jaccard), ``jaccard`` (the exact Jaccard of the two
        shingle sets) and ``cluster`` (the connected component the pair belongs to,
        numbered from 0 in the order of each cluster's first document).
        ``attrs["clusters"]`` lists the ids of each cluster in input order (the first
        is the one deduplication keeps); ``attrs["params"]`` holds the arguments, the
        bands and rows of the LSH index, ``corpus`` and ``n_docs``.

    Raises
    ------
    TypeError
        If ``docs`` is a str or not iterable, or an option has the wrong type.
    ValueError
        If ``threshold`` is not in (0, 1], or ``shingle`` < 1.

    See Also
    --------
    arabcorpus.io.readers.read : ``duplicates="near"`` drops them while reading.

    Notes
    -----
    Candidates come from MinHash LSH (:class:`datasketch.MinHashLSH`); the exact
    Jaccard is then computed for each of them and only pairs at or above
    ``threshold`` are kept, so there are no false positives, and the recall against
    brute force (every pair) is at least 0.99 for a pair at exactly the threshold
    and higher above it. On all of SaudiNewsNet (about 31,000 articles) the call
    takes 20 to 30 s and under 700 MB on a 2-core machine (``benchmarks/news.py``).

    Examples
    --------
    >>> import arabcorpus as ac
    >>> docs = ac.load_dataset("sample").to_list()
    >>> copy = ac.Document("copy", docs[3].text.replace("في", "من", 2))
    >>> pairs = ac.near_duplicates(docs + [copy])
    >>> pairs[["id_a", "id_b"]].values.tolist()
    [['sample-sport-01', 'copy']]
    >>> pairs.loc[0, ["similarity", "jaccard", "cluster"]].tolist()
    [0.9296875, 0.9340659340659341, 0.0]
    >>> pairs.attrs["clusters"]
    [['sample-sport-01', 'copy']]
    """
    index = NearDuplicateIndex(threshold=threshold, seed=seed, shingle=shingle,
                               num_perm=num_perm)
    items, ids, description = _texts_and_ids(docs)
    texts: list[str] = []
    names: list[str] = []
    n = 0
    for item in items:
        if isinstance(item, str):
            text, name = item, str(n)
        elif hasattr(item, "text") and isinstance(getattr(item, "text"), str):
            text, name = item.text, str(getattr(item, "id", n))
        else:
            raise TypeError(f"item {n} is a {type(item).__name__}, not a Document or "
                            "a str")
        texts.append(text)
        names.append(name if ids is None else ids[n])
        n += 1
        if len(texts) >= _BATCH_DOCS:
            index.add(texts, names)
            texts, names = [], []
    if texts:
        index.add(texts, names)
    frame = index.pairs()
    frame.attrs["params"].update({"corpus": description or f"{n:,} documents",
                                  "n_docs": n})
    return frame
