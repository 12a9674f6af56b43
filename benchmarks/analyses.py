"""Benchmark the analyses on SaudiNewsNet against NLTK doing the same work.

    python benchmarks/analyses.py [--docs N] [--skip-nltk-pairs]
                                  [--conc-python PATH/TO/conc-venv/bin/python]

Builds one :class:`arabcorpus.corpus.Corpus` from the full SaudiNewsNet (read with
``arabcorpus.io.readers.read_saudinewsnet``), reports the build time apart from query
times, then times: the frequency list, KWIC of ``السعودية``, collocates of that node
with window 5 (5 tokens each side), all pair collocations up to 4 tokens right of the
first word (``collocations(window=4)``, NLTK's ``window_size=5``) with log-likelihood,
keyness of July
against August 2015 (the ``date`` column; as measured for conc in PEERS.md) and keyness
of one newspaper (okaz) against the rest. NLTK works on exactly the same token lists (the
``norm`` layer): ``FreqDist``, ``Text.concordance_list`` and
``BigramCollocationFinder.from_words(tokens, window_size=5)`` +
``score_ngrams(likelihood_ratio)``. The NLTK window-5 run happens in its own fresh
interpreter, whose peak memory is read from ``VmHWM`` after resetting it with
``/proc/self/clear_refs`` once the tokens are loaded; ours is measured the same way
around our call.

conc 0.1.13 lives in its own virtualenv. With ``--conc-python PATH`` the same documents
are written to CSV files (all; July; August) and a child run by that interpreter builds
three conc corpora with ``Corpus.build_from_csv`` and a blank spaCy Arabic pipeline (the
approach of ``benchmarks/corpus.py``), then times ``Conc.frequencies``,
``Conc.concordance`` (all lines), ``Conc.collocates`` (logDice, span 5-5) on the full
corpus and ``Conc.keywords`` of July with August set as reference corpus, each with
``Result.to_frame()`` (conc's frequency list is a lazy polars frame until collected),
all rows (``page_size=0``; a page of 10**7 for the concordance): first call,
then best of repeated calls after it. The PASS/FAIL lines use those figures. Without
the option, conc's figures from PEERS.md are printed as "not measured in this run".

First calls after a load (issue 20, item 6). The corpus is saved, and fresh
interpreters, alternately with this code and with the old code of ``--base`` (a copy
of ``main``; ``--child-runs`` rounds, best per figure), load it and time the first
call of ``frequency``, ``kwic`` (+ ``to_frame``), ``collocates`` and ``keyness``
(July against August, its two subcorpora made before the clock starts), in this
order, as conc's child does after its ``Corpus().load``. As conc's child imports
conc (polars, spaCy) before its clock starts, ours imports the analyses' own
dependencies (pandas, ``scipy.sparse``, ``scipy.special``) before the clock; that
import time is printed apart. PASS: under 0.3 s and under 2x conc's first call.

Small corpora (issue 20, item 4). The same children time, on 2,000 articles spread
over SaudiNewsNet (``--small-docs``), all pairs with window 5 and log-likelihood
(``collocations(window=4, measures="log_likelihood", min_freq=1)``) on the first call
after the load and best of 3, against NLTK's window-5 finder on the same tokens
(PASS: >= 10x); and on the bundled 50-article sample (built in the child) KWIC and
collocates of ``أسعار`` and keyness of the ``economy`` section against the rest, the
first call after the build and best of 20 (PASS: under 10 ms each).
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
SAMPLE_NODE = "أسعار"  # of the bundled sample (27 occurrences in 11 of 50 articles)
SMALL_DOCS = 2000
BASE_DEFAULT = "/work/base"
KEYNESS_SOURCE = "okaz"
JULY = ("2015-07-01", "2015-07-31")
AUGUST = ("2015-08-01", "2015-08-31")
# conc figures from /work/shared/PEERS.md (seconds), used without --conc-python
CONC_PEERS = {"kwic": 0.09, "collocates": 0.17, "frequency": 0.025, "keyness": 0.47}

CONC_CHILD = r"""
import json, os, resource, sys, time
import spacy
from conc.corpus import Corpus
from conc.conc import Conc
work, node = sys.argv[1], sys.argv[2]
model_dir = os.path.join(work, "spacy-blank-ar")
nlp = spacy.blank("ar")  # no trained Arabic model exists; conc disables these pipes
for name in ["parser", "ner", "lemmatizer", "tagger", "senter", "tok2vec",
             "attribute_ruler"]:
    nlp.add_pipe("sentencizer", name=name)
