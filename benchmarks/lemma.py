"""Lemma accuracy on UD Arabic PUD and lemmatizing speed on the SaudiNewsNet vocabulary.

Accuracy: every orthographic word of ``ud/ar_pud-first500.conllu`` (the first 500 of the
1,000 PUD sentences, i.e. the whole file) whose syntactic words include a NOUN, VERB,
ADJ, PROPN, ADV or NUM is lemmatized, and the prediction is compared with the gold lemma
of its host word after removing diacritics and tatweel and folding ``أ إ آ ٱ`` to ``ا``
(:mod:`arabcorpus.text.evaluation`; Zeman et al., CoNLL 2017 Shared Task; UD Arabic PUD).
Rows: the word itself, Simplemma alone, Simplemma on the clitic-stripped word when it
leaves the word unchanged, Qalsadi alone, the oracle over those three, CAMeL Tools when
installed with its database, and the default backend, without and with the SaudiNewsNet
type counts passed as ``type_counts``.

Speed: each backend lemmatizes the distinct word types of the PUD words (words/s per
type, fresh cache); the default backend also lemmatizes the whole surface vocabulary of
SaudiNewsNet (Arabic tokens of ``arabcorpus.text.tokenize``, all 31,030 articles), once per
type, then splits every type into clitics and base, with wall-clock and CPU seconds
(the machine may be shared); for comparison, the direct reference analysis
(``arabcorpus.text.clitics._analyze_reference``, the implementation before the fast path) on
20,000 random types of it. The lexicon is timed apart: read from its sources (Arramooz's
SQLite files and Simplemma), loaded from its cache file, and the base filters built
from it.

Clitic segmentation: precision and recall of the cut points of
``arabcorpus.text.clitics.segments`` and
``arabcorpus.text.light_clitics.segment_clitics`` against PUD's syntactic-word boundaries (the cut after the article is not counted).

Old against new: ``--compare PATH`` also times ``lemmatize_types`` on the whole
SaudiNewsNet surface vocabulary, without and with its type counts, in fresh interpreters
importing this checkout and the one at ``PATH`` in turn (``--repeat`` times each, best
CPU seconds; the lexicon is loaded before the clock starts), and prints their ratio.

Run: ``python benchmarks/lemma.py`` (``--no-saudinewsnet`` skips the vocabulary rows;
``--errors N`` prints N wrong predictions of the default backend; ``--compare PATH
[--repeat 3]`` adds the comparison).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, corpora_dir, print_table, saudinewsnet_articles  # noqa: E402

sys.path.insert(0, str(REPO_ROOT))  # the package, when run from a checkout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-saudinewsnet", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--compare", type=Path, default=None,
                        help="another checkout to time lemmatize_types against")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from arabcorpus.text import evaluation as ev
    from arabcorpus.text.clitics import analyze, base_form, lexicon, segments
    from arabcorpus.text.lemma import Lemmatizer
    from arabcorpus.text.light_clitics import segment_clitics
    from arabcorpus.text.tokenize import tokenize_many

    print(f"Run {datetime.date.today().isoformat()}: python benchmarks/lemma.py")
    pud = corpora_dir() / "ud" / "ar_pud-first500.conllu"
    pairs = ev.lemma_pairs(pud)
    words = [w for w, _ in pairs]
    types = list(dict.fromkeys(words))
    print(f"PUD: {len(pairs)} words with a content host, {len(types)} distinct")

    from arabcorpus.text import clitics
    t0 = time.perf_counter()
    clitics._read_lexicon()
    lex_sources = time.perf_counter() - t0
    t0 = time.perf_counter()
    lexicon()  # from the cache file, written now if it was missing
    lex_load = time.perf_counter() - t0
    if clitics.lexicon_cache_path() is not None:
        lexicon.cache_clear()
        t0 = time.perf_counter()
        lexicon()
        lex_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    clitics._filters()
    filters_build = time.perf_counter() - t0
    print(f"Lexicon: {lex_sources:.2f} s from its sources, {lex_load:.2f} s from its "
          f"cache file, then {filters_build:.2f} s for the base filters (read with the "
          f"cache file when there is one)")

    counts: collections.Counter[str] = collections.Counter()
    if not args.no_saudinewsnet:
        texts = [a.get("content") or "" for a in saudinewsnet_articles()]
        for toks in tokenize_many(texts):
            counts.update(t for t, k in zip(toks.texts, toks.kinds.tolist()) if k == 0)

    def per_type(fn, names):
        t = time.perf_counter()
        table = dict(zip(names, fn(names)))
        return table, time.perf_counter() - t

    rows = []
    preds: dict[str, list[str]] = {}

    def add(name, fn, note=""):
        analyze.cache_clear()  # each row starts without analyses cached by another
        table, secs = per_type(fn, types)
        preds[name] = [table[w] for w in words]
        score = ev.score_lemmas(pairs, preds[name])
        rows.append({"lemmatizer": name, "accuracy": f"{score.accuracy:.3f}",
                     "correct": f"{score.correct}/{score.total}",
                     "types/s": f"{len(types) / secs:,.0f}" if secs else "-",
                     "note": note})
        return score

    add("the word itself", lambda ts: list(ts))
    simple = Lemmatizer("simplemma")
    add("simplemma", lambda ts: [simple(t) for t in ts])

    def simple_clitics(ts):
        out = []
        for t in ts:
            lemma = simple(t)
            if lemma == ev.fold(t) or lemma == t:
                lemma = simple(base_form(t))
            out.append(lemma)
        return out

    add("simplemma + clitic fallback", simple_clitics,
        "simplemma on arabcorpus.text.clitics.base_form when it returns the word")
    qal = Lemmatizer("qalsadi")
    add("qalsadi", lambda ts: [qal(t) for t in ts])
    oracle = [next((p[i] for p in (preds["simplemma"], preds["simplemma + clitic fallback"],
                                   preds["qalsadi"])
                    if ev.fold(p[i]) == ev.fold(g)), preds["simplemma"][i])
              for i, (_, g) in enumerate(pairs)]
    s = ev.score_lemmas(pairs, oracle)
    rows.append({"lemmatizer": "oracle over the three above", "accuracy":
                 f"{s.accuracy:.3f}", "correct": f"{s.correct}/{s.total}",
                 "types/s": "-", "note": "right if any of the three is right"})
    try:
        camel = Lemmatizer("camel")
    except ImportError as exc:
        rows.append({"lemmatizer": "camel", "accuracy": "-", "correct": "-",
                     "types/s": "-", "note": f"not run: {str(exc)[:60]}..."})
    else:  # pragma: no cover - needs the CAMeL database
        add("camel", lambda ts: [camel(t) for t in ts])
    default = Lemmatizer()
    score = add("default", lambda ts: default.lemmatize_types(ts),
                f"lexicon load {lex_load + filters_build:.1f} s, not counted")
    if counts:
        d2 = Lemmatizer()
        add("default + SaudiNewsNet type_counts",
            lambda ts: d2.lemmatize_types(ts, type_counts=counts),
            "corpus counts choose among readings")
    print_table(rows, "Lemma accuracy, UD Arabic PUD (first 500 sentences)")

    gold_cuts = ev.clitic_gold(pud)
    seg_rows = []
    for name, fn in (("arabcorpus.text.clitics.segments", segments),
                     ("arabcorpus.text.light_clitics.segment_clitics", segment_clitics)):
        sc = ev.score_segmentation(gold_cuts, fn)
        seg_rows.append({"segmenter": name, "precision": f"{sc.precision:.3f}",
                         "recall": f"{sc.recall:.3f}", "F1": f"{sc.f1:.3f}",
                         "cuts (true/predicted/gold)":
                             f"{sc.true_positives}/{sc.predicted}/{sc.gold}"})
    print_table(seg_rows, "Clitic cut points against PUD word boundaries "
                          f"({len(gold_cuts)} orthographic words)")

    if counts:
        import random

        vocab = list(counts)
        speed_rows = []

        def timed(name, fn, n):
            t, c = time.perf_counter(), time.process_time()
            fn()
            secs, cpu = time.perf_counter() - t, time.process_time() - c
            speed_rows.append({"run": name, "types": f"{n:,}", "seconds": f"{secs:.2f}",
                               "CPU seconds": f"{cpu:.2f}",
                               "types/s": f"{n / secs:,.0f}"})

        sample = random.Random(0).sample(vocab, min(20_000, len(vocab)))
        timed("direct reference analysis (before), random sample",
              lambda: [clitics._analyze_reference(w) for w in sample], len(sample))
        analyze.cache_clear()
        lem = Lemmatizer()
        timed("default lemmatize_types, no counts",
              lambda: lem.lemmatize_types(vocab), len(vocab))
        timed("then split_clitics of every type",
              lambda: [clitics.split_clitics(w) for w in vocab], len(vocab))
        analyze.cache_clear()
        timed("lemmas and splits in one pass (clitics.best_analyses), fresh caches",
              lambda: clitics.best_analyses(vocab), len(vocab))
        analyze.cache_clear()
        lem2 = Lemmatizer()
        timed("default lemmatize_types, with type_counts",
              lambda: lem2.lemmatize_types(vocab, type_counts=counts), len(vocab))
        print_table(speed_rows,
                    f"SaudiNewsNet surface vocabulary ({sum(counts.values()):,} Arabic "
                    f"tokens); lexicon {lex_load:.2f} s from its cache file "
                    f"({lex_sources:.2f} s from its sources) + base filters "
                    f"{filters_build:.2f} s, not counted")

    if counts and args.compare is not None:
        compare_checkouts(counts, args.compare.resolve(), args.repeat)

    if args.errors:
        wrong = [(w, g, p) for (w, g), p in zip(pairs, preds["default"])
                 if ev.fold(p) != ev.fold(g)]
        print(f"\nFirst {args.errors} errors of the default (word | gold | predicted):")
        for w, g, p in wrong[:args.errors]:
            print(f"  {w} | {ev.fold(g)} | {p}")
    print(f"\ndefault accuracy {score.accuracy:.3f} (target 0.88)")


#: Run in a fresh interpreter by ``compare_checkouts``: CPU seconds of lemmatize_types.
_CHILD = """
import json, sys, time
vocab, counts = json.load(open(sys.argv[1], encoding="utf-8"))
from arabcorpus.text import clitics
from arabcorpus.text.lemma import Lemmatizer, _function_words
print(clitics.__file__, file=sys.stderr)
clitics.lexicon(); clitics._filters(); _function_words()
t = time.process_time()
Lemmatizer().lemmatize_types(vocab, type_counts=counts if sys.argv[2] == "counts" else None)
print(time.process_time() - t)
"""


def compare_checkouts(counts, other: Path, repeat: int) -> None:
    """Best CPU seconds of ``lemmatize_types`` on the vocabulary, this checkout and
    ``other`` alternated in fresh interpreters."""
    import json
    import os
    import subprocess
    import tempfile

    trees = {"compared": other, "this": REPO_ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "vocabulary.json"
        data.write_text(json.dumps([list(counts), dict(counts)], ensure_ascii=False),
                        encoding="utf-8")
        best: dict[tuple[str, str], float] = {}
        for _ in range(repeat):
            for mode in ("no counts", "counts"):
                for name, tree in trees.items():
                    env = dict(os.environ, PYTHONPATH=str(tree))
                    out = subprocess.run([sys.executable, "-c", _CHILD, str(data),
                                          mode.replace(" ", "_")], env=env, check=True,
                                         capture_output=True, text=True,
                                         cwd=tmp).stdout  # not a checkout's folder
                    key = (mode, name)
                    best[key] = min(best.get(key, math.inf), float(out))
    rows = [{"lemmatize_types": f"{mode}, {len(counts):,} types",
             "compared (s)": f"{best[mode, 'compared']:.2f}",
             "this (s)": f"{best[mode, 'this']:.2f}",
             "speed-up": f"{best[mode, 'compared'] / best[mode, 'this']:.2f}x"}
            for mode in ("no counts", "counts")]
    print_table(rows, f"CPU seconds, best of {repeat}, alternated; compared: {other}")


if __name__ == "__main__":
    main()
