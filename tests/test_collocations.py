"""Collocations: agreement with NLTK and with plain-Python counts on the bundled
sample and on small generated corpora, hand-worked tables, the API (windows, sort,
n, provenance, deprecated names); a second layer on SaudiNewsNet when the data is
there."""

from __future__ import annotations

import inspect
import itertools
import math
import re
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import collocations as C
from arabcorpus.analyses import measures as M
from arabcorpus.analyses.collocations import collocates, collocations
from arabcorpus.corpus.memory import Corpus
from strategies_colloc import build, documents

GENERATED = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def sample():
    """The bundled sample: 50 articles, 4,450 tokens (no data folder needed)."""
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


@pytest.fixture(scope="module")
def sample_docs(sample):
    """The same token lists per document, as NLTK is given them."""
    return [sample.tokens(d, "norm") for d in range(len(sample))]


def _docs(corpus):
    return [corpus.tokens(d, "norm") for d in range(len(corpus))]


def _pair_list(df):
    """The pairs of a collocations table, in row order, as "w1 w2" strings."""
    return [f"{a} {b}" for a, b in zip(df["type_1"].astype(str), df["type_2"].astype(str))]


def _pairs(df):
    return dict(zip(zip(df["type_1"].astype(str), df["type_2"].astype(str)),
                    df["frequency"].tolist()))


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
NLTK_MEASURES = ["mi", "log_likelihood", "chi2", "t_score", "dice", "local_mi",
                 "jaccard", "phi"]


