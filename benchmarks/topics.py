"""Topic models on all of SaudiNewsNet: arabcorpus.topics (gensim) against tomotopy.

Run: ``python benchmarks/topics.py [--k 20] [--no-phrases] [--no-tomotopy]``

Rows, all measured in this one run with k topics:

- *crude*: whitespace tokens, no normalization, gensim ``Dictionary.filter_extremes
  (no_below=5, no_above=0.5)``, gensim ``LdaModel`` one pass with its defaults;
- *ours, 1 pass*: our preprocessing (search normalization, stopwords, numbers,
  min_df=5, max_df=0.5) with gensim's default training (one pass, symmetric alpha),
  to separate the effect of preprocessing from that of the training schedule;
- *ours, defaults*: ``TopicModel(k)`` with every default;
- *tomotopy*: ``tomotopy.LDAModel(k)`` (collapsed Gibbs sampling), 200 iterations, on
  exactly the documents *ours, defaults* was trained on, with 1 worker and with all
  cores;
- *ours + phrases*: defaults plus ``phrases=True``.

Coherence is the mean c_npmi of each topic's top 10 words, computed for every row by
the same gensim ``CoherenceModel`` (window 10) over that row's filtered documents;
tomotopy's topics are scored on the very texts of *ours, defaults*, so those two are
directly comparable. Memory is the peak resident set size during the step (VmHWM,
reset before each step), in MB, of this one process (so it includes the corpus
already loaded).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import print_table, saudinewsnet_articles  # noqa: E402


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


ROWS = ("defaults", "tomotopy", "crude", "one", "phrases")

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


def themes_found(model, normalizer) -> list[tuple[str, str]]:
    """(theme, "topic t: its top words") for each theme of THEMES, or "not found"."""
    top = model.topics(20)
    out = []
    for theme, words in THEMES.items():
        keys = set(normalizer.normalize_many(words))
        best, best_n = None, 1
        for t, grp in top.groupby("topic"):
            n = len(keys & set(grp["type"]))
            if n > best_n:
                best, best_n = t, n
        if best is None:
            out.append((theme, "not found"))
        else:
            words_t = " ".join(top[top["topic"] == best]["word"].head(8))
            out.append((theme, f"topic {best} ({best_n} marker words): {words_t}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--iterations", type=int, default=200, help="tomotopy Gibbs iterations")
    ap.add_argument("--rows", default=",".join(ROWS),
                    help=f"comma-separated subset of {','.join(ROWS)} (tomotopy needs defaults)")
    args = ap.parse_args()
    todo = set(args.rows.split(","))
    if not todo <= set(ROWS) or ("tomotopy" in todo and "defaults" not in todo):
        ap.error(f"--rows: choose from {', '.join(ROWS)}; tomotopy needs defaults")
    k = args.k

    import numpy as np
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from arabcorpus.corpus import Corpus
    from arabcorpus.readers import Document
    from arabcorpus.topics import TopicModel

    articles = saudinewsnet_articles()
    print(f"SaudiNewsNet: {len(articles):,} articles, k={k}, {os.cpu_count()} cores",
          flush=True)
    rows = []

    def row(name, prep, train_s, mem, coh, docs, tokens, types):
        rows.append({"model": name, "preprocessing": prep, "train s": f"{train_s:.1f}",
                     "peak MB": f"{mem:.0f}", "mean c_npmi": f"{coh:.4f}",
                     "docs": f"{docs:,}", "tokens": f"{tokens:,}", "types": f"{types:,}"})
        print(rows[-1], flush=True)

    if todo & {"defaults", "one", "phrases"}:
        # -- our corpus
        reset_peak()
        t0 = time.perf_counter()
        docs = [Document(id=str(i), text=a.get("content") or "",
                         meta={"source": a.get("source", ""),
                               "date": (a.get("date_extracted") or "")[:10] or None})
                for i, a in enumerate(articles)]
        corpus = Corpus.build(docs, progress=False)
        print(f"Corpus.build {time.perf_counter() - t0:.1f} s, {corpus.n_tokens:,} tokens, "
              f"peak {peak_mb():.0f} MB", flush=True)
        del docs

    if "defaults" in todo:
        reset_peak()
        t0 = time.perf_counter()
        tm = TopicModel(k=k, seed=1, progress=False).fit(corpus)
        prep_s = time.perf_counter() - t0 - tm.fit_seconds_
        mem = peak_mb()
        prep = tm._prep
        texts = prep.texts()
        coh = tm.coherence("c_npmi").attrs["overall"]
        p = tm.get_params()
        row(f"arabcorpus TopicModel defaults (passes={p['passes']}, alpha={p['alpha']})",
            "ours", tm.fit_seconds_, mem, coh, sum(1 for t in texts if t), tm.n_tokens_,
            tm.n_types_)
        print(f"(vocabulary building {prep_s:.1f} s)")
        print(tm.filter_report_.to_string())
        print(tm.topics(8).groupby("topic")["word"].apply(" ".join).to_string(), flush=True)
        found = themes_found(tm, corpus.normalizer)
        print(f"themes found: {sum(v != 'not found' for _, v in found)} of {len(found)}")
        for theme, where in found:
            print(f"  {theme}: {where}", flush=True)

    # -- tomotopy on the same filtered documents
    if "tomotopy" in todo:
        try:
            import tomotopy as tp
        except ImportError:
            print("tomotopy not installed: skipped")
        else:
            for workers, label in ((1, "1 core"), (0, "all cores")):
                reset_peak()
                mdl = tp.LDAModel(k=k, seed=1)
                for t in texts:
                    if t:
                        mdl.add_doc(t)
                t0 = time.perf_counter()
                mdl.train(args.iterations, workers=workers)
                dt = time.perf_counter() - t0
                topics = [[w for w, _ in mdl.get_topic_words(t, top_n=10)] for t in range(k)]
                row(f"tomotopy {tp.__version__} LDA, {args.iterations} it., {label}", "ours",
                    dt, peak_mb(), npmi(topics, prep.dictionary, texts),
                    len(mdl.docs), tm.n_tokens_, tm.n_types_)
                del mdl

    # -- crude baseline: whitespace tokens, no normalization
    if "crude" in todo:
        reset_peak()
        texts = [(a.get("content") or "").split() for a in articles]
        d = Dictionary(texts)
        d.filter_extremes(no_below=5, no_above=0.5, keep_n=None)
        tok = d.token2id
        texts = [x for x in ([w for w in t if w in tok] for t in texts) if x]
        bow = [d.doc2bow(t) for t in texts]
        t0 = time.perf_counter()
        lda = LdaModel(bow, id2word=d, num_topics=k, random_state=1, eval_every=None)
        dt = time.perf_counter() - t0
        topics = [[d[i] for i, _ in lda.get_topic_terms(t, 10)] for t in range(k)]
        row("gensim LdaModel, 1 pass", "crude (whitespace)", dt, peak_mb(),
            npmi(topics, d, texts), len(texts), sum(map(len, texts)), len(d))
        del texts, bow, d, lda

    # our preprocessing, gensim's default schedule
    if "one" in todo:
        reset_peak()
        one = TopicModel(k=k, seed=1, passes=1, alpha="symmetric", progress=False).fit(corpus)
        row("gensim LdaModel, 1 pass", "ours", one.fit_seconds_, peak_mb(),
            one.coherence("c_npmi").attrs["overall"],
            int((np.diff(one._prep.offsets) > 0).sum()), one.n_tokens_, one.n_types_)
        del one

    if "phrases" in todo:
        reset_peak()
        t0 = time.perf_counter()
        ph = TopicModel(k=k, seed=1, phrases=True, progress=False).fit(corpus)
        prep_s = time.perf_counter() - t0 - ph.fit_seconds_
        row("arabcorpus TopicModel defaults", "ours + phrases", ph.fit_seconds_, peak_mb(),
            ph.coherence("c_npmi").attrs["overall"], int((np.diff(ph._prep.offsets) > 0).sum()),
            ph.n_tokens_, ph.n_types_)
        n_phr = sum("_" in t for t in ph._prep.types)
        print(f"(phrases: {n_phr:,} multiword types; vocabulary building {prep_s:.1f} s)")

    print_table(rows, title=f"LDA on SaudiNewsNet, k={k} (one run)")


if __name__ == "__main__":
    main()
