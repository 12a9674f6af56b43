"""Benchmark: ``Corpus.save`` of the whole of SaudiNewsNet right after its build.

Run::

    python benchmarks/save.py [--compare OLD_CHECKOUT] [--repeat 3]

Each run is a fresh interpreter that builds the corpus (surface and norm layers,
``profile="search"``), reads its peak resident memory (``VmHWM``), resets that
high-water mark (``5`` written to ``/proc/self/clear_refs``), then saves the corpus to
a new folder and reads ``VmHWM`` again: the build's peak and the save's peak apart.
The save's CPU time (all its threads) is less sensitive than its wall time to other
jobs on a shared machine.
With ``--compare``, the same runs with that checkout's package alternate with ours,
and the two folders written are compared file by file (they must be identical).

Target: the save under 1.5 s, its peak no higher than the build's.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, corpora_dir, print_table  # noqa: E402

CHILD = """
import json, sys, time
import numpy, pandas, tqdm  # imports are not part of the build time
from arabcorpus.io.readers import read_saudinewsnet
from arabcorpus.corpus.memory import Corpus
def status(key):
    with open('/proc/self/status') as fh:
        for line in fh:
            if line.startswith(key + ':'):
                return int(line.split()[1]) / 1024
t0 = time.perf_counter()
corpus = Corpus.build(read_saudinewsnet(sys.argv[1]), profile="search", progress=False)
t1 = time.perf_counter()
build_peak, before = status("VmHWM"), status("VmRSS")
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
import resource
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t2, c2 = time.perf_counter(), cpu()
corpus.save(sys.argv[2])
t3, c3 = time.perf_counter(), cpu()
import arabcorpus
print("RESULT " + json.dumps({"package": arabcorpus.__file__, "build_s": t1 - t0, "build_peak_mb": build_peak,
                              "rss_before_save_mb": before, "save_s": t3 - t2,
                              "save_cpu_s": c3 - c2,
                              "save_peak_mb": status("VmHWM")}))
"""


def run(root: Path, source: Path, out: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root))
    # run from the output's parent: ``-c`` puts the current folder first on the path
    res = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out)], env=env,
                         cwd=out.parent, capture_output=True, text=True, check=True)
    line = next(x for x in res.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    if not Path(result["package"]).resolve().is_relative_to(root):
        raise RuntimeError(f"{root} imported arabcorpus from {result['package']}")
    return result


def same_folders(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compare", type=Path, help="an old checkout to run in turn")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    source = corpora_dir() / "saudinewsnet"
    roots = {"this checkout": REPO_ROOT}
    if args.compare:
        roots["compared"] = args.compare.resolve()
    results: dict[str, list[dict]] = {k: [] for k in roots}
    tmp = Path(tempfile.mkdtemp())
    try:
        for _ in range(args.repeat):
            for name, root in roots.items():
                out = tmp / name.replace(" ", "_")
                shutil.rmtree(out, ignore_errors=True)
                results[name].append(run(root, source, out))
        identical = (same_folders(tmp / "this_checkout", tmp / "compared")
                     if args.compare else None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = []
    for name, runs in results.items():
        rows.append({"code": name,
                     "build s (best)": f"{min(r['build_s'] for r in runs):.2f}",
                     "build peak MB": f"{max(r['build_peak_mb'] for r in runs):.0f}",
                     "RSS before save MB": f"{max(r['rss_before_save_mb'] for r in runs):.0f}",
                     "save s (best)": f"{min(r['save_s'] for r in runs):.2f}",
                     "save CPU s (best)": f"{min(r['save_cpu_s'] for r in runs):.2f}",
                     "save peak MB (max)": f"{max(r['save_peak_mb'] for r in runs):.0f}"})
    print_table(rows, f"Corpus.save of SaudiNewsNet after its build, {args.repeat} runs "
                      "each, alternated")
    if identical is not None:
        print(f"\nfolders written identical, file by file: {identical}")


if __name__ == "__main__":
    main()
