"""Web pages and crawls: ``.html`` files and WARC records read into documents.

The pages are built here around real article text (the bundled sample's articles and
the seed article) in the markup of an Arabic news site: navigation, breadcrumbs, a
share bar, a cookie banner, "اقرأ أيضاً" and "قد يهمك" cross-links, tags, a related
articles list and a footer. The WARC files are written here with warcio.
"""

from __future__ import annotations

import gzip
import html
import io
import socket
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arabcorpus as ac
from arabcorpus.io.html import PageError, decode_page, parse_page
from arabcorpus.io.news import parse_article
from arabcorpus.io.readers import ReadError, read, read_html, read_warc
from strategies import documents

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

SITE = "صحيفة المثال"
# Every line of the site's chrome: none may be left in a document's text.
BOILERPLATE = [
    "الرئيسية", "محليات", "دوليات", "رياضة", "شارك الخبر", "فيسبوك", "واتساب",
    "نحن نستخدم ملفات تعريف الارتباط", "موافق", "اقرأ أيضاً",
    "ارتفاع أسعار النفط في الأسواق العالمية", "قد يهمك",
    "افتتاح مهرجان الشعر العربي في الرياض", "أخبار ذات صلة",
    "وزير الثقافة يفتتح الجناح السعودي", "إقبال كبير على دور النشر المحلية",
    "ندوة عن مستقبل الرواية العربية", "جميع الحقوق محفوظة", "من نحن", "اتصل بنا",
    "سياسة الخصوصية", "الوسوم",
]
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def news_page(title: str, paragraphs: list[str], *, date: str | None = "2024-03-01",
              author: str | None = "ريم الخطيب", section: str = "ثقافة",
              url: str = "https://news.example.sa/culture/2024/03/01/story",
              charset: str | None = "utf-8", jsonld_only: bool = False,
              byline: str | None = None) -> str:
    """An article page of an Arabic news site wrapping ``paragraphs``."""
    e = html.escape
    head = ""
    if not jsonld_only and date:
        head += f'\n<meta property="article:published_time" content="{date}T08:30:00+03:00">'
    if not jsonld_only:
        head += (f'\n<meta property="og:title" content="{e(title)}">'
                 f'\n<meta property="og:site_name" content="{SITE}">'
                 f'\n<meta property="article:section" content="{e(section)}">')
        if author:
            head += f'\n<meta name="author" content="{e(author)}">'
    if jsonld_only:
        head += ('\n<script type="application/ld+json">{"@context": "https://schema.org", '
                 f'"@type": "NewsArticle", "headline": "{title}", '
                 f'"datePublished": "{date}T08:30:00+03:00", '
                 f'"author": {{"@type": "Person", "name": "{author}"}}, '
                 f'"publisher": {{"@type": "Organization", "name": "{SITE}"}}}}'
                 '</script>')
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[:2])
    body += ('\n<div class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/n/1">'
             'ارتفاع أسعار النفط في الأسواق العالمية</a></div>\n')
    body += "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[2:])
    body += ('\n<p>قد يهمك: <a href="/n/2">افتتاح مهرجان الشعر العربي في الرياض</a></p>')
    meta_line = ""
    if byline is not None:
        meta_line = f'<p class="byline">{e(byline)}</p>'
    elif not jsonld_only:
        meta_line = (f'<div class="byline"><span class="author">بقلم: {e(author or "")}'
                     f'</span> <time datetime="{date}">{date}</time></div>')
    declared = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
{declared}
<title>{e(title)} | {SITE}</title>
<link rel="canonical" href="{url}">{head}
</head>
<body>
<div id="cookie-banner" class="cookie-consent">نحن نستخدم ملفات تعريف الارتباط لتحسين
تجربتك على موقعنا. <button>موافق</button></div>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li>
<li><a href="/world">دوليات</a></li><li><a href="/sport">رياضة</a></li>
</ul></nav></header>
<main>
<article class="post">
<div class="breadcrumb"><a href="/">الرئيسية</a> » <a href="/s">{e(section)}</a></div>
<h1 class="entry-title">{e(title)}</h1>
{meta_line}
<div class="share-bar"><span>شارك الخبر</span> <a href="#">فيسبوك</a>
<a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="entry-content">
{body}
</div>
<div class="tags">الوسوم: <a href="/tag/1">ثقافة</a> <a href="/tag/2">أخبار</a></div>
</article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/r/1">وزير الثقافة يفتتح الجناح السعودي في المعرض الدولي للكتاب</a></li>
<li><a href="/r/2">إقبال كبير على دور النشر المحلية في يومها الأول بالمعرض</a></li>
<li><a href="/r/3">ندوة عن مستقبل الرواية العربية في العصر الرقمي</a></li>
</ul></aside>
</main>
<footer class="site-footer"><p>جميع الحقوق محفوظة © 2024 {SITE}</p>
<p><a href="/about">من نحن</a> | <a href="/contact">اتصل بنا</a> |
<a href="/privacy">سياسة الخصوصية</a></p></footer>
</body></html>"""


FRONT_PAGE = f"""<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>الرئيسية | {SITE}</title></head><body>
<div class="cookie">نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. موافق</div>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li></ul></nav>
<ul class="latest">
<li><a href="/r/1">وزير الثقافة يفتتح الجناح السعودي في المعرض الدولي للكتاب</a></li>
<li><a href="/r/2">إقبال كبير على دور النشر المحلية في يومها الأول بالمعرض</a></li>
</ul><footer>جميع الحقوق محفوظة © 2024 {SITE}</footer></body></html>"""


@pytest.fixture(scope="module")
def articles() -> list:
    return list(ac.load_dataset("sample"))


def url_of(doc) -> str:
    return f"https://news.example.sa/{doc.meta['section']}/{doc.id}"


def page_of(doc, **kw) -> str:
    return news_page(doc.meta["title"], doc.text.split("\n\n"), date=doc.meta["date"],
                     author=doc.meta["author"], section=doc.meta["section_ar"],
                     url=url_of(doc), **kw)


def assert_clean(text: str) -> None:
    lines = text.split("\n\n")
    for line in lines:
        for chrome in BOILERPLATE:
            assert not line.startswith(chrome), (chrome, line)
        assert line not in BOILERPLATE


# --------------------------------------------------------------------------- pages
def test_every_sample_article_page(tmp_path: Path, articles: list) -> None:
    for doc in articles:
        (tmp_path / f"{doc.id}.html").write_text(page_of(doc), encoding="utf-8")
    docs = read(tmp_path)
    got = {d.id: d for d in docs}
    assert docs.report.n_skipped == 0 and len(got) == len(articles)
    for doc in articles:
        page = got[f"{doc.id}.html"]
        assert page.text == doc.text  # every body paragraph, verbatim
        assert_clean(page.text)
        meta = page.meta
        assert meta["title"] == doc.meta["title"]
        assert meta["date"] == doc.meta["date"]
        assert meta["author"] == doc.meta["author"]
        assert meta["section"] == doc.meta["section_ar"]
        assert meta["sitename"] == SITE
        assert meta["language"] == "ar"
        assert meta["url"] == url_of(doc)
        rules = [r["rule"] for r in meta["removed"]]
        assert "read_also" in rules and "may_interest" in rules
        assert set(docs.report.encodings.values()) == {"utf-8"}


def test_page_in_cp1256_declared_and_undeclared(tmp_path: Path, articles: list) -> None:
    doc = articles[3]
    text = doc.text.translate(_DIGITS)
    title = doc.meta["title"].translate(_DIGITS)
    for charset in ("windows-1256", None):
        page = news_page(title, text.split("\n\n"), date=doc.meta["date"],
                         author=doc.meta["author"], charset=charset)
        path = tmp_path / f"{charset}.htm"
        path.write_bytes(page.encode("cp1256"))
        docs = read(path)
        (got,) = docs.to_list()
        assert docs.report.encodings == {str(path): "cp1256"}
        assert got.text == text and got.meta["title"] == title
        assert got.meta["author"] == doc.meta["author"]
        assert_clean(got.text)


def test_page_in_iso_8859_6(articles: list) -> None:
    doc = next(d for d in articles if "٪" not in d.text and "٫" not in d.text
               and "٪" not in d.meta["title"])
    text = doc.text.translate(_DIGITS)
    page = news_page(doc.meta["title"].translate(_DIGITS), text.split("\n\n"),
                     charset="iso-8859-6", url=url_of(doc))
    data = page.replace("»", "/").replace("©", "").encode("iso8859-6")
    assert decode_page(data)[1] == "iso8859-6"
    got = parse_page(data)
    assert got.text == text
    assert_clean(got.text)


def test_date_only_in_json_ld(articles: list) -> None:
    doc = articles[1]
    page = news_page(doc.meta["title"], doc.text.split("\n\n"), date="2023-11-05",
                     author=doc.meta["author"], jsonld_only=True,
                     url="https://news.example.sa/culture/book-fair")
    assert "2023-11-05" not in page.split("application/ld+json")[0]
    got = parse_page(page)
    assert got.meta["date"] == "2023-11-05"
    assert got.meta["title"] == doc.meta["title"]
    assert got.meta["author"] == doc.meta["author"]
    assert got.text == doc.text


def test_page_without_article_is_a_report_line(tmp_path: Path, articles: list) -> None:
    (tmp_path / "index.html").write_text(FRONT_PAGE, encoding="utf-8")
    (tmp_path / "story.html").write_text(page_of(articles[0]), encoding="utf-8")
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["story.html"]
    (skip,) = docs.report.skipped
    assert (skip.file, skip.kind) == ("index.html", "no_article")
    assert "no main text" in skip.reason
    with pytest.raises(ReadError, match="index.html: no main text"):
        read(tmp_path, strict=True).to_list()
    with pytest.raises(PageError) as err:
        parse_page(FRONT_PAGE)
    assert err.value.kind == "no_article"


def test_seed_article_page(seed_text: str) -> None:
    expected = parse_article(seed_text)
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    title, byline, body = lines[0], lines[2], lines[3:]
    page = news_page(title, [p for p in body if not p.startswith(("اقرأ أيضاً", "قد يهمك"))],
                     byline=byline, date=None, author=None, section="سياسي",
                     url="https://www.rozana.fm/ar/news/isis")
    doc = parse_page(page)
    assert doc.meta["title"] == "تحذيرات دولية من إعادة ترتيب صفوف داعش!"
    assert doc.meta["date"] == "2020-08-29"
    assert doc.meta["author"] == "مالك الحافظ"
    assert doc.meta["section"] == "سياسي"
    # trafilatura writes a no-break space inside a paragraph as a space
    assert doc.text == expected.text.replace("\xa0", " ")
    assert_clean(doc.text)


def test_custom_rules_and_binary_and_unknown_encoding(tmp_path: Path,
                                                      articles: list) -> None:
    doc = articles[0]
    paragraphs = doc.text.split("\n\n")
    page = page_of(doc)
    assert read_html_text(tmp_path, page, rules=()).count("اقرأ أيضاً") == 1
    png = tmp_path / "photo.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    unknown = tmp_path / "gbk.html"
    unknown.write_bytes(('<html><head><meta charset="x-unknown"></head><body><p>'
                         + "北京市今天举行新闻发布会，介绍了城市发展规划的最新情况。" * 3
                         + "</p></body></html>").encode("gbk"))
    docs = read(tmp_path)
    kinds = {s.file: (s.kind, s.reason) for s in docs.report.skipped}
    assert kinds["photo.html"] == ("malformed", "binary data, not an HTML page "
                                                "(a PNG image)")
    assert kinds["gbk.html"][0] == "undecodable"
    assert "'x-unknown' declared by the page (an unknown encoding)" in kinds["gbk.html"][1]
    assert [d.text for d in docs] == ["\n\n".join(paragraphs)]
    for bad in ("photo.html", "gbk.html"):
        with pytest.raises(ReadError, match=bad):
            read(tmp_path / bad, strict=True).to_list()


def read_html_text(folder: Path, page: str, **kw) -> str:
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    return read_html(path, **kw).to_list()[0].text


def test_zip_of_pages(tmp_path: Path, articles: list) -> None:
    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for doc in articles[:3]:
            zf.writestr(f"site/{doc.id}.html", page_of(doc).encode("utf-8"))
        zf.writestr("site/style.css", "body {}")
    docs = read(path)
    first = sorted(articles[:3], key=lambda d: d.id)
    assert [d.id for d in docs] == [f"site/{d.id}.html" for d in first]
    assert [d.text for d in docs] == [d.text for d in first]
    assert docs.report.ignored == [f"{path}:site/style.css"]


def test_read_html_reads_only_the_pages_of_a_zip(tmp_path: Path, articles: list) -> None:
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.html", page_of(articles[0]).encode("utf-8"))
        zf.writestr("notes.txt", "ملاحظات عن الموقع")
        zf.writestr("items.jsonl", '{"text": "نص"}\n')
        zf.writestr("b.htm", page_of(articles[1]).encode("utf-8"))
    assert len(read(path).to_list()) == 4  # read() takes every format
    docs = read_html(path)
    assert [d.id for d in docs] == ["a.html", "b.htm"]
    assert [d.text for d in docs] == [articles[0].text, articles[1].text]
    assert docs.report.ignored == [f"{path}:items.jsonl", f"{path}:notes.txt"]
    assert not docs.report.skipped


# --------------------------------------------------------------------------- WARC
def _http(status: str, ctype: str | None, extra: list | None = None) -> StatusAndHeaders:
    headers = ([("Content-Type", ctype)] if ctype else []) + (extra or [])
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_crawl(path: Path, articles: list, *, gz: bool = True) -> dict:
    """A crawl of three article pages with what a crawler also saves."""
    urls = [f"https://news.example.sa/a/{i}" for i in range(3)]
    pages = [page_of(doc).encode("utf-8") for doc in articles[:3]]
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        records = {}
        for url, page in zip(urls, pages):
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                       http_headers=StatusAndHeaders(
                                           "GET / HTTP/1.1", [("Host", "news.example.sa")],
                                           is_http_request=True))
            w.write_record(req)
            resp = w.create_warc_record(url, "response", payload=io.BytesIO(page),
                                        http_headers=_http("200 OK",
                                                           "text/html; charset=utf-8"))
            w.write_record(resp)
            records[url] = resp
        w.write_record(w.create_warc_record(
            "https://news.example.sa/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"),
            http_headers=_http("200 OK", "image/png")))
        w.write_record(w.create_warc_record(
            "https://news.example.sa/old", "response", payload=io.BytesIO(b""),
            http_headers=_http("301 Moved Permanently", "text/html",
                               [("Location", urls[0])])))
        w.write_record(w.create_warc_record(
            "https://news.example.sa/style.css", "response",
            payload=io.BytesIO(b"body { direction: rtl }"),
            http_headers=_http("200 OK", "text/css")))
        first = records[urls[0]]
        w.write_record(w.create_revisit_record(
            urls[0], digest=first.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=urls[0],
            refers_to_date=first.rec_headers.get_header("WARC-Date"),
            http_headers=_http("200 OK", "text/html; charset=utf-8")))
        # the same URL captured again, with a changed page
        w.write_record(w.create_warc_record(
            urls[1], "response", payload=io.BytesIO(page_of(articles[4]).encode("utf-8")),
            http_headers=_http("200 OK", "text/html")))
        w.write_record(w.create_warc_record(
            "https://news.example.sa/missing", "response",
            payload=io.BytesIO(b"<html><body>404</body></html>"),
            http_headers=_http("404 Not Found", "text/html")))
    return {"urls": urls, "records": records}


@pytest.mark.parametrize("gz", [True, False])
def test_warc_crawl(tmp_path: Path, articles: list, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    made = write_crawl(path, articles, gz=gz)
    docs = read(path)
    got = docs.to_list()
    assert [d.text for d in got] == [d.text for d in articles[:3]]
    assert [d.id for d in got] == ["2", "4", "6"]  # record numbers
    for doc, url, art in zip(got, made["urls"], articles):
        rec = made["records"][url].rec_headers
        assert doc.meta["url"] == url
        assert doc.meta["warc_date"] == rec.get_header("WARC-Date")
        assert doc.meta["record_id"] == rec.get_header("WARC-Record-ID")
        assert doc.meta["canonical_url"] == url_of(art)
        assert doc.meta["title"] == art.meta["title"]
        assert doc.meta["date"] == art.meta["date"]
        assert_clean(doc.text)
    report = docs.report
    assert report.records == {"warcinfo": 1, "request": 3, "html": 4, "image": 1,
                              "redirect": 1, "not_html": 1, "revisit": 1,
                              "http_error": 1}
    kinds = [(s.kind, s.unit) for s in report.skipped]
    assert kinds == [("revisit", "offset"), ("repeated_url", "offset")]
    revisit, repeated = report.skipped
    assert "read from record 2" in revisit.reason and "kept once" in revisit.reason
    assert "record 11" in repeated.reason and "already read from record 4" in repeated.reason
    assert "WARC records:   13" in str(report)
    # the offsets are where the records start
    with open(path, "rb") as fh:
        fh.seek(revisit.position)
        head = fh.read(200)
    if gz:
        head = gzip.decompress(open(path, "rb").read()[revisit.position:])[:200]
    assert b"WARC-Type: revisit" in head


def test_warc_in_folder_with_pages_and_through_read_warc(tmp_path: Path,
                                                         articles: list) -> None:
    write_crawl(tmp_path / "c.warc.gz", articles)
    (tmp_path / "p.html").write_text(page_of(articles[7]), encoding="utf-8")
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["c.warc.gz/2", "c.warc.gz/4", "c.warc.gz/6", "p.html"]
    assert [d.id for d in read_warc(tmp_path)] == ["c.warc.gz/2", "c.warc.gz/4",
                                                   "c.warc.gz/6"]
    assert [d.id for d in read_html(tmp_path)] == ["p.html"]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("where", ["header", "middle", "end"])
def test_truncated_warc(tmp_path: Path, articles: list, gz: bool, where: str) -> None:
    full = tmp_path / ("full.warc.gz" if gz else "full.warc")
    write_crawl(full, articles, gz=gz)
    third, after = _offset_of(full, "6"), _offset_of(full, "7")  # third page's record
    stop = {"header": third + 40, "middle": (third + after) // 2, "end": after - 10}
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(full.read_bytes()[:stop[where]])  # the file ends inside it
    docs = read(cut)
    assert [d.id for d in docs] == ["2", "4"]
    (skip,) = docs.report.skipped
    assert (skip.kind, skip.unit) == ("malformed", "offset")
    # at the record, or at the blank lines closing the one before (uncompressed)
    assert third - 4 <= skip.position <= third
    assert any(k in skip.reason for k in ("truncated", "ends inside a record",
                                          "no valid WARC record"))
    with pytest.raises(ReadError, match=f"{cut.name}, offset {skip.position}"):
        read(cut, strict=True).to_list()


def _offset_of(path: Path, record: str) -> int:
    """The byte offset of record number ``record`` (as the reader counts them)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for n, rec in enumerate(it):
            it.read_to_end(rec)
            if str(n) == record:
                return it.get_record_offset()
    raise AssertionError(record)


