"""Cleaning news pages: ``arabcorpus.io.news.parse_article`` over SaudiNewsNet.

SaudiNewsNet's ``content`` is already article text, so this measures the cost of the
boilerplate rules (``header=False``) and of the full parse (``header=True``: title and
byline detection too) per article and per MB, and counts the lines the default rules
remove from clean text (ideally none). The peer is the floor any cleaner pays:
splitting into stripped lines and joining them (``str.splitlines`` + ``strip``).

Then HTML extraction (:mod:`arabcorpus.io.html`): SaudiNewsNet articles wrapped in the
markup of an Arabic news site (navigation, share bar, cookie banner, cross-links,
related articles, footer), in pages per second, for ``parse_page`` on the same strings
and ``read_html`` on the saved files (reading and decoding included) against plain
``trafilatura.extract`` (its defaults) and ``trafilatura.extract`` with its own
metadata pass (``with_metadata=True``, comments off), in CPU time. Our overhead over
plain trafilatura must stay under 20%: we read the metadata from the same tree
instead of trafilatura's metadata pass. Then the pages whose text is
exactly their article's paragraphs.

Run: ``python benchmarks/news.py [N_ARTICLES] [N_PAGES]`` (default: all 31,030
articles; 1,000 pages).
"""

from __future__ import annotations

import collections
import html
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, print_table, saudinewsnet_articles  # noqa: E402

sys.path.insert(0, str(REPO_ROOT))  # the package, when run from a checkout


