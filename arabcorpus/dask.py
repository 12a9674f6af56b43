"""Dask: read, build and count sharded corpora in parallel, on one machine or a cluster.

Dask is an optional extra: ``pip install "arabcorpus[dask]"``. Nothing here is a
second engine: documents are read by :mod:`arabcorpus.io.readers`, encoded by the same
builder as :meth:`Corpus.build <arabcorpus.corpus.Corpus.build>`, written in the
format of :mod:`arabcorpus.corpus.sharded`, and the analyses count with the same per-shard
functions as a :class:`~arabcorpus.corpus.sharded.ShardedCorpus` does in one process and
score with the same measure functions. Dask only runs the per-shard work as tasks
(one per shard, partial counts added in a tree reduction).

- :func:`read_documents`: a :class:`dask.bag.Bag` of
  :class:`~arabcorpus.io.readers.Document`, one partition per file, each partition
  carrying the readers' :class:`~arabcorpus.io.readers.LoadReport` of its file;
- :func:`build`: a sharded corpus from a bag, one shard per partition, with one global
  vocabulary: each partition is encoded with its own vocabulary in parallel, the
  vocabularies are merged in partition order on the client (so the ids are exactly
  those of a serial build of the same documents), and each partition, once merged,
  is rewritten in the global ids as a shard, in parallel with the encoding of the
  later partitions. The load report is the merge of the partitions' reports;
- :func:`executor`: a context in which every counting analysis of a sharded corpus
  runs its per-shard counts as Dask tasks (``with acd.executor(client):
  ac.frequency(corpus)``). This module works on the corpus interface only and imports
  no analysis; the shortcuts ``acd.frequency``, ``acd.collocations``,
  ``acd.collocates`` and ``acd.keyness`` are deprecated (removed in 0.2).

Any Dask scheduler works: the threaded default (no ``client``), a
``distributed.LocalCluster``, or a cluster (SLURM through dask-jobqueue, Kubernetes,
...) whose ``distributed.Client`` is passed as ``client=``. Workers need the shard
folder on a shared file system. Shards are written under a temporary name and
renamed, so a task retried after a worker died (Dask reschedules it; ``retries``
adds retries on errors) writes its shard once and loses no document.

Duplicates: with ``duplicates="keep"``, each partition records the digest of every
document's normalized text and the merged report lists the duplicates found over all
partitions in order, as a serial read does. ``"drop"`` would need the whole corpus
before encoding and is refused; the default here is ``duplicates=None`` (not looked
for).

Examples
--------
>>> import tempfile, dask.bag as db
>>> from arabcorpus import Corpus, frequency
>>> from arabcorpus.io.readers import Document
>>> import arabcorpus.dask as acd
>>> docs = [Document(str(i), t) for i, t in enumerate(
...     ["ذهب الولد إلى المدرسة", "المدرسة كبيرة", "كبيرة كبيرة"])]
>>> with tempfile.TemporaryDirectory() as tmp:
...     sharded = acd.build(db.from_sequence(docs, npartitions=2), tmp + "/c",
...                         progress=False)
...     with acd.executor():
...         df = frequency(sharded)
...     same = df.equals(frequency(Corpus.build(docs, progress=False)))
...     del sharded
>>> same
True
"""

from __future__ import annotations

import operator
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from arabcorpus.corpus.base import Vocabulary
from arabcorpus.corpus.builder import Builder
from arabcorpus.corpus.encoder import FirstSeenIds, joined_hashes
from arabcorpus.corpus.format import RunningDigest, report_from_json, report_to_json
from arabcorpus.corpus.memory import Corpus
from arabcorpus.corpus.sharded import (
    ShardedCorpus,
    ShardRef,
    apply_to_shard,
    prepare_folder,
    publish,
    settings_of,
    using_executor,
    write_manifest,
    write_shard,
)
from arabcorpus.util import deprecation
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.progress import progress_bar, wants_bar