nlp.to_disk(model_dir)
out = {}
corpora = {}
for part in ("all", "july", "august"):
    folder = os.path.join(work, "conc-" + part)
    os.makedirs(folder, exist_ok=True)
    t0 = time.perf_counter()
    c = Corpus("saudinewsnet-" + part).build_from_csv(
        os.path.join(work, part + ".csv"), folder, text_column="text",
        metadata_columns=["source", "date"], model=model_dir)
    out["build_" + part] = time.perf_counter() - t0
    out["docs_" + part] = c.document_count
    out["tokens_" + part] = c.token_count
    # query a freshly loaded corpus, as a user of a saved corpus would
    corpora[part] = Corpus().load(str(c.corpus_path))

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def timed(name, func, repeat):
    c0, t0 = cpu(), time.perf_counter()
    res = func()
    out[name + "_first"] = time.perf_counter() - t0
    out[name + "_first_cpu"] = cpu() - c0
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = func()
        best = min(best, time.perf_counter() - t0)
    out[name] = best
    return res

BIG = 10 ** 7  # page_size=0 divides by zero in Concordance, so one page of all lines
conc = Conc(corpora["all"])
res = timed("frequency", lambda: conc.frequencies(page_size=0).to_frame(), 5)
out["frequency_rows"] = res.height
res = timed("kwic", lambda: conc.concordance(node, page_size=BIG).to_frame(), 5)
out["kwic_lines"] = res.height
res = timed("collocates", lambda: conc.collocates(
    node, effect_size_measure="logdice", context_length=5,
    page_size=0).to_frame(), 5)
