"""The indexed corpus: aligned integer token layers, document offsets and metadata.

A :class:`Corpus` is built once from documents (anything
:func:`arabcorpus.io.readers.as_documents` accepts) and then queried by the analyses
(frequency, KWIC, collocations, keyness, dispersion, topics) through integer arrays.

What a corpus holds
-------------------
For ``n_tokens`` token positions, concatenated over documents in order:

- one ``int32`` id per position for each *layer*: ``surface`` (the token as written),
  ``norm`` (the :class:`~arabcorpus.text.normalize.Normalizer` of the build profile applied
  to the surface type) and, optionally (``Corpus.build(docs, layers=(...))``, see
  :data:`LAYERS`), ``stem`` (a stemmer applied to the norm type), ``lemma`` (the lemma
  of the surface type), ``base`` (the surface type without its clitics, normalized)
  and ``clitics`` (the clitics split off), each derived once per vocabulary type;
- ``spans``: ``int32`` array of shape ``(n_tokens, 2)``, the ``[start, end)``
  character offsets of each token in its document's **original** text, so that
  ``text(d)[start:end]`` is the surface token;
- ``kinds``: ``uint8`` code of each token in :data:`arabcorpus.text.tokenize.KINDS`;
- ``doc_offsets``: ``int64`` array of length ``len(corpus) + 1`` (CSR style): the
  tokens of document ``d`` are positions ``doc_offsets[d]:doc_offsets[d + 1]``;
- a vocabulary per layer (``vocab(layer)[id]`` is the type string), shared by every
  subcorpus so that ids stay comparable;
- the original texts, and a pandas metadata table (one row per document: ``id`` plus
  the documents' ``meta`` keys; ``date`` parsed to ``datetime64`` when present).

Tokens whose normalized form is empty
-------------------------------------
A surface token made only of characters that the profile deletes (a run of tatweel,
stray diacritics, invisible characters) normalizes to the empty string. Such tokens are
**kept**, aligned, with the empty norm type ``""`` (``type_id("norm", "")`` finds
them), so that the invariant ``vocab("norm")[ids("norm")[i]] ==
normalizer(surface_i)`` holds for every position and nothing is dropped or silently
replaced. Analyses that want to ignore them can filter that one type id.

Building, saving and loading
----------------------------
:meth:`Corpus.build` tokenizes and encodes documents (:mod:`arabcorpus.corpus.builder`
says how, and why it is fast); :meth:`Corpus.save` and :meth:`Corpus.load` write and
read the plain files of :mod:`arabcorpus.corpus.format` (see its sections "On-disk
format" and "Saving and loading safely"). A :class:`Corpus` implements the interface
of :class:`~arabcorpus.corpus.base.CorpusBase` as one part.
"""

from __future__ import annotations

import json
import mmap
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus._version import __version__
from arabcorpus.corpus.base import BowCorpus, CorpusBase, _readonly, Vocabulary
from arabcorpus.corpus.format import (
    _OLD,
    _SAVING,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    _array_from,
    _check_manifest,
    _clean_leftovers,
    _digests,
    _identity,
    _interrupted_hint,
    _json_default,
    _leftovers,
    _open_listed,
    _parse_vocab,
    _PendingMetadata,
    _read_metadata,
    _read_metadata_v1,
    _swap_in,
    _verify,
    _write_metadata,
    _write_vocab,
    report_from_json,
    report_to_json,
)
from arabcorpus.corpus.layers import LAYERS, NO_CLITICS
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.memory import release_free_memory

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Corpus", "BowCorpus", "FORMAT_NAME", "FORMAT_VERSION", "LAYERS",
           "NO_CLITICS"]


def _stats_keys(layer: str) -> tuple[str, str, str, str]:
    """The manifest keys of a layer's per-type statistics files: type counts,
    document frequency and DP (:meth:`Corpus.type_doc_stats`), display form ids
    (:meth:`Corpus.form_ids`)."""
    return f"counts.{layer}", f"docfreq.{layer}", f"dp.{layer}", f"form_ids.{layer}"


def _check_stats(folder: Path, layer: str, n_types: int, n_tokens: int | None,
                 counts: np.ndarray, docfreq: np.ndarray, dp: np.ndarray,
                 forms: np.ndarray) -> None:
    """Raise a ValueError naming the folder if a layer's statistics files do not
    fit its vocabulary (one entry per type, the format's dtypes)."""
    for name, arr, dtype in (("counts", counts, np.int64),
                             ("docfreq", docfreq, np.int64), ("dp", dp, np.float64),
                             ("form_ids", forms, np.int64)):
        if arr.dtype != dtype or arr.shape != (n_types,):
            raise ValueError(f"{folder}: {name}.{layer}.npy holds {arr.dtype} of shape "
                             f"{arr.shape}, expected {np.dtype(dtype)} of shape "
                             f"({n_types},)")
    if n_tokens is not None and int(counts.sum()) != n_tokens:
        raise ValueError(f"{folder}: counts.{layer}.npy adds up to {int(counts.sum())} "
                         f"tokens, the manifest says {n_tokens}")


