"""Cleaning news pages: ``arabcorpus.io.news.parse_article`` over SaudiNewsNet.

SaudiNewsNet's ``content`` is already article text, so this measures the cost of the
boilerplate rules (``header=False``) and of the full parse (``header=True``: title and
byline detection too) per article and per MB, and counts the lines the default rules
remove from clean text (ideally none). The peer is the floor any cleaner pays:
splitting into stripped lines and joining them (``str.splitlines`` + ``strip``).

Run: ``python benchmarks/news.py [N_ARTICLES]`` (default: all 31,030 articles).
"""

from __future__ import annotations

import collections
import sys
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


if __name__ == "__main__":
    main()
