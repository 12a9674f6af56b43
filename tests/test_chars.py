"""Tests of the character inventory against Unicode itself (``unicodedata``)."""

from __future__ import annotations

import unicodedata

import pytest
from pyarabic import araby

from arabcorpus.text import chars

# The Arabic blocks of Unicode: Arabic, Arabic Supplement, Arabic Extended-B,
# Arabic Extended-A, Arabic Presentation Forms-A and -B.
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x089F), (0x08A0, 0x08FF),
                 (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def block_chars(category_prefixes: tuple[str, ...]) -> set[str]:
    return {chr(cp) for first, last in ARABIC_BLOCKS for cp in range(first, last + 1)
            if unicodedata.category(chr(cp)).startswith(category_prefixes)}


def test_every_arabic_combining_mark_is_a_diacritic():
    marks = {c for c in block_chars(("Mn", "Mc"))}
    assert len(marks) > 100
    missing = sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                     for c in marks - chars.DIACRITICS)
    assert missing == []


def test_diacritics_are_marks_or_quranic_small_letters():
    # Everything in DIACRITICS is a combining mark, except the two small Quranic
    # letters (small waw U+06E5, small yeh U+06E6; category Lm) of the Quranic range.
    not_marks = {c for c in chars.DIACRITICS
                 if not unicodedata.category(c).startswith("M")}
    assert not_marks == {"\u06e5", "\u06e6"}
    assert not_marks <= chars.QURANIC_MARKS


def test_diacritics_extend_pyarabic():
    assert set(araby.TASHKEEL) <= chars.DIACRITICS
    # what PyArabic's strip_tashkeel leaves behind
    assert chars.DAGGER_ALEF in chars.DIACRITICS
    assert chars.DAGGER_ALEF not in araby.TASHKEEL
    for mark in ("\u0610", "\u06d6", "\u06e8", "\u06ed", "\u08f0", "\u0653", "\u0655"):
        assert mark in chars.DIACRITICS


@pytest.mark.parametrize("name", ["HARAKAT", "TANWIN", "SHADDA_SET", "SUKUN_SET",
                                  "TASHKEEL", "MADDA_HAMZA_MARKS", "EXTRA_MARKS",
                                  "QURANIC_MARKS", "EXTENDED_A_MARKS"])
def test_mark_groups_are_inside_diacritics(name):
    group = getattr(chars, name)
    assert group and group <= chars.DIACRITICS


def test_letters():
    assert len(chars.LETTERS) == 37          # 26 + 10 + alef wasla
    assert all(unicodedata.category(c) == "Lo" for c in chars.LETTERS)
    assert chars.ALEF_VARIANTS <= chars.LETTERS
    assert chars.HAMZA_SEATS <= chars.HAMZA_FORMS
    assert chars.TATWEEL not in chars.LETTERS
    assert unicodedata.name(chars.TATWEEL) == "ARABIC TATWEEL"


def test_digits_have_their_values():
    for digits in (chars.DIGITS_ASCII, chars.DIGITS_ARABIC_INDIC, chars.DIGITS_EASTERN):
        assert [unicodedata.digit(d) for d in digits] == list(range(10))
    assert "٢٠١٥" == "".join(chars.DIGITS_ARABIC_INDIC[int(d)] for d in "2015")
    assert unicodedata.name(chars.ARABIC_DECIMAL_SEPARATOR) == "ARABIC DECIMAL SEPARATOR"
    assert (unicodedata.name(chars.ARABIC_THOUSANDS_SEPARATOR)
            == "ARABIC THOUSANDS SEPARATOR")


def test_punctuation_and_quotes():
    for c in "،؛؟٪٫٬«»":
        assert c in chars.ARABIC_PUNCTUATION
    assert all(unicodedata.category(c).startswith("P") for c in chars.QUOTES
               if c not in "\u275d\u275e")          # the two ornaments are So
    assert {"\u201c", "\u201d", "\u00ab", "\u00bb"} <= chars.QUOTES
    assert {"\u2018", "\u2019"} <= chars.SINGLE_QUOTES
    assert not chars.QUOTES & chars.SINGLE_QUOTES


def test_lookalikes_map_to_arabic_letters():
    for src, dst in chars.LOOKALIKES.items():
        assert unicodedata.category(src) == "Lo", src
        assert src not in chars.LETTERS
        assert dst[0] in chars.LETTERS, (src, dst)
    for c in "کیہەۀۃ":
        assert c in chars.LOOKALIKES
    assert chars.LOOKALIKES["ک"] == "ك" and chars.LOOKALIKES["ی"] == "ي"