__all__ = ["read_documents", "build", "executor", "frequency", "collocations",
           "collocates", "keyness", "DocumentPartition", "merge_reports"]

_STAGE = ".stage"


def _dask() -> Any:
    try:
        import dask
        import dask.bag  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('arabcorpus.dask needs Dask: pip install "arabcorpus[dask]"'
                          ) from exc
    return dask


# --------------------------------------------------------------------------- reading
class DocumentPartition(list):
    """A list of :class:`~arabcorpus.io.readers.Document` (one bag partition) with the
    :class:`~arabcorpus.io.readers.LoadReport` of reading it (``report``) and, when
    duplicates are looked for, the digest of each document's normalized text
    (``digests``), from which :func:`merge_reports` finds duplicates across
    partitions."""

    def __init__(self, docs: Sequence[Any] = (), report: Any = None,
                 digests: list | None = None) -> None:
        super().__init__(docs)
        self.report = report
        self.digests = digests

    def __reduce__(self):  # keep the report when Dask moves a partition
        return (DocumentPartition, (list(self), self.report, self.digests))


def _read_partition(items: Sequence[tuple], reader: Callable, options: dict
                    ) -> DocumentPartition:
    """Read the files of one partition: ``(path, None, _)`` items with ``reader``,
    ``(folder, relative path, first)`` items as a serial read of the folder reads
    that file (same ids and names; the folder's ignored files reported once)."""
    from arabcorpus.io.readers import read_folder_files

    docs: list[Any] = []
    reports = []
    digests: list | None = None
    for path, rel, first in items:
        if rel is None:
            stream = reader(path, **options)
        else:
            stream = read_folder_files(path, [rel], report_ignored=first, **options)
        if getattr(stream, "duplicates", None) == "keep":
            stream.digests = []
        docs.extend(stream)
        reports.append(stream.report)
        if stream.digests is not None:
            digests = [] if digests is None else digests
            digests.extend(stream.digests)
    return DocumentPartition(docs, merge_reports(reports), digests)


def read_documents(paths: str | os.PathLike | Sequence[str | os.PathLike],
                   reader: Callable | None = None, **options: Any) -> Any:
    """A Dask bag of documents, one partition per file, read by the library's readers.

    Parameters
    ----------
    paths : path or list of paths
        Files or folders. A folder stands for its files, one partition each, read
        as a serial read of the folder reads them (same document ids, names and
        order); SaudiNewsNet's folder stands for its daily zips.
    reader : callable, optional
        ``reader(path, **options) -> DocumentStream``: default
        :func:`arabcorpus.io.readers.read` (format from the file name);
        :func:`arabcorpus.io.readers.read_saudinewsnet` for SaudiNewsNet's daily zips.
    **options
        Reader options (``text_field``, ``encoding``, ``strict``, ...);
        ``duplicates`` defaults to None here (see the module docstring).

    Returns
    -------
    dask.bag.Bag
        Of :class:`~arabcorpus.io.readers.Document`; each partition is a
        :class:`DocumentPartition` holding its file's load report.

    Raises
    ------
    FileNotFoundError
        For a path that does not exist.
    ValueError
        For ``duplicates="drop"`` or ``"near"``, which need the whole corpus in one
        pass.
    arabcorpus.io.datasets.DatasetError
        For a SaudiNewsNet zip that does not match its registered checksum (checked
        before any partition is read, as :func:`~arabcorpus.io.datasets.load_dataset`
        checks it).
    """
    _dask()
    import dask.bag as db

    from arabcorpus.io import readers

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    items: list[tuple] = []  # (path, relative path in a folder or None, first)
    for p in map(Path, paths):
        if not p.exists():
            raise FileNotFoundError(f"no file or folder at {p}")
        if p.is_file():
            items.append((str(p), None, True))
        elif reader is readers.read_saudinewsnet or (
                reader is None and readers.is_saudinewsnet(p)):
            reader = readers.read_saudinewsnet
            zips = readers.saudinewsnet_zips(p)
            _verify_registered(zips)
            items.extend((str(z), None, True) for z in zips)
        elif reader is None or reader is readers.read:
            files, _ = readers.folder_files(p, None)
            items.extend((str(p), rel, i == 0) for i, (rel, _, _) in enumerate(files))
        else:
            items.extend((str(f), None, True) for f in sorted(p.iterdir())
                         if f.is_file() and not f.name.startswith("."))
    if not items:
        raise ValueError(f"no files to read in {', '.join(map(str, paths))}")
    options.setdefault("duplicates", None)
    if options["duplicates"] in ("drop", "near"):
        raise ValueError(f"duplicates={options['duplicates']!r} needs one pass over the "
                         "whole corpus; in "
                         "parallel, use duplicates='keep' (found across all "
                         "partitions, kept) or None, and drop them from the corpus "
                         "with subcorpus()")
    reader = reader or readers.read
    return db.from_sequence(items, npartitions=len(items)).map_partitions(
        _read_partition, reader, options)