def test_gzip_member_that_is_not_warc(tmp_path: Path, articles: list) -> None:
    good = tmp_path / "good.warc.gz"
    write_crawl(good, articles)
    data = good.read_bytes()
    third = _offset_of(good, "6")
    junk = gzip.compress(b"just some text, not a record\n")
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[:third] + junk + data[third:])
    docs = read(bad)
    # the junk member counts as one record: the third page is record 7 now
    assert [d.id for d in docs] == ["2", "4", "7"]
    (skip,) = [s for s in docs.report.skipped if s.kind == "malformed"]
    assert skip.position == third
    assert f"no valid WARC record at byte offset {third}" in skip.reason
    assert (f"reading resumed at the next gzip member holding a WARC record, at byte "
            f"offset {third + len(junk)}") in skip.reason
    with pytest.raises(ReadError, match=f"bad.warc.gz, offset {third}"):
        read(bad, strict=True).to_list()


@pytest.mark.parametrize(("gz", "damage"), [(True, "header"), (False, "header"),
                                            (True, "body")])
def test_damaged_record_in_the_middle(tmp_path: Path, articles: list, gz: bool,
                                      damage: str) -> None:
    """A damaged record is reported with the bytes skipped, and reading resumes at
    the next record: the pages after it are read."""
    good = tmp_path / ("good.warc.gz" if gz else "good.warc")
    write_crawl(good, articles, gz=gz)
    data = bytearray(good.read_bytes())
    second, after = _offset_of(good, "4"), _offset_of(good, "5")  # second page
    if damage == "header":  # its first line is no WARC version
        data[second:second + 4] = b"XXXX"
    else:  # zeros in the middle of its gzip member
        at = (second + after) // 2
        data[at:at + 16] = bytes(16)
    bad = tmp_path / ("bad.warc.gz" if gz else "bad.warc")
    bad.write_bytes(bytes(data))
    docs = read(bad)
    got = docs.to_list()
    # record 11, the second capture of the damaged page's URL, is read now
    assert [d.id for d in got] == ["2", "6", "11"]
    assert [d.text for d in got] == [articles[0].text, articles[2].text,
                                     articles[4].text]
    malformed = [s for s in docs.report.skipped if s.kind == "malformed"]
    assert len(malformed) == 1
    (skip,) = malformed
    assert second - 4 <= skip.position <= after
    assert f"at byte offset {after}" in skip.reason and "reading resumed" in skip.reason
    with pytest.raises(ReadError, match=f"{bad.name}, offset {skip.position}"):
        read(bad, strict=True).to_list()


