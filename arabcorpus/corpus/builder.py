"""Building a corpus: documents tokenized, encoded in batches and derived into layers.

:class:`_Builder` holds the state of a build: :meth:`Corpus.build
<arabcorpus.corpus.memory.Corpus.build>` adds every document and takes one corpus; a
sharded build (:mod:`arabcorpus.corpus.sharded`) and a Dask build
(:mod:`arabcorpus.dask`, through :class:`Builder`) take one part at a time, each in
the one global id space (the vocabularies only grow).

How it is built (and why it is fast)
------------------------------------
Each original text is tokenized with :func:`arabcorpus.text.tokenize.token_spans_many`
in batches of :data:`BATCH_SIZE` documents, so the spans refer to the original text.
The tokens of a batch are encoded into surface ids by the one
:class:`~arabcorpus.corpus.encoder.TypeEncoder` of the build (token spans hashed with
vectorized NumPy, only each batch's distinct types going through a Python dict, a
string made once per *new* type). The ``norm`` layer is then derived by normalizing
each **surface type once** and mapping ids with a NumPy lookup array,
``norm = surf2norm[surface]``; the ``stem`` layer likewise stems each norm type once,
and the ``lemma``, ``base`` and ``clitics`` layers analyse each surface type once
(:mod:`arabcorpus.corpus.layers`), in a background process for a large build.
"""

from __future__ import annotations

import json
import queue
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from arabcorpus.corpus.encoder import TypeEncoder
from arabcorpus.corpus.format import _metadata_frame
from arabcorpus.corpus.layers import LAYERS, analyse_surface_types, check_layers
from arabcorpus.corpus.memory import Corpus, Vocabulary
from arabcorpus.util.progress import check_progress, progress_bar
from arabcorpus.util.validate import check_bool, check_choice, check_str

__all__ = ["build", "Builder", "BATCH_SIZE", "BACKGROUND_MIN_TYPES"]

#: Documents tokenized and encoded per batch in :meth:`Corpus.build`.
BATCH_SIZE = 2000

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
        self.worker.send(list(strings[self.sent:]))
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


class _Worker:
    """``python -m arabcorpus.corpus._layer_worker`` fed and read by two threads, so that
    sending a chunk never waits for the previous one to be analysed."""

    def __init__(self, layers: tuple[str, ...], backend: str | None) -> None:
        import subprocess
        import tempfile
        import threading

        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "arabcorpus.corpus._layer_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr)
        self.pending: "queue.Queue[bytes | None]" = queue.Queue()
        self.answers: "queue.Queue[dict | None]" = queue.Queue()
        self.n_sent = 0
        self.pending.put(json.dumps([list(layers), backend]).encode("utf-8"))
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.writer.start()
        self.reader.start()

    def _write(self) -> None:
        stdin = self.proc.stdin
        try:
            while (line := self.pending.get()) is not None:
                stdin.write(line + b"\n")
                stdin.flush()
        except (BrokenPipeError, OSError):
            pass
        finally:
            try:
                stdin.close()
            except OSError:  # pragma: no cover
                pass

    def _read(self) -> None:
        try:
            for line in self.proc.stdout:
                self.answers.put(json.loads(line))
        finally:
            self.answers.put(None)  # the process stopped

    def send(self, types: list[str]) -> None:
        self.pending.put(json.dumps(types, ensure_ascii=False).encode(
            "utf-8", "surrogatepass"))
        self.n_sent += 1

    def wait(self) -> list[dict]:
        """Every answer not yet returned, once all the chunks sent are analysed."""
        answers = []
        while len(answers) < self.n_sent:
            out = self.answers.get()  # blocks until the reader thread has one
            if out is None:
                self.answers.put(None)  # stays stopped for any later wait
                try:
                    self.proc.wait(timeout=5)
                except Exception:  # noqa: BLE001 - the message says what is known
                    pass
                self.stderr.seek(0)
                err = self.stderr.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(f"the process analysing the lemma, base and clitics "
                                   f"layers stopped (exit {self.proc.poll()}):\n{err}")
            answers.append(out)
        self.n_sent = 0
        return answers

    def close(self) -> None:
        self.pending.put(None)
        try:
            self.proc.wait(timeout=30)
        except Exception:  # noqa: BLE001 - never leave the process behind
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        self.stderr.close()


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

        import pandas as pd

        derived = self.derive(source[done:])
        # the batch's distinct derived types in order of first occurrence (pandas'
        # hash table), then only those go through the dict of all derived types
        codes, uniques = pd.factorize(np.asarray(derived, dtype=object), sort=False)
        index = self.index
        n_before = len(index)
        ids = np.empty(len(uniques), dtype=np.int32)
        for j, t in enumerate(uniques.tolist()):
            g = index.get(t)
            if g is None:
                g = index[t] = len(index)
            ids[j] = g
        if len(index) > n_before:
            self.strings.extend(itertools.islice(index, n_before, None))
        self.map = np.concatenate([self.map, ids[codes]])


