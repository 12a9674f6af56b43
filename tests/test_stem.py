"""Tests for arabcorpus.text.stem: the four NLTK stemmers behind one interface, stopwords."""

from __future__ import annotations

import re

import pytest

from arabcorpus.text import stem as stem_mod
from arabcorpus.text.stem import (STEMMER_REFERENCES, STEMMERS, STOPWORD_KINDS,
                             STOPWORD_SUPPLEMENT, Stemmer,
                             is_stopword, stem, stopwords)

# Arabic letter runs (hamza .. yeh); enough to pick words out of the seed article.
_WORD = re.compile(r"[\u0621-\u064a]+")


def _nltk(name: str):
    """A fresh NLTK stemmer, built here without going through arabcorpus."""
    if name == "isri":
        from nltk.stem.isri import ISRIStemmer
        return ISRIStemmer()
    if name == "arlstem":
        from nltk.stem.arlstem import ARLSTem
        return ARLSTem()
    if name == "arlstem2":
        from nltk.stem.arlstem2 import ARLSTem2
        return ARLSTem2()
    from nltk.stem.snowball import ArabicStemmer
    return ArabicStemmer()


def _bundled_sample_text() -> str:
    """The articles of the bundled sample (read with ``json``), one text."""
    import json
    from pathlib import Path

    import arabcorpus
    path = Path(arabcorpus.__file__).parent / "data" / "sample.jsonl"
    with path.open(encoding="utf-8") as f:
        return "\n".join(json.loads(line)["text"] for line in f if line.strip())


@pytest.fixture(scope="module")
def news_text(request) -> str:
    """The seed article, or the bundled sample's articles where the data is missing."""
    try:
        return request.getfixturevalue("seed_text")
    except pytest.skip.Exception:
        return _bundled_sample_text()


@pytest.fixture(scope="module")
def seed_words(seed_text: str) -> list[str]:
    words = sorted(set(_WORD.findall(seed_text)))
    assert len(words) > 400  # the article has about 580 distinct words
    return words


@pytest.fixture(scope="module")
def news_words(news_text: str) -> list[str]:
    words = sorted(set(_WORD.findall(news_text)))
    assert len(words) > 400  # the seed article has about 580, the sample more
    return words


# ---------------------------------------------------------------------------
# Stemmers
# ---------------------------------------------------------------------------

def test_names_and_references():
    assert STEMMERS == ("isri", "arlstem", "arlstem2", "snowball")
    assert set(STEMMER_REFERENCES) == set(STEMMERS)
    assert "Taghva" in STEMMER_REFERENCES["isri"]
    assert "Abainia" in STEMMER_REFERENCES["arlstem"]
    assert "Rebbani" in STEMMER_REFERENCES["arlstem2"]
    assert "Snowball" in STEMMER_REFERENCES["snowball"]
    for name in STEMMERS:
        s = Stemmer(name)
        assert s.name == name and s.reference == STEMMER_REFERENCES[name]
        assert repr(s) == f"Stemmer({name!r})"


def test_default_is_isri():
    assert Stemmer().name == "isri"
    assert stem("والمسلمين") == _nltk("isri").stem("والمسلمين")


@pytest.mark.parametrize("name", STEMMERS)
def test_matches_fresh_nltk_on_every_news_word(name, news_words):
    """Each word's stem equals what a freshly made NLTK stemmer returns for it."""
    ours = Stemmer(name)
    expected = [_nltk(name).stem(w) or w for w in news_words]
    assert [ours.stem(w) for w in news_words] == expected
    assert stem_mod.stem(news_words[0], stemmer=name) == expected[0]


@pytest.mark.parametrize("name", ["isri", "arlstem", "arlstem2"])
def test_matches_one_nltk_instance(name, news_words):
    """ISRI and the ARLSTems keep no state: one NLTK object gives the same stems."""
    nltk_stemmer = _nltk(name)
    assert Stemmer(name).stem_many(news_words) == [nltk_stemmer.stem(w) for w in news_words]


def test_light_vs_root_stemmers_on_seed_words():
    # ISRI extracts roots, the light stemmers remove affixes only.
    assert stem("الاشتباكات", stemmer="isri") == _nltk("isri").stem("الاشتباكات") == "شبك"
    assert stem("الاشتباكات", stemmer="snowball") == _nltk("snowball").stem("الاشتباكات")
    assert (len(stem("الاشتباكات", stemmer="snowball"))
            > len(stem("الاشتباكات", stemmer="isri")))


def test_snowball_is_independent_of_call_order(seed_words):
    """NLTK's ArabicStemmer never resets suffixes_verb_step1_success, so its result for
    a word depends on what it stemmed before; ours does not."""
    raw = _nltk("snowball")
    sequential = {w: raw.stem(w) for w in seed_words}
    fresh = {w: _nltk("snowball").stem(w) for w in seed_words}
    drifted = [w for w in seed_words if sequential[w] != fresh[w]]
    # The NLTK bug is real on this article (e.g. قتلوا -> قتلو after أراضيه) ...
    assert "قتلوا" in drifted
    ours = Stemmer("snowball")
    forward = ours.stem_many(seed_words)
    ours.clear_cache()
    backward = ours.stem_many(seed_words[::-1])[::-1]
    # ... and ours gives the fresh-stemmer answer whatever the order.
    assert forward == backward == [fresh[w] for w in seed_words]
    assert ours.stem("قتلوا") == "قتل"


