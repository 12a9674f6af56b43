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

How it is built (and why it is fast)
------------------------------------
Each original text is tokenized with :func:`arabcorpus.text.tokenize.token_spans_many`
(in batches of :data:`BATCH_SIZE` documents), so the spans refer to the original text. Tokens are encoded into surface ids batch by batch
(:data:`BATCH_SIZE` = 2,000 documents): every token span of the batch is hashed with
vectorized NumPy (two independent 64-bit polynomial hashes over the UTF-32 code
points), the hashes are factorized with :func:`pandas.factorize`, and only each
batch's distinct types go through a Python dict; a string is made once per *new*
type, so no list of millions of token strings is ever held. The second hash checks
the first; on a (vanishingly unlikely) collision the build falls back to exact
string keys, with the same result. The
``norm`` layer is then derived by normalizing each **surface type once**
(:meth:`Normalizer.normalize_many`) and mapping ids with a NumPy lookup array,
``norm = surf2norm[surface]``; the ``stem`` layer likewise stems each norm type once.
This is the "surface kept, key indexed" design of NLTK's ``ConcordanceIndex(key=...)``
and of conc's parallel ``orth``/``lower`` indexes.

Tokens whose normalized form is empty
-------------------------------------
A surface token made only of characters that the profile deletes (a run of tatweel,
stray diacritics, invisible characters) normalizes to the empty string. Such tokens are
**kept**, aligned, with the empty norm type ``""`` (``type_id("norm", "")`` finds
them), so that the invariant ``vocab("norm")[ids("norm")[i]] ==
normalizer(surface_i)`` holds for every position and nothing is dropped or silently
replaced. Analyses that want to ignore them can filter that one type id.

On-disk format (format version 2)
---------------------------------
:meth:`Corpus.save` writes a folder of plain files, never pickle:

=====================  ===============================================================
``corpus.json``        manifest: format name and version, library version, profile,
                       normalizer rules, stemmer, layers, sizes, metadata dtypes,
                       KINDS, the load report (as plain JSON), the file list, and
                       the byte size (``file_sizes``) and BLAKE2b digest
                       (``file_digests``, 16 bytes, hex) of every other file
``ids.<layer>.npy``    ``int32`` ids of each layer
``doc_offsets.npy``    ``int64``, length ``n_docs + 1``
``spans.npy``          ``int32``, shape ``(n_tokens, 2)``
``kinds.npy``          ``uint8``
``vocab.<layer>.txt``  the layer's type strings, one per line, UTF-8 (id = line
                       number from 0); ``vocab.<layer>.json`` (a JSON array) instead
                       if a type contains a newline
``texts.txt``          every original text concatenated, UTF-8 (``surrogatepass``)
``text_offsets.npy``   ``int64`` byte offsets of the texts in ``texts.txt`` (n + 1)
``metadata.json``      column-wise JSON: ``{"columns": [names], "values": [[column 0
                       values], [column 1 values], ...]}`` (dtypes in the manifest)
=====================  ===============================================================

Format version 2 differs from version 1 only in the metadata file: version 1 wrote
``metadata.jsonl`` (JSON Lines, the column names then one array per document).
Column-wise JSON parses about three times faster (one list per column instead of one
per document), which is most of the time :meth:`Corpus.load` spends. Folders in
format version 1 are still read (the manifest names the metadata file); saving
always writes version 2.

Arrays are written with ``np.save(..., allow_pickle=False)`` and read with
``np.load(..., allow_pickle=False)``. A loaded corpus decodes a document's text only
when it is asked for, and builds its metadata table (importing pandas) only when
:attr:`Corpus.metadata` is first used; the metadata file is parsed and checked by
:meth:`Corpus.load` itself.

Saving and loading safely
-------------------------
:meth:`Corpus.save` writes every file into a new temporary folder beside the target,
``.<name>.saving-<pid>-<random>``, the manifest last, and then swaps it in: on Linux
with one atomic ``renameat2(RENAME_EXCHANGE)``; elsewhere (or on a file system
without it) by renaming the old folder to ``.<name>.old-<pid>-<random>`` and the new
one to the target. The old folder is then removed. So a save killed at any moment
leaves the old corpus or the new one; only a kill between the two renames of the
second way leaves no folder at the target, and :meth:`Corpus.load` then says that a
save was interrupted and where the previous corpus is. The next save of the same
folder removes what interrupted saves left (the folders of a save still running in
another process are kept). This protects against interrupted processes, not against
a power failure (the files are not flushed to disk with ``fsync``).

:meth:`Corpus.load` checks, before it returns:

- the manifest: format name, ``format_version`` (an integer from 1 up to
  :data:`FORMAT_VERSION`) and the type of every value it reads;
- the file names: each file is the format's file of that name in the folder itself
  (no absolute path, no ``..``, no other file of the folder) and a regular file, not
  a symbolic link;
