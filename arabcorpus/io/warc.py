"""WARC files (``.warc``, ``.warc.gz``): the pages a crawler saved, read as a stream.

A WARC file (ISO 28500) is what wget ``--warc-file``, Heritrix, Browsertrix, the
Internet Archive and Common Crawl write: a sequence of records, each a request, a
response, a revisit, metadata... The records are read one at a time with
``warcio.ArchiveIterator`` (nothing is loaded whole, a gzip member at a time for
``.warc.gz``). Each ``response`` record with status 200 and an HTML payload is a page:
it becomes a document through :mod:`.html` (trafilatura, then the news rules), with
``url`` (the record's target URI), ``warc_date`` (the capture time), ``record_id`` and
``canonical_url`` (what the page gives as its URL) added to its metadata.

Every other record is counted in ``report.records`` by kind: ``warcinfo``,
``request``, ``metadata``, ``resource``, ``redirect`` (3xx), ``http_error`` (4xx,
5xx), ``other_status``, ``image``, ``not_html``, ``not_http``; ``html`` counts the
pages (documents and skipped ones). A ``revisit`` record (the crawler saw the same
page again) and a second capture of a URL already read are skipped entries of kinds
``revisit`` and ``repeated_url``, naming the record whose page was kept: each page is
kept once. A record cut short by the end of the file, and data that is not a WARC
record (a damaged record, a gzip member holding something else), are ``malformed``
entries giving the byte offset; after damaged data, reading resumes at the next
record (the next ``WARC/1.0`` line after a line break; for ``.warc.gz``, the next gzip
member that holds one), and the entry gives the bytes skipped. A damaged stretch
counts as one record in the numbering. Under ``strict=True`` these entries raise
:class:`~arabcorpus.io.load_report.ReadError`.

Document ids are ``<file>/<n>`` in a folder or archive (``<n>`` for a single file), n
being the record's number in the file (0-based, all records counted); positions in the
report are byte offsets of records (``unit="offset"``; for ``.warc.gz`` the offset of
the record's gzip member, as CDX indexes give it).

Examples
--------
>>> import io
>>> from warcio.warcwriter import WARCWriter
>>> from warcio.statusandheaders import StatusAndHeaders
>>> from arabcorpus.io.readers import read
>>> import tempfile, pathlib
>>> page = ('<html lang="ar"><head><title>خبر</title></head><body><article>'
...         '<p>افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم عشرين ألف كتاب.</p>'
...         '</article></body></html>').encode("utf-8")
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "crawl.warc.gz")
...     with open(path, "wb") as fh:
...         writer = WARCWriter(fh, gzip=True)
...         http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
...                                 protocol="HTTP/1.1")
...         writer.write_record(writer.create_warc_record(
...             "https://example.org/a", "response", payload=io.BytesIO(page),
...             http_headers=http))
...     docs = read(path)
...     print([(d.id, d.meta["url"]) for d in docs], docs.report.records)
[('0', 'https://example.org/a')] {'html': 1}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

from arabcorpus.io.html import _read_page

if TYPE_CHECKING:  # pragma: no cover
    from arabcorpus.io.stream import _Context, _Item

__all__ = ["RECORD_KINDS", "is_warc_name"]

#: Kinds of WARC records counted in ``LoadReport.records``.
RECORD_KINDS: tuple[str, ...] = ("html", "warcinfo", "request", "metadata", "resource",
                                 "revisit", "conversion", "continuation", "redirect",
                                 "http_error", "other_status", "image", "not_html",
                                 "not_http")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_CHUNK = 1 << 16


def is_warc_name(name: str) -> bool:
    """True for a name ending in ``.warc`` or ``.warc.gz`` (any case).

    >>> is_warc_name("crawl-00001.warc.gz"), is_warc_name("page.html")
    (True, False)
    """
    low = name.lower()
    return low.endswith(".warc") or low.endswith(".warc.gz")


class _Counting:
    """A binary stream that counts the bytes read: ``tell()`` for warcio, and the
    file's length to compare with the end of its last whole record."""

    def __init__(self, fh: Any, base: int = 0) -> None:
        self._fh, self.n = fh, base

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self.n += len(data)
        return data

    def readline(self, n: int = -1) -> bytes:
        data = self._fh.readline(n)
        self.n += len(data)
        return data

    def tell(self) -> int:
        return self.n

    def drain(self) -> None:
        """Read to the end (counting)."""
        while chunk := self._fh.read(_CHUNK):
            self.n += len(chunk)


def _kind(record: Any) -> tuple[str, int | None, str | None]:
    """(kind, HTTP status, Content-Type) of a record."""
    rtype = record.rec_type
    if rtype != "response":
        return (rtype if rtype in RECORD_KINDS else "metadata"), None, None
    http = record.http_headers
    if http is None:
        return "not_http", None, None
    try:
        status = int(http.get_statuscode())
    except (TypeError, ValueError):
        status = None
    ctype = http.get_header("Content-Type") or ""
    if status is None or status != 200:
        if status is not None and 300 <= status < 400:
            return "redirect", status, ctype
        if status is not None and 400 <= status < 600:
            return "http_error", status, ctype
        return "other_status", status, ctype
    mime = ctype.split(";", 1)[0].strip().lower()
    if mime.startswith("image/"):
        return "image", status, ctype
    if mime and mime not in _HTML_TYPES:
        return "not_html", status, ctype
    return "html", status, ctype