def _verify_registered(files: Sequence[Path]) -> None:
    """Check each file registered as one of SaudiNewsNet's against its SHA-256 and
    size, as :func:`arabcorpus.io.datasets.load_dataset` does (DatasetError naming
    the file)."""
    from arabcorpus.io.datasets import dataset_info, verify_file

    known = {name: (sha, size) for name, sha, size in dataset_info("saudinewsnet").files}
    for f in files:
        hit = known.get(Path(f).name)
        if hit is not None:
            verify_file(f, *hit)


def merge_reports(reports: Sequence[Any], digests: Sequence[list | None] | None = None
                  ) -> Any:
    """One :class:`~arabcorpus.io.readers.LoadReport` from the reports of consecutive
    partitions (files read, counts, skipped records, WARC records by kind, duplicates,
    encodings added up in order); None if no partition had one.

    With the partitions' ``digests`` (see :class:`DocumentPartition`), duplicates are
    found again over all partitions in order, so that a text repeated in two files is
    reported as a serial read reports it.
    """
    from arabcorpus.io.readers import Duplicate, LoadReport

    reports = [r for r in reports if r is not None]
    if not reports:
        return None
    out = LoadReport(source="; ".join(dict.fromkeys(r.source for r in reports)),
                     format=reports[0].format,
                     duplicates_policy=reports[0].duplicates_policy)
    for r in reports:
        out.files_read.extend(r.files_read)
        out.documents_read += r.documents_read
        out.skipped.extend(r.skipped)
        out.duplicates.extend(r.duplicates)
        out.encodings.update(r.encodings)
        out.ignored.extend(r.ignored)
        out.surrogates_replaced += r.surrogates_replaced
        for kind, count in r.records.items():  # WARC records by kind
            out.records[kind] = out.records.get(kind, 0) + count
    out.complete = all(r.complete for r in reports)
    if digests is not None and all(d is not None for d in digests):
        seen: dict[bytes, str] = {}
        out.duplicates = []
        for part in digests:
            for digest, doc_id, file, position, unit in part:
                first = seen.get(digest)
                if first is None:
                    seen[digest] = doc_id
                else:
                    out.duplicates.append(Duplicate(doc_id, first, file, position, unit))
    return out


