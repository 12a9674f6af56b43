"""Topic models on all of SaudiNewsNet: arabcorpus.analyses.topics (gensim) against tomotopy.

Run: ``python benchmarks/topics.py [--k 20] [--seeds 1,2,3] [--rows ...]``;
``--rows lemma,defaults`` (or its alias ``--only``) runs just those two rows, without
tomotopy and the crude baseline.

Rows, all measured in this one run with k topics:

- *ours, defaults*: ``TopicModel(k=k, seed=s)`` with every other default, for each seed,
  on SaudiNewsNet as a user reads it: ``read_saudinewsnet``, cleaned with
  ``clean_documents(..., SAUDINEWSNET_RULES, header=False)``, ``Corpus.build``;
- *tomotopy*: ``tomotopy.LDAModel(k, seed=s)`` (collapsed Gibbs sampling), 200
  iterations, on exactly the documents *ours, defaults* was trained on, with 1 worker
  and with all cores, for each seed;
- *crude*: whitespace tokens of the raw articles, no cleaning or normalization, gensim
  ``Dictionary.filter_extremes(no_below=5, no_above=0.5)``, gensim ``LdaModel`` one
  pass with its defaults (first seed);
- *ours, 1 pass*: our preprocessing with gensim's default training (one pass,
  symmetric alpha), to separate the effect of preprocessing from that of the training
  schedule (first seed);
- *ours + phrases*: defaults plus ``phrases=True`` (first seed);
- *ours, lemma*: ``TopicModel(k=k, layer="lemma", seed=s)`` with every other default,
  for each seed, on the same cleaned articles built with ``layers=("lemma",)`` (a
  corpus of its own, built after the other rows; the build time, lemmatizing
  included, is printed).

Coherence is the mean c_npmi of each topic's top 10 words, computed for every row by
the same gensim ``CoherenceModel`` (window 10) over that row's filtered documents;
tomotopy's topics are scored on the very texts of *ours, defaults*, so those two are
directly comparable. Coherence moves with the seed by a few hundredths, so the
targets compare the means over the seeds. Memory is the peak resident set size during
the step (VmHWM, reset before each step), in MB, of this one process (so it includes
the corpus already loaded).

For every *ours, defaults*, *ours, lemma* and *tomotopy* model the benchmark also prints which of
the news themes issue 5 names (``THEMES``) it finds: a topic with at least two of a
theme's marker words among its top 20. A closing table counts, per model, with how
many seeds each theme was found. The check is lenient (two markers can fall into a
neighbouring topic, e.g. المسجد into a religion topic), so read the words it prints.
On the lemma layer the marker words are lemmatized (``lemmatize``) before matching.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpora_dir, print_table, saudinewsnet_articles  # noqa: E402


def reset_peak() -> None:
    """Reset the kernel's peak RSS counter (VmHWM) of this process."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:  # not Linux, or not allowed: peaks then accumulate
        pass


def peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def npmi(topics, dictionary, texts) -> float:
    from gensim.models.coherencemodel import CoherenceModel

    cm = CoherenceModel(topics=topics, texts=texts, dictionary=dictionary,
                        coherence="c_npmi", topn=10, processes=1)
    return float(sum(cm.get_coherence_per_topic()) / len(topics))


ROWS = ("defaults", "tomotopy", "crude", "one", "phrases", "lemma")

#: The news themes issue 5 asks to recognise, each with words that mark it. A theme
#: is found when one topic has at least two of its words among its top 20.
THEMES = {
    "sport": ["مباراة", "الفريق", "الدوري", "النادي", "اللاعب", "الموسم", "كرة"],
    "economy and oil": ["النفط", "أسعار", "برميل", "الأسهم", "السوق", "مليار", "الاقتصاد"],
    "war in Yemen": ["اليمن", "الحوثيين", "عدن", "صنعاء", "التحالف", "المقاومة"],
    "health": ["الصحة", "مستشفى", "المرضى", "كورونا", "الطبية", "الصحية"],
    "weather": ["الأمطار", "الطقس", "درجات", "الحرارة", "الرياح", "الأرصاد", "غبار"],
    "Hajj": ["الحج", "الحجاج", "المسجد", "الحرام", "مكة", "العمرة", "المعتمرين"],
    "security": ["الأمن", "الإرهاب", "الإرهابي", "الأمنية", "داعش", "القبض"],
}


