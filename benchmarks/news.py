"""Cleaning news pages: ``arabcorpus.io.news.parse_article`` over SaudiNewsNet.

SaudiNewsNet's ``content`` is already article text, so this measures the cost of the
boilerplate rules (``header=False``) and of the full parse (``header=True``: title and
byline detection too) per article and per MB, and counts the lines the default rules
remove from clean text (ideally none). The peer is the floor any cleaner pays:
splitting into stripped lines and joining them (``str.splitlines`` + ``strip``).

Run: ``python benchmarks/news.py [N_ARTICLES]`` (default: all 31,030 articles).

Near-duplicates (the section at the end; ``python benchmarks/news.py --near`` runs it
alone): :func:`arabcorpus.near_duplicates` on all of SaudiNewsNet, in a fresh child
process so that its time and peak memory (``ru_maxrss``) are its own (the targets:
under 60 s, under 2 GB), and its recall against brute force (every pair's exact
Jaccard of word 5-shingles, a sparse product) on 2,000 articles, at 0.8.
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


# --------------------------------------------------------------------------- near-duplicates
NEAR_SAMPLE = 2000
NEAR_THRESHOLD = 0.8


def _near_child() -> None:
    """Child process: load SaudiNewsNet, find its near duplicates; print JSON."""
    import json
    import resource

    import arabcorpus as ac

    t0 = time.perf_counter()
    docs = ac.load_dataset("saudinewsnet", progress=False).to_list()
    t_load = time.perf_counter() - t0
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pairs = ac.near_duplicates(docs, threshold=NEAR_THRESHOLD)
    t_near = time.perf_counter() - t0
    clusters = pairs.attrs["clusters"]
    print(json.dumps({
        "docs": len(docs), "load_s": t_load, "near_s": t_near,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_before_mb": before, "pairs": len(pairs), "clusters": len(clusters),
        "copies": sum(len(c) - 1 for c in clusters),
        "exact_pairs": int((pairs["jaccard"] == 1.0).sum()),
        "params": {k: v for k, v in pairs.attrs["params"].items() if k != "corpus"}}))


def brute_force_pairs(texts: list[str], threshold: float = NEAR_THRESHOLD) -> set:
    """Every pair (i < j) whose word 5-shingle sets have an exact Jaccard >=
    threshold: the shingles of ``near_duplicates``, all pairs through a sparse
    product of the document-shingle matrix."""
    import numpy as np
    import scipy.sparse as sp

    from arabcorpus.io.duplicates import _Shingler

    sets = _Shingler(5)(texts)
    values = np.concatenate(sets)
    _, inv = np.unique(values, return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(x) for x in sets])
    m = sp.csr_matrix((np.ones(len(values), np.int32), (rows, inv)),
                      shape=(len(sets), int(inv.max()) + 1 if len(inv) else 0))
    inter = sp.triu(m @ m.T, k=1).tocoo()
    sizes = np.array([len(x) for x in sets])
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jac >= threshold
    return set(zip(inter.row[keep].tolist(), inter.col[keep].tolist()))


def near_duplicates_benchmark() -> None:
    import json
    import subprocess

    import arabcorpus as ac

    out = subprocess.run([sys.executable, __file__, "--near-child"], check=True,
                         capture_output=True, text=True).stdout
    full = json.loads(out.strip().splitlines()[-1])
    rows = [{"step": "load_dataset('saudinewsnet')", "documents": f"{full['docs']:,}",
             "seconds": f"{full['load_s']:.1f}", "peak MB": f"{full['peak_before_mb']:,.0f}"},
            {"step": f"near_duplicates(threshold={NEAR_THRESHOLD})",
             "documents": f"{full['docs']:,}", "seconds": f"{full['near_s']:.1f}",
             "peak MB": f"{full['peak_mb']:,.0f}"}]
    print_table(rows, title="Near-duplicates on all of SaudiNewsNet (a fresh process; "
                            "targets: < 60 s, < 2,000 MB peak)")
    print(f"\npairs: {full['pairs']:,} ({full['exact_pairs']:,} with Jaccard 1.0), "
          f"clusters: {full['clusters']:,}, documents a dedupe drops: {full['copies']:,}; "
          f"params: {full['params']}")

    docs = ac.load_dataset("saudinewsnet", progress=False).to_list()[:NEAR_SAMPLE]
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    truth = brute_force_pairs(texts)
    t_brute = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = ac.near_duplicates(docs, threshold=NEAR_THRESHOLD)
    t_lsh = time.perf_counter() - t0
    found = set(zip(pairs["doc_a"].tolist(), pairs["doc_b"].tolist()))
    recall = len(truth & found) / len(truth) if truth else 1.0
    print_table([{"method": "brute force (every pair, exact)", "seconds": f"{t_brute:.2f}",
                  "pairs": f"{len(truth):,}", "recall": "1", "false pairs": "0"},
                 {"method": "near_duplicates (MinHash LSH + exact check)",
                  "seconds": f"{t_lsh:.2f}", "pairs": f"{len(found):,}",
                  "recall": f"{recall:.3f}", "false pairs": f"{len(found - truth):,}"}],
                title=f"Recall at {NEAR_THRESHOLD} against brute force on the first "
                      f"{NEAR_SAMPLE:,} SaudiNewsNet articles (target: >= 0.95)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--near-child"]:
        _near_child()
    elif sys.argv[1:] == ["--near"]:
        near_duplicates_benchmark()
    else:
        main()
        near_duplicates_benchmark()
