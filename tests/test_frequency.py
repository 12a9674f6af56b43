"""Frequency lists, n-grams and lexical statistics against plain Python counts."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from arabcorpus.analyses import measures as M
from arabcorpus.corpus.memory import Corpus
from arabcorpus.analyses.frequency import FREQUENCY_COLUMNS, frequency, lexical_stats, ngrams
from arabcorpus.io.readers import Document


@pytest.fixture(scope="module")
def snn(saudinewsnet_articles):
    docs = [Document(str(i), a.get("content") or "", {"source": a["source"]})
            for i, a in enumerate(saudinewsnet_articles[::100][:300])]  # many sources
    return Corpus.build(docs, progress=False)


@pytest.fixture(scope="module")
def docs(snn):
    return [snn.tokens(d, "norm") for d in range(len(snn))]


def test_frequency_list_equals_python_counts(snn, docs):
    df = frequency(snn)
    counts = Counter(w for d in docs for w in d)
    assert list(df.columns) == ["type", "form", *FREQUENCY_COLUMNS]
    assert dict(zip(df["type"], df["frequency"])) == dict(counts)
    assert df["frequency"].is_monotonic_decreasing
    n = sum(counts.values())
    np.testing.assert_allclose(df["per_million"], df["frequency"] / n * 1e6)
    docfreq = Counter(w for d in docs for w in set(d))
    assert dict(zip(df["type"], df["doc_frequency"])) == dict(docfreq)
    np.testing.assert_allclose(df["range"], 100 * df["doc_frequency"] / len(docs))
    # DP of a few types, from the dense documents x counts matrix
    sizes = [len(d) for d in docs]
    for w in df["type"].iloc[[0, 10, 100, 1000]]:
        v = [d.count(w) for d in docs]
        assert df.set_index("type").loc[w, "dp"] == pytest.approx(
            float(M.dp([v], sizes)[0]))
    assert df.attrs["params"]["function"] == "frequency"


def test_min_freq_and_layers(snn):
    df = frequency(snn, min_freq=5)
    assert df["frequency"].min() >= 5
    assert len(df) == int((frequency(snn)["frequency"] >= 5).sum())
    surf = frequency(snn, layer="surface")
    assert surf["frequency"].sum() == frequency(snn)["frequency"].sum() == snn.n_tokens
    with pytest.raises(ValueError, match="surface, norm"):
        frequency(snn, layer="lemma")
    with pytest.raises(ValueError, match="source"):
        frequency(snn, by="newspaper")


def test_frequency_by_group(snn, docs):
    df = frequency(snn, by="source")
    groups = list(dict.fromkeys(snn.metadata["source"]))
    assert list(df.columns.get_level_values(0).unique()) == ["form", "all", *groups]
    assert list(df["all"].columns) == list(FREQUENCY_COLUMNS)
    assert (df["form"] == frequency(snn).set_index("type")["form"].loc[df.index]).all()
    total = sum(df[g]["frequency"] for g in groups)
    assert (total == df["all"]["frequency"]).all()
    g = groups[0]
    sel = [d for d, s in zip(docs, snn.metadata["source"]) if s == g]
    counts = Counter(w for d in sel for w in d)
    block = df[g]
    assert dict(block.loc[block["frequency"] > 0, "frequency"]) == dict(counts)
    w = counts.most_common(1)[0][0]
    v = [d.count(w) for d in sel]
    assert block.loc[w, "dp"] == pytest.approx(float(M.dp([v], [len(d) for d in sel])[0]))
    assert block.loc[w, "doc_frequency"] == sum(1 for d in sel if w in d)


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def test_frequency_shows_the_written_form(sample):
    df = frequency(sample)
    assert list(df.columns[:2]) == ["type", "form"]
    row = df.set_index("type")
    assert row.loc["الصحه", "form"] == "الصحة"   # teh marbuta
    assert row.loc["اسعار", "form"] == "أسعار"   # hamza
    assert row.loc["علي", "form"] == "على"       # alef maqsura
    # the surface layer's types are their own forms
    surf = frequency(sample, layer="surface")
    assert (surf["form"] == surf["type"]).all()
    # min_freq slices the cached list: the same forms, and an edit of a result
    # does not reach the cache
    top = frequency(sample, min_freq=10)
    assert list(top["form"]) == list(df["form"].iloc[: len(top)])
    top.loc[top.index[0], "form"] = "x"
    assert frequency(sample)["form"].iloc[0] != "x"
    grouped = frequency(sample, by="source")
    assert grouped["form"].loc["الصحه"] == "الصحة"
    assert list(grouped.columns[:2]) == [("form", ""), ("all", "frequency")]


def test_frequency_by_a_column_with_a_value_form():
    docs = [Document("1", "الصحة", {"kind": "form"}), Document("2", "وزارة", {"kind": "x"})]
    with pytest.raises(ValueError, match="form"):
        frequency(Corpus.build(docs, progress=False), by="kind")


def test_ngram_forms(sample):
    df = ngrams(sample, 2, min_freq=2, min_range=1)
    assert list(df.columns[:2]) == ["ngram", "form"]
    row = df.set_index("ngram")
    assert row.loc["وزاره الصحه", "form"] == "وزارة الصحة"
    # each word's display form, in order
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample.vocab("norm"), display_forms(sample, "norm")))
    assert all(f == " ".join(forms[w] for w in g.split())
               for g, f in zip(df["ngram"], df["form"]))


def test_ngrams_equal_python_counts_and_do_not_cross_documents(snn, docs):
    for n in (2, 3, 5):
        got = ngrams(snn, n, min_freq=3, min_range=2)
        counts: Counter = Counter()
        rng: Counter = Counter()
        for d in docs:
            grams = [" ".join(d[i:i + n]) for i in range(len(d) - n + 1)]
            counts.update(grams)
            rng.update(set(grams))
        want = {g: (c, rng[g]) for g, c in counts.items() if c >= 3 and rng[g] >= 2}
        assert dict(zip(got["ngram"], zip(got["frequency"], got["range"]))) == want
        assert got["frequency"].is_monotonic_decreasing
    # a bigram spanning two documents is never counted
    two = Corpus.build(["الف باء", "جيم دال"], progress=False)
    assert "باء جيم" not in set(ngrams(two, 2, min_freq=1, min_range=1)["ngram"])
    empty = ngrams(two, 3, min_freq=1, min_range=1)
    assert len(empty) == 0 and list(empty.columns[:2]) == ["ngram", "form"]


def _naive_mattr(tokens, w):
    return np.mean([len(set(tokens[i:i + w])) / w for i in range(len(tokens) - w + 1)])


def test_lexical_stats_against_naive_definitions(snn, docs):
    from arabcorpus.text.tokenize import KINDS

    s = lexical_stats(snn, words_only=True)["value"]
    # word tokens only: the corpus indexes symbols (e.g. bullets) but no punctuation
    kinds = [KINDS[k] for k in snn.kinds.tolist()]
    stream = [w for w, k in zip((w for d in docs for w in d), kinds)
              if k not in ("punct", "symbol")]
    assert len(stream) < snn.n_tokens
    assert lexical_stats(snn, words_only=False)["value"]["tokens"] == snn.n_tokens
    counts = Counter(stream)
    assert s["tokens"] == len(stream)
    assert s["types"] == len(counts)
    assert s["ttr"] == pytest.approx(len(counts) / len(stream))
    chunks = [stream[i:i + 1000] for i in range(0, len(stream) - 999, 1000)]
    assert s["sttr"] == pytest.approx(np.mean([len(set(c)) / 1000 for c in chunks]))
    assert s["hapax_legomena"] == sum(1 for c in counts.values() if c == 1)
    assert s["dis_legomena"] == sum(1 for c in counts.values() if c == 2)
    part = Corpus.build([" ".join(stream[:3000])], progress=False)
    m = lexical_stats(part, mattr_window=500)["value"]["mattr"]
    assert m == pytest.approx(_naive_mattr(part.tokens(0), 500))
    f = np.array(sorted((c for c in counts.values() if c >= 5), reverse=True), float)
    slope = np.polyfit(np.log10(np.arange(1, len(f) + 1)), np.log10(f), 1)[0]
    assert s["zipf_exponent"] == pytest.approx(-slope)
    assert s["zipf_ranks"] == len(f)


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