out["collocates_rows"] = res.height
key = Conc(corpora["july"])
key.set_reference_corpus(corpora["august"])
res = timed("keyness", lambda: key.keywords(page_size=0).to_frame(), 3)
out["keyness_rows"] = res.height
print("RESULT " + json.dumps(out))
"""


def write_conc_csvs(docs, folder: Path) -> dict[str, int]:
    """Write the documents (all, July, August) as conc CSVs; return the row counts."""
    import csv

    counts = {}
    parts = {"all": None, "july": JULY, "august": AUGUST}
    for part, span in parts.items():
        n = 0
        with open(folder / f"{part}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["text", "source", "date"])
            for d in docs:
                date = d.meta.get("date") or ""
                if span is None or (date and span[0] <= date[:10] <= span[1]):
                    w.writerow([d.text, d.meta.get("source") or "", date])
                    n += 1
        counts[part] = n
    return counts


def run_conc(python: str, docs) -> dict:
    """Build the conc corpora from ``docs`` and time its queries in a child."""
    import shutil

    work = Path(tempfile.mkdtemp(prefix="bench-analyses-conc-"))
    try:
        counts = write_conc_csvs(docs, work)
        proc = subprocess.run([python, "-c", CONC_CHILD, str(work), NODE],
                              capture_output=True, text=True)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"conc child failed (exit {proc.returncode}):\n"
                               f"{proc.stderr[-3000:]}")
        res = json.loads(lines[-1][len("RESULT "):])
        res["csv_rows"] = counts
        return res
    finally:
        shutil.rmtree(work, ignore_errors=True)

FIRST_CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import pandas, scipy.sparse, scipy.special  # noqa: F401 (imported before the clock)
imports = time.perf_counter() - t0
from importlib import import_module
C = import_module("arabcorpus.analyses.collocations")
F = import_module("arabcorpus.analyses.frequency")
KE = import_module("arabcorpus.analyses.keyness")
K = import_module("arabcorpus.analyses.kwic")
from arabcorpus.corpus.memory import Corpus
import arabcorpus
full, small, node, july, august, sample_node = sys.argv[1:7]
july, august = tuple(july.split(",")), tuple(august.split(","))
out = {"imports": imports, "package": arabcorpus.__file__}

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def timed(name, func, repeat):
    c0, t0 = cpu(), time.perf_counter()
    res = func()
    out[name + "_first"] = time.perf_counter() - t0
    out[name + "_first_cpu"] = cpu() - c0
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    out[name] = best
    return res

t0 = time.perf_counter()
corpus = Corpus.load(full)
out["load"] = time.perf_counter() - t0
timed("frequency", lambda: F.frequency(corpus), 3)
timed("kwic", lambda: K.kwic(corpus, node).to_frame(), 3)
timed("collocates", lambda: C.collocates(corpus, node, window=5), 3)
t0 = time.perf_counter()
jul, aug = corpus.subcorpus(date=july), corpus.subcorpus(date=august)
out["subcorpora"] = time.perf_counter() - t0
timed("keyness", lambda: KE.keyness(jul, aug), 3)
del corpus, jul, aug
if small != "-":
    corpus = Corpus.load(small)
    res = timed("pairs_small", lambda: C.collocations(
        corpus, window=4, measures="log_likelihood", min_freq=1), 3)
    out["pairs_small_rows"] = len(res)
    del corpus, res
from arabcorpus.io.datasets import load_dataset
sample = Corpus.build(load_dataset("sample", progress=False), progress=False)
timed("sample_kwic", lambda: K.kwic(sample, sample_node).to_frame(), 20)
timed("sample_collocates", lambda: C.collocates(sample, sample_node, window=5), 20)
economy = sample.subcorpus(section="economy")
rest = sample.subcorpus(query="section != 'economy'")
timed("sample_keyness", lambda: KE.keyness(economy, rest), 20)
print("RESULT " + json.dumps(out))
"""


def run_first_calls(root: Path, full: Path, small: Path | None) -> dict:
    """Time first calls after a load in a fresh interpreter importing ``root``."""
    import os

    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_CHILD, str(full), str(small or "-"), NODE,
         ",".join(JULY), ",".join(AUGUST), SAMPLE_NODE],
        capture_output=True, text=True, env=env, cwd=str(root))  # "-c": cwd first
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"first-call child ({root}) failed (exit "
                           f"{proc.returncode}):\n{proc.stderr[-3000:]}")
    res = json.loads(lines[-1][len("RESULT "):])
    if not Path(res["package"]).resolve().is_relative_to(root.resolve()):
        raise RuntimeError(f"the child imported {res['package']}, not {root}")
    return res


def best_of_runs(runs: list[dict]) -> dict:
    """The best (smallest) value of each figure over several child runs."""
    return {k: (min(r[k] for r in runs) if isinstance(runs[0][k], float)
                else runs[0][k]) for k in runs[0]}


