"""Read documents (text + metadata) from files, archives, DataFrames and iterables.

Every reader returns a :class:`DocumentStream`: a *restartable* iterable of
:class:`Document` (each ``iter()`` reads the source again from the start, as gensim's
corpora do, so a model can make several passes) that streams, so a corpus larger
than memory is read in one pass:

============  ===================================================================
format        unit of reading
============  ===================================================================
``txt``       one document per file (a folder is read recursively, sorted by the
              file's relative POSIX path, which is the document id)
``jsonl``     one JSON value per line, decoded line by line
``csv/tsv``   one row per document, read row by row (``text_field=`` names the
              text column, the other columns become metadata)
``json``      a JSON array; one file is parsed at once (``json.loads`` per file,
              so a single JSON array must fit in memory; use JSON Lines for
              larger files)
``zip``       members of any of the formats above, read with ``ZipFile.open``
              (nothing is extracted to disk)
============  ===================================================================

plus pandas DataFrames, iterables of strings, dicts or :class:`Document`, and the
SaudiNewsNet distribution as published (:func:`read_saudinewsnet`).

Every read fills a :class:`LoadReport`: files read, documents read, the encoding used
per file, every record skipped (file, position, kind, reason) and the exact duplicates
found. Nothing is dropped silently; ``strict=True`` raises :class:`ReadError` on the
first problem instead.

Examples
--------
>>> docs = read(["السلام عليكم", {"text": "مرحبا", "source": "x"}, "  "])
>>> [(d.id, d.text, d.meta) for d in docs]
[('0', 'السلام عليكم', {}), ('1', 'مرحبا', {'source': 'x'})]
>>> docs.report.documents_read, [s.kind for s in docs.report.skipped]
(2, ['empty_text'])
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

__all__ = [
    "Document",
    "Skipped",
    "Duplicate",
    "LoadReport",
    "ReadError",
    "UnknownOptionError",
    "DocumentStream",
    "FORMATS",
    "DUPLICATES",
    "EMPTY",
    "DEFAULT_MAX_UNCOMPRESSED",
    "read",
    "read_texts",
    "read_json",
    "read_jsonl",
    "read_csv",
    "read_zip",
    "read_dataframe",
    "read_iterable",
    "read_saudinewsnet",
    "as_documents",
]

#: Formats :func:`read` understands (``format=``).
FORMATS: tuple[str, ...] = ("txt", "json", "jsonl", "csv", "tsv", "zip", "saudinewsnet",
                            "dataframe", "iterable")
#: Values of ``duplicates=``: keep them (default), drop them, or do not look (``None``).
DUPLICATES: tuple[str | None, ...] = ("keep", "drop", None)
#: Values of ``empty=``: skip documents whose text is empty or blank (default), or keep.
EMPTY: tuple[str, ...] = ("skip", "keep")
#: Default limit on the uncompressed size of one archive member: 512 MiB (a day of
#: SaudiNewsNet is a few MB; a member beyond this is skipped and reported).
DEFAULT_MAX_UNCOMPRESSED: int = 512 * 1024 ** 2
#: Kinds of :class:`Skipped` entries.
SKIP_KINDS: tuple[str, ...] = ("undecodable", "malformed", "missing_text", "empty_text",
                               "bad_text", "missing_id", "duplicate_id", "not_a_record",
                               "unsafe_member", "too_large", "unsupported", "unreadable")

_EXTENSIONS: dict[str, str] = {".txt": "txt", ".json": "json", ".jsonl": "jsonl",
                               ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                               ".zip": "zip"}
_FILE_FORMATS = ("txt", "json", "jsonl", "csv", "tsv", "zip")
_AUTO_CANDIDATES = ("cp1256", "iso8859-6")
_DATED_ZIP = re.compile(r"^\d{4}-\d{2}-\d{2}\.zip$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_SURROGATE = re.compile("[\udc80-\udcff]")
_LONE = re.compile("[\ud800-\udfff]")  # lone surrogates (a valid pair decodes to one)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # JSON escape of a surrogate
_BOM = codecs.BOM_UTF8
_CHUNK = 1 << 20
_MEMBER_CHUNK = 8 << 20  # archive members: fewer, larger reads decompress faster
_DUP_BATCH_CHARS = 1 << 20  # normalize about 1M characters at a time (fastest)
_DUP_BATCH_DOCS = 4096


# --------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Document:
    """One document: an id, its text and a metadata dict.

    ``meta`` keys become metadata columns of a corpus (SaudiNewsNet gives ``source``,
    ``url``, ``date`` as an ISO ``'YYYY-MM-DD'`` string, ``date_extracted``, ``title``,
    ``author`` and ``file``).

    Examples
    --------
    >>> Document("a/1", "نص قصير", {"source": "sabq"}).meta["source"]
    'sabq'
    """

    id: str
    text: str
    meta: dict = field(default_factory=dict)


class Skipped(NamedTuple):
    """A record or file that was not turned into a document, and why.

    ``position`` locates the record in ``file`` in the unit named by ``unit``:
    ``"index"`` (0-based JSON array index), ``"line"`` (1-based line of a JSON Lines or
    CSV file), ``"row"`` (0-based DataFrame row), ``"item"`` (0-based item of an
    iterable); ``None`` when the whole file is concerned. ``kind`` is one of
    ``SKIP_KINDS``; ``reason`` is readable and gives byte offsets or line/column.
    """

    file: str
    position: int | None
    reason: str
    kind: str
    unit: str | None = None


class Duplicate(NamedTuple):
    """A document whose normalized text equals that of an earlier one (``first_id``)."""

    id: str
    first_id: str
    file: str
    position: int | None
    unit: str | None = None


class ReadError(ValueError):
    """A problem in the input, raised under ``strict=True`` (and for refused archives).

    The message names the file and the position; the attributes hold them.
    """

    def __init__(self, file: str, position: int | None, reason: str, kind: str,
                 unit: str | None = None) -> None:
        self.file, self.position, self.reason = file, position, reason
        self.kind, self.unit = kind, unit
        where = file if position is None else f"{file}, {unit or 'position'} {position}"
        super().__init__(f"{where}: {reason}")


@dataclass
class LoadReport:
    """What one pass over a source read, skipped and found duplicated.

    Attributes
    ----------
    source : str
        The source as given (path or a description).
    files_read : list of str
        Files (and archive members, as ``archive.zip:member``) read, in order.
    documents_read : int
        Documents yielded.
    skipped : list of Skipped
        Every record or file not turned into a document, with its reason.
    duplicates : list of Duplicate
        Documents whose text, normalized with ``Normalizer("search")``, equals an
        earlier document's. Kept or dropped as ``duplicates_policy`` says.
    duplicates_policy : {"keep", "drop", None}
        ``None`` means duplicates were not looked for.
    encodings : dict
        File -> encoding used to decode it (``"utf-8-sig"`` when a BOM was present).
    ignored : list of str
        Files of a folder or archive that are not in a readable format.
    surrogates_replaced : int
        Lone surrogates (``"\\ud800"`` in JSON, or in strings given directly) replaced
        with U+FFFD REPLACEMENT CHARACTER; such a character cannot be encoded in UTF-8,
        so it would stop every later save, concordance or report.
    complete : bool
        True once a full pass ended.

    Examples
    --------
    >>> docs = read(["نص", "نص", ""])
    >>> report = docs.report
    >>> report.documents_read, report.n_skipped, report.n_duplicates
    (2, 1, 1)
    >>> print(report)  # doctest: +ELLIPSIS
    LoadReport: 3 items (iterable)
      files read:     0
      documents read: 2
      skipped:        1 (empty_text: 1)
      duplicates:     1 found, kept (same text after Normalizer('search'))
      ...
    """

    source: str = ""
    format: str = ""
    files_read: list[str] = field(default_factory=list)
    documents_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    duplicates_policy: str | None = "keep"
    encodings: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    complete: bool = False
    surrogates_replaced: int = 0

    @property
    def n_skipped(self) -> int:
        """Number of skipped records and files."""
        return len(self.skipped)

    @property
    def n_duplicates(self) -> int:
        """Number of exact duplicates found (kept or dropped)."""
        return len(self.duplicates)

    @property
    def duplicates_dropped(self) -> int:
        """Number of duplicates left out of the stream."""
        return len(self.duplicates) if self.duplicates_policy == "drop" else 0

    @property
    def encoding(self) -> str | None:
        """The encoding of all files if they share one, else ``'+'``-joined names."""
        names = sorted(set(self.encodings.values()))
        return "+".join(names) if names else None

    def skipped_by_kind(self) -> dict[str, int]:
        """Counts of skipped entries by kind."""
        return dict(Counter(s.kind for s in self.skipped).most_common())

    def to_frame(self):
        """The skipped table as a pandas DataFrame (file, unit, position, kind, reason).

        Examples
        --------
        >>> read(["", "نص"]).report.to_frame()[["position", "kind"]]
           position        kind
        0         0  empty_text
        """
        import pandas as pd

        cols = ["file", "unit", "position", "kind", "reason"]
        rows = [(s.file, s.unit, s.position, s.kind, s.reason) for s in self.skipped]
        frame = pd.DataFrame(rows, columns=cols)
        frame["position"] = frame["position"].astype("Int64")
        return frame

    def duplicates_frame(self):
        """The duplicates as a pandas DataFrame (id, first_id, file, unit, position)."""
        import pandas as pd

        cols = ["id", "first_id", "file", "unit", "position"]
        rows = [(d.id, d.first_id, d.file, d.unit, d.position) for d in self.duplicates]
        frame = pd.DataFrame(rows, columns=cols)
        frame["position"] = frame["position"].astype("Int64")
        return frame

    def __str__(self) -> str:
        kinds = ", ".join(f"{k}: {n:,}" for k, n in self.skipped_by_kind().items())
        if self.duplicates_policy is None:
            dup = "not checked (duplicates=None)"
        else:
            fate = "dropped" if self.duplicates_policy == "drop" else "kept"
            dup = (f"{self.n_duplicates:,} found, {fate} "
                   "(same text after Normalizer('search'))")
        lines = [
            f"LoadReport: {self.source} ({self.format})"
            + ("" if self.complete else "  [incomplete: the pass has not ended]"),
            f"  files read:     {len(self.files_read):,}",
            f"  documents read: {self.documents_read:,}",
            f"  skipped:        {self.n_skipped:,}" + (f" ({kinds})" if kinds else ""),
            f"  duplicates:     {dup}",
            f"  encoding:       {self.encoding or '-'}",
        ]
        if self.ignored:
            lines.append(f"  ignored files:  {len(self.ignored):,} "
                         f"(not a readable format, e.g. {self.ignored[0]})")
        if self.surrogates_replaced:
            lines.append(f"  replaced:       {self.surrogates_replaced:,} lone "
                         "surrogates with U+FFFD")
        shown = self.skipped[:10]
        if shown:
            lines.append("  skipped (first 10):" if self.n_skipped > 10 else "  skipped:")
            for s in shown:
                where = s.file if s.position is None else f"{s.file}, {s.unit} {s.position}"
                lines.append(f"    {where}: {s.reason}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>"


# --------------------------------------------------------------------------- options
@dataclass(frozen=True)
class _Options:
    text_field: str = "text"
    id_field: str | None = None
    encoding: str = "utf-8"
    strict: bool = False
    empty: str = "skip"
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED
    delimiter: str | None = None


def _check_str(name: str, value: Any, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")


def _check_encoding(encoding: Any) -> str:
    _check_str("encoding", encoding)
    if encoding == "auto":
        return "auto"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}; use 'utf-8' (default), "
                         "'cp1256', 'iso-8859-6', 'auto' or another Python codec "
                         "name") from None
    if "\n".encode(name) != b"\n" or "a".encode(name) != b"a":
        raise ValueError(f"encoding {encoding!r} is not ASCII-compatible; supported: "
                         "'utf-8', 'cp1256', 'iso-8859-6', 'auto' and other "
                         "ASCII-compatible codecs")
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _make_options(text_field: Any = "text", id_field: Any = None,
                  encoding: Any = "utf-8", strict: Any = False, empty: Any = "skip",
                  max_uncompressed: Any = DEFAULT_MAX_UNCOMPRESSED,
                  delimiter: Any = None) -> _Options:
    _check_str("text_field", text_field)
    _check_str("id_field", id_field, optional=True)
    _check_str("delimiter", delimiter, optional=True)
    if empty not in EMPTY:
        raise ValueError(f"unknown empty={empty!r}; valid: {', '.join(map(repr, EMPTY))}")
    if not isinstance(max_uncompressed, int) or isinstance(max_uncompressed, bool):
        raise TypeError(f"max_uncompressed must be an int, got "
                        f"{type(max_uncompressed).__name__}")
    if delimiter is not None and len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character, got {delimiter!r}")
    return _Options(text_field=text_field, id_field=id_field,
                    encoding=_check_encoding(encoding), strict=bool(strict), empty=empty,
                    max_uncompressed=max_uncompressed, delimiter=delimiter)


# --------------------------------------------------------------------------- context
class _Context:
    """State of one pass: the report, the options, and the skip/raise decision."""

    def __init__(self, report: LoadReport, opts: _Options) -> None:
        self.report = report
        self.opts = opts
        self.ids: set[str] | None = set() if opts.id_field else None

    def skip(self, file: str, position: int | None, unit: str | None, kind: str,
             reason: str) -> None:
        if self.opts.strict:
            raise ReadError(file, position, reason, kind, unit)
        self.report.skipped.append(Skipped(file, position, reason, kind, unit))

    def file_read(self, file: str, encoding: str | None) -> None:
        self.report.files_read.append(file)
        if encoding is not None:
            self.report.encodings[file] = encoding


class _Item(NamedTuple):
    doc: Document
    file: str
    position: int | None
    unit: str | None


def _is_blank(text: str) -> bool:
    return not text or text.isspace()


def _replace_lone(ctx: _Context, value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys included, recursively)
    replaced by U+FFFD, counted in ``report.surrogates_replaced``; ``value`` itself
    (the same object) when it holds none."""
    if isinstance(value, str):
        if not _LONE.search(value):
            return value
        new, n = _LONE.subn("\ufffd", value)
        ctx.report.surrogates_replaced += n
        return new
    if isinstance(value, list):
        items = [_replace_lone(ctx, v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, Mapping):
        pairs = [(_replace_lone(ctx, k), _replace_lone(ctx, v)) for k, v in value.items()]
        if all(k2 is k and v2 is v for (k2, v2), (k, v) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    if isinstance(value, Document):
        parts = (_replace_lone(ctx, value.id), _replace_lone(ctx, value.text),
                 _replace_lone(ctx, value.meta))
        if all(a is b for a, b in zip(parts, (value.id, value.text, value.meta))):
            return value
        return Document(*parts)
    return value


_TOO_DEEP = object()


def _replace_lone_or_skip(ctx: _Context, rec: Any, file: str, position: int | None,
                          unit: str | None) -> Any:
    """:func:`_replace_lone`, or ``_TOO_DEEP`` (reported) if ``rec`` is nested too
    deeply to walk."""
    try:
        return _replace_lone(ctx, rec)
    except RecursionError:
        ctx.skip(file, position, unit, "malformed",
                 "a value nested too deeply to check for lone surrogates "
                 "(RecursionError)")
        return _TOO_DEEP


def _make_doc(ctx: _Context, rec: Any, default_id: str, file: str, position: int | None,
              unit: str | None, text_field: str | None = None,
              meta_fn: Callable[[dict], dict] | None = None) -> Document | None:
    """Turn one record (str, mapping or Document) into a Document, or skip it."""
    opts = ctx.opts
    text_field = text_field or opts.text_field
    if isinstance(rec, Document):
        doc = rec
    elif isinstance(rec, str):
        doc = Document(default_id, rec, {})
    elif isinstance(rec, Mapping):
        if text_field not in rec or rec[text_field] is None:
            ctx.skip(file, position, unit, "missing_text",
                     f"missing text field {text_field!r}")
            return None
        text = rec[text_field]
        if not isinstance(text, str):
            ctx.skip(file, position, unit, "bad_text",
                     f"text field {text_field!r} is a {type(text).__name__}, not a string")
            return None
        doc_id = default_id
        if opts.id_field is not None:
            value = rec.get(opts.id_field)
            if value is None or value == "":
                ctx.skip(file, position, unit, "missing_id",
                         f"missing id field {opts.id_field!r}")
                return None
            doc_id = str(value)
        if meta_fn is not None:
            meta = meta_fn(rec)
        else:
            meta = {k: v for k, v in rec.items() if k != text_field and k != opts.id_field}
        doc = Document(doc_id, text, meta)
    else:
        ctx.skip(file, position, unit, "not_a_record",
                 f"a {type(rec).__name__}, not a string or an object")
        return None
    if opts.empty == "skip" and _is_blank(doc.text):
        what = "empty text" if isinstance(rec, (str, Document)) else \
            f"empty text field {text_field!r}"
        ctx.skip(file, position, unit, "empty_text", what)
        return None
    if ctx.ids is not None:
        if doc.id in ctx.ids:
            ctx.skip(file, position, unit, "duplicate_id", f"duplicate id {doc.id!r}")
            return None
        ctx.ids.add(doc.id)
    return doc


# --------------------------------------------------------------------------- encodings
def _bad_offsets(data: bytes | memoryview, codec: str, limit: int = 10_000) -> list[int]:
    """Byte offsets of the bytes ``codec`` cannot decode (one per byte, in order)."""
    view = memoryview(data)
    offsets: list[int] = []
    pos = 0
    while len(offsets) < limit:
        try:
            str(view[pos:], codec)
            break
        except UnicodeDecodeError as err:
            offsets.extend(range(pos + err.start, pos + err.end))
            pos += err.end
    return offsets


def _describe_bad(data: bytes, offsets: list[int], k: int, codec: str) -> str:
    """Reason for the ``k``-th undecodable byte (offsets are capped at 10,000)."""
    if k >= len(offsets):
        return f"undecodable bytes ({codec}) after byte offset {offsets[-1]}"
    return (f"undecodable bytes ({codec}) at byte offset {offsets[k]} "
            f"(0x{data[offsets[k]]:02x})")


_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
                            "\u0750-\u077f]")
_OTHER_LETTER = re.compile("[^\\W\\d_A-Za-z\u0600-\u06ff\u0750-\u077f]")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _letter_counts(text: str, counts: Counter) -> None:
    counts["arabic"] += len(_ARABIC_LETTER.findall(text))
    counts["other"] += len(_OTHER_LETTER.findall(text))
    counts["ascii"] += len(_ASCII_LETTER.findall(text))
    counts["ta_za"] += text.count("\u0637") + text.count("\u0638")


def _arabic_plausible(counts: Counter) -> bool:
    """True if the decoded text is mostly Arabic letters: at least half of all letters
    and 90% of the non-ASCII ones, and not the ط/ظ-heavy pattern that UTF-8 Arabic
    read as Windows-1256 produces (ط and ظ are under 2% of letters in Arabic text)."""
    arabic = counts["arabic"]
    return (arabic > 0 and arabic >= 0.9 * (arabic + counts["other"])
            and arabic >= 0.5 * (arabic + counts["other"] + counts["ascii"])
            and counts["ta_za"] <= 0.2 * arabic)


def _detect(chunks: Callable[[], Iterable[bytes]]) -> tuple[str | None, str]:
    """Choose an encoding for the bytes ``chunks()`` yields (called once per trial).

    UTF-8 (BOM or not) strictly first; UTF-8 with at most 5% of its non-ASCII bytes
    invalid (a damaged UTF-8 file, whose bad records are then skipped); then
    Windows-1256 and ISO-8859-6 if the result is plausibly Arabic. Returns
    ``(codec or None, explanation)``.
    """
    dec = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    bad = nonascii = 0
    first = b""
    for chunk in chunks():
        if not first:
            first = chunk[:3]
        text = dec.decode(chunk)
        bad += len(_SURROGATE.findall(text))
        nonascii += len(chunk) - len(chunk.decode("ascii", "ignore"))
    bad += len(_SURROGATE.findall(dec.decode(b"", final=True)))
    if bad == 0:
        return ("utf-8-sig" if first.startswith(_BOM) else "utf-8"), "valid UTF-8"
    if bad <= 0.05 * nonascii:
        return "utf-8", f"UTF-8 with {bad} invalid bytes"
    tried = [f"utf-8 ({bad} of {nonascii} non-ASCII bytes invalid)"]
    for codec in _AUTO_CANDIDATES:
        dec = codecs.getincrementaldecoder(codec)("strict")
        counts: Counter = Counter()
        try:
            for chunk in chunks():
                _letter_counts(dec.decode(chunk), counts)
            dec.decode(b"", final=True)
        except UnicodeDecodeError as err:
            tried.append(f"{codec} (undecodable byte 0x{err.object[err.start]:02x})")
            continue
        if _arabic_plausible(counts):
            return codec, f"plausible Arabic in {codec}"
        tried.append(f"{codec} (not plausibly Arabic)")
    return None, "no encoding fits: tried " + ", ".join(tried)


def _decode_whole(ctx: _Context, data: bytes, file: str
                  ) -> tuple[str, str, list[int]] | None:
    """Decode a whole file's bytes. Returns (text, codec, surrogate_offsets) where
    undecodable bytes are kept as lone surrogates (``surrogateescape``) and
    ``surrogate_offsets`` lists their byte offsets; None if no encoding fits (skipped).
    """
    codec = ctx.opts.encoding
    if codec == "auto":
        codec, why = _detect(lambda: (data,))
        if codec is None:
            ctx.skip(file, None, None, "undecodable", why)
            return None
    shown = codec
    if codec in ("utf-8", "utf-8-sig"):
        if data.startswith(_BOM):
            data, shown = data[3:], "utf-8-sig"
            offset0 = 3
        else:
            shown, offset0 = "utf-8", 0
        codec = "utf-8"
    else:
        offset0 = 0
    try:
        return data.decode(codec), shown, []
    except UnicodeDecodeError:
        text = data.decode(codec, "surrogateescape")
        return text, shown, [offset0 + o for o in _bad_offsets(data, codec)]


def _decode_lines(ctx: _Context, opener: Callable[[], Any], file: str
                  ) -> Iterator[tuple[int, int, str | None, str | None]] | None:
    """Yield (line number, byte offset, text or None, error) for each line of a file
    opened in binary mode by ``opener()``; None if no encoding fits (skipped)."""
    codec = ctx.opts.encoding
    if codec == "auto":
        def chunks() -> Iterator[bytes]:
            with opener() as fh:
                while chunk := fh.read(_CHUNK):
                    yield chunk
        codec, why = _detect(chunks)
        if codec is None:
            ctx.skip(file, None, None, "undecodable", why)
            return None
    if codec in ("utf-8", "utf-8-sig"):
        codec = "utf-8"
    return _iter_lines(ctx, opener, file, codec)


def _iter_lines(ctx: _Context, opener: Callable[[], Any], file: str, codec: str
                ) -> Iterator[tuple[int, int, str | None, str | None]]:
    offset = 0
    shown = codec
    with opener() as fh:
        for lineno, raw in enumerate(fh, start=1):
            start = offset
            offset += len(raw)
            if lineno == 1:
                if codec == "utf-8" and raw.startswith(_BOM):
                    raw, start, shown = raw[3:], 3, "utf-8-sig"
                ctx.report.encodings[file] = shown
            try:
                yield lineno, start, raw.decode(codec), None
            except UnicodeDecodeError as err:
                yield (lineno, start, raw.decode(codec, "surrogateescape"),
                       f"undecodable bytes ({codec}) at byte offset {start + err.start} "
                       f"(0x{raw[err.start]:02x})")
    ctx.report.encodings.setdefault(file, shown)


# --------------------------------------------------------------------------- formats
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

    csv.field_size_limit(2 ** 31 - 1)  # news articles exceed the 128 KiB default
    # strict: a quote that is never closed, or closed by a quote followed by anything
    # but a delimiter or a line end, is an error (the lenient dialect would swallow
    # every following line into one field)
    reader = csv.reader(text_lines(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    opts = ctx.opts
    index = 0
    last = 0
    while True:
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


def _unsafe_member(name: str) -> bool:
    norm = name.replace("\\", "/")
    return (norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) is not None
            or ".." in PurePosixPath(norm).parts)


class _TooLarge(Exception):
    """A member turned out larger than ``max_uncompressed`` while it was read."""


def _read_all(fh: Any, limit: int | None) -> bytes:
    """The whole content of ``fh``, read in chunks of 8 MiB; :class:`_TooLarge` as
    soon as more than ``limit`` bytes came out (None: no limit)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := fh.read(_MEMBER_CHUNK):
        total += len(chunk)
        if limit is not None and total > limit:
            raise _TooLarge(total)
        chunks.append(chunk)
    return b"".join(chunks)


class _Bounded:
    """A binary file object that raises :class:`_TooLarge` once more than ``limit``
    bytes were read from it (read by lines or in chunks)."""

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


def _read_member(ctx: _Context, fmt: str, opener: Callable[[], Any], file: str,
                 prefix: str, doc_id: str, limit: int | None = None) -> Iterator[_Item]:
    """Read one file (on disk or in an archive) of a known format; an archive member
    (``limit`` given) is read as a stream that stops past ``limit`` bytes."""
    if limit is not None:
        raw_opener = opener
        opener = lambda: _Bounded(raw_opener(), limit)  # noqa: E731
    if fmt == "txt":
        with opener() as fh:
            data = _read_all(fh, None)
        yield from _read_txt_bytes(ctx, data, file, doc_id)
    elif fmt == "json":
        with opener() as fh:
            data = _read_all(fh, None)
        yield from _read_json_bytes(ctx, data, file, prefix)
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
    if _unsafe_member(info.filename):
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
            if _unsafe_member(name):
                ctx.skip(member, None, None, "unsafe_member",
                         "archive member with an absolute path or '..' refused")
                continue
            if not name:
                ctx.skip(member, None, None, "malformed", _NO_NAME)
                continue
            if name.endswith("/"):  # a folder entry
                continue
            parts = PurePosixPath(name).parts
            fmt = _EXTENSIONS.get(PurePosixPath(name).suffix.lower())
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


def _folder_files(root: Path, only: str | None,
                  problems: list[tuple[str, str]] | None = None
                  ) -> tuple[list[tuple[str, Path, str]], list[str]]:
    """(files to read as (relative path, path, format), ignored relative paths).

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
            fmt = _EXTENSIONS.get(path.suffix.lower())
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
        files, ignored = _folder_files(path, fmt, problems)
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
    fmt = fmt or _EXTENSIONS[path.suffix.lower()]
    if not path.is_file():
        ctx.skip(str(path), None, None, "unreadable",
                 f"not a regular file ({_file_type(path)}); not opened")
        return
    yield from _read_file(ctx, path, str(path), fmt, "", path.name)


# --------------------------------------------------------------------------- SaudiNewsNet
_SNN_FIELDS = ("source", "url", "date_extracted", "title", "author", "content")
_SNN_SET = frozenset(_SNN_FIELDS)


def _snn_meta(file: str) -> Callable[[dict], dict]:
    match = _DATE_TIME.match

    def meta(rec: dict) -> dict:
        extracted = rec.get("date_extracted")
        found = match(extracted) if isinstance(extracted, str) else None
        out = {"source": rec.get("source"), "url": rec.get("url"),
               "date": found.group(1) if found else None,
               "date_extracted": extracted, "title": rec.get("title"),
               "author": rec.get("author"), "file": file}
        if len(rec) > len(_SNN_FIELDS) or not rec.keys() <= _SNN_SET:
            for key, value in rec.items():  # anything the distribution adds later
                if key not in _SNN_SET:
                    out[key] = value
        return out
    return meta


def _saudinewsnet_zips(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _DATED_ZIP.match(p.name))


def _read_saudinewsnet(ctx: _Context, path: Path) -> Iterator[_Item]:
    zips = [path] if path.is_file() else _saudinewsnet_zips(path)
    if path.is_dir():
        ctx.report.ignored.extend(sorted(
            p.name for p in path.iterdir()
            if p.is_file() and not _DATED_ZIP.match(p.name) and p.name != "SHA256SUMS"))
    limit = ctx.opts.max_uncompressed
    for zpath in zips:
        zf = _open_zip(ctx, zpath, zpath.name)
        if zf is None:
            continue
        with zf:
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                member = f"{zpath.name}:{info.filename}"
                if _unsafe_member(info.filename):
                    ctx.skip(member, None, None, "unsafe_member",
                             "archive member with an absolute path or '..' refused")
                    continue
                if not info.filename:
                    ctx.skip(member, None, None, "malformed", _NO_NAME)
                    continue
                if info.filename.endswith("/"):  # a folder entry
                    continue
                if not info.filename.endswith(".json"):
                    ctx.report.ignored.append(member)
                    continue
                problem = _member_problem(info, limit)
                if problem is not None:
                    ctx.skip(member, None, None, *problem)
                    continue
                stem = PurePosixPath(info.filename).stem
                try:
                    with zf.open(info) as fh:
                        data = _read_all(fh, limit)
                except (*_CORRUPT, _TooLarge, NotImplementedError, RuntimeError) as err:
                    _member_failed(ctx, member, err, limit)
                    continue
                yield from _read_json_bytes(ctx, data, member, f"{stem}/",
                                            ctx.opts.text_field, _snn_meta(zpath.name))


def _is_saudinewsnet_zip(path: Path) -> bool:
    """A ``YYYY-MM-DD.zip`` holding ``YYYY-MM-DD.json`` (only its central directory is
    read)."""
    if not _DATED_ZIP.match(path.name):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return f"{path.stem}.json" in zf.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            struct.error):
        return False


def _is_saudinewsnet(folder: Path) -> bool:
    """A folder whose zips are all ``YYYY-MM-DD.zip``, the first holding
    ``YYYY-MM-DD.json``."""
    zips = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".zip")
    if not zips or not all(_DATED_ZIP.match(p.name) for p in zips):
        return False
    return _is_saudinewsnet_zip(zips[0])


