"""Arabic text normalization: one function per rule, composed by :class:`Normalizer`.

Each rule is a keyword option of :class:`Normalizer` and a public ``str -> str``
function. A :class:`Normalizer` composes the rules it is given once, when it is built,
into one lookup table over the Basic Multilingual Plane (what each character becomes
after all its character-local rules, in :data:`RULES` order), and applies the table to
a whole text (or a batch of texts) in one pass of the optional C accelerator
(``arabcorpus.text._normalize_c``, built by ``pip install`` where a compiler is found)
or, without it, with NumPy. Space runs are collapsed in the same pass. The other rule
that looks at neighbours, ``compose``, runs only where its rare characters occur, in
pure Python.

Rules, in the order they apply (:data:`RULES`):

================== ==================================================================
presentation_forms Arabic Presentation Forms-A/-B (U+FB50-U+FDFF, U+FE70-U+FEFF) to
                   their NFKC decomposition: ``ﻻ`` -> ``لا``, ``ﺑ`` -> ``ب``,
                   ``ﷲ`` -> ``الله``
tatweel            remove tatweel (kashida) U+0640
invisibles         remove ZWNJ, ZWJ, zero-width space, word joiner, BOM, soft hyphen,
                   LRM, RLM, ALM and the bidi embeddings, overrides and isolates
compose            combining hamza/madda after its seat to the precomposed letter:
                   ``ا`` + U+0654 -> ``أ`` (:data:`arabcorpus.text.chars.HAMZA_COMPOSITIONS`)
lookalikes         Persian/Urdu look-alike letters to Arabic ones: ``ک`` -> ``ك``,
                   ``ی`` -> ``ي`` (:data:`arabcorpus.text.chars.LOOKALIKES`)
diacritics         remove every Arabic combining mark (:mod:`arabcorpus.text.diacritics`);
                   a combining hamza is composed with its seat first (this rule
                   composes even with ``compose`` off) or, with no seat, written ``ء``
alef               ``أ إ آ ٱ`` -> ``ا``
alef_maksura       ``ى`` -> ``ي``
teh_marbuta        ``ة`` -> ``ه``
hamza_seats        ``ؤ ئ`` -> ``ء``
digits             ``"ascii"`` (or True): Arabic-Indic and Eastern digits to 0-9,
                   the Arabic decimal separator ``٫`` to ``.`` and thousands separator
                   ``٬`` to ``,``; ``"arabic"``: 0-9 and Eastern digits to ``٠-٩``
punctuation        ``، ؛ ؟ ٪ ۔ ٭`` to ``, ; ? % . *``; curly/angle double quotes and
                   guillemets to ``"``, curly single quotes to ``'``
spaces             NBSP, tab and the other Unicode spaces to a space, then runs of
                   spaces to one space (newlines, i.e. line and paragraph breaks, kept)
================== ==================================================================

The order matters and is tested: tatweel and invisibles go before anything that looks
at neighbours (so ``اـٔ`` composes and ``دمـــى`` becomes ``دمي`` under ``search``,
where PyArabic's ``normalize_searchtext`` gives ``دما``); composition goes before
diacritics stripping (so ``ا`` + U+0654 and ``أ`` normalize alike); look-alikes go before
the letter folds (so ``ۃ`` -> ``ة`` -> ``ه``); space collapsing goes last, after every
rule that deletes characters, so every profile is idempotent. Any combination of
options is idempotent too: when a later rule makes a seat of a letter that a
combining hamza or madda follows (``alef`` turns ``أ`` + U+0653 into ``ا`` + U+0653,
``lookalikes`` turns ``ی`` + U+0654 into ``ي`` + U+0654), the rules are applied again
until nothing composes any more.

Profiles (:data:`PROFILES`): ``none``; ``light`` (presentation_forms, compose, tatweel,
invisibles, spaces); ``standard`` (light + diacritics, alef, digits); ``search``
(standard + alef_maksura, teh_marbuta, hamza_seats, lookalikes, punctuation).

Examples
--------
>>> from arabcorpus.text.normalize import Normalizer, normalize
>>> normalize("أيضاً")
'ايضا'
>>> Normalizer(profile="search")('”عين اليوم” لـ "روزنة" ٢٠١٥')
'"عين اليوم" ل "روزنه" 2015'
>>> Normalizer(profile="search", teh_marbuta=False).normalize("روزنة")
'روزنة'
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np

from arabcorpus.text import chars
from arabcorpus.text.diacritics import strip_diacritics
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_bool, check_choice, check_int, check_str

try:  # the optional C accelerator (setup.py builds it where a compiler is found)
    from arabcorpus.text._normalize_c import map_text as _c_map_text
    from arabcorpus.text._normalize_c import map_texts as _c_map_texts
except ImportError:
    _c_map_text = _c_map_texts = None

__all__ = [
    "RULES", "PROFILES", "Normalizer", "normalize",
    "normalize_presentation_forms", "compose_hamza", "remove_tatweel",
    "remove_invisibles", "normalize_spaces", "normalize_alef", "normalize_alef_maksura",
    "normalize_teh_marbuta", "normalize_hamza_seats", "normalize_lookalikes",
    "digits_to_ascii", "digits_to_arabic", "normalize_punctuation", "strip_diacritics",
]

#: Rule names in the order they are applied.
RULES: tuple[str, ...] = (
    "presentation_forms", "tatweel", "invisibles", "compose", "lookalikes", "diacritics",
    "alef", "alef_maksura", "teh_marbuta", "hamza_seats", "digits", "punctuation",
    "spaces",
)

_LIGHT = frozenset({"presentation_forms", "compose", "tatweel", "invisibles", "spaces"})
_STANDARD = _LIGHT | {"diacritics", "alef", "digits"}
_SEARCH = _STANDARD | {"alef_maksura", "teh_marbuta", "hamza_seats", "lookalikes",
                       "punctuation"}
#: Named profiles: the set of rules each enables.
PROFILES: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "light": _LIGHT,
    "standard": frozenset(_STANDARD),
    "search": frozenset(_SEARCH),
}

_DIGIT_MODES = ("ascii", "arabic")

# --- character-local rule tables (built once at import, from explicit ranges) --------
#: NFKC decomposition of every presentation form that has one (about 1,000 characters).
_PRESENTATION_MAP: dict[str, str] = {}
for _c in sorted(chars.PRESENTATION_FORMS):
    _n = unicodedata.normalize("NFKC", _c)
    if _n != _c:
        _PRESENTATION_MAP[_c] = _n

_ASCII_DIGITS_MAP = {d: chars.DIGITS_ASCII[i] for digits in
                     (chars.DIGITS_ARABIC_INDIC, chars.DIGITS_EASTERN)
                     for i, d in enumerate(digits)}
_ASCII_DIGITS_MAP[chars.ARABIC_DECIMAL_SEPARATOR] = "."
_ASCII_DIGITS_MAP[chars.ARABIC_THOUSANDS_SEPARATOR] = ","
_ARABIC_DIGITS_MAP = {d: chars.DIGITS_ARABIC_INDIC[i] for digits in
                      (chars.DIGITS_ASCII, chars.DIGITS_EASTERN)
                      for i, d in enumerate(digits)}

_PUNCTUATION_MAP = {
    chars.ARABIC_COMMA: ",", chars.ARABIC_SEMICOLON: ";", chars.ARABIC_QUESTION_MARK: "?",
    chars.ARABIC_PERCENT: "%", chars.ARABIC_FULL_STOP: ".",
    chars.ARABIC_FIVE_POINTED_STAR: "*",
    "\u2e41": ",", "\u204f": ";",   # reversed comma and semicolon
}
_PUNCTUATION_MAP.update({q: '"' for q in chars.QUOTES if q != '"'})
_PUNCTUATION_MAP.update({q: "'" for q in chars.SINGLE_QUOTES if q != "'"})

#: rule -> {character: replacement} for the character-local rules.
_CHAR_MAPS: dict[str, dict[str, str]] = {
    "presentation_forms": _PRESENTATION_MAP,
    "tatweel": {chars.TATWEEL: ""},
    "invisibles": {c: "" for c in chars.INVISIBLES},
    "lookalikes": dict(chars.LOOKALIKES),
    # a combining hamza left after composition is a consonant: written as ء
    "diacritics": {c: chars.HAMZA if c in chars.COMBINING_HAMZA else ""
                   for c in chars.DIACRITICS},
    "alef": {c: chars.ALEF for c in chars.ALEF_VARIANTS},
    "alef_maksura": {chars.ALEF_MAKSURA: chars.YEH},
    "teh_marbuta": {chars.TEH_MARBUTA: chars.HEH},
    "hamza_seats": {c: chars.HAMZA for c in chars.HAMZA_SEATS},
    "digits:ascii": _ASCII_DIGITS_MAP,
    "digits:arabic": _ARABIC_DIGITS_MAP,
    "punctuation": _PUNCTUATION_MAP,
    "spaces": {c: " " for c in chars.UNICODE_SPACES},
}
_PRE_COMPOSE = ("presentation_forms", "tatweel", "invisibles")
_COMPOSE_MARKS = chars.COMBINING_HAMZA_MADDA

# Lookup-table markers (U+FFFE and U+FFFF themselves are routed to the slow path).
# The per-document path decodes the looked-up text with the markers in it: U+FFFE
# (deleted) is removed with str.replace, U+FFFF (complex) sends the text to transform.
_DELETE = 0xFFFE
_COMPLEX = 0xFFFF
_DELETE_CHAR = chr(_DELETE)
_COMPLEX_CHAR = chr(_COMPLEX)
# "  +" rather than " {2,}": the literal prefix makes re search 2.5x faster
# (SaudiNewsNet, search profile: 6.2 us vs 15.8 us per article with a run, 2026-12-05).
_SPACE_RUN = re.compile("  +")
# decodes any buffer (a NumPy array) without copying it to bytes first
_utf16_decode = codecs.utf_16_le_decode


def _apply_maps(text: str, maps: list[dict[str, str]]) -> str:
    for mapping in maps:
        text = "".join(mapping.get(c, c) for c in text)
    return text


class _Plan:
    """Everything a set of rules compiles to; shared by equal Normalizers."""

    def __init__(self, key: tuple[tuple[str, bool | str], ...]):
        rules = dict(key)
        # stripping diacritics composes a hamza with its seat first (as
        # strip_diacritics does): a hamza is a consonant, never removed
        self.compose = bool(rules["compose"] or rules["diacritics"])
        self.collapse = bool(rules["spaces"])
        pre, post = [], []
        for name in RULES:
            value = rules[name]
            if not value or name == "compose":
                continue
            mapname = f"digits:{value}" if name == "digits" else name
            (pre if name in _PRE_COMPOSE else post).append(_CHAR_MAPS[mapname])
        touched = set().union(*pre, *post) if (pre or post) else set()
        # Per character: pre-compose output A(c) and full output F(c) = D(A(c)).
        self.pre: dict[str, str] = {}
        self.full: dict[str, str] = {}
        for c in touched:
            a = _apply_maps(c, pre)
            f = _apply_maps(a, post)
            if a != c:
                self.pre[c] = a
            if f != c:
                self.full[c] = f
        post_keys = set().union(*post) if post else set()
        post_keys |= set(chars.HAMZA_COMPOSITIONS.values())
        self.post: dict[str, str] = {c: _apply_maps(c, post) for c in post_keys}
        # Characters whose pre-compose or full output holds a combining hamza/madda.
        self.mark_chars: frozenset[str] = frozenset()
        if self.compose:
            self.mark_chars = frozenset(
                c for c in set(self.pre) | set(self.full) | _COMPOSE_MARKS
                if any(m in _COMPOSE_MARKS
                       for m in self.pre.get(c, c) + self.full.get(c, c)))
        self.trivial = not self.full and not self.compose and not self.collapse
        self.deletes = any(not f for f in self.full.values())
        # A handful of one-to-one (or deletion) mappings whose outputs are never keys
        # is fastest as chained str.replace (how CAMeL Tools' single rules work).
        # Kept: 36-45x str.translate on SaudiNewsNet (alef alone 0.14 s vs 4.9 s).
        self.replacements: list[tuple[str, str]] | None = None
        if (not self.compose and not self.collapse and 0 < len(self.full) <= 8
                and all(len(f) <= 1 and f not in self.full for f in self.full.values())):
            self.replacements = sorted(self.full.items())
        # translate table for the short-text path
        self.translate_table = {ord(c): (f if f else None) for c, f in self.full.items()}
        # BMP lookup table for the NumPy path
        lut = np.arange(0x10000, dtype=np.uint16)
        for c, f in self.full.items():
            lut[ord(c)] = _DELETE if not f else (ord(f) if len(f) == 1 else _COMPLEX)
        for c in self.mark_chars:
            lut[ord(c)] = _COMPLEX
        lut[0xFFFE] = lut[0xFFFF] = _COMPLEX
        lut[0xD800:0xE000] = _COMPLEX       # lone surrogates (transform only)
        self.lut16 = lut
        self.table = lut.tobytes()          # the C accelerator's view of it

    # -- reference semantics, used for short windows around rare characters ----------
    def run(self, text: str, base: int = 0) -> tuple[list[str], list[int]]:
        """Apply every rule except the space-run collapse, character by character.

        With ``compose``, the rules are applied again to their own output as long as
        it holds a seat directly followed by a mark it composes with and a pass
        changes it: a later rule can make such a pair (``alef`` turns ``أ`` + U+0653
        into ``ا`` + U+0653, ``lookalikes`` turns ``ی`` + U+0654 into ``ي`` + U+0654),
        and a second normalization would compose it. So the output is a fixed point
        of the rules, and normalizing it again changes nothing. Each pass keeps or
        shortens the text, so this ends.

        Returns output characters and, for each, the index (+ ``base``) of its source.
        """
        out, src = self._pass(text)
        if self.compose:
            compositions = chars.HAMZA_COMPOSITIONS
            for _ in range(len(out)):
                if not any(pair in compositions for pair in zip(out, out[1:])):
                    break
                again, again_src = self._pass(out)
                if again == out:
                    break
                out, src = again, [src[k] for k in again_src]
        if base:
            src = [base + k for k in src]
        return out, src

    def _pass(self, text: str | list[str]) -> tuple[list[str], list[int]]:
        """One pass of every rule except the space-run collapse: output characters
        and, for each, the index of its source character."""
        base = 0
        out: list[str] = []
        src: list[int] = []
        pre, full, post = self.pre, self.full, self.post
        if not self.compose:
            for i, c in enumerate(text):
                for o in full.get(c, c):
                    out.append(o)
                    src.append(base + i)
            return out, src
        mid: list[str] = []
        for i, c in enumerate(text):
            for o in pre.get(c, c):
                if (o in _COMPOSE_MARKS and mid
                        and (mid[-1], o) in chars.HAMZA_COMPOSITIONS):
                    mid[-1] = chars.HAMZA_COMPOSITIONS[(mid[-1], o)]
                else:
                    mid.append(o)
                    src.append(base + i)
        srcs: list[int] = []
        for o, s in zip(mid, src):
            for p in post.get(o, o):
                out.append(p)
                srcs.append(s)
        return out, srcs

    def window_start(self, text: str, i: int) -> int:
        """Start of the slow-path window for the complex character at ``i``.

        For a character that gives a combining hamza or madda, the window reaches
        back over deleted characters and other such marks to the letter before them
        when that letter is a seat before or after the rules (``أ`` is one under
        ``alef``), so that :meth:`run` sees every character a composition can join.
        """
        if text[i] not in self.mark_chars:
            return i
        pre, full, bases = self.pre, self.full, chars.COMPOSE_BASES
        start = i
        j = i - 1
        while j >= 0:
            c = text[j]
            p, f = pre.get(c, c), full.get(c, c)
            if not p or not f:
                j -= 1
            elif c in self.mark_chars:
                start = j
                j -= 1
            elif p[-1] in bases or f[-1] in bases:
                return j
            else:
                break
        return start

    # -- the NumPy path ---------------------------------------------------------------
    def transform(self, text: str, offsets: bool = False,
                  cuts: np.ndarray | None = None
                  ) -> tuple[str, np.ndarray | None, np.ndarray | None]:
        """Normalize ``text``; return (str, offsets or None, cut positions or None).

        ``cuts`` are input positions of characters that no rule changes (batch
        separators); their output positions are returned.
        """
        # Kept: the code points from np.str_ (a UCS-4 copy) rather than str.encode:
        # 3.3x faster (76 vs 253 us per 185,000 characters), and it holds the GIL,
        # which normalize_many's threads share; the look-up gives UTF-16 code units
        # (lut16), decoded without a copy. normalize_many, SaudiNewsNet, search:
        # 0.206 s vs 0.220 s CPU with UTF-16 encoding (2026-12-05).
        units = np.frombuffer(np.str_(text), dtype=np.uint32)
        # Characters beyond the BMP look up U+FFFF (complex) with mode="clip" and are
        # put back as they are; lone surrogates are complex characters of the table.
        out = self.lut16.take(units, mode="clip")
        special = out >= _DELETE
        sp_idx = np.flatnonzero(special)
        narrow = True
        if sp_idx.size:
            astral = sp_idx[units[sp_idx] > 0xFFFF]
            if astral.size:
                out = out.astype(np.uint32)
                out[astral] = units[astral]
                special[astral] = False
                sp_idx = np.flatnonzero(special)
                narrow = False
        win_chars: list[str] = []
        win_src: list[int] = []
        win_starts: list[int] = []
        win_lens: list[int] = []
        extra_off: list[int] = []
        if sp_idx.size:
            complex_idx = sp_idx[out[sp_idx] == _COMPLEX]
            if complex_idx.size:
                windows: list[list[int]] = []
                for i in complex_idx.tolist():
                    a = self.window_start(text, i)
                    if windows and a < windows[-1][1]:
                        windows[-1][1] = i + 1
                    else:
                        windows.append([a, i + 1])
                for a, b in windows:
                    o, s = self.run(text[a:b], a)
                    win_starts.append(a)
                    win_lens.append(len(o))
                    win_chars.extend(o)
                    win_src.extend(s)
                    if not special[a] and (not extra_off or extra_off[-1] != a):
                        extra_off.append(a)
        keep = ~special
        if extra_off:
            keep[extra_off] = False
            nonkept = np.union1d(sp_idx, np.asarray(extra_off, dtype=np.int64))
        else:
            nonkept = sp_idx
        if nonkept.size:
            res = out[keep]
        else:
            res = out
        if win_starts:
            starts = np.asarray(win_starts, dtype=np.int64)
            ins = starts - np.searchsorted(nonkept, starts)
            per_char = np.repeat(ins, win_lens)
            if not narrow or max(win_chars, default="") > "\uffff":
                res = res.astype(np.uint32)
            values = np.fromiter(map(ord, win_chars), dtype=res.dtype,
                                 count=len(win_chars))
            res = np.insert(res, per_char, values)
        src = None
        if offsets:
            src = np.flatnonzero(keep) if nonkept.size else np.arange(len(units),
                                                                      dtype=np.int64)
            if win_starts:
                src = np.insert(src, per_char, np.asarray(win_src, dtype=np.int64))
        cut_pos = None
        if cuts is not None:
            cut_pos = cuts - np.searchsorted(nonkept, cuts)
            if win_starts:
                csum = np.concatenate(([0], np.cumsum(win_lens)))
                cut_pos = cut_pos + csum[np.searchsorted(starts, cuts)]
        # Space runs after compaction: 1.3-2x the former pass before (0.80 s vs 1.62 s).
        if self.collapse and res.size > 1:
            is_space = res == 32
            dup = np.flatnonzero(is_space[1:] & is_space[:-1])
            if dup.size:
                dup += 1
                res = np.delete(res, dup)
                if src is not None:
                    src = np.delete(src, dup)
                if cut_pos is not None:
                    cut_pos = cut_pos - np.searchsorted(dup, cut_pos)
        if res.dtype == np.uint16 and not any("\ud800" <= c <= "\udfff"
                                              for c in win_chars):
            # Kept: 5x decoding UTF-32 (58 vs 294 us per 185,000 characters,
            # 2026-12-05); every value is a BMP character here
            result = _utf16_decode(res)[0]
        else:
            wide = res.astype(np.uint32)
            result = wide.tobytes().decode("utf-32-le", "surrogatepass")
        return result, src, cut_pos

    def document(self, text: str) -> str:
        """Normalize one text of the Basic Multilingual Plane with the fewest NumPy
        calls (same result as :meth:`transform`).

        The lookup table is applied to the UTF-16 code units and the result decoded
        with its markers in it: the deleted characters come out as U+FFFE, removed
        by one ``str.replace``; a text with a complex character (U+FFFF: a combining
        hamza or madda, a ligature, U+FFFE/U+FFFF themselves) goes to
        :meth:`transform`, as does a text with surrogates (characters beyond the BMP).
        """
        # Kept: 1.4-1.5x transform per SaudiNewsNet article (CPU time, search 0.36 s
        # vs 0.54 s, standard 0.36 s vs 0.55 s, 2026-12-05): four NumPy calls instead
        # of about twenty.
        try:
            raw = text.encode("utf-16-le")
        except UnicodeEncodeError:          # lone surrogates
            return self.transform(text)[0]
        if len(raw) != 2 * len(text):
            return self.transform(text)[0]
        out = _utf16_decode(self.lut16.take(np.frombuffer(raw, dtype=np.uint16)))[0]
        if _COMPLEX_CHAR in out:
            return self.transform(text)[0]
        if self.deletes:
            out = out.replace(_DELETE_CHAR, "")
        if self.collapse and "  " in out:
            out = _SPACE_RUN.sub(" ", out)
        return out

    def fallback(self, text: str) -> str:
        """A text the C accelerator leaves (one with a complex character): the
        pure-Python path of its length."""
        return self.short(text) if len(text) < _SHORT else self.transform(text)[0]

    def short(self, text: str) -> str:
        """The pure-Python path for short texts (same result as :meth:`transform`)."""
        if self.replacements is not None:
            for old, new in self.replacements:
                text = text.replace(old, new)
            return text
        if self.mark_chars and not self.mark_chars.isdisjoint(text):
            out, _ = self.run(text)
            text = "".join(out)
        else:
            text = text.translate(self.translate_table)
        if self.collapse and "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        return text


@lru_cache(maxsize=128)
def _plan(key: tuple[tuple[str, bool | str], ...]) -> _Plan:
    return _Plan(key)


#: Below this many characters, str.translate (:meth:`_Plan.short`) rather than NumPy
#: (:meth:`_Plan.document`): the two cross at about 19 characters of SaudiNewsNet text
#: (search, per call: 1.24 vs 1.85 us at 11 characters, 2.75 vs 1.91 us at 29, 5.4 vs
#: 2.1 us at 58, 10.9 vs 2.4 us at 123; 2026-12-05). Word types stay on str.translate.
_SHORT = 20


class Normalizer:
    """A composed, precompiled set of normalization rules.

    Parameters
    ----------
    profile : str, default "standard"
        One of :data:`PROFILES`: ``"none"``, ``"light"``, ``"standard"``, ``"search"``.
    **overrides : bool or str
        Any rule of :data:`RULES` set to True or False, overriding the profile;
        ``digits`` also takes ``"ascii"`` (same as True) or ``"arabic"``.

    Attributes
    ----------
    profile : str
    rules : dict
        Every rule name -> False, True, or for ``digits`` ``"ascii"``/``"arabic"``.
    enabled : tuple of str
        Active rules in application order.

    Raises
    ------
    ValueError
        Unknown profile, rule, or rule value.

    Examples
    --------
    >>> norm = Normalizer(profile="search", teh_marbuta=False)
    >>> norm.enabled[:4]
    ('presentation_forms', 'tatweel', 'invisibles', 'compose')
    >>> norm("المملكة العربية السعوديـة")
    'المملكة العربية السعودية'
    >>> norm.normalize_many(["أيضاً", "على"])
    ['ايضا', 'علي']
    >>> Normalizer(profile="none", digits="arabic")("2015")
    '٢٠١٥'
    """

    def __init__(self, profile: str = "standard", **overrides: bool | str):
        check_choice(profile, "profile", PROFILES)
        rules: dict[str, bool | str] = {
            name: (("ascii" if name == "digits" else True)
                   if name in PROFILES[profile] else False)
            for name in RULES}
        for name, value in overrides.items():
            check_choice(name, "rule", RULES)
            if name == "digits":
                if value is True:
                    value = "ascii"
                if value is not False and value not in _DIGIT_MODES:
                    raise ValueError(f"digits must be True, False, 'ascii' or 'arabic', "
                                     f"got {value!r}")
            else:
                value = check_bool(value, name)
            rules[name] = value
        self.profile = profile
        self.rules = rules
        self.enabled = tuple(name for name in RULES if rules[name])
        self._plan = _plan(tuple(rules.items()))

    def __repr__(self) -> str:
        base = PROFILES[self.profile]
        diff = {n: v for n, v in self.rules.items()
                if bool(v) != (n in base) or (n == "digits" and v not in (False, "ascii"))}
        extra = "".join(f", {n}={v!r}" for n, v in diff.items())
        return f"Normalizer(profile={self.profile!r}{extra})"

    def normalize(self, text: str) -> str:
        """Normalize one text.

        Examples
        --------
        >>> Normalizer("search").normalize("دمـــى")
        'دمي'
        """
        check_str(text, "text")
        plan = self._plan
        if plan.trivial:
            return text
        if plan.replacements is not None:
            return plan.short(text)
        if _c_map_text is not None:
            out = _c_map_text(plan.table, text, plan.collapse)
            if out is not None:
                return out
            return plan.fallback(text)
        if len(text) < _SHORT:
            return plan.short(text)
        return plan.document(text)

    __call__ = normalize

    def normalize_with_offsets(self, text: str) -> tuple[str, np.ndarray]:
        """Normalize ``text`` and map every output character back to the input.

        Returns
        -------
        normalized : str
        offsets : numpy.ndarray of int64
            ``offsets[k]`` is the index in ``text`` of the character that output
            character ``k`` comes from; non-decreasing. A span ``[s, e)`` of the
            normalized text comes from ``text[offsets[s]:offsets[e - 1] + 1]``;
            ``text[offsets[s]:offsets[e]]`` (``text[offsets[s]:]`` when ``e`` is the
            end) also takes in the marks, tatweel and invisibles removed after the
            span's last character. A composed letter (``ا`` + U+0654 -> ``أ``) comes
            from its seat; a ligature's letters (``ﻻ`` -> ``لا``) all come from the
            ligature; a collapsed run of spaces from its first space.

        Examples
        --------
        >>> out, off = Normalizer("search").normalize_with_offsets("لـ ﻻ")
        >>> out, off.tolist()
        ('ل لا', [0, 2, 3, 3])
        """
        check_str(text, "text")
        if self._plan.trivial:
            return text, np.arange(len(text), dtype=np.int64)
        result, src, _ = self._plan.transform(text, offsets=True)
        return result, src.astype(np.int64, copy=False)

    @keyword_only("self", "texts", old=("batch_chars",))
    def normalize_many(self, texts: Iterable[str], *, batch_chars: int = 1 << 18,
                       workers: int | None = None) -> list[str]:
        """Normalize many texts at once; the same result as ``[self(t) for t in texts]``.

        Texts go in batches of about ``batch_chars`` characters (small enough to stay
        in the CPU cache), each looked up in one call of the C accelerator, or without
        it joined with a line break (which no rule changes or looks across),
        transformed with NumPy in one pass and split again. The batches run on a pool
        of ``workers`` threads: the accelerator looks characters up without the GIL
        (NumPy releases it for part of its work); the result, in the order of
        ``texts``, is the same for any number of workers.

        Parameters
        ----------
        texts : iterable of str
        batch_chars : int, default 262144
            Characters per batch (a longer text makes a batch of its own).
        workers : int, optional
            Threads that normalize batches at the same time; default (None) one per
            CPU core available to this process. ``workers=1`` runs in the calling
            thread; so does any call with a single batch.

        Returns
        -------
        list of str

        Raises
        ------
        TypeError
            If an item is not a str (naming its position and type), or ``workers`` is
            not an integer.
        ValueError
            If ``batch_chars`` or ``workers`` is not a positive integer.

        Examples
        --------
        >>> Normalizer("search").normalize_many(["إلى  ", " ٢٠١٥", ""])
        ['الي ', ' 2015', '']
        >>> Normalizer("search").normalize_many(["أيضاً"] * 3, workers=2)
        ['ايضا', 'ايضا', 'ايضا']
        """
        if isinstance(texts, str):
            raise TypeError("texts must be an iterable of str, not a single str")
        batch_chars = check_int(batch_chars, "batch_chars", minimum=1)
        workers = _check_workers(workers)
        items = list(texts)
        for k, t in enumerate(items):
            if not isinstance(t, str):
                check_str(t, f"texts[{k}]")
        plan = self._plan
        if plan.trivial:
            return items
        if plan.replacements is not None:
            return [plan.short(t) for t in items]
        # Kept: batches are 1.8-2.6x a pass per document, SaudiNewsNet (0.31 s vs 0.81 s).
        batches = [items[a:b] for a, b in _batch_bounds(items, batch_chars)]
        run = self._batch if _c_map_texts is None else self._c_batch
        if workers == 1 or len(batches) < 2:
            results = map(run, batches)
        else:
            # The C accelerator holds the GIL only to read the texts and make the
            # results: two workers 1.55x one on 2 idle cores (871 vs 562 MB/s,
            # SaudiNewsNet, search, 2026-12-05). NumPy's batches hold it for more than
            # half their time: 1.08x (507 vs 470 MB/s).
            with ThreadPoolExecutor(min(workers, len(batches))) as pool:
                results = list(pool.map(run, batches))
        out: list[str] = []
        for result in results:
            out.extend(result)
        return out

    def _c_batch(self, items: list[str]) -> list[str]:
        plan = self._plan
        out = _c_map_texts(plan.table, items, plan.collapse)
        for k, result in enumerate(out):
            if result is None:
                out[k] = plan.fallback(items[k])
        return out

    def _batch(self, items: list[str]) -> list[str]:
        if len(items) == 1:
            return [self.normalize(items[0])]
        lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
        cuts = np.cumsum(lengths + 1)[:-1] - 1        # positions of the separators
        result, _, pos = self._plan.transform("\n".join(items), cuts=cuts)
        bounds = np.concatenate(([-1], pos, [len(result)])).tolist()
        return [result[bounds[k] + 1:bounds[k + 1]] for k in range(len(items))]


def _check_workers(workers: int | None) -> int:
    """``workers`` as a positive int; None means one per CPU core available."""
    if workers is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:              # not on Linux
            return max(1, os.cpu_count() or 1)
    if isinstance(workers, (bool, np.bool_)) or not isinstance(workers,
                                                               (int, np.integer)):
        raise TypeError(f"workers must be a positive int or None, "
                        f"got {type(workers).__name__}")
    if workers < 1:
        raise ValueError(f"workers must be a positive int or None, got {workers}")
    return int(workers)


def _batch_bounds(items: list[str], batch_chars: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive batches of about ``batch_chars`` characters,
    counting one separator per text; a longer text makes a batch of its own."""
    bounds = []
    start, size = 0, 0
    for stop, length in enumerate(map(len, items)):
        if size and size + length > batch_chars:
            bounds.append((start, stop))
            start, size = stop, 0
        size += length + 1
    if start < len(items):
        bounds.append((start, len(items)))
    return bounds


