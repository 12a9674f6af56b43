"""The file formats and in-memory sources: each reader here is a *producer*, a function
of a pass's context that yields the documents of one pass (see :mod:`.stream`).

txt, JSON, JSON Lines and CSV/TSV files (on disk or as archive members), zip archives,
folders, pandas DataFrames and iterables. Files on disk are read with one copy in
memory; archive members through :class:`_Bounded`, which stops past
``max_uncompressed`` bytes whatever the member declares.

Examples
--------
>>> unsafe_member("../etc/passwd"), unsafe_member("a/b.txt")
(True, False)
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from arabcorpus.io.encodings import _SURROGATE, _decode_lines, _decode_whole, _describe_bad
from arabcorpus.io.html import _read_page
from arabcorpus.io.stream import (_TOO_DEEP, Document, _Context, _Item, _make_doc,
                                  _replace_lone_or_skip)
from arabcorpus.io.warc import _read_warc

__all__ = ["folder_files", "unsafe_member"]

_EXTENSIONS: dict[str, str] = {".txt": "txt", ".json": "json", ".jsonl": "jsonl",
                               ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                               ".zip": "zip", ".html": "html", ".htm": "html",
                               ".warc": "warc", ".warc.gz": "warc"}
_FILE_FORMATS = ("txt", "json", "jsonl", "csv", "tsv", "zip", "html", "warc")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # JSON escape of a surrogate
_MEMBER_CHUNK = 8 << 20  # archive members: fewer, larger reads decompress faster
_CSV_FIELD_LIMIT = 2 ** 31 - 1


def _format_of(name: str) -> str | None:
    """The format a file or member name says by its extension (``.warc.gz`` too)."""
    low = name.lower()
    if low.endswith(".warc.gz"):
        return "warc"
    dot = low.rfind(".")
    return _EXTENSIONS.get(low[dot:]) if dot > low.rfind("/") else None


def _read_txt_bytes(ctx: _Context, data: bytes, file: str, doc_id: str) -> Iterator[_Item]:
    decoded = _decode_whole(ctx, data, file)
    if decoded is None:
        return
    text, codec, bad = decoded
    ctx.file_read(file, codec)
    if bad:
        ctx.skip(file, None, None, "undecodable",
                 _describe_bad(data, bad, 0, codec.replace("-sig", "")))
        return
    if not data and ctx.opts.empty == "skip":
        ctx.skip(file, None, None, "empty_text", "empty file")
        return
    doc = _make_doc(ctx, Document(doc_id, text, {}), doc_id, file, None, None)
    if doc is not None:
        yield _Item(doc, file, None, None)


def _json_error(err: json.JSONDecodeError) -> str:
    return f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}"


def _beyond_syntax(err: BaseException) -> str:
    """Why valid-looking JSON could not be decoded: nesting beyond Python's recursion
    limit, or an integer beyond ``sys.get_int_max_str_digits()`` digits."""
    if isinstance(err, RecursionError):
        return "a value nested too deeply to decode (RecursionError)"
    return f"a value that cannot be decoded ({type(err).__name__}: {err})"


def _loads(text: str, decode: Callable[..., Any], *args: Any) -> Any:
    """``decode(text, *args)`` with the errors beyond syntax (too deep, an integer with
    too many digits) turned into a JSONDecodeError at the start of the value."""
    try:
        return decode(text, *args)
    except json.JSONDecodeError:
        raise
    except (RecursionError, ValueError) as err:
        pos = args[0] if args else 0
        raise json.JSONDecodeError(_beyond_syntax(err), text, pos) from None


def _json_elements(text: str
                   ) -> Iterator[tuple[int, int, Any, json.JSONDecodeError | None]]:
    """Yield (start, end, value, None) for each element of a JSON array (or the single
    top-level object), then (pos, pos, None, error) and stop at a syntax error."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")
    n = len(text)
    pos = ws.match(text, 0).end()
    if pos < n and text[pos] == "[":
        pos = ws.match(text, pos + 1).end()
        if pos < n and text[pos] == "]":
            pos = ws.match(text, pos + 1).end()
            if pos != n:
                yield pos, pos, None, json.JSONDecodeError("Extra data", text, pos)
            return
        while True:
            try:
                value, end = _loads(text, decoder.raw_decode, pos)
            except json.JSONDecodeError as err:
                yield err.pos, err.pos, None, err
                return
            yield pos, end, value, None
            pos = ws.match(text, end).end()
            if pos < n and text[pos] == ",":
                pos = ws.match(text, pos + 1).end()
                continue
            if pos < n and text[pos] == "]":
                pos = ws.match(text, pos + 1).end()
                if pos != n:
                    yield pos, pos, None, json.JSONDecodeError("Extra data", text, pos)
                return
            msg = "Expecting ',' delimiter" if pos < n else "Unterminated array"
            yield pos, pos, None, json.JSONDecodeError(msg, text, pos)
            return
    try:
        value = _loads(text, json.loads)
    except json.JSONDecodeError as err:
        yield err.pos, err.pos, None, err
        return
    yield 0, n, value, None


