"""Sharded corpora: a corpus written to disk shard by shard, memory-mapped on load.

A corpus too large for memory is built with ``Corpus.build(docs, path=...,
shard_size=...)``: documents are read, tokenized and encoded as usual, and every
``shard_size`` documents the part built so far is written to disk as one *shard* and
dropped from memory. The vocabularies (one id space per layer) keep growing across
shards, so the peak memory of a build depends on the shard size and the vocabulary,
not on the size of the corpus, and every shard uses the same ids. Type ids are given
in order of first occurrence exactly as an in-memory build gives them, so the layers
of a sharded corpus, concatenated, **are** those of :meth:`Corpus.build` on the same
documents (a test checks it), and every analysis gives the same result on both.

:class:`ShardedCorpus` opens such a folder. Each analysis of the library accepts it
with the same call as a :class:`~arabcorpus.corpus.Corpus`:

- the counting analyses (:func:`~arabcorpus.analyses.frequency.frequency`,
  :func:`~arabcorpus.analyses.collocations.collocations`,
  :func:`~arabcorpus.analyses.collocations.collocates`, :func:`~arabcorpus.analyses.keyness.keyness`,
  :func:`~arabcorpus.analyses.frequency.ngrams`, :meth:`ShardedCorpus.counts`) count shard by
  shard and add the counts (the map and reduce steps of
  :meth:`ShardedCorpus.map_reduce`), then score with the same functions as the
  in-memory path, so their memory is that of one shard plus the counts;
- KWIC and dispersion find the matches shard by shard and read the spans and ids
  around them from the shards that hold them;
- :class:`~arabcorpus.analyses.topics.TopicModel` filters shard by shard and keeps only the
  tokens it models, as it does in memory;
- :func:`~arabcorpus.analyses.frequency.lexical_stats` (STTR and MATTR run over the running
  text) and topic models with ``phrases=True`` read the layer arrays they need from
  the memory-mapped shards into one array (4 bytes per token and layer), built once
  and cached.

The counting can also run as Dask tasks, one per shard with a tree reduction, on any
Dask scheduler: see :mod:`arabcorpus.dask`.

Folder layout (format ``arabcorpus.sharded``, version 1)
--------------------------------------------------------
=========================  ==========================================================
``corpus.json``            manifest: format, settings (profile, rules, stemmer,
                           punctuation), layers, vocabulary sizes and BLAKE2b
                           digests, the shard list (name, documents, tokens), the
                           readers' load report; written last, so a folder without
                           it is an unfinished build
``vocab.<layer>.txt``      the global vocabulary of each layer (as in a corpus
                           folder)
``shards/NNNNN/``          one corpus folder per shard (the files of
                           :meth:`Corpus.save` without the vocabularies), whose own
                           ``corpus.json`` records the byte size of each file and
                           the size and digest of the vocabulary prefix it was
                           written against
=========================  ==========================================================

A build writes the folder beside ``path`` (``.<name>.saving-<pid>-<random>``) and
swaps it in at the end, as :meth:`Corpus.save <arabcorpus.corpus.memory.Corpus.save>`
does: a rebuild into an existing folder that fails or is killed leaves the previous
corpus, and the next build removes what it left.

Loading checks every shard: a missing shard or file raises ``FileNotFoundError`` and
a truncated file ``ValueError``, each naming the file; a shard whose vocabulary
prefix digest differs from the folder's vocabulary (a shard from another build, i.e.
another vocabulary version) raises ``ValueError`` naming the shard. A wrong count is
never returned instead.

Examples
--------
>>> import tempfile
>>> from arabcorpus import Corpus, frequency
>>> docs = ["ذهب الولد إلى المدرسة", "المدرسة كبيرة", "كبيرة كبيرة"]
>>> with tempfile.TemporaryDirectory() as tmp:
...     sharded = Corpus.build(docs, path=tmp + "/c", shard_size=2, progress=False)
...     print(sharded.n_shards, len(sharded), sharded.n_tokens)
...     same = frequency(sharded).equals(frequency(Corpus.build(docs, progress=False)))
...     del sharded
2 3 8
>>> same
True
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus._version import __version__
from arabcorpus.corpus.base import CorpusBase, _readonly, Vocabulary, add_counts
from arabcorpus.corpus.builder import _Builder, _stream_total
from arabcorpus.corpus.format import (
    _SAVING,
    MANIFEST,
    RunningDigest,
    _atomic,
    _clean_leftovers,
    _json_default,
    _prefix_digests,
    _read_vocab,
    _swap_in,
    _write_vocab,
    report_from_json,
    report_to_json,
)
from arabcorpus.corpus.memory import Corpus
from arabcorpus.util.progress import progress_bar
from arabcorpus.util.validate import check_int

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ShardedCorpus", "ShardRef", "DEFAULT_SHARD_SIZE", "SHARDED_FORMAT_NAME",
           "SHARDED_FORMAT_VERSION", "using_executor", "apply_to_shard", "open_shard",
           "prepare_folder", "write_shard", "write_manifest", "publish", "settings_of"]

#: Documents per shard when ``shard_size`` is not given (about 6 M tokens of news).
DEFAULT_SHARD_SIZE = 20_000
#: Name written in the ``corpus.json`` of a sharded corpus folder.
SHARDED_FORMAT_NAME = "arabcorpus.sharded"
#: Version of the sharded folder layout.
SHARDED_FORMAT_VERSION = 1

_SHARDS = "shards"

# The executor of map_reduce: None runs the shards one after the other in this
# process; arabcorpus.dask sets a Dask executor for the duration of a call.
_EXECUTOR: contextvars.ContextVar[Any] = contextvars.ContextVar("arabcorpus_executor",
                                                                default=None)


@contextlib.contextmanager
def using_executor(run: Callable) -> Iterator[None]:
    """Inside this block, :meth:`ShardedCorpus.map_reduce` calls
    ``run(refs, fn, per_shard_args, combine)`` instead of running the shards one after
    the other (:func:`arabcorpus.dask.executor` runs them as Dask tasks)."""
    token = _EXECUTOR.set(run)
    try:
        yield
    finally:
        _EXECUTOR.reset(token)


# --------------------------------------------------------------------------- building
# A build writes into a new folder beside the target, ``.<name>.saving-<pid>-<random>``,
# which is swapped in at the end as Corpus.save swaps its folder in: a rebuild into an
# existing folder leaves the old corpus or the new one, never a mixture or neither.
def prepare_folder(path: Any) -> tuple[Path, Path]:
    """Check ``path`` for a sharded build (empty, new, or a sharded corpus, which the
    build replaces) and make the staging folder beside it; return ``(target,
    staging)``. :func:`publish` swaps the staging folder in; on failure remove it."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        manifest = folder / MANIFEST
        fmt = None
        if manifest.is_file():
            try:
                fmt = json.loads(manifest.read_text(encoding="utf-8")).get("format")
            except (ValueError, AttributeError):
                fmt = None
        if fmt != SHARDED_FORMAT_NAME and not (folder / _SHARDS).is_dir():
            raise ValueError(f"{folder} is not empty and holds no sharded corpus; "
                             f"refusing to write into it")
    target = Path(os.path.abspath(folder))
    if not target.name:
        raise ValueError(f"cannot build a corpus as {folder}: give a folder name")
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(target)
    staging = target.with_name(f".{target.name}{_SAVING}{os.getpid()}-"
                               f"{secrets.token_hex(4)}")
    (staging / _SHARDS).mkdir(parents=True)
    return target, staging


