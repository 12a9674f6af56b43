"""Decoding files: UTF-8 (with or without a BOM), Windows-1256, ISO-8859-6 or another
ASCII-compatible codec, and ``encoding="auto"``, which chooses one per file.

Undecodable bytes are located (byte offsets) so that a reader can skip the record
they fall in and report where they are, instead of dropping the file.

Examples
--------
>>> check_encoding("windows-1256")
'cp1256'
>>> detect(lambda: ["مرحبا بكم".encode("cp1256")])
('cp1256', 'plausible Arabic in cp1256')
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from arabcorpus.text import chars
from arabcorpus.util.validate import check_str

if TYPE_CHECKING:
    from arabcorpus.io.stream import _Context

__all__ = ["check_encoding", "detect", "AUTO_CANDIDATES"]

#: The codecs ``encoding="auto"`` tries after UTF-8, in order.
AUTO_CANDIDATES: tuple[str, ...] = ("cp1256", "iso8859-6")
_SURROGATE = re.compile("[\udc80-\udcff]")
_BOM = codecs.BOM_UTF8
_CHUNK = 1 << 20


def check_encoding(encoding: Any) -> str:
    """The codec name ``encoding`` stands for (``"utf-8"`` for UTF-8 with or without
    BOM), or ``"auto"``; a ValueError for an unknown or not ASCII-compatible codec.

    >>> check_encoding("ISO-8859-6"), check_encoding("utf-8-sig")
    ('iso8859-6', 'utf-8')
    """
    check_str(encoding, "encoding")
    if encoding == "auto":
        return "auto"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}; use 'utf-8' (default), "
                         "'cp1256', 'iso-8859-6', 'auto' or another Python codec "
                         "name") from None
    if name in ("utf-8", "utf-8-sig"):
        return "utf-8"
    if "\n".encode(name) != b"\n" or "a".encode(name) != b"a":
        raise ValueError(f"encoding {encoding!r} is not ASCII-compatible; supported: "
                         "'utf-8', 'cp1256', 'iso-8859-6', 'auto' and other "
                         "ASCII-compatible codecs")
    return name


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


def _describe_bad(data: bytes | bytearray, offsets: list[int], k: int, codec: str) -> str:
    """Reason for the ``k``-th undecodable byte (offsets are capped at 10,000)."""
    if k >= len(offsets):
        return f"undecodable bytes ({codec}) after byte offset {offsets[-1]}"
    return (f"undecodable bytes ({codec}) at byte offset {offsets[k]} "
            f"(0x{data[offsets[k]]:02x})")


_ASCII_LETTER = re.compile("[A-Za-z]")


def _ranges_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a < 0x10000 else
                   f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@functools.cache
def _letter_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Arabic letters (of :func:`arabcorpus.text.chars.is_arabic_letter`, without the
    tatweel) and the letters of other scripts (not ASCII, not of
    ``chars.ARABIC_BLOCK_RANGES``), compiled at the first detection."""
    arabic = sorted(c for c in chars.chars_in_ranges(chars.ARABIC_BLOCK_RANGES)
                    if chars.is_arabic_letter(c) and c != chars.TATWEEL)
    blocks = _ranges_class(chars.ARABIC_BLOCK_RANGES)
    return (re.compile("[" + "".join(arabic) + "]"),
            re.compile(f"[^\\W\\d_A-Za-z{blocks}]"))


def _letter_counts(text: str, counts: Counter) -> None:
    arabic, other = _letter_patterns()
    counts["arabic"] += len(arabic.findall(text))
    counts["other"] += len(other.findall(text))
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


def detect(chunks: Callable[[], Iterable[bytes]]) -> tuple[str | None, str]:
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
    for codec in AUTO_CANDIDATES:
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


def _decode_whole(ctx: _Context, data: bytes | bytearray, file: str
                  ) -> tuple[str, str, list[int]] | None:
    """Decode a whole file's bytes. Returns (text, codec, surrogate_offsets) where
    undecodable bytes are kept as lone surrogates (``surrogateescape``) and
    ``surrogate_offsets`` lists their byte offsets; None if no encoding fits (skipped).
    The bytes are decoded in place (a BOM is skipped through a memoryview, not a copy).
    """
    codec = ctx.opts.encoding
    if codec == "auto":
        codec, why = detect(lambda: (data,))
        if codec is None:
            ctx.skip(file, None, None, "undecodable", why)
            return None
    shown, offset0 = codec, 0
    if codec in ("utf-8", "utf-8-sig"):
        codec, shown = "utf-8", "utf-8"
        if data.startswith(_BOM):
            shown, offset0 = "utf-8-sig", 3
    view = memoryview(data)[offset0:]
    try:
        return str(view, codec), shown, []
    except UnicodeDecodeError:
        text = str(view, codec, "surrogateescape")
        return text, shown, [offset0 + o for o in _bad_offsets(view, codec)]


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
        codec, why = detect(chunks)
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