def themes_in(topic_types, topic_words, normalizer) -> list[tuple[str, str]]:
    """(theme, "topic t: its top words") for each theme of THEMES, or "not found".

    ``topic_types[t]`` are topic t's top 20 types (normalized), ``topic_words[t]`` the
    words shown for them. The topic with the most marker words wins (at least two)."""
    out = []
    for theme, words in THEMES.items():
        keys = set(normalizer.normalize_many(words))
        best, best_n = None, 1
        for t, types in enumerate(topic_types):
            n = len(keys & set(types))
            if n > best_n:
                best, best_n = t, n
        if best is None:
            out.append((theme, "not found"))
        else:
            words_t = " ".join(topic_words[best][:8])
            out.append((theme, f"topic {best} ({best_n} marker words): {words_t}"))
    return out


class LemmaKeys:
    """Stands in for a normalizer in :func:`themes_in`: marker words as lemmas."""

    @staticmethod
    def normalize_many(words):
        from arabcorpus.text.lemma import lemmatize

        return [lemmatize(w) for w in words]


def themes_found(model, normalizer) -> list[tuple[str, str]]:
    """:func:`themes_in` for a fitted ``TopicModel`` (its words are surface labels)."""
    top = model.topics(n=20)
    groups = [grp for _, grp in top.groupby("topic")]
    return themes_in([list(g["type"]) for g in groups], [list(g["form"]) for g in groups],
                     normalizer)


