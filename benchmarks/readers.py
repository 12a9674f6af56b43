"""Reading SaudiNewsNet (18 zips, 31,030 articles): arabcorpus readers against peers.

Peers, measured in the same run: plain ``zipfile`` + ``json.loads`` (the floor: what
any reader must do) and ``pandas.read_json`` on each zip. Ours is measured without
duplicate detection, with it (``Normalizer("search")`` + BLAKE2b of every text), and
the normalization alone, to show what the duplicate check costs.

Run: ``python benchmarks/readers.py`` (about a minute on 2 cores).
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, best_time, corpora_dir, print_table  # noqa: E402

sys.path.insert(0, str(REPO_ROOT))  # the package, when run from a checkout


def main() -> None:
    import pandas as pd

    from arabcorpus.text.normalize import Normalizer
    from arabcorpus.io.saudinewsnet import read_saudinewsnet

    folder = corpora_dir() / "saudinewsnet"
    zips = sorted(folder.glob("*.zip"))

    def plain_json() -> int:
        n = 0
        for zpath in zips:
            with zipfile.ZipFile(zpath) as zf:
                for name in zf.namelist():
                    n += len(json.loads(zf.read(name).decode("utf-8")))
        return n

    def pandas_json() -> int:
        return sum(len(pd.read_json(z, compression="zip")) for z in zips)

    def ours(duplicates):
        def run() -> int:
            return sum(1 for _ in read_saudinewsnet(folder, duplicates=duplicates))
        return run

    texts = [d.text for d in read_saudinewsnet(folder, duplicates=None)]
    normalizer = Normalizer("search")
    report = read_saudinewsnet(folder, duplicates="keep").report
    rows = []
    for name, func in [("zipfile + json.loads (floor)", plain_json),
                       ("pandas.read_json per zip", pandas_json),
                       ("read_saudinewsnet(duplicates=None)", ours(None)),
                       ("read_saudinewsnet() (duplicates found, kept)", ours("keep")),
                       ("read_saudinewsnet(duplicates='drop')", ours("drop")),
                       ("Normalizer('search').normalize_many, all texts",
                        lambda: len(normalizer.normalize_many(texts)))]:
        count = func()
        rows.append({"task": name, "items": f"{count:,}",
                     "best of 2 (s)": f"{best_time(func, repeat=2):.2f}"})
    print_table(rows, "Reading SaudiNewsNet (wall clock, best of 2)")
    print(f"\ndocuments: {report.documents_read:,}; skipped: {report.n_skipped:,} "
          f"{report.skipped_by_kind()}; exact duplicates (search profile): "
          f"{report.n_duplicates:,}")


if __name__ == "__main__":
    main()
