"""Keyness of one SaudiNewsNet newspaper against the rest."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from arabcorpus.analyses import measures as M
from arabcorpus.corpus.memory import Corpus
from arabcorpus.analyses.keyness import keyness
from arabcorpus.io.readers import Document


@pytest.fixture(scope="module")
def snn(saudinewsnet_articles):
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::75][:400])]  # many sources
    return Corpus.build(docs, progress=False)


def _counts(corpus):
    return Counter(w for d in range(len(corpus)) for w in corpus.tokens(d, "norm"))


def test_one_newspaper_against_the_rest(snn):
    src = snn.metadata["source"].value_counts().index[0]
    target = snn.subcorpus(source=src)
    ref = snn.subcorpus(query=f"source != '{src}'")
    df = keyness(target, ref, measures=("ll", "log_ratio", "perc_diff", "chi2", "bic"),
                 min_freq=3)
    assert list(df.columns) == ["type", "form", "freq_target", "freq_reference", "pm_target",
                                "pm_reference", "use", "ll", "p_value", "log_ratio",
                                "perc_diff", "chi2", "bic"]
    ct, cr = _counts(target), _counts(ref)
    want = {w for w in ct.keys() | cr.keys() if ct[w] + cr[w] >= 3}
    assert set(df["type"]) == want
    c, d = target.n_tokens, ref.n_tokens
    row = df.iloc[0]
    a, b = ct[row["type"]], cr[row["type"]]
    assert (row["freq_target"], row["freq_reference"]) == (a, b)
    assert row["ll"] == pytest.approx(float(M.keyness_log_likelihood(a, b, c, d)))
    assert row["log_ratio"] == pytest.approx(float(M.log_ratio(a, b, c, d)))
    assert row["pm_target"] == pytest.approx(a / c * 1e6)
    assert df["ll"].is_monotonic_decreasing
    assert set(df.loc[df["ll"] > 0, "use"]) == {"over"}
    assert set(df.loc[df["ll"] < 0, "use"]) == {"under"}
    from scipy.stats import chi2

    np.testing.assert_allclose(df["p_value"], chi2.sf(df["ll"].abs(), 1), rtol=1e-9)
    assert df.attrs["params"]["shared_vocabulary"] is True


def test_corpora_with_different_vocabularies_are_aligned_by_string(snn):
    src = snn.metadata["source"].iloc[0]
    target = snn.subcorpus(source=src)
    ref = snn.subcorpus(query=f"source != '{src}'")
    shared = keyness(target, ref, min_freq=2)
    sep_t = Corpus.build([target.text(i) for i in range(len(target))], progress=False)
    sep_r = Corpus.build([ref.text(i) for i in range(len(ref))], progress=False)
    sep = keyness(sep_t, sep_r, min_freq=2)
    assert sep.attrs["params"]["shared_vocabulary"] is False
    a = shared.set_index("type").sort_index()
    b = sep.set_index("type").sort_index()
    assert list(a.index) == list(b.index)
    np.testing.assert_allclose(a["ll"], b["ll"])
    assert (a["freq_reference"] == b["freq_reference"]).all()


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
        keyness(t, c.subcorpus(source="none") if "source" in c.metadata else
                c.subcorpus([]))


def test_form_is_the_most_frequent_written_form_of_both_sides():
    from arabcorpus.io.readers import Document

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
