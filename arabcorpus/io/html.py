"""Saved web pages: main text by trafilatura, metadata from the markup, then the news
rules.

A page is decoded (:func:`decode_page`: a byte-order mark, the encoding the HTTP
header or the page declares, checked against the bytes, else the bytes themselves:
UTF-8, Windows-1256, ISO-8859-6) and parsed once; its main text is extracted by
trafilatura (Barbaresi 2021) with comments left out, its metadata are read from the
same tree (meta tags such as Open Graph and ``article:section``, JSON-LD, the
canonical link, ``<title>``/``<h1>``; the date by htmldate when these do not give it,
else from the byline), and the text goes through the same
:mod:`~arabcorpus.io.news` rules as scraped text: bylines, "اقرأ أيضاً" and "قد يهمك"
cross-links, share prompts and cookie banners go to ``meta["removed"]``, with lines
that are only the text of a link of the page (menus, related-article lists that
slipped through). Nothing is fetched: trafilatura is given the bytes read from disk
or from a WARC record, never a URL to download.

:func:`parse_page` cleans one page; :func:`arabcorpus.io.readers.read` reads ``.html``
and ``.htm`` files (one document per page) through the same code, and WARC files
through :mod:`.warc`. A page with no main text is a skipped entry of kind
``no_article`` in the load report, never an empty document.

Examples
--------
>>> page = ('<html lang="ar"><head><meta charset="utf-8"><title>خبر</title>'
...         '<meta property="article:section" content="محليات"></head><body>'
...         '<nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav>'
...         '<article><h1>افتتاح مكتبة جديدة</h1>'
...         '<p>افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم عشرين ألف كتاب.</p>'
...         '<p>اقرأ أيضاً: <a href="/x">مهرجان الكتاب</a></p>'
...         '<p>وتفتح المكتبة أبوابها للزوار يومياً من الثامنة صباحاً حتى العاشرة مساءً.</p>'
...         '</article></body></html>')
>>> doc = parse_page(page)
>>> print(doc.text)
افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم عشرين ألف كتاب.
<BLANKLINE>
وتفتح المكتبة أبوابها للزوار يومياً من الثامنة صباحاً حتى العاشرة مساءً.
>>> doc.meta["section"], doc.meta["language"], doc.meta["removed"][-1]["rule"]
('محليات', 'ar', 'read_also')
"""

from __future__ import annotations

import codecs
import copy
import html as _html
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from arabcorpus.io.encodings import _bad_offsets, detect
from arabcorpus.io.news import DEFAULT_RULES, Rule, _check_rules, parse_article
from arabcorpus.util.validate import check_str

if TYPE_CHECKING:  # pragma: no cover
    from arabcorpus.io.stream import Document, _Context, _Item

__all__ = ["PAGE_META", "PageError", "decode_page", "parse_page"]

#: The metadata every page document carries (None when the page does not say), in
#: this order, before ``byline`` and ``removed`` (see :func:`parse_page`).
PAGE_META: tuple[str, ...] = ("title", "date", "author", "sitename", "section", "url",
                              "language")

_HEAD = 16384  # bytes searched for an encoding declaration and the page's language
_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)",
                       re.I)
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)",
                   re.I)