def write_shard(folder: Path, k: int, part: Corpus, shared: dict[str, Any],
                recode: dict[str, np.ndarray] | None = None) -> dict:
    """Write one shard atomically (its files into a temporary folder, renamed); return
    its entry for :func:`write_manifest`.

    ``recode``: for each layer, the global id of each of the part's surface ids (a
    part encoded with its own vocabulary, as a Dask build does); the shard holds
    those ids. Writing the same shard twice (a retried task) leaves one complete copy.
    """
    if recode is not None:
        ids = part.ids("surface")
        part = Corpus(layers={layer: m[ids] if len(m) else np.zeros(0, np.int32)
                              for layer, m in recode.items()},
                      vocabs=part._vocabs, doc_offsets=part.doc_offsets,
                      spans=part.spans, kinds=part.kinds, texts=part._texts,
                      metadata=part.metadata, normalizer=part.normalizer,
                      stemmer=part.stemmer, punctuation=part.punctuation)
    name = f"{k:05d}"
    parent = folder / _SHARDS
    final = parent / name
    tmp = parent / f".{name}.tmp{os.getpid()}-{id(part)}"
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        tmp.mkdir()
        part._write_files(tmp, shared)
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return {"name": name, "n_docs": len(part), "n_tokens": part.n_tokens,
            "doc_offsets": np.array(part.doc_offsets, dtype=np.int64)}


