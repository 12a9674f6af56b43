"""Lemma accuracy on UD Arabic PUD and lemmatizing speed on the SaudiNewsNet vocabulary.

Accuracy: every orthographic word of ``ud/ar_pud-first500.conllu`` (the first 500 of the
1,000 PUD sentences, i.e. the whole file) whose syntactic words include a NOUN, VERB,
ADJ, PROPN, ADV or NUM is lemmatized, and the prediction is compared with the gold lemma
of its host word after removing diacritics and tatweel and folding ``أ إ آ ٱ`` to ``ا``
(:mod:`arabcorpus.evaluation`; Zeman et al., CoNLL 2017 Shared Task; UD Arabic PUD).
Rows: the word itself, Simplemma alone, Simplemma on the clitic-stripped word when it
leaves the word unchanged, Qalsadi alone, the oracle over those three, CAMeL Tools when
installed with its database, and the default backend, without and with the SaudiNewsNet
type counts passed as ``type_counts``.

Speed: each backend lemmatizes the distinct word types of the PUD words (words/s per
type, fresh cache); the default backend also lemmatizes the whole surface vocabulary of
SaudiNewsNet (Arabic tokens of ``arabcorpus.tokenize``, all 31,030 articles), once per
type. The lexicon load (Arramooz and Simplemma, read once) is timed apart.

Clitic segmentation: precision and recall of the cut points of
``arabcorpus.clitics.segments`` and ``arabcorpus.tokenize.segment_clitics`` against
PUD's syntactic-word boundaries (the cut after the article is not counted).

Run: ``python benchmarks/lemma.py`` (``--no-saudinewsnet`` skips the vocabulary rows;
``--errors N`` prints N wrong predictions of the default backend).
"""

from __future__ import annotations

import argparse
import collections
import datetime
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
    args = parser.parse_args()

    from arabcorpus import evaluation as ev
    from arabcorpus.clitics import analyze, base_form, lexicon, segments
    from arabcorpus.lemma import Lemmatizer
    from arabcorpus.tokenize import segment_clitics, tokenize_many

    print(f"Run {datetime.date.today().isoformat()}: python benchmarks/lemma.py")
    pud = corpora_dir() / "ud" / "ar_pud-first500.conllu"
    pairs = ev.lemma_pairs(pud)
    words = [w for w, _ in pairs]
    types = list(dict.fromkeys(words))
    print(f"PUD: {len(pairs)} words with a content host, {len(types)} distinct")

    t0 = time.perf_counter()
    lexicon()
    lex_load = time.perf_counter() - t0

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
        "simplemma on arabcorpus.clitics.base_form when it returns the word")
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
                f"lexicon load {lex_load:.1f} s, not counted")
    if counts:
        d2 = Lemmatizer()
        add("default + SaudiNewsNet type_counts",
            lambda ts: d2.lemmatize_types(ts, type_counts=counts),
            "corpus counts choose among readings")
    print_table(rows, "Lemma accuracy, UD Arabic PUD (first 500 sentences)")

    gold_cuts = ev.clitic_gold(pud)
    seg_rows = []
    for name, fn in (("arabcorpus.clitics.segments", segments),
                     ("arabcorpus.tokenize.segment_clitics", segment_clitics)):
        sc = ev.score_segmentation(gold_cuts, fn)
        seg_rows.append({"segmenter": name, "precision": f"{sc.precision:.3f}",
                         "recall": f"{sc.recall:.3f}", "F1": f"{sc.f1:.3f}",
                         "cuts (true/predicted/gold)":
                             f"{sc.true_positives}/{sc.predicted}/{sc.gold}"})
    print_table(seg_rows, "Clitic cut points against PUD word boundaries "
                          f"({len(gold_cuts)} orthographic words)")

    if counts:
        vocab = list(counts)
        lem = Lemmatizer()
        analyze.cache_clear()
        t = time.perf_counter()
        lem.lemmatize_types(vocab)
        secs = time.perf_counter() - t
        lem2 = Lemmatizer()
        analyze.cache_clear()
        t = time.perf_counter()
        lem2.lemmatize_types(vocab, type_counts=counts)
        secs2 = time.perf_counter() - t
        print_table([
            {"run": "default, no counts", "types": f"{len(vocab):,}",
             "seconds": f"{secs:.1f}", "types/s": f"{len(vocab) / secs:,.0f}"},
            {"run": "default, with type_counts", "types": f"{len(vocab):,}",
             "seconds": f"{secs2:.1f}", "types/s": f"{len(vocab) / secs2:,.0f}"},
        ], f"SaudiNewsNet surface vocabulary ({sum(counts.values()):,} Arabic tokens); "
           f"lexicon load {lex_load:.1f} s")

    if args.errors:
        wrong = [(w, g, p) for (w, g), p in zip(pairs, preds["default"])
                 if ev.fold(p) != ev.fold(g)]
        print(f"\nFirst {args.errors} errors of the default (word | gold | predicted):")
        for w, g, p in wrong[:args.errors]:
            print(f"  {w} | {ev.fold(g)} | {p}")
    print(f"\ndefault accuracy {score.accuracy:.3f} (target 0.88)")


if __name__ == "__main__":
    main()