_CONTENT_LANG = re.compile(
    r"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*"
    r"[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)
_BYLINE_CLASS = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*?\bclass\s*=\s*[\"'][^\"']*?"
    r"(?:byline|post-meta|entry-meta|article-meta|meta-info|article-info)[^\"']*[\"'][^>]*>"
    r"(?P<inner>.*?)</(?P=tag)\s*>", re.I | re.S)
_ANCHOR = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
# WHATWG: these labels decode as windows-1252, which decodes any byte; a page
# labelled so but written in Arabic is tried against the bytes first.
_LATIN = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})
# Magic numbers of files that are sometimes saved with an .html name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF file"),
    (b"\x1f\x8b", "gzip-compressed data"), (b"PK\x03\x04", "a zip archive"),
    (b"RIFF", "a RIFF file (WebP, WAV)"), (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"), (b"wOF2", "a web font"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


# htmldate on the page's markup only (meta tags, JSON-LD, <time>, the URL): its
# extensive search of the text takes "© 2024" in a footer for a date. A date the
# markup does not give is read from the byline by the news rules (Arabic months).
_DATE_PARAMS = {"extensive_search": False, "original_date": True,
                "outputformat": "%Y-%m-%d"}


class PageError(ValueError):
    """A page that cannot become a document: ``kind`` is the load report's kind
    (``malformed``, ``undecodable``, ``no_article``), ``reason`` says why."""

    def __init__(self, kind: str, reason: str) -> None:
        self.kind, self.reason = kind, reason
        super().__init__(reason)


def _binary(data: bytes | bytearray) -> str | None:
    """Why ``data`` is binary rather than a page, or None."""
    head = bytes(data[:1024])
    if head.startswith(_UTF16_BOMS):
        return None
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return f"binary data, not an HTML page ({what})"
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"binary data, not an HTML page (a NUL byte at byte offset {nul})"
    return None


def _codec(label: str) -> str | None:
    """Python's codec for an encoding label, None if unknown. A page cannot declare
    UTF-16 in its own ASCII bytes, so such a label means UTF-8 (as in WHATWG)."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"
    if name == "utf-8-sig":
        return "utf-8"
    return name


def declared_encoding(data: bytes | bytearray) -> str | None:
    """The encoding label a page declares in its first 16 KiB (an XML declaration,
    ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...;
    charset=...">``), as written; None if it declares none.

    Examples
    --------
    >>> declared_encoding(b'<html><head><meta charset="windows-1256">')
    'windows-1256'
    >>> declared_encoding(b"<html><head><title>x</title>") is None
    True
    """
    head = bytes(data[:_HEAD])
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _undecodable(data: bytes | bytearray, codec: str) -> str:
    offsets = _bad_offsets(data, codec, limit=1)
    where = f" at byte offset {offsets[0]} (0x{data[offsets[0]]:02x})" if offsets else ""
    return f"undecodable bytes ({codec}){where}"


def decode_page(data: bytes | bytearray, *, http_charset: str | None = None,
                encoding: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes: ``(text, codec)``.

    The order: a byte-order mark (UTF-8, UTF-16); ``encoding`` if given (it wins over
    everything else); the charset of the HTTP header (``http_charset``, from a WARC
    record) or else the page's own declaration (:func:`declared_encoding`), if the
    bytes decode with it (a page declared Latin-1 or windows-1252 but holding
    non-ASCII bytes is first tried as Arabic, which old Arabic sites often did); then
    the bytes alone, as ``encoding="auto"`` reads files: UTF-8, Windows-1256,
    ISO-8859-6 if the text is plausibly Arabic.

    Parameters
    ----------
    data : bytes
        The page.
    http_charset : str, optional
        The charset of the HTTP ``Content-Type`` header.
    encoding : str, optional
        Force this codec.

    Returns
    -------
    (str, str)
        The text and the codec used (``"utf-8-sig"`` when a BOM was present).

    Raises
    ------
    PageError
        ``kind="undecodable"``: no encoding fits (the reason lists what was tried
        and the first bad byte's offset).

    Examples
    --------
    >>> page = '<meta charset="windows-1256"><p>مرحبا</p>'.encode("cp1256")
    >>> decode_page(page)
    ('<meta charset="windows-1256"><p>مرحبا</p>', 'cp1256')
    >>> decode_page("<p>مرحبا بكم في موقعنا</p>".encode("cp1256"))[1]  # undeclared
    'cp1256'
    """
    view = memoryview(data)
    if data[:3] == codecs.BOM_UTF8:
        try:
            return str(view[3:], "utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise PageError("undecodable", "UTF-8 byte-order mark, then "
                            + _undecodable(view[3:], "utf-8")) from None
    if data[:2] in _UTF16_BOMS:
        try:
            return str(data, "utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise PageError("undecodable", "UTF-16 byte-order mark, then "
                            + _undecodable(data, "utf-16")) from None
    if encoding is not None:
        try:
            return str(data, encoding), encoding
        except UnicodeDecodeError:
            raise PageError("undecodable", _undecodable(data, encoding)) from None
    tried: list[str] = []
    label = http_charset or declared_encoding(data)
    latin_fallback = None
    if label:
        where = "the HTTP header" if http_charset else "the page"
        codec = _codec(label)
        if codec is None:
            tried.append(f"{label!r} declared by {where} (an unknown encoding)")
        elif codec in _LATIN and not bytes(data).isascii():
            latin_fallback = codec
        else:
            try:
                return str(data, codec), codec
            except UnicodeDecodeError:
                tried.append(f"{label!r} declared by {where} ({_undecodable(data, codec)})")
    codec, why = detect(lambda: (data,))
    if codec is not None:
        try:
            return str(data, codec), codec
        except UnicodeDecodeError:
            tried.append(_undecodable(data, codec))
    else:
        if latin_fallback is not None:
            return str(data, latin_fallback), latin_fallback
        tried.append(why.removeprefix("no encoding fits: "))
    raise PageError("undecodable", "no encoding fits: " + "; ".join(tried))


def _language(text: str) -> str | None:
    head = text[:_HEAD]
    m = _LANG.search(head) or _CONTENT_LANG.search(head)
    return m.group(1).replace("_", "-").lower() if m else None


def _link_texts(text: str) -> set[str]:
    """The texts of the page's links, whitespace collapsed."""
    out = set()
    for m in _ANCHOR.finditer(text):
        inner = " ".join(_html.unescape(_TAG.sub(" ", m.group(1))).split())
        if inner:
            out.add(inner)
    return out


_SEPARATORS_ONLY = re.compile(r"[\s|•·,،؛;:/\\\-–—»«<>›‹]*")


def _only_links(line: str, links: set[str]) -> bool:
    """True if ``line`` is the text of one link, or of several links with only
    separators between them (a menu, a breadcrumb)."""
    if line in links:
        return True
    if len(line) > 300:
        return False
    rest = line
    for link in sorted((a for a in links if a in line), key=len, reverse=True):
        rest = rest.replace(link, " ")
    return rest != line and _SEPARATORS_ONLY.fullmatch(rest) is not None


def _markup_byline(text: str) -> dict | None:
    """The byline of the page's byline element (``class="byline"``, ``entry-meta``
    ...), as :func:`~arabcorpus.io.news.parse_byline` reads it; trafilatura takes
    such an element out of the text and does not read Arabic dates."""
    from arabcorpus.io.news import parse_byline

    for m in _BYLINE_CLASS.finditer(text):
        line = " ".join(_html.unescape(_TAG.sub(" ", m.group("inner"))).split())
        found = parse_byline(line) if line else None
        if found is not None:
            return found
    return None


_DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
              "pubdate", "publishdate", "publish-date", "publish_date", "date",
              "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
              "parsely-pub-date", "article.published", "published_time", "og:pubdate")
_AUTHOR_META = ("author", "article:author", "og:article:author", "dc.creator",
                "byl", "sailthru.author", "parsely-author")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TITLE_SPLIT = re.compile(r"\s*[|｜•·»]\s*|\s+[-–—:]\s+")
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage")


def _iso_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the start of an ISO date or date-time, if valid."""
    import datetime

    m = _ISO_DAY.match((value or "").strip())
    if m is None:
        return None
    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(_html.unescape(value).split())
    return value or None


def _names(value: Any) -> list[str]:
    """Names of a JSON-LD person/organization value (a str, a dict, a list)."""
    if isinstance(value, str):
        return [value] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first article object of the page's JSON-LD (``@graph`` searched too)."""
    import json

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                    return item
                if "@graph" in item:
                    stack.append(item["@graph"])
    return {}


def _page_metadata(tree: Any, text: str) -> dict[str, str | None]:
    """Title, date, author, site name, section and URL as the page's markup gives
    them: meta tags (Open Graph, article:*, Dublin Core...), JSON-LD, the canonical
    link, ``<title>`` and ``<h1>``; the date by htmldate when the markup's meta tags
    and JSON-LD do not give it."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "")
        content = el.get("content")
        if key and content and key.strip().lower() not in metas:
            metas[key.strip().lower()] = content
    ld = _json_ld(tree)
    date = next((d for d in (_iso_day(metas.get(k)) for k in _DATE_META) if d), None)
    date = date or _iso_day(ld.get("datePublished") if isinstance(
        ld.get("datePublished"), str) else None)
    if date is None:
        import htmldate

        try:
            date = htmldate.find_date(text, **_DATE_PARAMS)
        except Exception:  # htmldate gives up on odd markup: no date then
            date = None
    authors = [_clean(metas.get(k)) for k in _AUTHOR_META]
    authors = [a for a in authors if a and not a.startswith("http")]
    author = authors[0] if authors else None
    author = author or ("; ".join(_names(ld.get("author"))) or None)
    sitename = (_clean(metas.get("og:site_name"))
                or (_names(ld.get("publisher")) or [None])[0]
                or _clean(metas.get("application-name")))
    section = ld.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    section = _clean(metas.get("article:section")) or _clean(section)
    url = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href").strip()
            break
    url = url or _clean(metas.get("og:url"))
    title = _clean(metas.get("og:title")) or _clean(ld.get("headline"))
    if title is None:
        h1 = next(tree.iter("h1"), None)
        title = _clean(h1.text_content()) if h1 is not None else None
    if title is None:
        el = next(tree.iter("title"), None)
        full = _clean(el.text_content()) if el is not None else None
        if full:  # "headline | site": the first part that is not the site's name
            parts = [p for p in _TITLE_SPLIT.split(full) if p.strip() and p != sitename]
            title = parts[0] if parts else None
    return {"title": title, "date": date, "author": author, "sitename": sitename,
            "section": section, "url": url}


_OPTIONS: dict[bool, Any] = {}


def _options(url: str | None, precision: bool) -> dict[str, Any]:
    """The keyword arguments of our ``trafilatura.bare_extraction`` call: comments
    off, precise mode if ``precision``. With trafilatura 2, one ``Extractor`` per
    mode is built once and copied with the page's URL, as ``bare_extraction`` builds
    it from these keywords (reading its settings file each time: 7% of a page's
    time; kept: 1.07x faster on 1,000 news pages, 2026-12-05). trafilatura copies
    the options before changing them (its recall retry), so the shared one stays
    as built."""
    if not _OPTIONS:
        try:
            from trafilatura.settings import Extractor

            for mode in (False, True):
                _OPTIONS[mode] = Extractor(output_format="python", comments=False,
                                           precision=mode)
        except (ImportError, TypeError):  # trafilatura 1.x: keywords only
            _OPTIONS.update({False: None, True: None})
    base = _OPTIONS[precision]
    if base is None or not hasattr(base, "source"):
        return {"url": url, "include_comments": False, "favor_precision": precision}
    options = copy.copy(base)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return {"options": options}


def _extract(text: str, url: str | None) -> tuple[Any, dict | None]:
    """trafilatura's main text (its own metadata off: the markup's is read once
    from the same tree) and the page's metadata; (None, None) for no page."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        return None, None
    found = trafilatura.bare_extraction(tree, **_options(url, False))
    meta = _page_metadata(tree, text)
    body = _text_of(found)
    title = meta["title"]
    if body and title and len(title) > 3:
        body = body.strip()
        if "\n" not in body and title in body and len(body) > len(title) + 1:
            # a short article: trafilatura fell back to the whole article element's
            # text in one line (headline, share bar and body run together); its
            # precise mode keeps the body's paragraphs
            precise = trafilatura.bare_extraction(tree, **_options(url, True))
            if _text_of(precise):
                found = precise
    return found, meta