def _read_json_bytes(ctx: _Context, data: bytes, file: str, prefix: str,
                     text_field: str | None = None,
                     meta_fn: Callable[[dict], dict] | None = None) -> Iterator[_Item]:
    decoded = _decode_whole(ctx, data, file)
    if decoded is None:
        return
    text, codec, bad = decoded
    ctx.file_read(file, codec)
    escaped = _SURROGATE_ESCAPE.search(text) is not None
    if not bad:
        try:  # fast path: the whole array at once
            value = json.loads(text)
        except (ValueError, RecursionError):  # JSONDecodeError, too deep, too long
            value = None
        if isinstance(value, list):
            for index, rec in enumerate(value):
                if escaped:
                    rec = _replace_lone_or_skip(ctx, rec, file, index, "index")
                    if rec is _TOO_DEEP:
                        continue
                doc = _make_doc(ctx, rec, f"{prefix}{index}", file, index, "index",
                                text_field, meta_fn)
                if doc is not None:
                    yield _Item(doc, file, index, "index")
            return
    # Slow path, element by element: locate undecodable bytes and syntax errors.
    sur = [m.start() for m in _SURROGATE.finditer(text)] if bad else []
    plain = codec.replace("-sig", "")
    index = -1
    is_array = text.lstrip(" \t\n\r").startswith("[")
    for start, end, rec, err in _json_elements(text):
        if err is not None:
            k = bisect_left(sur, err.pos)
            if k < len(sur) and sur[k] <= err.pos + 1:  # a bad byte broke the syntax
                reason = _describe_bad(data, bad, k, plain)
                kind = "undecodable"
            else:
                reason, kind = _json_error(err), "malformed"
            if is_array:
                reason += "; the rest of the array was not read"
                ctx.skip(file, index + 1, "index", kind, reason)
            else:
                ctx.skip(file, None, None, kind, reason)
            return
        index += 1
        k = bisect_left(sur, start)
        if k < len(sur) and sur[k] < end:
            ctx.skip(file, index, "index", "undecodable",
                     _describe_bad(data, bad, k, plain))
            continue
        if escaped:
            rec = _replace_lone_or_skip(ctx, rec, file, index if is_array else None,
                                        "index" if is_array else None)
            if rec is _TOO_DEEP:
                if not is_array:
                    return
                continue
        if not is_array:  # a single top-level object or string is one document
            doc = _make_doc(ctx, rec, prefix.rstrip("/") or "0", file, None, None,
                            text_field, meta_fn)
            if doc is not None:
                yield _Item(doc, file, None, None)
            return
        doc = _make_doc(ctx, rec, f"{prefix}{index}", file, index, "index",
                        text_field, meta_fn)
        if doc is not None:
            yield _Item(doc, file, index, "index")