def test_nothing_is_fetched(tmp_path: Path, articles: list, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    write_crawl(tmp_path / "c.warc.gz", articles)
    (tmp_path / "p.html").write_text(page_of(articles[7]), encoding="utf-8")
    assert len(read(tmp_path).to_list()) == 4


def test_command_line_reads_pages_and_crawls(tmp_path: Path, articles: list,
                                             capsys) -> None:
    from arabcorpus.app.cli import load_corpus, main

    pages = tmp_path / "pages"
    pages.mkdir()
    for doc in articles[:4]:
        (pages / f"{doc.id}.html").write_text(page_of(doc), encoding="utf-8")
    write_crawl(tmp_path / "c.warc.gz", articles)
    assert len(load_corpus(str(pages), progress=False)) == 4
    corpus = load_corpus(str(tmp_path / "c.warc.gz"), progress=False)
    assert len(corpus) == 3
    assert main(["stats", str(pages)]) == 0


def test_warc_charset_from_http_header_and_orphan_revisit(tmp_path: Path,
                                                          articles: list) -> None:
    doc = articles[3]
    text = doc.text.translate(_DIGITS)
    page = news_page(doc.meta["title"].translate(_DIGITS), text.split("\n\n"),
                     charset=None, url=url_of(doc)).encode("cp1256")
    path = tmp_path / "c.warc"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        w.write_record(w.create_revisit_record(
            "https://news.example.sa/earlier", digest="sha1:AAAA",
            refers_to_uri="https://news.example.sa/earlier",
            refers_to_date="2024-01-01T00:00:00Z",
            http_headers=_http("200 OK", "text/html")))
        w.write_record(w.create_warc_record(
            "https://news.example.sa/cp", "response", payload=io.BytesIO(page),
            http_headers=_http("200 OK", "text/html; charset=windows-1256")))
    docs = read(path)
    (got,) = docs.to_list()
    assert got.text == text and docs.report.encodings == {str(path): "cp1256"}
    (skip,) = docs.report.skipped
    assert skip.kind == "revisit" and "original capture is not a page read" in skip.reason
    # the same crawl in a zip archive
    archive = tmp_path / "crawls.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(path, "2024/c.warc")
    assert [d.id for d in read(archive)] == ["2024/c.warc/1"]


@pytest.mark.parametrize("paragraphs", [
    ["احتفل الشاب سيف بن عيد الرشيدي بزواجه من كريمة فضي الرشيدي."],
    ["رئيس بلدية السليل", "أعلنت البلدية تخصيص ثلاثة مراكز لقيد الناخبين."],
])
def test_short_article(paragraphs: list) -> None:
    """trafilatura returns a short article's whole element as one line (breadcrumb,
    headline, byline, share bar and body run together): it is extracted again."""
    doc = parse_page(news_page("أفراح الرشيدي", paragraphs,
                               url="https://news.example.sa/x/1"))
    assert doc.text.split("\n\n") == paragraphs
    assert (doc.meta["title"], doc.meta["date"]) == ("أفراح الرشيدي", "2024-03-01")


def test_page_whose_only_line_is_a_byline_is_no_article() -> None:
    with pytest.raises(PageError) as err:
        parse_page(news_page("أفراح الرشيدي", ["د. التويجري"]))
    assert err.value.kind == "no_article"


# --------------------------------------------------------------------------- speed paths
def _keyword_extraction(page: str, url: str | None, precision: bool):
    """trafilatura's extraction as our options say, built from keywords each time."""
    import trafilatura
    from trafilatura.utils import load_html

    return trafilatura.bare_extraction(load_html(page), url=url, include_comments=False,
                                       favor_precision=precision)


def _same_extraction(page: str, url: str | None) -> None:
    import trafilatura
    from trafilatura.utils import load_html

    from arabcorpus.io.html import _options, _text_of

    for precision in (False, True):
        cached = trafilatura.bare_extraction(load_html(page), **_options(url, precision))
        plain = _keyword_extraction(page, url, precision)
        assert _text_of(cached) == _text_of(plain)


@pytest.mark.parametrize("url", [None, "https://news.example.sa/a/1"])
def test_shared_extractor_options_give_the_same_text(articles: list, url) -> None:
    """The Extractor built once and copied (a speed path) extracts what trafilatura's
    keyword call does, in both modes, on every sample article's page."""
    for doc in articles:
        _same_extraction(page_of(doc), url)
    _same_extraction(news_page("أفراح الرشيدي", ["احتفل الشاب سيف بن عيد الرشيدي."]), url)


@settings(max_examples=25, deadline=None)
@given(st.lists(documents(min_tokens=3, max_tokens=60), min_size=1, max_size=6))
def test_shared_extractor_options_on_generated_pages(paragraphs) -> None:
    _same_extraction(news_page("عنوان الخبر", paragraphs), None)
