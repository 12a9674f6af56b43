"""Sentences of Arabic news: where a sentence ends, as character spans.

:func:`sentence_spans` and :func:`split_sentences` end a sentence at a line break and
after ``. ! ? ؟ … ۔``, except inside a number, a URL or an e-mail address (found with
the tokenizer's own patterns, :mod:`arabcorpus.text.tokenize`) and after an abbreviation
(:data:`ABBREVIATIONS`, initials such as ``د.``). The rules are in
:func:`sentence_spans`.

Examples
--------
>>> from arabcorpus.text.sentences import split_sentences
>>> split_sentences("قال د. فاروق إن النسبة 12.5 بالمئة. وأكد ذلك")
['قال د. فاروق إن النسبة 12.5 بالمئة.', 'وأكد ذلك']
"""

from __future__ import annotations

import re

from arabcorpus.text import chars
from arabcorpus.text import tokenize as _tk
from arabcorpus.util.validate import check_str

__all__ = ["ABBREVIATIONS", "ERA_MARKERS", "sentence_spans", "split_sentences"]

#: Abbreviations written with a full stop that does not end a sentence (compared without
#: the stop, case-sensitively). Any single letter followed by a full stop (an initial:
#: ``د.``, ``م.``, ``ص.``, ``أ.``, ``J.``), also after the conjunction و or ف (``ود.``),
#: and any run of initials (``U.S.``, ``أ.د.``) is treated as an abbreviation too, except
#: the :data:`ERA_MARKERS` after a number. This is the one list to extend.
ABBREVIATIONS: frozenset[str] = frozenset({
    # Arabic titles and references
    "د", "م", "ص", "أ", "ج", "ق", "ع", "ت", "هـ", "أد", "م.م", "ت.ب",
    # Latin titles, initialisms and references
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "Sen", "Gen", "Col", "Capt",
    "Lt", "Sgt", "Rev", "Hon", "vs", "etc", "e.g", "i.e", "U.S", "U.K", "U.N", "No",
    "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "p", "pp", "vol", "ed", "al",
})
#: Era and time markers (``2015م.``, ``1436 هـ.``, ``10 ص.``): after a number they end a
#: sentence like any word.
ERA_MARKERS: frozenset[str] = frozenset({"م", "هـ", "ه", "ص", "ق.م"})

_SENT_TERM_RE = re.compile(r"[.!?؟…۔]+[\"'»”’)\]}]*|[\n\r\u2028\u2029\x85]")
_ABBR_WORD_RE = re.compile(f"(?:{_tk._LM}|{_tk._LAT}|[.\u0640])+$")
#: URLs and e-mail addresses as the tokenizer finds them: their full stops end nothing.
_URL_SPAN_RE = re.compile("|".join(p for k, p in _tk._TOKEN_ALTERNATIVES
                                   if k in ("url", "email")))
_NUMBER_BEFORE_RE = re.compile(f"{_tk._D}\\s*$")
_DIGITS = _tk._DIGITS
_AR_LETTERS = chars.ARABIC_SCRIPT_LETTERS
_JOINERS = _tk._JOINERS
_WORD_CHAR = _AR_LETTERS | _tk._LATIN_LETTERS | set(_DIGITS)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the full stop at ``text[dot]`` closes an abbreviation."""
    m = _ABBR_WORD_RE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group()
    # the word must begin the text or follow a non-letter
    start = m.start()
    if start > 0 and text[start - 1] in _WORD_CHAR:
        return False
    word = word.strip(".")
    if not word:
        return False
    if len(word) == 2 and word[0] in "وف":
        word = word[1:]  # ود. = and Dr.
    core = word.rstrip("\u0640")
    if core in ERA_MARKERS or word in ERA_MARKERS:
        if _NUMBER_BEFORE_RE.search(text, max(0, start - 20), start) or (
                start > 0 and text[start - 1] in _DIGITS):
            return False
    if word in ABBREVIATIONS or core in ABBREVIATIONS:
        return True
    letters = word.replace(".", "")
    return len(letters) == 1 or (len(word) <= 8 and all(
        len(p) == 1 for p in word.split(".")))  # initials: U.S, أ.د


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    A sentence ends at a line break (every line of a news article is a paragraph or a
    title) and after ``. ! ? ؟ … ۔`` (with any closing quotes or brackets right after
    them) when a space, the end of the text or an Arabic letter follows (scraped news
    often drops the space after a full stop). A full stop does not end a sentence inside
    a number (``12.5``), a URL or e-mail address, or after an abbreviation
    (:data:`ABBREVIATIONS`, or any single letter, e.g. ``د.`` for Doctor), except an era
    marker after a number (``عام 2015م.``). Spans are trimmed of surrounding whitespace;
    empty sentences are left out. There is no limit on the number of sentences (PyArabic's
    ``sentence_tokenize`` stops after 32).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> sentence_spans("قال د. فاروق إن النسبة 12.5 بالمئة. وأكد ذلك")
    [(0, 35), (36, 44)]
    """
    check_str(text, "text")
    protected = [m.span() for m in _URL_SPAN_RE.finditer(text)] if (
        "@" in text or "://" in text or "www." in text.lower()) else []
    cuts: list[int] = []
    n = len(text)
    for m in _SENT_TERM_RE.finditer(text):
        s, e = m.span()
        term = m.group()
        if term[0] in "\n\r\u2028\u2029\x85":
            cuts.append(e)
            continue
        if e < n:
            nxt = text[e]
            if not (nxt.isspace() or nxt in _AR_LETTERS or nxt in _JOINERS
                    or nxt in "\"'«“(["):
                continue  # glued to a Latin word, a digit, ...: 12.5, www.x.com, U.S.A
        if protected and any(a <= s < b for a, b in protected):
            continue
        if (term[0] == "." and term.rstrip("\"'»”’)]}") == "."
                and _is_abbreviation(text, s)):
            continue
        cuts.append(e)
    spans: list[tuple[int, int]] = []
    prev = 0
    for cut in (*cuts, n):
        if cut <= prev:
            continue
        seg = text[prev:cut]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            spans.append((prev + lead, prev + trail))
        prev = cut
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (see :func:`sentence_spans` for the rules).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        Each sentence as written, trimmed of surrounding whitespace.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> split_sentences("هل يستطيع إعادة بناء نفسه؟ تحذيرات دولية!\\nاقرأ أيضاً: داعش")
    ['هل يستطيع إعادة بناء نفسه؟', 'تحذيرات دولية!', 'اقرأ أيضاً: داعش']
    """
    return [text[a:b] for a, b in sentence_spans(text)]