def _text_of(result: Any) -> str | None:
    """The text of trafilatura's result (a Document in trafilatura 2, a dict in 1.x)."""
    if result is None:
        return None
    return result.get("text") if isinstance(result, dict) else getattr(result, "text",
                                                                         None)


def _page_document(text: str, rules: tuple[Rule, ...], doc_id: str,
                   url: str | None = None) -> Document:
    """The document of a decoded page (see :func:`parse_page`); PageError if none."""
    from arabcorpus.io.stream import Document

    result, found = _extract(text, url)
    body = _text_of(result)
    if not body or not body.strip():
        raise PageError("no_article", "no main text: trafilatura found no article "
                        "in the page")
    title = found["title"]
    parsed = parse_article(f"{title}\n{body}" if title else body, rules,
                           header=title is not None, doc_id=doc_id)
    removed = parsed.meta["removed"]
    links: set[str] | None = None
    paragraphs = []
    for line in parsed.text.split("\n\n") if parsed.text else ():
        if links is None:
            links = _link_texts(text)
        if _only_links(" ".join(line.split()), links):
            removed.append({"line": line, "rule": "link_text"})
        else:
            paragraphs.append(line)
    if not paragraphs:
        what = ", ".join(sorted({r["rule"] for r in removed})) or "nothing"
        raise PageError("no_article", "no main text: what trafilatura kept is "
                        f"boilerplate ({len(removed)} line{'s' * (len(removed) != 1)}: "
                        f"{what})")
    date = found["date"] or parsed.meta["date"]
    author = found["author"] or parsed.meta["author"]
    section = found["section"] or parsed.meta["section"]
    if date is None or author is None or section is None:
        marked = _markup_byline(text)
        if marked is not None:
            date = date or marked["date"]
            author = author or marked["author"]
            section = section or marked["section"]
    meta = {
        "title": title,
        "date": date,
        "author": author,
        "sitename": found["sitename"],
        "section": section,
        "url": found["url"],
        "language": _language(text),
        "byline": parsed.meta["byline"],
        "removed": removed,
    }
    return Document(doc_id, "\n\n".join(paragraphs), meta)