def _read_payload(record: Any, limit: int) -> bytes | None:
    """The HTTP payload (chunked transfer and gzip/deflate/br content encodings
    undone); None when it exceeds ``limit`` bytes."""
    stream = record.content_stream()
    parts, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _passthrough(err: BaseException) -> None:
    """Re-raise what is not a problem of the data: a strict read's ReadError, an
    archive member past its size limit, memory exhaustion."""
    from arabcorpus.io.load_report import ReadError

    if isinstance(err, (ReadError, MemoryError)) or type(err).__name__ == "_TooLarge":
        raise err

_WARC_HEADS = (b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/0.")
_GZIP_MAGIC = b"\x1f\x8b\x08"


def _skip_bytes(fh: Any, n: int) -> bool:
    """Read and drop ``n`` bytes of ``fh``; False if it ends first."""
    while n > 0:
        chunk = fh.read(min(n, _CHUNK))
        if not chunk:
            return False
        n -= len(chunk)
    return True


def _is_record_start(data: bytes, at: int, gz: bool) -> bool:
    """True if a WARC record starts at ``data[at:]``: its first line (``WARC/1.0``)
    right after a line break, or (``gz``) a gzip member whose first bytes are one."""
    if not gz:
        return at > 0 and data[at - 1:at] == b"\n"
    import zlib

    try:
        head = zlib.decompressobj(31).decompress(data[at:at + 4096], 16)
    except zlib.error:
        return False
    return head.startswith(_WARC_HEADS)


def _next_record(opener: Callable[[], Any], start: int, gz: bool) -> int | None:
    """The byte offset of the first WARC record (``gz``: a gzip member holding one)
    after byte ``start``, found by scanning the bytes; None if there is none."""
    marks = (_GZIP_MAGIC,) if gz else _WARC_HEADS
    keep = 4096 + 16  # the bytes a candidate needs to be checked
    with opener() as fh:
        if not _skip_bytes(fh, start):
            return None
        buf, base = b"", start  # buf[0] is byte `base` of the file
        while True:
            chunk = fh.read(_CHUNK * 4)
            buf += chunk
            at = 1  # never byte `start` itself, nor a kept byte already looked at
            while True:
                found = [i for i in (buf.find(m, at) for m in marks) if i >= 0]
                if not found:
                    break
                i = min(found)
                if chunk and len(buf) - i < keep:
                    break  # look at it again with more bytes
                if _is_record_start(buf, i, gz):
                    return base + i
                at = i + 1
            if not chunk:
                return None
            cut = max(0, len(buf) - keep - 1)  # the byte before a candidate stays
            buf, base = buf[cut:], base + cut


def _read_warc(ctx: _Context, opener: Callable[[], Any], file: str, prefix: str
               ) -> Iterator[_Item]:
    """The documents of one WARC file (on disk or an archive member). After a
    damaged record, reading resumes at the next good one (:func:`_resume`)."""
    ctx.report.files_read.append(file)
    read_urls: dict[str, tuple[int, int, str]] = {}  # url -> (record, offset, doc id)
    read_digests: dict[str, tuple[int, int, str]] = {}  # payload digest -> same
    index = -1
    start: int | None = 0
    while start is not None:
        # one pass from `start` (0, or the next good record after a damaged one)
        start, index = yield from _read_records(
            ctx, opener, file, prefix, start, index, read_urls, read_digests)


def _resume(ctx: _Context, opener: Callable[[], Any], file: str, damaged: int,
            problem: str) -> int | None:
    """Report the damaged bytes from ``damaged`` on, up to the next good record; that
    record's offset (where reading resumes), or None if there is none."""
    with opener() as fh:
        gz = fh.read(2) == _GZIP_MAGIC[:2]
    nxt = _next_record(opener, damaged, gz)
    if nxt is None:
        ctx.skip(file, damaged, "offset", "malformed",
                 f"{problem}; no WARC record follows: the rest of the file was not "
                 "read, the documents before it are kept")
    else:
        what = "gzip member holding a WARC record" if gz else "WARC record header"
        ctx.skip(file, damaged, "offset", "malformed",
                 f"{problem}; bytes {damaged:,} to {nxt - 1:,} ({nxt - damaged:,} "
                 f"bytes) skipped, reading resumed at the next {what}, at byte "
                 f"offset {nxt}")
    return nxt


def _read_records(ctx: _Context, opener: Callable[[], Any], file: str, prefix: str,
                  start: int, index: int, read_urls: dict, read_digests: dict
                  ) -> Generator[_Item, None, tuple[int | None, int]]:
    """The documents of a WARC file's records from byte ``start`` on; returns
    (the offset to resume at after a damaged record, or None at the end; the last
    record number). A damaged stretch counts as one record."""
    from warcio.archiveiterator import ArchiveIterator

    report = ctx.report
    counts = report.records
    limit = ctx.opts.max_uncompressed
    with opener() as raw:
        if not _skip_bytes(raw, start):
            return None, index
        fh = _Counting(raw, start)
        it = ArchiveIterator(fh, check_digests=False)
        records = iter(it)
        end = start  # where the last whole record ended
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as err:  # warcio raises many kinds on damaged data
                _passthrough(err)
                end = getattr(it, "offset", end)  # past the blank lines after a record
                nxt = _resume(ctx, opener, file, end,
                              f"no valid WARC record at byte offset {end}: the file "
                              "ends inside one (truncated) or holds other data there "
                              f"({type(err).__name__}: "
                              f"{' '.join(str(err).split())[:200]})")
                return nxt, index + 1
            index += 1
            kind, _status, ctype = _kind(record)
            headers = record.rec_headers
            url = (headers.get_header("WARC-Target-URI") or "").strip()
            where = f"record {index} ({record.rec_type} of {url or 'no URL'}): "
            payload, problem = None, None
            if kind == "html":
                try:
                    payload = _read_payload(record, limit)
                except Exception as err:  # a damaged gzip/br content encoding
                    _passthrough(err)
                    problem = (f"{where}the HTTP payload cannot be decoded "
                               f"({type(err).__name__}: {err}); not read")
            try:
                # read what is left of the record; a record that still lacks bytes
                # after it was cut short by the end of the file
                it.read_to_end(record)
            except Exception as err:
                _passthrough(err)
                offset = getattr(it, "offset", end)
                nxt = _resume(ctx, opener, file, offset,
                              f"{where}cannot be read to its end "
                              f"({type(err).__name__}: {err})")
                return nxt, index
            truncated = getattr(record.raw_stream, "limit", 0) > 0
            # a .warc.gz cut in the record's gzip member, after its content
            decompressor = getattr(getattr(it, "reader", None), "decompressor", None)
            cut_member = getattr(decompressor, "eof", True) is False
            offset = it.get_record_offset()
            end = offset + it.get_record_length()
            counts[kind] = counts.get(kind, 0) + 1
            if truncated or cut_member:
                why = (f"the file ends before the record's declared Content-Length of "
                       f"{headers.get_header('Content-Length')} bytes" if truncated else
                       "the file ends inside the record's gzip member (its checksum "
                       "is missing)")
                ctx.skip(file, offset, "offset", "malformed",
                         f"{where}truncated: {why}; not read")
                continue
            if problem is not None:
                ctx.skip(file, offset, "offset", "malformed", problem)
                continue
            if kind == "revisit":
                digest = headers.get_header("WARC-Payload-Digest") or ""
                target = (headers.get_header("WARC-Refers-To-Target-URI") or url).strip()
                first = read_digests.get(digest) if digest else None
                first = first or read_urls.get(target.split("#", 1)[0])
                if first is not None:
                    why = (f"the page was read from record {first[0]} at byte offset "
                           f"{first[1]} (document {first[2]!r}); kept once")
                else:
                    why = ("its original capture is not a page read from this file, "
                           "so there is no page to read")
                ctx.skip(file, offset, "offset", "revisit",
                         f"{where}a revisit (the same page captured again): {why}")
                continue
            if kind != "html":
                continue
            if payload is None:
                ctx.skip(file, offset, "offset", "too_large",
                         f"{where}payload larger than max_uncompressed={limit:,} bytes; "
                         "not read")
                continue
            key = url.split("#", 1)[0]
            if key in read_urls:
                first = read_urls[key]
                ctx.skip(file, offset, "offset", "repeated_url",
                         f"{where}the URL was already read from record {first[0]} at "
                         f"byte offset {first[1]} (document {first[2]!r}); kept once")
                continue
            m = _CHARSET.search(ctype or "")
            extra = {"url": url or None, "warc_date": headers.get_header("WARC-Date"),
                     "record_id": headers.get_header("WARC-Record-ID"),
                     "canonical_url": None}
            for item in _read_page(ctx, payload, file, f"{prefix}{index}",
                                   position=offset, unit="offset",
                                   http_charset=m.group(1) if m else None,
                                   url=url or None, extra=extra, where=where,
                                   canonical_key="canonical_url"):
                read_urls[key] = (index, offset, item.doc.id)
                digest = headers.get_header("WARC-Payload-Digest")
                if digest:
                    read_digests[digest] = (index, offset, item.doc.id)
                yield item
        fh.drain()
        total = fh.n
        end = max(end, getattr(it, "offset", end))
        if total > end:
            ctx.skip(file, end, "offset", "malformed",
                     f"the file ends inside a record: {total - end:,} bytes after byte "
                     f"offset {end} are not a whole WARC record (a truncated file?); "
                     "the documents before it are kept")
    return None, index