def test_hamza_compositions_agree_with_unicode_except_the_two_named():
    non_canonical = {("\u0649", "\u0654"), ("\u0647", "\u0654")}
    for (base, mark), letter in chars.HAMZA_COMPOSITIONS.items():
        assert mark in chars.COMBINING_HAMZA_MADDA
        if (base, mark) in non_canonical:
            assert unicodedata.normalize("NFC", base + mark) != letter
        else:
            assert unicodedata.normalize("NFC", base + mark) == letter
            assert unicodedata.normalize("NFD", letter) == base + mark
    # every canonical composition of the Arabic block with U+0653-U+0655 is listed
    for cp in range(0x0600, 0x0700):
        nfd = unicodedata.normalize("NFD", chr(cp))
        if len(nfd) == 2 and nfd[1] in chars.COMBINING_HAMZA_MADDA:
            assert chars.HAMZA_COMPOSITIONS[(nfd[0], nfd[1])] == chr(cp)
    assert chars.COMPOSE_BASES == {b for b, _ in chars.HAMZA_COMPOSITIONS}


def test_presentation_forms_and_invisibles():
    assert len(chars.PRESENTATION_FORMS) == (0xFDFF - 0xFB50 + 1) + (0xFEFF - 0xFE70 + 1)
    assert "\ufefb" in chars.PRESENTATION_FORMS            # lam-alef ligature
    assert chars.BIDI_CONTROLS <= chars.INVISIBLES
    for c in ("\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202a", "\u202e",
              "\u2066", "\u2069", "\ufeff", "\u00ad"):
        assert c in chars.INVISIBLES, hex(ord(c))
    assert all(unicodedata.category(c) == "Cf" for c in chars.INVISIBLES
               if c != "\u180e")                       # Mongolian vowel separator
    for c in chars.UNICODE_SPACES:
        assert c.isspace() and c not in "\n\r "


def test_is_arabic_letter():
    assert chars.is_arabic_letter("ب") and chars.is_arabic_letter("پ")
    assert chars.is_arabic_letter("ﻻ")
    assert not chars.is_arabic_letter("\u064e")
    assert not chars.is_arabic_letter("٣")
    assert not chars.is_arabic_letter("b")
    assert not chars.is_arabic_letter("بب")


def test_chars_in_ranges():
    assert chars.chars_in_ranges(((0x0660, 0x0669),)) == set(chars.DIGITS_ARABIC_INDIC)
    assert chars.chars_in_ranges(()) == frozenset()


def test_all_is_complete():
    for name in chars.__all__:
        assert hasattr(chars, name), name


def test_arabic_blocks_and_script_letters():
    import unicodedata

    assert chars.ARABIC_BLOCKS == chars.chars_in_ranges(chars.ARABIC_BLOCK_RANGES)
    # every combining mark of the Arabic blocks is a diacritic
    assert {c for c in chars.ARABIC_BLOCKS
            if unicodedata.category(c).startswith("M")} <= chars.DIACRITICS
    assert chars.LETTERS <= chars.ARABIC_SCRIPT_LETTERS <= chars.ARABIC_BLOCKS
    assert chars.TATWEEL not in chars.ARABIC_SCRIPT_LETTERS
    assert not chars.ARABIC_SCRIPT_LETTERS & chars.DIACRITICS
    assert "ﻻ" in chars.ARABIC_SCRIPT_LETTERS and "٣" not in chars.ARABIC_SCRIPT_LETTERS
    assert not chars.is_arabic_letter(chars.TATWEEL)


def test_arabic_regexes():
    assert chars.has_arabic("COVID-19 كورونا") and not chars.has_arabic("COVID-19")
    assert chars.has_arabic("\u08a0") and chars.has_arabic("\ufefb")   # Extended-A, ﻻ
    assert not chars.has_arabic("") and not chars.has_arabic("\u0700")  # Syriac
    assert chars.has_presentation_forms("ﻻ") and not chars.has_presentation_forms("لا")
    assert len(chars.ARABIC_LETTER_RE.findall("كَتَبَ 12 ـ")) == 3
    assert chars.ARABIC_RE.pattern == chars.regex_class(chars.ARABIC_BLOCKS)
    assert chars.regex_class("") == "(?!)"
    assert chars.regex_class("ca-") == "[\\-ac]"
    assert chars.COMBINING_HAMZA <= chars.COMBINING_HAMZA_MADDA
    assert chars.COMBINING_HAMZA_MADDA == {m for _, m in chars.HAMZA_COMPOSITIONS}