@keyword_only("text", old=("profile",))
def normalize(text: str, *, profile: str = "standard", **overrides: bool | str) -> str:
    """Normalize ``text`` with a profile and optional rule overrides.

    Shorthand for ``Normalizer(profile, **overrides).normalize(text)`` (the compiled
    rules are cached). ``profile`` is keyword-only here, as every option of a function
    whose first argument is the text; it stays positional in :class:`Normalizer`
    (``Normalizer("search")``), whose one main argument it is.

    Examples
    --------
    >>> normalize("جرّاء")
    'جراء'
    >>> normalize("على", profile="search")
    'علي'
    """
    try:
        norm = _normalizer(profile, tuple(sorted(overrides.items())))
    except TypeError:                       # an unhashable option value: not cached
        norm = Normalizer(profile, **overrides)
    return norm.normalize(text)


@lru_cache(maxsize=64)
def _normalizer(profile: str, overrides: tuple) -> Normalizer:
    return Normalizer(profile, **dict(overrides))


@lru_cache(maxsize=None)
def _only(rule: str, value: bool | str = True) -> Normalizer:
    """The Normalizer of one rule, built on first use (nothing is compiled at import)."""
    return Normalizer("none", **{rule: value})


def normalize_presentation_forms(text: str) -> str:
    """Presentation forms and ligatures to base letters (their NFKC decomposition).

    Only characters of Arabic Presentation Forms-A (U+FB50-U+FDFF) and -B
    (U+FE70-U+FEFF) change; the rest of the text is not NFKC-normalized.

    Examples
    --------
    >>> normalize_presentation_forms("ﻻ ﺑﺴﻢ ﷲ")
    'لا بسم الله'
    """
    return _only("presentation_forms").normalize(text)


