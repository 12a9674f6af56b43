"""Display forms: the most frequent surface form of each type (ties: first seen),
against a token-by-token count on the sample and on generated corpora."""

import inspect
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arabcorpus as ac
from arabcorpus.analyses.forms import combined_forms, display_forms, form_ids, form_of
from arabcorpus.corpus.memory import Corpus
from strategies import corpora


@pytest.fixture(scope="module")
def sample():
    return Corpus.build(ac.load_dataset("sample"), progress=False)


def _reference_forms(corpus, layer):
    """Plain Python: count (type, surface) pairs token by token."""
    pairs = Counter()
    first = {}
    surface = corpus.vocab("surface")
    vocab = corpus.vocab(layer)
    for pos, (s, t) in enumerate(zip(corpus.ids("surface").tolist(),
                                     corpus.ids(layer).tolist())):
        pairs[(t, s)] += 1
        first.setdefault((t, s), pos)
    best = {}
    for (t, s), n in pairs.items():
        key = (-n, first[(t, s)])
        if t not in best or key < best[t][0]:
            best[t] = (key, s)
    return [surface[best[t][1]] if t in best else vocab[t] for t in range(len(vocab))]


def test_sample_shows_teh_marbuta_and_hamza(sample):
    forms = display_forms(sample, layer="norm")
    tid = sample.type_id("norm", "الصحه")
    assert tid is not None, "the sample mentions health"
    assert forms[tid] == "الصحة"
    for written in ("وزارة", "أسعار", "على", "إلى"):
        t = sample.type_id("norm", sample.normalizer(written))
        if t is not None and sample.counts("norm")[t] > 0:
            assert forms[t] != sample.vocab("norm")[t] or written == sample.vocab("norm")[t]


@pytest.mark.parametrize("layer", ["norm", "surface"])
def test_equals_token_by_token_count(sample, layer):
    assert display_forms(sample, layer=layer).tolist() == _reference_forms(sample, layer)


def test_stem_layer_equals_reference():
    docs = ["المدرسة الكبيرة", "مدارس كبيرة", "المدارس والمدرسة", "كبير المدرسة"]
    c = Corpus.build(docs, stem="isri", progress=False)
    assert display_forms(c, layer="stem").tolist() == _reference_forms(c, "stem")


def test_all_diacritized_type_shows_its_most_frequent_written_form():
    c = Corpus.build(["كَتَبَ الوَلَدُ", "كَتَبَ", "كُتِبَ الدرسُ", "كَتَبَ"], progress=False)
    t = c.type_id("norm", "كتب")
    # كَتَبَ three times, كُتِبَ once: the written form, diacritics and all
    assert display_forms(c, layer="norm")[t] == "كَتَبَ"


def test_ties_go_to_the_form_seen_first():
    c = Corpus.build(["اسعار النفط", "أسعار الذهب", "أسعار", "اسعار"], progress=False)
    t = c.type_id("norm", "اسعار")
    assert display_forms(c, layer="norm")[t] == "اسعار"
    c2 = Corpus.build(["أسعار النفط", "اسعار الذهب", "اسعار", "أسعار"], progress=False)
    assert display_forms(c2, layer="norm")[c2.type_id("norm", "اسعار")] == "أسعار"


def test_subcorpus_counts_its_own_tokens_and_keeps_absent_types():
    c = Corpus.build(["الصحه", "الصحة الصحة", "الصحه الصحه"], progress=False)
    t = c.type_id("norm", "الصحه")
    assert display_forms(c, layer="norm")[t] == "الصحه"  # 3 against 2
    sub = c.subcorpus([1])
    assert display_forms(sub, layer="norm")[t] == "الصحة"
    absent = c.subcorpus([0])
    t2 = c.type_id("norm", "الصحه")
    assert display_forms(absent, layer="norm")[t2] == "الصحه"


@settings(max_examples=40)
@given(corpora(min_docs=2, layers=("surface", "norm", "stem")),
       st.sampled_from(["norm", "surface", "stem"]), st.data())