class _TextStore:
    """The original texts: a list of str, or UTF-8 bytes plus byte offsets.

    A loaded corpus keeps its texts as the bytes of ``texts.txt`` (read in one go, or
    memory-mapped) and decodes one document when it is asked for, so loading does not
    decode ~100 MB of text that frequency or collocation analyses never look at.
    """

    __slots__ = ("_list", "_buf", "_starts", "_ends")

    def __init__(self, texts: list[str] | None = None, buf: Any = None,
                 starts: np.ndarray | None = None, ends: np.ndarray | None = None):
        self._list = texts
        self._buf, self._starts, self._ends = buf, starts, ends

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else len(self._starts)

    def __getitem__(self, i: int) -> str:
        if self._list is not None:
            return self._list[i]
        return str(self._buf[int(self._starts[i]):int(self._ends[i])], "utf-8",
                   "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        if self._list is not None:
            return iter(self._list)
        return (self[i] for i in range(len(self)))

    def take(self, idx: np.ndarray) -> "_TextStore":
        if self._list is not None:
            return _TextStore([self._list[i] for i in idx.tolist()])
        return _TextStore(buf=self._buf, starts=self._starts[idx], ends=self._ends[idx])

    def write(self, path: Path) -> np.ndarray:
        """Write the texts as one UTF-8 file; return the byte offsets (n + 1)."""
        offsets = np.zeros(len(self) + 1, dtype=np.int64)
        with open(path, "wb") as fh:
            if self._list is None:  # already UTF-8: copy the bytes, no decoding
                starts, ends = self._starts, self._ends
                np.cumsum(ends - starts, out=offsets[1:])
                for a, b in zip(starts.tolist(), ends.tolist()):
                    fh.write(self._buf[a:b])
                return offsets
            for i, text in enumerate(self):
                data = text.encode("utf-8", "surrogatepass")
                fh.write(data)
                offsets[i + 1] = offsets[i] + len(data)
        return offsets

    def equals(self, other: "_TextStore") -> bool:
        if len(self) != len(other):
            return False
        if (self._list is None and other._list is None and self._buf is other._buf
                and np.array_equal(self._starts, other._starts)
                and np.array_equal(self._ends, other._ends)):
            return True
        return all(a == b for a, b in zip(self, other))

class Corpus(CorpusBase):
    """An indexed corpus in memory: aligned integer token layers, offsets, texts and
    metadata (the in-memory storage of :class:`~arabcorpus.corpus.base.CorpusBase`).

    Create one with :meth:`Corpus.build` (from documents) or :meth:`Corpus.load` (from
    a folder written by :meth:`save`); the constructor itself takes the already
    encoded parts and is not meant to be called directly. See the module docstring
    for what each part holds and :mod:`arabcorpus.corpus.format` for the on-disk
    format.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> corpus = Corpus.build(["ذهبَ الولدُ إلى المدرسة", "المدرسة كبيرة"],
    ...                       progress=False)
    >>> len(corpus), corpus.n_tokens
    (2, 6)
    >>> corpus.tokens(0, "surface")
    ['ذهبَ', 'الولدُ', 'إلى', 'المدرسة']
    >>> corpus.n_types("surface"), corpus.n_types("norm")
    (5, 5)
    >>> corpus.vocab("norm")[corpus.ids("norm")[0]] == corpus.normalizer("ذهبَ")
    True
    >>> start, end = corpus.spans[1]
    >>> corpus.text(0)[start:end]
    'الولدُ'
    """

    def __init__(
        self,
        *,
        layers: dict[str, np.ndarray],
        vocabs: dict[str, Vocabulary],
        doc_offsets: np.ndarray,
        spans: np.ndarray,
        kinds: np.ndarray,
        texts: list[str] | _TextStore,
        metadata: "pd.DataFrame | _PendingMetadata",
        normalizer: Any,
        stemmer: str | None,
        punctuation: bool,
        load_report: Any = None,
        lemmatizer: str | None = None,
    ) -> None:
        n_docs = len(doc_offsets) - 1
        n_tokens = int(doc_offsets[-1]) if n_docs >= 0 and len(doc_offsets) else 0
        if len(texts) != n_docs or len(metadata) != n_docs:
            raise ValueError(f"{n_docs} document offsets but {len(texts)} texts and "
                             f"{len(metadata)} metadata rows")
        for name, arr in layers.items():
            if len(arr) != n_tokens:
                raise ValueError(f"layer {name!r} has {len(arr)} ids, expected {n_tokens}")
        if spans.shape != (n_tokens, 2) or len(kinds) != n_tokens:
            raise ValueError(f"spans {spans.shape} / kinds {len(kinds)} do not match "
                             f"{n_tokens} tokens")
        self._init_base(vocabs)
        self._layers = {k: _readonly(v) for k, v in layers.items()}
        self._doc_offsets = _readonly(doc_offsets)
        self._spans = _readonly(spans)
        self._kinds = _readonly(kinds)
        self._texts = texts if isinstance(texts, _TextStore) else _TextStore(list(texts))
        self._metadata = metadata
        self._normalizer = normalizer
        self._stemmer = stemmer
        self._lemmatizer = lemmatizer
        self._punctuation = bool(punctuation)
        #: The readers' LoadReport of the build input (None when unavailable, e.g.
        #: when built from a plain list); a loaded corpus holds it as a plain dict.
        self.load_report = load_report
        #: layer -> (docfreq, dp) of :meth:`type_doc_stats`, computed or loaded
        self._type_stats: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        #: layer -> surface id of each type's display form (:meth:`form_ids`)
        self._form_ids: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ building
    @classmethod
    @keyword_only("cls", "docs", old=("profile", "stem", "punctuation", "progress",
                                      "path", "shard_size"))
    def build(
        cls,
        docs: Any,
        *,
        profile: Any = "search",
        stem: str | None = None,
        punctuation: bool = False,
        progress: bool | None = None,
        path: str | Path | None = None,
        shard_size: int | None = None,
        layers: Sequence[str] | None = None,
        lemmatizer: Any = "default",
        dedupe: str | None = None,
    ) -> "Corpus":
        """Tokenize, normalize and encode documents into a :class:`Corpus`.

        Parameters
        ----------
        docs : anything :func:`arabcorpus.io.readers.as_documents` accepts
            A list of str, a list of :class:`~arabcorpus.io.readers.Document`, a
            :class:`~arabcorpus.io.readers.DocumentStream`, a pandas DataFrame, ...
        profile : str or Normalizer, default "search"
            Normalization profile of the ``norm`` layer (a name in
            :data:`arabcorpus.text.normalize.PROFILES`, or a configured ``Normalizer``).
        stem : str or None, default None
            The stemmer of the ``stem`` layer (one of
            :data:`arabcorpus.text.stem.STEMMERS`), applied to each norm type; naming one
            adds the layer (``layers=("stem",)`` alone uses ``"isri"``).
        punctuation : bool, default False
            Index punctuation tokens too. By default they are not indexed; KWIC
            still shows them from the original text through the spans.
        progress : bool or None, default None
            A progress bar over documents (:func:`arabcorpus.util.progress.progress_bar`:
            by default only in a notebook or a terminal, after a second of work).
        path : str or Path, optional
            Build a **sharded corpus** on disk in this folder instead of one in
            memory: the documents are written shard by shard as they are read, so
            the peak memory depends on ``shard_size`` and the vocabulary, not on the
            size of the corpus. Returns a :class:`~arabcorpus.corpus.sharded.ShardedCorpus`
            (see :mod:`arabcorpus.corpus.sharded`).
        shard_size : int, optional
            Documents per shard of a sharded build (default
            :data:`arabcorpus.corpus.sharded.DEFAULT_SHARD_SIZE`); needs ``path``.
        layers : sequence of str, optional
            The layers to build besides ``surface`` and ``norm`` (always built), from
            :data:`LAYERS`: ``"lemma"``, ``"base"`` (clitics split off),
            ``"clitics"``, ``"stem"``. Each is derived once per vocabulary type, not
            per token. Every analysis takes ``layer=`` to count on one of them.
        lemmatizer : str, callable or Lemmatizer, default "default"
            The backend of the ``lemma`` layer (see
            :class:`arabcorpus.text.lemma.Lemmatizer`).
        dedupe : {None, "exact", "near"}, default None
            Leave duplicate documents out: ``"exact"`` those whose text equals an
            earlier one's after ``Normalizer("search")`` (the readers'
            ``duplicates="drop"``), ``"near"`` also near copies, such as a wire story
            with a new headline (:func:`arabcorpus.io.duplicates.near_duplicates` at
            its defaults: exact Jaccard >= 0.8 of word 2-shingles; the first document
            of each cluster is kept; every document is read before the first is
            built). Each document left out is listed in ``load_report.duplicates``
            with the document it duplicates. None (default) keeps them all.

        Returns
        -------
        Corpus, or ShardedCorpus when ``path`` is given

        Notes
        -----
        Once a build has tokenized about 4 million characters, it goes on tokenizing
        in a second process (the same Python interpreter, on the second core) while
        this one reads the documents; the result is the same. See
        :mod:`arabcorpus.corpus.builder` for how a build runs and what it holds in
        memory.

        Raises
        ------
        TypeError
            If ``profile`` is neither a str nor a Normalizer, ``stem`` is not a str
            or None, ``punctuation`` is not a bool or ``progress`` not a bool or None.
        ValueError
            For an unknown profile, stemmer, layer or lemmatizer backend (listing the
            valid ones), a ``date``
            metadata value that cannot be parsed (naming the document), or a
            ``shard_size`` without ``path``.

        Examples
        --------
        >>> c = Corpus.build(["كتب الطالبُ الدرسَ."], progress=False)
        >>> c.layers, c.profile
        (('surface', 'norm'), 'search')
        >>> c.tokens(0, "norm")
        ['كتب', 'الطالب', 'الدرس']
        >>> c = Corpus.build(["وبمدرستهم مكتبة جديدة"],
        ...                  layers=("lemma", "base", "clitics"), progress=False)
        >>> c.layers
        ('surface', 'norm', 'lemma', 'base', 'clitics')
        >>> c.tokens(0, "lemma")
        ['مدرسة', 'مكتبة', 'جديد']
        >>> c.tokens(0, "base"), c.tokens(0, "clitics")
        (['مدرسه', 'مكتبه', 'جديده'], ['وب++هم', '∅', '∅'])
        """
        from arabcorpus.corpus.builder import build

        return build(docs, profile=profile, stem=stem, punctuation=punctuation,
                     progress=progress, path=path, shard_size=shard_size,
                     layers=layers, lemmatizer=lemmatizer, dedupe=dedupe)

    # ------------------------------------------------------------------ basic facts
    def __len__(self) -> int:
        return len(self._doc_offsets) - 1

    @property
    def n_tokens(self) -> int:
        """Number of indexed token positions."""
        return int(self._doc_offsets[-1])

    @property
    def normalizer(self) -> Any:
        """The :class:`~arabcorpus.text.normalize.Normalizer` of the ``norm`` layer."""
        return self._normalizer

    @property
    def stemmer(self) -> str | None:
        """Name of the stemmer of the ``stem`` layer, or None."""
        return self._stemmer

    @property
    def lemmatizer(self) -> str | None:
        """Name of the lemmatizer backend of the ``lemma`` layer (``"custom"`` for a
        callable or analyzer object), or None without a lemma layer."""
        return self._lemmatizer

    @property
    def punctuation(self) -> bool:
        """Whether punctuation tokens are indexed."""
        return self._punctuation

    @property
    def doc_offsets(self) -> np.ndarray:
        """``int64`` CSR offsets, length ``len(corpus) + 1`` (read-only)."""
        return self._doc_offsets

    @property
    def spans(self) -> np.ndarray:
        """``int32`` ``(n_tokens, 2)`` character ``[start, end)`` in each original text."""
        return self._spans

    @property
    def kinds(self) -> np.ndarray:
        """``uint8`` :data:`arabcorpus.text.tokenize.KINDS` code of each token."""
        return self._kinds

    @property
    def metadata(self) -> "pd.DataFrame":
        """One row per document: ``id`` plus meta columns (``date`` as datetime64).

        A loaded corpus builds this table (and imports pandas) when it is first
        asked for; the file was already parsed and checked by :meth:`load`.
        """
        if isinstance(self._metadata, _PendingMetadata):
            self._metadata = self._metadata.frame()
        return self._metadata

    @property
    def texts(self) -> Sequence[str]:
        """The original texts, in document order (a read-only sequence of str)."""
        return self._texts

    # ------------------------------------------------------------------ one part
    @property
    def n_parts(self) -> int:
        """1: an in-memory corpus is its own one part."""
        return 1

    def parts(self) -> Iterator["Corpus"]:
        """This corpus itself, its one part."""
        yield self

    def map_reduce(self, fn: Callable, *, args: tuple = (), doc_arrays: tuple = (),
                   combine: Callable | None = None) -> Any:
        """``fn(self, *doc_arrays, *args)``: the one part of
        :meth:`CorpusBase.map_reduce <arabcorpus.corpus.base.CorpusBase.map_reduce>`.

        Examples
        --------
        >>> c = Corpus.build(["مرحبا بكم", "مرحبا"], progress=False)
        >>> c.map_reduce(lambda part, lengths: int(lengths.sum()),
        ...              doc_arrays=(np.diff(c.doc_offsets),))
        3
        """
        return fn(self, *doc_arrays, *args)

    def gather(self, what: str, positions: Any, *, layer: str = "norm") -> np.ndarray:
        """Values at token ``positions`` of ``"ids"`` (of ``layer``), ``"spans"`` or
        ``"kinds"`` (see :meth:`CorpusBase.gather
        <arabcorpus.corpus.base.CorpusBase.gather>`).

        Examples
        --------
        >>> c = Corpus.build(["مرحبا بكم", "مرحبا"], progress=False)
        >>> c.gather("ids", [[0, 2]], layer="surface").tolist()
        [[0, 0]]
        """
        positions = np.asarray(positions, dtype=np.int64)
        if what == "ids":
            return self.ids(layer)[positions]
        if what == "spans":
            return self._spans[positions]
        if what == "kinds":
            return self._kinds[positions]
        raise ValueError(f"unknown array {what!r}; valid: ids, spans, kinds")

    def doc_of(self, positions: Any) -> np.ndarray:
        """Document index (int64) of each token position.

        Examples
        --------
        >>> c = Corpus.build(["مرحبا بكم", "مرحبا"], progress=False)
        >>> c.doc_of([0, 1, 2]).tolist()
        [0, 0, 1]
        """
        return self.token_doc()[np.asarray(positions, dtype=np.int64)].astype(np.int64)

    def ids(self, layer: str = "norm") -> np.ndarray:
        """``int32`` type ids of every token position in ``layer`` (read-only).

        Examples
        --------
        >>> c = Corpus.build(["مرحبا مرحبا بكم"], progress=False)
        >>> c.ids("surface").tolist()
        [0, 0, 1]
        """
        return self._layers[self._check_layer(layer)]


    def type_doc_stats(self, layer: str = "norm") -> tuple[np.ndarray, np.ndarray]:
        """Document frequency (``int64``: the number of documents containing each
        type) and Gries' DP over the documents, weighted by their length
        (``float64``; NaN for a type that does not occur), of every type of ``layer``
        (aligned with ``vocab(layer)``), both read-only.

        Computed on first use (:func:`arabcorpus.corpus.stats.type_doc_stats`, one
        chunk of documents at a time) and kept; :meth:`save` writes them and
        :meth:`load` reads them, so the whole-corpus frequency list after a load does
        not count every (type, document) pair again.
        """
        layer = self._check_layer(layer)
        if layer not in self._type_stats:
            from arabcorpus.corpus.stats import type_doc_stats

            # token_doc() if an analysis made it; otherwise each chunk of documents
            # numbers its own tokens' documents, and none is made for the whole
            # corpus (35 MB on SaudiNewsNet)
            docfreq, dp = type_doc_stats(self._layers[layer], self._token_doc,
                                         self._doc_offsets, self.counts(layer))
            self._type_stats[layer] = (_readonly(docfreq), _readonly(dp))
        return self._type_stats[layer]

    def form_ids(self, layer: str = "norm") -> np.ndarray:
        """Surface type id of the most frequent written form of every type of
        ``layer`` in this corpus (``int64``, aligned with ``vocab(layer)``; ties go to
        the form seen first; -1 for a type that does not occur), read-only: what
        :func:`arabcorpus.analyses.forms.display_forms` shows.

        Computed on first use (:func:`arabcorpus.corpus.stats.form_ids`) and kept;
        :meth:`save` writes them and :meth:`load` reads them.
        """
        layer = self._check_layer(layer)
        if layer not in self._form_ids:
            from arabcorpus.corpus.stats import form_ids

            surface = self._layers["surface"]
            self._form_ids[layer] = _readonly(form_ids(
                surface, surface if layer == "surface" else self._layers[layer],
                self.counts("surface"), len(self._vocabs[layer])))
        return self._form_ids[layer]

    def __repr__(self) -> str:
        layers = ", ".join(f"{k} ({self.n_types(k):,} types)" for k in self._layers)
        cols = ", ".join(map(str, self._metadata.columns))
        return (f"<Corpus: {len(self):,} documents, {self.n_tokens:,} tokens; "
                f"layers {layers}; profile {self.profile!r}; metadata [{cols}]>")

    # ------------------------------------------------------------------ equality
    def equals(self, other: Any) -> bool:
        """True if ``other`` is a Corpus with the same settings, layers (as type
        strings and ids), vocabularies, offsets, spans, kinds, texts and metadata.

        ``load_report`` is not compared.
        """
        if not isinstance(other, Corpus):
            return False
        if (self.layers != other.layers or self.profile != other.profile
                or dict(self._normalizer.rules) != dict(other._normalizer.rules)
                or self._stemmer != other._stemmer
                or self._lemmatizer != other._lemmatizer
                or self._punctuation != other._punctuation):
            return False
        if not (np.array_equal(self._doc_offsets, other._doc_offsets)
                and np.array_equal(self._spans, other._spans)
                and np.array_equal(self._kinds, other._kinds)):
            return False
        for layer in self._layers:
            if self.vocab(layer) != other.vocab(layer):
                return False
            if not np.array_equal(self._layers[layer], other._layers[layer]):
                return False
        if not self._texts.equals(other._texts):
            return False
        return bool(self.metadata.equals(other.metadata)
                    and list(self.metadata.dtypes.astype(str))
                    == list(other.metadata.dtypes.astype(str)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return self.equals(other)

    __hash__ = None  # type: ignore[assignment]

    def _take(self, idx: np.ndarray) -> "Corpus":
        """A new corpus of the documents ``idx`` (in that order), sharing vocabularies."""
        off = self._doc_offsets
        lengths = (off[idx + 1] - off[idx]) if len(idx) else np.zeros(0, np.int64)
        new_off = np.zeros(len(idx) + 1, dtype=np.int64)
        np.cumsum(lengths, out=new_off[1:])
        if len(idx) and np.all(np.diff(idx) == 1):
            positions: Any = slice(int(off[idx[0]]), int(off[idx[-1] + 1]))
        elif len(idx) and np.all(np.diff(idx) > 0):
            # documents in corpus order (every boolean mask): one bool per token
            # instead of three int64 position arrays (kept: a subcorpus of 90% of
            # SaudiNewsNet peaks at 180 MB instead of 229 MB, 2026-12-05)
            chosen = np.zeros(len(off) - 1, dtype=bool)
            chosen[idx] = True
            positions = np.repeat(chosen, np.diff(off))
        else:
            # token positions of the chosen documents, vectorized
            total = int(new_off[-1])
            positions = (np.arange(total, dtype=np.int64)
                         - np.repeat(new_off[:-1], lengths)
                         + np.repeat(off[idx], lengths))
        layers = {k: np.array(v[positions]) for k, v in self._layers.items()}
        metadata = self.metadata.iloc[idx].reset_index(drop=True)
        return Corpus(layers=layers, vocabs=self._vocabs, doc_offsets=new_off,
                      spans=np.array(self._spans[positions]),
                      kinds=np.array(self._kinds[positions]),
                      texts=self._texts.take(idx), metadata=metadata,
                      normalizer=self._normalizer, stemmer=self._stemmer,
                      punctuation=self._punctuation, load_report=self.load_report,
                      lemmatizer=self._lemmatizer)

    # ------------------------------------------------------------------ save / load
    def save(self, path: str | Path) -> Path:
        """Write the corpus to the folder ``path`` (created if needed) in plain formats.

        Files are described in :mod:`arabcorpus.corpus.format`. An existing corpus in
        the folder is replaced; a non-empty folder that is not a corpus is refused.

        The save is atomic: the files are written into a temporary folder beside
        ``path`` (``.<name>.saving-<pid>-<random>``), which is then swapped in by
        renaming, so that a process loading ``path`` meanwhile, or after a save that
        was killed midway, gets the old corpus or the new one, never a mixture (see
        "Saving and loading safely" in :mod:`arabcorpus.corpus.format`). What an
        interrupted save left beside the folder is removed by the next save.

        Returns
        -------
        pathlib.Path
            The folder.

        Raises
        ------
        ValueError
            If ``path`` is a file or a non-empty folder holding no corpus, or a
            metadata value cannot be written as JSON (the column, document and value
            are named; e.g. an infinite float).

        Examples
        --------
        >>> import tempfile
        >>> c = Corpus.build(["نص أول", "نص ثان"], progress=False)
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = c.save(tmp + "/c")
        ...     Corpus.load(tmp + "/c") == c
        True
        """
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        folder = Path(path)
        target = Path(os.path.abspath(folder))
        if target.is_symlink() and target.is_dir():  # replace the folder it points to
            target = target.resolve()
        if not target.name:
            raise ValueError(f"cannot save a corpus as {folder}: give a folder name")
        if target.exists() and not target.is_dir():
            raise ValueError(f"{folder} exists and is not a folder")
        if target.is_dir() and any(target.iterdir()) and not (target /
                                                              MANIFEST).exists():
            raise ValueError(f"{folder} is not empty and holds no corpus ({MANIFEST}); "
                             f"refusing to write into it")
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(target)
        tmp = target.with_name(f".{target.name}{_SAVING}{os.getpid()}-"
                               f"{secrets.token_hex(4)}")
        tmp.mkdir()
        try:
            self._write_files(tmp)
            _swap_in(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return folder

    def _write_files(self, folder: Path, shared_vocab: dict | None = None) -> None:
        """Write every file of the format into the (new, empty) ``folder``; the
        manifest last, with the byte size and BLAKE2b digest of every other file.
        ``shared_vocab``: a shard's entry of its parent's vocabularies (no vocabulary
        file is written then)."""
        files: dict[str, str] = {}

        def save_array(name: str, arr: np.ndarray) -> None:
            fname = f"{name}.npy"
            with open(folder / fname, "wb") as fh:
                np.save(fh, np.ascontiguousarray(arr), allow_pickle=False)
            files[name] = fname

        # metadata first: a value JSON cannot hold stops the save before any big write
        dtypes = _write_metadata(self.metadata, folder / "metadata.json")
        files["metadata"] = "metadata.json"
        # the JSON text's freed blocks given back, and below those of the vocabulary
        # files and of each layer's statistics: kept, SaudiNewsNet's save peaked 20-22
        # MB above the RSS before it instead of 27-33 MB, and leaves the process at
        # its size before the save instead of 35 MB above it (2026-12-05)
        release_free_memory()
        for layer, arr in self._layers.items():
            save_array(f"ids.{layer}", arr)
            if shared_vocab is None:  # a shard's vocabularies live in its parent
                files[f"vocab.{layer}"] = _write_vocab(folder, layer,
                                                       self._vocabs[layer].strings,
                                                       atomic=False)
        if shared_vocab is None:  # a whole corpus: its per-type statistics too
            for layer in self._layers:
                release_free_memory()
                docfreq, dp = self.type_doc_stats(layer)
                save_array(f"counts.{layer}", self.counts(layer))
                save_array(f"docfreq.{layer}", docfreq)
                save_array(f"dp.{layer}", dp)
                save_array(f"form_ids.{layer}", self.form_ids(layer))
            release_free_memory()
        save_array("doc_offsets", self._doc_offsets)
        save_array("spans", self._spans)
        save_array("kinds", self._kinds)
        text_offsets = self._texts.write(folder / "texts.txt")
        files["texts"] = "texts.txt"
        save_array("text_offsets", text_offsets)

        from arabcorpus.text.tokenize import KINDS

        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "library_version": __version__,
            "profile": self.profile,
            "normalizer_rules": dict(self._normalizer.rules),
            "stemmer": self._stemmer,
            "lemmatizer": self._lemmatizer,
            "punctuation": self._punctuation,
            "layers": list(self._layers),
            "vocab_sizes": ({k: len(v) for k, v in self._vocabs.items()}
                            if shared_vocab is None else
                            {k: v["size"] for k, v in shared_vocab.items()}),
            "n_docs": len(self),
            "n_tokens": self.n_tokens,
            "kinds": list(KINDS),
            "metadata_columns": [str(c) for c in self._metadata.columns],
            "metadata_dtypes": dtypes,
            "load_report": report_to_json(self.load_report),
            "files": files,
            # byte size and BLAKE2b digest of every file, checked by load
            "file_sizes": {k: (folder / v).stat().st_size for k, v in files.items()},
            "file_digests": _digests({k: folder / v for k, v in files.items()}),
        }
        if shared_vocab is not None:
            manifest["shared_vocabulary"] = shared_vocab
        with open(folder / MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1, default=_json_default)

    @classmethod
    @keyword_only("cls", "path", old=("mmap_mode",))
    def load(cls, path: str | Path, *, mmap_mode: str | None = "r",
             verify: bool = True) -> Any:
        """Read a corpus folder written by :meth:`save`.

        Parameters
        ----------
        path : str or Path
            The folder.
        mmap_mode : {"r", "c", None}, default "r"
            Memory-map the ``.npy`` arrays and ``texts.txt`` (see :func:`numpy.load`):
            loading is then almost instant and pages are read when first used, and
            several processes share them. ``None`` reads everything into memory
            (use it to delete or replace the folder on Windows while the corpus is
            in use). On Linux and macOS a corpus mapped from a folder keeps working
            after :meth:`save` replaces or removes that folder.
        verify : bool, default True
            Check every file against the BLAKE2b digest recorded in the manifest
            (this reads every byte once: about 0.4 s for the 250 MB of SaudiNewsNet
            on two cores). ``False`` checks only the byte sizes. Folders saved
            before digests were recorded are checked by size either way.

        Returns
        -------
        Corpus, or :class:`~arabcorpus.corpus.sharded.ShardedCorpus` for the folder of a
        sharded corpus (built with ``Corpus.build(..., path=...)``).

        Raises
        ------
        FileNotFoundError
            If the folder, or a file listed in its manifest, does not exist (named);
            the message says when an interrupted save left temporary folders.
        ValueError
            If the folder is not a corpus, was written by a newer format version,
            its manifest is malformed (a value of the wrong type, a file name outside
            the folder or a symbolic link), or a file differs from what was saved (a
            size or digest that does not match, named).
        """
        return cls._load(path, mmap_mode, verify=verify)

    @classmethod
    def _load(cls, path: str | Path, mmap_mode: str | None = "r",
              vocabs: dict[str, Any] | None = None, verify: bool = True) -> Any:
        """:meth:`load`; ``vocabs`` are given for a shard (its parent's).

        A save swaps a whole folder in, so the files of one folder are consistent;
        a load that raced a save (the folder changed while its files were opened)
        is tried again, and an error is raised only if the folder itself is wrong.
        """
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        if mmap_mode not in (None, "r", "c"):
            raise ValueError(f"mmap_mode must be None, 'r' or 'c', got {mmap_mode!r}")
        folder = Path(path)
        delays = (0.02, 0.1, 0.3, 1.0)
        for attempt in range(len(delays) + 1):
            before = _identity(folder)
            try:
                out = cls._load_once(folder, mmap_mode, vocabs, verify)
            except (OSError, ValueError) as exc:
                after = _identity(folder)
                saving = any(_SAVING in p.name or _OLD in p.name
                             for p in _leftovers(folder))
                if attempt < len(delays) and (after != before or (after is None
                                                                  and saving)):
                    time.sleep(delays[attempt])  # replaced meanwhile: read it again
                    continue
                hint = _interrupted_hint(folder)
                if not hint:
                    raise
                if type(exc) in (ValueError, FileNotFoundError):
                    raise type(exc)(f"{exc}{hint}") from exc
                raise ValueError(f"{exc}{hint}") from exc
            if verify or _identity(folder) == before:
                return out
            # not verified and the folder was replaced while it was read: read again
            if attempt < len(delays):
                time.sleep(delays[attempt])
        raise ValueError(f"{folder} was replaced again and again while it was loaded "
                         f"(another process keeps saving into it); try again later")

    @classmethod
    def _load_once(cls, folder: Path, mmap_mode: str | None,
                   vocabs: dict[str, Any] | None, verify: bool) -> Any:
        from arabcorpus.text.normalize import Normalizer

        if not folder.is_dir():
            raise FileNotFoundError(f"no corpus folder at {folder}")
        mpath = folder / MANIFEST
        if not mpath.is_file():
            raise ValueError(f"{folder} is not an arabcorpus corpus folder: it has no "
                             f"{MANIFEST}")
        try:
            manifest = json.loads(mpath.read_bytes().decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise ValueError(f"{mpath} is not a valid corpus manifest: {exc}") from exc
        fmt = manifest.get("format") if isinstance(manifest, dict) else None
        if fmt == "arabcorpus.sharded" and vocabs is None:
            from arabcorpus.corpus.sharded import ShardedCorpus

            return ShardedCorpus.load(folder, verify=verify)
        if fmt != FORMAT_NAME:
            raise ValueError(f"{mpath} is not an arabcorpus corpus manifest (format "
                             f"{fmt!r})")
        _check_manifest(manifest, mpath)
        files: dict[str, str] = manifest["files"]
        shared = manifest.get("shared_vocabulary")
        if shared is not None and vocabs is None:
            raise ValueError(f"{folder} is one shard of a sharded corpus (its "
                             f"vocabularies are in the parent folder); load the parent "
                             f"folder {folder.parent.parent}")
        if shared is None and vocabs is not None:
            raise ValueError(f"{folder} is not a shard of a sharded corpus (its manifest "
                             f"records no shared vocabulary)")
        sizes = manifest.get("file_sizes") or {}
        digests = manifest.get("file_digests") or {}

        keys = [f"ids.{layer}" for layer in manifest["layers"]]
        if vocabs is None:
            keys += [f"vocab.{layer}" for layer in manifest["layers"]]
        keys += ["doc_offsets", "spans", "kinds", "text_offsets", "texts", "metadata"]
        # per-type statistics: written since 2026-12; older folders lack them
        keys += [key for layer in manifest["layers"] for key in _stats_keys(layer)
                 if key in files]
        handles: dict[str, Any] = {}
        try:
            for key in keys:
                handles[key] = _open_listed(folder, mpath, files, key, sizes.get(key))
            if verify:
                _verify(folder, mpath, files, handles, digests)
            return cls._from_handles(folder, mpath, manifest, handles, mmap_mode,
                                     vocabs, Normalizer)
        finally:
            for fh in handles.values():
                fh.close()

    @classmethod
    def _from_handles(cls, folder: Path, mpath: Path, manifest: dict,
                      handles: dict[str, Any], mmap_mode: str | None,
                      given: dict[str, Any] | None, Normalizer: Any) -> "Corpus":
        """Build the corpus from the open (and checked) files of a folder."""
        files = manifest["files"]

        def load_array(key: str) -> np.ndarray:
            return _array_from(handles[key], folder / files[key], mmap_mode)

        layers: dict[str, np.ndarray] = {}
        vocabs: dict[str, Any] = {}
        for layer in manifest["layers"]:
            layers[layer] = load_array(f"ids.{layer}")
            if given is not None:
                if layer not in given:
                    raise ValueError(f"{mpath} has a layer {layer!r} that the sharded "
                                     f"corpus lacks")
                vocabs[layer] = given[layer]
                continue
            key = f"vocab.{layer}"
            vocabs[layer] = Vocabulary(_parse_vocab(
                handles[key].read(), folder / files[key],
                manifest.get("vocab_sizes", {}).get(layer)))
        doc_offsets = load_array("doc_offsets")
        spans = load_array("spans")
        kinds = load_array("kinds")
        text_offsets = _array_from(handles["text_offsets"],
                                   folder / files["text_offsets"], None)
        tpath = folder / files["texts"]
        tfh = handles["texts"]
        if mmap_mode is None or os.fstat(tfh.fileno()).st_size == 0:
            buf: Any = tfh.read()
        else:
            buf = mmap.mmap(tfh.fileno(), 0, access=mmap.ACCESS_READ)
        if (text_offsets.ndim != 1 or len(text_offsets) != len(doc_offsets)
                or int(text_offsets[-1]) != len(buf)):
            raise ValueError(f"{tpath} has {len(buf)} bytes and text_offsets "
                             f"{len(text_offsets)} entries ending at "
                             f"{int(text_offsets[-1]) if len(text_offsets) else None}; "
                             f"they do not match {len(doc_offsets) - 1} documents")
        texts = _TextStore(buf=buf, starts=text_offsets[:-1], ends=text_offsets[1:])
        mdpath = folder / files["metadata"]
        read = _read_metadata_v1 if mdpath.suffix == ".jsonl" else _read_metadata
        metadata = read(mdpath, manifest.get("metadata_columns"),
                        manifest.get("metadata_dtypes", {}),
                        raw=handles["metadata"].read())

        rules = manifest.get("normalizer_rules") or {}
        normalizer = Normalizer(profile=manifest["profile"], **rules)
        n_tokens = manifest.get("n_tokens")
        if n_tokens is not None and int(doc_offsets[-1]) != n_tokens:
            raise ValueError(f"{folder}: doc_offsets end at {int(doc_offsets[-1])}, "
                             f"manifest says {n_tokens} tokens")
        for layer, arr in layers.items():
            # checking every id would read every page of a memory-mapped array
            if mmap_mode is None and len(arr) and int(arr.max()) >= len(vocabs[layer]):
                raise ValueError(f"{folder}: layer {layer!r} has ids beyond its "
                                 f"vocabulary of {len(vocabs[layer])} types")
        corpus = cls(layers=layers, vocabs=vocabs, doc_offsets=doc_offsets,
                     spans=spans, kinds=kinds, texts=texts, metadata=metadata,
                     normalizer=normalizer, stemmer=manifest.get("stemmer"),
                     lemmatizer=manifest.get("lemmatizer"),
                     punctuation=bool(manifest.get("punctuation", False)),
                     load_report=report_from_json(manifest.get("load_report")))
        for layer in manifest["layers"]:
            keys = _stats_keys(layer)
            if all(k in handles for k in keys):
                counts, docfreq, dp, forms = (load_array(k) for k in keys)
                _check_stats(folder, layer, len(vocabs[layer]), n_tokens,
                             counts, docfreq, dp, forms)
                corpus._counts[layer] = _readonly(counts)
                corpus._type_stats[layer] = (_readonly(docfreq), _readonly(dp))
                corpus._form_ids[layer] = _readonly(forms)
        return corpus