def compose_hamza(text: str) -> str:
    """Compose a seat followed by combining hamza or madda into one letter.

    ``ا`` + U+0653 -> ``آ``, ``ا`` + U+0654 -> ``أ``, ``ا`` + U+0655 -> ``إ``,
    ``و`` + U+0654 -> ``ؤ``, ``ي``/``ى`` + U+0654 -> ``ئ``, ``ه``/``ە`` + U+0654 -> ``ۀ``
    (:data:`arabcorpus.text.chars.HAMZA_COMPOSITIONS`). The mark must follow its seat
    directly.

    Examples
    --------
    >>> compose_hamza("\\u0627\\u0654\\u064a\\u0636\\u0627") == "أيضا"
    True
    """
    return _only("compose").normalize(text)


def remove_tatweel(text: str) -> str:
    """Remove tatweel U+0640.

    Examples
    --------
    >>> remove_tatweel('لـ "روزنة"')
    'ل "روزنة"'
    """
    return _only("tatweel").normalize(text)


def remove_invisibles(text: str) -> str:
    """Remove invisible format and bidi control characters (:data:`chars.INVISIBLES`).

    Examples
    --------
    >>> remove_invisibles("\\u200fعين\\u200c اليوم\\ufeff")
    'عين اليوم'
    """
    return _only("invisibles").normalize(text)