def spread(docs: list, n: int) -> list:
    """``n`` documents spread over ``docs`` (every source, every day)."""
    return docs[:: max(1, len(docs) // n)][:n]


def run_nltk_pairs(tokens: list[str]) -> dict:
    """NLTK's window-5 finder + log-likelihood on ``tokens`` in a fresh interpreter."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8",
                                     delete=False) as fh:
        fh.write(" ".join(tokens))
        tok_path = fh.name
    try:
        out = subprocess.run([sys.executable, "-c", NLTK_CHILD, tok_path],
                             capture_output=True, text=True, check=True)
    finally:
        Path(tok_path).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


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
                        help="skip NLTK's window-5 finder on the whole corpus "
                             "(minutes, 2.7-5.6 GB; the 2,000-article run stays)")
    parser.add_argument("--conc-python", default=None, metavar="PATH",
                        help="interpreter of a virtual environment with "
                             "conc==0.1.13: measure conc in this run")
    parser.add_argument("--base", default=BASE_DEFAULT, metavar="PATH",
                        help="a checkout of the old code (default /work/base) whose "
                             "first calls are timed in the same run; '' to skip")
    parser.add_argument("--child-runs", type=int, default=2,
                        help="rounds of first-call children (ours, old), best of")
    parser.add_argument("--small-docs", type=int, default=SMALL_DOCS,
                        help="articles of the small corpus (all pairs vs NLTK)")
    args = parser.parse_args()

    # import_module, not "from arabcorpus import kwic": the package re-exports
    # functions with the same names as these modules
    from importlib import import_module

    C = import_module("arabcorpus.analyses.collocations")
    F = import_module("arabcorpus.analyses.frequency")
    KE = import_module("arabcorpus.analyses.keyness")
    K = import_module("arabcorpus.analyses.kwic")
    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.readers import read_saudinewsnet

    stream = read_saudinewsnet(corpora_dir() / "saudinewsnet")
    docs = list(stream)
    small_docs = spread(docs, args.small_docs)
    if args.docs:
        docs = spread(docs, args.docs)  # all sources
    corpus, t_build = timed(lambda: Corpus.build(docs, progress=False))
    work = Path(tempfile.mkdtemp(prefix="bench-analyses-"))
    corpus.save(work / "full")
    small = Corpus.build(small_docs, progress=False)
    small.save(work / "small")
    small_tokens = [w for d in range(len(small)) for w in small.tokens(d, "norm")]
    del small, small_docs
    conc_run = None
    if args.conc_python:
        print("conc: building its corpora and timing its queries in a child ...",
              flush=True)
        conc_run = run_conc(args.conc_python, docs)
        CONC = {k: conc_run[k] for k in CONC_PEERS}
        conc_label = "conc 0.1.13 (s, measured in this run)"
        conc_where = "measured in this run"
    else:
        CONC = dict(CONC_PEERS)
        conc_label = "conc (s, PEERS.md, not measured in this run)"
        conc_where = "PEERS.md figure, not measured in this run"
    del docs
    print(f"corpus: {corpus!r}")
    print(f"build: {t_build:.1f} s, peak RSS so far {vm_hwm_mb():.0f} MB")

    rows = []

    def row(op, ours, nltk=None, conc=None, note=""):
        rows.append({"operation": op, "arabcorpus (s)": f"{ours:.4f}",
                     "NLTK (s)": "-" if nltk is None else f"{nltk:.3f}",
                     conc_label: "-" if conc is None else
                         (f"{conc:.4f}" if conc_run else f"{conc}"),
                     "note": note})

    # ---------------------------------------------------------------- ours
    _, t_freq_first = timed(lambda: F.frequency(corpus))
    t_freq = best_time(lambda: F.frequency(corpus), repeat=5)
    _, t_kwic_first = timed(lambda: K.kwic(corpus, NODE).to_frame())
    t_kwic = best_time(lambda: K.kwic(corpus, NODE).to_frame(), repeat=5)
    n_lines = len(K.kwic(corpus, NODE))
    t_coll = best_time(lambda: C.collocates(corpus, NODE, window=5), repeat=5)
    (july, august), t_sub_month = timed(lambda: (corpus.subcorpus(date=JULY),
                                                 corpus.subcorpus(date=AUGUST)))
    _, t_month_first = timed(lambda: KE.keyness(july, august))
    t_month = best_time(lambda: KE.keyness(july, august), repeat=3)
    n_july, n_august = len(july), len(august)
    del july, august
    (target, reference), t_sub = timed(lambda: (
        corpus.subcorpus(source=KEYNESS_SOURCE),
        corpus.subcorpus(query=f"source != '{KEYNESS_SOURCE}'")))
    _, t_key_first = timed(lambda: KE.keyness(target, reference))
    t_key = best_time(lambda: KE.keyness(target, reference), repeat=3)
    reset_hwm()
    base_mb = vm_hwm_mb()
    # window=4: w2 up to 4 tokens right of w1, as NLTK's window_size=5 below
    pairs, t_pairs = timed(lambda: C.collocations(corpus, window=4,
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
        nltk_pairs = run_nltk_pairs(tokens)

    def conc_note(name, what):
        if not conc_run:
            return ""
        return (f"; conc first call {conc_run[name + '_first']:.3f} s, "
                f"{conc_run[what]} {what.split('_')[0]} rows")

    row("frequency list (cached index)", t_freq, t_nltk_freq, CONC["frequency"],
        f"first call after the build {t_freq_first:.3f} s"
        + conc_note("frequency", "frequency_rows"))
    row(f"KWIC {NODE} + to_frame", t_kwic, t_nltk_kwic, CONC["kwic"],
        f"{n_lines} lines (NLTK {len(nltk_lines)}"
        + (f", conc {conc_run['kwic_lines']}" if conc_run else "")
        + f"); first call {t_kwic_first:.3f} s, NLTK first {t_nltk_kwic_first:.2f} s"
        + (f", conc first {conc_run['kwic_first']:.3f} s" if conc_run else ""))
    row(f"collocates {NODE}, window 5", t_coll, None, CONC["collocates"],
        "NLTK has no node-collocate search"
        + (f"; conc logDice, first call {conc_run['collocates_first']:.3f} s"
           if conc_run else ""))
    row("keyness July vs August 2015", t_month, None, CONC["keyness"],
        f"{n_july} vs {n_august} docs; first call {t_month_first:.3f} s; "
        f"+ {t_sub_month:.2f} s to make the two subcorpora"
        + (f"; conc {conc_run['docs_july']} vs {conc_run['docs_august']} docs "
           f"(two corpora), first call {conc_run['keyness_first']:.3f} s"
           if conc_run else ""))
    row(f"keyness {KEYNESS_SOURCE} vs rest", t_key, None, None,
        f"first call {t_key_first:.3f} s (counts the two subcorpora, then cached); "
        f"+ {t_sub:.2f} s to make the two subcorpora")
    row("all pairs, window=4 (NLTK window_size=5), log-likelihood", t_pairs,
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
    if conc_run:
        print("conc build_from_csv (not included above): "
              + ", ".join(f"{part} {conc_run['build_' + part]:.1f} s "
                          f"({conc_run['docs_' + part]:,} docs, "
                          f"{conc_run['tokens_' + part]:,} tokens)"
                          for part in ("all", "july", "august"))
              + f"; CSV rows written {conc_run['csv_rows']}")

    def verdict(ok):
        return "PASS" if ok else "FAIL"

    # ------------------------------------------- first calls after a load (children)
    del corpus
    roots = [("ours", Path(__file__).resolve().parent.parent)]
    if args.base and Path(args.base, "arabcorpus").is_dir():
        roots.append(("old", Path(args.base)))
    print(f"\nfirst-call children: {', '.join(r for r, _ in roots)}, "
          f"{args.child_runs} rounds ...", flush=True)
    runs: dict[str, list] = {name: [] for name, _ in roots}
    for _ in range(max(1, args.child_runs)):
        for name, root in roots:  # alternating: ours, old, ours, old ...
            runs[name].append(run_first_calls(root, work / "full", work / "small"))
    first = {name: best_of_runs(r) for name, r in runs.items()}
    ours, old = first["ours"], first.get("old")
    small_nltk = run_nltk_pairs(small_tokens)  # about a minute: run even with --skip
    import shutil

    shutil.rmtree(work, ignore_errors=True)

    def fmt(x):
        return "-" if x is None else f"{x:.4f}"

    first_rows, first_targets = [], []
    for name, label in (("frequency", "frequency"), ("kwic", f"KWIC {NODE} + to_frame"),
                        ("collocates", f"collocates {NODE}, window 5"),
                        ("keyness", "keyness July vs August")):
        conc_first = conc_run[name + "_first"] if conc_run else None
        first_rows.append({
            "first call after load": label,
            "arabcorpus (s)": fmt(ours[name + "_first"]),
            "old (s)": fmt(old and old[name + "_first"]),
            "conc first call (s)": fmt(conc_first),
            "arabcorpus CPU (s)": fmt(ours[name + "_first_cpu"]),
            "old CPU (s)": fmt(old and old[name + "_first_cpu"]),
            "conc CPU (s)": fmt(conc_run and conc_run[name + "_first_cpu"]),
            "arabcorpus, later calls (s)": fmt(ours[name]),
        })
        limit = 0.3 if conc_first is None else min(0.3, 2 * conc_first)
        first_targets.append((
            f"first call {label} < 0.3 s and < 2x conc "
            f"({ours[name + '_first']:.3f} s; conc "
            + (f"{conc_first:.3f} s" if conc_first is not None else "not measured")
            + ")", ours[name + "_first"] < limit))
    print_table(first_rows, title="First call after Corpus.load (fresh interpreter; "
                                  "best of the children's runs; CPU: the process's "
                                  "user + system time, less sensitive to a busy "
                                  "machine than wall-clock time)")
    print(f"(before the clock: imports of pandas/scipy {ours['imports']:.2f} s, load "
          f"{ours['load']:.2f} s, the two keyness subcorpora "
          f"{ours['subcorpora']:.2f} s)")

    small_rows = [{
        "small corpora": f"all pairs window 5, G2, {args.small_docs} articles "
                         f"({ours['pairs_small_rows']} pairs)",
        "first call (s)": fmt(ours["pairs_small_first"]),
        "best (s)": fmt(ours["pairs_small"]),
        "old first (s)": fmt(old and old["pairs_small_first"]),
        "NLTK (s)": fmt(small_nltk and small_nltk["seconds"]),
    }]
    for name, label in (("sample_kwic", f"sample: KWIC {SAMPLE_NODE} + to_frame"),
                        ("sample_collocates", f"sample: collocates {SAMPLE_NODE}, "
                                              f"window 5"),
                        ("sample_keyness", "sample: keyness economy vs rest")):
        small_rows.append({"small corpora": label,
                           "first call (s)": fmt(ours[name + "_first"]),
                           "best (s)": fmt(ours[name]),
                           "old first (s)": fmt(old and old[name + "_first"]),
                           "NLTK (s)": "-"})
        first_targets.append((f"{label} < 10 ms (first call {ours[name + '_first'] * 1e3:.1f}"
                              f" ms, later {ours[name] * 1e3:.1f} ms)",
                              ours[name + "_first"] < 0.010))
    print_table(small_rows, title="Small corpora (first call after load or build)")
    if small_nltk:
        first_targets.append((
            f"all pairs window 5, {args.small_docs} articles, >= 10x NLTK "
            f"({small_nltk['seconds'] / ours['pairs_small_first']:.1f}x on the first "
            f"call, {small_nltk['seconds'] / ours['pairs_small']:.1f}x later)",
            small_nltk["seconds"] >= 10 * ours["pairs_small_first"]))

    targets = [
        (f"KWIC >= 2x faster than conc ({CONC['kwic'] / t_kwic:.1f}x; {conc_where})",
         t_kwic <= CONC["kwic"] / 2),
        (f"collocates >= 2x faster than conc ({CONC['collocates'] / t_coll:.1f}x; "
         f"{conc_where})", t_coll <= CONC["collocates"] / 2),
        (f"frequency >= 1x conc ({CONC['frequency'] / t_freq:.1f}x; {conc_where})",
         t_freq <= CONC["frequency"]),
        (f"keyness July vs August >= 2x faster than conc "
         f"({CONC['keyness'] / t_month:.1f}x; {conc_where})",
         t_month <= CONC["keyness"] / 2),
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
    for name, ok in targets + first_targets:
        print(f"{verdict(ok)}  {name}")


if __name__ == "__main__":
    main()
