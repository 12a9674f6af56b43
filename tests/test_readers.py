"""Tests for arabcorpus.io.readers: every format, the broken inputs, the load report,
zip safety, encodings, duplicates, and SaudiNewsNet as published."""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from arabcorpus.io.readers import (
    DEFAULT_MAX_UNCOMPRESSED,
    FORMATS,
    Document,
    DocumentStream,
    Duplicate,
    LoadReport,
    ReadError,
    Skipped,
    as_documents,
    read,
    read_csv,
    read_dataframe,
    read_iterable,
    read_json,
    read_jsonl,
    read_saudinewsnet,
    read_texts,
    read_zip,
)

ARTICLE = ("حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)، ملامح استراتيجية "
           "للتصدي للتطرف داخل بريطانيا؛ وهي مسألة اعتبرها كاميرون صراع جيلنا.")
OTHER = "قال كاميرون إنه يريد أن تبذل بريطانيا مزيدا من الجهود."


def kinds(report: LoadReport) -> Counter:
    return Counter(s.kind for s in report.skipped)


# --------------------------------------------------------------------------- txt
@pytest.fixture()
def txt_folder(tmp_path: Path) -> Path:
    root = tmp_path / "texts"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.txt").write_bytes(b"\xef\xbb\xbf" + OTHER.encode("utf-8"))  # BOM
    (root / "sub" / "deeper" / "c.txt").write_text("نص في مجلد عميق", encoding="utf-8")
    (root / "sub" / "empty.txt").write_bytes(b"")
    good = "خبر".encode("utf-8")
    (root / "sub" / "bad.txt").write_bytes(good + b"\xff" + good)  # invalid byte at 6
    (root / "notes.md").write_text("not a text file", encoding="utf-8")
    (root / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    return root


def test_txt_folder_recursive_sorted_ids_and_report(txt_folder: Path) -> None:
    docs = read(txt_folder)
    out = docs.to_list()
    assert [d.id for d in out] == ["a.txt", "b.txt", "sub/deeper/c.txt"]
    assert out[0].text == OTHER  # BOM removed
    assert out[1].text == ARTICLE and out[1].meta == {}
    report = docs.report
    assert report.complete
    assert report.documents_read == 3
    assert report.files_read == ["a.txt", "b.txt", "sub/bad.txt", "sub/deeper/c.txt",
                                 "sub/empty.txt"]
    assert report.encodings["a.txt"] == "utf-8-sig"
    assert report.encodings["b.txt"] == "utf-8"
    assert kinds(report) == {"undecodable": 1, "empty_text": 1}
    bad = next(s for s in report.skipped if s.kind == "undecodable")
    assert bad.file == "sub/bad.txt" and bad.position is None
    assert bad.reason == "undecodable bytes (utf-8) at byte offset 6 (0xff)"
    empty = next(s for s in report.skipped if s.kind == "empty_text")
    assert (empty.file, empty.reason) == ("sub/empty.txt", "empty file")
    assert report.ignored == [".hidden.txt", "notes.md"]


def test_read_texts_equals_read_and_single_file(txt_folder: Path) -> None:
    assert read_texts(txt_folder).to_list() == read(txt_folder).to_list()
    single = read(txt_folder / "b.txt").to_list()
    assert single == [Document("b.txt", ARTICLE, {})]


def test_txt_empty_keep(txt_folder: Path) -> None:
    docs = read(txt_folder, empty="keep")
    ids = [d.id for d in docs]
    assert "sub/empty.txt" in ids and len(ids) == 4
    assert kinds(docs.report) == {"undecodable": 1}


def test_seed_article_reads_as_one_document(seed_path: Path, seed_text: str) -> None:
    docs = read(seed_path)
    assert docs.to_list() == [Document(seed_path.name, seed_text, {})]
    assert docs.report.encodings == {str(seed_path): "utf-8"}


# --------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("codec,shown", [("cp1256", "cp1256"),
                                         ("iso-8859-6", "iso8859-6")])
def test_legacy_encodings_explicit_and_auto(tmp_path: Path, codec: str, shown: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode(codec))
    explicit = read(path, encoding=codec)
    assert [d.text for d in explicit] == [ARTICLE]
    assert explicit.report.encodings == {str(path): shown}
    auto = read(path, encoding="auto")
    assert [d.text for d in auto] == [ARTICLE]
    assert auto.report.encodings == {str(path): shown}
    default = read(path)  # UTF-8 by default: refused, with the offset of the first bad byte
    assert default.to_list() == []
    (skip,) = default.report.skipped
    assert skip.kind == "undecodable"
    assert skip.reason.startswith("undecodable bytes (utf-8) at byte offset 0 ")


def test_auto_keeps_damaged_utf8_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "damaged.jsonl"
    lines = [json.dumps({"text": t}, ensure_ascii=False).encode("utf-8")
             for t in (ARTICLE, OTHER, ARTICLE + " ٢")]
    lines[1] = lines[1][:12] + b"\xff" + lines[1][12:]
    path.write_bytes(b"\n".join(lines) + b"\n")
    docs = read(path, encoding="auto")
    assert [d.text for d in docs] == [ARTICLE, ARTICLE + " ٢"]
    assert docs.report.encodings == {str(path): "utf-8"}
    (skip,) = docs.report.skipped
    assert (skip.position, skip.unit, skip.kind) == (2, "line", "undecodable")
    assert f"byte offset {len(lines[0]) + 1 + 12} (0xff)" in skip.reason


def test_auto_refuses_non_arabic_legacy_bytes(tmp_path: Path) -> None:
    path = tmp_path / "french.txt"
    path.write_bytes("café crème à la française".encode("latin-1"))
    docs = read(path, encoding="auto")
    assert docs.to_list() == []
    (skip,) = docs.report.skipped
    assert skip.kind == "undecodable" and skip.reason.startswith("no encoding fits")