def normalize_spaces(text: str) -> str:
    """Unicode spaces (NBSP, tab, thin space...) to a space; runs of spaces to one.

    Line breaks are kept, so paragraphs stay apart; leading and trailing spaces are
    collapsed but not removed.

    Examples
    --------
    >>> normalize_spaces("عين\\u00a0 \\tاليوم\\n\\nالرياض")
    'عين اليوم\\n\\nالرياض'
    """
    return _only("spaces").normalize(text)


def normalize_alef(text: str) -> str:
    """``أ إ آ ٱ`` -> ``ا``. Same output as CAMeL Tools' ``normalize_alef_ar``.

    Examples
    --------
    >>> normalize_alef("أإآٱ")
    'اااا'
    """
    return _only("alef").normalize(text)


def normalize_alef_maksura(text: str) -> str:
    """``ى`` -> ``ي``. Same output as CAMeL Tools' ``normalize_alef_maksura_ar``.

    Examples
    --------
    >>> normalize_alef_maksura("على")
    'علي'
    """
    return _only("alef_maksura").normalize(text)


def normalize_teh_marbuta(text: str) -> str:
    """``ة`` -> ``ه``. Same output as CAMeL Tools' ``normalize_teh_marbuta_ar``.

    Examples
    --------
    >>> normalize_teh_marbuta("روزنة")
    'روزنه'
    """
    return _only("teh_marbuta").normalize(text)