def _read_jsonl(ctx: _Context, opener: Callable[[], Any], file: str, prefix: str
                ) -> Iterator[_Item]:
    lines = _decode_lines(ctx, opener, file)
    if lines is None:
        return
    ctx.report.files_read.append(file)
    index = 0
    for lineno, _start, line, error in lines:
        if line is None or line.isspace() or not line:
            continue
        doc_id = f"{prefix}{index}"
        index += 1
        if error is not None:
            ctx.skip(file, lineno, "line", "undecodable", error)
            continue
        try:
            rec = _loads(line, json.loads)
        except json.JSONDecodeError as err:
            ctx.skip(file, lineno, "line", "malformed",
                     f"malformed JSON at line {lineno}, column {err.colno}: {err.msg}")
            continue
        if _SURROGATE_ESCAPE.search(line):
            rec = _replace_lone_or_skip(ctx, rec, file, lineno, "line")
            if rec is _TOO_DEEP:
                continue
        doc = _make_doc(ctx, rec, doc_id, file, lineno, "line")
        if doc is not None:
            yield _Item(doc, file, lineno, "line")


def _read_csv(ctx: _Context, opener: Callable[[], Any], file: str, prefix: str,
              delimiter: str) -> Iterator[_Item]:
    lines = _decode_lines(ctx, opener, file)
    if lines is None:
        return
    ctx.report.files_read.append(file)
    errors: dict[int, str] = {}

    def text_lines() -> Iterator[str]:
        for lineno, _start, line, error in lines:
            if error is not None:
                errors[lineno] = error
            yield line

    # strict: a quote that is never closed, or closed by a quote followed by anything
    # but a delimiter or a line end, is an error (the lenient dialect would swallow
    # every following line into one field)
    reader = csv.reader(text_lines(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    opts = ctx.opts
    index = 0
    last = 0
    while True:
        # News articles exceed csv's 128 KiB default field limit; the limit is a
        # process-wide setting, so it is raised for each row and restored at once.
        saved = csv.field_size_limit(_CSV_FIELD_LIMIT)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            first, last = last + 1, reader.line_num
            if last > first:  # a quoted field ran over several lines
                end = ("the end of the file" if str(err) == "unexpected end of data"
                       else f"line {last}")
                reason = (f"malformed CSV at lines {first}-{last}: {err}; a quoted field "
                          f"opened at line {first} runs to {end} (an unbalanced quote?), "
                          f"so these {last - first + 1:,} lines were not read")
            else:
                reason = f"malformed CSV at line {last}: {err}"
            if header is None:  # without its header the file cannot be read
                ctx.skip(file, first, "line", "malformed",
                         f"header: {reason}; the rest of the file was not read")
                return
            ctx.skip(file, first, "line", "malformed", reason)
            continue
        finally:
            csv.field_size_limit(saved)
        first, last = last + 1, reader.line_num
        while first <= last and first not in errors and not row:
            first += 1
        if not row:
            continue
        bad = next((errors[n] for n in range(first, last + 1) if n in errors), None)
        if header is None:
            if bad is not None:
                ctx.skip(file, None, None, "undecodable", f"header: {bad}")
                return
            header = row
            missing = [f for f in (opts.text_field, opts.id_field)
                       if f is not None and f not in header]
            if missing:
                ctx.skip(file, None, None, "missing_text",
                         f"no column {missing[0]!r}; columns: {', '.join(header)}")
                return
            continue
        doc_id = f"{prefix}{index}"
        index += 1
        if bad is not None:
            ctx.skip(file, first, "line", "undecodable", bad)
            continue
        if len(row) != len(header):
            where = f"line {first}" if last == first else f"lines {first}-{last}"
            ctx.skip(file, first, "line", "malformed",
                     f"malformed CSV at {where}: {len(row)} fields, "
                     f"header has {len(header)}")
            continue
        doc = _make_doc(ctx, dict(zip(header, row)), doc_id, file, first, "line")
        if doc is not None:
            yield _Item(doc, file, first, "line")


def unsafe_member(name: str) -> bool:
    """True for an archive member name with an absolute path, a drive or ``..``."""
    norm = name.replace("\\", "/")
    return (norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) is not None
            or ".." in PurePosixPath(norm).parts)


class _TooLarge(Exception):
    """A member turned out larger than ``max_uncompressed`` while it was read."""


class _Bounded:
    """An archive member as a binary file object that raises :class:`_TooLarge` once
    more than ``limit`` bytes came out of it (read by lines or in chunks): the one
    guard on what a member may put in memory, whatever its header declares."""

    def __init__(self, fh: Any, limit: int) -> None:
        self._fh, self._limit, self._total = fh, limit, 0

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._limit:
            raise _TooLarge(self._total)
        return data

    def read(self, n: int = -1) -> bytes:
        return self._count(self._fh.read(n))

    def __iter__(self) -> Iterator[bytes]:
        for line in self._fh:
            yield self._count(line)

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._fh.close()


def _read_whole(fh: Any) -> bytes | bytearray:
    """All the bytes of ``fh``, held once in memory.

    A file on disk is read with one ``read()`` into a buffer of the file's size; an
    archive member (:class:`_Bounded`) in chunks of 8 MiB appended to one growing
    buffer, so that the limit is checked after each chunk and the chunks are never
    joined into a second copy.
    """
    if not isinstance(fh, _Bounded):
        return fh.read()
    data = bytearray()
    while chunk := fh.read(_MEMBER_CHUNK):
        data += chunk
    return data


def _read_member(ctx: _Context, fmt: str, opener: Callable[[], Any], file: str,
                 prefix: str, doc_id: str, limit: int | None = None) -> Iterator[_Item]:
    """Read one file (on disk or in an archive) of a known format; an archive member
    (``limit`` given) is read as a stream that stops past ``limit`` bytes."""
    if limit is not None:
        raw_opener = opener
        opener = lambda: _Bounded(raw_opener(), limit)  # noqa: E731
    if fmt == "txt":
        with opener() as fh:
            data = _read_whole(fh)
        yield from _read_txt_bytes(ctx, data, file, doc_id)
    elif fmt == "json":
        with opener() as fh:
            data = _read_whole(fh)
        yield from _read_json_bytes(ctx, data, file, prefix)
    elif fmt == "html":
        with opener() as fh:
            data = _read_whole(fh)
        yield from _read_page(ctx, data, file, doc_id)
    elif fmt == "warc":
        yield from _read_warc(ctx, opener, file, prefix)
    elif fmt == "jsonl":
        yield from _read_jsonl(ctx, opener, file, prefix)
    else:
        delimiter = ctx.opts.delimiter or ("\t" if fmt == "tsv" else ",")
        yield from _read_csv(ctx, opener, file, prefix, delimiter)


try:  # pragma: no cover - lzma and bz2 are optional parts of CPython
    from lzma import LZMAError as _LZMAError
except ImportError:  # pragma: no cover
    class _LZMAError(Exception):  # type: ignore[no-redef]
        pass

# What a damaged archive member raises while it is read (bz2 raises OSError).
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, _LZMAError)
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate",
                zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma"}