def write_manifest(folder: Path, settings: dict[str, Any], vocabs: dict[str, Any],
                   entries: list[dict], report: Any, shard_size: int | None,
                   digests: dict[str, str] | None = None
                   ) -> tuple[dict, dict[str, Any], list[np.ndarray]]:
    """Write the global vocabularies, then the manifest (the last file of a build);
    return what :func:`publish` opens the corpus from without reading it back.

    ``entries`` are what :func:`write_shard` returned; ``digests`` are the
    vocabularies' digests if already computed."""
    offsets = [e.pop("doc_offsets") for e in entries]
    from arabcorpus.text.tokenize import KINDS

    files = {layer: _write_vocab(folder, layer, v.strings) for layer, v in vocabs.items()}
    manifest = {
        "format": SHARDED_FORMAT_NAME,
        "format_version": SHARDED_FORMAT_VERSION,
        "library_version": __version__,
        **settings,
        "layers": list(vocabs),
        "vocab_files": files,
        "vocab_sizes": {k: len(v) for k, v in vocabs.items()},
        "vocab_digests": digests or {k: RunningDigest().update_to(v.strings)
                                     for k, v in vocabs.items()},
        "n_docs": sum(e["n_docs"] for e in entries),
        "n_tokens": sum(e["n_tokens"] for e in entries),
        "n_shards": len(entries),
        "shard_size": shard_size,
        "shards": entries,
        "kinds": list(KINDS),
        "load_report": report_to_json(report),
    }
    with _atomic(folder / MANIFEST) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1, default=_json_default)
    return manifest, vocabs, offsets


def publish(staging: Path, target: Path, written: tuple) -> "ShardedCorpus":
    """Swap the complete staging folder in as ``target`` and open the corpus from what
    :func:`write_manifest` returned (``written``)."""
    manifest, vocabs, offsets = written
    _swap_in(staging, target)
    return ShardedCorpus(target, manifest, vocabs, offsets)


def settings_of(builder: _Builder) -> dict[str, Any]:
    """The build settings a sharded manifest records."""
    return {"profile": builder.normalizer.profile,
            "normalizer_rules": dict(builder.normalizer.rules),
            "stemmer": builder.stem_name, "lemmatizer": builder.lemmatizer_name,
            "punctuation": builder.punctuation}


def _build_sharded(docs: Any, path: Any, builder: _Builder, shard_size: Any,
                   progress: bool | None) -> "ShardedCorpus":
    """The sharded form of :meth:`Corpus.build` (see the module docstring)."""
    from arabcorpus.io.readers import as_documents

    if shard_size is None:
        shard_size = DEFAULT_SHARD_SIZE
    shard_size = check_int(shard_size, "shard_size", minimum=1)
    target, folder = prepare_folder(path)
    try:
        stream = as_documents(docs)
        layers = ["surface", "norm"] + builder.layer_names
        digests = {layer: RunningDigest() for layer in layers}
        entries: list[dict] = []

        def write() -> None:
            part = builder.take()
            shared = {layer: {"size": len(v),
                              "blake2b": digests[layer].update_to(v.strings)}
                      for layer, v in part._vocabs.items()}
            entries.append(write_shard(folder, len(entries), part, shared))

        with progress_bar(progress, total=_stream_total(stream, docs),
                          desc="Building corpus", unit="doc") as bar:
            for doc in stream:
                builder.add(doc)
                bar.update(1)
                if len(builder) >= shard_size:
                    write()
        if len(builder) or not entries:
            write()
        vocabs = builder.vocabularies()
        written = write_manifest(folder, settings_of(builder), vocabs, entries,
                                 getattr(stream, "report", None), shard_size,
                                 {layer: digests[layer].update_to(v.strings)
                                  for layer, v in vocabs.items()})
        return publish(folder, target, written)
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


