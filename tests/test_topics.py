"""Tests of arabcorpus.analyses.topics.

Most tests run on the bundled sample (``load_dataset("sample")``, 50 articles of five
sections over six weeks), so they need no data folder; a second layer repeats the
checks that only real news exercises on a few hundred SaudiNewsNet articles.
"""

from __future__ import annotations

import inspect
import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import arabcorpus as ac
from arabcorpus.analyses.query import describe
from arabcorpus.analyses.topics import COHERENCE_MEASURES, FILTERS, TopicModel, choose_k
from arabcorpus.corpus import memory as corpus_mod
from arabcorpus.io.readers import Document

K = 3
# small but real: enough passes that topics separate, few enough to stay fast
PARAMS = dict(k=K, min_df=2, seed=7, passes=3, iterations=30, progress=False)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return list(ac.load_dataset("sample", progress=False))


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


def test_defaults_and_keyword_only_signature():
    sig = inspect.signature(TopicModel)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in sig.parameters.values())
    tm = TopicModel()
    assert tm.k == 20 and tm.progress is None and tm.layer == "norm"


def test_positional_options_are_deprecated():
    with pytest.warns(DeprecationWarning, match="pass k, layer by keyword"):
        tm = TopicModel(5, "stem")
    assert (tm.k, tm.layer) == (5, "stem")
    with pytest.raises(TypeError, match="positional"):
        TopicModel(*range(17))


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
    assert (rep["types_removed"] > 0).all()  # every filter bites on the sample
    from arabcorpus.text.stem import stopwords

    sw = stopwords(profile=corpus.normalizer)
    kept = set(model.dictionary_.token2id)
    assert not kept & sw
    assert not any(t.isdigit() for t in kept)
    assert min(map(len, kept)) >= 2
    dfs = np.array([model.dictionary_.dfs[i] for i in range(len(kept))])
    assert dfs.min() >= PARAMS["min_df"] and dfs.max() <= 0.5 * len(corpus)


# ------------------------------------------------------------------ the same results as before
#: Recorded with the code before training reported its progress from the bag-of-words
#: stream (it parsed gensim's log): same corpus, parameters and seed, same numbers.
REFERENCE = {
    "a": dict(params=dict(k=3, min_df=2, seed=7, passes=3, iterations=30, chunksize=20),
              types=["البرلمان", "اللجنه", "الصادرات", "الانتخابات", "للانتخابات",
                     "اسعار", "الصحه", "وزاره", "المستشفي", "الوزاره",
                     "المنتخب", "الشعله", "الدوري", "المباراه", "كاس"],
              weights=[0.0219479781, 0.0212026332, 0.0209902283, 0.0209329873,
                       0.0182971079, 0.0185444579, 0.0158473738, 0.0133799389,
                       0.0113310218, 0.0109061217, 0.0340438299, 0.0225978512,
                       0.0220525321, 0.0218445305, 0.0210671388],
              theta0=[0.0022347344, 0.9958322644, 0.0019330636],
              npmi=-0.0675592145),
    "b": dict(params=dict(k=4, min_df=2, seed=1, passes=2, iterations=50),
              types=["اسعار", "المنتخب", "النفط", "العام", "البنك",
                     "المهرجان", "وقالت", "الصحه", "ارتفاع", "اسعار",
                     "اللجنه", "الانتخابات", "المستشفي", "البرلمان", "للانتخابات",
                     "المعرض", "الروايه", "الشعله", "الكتاب", "وزاره"],
              weights=[0.0284356773, 0.0201045815, 0.0195488576, 0.013721074,
                       0.0102683948, 0.011281726, 0.011089161, 0.0102695655,
                       0.0097429669, 0.0097093554, 0.0224732477, 0.0171723869,
                       0.0166752189, 0.0148664238, 0.0138821919, 0.0140049318,
                       0.0128004225, 0.0120833972, 0.0120136663, 0.0099583445],
              theta0=[0.0038336178, 0.0036225223, 0.0029750632, 0.9895688295],
              npmi=-0.2385644598),
}