_OTHER_METHODS = {9: "Deflate64", 10: "PKWARE DCL Implode", 6: "Implode",
                  1: "Shrink", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES"}


_NO_NAME = "archive member with an empty name (a damaged header?)"


def _open_zip(ctx: _Context, path: Path, file: str) -> zipfile.ZipFile | None:
    """The archive, or None when it cannot be opened (reported as a skipped file)."""
    try:
        return zipfile.ZipFile(path)
    except PermissionError as err:
        ctx.skip(file, None, None, "unreadable",
                 f"cannot open the archive: {err.strerror or err}")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            struct.error) as err:  # a damaged central directory raises any of these
        ctx.skip(file, None, None, "malformed",
                 f"not a valid zip archive ({type(err).__name__}: {err})")
    return None


def _member_problem(info: zipfile.ZipInfo, limit: int) -> tuple[str, str] | None:
    """(kind, reason) if an archive member cannot be read safely, else None."""
    if unsafe_member(info.filename):
        return "unsafe_member", "archive member with an absolute path or '..' refused"
    if info.flag_bits & 0x1:
        return ("unsupported", "encrypted archive member (arabcorpus reads no "
                "passwords); decrypt the archive first")
    if info.compress_type not in _ZIP_METHODS:
        name = _OTHER_METHODS.get(info.compress_type, "unknown")
        return ("unsupported", f"compression method {info.compress_type} ({name}) is "
                "not supported by Python's zipfile; recompress the archive with "
                "deflate")
    if info.file_size > limit:
        return ("too_large", f"declared uncompressed size {info.file_size:,} bytes "
                f"exceeds max_uncompressed={limit:,}; member not read")
    return None


