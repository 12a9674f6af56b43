"""Tests of arabcorpus.analyses.coherence: c_npmi from integer arrays equals gensim's.

The module also checks, on the same 2,000 SaudiNewsNet articles, the other fast paths
the report relies on: a subcorpus of a boolean mask (one bool per token) against the
documents of the parent, and the MATTR sum taken in blocks against one block.

The reference is gensim's ``CoherenceModel(coherence="c_npmi")`` on the same documents
as lists of strings; every case must agree to 1e-6 (they agree to the last bit in
practice, as the formula is evaluated operation for operation).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses.coherence import npmi_coherence
from arabcorpus.analyses.topics import TopicModel, _gensim_coherence
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document

from strategies import corpora

TOL = 1e-6


def _gensim_npmi(tokens, offsets, topics, window_size):
    """The reference: gensim's CoherenceModel on the documents as strings."""
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    n_types = int(max(np.max(tokens, initial=0), max(max(t) for t in topics))) + 1
    types = [f"w{i}" for i in range(n_types)]
    d = Dictionary()
    d.token2id = {t: i for i, t in enumerate(types)}
    texts = [[types[t] for t in tokens[offsets[i]:offsets[i + 1]]]
             for i in range(len(offsets) - 1)]
    cm = CoherenceModel(topics=[[types[i] for i in t] for t in topics], texts=texts,
                        dictionary=d, coherence="c_npmi", window_size=window_size,
                        processes=1, topn=max(len(t) for t in topics))
    return np.asarray(cm.get_coherence_per_topic(), dtype=float)


@st.composite
def token_streams(draw):
    """Integer documents over a small vocabulary (so words repeat inside windows),
    with empty documents and documents shorter than the window, and topics drawn from
    the words present."""
    n_types = draw(st.integers(2, 12))
    docs = draw(st.lists(st.lists(st.integers(0, n_types - 1), max_size=40),
                         min_size=1, max_size=8))
    tokens = np.array([t for d in docs for t in d], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum([len(d) for d in docs]))).astype(np.int64)
    present = sorted(set(tokens.tolist()))
    if len(present) < 2:
        tokens = np.concatenate((tokens, [0, 1]))
        offsets[-1] += 2
        present = [0, 1]
    topic = st.lists(st.sampled_from(present), min_size=2, max_size=len(present),
                     unique=True)
    topics = draw(st.lists(topic, min_size=1, max_size=4))
    return tokens, offsets, topics, draw(st.integers(1, 15))


@given(token_streams())
def test_equals_gensim_on_integer_streams(case):
    tokens, offsets, topics, window = case
    ours = npmi_coherence(tokens, offsets, topics, window_size=window)
    ref = _gensim_npmi(tokens, offsets, topics, window)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=TOL)


@settings(max_examples=60)
@given(corpora(min_docs=1, max_docs=6), st.integers(1, 12), st.randoms(use_true_random=False))
def test_equals_gensim_on_generated_text(corpus, window, rnd):
    """On the norm layer of generated Arabic text, every type of the corpus a candidate
    top word (stopwords and punctuation included)."""
    tokens = np.asarray(corpus.ids("norm"), dtype=np.int64)
    offsets = np.asarray(corpus.doc_offsets, dtype=np.int64)
    present = sorted(set(tokens.tolist()))
    if len(present) < 2:
        return
    topics = [rnd.sample(present, min(len(present), rnd.randint(2, 10))) for _ in range(3)]
    ours = npmi_coherence(tokens, offsets, topics, window_size=window)
    ref = _gensim_npmi(tokens, offsets, topics, window)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=TOL)


def test_window_boundaries_as_gensim():
    """gensim clears a word when one copy leaves the window even if another copy is
    still inside: w0 at 0 and 2 with window 3 is absent from the second window."""
    tokens = np.array([0, 1, 0, 1, 2, 2])
    offsets = np.array([0, 6])
    for window in (1, 2, 3, 6, 7):
        np.testing.assert_allclose(
            npmi_coherence(tokens, offsets, [[0, 1, 2]], window_size=window),
            _gensim_npmi(tokens, offsets, [[0, 1, 2]], window), rtol=0, atol=TOL)


def test_bad_window():
    with pytest.raises(ValueError, match="window_size"):
        npmi_coherence(np.array([0, 1]), np.array([0, 2]), [[0, 1]], window_size=0)
    with pytest.raises(TypeError, match="window_size"):
        npmi_coherence(np.array([0, 1]), np.array([0, 2]), [[0, 1]], window_size=2.0)


# ------------------------------------------------------------------ real news (SaudiNewsNet)
N_NEWS = 2000


@pytest.fixture(scope="module")
def news_model(saudinewsnet_articles):
    """A model of 2,000 SaudiNewsNet articles spread over the collection."""
    step = max(1, len(saudinewsnet_articles) // N_NEWS)
    docs = [Document(f"snn/{i}", a["content"], {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::step][:N_NEWS])
            if (a.get("content") or "").strip()]
    corpus = Corpus.build(docs, progress=False)
    return TopicModel(k=10, min_df=3, seed=3, passes=1, progress=False).fit(corpus)


@pytest.mark.parametrize("window", [None, 4, 25])
def test_equals_gensim_on_saudinewsnet(news_model, window):
    tm = news_model
    ours = tm.coherence(measure="c_npmi", n=10, window_size=window)
    topics = [[tm._prep.types[i] for i, _ in tm.model_.get_topic_terms(t, topn=10)]
              for t in range(tm.k)]
    ref = _gensim_coherence(topics, tm._prep, "c_npmi", 10, window, None)
    np.testing.assert_allclose(ours["coherence"].to_numpy(), ref, rtol=0, atol=TOL)
    assert ours.attrs["overall"] == pytest.approx(float(np.mean(ref)), abs=TOL)


def test_report_fast_paths_on_saudinewsnet(news_model):
    from arabcorpus.analyses import frequency as F
    from arabcorpus.analyses.frequency import lexical_stats

    corpus = news_model._corpus
    sources = corpus.metadata["source"].astype(str).to_numpy()
    mask = sources == sources[0]
    for m in (mask, ~mask):
        sub = corpus.subcorpus(m)
        docs = np.flatnonzero(m)
        for layer in corpus.layers:
            ids, off = corpus.ids(layer), corpus.doc_offsets
            ref = np.concatenate([ids[off[d]:off[d + 1]] for d in docs])
            assert np.array_equal(sub.ids(layer), ref)
        ref_kinds = np.concatenate([corpus.kinds[off[d]:off[d + 1]] for d in docs])
        assert np.array_equal(sub.kinds, ref_kinds)
        assert list(sub.texts) == [corpus.texts[d] for d in docs]
    one_block = F._MATTR_BLOCK
    whole = lexical_stats(corpus)["value"]["mattr"]
    try:
        F._MATTR_BLOCK = 4099
        blocks = lexical_stats(corpus)["value"]["mattr"]
    finally:
        F._MATTR_BLOCK = one_block
    assert blocks == whole
