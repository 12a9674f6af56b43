"""Benchmark the analyses on SaudiNewsNet against NLTK doing the same work.

    python benchmarks/analyses.py [--docs N] [--skip-nltk-pairs]

Builds one :class:`arabcorpus.corpus.Corpus` from the full SaudiNewsNet (read with
``arabcorpus.readers.read_saudinewsnet``), reports the build time apart from query
times, then times: the frequency list, KWIC of ``السعودية``, collocates of that node
with span 5-5, all window-5 pair collocations with log-likelihood, and keyness of one
newspaper (okaz) against the rest. NLTK works on exactly the same token lists (the
``norm`` layer): ``FreqDist``, ``Text.concordance_list`` and
``BigramCollocationFinder.from_words(tokens, window_size=5)`` +
``score_ngrams(likelihood_ratio)``. The NLTK window-5 run happens in its own fresh
interpreter, whose peak memory is read from ``VmHWM`` after resetting it with
``/proc/self/clear_refs`` once the tokens are loaded; ours is measured the same way
around our call. conc is not installed here (no ``/work/venv-conc``), so its
figures from PEERS.md are printed as "not measured in this run".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import best_time, corpora_dir, print_table  # noqa: E402

NODE = "السعودية"
KEYNESS_SOURCE = "okaz"
# conc figures from /work/shared/PEERS.md (seconds), not measured in this run
CONC = {"kwic": 0.09, "collocates": 0.17, "frequency": 0.025, "keyness": 0.47}

NLTK_CHILD = r"""
import sys, time, json
tokens = open(sys.argv[1], encoding="utf-8").read().split()
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
base = hwm()
open("/proc/self/clear_refs", "w").write("5")
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
t0 = time.perf_counter()
finder = BigramCollocationFinder.from_words(tokens, window_size=5)
scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "peak_mb": hwm(), "tokens_mb": base,
                  "pairs": len(scored)}))
