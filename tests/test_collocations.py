"""Collocations: agreement with NLTK on SaudiNewsNet, hand-worked tables, windows."""

from __future__ import annotations

import itertools
import re
import warnings
from collections import Counter

import numpy as np
import pytest

from arabcorpus import measures as M
from arabcorpus.collocations import collocates, collocations
from arabcorpus.corpus import Corpus


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
    assert got == dict(finder.ngram_fd)
    # the pair (last word of doc 0, first word of doc 1) is not counted across
    a, b = docs[0][-1], docs[1][0]
    cross = sum(1 for d in docs for i in range(len(d) - 1) if d[i] == a
                and b in d[i + 1:i + window])
    assert got.get((a, b), 0) == cross


def test_expected_frequency_uses_span_size(snn):
    df = collocations(snn, window=5, min_freq=2, measures=["mi"], sort=False)
    k, n = 4, snn.n_tokens
    np.testing.assert_allclose(
        df["expected"], k * df["node_frequency"] * df["collocate_frequency"] / n)
    # MI from O11 and E11 directly
    np.testing.assert_allclose(df["mi"], np.log2(df["frequency"] / df["expected"]))
    assert df.attrs["params"]["span_size"] == 4


def test_collocates_equal_the_rows_of_collocations(snn):
    node = "السعوديه"
    one = collocates(snn, node, span=(0, 4), min_freq=1,
                     measures=["log_likelihood", "log_dice"])
    allp = collocations(snn, window=5, min_freq=1,
                        measures=["log_likelihood", "log_dice"], sort=False)
    rows = allp[allp["w1"].astype(str) == node].set_index(
        allp.loc[allp["w1"].astype(str) == node, "w2"].astype(str))
    one = one.set_index("collocate")
    assert len(one) == len(rows) > 50
    rows = rows.loc[one.index]
    for col in ("frequency", "expected", "log_likelihood", "log_dice"):
        np.testing.assert_allclose(one[col].to_numpy(dtype=float),
                                   rows[col].to_numpy(dtype=float), rtol=1e-12)


def test_collocates_against_a_manual_window_count(snn, docs):
    node, span = "المملكه", (3, 2)
    counter: Counter[str] = Counter()
    f_node = 0
    for d in docs:
        for i, w in enumerate(d):
            if w == node:
                f_node += 1
                window = d[max(0, i - span[0]):i] + d[i + 1:i + 1 + span[1]]
                counter.update(window)
    df = collocates(snn, node, span=span, min_freq=1, measures=["log_likelihood"])
    assert dict(zip(df["collocate"], df["frequency"])) == dict(counter)
    assert (df["node_frequency"] == f_node).all()
    # the table of one collocate, worked by hand
    row = df.iloc[0]
    k, n = 5, snn.n_tokens
    o11 = row["frequency"]
    r1, c1, big_n = k * f_node, k * row["collocate_frequency"], k * n
    ll = M.log_likelihood(o11, r1 - o11, c1 - o11, big_n - r1 - c1 + o11)
    assert row["log_likelihood"] == pytest.approx(float(ll))
    assert df["log_likelihood"].is_monotonic_decreasing


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
    assert list(empty.columns[:5]) == ["collocate", "frequency", "expected",
                                       "node_frequency", "collocate_frequency"]
    assert empty.attrs["params"]["function"] == "collocates"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        collocates(snn, "السعودية", min_freq=3)  # frequent node: no warning