def _check_sharded_manifest(manifest: dict, mpath: Path) -> None:
    """Check the entries of a sharded manifest that name files: every vocabulary and
    shard is a file or folder of the corpus folder itself (as in a plain corpus)."""
    layers, vfiles, shards = (manifest.get("layers"), manifest.get("vocab_files"),
                              manifest.get("shards"))
    if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
        raise ValueError(f"{mpath}: 'layers' must be a list of layer names")
    if not isinstance(vfiles, dict) or not isinstance(shards, list):
        raise ValueError(f"{mpath}: 'vocab_files' must be an object and 'shards' a list")
    for layer in layers:
        name = vfiles.get(layer)
        if name not in (f"vocab.{layer}.txt", f"vocab.{layer}.json"):
            raise ValueError(f"{mpath} lists the vocabulary file {name!r:.80} for "
                             f"{layer!r}; the format names it vocab.{layer}.txt or "
                             f"vocab.{layer}.json in the corpus folder itself")
    for entry in shards:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not (isinstance(name, str) and name.isascii() and name.isdigit()):
            raise ValueError(f"{mpath} lists a shard {name!r:.80}; shards are the "
                             f"numbered folders of {_SHARDS}/ in the corpus folder")


# --------------------------------------------------------------------------- map/reduce
@dataclass(frozen=True)
class ShardRef:
    """A picklable reference to one shard (and a selection of its documents), what a
    map task receives: workers open the shard from disk themselves."""

    parent: str
    name: str
    selection: np.ndarray | None = None

    @property
    def path(self) -> Path:
        return Path(self.parent) / _SHARDS / self.name


_VOCAB_CACHE: dict[tuple[str, int], dict[str, Vocabulary]] = {}


def _parent_vocabs(parent: str) -> dict[str, Vocabulary]:
    """The vocabularies of a sharded corpus folder, cached per process (a Dask worker
    reads them once per folder and manifest version)."""
    manifest = Path(parent) / MANIFEST
    key = (str(parent), manifest.stat().st_mtime_ns)
    hit = _VOCAB_CACHE.get(key)
    if hit is None:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        hit = {layer: Vocabulary(_read_vocab(Path(parent) / fname,
                                              data["vocab_sizes"][layer]))
               for layer, fname in data["vocab_files"].items()}
        _VOCAB_CACHE.clear()  # one folder at a time is enough
        _VOCAB_CACHE[key] = hit
    return hit


def open_shard(ref: ShardRef, vocabs: dict[str, Any] | None = None) -> Corpus:
    """Open the shard ``ref`` as a memory-mapped :class:`Corpus` (its selection
    applied)."""
    # checked by ShardedCorpus.load (digests); here the byte sizes only
    corpus = Corpus._load(ref.path, vocabs=vocabs or _parent_vocabs(ref.parent),
                          verify=False)
    if ref.selection is not None:
        corpus = corpus._take(ref.selection)
    return corpus


def apply_to_shard(ref: ShardRef, fn: Callable, args: tuple,
                   vocabs: dict[str, Any] | None = None) -> Any:
    """``fn(shard, *args)``: one map task."""
    return fn(open_shard(ref, vocabs), *args)


# --------------------------------------------------------------------------- the corpus
class _ShardedTexts(Sequence):
    """The original texts of a sharded corpus, read from the shard holding each."""

    def __init__(self, corpus: "ShardedCorpus") -> None:
        self._corpus = corpus
        self._stores: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._corpus)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        i = int(i)
        if not -n <= i < n:
            raise IndexError(f"document index {i} out of range for {n} documents")
        i %= n
        c = self._corpus
        s = int(np.searchsorted(c.shard_doc_offsets, i, side="right")) - 1
        store = self._stores.get(s)
        if store is None:
            store = self._stores[s] = c.shard(s).texts
        return store[i - int(c.shard_doc_offsets[s])]


