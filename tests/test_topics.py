"""Tests of arabcorpus.analyses.topics on a few hundred SaudiNewsNet articles."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from arabcorpus.corpus import memory as corpus_mod
from arabcorpus.io.readers import Document
from arabcorpus.analyses.topics import COHERENCE_MEASURES, FILTERS, TopicModel, choose_k

N_DOCS = 300
K = 4
# small but real: enough passes that topics separate, few enough to stay fast
PARAMS = dict(k=K, min_df=3, seed=7, passes=2, iterations=30, progress=False)


def _documents(articles: list[dict]) -> list[Document]:
    """The first N_DOCS non-empty articles of two days and several sources."""
    docs = []
    for i, a in enumerate(articles):
        if not (a.get("content") or "").strip():
            continue
        docs.append(Document(id=f"snn/{i}", text=a["content"],
                             meta={"source": a["source"], "date": a["date_extracted"][:10]}))
        if len(docs) == N_DOCS:
            break
    return docs


@pytest.fixture(scope="module")
def documents(saudinewsnet_articles):
    # spread over the whole collection so that several days and sources appear
    step = max(1, len(saudinewsnet_articles) // (3 * N_DOCS))
    return _documents(saudinewsnet_articles[::step])


@pytest.fixture(scope="module")
def corpus(documents):
    return corpus_mod.Corpus.build(documents, progress=False)


@pytest.fixture(scope="module")
def model(corpus):
    return TopicModel(**PARAMS).fit(corpus)


# ------------------------------------------------------------------ estimator contract
def test_init_stores_parameters_and_trains_nothing():
    tm = TopicModel(k=7, layer="stem", min_df=0.01, alpha="asymmetric", progress=False)
    assert tm.get_params()["k"] == 7 and tm.layer == "stem" and tm.min_df == 0.01
    assert tm.alpha == "asymmetric"
    assert not [a for a in vars(tm) if a.endswith("_")]


def test_fit_returns_self_and_learned_attributes(corpus):
    tm = TopicModel(**PARAMS)
    assert tm.fit(corpus) is tm
    assert tm.model_.num_topics == K
    assert len(tm.dictionary_) == tm.n_types_ > 0
    assert tm.n_documents_ == len(corpus)
    assert tm.fit_seconds_ > 0


def test_filter_report_accounts_for_every_type_and_token(model, corpus):
    rep = model.filter_report_
    assert list(rep.index) == list(FILTERS)
    assert list(rep.columns) == ["types_removed", "tokens_removed"]
    a = rep.attrs
    assert a["tokens_before"] == corpus.n_tokens
    assert a["tokens_before"] - rep["tokens_removed"].sum() == a["tokens_kept"] == model.n_tokens_
    assert a["types_before"] - rep["types_removed"].sum() == a["types_kept"] == model.n_types_
    # these filters always bite on real news (max_df may not, once stopwords are gone)
    assert (rep.loc[["stopwords", "numbers", "min_df"], "types_removed"] > 0).all()
    from arabcorpus.text.stem import stopwords

    sw = stopwords(corpus.normalizer)
    kept = set(model.dictionary_.token2id)
    assert not kept & sw
    assert not any(t.isdigit() for t in kept)
    assert min(map(len, kept)) >= PARAMS.get("min_length", 2)
    # min_df/max_df hold on the kept types
    dfs = np.array([model.dictionary_.dfs[i] for i in range(len(kept))])
    assert dfs.min() >= 3 and dfs.max() <= 0.5 * len(corpus)


# ------------------------------------------------------------------ results
def test_topics_table_labelled_with_surface_forms(model, corpus):
    t = model.topics(n=8)
    assert list(t.columns) == ["topic", "rank", "word", "type", "form", "weight"]
    assert len(t) == K * 8
    assert sorted(t["topic"].unique()) == list(range(K))
    assert (t.groupby("topic")["rank"].apply(list) == [list(range(1, 9))] * K).all()
    assert (t.groupby("topic")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()
    surface = set(corpus.vocab("surface"))
    assert t["word"].isin(surface).all()
    # the label is a surface form of the type: normalizing it gives the type back
    norm = corpus.normalizer
    assert all(norm(w) == ty for w, ty in zip(t["word"], t["type"]))


def test_surface_label_is_most_frequent_form(model, corpus):
    big = model.topics(n=200)
    diff = big[big["word"] != big["type"]]
    assert len(diff) > 0  # the search profile folds hamza/teh marbuta: labels differ
    sid, nid = corpus.ids("surface"), corpus.ids("norm")
    surf = corpus.vocab("surface")
    for ty, word in list(zip(diff["type"], diff["word"]))[:5]:
        n = corpus.type_id("norm", ty)
        forms, counts = np.unique(sid[nid == n], return_counts=True)
        assert surf[forms[counts.argmax()]] == word


def test_doc_topics_rows_sum_to_one_and_carry_metadata(model, corpus):
    d = model.doc_topics()
    assert len(d) == len(corpus)
    for col in ("id", "source", "date", "n_tokens", "dominant_topic"):
        assert col in d.columns
    theta = d[list(range(K))].to_numpy()
    np.testing.assert_allclose(theta.sum(axis=1), 1.0, atol=1e-5)
    assert (d["dominant_topic"].to_numpy() == theta.argmax(axis=1)).all()
    assert d["id"].tolist() == corpus.metadata["id"].tolist()
    assert d["n_tokens"].sum() == model.n_tokens_
    # calling again gives the same numbers (inference has its own seed)
    pd.testing.assert_frame_equal(d, model.doc_topics())


@pytest.mark.parametrize("measure", COHERENCE_MEASURES)
def test_coherence_per_topic_and_overall(model, measure):
    c = model.coherence(measure)
    assert list(c.columns) == ["topic", "coherence", "words"]
    assert len(c) == K and np.isfinite(c["coherence"]).all()
    assert c.attrs["measure"] == measure
    assert c.attrs["overall"] == pytest.approx(c["coherence"].mean())
    if measure == "c_npmi":
        assert (c["coherence"].abs() <= 1).all()
    if measure == "c_v":
        assert ((c["coherence"] >= 0) & (c["coherence"] <= 1)).all()


def test_coherence_matches_gensim_directly(model):
    from gensim.models.coherencemodel import CoherenceModel

    topics = [[model.dictionary_[i] for i, _ in model.model_.get_topic_terms(t, 10)]
              for t in range(K)]
    texts = [[model.dictionary_[i] for i, c in bow for _ in range(c)] for bow in
             model._prep.bow()]  # same tokens; window measures need order, u_mass not
    cm = CoherenceModel(topics=topics, corpus=list(model._prep.bow()), texts=texts,
                        dictionary=model.dictionary_, coherence="u_mass", processes=1)
    assert model.coherence("u_mass").attrs["overall"] == pytest.approx(cm.get_coherence())


@pytest.mark.parametrize("freq", ["D", "W"])
@pytest.mark.parametrize("by", [None, "source"])
def test_over_time(model, corpus, freq, by):
    o = model.over_time(freq=freq, by=by)
    keys = ["period"] + ([by] if by else [])
    assert list(o.columns) == keys + ["topic", "prevalence", "n_docs"]
    sums = o.groupby(keys)["prevalence"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, atol=1e-5)
    per_group = o.drop_duplicates(keys)["n_docs"].sum()
    assert per_group == corpus.metadata["date"].notna().sum()
    periods = pd.to_datetime(o["period"])
    if freq == "W":
        assert (periods.dt.day_of_week == 0).all()  # weeks start on Monday
        assert o["period"].nunique() < model.over_time("D")["period"].nunique()
    if by:
        assert set(o["source"]) == set(corpus.metadata["source"])


# ------------------------------------------------------------------ choose_k, phrases, layers
def test_choose_k_table(corpus):
    table = choose_k(corpus, ks=[2, 3], seeds=(1, 2), min_df=3, passes=1, iterations=20)
    assert table["k"].tolist() == [2, 3]
    for col in ("coherence_mean", "coherence_std", "coherence_min", "coherence_max",
                "fit_seconds", "n_seeds"):
        assert col in table.columns
    assert (table["coherence_min"] <= table["coherence_mean"]).all()
    assert (table["coherence_mean"] <= table["coherence_max"]).all()
    assert (table["fit_seconds"] > 0).all() and (table["n_seeds"] == 2).all()
    # one row of the sweep is the same model as a plain fit
    one = TopicModel(k=2, seed=1, min_df=3, passes=1, iterations=20, progress=False).fit(corpus)
    assert table["coherence_min"][0] <= one.coherence().attrs["overall"] <= \
        table["coherence_max"][0]


def test_phrases_join_multiword_expressions(corpus):
    tm = TopicModel(k=2, min_df=3, passes=1, iterations=10, seed=1, progress=False,
                    phrases={"min_count": 5, "threshold": 5.0}).fit(corpus)
    phrases = [t for t in tm.dictionary_.token2id if "_" in t]
    assert phrases, "no multiword expression found"
    labels = dict(zip(tm._prep.types, tm._prep.labels))
    norm = corpus.normalizer
    for p in phrases[:20]:
        parts = labels[p].split(" ")
        assert [norm(w) for w in parts] == p.split("_")


def test_stem_layer_labelled_with_surface_words(documents):
    c = corpus_mod.Corpus.build(documents[:120], stem="isri", progress=False)
    tm = TopicModel(k=2, layer="stem", min_df=2, passes=1, iterations=10, seed=1,
                    progress=False).fit(c)
    t = tm.topics(5)
    assert t["word"].isin(set(c.vocab("surface"))).all()
    assert t["type"].isin(set(c.vocab("stem"))).all()


def test_progress_bar_only_when_asked(corpus, capsys):
    TopicModel(k=2, min_df=3, passes=2, iterations=5, seed=1, progress=True).fit(corpus)
    err = capsys.readouterr().err
    assert "LDA" in err and f"{2 * len(corpus)}/{2 * len(corpus)}" in err
    TopicModel(k=2, min_df=3, passes=1, iterations=5, seed=1, progress=False).fit(corpus)
    assert capsys.readouterr().err == ""


def test_multicore_fits(corpus):
    with pytest.raises(ValueError, match="alpha='auto' is not available"):
        TopicModel(k=2, workers=2, alpha="auto", progress=False).fit(corpus)
    tm = TopicModel(k=2, min_df=3, passes=1, iterations=10, seed=1, workers=2,
                    alpha="symmetric", progress=False).fit(corpus)
    assert type(tm.model_).__name__ == "LdaMulticore"
    assert len(tm.topics(3)) == 6


# ------------------------------------------------------------------ persistence
def test_save_load_roundtrip(model, corpus, tmp_path):
    folder = model.save(tmp_path / "tm")
    params = json.loads((folder / "params.json").read_text(encoding="utf-8"))
    assert params["params"]["k"] == K
    back = TopicModel.load(folder, corpus)
    assert back.get_params() == model.get_params()
    pd.testing.assert_frame_equal(back.topics(), model.topics())
    pd.testing.assert_frame_equal(back.doc_topics(), model.doc_topics())
    pd.testing.assert_frame_equal(back.filter_report_, model.filter_report_)
    assert back.coherence("u_mass").attrs["overall"] == pytest.approx(
        model.coherence("u_mass").attrs["overall"])


def test_load_refuses_another_corpus(model, documents, tmp_path):
    folder = model.save(tmp_path / "tm")
    other = corpus_mod.Corpus.build(documents[:-1], progress=False)
    with pytest.raises(ValueError, match="different corpus"):
        TopicModel.load(folder, other)
    with pytest.raises(ValueError, match="not a saved TopicModel"):
        TopicModel.load(tmp_path, other)


_SCRIPT = textwrap.dedent("""
    import json, sys
    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.readers import Document
    from arabcorpus.analyses.topics import TopicModel
    rows = json.load(open(sys.argv[1], encoding="utf-8"))
    c = Corpus.build([Document(**r) for r in rows], progress=False)
    tm = TopicModel(**json.loads(sys.argv[2])).fit(c)
    print(tm.topics().to_json(double_precision=15))
    print(tm.doc_topics().drop(columns=["date"]).to_json(double_precision=15))
