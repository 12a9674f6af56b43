"""Collocations: agreement with NLTK on SaudiNewsNet, hand-worked tables, windows."""

from __future__ import annotations

import itertools
import math
import re
import warnings
from collections import Counter

import numpy as np
import pytest

from arabcorpus.analyses import measures as M
from arabcorpus.analyses.collocations import collocates, collocations
from arabcorpus.corpus.memory import Corpus


@pytest.fixture(scope="module")
def snn(saudinewsnet_texts):
    """A Corpus of the first 2,000 SaudiNewsNet articles."""
    return Corpus.build(saudinewsnet_texts[:2000], progress=False)


@pytest.fixture(scope="module")
def docs(snn):
    """The same token lists per document, as NLTK is given them."""
    return [snn.tokens(d, "norm") for d in range(len(snn))]


# our measure (a function of our row) -> NLTK BigramAssocMeasures name
NLTK_MAP = {
    "raw_freq": lambda r, n: r["frequency"] / n,
    "pmi": lambda r, n: r["mi"],
    "likelihood_ratio": lambda r, n: np.abs(r["log_likelihood"]),  # NLTK: unsigned
    "chi_sq": lambda r, n: r["chi2"],
    "student_t": lambda r, n: r["t_score"],
    "dice": lambda r, n: r["dice"],
    "poisson_stirling": lambda r, n: r["local_mi"] - r["frequency"],  # NLTK: log2
    "jaccard": lambda r, n: r["jaccard"],
    "phi_sq": lambda r, n: r["phi"] ** 2,
}


