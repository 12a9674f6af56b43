"""Tokenize Arabic news: words, numbers, URLs, hashtags, punctuation.

Sentences are :mod:`arabcorpus.text.sentences`; the light clitic segmentation that
``tokenize(text, clitics=True)`` applies is :mod:`arabcorpus.text.light_clitics` (both
modules' names are importable from here too).

Every token carries its character span in the input (``text == input[start:end]``), as
NLTK's ``span_tokenize`` and PyArabic's ``tokenize_with_location`` do, so a concordance
can always show the original text around a token.

Tokens and their kinds (:data:`KINDS`; the index of a kind is its ``uint8`` code):

``arabic``
    A run of Arabic letters (any letter of the Arabic script blocks, presentation forms
    included) with their combining marks. Tatweel and invisible joiners (ZWNJ, ZWJ...)
    *between* letters stay in the token (``كـتـاب`` is one token); tatweel at the edge of
    a word is not part of any token, like a space. So the news convention ``لـ"روزنة"``
    (a preposition stretched with tatweel before a quoted name) gives ``ل``, ``"``,
    ``روزنة``, ``"``; the normalized form of the stretched preposition is ``ل`` anyway.
    Combining marks written before the first letter (a typing slip) join the word.
``latin``
    Latin letters (ASCII and Latin-1/Extended-A/B/Additional), then letters or ASCII
    digits (``COVID19``, ``H1N1``), with inner apostrophes (``Qur'an``).
``number``
    Digits of any of the three systems (ASCII, Arabic-Indic ``٠-٩``, Eastern ``۰-۹``)
    with inner decimal or thousands separators (``. , ٫ ٬``) and an optional percent or
    per-mille sign after them (``% ٪ ‰ ؉``): ``12.5``, ``1,000``, ``٥٫٩٤٩٫٢١٢``,
    ``99.97%``, ``١٢٪``. Clock times ``H:MM`` and ``H:MM:SS`` (one or two digits, then
    minutes and seconds from ``00`` to ``59``, all in one digit system) are one number
    too: ``6:30``, ``12:05:59``, ``٦:٣٠``; other colons between digits are punctuation
    (``2:255``, ``3:1``, ``1:00:00:00`` are split at each colon). A sign before the
    digits (``-5``) is punctuation of its own, and a number glued to letters is split
    from them (``الزور24`` gives ``الزور``, ``24``).
``url``, ``email``, ``hashtag``, ``mention``
    ``http(s)://...``, ``ftp://...`` and ``www....`` (trailing punctuation excluded),
    e-mail addresses, ``#السعودية``/``#Saudi_Arabia`` (at least one letter after ``#``)
    and ``@handles``.
``punct``
    One punctuation character (Unicode category P*), or a run of two or more full stops
    (``...``). ``#`` and ``@`` on their own are punctuation too.
``symbol``
    One symbol character (category S*: currency, maths, emoji, ``﷼``).
``other``
    Words of other scripts (Cyrillic, Hebrew, CJK...), and single characters of any other
    category: a combining mark with no letter before it, a lone surrogate, a private-use
    or unassigned code point.

Whitespace, invisible format characters (ZWNJ, bidi controls, BOM, soft hyphen) and
tatweel outside a word separate tokens and are not tokens themselves (so a tatweel used
as a dash, ``التخصصي ـ مستشفى``, is a separator). Nothing else is dropped: every other
character of the input is in exactly one token.

Speed: one compiled pattern, applied with one :meth:`re.Pattern.split` call to the
pieces of the text that are not plain Arabic words (most words are taken straight from
:meth:`str.split`), spans from the positions of spaces and cumulative sums of lengths,
kinds from a lookup table of first characters (NumPy), and no Python function call per
token. :func:`tokenize` returns a :class:`Tokens` sequence, which keeps the token
strings in a tuple and the spans and kinds in arrays and makes each :class:`Token` when it
is read, so that millions of kept tokens are not millions of objects for the garbage
collector to traverse.

:func:`tokenize` and :func:`token_spans` share one compiled pattern and give the same
tokens; :func:`token_spans` returns NumPy arrays for corpus building.

Examples
--------
>>> from arabcorpus.text.tokenize import tokenize
>>> [(t.text, t.kind) for t in tokenize('قتل 14 عنصرا لـ "روزنة".')]
[('قتل', 'arabic'), ('14', 'number'), ('عنصرا', 'arabic'), ('ل', 'arabic'),
 ('"', 'punct'), ('روزنة', 'arabic'), ('"', 'punct'), ('.', 'punct')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import compress, repeat
from operator import index as _index, itemgetter
from typing import Iterable, NamedTuple

import numpy as np

from arabcorpus.text import chars
from arabcorpus.text.light_clitics import (ENCLITICS, PROCLITICS,  # noqa: F401 (also here)
                                           _split_clitic_columns, segment_clitics)
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_bool, check_str

try:  # the optional C accelerator (setup.py builds it where a compiler is found)
    from arabcorpus.text._tokens_c import make_tokens as _c_make_tokens
except ImportError:
    _c_make_tokens = None

__all__ = [
    "KINDS", "KIND_CODES", "Token", "Tokens", "tokenize", "token_spans", "tokenize_many",
    "token_spans_many",
]

#: Token kinds; the index of a kind is its ``uint8`` code in :func:`token_spans`.
KINDS: tuple[str, ...] = ("arabic", "latin", "number", "url", "email", "hashtag",
                          "mention", "punct", "symbol", "other")
#: Kind name -> ``uint8`` code.
KIND_CODES: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
(_ARABIC, _LATIN, _NUMBER, _URL, _EMAIL, _HASHTAG, _MENTION, _PUNCT, _SYMBOL,
 _OTHER) = range(len(KINDS))
assert _ARABIC == 0  # _scan makes the kinds of plain Arabic words with np.zeros


class Token(NamedTuple):
    """One token: its text, its character span ``[start, end)`` in the input, its kind.

    ``text == input[start:end]`` always holds.

    Examples
    --------
    >>> Token("جرّاء", 0, 5, "arabic").end
    5
    """

    text: str
    start: int
    end: int
    kind: str


_object_new = object.__new__
_tuple_new = tuple.__new__


class Tokens(Sequence):
    """The tokens of one text: a read-only sequence of :class:`Token`, stored as columns.

    What :func:`tokenize` and :func:`tokenize_many` return. It behaves like a list of
    :class:`Token` that cannot be changed: ``len``, indexing (an int gives a
    :class:`Token`, a slice gives a :class:`Tokens`), iteration, ``in``, ``index``,
    ``count``, ``reversed`` and equality with another :class:`Tokens` or with a list of
    :class:`Token` (or of 4-tuples). It is not a :class:`list`: use :meth:`tolist` (or
    ``list(tokens)``) where a real list is needed.

    The token strings are kept in one tuple and the spans and kinds in NumPy arrays;
    each :class:`Token` is made when it is read. So a tokenized corpus holds a few
    objects per text instead of one tuple per token, which CPython's garbage collector
    would otherwise traverse again and again (it never untracks instances of a tuple
    subclass, while a tuple of strings is untracked after its first collection).
    The columns are also available directly (:attr:`texts`, :attr:`starts`,
    :attr:`ends`, :attr:`kinds`), the fastest way to read many tokens.

    Parameters
    ----------
    tokens : iterable of Token, optional
        The tokens, or any ``(text, start, end, kind)`` tuples with ``kind`` in
        :data:`KINDS`. Empty by default.

    Raises
    ------
    ValueError
        If a kind is not in :data:`KINDS`.

    Examples
    --------
    >>> toks = tokenize("أكد 14 عنصرا.")
    >>> len(toks), toks[1]
    (4, Token(text='14', start=4, end=6, kind='number'))
    >>> toks[1:3]
    Tokens([Token(text='14', start=4, end=6, kind='number'),
            Token(text='عنصرا', start=7, end=12, kind='arabic')])
    >>> [t.text for t in toks if t.kind != "punct"]
    ['أكد', '14', 'عنصرا']
    >>> toks.texts, toks.starts.tolist(), toks.kinds.tolist()
    (['أكد', '14', 'عنصرا', '.'], [0, 4, 7, 12], [0, 2, 0, 7])
    >>> toks == [Token("أكد", 0, 3, "arabic"), Token("14", 4, 6, "number"),
    ...          Token("عنصرا", 7, 12, "arabic"), Token(".", 12, 13, "punct")]
    True
    >>> Tokens([Token("نص", 0, 2, "arabic")])
    Tokens([Token(text='نص', start=0, end=2, kind='arabic')])
    """

    __slots__ = ("_texts", "_starts", "_ends", "_kinds")
    __hash__ = None  # type: ignore[assignment]  # equal to lists, which are unhashable

    def __init__(self, tokens: Iterable[tuple[str, int, int, str]] = ()) -> None:
        rows = [tuple(t) for t in tokens]
        try:
            codes = [KIND_CODES[row[3]] for row in rows]
        except KeyError as exc:
            raise ValueError(f"unknown token kind {exc.args[0]!r}: not in KINDS"
                             ) from None
        self._texts = tuple(row[0] for row in rows)
        self._starts = _readonly(np.array([row[1] for row in rows], dtype=np.int64))
        self._ends = _readonly(np.array([row[2] for row in rows], dtype=np.int64))
        self._kinds = _readonly(np.array(codes, dtype=np.uint8))

    @classmethod
    def _from_columns(cls, texts: tuple[str, ...], starts: np.ndarray, ends: np.ndarray,
                      kinds: np.ndarray) -> "Tokens":
        """A :class:`Tokens` over the given columns (not copied, not checked)."""
        self = _object_new(cls)
        self._texts = texts
        self._starts = starts
        self._ends = ends
        self._kinds = kinds
        return self

    @property
    def texts(self) -> list[str]:
        """The token strings, in order (a new list each time)."""
        return list(self._texts)

    @property
    def starts(self) -> np.ndarray:
        """Start of each token in the input (read-only ``int64`` array)."""
        return self._starts

    @property
    def ends(self) -> np.ndarray:
        """End (exclusive) of each token in the input (read-only ``int64`` array)."""
        return self._ends

    @property
    def kinds(self) -> np.ndarray:
        """Kind code of each token, an index into :data:`KINDS` (read-only ``uint8``
        array, as in :func:`token_spans`)."""
        return self._kinds

    def __len__(self) -> int:
        return len(self._texts)

    def __iter__(self):
        if _c_make_tokens is not None:
            return iter(self.tolist())
        # Each Token made by C code (tuple.__new__ over zip, no Python call per token),
        # its start and end shared int objects where they are small (_int_list).
        return map(_tuple_new, repeat(Token), zip(*self._token_columns()))

    def _token_columns(self) -> tuple[tuple[str, ...], list[int], list[int], list[str]]:
        """The four fields of the tokens, as sequences of Python objects."""
        return (self._texts, _int_list(self._starts), _int_list(self._ends),
                _KIND_NAMES[self._kinds].tolist())

    def __reversed__(self):
        return iter(self[::-1])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Tokens._from_columns(self._texts[index], self._starts[index],
                                        self._ends[index], self._kinds[index])
        text = self._texts[index]  # IndexError, TypeError as for a list
        index = _index(index)
        return Token(text, int(self._starts[index]), int(self._ends[index]),
                     KINDS[self._kinds[index]])

    def tolist(self) -> list[Token]:
        """The tokens as a list of :class:`Token`.

        Examples
        --------
        >>> tokenize("أكد ذلك").tolist()
        [Token(text='أكد', start=0, end=3, kind='arabic'),
         Token(text='ذلك', start=4, end=7, kind='arabic')]
        """
        if _c_make_tokens is not None:
            # The same tuples, made by the C accelerator and untracked by the garbage
            # collector (they hold only str and int). Kept: [list(tokenize(t)) for t
            # in texts] over all SaudiNewsNet articles takes 6.2 s of CPU time instead
            # of 11.7 s, 1.06x PyArabic's tokenize instead of 0.56x (2026-12-05,
            # best of 3, the paths in turn in one process).
            return _c_make_tokens(Token, *self._token_columns())
        return list(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return (self._texts == other._texts
                    and np.array_equal(self._starts, other._starts)
                    and np.array_equal(self._ends, other._ends)
                    and np.array_equal(self._kinds, other._kinds))
        if isinstance(other, list):
            return len(other) == len(self._texts) and list(self) == other
        return NotImplemented

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"

    def __reduce__(self):
        return _tokens_from_columns, (self._texts, self._starts, self._ends, self._kinds)


def _tokens_from_columns(texts, starts, ends, kinds) -> Tokens:
    """Unpickle a :class:`Tokens` (arrays made read-only again)."""
    return Tokens._from_columns(tuple(texts), _readonly(np.asarray(starts, np.int64)),
                                _readonly(np.asarray(ends, np.int64)),
                                _readonly(np.asarray(kinds, np.uint8)))


_SMALL_BITS = 15
#: The int objects ``0 .. 2**15 - 1``, made once (about 1 MB), as an object array.
_SMALL_INTS = np.array(range(1 << _SMALL_BITS), dtype=object)


def _int_list(values: np.ndarray) -> list[int]:
    """``values.tolist()`` (an ``int64`` array), with the ints of :data:`_SMALL_INTS`
    when every value is in ``0 .. 2**15 - 1``.

    The token spans of a news article are such small ints. Sharing them, the Token
    tuples of a text hold no int of their own: 64 bytes and two allocations fewer per
    token, and the garbage collector, which traverses every kept Token again at each
    full collection, reads the same few ints instead of two new ones per token. Kept:
    ``[list(tokenize(t)) for t in texts]`` over all SaudiNewsNet articles takes 1.6 GB
    instead of 2.1 GB, and making and freeing the lists about 5% less CPU time
    (2026-12-05, fresh interpreters, VmRSS and ``time.process_time``).
    """
    if (values >> _SMALL_BITS).any():  # a value < 0 or >= 2**15
        return values.tolist()
    return _SMALL_INTS[values].tolist()


def _readonly(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


# --- character classes, built once from arabcorpus.text.chars ---------------------------

#: Arabic letters (of every Arabic block, presentation forms included) and combining
#: marks (every one of the Arabic blocks is in ``chars.DIACRITICS``).
_AR_LETTERS = chars.ARABIC_SCRIPT_LETTERS
_AR_MARKS = chars.DIACRITICS
#: Inside a word only: tatweel and zero-width joiners and other invisibles.
_JOINERS = frozenset({chars.TATWEEL}) | chars.INVISIBLES
#: Every character that :meth:`str.isspace` accepts (what ``\\s`` matches in ``re``).
_WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029"
                        "\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B))
#: Characters between tokens: whitespace, invisibles and tatweel outside words.
_GAP = _WHITESPACE | chars.UNICODE_SPACES | _JOINERS
_GAP_STR = "".join(sorted(_GAP))
_DIGITS = chars.DIGITS_ASCII + chars.DIGITS_ARABIC_INDIC + chars.DIGITS_EASTERN
_NUM_SEPARATORS = ".," + chars.ARABIC_DECIMAL_SEPARATOR + chars.ARABIC_THOUSANDS_SEPARATOR
_PERCENT = "%" + chars.ARABIC_PERCENT + "\u2030\u0609\u060a"
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F),
                 (0x1E00, 0x1EFF))
_LATIN_LETTERS = frozenset(chr(c) for a, b in _LATIN_RANGES for c in range(a, b + 1))


_cls = chars.regex_class
_L, _M, _J = _cls(_AR_LETTERS), _cls(_AR_MARKS), _cls(_JOINERS)
_LM = _cls(_AR_LETTERS | _AR_MARKS)
_LAT = _cls(_LATIN_LETTERS)
_LATM = _cls(_LATIN_LETTERS | set(chars.DIGITS_ASCII)
             | {chr(c) for c in range(0x300, 0x370)})
_D = _cls(_DIGITS)
_NOT_GAP = "[^" + _cls(_GAP)[1:]
_GAP_RUN = _cls(_GAP) + "*"
_URL_BODY = r"[^\s<>\"'«»“”()\[\]{}،؛]"
_URL_END = r"[^\s<>\"'«»“”()\[\]{}،؛.,;:!?؟…]"
_OTHER_SCRIPT = "[^\\W_" + _cls(_LATIN_LETTERS | chars.ARABIC_BLOCKS)[1:]



def _clock_pattern() -> str:
    """Clock times ``H:MM`` and ``H:MM:SS`` in one digit system (ASCII ``6:30``,
    Arabic-Indic ``٦:٣٠``, Eastern ``۶:۳۰``): 1 or 2 digits, then one or two groups of
    a colon and exactly two digits from 00 to 59. Not a clock time (so left to the
    number rule, which splits at the colon) when more digits, a colon and a digit, or a
    separator and a digit follow, or a digit and a colon come before: ``2:255`` (a
    verse reference), ``3:1`` (a ratio), ``1:00:00:00``, ``6:30.5``. The look-around
    sees only digits, colons and number separators, never a space, so batching texts
    joined by spaces (:func:`_scan_batch`) is not affected.
    """
    alternatives = []
    for digits in (chars.DIGITS_ASCII, chars.DIGITS_ARABIC_INDIC, chars.DIGITS_EASTERN):
        d = f"[{digits[0]}-{digits[9]}]"
        d05 = f"[{digits[0]}-{digits[5]}]"
        alternatives.append(f"{d}{{1,2}}(?::{d05}{d}){{1,2}}")
    return (f"(?<!{_D}:)(?:{'|'.join(alternatives)})"
            f"(?!{_D}|:{_D}|[{re.escape(_NUM_SEPARATORS)}]{_D})")


_CLOCK = _clock_pattern()

#: One alternative per kind, in the order they are tried (Arabic words first: they are
#: about nine tokens in ten of Arabic news; a URL or e-mail before a Latin word).
_TOKEN_ALTERNATIVES = (
    ("arabic", f"{_M}*{_L}{_LM}*(?:{_J}+{_LM}+)*"),
    ("url", f"(?i:(?:https?|ftp)://|www\\.){_URL_BODY}*{_URL_END}"),
    ("email", r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]{1,63}"
              r"(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}"),
    ("latin", f"{_LAT}{_LATM}*(?:['’]{_LAT}{_LATM}*)*"),
    ("number", _CLOCK + "|" + f"{_D}+(?:[{re.escape(_NUM_SEPARATORS)}]{_D}+)*"
               f"[{_PERCENT}]?"),
    ("hashtag", f"#[\\d_]*[^\\W\\d_](?:\\w|{_M}|{_J})*"),
    ("mention", r"@\w+"),
    ("other", f"{_OTHER_SCRIPT}+"),
    ("punct", r"\.\.+"),
    ("single", _NOT_GAP),
)
_TOKEN_PATTERN = "|".join(p for _, p in _TOKEN_ALTERNATIVES)
#: A gap (possibly empty) followed by one token: ``findall`` partitions the input.
_PART_RE = re.compile(f"{_GAP_RUN}(?:{_TOKEN_PATTERN})")
_KIND_RES = {KIND_CODES[k]: re.compile(p) for k, p in _TOKEN_ALTERNATIVES
             if k in ("url", "email", "hashtag", "mention", "arabic")}

# --- kind of a token from its first character --------------------------------------
_RESOLVE = 255  # look at the whole token
_FIRST = np.full(0x110000, _RESOLVE, dtype=np.uint8)
for _c in _AR_LETTERS:
    _FIRST[ord(_c)] = _ARABIC
for _c in _DIGITS[10:]:
    _FIRST[ord(_c)] = _NUMBER
for _c in "!\"'(),-./:;?[\\]_{}«»¡¿·" + "".join(chars.ARABIC_PUNCTUATION) \
        + "".join(chars.QUOTES) + "…‐‑‒–—―‘’‚‛•′″‹›⁄":
    _FIRST[ord(_c)] = _PUNCT
for _c in "$+<=>^`|~¢£¤¥¦§¨©¬®¯°±´¶¸×÷":
    _FIRST[ord(_c)] = unicodedata.category(_c).startswith("P") and _PUNCT or _SYMBOL
_FIRST[ord(chars.ARABIC_PERCENT)] = _PUNCT


def _resolve(tok: str) -> int:
    """Kind code of a token whose first character does not decide it."""
    first = tok[0]
    if first in _LATIN_LETTERS or first in chars.DIGITS_ASCII:
        if "@" in tok:
            if _KIND_RES[_EMAIL].fullmatch(tok):
                return _EMAIL
        elif ("." in tok or ":" in tok) and _KIND_RES[_URL].fullmatch(tok):
            return _URL
        return _LATIN if first in _LATIN_LETTERS else _NUMBER
    if first == "#" and len(tok) > 1:
        return _HASHTAG
    if first == "@" and len(tok) > 1:
        return _MENTION
    if first in _AR_MARKS and _KIND_RES[_ARABIC].fullmatch(tok):
        return _ARABIC
    if len(tok) > 1 and tok != "." * len(tok):
        return _OTHER  # a word of another script
    cat = unicodedata.category(first)
    return _PUNCT if cat[0] == "P" else _SYMBOL if cat[0] == "S" else _OTHER


for _c in _LATIN_LETTERS:
    _FIRST[ord(_c)] = _LATIN
_FIRST[ord("0"):ord("9") + 1] = _NUMBER
for _c in "#@" + "".join(_AR_MARKS):
    _FIRST[ord(_c)] = _RESOLVE
del _c
#: The same table for texts that may hold a URL or an e-mail address (they contain
#: ``@``, ``://`` or ``www.``): there, a token beginning with a Latin letter or an ASCII
#: digit is looked at whole.
_FIRST_WEB = _FIRST.copy()
_FIRST_WEB[[ord(c) for c in _LATIN_LETTERS | set(chars.DIGITS_ASCII)]] = _RESOLVE
_WEB_RE = re.compile(r"@|://|(?i:www\.)")

#: Documents longer than this are tokenized in pieces cut at whitespace (same tokens,
#: less temporary memory).
_CHUNK = 1 << 20
_SPACE_RE = re.compile(r"\s")
_EMPTY_I64 = np.zeros(0, np.int64)
_EMPTY_U8 = np.zeros(0, np.uint8)
#: Kind names as a NumPy object array, to turn codes into names in one step.
_KIND_NAMES = np.array(KINDS, dtype=object)


def _chunks(text: str):
    """Yield ``(offset, piece)``, cutting long texts just after a whitespace character."""
    n = len(text)
    if n <= _CHUNK:
        yield 0, text
        return
    pos = 0
    while pos < n:
        cut = pos + _CHUNK
        if cut >= n:
            yield pos, text[pos:]
            return
        m = _SPACE_RE.search(text, cut)
        cut = m.end() if m else n
        yield pos, text[pos:cut]
        pos = cut


def _scan_regex(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Tokens (list), starts, ends (int64) and kind codes (uint8): the plain regex scan.

    The reference implementation; :func:`_scan` gives the same result faster.
    """
    parts = _PART_RE.findall(text)
    n = len(parts)
    if not n:
        return [], _EMPTY_I64, _EMPTY_I64, _EMPTY_U8
    # each part is a gap (maybe empty) then a token: the cumulative sum of the part
    # lengths gives the token ends, minus the token lengths their starts
    toks = list(map(str.lstrip, parts, repeat(_GAP_STR)))
    ends = np.fromiter(map(len, parts), np.int64, n).cumsum()
    starts = ends - np.fromiter(map(len, toks), np.int64, n)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    web = "@" in text or "://" in text or "w." in text or "W." in text
    kinds = (_FIRST_WEB if web else _FIRST)[cps[starts]]
    todo = np.flatnonzero(kinds == _RESOLVE)
    if todo.size:
        kinds[todo] = [_resolve(toks[i]) for i in todo.tolist()]
    return toks, starts, ends, kinds