""")


def test_reproducible_in_two_fresh_processes(documents, tmp_path):
    data = tmp_path / "docs.json"
    rows = [{"id": d.id, "text": d.text, "meta": d.meta} for d in documents[:150]]
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    params = json.dumps(dict(PARAMS, passes=1))
    repo = str(Path(__file__).resolve().parent.parent)
    outs = [subprocess.run([sys.executable, "-c", _SCRIPT, str(data), params], cwd=repo,
                           capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    for o in outs:
        assert o.returncode == 0, o.stderr[-2000:]
    assert outs[0].stdout == outs[1].stdout
    assert len(json.loads(outs[0].stdout.splitlines()[0])["word"]) == K * 10


# ------------------------------------------------------------------ bad input
def test_k_below_two(corpus):
    with pytest.raises(ValueError, match="k must be at least 2"):
        TopicModel(k=1, progress=False).fit(corpus)
    with pytest.raises(TypeError, match="str"):
        TopicModel(k="5", progress=False).fit(corpus)


def test_missing_layer(corpus):
    with pytest.raises(ValueError, match="no layer 'stem'.*surface, norm"):
        TopicModel(k=2, layer="stem", progress=False).fit(corpus)


def test_empty_after_filtering(corpus):
    with pytest.raises(ValueError, match="no words left.*lower min_df"):
        TopicModel(k=2, min_df=10 ** 6, progress=False).fit(corpus)


def test_over_time_without_dates(documents):
    c = corpus_mod.Corpus.build([d.text for d in documents[:60]], progress=False)
    tm = TopicModel(k=2, min_df=2, passes=1, iterations=5, progress=False).fit(c)
    with pytest.raises(ValueError, match="'date' column"):
        tm.over_time("D")


def test_bad_options(model):
    with pytest.raises(ValueError, match="D, W, M"):
        model.over_time("Y")
    with pytest.raises(ValueError, match="valid: .*title|valid: .*source"):
        model.over_time("D", by="nope")
    with pytest.raises(ValueError, match="c_npmi, c_v, u_mass"):
        model.coherence("c_uci")
    with pytest.raises(ValueError, match="not fitted"):
        TopicModel(k=3).topics()

def test_bad_df_bounds(corpus):
    with pytest.raises(ValueError, match="proportion must be in"):
        TopicModel(k=3, max_df=1.5, progress=False).fit(corpus)
    with pytest.raises(TypeError, match="stopwords must be"):
        TopicModel(k=3, stopwords="في", progress=False).fit(corpus)