- every file's byte size, and with ``verify=True`` (the default) its BLAKE2b digest,
  hashed from the very file it then reads or memory-maps, several files in parallel
  (about 0.4 s for SaudiNewsNet's 250 MB on two cores; ``verify=False`` skips it);
- the files against each other (document and token counts, vocabulary sizes,
  metadata columns).

Folders saved before digests were recorded (format version 1 and early version 2)
load as before, checked by byte size (arrays and texts) and by parsing. A load that
runs while another process saves the same folder reads it again when the folder was
swapped under it, so it gets the old corpus or the new one. The arrays and texts of
a memory-mapped corpus stay readable after its folder is replaced or removed (on
Linux and macOS; on Windows load with ``mmap_mode=None`` to replace a folder in use).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import errno
import functools
import hashlib
import json
import math
import mmap
import os
import re
import secrets
import shutil
import stat
import sys
import time
from contextlib import contextmanager
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse

__all__ = ["Corpus", "BowCorpus", "FORMAT_NAME", "FORMAT_VERSION", "BATCH_SIZE"]

#: Name written in ``corpus.json`` to recognise a corpus folder.
FORMAT_NAME = "arabcorpus.corpus"
#: Version of the on-disk format written by :meth:`Corpus.save`.
FORMAT_VERSION = 2
#: Documents tokenized and encoded per batch in :meth:`Corpus.build`.
BATCH_SIZE = 2000

_BASE_LAYERS = ("surface", "norm")

#: Every layer a corpus can hold. ``surface`` and ``norm`` are always built; the others
#: are asked for with ``Corpus.build(docs, layers=(...))``:
#:
#: - ``stem``: the norm type stemmed (:mod:`arabcorpus.text.stem`, the stemmer named by
#:   ``stem=``, ISRI by default);
#: - ``lemma``: the lemma of the surface type (:class:`arabcorpus.text.lemma.Lemmatizer`,
#:   the backend named by ``lemmatizer=``), without diacritics, in standard spelling;
#: - ``base``: the surface type without its clitics
#:   (:func:`arabcorpus.text.clitics.split_clitics`), normalized like ``norm``;
#: - ``clitics``: the clitics split off, written ``proclitics+`` and ``+enclitics``
#:   (``وال+``, ``+ها``, ``و+ها``), and :data:`NO_CLITICS` for a word without any.
LAYERS = ("surface", "norm", "stem", "lemma", "base", "clitics")

#: The ``clitics`` type of a token without clitics.
NO_CLITICS = "∅"
_MANIFEST = "corpus.json"
_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


# --------------------------------------------------------------------------- helpers
def _write_vocab(folder: Path, layer: str, strings: list[str], atomic: bool = True) -> str:
    """Write a layer's type strings (one per line, or a JSON array if a type holds a
    newline); return the file name. ``atomic``: under a temporary name, then renamed
    (not needed inside the temporary folder of :meth:`Corpus.save`)."""
    if any("\n" in t for t in strings):  # not expressible one per line
        fname = f"vocab.{layer}.json"
        data = json.dumps(strings, ensure_ascii=False)
    else:
        fname = f"vocab.{layer}.txt"
        data = "\n".join(strings)
    if not atomic:
        (folder / fname).write_bytes(data.encode("utf-8", "surrogatepass"))
        return fname
    with _atomic(folder / fname) as tmp:
        tmp.write_bytes(data.encode("utf-8", "surrogatepass"))
    return fname


def _read_vocab(vpath: Path, size_expected: int | None) -> list[str]:
    """Read a file written by :func:`_write_vocab`, checking its size if known."""
    return _parse_vocab(vpath.read_bytes(), vpath, size_expected)


def _parse_vocab(raw: bytes, vpath: Path, size_expected: int | None) -> list[str]:
    """The type strings of a vocabulary file's bytes ``raw`` (see :func:`_read_vocab`)."""
    data = raw.decode("utf-8", "surrogatepass")
    if vpath.suffix == ".json":
        try:
            strings = json.loads(data)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ValueError(f"{vpath}: {exc}") from exc
        if not isinstance(strings, list) or not all(isinstance(t, str) for t in strings):
            raise ValueError(f"{vpath} is not a JSON array of strings")
    else:
        strings = data.split("\n") if size_expected != 0 else []
    if size_expected and len(strings) != size_expected:
        raise ValueError(f"{vpath} has {len(strings)} types, the manifest says "
                         f"{size_expected}")
    return strings


class _Vocabulary:
    """Type strings of one layer (id = position) with a lazily built reverse index.

    One instance is shared by a corpus and all its subcorpora.
    """

    __slots__ = ("strings", "_index")

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.strings)

    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {s: i for i, s in enumerate(self.strings)}
        return self._index


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


# --------------------------------------------------------------------------- digests
#: Bytes in a BLAKE2b digest of the formats (16: 128 bits, as ``vocab_digests`` and
#: the shards' vocabulary digests).
_DIGEST_SIZE = 16


def _new_digest() -> Any:
    """A new BLAKE2b hash (:data:`_DIGEST_SIZE` bytes), the one hash of the formats."""
    return hashlib.blake2b(digest_size=_DIGEST_SIZE)


def _fh_digest(fh: Any) -> str:
    """Hex BLAKE2b digest of an open binary file's whole content, read in 1 MiB
    chunks from its start (hashlib releases the GIL, so files hash in parallel)."""
    h = _new_digest()
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    fh.seek(0)
    while True:
        n = fh.readinto(buf)
        if not n:
            break
        h.update(view[:n])
    fh.seek(0)
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    """Hex BLAKE2b digest of the file at ``path`` (as the manifest records it)."""
    with open(path, "rb", buffering=0) as fh:
        return _fh_digest(fh)