@pytest.mark.slow
def test_adjacent_pairs_equal_nltk_on_saudinewsnet(snn, docs):
    """Every bigram count equals NLTK's; the scores are compared on every bigram
    seen at least 5 times plus a random sample of 2,000 others, each computed by
    NLTK's own ``BigramCollocationFinder.score_ngram`` (what ``score_ngrams`` calls
    for each bigram) from NLTK's own counts."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_documents(docs)
    ours = collocations(snn, window=2, min_freq=1, sort=False,
                        measures=["mi", "log_likelihood", "chi2", "t_score", "dice",
                                  "local_mi", "jaccard", "phi"])
    assert len(ours) == len(finder.ngram_fd)
    w1, w2 = ours["w1"].astype(str).tolist(), ours["w2"].astype(str).tolist()
    assert dict(zip(zip(w1, w2), ours["frequency"].tolist())) == dict(finder.ngram_fd)
    n = snn.n_tokens
    assert finder.N == n
    freq = ours["frequency"].to_numpy()
    rng = np.random.default_rng(0)
    rare = np.flatnonzero(freq < 5)
    idx = np.union1d(np.flatnonzero(freq >= 5),
                     rng.choice(rare, size=min(2000, len(rare)), replace=False))
    assert len(idx) > 5000
    sample = ours.iloc[idx]
    pairs = [(w1[i], w2[i]) for i in idx.tolist()]
    for nltk_name, ours_fn in NLTK_MAP.items():
        fn = getattr(BigramAssocMeasures, nltk_name)
        theirs = np.array([finder.score_ngram(fn, a, b) for a, b in pairs])
        mine = np.asarray(ours_fn(sample, n), dtype=float)
        # NLTK adds 1e-20 inside logs; where a value is 0 up to rounding the
        # relative difference is not defined, so compare those absolutely
        big = np.abs(theirs) > 1e-6
        rel = np.abs(mine[big] - theirs[big]) / np.abs(theirs[big])
        assert rel.max() < 1e-9, (nltk_name, rel.max())
        assert np.abs(mine[~big] - theirs[~big]).max(initial=0) < 1e-6, nltk_name


def _naive_right_windows(docs, k):
    """Plain-Python pair counts in the k tokens right of each word, in one document:
    with multiplicity (a token in the windows of two occurrences of w1 twice, as
    NLTK counts) and by position (each token once per w1), and R1 of each w1
    (positions in its windows, k per occurrence less the overlaps)."""
    multi, distinct, r1 = Counter(), Counter(), Counter()
    for d in docs:
        covered = {}
        for i, w in enumerate(d):
            r1[w] += k
            for j in range(i + 1, min(i + k + 1, len(d))):
                multi[(w, d[j])] += 1
            for j in range(i + 1, i + k + 1):
                if j in covered.setdefault(w, set()):
                    r1[w] -= 1  # already in the window of an earlier w
                    continue
                covered[w].add(j)
                if j < len(d):
                    distinct[(w, d[j])] += 1
    return multi, distinct, r1


@pytest.mark.slow
def test_window_counts_equal_nltk_and_never_cross_documents(snn, docs):
    from nltk.collocations import BigramCollocationFinder

    window = 5
    words = itertools.chain.from_iterable(
        itertools.chain(d, [None] * (window - 1)) for d in docs)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    ours = collocations(snn, window=window, min_freq=1, measures="mi", sort=False)
    got = dict(zip(zip(ours["w1"].astype(str), ours["w2"].astype(str)),
                   ours["frequency"]))
    multi, distinct, r1 = _naive_right_windows(docs, window - 1)
    # NLTK counts a token in two overlapping windows of w1 twice; we count it once
    assert dict(finder.ngram_fd) == dict(multi)
    assert got == dict(distinct)
    assert sum(multi.values()) > sum(distinct.values())
    r1_ours = dict(zip(ours["w1"].astype(str), ours["window_tokens"]))
    assert all(r1_ours[w] == r1[w] for w in r1_ours)
    # the pair (last word of doc 0, first word of doc 1) is not counted across
    a, b = docs[0][-1], docs[1][0]
    assert got.get((a, b), 0) == distinct.get((a, b), 0)


def test_expected_frequency_uses_the_window_positions(snn):
    df = collocations(snn, window=5, min_freq=2, measures=["mi", "log_dice"],
                      sort=False)
    k, n = 4, snn.n_tokens
    np.testing.assert_allclose(
        df["expected"], df["window_tokens"] * df["collocate_frequency"] / n)
    # R1 is k f(w1) less the overlaps of its windows
    assert (df["window_tokens"] <= k * df["node_frequency"]).all()
    assert (df["window_tokens"] < k * df["node_frequency"]).any()
    # MI from O11 and E11 directly; logDice from f_xy, f_x, f_y (Rychlý 2008)
    np.testing.assert_allclose(df["mi"], np.log2(df["frequency"] / df["expected"]))
    np.testing.assert_allclose(df["log_dice"], 14 + np.log2(
        2 * df["frequency"] / (df["node_frequency"] + df["collocate_frequency"])))
    assert df.attrs["params"]["span_size"] == 4


def test_collocates_and_collocations_count_the_same_pairs(snn):
    node = "السعوديه"
    measures = ["log_likelihood", "log_dice"]
    one = collocates(snn, node, span=(0, 4), min_freq=1, measures=measures)
    allp = collocations(snn, window=5, min_freq=1, measures=measures, sort=False)
    sel = allp["w1"].astype(str) == node
    rows = allp[sel].set_index(allp.loc[sel, "w2"].astype(str))
    one = one.set_index("collocate")
    assert len(one) == len(rows) > 50
    rows = rows.loc[one.index]
    for col in ("frequency", "node_frequency", "collocate_frequency", "log_dice"):
        np.testing.assert_allclose(one[col].to_numpy(dtype=float),
                                   rows[col].to_numpy(dtype=float), rtol=1e-12)
    # R1 differs only by the slots of windows cut at a document's end, which
    # collocations keeps (so that window=2 is NLTK's bigram table)
    docs = [snn.tokens(d, "norm") for d in range(len(snn))]
    cut_slots = sum(max(0, i + 5 - len(d)) for d in docs for i, w in enumerate(d)
                    if w == node and node not in d[i + 1:i + 5])
    assert cut_slots > 0
    assert rows["window_tokens"].iloc[0] - one["window_tokens"].iloc[0] == cut_slots


def test_collocates_against_a_manual_window_count(snn, docs):
    node, span = "المملكه", (3, 2)
    counter: Counter[str] = Counter()
    f_node = 0
    for d in docs:
        window: set[int] = set()  # positions in the node's windows, merged
        for i, w in enumerate(d):
            if w == node:
                f_node += 1
                window.update(range(max(0, i - span[0]), i))
                window.update(range(i + 1, min(len(d), i + 1 + span[1])))
        counter.update(d[j] for j in window)
    r1 = sum(counter.values())
    df = collocates(snn, node, span=span, min_freq=1, measures=["log_likelihood"])
    assert dict(zip(df["collocate"], df["frequency"])) == dict(counter)
    assert (df["node_frequency"] == f_node).all()
    assert df.attrs["params"]["window_tokens"] == r1 < 5 * f_node
    # the table of one collocate, worked by hand: R1 window positions, C1 = f(v)
    row = df.iloc[0]
    n = snn.n_tokens
    o11, c1 = row["frequency"], row["collocate_frequency"]
    ll = M.log_likelihood(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    assert row["log_likelihood"] == pytest.approx(float(ll))
    assert df["log_likelihood"].is_monotonic_decreasing


# A corpus small enough to count by hand (N = 13):
#   doc 0: سعر نفط سعر قال نفط برميل اليوم   (positions 0-6)
#   doc 1: نفط سعر برميل                     (positions 7-9)
#   doc 2: قال اليوم سعر                     (positions 10-12)
# f(نفط) = 3, f(سعر) = 4, f(برميل) = 2, f(قال) = 2, f(اليوم) = 2.
HAND_DOCS = ["سعر نفط سعر قال نفط برميل اليوم", "نفط سعر برميل", "قال اليوم سعر"]
HAND_F = {"نفط": 3, "سعر": 4, "برميل": 2, "قال": 2, "اليوم": 2}
HAND_WINDOWS = {
    # span (0, 1): positions 2, 5, 8; k f(u) = 3
    (0, 1): (3, {"سعر": 2, "برميل": 1}),
    # span (2, 3): node 1 -> {0} (cut at the start) + {2, 3, 4}; node 4 -> {2, 3} +
    # {5, 6} (cut at the end); node 7 -> {8, 9}. Merged: {0, 2, 3, 4, 5, 6, 8, 9};
    # position 2 is in two windows and counts once; k f(u) = 15
    (2, 3): (8, {"سعر": 3, "برميل": 2, "قال": 1, "اليوم": 1, "نفط": 1}),
    # span (5, 5): doc 0 whole (each node is in the other's window) + {8, 9}
    (5, 5): (9, {"سعر": 3, "برميل": 2, "نفط": 2, "قال": 1, "اليوم": 1}),
}


def _hand_scores(o11, r1, fu, fv, n):
    """Every association measure from its published formula, in plain Python, on
    the node-centred table (Evert 2008) and, for Dice, logDice and Jaccard, on
    f_xy, f_x, f_y (Rychlý 2008)."""
    o12, o21 = r1 - o11, fv - o11
    o22 = n - r1 - fv + o11
    r2, c1, c2 = n - r1, fv, n - fv
    e = [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
    o = [o11, o12, o21, o22]
    xlx = [oi * math.log(oi / ei) if oi else 0.0 for oi, ei in zip(o, e)]
    g2 = 2 * sum(xlx)
    dice = 2 * o11 / (fu + fv)
    return {
        "mi": math.log2(o11 / e[0]),
        "mi3": math.log2(o11 ** 3 / e[0]),
        "local_mi": o11 * math.log2(o11 / e[0]),
        "t_score": (o11 - e[0]) / math.sqrt(o11),
        "z_score": (o11 - e[0]) / math.sqrt(e[0]),
        "log_likelihood": g2 if o11 >= e[0] else -g2,
        "chi2": n * (o11 * o22 - o12 * o21) ** 2 / (r1 * r2 * c1 * c2),
        "phi": (o11 * o22 - o12 * o21) / math.sqrt(r1 * r2 * c1 * c2),
        "dice": dice,
        "log_dice": 14 + math.log2(dice),
        "jaccard": o11 / (fu + fv - o11),
        "delta_p_21": o11 / r1 - o21 / r2,
        "delta_p_12": o11 / c1 - o12 / c2,
        "log_ratio": math.log2((o11 / r1) / (max(o21, 0.5) / r2)),
        "odds_ratio": (o11 * o22) / (o12 * o21) if o12 * o21 else math.inf,
        "log_odds_ratio": math.log((o11 + .5) * (o22 + .5) / ((o12 + .5) * (o21 + .5))),
        "poisson_stirling": o11 * (math.log(o11) - math.log(e[0]) - 1),
    }


@pytest.mark.parametrize("span", sorted(HAND_WINDOWS))
def test_every_measure_on_hand_counted_windows(span):
    c = Corpus.build(HAND_DOCS, progress=False)
    n = c.n_tokens
    assert n == 13
    r1, o11s = HAND_WINDOWS[span]
    measures = [m for m in M.ASSOCIATION_MEASURES if m not in ("observed", "expected")]
    df = collocates(c, "نفط", span=span, min_freq=1, measures=measures)
    assert df.attrs["params"]["window_tokens"] == r1
    assert dict(zip(df["collocate"], df["frequency"])) == o11s
    for _, row in df.iterrows():
        v = row["collocate"]
        assert row["node_frequency"] == HAND_F["نفط"]
        assert row["collocate_frequency"] == HAND_F[v]
        assert row["window_tokens"] == r1
        assert row["expected"] == pytest.approx(r1 * HAND_F[v] / n)
        want = _hand_scores(o11s[v], r1, HAND_F["نفط"], HAND_F[v], n)
        for name in measures:
            assert row[name] == pytest.approx(want[name], rel=1e-12), (span, v, name)


def test_log_dice_of_the_issue_example():
    # Rychlý (2008): logDice depends on f_xy, f_x, f_y only, not on the window
    # size; O11 = 2, f(نفط) = 3, f(سعر) = 4 for spans (2, 3) and (5, 5) of size 5
    # and 10 give the same logDice, and a collocate always beside the node gets 14
    c = Corpus.build(HAND_DOCS, progress=False)
    small = collocates(c, "نفط", span=(2, 3), min_freq=1, measures="log_dice")
    big = collocates(c, "نفط", span=(5, 5), min_freq=1, measures="log_dice")
    assert (small.set_index("collocate").loc["سعر", "log_dice"]
            == big.set_index("collocate").loc["سعر", "log_dice"]
            == pytest.approx(14 + math.log2(2 * 3 / (3 + 4))))
    pair = Corpus.build(["اسعار النفط", "اسعار النفط ارتفعت"], progress=False)
    df = collocates(pair, "النفط", span=(5, 5), min_freq=1, measures="log_dice")
    assert df.set_index("collocate").loc["اسعار", "log_dice"] == pytest.approx(14.0)


def test_node_forms_and_normalization(snn):
    by_word = collocates(snn, "السعودية", min_freq=2)  # normalized to السعوديه
    by_regex = collocates(snn, re.compile("السعوديه"), min_freq=2)
    by_list = collocates(snn, ["السعوديّة"], min_freq=2)
    assert len(by_word) > 0
    assert by_word.equals(by_regex) and by_word.equals(by_list)


def test_bad_input_and_empty_results(snn):
    with pytest.raises(ValueError, match="log_dice"):
        collocates(snn, "السعودية", measures=["logdice"])
    with pytest.raises(ValueError, match="surface, norm"):
        collocations(snn, layer="lemma")
    with pytest.raises(TypeError, match="layer must be a str"):
        collocates(snn, "السعودية", layer=1)
    with pytest.warns(UserWarning, match="below min_freq"):
        empty = collocates(snn, "كلمةغيرموجودة", min_freq=3)
    assert len(empty) == 0
    assert list(empty.columns[:6]) == ["collocate", "form", "frequency", "expected",
                                       "node_frequency", "collocate_frequency"]
    assert empty.attrs["params"]["function"] == "collocates"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        collocates(snn, "السعودية", min_freq=3)  # frequent node: no warning


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def test_collocates_show_the_written_form(sample):
    df = collocates(sample, "وزارة", span=(0, 1), min_freq=2)
    assert list(df.columns[:3]) == ["collocate", "form", "frequency"]
    row = df.set_index("collocate")
    assert row.loc["الصحه", "form"] == "الصحة"
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample.vocab("norm"), display_forms(sample, "norm")))
    assert list(df["form"]) == [forms[w] for w in df["collocate"]]


def test_collocation_pairs_show_the_written_forms(sample):
    df = collocations(sample, window=2, min_freq=3)
    assert list(df.columns[:4]) == ["w1", "w2", "form", "frequency"]
    pairs = df.set_index(["w1", "w2"])["form"]
    assert pairs.loc[("وزاره", "الصحه")] == "وزارة الصحة"
    assert pairs.loc[("اسعار", "النفط")] == "أسعار النفط"
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample.vocab("norm"), display_forms(sample, "norm")))
    assert list(df["form"]) == [f"{forms[a]} {forms[b]}" for a, b in zip(df["w1"], df["w2"])]
    empty = collocations(sample, window=2, min_freq=10**6)
    assert len(empty) == 0 and list(empty.columns[:3]) == ["w1", "w2", "form"]
