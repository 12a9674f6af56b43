"""Benchmark: build, save and load the whole of SaudiNewsNet as a Corpus, against conc.

Run::

    python benchmarks/corpus.py --conc-python PATH/TO/conc-venv/bin/python [--repeat 3]

Every measured step runs in a fresh child interpreter (``subprocess`` of
``sys.executable -c ...``, or of the conc interpreter), which reports its own wall
time and its own peak resident memory (``VmHWM`` of ``/proc/self/status``: a new
process image starts a new high-water mark, unlike ``ru_maxrss``, which a child
started from a big parent inherits). This parent reads no corpus itself. The build
starts a tokenizing process (:mod:`arabcorpus.corpus.batches`); its peak is read from
its own ``VmHWM`` just before the build stops it, and counted with the building
process's.

Steps
-----
- **arabcorpus build**: ``Corpus.build(read_saudinewsnet(folder), profile="search")``
  (surface and norm layers; reading the 18 zips included; imports excluded), then
  ``save`` to a folder; ``--repeat`` times (best time, highest peak), alternated with
  the conc builds (``--conc-repeat``).
- **arabcorpus load**: ``Corpus.load`` of that folder in a new interpreter (imports
  excluded), memory-mapped (the default) and with ``mmap_mode=None``; then the time
  to read every array and decode every text once, which the default load defers.
- **conc build** (conc 0.1.13, in its own virtualenv because it pins versions):
  ``Corpus.build_from_csv`` on a CSV of the same articles (text + metadata columns),
  tokenized with a blank spaCy Arabic pipeline (spaCy ships no trained Arabic model;
  conc only uses the tokenizer). Then ``Corpus.load`` of conc's folder.

- **arabcorpus build with lemmas**: the same build with ``layers=("norm", "lemma")``
  (the lemma of every surface type, :mod:`arabcorpus.text.lemma`), in its own interpreter
  in the same run.

Targets: our build at least 8x faster than conc's in the same run; our build's peak
memory (building process + tokenizing process) under 600 MB; loading a saved corpus
under 1 s; the build with the lemma layer at most 1.3x the time of the plain build,
under 1.2 GB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, corpora_dir, print_table  # noqa: E402

_PEAK = """
def _peak_mb():
    with open('/proc/self/status') as fh:
        for line in fh:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

OURS_BUILD = _PEAK + """
import json, sys, time
import numpy, pandas, tqdm  # imports are not part of the build time
from arabcorpus.io.readers import read_saudinewsnet
from arabcorpus.corpus.memory import Corpus
from arabcorpus.corpus import batches, builder

# The peak memory of each process the build starts, read from its own VmHWM just
# before it is told to stop (ru_maxrss of children counts the parent's memory at fork).
child_peaks = {"tokenizer": 0.0, "lemmatizer": 0.0}
def _child_peak(proc):
    try:
        with open(f"/proc/{proc.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
def _watch(cls, name):
    close = cls.close
    def watched(self):
        child_peaks[name] = max(child_peaks[name], _child_peak(self.proc))
        close(self)
    cls.close = watched
_watch(batches.TokenizingProcess, "tokenizer")
_watch(builder._Worker, "lemmatizer")
folder, out = sys.argv[1], sys.argv[2]
layers = tuple(x for x in sys.argv[3].split(",") if x) if len(sys.argv) > 3 else ()
import resource
def _cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime
cpu0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
corpus = Corpus.build(read_saudinewsnet(folder), profile="search", progress=False,
                      layers=layers)
t1 = time.perf_counter()
cpu = _cpu(resource.RUSAGE_SELF) - cpu0
kids = _cpu(resource.RUSAGE_CHILDREN) - kids0
peak_build = _peak_mb()
corpus.save(out)
t2 = time.perf_counter()
print("RESULT " + json.dumps({
    "build_s": t1 - t0, "save_s": t2 - t1, "peak_build_mb": peak_build,
    "cpu_s": cpu, "worker_cpu_s": kids, "worker_peak_mb": child_peaks["lemmatizer"],
    "tokenizer_peak_mb": child_peaks["tokenizer"],
    "peak_mb": _peak_mb(), "docs": len(corpus), "tokens": corpus.n_tokens,
    "surface_types": corpus.n_types("surface"), "norm_types": corpus.n_types("norm"),
    "lemma_types": corpus.n_types("lemma") if "lemma" in corpus.layers else None}))
"""

