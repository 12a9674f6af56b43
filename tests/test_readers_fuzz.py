"""Fault injection on the readers: random bytes, random truncations and random
single-byte mutations of valid txt, JSON, JSON Lines, CSV and zip inputs.

Two properties are checked on every input:

1. under ``strict=True`` a read raises nothing but :class:`ReadError`;
2. otherwise it raises nothing, and ``documents read + reported skips`` accounts for
   the records the input holds. What a *record* is, per format, is said in each test's
   docstring; where a mutation makes the number of records ambiguous, the test says
   which weaker bound it checks instead.

Example counts are bounded (about 60 per strategy and format) so the suite runs in CI
in well under a minute.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from arabcorpus.io.readers import ReadError, read

ARTICLE = ("حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)، ملامح استراتيجية "
           "للتصدي للتطرف داخل بريطانيا؛ وهي مسألة اعتبرها كاميرون صراع جيلنا.")
WORDS = ARTICLE.split()
RECORDS = [{"text": " ".join(WORDS[i:i + 4]), "source": f"s{i}"} for i in range(0, 16, 4)]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i, rec in enumerate(RECORDS[:3]):
            zf.writestr(f"docs/{i}.txt", rec["text"].encode("utf-8"))
    return buf.getvalue()


VALID: dict[str, bytes] = {
    "txt": ARTICLE.encode("utf-8"),
    "jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n"
                     for r in RECORDS).encode("utf-8"),
    "json": json.dumps(RECORDS, ensure_ascii=False).encode("utf-8"),
    "csv": ("source,text\n" + "".join(f"{r['source']},{r['text']}\n" for r in RECORDS)
            ).encode("utf-8"),
    "zip": _zip_bytes(),
}

FUZZ = settings(max_examples=60, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


# Bytes that carry structure in the formats, drawn as often as all others together.
STRUCTURAL = b'"\n\r,\t{}[]:\\\x00PK\xef\xbb\xbf'


def damaged(valid: bytes) -> st.SearchStrategy[bytes]:
    """Random bytes, a random truncation, or one byte of ``valid`` replaced."""
    random_bytes = st.binary(max_size=2 * len(valid))
    truncated = st.integers(0, len(valid)).map(lambda n: valid[:n])
    byte = st.one_of(st.integers(0, 255), st.sampled_from(list(STRUCTURAL)))
    mutated = st.tuples(st.integers(0, len(valid) - 1), byte).map(
        lambda pb: valid[:pb[0]] + bytes([pb[1]]) + valid[pb[0] + 1:])
    return st.one_of(random_bytes, truncated, mutated)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_both(path: Path, fmt: str) -> tuple[int, int, object]:
    """Read ``path`` under ``strict`` (only ReadError may escape), then leniently;
    return (documents read, skipped entries, report) of the lenient read."""
    try:
        read(path, format=fmt, strict=True, duplicates=None).to_list()
    except ReadError:
        pass
    docs = read(path, format=fmt, duplicates=None)
    n = len(docs.to_list())
    report = docs.report
    assert report.complete and report.documents_read == n
    return n, report.n_skipped, report


def _lines(data: bytes) -> list[bytes]:
    """Lines as a binary file iterates them (split after each b"\\n")."""
    return io.BytesIO(data).readlines()


def _decoded_lines(data: bytes) -> list[str]:
    lines = _lines(data)
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    return [line.decode("utf-8", "surrogateescape") for line in lines]


@FUZZ
@given(data=damaged(VALID["txt"]))
def test_txt(folder: Path, data: bytes) -> None:
    """A text file is one record: read as one document, or one skip (undecodable,
    empty). Exact."""
    path = folder / "a.txt"
    path.write_bytes(data)
    n, skipped, _ = read_both(path, "txt")
    assert n + skipped == 1


@FUZZ
@given(data=damaged(VALID["jsonl"]))
def test_jsonl(folder: Path, data: bytes) -> None:
    """A record is a line (split after each ``\\n``) that is not blank once decoded
    (UTF-8, undecodable bytes kept as escapes; blank = empty or ``str.isspace``).
    Each is a document or one skip. Exact."""
    path = folder / "a.jsonl"
    path.write_bytes(data)
    n, skipped, _ = read_both(path, "jsonl")
    records = sum(1 for line in _decoded_lines(data) if line and not line.isspace())
    assert n + skipped == records


@FUZZ
@given(data=damaged(VALID["json"]))
def test_json(folder: Path, data: bytes) -> None:
    """If the bytes decode (UTF-8, BOM dropped, undecodable bytes as escapes) to JSON
    that ``json.loads`` accepts, a record is an element of the top-level array (or the
    whole value when it is not an array) and the accounting is exact. Otherwise the
    count is ambiguous (the elements after a syntax error cannot be told apart); then
    at least one entry is reported, and the last skip is the file itself or says the
    rest of the array was not read."""
    path = folder / "a.json"
    path.write_bytes(data)
    n, skipped, report = read_both(path, "json")
    text = (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode(
        "utf-8", "surrogateescape")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        assert n + skipped >= 1
        last = report.skipped[-1]
        assert last.position is None or "the rest of the array was not read" in \
            last.reason
        return
    assert n + skipped == (len(value) if isinstance(value, list) else 1)


@FUZZ
@given(data=damaged(VALID["csv"]))
def test_csv(folder: Path, data: bytes) -> None:
    """A record is a non-empty line after the header (the first non-empty line); a
    header without the ``text`` column is one skip for the whole file. This count is
    exact when the file is valid UTF-8 with no quote and no carriage return. With
    those, a quoted field may span lines, so only bounds hold: documents + skips never
    exceed the non-empty lines, and without quotes every line after the header is
    accounted for (at least one entry when there are two non-empty lines). With a
    single stray quote after the header (and no blank line or carriage return), no
    row can span lines: the documents plus the lines each skip says it covered
    equal the lines after the header, so a quote cannot swallow rows unreported."""
    path = folder / "a.csv"
    path.write_bytes(data)
    n, skipped, report = read_both(path, "csv")
    lines = [line for line in _decoded_lines(data) if line.rstrip("\n")]
    assert n + skipped <= len(lines)
    if not lines:
        assert n + skipped == 0
        return
    try:
        data.decode("utf-8")
        clean = b'"' not in data and b"\r" not in data
    except UnicodeDecodeError:
        clean = False
    if clean:
        header = lines[0].rstrip("\n").split(",")
        assert n + skipped == (len(lines) - 1 if "text" in header else 1)
    elif b'"' not in data and len(lines) >= 2:
        assert n + skipped >= 1
    elif (data.count(b'"') == 1 and b"\r" not in data and b'"' not in _lines(data)[0]
          and "text" in lines[0].rstrip("\n").split(",") and b"\n\n" not in data
          and not data.startswith(b"\n")):
        # one stray quote: no row can legitimately span lines, so each document is
        # one line and each skip covers the lines its reason names
        covered = sum(int(m[1]) - int(m[0]) + 1 if (m := _span(s.reason)) else 1
                      for s in report.skipped)
        assert n + covered == len(lines) - 1


def _span(reason: str) -> tuple[str, str] | None:
    import re

    found = re.search(r"lines (\d+)-(\d+)", reason)
    return found.groups() if found else None


@FUZZ
@given(data=damaged(VALID["zip"]))
def test_zip(folder: Path, data: bytes) -> None:
    """If ``zipfile`` cannot list the archive, it is one record (one skip). Otherwise a
    record is a listed entry that is not a plain folder entry (a name ending in "/":
    folder entries hold no data; an unsafe one is still reported; an empty name is a
    record, reported as malformed): each is a document (all valid members are
    one-document ``.txt`` files), a skip (unsafe, corrupt, unsupported, too large) or
    an ignored name (a mutated extension). Exact."""
    path = folder / "a.zip"
    path.write_bytes(data)
    n, skipped, report = read_both(path, "zip")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # noqa: BLE001 - whatever zipfile raises, the reader reports
        assert (n, skipped) == (0, 1)
        return
    from arabcorpus.io.formats import unsafe_member as _unsafe_member

    records = sum(1 for i in infos
                  if _unsafe_member(i.filename) or not i.filename.endswith("/"))
    assert n + skipped + len(report.ignored) == records
