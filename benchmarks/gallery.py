"""Draw every figure of :mod:`arabcorpus.plot` to PNG files, to look at them together.

Usage::

    python benchmarks/gallery.py [OUTPUT_FOLDER]      # default /tmp/arabcorpus-gallery

Uses the bundled sample and a SaudiNewsNet subcorpus (the first ``--per-day``
articles of ``--days`` days, from ``$ARABCORPUS_DATA`` or ``../shared/corpora``).
Prints a Markdown table of the files written, the matplotlib version, the Arabic
layout detected (``native`` on 3.11+, ``reshape`` before) and the seconds per figure.
Run it under both matplotlib versions into two folders to compare them.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib.pyplot as plt  # noqa: E402

from benchmarks._common import corpora_dir, print_table  # noqa: E402


def saudinewsnet_subcorpus(days: int, per_day: int):
    """The first ``per_day`` articles of each of the first ``days`` dated zips."""
    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.readers import read_saudinewsnet

    src = corpora_dir() / "saudinewsnet"
    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for zpath in sorted(src.glob("*.zip"))[:days]:
            day = Path(tmp) / zpath.stem
            day.mkdir()
            (day / zpath.name).symlink_to(zpath)
            docs.extend(itertools.islice(read_saudinewsnet(day), per_day))
    return Corpus.build(docs, progress=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/arabcorpus-gallery")
    parser.add_argument("--days", type=int, default=6)
    parser.add_argument("--per-day", type=int, default=120)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from arabcorpus import plot
    from arabcorpus.analyses.collocations import collocates
    from arabcorpus.analyses.collocations import collocations
    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.datasets import load_dataset
    from arabcorpus.analyses.dispersion import dispersion_positions
    from arabcorpus.analyses.frequency import frequency
    from arabcorpus.analyses.keyness import keyness
    from arabcorpus.plot.shaping import _detected_layout
    from arabcorpus.text.stem import stopwords
    from arabcorpus.analyses.topics import TopicModel, choose_k

    sample = Corpus.build(load_dataset("sample", progress=False), progress=False)
    news = saudinewsnet_subcorpus(args.days, args.per_day)
    sources = news.metadata["source"].value_counts()
    target = sources.index[0]
    rows = []

    def save(name: str, draw, corpus_name: str) -> None:
        t0 = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = draw()
        fig = (result[0] if hasattr(result, "__len__") else result).figure
        path = out / f"{name}.png"
        fig.savefig(path, dpi=args.dpi)
        plt.close(fig)
        rows.append({"file": path.name, "corpus": corpus_name,
                     "seconds": f"{time.perf_counter() - t0:.2f}",
                     "warnings": "; ".join(sorted({str(w.message)[:70] for w in caught}))
                     or "-"})

    freq_s, freq_n = frequency(sample), frequency(news)
    save("frequencies_sample", lambda: plot.frequencies(freq_s, n=20), "sample")
    save("frequencies_news_by_source",
         lambda: plot.frequencies(frequency(news, by="source"), n=20, by=target,
                                  column="per_million"), f"news ({target})")
    save("zipf_news", lambda: plot.zipf(freq_n), "news")
    terms = ["السعودية", "المملكة", "النفط", "الهلال", "اليمن", "داعش", "كلمةغائبة"]
    save("dispersion_news",
         lambda: plot.dispersion(dispersion_positions(news, terms), query=terms,
                                 title="Dispersion in SaudiNewsNet (subcorpus)"), "news")
    node = "المملكة"
    coll = collocates(news, node, window=4, min_freq=5)
    save("collocates_news", lambda: plot.collocates(coll, measure="log_dice", n=20), "news")
    save("collocations_news",
         lambda: plot.collocates(collocations(news, min_freq=10), measure="log_dice",
                                 n=20), "news")
    nodes = {w: collocates(news, w, window=4, min_freq=5, measures=["log_dice"])
             for w in ("المملكة", "السعودية", "الرياض")}
    save("network_news", lambda: plot.network(nodes, n=10), "news")
    save("network_single_news", lambda: plot.network(coll, measure="log_dice", n=15), "news")
    key = keyness(news.subcorpus(source=target), news.subcorpus(query=f"source != '{target}'"),
                  measures=["log_likelihood", "log_ratio"])
    save("keyness_news", lambda: plot.keyness(key, n=15,
                                              title=f"Key words of {target} against the rest"),
         f"news ({target})")
    save("keyness_logratio_news", lambda: plot.keyness(key, measure="log_ratio", n=12),
         f"news ({target})")
    tm = TopicModel(k=8, min_df=5, seed=1, passes=3, progress=False).fit(news)
    save("topics_news", lambda: plot.topics(tm, n=8, title="LDA topics, SaudiNewsNet"), "news")
    save("topics_over_time_news",
         lambda: plot.topics_over_time(tm.over_time(freq="D"), words=tm, n=3), "news")
    save("coherence_per_topic_news", lambda: plot.coherence(tm.coherence()), "news")
    table = choose_k(news, ks=[4, 6, 8, 10], seeds=[1, 2, 3], passes=1, min_df=5)
    save("coherence_choose_k_news", lambda: plot.coherence(table), "news")
    stop = stopwords(profile="search")
    save("wordcloud_news", lambda: plot.wordcloud(freq_n, n=150, stopwords=stop), "news")
    save("wordcloud_keyness_news", lambda: plot.wordcloud(key, n=100, stopwords=stop),
         f"news ({target})")
    save("dispersion_sample",
         lambda: plot.dispersion(dispersion_positions(sample, ["النفط", "الحكومة", "المياه"])),
         "sample")
    save("empty_result", lambda: plot.collocates(collocates(sample, "كلمةغائبة", window=4, min_freq=1)),
         "sample")

    print(f"matplotlib {matplotlib.__version__}, Arabic layout "
          f"{plot.arabic_layout()!r} ({_detected_layout()[1]}), "
          f"font {plot.arabic_font()!r}; sample {len(sample)} docs, news {len(news)} docs "
          f"/ {news.n_tokens:,} tokens; written to {out}\n")
    print_table(rows)


if __name__ == "__main__":
    main()