OURS_LOAD = _PEAK + """
import json, sys, time
import numpy, pandas
from arabcorpus.corpus.memory import Corpus
mmap_mode = None if sys.argv[2] == "none" else sys.argv[2]
t0 = time.perf_counter()
corpus = Corpus.load(sys.argv[1], mmap_mode=mmap_mode)
t1 = time.perf_counter()
total = sum(int(corpus.ids(layer).sum()) for layer in corpus.layers)
total += int(corpus.spans.sum()) + int(corpus.kinds.sum())
t2 = time.perf_counter()
chars = sum(len(t) for t in corpus.texts)
t3 = time.perf_counter()
print("RESULT " + json.dumps({"load_s": t1 - t0, "arrays_s": t2 - t1,
                              "texts_s": t3 - t2, "chars": chars,
                              "peak_mb": _peak_mb(), "docs": len(corpus)}))
"""

WRITE_CSV = """
import csv, sys
sys.path.insert(0, sys.argv[2])
from _common import saudinewsnet_articles
fields = ["source", "date_extracted", "title", "author", "url"]
n = 0
with open(sys.argv[1], "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["text"] + fields)
    for a in saudinewsnet_articles():
        text = a.get("content") or ""
        if text.strip():  # arabcorpus's reader skips (and reports) empty articles
            w.writerow([text] + [a.get(f) or "" for f in fields])
            n += 1
print("RESULT", n)
"""

CONC_BUILD = _PEAK + """
import json, os, sys, time
import spacy
from conc.corpus import Corpus
csv_path, out, model_dir = sys.argv[1], sys.argv[2], sys.argv[3]
nlp = spacy.blank("ar")  # no trained Arabic model exists; conc disables these pipes
for name in ["parser", "ner", "lemmatizer", "tagger", "senter", "tok2vec",
             "attribute_ruler"]:
    nlp.add_pipe("sentencizer", name=name)
nlp.to_disk(model_dir)
os.makedirs(out, exist_ok=True)
t0 = time.perf_counter()
corpus = Corpus("saudinewsnet").build_from_csv(
    csv_path, out, text_column="text",
    metadata_columns=["source", "date_extracted", "title", "author", "url"],
    model=model_dir)
t1 = time.perf_counter()
print("RESULT " + json.dumps({"build_s": t1 - t0, "peak_mb": _peak_mb(),
                              "docs": corpus.document_count,
                              "tokens": corpus.token_count,
                              "path": str(corpus.corpus_path)}))
"""

CONC_LOAD = _PEAK + """
import json, sys, time
from conc.corpus import Corpus
t0 = time.perf_counter()
corpus = Corpus().load(sys.argv[1])
t1 = time.perf_counter()
print("RESULT " + json.dumps({"load_s": t1 - t0, "peak_mb": _peak_mb()}))
"""