# --------------------------------------------------------------------------- building
def _encode_partition(docs: Any, stage: str, k: int, settings: dict) -> dict:
    """Task 1: encode one partition with its own vocabulary into ``stage/k``."""
    from arabcorpus.text.normalize import Normalizer

    builder = Builder(Normalizer(settings["profile"], **settings["normalizer_rules"]),
                      settings["stemmer"], settings["punctuation"])
    for doc in docs:
        builder.add(doc)
    report = getattr(docs, "report", None)
    digests = getattr(docs, "digests", None)
    part = builder.take()
    part.save(Path(stage) / f"{k:05d}")  # atomic: a retried task replaces it whole
    s2n = builder.norm.map
    per_surface = {"surface": None, "norm": s2n}
    if builder.stem is not None:
        per_surface["stem"] = builder.stem.map[s2n]
    # Per layer, the local vocabulary packed as one string (no list of strings to
    # pickle and unpickle), two 64-bit hashes per type (the client matches integers,
    # not strings) and the local type of each local surface type.
    # Kept as faster (SaudiNewsNet, 2 workers): client CPU 2.6-3.0 s vs 4.8-5.0 s, wall
    # 48-65 s vs 62-72 s, for plain lists of strings merged by TypeEncoder (alternated).
    layers = {}
    for layer, index in per_surface.items():
        packed = _PackedStrings(part.vocab(layer))
        layers[layer] = {"strings": packed, "index": index,
                         "hashes": joined_hashes(packed.text, packed.ends)}
    return {"k": k, "n_docs": len(part), "report": report_to_json(report),
            "digests": digests, "layers": layers}


def _finalize_partition(stage: str, folder: str, k: int, shared: dict,
                        maps: dict[str, np.ndarray]) -> dict:
    """Task 2: rewrite partition ``k`` in the global ids as shard ``k`` (``maps``: for
    each layer, the global id of each local surface type)."""
    # memory-mapped: the texts are copied as bytes; written moments ago by this build,
    # so sizes are checked but not digests
    local = Corpus.load(Path(stage) / f"{k:05d}", verify=False)
    return write_shard(Path(folder), k, local, shared, recode=maps)


