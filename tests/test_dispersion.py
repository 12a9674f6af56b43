"""Dispersion over documents, metadata values and equal parts, and positions for
plots: on the bundled sample, on generated corpora against dense reference
computations, and on SaudiNewsNet when the corpora folder is there."""

from __future__ import annotations

import inspect
import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import measures as M
from arabcorpus.analyses.dispersion import dispersion, dispersion_positions
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document
from strategies import corpora

COLUMNS = ["type", "form", "frequency", "parts", "range", "range_pct", "juilland_d",
           "dp", "dp_norm"]
POSITION_COLUMNS = ["type", "form", "position", "doc", "relative_position",
                    "doc_relative_position"]


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def _docs(corpus):
    return [corpus.tokens(d, "norm") for d in range(len(corpus))]


def check_over_documents(corpus, words):
    """dispersion() over documents against the dense measures of per-document counts
    (``words`` are norm types)."""
    docs = _docs(corpus)
    df = dispersion(corpus, words)
    assert list(df.columns) == COLUMNS
    sizes = [len(d) for d in docs]
    full = sum(1 for s in sizes if s)
    for row, word in zip(df.itertuples(), words):
        v = [d.count(word) for d in docs]
        assert row.frequency == sum(v)
        assert row.range == sum(1 for d in docs if word in d)
        assert row.range_pct == pytest.approx(100 * row.range / max(full, 1))
        assert row.parts == len(corpus)
        if sum(v):
            assert row.dp == pytest.approx(float(M.dp([v], sizes)[0]))
            assert row.dp_norm == pytest.approx(float(M.dp_norm([v], sizes)[0]),
                                                nan_ok=True)
            jd = float(M.juilland_d([v], sizes)[0])
            assert row.juilland_d == pytest.approx(jd, nan_ok=True)
        else:
            assert np.isnan(row.dp) and row.range == 0
    assert df["range"].dtype.kind == "i"
    return df


def check_positions(corpus, word):
    pos = dispersion_positions(corpus, word)
    assert list(pos.columns) == POSITION_COLUMNS
    want = [i for i, w in enumerate(w for d in _docs(corpus) for w in d) if w == word]
    assert pos["position"].tolist() == want
    assert (pos["doc"] == corpus.token_doc()[pos["position"]]).all()
    assert pos["relative_position"].between(0, 1).all()
    assert pos["doc_relative_position"].between(0, 1).all()
    return pos


# ------------------------------------------------------------------- the sample
def test_dispersion_over_documents_equals_dense_measures(sample):
    df = check_over_documents(sample, ["في", "النفط", "المنتخب", "غيرموجودة"])
    assert df.attrs["params"]["query"] == ["في", "النفط", "المنتخب", "غيرموجودة"]
    assert df.attrs["params"]["corpus"] == f"50 documents, {sample.n_tokens} tokens"


