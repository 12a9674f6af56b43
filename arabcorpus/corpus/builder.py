"""Building a corpus: documents tokenized, encoded in batches and derived into layers.

:class:`_Builder` holds the state of a build: :meth:`Corpus.build
<arabcorpus.corpus.memory.Corpus.build>` adds every document and takes one corpus; a
sharded build (:mod:`arabcorpus.corpus.sharded`) and a Dask build
(:mod:`arabcorpus.dask`, through :class:`Builder`) take one part at a time, each in
the one global id space (the vocabularies only grow).

How it is built (and why it is fast)
------------------------------------
Documents are added in batches of at most :data:`BATCH_SIZE` documents or about
:data:`BATCH_CHARS` characters. Each batch is tokenized with
:func:`arabcorpus.text.tokenize.token_spans_many` (spans refer to the original texts)
and every token gets two 64-bit hashes, vectorized
(:func:`arabcorpus.corpus.batches.tokenize_batch`). Once a build has tokenized
:data:`BACKGROUND_MIN_CHARS` characters, this runs in a second process
(:class:`~arabcorpus.corpus.batches.TokenizingProcess`) on the second core, up to
:data:`MAX_IN_FLIGHT` batches ahead, while the building process reads the next
documents. Batches come back in order, and the building process gives their tokens
surface ids with the one :class:`~arabcorpus.corpus.encoder.TypeEncoder` of the build
(each batch's distinct hashes looked up among those seen before, a string made once per
*new* type): the ids are those of tokenizing everything in one process.

The ``norm`` layer is derived by normalizing each **surface type once** (every
:data:`DERIVE_EVERY_TYPES` new types, the rest at the end) and mapping ids with a NumPy
lookup array, ``norm = surf2norm[surface]``; the ``stem`` layer likewise stems each
norm type once, and the ``lemma``, ``base`` and ``clitics`` layers analyse each surface
type once (:mod:`arabcorpus.corpus.layers`), in a background process for a large build.

Memory: the token arrays grow in chunks that take memory only when written and are
joined without holding two copies (:class:`_Growing`); no Python object is made per
token; and the build gives the heap pages it freed back to the system from time to
time (:func:`_release_free_memory`). On SaudiNewsNet (31,030 articles, 8.8 million
tokens) the build's peak is about 470 MB in the building process and 75 MB in the
tokenizing process, where joining per-batch arrays at the end took 686 MB (2026-12-05,
``python benchmarks/corpus.py``).
"""

from __future__ import annotations

import collections
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from arabcorpus.corpus.batches import (TokenBatch, TokenizingProcess, joined_spans,
                                       tokenize_batch)
from arabcorpus.corpus.encoder import Slices, TypeEncoder, _Scratch, span_keys
from arabcorpus.corpus.format import _metadata_frame
from arabcorpus.corpus.layers import LAYERS, analyse_surface_types, check_layers
from arabcorpus.corpus.memory import Corpus, Vocabulary
from arabcorpus.corpus.pipes import _ChildProcess
from arabcorpus.util.memory import release_free_memory
from arabcorpus.util.progress import check_progress, progress_bar
from arabcorpus.util.validate import check_bool, check_choice, check_str

__all__ = ["build", "Builder", "BATCH_SIZE", "BATCH_CHARS", "BACKGROUND_MIN_CHARS",
           "BACKGROUND_MIN_TYPES", "MAX_IN_FLIGHT", "DERIVE_EVERY_TYPES"]

#: Documents tokenized and encoded per batch in :meth:`Corpus.build` (at most; a batch
#: also ends at :data:`BATCH_CHARS` characters).
BATCH_SIZE = 2000

#: Characters (at least) of a batch, unless it has :data:`BATCH_SIZE` documents first:
#: about 600 SaudiNewsNet articles, 10 MB of work memory in the tokenizing process.
BATCH_CHARS = 1 << 19

#: Characters a build must have tokenized before it tokenizes in a second process
#: (:class:`~arabcorpus.corpus.batches.TokenizingProcess`); below this, starting the
#: process costs more than it saves.
BACKGROUND_MIN_CHARS = 4 << 20

#: New surface types normalized at once into norm types during a build (the rest at
#: the end): while the tokenizing process works, not all at the end; not batch by
#: batch either, as each call of the normalizer has a fixed cost.
DERIVE_EVERY_TYPES = 1 << 15

