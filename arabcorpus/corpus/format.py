"""The on-disk format of a corpus folder: manifest, vocabulary files, metadata files,
digests, and the atomic save.

:meth:`Corpus.save <arabcorpus.corpus.memory.Corpus.save>` and
:meth:`Corpus.load <arabcorpus.corpus.memory.Corpus.load>` read and write what is
described here; a sharded corpus (:mod:`arabcorpus.corpus.sharded`) stores each
shard as such a folder, without its vocabularies.

On-disk format (format version 2)
---------------------------------
:meth:`Corpus.save <arabcorpus.corpus.memory.Corpus.save>` writes a folder of plain
files, never pickle:

========================  ==========================================================
``corpus.json``           manifest: format name and version, library version, profile,
                          normalizer rules, stemmer, layers, sizes, metadata dtypes,
                          KINDS, the load report (as plain JSON), the file list, and
                          the byte size (``file_sizes``) and BLAKE2b digest
                          (``file_digests``, 16 bytes, hex) of every other file
``ids.<layer>.npy``       ``int32`` ids of each layer
``doc_offsets.npy``       ``int64``, length ``n_docs + 1``
``spans.npy``             ``int32``, shape ``(n_tokens, 2)``
``kinds.npy``             ``uint8``
``vocab.<layer>.txt``     the layer's type strings, one per line, UTF-8 (id = line
                          number from 0); ``vocab.<layer>.json`` (a JSON array) instead
                          if a type contains a newline
``texts.txt``             every original text concatenated, UTF-8 (``surrogatepass``)
``text_offsets.npy``      ``int64`` byte offsets of the texts in ``texts.txt`` (n + 1)
``metadata.json``         column-wise JSON: ``{"columns": [names], "values": [[column 0
                          values], [column 1 values], ...]}`` (dtypes in the manifest)
``counts.<layer>.npy``    ``int64`` frequency of each type of the layer (``Corpus.counts``)
``docfreq.<layer>.npy``   ``int64`` number of documents containing each type
``dp.<layer>.npy``        ``float64`` Gries' DP of each type over the documents (NaN for
                          a type that does not occur), ``Corpus.type_doc_stats``
``form_ids.<layer>.npy``  ``int64`` surface id of each type's most frequent written
                          form (-1 for a type that does not occur), ``Corpus.form_ids``
========================  ==========================================================

The last four files of each layer (per-type statistics, one entry per type of the
layer's vocabulary) let the whole-corpus frequency list after a load read what it
would otherwise count over every token. They are written since December 2026 within
format version 2: a folder without them loads as before, and the corpus computes them
on first use; older versions of the library ignore them. Shards of a sharded corpus
do not have them.

Format version 2 differs from version 1 only in the metadata file: version 1 wrote
``metadata.jsonl`` (JSON Lines, the column names then one array per document).
Column-wise JSON parses about three times faster (one list per column instead of one
per document), which is most of the time :meth:`~arabcorpus.corpus.memory.Corpus.load`
spends. Folders in format version 1 are still read (the manifest names the metadata
file); saving always writes version 2.

Arrays are written with ``np.save(..., allow_pickle=False)`` and read with
``np.load(..., allow_pickle=False)``. A loaded corpus decodes a document's text only
when it is asked for, and builds its metadata table (importing pandas) only when
:attr:`~arabcorpus.corpus.memory.Corpus.metadata` is first used; the metadata file is
parsed and checked by :meth:`~arabcorpus.corpus.memory.Corpus.load` itself.

Saving and loading safely
-------------------------
:meth:`~arabcorpus.corpus.memory.Corpus.save` writes every file into a new temporary
folder beside the target, ``.<name>.saving-<pid>-<random>``, the manifest last, and
then swaps it in: on Linux with one atomic ``renameat2(RENAME_EXCHANGE)``; elsewhere
(or on a file system without it) by renaming the old folder to
``.<name>.old-<pid>-<random>`` and the new one to the target. The old folder is then
removed. So a save killed at any moment leaves the old corpus or the new one; only a
kill between the two renames of the second way leaves no folder at the target, and
:meth:`~arabcorpus.corpus.memory.Corpus.load` then says that a save was interrupted
and where the previous corpus is. The next save of the same folder removes what
interrupted saves left (the folders of a save still running in another process are
kept). This protects against interrupted processes, not against a power failure (the
files are not flushed to disk with ``fsync``).

:meth:`~arabcorpus.corpus.memory.Corpus.load` checks, before it returns:

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
import hashlib
import json
import math
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from arabcorpus._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "MANIFEST", "RunningDigest",
           "report_to_json", "report_from_json"]

#: Name written in ``corpus.json`` to recognise a corpus folder.
FORMAT_NAME = "arabcorpus.corpus"
#: Version of the on-disk format written by :meth:`~arabcorpus.corpus.memory.Corpus.save`.
FORMAT_VERSION = 2
#: The manifest's file name, in a corpus folder and in a sharded corpus folder.
MANIFEST = "corpus.json"


# --------------------------------------------------------------------------- vocabularies
def _write_vocab(folder: Path, layer: str, strings: list[str], atomic: bool = True) -> str:
    """Write a layer's type strings (one per line, or a JSON array if a type holds a
    newline); return the file name. ``atomic``: under a temporary name, then renamed
    (not needed inside the temporary folder of :meth:`~arabcorpus.corpus.memory.Corpus.save`)."""
    data = "\n".join(strings)
    # a type holding a newline: not expressible one per line (one count of the joined
    # text, kept: 0.01 s instead of 0.05-0.1 s for a str test per type on
    # SaudiNewsNet's 576,844 types of two layers, 2026-12-05)
    if data.count("\n") != max(len(strings) - 1, 0):
        fname = f"vocab.{layer}.json"
        data = json.dumps(strings, ensure_ascii=False)
    else:
        fname = f"vocab.{layer}.txt"
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
        m = os.stat(folder / MANIFEST)
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

    :meth:`~arabcorpus.corpus.memory.Corpus.load` parses and checks the file (names,
    column lengths) at once, but building the :class:`pandas.DataFrame` (and
    importing pandas, about half a second) waits until
    :attr:`~arabcorpus.corpus.memory.Corpus.metadata` is asked for.
    """

    __slots__ = ("path", "columns", "values", "dtypes")

    def __init__(self, path: Path, columns: list[str], values: list[list[Any]],
                 dtypes: dict[str, str]) -> None:
        self.path, self.columns, self.values, self.dtypes = path, columns, values, dtypes

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0

    def frame(self) -> "pd.DataFrame":
        return _metadata_from_columns(self.path, self.columns, self.values, self.dtypes)


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a

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
    if value.__class__ is str:  # most values: answered first (0.03 s instead of 0.12
        return False            # for SaudiNewsNet's 214,732 values, 2026-12-05)
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