# --------------------------------------------------------------------------- tables
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


# --------------------------------------------------------------------------- stream
class DocumentStream:
    """A restartable iterable of :class:`Document` with a :class:`LoadReport`.

    Each ``iter()`` reads the source again from the start and rebuilds ``report``; the
    report is complete once a pass has ended. Reading ``report`` before any pass runs
    one full pass first. Documents whose normalized text equals an earlier one's are
    recorded in ``report.duplicates`` and kept or dropped as ``duplicates`` says
    (``None``: not looked for, which saves the normalization). The check normalizes
    about a million characters at a time with ``Normalizer("search").normalize_many``
    and keeps only a 128-bit key per distinct text (two SipHash values and the
    length), so its memory does not grow with the text; over SaudiNewsNet it costs
    about as much as the normalization itself.

    Examples
    --------
    >>> docs = read_iterable(["مرحبا", "مَرحبا", "وسهلا"], duplicates="drop")
    >>> [d.text for d in docs]
    ['مرحبا', 'وسهلا']
    >>> docs.report.duplicates
    [Duplicate(id='1', first_id='0', file='<iterable>', position=1, unit='item')]
    >>> len(list(docs)) == len(list(docs))   # restartable
    True
    """

    def __init__(self, producer: Callable[[_Context], Iterator[_Item]], opts: _Options,
                 *, source: str, format: str, duplicates: str | None = "keep",
                 one_shot: bool = False) -> None:
        if duplicates not in DUPLICATES:
            raise ValueError(f"unknown duplicates={duplicates!r}; valid: "
                             f"{', '.join(map(repr, DUPLICATES))}")
        self._producer = producer
        self.options = opts
        self.source = source
        self.format = format
        self.duplicates = duplicates
        self._one_shot = one_shot
        self._passes = 0
        self._report: LoadReport | None = None
        # (digest, id, file, position, unit) of every document of the latest pass,
        # recorded when set to a list before a pass (arabcorpus.dask merges the
        # partitions' lists to find duplicates across partitions)
        self._digests: list[tuple] | None = None

    def _new_report(self) -> LoadReport:
        return LoadReport(source=self.source, format=self.format,
                          duplicates_policy=self.duplicates)

    def __iter__(self) -> Iterator[Document]:
        if self._one_shot and self._passes:
            raise RuntimeError("this DocumentStream reads a one-shot iterator (e.g. a "
                               "generator) and cannot restart; pass a list or another "
                               "re-iterable collection to read it more than once")
        self._passes += 1
        report = self._new_report()
        self._report = report
        if self._digests is not None:
            self._digests.clear()
        ctx = _Context(report, self.options)
        return self._run(ctx)

    def _run(self, ctx: _Context) -> Iterator[Document]:
        report = ctx.report
        items = self._producer(ctx)
        if self.duplicates is None:
            for item in items:
                report.documents_read += 1
                yield item.doc
            report.complete = True
            return
        from arabcorpus.text.normalize import Normalizer

        normalize_many = Normalizer("search").normalize_many
        seen: dict[bytes, str] = {}
        drop = self.duplicates == "drop"
        pending: BaseException | None = None
        while True:
            batch: list[_Item] = []
            size = 0
            full = False
            try:
                for item in items:
                    batch.append(item)
                    size += len(item.doc.text)
                    if size >= _DUP_BATCH_CHARS or len(batch) >= _DUP_BATCH_DOCS:
                        full = True
                        break
            except ReadError as err:  # strict: yield what was read before raising
                pending = err
            if not batch and pending is None:
                break
            keys = normalize_many([item.doc.text for item in batch])
            for item, key in zip(batch, keys):
                # A 128-bit BLAKE2b digest of the normalized text: deterministic across
                # processes (unlike Python's salted str hash), a false match has
                # probability about n**2 / 2**129.
                digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                         digest_size=16).digest()
                if self._digests is not None:
                    self._digests.append((digest, item.doc.id, item.file, item.position,
                                          item.unit))
                first = seen.get(digest)
                if first is None:
                    seen[digest] = item.doc.id
                else:
                    report.duplicates.append(Duplicate(item.doc.id, first, item.file,
                                                       item.position, item.unit))
                    if drop:
                        continue
                report.documents_read += 1
                yield item.doc
            if pending is not None:
                raise pending
            if not full:
                break
        report.complete = True

    @property
    def report(self) -> LoadReport:
        """The report of the latest pass (runs a full pass first if none has run)."""
        if self._report is None:
            for _ in self:
                pass
        return self._report  # type: ignore[return-value]

    def to_list(self) -> list[Document]:
        """All documents of one full pass, as a list."""
        return list(self)

    def to_frame(self):
        """One full pass as a pandas DataFrame: ``id``, ``text`` and the meta columns.

        Examples
        --------
        >>> read([{"text": "نص", "source": "a"}]).to_frame()
          id text source
        0  0   نص      a
        """
        import pandas as pd

        rows = [{"id": d.id, "text": d.text, **d.meta} for d in self]
        return pd.DataFrame(rows, columns=None if rows else ["id", "text"])

    def __repr__(self) -> str:
        return f"DocumentStream(source={self.source!r}, format={self.format!r})"