#: Batches sent to the tokenizing process and not yet encoded, at most; the building
#: process waits for the oldest one past this.
MAX_IN_FLIGHT = 4

#: Surface types a build must have before its lemma, base and clitics layers are
#: analysed in a background process (below this, in the building process: starting a
#: process costs more than it saves).
BACKGROUND_MIN_TYPES = 20_000


def _stream_total(stream: Any, docs: Any) -> int | None:
    """Number of documents for a progress bar, if known without reading."""
    try:
        return len(stream)  # type: ignore[arg-type]
    except TypeError:
        return len(docs) if hasattr(docs, "__len__") and not isinstance(docs, str) \
            else None

class _SurfaceAnalyses:
    """The lemma, base and clitics of every surface type of a build, in order.

    A large build (more than :data:`BACKGROUND_MIN_TYPES` surface types) sends each
    batch's new surface types to one background process as soon as the batch is
    encoded, so they are analysed on the second core while the building process
    reads and tokenizes the next documents; the results are the same as analysing them
    in the building process (the same functions of one type at a time). A lemmatizer
    given as a callable or an object cannot be sent to another process and runs in
    the building process.
    """

    def __init__(self, layers: list[str], lemmatizer: Any) -> None:
        self.layers = tuple(layers)
        self.lemmatizer = lemmatizer
        backend = getattr(lemmatizer, "backend", None)
        self.backend = backend if isinstance(backend, str) else None
        self.background = lemmatizer is None or self.backend is not None
        self.sent = 0  # surface types sent to the background process
        self.results: dict[str, list[str]] = {name: [] for name in self.layers}
        self.taken: dict[str, int] = {name: 0 for name in self.layers}
        self.dropped = 0  # results before this surface type are taken by every layer
        self.worker: "_Worker | None" = None

    def feed(self, strings: Sequence[str]) -> None:
        """Send the surface types added since the last call (when large enough)."""
        if not self.background or len(strings) <= self.sent:
            return
        if self.worker is None:
            if len(strings) < BACKGROUND_MIN_TYPES:
                return
            try:
                self.worker = _Worker(self.layers, self.backend)
            except OSError:  # pragma: no cover - no process can be started here
                self.background = False
                return
        self.worker.submit(list(strings[self.sent:]))
        self.sent = len(strings)

    def _collect(self) -> None:
        if self.worker is None:
            return
        for out in self.worker.wait():
            for name, values in out.items():
                self.results[name].extend(values)

    def _local(self, types: list[str]) -> dict[str, list[str]]:
        """Analyse ``types`` in the building process."""
        out = analyse_surface_types(types, tuple(x for x in self.layers
                                                  if x != "lemma"), None)
        if "lemma" in self.layers:  # the build's own Lemmatizer (any backend)
            out["lemma"] = self.lemmatizer.lemmatize_types(types)
        return out

    def deriver(self, name: str) -> Any:
        """``derive(types)`` for :class:`_DerivedLayer`: the layer's types of the
        surface types ``types``, which follow those derived before (every layer's
        derived types are kept aligned with the surface types sent or analysed)."""
        def derive(types: list[str]) -> list[str]:
            self._collect()
            start = self.taken[name]
            end = start + len(types)
            if end > self.sent:  # not sent to the background process: analyse here
                for key, values in self._local(list(types[self.sent - start:])).items():
                    self.results[key].extend(values)
                self.sent = end
            self.taken[name] = end
            out = self.results[name][start - self.dropped:end - self.dropped]
            self._drop_taken()
            return out
        return derive

    def _drop_taken(self) -> None:
        """Forget the results every layer has taken (they are in its vocabulary)."""
        low = min(self.taken.values())
        if low > self.dropped:
            for values in self.results.values():
                del values[:low - self.dropped]
            self.dropped = low

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None