def _check_adjacent_pairs_equal_nltk(corpus, docs, idx_of=None):
    """Every bigram count equals NLTK's ``BigramCollocationFinder.from_documents``;
    every score (or the rows ``idx_of(freq)`` picks) equals NLTK's own
    ``score_ngram`` (what ``score_ngrams`` calls for each bigram) on NLTK's counts."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_documents(docs)
    ours = collocations(corpus, window=1, min_freq=1, sort=None, measures=NLTK_MEASURES)
    assert len(ours) == len(finder.ngram_fd)
    assert _pairs(ours) == dict(finder.ngram_fd)
    n = corpus.n_tokens
    assert finder.N == n
    freq = ours["frequency"].to_numpy()
    idx = np.arange(len(freq)) if idx_of is None else idx_of(freq)
    # a tiny corpus can give a negative fourth cell (R1 = f(w1) counts the slot
    # after a document's last token): NLTK's likelihood_ratio fails on it
    o22 = n - ours["node_frequency"] - ours["collocate_frequency"] + ours["frequency"]
    idx = idx[o22.to_numpy()[idx] >= 0]
    sample = ours.iloc[idx]
    w1, w2 = ours["type_1"].astype(str).tolist(), ours["type_2"].astype(str).tolist()
    pairs = [(w1[i], w2[i]) for i in idx.tolist()]
    for nltk_name, ours_fn in NLTK_MAP.items():
        fn = getattr(BigramAssocMeasures, nltk_name)
        theirs = np.array([finder.score_ngram(fn, a, b) for a, b in pairs])
        mine = np.asarray(ours_fn(sample, n), dtype=float)
        # NLTK adds 1e-20 inside logs; where a value is 0 up to rounding the
        # relative difference is not defined, so compare those absolutely
        big = np.abs(theirs) > 1e-6
        rel = np.abs(mine[big] - theirs[big]) / np.abs(theirs[big])
        assert rel.max(initial=0) < 1e-9, (nltk_name, rel.max())
        assert np.abs(mine[~big] - theirs[~big]).max(initial=0) < 1e-6, nltk_name
    return len(idx)


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


def _check_window_counts_equal_nltk(corpus, docs, k):
    """NLTK's window finder (``window_size = k + 1``, fed one padded token stream
    so that windows stop at a document's end) counts a token in two overlapping
    windows of ``w1`` twice and divides by ``window_size - 1`` when scoring, a
    different table; its pair counts equal the naive count with multiplicity. Ours
    count each position once: equal to the naive count by position, and R1 too."""
    from nltk.collocations import BigramCollocationFinder

    size = k + 1  # NLTK's window_size
    words = itertools.chain.from_iterable(
        itertools.chain(d, [None] * (size - 1)) for d in docs)
    finder = BigramCollocationFinder.from_words(words, window_size=size)
    ours = collocations(corpus, window=k, min_freq=1, measures="mi", sort=None)
    got = _pairs(ours)
    multi, distinct, r1 = _naive_right_windows(docs, k)
    assert dict(finder.ngram_fd) == dict(multi)
    assert got == dict(distinct)
    r1_ours = dict(zip(ours["type_1"].astype(str), ours["window_tokens"]))
    assert all(r1_ours[w] == r1[w] for w in r1_ours)
    # where no window of w1 overlaps another, the counts are the same
    freq = Counter(w for d in docs for w in d)
    for (a, b), f in got.items():
        if r1[a] == k * freq[a]:
            assert multi[(a, b)] == f
    # the pair (last word of doc 0, first word of doc 1) is not counted across
    x, y = docs[0][-1], docs[1][0]
    assert got.get((x, y), 0) == distinct.get((x, y), 0)
    return multi, distinct


# ---------------------------------------------------------------- the bundled sample
def test_adjacent_pairs_equal_nltk_on_the_sample(sample, sample_docs):
    assert _check_adjacent_pairs_equal_nltk(sample, sample_docs) > 3000


@pytest.mark.parametrize("k", [2, 4])
def test_window_counts_equal_nltk_and_never_cross_documents(sample, sample_docs, k):
    multi, distinct = _check_window_counts_equal_nltk(sample, sample_docs, k)
    assert sum(multi.values()) > sum(distinct.values())  # the sample has overlaps


@pytest.mark.parametrize("k", [1, 4])
def test_expected_frequency_uses_the_window_positions(sample, k):
    df = collocations(sample, window=k, min_freq=1, measures=["mi", "log_dice"],
                      sort=None)
    n = sample.n_tokens
    np.testing.assert_allclose(
        df["expected"], df["window_tokens"] * df["collocate_frequency"] / n)
    # R1 is k f(w1) less the overlaps of its windows
    assert (df["window_tokens"] <= k * df["node_frequency"]).all()
    if k == 1:
        assert (df["window_tokens"] == df["node_frequency"]).all()
    else:
        assert (df["window_tokens"] < k * df["node_frequency"]).any()
    # MI from O11 and E11 directly; logDice from f_xy, f_x, f_y (Rychlý 2008)
    np.testing.assert_allclose(df["mi"], np.log2(df["frequency"] / df["expected"]))
    np.testing.assert_allclose(df["log_dice"], 14 + np.log2(
        2 * df["frequency"] / (df["node_frequency"] + df["collocate_frequency"])))
    assert df.attrs["params"]["window"] == df.attrs["params"]["span_size"] == k


def _check_collocates_equal_collocations(corpus, node, k):
    measures = ["log_likelihood", "log_dice"]
    one = collocates(corpus, node, window=(0, k), min_freq=1, measures=measures)
    allp = collocations(corpus, window=k, min_freq=1, measures=measures, sort=None)
    sel = allp["type_1"].astype(str) == node
    rows = allp[sel].set_index(allp.loc[sel, "type_2"].astype(str))
    one = one.set_index("type")
    assert len(one) == len(rows)
    rows = rows.loc[one.index]
    for col in ("frequency", "node_frequency", "collocate_frequency", "log_dice"):
        np.testing.assert_allclose(one[col].to_numpy(dtype=float),
                                   rows[col].to_numpy(dtype=float), rtol=1e-12)
    # R1 differs only by the slots of windows cut at a document's end, which
    # collocations keeps (so that window=1 is NLTK's bigram table)
    docs = _docs(corpus)
    cut_slots = sum(max(0, i + k + 1 - len(d)) for d in docs for i, w in enumerate(d)
                    if w == node and node not in d[i + 1:i + k + 1])
    if len(one):
        assert rows["window_tokens"].iloc[0] - one["window_tokens"].iloc[0] == cut_slots
    return len(one), cut_slots


def test_collocates_and_collocations_count_the_same_pairs(sample):
    rows, cut = _check_collocates_equal_collocations(sample, "في", 4)
    assert rows > 50 and cut > 0


def _manual_collocates(docs, node, span):
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
    return counter, f_node


def _check_collocates_against_a_manual_count(corpus, node, span):
    counter, f_node = _manual_collocates(_docs(corpus), node, span)
    r1 = sum(counter.values())
    df = collocates(corpus, node, window=span, min_freq=1, measures=["log_likelihood"])
    assert dict(zip(df["type"], df["frequency"])) == dict(counter)
    assert (df["node_frequency"] == f_node).all()
    assert df.attrs["params"]["window_tokens"] == r1 <= sum(span) * f_node
    # the table of one collocate, worked by hand: R1 window positions, C1 = f(v)
    row = df.iloc[0]
    n = corpus.n_tokens
    o11, c1 = row["frequency"], row["collocate_frequency"]
    ll = M.log_likelihood(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    assert row["log_likelihood"] == pytest.approx(float(ll))
    assert df["log_likelihood"].is_monotonic_decreasing
    return df


@pytest.mark.parametrize("node, span", [("وزاره", (3, 2)), ("في", (5, 5)),
                                        ("اسعار", (0, 1))])
def test_collocates_against_a_manual_window_count(sample, node, span):
    _check_collocates_against_a_manual_count(sample, node, span)


# ------------------------------------------------------------ generated corpora
@GENERATED
@given(documents(), st.integers(1, 4))
def test_generated_pair_counts_equal_a_plain_count(docs, k):
    corpus = build(docs)
    ours = collocations(corpus, window=k, min_freq=1, measures="log_likelihood",
                        sort=None)
    _, distinct, r1 = _naive_right_windows(docs, k)
    assert _pairs(ours) == dict(distinct)
    assert all(r == r1[w] for w, r in zip(ours["type_1"].astype(str),
                                          ours["window_tokens"]))
    assert "type" not in ours.columns  # a pair is two types: type_1, type_2
    # sort=None is type-id order: type_1's codes, then type_2's
    keys = (ours["type_1"].cat.codes.to_numpy().astype(np.int64) * 10**6
            + ours["type_2"].cat.codes.to_numpy())
    assert (np.diff(keys) > 0).all()


@GENERATED
@given(documents(max_docs=4, max_len=10))
def test_generated_adjacent_pairs_equal_nltk(docs):
    corpus = build(docs)
    _check_adjacent_pairs_equal_nltk(corpus, docs)


@GENERATED
@given(documents(max_docs=4, max_len=10), st.integers(2, 4))
def test_generated_window_counts_equal_nltk(docs, k):
    corpus = build(docs)
    if len(docs) < 2:
        docs = docs + [docs[0]]
        corpus = build(docs)
    _check_window_counts_equal_nltk(corpus, docs, k)


@GENERATED
@given(documents(), st.integers(0, 3), st.integers(0, 3), st.sampled_from(["نفط", "سعر"]))
def test_generated_collocates_equal_a_manual_count(docs, left, right, node):
    if left + right == 0:
        right = 1
    corpus = build(docs)
    counter, f_node = _manual_collocates(docs, node, (left, right))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a node rarer than min_freq
        df = collocates(corpus, node, window=(left, right), min_freq=1,
                        measures=["mi", "t_score"])
    assert dict(zip(df["type"], df["frequency"])) == dict(counter)
    assert df.attrs["params"]["window_tokens"] == sum(counter.values())
    assert df.attrs["params"]["node_count"] == f_node
    if f_node:
        _check_collocates_equal_collocations(corpus, node, right or 1)


@GENERATED
@given(documents(), st.integers(1, 3), st.integers(0, 8),
       st.sampled_from(["log_likelihood", "mi", "t_score", "frequency", "expected"]))
def test_generated_sort_and_n(docs, k, n, sort):
    corpus = build(docs)
    measures = ["log_likelihood", "mi", "t_score"]
    full = collocations(corpus, window=k, min_freq=1, measures=measures, sort=sort)
    plain = collocations(corpus, window=k, min_freq=1, measures=measures, sort=None)
    col = full[sort].to_numpy(dtype=float)
    nan = np.isnan(col)  # degenerate tables of a tiny corpus: NaN goes last
    assert not (nan[:-1] & ~nan[1:]).any()
    assert (np.diff(col[~nan]) <= 0).all()  # descending
    # a stable sort of the type-id order
    x = plain[sort].to_numpy(dtype=float)
    want = plain.iloc[np.argsort(np.where(np.isnan(x), np.inf, -x), kind="stable")]
    assert _pair_list(full) == _pair_list(want)
    top = collocations(corpus, window=k, min_freq=1, measures=measures, sort=sort, n=n)
    assert _pair_list(top) == _pair_list(full)[:n]
    assert top.attrs["params"]["n"] == n
    assert _pair_list(collocations(corpus, window=k, min_freq=1, measures=measures,
                                   sort=None, n=n)) == _pair_list(plain)[:n]


@given(st.lists(st.one_of(st.floats(allow_nan=True),
                         st.sampled_from([0.0, -0.0, 1.0, np.inf, -np.inf]))))
def test_argsort_desc_is_stable_with_nan_last(values):
    from arabcorpus.analyses.query import argsort_desc

    want = sorted(range(len(values)),
                  key=lambda i: (math.isnan(values[i]),
                                 0.0 if math.isnan(values[i]) else -values[i], i))
    assert argsort_desc(np.array(values, dtype=float)).tolist() == want


# ------------------------------------------------------- hand-worked tables
# A corpus small enough to count by hand (N = 13):
#   doc 0: سعر نفط سعر قال نفط برميل اليوم   (positions 0-6)
#   doc 1: نفط سعر برميل                     (positions 7-9)
#   doc 2: قال اليوم سعر                     (positions 10-12)
# f(نفط) = 3, f(سعر) = 4, f(برميل) = 2, f(قال) = 2, f(اليوم) = 2.
HAND_DOCS = ["سعر نفط سعر قال نفط برميل اليوم", "نفط سعر برميل", "قال اليوم سعر"]
HAND_F = {"نفط": 3, "سعر": 4, "برميل": 2, "قال": 2, "اليوم": 2}
HAND_WINDOWS = {
    # window (0, 1): positions 2, 5, 8; k f(u) = 3
    (0, 1): (3, {"سعر": 2, "برميل": 1}),
    # window (2, 3): node 1 -> {0} (cut at the start) + {2, 3, 4}; node 4 -> {2, 3} +
    # {5, 6} (cut at the end); node 7 -> {8, 9}. Merged: {0, 2, 3, 4, 5, 6, 8, 9};
    # position 2 is in two windows and counts once; k f(u) = 15
    (2, 3): (8, {"سعر": 3, "برميل": 2, "قال": 1, "اليوم": 1, "نفط": 1}),
    # window (5, 5): doc 0 whole (each node is in the other's window) + {8, 9}
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
    df = collocates(c, "نفط", window=span, min_freq=1, measures=measures)
    assert df.attrs["params"]["window_tokens"] == r1
    assert dict(zip(df["type"], df["frequency"])) == o11s
    for _, row in df.iterrows():
        v = row["type"]
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
    small = collocates(c, "نفط", window=(2, 3), min_freq=1, measures="log_dice")
    big = collocates(c, "نفط", window=5, min_freq=1, measures="log_dice")
    assert (small.set_index("type").loc["سعر", "log_dice"]
            == big.set_index("type").loc["سعر", "log_dice"]
            == pytest.approx(14 + math.log2(2 * 3 / (3 + 4))))
    pair = Corpus.build(["اسعار النفط", "اسعار النفط ارتفعت"], progress=False)
    df = collocates(pair, "النفط", window=5, min_freq=1, measures="log_dice")
    assert df.set_index("type").loc["اسعار", "log_dice"] == pytest.approx(14.0)


def test_node_forms_and_normalization(sample):
    by_word = collocates(sample, "الصحة", min_freq=2)  # normalized to الصحه
    by_regex = collocates(sample, re.compile("الصحه"), min_freq=2)
    by_list = collocates(sample, ["الصحّة"], min_freq=2)
    assert len(by_word) > 0
    for df in (by_regex, by_list):
        assert df.drop(columns=[]).equals(by_word)
    assert by_word.attrs["params"]["query"] == "الصحة"


def test_bad_input_and_empty_results(sample):
    with pytest.raises(ValueError, match="log_dice"):
        collocates(sample, "وزارة", measures=["logdice"])
    with pytest.raises(ValueError, match="surface, norm"):
        collocations(sample, layer="lemma")
    with pytest.raises(TypeError, match="layer must be a str"):
        collocates(sample, "وزارة", layer=1)
    with pytest.raises(ValueError, match="no slots"):
        collocates(sample, "وزارة", window=0)
    with pytest.raises(ValueError, match="window must be >= 1"):
        collocations(sample, window=0)
    with pytest.raises(TypeError, match="window must be an int"):
        collocations(sample, window=(1, 2))
    with pytest.raises(ValueError, match="window\\[0\\] must be >= 0"):
        collocates(sample, "وزارة", window=(-1, 2))
    with pytest.raises(TypeError, match="n must be an int"):
        collocations(sample, n=2.5)
    with pytest.raises(TypeError, match="min_freq must be an int"):
        collocations(sample, min_freq="3")
    with pytest.raises(TypeError, match="unexpected keyword"):
        collocations(sample, span=3)
    with pytest.warns(UserWarning, match="below min_freq"):
        empty = collocates(sample, "كلمةغيرموجودة", min_freq=3)
    assert len(empty) == 0
    assert list(empty.columns[:6]) == ["type", "form", "frequency", "expected",
                                       "node_frequency", "collocate_frequency"]
    assert empty.attrs["params"]["function"] == "collocates"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        collocates(sample, "وزارة", min_freq=3)  # frequent node: no warning


def test_sort_column_is_checked(sample):
    with pytest.raises(ValueError, match="unknown sort column 'chi2'; valid: "
                                         "log_likelihood, mi, frequency, expected"):
        collocations(sample, measures=["log_likelihood", "mi"], sort="chi2")
    with pytest.raises(TypeError, match="sort column must be a str"):
        collocates(sample, "وزارة", sort=3)
    by_freq = collocates(sample, "وزارة", window=(0, 1), min_freq=1, sort="frequency")
    assert by_freq["frequency"].is_monotonic_decreasing
    assert by_freq.attrs["params"]["sort"] == "frequency"
    df = collocates(sample, "وزارة", min_freq=1, measures=["mi", "t_score"])
    assert df["mi"].is_monotonic_decreasing and df.attrs["params"]["sort"] == "mi"


def test_columns_and_provenance(sample):
    df = collocations(sample, min_freq=3, measures=["t_score", "mi"], n=5)
    assert list(df.columns) == ["type_1", "type_2", "form", "frequency",
                                "expected", "node_frequency", "collocate_frequency",
                                "window_tokens", "t_score", "mi"]
    assert len(df) == 5 and df["t_score"].is_monotonic_decreasing
    p = df.attrs["params"]
    assert {k: p[k] for k in ("function", "window", "measures", "min_freq", "sort", "n",
                              "layer")} == {
        "function": "collocations", "window": 1, "measures": ("t_score", "mi"),
        "min_freq": 3, "sort": "t_score", "n": 5, "layer": "norm"}
    assert p["corpus"] == "50 documents, 4450 tokens"
    one = collocates(sample, "وزارة")
    assert list(one.columns[:2]) == ["type", "form"]
    p = one.attrs["params"]
    assert {k: p[k] for k in ("function", "query", "window", "measures", "min_freq",
                              "sort", "n", "layer", "regex")} == {
        "function": "collocates", "query": "وزارة", "window": (5, 5),
        "measures": C.DEFAULT_MEASURES, "min_freq": 3, "sort": "log_likelihood",
        "n": None, "layer": "norm", "regex": False}
    assert "corpus" in p


def test_signatures_follow_the_vocabulary():
    sig = inspect.signature(collocates)
    assert list(sig.parameters)[:2] == ["corpus", "query"]
    assert all(p.kind is p.KEYWORD_ONLY for p in list(sig.parameters.values())[2:])
    assert sig.parameters["window"].default == 5
    assert sig.parameters["sort"].default is M.FIRST_MEASURE
    sig = inspect.signature(collocations)
    assert list(sig.parameters)[0] == "corpus"
    assert all(p.kind is p.KEYWORD_ONLY for p in list(sig.parameters.values())[1:])
    assert sig.parameters["window"].default == 1
    assert sig.parameters["min_freq"].default == 3
    assert sig.parameters["n"].default is None


def _same(a, b):
    assert list(a.columns) == list(b.columns)
    assert a.drop(columns=[]).reset_index(drop=True).equals(b.reset_index(drop=True))


def test_old_collocations_calls_warn_and_keep_their_meaning(sample):
    new = collocations(sample, window=1, min_freq=2, measures="mi")
    with pytest.warns(DeprecationWarning, match="window_size=2.*use window=1"):
        old = collocations(sample, window_size=2, min_freq=2, measures="mi")
    _same(old, new)
    # an old positional window was NLTK's window_size: 2 = adjacent pairs
    with pytest.warns(DeprecationWarning) as caught:
        old = collocations(sample, 2, "mi", 2)
    assert any("by keyword" in str(w.message) for w in caught)
    assert any("window=1" in str(w.message) for w in caught)
    _same(old, new)
    with pytest.warns(DeprecationWarning, match="use window=3"):
        old = collocations(sample, window_size=4, min_freq=2, measures="mi")
    _same(old, collocations(sample, window=3, min_freq=2, measures="mi"))
    with pytest.raises(TypeError, match="both window_size"):
        collocations(sample, window=1, window_size=2)
    with pytest.raises(ValueError, match="window_size must be >= 2"):
        collocations(sample, window_size=1)
    with pytest.raises(TypeError, match="positional"):
        collocations(sample, 2, "mi", 2, "norm", True, 5)


@pytest.mark.parametrize("old, new", [(True, C.DEFAULT_MEASURES[0]), (False, None)])
def test_sort_true_and_false_are_deprecated(sample, old, new):
    with pytest.warns(DeprecationWarning, match=f"sort={old}"):
        a = collocations(sample, min_freq=2, sort=old)
    _same(a, collocations(sample, min_freq=2, sort=new))
    with pytest.warns(DeprecationWarning, match=f"sort={old}"):
        a = collocates(sample, "وزارة", min_freq=1, sort=old)
    _same(a, collocates(sample, "وزارة", min_freq=1, sort=new))


def test_old_collocates_calls_warn(sample):
    new = collocates(sample, "وزارة", window=(2, 1), min_freq=1, measures="mi")
    with pytest.warns(DeprecationWarning) as caught:
        old = collocates(sample, node="وزارة", span=(2, 1), min_freq=1, measures="mi")
    messages = " ".join(str(w.message) for w in caught)
    assert "node=" in messages and "span=" in messages
    _same(old, new)
    with pytest.warns(DeprecationWarning, match="by keyword"):
        old = collocates(sample, "وزارة", (2, 1), "mi", 1)
    _same(old, new)
    with pytest.raises(TypeError, match="multiple values for argument .query."), \
            pytest.warns(DeprecationWarning, match="node="):
        collocates(sample, "وزارة", node="وزارة")


def test_merge_pair_counts_has_a_package_name():
    assert C._merge_pair_counts is C.merge_pair_counts
    a = (np.array([1, 5]), np.array([2, 1]), np.array([3, 0]))
    b = (np.array([5, 7]), np.array([4, 1]), np.array([1, 1]))
    keys, freq, r1 = C.merge_pair_counts(a, b)
    assert keys.tolist() == [1, 5, 7] and freq.tolist() == [2, 5, 1]
    assert r1.tolist() == [4, 1]


def test_collocates_show_the_written_form(sample):
    df = collocates(sample, "وزارة", window=(0, 1), min_freq=2)
    assert list(df.columns[:3]) == ["type", "form", "frequency"]
    row = df.set_index("type")
    assert row.loc["الصحه", "form"] == "الصحة"
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample.vocab("norm"), display_forms(sample, layer="norm")))
    assert list(df["form"]) == [forms[w] for w in df["type"]]


def test_collocation_pairs_show_the_written_forms(sample):
    df = collocations(sample, window=1, min_freq=3)
    assert list(df.columns[:4]) == ["type_1", "type_2", "form", "frequency"]
    pairs = pd.Series(list(df["form"]), index=_pair_list(df))
    assert pairs.loc["وزاره الصحه"] == "وزارة الصحة"
    assert pairs.loc["اسعار النفط"] == "أسعار النفط"
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample.vocab("norm"), display_forms(sample, layer="norm")))
    assert list(df["form"]) == [f"{forms[a]} {forms[b]}"
                                for a, b in zip(df["type_1"], df["type_2"])]
    empty = collocations(sample, window=1, min_freq=10**6)
    assert len(empty) == 0
    assert list(empty.columns[:3]) == ["type_1", "type_2", "form"]


@pytest.mark.parametrize("k", [1, 3])
def test_a_sharded_corpus_gives_the_same_tables(sample, tmp_path, k):
    from arabcorpus import load_dataset

    sharded = Corpus.build(load_dataset("sample"), path=tmp_path, shard_size=7,
                           progress=False)
    try:
        a = collocations(sample, window=k, min_freq=1)
        b = collocations(sharded, window=k, min_freq=1)
        assert _pair_list(a) == _pair_list(b)
        for col in a.columns[3:]:
            np.testing.assert_allclose(a[col].to_numpy(dtype=float),
                                       b[col].to_numpy(dtype=float), rtol=1e-12)
        a = collocates(sample, "وزارة", window=(2, k), min_freq=1)
        b = collocates(sharded, "وزارة", window=(2, k), min_freq=1)
        assert a.drop(columns=[]).equals(b)
    finally:
        del sharded


# ------------------------------------------- second layer: SaudiNewsNet (data folder)
@pytest.mark.slow
def test_saudinewsnet_agrees_with_nltk_and_plain_counts(saudinewsnet_texts):
    """The first 2,000 SaudiNewsNet articles: every bigram count equals NLTK's and
    the scores of every bigram seen at least 5 times plus a random 2,000 others;
    window counts; collocates against a plain count and against collocations."""
    snn = Corpus.build(saudinewsnet_texts[:2000], progress=False)
    docs = _docs(snn)
    rng = np.random.default_rng(0)

    def pick(freq):
        rare = np.flatnonzero(freq < 5)
        return np.union1d(np.flatnonzero(freq >= 5),
                          rng.choice(rare, size=min(2000, len(rare)), replace=False))

    assert _check_adjacent_pairs_equal_nltk(snn, docs, pick) > 5000
    multi, distinct = _check_window_counts_equal_nltk(snn, docs, 4)
    assert sum(multi.values()) > sum(distinct.values())
    rows, cut = _check_collocates_equal_collocations(snn, "السعوديه", 4)
    assert rows > 50 and cut > 0
    df = _check_collocates_against_a_manual_count(snn, "المملكه", (3, 2))
    assert df.attrs["params"]["window_tokens"] < 5 * df["node_frequency"].iloc[0]
    by_word = collocates(snn, "السعودية", min_freq=2)  # normalized to السعوديه
    assert by_word.equals(collocates(snn, re.compile("السعوديه"), min_freq=2))
