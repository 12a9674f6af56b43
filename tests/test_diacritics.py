"""Tests of arabcorpus.text.diacritics: stripping and density."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyarabic import araby

from arabcorpus.text import chars
from arabcorpus.text.diacritics import (DIACRITIC_NAMES, diacritic_density, is_diacritized,
                                   strip_diacritics)

SHADDA = "\u0651"


@pytest.mark.parametrize("text, expected", [
    ("أيضاً", "أيضا"),                         # tanwin on the alef (seed article)
    ("جرّاء", "جراء"),                         # shadda (seed article)
    ("مُحَمَّدٌ", "محمد"),
    ("هٰذَا", "هذا"),                           # dagger alef U+0670
    ("ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ", "ذلك ٱلكتب لا ريب  فيه "),   # Quranic U+06DB
    ("الصلوٰة ۖ", "الصلوة "),                   # small high ligature U+06D6
    ("ا\u0654", "أ"),                          # combining hamza composes with its seat
    ("\u08f0\u08f1ب", "ب"),                    # Arabic Extended-A marks
    ("لـ \"روزنة\"", "لـ \"روزنة\""),            # tatweel is a letter, kept
    ("", ""),
    ("plain text 123", "plain text 123"),
])
def test_strip_diacritics(text, expected):
    assert strip_diacritics(text) == expected


def test_strip_removes_what_pyarabic_strip_tashkeel_leaves():
    text = "هٰذَا ٱلْقُرْءَانُ ۖ وَٱلصَّلَوٰةِ ۗ"
    left_by_pyarabic = set(araby.strip_tashkeel(text)) & chars.DIACRITICS
    assert {"\u0670", "\u06d6", "\u06d7"} <= left_by_pyarabic
    assert not set(strip_diacritics(text)) & chars.DIACRITICS


@pytest.mark.parametrize("keep", [(SHADDA,), ("shadda",), SHADDA, "shadda"])
def test_keep_shadda(keep):
    assert strip_diacritics("جرّاءُ مُحَمَّدٌ", keep=keep) == "جرّاء محمّد"


def test_keep_names():
    text = "مُحَمَّدٌ"
    assert strip_diacritics(text, keep=("tanwin",)) == "محمدٌ"
    assert strip_diacritics(text, keep=("harakat", "shadda")) == "مُحَمَّد"
    assert strip_diacritics(text, keep=("tashkeel",)) == text
    for name, marks in DIACRITIC_NAMES.items():
        assert marks <= chars.DIACRITICS, name


def test_bad_arguments():
    with pytest.raises(TypeError, match="bytes"):
        strip_diacritics(b"abc")
    with pytest.raises(TypeError, match="NoneType"):
        diacritic_density(None)
    with pytest.raises(TypeError, match="int"):
        is_diacritized(5)
    with pytest.raises(ValueError, match="shadda"):    # lists the valid names
        strip_diacritics("ب", keep=("shada",))
    with pytest.raises(ValueError, match="neither"):
        strip_diacritics("ب", keep=("b",))
    with pytest.raises(TypeError, match="int"):
        strip_diacritics("ب", keep=5)
    with pytest.raises(ValueError, match="threshold must be <= 1"):
        is_diacritized("ب", threshold=2)
    with pytest.raises(TypeError, match="threshold must be a number, got str"):
        is_diacritized("ب", threshold="0.5")


def test_positional_options_are_deprecated():
    with pytest.warns(DeprecationWarning, match="keep="):
        assert strip_diacritics("جرّاء", "shadda") == "جرّاء"
    with pytest.warns(DeprecationWarning, match="threshold="):
        assert is_diacritized("أيضاً", 0.2)
    with pytest.raises(TypeError, match="takes 1 positional"):
        strip_diacritics("جرّاء", "shadda", "fatha")


def test_density():
    assert diacritic_density("كَتَبَ") == 1.0
    assert diacritic_density("كتب") == 0.0
    assert diacritic_density("جرّاء") == 0.25
    assert diacritic_density("") == 0.0
    assert diacritic_density("123 abc") == 0.0
    assert diacritic_density("ـَ") == 0.0          # a mark on tatweel is on no letter
    assert diacritic_density("\u064e\u064e") == 0.0  # marks without a base letter
    assert diacritic_density("ﺑَ") == 1.0           # presentation forms are letters
    # two marks on one letter count the letter once
    assert diacritic_density("بَّت") == 0.5


def test_is_diacritized():
    vocalized = "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ"
    assert is_diacritized(vocalized)
    assert not is_diacritized(strip_diacritics(vocalized))
    assert not is_diacritized("")
    assert not is_diacritized("abc", threshold=0.0)    # no Arabic letters at all
    assert is_diacritized("جرّاء", threshold=0.25)
    assert not is_diacritized("جرّاء", threshold=0.26)


def test_news_is_not_diacritized(seed_text):
    assert 0 < diacritic_density(seed_text) < 0.05
    assert not is_diacritized(seed_text)
    stripped = strip_diacritics(seed_text)
    assert diacritic_density(stripped) == 0.0
    assert "أيضا" in stripped and "جراء" in stripped and "أيضاً" not in stripped


@given(st.text())
def test_strip_never_raises_and_leaves_no_mark(text):
    out = strip_diacritics(text)
    assert not set(out) & chars.DIACRITICS
    assert out == _reference_strip(text)
    assert 0.0 <= diacritic_density(text) <= 1.0


# --- a hamza is a consonant: composed with its seat, or kept as ء --------------------
HAMZA_ABOVE, HAMZA_BELOW, MADDA = "\u0654", "\u0655", "\u0653"
#: Letters that carry a hamza (آ aside: it is also alef + maddah).
HAMZA_LETTERS = frozenset("ءأإؤئۀۂۓ")


def _reference_strip(text: str) -> str:
    """Plain-Python statement of strip_diacritics: compose a maddah or hamza mark with
    the letter right before it, write a hamza mark left over as ء, drop other marks."""
    out: list[str] = []
    composed = False          # out[-1] is a composition (never a seat again)
    for c in text:
        pair = (out[-1], c) if out and not composed else None
        if pair in chars.HAMZA_COMPOSITIONS:
            out[-1] = chars.HAMZA_COMPOSITIONS[pair]
            composed = True
            continue
        out.append(c)
        composed = False
    return "".join("ء" if c in (HAMZA_ABOVE, HAMZA_BELOW) else c
                   for c in out if c not in chars.DIACRITICS - {HAMZA_ABOVE, HAMZA_BELOW})


@pytest.mark.parametrize("text, expected", [
    ("مسو" + HAMZA_ABOVE + "ول", "مسؤول"),       # the audit's example
    ("مسو" + HAMZA_ABOVE + "ولٌ", "مسؤول"),
    ("سي" + HAMZA_ABOVE + "ل", "سئل"),
    ("ا" + HAMZA_BELOW + "سلام", "إسلام"),
    ("ا" + MADDA + "خر", "آخر"),
    ("ر" + HAMZA_ABOVE + "س", "رءس"),            # no seat: the hamza is kept as ء
    (HAMZA_BELOW, "ء"),
    ("ا" + "\u064e" + HAMZA_ABOVE, "اء"),       # not right after its seat (NFD order)
    ("ن" + MADDA, "ن"),                          # a maddah of length goes
    ("ا" + MADDA + MADDA, "آ"),
])
def test_strip_keeps_the_hamza(text, expected):
    assert strip_diacritics(text) == expected


def test_strip_keeps_marks_named_in_keep_as_written():
    text = "مسو" + HAMZA_ABOVE + "ولٌ"
    assert strip_diacritics(text, keep="madda_hamza") == "مسو" + HAMZA_ABOVE + "ول"
    assert strip_diacritics(text, keep=HAMZA_ABOVE) == "مسو" + HAMZA_ABOVE + "ول"
    assert strip_diacritics("ا" + MADDA + "ر" + HAMZA_ABOVE, keep=MADDA) == (
        "ا" + MADDA + "رء")


_HAMZA_TEXT = st.text(st.sampled_from(
    list("اويىهەہےرنءأإآؤئ ") + [HAMZA_ABOVE, HAMZA_BELOW, MADDA, "\u064e", "\u0651",
                                   "\u0670", "ـ"]), max_size=30)


@given(_HAMZA_TEXT)
def test_property_no_hamza_is_lost(text):
    out = strip_diacritics(text)
    hamzas_in = (sum(c in HAMZA_LETTERS for c in text)
                 + sum(c in (HAMZA_ABOVE, HAMZA_BELOW) for c in text))
    assert sum(c in HAMZA_LETTERS for c in out) == hamzas_in
    assert out == _reference_strip(text)
    assert strip_diacritics(out) == out


def test_lone_surrogates_and_marks_without_base():
    for text in ("\ud800", "\udfff\u064e", "\u064e\u0651", "a\ud83d\u0651b", "😀\u064e"):
        out = strip_diacritics(text)
        assert out == _reference_strip(text)
        assert 0.0 <= diacritic_density(text) <= 1.0


# Marks that CAMeL Tools' dediac_ar does not remove and we do: the deliberate
# difference named in strip_diacritics' docstring.
def test_same_as_camel_dediac_modulo_the_named_difference(saudinewsnet_texts):
    dediac = pytest.importorskip("camel_tools.utils.dediac")
    charsets = pytest.importorskip("camel_tools.utils.charsets")
    extra = chars.DIACRITICS - charsets.AR_DIAC_CHARSET
    assert extra == chars.DIACRITICS - chars.TASHKEEL - {chars.DAGGER_ALEF}
    extra_re = re.compile("[" + "".join(sorted(extra)) + "]")
    differ = 0
    for text in saudinewsnet_texts:
        ours = strip_diacritics(text)
        without_extra = extra_re.sub("", text)
        differ += without_extra != text
        assert ours == dediac.dediac_ar(without_extra)
    assert len(saudinewsnet_texts) == 31030
    # the difference is real but rare in news text
    assert 0 < differ < 100