def test_cp1256_jsonl_and_csv_auto(tmp_path: Path) -> None:
    jl = tmp_path / "a.jsonl"
    jl.write_bytes((json.dumps({"text": ARTICLE, "src": "عكاظ"}, ensure_ascii=False)
                    + "\n").encode("cp1256"))
    cs = tmp_path / "a.csv"
    cs.write_bytes(f"text,src\n{OTHER},عكاظ\n".encode("cp1256"))
    for path, text in ((jl, ARTICLE), (cs, OTHER)):
        docs = read(path, encoding="auto")
        assert [(d.text, d.meta) for d in docs] == [(text, {"src": "عكاظ"})]
        assert docs.report.encodings == {str(path): "cp1256"}
        assert [d.text for d in read(path, encoding="cp1256")] == [text]


# --------------------------------------------------------------------------- JSON Lines
def test_jsonl_broken_lines_exact_report(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    good = json.dumps({"text": ARTICLE, "source": "sabq", "n": 1}, ensure_ascii=False)
    bad_utf8 = json.dumps({"text": OTHER}, ensure_ascii=False).encode("utf-8")
    bad_utf8 = bad_utf8[:10] + b"\xc3\x28" + bad_utf8[10:]
    body = b"\n".join([
        good.encode("utf-8"),                                   # line 1: ok
        b"",                                                    # line 2: blank, ignored
        bad_utf8,                                               # line 3: undecodable
        b'{"title": "no text"}',                                # line 4: missing text
        '{"text": "  "}'.encode("utf-8"),                       # line 5: empty text
        b"42",                                                  # line 6: not a record
        b'{"text": 5}',                                         # line 7: text not a str
        json.dumps(OTHER, ensure_ascii=False).encode("utf-8"),  # line 8: a bare string
        b'{"text": "\xd9\x86\xd8\xb5", "source": "ok',          # line 9: truncated
    ])
    path.write_bytes(body)
    docs = read(path)
    out = docs.to_list()
    assert [(d.id, d.text, d.meta) for d in out] == [
        ("0", ARTICLE, {"source": "sabq", "n": 1}), ("6", OTHER, {})]
    report = docs.report
    assert report.files_read == [str(path)] and report.documents_read == 2
    got = [(s.position, s.unit, s.kind) for s in report.skipped]
    assert got == [(3, "line", "undecodable"), (4, "line", "missing_text"),
                   (5, "line", "empty_text"), (6, "line", "not_a_record"),
                   (7, "line", "bad_text"), (9, "line", "malformed")]
    reasons = {s.position: s.reason for s in report.skipped}
    offset = len(good.encode("utf-8")) + 2 + 10
    assert reasons[3] == f"undecodable bytes (utf-8) at byte offset {offset} (0xc3)"
    assert reasons[4] == "missing text field 'text'"
    assert reasons[7] == "text field 'text' is a int, not a string"
    assert reasons[9].startswith("malformed JSON at line 9, column 26: Unterminated string")


def test_jsonl_strict_raises_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"text": "نص"}\n{"text": "نص آخر"\n', encoding="utf-8")
    docs = read_jsonl(path, strict=True)
    seen = []
    with pytest.raises(ReadError) as info:
        for d in docs:
            seen.append(d.id)
    assert seen == ["0"]  # documents before the problem are delivered first
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.file, err.position, err.unit, err.kind) == (str(path), 2, "line",
                                                             "malformed")
    assert f"{path}, line 2: malformed JSON at line 2" in str(err)


def test_empty_jsonl_file_reads_nothing_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    docs = read(path)
    assert docs.to_list() == []
    assert docs.report.files_read == [str(path)] and docs.report.skipped == []
    assert "documents read: 0" in str(docs.report)


# --------------------------------------------------------------------------- JSON arrays
def test_json_array_with_bad_byte_element(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    records = [{"text": ARTICLE, "id": "x"}, {"text": "XX", "id": "y"},
               {"text": OTHER, "id": "z"}]
    raw = json.dumps(records, ensure_ascii=False).encode("utf-8")
    offset = raw.index(b"XX")
    raw = raw.replace(b"XX", b"X\xffX")
    path.write_bytes(raw)
    docs = read_json(path, id_field="id")
    assert [(d.id, d.text) for d in docs] == [("x", ARTICLE), ("z", OTHER)]
    (skip,) = docs.report.skipped
    assert (skip.position, skip.unit, skip.kind) == (1, "index", "undecodable")
    assert skip.reason == f"undecodable bytes (utf-8) at byte offset {offset + 1} (0xff)"


def test_truncated_json_array_keeps_elements_before(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    text = json.dumps([{"text": ARTICLE}, {"text": OTHER}, {"text": ""}],
                      ensure_ascii=False, indent=1)
    path.write_text(text[:-30], encoding="utf-8")
    docs = read(path)
    assert [(d.id, d.text) for d in docs] == [("0", ARTICLE)]
    (skip,) = docs.report.skipped
    assert (skip.position, skip.unit, skip.kind) == (1, "index", "malformed")
    assert skip.reason.startswith("malformed JSON at line ")
    assert skip.reason.endswith("; the rest of the array was not read")


def test_empty_json_file_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    docs = read(path)
    assert docs.to_list() == []
    (skip,) = docs.report.skipped
    assert skip.kind == "malformed"
    assert skip.reason == "malformed JSON at line 1, column 1: Expecting value"


def test_json_single_object_and_empty_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"body": ARTICLE, "k": [1, 2]}, ensure_ascii=False),
                   encoding="utf-8")
    assert read(one, text_field="body").to_list() == [Document("0", ARTICLE, {"k": [1, 2]})]
    none = tmp_path / "none.json"
    none.write_text("[ ]", encoding="utf-8")
    docs = read(none)
    assert docs.to_list() == [] and docs.report.skipped == []