class _Builder:
    """The state of a corpus build: the tokenizer settings, the growing vocabularies
    and the documents added since the last :meth:`take`.

    :meth:`Corpus.build` adds every document and takes one corpus; a sharded build
    takes one corpus per shard, each with ids in the one global id space (the
    vocabularies only grow).
    """

    def __init__(self, profile: Any, stem: str | None, punctuation: Any,
                 layers: Sequence[str] | None = None, lemmatizer: Any = "default",
                 ) -> None:
        from arabcorpus.text.normalize import Normalizer
        from arabcorpus.text.tokenize import KINDS

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
        self._punct_code = KINDS.index("punct")
        self.encoder = TypeEncoder()
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
        self.id_parts: list[np.ndarray] = []
        self.start_parts: list[np.ndarray] = []
        self.end_parts: list[np.ndarray] = []
        self.kind_parts: list[np.ndarray] = []
        self.lengths: list[int] = []
        self.batch_start = 0  # index in texts of the batch's first document

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
        if len(self.texts) - self.batch_start >= BATCH_SIZE:
            self._flush()

    def _flush(self) -> None:
        """Tokenize the batch of documents added since the last flush (batched
        :func:`~arabcorpus.text.tokenize.token_spans_many`) and encode its tokens."""
        from arabcorpus.text.tokenize import token_spans_many

        b = self.batch_start
        if b == len(self.texts):
            return
        batch = self.texts[b:]
        for starts, ends, kinds in token_spans_many(batch, punctuation=self.punctuation):
            if not self.punctuation and len(kinds):
                # The tokenizer should already leave them out; make sure.
                keep = kinds != self._punct_code
                if not keep.all():
                    starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
            self.start_parts.append(starts.astype(np.int32))
            self.end_parts.append(ends.astype(np.int32))
            self.kind_parts.append(kinds.astype(np.uint8))
            self.lengths.append(len(starts))
        self.id_parts.append(self.encoder.encode(batch, self.start_parts[b:],
                                                 self.end_parts[b:]))
        self.batch_start = len(self.texts)
        if self.analyses is not None:  # new surface types, analysed in the background
            self.analyses.feed(self.encoder.strings)

    def close(self) -> None:
        """Stop the background analysis process, if one was started."""
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

        def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
            out = np.concatenate(parts).astype(dtype, copy=False) if parts else \
                np.zeros(0, dtype=dtype)
            parts.clear()
            return out

        surface = cat(self.id_parts, np.int32)
        spans = np.empty((len(surface), 2), dtype=np.int32)
        spans[:, 0] = cat(self.start_parts, np.int32)
        spans[:, 1] = cat(self.end_parts, np.int32)
        kinds = cat(self.kind_parts, np.uint8)
        doc_offsets = np.zeros(len(self.lengths) + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=doc_offsets[1:])
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
    builder = _Builder(profile, stem, punctuation, layers, lemmatizer)
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