def parse_page(page: str | bytes, rules: Iterable[Rule] | None = None, *,
               doc_id: str | None = None, url: str | None = None) -> Document:
    """Clean one saved web page into a :class:`~arabcorpus.io.readers.Document`.

    The main text is extracted by trafilatura (comments left out; no download: the
    page is given as text or bytes; a short article that trafilatura returns as the
    article element's text run together in one line is extracted again in its
    precise mode), then cleaned by
    :func:`~arabcorpus.io.news.parse_article` with ``rules`` (the title heads the
    text, so a repeated title is dropped and a byline is read); lines that are
    exactly the text of one of the page's links are dropped too (rule
    ``"link_text"``). Bytes are decoded by :func:`decode_page`.

    Parameters
    ----------
    page : str or bytes
        The HTML.
    rules : iterable of Rule, optional
        The news rules (default :data:`~arabcorpus.io.news.DEFAULT_RULES`).
    doc_id : str, optional
        The document id (default ``"page-"`` and 16 hex digits of the page's hash).
    url : str, optional
        Where the page was found (resolves a relative canonical link).

    Returns
    -------
    Document
        Its text is the body paragraphs joined by blank lines; ``meta`` holds
        ``title``, ``date`` (ISO ``YYYY-MM-DD``: the page's metadata, JSON-LD, or
        ``<time>``, through htmldate), ``author``, ``sitename``, ``section`` (e.g.
        ``article:section``), ``url`` (the canonical URL), ``language`` (``<html
        lang>``), each None when the page does not say, then ``byline`` and
        ``removed`` as :func:`~arabcorpus.io.news.parse_article` gives them.

    Raises
    ------
    PageError
        A ValueError: ``kind="no_article"`` when the page has no main text (a front
        page, a list of links), ``"undecodable"`` or ``"malformed"`` (binary data)
        for bytes that are no page.
    TypeError
        If ``page`` is neither str nor bytes, or a rule is not a Rule.

    Examples
    --------
    >>> try:
    ...     parse_page("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")
    ... except PageError as err:
    ...     print(err.kind)
    no_article
    """
    if isinstance(page, (bytes, bytearray)):
        problem = _binary(page)
        if problem is not None:
            raise PageError("malformed", problem)
        text, _ = decode_page(page)
    elif isinstance(page, str):
        text = page
    else:
        raise TypeError(f"page must be str or bytes, got {type(page).__name__}")
    check_str(doc_id, "doc_id", optional=True)
    check_str(url, "url", optional=True)
    if doc_id is None:
        import hashlib

        raw = page if isinstance(page, (bytes, bytearray)) else page.encode("utf-8",
                                                                            "replace")
        doc_id = "page-" + hashlib.sha256(raw).hexdigest()[:16]
    return _page_document(text, _check_rules(rules), doc_id, url)