def test_form_of_before_and_after_the_cache(corpus, layer, data):
    """form_of gathers only the asked types' forms until display_forms is cached:
    the same strings, shapes and absent types (a subcorpus) either way."""
    sub = corpus.subcorpus([0])
    for c in (corpus, sub):
        n = len(c.vocab(layer))
        ids = np.asarray(data.draw(st.lists(st.integers(0, n - 1), max_size=12)),
                         dtype=np.int64)
        fresh = form_of(c, ids, layer=layer)
        square = form_of(c, np.tile(ids, (2, 1)), layer=layer)
        full = display_forms(c, layer=layer)
        assert fresh.tolist() == full[ids].tolist() == form_of(c, ids, layer=layer).tolist()
        assert square.shape == (2, len(ids)) and square.tolist() == [full[ids].tolist()] * 2


def test_cached_and_form_of(sample):
    assert display_forms(sample, layer="norm") is display_forms(sample, layer="norm")
    ids = np.array([0, 1, 2])
    assert form_of(sample, ids).tolist() == \
        display_forms(sample, layer="norm")[:3].tolist()
    assert form_ids(sample, layer="norm").dtype == np.int64


def test_sharded_corpus_gives_the_same_forms(tmp_path):
    docs = list(ac.load_dataset("sample"))
    mem = Corpus.build(docs, progress=False)
    sharded = Corpus.build(docs, path=tmp_path / "s", shard_size=7, progress=False)
    assert display_forms(sharded, layer="norm").tolist() == \
        display_forms(mem, layer="norm").tolist()


def test_unknown_layer_lists_the_valid_ones(sample):
    with pytest.raises(ValueError, match="valid: surface, norm"):
        display_forms(sample, layer="lemma")


def test_keyness_on_the_lemma_layer_shows_the_lemma():
    c = Corpus.build(["الأسعار ارتفعت", "أسعار النفط", "سعر الذهب"], layers=("lemma",),
                     progress=False)
    k = ac.keyness(c.subcorpus([0, 1]), c.subcorpus([2]), layer="lemma", min_freq=1)
    assert (k["form"] == k["type"]).all()
    assert "سعر" in set(k["type"])


def test_cached_arrays_are_read_only(sample):
    forms = display_forms(sample, layer="norm")
    with pytest.raises(ValueError, match="read-only"):
        forms[0] = "x"
    with pytest.raises(ValueError, match="read-only"):
        form_ids(sample, layer="norm")[0] = 0
    copy = forms.copy()
    copy[0] = "x"
    assert display_forms(sample, layer="norm")[0] != "x"


def test_layer_is_keyword_only(sample):
    for fn, positional in ((display_forms, ["corpus"]), (form_ids, ["corpus"]),
                           (form_of, ["corpus", "type_ids"]),
                           (combined_forms, ["corpora"])):
        params = inspect.signature(fn).parameters.values()
        assert [p.name for p in params if p.kind != p.KEYWORD_ONLY] == positional
    with pytest.warns(DeprecationWarning, match="layer"):
        old = display_forms(sample, "surface")
    assert old is display_forms(sample, layer="surface")
    with pytest.warns(DeprecationWarning, match="layer"):
        form_of(sample, [0], "norm")


@settings(max_examples=60)
@given(corpora(), st.sampled_from(["norm", "surface"]))
def test_generated_corpora_equal_token_by_token_count(corpus, layer):
    assert display_forms(corpus, layer=layer).tolist() == _reference_forms(corpus, layer)


@settings(max_examples=30)
@given(corpora(min_docs=2))
def test_generated_subcorpora_combine_their_counts(corpus):
    half = len(corpus) // 2
    a, b = corpus.subcorpus(list(range(half))), corpus.subcorpus(
        list(range(half, len(corpus))))
    assert combined_forms([a, b], layer="norm").tolist() == \
        display_forms(corpus, layer="norm").tolist()
