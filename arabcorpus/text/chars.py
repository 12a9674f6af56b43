"""Arabic character inventory: named character sets used by every other module.

Built on :mod:`pyarabic.araby` constants and extended where those are incomplete
(PyArabic has no Quranic annotation marks, no Arabic Extended-A marks, no Persian/Urdu
look-alikes and no bidi controls). Everything here is a constant computed at import from
explicit code-point ranges; nothing scans all of Unicode.

All sets are :class:`frozenset` of one-character strings. ``*_RANGES`` give the same
content as inclusive ``(first, last)`` code-point pairs where the set is a block.

Examples
--------
>>> from arabcorpus.text import chars
>>> "\\u0651" in chars.SHADDA_SET and "\\u0651" in chars.DIACRITICS
True
>>> chars.TATWEEL
'ـ'
>>> sorted(chars.ALEF_VARIANTS)
['آ', 'أ', 'إ', 'ٱ']
"""

from __future__ import annotations

import re
import unicodedata

from pyarabic import araby as _araby

__all__ = [
    "ALEF", "ALEF_MADDA", "ALEF_HAMZA_ABOVE", "ALEF_HAMZA_BELOW", "ALEF_WASLA",
    "ALEF_MAKSURA", "YEH", "TEH_MARBUTA", "HEH", "HAMZA", "WAW_HAMZA", "YEH_HAMZA",
    "TATWEEL", "SHADDA", "LETTERS", "HAMZA_FORMS", "ALEF_VARIANTS", "HAMZA_SEATS",
    "HARAKAT", "TANWIN", "SHADDA_SET", "SUKUN_SET", "TASHKEEL", "MADDA_HAMZA_MARKS",
    "EXTRA_MARKS", "DAGGER_ALEF", "QURANIC_MARKS", "EXTENDED_A_MARKS", "DIACRITICS",
    "COMBINING_HAMZA_MADDA", "COMBINING_HAMZA", "DIGITS_ASCII", "DIGITS_ARABIC_INDIC", "DIGITS_EASTERN",
    "ARABIC_DECIMAL_SEPARATOR", "ARABIC_THOUSANDS_SEPARATOR", "ARABIC_PERCENT",
    "ARABIC_PUNCTUATION", "QUOTES", "LOOKALIKES", "PRESENTATION_FORMS_RANGES",
    "PRESENTATION_FORMS", "INVISIBLES", "BIDI_CONTROLS", "UNICODE_SPACES",
    "ARABIC_BLOCK_RANGES", "is_arabic_letter", "chars_in_ranges",
    "ARABIC_COMMA", "ARABIC_SEMICOLON", "ARABIC_QUESTION_MARK", "ARABIC_FULL_STOP",
    "ARABIC_FIVE_POINTED_STAR", "SINGLE_QUOTES", "HAMZA_COMPOSITIONS", "COMPOSE_BASES",
    "QURANIC_MARKS_RANGES", "ARABIC_BLOCKS", "ARABIC_SCRIPT_LETTERS", "ARABIC_RE",
    "ARABIC_LETTER_RE", "PRESENTATION_FORMS_RE", "has_arabic", "has_presentation_forms",
    "regex_class",
]