def _member_failed(ctx: _Context, member: str, err: BaseException, limit: int) -> None:
    if isinstance(err, _TooLarge):
        ctx.skip(member, None, None, "too_large",
                 f"more than max_uncompressed={limit:,} bytes came out of the member "
                 "(its declared size is wrong); reading stopped there, documents "
                 "read from it before are kept")
    elif isinstance(err, (NotImplementedError, RuntimeError)):
        ctx.skip(member, None, None, "unsupported",
                 f"archive member cannot be read ({type(err).__name__}: {err})")
    else:
        ctx.skip(member, None, None, "malformed",
                 f"corrupt archive member ({type(err).__name__}: {err}); "
                 "documents read from it before the damage are kept")


def _read_zip(ctx: _Context, path: Path, file: str, only: str | None,
              id_prefix: str = "") -> Iterator[_Item]:
    zf = _open_zip(ctx, path, file)
    if zf is None:
        return
    limit = ctx.opts.max_uncompressed
    with zf:
        infos = sorted(zf.infolist(), key=lambda i: i.filename)
        for info in infos:
            name = info.filename
            member = f"{file}:{name}"
            if unsafe_member(name):
                ctx.skip(member, None, None, "unsafe_member",
                         "archive member with an absolute path or '..' refused")
                continue
            if not name:
                ctx.skip(member, None, None, "malformed", _NO_NAME)
                continue
            if name.endswith("/"):  # a folder entry
                continue
            parts = PurePosixPath(name).parts
            fmt = _format_of(PurePosixPath(name).name)
            if (any(p.startswith(".") or p == "__MACOSX" for p in parts) or fmt is None
                    or fmt == "zip" or (only is not None and fmt != only)):
                ctx.report.ignored.append(member)
                continue
            problem = _member_problem(info, limit)
            if problem is not None:
                ctx.skip(member, None, None, *problem)
                continue
            try:
                yield from _read_member(ctx, fmt, lambda info=info: zf.open(info),
                                        member, f"{id_prefix}{name}/", f"{id_prefix}{name}",
                                        limit)
            except (*_CORRUPT, _TooLarge, NotImplementedError, RuntimeError) as err:
                _member_failed(ctx, member, err, limit)


def folder_files(root: Path, only: str | None,
                  problems: list[tuple[str, str]] | None = None
                  ) -> tuple[list[tuple[str, Path, str]], list[str]]:
    """The files of a folder that :func:`arabcorpus.io.readers.read` reads, in the
    order it reads them: (files as (relative path, path, format), ignored relative
    paths). ``only`` restricts them to one format.

    Hidden files and folders and files of other formats are ignored; files are sorted
    by their relative POSIX path.

    ``problems``, if given, receives (relative path, reason) for each subfolder that
    cannot be listed and each entry that is not a regular file (a FIFO, a socket, a
    device, a broken link) but would otherwise be read.
    """
    files, ignored = [], []

    def listing_failed(err: OSError) -> None:
        if problems is not None:
            where = Path(err.filename or root)
            rel = where.relative_to(root).as_posix() if where != root else "."
            problems.append((rel + ("/" if rel != "." else ""),
                             f"cannot list the folder: {err.strerror or err}"))

    for dirpath, _dirs, names in os.walk(root, onerror=listing_failed):
        for name in names:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            fmt = _format_of(name)
            if (any(p.startswith(".") for p in PurePosixPath(rel).parts) or fmt is None
                    or (only is not None and fmt != only)):
                ignored.append(rel)
            elif path.is_file():
                files.append((rel, path, fmt))
            elif problems is not None:
                problems.append((rel, f"not a regular file ({_file_type(path)}); "
                                      "not opened"))
    files.sort(key=lambda t: t[0])
    ignored.sort()
    if problems is not None:
        problems.sort()
    return files, ignored