@pytest.mark.parametrize("progress", [False, True])
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_same_seed_gives_the_recorded_topics(corpus, name, progress, capsys):
    ref = REFERENCE[name]
    tm = TopicModel(progress=progress, **ref["params"]).fit(corpus)
    t = tm.topics(n=5)
    assert t["type"].tolist() == ref["types"]
    np.testing.assert_allclose(t["weight"], ref["weights"], rtol=1e-6, atol=1e-9)
    theta = tm.doc_topics()[list(range(ref["params"]["k"]))].iloc[0]
    np.testing.assert_allclose(theta, ref["theta0"], rtol=1e-5, atol=1e-8)
    assert tm.coherence().attrs["overall"] == pytest.approx(ref["npmi"], abs=1e-8)
    capsys.readouterr()


# ------------------------------------------------------------------ results
def test_topics_table_labelled_with_surface_forms(model, corpus):
    t = model.topics(n=8)
    assert list(t.columns) == ["topic", "rank", "type", "form", "weight"]
    assert len(t) == K * 8
    assert sorted(t["topic"].unique()) == list(range(K))
    assert (t.groupby("topic")["rank"].apply(list) == [list(range(1, 9))] * K).all()
    assert (t.groupby("topic")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()
    assert t["form"].isin(set(corpus.vocab("surface"))).all()
    # the label is a surface form of the type: normalizing it gives the type back
    norm = corpus.normalizer
    assert all(norm(w) == ty for w, ty in zip(t["form"], t["type"]))


def test_topics_n_none_gives_the_whole_vocabulary(model):
    t = model.topics(n=None)
    assert len(t) == K * model.n_types_
    assert t.attrs["params"]["n"] is None


def test_surface_label_is_most_frequent_form(model, corpus):
    big = model.topics(n=200)
    diff = big[big["form"] != big["type"]]
    assert len(diff) > 0  # the search profile folds hamza/teh marbuta: labels differ
    sid, nid = corpus.ids("surface"), corpus.ids("norm")
    surf = corpus.vocab("surface")
    for ty, word in list(zip(diff["type"], diff["form"]))[:5]:
        n = corpus.type_id("norm", ty)
        forms, counts = np.unique(sid[nid == n], return_counts=True)
        assert surf[forms[counts.argmax()]] == word


def test_doc_topics_rows_sum_to_one_and_carry_metadata(model, corpus):
    d = model.doc_topics()
    assert len(d) == len(corpus)
    for col in ("id", "section", "date", "n_tokens", "dominant_topic"):
        assert col in d.columns
    theta = d[list(range(K))].to_numpy()
    np.testing.assert_allclose(theta.sum(axis=1), 1.0, atol=1e-5)
    assert (d["dominant_topic"].to_numpy() == theta.argmax(axis=1)).all()
    assert d["id"].tolist() == corpus.metadata["id"].tolist()
    assert d["n_tokens"].sum() == model.n_tokens_
    # calling again gives the same numbers (inference has its own seed)
    pd.testing.assert_frame_equal(d, model.doc_topics())


@pytest.mark.parametrize("chunksize", [7, 50, 2000])
def test_doc_topics_in_chunks_equal_the_whole_list(corpus, chunksize):
    """Inference reads the bags of words chunk by chunk: the same proportions as
    inference over slices of the whole list with the same seed."""
    tm = TopicModel(**dict(PARAMS, chunksize=chunksize)).fit(corpus)
    got = tm._doc_theta()
    m = tm.model_
    saved = m.random_state
    m.random_state = np.random.RandomState(tm.seed)
    bow = list(tm._prep.bow())
    parts = []
    for a in range(0, len(bow), chunksize):
        gamma, _ = m.inference(bow[a:a + chunksize])
        parts.append(gamma / gamma.sum(axis=1, keepdims=True))
    m.random_state = saved
    np.testing.assert_array_equal(got, np.vstack(parts).astype(np.float64))


@pytest.mark.parametrize("measure", COHERENCE_MEASURES)
def test_coherence_per_topic_and_overall(model, measure):
    c = model.coherence(measure=measure)
    assert list(c.columns) == ["topic", "coherence", "words"]
    assert len(c) == K and np.isfinite(c["coherence"]).all()
    assert c.attrs["measure"] == measure and c.attrs["n"] == 10
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
    assert model.coherence(measure="u_mass").attrs["overall"] == pytest.approx(
        cm.get_coherence())


def test_coherence_topn_and_positional_measure_are_deprecated(model):
    new = model.coherence(measure="u_mass", n=5)
    with pytest.warns(DeprecationWarning, match=r"topn=\.\.\.\) is deprecated; use n="):
        old = model.coherence(measure="u_mass", topn=5)
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(DeprecationWarning, match="pass measure, n by keyword"):
        pos = model.coherence("u_mass", 5)
    pd.testing.assert_frame_equal(pos, new)
    with pytest.raises(TypeError, match="both topn="):
        model.coherence(topn=5, n=5)


@pytest.mark.parametrize("freq", ["D", "W", "M"])
@pytest.mark.parametrize("by", [None, "section"])
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
        assert o["period"].nunique() < model.over_time(freq="D")["period"].nunique()
    if freq == "M":
        assert (periods.dt.day == 1).all()
    if by:
        assert set(o["section"]) == set(corpus.metadata["section"])
    assert o.attrs["params"]["freq"] == freq and o.attrs["params"]["by"] == by


def test_over_time_positional_is_deprecated(model):
    with pytest.warns(DeprecationWarning, match="pass freq, by by keyword"):
        old = model.over_time("W", "section")
    pd.testing.assert_frame_equal(old, model.over_time(freq="W", by="section"))


def test_over_time_leaves_out_undated_documents(documents):
    docs = [Document(id=d.id, text=d.text,
                     meta=dict(d.meta, date=None if i % 5 == 0 else d.meta["date"]))
            for i, d in enumerate(documents)]
    c = corpus_mod.Corpus.build(docs, progress=False)
    tm = TopicModel(k=2, min_df=2, passes=1, iterations=5, progress=False).fit(c)
    with pytest.warns(UserWarning, match="10 documents have no date"):
        o = tm.over_time(freq="M")
    assert o.attrs["undated_documents"] == 10
    assert o.drop_duplicates("period")["n_docs"].sum() == 40


def test_every_table_carries_its_parameters(model, corpus):
    tables = {"topics": model.topics(n=4), "doc_topics": model.doc_topics(),
              "over_time": model.over_time(freq="W"),
              "coherence": model.coherence(measure="u_mass", n=4)}
    for name, table in tables.items():
        p = table.attrs["params"]
        assert p["corpus"] == describe(corpus), name
        for key, value in model.get_params().items():
            assert p[key] == value, (name, key)
    assert tables["topics"].attrs["params"]["n"] == 4
    assert tables["coherence"].attrs["params"]["measure"] == "u_mass"
    assert tables["over_time"].attrs["params"]["freq"] == "W"


# ------------------------------------------------------------------ choose_k, phrases, layers
def test_choose_k_table(corpus):
    table = choose_k(corpus, ks=[2, 3], seeds=(1, 2), min_df=2, passes=1, iterations=20,
                     progress=False)
    assert table["k"].tolist() == [2, 3]
    for col in ("coherence_mean", "coherence_std", "coherence_min", "coherence_max",
                "fit_seconds", "n_seeds"):
        assert col in table.columns
    assert (table["coherence_min"] <= table["coherence_mean"]).all()
    assert (table["coherence_mean"] <= table["coherence_max"]).all()
    assert (table["fit_seconds"] > 0).all() and (table["n_seeds"] == 2).all()
    p = table.attrs["params"]
    assert p["ks"] == [2, 3] and p["seeds"] == [1, 2] and p["n"] == 10
    assert p["measure"] == "c_npmi" and p["min_df"] == 2 and p["passes"] == 1
    assert p["corpus"] == describe(corpus) and "k" not in p and "seed" not in p
    # one row of the sweep is the same model as a plain fit
    one = TopicModel(k=2, seed=1, min_df=2, passes=1, iterations=20, progress=False).fit(corpus)
    assert table["coherence_min"][0] <= one.coherence().attrs["overall"] <= \
        table["coherence_max"][0]


def test_choose_k_old_calls_are_deprecated(corpus):
    opts = dict(min_df=2, passes=1, iterations=5)
    new = choose_k(corpus, ks=[2], seeds=[1], measure="u_mass", n=5, **opts)
    with pytest.warns(DeprecationWarning, match="topn"):
        old = choose_k(corpus, ks=[2], seeds=[1], measure="u_mass", topn=5, **opts)
    with pytest.warns(DeprecationWarning, match="pass ks, measure by keyword"):
        pos = choose_k(corpus, [2], "u_mass", seeds=[1], n=5, **opts)
    cols = ["k", "coherence_mean", "n_seeds"]
    pd.testing.assert_frame_equal(old[cols], new[cols])
    pd.testing.assert_frame_equal(pos[cols], new[cols])


def test_choose_k_bad_input(corpus):
    with pytest.raises(ValueError, match="through ks"):
        choose_k(corpus, ks=[2], k=3)
    with pytest.raises(ValueError, match="ks must be >= 2"):
        choose_k(corpus, ks=[1, 2])
    with pytest.raises(TypeError, match="ks must be an int"):
        choose_k(corpus, ks=["2"])
    with pytest.raises(ValueError, match="at least one"):
        choose_k(corpus, ks=[], seeds=[1])
    with pytest.raises(ValueError, match="c_npmi, c_v, u_mass"):
        choose_k(corpus, ks=[2], measure="c_uci")


def test_choose_k_progress_bar(corpus, capsys):
    choose_k(corpus, ks=[2], seeds=[1, 2], min_df=2, passes=1, iterations=5, progress=True)
    err = capsys.readouterr().err
    assert "choose_k" in err and "2/2" in err


def test_phrases_join_multiword_expressions(corpus):
    tm = TopicModel(k=2, min_df=2, passes=1, iterations=10, seed=1, progress=False,
                    phrases={"min_count": 3, "threshold": 1.0}).fit(corpus)
    phrases = [t for t in tm.dictionary_.token2id if "_" in t]
    assert phrases, "no multiword expression found"
    labels = dict(zip(tm._prep.types, tm._prep.labels))
    norm = corpus.normalizer
    for p in phrases[:20]:
        parts = labels[p].split(" ")
        assert [norm(w) for w in parts] == p.split("_")


def test_stem_layer_labelled_with_surface_words(documents):
    c = corpus_mod.Corpus.build(documents, stem="isri", progress=False)
    tm = TopicModel(k=2, layer="stem", min_df=2, passes=1, iterations=10, seed=1,
                    progress=False).fit(c)
    t = tm.topics(n=5)
    assert t["form"].isin(set(c.vocab("surface"))).all()
    assert t["type"].isin(set(c.vocab("stem"))).all()


def test_progress_bar_only_when_asked(corpus, capsys):
    n = len(corpus)
    TopicModel(k=2, min_df=2, passes=2, iterations=5, seed=1, progress=True).fit(corpus)
    err = capsys.readouterr().err
    assert "LDA" in err and f"{2 * n}/{2 * n}" in err and "pass 2/2" in err
    TopicModel(k=2, min_df=2, passes=1, iterations=5, seed=1, progress=False).fit(corpus)
    assert capsys.readouterr().err == ""
    # by default a bar appears only where someone watches: not in a captured stream
    TopicModel(k=2, min_df=2, passes=1, iterations=5, seed=1).fit(corpus)
    assert capsys.readouterr().err == ""


def test_progress_leaves_logging_alone(corpus):
    names = ("gensim", "gensim.models.ldamodel", "gensim.models.ldamulticore")
    loggers = [logging.getLogger(n) for n in names]

    def state():
        return [(lg.level, list(lg.filters), list(lg.handlers), lg.propagate)
                for lg in loggers]

    before = state()
    seen = []

    def spy(record: logging.LogRecord) -> bool:
        seen.append(record)
        return True

    loggers[1].addFilter(spy)
    try:
        TopicModel(k=2, min_df=2, passes=2, iterations=5, seed=1, progress=True).fit(corpus)
        assert loggers[1].level == before[1][0]  # no level changed during the fit
    finally:
        loggers[1].removeFilter(spy)
    assert state() == before
    # gensim's INFO records are not switched on behind the user's back
    if not loggers[1].isEnabledFor(logging.INFO):
        assert not [r for r in seen if r.levelno < logging.WARNING]


def test_multicore_fits(corpus):
    with pytest.raises(ValueError, match="alpha='auto' is not available"):
        TopicModel(k=2, workers=2, alpha="auto", progress=False).fit(corpus)
    tm = TopicModel(k=2, min_df=2, passes=1, iterations=10, seed=1, workers=2,
                    alpha="symmetric", progress=False).fit(corpus)
    assert type(tm.model_).__name__ == "LdaMulticore"
    assert len(tm.topics(n=3)) == 6


def test_gensim_input_is_what_corpus_to_gensim_gives(corpus):
    """With no filter, the model's dictionary and bag of words are the corpus's."""
    tm = TopicModel(k=2, stopwords=False, drop_numbers=False, min_length=0, min_df=0,
                    max_df=1.0, passes=1, iterations=5, progress=False).fit(corpus)
    d, bow = corpus.to_gensim("norm")
    ours = tm.dictionary_
    assert ours.token2id == d.token2id
    assert (ours.dfs, ours.cfs) == (d.dfs, d.cfs)
    assert (ours.num_docs, ours.num_pos, ours.num_nnz) == (d.num_docs, d.num_pos, d.num_nnz)
    assert list(tm._prep.bow()) == list(bow)


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
    assert back.coherence(measure="u_mass").attrs["overall"] == pytest.approx(
        model.coherence(measure="u_mass").attrs["overall"])
    assert back.topics().attrs["params"] == model.topics().attrs["params"]


def test_load_reads_the_earlier_format_name(model, corpus, tmp_path):
    folder = model.save(tmp_path / "tm")
    info = json.loads((folder / "params.json").read_text(encoding="utf-8"))
    info["format"] = "arabcorpus.topics/1"
    (folder / "params.json").write_text(json.dumps(info), encoding="utf-8")
    pd.testing.assert_frame_equal(TopicModel.load(folder, corpus).topics(), model.topics())
    info["format"] = "something/9"
    (folder / "params.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown format"):
        TopicModel.load(folder, corpus)


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
    print(tm.doc_topics().drop(columns=["date"], errors="ignore").to_json(double_precision=15))
""")


def _reproducible_in_two_fresh_processes(documents, params, tmp_path, k):
    data = tmp_path / "docs.json"
    rows = [{"id": d.id, "text": d.text, "meta": {"section": d.meta.get("section"),
                                                   "source": d.meta.get("source")}}
            for d in documents]
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    repo = str(Path(__file__).resolve().parent.parent)
    outs = [subprocess.run([sys.executable, "-c", _SCRIPT, str(data), json.dumps(params)],
                           cwd=repo, capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    for o in outs:
        assert o.returncode == 0, o.stderr[-2000:]
    assert outs[0].stdout == outs[1].stdout
    assert len(json.loads(outs[0].stdout.splitlines()[0])["form"]) == k * 10


def test_reproducible_in_two_fresh_processes(documents, tmp_path):
    _reproducible_in_two_fresh_processes(documents, PARAMS, tmp_path, K)


# ------------------------------------------------------------------ bad input
def test_k_below_two(corpus):
    with pytest.raises(ValueError, match="k must be >= 2"):
        TopicModel(k=1, progress=False).fit(corpus)
    with pytest.raises(TypeError, match="k must be an int, got str"):
        TopicModel(k="5", progress=False).fit(corpus)


def test_missing_layer(corpus):
    with pytest.raises(ValueError, match="unknown layer 'stem'.*surface, norm"):
        TopicModel(k=2, layer="stem", progress=False).fit(corpus)


def test_empty_after_filtering(corpus):
    with pytest.raises(ValueError, match="no words left.*lower min_df"):
        TopicModel(k=2, min_df=10 ** 6, progress=False).fit(corpus)


def test_over_time_without_dates(documents):
    c = corpus_mod.Corpus.build([d.text for d in documents], progress=False)
    tm = TopicModel(k=2, min_df=2, passes=1, iterations=5, progress=False).fit(c)
    with pytest.raises(ValueError, match="'date' column"):
        tm.over_time(freq="D")


def test_bad_options(model):
    with pytest.raises(ValueError, match="D, W, M"):
        model.over_time(freq="Y")
    with pytest.raises(TypeError, match="freq must be a str"):
        model.over_time(freq=7)
    with pytest.raises(ValueError, match="unknown metadata column 'nope'.*section"):
        model.over_time(freq="D", by="nope")
    with pytest.raises(ValueError, match="by='date'"):
        model.over_time(freq="D", by="date")
    with pytest.raises(ValueError, match="c_npmi, c_v, u_mass"):
        model.coherence(measure="c_uci")
    with pytest.raises(ValueError, match="n must be >= 1"):
        model.topics(n=0)
    with pytest.raises(TypeError, match="n must be an int"):
        model.coherence(n=2.5)
    with pytest.raises(TypeError):
        model.topics(n=5, topn=3)  # an unknown keyword is Python's own TypeError
    with pytest.raises(ValueError, match="not fitted"):
        TopicModel(k=3).topics()


def test_bad_parameters(corpus):
    with pytest.raises(ValueError, match=r"max_df \(a proportion of documents\) must be <= 1"):
        TopicModel(k=3, max_df=1.5, progress=False).fit(corpus)
    with pytest.raises(ValueError, match="min_df must be >= 0"):
        TopicModel(k=3, min_df=-1, progress=False).fit(corpus)
    with pytest.raises(TypeError, match="min_df must be an int or a float"):
        TopicModel(k=3, min_df="5", progress=False).fit(corpus)
    with pytest.raises(TypeError, match="stopwords must be"):
        TopicModel(k=3, stopwords="في", progress=False).fit(corpus)
    with pytest.raises(TypeError, match="progress must be None, True or False"):
        TopicModel(k=3, progress="yes").fit(corpus)
    with pytest.raises(TypeError, match="drop_numbers must be True or False"):
        TopicModel(k=3, drop_numbers=1, progress=False).fit(corpus)
    with pytest.raises(ValueError, match="seed must be >= 0"):
        TopicModel(k=3, seed=-1, progress=False).fit(corpus)


# ------------------------------------------------------------------ real news (SaudiNewsNet)
N_DOCS = 300
SNN_PARAMS = dict(k=4, min_df=3, seed=7, passes=2, iterations=30, progress=False)


@pytest.fixture(scope="module")
def news_documents(saudinewsnet_articles) -> list[Document]:
    """N_DOCS non-empty articles spread over the whole collection (several days and
    sources)."""
    step = max(1, len(saudinewsnet_articles) // (3 * N_DOCS))
    docs = []
    for i, a in enumerate(saudinewsnet_articles[::step]):
        if not (a.get("content") or "").strip():
            continue
        docs.append(Document(id=f"snn/{i}", text=a["content"],
                             meta={"source": a["source"], "date": a["date_extracted"][:10]}))
        if len(docs) == N_DOCS:
            break
    return docs


@pytest.fixture(scope="module")
def news_model(news_documents):
    corpus = corpus_mod.Corpus.build(news_documents, progress=False)
    return TopicModel(**SNN_PARAMS).fit(corpus), corpus


def test_news_topics_filters_and_time(news_model):
    model, corpus = news_model
    rep = model.filter_report_
    assert (rep.loc[["stopwords", "numbers", "min_df"], "types_removed"] > 0).all()
    assert rep.attrs["tokens_kept"] == model.n_tokens_
    t = model.topics(n=10)
    assert len(t) == 40 and t["form"].isin(set(corpus.vocab("surface"))).all()
    o = model.over_time(freq="W", by="source")
    assert set(o["source"]) == set(corpus.metadata["source"])
    for measure in COHERENCE_MEASURES:
        assert np.isfinite(model.coherence(measure=measure)["coherence"]).all()


def test_news_reproducible_in_two_fresh_processes(news_documents, tmp_path):
    _reproducible_in_two_fresh_processes(news_documents[:150], dict(SNN_PARAMS, passes=1),
                                         tmp_path, SNN_PARAMS["k"])