def chars_in_ranges(ranges: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """Return the characters of inclusive code-point ranges as a frozenset.

    Examples
    --------
    >>> sorted(chars_in_ranges(((0x0660, 0x0662),)))
    ['٠', '١', '٢']
    """
    return frozenset(chr(cp) for first, last in ranges for cp in range(first, last + 1))


# --- letters ------------------------------------------------------------------------
ALEF = _araby.ALEF                      # ا U+0627
ALEF_MADDA = _araby.ALEF_MADDA          # آ U+0622
ALEF_HAMZA_ABOVE = _araby.ALEF_HAMZA_ABOVE  # أ U+0623
ALEF_HAMZA_BELOW = _araby.ALEF_HAMZA_BELOW  # إ U+0625
ALEF_WASLA = _araby.ALEF_WASLA          # ٱ U+0671
ALEF_MAKSURA = _araby.ALEF_MAKSURA      # ى U+0649
YEH = _araby.YEH                        # ي U+064A
TEH_MARBUTA = _araby.TEH_MARBUTA        # ة U+0629
HEH = _araby.HEH                        # ه U+0647
HAMZA = _araby.HAMZA                    # ء U+0621
WAW_HAMZA = _araby.WAW_HAMZA            # ؤ U+0624
YEH_HAMZA = _araby.YEH_HAMZA            # ئ U+0626
TATWEEL = _araby.TATWEEL                # ـ U+0640
SHADDA = _araby.SHADDA                  # U+0651

#: The 36 letters of the basic Arabic alphabet with their hamza forms (U+0621-U+063A,
#: U+0641-U+064A) plus alef wasla; from PyArabic's ``LETTERS`` and extended.
LETTERS: frozenset[str] = frozenset(_araby.LETTERS) | chars_in_ranges(
    ((0x0621, 0x063A), (0x0641, 0x064A))) | {ALEF_WASLA}
#: Every letter that carries or is a hamza.
HAMZA_FORMS = frozenset({HAMZA, ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA,
                         WAW_HAMZA, YEH_HAMZA})
#: Alef variants folded to bare alef by the ``alef`` rule.
ALEF_VARIANTS = frozenset({ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA, ALEF_WASLA})
#: Hamza on a waw or yeh seat, folded to ء by the optional ``hamza_seats`` rule.
HAMZA_SEATS = frozenset({WAW_HAMZA, YEH_HAMZA})

# --- combining marks ----------------------------------------------------------------
#: Short vowels: fatha, damma, kasra (U+064E-U+0650).
HARAKAT = frozenset({"\u064e", "\u064f", "\u0650"})
#: Nunation: fathatan, dammatan, kasratan (U+064B-U+064D).
TANWIN = frozenset({"\u064b", "\u064c", "\u064d"})
SHADDA_SET = frozenset({SHADDA})
SUKUN_SET = frozenset({"\u0652"})
#: U+064B-U+0652, PyArabic's ``TASHKEEL``.
TASHKEEL = frozenset(_araby.TASHKEEL) | chars_in_ranges(((0x064B, 0x0652),))
#: Maddah above, hamza above, hamza below as combining marks (U+0653-U+0655).
MADDA_HAMZA_MARKS = chars_in_ranges(((0x0653, 0x0655),))
#: Combining maddah/hamza that compose with a preceding seat into one letter.
COMBINING_HAMZA_MADDA = MADDA_HAMZA_MARKS
#: Combining hamza above and below (U+0654, U+0655): a consonant, written ``ء`` where it
#: has no seat to compose with.
COMBINING_HAMZA = frozenset({"\u0654", "\u0655"})
#: Subscript alef, inverted damma and the other marks U+0656-U+065F.
EXTRA_MARKS = chars_in_ranges(((0x0656, 0x065F),))
#: Superscript ("dagger") alef U+0670, which PyArabic's ``strip_tashkeel`` leaves.
DAGGER_ALEF = "\u0670"
#: Quranic annotation marks.
QURANIC_MARKS_RANGES = ((0x0610, 0x061A), (0x06D6, 0x06DC), (0x06DF, 0x06E8),
                        (0x06EA, 0x06ED))
QURANIC_MARKS = chars_in_ranges(QURANIC_MARKS_RANGES)
#: Combining marks of Arabic Extended-A (U+08D3-U+08E1, U+08E3-U+08FF) and
#: Arabic Extended-B (U+0898-U+089F, U+08CA-U+08D2).
EXTENDED_A_MARKS = chars_in_ranges(((0x0898, 0x089F), (0x08CA, 0x08E1),
                                    (0x08E3, 0x08FF)))
#: Every Arabic combining mark: what ``strip_diacritics`` removes.
DIACRITICS: frozenset[str] = (TASHKEEL | MADDA_HAMZA_MARKS | EXTRA_MARKS
                              | frozenset({DAGGER_ALEF}) | QURANIC_MARKS
                              | EXTENDED_A_MARKS)

# --- digits and punctuation ---------------------------------------------------------
DIGITS_ASCII = "0123456789"
DIGITS_ARABIC_INDIC = "".join(chr(c) for c in range(0x0660, 0x066A))   # ٠-٩
DIGITS_EASTERN = "".join(chr(c) for c in range(0x06F0, 0x06FA))        # ۰-۹ (Persian)
ARABIC_DECIMAL_SEPARATOR = "\u066b"    # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬
ARABIC_PERCENT = "\u066a"              # ٪
ARABIC_COMMA = "\u060c"                # ،
ARABIC_SEMICOLON = "\u061b"            # ؛
ARABIC_QUESTION_MARK = "\u061f"        # ؟
ARABIC_FULL_STOP = "\u06d4"            # ۔
#: Arabic punctuation: ، ؛ ؟ ٪ ٫ ٬ ۔ « » and the Arabic triple dot U+061E, date separator
#: U+060D, comma U+066B family.
ARABIC_PUNCTUATION = frozenset({ARABIC_COMMA, ARABIC_SEMICOLON, ARABIC_QUESTION_MARK,
                                ARABIC_PERCENT, ARABIC_DECIMAL_SEPARATOR,
                                ARABIC_THOUSANDS_SEPARATOR, ARABIC_FULL_STOP,
                                "\u060d", "\u061e", "\u066d", "\u00ab", "\u00bb"})
ARABIC_FIVE_POINTED_STAR = "\u066d"  # ٭
#: Quotation marks unified to ``"`` by the ``punctuation`` rule: straight and curly
#: double quotes, guillemets, double prime, ornamental and fullwidth quotes.
QUOTES = frozenset({'"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb",
                    "\u2033", "\u275d", "\u275e", "\uff02", "\u2039", "\u203a"})

#: Single quotation marks unified to ``'`` by the ``punctuation`` rule.
SINGLE_QUOTES = frozenset({"'", "\u2018", "\u2019", "\u201a", "\u201b", "\u2032",
                           "\uff07"})

# --- hamza and madda composition ----------------------------------------------------
#: (seat, combining mark) -> precomposed letter. The Unicode canonical compositions of
#: U+0653-U+0655 (``unicodedata.normalize("NFC", ...)`` gives the same) plus two that
#: Unicode does not define but Arabic text uses: alef maksura + hamza above -> ئ and
#: heh + hamza above -> ۀ (U+06C0, canonically ە U+06D5 + U+0654).
HAMZA_COMPOSITIONS: dict[tuple[str, str], str] = {
    ("\u0627", "\u0653"): "\u0622",  # ا + maddah above -> آ
    ("\u0627", "\u0654"): "\u0623",  # ا + hamza above -> أ
    ("\u0627", "\u0655"): "\u0625",  # ا + hamza below -> إ
    ("\u0648", "\u0654"): "\u0624",  # و + hamza above -> ؤ
    ("\u064a", "\u0654"): "\u0626",  # ي + hamza above -> ئ
    ("\u0649", "\u0654"): "\u0626",  # ى + hamza above -> ئ (not canonical)
    ("\u0647", "\u0654"): "\u06c0",  # ه + hamza above -> ۀ (not canonical)
    ("\u06d5", "\u0654"): "\u06c0",  # ە + hamza above -> ۀ
    ("\u06c1", "\u0654"): "\u06c2",  # ہ + hamza above -> ۂ
    ("\u06d2", "\u0654"): "\u06d3",  # ے + hamza above -> ۓ
}
#: Letters that can take a combining hamza or madda in :data:`HAMZA_COMPOSITIONS`.
COMPOSE_BASES = frozenset(base for base, _ in HAMZA_COMPOSITIONS)

# --- look-alike letters (Persian, Urdu, Kurdish...) ---------------------------------
#: Letter -> its Arabic counterpart.
LOOKALIKES: dict[str, str] = {
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u06aa": "\u0643",  # ڪ swash kaf -> ك
    "\u06cc": "\u064a",  # ی farsi yeh -> ي
    "\u06d0": "\u064a",  # ې e -> ي
    "\u06d2": "\u064a",  # ے yeh barree -> ي
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06d5": "\u0647",  # ە ae -> ه
    # ۀ and ۂ: heh with the ezafe sign (a hamza above heh) -> ه. Not ه + U+0654, which
    # composes back to ۀ (see HAMZA_COMPOSITIONS): the fold would not be idempotent.
    "\u06c0": "\u0647",  # ۀ heh with yeh above -> ه
    "\u06c2": "\u0647",  # ۂ heh goal with hamza above -> ه
    "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة
    "\u0643": "\u0643",
    "\u06cf": "\u0648",  # ۏ waw with dot above -> و
    "\u0676": "\u0624",  # ٶ high hamza waw -> ؤ
    "\u0678": "\u0626",  # ٸ high hamza yeh -> ئ
    "\u0675": "\u0623",  # ٵ high hamza alef -> أ
}
del LOOKALIKES["\u0643"]

# --- presentation forms and invisibles ----------------------------------------------
#: Arabic Presentation Forms-A and -B.
PRESENTATION_FORMS_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
PRESENTATION_FORMS = chars_in_ranges(PRESENTATION_FORMS_RANGES)
#: Bidi embedding, override and isolate controls, LRM, RLM and ALM.
BIDI_CONTROLS = frozenset({"\u200e", "\u200f", "\u061c"}) | chars_in_ranges(
    ((0x202A, 0x202E), (0x2066, 0x2069)))
#: Invisible format characters removed by the ``invisibles`` rule: ZWNJ, ZWJ, zero
#: width space, word joiner, BOM, soft hyphen, plus every bidi control.
INVISIBLES = frozenset({"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
                        "\u180e"}) | BIDI_CONTROLS
#: Unicode space characters other than U+0020 that the ``spaces`` rule turns into a space.
UNICODE_SPACES = frozenset({"\u00a0", "\u1680", "\u202f", "\u205f", "\u3000", "\t",
                            "\u000b", "\u000c"}) | chars_in_ranges(((0x2000, 0x200A),))

#: Arabic script blocks (Arabic, Supplement, Extended-B, Extended-A, Presentation Forms).
ARABIC_BLOCK_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x089F),
                       (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: Every character of the Arabic script blocks (:data:`ARABIC_BLOCK_RANGES`).
#: PyArabic's ``ARABIC_RANGE`` leaves out Arabic Extended-A and -B (U+0870-U+08FF).
ARABIC_BLOCKS = chars_in_ranges(ARABIC_BLOCK_RANGES)
#: Every letter of the Arabic script blocks (Unicode categories Lo and Lm, presentation
#: forms included), combining marks and tatweel excluded: about a thousand characters,
#: :data:`LETTERS` among them.
ARABIC_SCRIPT_LETTERS: frozenset[str] = frozenset(
    c for c in ARABIC_BLOCKS if c.isalpha() and c not in DIACRITICS
    and c != TATWEEL) | LETTERS


def regex_class(characters) -> str:
    """A regular-expression character class (with brackets) of ``characters``, written
    as code-point ranges; a class that matches nothing if ``characters`` is empty.

    Examples
    --------
    >>> regex_class("ابت") == "[\u0627-\u0628\u062a]"
    True
    >>> regex_class(DIGITS_ASCII)
    '[0-9]'
    """
    cps = sorted({ord(c) for c in characters})
    if not cps:
        return "(?!)"
    parts: list[str] = []
    first = last = cps[0]
    for cp in cps[1:] + [-1]:
        if cp == last + 1:
            last = cp
            continue
        parts.append(re.escape(chr(first)) if first == last
                     else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
        first = last = cp
    return "[" + "".join(parts) + "]"


#: One character of the Arabic script blocks: ``ARABIC_RE.search(s)`` tells whether
#: ``s`` holds any Arabic (see :func:`has_arabic`).
ARABIC_RE: re.Pattern[str] = re.compile(regex_class(ARABIC_BLOCKS))
#: One letter of the Arabic script (:data:`ARABIC_SCRIPT_LETTERS`): count letters with
#: ``len(ARABIC_LETTER_RE.findall(s))``.
ARABIC_LETTER_RE: re.Pattern[str] = re.compile(regex_class(ARABIC_SCRIPT_LETTERS))
#: One character of the Arabic Presentation Forms-A and -B (already shaped glyphs).
PRESENTATION_FORMS_RE: re.Pattern[str] = re.compile(regex_class(PRESENTATION_FORMS))


def has_arabic(text: str) -> bool:
    """True if ``text`` holds at least one character of the Arabic script blocks.

    Examples
    --------
    >>> has_arabic("COVID-19 كورونا"), has_arabic("COVID-19")
    (True, False)
    """
    return ARABIC_RE.search(text) is not None


def has_presentation_forms(text: str) -> bool:
    """True if ``text`` holds a presentation form (a glyph shaped in advance, ``ﻻ``).

    Examples
    --------
    >>> has_presentation_forms("ﻻ"), has_presentation_forms("لا")
    (True, False)
    """
    return PRESENTATION_FORMS_RE.search(text) is not None


def is_arabic_letter(ch: str) -> bool:
    """Return True if ``ch`` is a letter of the Arabic script (not a mark or digit).

    Examples
    --------
    >>> is_arabic_letter("ب"), is_arabic_letter("َ"), is_arabic_letter("b")
    (True, False, False)
    """
    return ch in ARABIC_SCRIPT_LETTERS
