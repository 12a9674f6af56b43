"""Helpers shared by the benchmark scripts: data location, timing, memory, tables."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def corpora_dir() -> Path:
    """``$ARABCORPUS_DATA`` or ``../shared/corpora`` beside the repository root."""
    env = os.environ.get("ARABCORPUS_DATA")
    path = Path(env) if env else REPO_ROOT.parent / "shared" / "corpora"
    if not path.is_dir():
        sys.exit(f"corpora folder not found at {path}: set ARABCORPUS_DATA")
    return path


def saudinewsnet_articles() -> list[dict]:
    """Every SaudiNewsNet article as a dict, read with ``json`` from the dated zips."""
    out: list[dict] = []
    for zpath in sorted((corpora_dir() / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    out.extend(json.loads(zf.read(name).decode("utf-8")))
    return out


def best_time(func, repeat: int = 3) -> float:
    """Best wall-clock time of ``repeat`` calls of ``func()``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux ``ru_maxrss`` is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_table(rows: list[dict], title: str | None = None) -> None:
    """Print rows (dicts with the same keys) as a Markdown table."""
    if title:
        print(f"\n{title}\n")
    if not rows:
        print("(no rows)")
        return
    keys = list(rows[0])
    cells = [[str(r[k]) for k in keys] for r in rows]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    print("| " + " | ".join(k.ljust(w) for k, w in zip(keys, widths)) + " |")
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for c in cells:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths)) + " |")