def normalize_hamza_seats(text: str) -> str:
    """Hamza on a seat ``ؤ ئ`` -> ``ء`` (alef hamza forms are the ``alef`` rule's).

    Examples
    --------
    >>> normalize_hamza_seats("سؤال الأئمة")
    'سءال الأءمة'
    """
    return _only("hamza_seats").normalize(text)


def normalize_lookalikes(text: str) -> str:
    """Persian/Urdu look-alike letters to their Arabic counterparts.

    See :data:`arabcorpus.text.chars.LOOKALIKES` (``ک`` -> ``ك``, ``ی`` -> ``ي``,
    ``ہ ە ھ`` -> ``ه``, ``ۃ`` -> ``ة``, ...).

    Examples
    --------
    >>> normalize_lookalikes("کتاب فارسی")
    'كتاب فارسي'
    """
    return _only("lookalikes").normalize(text)


def digits_to_ascii(text: str) -> str:
    """Arabic-Indic and Eastern (Persian) digits to 0-9, ``٫`` to ``.``, ``٬`` to ``,``.

    Examples
    --------
    >>> digits_to_ascii("٢٠١٥ ١٢٫٥ ١٬٠٠٠ ۱۳۹۴")
    '2015 12.5 1,000 1394'
    """
    return _only("digits", "ascii").normalize(text)


def digits_to_arabic(text: str) -> str:
    """ASCII and Eastern digits to Arabic-Indic ``٠-٩`` (separators unchanged).

    Examples
    --------
    >>> digits_to_arabic("2015 ۱۳۹۴")
    '٢٠١٥ ١٣٩٤'
    """
    return _only("digits", "arabic").normalize(text)


def normalize_punctuation(text: str) -> str:
    """Arabic punctuation to Latin, every double quote form to ``"``.

    ``، ؛ ؟ ٪ ۔ ٭`` -> ``, ; ? % . *``; ``“ ” „ ‟ « » ‹ › ″ ＂ ❝ ❞`` -> ``"``;
    ``‘ ’ ‚ ‛ ′ ＇`` -> ``'``.

    Examples
    --------
    >>> normalize_punctuation("”عين اليوم”، «الرياض»؟")
    '"عين اليوم", "الرياض"?'
    """
    return _only("punctuation").normalize(text)