# --------------------------------------------------------------------------- atomic save
# Corpus.save writes into a temporary folder beside the target, named
# ``.<name>.saving-<pid>-<random>``, and swaps it in. On Linux the swap is one
# renameat2(RENAME_EXCHANGE), so the target is always a complete corpus; elsewhere it
# is two renames (the target goes to ``.<name>.old-<pid>-<random>`` first), and a
# reader arriving between them finds no folder, waits and tries again.
_SAVING, _OLD = ".saving-", ".old-"
_USE_EXCHANGE = sys.platform.startswith("linux")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange the folders ``a`` and ``b`` (Linux renameat2); return False
    when the system or the file system cannot."""
    global _USE_EXCHANGE
    if not _USE_EXCHANGE:
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        _USE_EXCHANGE = False
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                   ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # e.g. a file system without RENAME_EXCHANGE: rename twice
    raise OSError(err, f"cannot swap {a} in as {b}: {os.strerror(err)}")


def _swap_in(tmp: Path, target: Path) -> None:
    """Make the complete folder ``tmp`` the folder ``target``: a reader of ``target``
    sees the old folder or the new one, never a mixture."""
    if not os.path.lexists(target):
        os.rename(tmp, target)
        return
    if _exchange(tmp, target):
        shutil.rmtree(tmp, ignore_errors=True)  # now the old corpus
        return
    old = target.with_name(f".{target.name}{_OLD}{os.getpid()}-{secrets.token_hex(4)}")
    os.rename(target, old)
    os.rename(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there; assume it runs
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(target: Path) -> list[Path]:
    """What interrupted saves of ``target`` left beside it (temporary and old
    folders), and old-style ``.<file>.tmp<pid>`` files inside it."""
    out: list[Path] = []
    prefix = f".{target.name}"
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        siblings = []
    for p in siblings:
        if p.name.startswith(prefix + _SAVING) or p.name.startswith(prefix + _OLD):
            out.append(p)
    if target.is_dir():
        out.extend(p for p in target.iterdir()
                   if p.name.startswith(".") and re.search(r"\.tmp\d+", p.name))
    return sorted(out)


def _leftover_pid(p: Path) -> int | None:
    m = re.search(r"(?:\.saving-|\.old-|\.tmp)(\d+)", p.name)
    return int(m.group(1)) if m else None


def _clean_leftovers(target: Path) -> None:
    """Remove what interrupted saves of ``target`` left, except the folders of a save
    still running in another process."""
    for p in _leftovers(target):
        pid = _leftover_pid(p)
        if pid is not None and pid != os.getpid() and _pid_alive(pid):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            try:
                p.unlink()
            except FileNotFoundError:
                pass


def _interrupted_hint(folder: Path) -> str:
    """A sentence naming what an interrupted save left, or ``""``."""
    found = _leftovers(folder)
    if not found:
        return ""
    names = ", ".join(str(p) for p in found[:3]) + (" ..." if len(found) > 3 else "")
    old = [p for p in found if _OLD in p.name]
    extra = (f"; the previous corpus is in {old[0]}" if old and not
             os.path.lexists(folder) else "")
    return (f" (a save into this folder was interrupted or is running: it left "
            f"{names}{extra}; saving again removes them)")


def _digests_of(handles: dict[str, Any]) -> dict[str, str]:
    """BLAKE2b digest of each open file, hashed in parallel threads when there is
    much to hash."""
    total = sum(os.fstat(fh.fileno()).st_size for fh in handles.values())
    if total < (16 << 20) or len(handles) < 2:
        return {k: _fh_digest(fh) for k, fh in handles.items()}
    from concurrent.futures import ThreadPoolExecutor

    workers = min(len(handles), max(1, os.cpu_count() or 1), 8)
    with ThreadPoolExecutor(workers) as pool:  # big files first
        order = sorted(handles, key=lambda k: -os.fstat(handles[k].fileno()).st_size)
        done = dict(zip(order, pool.map(lambda k: _fh_digest(handles[k]), order)))
    return {k: done[k] for k in handles}


def _digests(paths: dict[str, Path]) -> dict[str, str]:
    """BLAKE2b digest of each file (see :func:`_digests_of`)."""
    handles = {k: open(p, "rb") for k, p in paths.items()}
    try:
        return _digests_of(handles)
    finally:
        for fh in handles.values():
            fh.close()


def _identity(folder: Path) -> tuple | None:
    """What changes when a save swaps a new folder in (None if there is none)."""
    try:
        st = os.stat(folder)
        m = os.stat(folder / _MANIFEST)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, m.st_ino, m.st_mtime_ns, m.st_size)


_HEX_DIGEST = re.compile(r"^[0-9a-f]{%d}$" % (2 * _DIGEST_SIZE))
_LAYER_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def _expected_names(key: str, version: int) -> tuple[str, ...]:
    """The file names the format gives the file ``key`` of a manifest."""
    if key.startswith("vocab."):
        return (f"{key}.txt", f"{key}.json")
    if key == "texts":
        return ("texts.txt",)
    if key == "metadata":
        return ("metadata.jsonl",) if version == 1 else ("metadata.json",)
    return (f"{key}.npy",)


def _check_manifest(manifest: dict, mpath: Path) -> None:
    """Check a plain corpus manifest's format version and value types, and that every
    file it lists is the format's file of that name in the folder itself; raise a
    ValueError naming ``mpath`` and the entry."""
    def bad(key: str, what: str) -> ValueError:
        return ValueError(f"{mpath}: {key!r} must be {what}, got "
                          f"{manifest.get(key)!r:.80}")

    def is_int(v: Any, low: int = 0) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v >= low

    def str_dict(key: str, check: Any, what: str) -> None:
        v = manifest.get(key)
        if v is None:
            return
        if not isinstance(v, dict) or not all(isinstance(k, str) and check(x)
                                              for k, x in v.items()):
            raise bad(key, what)

    version = manifest.get("format_version")
    if not is_int(version, 1):
        raise ValueError(f"{mpath} has no valid format_version (an integer from 1), "
                         f"got {version!r:.80}")
    if version > FORMAT_VERSION:
        raise ValueError(
            f"{mpath.parent} was written in corpus format version {version} by "
            f"arabcorpus {manifest.get('library_version')}; this arabcorpus "
            f"({__version__}) reads format versions up to {FORMAT_VERSION}: upgrade "
            f"arabcorpus")
    missing = [k for k in ("files", "layers", "profile") if k not in manifest]
    if missing:
        raise ValueError(f"{mpath} lacks {', '.join(missing)}")
    layers = manifest["layers"]
    if (not isinstance(layers, list) or not layers or len(set(map(str, layers)))
            != len(layers) or not all(isinstance(x, str) and _LAYER_NAME.match(x)
                                      for x in layers)):
        raise bad("layers", "a list of distinct layer names")
    if not isinstance(manifest["profile"], str):
        raise bad("profile", "a string")
    for key, what in (("stemmer", "a string or null"),
                      ("lemmatizer", "a string or null"),
                      ("library_version", "a string or null")):
        if not isinstance(manifest.get(key), (str, type(None))):
            raise bad(key, what)
    if not isinstance(manifest.get("punctuation", False), bool):
        raise bad("punctuation", "true or false")
    for key in ("n_docs", "n_tokens"):
        if manifest.get(key) is not None and not is_int(manifest[key]):
            raise bad(key, "a non-negative integer")
    for key in ("normalizer_rules", "shared_vocabulary"):
        if not isinstance(manifest.get(key), (dict, type(None))):
            raise bad(key, "an object or null")
    cols = manifest.get("metadata_columns")
    if cols is not None and not (isinstance(cols, list)
                                 and all(isinstance(c, str) for c in cols)):
        raise bad("metadata_columns", "a list of strings")
    str_dict("metadata_dtypes", lambda x: isinstance(x, str), "an object of strings")
    str_dict("vocab_sizes", is_int, "an object of non-negative integers")
    str_dict("file_sizes", is_int, "an object of non-negative integers")
    str_dict("file_digests", lambda x: isinstance(x, str) and _HEX_DIGEST.match(x),
             f"an object of {2 * _DIGEST_SIZE}-digit BLAKE2b hex digests")
    str_dict("files", lambda x: isinstance(x, str), "an object of file names")
    files = manifest["files"]
    if not isinstance(files, dict):
        raise bad("files", "an object of file names")
    for key, name in files.items():
        allowed = _expected_names(key, version)
        if name not in allowed:
            raise ValueError(
                f"{mpath} lists the file {name!r:.80} for {key!r}; the format names it "
                f"{' or '.join(allowed)} in the corpus folder itself (a corpus never "
                f"refers to files elsewhere)")


def _open_listed(folder: Path, mpath: Path, files: dict[str, str], key: str,
                 size: int | None) -> Any:
    """Open the file the manifest lists for ``key`` (a regular file of the folder, not
    a symbolic link), checking its byte size if recorded."""
    name = files.get(key)
    if name is None:
        raise ValueError(f"{mpath} lists no file for {key!r}")
    p = folder / name
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        raise FileNotFoundError(f"corpus folder {folder} is missing {name}") from None
    if stat.S_ISLNK(st.st_mode):
        raise ValueError(f"{p} is a symbolic link; a corpus folder holds its own files "
                         f"(copy the file in instead)")
    if not stat.S_ISREG(st.st_mode):
        raise ValueError(f"{p} is not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise FileNotFoundError(f"corpus folder {folder} is missing {name}") from None
    fh = os.fdopen(fd, "rb")
    actual = os.fstat(fd).st_size
    if size is not None and actual != size:
        fh.close()
        raise ValueError(f"{p} has {actual:,} bytes, but {size:,} were written: the "
                         f"file is truncated or was replaced")
    return fh


def _verify(folder: Path, mpath: Path, files: dict[str, str], handles: dict[str, Any],
            digests: dict[str, str]) -> None:
    """Check each open file against its digest in the manifest (manifests written
    before digests were recorded have none: their files are checked by size)."""
    if not digests:
        return
    lacking = [k for k in handles if k not in digests]
    if lacking:
        raise ValueError(f"{mpath} records no digest for {', '.join(lacking)}")
    actual = _digests_of(handles)
    for key, hexdigest in actual.items():
        if hexdigest != digests[key]:
            raise ValueError(f"{folder / files[key]} does not match its BLAKE2b digest "
                             f"in {mpath}: the file was changed after the corpus was "
                             f"saved (load(..., verify=False) skips this check)")


def _array_from(fh: Any, path: Path, mmap_mode: str | None) -> np.ndarray:
    """The ``.npy`` array of an open file, memory-mapped from that same file (not
    reopened by name) unless ``mmap_mode`` is None."""
    fmt = np.lib.format
    fh.seek(0)
    try:
        if mmap_mode is None:
            return np.load(fh, allow_pickle=False)
        version = fmt.read_magic(fh)
        if version == (1, 0):
            shape, fortran, dtype = fmt.read_array_header_1_0(fh)
        elif version == (2, 0):
            shape, fortran, dtype = fmt.read_array_header_2_0(fh)
        else:
            raise ValueError(f"unsupported .npy format version {version}")
        if dtype.hasobject:
            raise ValueError("it holds Python objects, which a corpus never saves")
        if math.prod(shape) == 0:
            return np.zeros(shape, dtype=dtype)
        return np.memmap(fh, dtype=dtype, mode=mmap_mode, offset=fh.tell(), shape=shape,
                         order="F" if fortran else "C")
    except (ValueError, EOFError, OSError) as exc:
        raise ValueError(f"{path} is not a valid .npy array: {exc}") from exc


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` on success."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class _PendingMetadata:
    """A parsed metadata file whose pandas table is built on first use.

    :meth:`Corpus.load` parses and checks the file (names, column lengths) at once,
    but building the :class:`pandas.DataFrame` (and importing pandas, about half a
    second) waits until :attr:`Corpus.metadata` is asked for.
    """

    __slots__ = ("path", "columns", "values", "dtypes")

    def __init__(self, path: Path, columns: list[str], values: list[list[Any]],
                 dtypes: dict[str, str]) -> None:
        self.path, self.columns, self.values, self.dtypes = path, columns, values, dtypes

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0

    def frame(self) -> "pd.DataFrame":
        return _metadata_from_columns(self.path, self.columns, self.values, self.dtypes)


class _NoBar:
    """Stands in for a tqdm bar when progress is off (tqdm is then not imported)."""

    def update(self, n: int = 1) -> None:
        pass


@contextmanager
def _progress_bar(show: bool, total: int | None) -> Iterator[Any]:
    """A ``tqdm.auto`` bar over documents if ``show``, else a no-op one.

    tqdm is imported only when the bar is shown: importing ``tqdm.auto`` in Jupyter
    without ipywidgets emits a ``TqdmWarning`` even for a disabled bar.
    """
    if not show:
        yield _NoBar()
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, unit="doc", desc="Building corpus", mininterval=0.5) as bar:
        yield bar


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _check_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def _json_default(obj: Any) -> Any:
    """Make numpy scalars, timestamps and sets JSON-serializable."""
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, (_dt.datetime, _dt.date)):
        return obj.isoformat()
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot write a {type(obj).__name__} to JSON")


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NaT or value is pd.NA
    except ImportError:  # pragma: no cover
        return False


def _parse_dates(values: "pd.Series", first_doc: int = 0) -> "pd.Series":
    """Parse a column of date strings to datetime64; raise ValueError naming a failure."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    present = values.notna() & (values.astype(str).str.strip() != "")
    parsed = None
    for fmt in ("ISO8601", "mixed"):
        try:
            parsed = pd.to_datetime(values.where(present), errors="coerce", format=fmt)
        except (ValueError, TypeError):
            continue
        if not (present & parsed.isna()).any():
            return parsed
    bad = present if parsed is None else (present & parsed.isna())
    pos = int(np.flatnonzero(bad.to_numpy())[0])
    raise ValueError(f"cannot parse date {values.iloc[pos]!r} of document "
                     f"{first_doc + pos}")


