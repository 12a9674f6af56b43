"""The interface every corpus storage implements: :class:`CorpusBase`.

A corpus is a sequence of documents whose tokens are integer ids, one array per
*layer* (``surface``, ``norm``...), with one vocabulary per layer. Two storages
implement it:

- :class:`~arabcorpus.corpus.memory.Corpus`: everything in memory (or memory-mapped
  from one folder); it is its own one *part*;
- :class:`~arabcorpus.corpus.sharded.ShardedCorpus`: shards on disk, each a
  :class:`~arabcorpus.corpus.memory.Corpus` over the one global vocabulary; its parts
  are its shards.

The analyses use only this interface, never the storage: they count part by part
with :meth:`CorpusBase.map_reduce` (a function of one in-memory part, and a function
adding two results), read values at token positions with :meth:`CorpusBase.gather`
and :meth:`CorpusBase.doc_of`, and take type counts from :meth:`CorpusBase.counts`
(computed once per corpus and layer, and kept).

What a storage implements: ``__len__``, ``n_tokens``, ``n_parts``, :meth:`parts`,
:meth:`map_reduce`, :meth:`gather`, :meth:`doc_of`, :meth:`ids`, the arrays
(``doc_offsets``, ``spans``, ``kinds``), ``metadata``, ``texts``, the settings
(``normalizer``, ``stemmer``, ``lemmatizer``, ``punctuation``), ``_take`` (the
subcorpus of given documents, in the order given) and ``__repr__``. Everything else
is implemented here, once.

Examples
--------
>>> from arabcorpus.corpus import Corpus, CorpusBase
>>> c = Corpus.build(["قال الوزير", "قال المتحدث"], progress=False)
>>> isinstance(c, CorpusBase), c.n_parts, c.n_docs
(True, 1, 2)
>>> int(c.map_reduce(lambda part, layer: part.counts(layer).sum(), args=("norm",)))
4
>>> c.gather("ids", [0, 2], layer="surface").tolist(), c.doc_of([1, 2]).tolist()
([0, 0], [0, 1])
"""

from __future__ import annotations

import abc
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus.corpus.format import _is_missing
from arabcorpus.util.validate import check_str

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse

__all__ = ["CorpusBase", "BowCorpus", "Vocabulary", "add_counts"]

_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def add_counts(a: Any, b: Any) -> Any:
    """The default reduce step of :meth:`CorpusBase.map_reduce`: add arrays and
    numbers, element by element in tuples, lists and dicts.

    >>> add_counts((1, [2, 3]), (10, [20, 30]))
    (11, [22, 33])
    """
    if isinstance(a, tuple):
        return tuple(add_counts(x, y) for x, y in zip(a, b))
    if isinstance(a, list):
        return [add_counts(x, y) for x, y in zip(a, b)]
    if isinstance(a, dict):
        return {k: add_counts(a[k], b[k]) for k in a}
    return a + b


#: Ids counted by one ``np.bincount`` in :func:`_type_counts`.
COUNT_CHUNK = 1 << 20


def _type_counts(part: Any, layer: str, n_types: int) -> np.ndarray:
    """The map step of :meth:`CorpusBase.counts`: ``bincount`` of one part's ids,
    :data:`COUNT_CHUNK` ids at a time. Kept: ``np.bincount`` makes an int64 copy of
    the int32 ids it is given, 70 MB for all of SaudiNewsNet's 8.8 M tokens at once
    (the peak of ``Corpus.save``), 8 MB in chunks, in 0.015 s instead of 0.03-0.1 s
    (2026-12-05)."""
    ids = part.ids(layer)
    counts = np.zeros(n_types, np.int64)
    for start in range(0, len(ids), COUNT_CHUNK):
        counts += np.bincount(ids[start:start + COUNT_CHUNK], minlength=n_types)
    return counts


