"""Arabic diacritics: stripping them (all, or all but some) and measuring how much of
a text carries them.

"Diacritics" here means every Arabic combining mark, :data:`arabcorpus.text.chars.DIACRITICS`:
the harakat, tanwin, shadda and sukun (U+064B-U+0652), combining maddah and hamza
(U+0653-U+0655), the extra marks U+0656-U+065F, the superscript ("dagger") alef U+0670,
the Quranic annotation marks (U+0610-U+061A, U+06D6-U+06DC, U+06DF-U+06E8,
U+06EA-U+06ED) and the combining marks of Arabic Extended-A and -B. PyArabic's
``strip_tashkeel`` removes only U+064B-U+0652 (it leaves the dagger alef and the Quranic
marks) and CAMeL Tools' ``dediac_ar`` removes U+064B-U+0652 and U+0670.

Examples
--------
>>> from arabcorpus.text.diacritics import strip_diacritics, diacritic_density
>>> strip_diacritics("جرّاء")
'جراء'
>>> strip_diacritics("مُحَمَّدٌ", keep=("shadda",))
'محمّد'
>>> round(diacritic_density("مُحَمَّدٌ"), 2)
1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from arabcorpus.text import chars
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_number, check_str

__all__ = ["DIACRITIC_NAMES", "strip_diacritics", "diacritic_density", "is_diacritized",
           "DEFAULT_THRESHOLD"]

#: Names accepted in ``keep=`` (besides single mark characters), each standing for a
#: set of marks.
DIACRITIC_NAMES: dict[str, frozenset[str]] = {
    "fathatan": frozenset({"\u064b"}),
    "dammatan": frozenset({"\u064c"}),
    "kasratan": frozenset({"\u064d"}),
    "fatha": frozenset({"\u064e"}),
    "damma": frozenset({"\u064f"}),
    "kasra": frozenset({"\u0650"}),
    "shadda": chars.SHADDA_SET,
    "sukun": chars.SUKUN_SET,
    "harakat": chars.HARAKAT,
    "tanwin": chars.TANWIN,
    "tashkeel": chars.TASHKEEL,
    "madda_hamza": chars.MADDA_HAMZA_MARKS,
    "dagger_alef": frozenset({chars.DAGGER_ALEF}),
    "quranic": chars.QURANIC_MARKS,
    "extended": chars.EXTENDED_A_MARKS,
}

#: Default ``threshold`` of :func:`is_diacritized`: at least half of the Arabic letters
#: carry a mark ("mostly diacritized"). Fully vocalized MSA gives about 0.6-0.9 (bare
#: long vowels lower it); news text with the occasional tanwin or shadda about 0.01.
DEFAULT_THRESHOLD = 0.5


def _resolve_keep(keep: Iterable[str] | str) -> frozenset[str]:
    if isinstance(keep, str):
        keep = (keep,)
    try:
        items = list(keep)
    except TypeError:
        raise TypeError("keep must be an iterable of mark characters or names, "
                        f"not {type(keep).__name__}") from None
    out: set[str] = set()
    for item in items:
        check_str(item, "keep item")
        if item in DIACRITIC_NAMES:
            out |= DIACRITIC_NAMES[item]
        elif len(item) == 1 and item in chars.DIACRITICS:
            out.add(item)
        else:
            raise ValueError(
                f"keep: {item!r} is neither an Arabic combining mark nor a name; valid "
                f"names: {', '.join(sorted(DIACRITIC_NAMES))}")
    return frozenset(out)


@lru_cache(maxsize=64)
def _pattern(keep: frozenset[str]) -> re.Pattern[str]:
    # a class without ``+`` is about twice as fast with ``re.sub``
    return re.compile(chars.regex_class(chars.DIACRITICS - keep))


@lru_cache(maxsize=64)
def _compose_pattern(marks: frozenset[str]) -> re.Pattern[str]:
    """A seat of :data:`arabcorpus.text.chars.HAMZA_COMPOSITIONS` directly followed by one
    of ``marks``."""
    return re.compile(chars.regex_class(chars.COMPOSE_BASES) + chars.regex_class(marks))


def _compose(match: re.Match[str]) -> str:
    pair = match.group()
    return chars.HAMZA_COMPOSITIONS.get((pair[0], pair[1]), pair)


@keyword_only("text", old=("keep",))
def strip_diacritics(text: str, *, keep: Iterable[str] | str = ()) -> str:
    """Remove every Arabic combining mark from ``text``, except those in ``keep``.

    Parameters
    ----------
    text : str
        Any string; marks without a base letter are removed like the others, and
        non-Arabic text passes through unchanged.
    keep : iterable of str, optional
        Marks to keep, as characters (``"\\u0651"``) or names from
        :data:`DIACRITIC_NAMES` (``"shadda"``, ``"harakat"``, ``"tanwin"``, ...).
        A single string is one mark or one name.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    ValueError
        If an item of ``keep`` is neither an Arabic mark nor a known name.

    Notes
    -----
    **A hamza is a consonant, not a diacritic**, so it is never removed. First, each
    combining maddah or hamza (U+0653-U+0655) written right after a letter it composes
    with is composed with it, as the ``compose`` rule of
    :class:`arabcorpus.text.normalize.Normalizer` does
    (:data:`arabcorpus.text.chars.HAMZA_COMPOSITIONS`; Unicode's canonical composition for
    all but two pairs): ``مسو`` + U+0654 + ``ول`` gives ``مسؤول``, ``ا`` + U+0655 gives
    ``إ``, ``ا`` + U+0653 gives ``آ``. Then a combining hamza above or below that
    composed with nothing (it follows another letter, another mark, or nothing) is
    written as the hamza letter ``ء`` U+0621: ``ر`` + U+0654 gives ``رء``. A combining
    maddah that composed with nothing is a sign of length and is removed like the other
    marks. Marks named in ``keep`` are left as written (neither composed nor changed).
    Only a mark right after its seat composes: ``ا`` + fatha + U+0654 (the order
    Unicode's NFD gives) is ``اء``.

    Removes what PyArabic's ``strip_tashkeel`` leaves (the dagger alef U+0670, Quranic
    marks, Extended-A marks). Tatweel is a letter, not a mark, and is kept; the
    ``tatweel`` rule of :class:`arabcorpus.text.normalize.Normalizer` removes it.

    **Deliberate difference from CAMeL Tools.** ``camel_tools.utils.dediac.dediac_ar``
    removes only U+064B-U+0652 and U+0670; this function also removes every other
    Arabic combining mark: U+0656-U+065F, the Quranic marks, the Extended-A/-B marks,
    and the combining maddah U+0653 where it does not compose (on ``ن`` in a Quranic
    ``نٓ``, say); a combining hamza is composed or written ``ء`` as said above. For
    example ``"ن" + U+0653`` gives ``"ن"`` here and stays ``"نٓ"`` with ``dediac_ar``.
    Apart from that the two agree: on all 31,030 SaudiNewsNet articles,
    ``strip_diacritics(t) == dediac_ar(t')`` where ``t'`` is ``t`` without those extra
    marks (tested; SaudiNewsNet has no combining hamza).

    Examples
    --------
    >>> strip_diacritics("أيضاً")
    'أيضا'
    >>> strip_diacritics("جرّاء", keep="shadda")
    'جرّاء'
    >>> strip_diacritics("هٰذَا")        # dagger alef, which strip_tashkeel keeps
    'هذا'
    >>> strip_diacritics("ٱلْحَمْدُ لِلَّهِ ۝")
    'ٱلحمد لله ۝'
    >>> strip_diacritics("ن\u0653")         # dediac_ar keeps the combining madda
    'ن'
    >>> strip_diacritics("مسو\u0654ول")      # the hamza composes with its seat
    'مسؤول'
    >>> strip_diacritics("ر\u0654س")        # a hamza with no seat stays a hamza
    'رءس'
    """
    check_str(text, "text")
    keep = _resolve_keep(keep) if keep else frozenset()
    if "\u0653" in text or "\u0654" in text or "\u0655" in text:
        marks = chars.COMBINING_HAMZA_MADDA - keep
        if marks:
            text = _compose_pattern(marks).sub(_compose, text)
        for hamza in chars.COMBINING_HAMZA - keep:
            text = text.replace(hamza, chars.HAMZA)
    return _pattern(keep).sub("", text)


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Boolean tables over the BMP: Arabic letter, Arabic combining mark."""
    letter = np.zeros(0x10000, dtype=bool)
    letter[[ord(c) for c in chars.ARABIC_SCRIPT_LETTERS]] = True
    mark = np.zeros(0x10000, dtype=bool)
    mark[[ord(c) for c in chars.DIACRITICS]] = True
    return letter, mark


def _counts(text: str) -> tuple[int, int]:
    """(number of Arabic letters, number of them directly followed by a mark)."""
    if not text:
        return 0, 0
    letter, mark = _tables()
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    idx = np.minimum(cps, 0xFFFF)        # nothing above the BMP is an Arabic letter/mark
    big = cps > 0xFFFF
    is_letter = letter[idx] & ~big
    is_mark = mark[idx] & ~big
    n_letters = int(is_letter.sum())
    carrying = int((is_letter[:-1] & is_mark[1:]).sum())
    return n_letters, carrying


def diacritic_density(text: str) -> float:
    """Share of the Arabic letters in ``text`` that carry at least one mark.

    A letter carries a mark when a mark of :data:`arabcorpus.text.chars.DIACRITICS`
    follows it directly (further marks stack on the first). Letters are the letters
    (categories Lo and Lm) of the Arabic blocks, tatweel excluded
    (:data:`arabcorpus.text.chars.ARABIC_SCRIPT_LETTERS`).

    Parameters
    ----------
    text : str

    Returns
    -------
    float
        Between 0 and 1; 0.0 for a text without Arabic letters.

    Examples
    --------
    >>> diacritic_density("كَتَبَ")
    1.0
    >>> diacritic_density("جرّاء")        # one letter of four carries shadda
    0.25
    >>> diacritic_density("hello")
    0.0
    """
    check_str(text, "text")
    n_letters, carrying = _counts(text)
    return carrying / n_letters if n_letters else 0.0


@keyword_only("text", old=("threshold",))
def is_diacritized(text: str, *, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True if at least ``threshold`` of the Arabic letters of ``text`` carry a mark.

    Parameters
    ----------
    text : str
    threshold : float, default 0.5
        Between 0 and 1 (see :data:`DEFAULT_THRESHOLD`). A text without Arabic letters
        is never diacritized.

    Examples
    --------
    >>> is_diacritized("ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ")
    True
    >>> is_diacritized("أيضاً")
    False
    >>> is_diacritized("أيضاً", threshold=0.2)
    True
    """
    check_str(text, "text")
    threshold = check_number(threshold, "threshold", minimum=0.0, maximum=1.0)
    n_letters, carrying = _counts(text)
    return n_letters > 0 and carrying / n_letters >= threshold