# --------------------------------------------------------------------------- CSV / TSV
def test_csv_text_field_id_field_meta_and_broken_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    good = "خبر".encode("utf-8")
    path.write_bytes(
        b"id,body,source\n"                                     # line 1: header
        + f'a1,"{ARTICLE}\nسطر ثان",okaz\n'.encode("utf-8")     # lines 2-3: one row
        + b"a2,only two\n"                                      # line 4: 2 fields
        + b"a3," + good + b"\xfe" + b",x\n"                     # line 5: bad byte
        + b"a4,,sabq\n"                                         # line 6: empty text
        + b"\n"                                                 # line 7: blank
        + f"a5,{OTHER},sabq\n".encode("utf-8"))                 # line 8
    docs = read_csv(path, text_field="body", id_field="id")
    assert [(d.id, d.text, d.meta) for d in docs] == [
        ("a1", ARTICLE + "\nسطر ثان", {"source": "okaz"}), ("a5", OTHER, {"source": "sabq"})]
    got = [(s.position, s.kind) for s in docs.report.skipped]
    assert got == [(4, "malformed"), (5, "undecodable"), (6, "empty_text")]
    assert docs.report.skipped[0].reason == "malformed CSV at line 4: 2 fields, header has 3"
    offset = len(f"id,body,source\na1,\"{ARTICLE}\nسطر ثان\",okaz\na2,only two\na3,"
                 .encode("utf-8")) + len(good)
    assert docs.report.skipped[1].reason == \
        f"undecodable bytes (utf-8) at byte offset {offset} (0xfe)"


def test_csv_missing_column_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("title,body\nx,نص\n", encoding="utf-8")
    docs = read(path)  # text_field defaults to "text"
    assert docs.to_list() == []
    (skip,) = docs.report.skipped
    assert skip.kind == "missing_text"
    assert skip.reason == "no column 'text'; columns: title, body"
    with pytest.raises(ReadError, match="no column 'text'"):
        read(path, strict=True).to_list()
    tsv = tmp_path / "a.tsv"
    tsv.write_text("text\tsource\nنص, بفاصلة\tokaz\n", encoding="utf-8")
    assert read(tsv).to_list() == [Document("0", "نص, بفاصلة", {"source": "okaz"})]
    assert read_csv(tsv).to_list() == read(tsv).to_list()


def test_csv_long_field_beyond_default_limit(tmp_path: Path) -> None:
    long_text = ARTICLE * 1500  # > 131072 characters, csv's default field limit
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{long_text}"\n', encoding="utf-8")
    assert [d.text for d in read(path)] == [long_text]


# --------------------------------------------------------------------------- zip
def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_members_and_unsafe_paths_refused(tmp_path: Path, monkeypatch) -> None:
    archive = make_zip(tmp_path / "a.zip", {
        "docs/2.txt": ARTICLE.encode("utf-8"),
        "docs/1.txt": OTHER.encode("utf-8"),
        "../evil.txt": "لا تقرأني".encode("utf-8"),
        "/abs.txt": "لا تقرأني".encode("utf-8"),
        "rows.jsonl": b'{"text": "\xd9\x86\xd8\xb5"}\n',
        "table.csv": "text,y\nنص,1\n".encode("utf-8"),
        "readme.md": b"ignored",
    })
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    docs = read(archive)
    out = [(d.id, d.text) for d in docs]
    assert out == [("docs/1.txt", OTHER), ("docs/2.txt", ARTICLE), ("rows.jsonl/0", "نص"),
                   ("table.csv/0", "نص")]
    assert not any("evil" in n or "abs" in n for n in opened)
    report = docs.report
    unsafe = [s for s in report.skipped if s.kind == "unsafe_member"]
    assert [s.file for s in unsafe] == [f"{archive}:../evil.txt", f"{archive}:/abs.txt"]
    assert len(report.skipped) == 2
    assert report.ignored == [f"{archive}:readme.md"]
    assert report.files_read == [f"{archive}:{m}" for m in
                                 ("docs/1.txt", "docs/2.txt", "rows.jsonl", "table.csv")]
    with pytest.raises(ReadError, match=r"\.\./evil\.txt"):
        read_zip(archive, strict=True).to_list()


def test_zip_too_large_member_skipped_and_reported(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "big.zip", {"a.txt": ("نص " * 1000).encode("utf-8"),
                                              "b.txt": OTHER.encode("utf-8")})
    docs = read(archive, max_uncompressed=1000)
    assert [d.id for d in docs] == ["b.txt"]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == (f"{archive}:a.txt", "too_large")
    assert "exceeds max_uncompressed=1,000" in skip.reason
    with pytest.raises(ReadError, match=r"big\.zip:a\.txt: declared uncompressed size"):
        read(archive, max_uncompressed=1000, strict=True).to_list()
    # inside a folder the member is skipped when the pass reaches it
    folder = tmp_path / "f"
    folder.mkdir()
    make_zip(folder / "big.zip", {"a.txt": ("نص " * 1000).encode("utf-8")})
    docs = read(folder, max_uncompressed=100)
    assert docs.to_list() == []
    assert [(s.file, s.kind) for s in docs.report.skipped] == [("big.zip:a.txt",
                                                                "too_large")]


def test_folder_of_mixed_formats_and_format_filter(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "نص"}\n{"text": "نص ثان"}\n',
                                      encoding="utf-8")
    make_zip(tmp_path / "c.zip", {"x.txt": OTHER.encode("utf-8")})
    assert [d.id for d in read(tmp_path)] == ["a.txt", "b.jsonl/0", "b.jsonl/1",
                                              "c.zip/x.txt"]
    only = read(tmp_path, format="jsonl")
    assert [d.id for d in only] == ["b.jsonl/0", "b.jsonl/1"]
    assert only.report.ignored == ["a.txt", "c.zip"]


# --------------------------------------------------------------------------- DataFrame
def test_dataframe(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"body": [ARTICLE, None, OTHER], "year": [2015, 2016, 2017],
                          "who": ["a", float("nan"), "c"]}, index=["r1", "r2", "r3"])
    docs = read(frame, text_field="body")
    assert [(d.id, d.text, d.meta) for d in docs] == [
        ("r1", ARTICLE, {"year": 2015, "who": "a"}), ("r3", OTHER, {"year": 2017, "who": "c"})]
    assert type(docs.to_list()[0].meta["year"]) is int
    (skip,) = docs.report.skipped
    assert (skip.file, skip.position, skip.unit, skip.kind) == ("<DataFrame>", 1, "row",
                                                                "missing_text")
    with pytest.raises(ValueError, match="no column 'text' in the DataFrame; columns: body"):
        read_dataframe(frame)


