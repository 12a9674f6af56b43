"""Optional layers: lemma, base (clitics split off), clitics and stem, in one argument."""

import numpy as np
import pytest

import arabcorpus as ac
from arabcorpus.corpus.memory import LAYERS, NO_CLITICS, Corpus
from arabcorpus.analyses.forms import display_forms

DOCS = ["ذهب الطلاب إلى المدرسة صباحا",
        "المدارس الحكومية مغلقة، وبمدرستهم مكتبة",
        "قال المدير إن مدرسته جديدة"]


@pytest.fixture(scope="module")
def corpus():
    return Corpus.build(DOCS, layers=("lemma", "base", "clitics"), progress=False)


def test_layers_in_one_argument(corpus):
    assert corpus.layers == ("surface", "norm", "lemma", "base", "clitics")
    assert corpus.lemmatizer == "default"
    for layer in corpus.layers:
        assert len(corpus.ids(layer)) == corpus.n_tokens
    # each layer is a function of the surface type, derived once per type
    surface = corpus.ids("surface")
    for layer in ("lemma", "base", "clitics"):
        ids = corpus.ids(layer)
        first = {}
        for s, t in zip(surface.tolist(), ids.tolist()):
            assert first.setdefault(s, t) == t


def test_lemma_base_and_clitics_of_a_word(corpus):
    doc = corpus.tokens(1, "surface").index("وبمدرستهم")
    assert corpus.tokens(1, "lemma")[doc] == "مدرسة"
    assert corpus.tokens(1, "base")[doc] == corpus.normalizer("مدرسة")
    assert corpus.tokens(1, "clitics")[doc] == "وب++هم"
    assert corpus.tokens(0, "clitics")[0] == NO_CLITICS  # ذهب


def test_kwic_on_the_lemma_layer_finds_every_inflected_form(corpus):
    conc = ac.kwic(corpus, "مدرسة", layer="lemma")
    shown = sorted(conc.to_frame()["node"])
    assert shown == sorted(["المدرسة", "المدارس", "وبمدرستهم", "مدرسته"])
    # an inflected query finds the same lines
    assert len(ac.kwic(corpus, "بالمدارس", layer="lemma")) == 4


def test_frequency_of_clitics_counts_proclitics(corpus):
    freq = ac.frequency(corpus, layer="clitics").set_index("type")["frequency"]
    assert freq["ال+"] == 5  # الطلاب المدرسة المدارس الحكومية المدير
    assert freq[NO_CLITICS] > 0


def test_forms_of_base_and_lemma_are_written_without_clitics(corpus):
    base = dict(zip(corpus.vocab("base"), display_forms(corpus, layer="base")))
    assert base[corpus.normalizer("مدرسة")] == "مدرسة"
    lemma = dict(zip(corpus.vocab("lemma"), display_forms(corpus, layer="lemma")))
    assert lemma["مدرسة"] == "مدرسة"


def test_stem_joins_the_list():
    c = Corpus.build(DOCS, layers=["stem"], progress=False)
    assert c.layers == ("surface", "norm", "stem") and c.stemmer == "isri"
    old = Corpus.build(DOCS, stem="isri", progress=False)
    assert old == c


def test_unknown_layer_and_backend_list_the_valid_ones():
    with pytest.raises(ValueError, match="valid: " + ", ".join(LAYERS)):
        Corpus.build(DOCS, layers=("lemmas",), progress=False)
    with pytest.raises(ValueError, match="simplemma"):
        Corpus.build(DOCS, layers=("lemma",), lemmatizer="farasa", progress=False)
    with pytest.raises(TypeError):
        Corpus.build(DOCS, layers=(1,), progress=False)


def test_custom_lemmatizer_callable():
    c = Corpus.build(DOCS, layers=("lemma",), lemmatizer=lambda w: w[:3],
                     progress=False)
    assert c.lemmatizer == "custom"
    assert c.tokens(0, "lemma")[:2] == ["ذهب", "الط"]
    assert len(ac.kwic(c, "الط", layer="lemma")) == 1