def test_dispersion_over_equal_parts(sample):
    n = sample.n_tokens
    df = dispersion(sample, "النفط", parts=10)
    pos = dispersion_positions(sample, "النفط")["position"].to_numpy()
    v = np.bincount(pos * 10 // n, minlength=10)
    sizes = np.bincount(np.arange(n) * 10 // n, minlength=10)
    assert df["parts"].iloc[0] == 10
    assert df["range"].iloc[0] == np.count_nonzero(v)
    assert df["dp"].iloc[0] == pytest.approx(float(M.dp([v], sizes)[0]))
    assert df["juilland_d"].iloc[0] == pytest.approx(float(M.juilland_d([v], sizes)[0]))


def test_dispersion_over_a_metadata_column(sample):
    df = dispersion(sample, ["النفط", "المنتخب"], parts="section")
    sections = sample.metadata["section"].tolist()
    labels = list(dict.fromkeys(sections))
    docs = _docs(sample)
    sizes = [sum(len(d) for d, s in zip(docs, sections) if s == g) for g in labels]
    for row, word in zip(df.itertuples(), ["النفط", "المنتخب"]):
        v = [sum(d.count(word) for d, s in zip(docs, sections) if s == g)
             for g in labels]
        assert row.parts == len(labels)
        assert row.range == sum(1 for x in v if x)
        assert row.dp == pytest.approx(float(M.dp([v], sizes)[0]))
    assert df.attrs["params"]["parts"] == "section"


def test_bad_arguments(sample):
    with pytest.raises(ValueError, match="documents"):
        dispersion(sample, "النفط", parts="sentences")
    with pytest.raises(ValueError, match="section"):
        dispersion(sample, "النفط", parts="sentences")
    with pytest.raises(ValueError, match="parts must be >= 1"):
        dispersion(sample, "النفط", parts=0)
    with pytest.raises(TypeError, match="parts"):
        dispersion(sample, "النفط", parts=2.5)
    with pytest.raises(ValueError, match="surface, norm"):
        dispersion(sample, "النفط", layer="lemma")
    with pytest.raises(ValueError, match="dispersion measure"):
        dispersion(sample, "النفط", measures="gini")
    with pytest.raises(TypeError, match="query"):
        dispersion(sample, 42)
    with pytest.raises(ValueError, match="at least one"):
        dispersion_positions(sample, [])
    with pytest.raises(TypeError, match="regex"):
        dispersion(sample, "النفط", regex="yes")


def test_signatures_and_old_calls(sample):
    for fn in (dispersion, dispersion_positions):
        params = inspect.signature(fn).parameters.values()
        assert [p.name for p in params if p.kind != p.KEYWORD_ONLY] == ["corpus", "query"]
    with pytest.warns(DeprecationWarning, match="terms="):
        old = dispersion(sample, terms="النفط")
    assert old.equals(dispersion(sample, "النفط"))
    with pytest.warns(DeprecationWarning, match="parts"):
        old = dispersion(sample, "النفط", 5, ["dp"])
    assert old.equals(dispersion(sample, "النفط", parts=5, measures=["dp"]))
    with pytest.warns(DeprecationWarning, match="terms="):
        old = dispersion_positions(sample, terms="النفط")
    assert old.equals(dispersion_positions(sample, "النفط"))
    with pytest.warns(DeprecationWarning, match="layer"):
        dispersion_positions(sample, "النفط", "surface")


def test_positions_and_missing_terms(sample):
    check_positions(sample, "النفط")
    pos = dispersion_positions(sample, ["النفط", "غيرموجودةابدا"])
    assert set(pos["type"]) == {"النفط"}
    assert pos.attrs["params"]["query"] == ["النفط", "غيرموجودةابدا"]
    df = dispersion(sample, "غيرموجودةابدا")
    assert df["frequency"].iloc[0] == 0 and np.isnan(df["dp"].iloc[0])
    assert df["form"].iloc[0] == "غيرموجودةابدا"  # not found: the term as given
    assert df.attrs["params"]["parts"] == "documents"
    empty = dispersion_positions(sample, "غيرموجودةابدا")
    assert len(empty) == 0 and list(empty.columns) == POSITION_COLUMNS


def test_an_empty_document_is_left_out_of_every_measure():
    # "!!!" indexes no token: a part of size 0. Juilland's D was NaN for every term.
    c = Corpus.build(["الف باء الف", "!!!", "الف جيم"], progress=False)
    assert np.diff(c.doc_offsets).tolist() == [3, 0, 2]
    df = dispersion(c, ["الف", "باء"]).set_index("type")
    without = dispersion(Corpus.build(["الف باء الف", "الف جيم"], progress=False),
                         ["الف", "باء"]).set_index("type")
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


def test_dispersion_shows_the_written_form(sample):
    df = dispersion(sample, ["الصحه", "اسعار", "وزاره الصحه", re.compile("علي|الي"),
                             ["علي", "الي"]])
    assert list(df.columns[:3]) == ["type", "form", "frequency"]
    # a word: the display form of its type, however the query was spelled
    assert list(df["form"][:2]) == ["الصحة", "أسعار"]
    assert dispersion(sample, "الصحة")["form"].iloc[0] == "الصحة"
    # a phrase: its most frequent surface string
    assert df["form"].iloc[2] == "وزارة الصحة"
    # a pattern or a list over two types: the most frequent matched surface string
    at = dispersion_positions(sample, ["علي", "الي"])["position"].to_numpy()
    written = Counter(sample.vocab("surface")[i] for i in sample.ids("surface")[at])
    (top, n), (_, second) = written.most_common(2)
    assert n > second
    assert df["form"].iloc[3] == df["form"].iloc[4] == top
    pos = dispersion_positions(sample, ["الصحه", "وزاره الصحه"])
    assert set(zip(pos["type"], pos["form"])) == {("الصحه", "الصحة"),
                                                  ("وزاره الصحه", "وزارة الصحة")}


# ------------------------------------------------------------ generated corpora
@settings(max_examples=60)
@given(corpora(), st.data())
def test_dispersion_of_generated_corpora(corpus, data):
    types = sorted({w for d in _docs(corpus) for w in d if w})
    words = data.draw(st.lists(st.sampled_from(types), min_size=1, max_size=3,
                               unique=True)) if types else []
    df = check_over_documents(corpus, words + ["غيرموجودة"])
    for row, word in zip(df.itertuples(), words):
        check = check_positions(corpus, word)
        assert len(check) == row.frequency


@settings(max_examples=40)
@given(corpora(), st.integers(1, 12), st.data())
def test_equal_parts_of_generated_corpora(corpus, n_parts, data):
    types = sorted({w for d in _docs(corpus) for w in d if w})
    if not types:
        return
    word = data.draw(st.sampled_from(types))
    stream = [w for d in _docs(corpus) for w in d]
    n = len(stream)
    part = [i * n_parts // n for i in range(n)]
    v = np.bincount([p for p, w in zip(part, stream) if w == word], minlength=n_parts)
    sizes = np.bincount(part, minlength=n_parts)
    df = dispersion(corpus, word, parts=n_parts)
    assert df["range"].iloc[0] == np.count_nonzero(v)
    assert df["dp"].iloc[0] == pytest.approx(float(M.dp([v], sizes)[0]))
    assert df.attrs["params"]["empty_parts"] == int((sizes == 0).sum())


# --------------------------------------------------------------- SaudiNewsNet
def test_saudinewsnet(saudinewsnet_articles):
    """The same checks on 300 SaudiNewsNet articles."""
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[:300])]
    snn = Corpus.build(docs, progress=False)
    check_over_documents(snn, ["السعوديه", "النفط", "الهلال"])
    check_positions(snn, "السعوديه")
    by_source = dispersion(snn, "السعودية", parts="source")
    assert by_source["parts"].iloc[0] == snn.metadata["source"].nunique()