# --------------------------------------------------------------------------- public API
def _source_path(source: Any) -> Path:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"source must be a path (str or os.PathLike), got "
                        f"{type(source).__name__}")
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {str(path)!r}")
    return path


def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and type(obj).__module__.startswith("pandas")


def _detect_format(source: Any) -> str:
    if _is_dataframe(source):
        return "dataframe"
    if isinstance(source, (str, os.PathLike)):
        path = _source_path(source)
        if path.is_dir():
            return "saudinewsnet" if _is_saudinewsnet(path) else "folder"
        fmt = _EXTENSIONS.get(path.suffix.lower())
        if fmt == "zip" and _is_saudinewsnet_zip(path):
            return "saudinewsnet"  # one day of SaudiNewsNet, as published
        if fmt is None:
            raise ValueError(f"cannot tell the format of {str(path)!r} from its "
                             f"extension; known extensions: {', '.join(_EXTENSIONS)}; "
                             f"or pass format= one of {', '.join(FORMATS)}")
        return fmt
    if isinstance(source, (bytes, bytearray)):
        raise TypeError(f"source must be a path, a DataFrame or an iterable of "
                        f"documents, got {type(source).__name__}")
    if isinstance(source, Iterable):
        return "iterable"
    raise TypeError(f"source must be a path, a DataFrame or an iterable of documents, "
                    f"got {type(source).__name__}")