# --------------------------------------------------------------------------- iterables
def test_iterable_of_mixed_items() -> None:
    items = ["نص", {"text": OTHER, "src": "x"}, Document("own", ARTICLE, {"k": 1}), 3.5,
             Document("own", "نص آخر")]
    docs = read_iterable(items)
    assert [(d.id, d.text, d.meta) for d in docs] == [
        ("0", "نص", {}), ("1", OTHER, {"src": "x"}), ("own", ARTICLE, {"k": 1})]
    assert [(s.position, s.kind) for s in docs.report.skipped] == [
        (3, "not_a_record"), (4, "duplicate_id")]
    assert docs.report.skipped[1].reason == "duplicate id 'own'"


def test_generator_is_one_shot() -> None:
    docs = read(x for x in ["نص", "نص آخر"])
    assert len(docs.to_list()) == 2
    with pytest.raises(RuntimeError, match="cannot restart"):
        docs.to_list()


def test_as_documents() -> None:
    stream = read(["نص"])
    assert as_documents(stream) is stream
    docs = as_documents([Document("a", ARTICLE), Document("b", OTHER)])
    assert isinstance(docs, DocumentStream)
    assert [d.id for d in docs] == ["a", "b"]
    with pytest.raises(TypeError):
        as_documents(stream, strict=True)


# --------------------------------------------------------------------------- stream & report
def test_stream_is_restartable_and_report_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "نص"}\n{"text": ""}\n{"text": "نص ثان"}\n', encoding="utf-8")
    docs = read(path)
    assert docs.report.documents_read == 2  # a first pass runs when none has
    first, second = docs.to_list(), docs.to_list()
    assert first == second and len(first) == 2
    assert docs.report.documents_read == 2 and docs.report.n_skipped == 1
    it = iter(docs)
    next(it)
    assert not docs.report.complete and docs.report.documents_read == 1
    assert "incomplete" in str(docs.report)


def test_report_str_frame_html() -> None:
    pd = pytest.importorskip("pandas")
    docs = read(["نص", "", {"x": 1}, "نص"])
    report = docs.report
    text = str(report)
    assert "documents read: 2" in text
    assert "skipped:        2 (empty_text: 1, missing_text: 1)" in text \
        or "skipped:        2 (missing_text: 1, empty_text: 1)" in text
    assert "duplicates:     1 found, kept" in text
    assert "<item> 1: empty text" not in text and "<iterable>, item 1: empty text" in text
    frame = report.to_frame()
    assert list(frame.columns) == ["file", "unit", "position", "kind", "reason"]
    assert frame["position"].tolist() == [1, 2]
    assert isinstance(frame, pd.DataFrame)
    assert report.duplicates_frame()["first_id"].tolist() == ["0"]
    assert report._repr_html_().startswith("<pre>")
    assert docs.to_frame()["id"].tolist() == ["0", "3"]


# --------------------------------------------------------------------------- duplicates
def test_duplicates_keep_drop_none() -> None:
    texts = [ARTICLE, OTHER, ARTICLE, "مَرحبا", "مرحبا"]
    kept = read(texts)
    assert [d.id for d in kept] == ["0", "1", "2", "3", "4"]
    assert kept.report.duplicates == [Duplicate("2", "0", "<iterable>", 2, "item"),
                                      Duplicate("4", "3", "<iterable>", 4, "item")]
    assert kept.report.duplicates_dropped == 0
    dropped = read(texts, duplicates="drop")
    assert [d.id for d in dropped] == ["0", "1", "3"]
    assert dropped.report.duplicates_dropped == 2
    assert "2 found, dropped" in str(dropped.report)
    unchecked = read(texts, duplicates=None)
    assert len(unchecked.to_list()) == 5 and unchecked.report.duplicates == []
    assert "not checked" in str(unchecked.report)


def test_duplicates_across_batches() -> None:
    texts = [f"{OTHER} {i}" for i in range(600)] + [f"{OTHER} {i}" for i in range(0, 600, 7)]
    docs = read(texts, duplicates="drop")
    assert len(docs.to_list()) == 600
    assert len(docs.report.duplicates) == len(range(0, 600, 7))
    assert docs.report.duplicates[0] == Duplicate("600", "0", "<iterable>", 600, "item")


# --------------------------------------------------------------------------- errors
def test_errors_name_the_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        read(missing)
    with pytest.raises(ValueError, match="valid: txt, json, jsonl, csv"):
        read(["x"], format="xml")
    weird = tmp_path / "a.xml"
    weird.write_text("<a/>")
    with pytest.raises(ValueError, match=r"known extensions: \.txt"):
        read(weird)
    with pytest.raises(ValueError, match="'cp1256'"):
        read(["x"], encoding="klingon")
    with pytest.raises(ValueError, match="not ASCII-compatible"):
        read(["x"], encoding="utf-16")
    with pytest.raises(ValueError, match="unknown duplicates 'yes'; valid: keep, drop"):
        read(["x"], duplicates="yes")
    with pytest.raises(ValueError, match="valid: skip, keep"):
        read(["x"], empty="no")
    with pytest.raises(TypeError, match="text_field must be a str, got int"):
        read(["x"], text_field=3)
    with pytest.raises(TypeError, match="got bytes"):
        read(b"abc")
    with pytest.raises(TypeError, match="got int"):
        read(5)
    assert set(FORMATS) >= {"txt", "json", "jsonl", "csv", "tsv", "zip", "saudinewsnet"}


def test_skipped_is_a_named_tuple() -> None:
    s = Skipped("f", 3, "why", "malformed", "line")
    assert s.file == "f" and s.position == 3 and s.reason == "why"