def _file_type(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "cannot be examined"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a broken symbolic link"
    return "not a file"


def _read_file(ctx: _Context, path: Path, file: str, fmt: str, prefix: str,
               doc_id: str) -> Iterator[_Item]:
    """Read one file on disk; an error reading it is a skipped file, not a stop."""
    if fmt == "zip":
        yield from _read_zip(ctx, path, file, None, prefix)
        return
    try:
        yield from _read_member(ctx, fmt, lambda: open(path, "rb"), file, prefix,
                                doc_id)
    except OSError as err:
        ctx.skip(file, None, None, "unreadable",
                 f"cannot read the file ({type(err).__name__}: {err.strerror or err}); "
                 "documents read from it before the error are kept")


def _read_path(ctx: _Context, path: Path, fmt: str | None,
               only_files: Sequence[str] | None = None,
               report_ignored: bool = True) -> Iterator[_Item]:
    if path.is_dir():
        problems: list[tuple[str, str]] = []
        files, ignored = folder_files(path, fmt, problems)
        if report_ignored:
            ctx.report.ignored.extend(ignored)
        if only_files is not None:
            wanted = set(only_files)
            files = [f for f in files if f[0] in wanted]
        if report_ignored:  # a partial read (one partition) reports them once
            for rel, reason in problems:
                ctx.skip(rel, None, None, "unreadable", reason)
        for rel, fpath, ffmt in files:
            yield from _read_file(ctx, fpath, rel, ffmt, f"{rel}/", rel)
        return
    own = _format_of(path.name)
    if not path.is_file():
        ctx.skip(str(path), None, None, "unreadable",
                 f"not a regular file ({_file_type(path)}); not opened")
        return
    if own == "zip" and fmt == "html":
        # read_html on a zip: its pages only, other members listed as ignored
        yield from _read_zip(ctx, path, str(path), fmt, "")
        return
    yield from _read_file(ctx, path, str(path), fmt or own, "", path.name)


def _clean_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def _read_dataframe(ctx: _Context, frame: Any) -> Iterator[_Item]:
    opts = ctx.opts
    columns = [str(c) for c in frame.columns]
    file = "<DataFrame>"
    ctx.report.files_read.append(file)
    for position, row in enumerate(frame.itertuples(index=True, name=None)):
        label, values = row[0], row[1:]
        rec = _replace_lone_or_skip(
            ctx, {c: _clean_value(v) for c, v in zip(columns, values)}, file, position,
            "row")
        if rec is _TOO_DEEP:
            continue
        doc = _make_doc(ctx, rec, str(label), file, position, "row")
        if doc is not None:
            yield _Item(doc, file, position, "row")


def _read_iterable(ctx: _Context, items: Iterable) -> Iterator[_Item]:
    file = "<iterable>"
    ctx.ids = set()  # ids may come from the items themselves (Document, id_field)
    for position, rec in enumerate(items):
        rec = _replace_lone_or_skip(ctx, rec, file, position, "item")
        if rec is _TOO_DEEP:
            continue
        doc = _make_doc(ctx, rec, str(position), file, position, "item")
        if doc is not None:
            yield _Item(doc, file, position, "item")


def _source_path(source: Any) -> Path:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"source must be a path (str or os.PathLike), got "
                        f"{type(source).__name__}")
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {str(path)!r}")
    return path