#: Characters of a "plain" Arabic word (letters and marks only), first a letter.
_PLAIN = np.zeros(0x110000, dtype=bool)
_PLAIN[[ord(c) for c in _AR_LETTERS | _AR_MARKS]] = True
_PLAIN_FIRST = np.zeros(0x110000, dtype=bool)
_PLAIN_FIRST[[ord(c) for c in _AR_LETTERS]] = True
#: Characters that make a piece between spaces not a plain Arabic word.
_DIRTY = ~_PLAIN
_DIRTY[ord(" ")] = False
#: The token pattern as one group, for :meth:`re.Pattern.split`.
_SPLIT_RE = re.compile(f"({_TOKEN_PATTERN})")


def _scan(text: str, with_text: bool = True
          ) -> tuple[tuple[str, ...] | None, np.ndarray, np.ndarray, np.ndarray]:
    """Same result as :func:`_scan_regex` (texts only if ``with_text``, as a tuple),
    faster.

    No token contains a space, so the text is cut into pieces at spaces (their spans
    from the positions of the spaces, their strings from :meth:`str.split`); a piece
    made only of Arabic letters and marks, first a letter (most of the words of Arabic
    news), is one ``arabic`` token as it is. The other pieces are joined with spaces and
    cut in one :meth:`re.Pattern.split` call (tokens at odd positions, the gaps between
    them at even positions, so that the cumulative sum of the lengths gives the spans);
    the two streams of tokens are then merged back into text order with array
    arithmetic, and their strings with one :func:`operator.itemgetter`. Apart from
    :func:`_resolve` for the rare tokens whose first character does not decide the kind,
    no Python code runs per token.
    """
    cps = np.frombuffer((text + " ").encode("utf-32-le", "surrogatepass"), np.uint32)
    p_ends = (cps == 32).nonzero()[0]   # piece i is text[p_starts[i]:p_ends[i]]
    m = len(p_ends)
    p_starts = np.empty(m, np.int64)
    p_starts[0] = 0
    np.add(p_ends[:-1], 1, out=p_starts[1:])
    # ``take`` rather than fancy indexing: the same, and faster on small arrays
    plain = _PLAIN_FIRST.take(cps.take(p_starts))   # empty pieces: a space, False
    dirty = _DIRTY.take(cps).nonzero()[0]
    if len(dirty):
        plain[p_ends.searchsorted(dirty)] = False
    rest = ~plain
    rest &= p_ends > p_starts
    rest_idx = rest.nonzero()[0]
    plain_idx = plain.nonzero()[0]
    pieces = text.split(" ") if with_text else None
    n_plain = len(plain_idx)
    if not len(rest_idx):
        kinds = np.zeros(n_plain, np.uint8)   # all _ARABIC
        if n_plain == m:
            toks = tuple(pieces) if pieces is not None else None
            return toks, p_starts, p_ends, kinds
        toks = (tuple([pieces[i] for i in plain_idx.tolist()]) if pieces is not None
                else None)
        return toks, p_starts.take(plain_idx), p_ends.take(plain_idx), kinds
    r_p_starts = p_starts.take(rest_idx)
    r_p_ends = p_ends.take(rest_idx)
    if pieces is None:
        sub = " ".join([text[a:b]
                        for a, b in zip(r_p_starts.tolist(), r_p_ends.tolist())])
    else:
        sub = " ".join([pieces[i] for i in rest_idx.tolist()])
    parts = _SPLIT_RE.split(sub)   # gap, token, gap, token, ..., gap
    sub_toks = parts[1::2]
    cum = np.fromiter(map(len, parts), np.int64, len(parts)).cumsum()
    sub_s = cum[0:-1:2]
    sub_e = cum[1::2]
    # from positions in ``sub`` to positions in ``text``: shift by rest piece
    r_lens = r_p_ends - r_p_starts
    r_lens += 1
    r_starts = r_lens.cumsum()
    r_starts -= r_lens
    shift = (r_p_starts - r_starts).take(r_starts.searchsorted(sub_s, "right") - 1)
    sub_s = sub_s + shift
    sub_e = sub_e + shift
    web = "@" in sub or "://" in sub or "w." in sub or "W." in sub
    sub_k = (_FIRST_WEB if web else _FIRST).take(cps.take(sub_s))
    todo = (sub_k == _RESOLVE).nonzero()[0]
    if len(todo):
        sub_k[todo] = [_resolve(sub_toks[i]) for i in todo.tolist()]
    # merge: plain pieces first, then sub tokens, put in text order
    all_s = np.concatenate((p_starts.take(plain_idx), sub_s))
    order = all_s.argsort(kind="stable")
    starts = all_s.take(order)
    ends = np.concatenate((p_ends.take(plain_idx), sub_e)).take(order)
    kinds = np.concatenate((np.zeros(n_plain, np.uint8), sub_k)).take(order)
    toks = None
    if pieces is not None:
        src = np.concatenate((plain_idx, np.arange(m, m + len(sub_toks)))
                             ).take(order).tolist()
        pool = pieces + sub_toks
        toks = itemgetter(*src)(pool) if len(src) > 1 else tuple([pool[i] for i in src])
    return toks, starts, ends, kinds