# --------------------------------------------------------------------------- JSONL round trip
@settings(max_examples=60)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                        min_size=1).filter(lambda t: not t.isspace()), max_size=20))
def test_jsonl_round_trip(tmp_path_factory, texts: list[str]) -> None:
    path = tmp_path_factory.mktemp("rt") / "r.jsonl"
    # ensure_ascii=False keeps U+2028, U+0085 etc. raw: lines split only at "\n"
    lines = (json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    path.write_text("".join(lines), encoding="utf-8")
    docs = read(path, duplicates=None)
    assert [d.text for d in docs] == texts
    assert docs.report.skipped == []


# --------------------------------------------------------------------------- SaudiNewsNet
@pytest.mark.slow
def test_saudinewsnet_as_published(saudinewsnet_dir: Path,
                                   saudinewsnet_articles: list[dict]) -> None:
    start = time.perf_counter()
    docs = read(saudinewsnet_dir, duplicates=None)
    out = docs.to_list()
    elapsed = time.perf_counter() - start
    report = docs.report
    assert docs.format == "saudinewsnet"
    assert len(saudinewsnet_articles) == 31_030
    empty = [a for a in saudinewsnet_articles if not a["content"].strip()]
    assert report.documents_read == len(out) == 31_030 - len(empty)
    assert kinds(report) == {"empty_text": len(empty)}
    assert len(report.files_read) == len(list(saudinewsnet_dir.glob("*.zip")))
    assert report.encoding == "utf-8"
    sources = {d.meta["source"] for d in out}
    assert len(sources) == 14
    dates = sorted({d.meta["date"] for d in out})
    assert dates[0] == "2015-07-21" and dates[-1] == "2015-08-11"
    assert out[0].id == "2015-07-21/0"
    assert len({d.id for d in out}) == len(out)
    first = saudinewsnet_articles[0]
    assert out[0].text == first["content"]
    assert out[0].meta == {"source": first["source"], "url": first["url"],
                           "date": first["date_extracted"][:10],
                           "date_extracted": first["date_extracted"],
                           "title": first["title"], "author": first["author"],
                           "file": "2015-07-21.zip"}
    # Keep the empty articles: all 31,030 load.
    everything = read_saudinewsnet(saudinewsnet_dir, empty="keep", duplicates=None)
    assert sum(1 for _ in everything) == 31_030
    assert everything.report.skipped == []
    assert elapsed < 30  # about 2 s on a CI machine; generous for shared cores


@pytest.mark.slow
def test_saudinewsnet_duplicates(saudinewsnet_dir: Path,
                                 saudinewsnet_texts: list[str]) -> None:
    from arabcorpus.text.normalize import Normalizer

    # Independent count: an article duplicates an earlier one when the search-profile
    # normalizations of their (non-empty) contents are equal.
    texts = [t for t in saudinewsnet_texts if t.strip()]
    seen: set[str] = set()
    expected = 0
    for key in Normalizer("search").normalize_many(texts):
        expected += key in seen
        seen.add(key)
    docs = read_saudinewsnet(saudinewsnet_dir, duplicates="drop")
    n = sum(1 for _ in docs)
    report = docs.report
    assert report.n_duplicates == report.duplicates_dropped == expected > 0
    assert n == report.documents_read == len(texts) - expected
    assert report.n_skipped == len(saudinewsnet_texts) - len(texts)
    # a first occurrence is never itself a duplicate
    assert not {d.id for d in report.duplicates} & {d.first_id for d in report.duplicates}


def test_corrupt_zip_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    archive = make_zip(tmp_path / "crc.zip", {"x.txt": ("نص " * 50).encode("utf-8")})
    raw = bytearray(archive.read_bytes())
    raw[raw.index(b"x.txt") + 5 + 3] ^= 0xFF  # damage the compressed data
    archive.write_bytes(bytes(raw))
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["a.txt"]
    got = [(s.file, s.kind) for s in docs.report.skipped]
    assert got == [("broken.zip", "malformed"), ("crc.zip:x.txt", "malformed")]
    assert docs.report.skipped[0].reason.startswith("not a valid zip archive")
    with pytest.raises(ReadError, match="broken.zip: not a valid zip archive"):
        read(tmp_path, strict=True).to_list()


def test_unknown_option_is_pythons_type_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "نص"}\n', encoding="utf-8")
    with pytest.raises(TypeError, match="unexpected keyword argument 'txt_field'"):
        read_jsonl(path, txt_field="body")
    with pytest.raises(TypeError):
        read_jsonl(path, format="csv")
    with pytest.raises(TypeError, match="'delimiter'"):
        read_texts(tmp_path, delimiter=";")


def test_unknown_option_error_is_a_deprecated_alias_of_type_error() -> None:
    from arabcorpus.io import readers

    with pytest.warns(DeprecationWarning, match="UnknownOptionError is deprecated"):
        alias = readers.UnknownOptionError
    assert alias is TypeError


def test_readers_show_their_options_in_the_signature() -> None:
    import inspect

    def options(fn):
        params = inspect.signature(fn).parameters.values()
        return [p.name for p in params if p.kind is p.KEYWORD_ONLY]

    common = ["strict", "duplicates", "empty"]
    assert options(read_texts) == ["encoding", *common]
    for fn in (read_json, read_jsonl):
        assert options(fn) == ["text_field", "id_field", "encoding", *common]
    assert options(read_csv) == ["text_field", "id_field", "encoding", *common,
                                 "delimiter"]
    assert options(read_zip) == ["text_field", "id_field", "encoding", *common,
                                 "max_uncompressed", "delimiter"]
    for fn in (read_dataframe, read_iterable):
        assert options(fn) == ["text_field", "id_field", *common]
    assert options(read_saudinewsnet) == ["text_field", "id_field", "encoding", *common,
                                          "max_uncompressed"]
    assert inspect.signature(read_saudinewsnet).parameters["text_field"].default \
        == "content"
    for fn in (read, as_documents):
        names = options(fn)
        assert names[0] == "format" and "delimiter" in names
        assert not any(n.startswith("_") for n in inspect.signature(fn).parameters)