def run_child(python: str, code: str, *args: str) -> dict | str:
    """Run ``code`` in a fresh interpreter; return its RESULT (JSON) or raise."""
    proc = subprocess.run([python, "-c", code, *args], capture_output=True, text=True,
                          cwd=REPO_ROOT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child failed (exit {proc.returncode}):\n"
                           f"{proc.stderr[-3000:]}")
    payload = lines[-1][len("RESULT "):]
    try:
        return json.loads(payload)
    except json.JSONDecodeError:
        return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conc-python", default=None,
                        help="interpreter of a virtual environment with conc==0.1.13 "
                             "installed (without it, the conc rows are skipped)")
    parser.add_argument("--workdir", default=None,
                        help="folder for the saved corpora (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of ours (best time, highest peak), alternated "
                             "with the conc builds (default 3)")
    parser.add_argument("--conc-repeat", type=int, default=1,
                        help="builds of conc (best time; default 1: one takes half a "
                             "minute or more)")
    args = parser.parse_args(argv)

    snn = corpora_dir() / "saudinewsnet"
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        conc_python = Path(args.conc_python) if args.conc_python else None
        if conc_python is not None and not conc_python.exists():
            print(f"conc: no interpreter at {conc_python}", file=sys.stderr)
            conc_python = None
        csv_path = work / "saudinewsnet.csv"
        if conc_python is not None:
            run_child(sys.executable, WRITE_CSV, str(csv_path),
                      str(Path(__file__).resolve().parent))
        runs, conc_runs, conc_error = [], [], None
        for i in range(max(args.repeat, args.conc_repeat if conc_python else 0, 1)):
            if i < max(args.repeat, 1):
                runs.append(run_child(sys.executable, OURS_BUILD, str(snn),
                                      str(work / "ours")))
            if conc_python is not None and conc_error is None and i < args.conc_repeat:
                try:
                    conc_runs.append(run_child(str(conc_python), CONC_BUILD,
                                               str(csv_path), str(work / f"conc{i}"),
                                               str(work / "spacy-blank-ar")))
                except RuntimeError as exc:
                    conc_error = exc
        ours = min(runs, key=lambda r: r["build_s"])
        ours["peak_build_mb"] = max(r["peak_build_mb"] for r in runs)
        ours["tokenizer_peak_mb"] = max(r["tokenizer_peak_mb"] for r in runs)
        rows.append({"library": "arabcorpus", "step": "build (read + tokenize + encode)",
                     "seconds": f"{ours['build_s']:.2f}",
                     "peak MB": f"{ours['peak_build_mb']:.0f}",
                     "docs": f"{ours['docs']:,}", "tokens": f"{ours['tokens']:,}"})
        rows.append({"library": "arabcorpus",
                     "step": "  CPU s: building process / tokenizing process",
                     "seconds": f"{ours['cpu_s']:.2f} / {ours['worker_cpu_s']:.2f}",
                     "peak MB": f"{ours['tokenizer_peak_mb']:.0f} (tokenizer)",
                     "docs": "", "tokens": ""})
        rows.append({"library": "arabcorpus", "step": "save", "seconds":
                     f"{ours['save_s']:.2f}", "peak MB": f"{ours['peak_mb']:.0f}",
                     "docs": "", "tokens": ""})
        lemmas = run_child(sys.executable, OURS_BUILD, str(snn), str(work / "lemmas"),
                           "norm,lemma")
        rows.append({"library": "arabcorpus", "step": "build, layers=(norm, lemma)",
                     "seconds": f"{lemmas['build_s']:.2f}",
                     "peak MB": f"{lemmas['peak_build_mb']:.0f}",
                     "docs": f"{lemmas['docs']:,}", "tokens": f"{lemmas['tokens']:,}"})
        rows.append({"library": "arabcorpus",
                     "step": "  CPU s: building process / background processes",
                     "seconds": f"{lemmas['cpu_s']:.2f} / {lemmas['worker_cpu_s']:.2f}",
                     "peak MB": f"{lemmas['worker_peak_mb']:.0f} (lemmatizer), "
                                f"{lemmas['tokenizer_peak_mb']:.0f} (tokenizer)",
                     "docs": "", "tokens": ""})
        loaded = run_child(sys.executable, OURS_LOAD, str(work / "ours"), "r")
        rows.append({"library": "arabcorpus", "step": "load (default, memory-mapped)",
                     "seconds": f"{loaded['load_s']:.3f}",
                     "peak MB": f"{loaded['peak_mb']:.0f}",
                     "docs": f"{loaded['docs']:,}", "tokens": ""})
        rows.append({"library": "arabcorpus", "step": "  then read every array once",
                     "seconds": f"{loaded['arrays_s']:.3f}", "peak MB": "", "docs": "",
                     "tokens": ""})
        rows.append({"library": "arabcorpus", "step": "  then decode every text once",
                     "seconds": f"{loaded['texts_s']:.3f}", "peak MB": "", "docs": "",
                     "tokens": ""})
        eager = run_child(sys.executable, OURS_LOAD, str(work / "ours"), "none")
        rows.append({"library": "arabcorpus", "step": "load (mmap_mode=None)",
                     "seconds": f"{eager['load_s']:.3f}",
                     "peak MB": f"{eager['peak_mb']:.0f}", "docs": "", "tokens": ""})

        conc = min(conc_runs, key=lambda r: r["build_s"]) if conc_runs else None
        if conc_error is not None:
            print(f"conc: not available ({conc_error})", file=sys.stderr)
        if conc is not None:
            rows.append({"library": "conc 0.1.13", "step": "build_from_csv",
                         "seconds": f"{conc['build_s']:.2f}",
                         "peak MB": f"{conc['peak_mb']:.0f}",
                         "docs": f"{conc['docs']:,}", "tokens": f"{conc['tokens']:,}"})
            try:
                conc_load = run_child(str(conc_python), CONC_LOAD, conc["path"])
                rows.append({"library": "conc 0.1.13", "step": "load",
                             "seconds": f"{conc_load['load_s']:.3f}",
                             "peak MB": f"{conc_load['peak_mb']:.0f}", "docs": "",
                             "tokens": ""})
            except RuntimeError as exc:
                print(f"conc: load failed ({exc})", file=sys.stderr)
        if conc is None:
            rows.append({"library": "conc 0.1.13", "step": "build_from_csv",
                         "seconds": "not available", "peak MB": "", "docs": "",
                         "tokens": ""})

        print_table(rows, title="SaudiNewsNet (all articles), profile 'search', layers "
                                "surface + norm; each step in a fresh interpreter")
        print()
        if conc is not None:
            ratio = conc["build_s"] / ours["build_s"]
            print(f"- build at least 8x faster than conc (best of {len(runs)} / "
                  f"{len(conc_runs)}): {ratio:.2f}x -> "
                  f"{'PASS' if ratio >= 8 else 'FAIL'}")
        else:
            print("- build at least 8x faster than conc: conc not available -> SKIP")
        peak = ours["peak_build_mb"] + ours["tokenizer_peak_mb"]
        print(f"- build peak memory under 600 MB (building process + tokenizing "
              f"process): {ours['peak_build_mb']:.0f} + "
              f"{ours['tokenizer_peak_mb']:.0f} "
              f"= {peak:.0f} MB -> {'PASS' if peak < 600 else 'FAIL'}")
        print(f"- load under 1 s: {loaded['load_s']:.3f} s -> "
              f"{'PASS' if loaded['load_s'] < 1 else 'FAIL'}")
        print(f"  (CPU s of the plain build: building process {ours['cpu_s']:.2f}, "
              f"tokenizing process {ours['worker_cpu_s']:.2f}; with lemmas: building "
              f"process {lemmas['cpu_s']:.2f}, background processes "
              f"{lemmas['worker_cpu_s']:.2f}: on two idle cores they overlap)")
        ratio = lemmas["build_s"] / ours["build_s"]
        print(f"- build with the lemma layer at most 1.3x the plain build: {ratio:.2f}x "
              f"({lemmas['lemma_types']:,} lemma types) -> "
              f"{'PASS' if ratio <= 1.3 else 'FAIL'}")
        both = (lemmas["peak_build_mb"] + lemmas["worker_peak_mb"]
                + lemmas["tokenizer_peak_mb"])
        print(f"- build with the lemma layer under 1,200 MB (building process + "
              f"background lemmatizer + tokenizing process): "
              f"{lemmas['peak_build_mb']:.0f} + {lemmas['worker_peak_mb']:.0f} + "
              f"{lemmas['tokenizer_peak_mb']:.0f} = {both:.0f} MB -> "
              f"{'PASS' if both < 1200 else 'FAIL'}")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