@keyword_only("text", old=("punctuation",))
def token_spans(text: str, *, punctuation: bool = True
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Character spans and kind codes of the tokens of ``text``, as NumPy arrays.

    The fast path for corpus building: the same tokens as :func:`tokenize`, without
    making a :class:`Token` per token.

    Parameters
    ----------
    text : str
        Any string (empty, lone surrogates, any size).
    punctuation : bool, default True
        If False, leave out tokens of kind ``punct``.

    Returns
    -------
    starts, ends : numpy.ndarray of int64
        ``text[starts[i]:ends[i]]`` is the i-th token.
    kinds : numpy.ndarray of uint8
        Index into :data:`KINDS`.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> starts, ends, kinds = token_spans("أكد 14 عنصرا.")
    >>> starts.tolist(), ends.tolist(), [KINDS[k] for k in kinds]
    ([0, 4, 7, 12], [3, 6, 12, 13], ['arabic', 'number', 'arabic', 'punct'])
    """
    check_str(text, "text")
    check_bool(punctuation, "punctuation")
    pieces = []
    for offset, piece in _chunks(text):
        _, starts, ends, kinds = _scan(piece, with_text=False)
        pieces.append((starts + offset, ends + offset, kinds) if offset
                      else (starts, ends, kinds))
    if len(pieces) == 1:
        starts, ends, kinds = pieces[0]
    else:
        starts, ends, kinds = (np.concatenate(a) for a in zip(*pieces))
    if not punctuation:
        keep = kinds != _PUNCT
        starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
    return starts, ends, kinds


@keyword_only("text", old=("punctuation", "clitics"))
def tokenize(text: str, *, punctuation: bool = True, clitics: bool = False) -> Tokens:
    """Split ``text`` into tokens with their spans and kinds.

    See the module documentation for what each kind covers.

    Parameters
    ----------
    text : str
        Any string (empty, lone surrogates, marks with no letter, any size).
    punctuation : bool, default True
        If False, leave out tokens of kind ``punct``.
    clitics : bool, default False
        If True, split proclitics and pronoun enclitics off Arabic words with
        :func:`~arabcorpus.text.light_clitics.segment_clitics` (a conservative
        heuristic); each segment is a token of kind ``arabic`` whose span slices the
        input.

    Returns
    -------
    Tokens
        A read-only sequence of :class:`Token` (in text order, non-overlapping;
        ``text[t.start:t.end] == t.text``), equal to the list of the same tokens. The
        token strings are made here; each :class:`Token` is made when it is read.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> [t.text for t in tokenize("جرّاء هجوم #السعودية www.spa.gov.sa ١٢٫٥٪")]
    ['جرّاء', 'هجوم', '#السعودية', 'www.spa.gov.sa', '١٢٫٥٪']
    >>> [t.text for t in tokenize("و أكد، المرصد!", punctuation=False)]
    ['و', 'أكد', 'المرصد']
    >>> [t.text for t in tokenize("وبالتالي فإن", clitics=True)]
    ['و', 'ب', 'ال', 'تالي', 'فإن']
    >>> tokenize("قتل 14")[1]
    Token(text='14', start=4, end=6, kind='number')
    """
    check_str(text, "text")
    check_bool(punctuation, "punctuation")
    check_bool(clitics, "clitics")
    if len(text) <= _CHUNK:
        toks, starts, ends, kinds = _scan(text)
    else:
        all_toks: list[str] = []
        parts = []
        for offset, piece in _chunks(text):
            p_toks, p_starts, p_ends, p_kinds = _scan(piece)
            all_toks += p_toks
            parts.append((p_starts + offset, p_ends + offset, p_kinds))
        toks = tuple(all_toks)
        starts, ends, kinds = (np.concatenate(a) for a in zip(*parts))
    if not punctuation:
        keep = kinds != _PUNCT
        toks = tuple(compress(toks, keep.tolist()))
        starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
    return _make_tokens(toks, starts, ends, kinds, clitics)


def _make_tokens(toks: tuple[str, ...], starts: np.ndarray, ends: np.ndarray,
                 kinds: np.ndarray, clitics: bool) -> Tokens:
    """:class:`Tokens` over the columns of :func:`_scan` (arrays made read-only in
    place), clitics split off first if ``clitics``."""
    if clitics:
        toks, starts, ends, kinds = _split_clitic_columns(toks, starts, ends, kinds)
    starts.setflags(write=False)
    ends.setflags(write=False)
    kinds.setflags(write=False)
    return Tokens._from_columns(toks, starts, ends, kinds)


def _batches(texts: list[str]):
    """Yield ``(first index, texts)``: consecutive texts whose total length stays within
    :data:`_CHUNK` (a longer text comes alone, and is then cut by :func:`_chunks`)."""
    i, n = 0, len(texts)
    while i < n:
        j, size = i, 0
        while j < n and (j == i or size + len(texts[j]) < _CHUNK):
            size += len(texts[j]) + 1
            j += 1
        yield i, texts[i:j]
        i = j


def _scan_batch(batch: list[str], with_text: bool):
    """:func:`_scan` of the batch's texts joined by spaces, split back per text.

    Tokens never contain a space and no token pattern looks beyond the characters it
    matches, so the tokens of the joined text are those of each text, shifted by its
    offset (the property tests check it against :func:`_scan_regex` text by text).

    Returns the texts (a tuple, or None), starts and ends (relative to their own
    text), kind codes, and ``bounds``: the tokens of ``batch[i]`` are
    ``bounds[i]:bounds[i + 1]``.
    """
    if len(batch) == 1:
        toks, starts, ends, kinds = _scan(batch[0], with_text)
        return toks, starts, ends, kinds, [0, len(starts)]
    lens = np.fromiter(map(len, batch), np.int64, len(batch))
    offsets = np.zeros(len(batch), np.int64)
    np.cumsum(lens[:-1] + 1, out=offsets[1:])
    toks, starts, ends, kinds = _scan(" ".join(batch), with_text)
    bounds = np.searchsorted(starts, offsets)
    shift = np.repeat(offsets, np.diff(bounds, append=len(starts)))
    return toks, starts - shift, ends - shift, kinds, [*bounds.tolist(), len(starts)]


def _as_text_list(texts: Iterable[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not a single str")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            check_str(text, f"texts[{i}]")
    return texts


@keyword_only("texts", old=("punctuation", "clitics"))
def tokenize_many(texts: Iterable[str], *, punctuation: bool = True,
                  clitics: bool = False) -> list[Tokens]:
    """:func:`tokenize` of each text, faster for many short texts.

    The same result as ``[tokenize(t, punctuation=p, clitics=c) for t in texts]``. Texts are
    tokenized together in batches of about a million characters (joined by spaces,
    which no token contains, and split back), so the fixed cost of a call is paid per
    batch instead of per text.

    Parameters
    ----------
    texts : iterable of str
        The documents.
    punctuation, clitics : bool
        As for :func:`tokenize`.

    Returns
    -------
    list of Tokens
        One :class:`Tokens` per text, spans relative to that text (their arrays are
        read-only views of per-batch arrays).

    Raises
    ------
    TypeError
        If ``texts`` is a single str, or one of its items is not a str.

    Examples
    --------
    >>> docs = tokenize_many(["أكد المرصد.", "", "قتل 14 عنصرا"])
    >>> [[t.text for t in doc] for doc in docs]
    [['أكد', 'المرصد', '.'], [], ['قتل', '14', 'عنصرا']]
    >>> docs[2][1]
    Token(text='14', start=4, end=6, kind='number')
    """
    check_bool(punctuation, "punctuation")
    check_bool(clitics, "clitics")
    texts = _as_text_list(texts)
    out: list[Tokens] = []
    from_columns = Tokens._from_columns
    for first, batch in _batches(texts):
        if len(batch) == 1:
            out.append(tokenize(batch[0], punctuation=punctuation, clitics=clitics))
            continue
        toks, starts, ends, kinds, bounds = _scan_batch(batch, True)
        if not punctuation:
            keep = kinds != _PUNCT
            toks = tuple(compress(toks, keep.tolist()))
            starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
            kept_before = np.zeros(len(keep) + 1, np.int64)  # tokens kept before i
            np.cumsum(keep, out=kept_before[1:])
            bounds = kept_before[bounds].tolist()
        if clitics:
            out += [_make_tokens(toks[a:b], starts[a:b], ends[a:b], kinds[a:b], True)
                    for a, b in zip(bounds, bounds[1:])]
            continue
        starts.setflags(write=False)
        ends.setflags(write=False)
        kinds.setflags(write=False)
        out += [from_columns(toks[a:b], starts[a:b], ends[a:b], kinds[a:b])
                for a, b in zip(bounds, bounds[1:])]
    return out


@keyword_only("texts", old=("punctuation",))
def token_spans_many(texts: Iterable[str], *, punctuation: bool = True
                     ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`token_spans` of each text, faster for many short texts.

    The same result as ``[token_spans(t, punctuation=p) for t in texts]``, computed in
    batches of about a million characters as :func:`tokenize_many` does.

    Parameters
    ----------
    texts : iterable of str
        The documents.
    punctuation : bool, default True
        If False, leave out tokens of kind ``punct``.

    Returns
    -------
    list of (starts, ends, kinds)
        One triple of arrays per text (int64, int64, uint8; views of per-batch arrays),
        spans relative to that text.

    Raises
    ------
    TypeError
        If ``texts`` is a single str, or one of its items is not a str.

    Examples
    --------
    >>> [(s.tolist(), e.tolist(), k.tolist())
    ...  for s, e, k in token_spans_many(["أكد 14", "عنصرا."])]
    [([0, 4], [3, 6], [0, 2]), ([0, 5], [5, 6], [0, 7])]
    """
    check_bool(punctuation, "punctuation")
    texts = _as_text_list(texts)
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for first, batch in _batches(texts):
        if len(batch) == 1:
            out.append(token_spans(batch[0], punctuation=punctuation))
            continue
        _, starts, ends, kinds, bounds = _scan_batch(batch, False)
        if not punctuation:
            keep = kinds != _PUNCT
            starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
            kept_before = np.zeros(len(keep) + 1, np.int64)  # tokens kept before i
            np.cumsum(keep, out=kept_before[1:])
            bounds = kept_before[bounds].tolist()
        out += [(starts[a:b], ends[a:b], kinds[a:b]) for a, b in zip(bounds, bounds[1:])]
    return out


#: Names that moved to :mod:`arabcorpus.text.sentences`, still importable from here.
_SENTENCE_NAMES = frozenset({"split_sentences", "sentence_spans", "ABBREVIATIONS",
                             "ERA_MARKERS"})


def __getattr__(name: str):
    # sentences imports this module (for the URL patterns): loaded on first use
    if name in _SENTENCE_NAMES:
        from arabcorpus.text import sentences

        return getattr(sentences, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