def print_themes(model: str, seed: int, found: list[tuple[str, str]],
                 tally: dict[str, dict[str, int]]) -> None:
    """Print the themes one model found with one seed; count them in ``tally``."""
    print(f"{model}, seed {seed}: themes found: "
          f"{sum(v != 'not found' for _, v in found)} of {len(found)}")
    counts = tally.setdefault(model, dict.fromkeys(THEMES, 0))
    for theme, where in found:
        print(f"  {theme}: {where}", flush=True)
        counts[theme] += where != "not found"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--iterations", type=int, default=200, help="tomotopy Gibbs iterations")
    ap.add_argument("--seeds", default="1,2,3",
                    help="comma-separated seeds of the defaults and tomotopy rows (the "
                         "targets compare their means); the other rows use the first")
    ap.add_argument("--rows", "--only", dest="rows", default=",".join(ROWS),
                    help=f"comma-separated subset of {','.join(ROWS)} (tomotopy needs "
                         f"defaults), e.g. --only lemma,defaults")
    args = ap.parse_args()
    todo = set(args.rows.split(","))
    if not todo <= set(ROWS) or ("tomotopy" in todo and "defaults" not in todo):
        ap.error(f"--rows: choose from {', '.join(ROWS)}; tomotopy needs defaults")
    try:
        seeds = [int(x) for x in args.seeds.split(",")]
    except ValueError:
        ap.error(f"--seeds: comma-separated integers, got {args.seeds!r}")
    k = args.k

    import numpy as np
    import pandas as pd
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.news import SAUDINEWSNET_RULES, clean_documents
    from arabcorpus.io.readers import read_saudinewsnet
    from arabcorpus.analyses.topics import TopicModel

    snn = corpora_dir() / "saudinewsnet"
    print(f"SaudiNewsNet, k={k}, seeds {seeds}, {os.cpu_count()} cores", flush=True)
    rows = []
    scores: dict[str, list[tuple[float, float]]] = {}  # model -> [(c_npmi, train s)]
    tally: dict[str, dict[str, int]] = {}  # model -> theme -> how many seeds found it

    def row(name, prep, seed, train_s, mem, coh, docs, tokens, types, key=None):
        rows.append({"model": name, "preprocessing": prep, "seed": seed,
                     "train s": f"{train_s:.1f}", "peak MB": f"{mem:.0f}",
                     "mean c_npmi": f"{coh:.4f}", "docs": f"{docs:,}",
                     "tokens": f"{tokens:,}", "types": f"{types:,}"})
        scores.setdefault(key or name, []).append((coh, train_s))
        print(rows[-1], flush=True)

    if todo & {"defaults", "one", "phrases"}:
        # -- our corpus: the reader, then the SaudiNewsNet cleaning rules
        reset_peak()
        t0 = time.perf_counter()
        docs = clean_documents(read_saudinewsnet(snn), SAUDINEWSNET_RULES, header=False)
        corpus = Corpus.build(docs, progress=False)
        print(f"read, cleaned and built in {time.perf_counter() - t0:.1f} s: "
              f"{len(corpus):,} documents, {corpus.n_tokens:,} tokens, "
              f"peak {peak_mb():.0f} MB", flush=True)
        del docs

    ours = "arabcorpus TopicModel defaults"
    tomo = {}
    if "defaults" in todo:
        for seed in seeds:
            reset_peak()
            t0 = time.perf_counter()
            tm = TopicModel(k=k, seed=seed, progress=False).fit(corpus)
            prep_s = time.perf_counter() - t0 - tm.fit_seconds_
            mem = peak_mb()
            prep = tm._prep
            texts = prep.texts()
            coh = tm.coherence(measure="c_npmi").attrs["overall"]
            p = tm.get_params()
            row(ours, f"ours (passes={p['passes']}, alpha={p['alpha']})", seed,
                tm.fit_seconds_, mem, coh, sum(1 for t in texts if t), tm.n_tokens_,
                tm.n_types_)
            if seed == seeds[0]:
                print(f"(vocabulary building {prep_s:.1f} s)")
                print(tm.filter_report_.to_string())
            print(tm.topics(n=8).groupby("topic")["form"].apply(" ".join).to_string(),
                  flush=True)
            print_themes(ours, seed, themes_found(tm, corpus.normalizer), tally)

            # -- tomotopy on the same filtered documents, same seed
            if "tomotopy" in todo:
                try:
                    import tomotopy as tp
                except ImportError:
                    print("tomotopy not installed: skipped")
                    todo.discard("tomotopy")
                    continue
                for workers, label in ((1, "1 core"), (0, "all cores")):
                    reset_peak()
                    mdl = tp.LDAModel(k=k, seed=seed)
                    for t in texts:
                        if t:
                            mdl.add_doc(t)
                    t0 = time.perf_counter()
                    mdl.train(args.iterations, workers=workers)
                    dt = time.perf_counter() - t0
                    topics = [[w for w, _ in mdl.get_topic_words(t, top_n=10)]
                              for t in range(k)]
                    name = f"tomotopy {tp.__version__} LDA, {args.iterations} it., {label}"
                    tomo[label] = name
                    row(name, "ours (same documents)", seed, dt, peak_mb(),
                        npmi(topics, prep.dictionary, texts), len(mdl.docs),
                        tm.n_tokens_, tm.n_types_)
                    # tomotopy's words are the normalized types themselves
                    top20 = [[w for w, _ in mdl.get_topic_words(t, top_n=20)]
                             for t in range(k)]
                    print_themes(name, seed, themes_in(top20, top20, corpus.normalizer),
                                 tally)
                    del mdl
            del tm

    # -- crude baseline: whitespace tokens, no normalization, no cleaning
    if "crude" in todo:
        reset_peak()
        texts = [(a.get("content") or "").split() for a in saudinewsnet_articles()]
        d = Dictionary(texts)
        d.filter_extremes(no_below=5, no_above=0.5, keep_n=None)
        tok = d.token2id
        texts = [x for x in ([w for w in t if w in tok] for t in texts) if x]
        bow = [d.doc2bow(t) for t in texts]
        t0 = time.perf_counter()
        lda = LdaModel(bow, id2word=d, num_topics=k, random_state=seeds[0], eval_every=None)
        dt = time.perf_counter() - t0
        topics = [[d[i] for i, _ in lda.get_topic_terms(t, 10)] for t in range(k)]
        row("gensim LdaModel, 1 pass", "crude (whitespace)", seeds[0], dt, peak_mb(),
            npmi(topics, d, texts), len(texts), sum(map(len, texts)), len(d), key="crude")
        del texts, bow, d, lda

    # our preprocessing, gensim's default schedule
    if "one" in todo:
        reset_peak()
        one = TopicModel(k=k, seed=seeds[0], passes=1, alpha="symmetric",
                         progress=False).fit(corpus)
        row("gensim LdaModel, 1 pass", "ours", seeds[0], one.fit_seconds_, peak_mb(),
            one.coherence(measure="c_npmi").attrs["overall"],
            int((np.diff(one._prep.offsets) > 0).sum()), one.n_tokens_, one.n_types_,
            key="one")
        del one

    if "phrases" in todo:
        reset_peak()
        t0 = time.perf_counter()
        ph = TopicModel(k=k, seed=seeds[0], phrases=True, progress=False).fit(corpus)
        prep_s = time.perf_counter() - t0 - ph.fit_seconds_
        row(ours + ", phrases=True", "ours + phrases", seeds[0], ph.fit_seconds_,
            peak_mb(), ph.coherence(measure="c_npmi").attrs["overall"],
            int((np.diff(ph._prep.offsets) > 0).sum()), ph.n_tokens_, ph.n_types_)
        n_phr = sum("_" in t for t in ph._prep.types)
        print(f"(phrases: {n_phr:,} multiword types; vocabulary building {prep_s:.1f} s)")

    ours_lemma = ours + ", layer=lemma"
    if "lemma" in todo:
        # drop the other rows' corpus and filtered texts: the peaks below are the lemma's
        corpus = prep = texts = None  # noqa: F841
        gc.collect()
        # -- the same cleaned articles, built with the lemma layer
        reset_peak()
        t0 = time.perf_counter()
        docs = clean_documents(read_saudinewsnet(snn), SAUDINEWSNET_RULES, header=False)
        lcorpus = Corpus.build(docs, layers=("lemma",), progress=False)
        print(f"read, cleaned and built with the lemma layer in "
              f"{time.perf_counter() - t0:.1f} s: {len(lcorpus):,} documents, "
              f"{lcorpus.n_types('norm'):,} norm types, {lcorpus.n_types('lemma'):,} "
              f"lemmas, peak {peak_mb():.0f} MB", flush=True)
        del docs
        for seed in seeds:
            reset_peak()
            t0 = time.perf_counter()
            lm = TopicModel(k=k, layer="lemma", seed=seed, progress=False).fit(lcorpus)
            prep_s = time.perf_counter() - t0 - lm.fit_seconds_
            mem = peak_mb()
            texts = lm._prep.texts()
            coh = lm.coherence(measure="c_npmi").attrs["overall"]
            p = lm.get_params()
            row(ours_lemma, f"ours, lemma (passes={p['passes']}, alpha={p['alpha']})",
                seed, lm.fit_seconds_, mem, coh, sum(1 for t in texts if t),
                lm.n_tokens_, lm.n_types_)
            if seed == seeds[0]:
                print(f"(vocabulary building {prep_s:.1f} s)")
                print(lm.filter_report_.to_string())
            print(lm.topics(n=8).groupby("topic")["form"].apply(" ".join).to_string(),
                  flush=True)
            print_themes(ours_lemma, seed, themes_found(lm, LemmaKeys), tally)
            del lm, texts

    print_table(rows, title=f"LDA on SaudiNewsNet, k={k} (one run)")
    print_targets(scores, ours, tomo, seeds, ours_lemma)
    if tally:
        print(f"\nThemes found with how many of seeds {seeds} (marker words of THEMES):")
        print(pd.DataFrame(tally).rename_axis("theme").to_string())