def test_save_load_and_subcorpus_keep_the_layers(corpus, tmp_path):
    back = Corpus.load(corpus.save(tmp_path / "c"))
    assert back == corpus and back.lemmatizer == "default"
    assert len(ac.kwic(back, "مدرسة", layer="lemma")) == 4
    sub = corpus.subcorpus([1, 2])
    assert sub.layers == corpus.layers
    assert sub.tokens(0, "lemma") == corpus.tokens(1, "lemma")


def test_sharded_build_equals_the_in_memory_one(corpus, tmp_path):
    sharded = Corpus.build(DOCS, layers=("lemma", "base", "clitics"), path=tmp_path / "s",
                           shard_size=1, progress=False)
    assert sharded.layers == corpus.layers
    assert sharded.lemmatizer == "default"
    assert sharded.to_corpus() == corpus
    for layer in ("lemma", "base", "clitics"):
        np.testing.assert_array_equal(ac.frequency(sharded, layer=layer)["frequency"],
                                      ac.frequency(corpus, layer=layer)["frequency"])
    assert len(ac.kwic(sharded, "مدرسة", layer="lemma")) == 4


def test_analyses_run_on_every_layer(corpus):
    for layer in corpus.layers:
        assert len(ac.frequency(corpus, layer=layer)) > 0
        ac.ngrams(corpus, length=2, min_freq=1, min_range=1, layer=layer)
        ac.dispersion(corpus, corpus.vocab(layer)[0], layer=layer)
    k = ac.keyness(corpus.subcorpus([0]), corpus.subcorpus([1, 2]), layer="lemma",
                   min_freq=1)
    assert "مدرسة" in set(k["type"])


def test_background_analysis_gives_the_same_layers(monkeypatch, tmp_path):
    """A large build analyses its surface types in a background process; the layers
    are the same as when they are analysed in the building process (checked here by
    lowering the threshold), sharded builds included."""
    from arabcorpus.corpus import builder as C

    docs = list(ac.load_dataset("sample"))
    layers = ("lemma", "base", "clitics")
    monkeypatch.setattr(C, "BACKGROUND_MIN_TYPES", 10**9)
    local = Corpus.build(docs, layers=layers, progress=False)
    started = []
    real = C._Worker

    class Spy(real):
        def __init__(self, *args):
            started.append(args)
            super().__init__(*args)

    monkeypatch.setattr(C, "_Worker", Spy)
    monkeypatch.setattr(C, "BATCH_SIZE", 7)  # several chunks sent
    monkeypatch.setattr(C, "BACKGROUND_MIN_TYPES", 1)
    background = Corpus.build(docs, layers=layers, progress=False)
    assert started == [(layers, "default")]
    assert background == local
    sharded = Corpus.build(docs, layers=layers, path=tmp_path / "s", shard_size=9,
                           progress=False)
    assert sharded.to_corpus() == local


def test_background_process_failure_is_an_error(monkeypatch):
    from arabcorpus.corpus import builder as C

    monkeypatch.setattr(C, "BACKGROUND_MIN_TYPES", 1)

    class Broken(C._Worker):
        def __init__(self, layers, backend):
            super().__init__(layers, "no-such-backend")

    monkeypatch.setattr(C, "_Worker", Broken)
    with pytest.raises(RuntimeError, match="stopped"):
        Corpus.build(DOCS, layers=("lemma",), progress=False)


def test_custom_lemmatizer_is_never_sent_to_another_process(monkeypatch):
    from arabcorpus.corpus import builder as C

    monkeypatch.setattr(C, "BACKGROUND_MIN_TYPES", 1)
    monkeypatch.setattr(C, "_Worker", None)  # would fail if used
    c = Corpus.build(DOCS, layers=("lemma",), lemmatizer=str.upper, progress=False)
    assert c.tokens(0, "lemma")[0] == "ذهب".upper()


def test_a_query_on_the_base_layer_is_split_as_the_build_splits():
    """بمدرستهم's base is مدرسة (the teh marbuta a pronoun turns into ت restored),
    for the query as for the corpus."""
    c = Corpus.build(["وبمدرستهم مكتبة جديدة", "المدرسة كبيرة"], layers=("base",),
                     progress=False)
    assert len(ac.kwic(c, "بمدرستهم", layer="base")) == 2