class ShardedCorpus(CorpusBase):
    """A corpus stored as shards on disk (see the module docstring).

    Made by ``Corpus.build(docs, path=..., shard_size=...)`` or by
    :func:`arabcorpus.dask.build`, opened by :meth:`load` (or :meth:`Corpus.load`).
    It answers the questions a :class:`~arabcorpus.corpus.Corpus` answers
    (``len``, ``n_tokens``, ``layers``, ``vocab``, ``counts``, ``metadata``, ``text``,
    ``tokens``, ``subcorpus``, ...) and every analysis accepts it with the same call.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     c = Corpus.build(["قال الوزير", "قال المتحدث", "الوزير"], path=tmp,
    ...                      shard_size=2, progress=False)
    ...     print(c.n_shards, c.counts("norm").tolist(), c.tokens(2))
    ...     print(len(c.subcorpus([2, 0])), c.to_corpus().n_tokens)
    ...     print(c.gather("ids", [1, 4]).tolist(), c.doc_of([1, 4]).tolist())
    ...     del c
    2 [2, 2, 1] ['الوزير']
    2 5
    [1, 1] [0, 2]
    """

    def __init__(self, folder: Path, manifest: dict[str, Any],
                 vocabs: dict[str, Vocabulary], shard_offsets: list[np.ndarray],
                 selection: list[np.ndarray | None] | None = None,
                 metadata: "pd.DataFrame | None" = None,
                 names: list[str] | None = None) -> None:
        from arabcorpus.text.normalize import Normalizer

        self._init_base(vocabs)
        self.folder = folder
        self._manifest = manifest
        # the parts: shard names (a subcorpus may take a shard more than once, or
        # the shards in another order), each with its selection of documents
        self._names = names if names is not None else [e["name"]
                                                        for e in manifest["shards"]]
        self._selection = selection or [None] * len(self._names)
        # per shard document offsets of the (selected) documents
        offs = []
        for full, sel in zip(shard_offsets, self._selection):
            if sel is None:
                offs.append(full)
            else:
                lengths = full[sel + 1] - full[sel]
                o = np.zeros(len(sel) + 1, dtype=np.int64)
                np.cumsum(lengths, out=o[1:])
                offs.append(o)
        self._full_offsets = shard_offsets
        self._shard_offsets = offs
        n_docs = np.array([len(o) - 1 for o in offs], dtype=np.int64)
        n_tok = np.array([int(o[-1]) for o in offs], dtype=np.int64)
        self.shard_doc_offsets = _readonly(np.concatenate([[0], np.cumsum(n_docs)]))
        self.shard_token_offsets = _readonly(np.concatenate([[0], np.cumsum(n_tok)]))
        self._normalizer = Normalizer(profile=manifest["profile"],
                                      **(manifest.get("normalizer_rules") or {}))
        self._metadata = metadata
        self.load_report = report_from_json(manifest.get("load_report"))
        self._arrays: dict[str, np.ndarray] = {}
        self._texts = _ShardedTexts(self)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path, *, verify: bool = True) -> "ShardedCorpus":
        """Open a sharded corpus folder, checking every shard against it.

        ``verify`` (default True) checks every file of every shard against the
        BLAKE2b digest its manifest records, as :meth:`Corpus.load` does; ``False``
        checks byte sizes only. The vocabularies are always checked by digest.

        Raises
        ------
        FileNotFoundError
            If the folder, a shard or a file of a shard is missing (named).
        ValueError
            If the folder is not a sharded corpus, a file is truncated (named), or a
            shard was written against a different vocabulary (named).
        """
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        folder = Path(path)
        mpath = folder / MANIFEST
        if not folder.is_dir():
            raise FileNotFoundError(f"no corpus folder at {folder}")
        if not mpath.is_file():
            hint = (" (it has shards but no manifest: the build did not finish)"
                    if (folder / _SHARDS).is_dir() else "")
            raise ValueError(f"{folder} is not an arabcorpus corpus folder: it has no "
                             f"{MANIFEST}{hint}")
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"{mpath} is not a valid corpus manifest: {exc}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != SHARDED_FORMAT_NAME:
            raise ValueError(f"{mpath} is not the manifest of a sharded corpus")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version > SHARDED_FORMAT_VERSION:
            raise ValueError(f"{folder} was written in sharded format version {version} "
                             f"by arabcorpus {manifest.get('library_version')}; this "
                             f"arabcorpus ({__version__}) reads versions up to "
                             f"{SHARDED_FORMAT_VERSION}")
        _check_sharded_manifest(manifest, mpath)
        vocabs: dict[str, Vocabulary] = {}
        for layer in manifest["layers"]:
            vpath = folder / manifest["vocab_files"][layer]
            if not vpath.is_file():
                raise FileNotFoundError(f"sharded corpus {folder} is missing {vpath.name}")
            strings = _read_vocab(vpath, manifest["vocab_sizes"][layer])
            vocabs[layer] = Vocabulary(strings)
        # every shard's manifest, then one pass over each vocabulary for the digests
        shard_manifests = []
        for entry in manifest["shards"]:
            sdir = folder / _SHARDS / entry["name"]
            smpath = sdir / MANIFEST
            if not smpath.is_file():
                raise FileNotFoundError(f"sharded corpus {folder} is missing shard "
                                        f"{sdir}" + ("" if sdir.is_dir() else
                                                     " (the folder is gone)"))
            try:
                shard_manifests.append(json.loads(smpath.read_text(encoding="utf-8")))
            except ValueError as exc:
                raise ValueError(f"{smpath} is not a valid shard manifest: {exc}") from exc
        for layer in manifest["layers"]:
            strings = vocabs[layer].strings
            full = RunningDigest().update_to(strings)
            if full != manifest["vocab_digests"][layer]:
                raise ValueError(f"{folder / manifest['vocab_files'][layer]} does not "
                                 f"match the digest in {mpath}: the vocabulary was "
                                 f"changed or replaced")
            sizes = []
            for entry, sm in zip(manifest["shards"], shard_manifests):
                info = (sm.get("shared_vocabulary") or {}).get(layer)
                if not isinstance(info, dict) or "size" not in info:
                    raise ValueError(f"{folder / _SHARDS / entry['name'] / MANIFEST} "
                                     f"records no vocabulary for layer {layer!r}: not a "
                                     f"shard of this corpus")
                if info["size"] > len(strings):
                    raise ValueError(
                        f"shard {folder / _SHARDS / entry['name']} was written against "
                        f"a {layer!r} vocabulary of {info['size']:,} types, but this "
                        f"corpus has {len(strings):,}: it comes from another build")
                sizes.append(info["size"])
            digests = _prefix_digests(strings, sizes)
            for entry, sm in zip(manifest["shards"], shard_manifests):
                info = sm["shared_vocabulary"][layer]
                if digests[info["size"]] != info["blake2b"]:
                    raise ValueError(
                        f"shard {folder / _SHARDS / entry['name']} was written against "
                        f"another {layer!r} vocabulary (digest {info['blake2b']} of "
                        f"its first {info['size']:,} types; this corpus has "
                        f"{digests[info['size']]}): it comes from a different build "
                        f"or vocabulary version")
        # open each shard once: files present, sizes as written, counts as listed
        offsets = []
        for entry in manifest["shards"]:
            shard = Corpus._load(folder / _SHARDS / entry["name"], vocabs=vocabs,
                                 verify=verify)
            if len(shard) != entry["n_docs"] or shard.n_tokens != entry["n_tokens"]:
                raise ValueError(f"shard {folder / _SHARDS / entry['name']} has "
                                 f"{len(shard)} documents and {shard.n_tokens} tokens; "
                                 f"{mpath} lists {entry['n_docs']} and "
                                 f"{entry['n_tokens']}")
            offsets.append(np.array(shard.doc_offsets, dtype=np.int64))
            del shard
        return cls(folder, manifest, vocabs, offsets)

    # ------------------------------------------------------------------ shards
    @property
    def n_shards(self) -> int:
        """Number of shards."""
        return len(self._names)

    def shard_refs(self) -> list[ShardRef]:
        """A :class:`ShardRef` per shard (with this corpus' document selection)."""
        parent = str(self.folder.resolve())
        return [ShardRef(parent, name, sel)
                for name, sel in zip(self._names, self._selection)]

    def shard(self, i: int) -> Corpus:
        """Shard ``i`` as a memory-mapped :class:`Corpus` (a fresh object each time,
        so that what an analysis caches on it goes when it is dropped)."""
        return open_shard(self.shard_refs()[i], self._vocabs)

    def iter_shards(self) -> Iterator[Corpus]:
        """The shards one after the other (see :meth:`shard`)."""
        for i in range(self.n_shards):
            yield self.shard(i)

    @property
    def n_parts(self) -> int:
        """Number of parts :meth:`map_reduce` runs over: the shards."""
        return len(self._names)

    def parts(self) -> Iterator[Corpus]:
        """The shards one after the other (see :meth:`shard`)."""
        return self.iter_shards()

    def map_reduce(self, fn: Callable, *, args: tuple = (), doc_arrays: tuple = (),
                   combine: Callable | None = None) -> Any:
        """``combine`` of ``fn(shard, *shard_slices_of(doc_arrays), *args)`` over the
        shards, in shard order (see :meth:`CorpusBase.map_reduce
        <arabcorpus.corpus.base.CorpusBase.map_reduce>`).

        By default the shards run one after the other in this process; inside
        :func:`arabcorpus.dask.executor` they run as Dask tasks with a tree
        reduction.
        """
        combine = combine or add_counts
        refs = self.shard_refs()
        offs = self.shard_doc_offsets
        per_shard = [tuple(a[int(offs[i]):int(offs[i + 1])] for a in doc_arrays)
                     + tuple(args) for i in range(len(refs))]
        executor = _EXECUTOR.get()
        if executor is not None and refs:
            return executor(refs, fn, per_shard, combine)
        result = None
        for i, ref in enumerate(refs):
            part = apply_to_shard(ref, fn, per_shard[i], self._vocabs)
            result = part if i == 0 else combine(result, part)
        return result

    def gather(self, what: str, positions: Any, *, layer: str = "norm") -> np.ndarray:
        """Values at token ``positions`` of ``"ids"`` (of ``layer``), ``"spans"`` or
        ``"kinds"``, read from the shards holding the positions, without assembling
        whole-corpus arrays."""
        if what not in ("ids", "spans", "kinds"):
            raise ValueError(f"unknown array {what!r}; valid: ids, spans, kinds")
        if what == "ids":
            layer = self._check_layer(layer)
        positions = np.asarray(positions, dtype=np.int64)
        flat = positions.ravel()
        offs = self.shard_token_offsets
        shard_of = np.searchsorted(offs, flat, side="right") - 1
        out = None
        for s in np.unique(shard_of).tolist():
            hit = shard_of == s
            values = self.shard(s).gather(what, flat[hit] - offs[s], layer=layer)
            if out is None:
                out = np.empty((len(flat),) + values.shape[1:], dtype=values.dtype)
            out[hit] = values
        if out is None:  # no positions: the dtype and shape of the array itself
            dtype, shape = {"ids": (np.int32, ()), "spans": (np.int32, (2,)),
                            "kinds": (np.uint8, ())}[what]
            out = np.empty((0,) + shape, dtype=dtype)
        return out.reshape(positions.shape + out.shape[1:])

    def doc_of(self, positions: Any) -> np.ndarray:
        """Document index (int64) of each token position, found in the document
        offsets (a binary search) rather than in a document index of every token."""
        positions = np.asarray(positions, dtype=np.int64)
        return np.searchsorted(self.doc_offsets, positions, side="right") - 1

    # ------------------------------------------------------------------ basic facts
    def __len__(self) -> int:
        return int(self.shard_doc_offsets[-1])

    @property
    def n_tokens(self) -> int:
        """Number of indexed token positions."""
        return int(self.shard_token_offsets[-1])

    @property
    def normalizer(self) -> Any:
        return self._normalizer

    @property
    def stemmer(self) -> str | None:
        return self._manifest.get("stemmer")

    @property
    def lemmatizer(self) -> str | None:
        return self._manifest.get("lemmatizer")

    @property
    def punctuation(self) -> bool:
        return bool(self._manifest.get("punctuation", False))

    @property
    def metadata(self) -> "pd.DataFrame":
        """The metadata of all shards, concatenated (read on first use)."""
        if self._metadata is None:
            import pandas as pd

            frames = [s.metadata for s in self.iter_shards()]
            self._metadata = pd.concat(frames, ignore_index=True) if frames else \
                pd.DataFrame({"id": pd.Series([], dtype=object)})
        return self._metadata

    @property
    def texts(self) -> Sequence[str]:
        return self._texts

    @property
    def doc_offsets(self) -> np.ndarray:
        """``int64`` CSR offsets of all documents (length ``len(corpus) + 1``)."""
        if "doc_offsets" not in self._arrays:
            parts = [o[1:] + t for o, t in zip(self._shard_offsets,
                                               self.shard_token_offsets[:-1].tolist())]
            self._arrays["doc_offsets"] = _readonly(np.concatenate(
                [np.zeros(1, np.int64)] + parts))
        return self._arrays["doc_offsets"]

    # Whole-corpus arrays, assembled from the shards on first use (see module doc).
    def _assembled(self, key: str, get: Callable[[Corpus], np.ndarray],
                   dtype: Any, shape: tuple = ()) -> np.ndarray:
        if key not in self._arrays:
            out = np.empty((self.n_tokens,) + shape, dtype=dtype)
            for i, shard in enumerate(self.iter_shards()):
                out[int(self.shard_token_offsets[i]):int(self.shard_token_offsets[i + 1])] \
                    = get(shard)
            self._arrays[key] = _readonly(out)
        return self._arrays[key]

    def ids(self, layer: str = "norm") -> np.ndarray:
        """``int32`` ids of every token of ``layer``, read from all shards into one
        array (4 bytes per token; cached)."""
        layer = self._check_layer(layer)
        return self._assembled(f"ids.{layer}", lambda s: s.ids(layer), np.int32)

    @property
    def spans(self) -> np.ndarray:
        return self._assembled("spans", lambda s: s.spans, np.int32, (2,))

    @property
    def kinds(self) -> np.ndarray:
        return self._assembled("kinds", lambda s: s.kinds, np.uint8)

    def _take(self, idx: np.ndarray) -> "ShardedCorpus":
        """The documents ``idx``, in the order given (repeats allowed): each run of
        indices within one shard becomes one part, that shard with a selection."""
        idx = np.asarray(idx, dtype=np.int64)
        which = np.searchsorted(self.shard_doc_offsets, idx, side="right") - 1
        starts = np.flatnonzero(np.diff(which)) + 1 if len(idx) else np.zeros(0, int)
        bounds = [0] + starts.tolist() + [len(idx)]
        names: list[str] = []
        offsets: list[np.ndarray] = []
        selection: list[np.ndarray | None] = []
        for a, b in zip(bounds[:-1], bounds[1:]):
            if a == b and names:
                continue
            s = int(which[a]) if a < b else 0
            if not self.n_parts:
                break
            local = idx[a:b] - self.shard_doc_offsets[s]
            base = self._selection[s]
            names.append(self._names[s])
            offsets.append(self._full_offsets[s])
            selection.append(local if base is None else base[local])
        md = self.metadata.iloc[idx].reset_index(drop=True)
        return ShardedCorpus(self.folder, self._manifest, self._vocabs, offsets,
                             selection, md, names)

    def to_corpus(self) -> Corpus:
        """The whole corpus in memory, as one :class:`Corpus` (equal to an in-memory
        build of the same documents)."""
        layers = {layer: np.array(self.ids(layer)) for layer in self.layers}
        return Corpus(layers=layers, vocabs=self._vocabs,
                      doc_offsets=np.array(self.doc_offsets), spans=np.array(self.spans),
                      kinds=np.array(self.kinds), texts=list(self._texts),
                      metadata=self.metadata.copy(), normalizer=self._normalizer,
                      stemmer=self.stemmer, punctuation=self.punctuation,
                      load_report=self.load_report, lemmatizer=self.lemmatizer)

    def __repr__(self) -> str:
        return (f"<ShardedCorpus {self.folder}: {len(self):,} documents, "
                f"{self.n_tokens:,} tokens in {self.n_shards} shards; layers "
                f"{', '.join(self.layers)}; profile {self.profile!r}>")
