"""Near-duplicate documents: arabcorpus.io.duplicates, read(duplicates="near"),
Corpus.build(dedupe=...), the command line's --dedupe."""

from __future__ import annotations

import os
import random

import numpy as np
import pandas as pd
import pytest

import arabcorpus as ac
from arabcorpus.io.duplicates import NearDuplicateIndex, _bands, near_duplicates
from arabcorpus.text.normalize import Normalizer
from arabcorpus.text.tokenize import tokenize


@pytest.fixture(scope="module")
def sample_docs():
    return ac.load_dataset("sample").to_list()


def _words(text):
    return tokenize(Normalizer("search").normalize(text), punctuation=False).texts


def _exact_jaccard(a, b, k=2):
    """The Jaccard of two texts' word k-shingles (default: the default shingle),
    from the strings themselves."""
    def shingles(text):
        w = _words(text)
        if len(w) < k:
            return {tuple(w)} if w else set()
        return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def _article(docs):
    """An article of SaudiNewsNet length (~270 words) made of three sample texts."""
    return " ".join(d.text for d in docs[3:6])


_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي"


def _planted(text, share=0.05, seed=0, scattered=False):
    """``text`` with ``share`` of its words replaced by new words (letters only, so
    that each is one word for the tokenizer): one run of consecutive words (as an
    edited sentence), or words at random places (``scattered``). Words are the
    whitespace-separated pieces with a letter in them."""
    words = text.split()
    places = [i for i, w in enumerate(words) if any(c.isalpha() for c in w)]
    k = max(1, round(len(places) * share))
    rng = random.Random(seed)
    if scattered:
        chosen = rng.sample(places, k)
    else:
        start = rng.randrange(len(places) - k)
        chosen = places[start:start + k]
    for j, i in enumerate(chosen):
        words[i] = "مختلفة" + _LETTERS[j // len(_LETTERS)] + _LETTERS[j % len(_LETTERS)]
    return " ".join(words)


@pytest.mark.parametrize("scattered", [False, True], ids=["together", "scattered"])
@pytest.mark.parametrize("seed", range(5))
def test_planted_copy_with_5_percent_changed_is_found(sample_docs, scattered, seed):
    # at the default settings, whether the changed words sit together (an edited
    # sentence) or at random places (one word here and there)
    article = _article(sample_docs)
    copy = _planted(article, seed=seed, scattered=scattered)
    docs = sample_docs + [ac.Document("original", article), ac.Document("copy", copy)]
    pairs = near_duplicates(docs)
    row = pairs[(pairs.id_a == "original") & (pairs.id_b == "copy")]
    assert len(row) == 1
    expected = _exact_jaccard(article, copy)
    assert expected >= 0.8
    assert row["jaccard"].iloc[0] == pytest.approx(expected)
    assert abs(row["similarity"].iloc[0] - expected) < 0.15  # the MinHash estimate
    assert list(pairs.columns) == ["id_a", "id_b", "doc_a", "doc_b", "similarity",
                                   "jaccard", "cluster"]
    assert (pairs["jaccard"] >= 0.8).all()
    assert ["original", "copy"] in pairs.attrs["clusters"]


def test_scattered_changes_defeat_long_shingles(sample_docs):
    # every changed word changes up to `shingle` shingles: with 5% of the words
    # changed at random places, 5-word shingles see a Jaccard near 0.6 and miss the
    # copy; 2-word shingles (the default) see about 0.82, single words about 0.9
    article = _article(sample_docs)
    copy = _planted(article, scattered=True)
    assert _exact_jaccard(article, copy, 5) < 0.7
    assert near_duplicates([article, copy], shingle=5).empty
    for k in (1, 2):
        pairs = near_duplicates([article, copy], shingle=k)
        assert pairs[["id_a", "id_b"]].values.tolist() == [["0", "1"]]
        assert pairs["jaccard"].iloc[0] == pytest.approx(_exact_jaccard(article, copy, k))


def test_same_seed_same_frame_and_params(sample_docs):
    article = _article(sample_docs)
    docs = sample_docs + [article, _planted(article), _planted(article, seed=1)]
    a = near_duplicates(docs, seed=3)
    b = near_duplicates(docs, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs
    params = a.attrs["params"]
    assert params["seed"] == 3 and params["threshold"] == 0.8 and params["shingle"] == 2
    assert params["n_docs"] == len(docs) and params["num_perm"] == 128
    assert params["bands"] * params["rows"] <= 128
    # another seed estimates differently but finds the same pairs (exact filter)
    c = near_duplicates(docs, seed=4)
    assert c[["id_a", "id_b", "jaccard"]].equals(a[["id_a", "id_b", "jaccard"]])


def test_clusters_are_connected_components():
    base = " ".join(f"كلمة{i}" for i in range(200))
    words = base.split()
    b = " ".join(words[:190] + [f"جديد{i}" for i in range(10)])
    c = " ".join([f"آخر{i}" for i in range(10)] + words[10:190] + [f"جديد{i}" for i in range(10)])
    pairs = near_duplicates(["نص مختلف تماما عن غيره", base, b, c, "نص مختلف"],
                            threshold=0.8)
    assert pairs.attrs["clusters"] == [["1", "2", "3"]]
    assert set(pairs["cluster"]) == {0}
    assert (pairs["doc_a"] < pairs["doc_b"]).all()


def test_inputs_corpus_stream_strings(sample_docs):
    docs = sample_docs + [ac.Document("copy", sample_docs[0].text)]
    corpus = ac.Corpus.build(docs, progress=False)
    from_corpus = near_duplicates(corpus)
    from_list = near_duplicates(docs)
    from_stream = near_duplicates(ac.read(docs))
    for frame in (from_corpus, from_stream):
        assert frame[["id_a", "id_b", "jaccard"]].equals(from_list[["id_a", "id_b",
                                                                    "jaccard"]])
    assert from_list[["id_a", "id_b"]].values.tolist() == [[sample_docs[0].id, "copy"]]
    assert from_list["jaccard"].iloc[0] == 1.0
    assert near_duplicates(["", "", "  "]).empty  # no words: never a duplicate
    assert near_duplicates([]).empty


def test_bad_arguments():
    with pytest.raises(TypeError):
        near_duplicates("نص")
    with pytest.raises(TypeError):
        near_duplicates([1, 2])
    with pytest.raises(ValueError):
        near_duplicates(["a"], threshold=0)
    with pytest.raises(ValueError):
        near_duplicates(["a"], threshold=1.5)
    with pytest.raises(ValueError):
        near_duplicates(["a"], shingle=0)
    with pytest.raises(TypeError):
        near_duplicates(["a"], seed="0")
    with pytest.raises(TypeError):
        near_duplicates(["a"], 0.8)  # options are keyword-only


def test_bands_reach_the_threshold():
    for threshold in (0.5, 0.8, 0.9):
        b, r = _bands(threshold, 128)
        assert 1 - (1 - threshold ** r) ** b >= 0.99 and b * r <= 128


def test_read_near_keeps_the_first_of_each_cluster(sample_docs):
    article = _article(sample_docs)
    docs = ([ac.Document("original", article)] + sample_docs
            + [ac.Document("copy", _planted(article)),
               ac.Document("copy2", _planted(article, seed=1)),
               ac.Document("exact", sample_docs[0].text)])
    stream = ac.read(docs, duplicates="near")
    kept = [d.id for d in stream]
    assert kept == ["original"] + [d.id for d in sample_docs]
    report = stream.report
    assert report.duplicates_policy == "near" and report.complete
    assert [(d.id, d.first_id, d.position, d.unit) for d in report.duplicates] == [
        ("copy", "original", 51, "item"), ("copy2", "original", 52, "item"),
        ("exact", sample_docs[0].id, 53, "item")]
    assert report.duplicates_dropped == 3 and report.documents_read == 51
    assert "3 near duplicates dropped" in str(report)
    assert report.duplicates_frame()["first_id"].tolist()[0] == "original"
    assert [d.id for d in stream] == kept  # restartable, same result


def test_read_near_from_files(tmp_path, sample_docs):
    for i, text in enumerate([sample_docs[0].text, sample_docs[1].text,
                              sample_docs[0].text + " انتهى"]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    stream = ac.read(tmp_path, duplicates="near")
    assert [d.id for d in stream] == ["0.txt", "1.txt"]
    dup = stream.report.duplicates[0]
    assert (dup.id, dup.first_id, dup.file) == ("2.txt", "0.txt", "2.txt")


def test_with_duplicates_and_bad_policy(sample_docs):
    stream = ac.read(sample_docs + [ac.Document("again", sample_docs[0].text)])
    assert len(stream.to_list()) == 51
    assert len(stream.with_duplicates("near").to_list()) == 50
    assert len(stream.with_duplicates("drop").to_list()) == 50
    with pytest.raises(ValueError, match="near"):
        ac.read(sample_docs, duplicates="nearly")


def test_build_dedupe(sample_docs):
    article = _article(sample_docs)
    docs = sample_docs + [ac.Document("original", article),
                          ac.Document("copy", _planted(article)),
                          ac.Document("exact", sample_docs[2].text)]
    near = ac.Corpus.build(docs, dedupe="near", progress=False)
    assert len(near) == 51 and "copy" not in set(near.metadata["id"])
    assert [(d.id, d.first_id) for d in near.load_report.duplicates] == [
        ("copy", "original"), ("exact", sample_docs[2].id)]
    exact = ac.Corpus.build(docs, dedupe="exact", progress=False)
    assert len(exact) == 52
    assert [(d.id, d.first_id) for d in exact.load_report.duplicates] == [
        ("exact", sample_docs[2].id)]
    assert len(ac.Corpus.build(docs, progress=False)) == 53
    # a registered dataset's stream
    assert len(ac.Corpus.build(ac.load_dataset("sample"), dedupe="near",
                               progress=False)) == 50
    with pytest.raises(ValueError, match="exact, near"):
        ac.Corpus.build(docs, dedupe="fuzzy", progress=False)


def test_build_dedupe_sharded(tmp_path, sample_docs):
    docs = sample_docs + [ac.Document("copy", sample_docs[1].text + " انتهى")]
    corpus = ac.Corpus.build(docs, dedupe="near", path=tmp_path / "c", progress=False)
    assert len(corpus) == 50
    assert [d.id for d in corpus.load_report.duplicates] == ["copy"]


def test_cli_dedupe(capsys, sample_docs):
    from arabcorpus.app.cli import load_corpus, main

    assert len(load_corpus("sample", dedupe="near", progress=False)) == 50
    assert main(["stats", "sample", "--dedupe", "near", "--format", "csv",
                 "--no-progress"]) in (0, None)
    assert "documents,50" in capsys.readouterr().out


@pytest.mark.slow
def test_recall_against_brute_force_on_saudinewsnet(saudinewsnet_dir):
    """Recall of the LSH pairs against every pair with an exact Jaccard >= 0.8 on
    2,000 SaudiNewsNet articles (the first 2,000: same-day wire copies)."""
    import scipy.sparse as sp

    from arabcorpus.io.duplicates import _Shingler

    docs = ac.load_dataset("saudinewsnet").to_list()[:2000]
    sets = _Shingler(NearDuplicateIndex().shingle)([d.text for d in docs])
    values = np.concatenate(sets)
    uniq, inv = np.unique(values, return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    m = sp.csr_matrix((np.ones(len(values), np.int32), (rows, inv)),
                      shape=(len(sets), len(uniq)))
    inter = sp.triu(m @ m.T, k=1).tocoo()
    sizes = np.array([len(s) for s in sets])
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jac >= 0.8
    truth = set(zip(inter.row[keep].tolist(), inter.col[keep].tolist()))
    pairs = near_duplicates(docs)
    found = set(zip(pairs["doc_a"].tolist(), pairs["doc_b"].tolist()))
    assert len(truth) > 50
    recall = len(truth & found) / len(truth)
    assert recall >= 0.95, recall
    assert found <= truth  # the exact filter: no false positives


@pytest.mark.slow
def test_planted_scattered_copies_in_saudinewsnet(saudinewsnet_dir):
    """Copies of 100 SaudiNewsNet articles (of 50 words or more) with 5% of their
    words changed at random places, among 2,000 articles, at the default settings:
    every copy whose exact Jaccard reaches 0.8 is found, with that Jaccard, and
    at least 95 of them reach it (2-word shingles: about 0.82; an article that
    repeats its phrases has fewer distinct shingles, so slightly less)."""
    docs = ac.load_dataset("saudinewsnet").to_list()[:2000]
    rng = random.Random(19)
    chosen = rng.sample([i for i, d in enumerate(docs) if len(d.text.split()) >= 50], 100)
    copies = [ac.Document(f"copy-{i}", _planted(docs[i].text, seed=i, scattered=True))
              for i in chosen]
    pairs = near_duplicates(docs + copies)
    found = dict(zip(zip(pairs["id_a"], pairs["id_b"]), pairs["jaccard"]))
    reach = 0
    for i, copy in zip(chosen, copies):
        expected = _exact_jaccard(docs[i].text, copy.text)
        key = (docs[i].id, copy.id)
        if expected >= 0.8:
            reach += 1
            assert key in found, key
            assert found[key] == pytest.approx(expected)
        else:
            assert key not in found
    assert reach >= 95, reach