@pytest.mark.parametrize("name", STEMMERS)
def test_stem_many_equals_map_and_caches_types(name, news_text):
    tokens = _WORD.findall(news_text)
    s = Stemmer(name)
    many = s.stem_many(tokens)
    assert len(many) == len(tokens)
    assert s.cache_size == len(set(tokens)) < len(tokens)
    assert many == [Stemmer(name).stem(t) for t in tokens]
    # generators and tuples work too
    assert s.stem_many(t for t in tokens[:5]) == many[:5]
    assert s.stem_many(tuple(tokens[:5])) == many[:5]
    assert s.stem_many([]) == []
    s.clear_cache()
    assert s.cache_size == 0


def test_stem_many_calls_nltk_once_per_type(monkeypatch):
    s = Stemmer("arlstem")
    calls: list[str] = []
    real = s._nltk.stem
    monkeypatch.setattr(s._nltk, "stem", lambda w: calls.append(w) or real(w))
    out = s.stem_many(["يعمل", "تعمل", "يعمل", "يعمل"])
    assert calls == ["يعمل", "تعمل"]
    s.stem_many(["يعمل"])
    s.stem("تعمل")
    assert calls == ["يعمل", "تعمل"]
    assert out[0] == out[2] == out[3] == real("يعمل")


def test_call_is_stem():
    s = Stemmer("arlstem2")
    assert s("يعمل") == s.stem("يعمل") == "عمل"


@pytest.mark.parametrize("name", STEMMERS)
def test_empty_nltk_output_falls_back_to_input(name):
    shadda = "\u0651"
    assert _nltk(name).stem(shadda) == ""          # what NLTK does
    assert Stemmer(name).stem(shadda) == shadda     # what we do
    assert Stemmer(name).stem_many([shadda, "يعمل"])[0] == shadda
    assert Stemmer(name).stem("") == ""


def test_snowball_tatweel_falls_back():
    assert _nltk("snowball").stem("ـ") == ""
    assert stem("ـ", stemmer="snowball") == "ـ"


@pytest.mark.parametrize("word", ["covid", "2020", "داعش"])
def test_non_arabic_and_short_words_pass_through(word):
    for name in STEMMERS:
        assert stem(word, stemmer=name) == (_nltk(name).stem(word) or word)


def test_unknown_stemmer_lists_valid_names():
    with pytest.raises(ValueError, match="isri, arlstem, arlstem2, snowball"):
        Stemmer("khoja")
    with pytest.raises(ValueError, match="'porter'"):
        stem("كتب", stemmer="porter")


def test_type_errors():
    with pytest.raises(TypeError, match="int"):
        Stemmer(3)
    with pytest.raises(TypeError, match="int"):
        Stemmer().stem(3)
    with pytest.raises(TypeError, match="list"):
        Stemmer().stem(["كتب"])
    with pytest.raises(TypeError, match="bytes"):
        stem("كتب".encode())
    with pytest.raises(TypeError, match=r"words\[1\].*NoneType"):
        Stemmer().stem_many(["كتب", None])
    with pytest.raises(TypeError, match=r"words\[0\].*list"):
        Stemmer().stem_many([["كتب"]])
    with pytest.raises(TypeError, match="single str"):
        Stemmer().stem_many("كتب")


def test_stem_many_on_a_large_vocabulary_is_fast(saudinewsnet_texts):
    """A second pass over the same tokens costs only dictionary lookups: far less than
    the first pass, which calls NLTK once per type (relative, so a loaded machine
    does not make it flaky)."""
    import time
    tokens = _WORD.findall(" ".join(saudinewsnet_texts[:300]))
    s = Stemmer("isri")
    t0 = time.perf_counter()
    first = s.stem_many(tokens)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = s.stem_many(tokens)
    warm = time.perf_counter() - t0
    assert first == second
    assert s.cache_size == len(set(tokens)) < len(tokens) / 3
    assert warm < cold / 3


# ---------------------------------------------------------------------------
# Stopwords
# ---------------------------------------------------------------------------

def test_stopword_source_and_kinds():
    import arabicstopwords.arabicstopwords as asw
    assert STOPWORD_KINDS == ("full", "core", "extended")
    full = stopwords(profile="none", kind="full")
    core = stopwords(profile="none", kind="core")
    assert full == frozenset(asw.stopwords_list())
    assert core == frozenset(asw.classed_stopwords_list())
    assert len(core) < 1000 < 10_000 < len(full)
    assert core <= full
    assert stopwords(profile="none", kind="extended") == full | set(STOPWORD_SUPPLEMENT)