"""


def vm_hwm_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_hwm() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:  # pragma: no cover - not Linux
        pass


def timed(func):
    t0 = time.perf_counter()
    out = func()
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=None,
                        help="use N documents spread over the corpus (quick runs)")
    parser.add_argument("--skip-nltk-pairs", action="store_true",
                        help="skip NLTK's window-5 finder (about a minute, 2.7 GB)")
    args = parser.parse_args()

    # import_module, not "from arabcorpus import kwic": the package re-exports
    # functions with the same names as these modules
    from importlib import import_module

    C = import_module("arabcorpus.collocations")
    F = import_module("arabcorpus.frequency")
    KE = import_module("arabcorpus.keyness")
    K = import_module("arabcorpus.kwic")
    from arabcorpus.corpus import Corpus
    from arabcorpus.readers import read_saudinewsnet

    stream = read_saudinewsnet(corpora_dir() / "saudinewsnet")
    docs = list(stream)
    if args.docs:
        docs = docs[:: max(1, len(docs) // args.docs)][: args.docs]  # all sources
    corpus, t_build = timed(lambda: Corpus.build(docs, progress=False))
    del docs
    print(f"corpus: {corpus!r}")
    print(f"build: {t_build:.1f} s, peak RSS so far {vm_hwm_mb():.0f} MB")

    rows = []

    def row(op, ours, nltk=None, conc=None, note=""):
        rows.append({"operation": op, "arabcorpus (s)": f"{ours:.4f}",
                     "NLTK (s)": "-" if nltk is None else f"{nltk:.3f}",
                     "conc (s, PEERS.md, not measured in this run)":
                         "-" if conc is None else f"{conc}",
                     "note": note})

    # ---------------------------------------------------------------- ours
    _, t_freq_first = timed(lambda: F.frequency(corpus))
    t_freq = best_time(lambda: F.frequency(corpus), repeat=5)
    _, t_kwic_first = timed(lambda: K.kwic(corpus, NODE).to_frame())
    t_kwic = best_time(lambda: K.kwic(corpus, NODE).to_frame(), repeat=5)
    n_lines = len(K.kwic(corpus, NODE))
    t_coll = best_time(lambda: C.collocates(corpus, NODE, span=(5, 5)), repeat=5)
    (target, reference), t_sub = timed(lambda: (
        corpus.subcorpus(source=KEYNESS_SOURCE),
        corpus.subcorpus(query=f"source != '{KEYNESS_SOURCE}'")))
    _, t_key_first = timed(lambda: KE.keyness(target, reference))
    t_key = best_time(lambda: KE.keyness(target, reference), repeat=3)
    reset_hwm()
    base_mb = vm_hwm_mb()
    pairs, t_pairs = timed(lambda: C.collocations(corpus, window=5,
                                                  measures="log_likelihood",
                                                  min_freq=1))
    pairs_mb = vm_hwm_mb()
    n_pairs = len(pairs)
    del pairs

    # ---------------------------------------------------------------- NLTK
    import nltk

    layer_docs = [corpus.tokens(d, "norm") for d in range(len(corpus))]
    tokens = [w for d in layer_docs for w in d]
    _, t_nltk_freq = timed(lambda: nltk.FreqDist(tokens).most_common())
    text = nltk.Text(tokens)
    norm_node = corpus.normalizer(NODE)
    _, t_nltk_kwic_first = timed(lambda: text.concordance_list(norm_node, lines=10**6))
    nltk_lines, t_nltk_kwic = timed(lambda: text.concordance_list(norm_node,
                                                                  lines=10**6))
    del text
    nltk_pairs = None
    if not args.skip_nltk_pairs:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8",
                                         delete=False) as fh:
            fh.write(" ".join(tokens))
            tok_path = fh.name
        out = subprocess.run([sys.executable, "-c", NLTK_CHILD, tok_path],
                             capture_output=True, text=True, check=True)
        Path(tok_path).unlink()
        nltk_pairs = json.loads(out.stdout.strip().splitlines()[-1])

    row("frequency list (cached index)", t_freq, t_nltk_freq, CONC["frequency"],
        f"first call {t_freq_first:.2f} s builds the position index")
    row(f"KWIC {NODE} + to_frame", t_kwic, t_nltk_kwic, CONC["kwic"],
        f"{n_lines} lines (NLTK {len(nltk_lines)}); first call {t_kwic_first:.3f} s, "
        f"NLTK first {t_nltk_kwic_first:.2f} s")
    row(f"collocates {NODE}, span 5-5", t_coll, None, CONC["collocates"],
        "NLTK has no node-collocate search")
    row(f"keyness {KEYNESS_SOURCE} vs rest", t_key, None, CONC["keyness"],
        f"first call {t_key_first:.3f} s (counts the two subcorpora, then cached); "
        f"+ {t_sub:.2f} s to make the two subcorpora")
    row("all pairs, window 5, log-likelihood", t_pairs,
        None if nltk_pairs is None else nltk_pairs["seconds"], None,
        f"{n_pairs} pairs within documents (NLTK "
        + ("-" if nltk_pairs is None else str(nltk_pairs["pairs"]))
        + ", flat list across documents)")
    print_table(rows, title="Analyses on SaudiNewsNet (query times, corpus built once)")

    mem = [{"process": "arabcorpus (this run)",
            "peak RSS during all-pairs window 5 (MB)": f"{pairs_mb:.0f}",
            "before (corpus loaded) (MB)": f"{base_mb:.0f}"}]
    if nltk_pairs:
        mem.append({"process": "NLTK, fresh interpreter",
                    "peak RSS during all-pairs window 5 (MB)":
                        f"{nltk_pairs['peak_mb']:.0f}",
                    "before (corpus loaded) (MB)": f"{nltk_pairs['tokens_mb']:.0f}"})
    print_table(mem, title="Peak memory")
    print(f"\ncorpus build time: {t_build:.1f} s (not included above)")

    def verdict(ok):
        return "PASS" if ok else "FAIL"

    targets = [
        ("KWIC >= 2x faster than conc (PEERS.md figure, not measured in this run)",
         t_kwic <= CONC["kwic"] / 2),
        ("collocates >= 2x faster than conc (PEERS.md figure, not measured here)",
         t_coll <= CONC["collocates"] / 2),
        ("frequency >= 1x conc (PEERS.md figure, not measured in this run)",
         t_freq <= CONC["frequency"]),
        ("keyness >= 2x faster than conc (PEERS.md figure, not measured here)",
         t_key <= CONC["keyness"] / 2),
    ]
    if nltk_pairs:
        targets += [
            (f"all pairs window 5 >= 10x faster than NLTK "
             f"({nltk_pairs['seconds'] / t_pairs:.1f}x)",
             nltk_pairs["seconds"] >= 10 * t_pairs),
            (f"all pairs window 5 memory <= half of NLTK's "
             f"({pairs_mb:.0f} vs {nltk_pairs['peak_mb']:.0f} MB)",
             pairs_mb <= nltk_pairs["peak_mb"] / 2),
        ]
    print()
    for name, ok in targets:
        print(f"{verdict(ok)}  {name}")


if __name__ == "__main__":
    main()
