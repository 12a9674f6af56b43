"""Keyness: the bundled sample (one section against the rest), small generated
corpora against plain-Python formulas, the API (sort, n, provenance, deprecated
names); a second layer on SaudiNewsNet (one newspaper against the rest) when the data
is there."""

from __future__ import annotations

import inspect
import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import measures as M
from arabcorpus.analyses.keyness import DEFAULT_KEYNESS_MEASURES, keyness
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document
from strategies_colloc import WORDS, documents

ALL = ("log_likelihood", "log_ratio", "perc_diff", "chi2", "bic")
COLUMNS = ["type", "form", "freq_target", "freq_reference", "pm_target",
           "pm_reference", "use", "log_likelihood", "p_value", "log_ratio",
           "perc_diff", "chi2", "bic"]


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def _counts(corpus):
    return Counter(w for d in range(len(corpus)) for w in corpus.tokens(d, "norm"))


def _rayson_ll(a, b, c, d):
    """Rayson & Garside (2000), in plain Python, signed."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    ll = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
    return -ll if a / c < b / d else ll


def _check_one_part_against_the_rest(target, ref, min_freq):
    df = keyness(target, ref, measures=ALL, min_freq=min_freq)
    assert list(df.columns) == COLUMNS
    ct, cr = _counts(target), _counts(ref)
    want = {w for w in ct.keys() | cr.keys() if ct[w] + cr[w] >= min_freq}
    assert set(df["type"]) == want
    c, d = target.n_tokens, ref.n_tokens
    for _, row in df.iloc[:50].iterrows():
        a, b = ct[row["type"]], cr[row["type"]]
        assert (row["freq_target"], row["freq_reference"]) == (a, b)
        assert row["log_likelihood"] == pytest.approx(_rayson_ll(a, b, c, d), abs=1e-9)
        assert row["log_ratio"] == pytest.approx(
            math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d)))
        assert row["pm_target"] == pytest.approx(a / c * 1e6)
    assert df["log_likelihood"].is_monotonic_decreasing
    assert set(df.loc[df["log_likelihood"] > 0, "use"]) <= {"over"}
    assert set(df.loc[df["log_likelihood"] < 0, "use"]) <= {"under"}
    from scipy.stats import chi2

    np.testing.assert_allclose(df["p_value"], chi2.sf(df["log_likelihood"].abs(), 1),
                               rtol=1e-9)
    assert df.attrs["params"]["shared_vocabulary"] is True
    return df


def _check_aligned_by_string(target, ref):
    shared = keyness(target, ref, min_freq=2)
    sep_t = Corpus.build([target.text(i) for i in range(len(target))], progress=False)
    sep_r = Corpus.build([ref.text(i) for i in range(len(ref))], progress=False)
    sep = keyness(sep_t, sep_r, min_freq=2)
    assert sep.attrs["params"]["shared_vocabulary"] is False
    a = shared.set_index("type").sort_index()
    b = sep.set_index("type").sort_index()
    assert list(a.index) == list(b.index)
    np.testing.assert_allclose(a["log_likelihood"], b["log_likelihood"])
    assert (a["freq_reference"] == b["freq_reference"]).all()


SECTIONS = ["culture", "politics", "economy", "sport", "health"]


@pytest.mark.parametrize("section", SECTIONS)
def test_one_section_against_the_rest(sample, section):
    target = sample.subcorpus(section=section)
    ref = sample.subcorpus(query=f"section != '{section}'")
    df = _check_one_part_against_the_rest(target, ref, 3)
    assert len(df) > 100 and (df["use"] == "over").any() and (df["use"] == "under").any()


@pytest.mark.parametrize("section", ["economy", "sport"])
def test_corpora_with_different_vocabularies_are_aligned_by_string(sample, section):
    _check_aligned_by_string(sample.subcorpus(section=section),
                             sample.subcorpus(query=f"section != '{section}'"))


@pytest.mark.parametrize("measure", sorted(M.KEYNESS_MEASURES))
def test_each_measure_alone_equals_its_column_and_sorts(sample, measure):
    t = sample.subcorpus(section="politics")
    r = sample.subcorpus(query="section != 'politics'")
    full = keyness(t, r, measures=list(M.KEYNESS_MEASURES), min_freq=2, sort=None)
    one = keyness(t, r, measures=measure, min_freq=2)
    x = full[measure].to_numpy()
    want = full.iloc[np.argsort(np.where(np.isnan(x), np.inf, -x), kind="stable")]
    assert list(one["type"]) == list(want["type"])
    np.testing.assert_array_equal(one[measure].to_numpy(), want[measure].to_numpy())
    np.testing.assert_array_equal(
        one[measure].to_numpy(),
        M.keyness_measure(measure, one["freq_target"], one["freq_reference"],
                          t.n_tokens, r.n_tokens))


def test_empty_result_keeps_columns_and_params(sample):
    t = sample.subcorpus(section="politics")
    r = sample.subcorpus(query="section != 'politics'")
    empty = keyness(t, r, min_freq=10**6, n=3)
    assert len(empty) == 0
    assert list(empty.columns) == COLUMNS[:9] + ["log_ratio", "perc_diff", "chi2"]
    assert empty.attrs["params"]["min_freq"] == 10**6


def test_bad_measure_and_small_cases():
    c = Corpus.build(["النفط ارتفع", "الذهب انخفض"], progress=False)
    t, r = c.subcorpus([0]), c.subcorpus([1])
    with pytest.raises(ValueError, match="log_ratio"):
        keyness(t, r, measures=["G2"])
    with pytest.raises(TypeError, match="Corpus"):
        keyness(t, ["not", "a", "corpus"])
    df = keyness(t, r, min_freq=1, measures="log_ratio")
    assert set(df["use"]) == {"over", "under"}
    assert np.isfinite(df["log_ratio"]).all()  # Hardie's 0.5 for zeros
    assert len(keyness(t, r, min_freq=100)) == 0
    with pytest.raises(ValueError, match="no tokens"):
        keyness(t, c.subcorpus([]))
    with pytest.raises(TypeError, match="n must be an int"):
        keyness(t, r, n="5")
    with pytest.raises(ValueError, match="unknown sort column 'mi'"):
        keyness(t, r, sort="mi")
    with pytest.raises(TypeError, match="unexpected keyword"):
        keyness(t, r, window=3)


def test_form_is_the_most_frequent_written_form_of_both_sides():
    docs = [Document("1", "الصحة الصحة وزارة", {"s": "a"}),
            Document("2", "الصحه وزاره وزاره", {"s": "b"})]
    c = Corpus.build(docs, progress=False)
    k = keyness(c.subcorpus(s="a"), c.subcorpus(s="b"), min_freq=1).set_index("type")
    assert k.loc["الصحه", "form"] == "الصحة"   # 2 against 1
    assert k.loc["وزاره", "form"] == "وزاره"   # 2 against 1, as the page wrote it
    # two corpora built apart are aligned by string, forms too
    a = Corpus.build(docs[:1], progress=False)
    b = Corpus.build(docs[1:], progress=False)
    k2 = keyness(a, b, min_freq=1).set_index("type")
    assert k2.loc["الصحه", "form"] == "الصحة"
    assert k2.loc["وزاره", "form"] == "وزاره"


def test_sort_n_and_provenance(sample):
    t = sample.subcorpus(section="economy")
    r = sample.subcorpus(query="section != 'economy'")
    full = keyness(t, r, measures=["log_ratio", "log_likelihood"], min_freq=2)
    assert list(full.columns[7:]) == ["log_ratio", "log_likelihood", "p_value"]
    assert full["log_ratio"].is_monotonic_decreasing
    top = keyness(t, r, measures=["log_ratio", "log_likelihood"], min_freq=2, n=10)
    assert top.equals(full.head(10))
    by_freq = keyness(t, r, measures="log_ratio", min_freq=2, sort="freq_target")
    assert by_freq["freq_target"].is_monotonic_decreasing
    plain = keyness(t, r, measures="log_ratio", min_freq=2, sort=None)
    ids = [t.type_id("norm", w) for w in plain["type"]]
    assert ids == sorted(ids)  # type-id order
    assert list(keyness(t, r, measures="log_ratio", min_freq=2, sort=None,
                        n=7)["type"]) == list(plain["type"][:7])
    p = top.attrs["params"]
    assert {k: p[k] for k in ("function", "measures", "min_freq", "sort", "n",
                              "layer")} == {
        "function": "keyness", "measures": ("log_ratio", "log_likelihood", "p_value"),
        "min_freq": 2, "sort": "log_ratio", "n": 10, "layer": "norm"}
    assert p["corpus"] == p["target"] == "10 documents, " + f"{t.n_tokens} tokens"
    assert p["reference"] == f"40 documents, {r.n_tokens} tokens"
    assert keyness(t, r).attrs["params"]["measures"][:2] == ("log_likelihood",
                                                             "p_value")


def test_p_value_is_computed_once(sample, monkeypatch):
    t = sample.subcorpus(section="economy")
    r = sample.subcorpus(query="section != 'economy'")
    calls = []
    real = M.keyness_log_likelihood

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setitem(M.KEYNESS_MEASURES, "log_likelihood", counting)
    monkeypatch.setattr(M, "keyness_log_likelihood", counting)
    keyness(t, r, measures=["log_likelihood", "log_ratio"])
    assert len(calls) == 1  # sorting, the column and its p_value share one call
    calls.clear()
    df = keyness(t, r, measures=["p_value", "log_ratio"])
    assert len(calls) == 1 and "log_likelihood" not in df.columns


def test_signature_and_old_calls(sample):
    sig = inspect.signature(keyness)
    assert list(sig.parameters)[:2] == ["target", "reference"]
    assert all(p.kind is p.KEYWORD_ONLY for p in list(sig.parameters.values())[2:])
    assert DEFAULT_KEYNESS_MEASURES[0] == "log_likelihood"
    t = sample.subcorpus(section="economy")
    r = sample.subcorpus(query="section != 'economy'")
    new = keyness(t, r, measures=["log_likelihood", "log_ratio"], min_freq=2)
    with pytest.warns(DeprecationWarning, match="'ll' is now called 'log_likelihood'"):
        old = keyness(t, r, measures=["ll", "log_ratio"], min_freq=2)
    assert old.equals(new)
    with pytest.warns(DeprecationWarning) as caught:
        old = keyness(t, r, ("ll", "log_ratio"), 2)
    messages = " ".join(str(w.message) for w in caught)
    assert "by keyword" in messages and "'ll'" in messages
    assert old.equals(new)
    with pytest.warns(DeprecationWarning, match="sort=True"):
        assert keyness(t, r, measures=["log_likelihood", "log_ratio"], min_freq=2,
                       sort=True).equals(new)
    with pytest.warns(DeprecationWarning, match="sort=False"):
        assert keyness(t, r, min_freq=2, sort=False).equals(
            keyness(t, r, min_freq=2, sort=None))
    with pytest.warns(DeprecationWarning, match="column 'll'"):
        assert keyness(t, r, min_freq=2, sort="ll").equals(keyness(t, r, min_freq=2))


def _split(docs, cut):
    docs = [Document(str(i), " ".join(d), {"part": "t" if i < cut else "r"})
            for i, d in enumerate(docs)]
    c = Corpus.build(docs, progress=False)
    return c.subcorpus(part="t"), c.subcorpus(part="r")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(max_docs=6), st.data())
def test_generated_corpora_equal_plain_formulas(docs, data):
    if len(docs) < 2:
        docs = docs + [list(WORDS[:2])]
    cut = data.draw(st.integers(1, len(docs) - 1))
    min_freq = data.draw(st.integers(0, 3))
    target, ref = _split(docs, cut)
    ct = Counter(w for d in docs[:cut] for w in d)
    cr = Counter(w for d in docs[cut:] for w in d)
    c, d = sum(ct.values()), sum(cr.values())
    df = keyness(target, ref, measures=ALL, min_freq=min_freq, sort=None)
    assert set(df["type"]) == {w for w in ct.keys() | cr.keys()
                               if ct[w] + cr[w] >= max(min_freq, 1)}
    for _, row in df.iterrows():
        a, b = ct[row["type"]], cr[row["type"]]
        assert (row["freq_target"], row["freq_reference"]) == (a, b)
        ll = _rayson_ll(a, b, c, d)
        assert row["log_likelihood"] == pytest.approx(ll, abs=1e-9)
        assert row["use"] == ("over" if a * d > b * c else
                              "under" if a * d < b * c else "equal")
        assert row["bic"] == pytest.approx(abs(ll) - math.log(c + d), abs=1e-9)
        if b and a < c and b < d:
            obs = np.array([[a, c - a], [b, d - b]], dtype=float)
            exp = obs.sum(1, keepdims=True) * obs.sum(0) / obs.sum()
            assert row["chi2"] == pytest.approx(((obs - exp) ** 2 / exp).sum(), rel=1e-9)
    # swapping target and reference flips the sign of LL and log ratio
    back = keyness(ref, target, measures=ALL, min_freq=min_freq, sort=None)
    a_ = df.set_index("type").sort_index()
    b_ = back.set_index("type").sort_index()
    np.testing.assert_allclose(a_["log_likelihood"], -b_["log_likelihood"], atol=1e-9)
    np.testing.assert_allclose(a_["log_ratio"], -b_["log_ratio"], atol=1e-9)
    # sorted by the first measure: a stable sort of the type-id order, NaN last
    srt = keyness(target, ref, measures=ALL, min_freq=min_freq)
    x = df["log_likelihood"].to_numpy()
    assert list(srt["type"]) == list(df["type"].to_numpy()[np.argsort(-x, kind="stable")])


# ------------------------------------------- second layer: SaudiNewsNet (data folder)
@pytest.mark.slow
def test_saudinewsnet_one_newspaper_against_the_rest(saudinewsnet_articles):
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::75][:400])]  # many sources
    snn = Corpus.build(docs, progress=False)
    src = snn.metadata["source"].value_counts().index[0]
    target = snn.subcorpus(source=src)
    ref = snn.subcorpus(query=f"source != '{src}'")
    _check_one_part_against_the_rest(target, ref, 3)
    src = snn.metadata["source"].iloc[0]
    _check_aligned_by_string(snn.subcorpus(source=src),
                             snn.subcorpus(query=f"source != '{src}'"))
