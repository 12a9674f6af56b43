"""Tests of arabcorpus.text.clitics: conservative clitic splits checked against the lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabcorpus.text.clitics import (analyze, base_form, clitic_strings, lexicon, segments,
                                split_clitics)
from strategies import arabic_words


@pytest.fixture(scope="module")
def pud_words(data_dir):
    """The distinct orthographic words of the PUD sample (skipped when it is missing)."""
    from arabcorpus.text import evaluation as ev
    path = data_dir / "ud" / "ar_pud-first500.conllu"
    if not path.exists():
        pytest.skip(f"UD Arabic PUD sample not found at {path}")
    return list(dict.fromkeys(w for w, _ in ev.clitic_gold(path)))


@pytest.mark.parametrize("word", ["كتاب", "بلد", "والد", "فيلم", "لجنة", "كبير"])
def test_words_that_only_look_like_clitics_stay_whole(word):
    assert split_clitics(word) == ("", word, "")
    assert base_form(word) == word


@pytest.mark.parametrize("word, expected", [
    ("والكتاب", ("وال", "كتاب", "")),
    ("وبالمدينة", ("وبال", "مدينة", "")),
    ("للسلطة", ("لل", "سلطة", "")),
    ("كتابه", ("", "كتاب", "ه")),
    ("ويعارضون", ("و", "يعارضون", "")),
    ("بقلوبهم", ("ب", "قلوب", "هم")),
])
def test_splits(word, expected):
    assert split_clitics(word) == expected


def test_split_spells_the_word_without_diacritics():
    pro, base, enc = split_clitics("وَبِالمَدِينَةِ")
    assert pro + base + enc == "وبالمدينة"


def test_segments_article_apart_and_spell_the_word():
    assert segments("وبالمدينة") == ["و", "ب", "ال", "مدينة"]
    assert segments("للسلطة") == ["ل", "ل", "سلطة"]
    for w in ("والكتاب", "بلد", "كتابهم", "فللجنة"):
        assert "".join(segments(w)) == w


def test_clitic_strings_for_counting():
    assert clitic_strings(["والكتاب", "كتابه", "بلد"]) == [("وال", ""), ("", "ه"),
                                                          ("", "")]


def test_no_verb_reading_after_b_or_k():
    # كتبت is the verb كتب with a subject suffix, not ك + a verb
    assert all(not (a.pos == "verb" and a.proclitics.startswith("ك"))
               for a in analyze("كتبت"))


def test_non_arabic_and_short_words_whole():
    assert split_clitics("Keira") == ("", "Keira", "")
    assert split_clitics("و") == ("", "و", "")
    assert split_clitics("و5000") == ("و", "5000", "")


def test_lexicon_contents():
    lex = lexicon()
    assert "مدينة" in lex.nouns and "تابع" in lex.verbs
    assert lex.plurals["قرى"] == "قرية"
    assert "كبير" in lex.feminable


def test_fast_path_equals_reference(pud_words):
    """analyze and best_analysis give exactly what the direct reference computes."""
    from arabcorpus.text.clitics import (_analyze_reference, best_analyses, best_analysis,
                                    clear_caches)
    clear_caches()
    words = ["وبالمدينة", "ويعارضون", "كتابه", "بلد", "و5000", "Keira", "سيؤدي",
             "أَكَّدَت", "مـدينة", "فللجنة", "لجنتاه", "بانفالكار", "اكد", "كبرى",
             *pud_words]
    for w in words:
        ref = _analyze_reference(w)
        assert analyze(w) == ref, w
        assert best_analysis(w) == ref[0], w
    clear_caches()
    assert best_analyses(words) == [_analyze_reference(w)[0] for w in words]


def test_lexicon_cache_file_round_trip(tmp_path):
    from arabcorpus.text.clitics import _PRELOADED, _build_filters, _load_lexicon, _save_lexicon
    lex = lexicon()
    path = tmp_path / "lexicon.txt"
    _save_lexicon(lex, path)
    assert _load_lexicon(path) == lex
    assert _PRELOADED.pop("filters") == _build_filters(lex)
    path.write_text("something else", encoding="utf-8")
    with pytest.raises(ValueError):
        _load_lexicon(path)


def test_lexicon_cache_can_be_disabled(monkeypatch):
    from arabcorpus.text.clitics import lexicon_cache_path
    monkeypatch.setenv("ARABCORPUS_LEXICON_CACHE", "0")
    assert lexicon_cache_path() is None


# --- the fast paths against the reference (hypothesis and SaudiNewsNet) ----------


#: Letters and clitics that make words the lexicon knows, or nearly: real splits.
_CLITIC_WORDS = st.builds(
    lambda pro, stem, enc: pro + stem + enc,
    st.sampled_from(("", "و", "ف", "ب", "ك", "ل", "س", "ال", "وال", "بال", "لل", "فس",
                     "وب", "ول", "أ", "إ")),
    st.sampled_from(("كتاب", "مدينة", "قلوب", "يتابع", "أكد", "اكد", "قرى", "مستوي",
                     "لجنت", "آخر", "إلى", "كبر", "يؤد", "سياسي", "عليا", "بنت",
                     "قال", "يعود", "ٱنتقال")),
    st.sampled_from(("", "ه", "ها", "هم", "هما", "ك", "ي", "ني", "نا", "ون", "ات",
                     "ة", "ا", "وا", "ين", "تان")),
)


@given(st.text(alphabet="أإآٱابتثكلمنهوي" + "\u064e\u0640", max_size=12))
def test_fold_by_replace_equals_the_translate_table(text):
    from arabcorpus.text.clitics import _FOLD, _fold
    assert _fold(text) == text.translate(_FOLD)


@given(st.lists(st.one_of(arabic_words(max_len=5), _CLITIC_WORDS), max_size=8))
def test_fast_paths_equal_reference_on_generated_words(words):
    """analyze, best_analysis and best_analyses (edge combos, one memo per base,
    plain-tuple readings) give the reference's readings, memos cold or warm."""
    from arabcorpus.text.clitics import (_analyze_reference, _clean, _readings_by_cost,
                                         best_analyses, best_analysis, clear_caches)
    for cold in (True, False):
        if cold:
            clear_caches()
        refs = [_analyze_reference(w) for w in words]
        assert [analyze(w) for w in words] == refs
        assert [best_analysis(w) for w in words] == [r[0] for r in refs]
        assert best_analyses(words) == [r[0] for r in refs]
        assert [tuple(_readings_by_cost(_clean(w))) for w in words] == \
            [tuple(map(tuple, r)) for r in refs]