# --------------------------------------------------------------------------- gensim
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
        present = np.unique(self.dtm.indices)
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


# --------------------------------------------------------------------------- Corpus
class Corpus:
    """An indexed corpus: aligned integer token layers, offsets, texts and metadata.

    Create one with :meth:`Corpus.build` (from documents) or :meth:`Corpus.load` (from
    a folder written by :meth:`save`); the constructor itself takes the already
    encoded parts and is not meant to be called directly. See the module docstring
    for what each part holds and for the on-disk format.

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
        vocabs: dict[str, _Vocabulary],
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
        self._layers = {k: _readonly(v) for k, v in layers.items()}
        self._vocabs = vocabs
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
        self._token_doc: np.ndarray | None = None
        self._counts: dict[str, np.ndarray] = {}
        self._id_index: dict[str, int] | None = None

    # ------------------------------------------------------------------ building
    @classmethod
    def build(
        cls,
        docs: Any,
        profile: Any = "search",
        stem: str | None = None,
        punctuation: bool = False,
        progress: bool = True,
        path: str | Path | None = None,
        shard_size: int | None = None,
        *,
        layers: Sequence[str] | None = None,
        lemmatizer: Any = "default",
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
        progress : bool, default True
            Show a ``tqdm.auto`` progress bar over documents.
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

        Returns
        -------
        Corpus, or ShardedCorpus when ``path`` is given

        Raises
        ------
        TypeError
            If ``profile`` is neither a str nor a Normalizer, ``stem`` is not a str
            or None, or ``punctuation``/``progress`` are not bool.
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
        from arabcorpus.io.readers import as_documents

        builder = _Builder(profile, stem, punctuation, layers, lemmatizer)
        if not isinstance(progress, (bool, np.bool_)):
            raise TypeError(f"progress must be a bool, got {type(progress).__name__}")
        if path is not None or shard_size is not None:
            if path is None:
                raise ValueError("shard_size is for a sharded build on disk: give "
                                 "path= too")
            from arabcorpus.corpus.sharded import _build_sharded

            try:
                return _build_sharded(docs, path, builder, shard_size, bool(progress))
            finally:
                builder.close()

        try:
            stream = as_documents(docs)
            with _progress_bar(bool(progress), _stream_total(stream, docs)) as bar:
                for doc in stream:
                    builder.add(doc)
                    bar.update(1)
            return builder.take(getattr(stream, "report", None))
        finally:
            builder.close()

    # ------------------------------------------------------------------ basic facts
    def __len__(self) -> int:
        return len(self._doc_offsets) - 1

    @property
    def n_tokens(self) -> int:
        """Number of indexed token positions."""
        return int(self._doc_offsets[-1])

    @property
    def layers(self) -> tuple[str, ...]:
        """Names of the layers, e.g. ``("surface", "norm")`` or with ``"stem"``."""
        return tuple(self._layers)

    @property
    def normalizer(self) -> Any:
        """The :class:`~arabcorpus.text.normalize.Normalizer` of the ``norm`` layer."""
        return self._normalizer

    @property
    def profile(self) -> str:
        """Name of the normalization profile of the ``norm`` layer."""
        return self._normalizer.profile

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

    def _check_layer(self, layer: Any) -> str:
        _check_str(layer, "layer")
        if layer not in self._layers:
            raise ValueError(f"unknown layer {layer!r}; this corpus has "
                             f"{', '.join(self._layers)}")
        return layer

    def ids(self, layer: str = "norm") -> np.ndarray:
        """``int32`` type ids of every token position in ``layer`` (read-only).

        Examples
        --------
        >>> c = Corpus.build(["مرحبا مرحبا بكم"], progress=False)
        >>> c.ids("surface").tolist()
        [0, 0, 1]
        """
        return self._layers[self._check_layer(layer)]

    def vocab(self, layer: str = "norm") -> list[str]:
        """Type strings of ``layer``: ``vocab(layer)[id]``. Shared with subcorpora;
        do not modify."""
        return self._vocabs[self._check_layer(layer)].strings

    def type_id(self, layer: str, s: str) -> int | None:
        """Id of the type ``s`` (exact, already normalized) in ``layer``, or None.

        Examples
        --------
        >>> c = Corpus.build(["الكتابُ مفيد"], progress=False)
        >>> c.type_id("norm", "الكتاب"), c.type_id("norm", "قلم")
        (0, None)
        """
        _check_str(s, "s")
        return self._vocabs[self._check_layer(layer)].index().get(s)

    def counts(self, layer: str = "norm") -> np.ndarray:
        """``int64`` frequency of every type of ``layer`` in this corpus
        (length ``len(vocab(layer))``; 0 for types only in a parent corpus)."""
        layer = self._check_layer(layer)
        if layer not in self._counts:
            self._counts[layer] = _readonly(np.bincount(
                self._layers[layer], minlength=len(self._vocabs[layer])).astype(np.int64))
        return self._counts[layer]

    def n_types(self, layer: str = "norm") -> int:
        """Number of types of ``layer`` that occur in this corpus (frequency > 0)."""
        return int(np.count_nonzero(self.counts(layer)))

    def token_doc(self) -> np.ndarray:
        """``int32`` document index of each token position (read-only, cached)."""
        if self._token_doc is None:
            self._token_doc = _readonly(np.repeat(
                np.arange(len(self), dtype=np.int32), np.diff(self._doc_offsets)))
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
        return self._texts[self.doc_index(doc)]

    def tokens(self, doc: int | str, layer: str = "norm") -> list[str]:
        """Token strings of one document in ``layer``."""
        d = self.doc_index(doc)
        vocab = self.vocab(layer)
        a, b = self._doc_offsets[d], self._doc_offsets[d + 1]
        return [vocab[i] for i in self._layers[layer][a:b].tolist()]

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

    # ------------------------------------------------------------------ subcorpora
    def subcorpus(
        self,
        mask: Any = None,
        *,
        query: str | None = None,
        start: Any = None,
        end: Any = None,
        **columns: Any,
    ) -> "Corpus":
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
        Corpus

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
            _check_str(query, "query")
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

    def _take(self, idx: np.ndarray) -> "Corpus":
        """A new corpus of the documents ``idx`` (in that order), sharing vocabularies."""
        off = self._doc_offsets
        lengths = (off[idx + 1] - off[idx]) if len(idx) else np.zeros(0, np.int64)
        new_off = np.zeros(len(idx) + 1, dtype=np.int64)
        np.cumsum(lengths, out=new_off[1:])
        if len(idx) and np.all(np.diff(idx) == 1):
            positions: Any = slice(int(off[idx[0]]), int(off[idx[-1] + 1]))
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
    def save(self, path: str | Path, *, _shared_vocab: dict | None = None) -> Path:
        """Write the corpus to the folder ``path`` (created if needed) in plain formats.

        Files are described in the module docstring. An existing corpus in the folder
        is replaced; a non-empty folder that is not a corpus is refused.

        The save is atomic: the files are written into a temporary folder beside
        ``path`` (``.<name>.saving-<pid>-<random>``), which is then swapped in by
        renaming, so that a process loading ``path`` meanwhile, or after a save that
        was killed midway, gets the old corpus or the new one, never a mixture (see
        "Saving and loading safely" in the module docstring). What an interrupted
        save left beside the folder is removed by the next save.

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
                                                              _MANIFEST).exists():
            raise ValueError(f"{folder} is not empty and holds no corpus ({_MANIFEST}); "
                             f"refusing to write into it")
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(target)
        tmp = target.with_name(f".{target.name}{_SAVING}{os.getpid()}-"
                               f"{secrets.token_hex(4)}")
        tmp.mkdir()
        try:
            self._write_files(tmp, _shared_vocab)
            _swap_in(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return folder

    def _write_files(self, folder: Path, _shared_vocab: dict | None) -> None:
        """Write every file of the format into the (new, empty) ``folder``; the
        manifest last, with the byte size and BLAKE2b digest of every other file."""
        files: dict[str, str] = {}

        def save_array(name: str, arr: np.ndarray) -> None:
            fname = f"{name}.npy"
            with open(folder / fname, "wb") as fh:
                np.save(fh, np.ascontiguousarray(arr), allow_pickle=False)
            files[name] = fname

        # metadata first: a value JSON cannot hold stops the save before any big write
        dtypes = _write_metadata(self.metadata, folder / "metadata.json")
        files["metadata"] = "metadata.json"
        for layer, arr in self._layers.items():
            save_array(f"ids.{layer}", arr)
            if _shared_vocab is None:  # a shard's vocabularies live in its parent
                files[f"vocab.{layer}"] = _write_vocab(folder, layer,
                                                       self._vocabs[layer].strings,
                                                       atomic=False)
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
                            if _shared_vocab is None else
                            {k: v["size"] for k, v in _shared_vocab.items()}),
            "n_docs": len(self),
            "n_tokens": self.n_tokens,
            "kinds": list(KINDS),
            "metadata_columns": [str(c) for c in self._metadata.columns],
            "metadata_dtypes": dtypes,
            "load_report": _report_to_json(self.load_report),
            "files": files,
            # byte size and BLAKE2b digest of every file, checked by load
            "file_sizes": {k: (folder / v).stat().st_size for k, v in files.items()},
            "file_digests": _digests({k: folder / v for k, v in files.items()}),
        }
        if _shared_vocab is not None:
            manifest["shared_vocabulary"] = _shared_vocab
        with open(folder / _MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1, default=_json_default)

    @classmethod
    def load(cls, path: str | Path, mmap_mode: str | None = "r", *,
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
        mpath = folder / _MANIFEST
        if not mpath.is_file():
            raise ValueError(f"{folder} is not an arabcorpus corpus folder: it has no "
                             f"{_MANIFEST}")
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
            vocabs[layer] = _Vocabulary(_parse_vocab(
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
        return cls(layers=layers, vocabs=vocabs, doc_offsets=doc_offsets, spans=spans,
                   kinds=kinds, texts=texts, metadata=metadata, normalizer=normalizer,
                   stemmer=manifest.get("stemmer"),
                   lemmatizer=manifest.get("lemmatizer"),
                   punctuation=bool(manifest.get("punctuation", False)),
                   load_report=_report_from_json(manifest.get("load_report")))

    # ------------------------------------------------------------------ exports
    def dtm(self, layer: str = "norm") -> "scipy.sparse.csr_matrix":
        """Document-term matrix: ``scipy.sparse.csr_matrix`` of ``int32`` counts,
        shape ``(len(corpus), len(vocab(layer)))``; column ``j`` is ``vocab(layer)[j]``.

        Built without Python loops: the CSR structure is ``(ones, ids, doc_offsets)``
        and duplicate entries are summed.

        Examples
        --------
        >>> c = Corpus.build(["قال قال نعم", "نعم"], progress=False)
        >>> c.dtm("surface").toarray().tolist()
        [[2, 1], [0, 1]]
        """
        import scipy.sparse as sp

        ids = self.ids(layer)
        m = sp.csr_matrix(
            (np.ones(len(ids), dtype=np.int32), np.array(ids, dtype=np.int32),
             np.array(self._doc_offsets, dtype=np.int64)),
            shape=(len(self), len(self.vocab(layer))))
        m.sum_duplicates()  # also sorts the column indices of each row
        return m

    def to_nltk_text(self, layer: str = "norm", name: str | None = None) -> Any:
        """An :class:`nltk.text.Text` over the layer's token strings (all documents
        concatenated; NLTK does not know document boundaries).

        Examples
        --------
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


# --------------------------------------------------------------------------- internals
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
    return out[0], out[1]


def _string_hashes(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_span_hashes` of whole strings (equal strings, equal hashes)."""
    ends = np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
    return _joined_hashes("".join(strings), ends)


def _joined_hashes(text: str, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_string_hashes` of strings given joined, as ``text`` and the end offset
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


def _stream_total(stream: Any, docs: Any) -> int | None:
    """Number of documents for a progress bar, if known without reading."""
    try:
        return len(stream)  # type: ignore[arg-type]
    except TypeError:
        return len(docs) if hasattr(docs, "__len__") and not isinstance(docs, str) \
            else None


def _check_layers(layers: Any) -> list[str]:
    """The optional layers asked for (a list; ValueError listing :data:`LAYERS`)."""
    if layers is None:
        return []
    if isinstance(layers, str):
        layers = [layers]
    out = []
    for name in layers:
        if not isinstance(name, str):
            raise TypeError(f"layers must be layer names (str), got "
                            f"{type(name).__name__}")
        if name not in LAYERS:
            raise ValueError(f"unknown layer {name!r}; valid layers: "
                             + ", ".join(LAYERS))
        if name not in _BASE_LAYERS and name not in out:
            out.append(name)
    return out


def _bases(types: Sequence[str]) -> list[str]:
    """The base of each surface type (:func:`arabcorpus.text.clitics.best_analysis`), with
    the teh marbuta a noun writes as ت before a pronoun restored (مدرستهم: مدرسة), so
    that a noun counts as one base with and without its enclitic."""
    from arabcorpus.text.clitics import best_analysis

    out = []
    for t in types:
        a = best_analysis(t)
        base = a.base or t
        if a.enclitics and a.pos == "noun" and base.endswith("ت") and \
                a.lemma.endswith("ة"):
            base = base[:-1] + "ة"
        out.append(base)
    return out


def _clitic_types(types: Sequence[str]) -> list[str]:
    """The ``clitics`` type of each surface type: ``pro+``, ``+enc``, ``pro+enc``
    written ``pro++enc``... or :data:`NO_CLITICS`."""
    from arabcorpus.text.clitics import split_clitics

    out = []
    for t in types:
        pro, _base, enc = split_clitics(t)
        label = (pro + "+" if pro else "") + ("+" + enc if enc else "")
        out.append(label or NO_CLITICS)
    return out


#: Surface types a build must have before its lemma, base and clitics layers are
#: analysed in a background process (below this, in the building process: starting a
#: process costs more than it saves).
BACKGROUND_MIN_TYPES = 20_000


@functools.lru_cache(maxsize=2)
def _lemmatizer_for(backend: str | None) -> Any:
    """One lemmatizer per backend for the whole build (a CAMeL database or Qalsadi is
    loaded once, not once per batch)."""
    from arabcorpus.text.lemma import Lemmatizer

    return Lemmatizer(backend)


def _analyse_surface_types(types: list[str], layers: tuple[str, ...],
                           backend: str | None) -> dict[str, list[str]]:
    """The ``lemma``, unnormalized ``base`` and ``clitics`` type of each surface type
    (run in the background process of a build)."""
    out: dict[str, list[str]] = {}
    if "lemma" in layers:
        out["lemma"] = _lemmatizer_for(backend).lemmatize_types(types)
    if "base" in layers:
        out["base"] = _bases(types)
    if "clitics" in layers:
        out["clitics"] = _clitic_types(types)
    return out


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
        out = _analyse_surface_types(types, tuple(x for x in self.layers
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
            return self.results[name][start:end]
        return derive

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None


class _Worker:
    """``python -m arabcorpus.corpus._layer_worker`` fed and read by two threads, so that
    sending a chunk never waits for the previous one to be analysed."""

    def __init__(self, layers: tuple[str, ...], backend: str | None) -> None:
        import queue
        import subprocess
        import tempfile
        import threading

        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "arabcorpus.corpus._layer_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr)
        self.pending: "queue.Queue[bytes | None]" = queue.Queue()
        self.answers: list[dict] = []
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
        for line in self.proc.stdout:
            self.answers.append(json.loads(line))

    def send(self, types: list[str]) -> None:
        self.pending.put(json.dumps(types, ensure_ascii=False).encode(
            "utf-8", "surrogatepass"))
        self.n_sent += 1

    def wait(self) -> list[dict]:
        """Every answer not yet returned, once all the chunks sent are analysed."""

        while len(self.answers) < self.n_sent:
            if not self.reader.is_alive():
                self.stderr.seek(0)
                err = self.stderr.read().decode("utf-8", "replace")[-2000:]
                raise RuntimeError(f"the process analysing the lemma, base and clitics "
                                   f"layers stopped (exit {self.proc.poll()}):\n{err}")
            time.sleep(0.005)
        answers, self.answers = self.answers, []
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
        wanted = _check_layers(layers)
        if stem is not None and "stem" not in wanted:
            wanted.append("stem")
        if "stem" in wanted and stem is None:
            stem = "isri"
        stemmer = None
        if stem is not None:
            _check_str(stem, "stem")
            from arabcorpus.text.stem import Stemmer

            stemmer = Stemmer(stem)  # ValueError listing STEMMERS if unknown
        if not isinstance(punctuation, (bool, np.bool_)):
            raise TypeError(f"punctuation must be a bool, got "
                            f"{type(punctuation).__name__}")
        self.normalizer = normalizer
        self.stem_name = stem
        self.punctuation = bool(punctuation)
        self._punct_code = KINDS.index("punct")
        self.encoder = _SurfaceEncoder()
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

    def vocabularies(self) -> dict[str, "_Vocabulary"]:
        """The vocabularies as they stand (they only grow)."""
        self.norm.extend_to(self.encoder.strings)
        vocabs = {"surface": _Vocabulary(self.encoder.strings),
                  "norm": _Vocabulary(self.norm.strings)}
        if self.stem is not None:
            self.stem.extend_to(self.norm.strings)
            vocabs["stem"] = _Vocabulary(self.stem.strings)
        for name, derived in self.from_surface.items():
            derived.extend_to(self.encoder.strings)
            vocabs[name] = _Vocabulary(derived.strings)
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


class _SurfaceEncoder:
    """Encode token spans of a batch of texts into global surface type ids.

    Each batch is encoded without making one Python string per token: the batch's
    texts are joined and viewed as UTF-32 code points, every token span gets two
    independent 64-bit hashes (:func:`_span_hashes`, vectorized), the first hash is
    factorized with pandas, and only the batch's distinct hashes go through a Python
    dict (``hash -> (id, second hash)``); a string is sliced once per *new* type.
    The second hash verifies the first: if two different tokens ever shared the first
    hash (probability about ``types**2 / 2**65``), the disagreement of the second
    is detected and the encoder switches, for good, to exact string keys, so the
    result is the same either way (ids in order of first occurrence).
    """

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._by_hash: dict[int, tuple[int, int]] | None = {}
        self._by_string: dict[str, int] | None = None
        self._scratch = _Scratch()

    def close(self) -> None:
        """Drop the lookup tables and the work buffer (``strings`` stays)."""
        self._by_hash = self._by_string = None
        self._scratch = _Scratch()

    def encode(self, texts: list[str], starts: list[np.ndarray],
               ends: list[np.ndarray]) -> np.ndarray:
        if not starts:
            return np.zeros(0, dtype=np.int32)
        if self._by_hash is not None:
            ids = self._encode_hashed(texts, starts, ends)
            if ids is not None:
                return ids
            self._by_hash = None
            self._by_string = {s: i for i, s in enumerate(self.strings)}
        return self._encode_strings(texts, starts, ends)

    def _encode_hashed(self, texts: list[str], starts: list[np.ndarray],
                       ends: list[np.ndarray]) -> np.ndarray | None:
        import pandas as pd

        joined = "".join(texts)
        cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        base = np.zeros(len(texts), dtype=np.int64)
        np.cumsum([len(t) for t in texts[:-1]], out=base[1:])
        counts = [len(a) for a in starts]
        shift = np.repeat(base, counts)
        gs = np.concatenate(starts).astype(np.int64) + shift
        ge = np.concatenate(ends).astype(np.int64) + shift
        if not len(gs):
            return np.zeros(0, dtype=np.int32)
        h1, h2 = _span_hashes(cps, gs, ge, self._scratch)
        del cps
        codes, uniques = pd.factorize(h1, sort=False)
        # first occurrence of each code, in code order (codes follow first occurrence)
        first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
        if not np.array_equal(h2, h2[first][codes]):
            return None  # two different tokens share h1 within the batch
        by_hash = self._by_hash
        assert by_hash is not None
        strings = self.strings
        n_before = len(strings)
        gids = np.empty(len(uniques), dtype=np.int32)
        for k, (key, check, a, b) in enumerate(zip(uniques.tolist(),
                                                   h2[first].tolist(),
                                                   gs[first].tolist(), ge[first].tolist())):
            hit = by_hash.get(key)
            if hit is None:
                hit = (len(strings), check)
                by_hash[key] = hit
                strings.append(joined[a:b])
            elif hit[1] != check:
                # collision with an earlier batch's type: forget this batch's new
                # types; the caller re-encodes the batch with string keys
                del strings[n_before:]
                return None
            gids[k] = hit[0]
        return gids[codes]

    def _encode_strings(self, texts: list[str], starts: list[np.ndarray],
                        ends: list[np.ndarray]) -> np.ndarray:
        index = self._by_string
        assert index is not None
        strings = self.strings
        out = []
        for text, s, e in zip(texts, starts, ends):
            for a, b in zip(s.tolist(), e.tolist()):
                tok = text[a:b]
                gid = index.get(tok)
                if gid is None:
                    gid = index[tok] = len(strings)
                    strings.append(tok)
                out.append(gid)
        return np.array(out, dtype=np.int32)


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


def _metadata_frame(records: list[dict[str, Any]], first_doc: int = 0) -> "pd.DataFrame":
    import pandas as pd

    if records:
        md = pd.DataFrame.from_records(records)
    else:
        md = pd.DataFrame({"id": pd.Series([], dtype=object)})
    if "date" in md.columns:
        md["date"] = _parse_dates(md["date"], first_doc)
    return md


def _metadata_columns(md: "pd.DataFrame") -> tuple[list[str], list[list[Any]],
                                                      dict[str, str]]:
    """Column names, JSON-ready values per column and ``{column: dtype string}``.

    Missing values become ``None`` (JSON ``null``); datetimes become ISO 8601 strings.
    """
    import pandas as pd

    values: list[list[Any]] = []
    dtypes: dict[str, str] = {}
    for col in md.columns:
        s = md[col]
        dtypes[str(col)] = str(s.dtype)
        if pd.api.types.is_datetime64_any_dtype(s):
            vals = [None if v is pd.NaT or v is None else v.isoformat()
                    for v in s.tolist()]
        else:
            vals = [None if _is_missing(v) else v for v in s.tolist()]
        values.append(vals)
    return [str(c) for c in md.columns], values, dtypes


def _write_metadata(md: "pd.DataFrame", path: Path) -> dict[str, str]:
    """Write metadata as column-wise JSON; return ``{column: dtype string}``.

    The file is one JSON object ``{"columns": [names], "values": [[...], ...]}``,
    one array of values per column (strings, numbers, booleans, ``null`` for missing,
    nested lists/objects; dates as ISO 8601 strings). Column-wise, because reading it
    back is one :func:`json.loads` making one list per column, not one per document.
    """
    names, values, dtypes = _metadata_columns(md)
    try:
        data = json.dumps({"columns": names, "values": values}, ensure_ascii=False,
                          default=_json_default, allow_nan=False)
    except (ValueError, TypeError) as exc:
        raise ValueError(_unwritable_metadata(md, names, values, exc)) from exc
    path.write_bytes(data.encode("utf-8", "surrogatepass"))
    return dtypes


def _unwritable_metadata(md: "pd.DataFrame", names: list[str], values: list[list[Any]],
                         exc: Exception) -> str:
    """Name the column, document and value that JSON cannot hold (an infinite float,
    which standard JSON has no token for, or an object of an unknown type)."""
    for name, column in zip(names, values):
        for i, value in enumerate(column):
            try:
                json.dumps(value, default=_json_default, allow_nan=False)
            except (ValueError, TypeError) as err:
                doc = md["id"].iloc[i] if "id" in md.columns else i
                return (f"cannot save metadata column {name!r}: document {i} "
                        f"(id {doc!r}) has the value {value!r}, which JSON cannot "
                        f"hold ({err}); replace it (e.g. by None) before saving")
    return f"cannot save the metadata as JSON: {exc}"


def _read_metadata(path: Path, columns: list[str] | None, dtypes: dict[str, str],
                   raw: bytes | None = None) -> _PendingMetadata:
    """Read a metadata file written by :func:`_write_metadata` (format version 2);
    ``raw``: its bytes, if already read."""
    text = (path.read_bytes() if raw is None else raw).decode("utf-8", "surrogatepass")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    if (not isinstance(data, dict) or not isinstance(data.get("columns"), list)
            or not isinstance(data.get("values"), list)):
        raise ValueError(f"{path} is not a JSON object with 'columns' and 'values' "
                         f"lists")
    header, values = data["columns"], data["values"]
    if len(values) != len(header) or not all(isinstance(v, list) for v in values):
        raise ValueError(f"{path} has {len(header)} column names but "
                         f"{len(values)} value lists")
    lengths = {len(v) for v in values}
    if len(lengths) > 1:
        sizes = ", ".join(f"{c!r}: {len(v)}" for c, v in zip(header, values))
        raise ValueError(f"{path}: columns have different lengths ({sizes})")
    if columns is not None and header != columns:
        raise ValueError(f"{path} has columns {header}, the manifest says {columns}")
    return _PendingMetadata(path, header, values, dtypes)


def _read_metadata_v1(path: Path, columns: list[str] | None, dtypes: dict[str, str],
                      raw: bytes | None = None) -> _PendingMetadata:
    """Read ``metadata.jsonl`` of format version 1: column names, then one JSON array
    of values per document (``raw``: its bytes, if already read)."""
    raw = (path.read_bytes() if raw is None else raw).decode(
        "utf-8", "surrogatepass").strip()
    lines = raw.split("\n") if raw else []
    try:  # one C-level parse of all lines at once
        rows = json.loads("[" + ",".join(lines) + "]")
    except json.JSONDecodeError:
        for lineno, line in enumerate(lines, 1):
            try:
                json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, line {lineno}: {exc}") from exc
        raise
    if not rows or not isinstance(rows[0], list):
        raise ValueError(f"{path} does not start with the list of column names")
    header, rows = rows[0], rows[1:]
    bad = next((i for i, r in enumerate(rows) if len(r) != len(header)), None)
    if bad is not None:
        raise ValueError(f"{path}, line {bad + 2}: {len(rows[bad])} values for "
                         f"{len(header)} columns")
    if columns is not None and header != columns:
        raise ValueError(f"{path} has columns {header}, the manifest says {columns}")
    values = [list(v) for v in zip(*rows)] if rows else [[] for _ in header]
    return _PendingMetadata(path, header, values, dtypes)


def _metadata_from_columns(path: Path, header: list[str], values: list[list[Any]],
                           dtypes: dict[str, str]) -> "pd.DataFrame":
    """Build the metadata frame from column lists and restore the saved dtypes."""
    import pandas as pd

    md = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in zip(header, values)},
                      columns=header)
    for col in header:
        dtype = dtypes.get(col)
        if dtype is None or dtype == "object":
            continue
        if dtype.startswith("datetime64"):
            md[col] = pd.to_datetime(md[col], format="ISO8601").astype(dtype)
        else:
            try:
                md[col] = md[col].astype(dtype)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path}: cannot restore column {col!r} as {dtype}: "
                                 f"{exc}") from exc
    return md


def _report_to_json(report: Any) -> Any:
    """A JSON-ready form of a readers LoadReport (or None)."""
    if report is None:
        return None
    if isinstance(report, dict):
        return report
    if dataclasses.is_dataclass(report) and not isinstance(report, type):
        try:
            return json.loads(json.dumps(dataclasses.asdict(report),
                                         default=_json_default))
        except TypeError:
            pass
    out = {}
    for key in ("files_read", "documents_read", "skipped", "duplicates", "encoding"):
        if hasattr(report, key):
            value = getattr(report, key)
            out[key] = json.loads(json.dumps(value, default=_json_default))
    out["text"] = str(report)
    return out


def _report_from_json(data: Any) -> Any:
    """Rebuild a readers LoadReport from its JSON form; the dict itself if that fails."""
    if not isinstance(data, dict):
        return data
    try:
        from arabcorpus.io.readers import Duplicate, LoadReport, Skipped

        fields = {f.name for f in dataclasses.fields(LoadReport)}
        if not set(data) <= fields:
            return data
        kwargs = dict(data)
        kwargs["skipped"] = [Skipped(*s) for s in data.get("skipped", [])]
        kwargs["duplicates"] = [Duplicate(*d) for d in data.get("duplicates", [])]
        return LoadReport(**kwargs)
    except (ImportError, TypeError, ValueError):
        return data