class _PackedStrings(Sequence):
    """Strings stored as one ``str`` and their end offsets: cheap to pickle and send
    (a list of many short strings is not); a string is sliced out when it is read."""

    def __init__(self, strings: Sequence[str]) -> None:
        self.text = "".join(strings)
        self.ends = np.cumsum(np.fromiter(map(len, strings), np.int64, len(strings)))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = operator.index(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.text[self.ends[i - 1] if i else 0:self.ends[i]]

    def take(self, indices: np.ndarray) -> list[str]:
        """The strings at ``indices``, in that order."""
        ends = self.ends[indices].tolist()
        starts = np.where(indices > 0, self.ends[indices - 1], 0).tolist()
        text = self.text
        return [text[a:b] for a, b in zip(starts, ends)]


class _Taken(Sequence):
    """``packed[indices[i]]`` for each ``i``, sliced when read."""

    def __init__(self, packed: _PackedStrings, indices: np.ndarray) -> None:
        self.packed, self.indices = packed, indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return self.packed.take(self.indices[i])
        return self.packed[int(self.indices[i])]

    def take(self, indices: np.ndarray) -> list[str]:
        return self.packed.take(self.indices[indices])


class _VocabularyMerge:
    """The partitions' vocabularies merged in partition order into one id space per
    layer, exactly as a serial build gives it: surface ids in order of first
    occurrence; a norm (stem) type gets its id when the first surface (norm) type
    that has it does."""

    def __init__(self, stem: bool) -> None:
        self.layers = ["surface", "norm"] + (["stem"] if stem else [])
        self.vocab = {layer: FirstSeenIds() for layer in self.layers}
        self.maps = {"norm": np.zeros(0, np.int32), "stem": np.zeros(0, np.int32)}
        self.digests = {layer: RunningDigest() for layer in self.layers}

    def add(self, r: dict) -> tuple[dict, dict[str, np.ndarray]]:
        """Merge one partition's result (of :func:`_encode_partition`); return its
        shard's vocabulary entry (prefix size and digest per layer) and, per layer,
        the global id of each of its local surface types."""
        parts = r["layers"]
        surface = self.vocab["surface"]
        before = len(surface)
        g = surface.add(parts["surface"]["hashes"], parts["surface"]["strings"])
        new = np.flatnonzero(g >= before)  # each new type once, in id order
        out = {"surface": g}
        source, src_ids = "surface", new  # local types that introduce new source ids
        for layer in self.layers[1:]:
            vocab = self.vocab[layer]
            before = len(vocab)
            h1, h2 = parts[layer]["hashes"]
            local = parts[layer]["index"][src_ids]  # local `layer` type of each
            ids = vocab.add((h1[local], h2[local]),
                            _Taken(parts[layer]["strings"], local))
            self.maps[layer] = np.concatenate([self.maps[layer], ids])
            out[layer] = self.maps[layer][out[source]]
            # the local types whose `layer` type is new, first of each, in id order
            fresh = ids >= before
            src_ids = src_ids[fresh][np.unique(ids[fresh], return_index=True)[1]]
            source = layer
        shared = {}
        for layer in self.layers:
            strings = self.vocab[layer].strings
            shared[layer] = {"size": len(strings),
                             "blake2b": self.digests[layer].update_to(strings)}
        return shared, out

    def vocabularies(self) -> dict[str, Vocabulary]:
        return {layer: Vocabulary(self.vocab[layer].strings) for layer in self.layers}


def _run(tasks: list, progress: bool | None) -> list:
    """Compute delayed tasks on Dask's current scheduler."""
    dask = _dask()
    if wants_bar(progress):
        from dask.diagnostics import ProgressBar

        with ProgressBar():
            return list(dask.compute(*tasks))
    return list(dask.compute(*tasks))


@keyword_only("bag", "path", old=("profile", "stem", "punctuation", "client", "retries",
                                  "progress"))
def build(bag: Any, path: str | os.PathLike, *, profile: Any = "search",
          stem: str | None = None, punctuation: bool = False, client: Any = None,
          retries: int = 2, progress: bool | None = None) -> ShardedCorpus:
    """Build a sharded corpus from a Dask bag of documents, one shard per partition.

    Each partition is encoded with its own vocabulary, in parallel. The client merges
    the partitions' vocabularies in partition order (the global ids of partition
    ``k`` depend on partitions ``0..k`` only) and, with a ``client``, sends each
    partition to be rewritten in the global ids as soon as it is merged, while later
    partitions are still being encoded. The corpus is built in a folder beside
    ``path`` and swapped in at the end, so a rebuild that fails leaves the old one.

    Parameters
    ----------
    bag : dask.bag.Bag
        Of :class:`~arabcorpus.io.readers.Document` (e.g. from :func:`read_documents`,
        or ``dask.bag.from_sequence(docs, npartitions=...)``).
    path : str or Path
        Folder of the sharded corpus (empty, new, or an older sharded corpus).
    profile, stem, punctuation
        As in :meth:`Corpus.build <arabcorpus.corpus.Corpus.build>`.
    client : distributed.Client, optional
        Run on this cluster; by default on Dask's current scheduler.
    retries : int, default 2
        Retries of a failed task (with a ``client``).
    progress : bool or None, default None
        Show progress over the tasks (:func:`arabcorpus.util.progress.progress_bar`:
        by default only in a notebook or a terminal).

    Returns
    -------
    ShardedCorpus
        With the same layers, ids, texts and metadata as ``Corpus.build`` of the
        bag's documents in order, and the merged load report of the partitions.
    """
    dask = _dask()
    builder = Builder(profile, stem, punctuation)  # checks the settings
    settings = settings_of(builder)
    target, folder = prepare_folder(path)
    try:
        stage = folder / _STAGE
        stage.mkdir()
        parts = bag.to_delayed()
        encode = dask.delayed(_encode_partition, pure=False)
        tasks = [encode(p, str(stage), k, settings) for k, p in enumerate(parts)]
        merge = _VocabularyMerge(builder.stem is not None)
        reports, digests = [], []

        def merged(r: dict) -> tuple[dict, dict]:
            reports.append(r["report"])
            digests.append(r["digests"])
            return merge.add(r)

        if client is not None:
            # partitions encoded in order (Dask would otherwise pick any order), so
            # that the client can merge each one as soon as it arrives; the rewrite of
            # a merged partition goes before any further encoding
            futures = [client.compute(t, retries=retries, priority=-k)
                       for k, t in enumerate(tasks)]
            done = []
            with progress_bar(progress, total=len(futures), desc="building shards",
                              unit="shard") as bar:
                for k in range(len(futures)):
                    shared, maps = merged(futures[k].result())
                    futures[k] = None  # the client holds no partition longer than needed
                    done.append(client.submit(_finalize_partition, str(stage),
                                              str(folder), k, shared, maps,
                                              retries=retries, pure=False, priority=1))
                    bar.update(1)
                entries = client.gather(done)
        else:
            results = _run(tasks, progress)
            finalize = dask.delayed(_finalize_partition, pure=False)
            todo = []
            for k in range(len(results)):
                shared, maps = merged(results[k])
                results[k] = None
                todo.append(finalize(str(stage), str(folder), k, shared, maps))
            entries = _run(todo, progress)
        report = merge_reports([report_from_json(r) for r in reports], digests)
        vocabs = merge.vocabularies()
        written = write_manifest(folder, settings, vocabs, list(entries), report, None,
                                 {layer: merge.digests[layer].update_to(v.strings)
                                  for layer, v in vocabs.items()})
        shutil.rmtree(stage)
        return publish(folder, target, written)
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- counting
def _tree_executor(client: Any, retries: int) -> Callable:
    def run(refs: list[ShardRef], fn: Callable, per_shard: list[tuple],
            combine: Callable) -> Any:
        dask = _dask()
        task = dask.delayed(apply_to_shard, pure=True)
        merge = dask.delayed(combine, pure=True)
        level = [task(ref, fn, args) for ref, args in zip(refs, per_shard)]
        while len(level) > 1:  # pairwise, in order (concatenations keep their order)
            level = [merge(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                     for i in range(0, len(level), 2)]
        if client is not None:
            return client.compute(level[0], retries=retries).result()
        return level[0].compute()
    return run


@contextmanager
def executor(client: Any = None, retries: int = 2) -> Iterator[None]:
    """Run the per-shard counting of every analysis inside this block as Dask tasks.

    Examples
    --------
    >>> import tempfile
    >>> from arabcorpus import Corpus, keyness
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     c = Corpus.build(["قال الوزير", "قال المتحدث"], path=tmp + "/c",
    ...                      shard_size=1, progress=False)
    ...     with executor():
    ...         n = c.counts("norm").tolist()
    ...     del c
    >>> n
    [2, 1, 1]
    """
    _dask()
    with using_executor(_tree_executor(client, retries)):
        yield


def _with_dask(name: str, module: str) -> Callable:
    """A deprecated shortcut: ``acd.frequency(corpus, client=c)`` is
    ``with acd.executor(c): ac.frequency(corpus)``, which keeps this module on the
    corpus interface (it imports no analysis). Removed in 0.2."""

    def run(*args: Any, client: Any = None, retries: int = 2, **kwargs: Any) -> Any:
        import importlib

        deprecation.warn(f"arabcorpus.dask.{name}(...) is deprecated; use "
                         f"`with arabcorpus.dask.executor(client): "
                         f"arabcorpus.{name}(...)`")
        fn = getattr(importlib.import_module(module), name)
        with executor(client, retries):
            return fn(*args, **kwargs)

    run.__name__ = run.__qualname__ = name
    run.__doc__ = (f"Deprecated: ``with executor(client): arabcorpus.{name}(...)`` "
                   f"(:func:`{module}.{name}` with its per-shard counting run as Dask "
                   f"tasks, see :func:`executor`). Removed in 0.2.")
    return run


frequency = _with_dask("frequency", "arabcorpus.analyses.frequency")
collocations = _with_dask("collocations", "arabcorpus.analyses.collocations")
collocates = _with_dask("collocates", "arabcorpus.analyses.collocations")
keyness = _with_dask("keyness", "arabcorpus.analyses.keyness")