def print_targets(scores: dict, ours: str, tomo: dict, seeds: list[int],
                  ours_lemma: str = "") -> None:
    """Issue 5's targets, on the means over the seeds."""
    import statistics

    def mean(name: str, i: int) -> tuple[float, float]:
        vals = [v[i] for v in scores[name]]
        return statistics.mean(vals), (statistics.stdev(vals) if len(vals) > 1 else 0.0)

    print(f"\nMeans over seeds {seeds} (+- standard deviation):")
    for name in [ours, ours_lemma, *tomo.values()]:
        if name in scores:
            (c, cs), (t, ts) = mean(name, 0), mean(name, 1)
            print(f"  {name}: c_npmi {c:.4f} +- {cs:.4f}, train {t:.1f} +- {ts:.1f} s")
    if ours in scores and tomo:
        c_ours, t_ours = mean(ours, 0)[0], mean(ours, 1)[0]
        c_all, t_one = mean(tomo["all cores"], 0)[0], mean(tomo["1 core"], 1)[0]
        print(f"coherence: ours {c_ours:.4f} >= tomotopy all cores {c_all:.4f}: "
              f"{'PASS' if c_ours >= c_all else 'FAIL'}")
        print(f"training time: ours {t_ours:.1f} s <= tomotopy 1 core {t_one:.1f} s: "
              f"{'PASS' if t_ours <= t_one else 'FAIL'}")
    if "crude" in scores and "one" in scores:
        c_crude, c_one = scores["crude"][0][0], scores["one"][0][0]
        print(f"preprocessing: ours {c_one:.4f} > crude {c_crude:.4f} at the same "
              f"training: {'PASS' if c_one > c_crude else 'FAIL'}")


if __name__ == "__main__":
    main()