def main() -> None:
    from arabcorpus.io.news import parse_article

    n = int(sys.argv[1]) if len(sys.argv) > 1 else None
    texts = [a["content"] for a in saudinewsnet_articles()[:n] if (a.get("content") or "").strip()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def floor() -> list[str]:
        return ["\n\n".join(s for s in (x.strip() for x in t.splitlines()) if s) for t in texts]

    rows = []
    fired: collections.Counter[str] = collections.Counter()
    for label, func in [
        ("split + strip + join (floor)", floor),
        ("parse_article(header=False)", lambda: [parse_article(t, header=False) for t in texts]),
        ("parse_article(header=True)", lambda: [parse_article(t) for t in texts]),
    ]:
        t0 = time.perf_counter()
        out = func()
        dt = time.perf_counter() - t0
        if label.endswith("header=False)"):
            for doc in out:
                fired.update(r["rule"] for r in doc.meta["removed"])
        rows.append({"step": label, "articles": f"{len(texts):,}", "seconds": f"{dt:.2f}",
                     "MB/s": f"{mb / dt:.1f}", "articles/s": f"{len(texts) / dt:,.0f}"})
    print_table(rows, title=f"Cleaning {len(texts):,} SaudiNewsNet articles ({mb:.1f} MB)")
    print(f"\nlines removed by the default rules from clean text: {dict(fired) or 0}")


SITE = "صحيفة المثال"


def news_page(article: dict, n: int) -> str:
    """An article page of an Arabic news site around a SaudiNewsNet article."""
    e = html.escape
    paragraphs = [p.strip() for p in article["content"].splitlines() if p.strip()]
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[:2])
    body += ('\n<div class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/n/1">'
             'ارتفاع أسعار النفط في الأسواق العالمية</a></div>\n')
    body += "\n".join(f"<p>{e(p)}</p>" for p in paragraphs[2:])
    body += '\n<p>قد يهمك: <a href="/n/2">افتتاح مهرجان الشعر العربي في الرياض</a></p>'
    title, author = e(article.get("title") or ""), e(article.get("author") or "")
    date = (article.get("date_extracted") or "2015-08-01")[:10]
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | {SITE}</title><link rel="canonical" href="https://news.example.sa/a/{n}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{SITE}">
<meta property="article:published_time" content="{date}T08:30:00+03:00">
<meta property="article:section" content="{e(article.get("source") or "")}">
<meta name="author" content="{author}"></head><body>
<div class="cookie-consent">نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.
<button>موافق</button></div>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li>
<li><a href="/world">دوليات</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
<div class="share-bar">شارك الخبر <a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<div class="entry-content">{body}</div></article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/r/1">وزير الثقافة يفتتح الجناح السعودي في المعرض الدولي للكتاب</a></li>
<li><a href="/r/2">إقبال كبير على دور النشر المحلية في يومها الأول بالمعرض</a></li>
</ul></aside></main>
<footer><p>جميع الحقوق محفوظة © 2024 {SITE}</p><p><a href="/about">من نحن</a></p>
</footer></body></html>"""


def html_extraction(n_pages: int) -> None:
    """Pages per second: our page reader against trafilatura on the same pages."""
    import trafilatura

    from arabcorpus.io.html import _DATE_PARAMS, parse_page
    from arabcorpus.io.readers import read_html

    articles = [a for a in saudinewsnet_articles() if (a.get("content") or "").strip()]
    step = max(1, len(articles) // n_pages)
    pages = [news_page(a, i) for i, a in enumerate(articles[::step][:n_pages])]
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        for i, page in enumerate(pages):
            Path(tmp, f"{i:05d}.html").write_text(page, encoding="utf-8")
        runs = [
            ("trafilatura.extract (defaults)", lambda: [trafilatura.extract(p)
                                                        for p in pages]),
            ("trafilatura.extract (with_metadata=True)",
             lambda: [trafilatura.extract(p, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
                      for p in pages]),
            ("arabcorpus parse_page (str)", lambda: [parse_page(p) for p in pages]),
            ("arabcorpus read_html (files, duplicates=None)",
             lambda: read_html(tmp, duplicates=None).to_list()),
            ("arabcorpus read_html (files, exact-duplicate check)",
             lambda: read_html(tmp).to_list()),
        ]
        for _label, func in runs:
            func()  # warm up: imports, lxml and trafilatura caches
        times = {label: float("inf") for label, _ in runs}
        for _ in range(5):  # interleaved, so that a busy moment hits every variant
            for label, func in runs:
                times[label] = min(times[label], _timed(func))
        docs = read_html(tmp)
        kept = docs.to_list()
    plain = times[runs[0][0]]
    same = times[runs[1][0]]
    rows = [{"step": label, "pages": f"{len(pages):,}", "CPU seconds": f"{t:.2f}",
             "pages/s": f"{len(pages) / t:,.1f}",
             "vs defaults": f"{t / plain - 1:+.0%}", "vs with_metadata": f"{t / same - 1:+.0%}"}
            for label, t in times.items()]
    print_table(rows, title=f"HTML extraction: {len(pages):,} pages ({mb:.1f} MB) of "
                            "SaudiNewsNet articles in a news site's markup")
    print(f"\ndocuments: {len(kept):,}; skipped: {docs.report.skipped_by_kind() or 0}")
    # quality: each page's text against its article as parse_article cleans it with
    # its title (whitespace inside a paragraph collapsed and invisible format
    # characters dropped, as trafilatura writes them)
    import unicodedata

    from arabcorpus.io.news import parse_article

    def norm(text: str) -> list[str]:
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]

    sources = articles[::step][:n_pages]
    def expected(a: dict) -> str:
        title = (a.get("title") or "").strip()
        if title:
            return parse_article(f"{title}\n{a['content']}").text
        return parse_article(a["content"], header=False).text

    same = sum(norm(d.text) == norm(expected(a)) for d, a in zip(kept, sources))
    meta = sum(bool(d.meta["title"] and d.meta["date"]) for d in kept)
    print(f"pages whose text is exactly their article's paragraphs: {same:,} of "
          f"{len(kept):,}; with title and date: {meta:,}")


def _timed(func) -> float:
    """CPU time of ``func()`` in this process: the machine may be shared, and
    wall-clock time would measure the other processes too."""
    t0 = time.process_time()
    func()
    return time.process_time() - t0


if __name__ == "__main__":
    main()
    html_extraction(int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