class Vocabulary:
    """Type strings of one layer (id = position) with a lazily built reverse index.

    One instance is shared by a corpus and all its subcorpora. The first
    :data:`SCANS_BEFORE_INDEX` lookups (:meth:`get`) scan the strings
    (``list.index``, 0.02-2 ms on SaudiNewsNet's 261,726 types, frequent types
    first) instead of building the reverse index (0.12-0.3 s, 2026-12-05), so a
    first query after a build or a load does not pay for the index of every type.
    """

    __slots__ = ("strings", "_index", "_scans")

    #: Lookups answered by a scan before the reverse index is built.
    SCANS_BEFORE_INDEX = 16

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self._index: dict[str, int] | None = None
        self._scans = 0

    def __len__(self) -> int:
        return len(self.strings)

    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {s: i for i, s in enumerate(self.strings)}
        return self._index

    def get(self, s: str) -> int | None:
        """The id of the type ``s``, or None (types are unique, so a scan and the
        reverse index give the same id)."""
        if self._index is None and self._scans < self.SCANS_BEFORE_INDEX:
            self._scans += 1
            try:
                return self.strings.index(s)
            except ValueError:
                return None
        return self.index().get(s)


class BowCorpus:
    """A streamed, restartable bag-of-words corpus over a :class:`Corpus` layer.

    Iterating yields one gensim document per corpus document: a list of
    ``(token_id, count)`` pairs sorted by id, where ids are those of the
    :class:`gensim.corpora.Dictionary` given. The counts come from the corpus'
    document-term matrix (:meth:`Corpus.dtm`); the mapping from corpus type ids to
    dictionary ids is rebuilt at the start of every pass, so filtering the dictionary
    (``filter_extremes``, ``filter_tokens``) between passes is followed: removed types
    disappear from the stream and the new ids are used.

    Parameters
    ----------
    dtm : scipy.sparse.csr_matrix
        Documents x corpus types counts.
    vocab : list of str
        The layer's type strings (column ``j`` is ``vocab[j]``).
    dictionary : gensim.corpora.Dictionary
        The dictionary whose ids the stream uses.
    """

    def __init__(self, dtm: "scipy.sparse.csr_matrix", vocab: list[str], dictionary: Any):
        self.dtm = dtm
        self.vocab = vocab
        self.dictionary = dictionary

    def __len__(self) -> int:
        return self.dtm.shape[0]

    def _lookup(self) -> np.ndarray:
        t2i = self.dictionary.token2id
        lookup = np.full(len(self.vocab), -1, dtype=np.int64)
        # the columns in use, in order (np.unique's hash path in NumPy 2.3+ took
        # 1.0 s for 5 M ids where bincount takes milliseconds, 2026-12-05)
        present = np.flatnonzero(np.bincount(self.dtm.indices,
                                             minlength=len(self.vocab)))
        for j in present.tolist():
            gid = t2i.get(self.vocab[j])
            if gid is not None:
                lookup[j] = gid
        return lookup

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        lookup = self._lookup()
        indptr, indices, data = self.dtm.indptr, self.dtm.indices, self.dtm.data
        kept = lookup[lookup >= 0]
        monotonic = bool(np.all(np.diff(kept) > 0)) if kept.size else True
        for d in range(self.dtm.shape[0]):
            a, b = indptr[d], indptr[d + 1]
            gids = lookup[indices[a:b]]
            counts = data[a:b]
            keep = gids >= 0
            gids, counts = gids[keep], counts[keep]
            if not monotonic:
                order = np.argsort(gids, kind="stable")
                gids, counts = gids[order], counts[order]
            yield list(zip(gids.tolist(), counts.tolist()))


