"""The documents a topic model reads: the filtered token stream of a corpus and
gensim's input built from it.

:class:`~arabcorpus.analyses.topics.TopicModel` filters a layer's tokens on the
corpus's integer arrays (:func:`_filter_part`, one corpus or shard at a time, in the
order of :data:`_STAGES`, then document frequency), keeps the result as a
:class:`_Prepared` stream, and gives gensim its dictionary and a restartable bag of
words read from CSR arrays (:class:`_GensimBow`), never a list of token strings.
Fitting, coherence, saving and :func:`~arabcorpus.analyses.topics.choose_k` all read
the same :class:`_Prepared`.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import numpy as np

from arabcorpus.analyses import query as Q

_NUMBER_KIND = 2  # tokenize.KINDS.index("number"); checked against KINDS at run time


def _number_kind() -> int:
    try:
        from arabcorpus.text.tokenize import KINDS
    except ImportError:  # pragma: no cover - tokenize is part of the package
        return _NUMBER_KIND
    return KINDS.index("number")


def _is_number(s: str) -> bool:
    """True for a type made of digits (any script) and numeric separators only."""
    core = s.replace(".", "").replace(",", "").replace("\u066b", "").replace("\u066c", "")
    core = core.replace("_", "").replace("%", "").replace("\u066a", "")
    return bool(core) and core.isdigit()


# --------------------------------------------------------------------------- data
class _GensimBow:
    """A gensim ``Dictionary`` and a restartable bag-of-words stream of a token stream.

    The one place this module builds gensim's input (fitting, coherence, saving and
    :func:`choose_k` all read it). ``tokens`` holds type ids ``0..V-1`` in corpus
    order and ``offsets`` the CSR document boundaries into it; one sort of
    ``document * V + type`` gives every document's ``(type, count)`` pairs sorted by
    type, and the dictionary's ids are the type ids, its ``dfs``, ``cfs``,
    ``num_docs``, ``num_pos`` and ``num_nnz`` counted from the same arrays. It knows
    nothing of filters: on a layer's unfiltered ids it gives what
    ``Corpus.to_gensim`` gives.
    """

    def __init__(self, types: list[str], tokens: np.ndarray, offsets: np.ndarray) -> None:
        self.types = types
        n_docs = len(offsets) - 1
        V = len(types)
        self.n_docs = n_docs
        self.n_tokens = int(len(tokens))
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
        # sorted in place, not np.unique (0.75 s against 0.86 s on 6 M keys, 2026-12-05)
        pairs, counts = Q.sorted_unique(doc * V + np.asarray(tokens, dtype=np.int64))
        pdoc = pairs // V if V else pairs
        self.indices = (pairs % V).astype(np.int32) if V else pairs.astype(np.int32)
        self.counts = counts.astype(np.int64)
        self.indptr = np.concatenate(
            ([0], np.cumsum(np.bincount(pdoc, minlength=n_docs)))).astype(np.int64)
        self.dfs = np.bincount(self.indices, minlength=V)
        self.cfs = np.bincount(tokens, minlength=V)
        self._dictionary = None

    @property
    def dictionary(self):
        """A gensim ``Dictionary`` over ``types`` (ids = type ids)."""
        if self._dictionary is None:
            from gensim.corpora import Dictionary

            d = Dictionary()
            d.token2id = {t: i for i, t in enumerate(self.types)}
            d.dfs = dict(enumerate(self.dfs.tolist()))
            d.cfs = dict(enumerate(self.cfs.tolist()))
            d.num_docs = self.n_docs
            d.num_pos = self.n_tokens
            d.num_nnz = int(len(self.indices))
            self._dictionary = d
        return self._dictionary

    def stream(self, bar: Any = None, passes: int = 1) -> "_BowCorpus":
        """The bag of words; ``bar`` (a tqdm bar) counts the documents read."""
        return _BowCorpus(self, bar, passes)


class _BowCorpus:
    """Restartable bag-of-words stream in gensim's format, read from CSR arrays.

    With a ``bar``, every document gensim reads moves it on: the progress of training
    is the progress of gensim's passes over this stream, so no log is read and no
    logger is touched.
    """

    def __init__(self, bow: _GensimBow, bar: Any = None, passes: int = 1) -> None:
        self._b = bow
        self._bar = bar
        self._passes = passes
        self._pass = 0

    def __len__(self) -> int:
        return self._b.n_docs

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        b = self._b
        ind, cnt, ptr = b.indices.tolist(), b.counts.tolist(), b.indptr.tolist()
        bar = self._bar
        if bar is None:
            for i in range(b.n_docs):
                yield list(zip(ind[ptr[i]:ptr[i + 1]], cnt[ptr[i]:ptr[i + 1]]))
            return
        self._pass += 1
        bar.set_postfix_str(f"pass {min(self._pass, self._passes)}/{self._passes}",
                            refresh=False)
        step, read = 64, 0
        for i in range(b.n_docs):
            yield list(zip(ind[ptr[i]:ptr[i + 1]], cnt[ptr[i]:ptr[i + 1]]))
            read += 1
            if read == step:
                bar.update(read)
                read = 0
        bar.update(read)


class _Prepared:
    """Filtered token stream of a corpus, shared by fitting, coherence and saving.

    ``tokens`` holds the kept type ids (0..V-1) of every kept token in corpus order,
    ``offsets`` the CSR document boundaries into it; ``types`` the kept type strings
    and ``labels`` their most frequent surface form; ``gensim`` gensim's dictionary
    and bag of words of them.
    """

    def __init__(self, types: list[str], labels: list[str], tokens: np.ndarray,
                 offsets: np.ndarray, report: Any, fingerprint: str) -> None:
        self.types = types
        self.labels = labels
        self.tokens = tokens
        self.offsets = offsets
        self.report = report
        self.fingerprint = fingerprint
        self.gensim = _GensimBow(types, tokens, offsets)

    @property
    def n_docs(self) -> int:
        return len(self.offsets) - 1

    @property
    def dictionary(self):
        """A gensim ``Dictionary`` over the kept types (ids = our type ids)."""
        return self.gensim.dictionary

    def bow(self, bar: Any = None, passes: int = 1) -> _BowCorpus:
        return self.gensim.stream(bar, passes)

    def texts(self) -> list[list[str]]:
        """Kept tokens of each document as strings (for gensim's CoherenceModel)."""
        arr = np.array(self.types, dtype=object)
        o = self.offsets
        return [arr[self.tokens[o[i]:o[i + 1]]].tolist() for i in range(self.n_docs)]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Segments:
    """Restartable stream of runs of kept tokens (as strings), for gensim ``Phrases``."""

    def __init__(self, vocab_arr: np.ndarray, ids: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray) -> None:
        self.vocab_arr, self.ids, self.starts, self.ends = vocab_arr, ids, starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self) -> Iterator[list[str]]:
        v, ids = self.vocab_arr, self.ids
        for a, b in zip(self.starts.tolist(), self.ends.tolist()):
            yield v[ids[a:b]].tolist()