class _Worker(_ChildProcess):
    """:mod:`arabcorpus.corpus._layer_worker` in a child process fed and read by two
    threads, so that sending a chunk never waits for the previous one to be analysed
    (:class:`~arabcorpus.corpus.pipes._ChildProcess`)."""

    what = "the process analysing the lemma, base and clitics layers"

    def __init__(self, layers: tuple[str, ...], backend: str | None) -> None:
        super().__init__("arabcorpus.corpus._layer_worker",
                         [json.dumps([list(layers), backend]).encode("utf-8")])

    def submit(self, types: list[str]) -> None:
        """Send a chunk of surface types to analyse."""
        self.send([json.dumps(types, ensure_ascii=False).encode("utf-8",
                                                                "surrogatepass")])

    @staticmethod
    def _decode(parts: list[bytes]) -> dict[str, list[str]]:
        (data,) = parts
        return json.loads(data)

    def wait(self) -> list[dict[str, list[str]]]:
        """Every answer not yet returned, once all the chunks sent are analysed."""
        return [self.next() for _ in range(self.in_flight)]


class _DerivedLayer:
    """A layer derived type by type from another (``norm`` from ``surface``, ``stem``
    from ``norm``), grown as the source vocabulary grows.

    ``map[source_id]`` is the derived id; derived ids are given in order of first
    appearance over the source types, exactly as a one-off factorization of the whole
    source vocabulary would give them, so a corpus built in parts (shards) has the
    same ids as one built at once.
    """

    def __init__(self, derive: Any) -> None:
        self.derive = derive  # list[str] -> list[str]
        self.map = np.zeros(0, dtype=np.int32)
        self.index: dict[str, int] = {}
        self.strings: list[str] = []

    def extend_to(self, source: list[str]) -> None:
        """Derive the source types added since the last call."""
        done = len(self.map)
        if done == len(source):
            return
        import itertools

        derived = self.derive(source[done:])
        index = self.index
        n_before = len(index)
        # one dict lookup per new source type (kept: 1.6x faster than factorizing
        # each batch's derived types with pandas first, SaudiNewsNet, 2026-12-05)
        setdefault = index.setdefault
        ids = np.fromiter((setdefault(t, len(index)) for t in derived), dtype=np.int32,
                          count=len(derived))
        if len(index) > n_before:
            self.strings.extend(itertools.islice(index, n_before, None))
        self.map = np.concatenate([self.map, ids])


#: Characters tokenized between two returns of the free heap memory to the system
#: (:func:`_release_free_memory`).
RELEASE_EVERY_CHARS = 16 << 20


def _release_free_memory() -> None:
    """:func:`arabcorpus.util.memory.release_free_memory` during a build.

    A build frees many blocks in the middle of the heap (each day's JSON text, each
    batch's work arrays) between blocks that stay (texts, types). Kept: SaudiNewsNet's
    build ends at 472 MB instead of 510 MB, for 0.01 s (six calls, 2026-12-05).
    """
    release_free_memory()


#: The size of one chunk of a growing token array, in bytes: just above the largest
#: threshold from which glibc's malloc maps a block on its own (32 MiB on 64-bit
#: systems), so that a chunk takes no memory until written and gives it all back when
#: freed, and small, as one chunk is held twice while it is copied.
_CHUNK_BYTES = 33 << 20