def snn_article(content: str, extracted: str = "2015-07-21 02:51:32", **extra) -> dict:
    return {"source": "sabq", "url": "http://sabq.org/x", "date_extracted": extracted,
            "title": "عنوان", "author": "", "content": content, **extra}


def test_saudinewsnet_layout_small(tmp_path: Path) -> None:
    day1 = [snn_article(ARTICLE), snn_article(""), snn_article(OTHER, "bad date", tag=1)]
    day2 = [snn_article(OTHER + " ٢", "2015-08-11 18:51:33")]
    make_zip(tmp_path / "2015-07-21.zip",
             {"2015-07-21.json": json.dumps(day1, ensure_ascii=False).encode("utf-8")})
    make_zip(tmp_path / "2015-08-11.zip",
             {"2015-08-11.json": json.dumps(day2, ensure_ascii=False).encode("utf-8")})
    (tmp_path / "SHA256SUMS").write_text("x\n")
    (tmp_path / "notes.txt").write_text("ملاحظة", encoding="utf-8")
    docs = read(tmp_path)
    assert docs.format == "saudinewsnet"
    out = docs.to_list()
    assert [d.id for d in out] == ["2015-07-21/0", "2015-07-21/2", "2015-08-11/0"]
    assert out[0].meta == {"source": "sabq", "url": "http://sabq.org/x", "date": "2015-07-21",
                           "date_extracted": "2015-07-21 02:51:32", "title": "عنوان",
                           "author": "", "file": "2015-07-21.zip"}
    assert out[1].meta["date"] is None and out[1].meta["tag"] == 1
    assert out[2].meta["date"] == "2015-08-11"
    (skip,) = docs.report.skipped
    assert (skip.file, skip.position, skip.unit, skip.kind, skip.reason) == (
        "2015-07-21.zip:2015-07-21.json", 1, "index", "empty_text",
        "empty text field 'content'")
    assert docs.report.ignored == ["notes.txt"]
    assert read_saudinewsnet(tmp_path / "2015-08-11.zip").to_list() == [out[2]]
    # one day's zip passed alone is recognized as SaudiNewsNet, not read as a generic
    # zip whose records all lack a "text" field
    one_day = read(tmp_path / "2015-07-21.zip")
    assert one_day.format == "saudinewsnet"
    assert one_day.to_list() == out[:2]
    assert read(tmp_path / "2015-07-21.zip", format="zip").format == "zip"
    renamed = tmp_path / "other-name.zip"
    renamed.write_bytes((tmp_path / "2015-07-21.zip").read_bytes())
    assert read(renamed).format == "zip"
    # dated zips that do not hold YYYY-MM-DD.json are an ordinary folder
    other = tmp_path / "other"
    other.mkdir()
    make_zip(other / "2020-01-01.zip", {"a.txt": ARTICLE.encode("utf-8")})
    plain = read(other)
    assert plain.format == "folder"
    assert [d.id for d in plain] == ["2020-01-01.zip/a.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no YYYY-MM-DD.zip"):
        read_saudinewsnet(empty)


