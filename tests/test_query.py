"""The shared machinery of the analyses (``arabcorpus.analyses.query``) against plain
Python: the counting sort behind the position index, the index itself, and the scans
that answer the first queries before the index exists.

Checked on generated corpora (``tests/strategies.py``), generated integer arrays and
2,000 SaudiNewsNet articles when the corpora folder is there.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import query as Q
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document
from strategies import corpora


def reference_groups(types, cols, data):
    """``{type: [(col, summed data), ...]}`` with the columns ascending."""
    table = defaultdict(lambda: defaultdict(int))
    for t, c, d in zip(types, cols, data):
        table[t][c] += d
    return {t: sorted(row.items()) for t, row in table.items()}


def check_group_by_type(types, cols, n_types, n_cols, data):
    indptr, idx, summed = Q.group_by_type(np.asarray(types, np.int64),
                                          np.asarray(cols, np.int64), n_types, n_cols,
                                          np.asarray(data, np.int32))
    assert len(indptr) == n_types + 1
    got = {t: list(zip(idx[indptr[t]:indptr[t + 1]].tolist(),
                       summed[indptr[t]:indptr[t + 1]].tolist()))
           for t in range(n_types) if indptr[t + 1] > indptr[t]}
    assert got == reference_groups(types, cols, data)


@settings(max_examples=100)
@given(st.integers(1, 6), st.integers(1, 6), st.data())
def test_group_by_type_of_generated_entries(n_types, n_cols, data):
    n = data.draw(st.integers(0, 40))
    types = data.draw(st.lists(st.integers(0, n_types - 1), min_size=n, max_size=n))
    cols = data.draw(st.lists(st.integers(0, n_cols - 1), min_size=n, max_size=n))
    values = data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    check_group_by_type(types, cols, n_types, n_cols, values)


@settings(max_examples=200)
@given(st.lists(st.integers(0, 5) | st.integers(65530, 65540) | st.integers(0, 2**40),
                max_size=60))
def test_argsort_counts_desc_is_the_stable_descending_argsort(counts):
    counts = np.asarray(counts, dtype=np.int64)
    np.testing.assert_array_equal(Q.argsort_counts_desc(counts),
                                  np.argsort(-counts, kind="stable"))


def test_argsort_counts_desc_rejects_negative_counts():
    with pytest.raises(ValueError, match="non-negative"):
        Q.argsort_counts_desc(np.array([3, -1]))


def check_index(corpus, layer="norm"):
    """The position index is the stable argsort of the ids; every way of finding a
    type's positions gives the same positions."""
    ids = np.asarray(corpus.ids(layer))
    index = Q.PositionIndex(ids, corpus.counts(layer))
    np.testing.assert_array_equal(index.order, np.argsort(ids, kind="stable"))
    for t in np.unique(ids)[:: max(1, len(np.unique(ids)) // 50)]:
        ref = [i for i, x in enumerate(ids.tolist()) if x == t]
        assert index.positions([t]).tolist() == ref


def check_scans(corpus, layer="norm"):
    """:func:`type_positions` answers the same by a scan as from the index, for
    queries of one and of several types; the index is built after
    ``SCANS_BEFORE_INDEX`` scans, or at once for a query of many types."""
    ids = np.asarray(corpus.ids(layer))
    present = np.unique(ids)
    rng = np.random.default_rng(len(ids))
    small = [present[:1], present[-1:], np.zeros(0, np.int64)]
    small += [np.sort(rng.choice(present, size=min(k, len(present)), replace=False))
              for k in (2, 3, Q.SCAN_TYPES)]
    small += [present[i % len(present):i % len(present) + 1]
              for i in range(Q.SCANS_BEFORE_INDEX)]
    big = np.sort(rng.choice(present, size=min(Q.SCAN_TYPES + 1, len(present)),
                             replace=False))
    corpus.cache.clear()
    for k, types in enumerate(small):
        built = ("position_index", layer) in corpus.cache
        assert built == (k > Q.SCANS_BEFORE_INDEX)
        got = Q.type_positions(corpus, layer, types)
        assert got.dtype == np.int64
        np.testing.assert_array_equal(got, np.flatnonzero(np.isin(ids, types)))
    corpus.cache.clear()
    np.testing.assert_array_equal(Q.type_positions(corpus, layer, big),
                                  np.flatnonzero(np.isin(ids, big)))
    assert ("position_index", layer) in corpus.cache \
        or len(big) <= Q.SCAN_TYPES  # few types in the corpus: scanned


@settings(max_examples=60)
@given(corpora(), st.sampled_from(["norm", "surface"]))
def test_position_index_and_scans_of_generated_corpora(corpus, layer):
    if corpus.n_tokens == 0:
        return
    check_index(corpus, layer)
    check_scans(corpus, layer)


@settings(max_examples=40)
@given(corpora())
def test_find_is_the_same_with_and_without_the_index(corpus):
    """A phrase query finds the same matches by scans as from the index."""
    if corpus.n_tokens < 2:
        return
    docs = [corpus.tokens(d) for d in range(len(corpus))]
    first = next(d for d in docs if d)
    for query in (first[0], " ".join(first[:2]), tuple(first[:3])):
        corpus.cache.clear()
        by_scan, m = Q.find(corpus, "norm", query)
        assert ("position_index", "norm") not in corpus.cache
        Q.position_index(corpus, "norm")
        by_index, m2 = Q.find(corpus, "norm", query)
        np.testing.assert_array_equal(by_scan, by_index)
        assert m == m2


def test_empty_queries_and_corpora():
    c = Corpus.build(["نص"], progress=False)
    assert Q.type_positions(c, "norm", []).tolist() == []
    index = Q.PositionIndex(np.zeros(0, np.int32), np.zeros(3, np.int64))
    assert index.order.tolist() == [] and index.indptr.tolist() == [0, 0, 0, 0]
    check_group_by_type([], [], 2, 2, [])


def test_saudinewsnet(saudinewsnet_articles):
    """The index, the scans and the counting sort on 2,000 SaudiNewsNet articles."""
    step = max(1, len(saudinewsnet_articles) // 2000)
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::step][:2000])]
    snn = Corpus.build(docs, progress=False)
    check_index(snn)
    check_scans(snn)
    ids, tdoc = np.asarray(snn.ids("norm")), snn.token_doc()
    indptr, doc_of_run, count = Q.group_by_type(ids, tdoc, len(snn.vocab("norm")),
                                                len(snn), np.ones(len(ids), np.int32))
    key = ids.astype(np.int64) * len(snn) + tdoc
    uniq, n = np.unique(key, return_counts=True)  # the (type, doc) pairs, sorted
    np.testing.assert_array_equal(doc_of_run, uniq % len(snn))
    np.testing.assert_array_equal(count, n)
    np.testing.assert_array_equal(np.diff(indptr),
                                  np.bincount(uniq // len(snn),
                                              minlength=len(snn.vocab("norm"))))