_STAGES = ("stopwords", "numbers", "min_length")


def _filter_part(part: Any, layer: str, masks: dict, number_kind: int, V: int,
                 with_mask: bool = False):
    """The token filters (in the order of ``_STAGES``) on one corpus or shard.

    Returns the type counts before the first filter and after each one, the tokens
    each filter removed, the kept tokens with their (part-local) documents, the
    number of documents, and with ``with_mask`` the boolean mask of kept positions.
    """
    ids = np.asarray(part.ids(layer))
    counts = [np.bincount(ids, minlength=V)]
    removed = []
    keep = np.ones(len(ids), dtype=bool)
    for name in _STAGES:
        mask = masks.get(name)
        if mask is None:
            counts.append(counts[-1])
            removed.append(0)
            continue
        if name == "stopwords":
            drop = mask[np.asarray(part.ids("norm"))]
        elif name == "numbers":
            drop = mask[ids] | (np.asarray(part.kinds) == number_kind)
        else:
            drop = mask[ids]
        newly = drop & keep
        keep[newly] = False
        counts.append(np.bincount(ids[keep], minlength=V))
        removed.append(int(newly.sum()))
    offsets = np.asarray(part.doc_offsets, dtype=np.int64)
    doc_of = np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
    out = (counts, removed, ids[keep].astype(np.int64), doc_of[keep], len(offsets) - 1)
    return out + (keep,) if with_mask else out


def _combine_filtered(a, b):
    """Add the counts of two consecutive shards and join their kept tokens."""
    return ([x + y for x, y in zip(a[0], b[0])], [x + y for x, y in zip(a[1], b[1])],
            np.concatenate([a[2], b[2]]), np.concatenate([a[3], b[3] + a[4]]),
            a[4] + b[4])