def test_extended_stopwords_add_the_conjugations_of_kana_and_the_modals():
    ext = stopwords(profile="search", kind="extended")
    full = stopwords(profile="search", kind="full")
    assert full < ext
    for word in ["كانت", "يكون", "تكون", "وكانت", "سيكون", "ليكون", "أصبحت", "يمكن",
                 "يجب", "ويجب", "ينبغي", "يتم", "تم", "عبر", "ضد", "أخرى", "بشكل"]:
        assert is_stopword(word, profile="search", kind="extended"), word
    assert not is_stopword("كانت") and not is_stopword("يمكن")  # not in "full"
    for word in ["السعودية", "الحج", "النفط", "كأس", "مكان", "الكون"]:
        assert not is_stopword(word, profile="search", kind="extended"), word
    # the supplement is written unnormalized, like the package's lists
    assert "أصبحت" in STOPWORD_SUPPLEMENT and "إحدى" in STOPWORD_SUPPLEMENT


@pytest.mark.parametrize("profile", ["none", "light", "standard", "search"])
def test_function_words_are_stopwords_under_each_profile(profile):
    from arabcorpus.text.normalize import Normalizer
    norm = Normalizer(profile=profile)
    for kind in STOPWORD_KINDS:
        sw = stopwords(profile=profile, kind=kind)
        assert isinstance(sw, frozenset)
        for word in ["في", "من", "على", "إلى", "عن", "هذا", "التي"]:
            assert norm(word) in sw, (profile, kind, word)
            assert is_stopword(word, profile=profile, kind=kind)
        for word in ["السعودية", "داعش", "التنظيم", "الإرهابي"]:
            assert norm(word) not in sw
            assert not is_stopword(word, profile=profile, kind=kind)
        # every entry is already in the profile's normal form
        assert all(norm(w) == w for w in sw)


def test_search_profile_folds_the_list():
    sw = stopwords(profile="search")
    assert {"في", "من", "علي", "الي", "عن"} <= sw      # على, إلى as "search" writes them
    assert "على" not in sw and "إلى" not in sw        # the raw spellings are folded away
    standard = stopwords(profile="standard")
    assert "الى" in standard and "إلى" not in standard
    assert "على" in stopwords(profile="standard")             # standard keeps alef maksura
    assert stopwords(profile="search", kind="core") <= sw
    # folding can only merge forms, never add any
    assert len(sw) <= len(stopwords(profile="standard")) <= len(stopwords(profile="none"))


def test_clitic_forms_are_in_full_not_core():
    assert "وفي" in stopwords(profile="none", kind="full")
    assert "وفي" not in stopwords(profile="none", kind="core")
    assert is_stopword("وفي") and not is_stopword("وفي", kind="core")


def test_profile_mismatch():
    """A word spelled raw misses a list normalized with another profile, and a
    normalized word misses the raw list; is_stopword normalizes the word itself, so
    it answers right either way."""
    assert "الي" not in stopwords(profile="none")
    assert "إلى" not in stopwords(profile="search")
    assert is_stopword("إلى", profile="search") and is_stopword("الي", profile="search")
    assert is_stopword("إلى", profile="none") and not is_stopword("الي", profile="none")
    assert is_stopword("إلى", profile="standard") and is_stopword("الى", profile="standard")


def test_stopwords_with_a_normalizer_instance():
    from arabcorpus.text.normalize import Normalizer
    norm = Normalizer(profile="search")
    assert stopwords(profile=norm) == stopwords(profile="search")
    custom = Normalizer(profile="search", teh_marbuta=False)
    sw = stopwords(profile=custom)
    assert all(custom(w) == w for w in sw)
    assert is_stopword("إلى", profile=custom)


def test_stopwords_are_cached():
    assert stopwords(profile="search") is stopwords(profile="search")


def test_stopword_errors():
    with pytest.raises(ValueError, match="search"):
        stopwords(profile="aggressive")
    with pytest.raises(ValueError, match="full, core, extended"):
        stopwords(profile="search", kind="all")
    with pytest.raises(TypeError, match="int"):
        stopwords(profile=1)
    with pytest.raises(TypeError, match="NoneType"):
        is_stopword(None)


def test_news_stopword_share(news_text):
    """Function words are a large share of running news text, content words are not."""
    from arabcorpus.text.normalize import Normalizer
    norm = Normalizer(profile="search")
    tokens = norm.normalize_many(_WORD.findall(news_text))
    sw = stopwords(profile="search")
    share = sum(t in sw for t in tokens) / len(tokens)
    assert 0.15 < share < 0.6
    assert norm("داعش") not in sw


def test_positional_options_are_deprecated():
    with pytest.warns(DeprecationWarning, match="stemmer="):
        assert stem("الاشتباكات", "snowball") == stem("الاشتباكات", stemmer="snowball")
    with pytest.warns(DeprecationWarning, match="profile=..., kind=..."):
        assert stopwords("none", "core") == stopwords(profile="none", kind="core")
    with pytest.warns(DeprecationWarning, match="profile="):
        assert is_stopword("إلى", "search")
    with pytest.raises(TypeError, match="profile must be a str or a Normalizer"):
        stopwords(profile=1)