class _Growing:
    """An array grown at its end, in chunks of :data:`_CHUNK_BYTES` allocated empty
    (address space only: a page takes memory when first written).

    :meth:`take` cuts the last chunk to size in place, and if there are several, copies
    them into one array chunk by chunk, freeing each as it goes: the tokens are never
    held twice. Kept: per-batch arrays joined at the end peaked at 686 MB on
    SaudiNewsNet, and at 535 MB grown with NumPy's ``resize`` (which writes zeros over
    the capacity it adds, and copies); these chunks with the releases of
    :func:`_release_free_memory`, 463 MB (building process, 2026-12-05).
    """

    def __init__(self, dtype: Any, width: int | None = None) -> None:
        self.dtype = np.dtype(dtype)
        self.tail = () if width is None else (width,)
        self.rows = max(1, _CHUNK_BYTES // (self.dtype.itemsize * (width or 1)))
        self.full: list[np.ndarray] = []
        self.chunk = self._new_chunk()
        self.used = 0  # rows of self.chunk written

    def _new_chunk(self) -> np.ndarray:
        return np.empty((self.rows, *self.tail), dtype=self.dtype)

    def __len__(self) -> int:
        return len(self.full) * self.rows + self.used

    def extend(self, values: np.ndarray) -> None:
        while len(values):
            if self.used == self.rows:
                self.full.append(self.chunk)
                self.chunk = self._new_chunk()
                self.used = 0
            k = min(self.rows - self.used, len(values))
            self.chunk[self.used:self.used + k] = values[:k]
            self.used += k
            values = values[k:]

    def take(self) -> np.ndarray:
        """The values as one array; the column starts empty again."""
        last = self.chunk
        last.resize((self.used, *self.tail), refcheck=False)  # in place, no copy
        if self.full:
            out = np.empty((len(self), *self.tail), dtype=self.dtype)
            pos = 0
            self.full.append(last)
            del last
            while self.full:
                chunk = self.full.pop(0)
                out[pos:pos + len(chunk)] = chunk
                pos += len(chunk)
                del chunk  # its memory goes back to the system now
            last = out
        self.full = []
        self.chunk = self._new_chunk()
        self.used = 0
        return last


class _TokenColumns:
    """The token arrays of the documents added since the last take: surface ids,
    spans, kinds, and the tokens of each document."""

    def __init__(self) -> None:
        self.surface = _Growing(np.int32)
        self.spans = _Growing(np.int32, 2)
        self.kinds = _Growing(np.uint8)
        self.counts = _Growing(np.int64)

    def extend(self, ids: np.ndarray, tb: TokenBatch) -> None:
        self.surface.extend(ids)
        spans = np.empty((len(ids), 2), dtype=np.int32)
        spans[:, 0] = tb.starts
        spans[:, 1] = tb.ends
        self.spans.extend(spans)
        self.kinds.extend(tb.kinds)
        self.counts.extend(tb.counts)

    def take(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Surface ids, spans, kinds and the document offsets (CSR)."""
        counts = self.counts.take()
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return self.surface.take(), self.spans.take(), self.kinds.take(), offsets


class _Builder:
    """The state of a corpus build: the tokenizer settings, the growing vocabularies
    and the documents added since the last :meth:`take`.

    :meth:`Corpus.build` adds every document and takes one corpus; a sharded build
    takes one corpus per shard, each with ids in the one global id space (the
    vocabularies only grow).
    """

    def __init__(self, profile: Any, stem: str | None, punctuation: Any,
                 layers: Sequence[str] | None = None, lemmatizer: Any = "default",
                 background: bool = False) -> None:
        from arabcorpus.text.normalize import Normalizer

        if isinstance(profile, str):
            normalizer = Normalizer(profile=profile)
        elif isinstance(profile, Normalizer):
            normalizer = profile
        else:
            raise TypeError(f"profile must be a str or a Normalizer, got "
                            f"{type(profile).__name__}")
        wanted = check_layers(layers)
        if stem is not None and "stem" not in wanted:
            wanted.append("stem")
        if "stem" in wanted and stem is None:
            stem = "isri"
        stemmer = None
        if stem is not None:
            check_str(stem, "stem")
            from arabcorpus.text.stem import Stemmer

            stemmer = Stemmer(stem)  # ValueError listing STEMMERS if unknown
        check_bool(punctuation, "punctuation")
        self.normalizer = normalizer
        self.stem_name = stem
        self.punctuation = bool(punctuation)
        #: tokenize in a second process once the build is large enough
        #: (:data:`BACKGROUND_MIN_CHARS`); started by the first batch past it
        self.background = background
        self.tokenizer: TokenizingProcess | None = None
        self.chars_flushed = 0
        self.chars_encoded = self.chars_released = 0
        self.encoder = TypeEncoder()
        self._scratch = _Scratch()
        self.norm = _DerivedLayer(normalizer.normalize_many)
        self.stem = _DerivedLayer(stemmer.stem_many) if stemmer is not None else None
        #: the optional layers in build order (those derived from surface types)
        self.layer_names = [x for x in LAYERS[2:] if x in wanted]
        self.from_surface: dict[str, _DerivedLayer] = {}
        self.lemmatizer_name = None
        self.analyses: _SurfaceAnalyses | None = None
        lem = None
        if "lemma" in wanted:
            from arabcorpus.text.lemma import Lemmatizer

            lem = lemmatizer if isinstance(lemmatizer, Lemmatizer) else \
                Lemmatizer(lemmatizer)  # ValueError listing the backends if unknown
            self.lemmatizer_name = lem.backend if isinstance(lem.backend, str) else \
                "custom"
        surface_layers = [x for x in ("lemma", "base", "clitics") if x in wanted]
        if surface_layers:
            self.analyses = _SurfaceAnalyses(surface_layers, lem)
            for name in surface_layers:
                derive = self.analyses.deriver(name)
                if name == "base":
                    derive = (lambda d: lambda types: normalizer.normalize_many(d(types))
                              )(derive)
                self.from_surface[name] = _DerivedLayer(derive)
        self.n_taken_docs = 0
        self._reset()

    def _reset(self) -> None:
        self.texts: list[str] = []
        self.records: list[dict[str, Any]] = []
        self.tokens = _TokenColumns()
        self.batch_start = 0  # index in texts of the batch's first document
        self.batch_chars = 0
        #: batches sent to the tokenizing process: (first document, joined texts)
        self.sent: collections.deque[tuple[int, str]] = collections.deque()

    def __len__(self) -> int:
        """Documents added since the last take."""
        return len(self.texts)

    def add(self, doc: Any) -> None:
        self.texts.append(doc.text)
        rec = {"id": doc.id}
        for key, value in doc.meta.items():
            # a meta field called "id" must not replace the document id
            rec["meta_id" if key == "id" else key] = value
        self.records.append(rec)
        self.batch_chars += len(doc.text)
        if len(self.texts) - self.batch_start >= BATCH_SIZE or \
                self.batch_chars >= BATCH_CHARS:
            self._flush()

    def _flush(self) -> None:
        """Tokenize the batch of documents added since the last flush
        (:func:`~arabcorpus.corpus.batches.tokenize_batch`), here or in the tokenizing
        process, and encode the tokens of every batch tokenized by now."""
        b = self.batch_start
        if b == len(self.texts):
            return
        batch = self.texts[b:]
        joined = "".join(batch)
        self.batch_start = len(self.texts)
        self.chars_flushed += self.batch_chars
        self.batch_chars = 0
        if self.tokenizer is None and self.background and \
                self.chars_flushed >= BACKGROUND_MIN_CHARS:
            try:
                self.tokenizer = TokenizingProcess(self.punctuation)
            except OSError:  # pragma: no cover - no process can be started here
                self.background = False
        if self.tokenizer is None:
            self._encode(b, joined, tokenize_batch(batch, self.punctuation,
                                                   scratch=self._scratch))
            return
        self.tokenizer.submit(batch, joined)
        self.sent.append((b, joined))
        while len(self.sent) > MAX_IN_FLIGHT:
            self._encode(*self.sent.popleft(), self.tokenizer.next())

    def _drain(self) -> None:
        """Encode every batch sent to the tokenizing process (waits for them)."""
        while self.sent:
            self._encode(*self.sent.popleft(), self.tokenizer.next())

    def _encode(self, first: int, joined: str, tb: TokenBatch) -> None:
        """Give the tokens of the batch of documents from ``first`` their surface ids
        (:class:`~arabcorpus.corpus.encoder.TypeEncoder`) and keep them; derive the
        norm types of the new surface types."""
        lengths = np.fromiter(map(len, self.texts[first:first + len(tb.counts)]),
                              dtype=np.int64, count=len(tb.counts))
        keys = None if self.encoder.exact else span_keys(tb.h1, tb.h2)
        ids = None
        if keys is not None:
            starts, ends = joined_spans(lengths, tb, keys.first)
            ids = self.encoder.encode_keys(keys, Slices(joined, starts, ends))
        if ids is None:  # a hash collision: by string keys, for good
            ids = self.encoder.encode_exact(joined, *joined_spans(lengths, tb))
        self.tokens.extend(ids, tb)
        if len(self.encoder.strings) - len(self.norm.map) >= DERIVE_EVERY_TYPES:
            self.norm.extend_to(self.encoder.strings)
        self.chars_encoded += len(joined)
        if self.chars_encoded >= self.chars_released + RELEASE_EVERY_CHARS:
            _release_free_memory()
            self.chars_released = self.chars_encoded
        if self.analyses is not None:  # new surface types, analysed in the background
            self.analyses.feed(self.encoder.strings)

    def close(self) -> None:
        """Stop the background processes, if any was started."""
        if self.tokenizer is not None:
            self.tokenizer.close()
            self.tokenizer = None
        if self.analyses is not None:
            self.analyses.close()

    def vocabularies(self) -> dict[str, "Vocabulary"]:
        """The vocabularies as they stand (they only grow)."""
        self.norm.extend_to(self.encoder.strings)
        vocabs = {"surface": Vocabulary(self.encoder.strings),
                  "norm": Vocabulary(self.norm.strings)}
        if self.stem is not None:
            self.stem.extend_to(self.norm.strings)
            vocabs["stem"] = Vocabulary(self.stem.strings)
        for name, derived in self.from_surface.items():
            derived.extend_to(self.encoder.strings)
            vocabs[name] = Vocabulary(derived.strings)
        return {name: vocabs[name] for name in LAYERS if name in vocabs}

    def take(self, load_report: Any = None) -> "Corpus":
        """The documents added since the last take, as a corpus in the global ids."""
        self._flush()
        self._drain()
        _release_free_memory()
        surface, spans, kinds, doc_offsets = self.tokens.take()
        vocabs = self.vocabularies()
        layers = {"surface": surface, "norm": self.norm.map[surface]}
        if self.stem is not None:
            layers["stem"] = self.stem.map[layers["norm"]]
        for name, derived in self.from_surface.items():
            layers[name] = derived.map[surface]
        layers = {name: layers[name] for name in LAYERS if name in layers}
        metadata = _metadata_frame(self.records, first_doc=self.n_taken_docs)
        texts = self.texts
        self.n_taken_docs += len(texts)
        self._reset()
        return Corpus(layers=layers, vocabs=vocabs, doc_offsets=doc_offsets, spans=spans,
                      kinds=kinds, texts=texts, metadata=metadata,
                      normalizer=self.normalizer, stemmer=self.stem_name,
                      punctuation=self.punctuation, load_report=load_report,
                      lemmatizer=self.lemmatizer_name)


#: Values of ``dedupe=`` in :meth:`Corpus.build`: drop exact duplicates (same text
#: after ``Normalizer("search")``) or near duplicates too (MinHash LSH, Jaccard >= 0.8).
DEDUPE: tuple[str, ...] = ("exact", "near")

#: The builder, by its name for the other parts of the package (:mod:`arabcorpus.dask`).
Builder = _Builder


def build(docs: Any, *, profile: Any = "search", stem: str | None = None,
          punctuation: bool = False, progress: bool | None = None,
          path: Any = None, shard_size: int | None = None,
          layers: Sequence[str] | None = None, lemmatizer: Any = "default",
          dedupe: str | None = None) -> Any:
    """:meth:`Corpus.build <arabcorpus.corpus.memory.Corpus.build>`: a
    :class:`~arabcorpus.corpus.memory.Corpus` in memory, or a
    :class:`~arabcorpus.corpus.sharded.ShardedCorpus` written to ``path``.

    Examples
    --------
    >>> build(["كتب الطالبُ الدرسَ."], progress=False).tokens(0)
    ['كتب', 'الطالب', 'الدرس']
    """
    from arabcorpus.io.readers import as_documents

    if dedupe is not None:
        check_choice(dedupe, "dedupe", DEDUPE)
    builder = _Builder(profile, stem, punctuation, layers, lemmatizer, background=True)
    check_progress(progress)
    try:
        if dedupe is not None:
            # exact: the readers' "drop"; near: their "near" (MinHash LSH); each drop
            # is listed in the load report with the document it duplicates
            docs = as_documents(docs).with_duplicates(
                "drop" if dedupe == "exact" else "near")
        if path is not None or shard_size is not None:
            if path is None:
                raise ValueError("shard_size is for a sharded build on disk: give "
                                 "path= too")
            from arabcorpus.corpus.sharded import _build_sharded

            return _build_sharded(docs, path, builder, shard_size, progress)
        stream = as_documents(docs)
        with progress_bar(progress, total=_stream_total(stream, docs),
                          desc="Building corpus", unit="doc") as bar:
            for doc in stream:
                builder.add(doc)
                bar.update(1)
        return builder.take(getattr(stream, "report", None))
    finally:
        builder.close()