def _read_page(ctx: _Context, data: bytes | bytearray, file: str, doc_id: str, *,
               position: int | None = None, unit: str | None = None,
               http_charset: str | None = None, url: str | None = None,
               extra: dict | None = None, where: str = "",
               canonical_key: str | None = None) -> Iterator[_Item]:
    """Yield the document of one page (a file, an archive member or a WARC record),
    or report why there is none. ``extra`` meta is merged over the page's, the
    page's own ``url`` kept under ``canonical_key`` if given."""
    from arabcorpus.io.stream import Document, _Item, _make_doc

    problem = _binary(data)
    if problem is not None:
        ctx.skip(file, position, unit, "malformed", where + problem)
        return
    forced = ctx.opts.encoding
    try:
        text, codec = decode_page(data, http_charset=http_charset,
                                  encoding=None if forced in ("utf-8", "auto") else forced)
    except PageError as err:
        ctx.skip(file, position, unit, err.kind, where + err.reason)
        return
    if position is None:
        ctx.file_read(file, codec)
    else:
        ctx.report.encodings.setdefault(file, codec)
    try:
        rules = ctx.opts.rules if ctx.opts.rules is not None else DEFAULT_RULES
        doc = _page_document(text, rules, doc_id, url)
    except PageError as err:
        ctx.skip(file, position, unit, err.kind, where + err.reason)
        return
    if extra:
        meta = {**doc.meta, **extra}
        if canonical_key is not None:
            meta[canonical_key] = doc.meta["url"]
        doc = Document(doc.id, doc.text, meta)
    doc = _make_doc(ctx, doc, doc_id, file, position, unit)
    if doc is not None:
        yield _Item(doc, file, position, unit)
