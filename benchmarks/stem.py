"""Stemming SaudiNewsNet tokens: arabcorpus ``Stemmer.stem_many`` against NLTK called
token by token (the peer: what ``[stemmer.stem(t) for t in tokens]`` costs).

Tokens are the Arabic letter runs of the first ``N_ARTICLES`` articles (default 3000,
about 0.9 million tokens; pass a number to change it). Each distinct word is stemmed
once by ``stem_many``; the second pass over the same tokens is dictionary lookups only.
Both sides give identical stems (checked here; Snowball after a fresh NLTK object per
word, see ``arabcorpus.text.stem`` for NLTK's state bug).

Run: ``python benchmarks/stem.py [N_ARTICLES]``.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, peak_rss_mb, print_table, saudinewsnet_articles  # noqa: E402

sys.path.insert(0, str(REPO_ROOT))  # the package, when run from a checkout

N_ARTICLES = int(sys.argv[1]) if len(sys.argv) > 1 else 3000


def main() -> None:
    from arabcorpus.text.stem import STEMMERS, Stemmer, _make_nltk_stemmer

    articles = saudinewsnet_articles()[:N_ARTICLES]
    tokens = re.findall(r"[\u0621-\u064a]+", " ".join(a.get("content") or "" for a in articles))
    n_types = len(set(tokens))
    rows = []
    for name in STEMMERS:
        nltk_stemmer = _make_nltk_stemmer(name)
        t0 = time.perf_counter()
        peer = [nltk_stemmer.stem(t) for t in tokens]
        t_peer = time.perf_counter() - t0

        ours = Stemmer(name)
        t0 = time.perf_counter()
        first = ours.stem_many(tokens)
        t_first = time.perf_counter() - t0
        t0 = time.perf_counter()
        second = ours.stem_many(tokens)
        t_second = time.perf_counter() - t0
        assert first == second
        if name != "snowball":
            assert first == [p or t for p, t in zip(peer, tokens)]
        differ = sum(a != (b or t) for a, b, t in zip(first, peer, tokens))
        rows.append({
            "stemmer": name,
            "tokens": f"{len(tokens):,}",
            "types": f"{n_types:,}",
            "NLTK per token (s)": f"{t_peer:.2f}",
            "stem_many, cold (s)": f"{t_first:.2f}",
            "stem_many, cached (s)": f"{t_second:.3f}",
            "speed-up cold": f"{t_peer / t_first:.1f}x",
            "tokens differing from one NLTK object": differ,
        })
    print_table(rows, title=f"Stemming {len(articles):,} SaudiNewsNet articles")
    print(f"\npeak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
