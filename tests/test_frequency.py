"""Frequency lists, n-grams and lexical statistics against plain Python counts.

Every check runs on the bundled sample and on generated corpora
(``tests/strategies.py``); the SaudiNewsNet test repeats them on real news text when
the corpora folder is there.
"""

from __future__ import annotations

import inspect
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import measures as M
from arabcorpus.analyses.forms import display_forms
from arabcorpus.analyses.frequency import (FREQUENCY_COLUMNS, NGRAM_COLUMNS,
                                           frequency, lexical_stats, ngrams)
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document
from strategies import corpora, documents


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def _docs(corpus, layer="norm"):
    return [corpus.tokens(d, layer) for d in range(len(corpus))]


# --------------------------------------------------------------- reference checks
def check_frequency(corpus, layer="norm"):
    """frequency() against Counter over corpus.tokens(), range, DP from dense rows."""
    docs = _docs(corpus, layer)
    df = frequency(corpus, layer=layer)
    counts = Counter(w for d in docs for w in d)
    assert list(df.columns) == ["type", "form", *FREQUENCY_COLUMNS]
    assert dict(zip(df["type"], df["frequency"])) == dict(counts)
    assert df["frequency"].is_monotonic_decreasing
    n = sum(counts.values())
    assert n == corpus.n_tokens
    np.testing.assert_allclose(df["per_million"], df["frequency"] / max(n, 1) * 1e6)
    docfreq = Counter(w for d in docs for w in set(d))
    assert dict(zip(df["type"], df["range"])) == dict(docfreq)
    assert df["range"].dtype.kind == "i"
    np.testing.assert_allclose(df["range_pct"], 100 * df["range"] / len(docs))
    # DP of some types, from the dense documents x counts matrix
    sizes = [len(d) for d in docs]
    rows = df.set_index("type")
    for w in df["type"].iloc[[0, len(df) // 3, len(df) // 2, -1]] if len(df) else []:
        v = [d.count(w) for d in docs]
        assert rows.loc[w, "dp"] == pytest.approx(float(M.dp([v], sizes)[0]),
                                                  abs=1e-12)
    # ties keep the order of first occurrence
    first = {}
    for w in (w for d in docs for w in d):
        first.setdefault(w, len(first))
    keys = [(-counts[w], first[w]) for w in df["type"]]
    assert keys == sorted(keys)
    assert df.attrs["params"]["function"] == "frequency"
    assert df.attrs["params"]["corpus"] == f"{len(corpus)} documents, {n} tokens"
    return df


def check_frequency_by(corpus, by):
    docs = _docs(corpus)
    df = frequency(corpus, by=by)
    values = corpus.metadata[by].astype(str).tolist()
    groups = list(dict.fromkeys(values))
    assert list(df.columns.get_level_values(0).unique()) == ["form", "all", *groups]
    assert list(df["all"].columns) == list(FREQUENCY_COLUMNS)
    assert (df["form"] == frequency(corpus).set_index("type")["form"].loc[df.index]).all()
    total = sum(df[g]["frequency"] for g in groups)
    assert (total == df["all"]["frequency"]).all()
    for g in groups:
        sel = [d for d, s in zip(docs, values) if s == g]
        counts = Counter(w for d in sel for w in d)
        block = df[g]
        assert dict(block.loc[block["frequency"] > 0, "frequency"]) == dict(counts)
        if not counts:
            continue
        w = counts.most_common(1)[0][0]
        v = [d.count(w) for d in sel]
        assert block.loc[w, "dp"] == pytest.approx(
            float(M.dp([v], [len(d) for d in sel])[0]), abs=1e-12)
        assert block.loc[w, "range"] == sum(1 for d in sel if w in d)
        assert block.loc[w, "range_pct"] == pytest.approx(
            100 * block.loc[w, "range"] / len(sel))
    return df


def naive_ngrams(docs, length):
    counts: Counter = Counter()
    rng: Counter = Counter()
    for d in docs:
        grams = [" ".join(d[i:i + length]) for i in range(len(d) - length + 1)]
        counts.update(grams)
        rng.update(set(grams))
    return counts, rng


def check_ngrams(corpus, length, min_freq, min_range):
    got = ngrams(corpus, length=length, min_freq=min_freq, min_range=min_range)
    counts, rng = naive_ngrams(_docs(corpus), length)
    want = {g: (c, rng[g]) for g, c in counts.items()
            if c >= max(min_freq, 1) and rng[g] >= min_range}
    assert dict(zip(got["type"], zip(got["frequency"], got["range"]))) == want
    assert got["frequency"].is_monotonic_decreasing
    assert list(got.columns) == list(NGRAM_COLUMNS)
    np.testing.assert_allclose(got["range_pct"], 100 * got["range"] / len(corpus))
    assert got.attrs["params"]["length"] == length
    return got


def check_lexical_stats(corpus):
    from arabcorpus.text.tokenize import KINDS

    docs = _docs(corpus)
    s = lexical_stats(corpus, words_only=True)["value"]
    kinds = [KINDS[k] for k in corpus.kinds.tolist()]
    stream = [w for w, k in zip((w for d in docs for w in d), kinds)
              if k not in ("punct", "symbol")]
    assert lexical_stats(corpus)["value"]["tokens"] == corpus.n_tokens
    counts = Counter(stream)
    assert s["tokens"] == len(stream)
    assert s["types"] == len(counts)
    assert s["ttr"] == pytest.approx(len(counts) / len(stream))
    chunks = [stream[i:i + 1000] for i in range(0, len(stream) - 999, 1000)]
    if chunks:
        assert s["sttr"] == pytest.approx(np.mean([len(set(c)) / 1000 for c in chunks]))
    assert s["hapax_legomena"] == sum(1 for c in counts.values() if c == 1)
    assert s["dis_legomena"] == sum(1 for c in counts.values() if c == 2)
    f = np.array(sorted((c for c in counts.values() if c >= 5), reverse=True), float)
    slope = np.polyfit(np.log10(np.arange(1, len(f) + 1)), np.log10(f), 1)[0]
    assert s["zipf_exponent"] == pytest.approx(-slope)
    assert s["zipf_ranks"] == len(f)


# ------------------------------------------------------------------- the sample
def test_frequency_list_equals_python_counts(sample):
    df = check_frequency(sample)
    assert len(df) == len(set(sample.ids("norm").tolist()))
    check_frequency(sample, layer="surface")


def test_frequency_by_group(sample):
    df = check_frequency_by(sample, "section")
    assert list(df.columns[:2]) == [("form", ""), ("all", "frequency")]
    assert df.attrs["params"]["by"] == "section"


def test_min_freq_sort_n_and_layers(sample):
    full = frequency(sample)
    df = frequency(sample, min_freq=5)
    assert df["frequency"].min() >= 5
    assert len(df) == int((full["frequency"] >= 5).sum())
    surf = frequency(sample, layer="surface")
    assert surf["frequency"].sum() == full["frequency"].sum() == sample.n_tokens
    # n: the first rows after sorting
    assert frequency(sample, n=10).equals(full.head(10))
    assert len(frequency(sample, n=0)) == 0
    # sort: a column descending, ties in frequency order; None: type-id order
    by_dp = frequency(sample, sort="dp")
    assert by_dp["dp"].is_monotonic_decreasing
    assert set(by_dp["type"]) == set(full["type"])
    ids = [sample.type_id("norm", t) for t in frequency(sample, sort=None)["type"]]
    assert ids == sorted(ids)
    top = frequency(sample, sort="range", n=5)
    assert top["range"].tolist() == sorted(full["range"], reverse=True)[:5]
    grouped = frequency(sample, by="section", sort="range", n=3)
    assert len(grouped) == 3 and grouped[("all", "range")].is_monotonic_decreasing
    p = frequency(sample, min_freq=2, n=4).attrs["params"]
    assert {k: p[k] for k in ("layer", "by", "min_freq", "sort", "n")} == {
        "layer": "norm", "by": None, "min_freq": 2, "sort": "frequency", "n": 4}


def test_bad_arguments(sample):
    with pytest.raises(ValueError, match="surface, norm"):
        frequency(sample, layer="lemma")
    with pytest.raises(ValueError, match="section"):
        frequency(sample, by="newspaper")
    with pytest.raises(ValueError, match="per_million"):
        frequency(sample, sort="alphabet")
    with pytest.raises(TypeError, match="min_freq"):
        frequency(sample, min_freq=1.5)
    with pytest.raises(ValueError, match="n must be >= 0"):
        frequency(sample, n=-1)
    with pytest.raises(TypeError, match="layer"):
        ngrams(sample, layer=3)
    with pytest.raises(ValueError, match="length"):
        ngrams(sample, length=0)
    with pytest.raises(TypeError, match="words_only"):
        lexical_stats(sample, words_only="yes")
    with pytest.raises(TypeError):
        frequency(sample, limit=3)


def test_signatures_are_keyword_only():
    for fn, first in ((frequency, ["corpus"]), (ngrams, ["corpus"]),
                      (lexical_stats, ["corpus"])):
        params = inspect.signature(fn).parameters.values()
        assert [p.name for p in params if p.kind != p.KEYWORD_ONLY] == first
    assert inspect.signature(frequency).parameters["n"].default is None
    defaults = inspect.signature(ngrams).parameters
    assert (defaults["length"].default, defaults["min_freq"].default,
            defaults["min_range"].default, defaults["n"].default) == (3, 3, 1, None)


def test_old_positional_calls_and_names_warn(sample):
    with pytest.warns(DeprecationWarning, match="layer"):
        old = frequency(sample, "surface")
    assert old.equals(frequency(sample, layer="surface"))
    with pytest.warns(DeprecationWarning, match="length"):
        old = ngrams(sample, 2, 2, 1)
    assert old.equals(ngrams(sample, length=2, min_freq=2, min_range=1))
    with pytest.warns(DeprecationWarning, match="length="):
        alias = ngrams(sample, n=2, min_freq=2)
    assert alias.equals(ngrams(sample, length=2, min_freq=2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        top = ngrams(sample, length=2, n=5)   # with length=, n is the number of rows
    assert len(top) == 5
    with pytest.warns(DeprecationWarning, match="sort='frequency'"):
        assert frequency(sample, sort=True).equals(frequency(sample))
    with pytest.warns(DeprecationWarning, match="sort_?"):
        assert ngrams(sample, length=2, sort=False).equals(
            ngrams(sample, length=2, sort=None))
    with pytest.warns(DeprecationWarning, match="sttr_chunk"):
        lexical_stats(sample, "norm", 100)


def test_editing_a_result_does_not_change_the_next_one(sample):
    df = frequency(sample)
    before = df.copy()
    df.loc[0, "frequency"] = -1
    df.loc[0, "form"] = "x"
    df["dp"] = 0.0
    again = frequency(sample)
    pd.testing.assert_frame_equal(again, before)
    top = frequency(sample, min_freq=10)
    top.iloc[0, 1] = "y"
    assert frequency(sample)["form"].iloc[0] == before["form"].iloc[0]
    again.attrs["params"]["layer"] = "changed"
    assert frequency(sample).attrs["params"]["layer"] == "norm"
    # whole columns and NumPy views (a shallow copy under copy-on-write would let
    # the view of a str column reach the cache)
    edited = frequency(sample)
    edited["range"] += 100
    edited.iloc[:, 1] = "z"
    for column in ("frequency", "dp", "type", "form"):
        try:
            frequency(sample)[column].to_numpy()[:] = 0
        except ValueError:  # a read-only view
            pass
    pd.testing.assert_frame_equal(frequency(sample), before)


def test_editing_the_first_results_changes_no_later_one(sample, tmp_path):
    """The first call returns the frame it built and the second keeps its own:
    editing either one, through NumPy views too, changes no later result, after a
    build and after a load."""
    expected = frequency(sample)
    sample.save(tmp_path / "c")
    for corpus in (sample._take(np.arange(len(sample))), Corpus.load(tmp_path / "c")):
        for _ in range(3):
            df = frequency(corpus)
            pd.testing.assert_frame_equal(df, expected)
            for column in df.columns:
                try:
                    df[column].to_numpy()[:] = 0
                except (ValueError, TypeError):  # a read-only view
                    pass
            df.iloc[:, 1] = "z"
            df["range"] += 100
        pd.testing.assert_frame_equal(frequency(corpus), expected)


def test_text_columns_are_those_pandas_makes(sample, tmp_path):
    """The type and form columns, made without pandas' item-by-item check, are the
    columns pandas makes from the same strings (its default str dtype), on the first
    and later calls, after a build and after a load."""
    sample.save(tmp_path / "c")
    for corpus in (sample._take(np.arange(len(sample))), Corpus.load(tmp_path / "c")):
        for _ in range(3):
            df = frequency(corpus)
            rebuilt = pd.DataFrame({c: df[c].tolist() for c in df.columns})
            pd.testing.assert_frame_equal(df, rebuilt)
            assert df["type"].dtype == df["form"].dtype == pd.Series(["a"]).dtype
            assert df["form"].str.len().min() > 0


def test_frequency_shows_the_written_form(sample):
    df = frequency(sample)
    assert list(df.columns[:2]) == ["type", "form"]
    row = df.set_index("type")
    assert row.loc["الصحه", "form"] == "الصحة"   # teh marbuta
    assert row.loc["اسعار", "form"] == "أسعار"   # hamza
    assert row.loc["علي", "form"] == "على"       # alef maqsura
    surf = frequency(sample, layer="surface")
    assert (surf["form"] == surf["type"]).all()
    top = frequency(sample, min_freq=10)
    assert list(top["form"]) == list(df["form"].iloc[: len(top)])
    grouped = frequency(sample, by="section")
    assert grouped["form"].loc["الصحه"] == "الصحة"


def test_frequency_by_a_column_with_a_value_form():
    docs = [Document("1", "الصحة", {"kind": "form"}), Document("2", "وزارة", {"kind": "x"})]
    with pytest.raises(ValueError, match="form"):
        frequency(Corpus.build(docs, progress=False), by="kind")


def test_frequency_by_a_column_with_missing_values():
    docs = [Document("1", "الصحة الصحة", {"kind": "a"}), Document("2", "وزارة", {}),
            Document("3", "الصحة", {"kind": "b"})]
    df = frequency(Corpus.build(docs, progress=False), by="kind")
    assert list(df.columns.get_level_values(0).unique()) == ["form", "all", "a", "b",
                                                              "(missing)"]
    assert df[("(missing)", "frequency")].to_dict() == {"الصحه": 0, "وزاره": 1}


def test_ngrams_equal_python_counts_and_do_not_cross_documents(sample):
    for length in (1, 2, 3, 5):
        check_ngrams(sample, length, 2, 1)
        check_ngrams(sample, length, 1, 2)
    default = ngrams(sample)
    assert default["frequency"].min() >= 3
    assert default.attrs["params"]["min_freq"] == 3
    assert default.attrs["params"]["min_range"] == 1
    two = Corpus.build(["الف باء", "جيم دال"], progress=False)
    assert "باء جيم" not in set(ngrams(two, length=2, min_freq=1)["type"])
    empty = ngrams(two, length=3, min_freq=1)
    assert len(empty) == 0 and list(empty.columns) == list(NGRAM_COLUMNS)


def test_ngrams_sort_and_n(sample):
    full = ngrams(sample, length=2, min_freq=2)
    assert ngrams(sample, length=2, min_freq=2, n=7).equals(full.head(7))
    by_range = ngrams(sample, length=2, min_freq=2, sort="range")
    assert by_range["range"].is_monotonic_decreasing
    lex = ngrams(sample, length=2, min_freq=2, sort=None)
    keys = [tuple(sample.type_id("norm", w) for w in g.split()) for g in lex["type"]]
    assert keys == sorted(keys)
    with pytest.raises(ValueError, match="range_pct"):
        ngrams(sample, sort="dp")


def test_ngram_forms(sample):
    df = ngrams(sample, length=2, min_freq=2)
    row = df.set_index("type")
    assert row.loc["وزاره الصحه", "form"] == "وزارة الصحة"
    forms = dict(zip(sample.vocab("norm"), display_forms(sample, layer="norm")))
    assert all(f == " ".join(forms[w] for w in g.split())
               for g, f in zip(df["type"], df["form"]))


def test_lexical_stats_against_naive_definitions(sample):
    check_lexical_stats(sample)
    s = lexical_stats(sample, sttr_chunk=500)["value"]
    stream = [w for d in _docs(sample) for w in d]
    chunks = [stream[i:i + 500] for i in range(0, len(stream) - 499, 500)]
    assert s["sttr"] == pytest.approx(np.mean([len(set(c)) / 500 for c in chunks]))
    part = Corpus.build([" ".join(stream[:3000])], progress=False)
    m = lexical_stats(part, mattr_window=500)["value"]["mattr"]
    assert m == pytest.approx(_naive_mattr(part.tokens(0), 500))
    assert lexical_stats(sample).attrs["params"]["corpus"].startswith("50 documents")


def _naive_mattr(tokens, w):
    return np.mean([len(set(tokens[i:i + w])) / w for i in range(len(tokens) - w + 1)])


def test_lexical_stats_counts_the_same_tokens_as_the_corpus():
    # symbols are indexed by default: every statistic must use the same N
    from arabcorpus.text.tokenize import KINDS

    c = Corpus.build(["سعر البرميل 80 $ + 5 > 70 دولارا", "ارتفع السعر $"],
                     progress=False)
    symbols = int(np.isin(c.kinds, [KINDS.index("symbol")]).sum())
    assert symbols >= 3
    s = lexical_stats(c, sttr_chunk=2, mattr_window=2, zipf_min_freq=1)["value"]
    assert s["tokens"] == c.n_tokens == frequency(c)["frequency"].sum()
    assert s["types"] == len(frequency(c))
    words = lexical_stats(c, words_only=True)["value"]
    assert words["tokens"] == c.n_tokens - symbols


def test_zipf_exponent_of_an_exact_power_law():
    # frequencies 1000 / r**1.2 rounded: the fitted exponent is close to 1.2
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    types = [a + b + "ة" for a in letters for b in letters][:60]
    words = []
    for r, w in enumerate(types, start=1):
        words += [w] * int(round(1000 / r ** 1.2))
    c = Corpus.build([" ".join(words)], progress=False)
    s = lexical_stats(c, zipf_min_freq=5)["value"]
    assert s["types"] == 60
    assert s["zipf_exponent"] == pytest.approx(1.2, abs=0.02)
    assert s["zipf_r2"] > 0.99


def test_sharded_corpus_gives_the_same_lists(tmp_path, sample):
    from arabcorpus import load_dataset

    sharded = Corpus.build(load_dataset("sample"), progress=False,
                           path=tmp_path / "sh", shard_size=7)
    a, b = frequency(sharded), frequency(sample)
    pd.testing.assert_frame_equal(a.drop(columns="dp"), b.drop(columns="dp"))
    np.testing.assert_allclose(a["dp"], b["dp"], rtol=1e-12)
    ga, gb = frequency(sharded, by="section"), frequency(sample, by="section")
    assert (ga["form"] == gb["form"]).all()
    np.testing.assert_allclose(ga.iloc[:, 1:].to_numpy(float),
                               gb.iloc[:, 1:].to_numpy(float), rtol=1e-12)
    pd.testing.assert_frame_equal(ngrams(sharded, length=2, min_freq=2),
                                  ngrams(sample, length=2, min_freq=2))


# ------------------------------------------------------------ generated corpora
@settings(max_examples=60)
@given(corpora(), st.sampled_from(["norm", "surface"]))
def test_frequency_of_generated_corpora(corpus, layer):
    check_frequency(corpus, layer)


@settings(max_examples=40)
@given(corpora(min_docs=2))
def test_frequency_by_group_of_generated_corpora(corpus):
    check_frequency_by(corpus, "source")


@settings(max_examples=60)
@given(corpora(), st.integers(1, 4), st.integers(0, 3), st.integers(0, 3))
def test_ngrams_of_generated_corpora(corpus, length, min_freq, min_range):
    check_ngrams(corpus, length, min_freq, min_range)


@settings(max_examples=40)
@given(corpora(max_docs=4), st.integers(1, 8), st.integers(1, 8))
def test_lexical_stats_of_generated_corpora(corpus, chunk, window):
    from arabcorpus.text.tokenize import KINDS

    s = lexical_stats(corpus, sttr_chunk=chunk, mattr_window=window)["value"]
    stream = [w for d in _docs(corpus) for w in d]
    assert s["tokens"] == len(stream) == corpus.n_tokens
    assert s["types"] == len(set(stream))
    chunks = [stream[i:i + chunk] for i in range(0, len(stream) - chunk + 1, chunk)]
    if chunks:
        assert s["sttr"] == pytest.approx(np.mean([len(set(c)) / chunk for c in chunks]))
    else:
        assert np.isnan(s["sttr"])
    if len(stream) > window:
        assert s["mattr"] == pytest.approx(_naive_mattr(stream, window))
    kinds = [KINDS[k] for k in corpus.kinds.tolist()]
    words = [w for w, k in zip(stream, kinds) if k not in ("punct", "symbol")]
    assert lexical_stats(corpus, words_only=True)["value"]["tokens"] == len(words)


@settings(max_examples=40)
@given(corpora(max_docs=4), st.integers(1, 8), st.integers(1, 5))
def test_mattr_in_blocks_of_generated_corpora(corpus, window, block):
    """The MATTR sum taken in blocks of positions equals the naive moving average."""
    from arabcorpus.analyses import frequency as F

    stream = [w for d in _docs(corpus) for w in d]
    if len(stream) <= window:
        return
    saved = F._MATTR_BLOCK
    F._MATTR_BLOCK = block
    try:
        m = lexical_stats(corpus, mattr_window=window)["value"]["mattr"]
    finally:
        F._MATTR_BLOCK = saved
    assert m == pytest.approx(_naive_mattr(stream, window), rel=1e-12)


# --------------------------------------------------------------- SaudiNewsNet
def test_saudinewsnet(saudinewsnet_articles):
    """The same checks on 300 SaudiNewsNet articles of many sources."""
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::100][:300])]
    snn = Corpus.build(docs, progress=False)
    check_frequency(snn)
    check_frequency_by(snn, "source")
    for length in (2, 3, 5):
        check_ngrams(snn, length, 3, 2)
    check_lexical_stats(snn)


# ------------------------------------------- the fast path against plain Python
def reference_frequency(docs):
    """Frequency, range and Gries' DP of every type from Counters: DP is
    ``0.5 * sum_i |v_i / f - s_i|`` over all documents, where a document without
    the type adds ``s_i`` (its share of the tokens)."""
    per_doc = [Counter(d) for d in docs]
    n = sum(len(d) for d in docs)
    if n == 0:
        return {}
    share = [len(d) / n for d in docs]
    freq = Counter()
    for c in per_doc:
        freq.update(c)
    dev, covered, rng = Counter(), Counter(), Counter()
    for c, s in zip(per_doc, share):
        for w, v in c.items():
            dev[w] += abs(v / freq[w] - s)
            covered[w] += s
            rng[w] += 1
    return {w: (f, rng[w], 0.5 * (dev[w] + 1.0 - covered[w])) for w, f in freq.items()}


def check_against_reference(corpus, layer="norm"):
    """Every row of frequency() against :func:`reference_frequency`."""
    ref = reference_frequency(_docs(corpus, layer))
    df = frequency(corpus, layer=layer)
    assert len(df) == len(ref)
    assert dict(zip(df["type"], zip(df["frequency"], df["range"]))) == \
        {w: r[:2] for w, r in ref.items()}
    np.testing.assert_allclose(df["dp"], [ref[w][2] for w in df["type"]],
                               rtol=0, atol=1e-12)
    # the whole-corpus DP is dp_of_occurrences of the runs, number for number
    from arabcorpus.analyses.frequency import _corpus_runs

    run_type, run_doc, run_count = _corpus_runs(corpus, layer)
    if len(run_type):
        dp = M.dp_of_occurrences(run_type, run_doc, run_count,
                                 np.diff(corpus.doc_offsets),
                                 n_terms=len(corpus.vocab(layer)))
        by_id = dict(zip(corpus.vocab(layer), dp))
        assert [by_id[w] for w in df["type"]] == df["dp"].tolist()
    return df


def computed_stats(corpus, layer):
    """Range and DP of every type counted from the (type, document) runs, as
    frequency() computes them without the corpus's kept statistics."""
    from arabcorpus.analyses.frequency import _corpus_runs
    from arabcorpus.corpus.stats import dp_of_runs

    run_type, run_doc, run_count = _corpus_runs(corpus, layer)
    counts = np.bincount(corpus.ids(layer), minlength=len(corpus.vocab(layer)))
    docfreq = np.bincount(run_type, minlength=len(counts))
    sizes = np.diff(corpus.doc_offsets).astype(np.float64)
    if not sizes.size or sizes.sum() == 0:
        return counts, docfreq, np.full(len(counts), np.nan)
    return counts, docfreq, dp_of_runs(run_type, run_doc, run_count, counts, docfreq,
                                       sizes)


def old_format_folder(folder):
    """Turn a saved corpus folder into one saved before the per-type statistics
    files existed: the files and their manifest entries removed."""
    import json
    from pathlib import Path

    folder = Path(folder)
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    for key in [k for k in manifest["files"] if k.split(".")[0] in
                ("counts", "docfreq", "dp", "form_ids")]:
        (folder / manifest["files"].pop(key)).unlink()
        manifest["file_sizes"].pop(key)
        manifest["file_digests"].pop(key)
    (folder / "corpus.json").write_text(json.dumps(manifest), "utf-8")
    return folder


def check_kept_stats(memory, folder):
    """The statistics a corpus keeps (after a build, after save + load, and those a
    folder without them computes again) equal the runs' count, number for number;
    frequency() gives the same frame each way."""
    expected = frequency(memory)
    fresh = {layer: memory.form_ids(layer) for layer in memory.layers}
    for layer in memory.layers:
        ref = computed_stats(memory, layer)
        docfreq, dp = memory.type_doc_stats(layer)
        np.testing.assert_array_equal(docfreq, ref[1])
        np.testing.assert_array_equal(dp, ref[2])
    memory.save(folder)
    names = {p.name for p in folder.iterdir()}
    assert {f"dp.{layer}.npy" for layer in memory.layers} <= names
    for mmap_mode in ("r", None):
        loaded = Corpus.load(folder, mmap_mode=mmap_mode)
        assert loaded._type_stats and loaded._counts  # read, not computed
        for layer in memory.layers:
            np.testing.assert_array_equal(loaded.form_ids(layer), fresh[layer])
            kept = (loaded.counts(layer),) + loaded.type_doc_stats(layer)
            for a, b in zip(kept, computed_stats(loaded, layer)):
                np.testing.assert_array_equal(a, b)
        pd.testing.assert_frame_equal(frequency(loaded), expected, check_exact=True)
    old = Corpus.load(old_format_folder(folder))
    assert not old._type_stats and not old._counts and not old._form_ids
    pd.testing.assert_frame_equal(frequency(old), expected, check_exact=True)
    for layer in memory.layers:
        for a, b in zip((old.counts(layer),) + old.type_doc_stats(layer),
                        computed_stats(old, layer)):
            np.testing.assert_array_equal(a, b)


def check_both_storages(docs, folder, shard_size):
    """frequency() (with and without ``by``) of a sharded corpus equals the
    in-memory one, number for number, and both equal the reference; so do the
    in-memory corpus's kept statistics after save + load and those of a folder
    saved without them."""
    from pathlib import Path

    memory = Corpus.build(docs, progress=False)
    sharded = Corpus.build(docs, progress=False, path=folder, shard_size=shard_size)
    a = check_against_reference(memory)
    b = check_against_reference(sharded)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    if len(docs) > 1:
        pd.testing.assert_frame_equal(frequency(memory, by="source"),
                                      frequency(sharded, by="source"), check_exact=True)
    check_kept_stats(Corpus.build(docs, progress=False), Path(f"{folder}-saved"))


@settings(max_examples=60)
@given(corpora(), st.sampled_from(["norm", "surface"]))
def test_every_row_of_generated_corpora_against_counters(corpus, layer):
    check_against_reference(corpus, layer)


@settings(max_examples=25, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=8), st.integers(1, 3))
def test_both_storages_of_generated_corpora(texts, shard_size):
    import tempfile

    docs = [Document(f"d{i}", t, {"source": "ab"[i % 2]}) for i, t in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            check_both_storages(docs, f"{tmp}/sh", shard_size)
        except ValueError as exc:  # only punctuation: no document to index
            assert "no document" in str(exc).lower() or "empty" in str(exc).lower()


def test_saudinewsnet_2000_both_storages(saudinewsnet_articles, tmp_path):
    """Every row of frequency() on 2,000 SaudiNewsNet articles, in memory and in
    shards, against the Counter reference."""
    step = max(1, len(saudinewsnet_articles) // 2000)
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::step][:2000])]
    check_both_storages(docs, tmp_path / "sh", 300)