#: Characters of a metadata column's JSON text encoded at a time by
#: :func:`_write_metadata` (a str holds whole code points, so the slices' UTF-8 bytes
#: are the text's).
_ENCODE_CHARS = 1 << 20


def _write_metadata(md: "pd.DataFrame", path: Path) -> dict[str, str]:
    """Write metadata as column-wise JSON; return ``{column: dtype string}``.

    The file is one JSON object ``{"columns": [names], "values": [[...], ...]}``,
    one array of values per column (strings, numbers, booleans, ``null`` for missing,
    nested lists/objects; dates as ISO 8601 strings). Column-wise, because reading it
    back is one :func:`json.loads` making one list per column, not one per document.

    The text of ``json.dumps`` of that object is written one column at a time, each
    encoded in slices of :data:`_ENCODE_CHARS` characters: the same bytes, without
    the whole text and its bytes at once (kept: writing SaudiNewsNet's 8.9 MB of
    metadata took 19-21 MB above the memory before ``Corpus.save``, now 8 MB;
    2026-12-05).
    """
    names, values, dtypes = _metadata_columns(md)
    opts = {"ensure_ascii": False, "default": _json_default, "allow_nan": False}

    def write(fh: Any, text: str) -> None:
        for start in range(0, len(text), _ENCODE_CHARS):
            fh.write(text[start:start + _ENCODE_CHARS].encode("utf-8", "surrogatepass"))

    try:
        with open(path, "wb") as fh:
            write(fh, '{"columns": ' + json.dumps(names, **opts) + ', "values": [')
            for i, column in enumerate(values):
                write(fh, (", " if i else "") + json.dumps(column, **opts))
            fh.write(b"]}")
    except (ValueError, TypeError) as exc:
        path.unlink(missing_ok=True)
        raise ValueError(_unwritable_metadata(md, names, values, exc)) from exc
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


def report_to_json(report: Any) -> Any:
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


def report_from_json(data: Any) -> Any:
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


# --------------------------------------------------------------------------- vocabulary digests
class RunningDigest:
    """BLAKE2b over ``s + "\\n"`` for each type string, extended as a vocabulary grows.

    The digest of the first ``n`` types identifies a vocabulary prefix: a shard
    records the digest of the prefix it was written against.
    """

    def __init__(self) -> None:
        self._h = _new_digest()
        self.n = 0

    def update_to(self, strings: Sequence[str], n: int | None = None) -> str:
        n = len(strings) if n is None else n
        if n < self.n:
            raise ValueError("a vocabulary digest cannot go back")
        if n > self.n:
            block = 1 << 16
            for a in range(self.n, n, block):
                chunk = strings[a:min(a + block, n)]
                self._h.update(("\n".join(chunk) + "\n").encode("utf-8", "surrogatepass"))
            self.n = n
        return self._h.hexdigest()


def _prefix_digests(strings: Sequence[str], sizes: Sequence[int]) -> dict[int, str]:
    """Digest of each prefix ``strings[:size]``, in one pass."""
    running = RunningDigest()
    return {n: running.update_to(strings, n) for n in sorted(set(sizes))}