def test_json_many_bad_bytes_beyond_offset_cap(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    records = [{"text": "X" * 5} for _ in range(2_100)]
    raw = json.dumps(records).encode("utf-8").replace(b"X", b"\xff")
    path.write_bytes(raw)
    docs = read(path)
    assert docs.to_list() == []
    report = docs.report
    assert len(report.skipped) == 2_100 and set(kinds(report)) == {"undecodable"}
    first_bad = raw.index(b"\xff")
    assert report.skipped[0].reason.endswith(f"at byte offset {first_bad} (0xff)")
    assert "after byte offset" in report.skipped[-1].reason


# --------------------------------------------------------------------------- trust (issue 16)
def test_csv_stray_quote_reports_the_lines_it_swallowed(tmp_path: Path) -> None:
    """A quote opening row 11 of 1,000 and never closed used to swallow 990 rows into
    one reported row; now the skip names every line it covered."""
    rows = [f"r{i},{OTHER} {i},sabq" for i in range(1, 1001)]
    rows[10] = '"' + rows[10]                           # row 11 = line 12
    path = tmp_path / "news.csv"
    path.write_text("id,text,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    docs = read(path, id_field="id")
    assert [d.id for d in docs] == [f"r{i}" for i in range(1, 11)]
    (skip,) = docs.report.skipped
    assert (skip.position, skip.unit, skip.kind) == (12, "line", "malformed")
    assert "lines 12-1001" in skip.reason and "990 lines were not read" in skip.reason
    with pytest.raises(ReadError, match=r"news\.csv, line 12: .*lines 12-1001"):
        read(path, strict=True).to_list()
    # a second stray quote closes the field: reading resumes after it
    rows[499] = '"' + rows[499]                         # row 500 = line 501
    path.write_text("id,text,source\n" + "\n".join(rows) + "\n", encoding="utf-8")
    docs = read(path, id_field="id")
    ids = [d.id for d in docs]
    assert ids == [f"r{i}" for i in list(range(1, 11)) + list(range(501, 1001))]
    (skip,) = docs.report.skipped
    assert skip.position == 12 and "lines 12-501" in skip.reason
    assert len(ids) + (501 - 12 + 1) == 1000  # every row read or covered by the skip


def _patch_zip(path: Path, *, flag: int = 0, method: int | None = None,
               size: int | None = None) -> None:
    """Set bits of the general-purpose flag, the compression method or the declared
    uncompressed size of every member, in the local and the central headers."""
    import struct

    raw = bytearray(path.read_bytes())
    for sig, flag_at, method_at, size_at in ((b"PK\x03\x04", 6, 8, 22),
                                             (b"PK\x01\x02", 8, 10, 24)):
        at = raw.find(sig)
        while at >= 0:
            old_flag = struct.unpack_from("<H", raw, at + flag_at)[0]
            struct.pack_into("<H", raw, at + flag_at, old_flag | flag)
            if method is not None:
                struct.pack_into("<H", raw, at + method_at, method)
            if size is not None:
                struct.pack_into("<I", raw, at + size_at, size)
            at = raw.find(sig, at + 4)
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("patch, kind, words", [
    ({"flag": 0x1}, "unsupported", "encrypted"),
    ({"method": 9}, "unsupported", "Deflate64"),
])
def test_zip_member_python_cannot_read_is_skipped(tmp_path: Path, patch: dict,
                                                  kind: str, words: str) -> None:
    """An encrypted or Deflate64 member raised RuntimeError / NotImplementedError
    (naming no file) and stopped the whole read."""
    archive = make_zip(tmp_path / "a.zip", {"x.txt": ARTICLE.encode("utf-8")})
    _patch_zip(archive, **patch)
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    (folder / "a.zip").write_bytes(archive.read_bytes())
    for source, member in ((archive, f"{archive}:x.txt"), (folder, "a.zip:x.txt")):
        docs = read(source)
        assert [d.text for d in docs] == ([] if source == archive else [OTHER])
        (skip,) = docs.report.skipped
        assert (skip.file, skip.kind) == (member, kind) and words in skip.reason
        with pytest.raises(ReadError, match=f"{re.escape(member)}: .*{words}"):
            read(source, strict=True).to_list()


def test_damaged_central_directory_passed_directly(tmp_path: Path) -> None:
    """A damaged central directory raised a bare BadZipFile from read() itself."""
    archive = make_zip(tmp_path / "a.zip", {"x.txt": ARTICLE.encode("utf-8")})
    good = archive.read_bytes()
    at = good.index(b"PK\x01\x02")
    damaged = {"signature": good[:at] + b"XX" + good[at + 2:],
               "truncated": good[:at + 10] + good[good.index(b"PK\x05\x06"):]}
    for name, raw in damaged.items():
        archive.write_bytes(raw)
        assert zipfile.is_zipfile(archive)  # the end record still looks right
        docs = read(archive)
        assert docs.to_list() == []
        (skip,) = docs.report.skipped
        assert (skip.file, skip.kind) == (str(archive), "malformed"), name
        assert skip.reason.startswith("not a valid zip archive")
        with pytest.raises(ReadError, match=f"{re.escape(str(archive))}: not a valid"):
            read(archive, strict=True).to_list()


def test_zip_bomb_member_refused_by_default_and_read_in_chunks(tmp_path: Path,
                                                               monkeypatch) -> None:
    """A member declaring 2 GB passed the old 4 GiB limit on the whole archive and was
    read whole (``read()`` with no size) into memory."""
    assert DEFAULT_MAX_UNCOMPRESSED == 512 * 1024 ** 2
    archive = make_zip(tmp_path / "bomb.zip", {"big.txt": b"0" * 1000,
                                               "small.txt": OTHER.encode("utf-8")})
    raw = bytearray(archive.read_bytes())
    import struct

    at = raw.index(b"PK\x01\x02")  # central entry of big.txt (written first)
    struct.pack_into("<I", raw, at + 24, 2_000_000_000)
    archive.write_bytes(bytes(raw))
    sizes: list[int] = []
    real_read = zipfile.ZipExtFile.read

    def spy(self, n=-1):
        sizes.append(n)
        return real_read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    docs = read(archive)
    assert [d.text for d in docs] == [OTHER]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == (f"{archive}:big.txt", "too_large")
    assert "2,000,000,000 bytes exceeds max_uncompressed=536,870,912" in skip.reason
    assert sizes and all(0 < n <= 8 << 20 for n in sizes)  # bounded chunks only


def test_unreadable_file_is_reported_and_the_folder_goes_on(tmp_path: Path,
                                                            monkeypatch) -> None:
    """(Tests run as root, where chmod does not deny: the denial is simulated.)"""
    import arabcorpus.io.formats as formats

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "نص"}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text(OTHER, encoding="utf-8")
    real_open = open

    def deny(file, *args, **kwargs):
        if Path(file).name == "b.jsonl":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(formats, "open", deny, raising=False)
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["a.txt", "c.txt"]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == ("b.jsonl", "unreadable")
    assert "Permission denied" in skip.reason
    with pytest.raises(ReadError, match="b.jsonl: cannot read the file"):
        read(tmp_path, strict=True).to_list()


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch) -> None:
    import os

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked" / "deep").mkdir(parents=True)
    (tmp_path / "locked" / "b.txt").write_text(OTHER, encoding="utf-8")
    real_scandir = os.scandir

    def deny(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["a.txt"]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == ("locked/", "unreadable")
    assert skip.reason == "cannot list the folder: Permission denied"
    with pytest.raises(ReadError, match="locked/: cannot list the folder"):
        read(tmp_path, strict=True).to_list()


def test_unreadable_subfolder_with_real_permissions(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(OTHER, encoding="utf-8")
    locked.chmod(0)
    try:
        try:
            os.listdir(locked)
            pytest.skip("permissions do not deny here (running as root)")
        except PermissionError:
            pass
        docs = read(tmp_path)
        assert [d.id for d in docs] == ["a.txt"]
        assert [(s.file, s.kind) for s in docs.report.skipped] == [("locked/",
                                                                    "unreadable")]
    finally:
        locked.chmod(0o755)


def test_fifo_is_reported_never_opened(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")   # opening it would block the read forever
    os.mkfifo(tmp_path / "pipe.md")    # not a readable format: ignored as a file is
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["a.txt"]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == ("pipe.txt", "unreadable")
    assert "named pipe" in skip.reason
    assert docs.report.ignored == ["pipe.md"]
    direct = read(tmp_path / "pipe.txt")
    assert direct.to_list() == [] and direct.report.skipped[0].kind == "unreadable"
    with pytest.raises(ReadError, match="pipe.txt: not a regular file"):
        read(tmp_path, strict=True).to_list()


def test_json_too_deep_or_too_long_is_malformed_and_the_folder_goes_on(
        tmp_path: Path) -> None:
    """A line nested 100,000 deep raised RecursionError, a 5,000-digit integer
    ValueError; neither named the file and either stopped the folder."""
    deep = "[" * 100_000 + "]" * 100_000
    digits = "9" * 5000
    (tmp_path / "a.jsonl").write_text(
        '{"text": "نص أول"}\n' + f'{{"text": "x", "k": {deep}}}\n'
        + f'{{"text": "y", "n": {digits}}}\n' + '{"text": "نص أخير"}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text(
        f'[{{"text": "أ"}}, {{"text": "x", "k": {deep}}}, {{"text": "ب"}}]',
        encoding="utf-8")
    (tmp_path / "c.json").write_text(f'{{"text": "x", "n": {digits}}}', encoding="utf-8")
    (tmp_path / "d.txt").write_text(OTHER, encoding="utf-8")
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["a.jsonl/0", "a.jsonl/3", "b.json/0", "d.txt"]
    got = [(s.file, s.position, s.kind) for s in docs.report.skipped]
    assert got == [("a.jsonl", 2, "malformed"), ("a.jsonl", 3, "malformed"),
                   ("b.json", 1, "malformed"), ("c.json", None, "malformed")]
    reasons = [s.reason for s in docs.report.skipped]
    assert "nested too deeply" in reasons[0] and "4300 digits" in reasons[1]
    assert "nested too deeply" in reasons[2] and "rest of the array" in reasons[2]
    assert "4300 digits" in reasons[3]
    with pytest.raises(ReadError, match=r"a\.jsonl, line 2: .*nested too deeply"):
        read(tmp_path, strict=True).to_list()


def test_lone_surrogates_replaced_and_counted(tmp_path: Path) -> None:
    """A JSON text with "\\ud800" built and saved, then failed to encode in every
    report and concordance."""
    (tmp_path / "a.jsonl").write_text(
        '{"text": "نص \\ud800 هنا", "title": "\\udfff\\ud83d\\ude00"}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"text": "\\uDBFF خبر"}, "\\ud800\\ud800"]',
                                     encoding="utf-8")
    docs = read(tmp_path)
    out = docs.to_list()
    assert [d.text for d in out] == ["نص \ufffd هنا", "\ufffd خبر", "\ufffd\ufffd"]
    assert out[0].meta == {"title": "\ufffd\U0001F600"}  # a valid pair is kept
    assert docs.report.surrogates_replaced == 5
    assert "replaced:       5 lone surrogates with U+FFFD" in str(docs.report)
    for d in out:  # every text and value encodes to UTF-8 now (raised before)
        d.text.encode("utf-8")
        json.dumps(d.meta, ensure_ascii=False).encode("utf-8")
    given = read(["\ud800نص", {"text": "نص", "k": "\udc00"}])
    assert [d.text for d in given] == ["\ufffdنص", "نص"]
    assert given.report.surrogates_replaced == 2
    clean = read(tmp_path / "a.jsonl", format="jsonl")
    clean.to_list()
    assert read(["نص"]).report.surrogates_replaced == 0 < clean.report.surrogates_replaced


def test_zip_member_with_empty_name_is_reported(tmp_path: Path) -> None:
    """A NUL at the start of a member's name (zipfile cuts names at NUL) left an empty
    name, on which ZipInfo.is_dir() raised IndexError."""
    archive = make_zip(tmp_path / "a.zip", {"x.txt": ARTICLE.encode("utf-8"),
                                            "y.txt": OTHER.encode("utf-8")})
    raw = bytearray(archive.read_bytes())
    raw[raw.index(b"PK\x01\x02") + 46] = 0  # first byte of x.txt's central name
    archive.write_bytes(bytes(raw))
    docs = read(archive)
    assert [d.text for d in docs] == [OTHER]
    assert [(s.file, s.kind) for s in docs.report.skipped] == [(f"{archive}:",
                                                                "malformed")]


# --------------------------------------------------------------------------- process state
def test_read_csv_leaves_the_global_field_limit_alone(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    big = "نص " * 100_000  # 500 KiB in UTF-8, beyond csv's 128 KiB default limit
    path = tmp_path / "big.csv"
    path.write_text(f"text,source\n\"{big}\",okaz\nقصير,sabq\n", encoding="utf-8")
    docs = read_csv(path)
    stream = iter(docs)
    first = next(stream)
    assert csv.field_size_limit() == before  # also while the pass is suspended
    assert first.text == big and first.meta == {"source": "okaz"}
    assert [d.text for d in stream] == ["قصير"]
    assert csv.field_size_limit() == before
    with pytest.raises(csv.Error):  # still the default limit for everyone else
        next(csv.reader([f'"{big}"']))


def test_files_on_disk_are_read_at_once_members_through_the_bounded_reader(
        tmp_path: Path) -> None:
    import io

    from arabcorpus.io import formats

    assert formats._read_whole(io.BytesIO(b"abc")) == b"abc"
    bounded = formats._Bounded(io.BytesIO(b"x" * 100), 50)
    with pytest.raises(formats._TooLarge):
        formats._read_whole(bounded)
    data = formats._read_whole(formats._Bounded(io.BytesIO(b"y" * 40), 50))
    assert data == b"y" * 40


def test_read_folder_files_reads_as_the_folder_read(tmp_path: Path) -> None:
    from arabcorpus.io.readers import folder_files, read_folder_files

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jsonl").write_text('{"text": "نص"}\n{"text": "آخر"}\n',
                                      encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    files, ignored = folder_files(tmp_path, None)
    assert [f[0] for f in files] == ["a.jsonl", "sub/b.txt"] and ignored == ["notes.md"]
    whole = read(tmp_path)
    parts = [read_folder_files(tmp_path, [rel], report_ignored=i == 0)
             for i, (rel, _, _) in enumerate(files)]
    assert [d for p in parts for d in p] == whole.to_list()
    assert parts[0].report.ignored == ["notes.md"] and parts[1].report.ignored == []
    with pytest.raises(ValueError, match="is not a folder"):
        read_folder_files(tmp_path / "a.jsonl", ["a.jsonl"])


def test_utf8_sig_is_a_valid_encoding_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    docs = read(path, encoding="utf-8-sig")
    assert [d.text for d in docs] == [ARTICLE]
    assert docs.report.encodings == {str(path): "utf-8-sig"}