def read(source: Any, *, format: str | None = None, text_field: str | None = None,
         id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
         duplicates: str | None = "keep", empty: str = "skip",
         max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
         delimiter: str | None = None, _files: Sequence[str] | None = None,
         _report_ignored: bool = True) -> DocumentStream:
    """Read documents from a path, a DataFrame or an iterable, detecting the format.

    Parameters
    ----------
    source : str, os.PathLike, pandas.DataFrame or iterable
        A ``.txt``/``.json``/``.jsonl``/``.ndjson``/``.csv``/``.tsv``/``.zip`` file; a
        folder (SaudiNewsNet's folder of dated zips is recognized, and so is one of its
        zips, ``YYYY-MM-DD.zip`` holding ``YYYY-MM-DD.json``; any other folder is read
        recursively, each file by its extension, sorted by relative path); a
        DataFrame; or an iterable of strings, dicts or :class:`Document`.
    format : str, optional
        One of ``FORMATS``. For a file it overrides the extension; for a folder it
        restricts reading to files of that format.
    text_field : str, optional
        Field or column holding the text (default ``"text"``; SaudiNewsNet:
        ``"content"``). Other fields become metadata.
    id_field : str, optional
        Field giving the document id. Default: the relative path of a text file,
        ``"<file>/<n>"`` for the n-th record (0-based) of a file in a folder or
        archive, ``"<n>"`` for a single file, the index label of a DataFrame row.
    encoding : str
        ``"utf-8"`` (default; a BOM is removed), ``"cp1256"``, ``"iso-8859-6"``, another
        ASCII-compatible codec, or ``"auto"`` (UTF-8, then Windows-1256, then
        ISO-8859-6 if the text is plausibly Arabic; chosen per file, see
        ``report.encodings``).
    strict : bool
        Raise :class:`ReadError` at the first problem instead of skipping.
    duplicates : {"keep", "drop", None}
        What to do with documents whose text, normalized with
        ``Normalizer("search")``, equals an earlier one's; ``None`` skips the check.
    empty : {"skip", "keep"}
        Skip (default, reported) or keep documents with empty or blank text.
    max_uncompressed : int
        Skip (and report; raise :class:`ReadError` under ``strict``) an archive
        member whose declared uncompressed size exceeds this many bytes (default
        512 MiB, ``DEFAULT_MAX_UNCOMPRESSED``). Members are read as streams in
        chunks of at most 8 MiB that stop past this size, so a zip bomb cannot fill
        memory.
    delimiter : str, optional
        CSV delimiter (default ``","``; ``"\\t"`` for ``.tsv``).

    Returns
    -------
    DocumentStream

    Raises
    ------
    FileNotFoundError
        If the path does not exist.
    ValueError
        For an unknown format, option value or encoding (listing the valid ones).
    TypeError
        For a source or option of the wrong type.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "news.jsonl")
    ...     _ = path.write_text('{"text": "خبر أول", "source": "sabq"}\\n{"text": ',
    ...                         encoding="utf-8")
    ...     docs = read(path)
    ...     print([(d.id, d.meta) for d in docs])
    ...     print(docs.report.skipped[0].reason)
    [('0', {'source': 'sabq'})]
    malformed JSON at line 2, column 10: Expecting value
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; valid: {', '.join(FORMATS)}")
    detected = _detect_format(source) if format is None else format
    if detected == "saudinewsnet":
        if text_field is None:
            text_field = "content"
    opts = _make_options(text_field="text" if text_field is None else text_field,
                         id_field=id_field, encoding=encoding, strict=strict,
                         empty=empty, max_uncompressed=max_uncompressed,
                         delimiter=delimiter)
    kwargs: dict[str, Any] = {"duplicates": duplicates}
    if duplicates not in DUPLICATES:
        raise ValueError(f"unknown duplicates={duplicates!r}; valid: "
                         f"{', '.join(map(repr, DUPLICATES))}")

    if detected == "dataframe":
        if not _is_dataframe(source):
            raise TypeError(f"format='dataframe' needs a pandas DataFrame, got "
                            f"{type(source).__name__}")
        columns = [str(c) for c in source.columns]
        for name in (opts.text_field, opts.id_field):
            if name is not None and name not in columns:
                raise ValueError(f"no column {name!r} in the DataFrame; columns: "
                                 f"{', '.join(columns)}")
        return DocumentStream(lambda ctx: _read_dataframe(ctx, source), opts,
                              source=f"DataFrame of {len(source):,} rows",
                              format="dataframe", **kwargs)
    if detected == "iterable":
        if isinstance(source, (str, bytes, os.PathLike)) or not isinstance(source,
                                                                           Iterable):
            raise TypeError(f"format='iterable' needs an iterable of documents, got "
                            f"{type(source).__name__}")
        one_shot = iter(source) is source
        size = f"{len(source):,} items" if hasattr(source, "__len__") else "iterator"
        return DocumentStream(lambda ctx: _read_iterable(ctx, source), opts,
                              source=size, format="iterable", one_shot=one_shot,
                              **kwargs)

    path = _source_path(source)
    if detected == "saudinewsnet":
        if path.is_file() and not _DATED_ZIP.match(path.name):
            raise ValueError(f"{str(path)!r} is not a SaudiNewsNet file "
                             "(expected a folder of YYYY-MM-DD.zip or one such zip)")
        if path.is_dir() and not _saudinewsnet_zips(path):
            raise ValueError(f"no YYYY-MM-DD.zip files in {str(path)!r}")
        producer: Callable[[_Context], Iterator[_Item]] = \
            lambda ctx: _read_saudinewsnet(ctx, path)
    elif detected == "folder" or path.is_dir():
        only = None if detected == "folder" else detected
        # (_files, _report_ignored: arabcorpus.dask reads the files of a folder in
        # parallel, each as a serial read of the folder reads it)
        producer = lambda ctx: _read_path(ctx, path, only, _files,  # noqa: E731
                                          _report_ignored)
        detected = "folder" if only is None else detected
    else:
        if detected not in _FILE_FORMATS:
            raise ValueError(f"format {detected!r} cannot read the file {str(path)!r}; "
                             f"valid for files: {', '.join(_FILE_FORMATS)}")
        producer = lambda ctx: _read_path(ctx, path, detected)  # noqa: E731
    return DocumentStream(producer, opts, source=str(path), format=detected, **kwargs)


_OPTIONS = ("text_field", "id_field", "encoding", "strict", "duplicates", "empty",
            "max_uncompressed", "delimiter")


class UnknownOptionError(TypeError, ValueError):
    """An option name a reader does not know (a TypeError, as Python raises for an
    unexpected keyword, and a ValueError, as the project's rules ask)."""


def _reader(fmt: str) -> Callable[..., DocumentStream]:
    def reader(source: Any, **options: Any) -> DocumentStream:
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise UnknownOptionError(f"unknown option {unknown[0]!r}; valid: "
                                     f"{', '.join(_OPTIONS)}")
        return read(source, format=fmt, **options)
    return reader


def read_texts(source: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read a folder of ``.txt`` files (recursively; one document per file; the
    relative POSIX path is the id; sorted), or one ``.txt`` file. Options as
    :func:`read`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = pathlib.Path(tmp)
    ...     (root / "b").mkdir()
    ...     _ = (root / "b" / "2.txt").write_text("نص ثان", encoding="utf-8")
    ...     _ = (root / "1.txt").write_text("نص أول", encoding="utf-8")
    ...     print([(d.id, d.text) for d in read_texts(root)])
    [('1.txt', 'نص أول'), ('b/2.txt', 'نص ثان')]
    """
    return _reader("txt")(source, **options)


def read_json(source: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read JSON files holding an array of objects (or strings); one document per
    element. Each file is decoded at once (``json.loads``), so one file must fit in
    memory; elements before a syntax error are kept and the error is reported.
    Options as :func:`read`."""
    return _reader("json")(source, **options)


def read_jsonl(source: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read JSON Lines files line by line (blank lines are ignored); one document per
    line. Options as :func:`read`."""
    return _reader("jsonl")(source, **options)


def read_csv(source: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read CSV (or, with ``delimiter="\\t"``, TSV) files row by row; the first row is
    the header, ``text_field=`` names the text column and the other columns become
    metadata (as strings). Options as :func:`read`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "a.csv")
    ...     _ = path.write_text("id,body,source\\nx1,نص,okaz\\n", encoding="utf-8")
    ...     print(read_csv(path, text_field="body", id_field="id").to_list())
    [Document(id='x1', text='نص', meta={'source': 'okaz'})]
    """
    if Path(str(source)).suffix.lower() == ".tsv" and "delimiter" not in options:
        options["delimiter"] = "\t"
    return _reader("csv")(source, **options)


def read_zip(source: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read the members of a zip archive (``.txt``, ``.json``, ``.jsonl``, ``.csv``,
    ``.tsv``) with ``ZipFile.open``, without extracting anything. Members with an
    absolute path or ``..``, encrypted members, members compressed with a method
    Python cannot decompress (e.g. Deflate64) and members declaring more than
    ``max_uncompressed`` bytes are skipped and reported (raised under
    ``strict=True``), as is an archive that cannot be opened. Options as
    :func:`read`."""
    return _reader("zip")(source, **options)


def read_dataframe(frame: Any, **options: Any) -> DocumentStream:
    """Read a pandas DataFrame: one document per row, ``text_field=`` the text column,
    other columns metadata (NaN -> None), ids from ``id_field=`` or the index.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["نص", None], "year": [2015, 2016]})
    >>> docs = read_dataframe(frame)
    >>> docs.to_list(), docs.report.skipped[0].reason
    ([Document(id='0', text='نص', meta={'year': 2015})], "missing text field 'text'")
    """
    return _reader("dataframe")(frame, **options)


def read_iterable(items: Iterable, **options: Any) -> DocumentStream:
    """Read an iterable of strings, dicts (``text_field=``) or :class:`Document`.

    A list reads again on every pass; a generator can be read only once (a second
    pass raises RuntimeError). Options as :func:`read`."""
    return _reader("iterable")(items, **options)


def read_saudinewsnet(folder: str | os.PathLike, **options: Any) -> DocumentStream:
    """Read SaudiNewsNet as published: a folder of ``YYYY-MM-DD.zip``, each holding a
    JSON array ``YYYY-MM-DD.json`` of articles.

    Text is ``content``; meta: ``source``, ``url``, ``date`` (ISO ``YYYY-MM-DD`` from
    ``date_extracted``), ``date_extracted``, ``title``, ``author``, ``file`` (the
    zip). The id is ``"<file stem>/<array index>"``, e.g. ``"2015-07-21/0"``.
    Articles with empty content are skipped and reported (``empty="keep"`` keeps
    them); empty titles and authors are kept. Options as :func:`read`.

    Reference: Alhagri, M. A. (2015). Saudi Newspapers Arabic Corpus (SaudiNewsNet).
    """
    return _reader("saudinewsnet")(folder, **options)


def as_documents(obj: Any, **options: Any) -> DocumentStream:
    """A :class:`DocumentStream` for anything :func:`read` accepts, a list of
    :class:`Document`, or a DocumentStream (returned as is when no options are given).

    Examples
    --------
    >>> docs = as_documents([Document("a", "نص"), Document("b", "نص آخر")])
    >>> [d.id for d in docs], as_documents(docs) is docs
    (['a', 'b'], True)
    """
    if isinstance(obj, DocumentStream) and not options:
        return obj
    if isinstance(obj, DocumentStream):
        raise TypeError("options cannot be applied to an existing DocumentStream; "
                        "read the source again with read()")
    return read(obj, **options)


# Public names for the other parts of the package (arabcorpus.dask reads a folder's
# files, or SaudiNewsNet's zips, one partition each).
folder_files = _folder_files
is_saudinewsnet = _is_saudinewsnet
saudinewsnet_zips = _saudinewsnet_zips
