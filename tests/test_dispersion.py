"""Dispersion over documents and equal parts, and positions for plots."""

from __future__ import annotations

import numpy as np
import pytest

from arabcorpus.analyses import measures as M
from arabcorpus.corpus.memory import Corpus
from arabcorpus.analyses.dispersion import dispersion, dispersion_positions


@pytest.fixture(scope="module")
def snn(saudinewsnet_texts):
    return Corpus.build(saudinewsnet_texts[:300], progress=False)


def test_dispersion_over_documents_equals_dense_measures(snn):
    docs = [snn.tokens(d, "norm") for d in range(len(snn))]
    df = dispersion(snn, ["السعودية", "النفط", "الهلال"])
    assert list(df.columns) == ["term", "form", "frequency", "parts", "range",
                                "range_pct", "juilland_d", "dp", "dp_norm"]
    sizes = [len(d) for d in docs]
    for row, word in zip(df.itertuples(), ["السعوديه", "النفط", "الهلال"]):
        v = [d.count(word) for d in docs]
        assert row.frequency == sum(v)
        assert row.range == sum(1 for x in v if x)
        assert row.dp == pytest.approx(float(M.dp([v], sizes)[0]))
        assert row.dp_norm == pytest.approx(float(M.dp_norm([v], sizes)[0]))
        assert row.juilland_d == pytest.approx(float(M.juilland_d([v], sizes)[0]))


def test_dispersion_over_equal_parts(snn):
    n = snn.n_tokens
    df = dispersion(snn, "السعودية", parts=10)
    pos = dispersion_positions(snn, "السعودية")["position"].to_numpy()
    part = pos * 10 // n
    v = np.bincount(part, minlength=10)
    sizes = np.bincount(np.arange(n) * 10 // n, minlength=10)
    assert df["parts"].iloc[0] == 10
    assert df["dp"].iloc[0] == pytest.approx(float(M.dp([v], sizes)[0]))
    assert df["juilland_d"].iloc[0] == pytest.approx(float(M.juilland_d([v], sizes)[0]))
    with pytest.raises(ValueError, match="documents"):
        dispersion(snn, "السعودية", parts="sentences")


def test_positions_and_missing_terms(snn):
    pos = dispersion_positions(snn, ["السعودية", "غيرموجودةابدا"])
    assert list(pos.columns) == ["term", "form", "position", "doc", "relative_position",
                                 "doc_relative_position"]
    ids = snn.ids("norm")
    t = snn.type_id("norm", "السعوديه")
    assert (pos["position"] == np.flatnonzero(ids == t)).all()
    assert (pos["doc"] == snn.token_doc()[pos["position"]]).all()
    assert pos["relative_position"].between(0, 1).all()
    df = dispersion(snn, "غيرموجودةابدا")
    assert df["frequency"].iloc[0] == 0 and np.isnan(df["dp"].iloc[0])
    assert df["form"].iloc[0] == "غيرموجودةابدا"  # not found: the term as given
    assert df.attrs["params"]["parts"] == "documents"


def test_an_empty_document_is_left_out_of_every_measure():
    # "!!!" indexes no token: a part of size 0. Juilland's D was NaN for every term.
    c = Corpus.build(["الف باء الف", "!!!", "الف جيم"], progress=False)
    assert np.diff(c.doc_offsets).tolist() == [3, 0, 2]
    df = dispersion(c, ["الف", "باء"]).set_index("term")
    without = dispersion(Corpus.build(["الف باء الف", "الف جيم"], progress=False),
                         ["الف", "باء"]).set_index("term")
    for name in ("range", "juilland_d", "dp", "dp_norm"):
        np.testing.assert_allclose(df[name], without[name], rtol=1e-12)
    assert np.isfinite(df[["juilland_d", "dp", "dp_norm"]].to_numpy()).all()
    # by hand for الف over the parts of sizes 3 and 2 (frequencies 2 and 1):
    # relative frequencies 2/3, 1/2, mean 7/12, population sd 1/12, V = 1/7,
    # D = 1 - V / sqrt(2 - 1) = 6/7; DP = 0.5 (|2/3 - 3/5| + |1/3 - 2/5|) = 1/15;
    # DPnorm = DP / (1 - 2/5) = 1/9
    row = df.loc["الف"]
    assert row["juilland_d"] == pytest.approx(6 / 7)
    assert row["dp"] == pytest.approx(1 / 15)
    assert row["dp_norm"] == pytest.approx(1 / 9)
    assert row["parts"] == 3 and row["range_pct"] == pytest.approx(100.0)
    assert dispersion(c, "الف").attrs["params"]["empty_parts"] == 1


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def test_dispersion_shows_the_written_form(sample):
    import re

    df = dispersion(sample, ["الصحه", "اسعار", "وزاره الصحه", re.compile("علي|الي"),
                             ["علي", "الي"]])
    assert list(df.columns[:3]) == ["term", "form", "frequency"]
    # a word: the display form of its type, however the query was spelled
    assert list(df["form"][:2]) == ["الصحة", "أسعار"]
    assert dispersion(sample, "الصحة")["form"].iloc[0] == "الصحة"
    # a phrase: its most frequent surface string
    assert df["form"].iloc[2] == "وزارة الصحة"
    # a pattern or a list over two types: the most frequent matched surface string
    from collections import Counter

    at = dispersion_positions(sample, ["علي", "الي"])["position"].to_numpy()
    written = Counter(sample.vocab("surface")[i] for i in sample.ids("surface")[at])
    (top, n), (_, second) = written.most_common(2)
    assert n > second
    assert df["form"].iloc[3] == df["form"].iloc[4] == top
    pos = dispersion_positions(sample, ["الصحه", "وزاره الصحه"])
    assert set(zip(pos["term"], pos["form"])) == {("الصحه", "الصحة"),
                                                  ("وزاره الصحه", "وزارة الصحة")}