class CorpusBase(abc.ABC):
    """An indexed corpus, whatever its storage (see the module docstring).

    Subclasses call :meth:`_init_base` with their vocabularies (one
    :class:`Vocabulary` per layer, shared with their subcorpora and parts).
    """

    _vocabs: dict[str, Vocabulary]

    def _init_base(self, vocabs: dict[str, Vocabulary]) -> None:
        self._vocabs = vocabs
        self._counts: dict[str, np.ndarray] = {}
        self._token_doc: np.ndarray | None = None
        self._id_index: dict[str, int] | None = None
        self._cache: dict = {}

    # ------------------------------------------------------------------ storage
    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of documents."""

    @property
    @abc.abstractmethod
    def n_tokens(self) -> int:
        """Number of indexed token positions."""

    @property
    @abc.abstractmethod
    def n_parts(self) -> int:
        """Number of parts :meth:`map_reduce` runs over (1 for an in-memory corpus,
        the number of shards for a sharded one)."""

    @abc.abstractmethod
    def parts(self) -> Iterator[Any]:
        """The parts, one after the other, each an in-memory
        :class:`~arabcorpus.corpus.memory.Corpus` over this corpus' vocabularies (the
        corpus itself when it is in memory)."""

    @abc.abstractmethod
    def map_reduce(self, fn: Callable, *, args: tuple = (), doc_arrays: tuple = (),
                   combine: Callable | None = None) -> Any:
        """``combine`` of ``fn(part, *doc_arrays_of_part, *args)`` over the parts, in
        order (None when there is no part).

        ``doc_arrays`` are arrays with one value per document of this corpus; each
        part receives its own slice. ``combine(a, b)`` adds the results of two
        consecutive parts (default :func:`add_counts`). ``fn`` and ``combine`` must
        be module-level functions when the parts may run as Dask tasks (they are
        pickled). An in-memory corpus is one part: ``fn(corpus, *doc_arrays, *args)``.
        """

    @abc.abstractmethod
    def gather(self, what: str, positions: Any, *, layer: str = "norm") -> np.ndarray:
        """Values at token ``positions`` (any shape) of ``"ids"`` (of ``layer``),
        ``"spans"`` or ``"kinds"``; the result has the shape of ``positions``
        (plus 2 for spans)."""

    @abc.abstractmethod
    def doc_of(self, positions: Any) -> np.ndarray:
        """Document index (int64) of each token position."""

    @abc.abstractmethod
    def ids(self, layer: str = "norm") -> np.ndarray:
        """``int32`` type ids of every token position in ``layer`` (read-only)."""

    @property
    @abc.abstractmethod
    def doc_offsets(self) -> np.ndarray:
        """``int64`` CSR offsets, length ``len(corpus) + 1`` (read-only)."""

    @property
    @abc.abstractmethod
    def spans(self) -> np.ndarray:
        """``int32`` ``(n_tokens, 2)`` character ``[start, end)`` in each original text."""

    @property
    @abc.abstractmethod
    def kinds(self) -> np.ndarray:
        """``uint8`` :data:`arabcorpus.text.tokenize.KINDS` code of each token."""

    @property
    @abc.abstractmethod
    def metadata(self) -> "pd.DataFrame":
        """One row per document: ``id`` plus meta columns (``date`` as datetime64)."""

    @property
    @abc.abstractmethod
    def texts(self) -> Sequence[str]:
        """The original texts, in document order (a read-only sequence of str)."""

    @property
    @abc.abstractmethod
    def normalizer(self) -> Any:
        """The :class:`~arabcorpus.text.normalize.Normalizer` of the ``norm`` layer."""

    @property
    @abc.abstractmethod
    def stemmer(self) -> str | None:
        """Name of the stemmer of the ``stem`` layer, or None."""

    @property
    @abc.abstractmethod
    def lemmatizer(self) -> str | None:
        """Name of the lemmatizer backend of the ``lemma`` layer (``"custom"`` for a
        callable or analyzer object), or None without a lemma layer."""

    @property
    @abc.abstractmethod
    def punctuation(self) -> bool:
        """Whether punctuation tokens are indexed."""

    @abc.abstractmethod
    def _take(self, idx: np.ndarray) -> "CorpusBase":
        """The documents ``idx`` (in that order, repeats allowed) as a corpus of the
        same storage, sharing the vocabularies."""

    # ------------------------------------------------------------------ shared
    @property
    def n_docs(self) -> int:
        """Number of documents (``len(corpus)``)."""
        return len(self)

    @property
    def layers(self) -> tuple[str, ...]:
        """Names of the layers, e.g. ``("surface", "norm")`` or with ``"stem"``."""
        return tuple(self._vocabs)

    @property
    def profile(self) -> str:
        """Name of the normalization profile of the ``norm`` layer."""
        return self.normalizer.profile

    @property
    def cache(self) -> dict:
        """A dict in which the analyses keep what they derive from this corpus
        (position indexes, vocabulary arrays...); it goes with the corpus."""
        return self._cache

    def _check_layer(self, layer: Any) -> str:
        check_str(layer, "layer")
        if layer not in self._vocabs:
            raise ValueError(f"unknown layer {layer!r}; this corpus has "
                             f"{', '.join(self._vocabs)}")
        return layer

    def vocab(self, layer: str = "norm") -> list[str]:
        """Type strings of ``layer``: ``vocab(layer)[id]``. Shared with subcorpora;
        do not modify."""
        return self._vocabs[self._check_layer(layer)].strings

    def type_id(self, layer: str, s: str) -> int | None:
        """Id of the type ``s`` (exact, already normalized) in ``layer``, or None.

        Examples
        --------
        >>> from arabcorpus.corpus import Corpus
        >>> c = Corpus.build(["الكتابُ مفيد"], progress=False)
        >>> c.type_id("norm", "الكتاب"), c.type_id("norm", "قلم")
        (0, None)
        """
        check_str(s, "s")
        return self._vocabs[self._check_layer(layer)].get(s)

    def counts(self, layer: str = "norm") -> np.ndarray:
        """``int64`` frequency of every type of ``layer`` in this corpus
        (length ``len(vocab(layer))``; 0 for types only in a parent corpus), counted
        part by part on first use and kept: the one cache of type counts."""
        layer = self._check_layer(layer)
        if layer not in self._counts:
            n = len(self._vocabs[layer])
            counts = self.map_reduce(_type_counts, args=(layer, n))
            self._counts[layer] = _readonly(np.zeros(n, np.int64) if counts is None
                                            else counts)
        return self._counts[layer]

    def n_types(self, layer: str = "norm") -> int:
        """Number of types of ``layer`` that occur in this corpus (frequency > 0)."""
        return int(np.count_nonzero(self.counts(layer)))

    def token_doc(self) -> np.ndarray:
        """``int32`` document index of each token position (read-only, cached)."""
        if self._token_doc is None:
            self._token_doc = _readonly(np.repeat(
                np.arange(len(self), dtype=np.int32), np.diff(self.doc_offsets)))
        return self._token_doc

    def doc_index(self, doc: int | str) -> int:
        """Index of a document given by index (negative allowed) or by id.

        Raises
        ------
        TypeError
            If ``doc`` is neither an int nor a str.
        IndexError
            For an index out of range.
        KeyError
            For an unknown id; ValueError for an id shared by several documents.
        """
        if isinstance(doc, (bool, np.bool_)):
            raise TypeError("doc must be an int index or a str id, got bool")
        if isinstance(doc, (int, np.integer)):
            n = len(self)
            d = int(doc)
            if not -n <= d < n:
                raise IndexError(f"document index {d} out of range for {n} documents")
            return d % n
        if isinstance(doc, str):
            if self._id_index is None:
                ids = self.metadata["id"].astype(str).tolist()
                index: dict[str, int] = {}
                dup: set[str] = set()
                for i, x in enumerate(ids):
                    if x in index:
                        dup.add(x)
                    else:
                        index[x] = i
                for x in dup:
                    index[x] = -1
                self._id_index = index
            d = self._id_index.get(doc)
            if d is None:
                raise KeyError(f"no document with id {doc!r}")
            if d < 0:
                raise ValueError(f"document id {doc!r} is shared by several documents; "
                                 f"use an index")
            return d
        raise TypeError(f"doc must be an int index or a str id, got {type(doc).__name__}")

    def text(self, doc: int | str) -> str:
        """Original text of a document (by index or id)."""
        return self.texts[self.doc_index(doc)]

    def tokens(self, doc: int | str, layer: str = "norm") -> list[str]:
        """Token strings of one document in ``layer``."""
        d = self.doc_index(doc)
        vocab = self.vocab(layer)
        a, b = int(self.doc_offsets[d]), int(self.doc_offsets[d + 1])
        ids = self.gather("ids", np.arange(a, b, dtype=np.int64), layer=layer)
        return [vocab[i] for i in ids.tolist()]

    # ------------------------------------------------------------------ subcorpora

    def subcorpus(
        self,
        mask: Any = None,
        *,
        query: str | None = None,
        start: Any = None,
        end: Any = None,
        **columns: Any,
    ) -> "CorpusBase":
        """Select documents; the result shares this corpus' vocabularies (same ids).

        All criteria given are combined with AND. Document order is kept. The
        subcorpus keeps the parent's ``normalizer``, settings and ``load_report``.

        Parameters
        ----------
        mask : array-like of bool or of int, optional
            Boolean mask over documents (length ``len(corpus)``), or document indices
            (taken in the order given).
        query : str, optional
            A :meth:`pandas.DataFrame.query` expression over the metadata,
            e.g. ``"source == 'okaz'"``.
        start, end : date-like, optional
            Inclusive range on the ``date`` column. A date without a time of day
            includes the whole of that day.
        **columns
            ``column=value`` (equality) or ``column=[v1, v2, ...]`` (any of them). On
            a datetime column a 2-tuple ``(start, end)`` is an inclusive range
            (either end may be None).

        Returns
        -------
        Corpus or ShardedCorpus
            Of the same storage as this corpus.

        Raises
        ------
        ValueError
            For an unknown column (listing the columns), a bad query, a mask of the
            wrong length, or a date range on a corpus without a ``date`` column.

        Examples
        --------
        >>> import pandas as pd
        >>> from arabcorpus.io.readers import Document
        >>> docs = [Document("a", "خبر من عكاظ", {"source": "okaz", "date": "2015-07-21"}),
        ...         Document("b", "خبر من سبق", {"source": "sabq", "date": "2015-08-01"})]
        >>> from arabcorpus.corpus import Corpus
        >>> from arabcorpus.corpus import Corpus
        >>> c = Corpus.build(docs, progress=False)
        >>> sub = c.subcorpus(source="okaz")
        >>> len(sub), sub.tokens(0, "surface")
        (1, ['خبر', 'من', 'عكاظ'])
        >>> sub.vocab("norm") is c.vocab("norm")
        True
        >>> len(c.subcorpus(date=("2015-07-01", "2015-07-31")))
        1
        >>> len(c.subcorpus(query="source in ['okaz', 'sabq']"))
        2
        """
        import pandas as pd

        md = self.metadata
        n = len(self)
        sel = np.ones(n, dtype=bool)
        order: np.ndarray | None = None

        if mask is not None:
            m = np.asarray(mask.to_numpy() if isinstance(mask, pd.Series) else mask)
            if m.dtype == bool:
                if m.shape != (n,):
                    raise ValueError(f"mask has shape {m.shape}, expected ({n},): one "
                                     f"value per document")
                sel &= m
            elif np.issubdtype(m.dtype, np.integer) and m.ndim == 1:
                if m.size and (m.max() >= n or m.min() < -n):
                    raise ValueError(f"document indices out of range for {n} documents")
                order = np.where(m < 0, m + n, m).astype(np.int64)
            elif m.size == 0:
                order = np.zeros(0, dtype=np.int64)
            else:
                raise TypeError(f"mask must be booleans or integer indices, got dtype "
                                f"{m.dtype}")

        for col, value in columns.items():
            if col not in md.columns:
                raise ValueError(f"unknown metadata column {col!r}; columns are "
                                 f"{', '.join(map(str, md.columns))}")
            sel &= self._column_mask(col, value)

        if start is not None or end is not None:
            if "date" not in md.columns:
                raise ValueError(f"start/end select on the 'date' column, which this "
                                 f"corpus lacks; columns are "
                                 f"{', '.join(map(str, md.columns))}")
            sel &= self._column_mask("date", (start, end))

        if query is not None:
            check_str(query, "query")
            try:
                hits = md.query(query)
            except Exception as exc:  # pandas raises many kinds
                raise ValueError(f"bad metadata query {query!r}: {exc}; columns are "
                                 f"{', '.join(map(str, md.columns))}") from exc
            qmask = np.zeros(n, dtype=bool)
            qmask[md.index.get_indexer(hits.index)] = True
            sel &= qmask

        if order is None:
            idx = np.flatnonzero(sel)
        else:
            idx = order[sel[order]]
        return self._take(idx)

    def _column_mask(self, col: str, value: Any) -> np.ndarray:
        import pandas as pd

        series = self.metadata[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            if isinstance(value, tuple):
                if len(value) != 2:
                    raise ValueError(f"a date range is a 2-tuple (start, end), got "
                                     f"{len(value)} values")
                lo, hi = value
                m = np.ones(len(series), dtype=bool)
                if lo is not None:
                    m &= (series >= _timestamp(lo, series)).to_numpy()
                if hi is not None:
                    stamp = _timestamp(hi, series)
                    if isinstance(hi, str) and _DATE_ONLY.match(hi):
                        m &= (series < stamp + pd.Timedelta(days=1)).to_numpy()
                    else:
                        m &= (series <= stamp).to_numpy()
                return m
            values = value if isinstance(value, (list, set, frozenset, np.ndarray,
                                                  pd.Index, pd.Series)) else [value]
            stamps = [_timestamp(v, series) for v in values]
            day_only = all(s == s.normalize() for s in stamps)
            target = series.dt.normalize() if day_only else series
            return target.isin(stamps).to_numpy()
        if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Index,
                              pd.Series)):
            return series.isin(list(value)).to_numpy()
        if _is_missing(value):
            return series.isna().to_numpy()
        return (series == value).fillna(False).to_numpy(dtype=bool)

    # ------------------------------------------------------------------ exports

    def dtm(self, layer: str = "norm") -> "scipy.sparse.csr_matrix":
        """Document-term matrix: ``scipy.sparse.csr_matrix`` of ``int32`` counts,
        shape ``(len(corpus), len(vocab(layer)))``; column ``j`` is ``vocab(layer)[j]``.

        Built without Python loops: the CSR structure is ``(ones, ids, doc_offsets)``
        and duplicate entries are summed.

        Examples
        --------
        >>> from arabcorpus.corpus import Corpus
        >>> c = Corpus.build(["قال قال نعم", "نعم"], progress=False)
        >>> c.dtm("surface").toarray().tolist()
        [[2, 1], [0, 1]]
        """
        import scipy.sparse as sp

        ids = self.ids(layer)
        m = sp.csr_matrix(
            (np.ones(len(ids), dtype=np.int32), np.array(ids, dtype=np.int32),
             np.array(self.doc_offsets, dtype=np.int64)),
            shape=(len(self), len(self.vocab(layer))))
        m.sum_duplicates()  # also sorts the column indices of each row
        return m

    def to_nltk_text(self, layer: str = "norm", name: str | None = None) -> Any:
        """An :class:`nltk.text.Text` over the layer's token strings (all documents
        concatenated; NLTK does not know document boundaries).

        Examples
        --------
        >>> from arabcorpus.corpus import Corpus
        >>> c = Corpus.build(["هذا كتاب", "هذا قلم"], progress=False)
        >>> c.to_nltk_text("surface").count("هذا")
        2
        """
        from nltk.text import Text

        vocab = np.asarray(self.vocab(layer), dtype=object)
        tokens = vocab[self.ids(layer)].tolist()
        return Text(tokens, name=name or f"arabcorpus {layer} layer")

    def to_gensim(self, layer: str = "norm") -> tuple[Any, BowCorpus]:
        """A gensim :class:`~gensim.corpora.Dictionary` and a restartable
        bag-of-words stream (:class:`BowCorpus`) of this corpus' ``layer``.

        The dictionary holds the types that occur in this corpus, with gensim ids
        ``0..k-1`` in the order of the corpus type ids, and its ``dfs``/``cfs``/
        ``num_docs``/``num_pos``/``num_nnz`` filled from the counts. gensim is an
        optional dependency (``pip install "gensim>=4.3"``), imported here.

        Examples
        --------
        >>> from arabcorpus.corpus import Corpus
        >>> c = Corpus.build(["قال قال نعم", "نعم"], progress=False)
        >>> dictionary, bow = c.to_gensim("surface")
        >>> [[(dictionary[i], n) for i, n in doc] for doc in bow]
        [[('قال', 2), ('نعم', 1)], [('نعم', 1)]]
        """
        try:
            from gensim.corpora import Dictionary
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError('to_gensim needs gensim: pip install "gensim>=4.3"') from exc
        vocab = self.vocab(layer)
        m = self.dtm(layer)
        cfs = self.counts(layer)
        dfs = np.bincount(m.indices, minlength=len(vocab))
        present = np.flatnonzero(cfs)
        d = Dictionary()
        d.token2id = {vocab[j]: g for g, j in enumerate(present.tolist())}
        d.cfs = dict(enumerate(cfs[present].tolist()))
        d.dfs = dict(enumerate(dfs[present].tolist()))
        d.num_docs = len(self)
        d.num_pos = self.n_tokens
        d.num_nnz = int(m.nnz)
        return d, BowCorpus(m, vocab, d)


def _timestamp(value: Any, series: "pd.Series") -> "pd.Timestamp":
    import pandas as pd

    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"cannot read {value!r} as a date: {exc}") from exc
    tz = getattr(series.dt, "tz", None)
    if tz is not None and ts.tzinfo is None:
        ts = ts.tz_localize(tz)
    return ts
