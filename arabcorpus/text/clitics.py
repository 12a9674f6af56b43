"""Conservative clitic segmentation of Arabic words, checked against a lexicon.

An Arabic written word can carry *proclitics* (the conjunctions ``و`` and ``ف``, the
prepositions ``ب``, ``ك`` and ``ل``, the future particle ``س`` and the article ``ال``)
and *enclitic* pronouns (``ه ها هم هما هن ك كم كما كن ي ني نا``):
``وبالمدينة`` = ``و`` + ``ب`` + ``ال`` + ``مدينة``, ``كتابه`` = ``كتاب`` + ``ه``.
Many words only *look* like that: ``بلد``, ``كتاب``, ``والد``, ``فيلم``, ``لجنة`` begin
with root letters. :func:`split_clitics` therefore splits only when what remains is a
word of the lexicon (possibly inflected: a plural, a feminine, a conjugated verb) and
the whole word is not; otherwise the word stays whole.

The lexicon
-----------
The nouns (singular entries, broken plurals with their singular, and which adjectives
take the feminine ``ة``) and the verbs (3rd person masculine singular perfect) of
**Arramooz**, Taha Zerrouki's open Arabic dictionary for morphological analysis
(package ``arramooz-pysqlite``, GPL; https://github.com/linuxscout/arramooz), which is
also the dictionary of the Qalsadi analyzer; plus the lemmas and word forms of
**Simplemma**'s Arabic dictionary (Adrien Barbaresi, MIT; Barbaresi, A. (2023).
Simplemma: a simple multilingual lemmatizer for Python. Zenodo,
doi:10.5281/zenodo.4673264), used as a weaker witness. Both are read once, the first
time a word is analyzed, and kept as a text file in the user cache that later
processes load in about 0.4 s (:func:`lexicon`).

Speed
-----
:func:`analyze` tries only the clitics a word really begins and ends with (each pair
of proclitic and enclitic once, listed per pair of word edges), rejects a base with
one lookup in tables built by running the inflection rules backwards from the
lexicon (most bases of most words), and computes the candidates of a base once for
all the words that share it (one lookup per base); :func:`best_analysis` keeps only
the cheapest reading. About 75,000-85,000 word types a second of CPU time on one
core (the 300,254 types of SaudiNewsNet in 3.5-4 s on a busy 2-core machine),
against 12,000-17,000 for the direct analysis it replaced, which is kept as
``_analyze_reference`` and tested to give the same readings.

The same analysis gives the lemma of the word (:mod:`arabcorpus.text.lemma`): every way of
cutting off clitics and inflection is tried, each reading is checked against the
lexicon, and the cheapest reading wins (fewest clitics and inflection steps, lexicon
entries before forms only Simplemma knows).

Examples
--------
>>> from arabcorpus.text.clitics import split_clitics, base_form
>>> split_clitics("وبالمدينة")
('وبال', 'مدينة', '')
>>> split_clitics("كتابه"), split_clitics("بلد")
(('', 'كتاب', 'ه'), ('', 'بلد', ''))
>>> base_form("والكتاب")
'كتاب'
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from arabcorpus.text.chars import ALEF, ALEF_VARIANTS, TATWEEL
from arabcorpus.text.diacritics import strip_diacritics
from arabcorpus.text.light_clitics import ENCLITICS as _TOKENIZER_ENCLITICS

__all__ = [
    "PROCLITIC_SEQUENCES", "ENCLITICS", "Lexicon", "lexicon", "Analysis", "analyze",
    "split_clitics", "base_form", "clitic_strings", "segments", "best_analysis",
    "best_analyses", "clear_caches",
]

#: Proclitic strings tried, as written (the article after ``ل`` loses its alef: ``لل``).
#: ``س`` (future) only before an imperfect verb.
PROCLITIC_SEQUENCES: tuple[str, ...] = tuple(sorted({
    conj + prep + art
    for conj in ("", "و", "ف")
    for prep, arts in (("", ("", "ال")), ("ب", ("", "ال")), ("ك", ("", "ال")),
                       ("ل", ("", "ل")), ("س", ("",)))
    for art in arts
}, key=lambda s: (-len(s), s)))
#: Enclitic pronouns, longest first (the tokenizer's list).
ENCLITICS: tuple[str, ...] = _TOKENIZER_ENCLITICS

_ARTICLE_SEQUENCES = tuple(p for p in PROCLITIC_SEQUENCES
                           if p.endswith("ال") or p.endswith("لل"))
#: Weight of the lemma's corpus frequency (Arramooz ``wordfreq``) in a reading's cost:
#: ``cost -= FREQ_WEIGHT * log10(1 + freq)``.
FREQ_WEIGHT = 0.3
#: Bonus of a reading whose lemma is Simplemma's lemma for the same base.
AGREEMENT_BONUS = 0.3

_TATWEEL = TATWEEL
_FOLD = str.maketrans(dict.fromkeys(ALEF_VARIANTS, ALEF))
_IMPERFECT_PREFIXES = "يتنأ"


def _arramooz_db() -> Path:
    try:
        import arramooz  # noqa: F401  (arramooz-pysqlite)
    except ImportError as exc:  # pragma: no cover
        raise ImportError("the lexicon needs Arramooz: pip install arramooz-pysqlite"
                          ) from exc
    return Path(arramooz.__file__).parent / "data" / "arabicdictionary.sqlite"


@dataclass(frozen=True)
class Lexicon:
    """The word lists used to check readings (see the module docstring).

    Attributes
    ----------
    nouns : frozenset of str
        Singular nouns and adjectives (masculine and feminine entries), undiacritized.
    plurals : dict of str to str
        Broken plural -> its singular.
    feminable : frozenset of str
        Masculine adjectives and participles that form a feminine with ``ة``.
    verbs : frozenset of str
        Verbs, 3rd person masculine singular perfect (``كتب``, ``استخدم``).
    forms : dict of str to str
        Simplemma's Arabic dictionary, word form -> lemma.
    lemmas : frozenset of str
        The lemmas of ``forms``.
    folded : dict of str to str
        Hamza-folded spelling (``ا`` for ``أ إ آ``) -> spelling in the lexicon, for
        text typed without hamzas (``اكد`` -> ``أكد``).
    freq, freq_verb : dict of str to int
        Arramooz's lemma frequencies (table ``wordfreq``: 37,714 lemmas with their
        part of speech and frequency in a large Arabic corpus), undiacritized, summed
        over homographs: nouns, adjectives and adverbs in ``freq``, verbs in
        ``freq_verb``.
    """

    nouns: frozenset[str]
    plurals: dict[str, str]
    feminable: frozenset[str]
    verbs: frozenset[str]
    forms: dict[str, str]
    lemmas: frozenset[str]
    folded: dict[str, str]
    freq: dict[str, int]
    freq_verb: dict[str, int]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once from Arramooz and Simplemma (cached).

    Reading Arramooz's SQLite tables and decoding Simplemma's compressed dictionary
    takes about 1 s (2-3 s on a busy machine), and the base filters of
    :func:`analyze` built from them another 0.6 s; so the first read also writes both
    as one plain UTF-8 text file (about 18 MB, :func:`lexicon_cache_path`, in the
    folder of :func:`arabcorpus.util.paths.cache_dir`) that later processes load in
    about 0.4 s. The file's name carries the versions of both sources, so an upgrade
    of either rebuilds it (and removes the older copy); when the folder is not
    writable, the sources are read each time. Delete the file to force a rebuild.

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lex = lexicon()
    >>> "كتاب" in lex.nouns, "استخدم" in lex.verbs, lex.plurals["قلوب"]
    (True, True, 'قلب')
    """
    path = lexicon_cache_path()
    if path is not None:
        try:
            return _load_lexicon(path)
        except (OSError, ValueError, UnicodeDecodeError):
            pass  # missing, stale or damaged: read the sources and rewrite it
    lex = _read_lexicon()
    if path is not None:
        filters = _PRELOADED["filters"] = _build_filters(lex)
        try:
            _save_lexicon(lex, path, filters)
        except OSError:
            pass
    return lex


#: Format of the lexicon cache file (bumped when the lexicon's construction changes).
_CACHE_FORMAT = 2
_SEP = "\n\x1d\n"  # between the sections of the cache file


def lexicon_cache_path() -> Path | None:
    """Where :func:`lexicon` keeps its text copy of the lexicon, or None if unknown.

    ``<cache_dir>/lexicon/arramooz-<size>-<mtime>_simplemma-<version>_v<format>.txt``;
    ``$ARABCORPUS_LEXICON_CACHE=0`` disables the copy.
    """
    import os
    if os.environ.get("ARABCORPUS_LEXICON_CACHE", "") == "0":
        return None
    try:
        import simplemma

        from arabcorpus.util.paths import cache_dir
        db = _arramooz_db()
        st, st2 = db.stat(), db.with_name("wordfreq.sqlite").stat()
        version = getattr(simplemma, "__version__", "unknown")
        name = (f"arramooz-{st.st_size}-{st.st_mtime_ns}-{st2.st_size}-"
                f"{st2.st_mtime_ns}_simplemma-{version}_v{_CACHE_FORMAT}.txt")
        return cache_dir() / "lexicon" / name
    except Exception:  # no cache folder, sources not found: read the sources
        return None


def _save_lexicon(lex: Lexicon, path: Path, filters: _Filters | None = None) -> None:
    import os
    if filters is None:
        filters = _build_filters(lex)
    sections = [
        "arabcorpus lexicon",
        "\n".join(sorted(lex.nouns)),
        "\n".join(lex.plurals), "\n".join(lex.plurals.values()),
        "\n".join(sorted(lex.feminable)),
        "\n".join(sorted(lex.verbs)),
        "\n".join(lex.forms), "\n".join(lex.forms.values()),
        "\n".join(lex.folded), "\n".join(lex.folded.values()),
        "\n".join(lex.freq), "\n".join(map(str, lex.freq.values())),
        "\n".join(lex.freq_verb), "\n".join(map(str, lex.freq_verb.values())),
        "\n".join(filters.flags), "".join(map(str, filters.flags.values())),
        "\n".join(sorted(filters.imperfect)),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(_SEP.join(sections), encoding="utf-8")
    os.replace(tmp, path)
    for old in path.parent.glob("arramooz-*.txt"):  # copies of older versions
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def _load_lexicon(path: Path) -> Lexicon:
    parts = path.read_text(encoding="utf-8").split(_SEP)
    if len(parts) != 17 or parts[0] != "arabcorpus lexicon":
        raise ValueError(f"not a lexicon cache file: {path}")
    lines = [p.split("\n") if p else [] for p in parts]

    def pairs(i: int) -> dict[str, str]:
        if len(lines[i]) != len(lines[i + 1]):
            raise ValueError(f"damaged lexicon cache file: {path}")
        return dict(zip(lines[i], lines[i + 1]))

    forms = pairs(6)
    if len(lines[14]) != len(parts[15]):
        raise ValueError(f"damaged lexicon cache file: {path}")
    _PRELOADED["filters"] = _Filters(dict(zip(lines[14], map(int, parts[15]))),
                                     frozenset(lines[16]))
    return Lexicon(frozenset(lines[1]), pairs(2), frozenset(lines[4]),
                   frozenset(lines[5]), forms, frozenset(forms.values()), pairs(8),
                   {k: int(v) for k, v in pairs(10).items()},
                   {k: int(v) for k, v in pairs(12).items()})


def _read_lexicon() -> Lexicon:
    """The lexicon read from its sources, Arramooz's SQLite files and Simplemma."""
    con = sqlite3.connect(f"file:{_arramooz_db()}?mode=ro", uri=True)
    try:
        nouns, plurals, feminable = set(), {}, set()
        for word, number, single, fem in con.execute(
                "select unvocalized, number, single, feminable from nouns"):
            if not word:
                continue
            if number == "جمع تكسير" and single:
                plurals.setdefault(word, _clean(single))
            else:
                nouns.add(word)
                if fem:
                    feminable.add(word)
        verbs = {w for (w,) in con.execute("select unvocalized from verbs") if w}
    finally:
        con.close()
    freq: dict[str, int] = {}
    freq_verb: dict[str, int] = {}
    con = sqlite3.connect(f"file:{_arramooz_db().with_name('wordfreq.sqlite')}?mode=ro",
                          uri=True)
    try:
        for vocalized, word_type, count in con.execute(
                "select vocalized, word_type, freq from wordfreq"):
            word = _clean(vocalized)
            if not _is_arabic(word):
                continue
            if word_type == "verb":
                verbs.add(word)
                freq_verb[word] = freq_verb.get(word, 0) + int(count)
            elif word_type.startswith(("noun", "adj", "adv")):
                nouns.add(word)
                freq[word] = freq.get(word, 0) + int(count)
    finally:
        con.close()
    forms: dict[str, str] = {}
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory
        raw = DefaultDictionaryFactory().get_dictionary("ar")
        items = getattr(raw, "_dict", None)  # bytes -> bytes inside simplemma 1.x/2.x
        if isinstance(items, dict):
            text = "\n".join(k.decode() + "\t" + v.decode() for k, v in items.items())
        else:  # pragma: no cover - another simplemma layout
            text = "\n".join(f"{k}\t{v}" for k, v in raw.items())
        forms = dict(m.groups() for m in _ARABIC_PAIR.finditer(text))
    except ImportError:  # pragma: no cover - simplemma is a dependency
        pass
    lemmas = frozenset(forms.values())
    folded: dict[str, str] = {}
    # sorted: the spelling kept for a folded key must not depend on set order
    for word in (*sorted(verbs), *sorted(nouns), *sorted(plurals)):
        key = word.translate(_FOLD)
        if key != word:
            folded.setdefault(key, word)
    return Lexicon(frozenset(nouns), plurals, frozenset(feminable), frozenset(verbs),
                   forms, lemmas, folded, freq, freq_verb)


_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671]+")
_ARABIC_PAIR = re.compile("^([\u0621-\u064a\u0671]+)\t([\u0621-\u064a\u0671]+)$", re.M)


def _is_arabic(word: str) -> bool:
    return _ARABIC_WORD.fullmatch(word) is not None


class Analysis(NamedTuple):
    """One reading of a word: clitics, base, lemma, and its cost (lower is likelier)."""

    cost: float
    proclitics: str
    base: str
    enclitics: str
    lemma: str
    pos: str  # "noun", "verb" or "" (not checked against the lexicon)


# --- inflection: candidate lemmas of a base --------------------------------------

#: Verb suffixes of the perfect and the imperfect (subject markers).
_PERFECT_SUFFIXES = ("تما", "تم", "تن", "نا", "وا", "تا", "ت", "ا", "ن")
_IMPERFECT_SUFFIXES = ("ون", "ان", "ين", "وا", "ا", "ن", "ي")


def _verb_lemmas(base: str, lex: Lexicon) -> list[tuple[float, str]]:
    """Perfect 3ms candidates of a conjugated verb ``base`` (no clitics), with costs."""
    out: list[tuple[float, str]] = []
    verbs = lex.verbs

    def add(cost: float, cand: str) -> None:
        if cand in verbs:
            out.append((cost, cand))
            return
        real = lex.folded.get(_fold(cand))
        if real is not None and real in verbs:
            out.append((cost + 0.5, real))

    n = len(base)
    # Perfect: the base itself, or the base minus a subject suffix.
    add(0.0, base)
    for suf in _PERFECT_SUFFIXES:
        if n - len(suf) >= 2 and base.endswith(suf):
            stem = base[:-len(suf)]
            add(1.0, stem)
            if suf in ("ت", "تم", "تن", "نا", "تما") and len(stem) == 2:
                # hollow verbs shorten: قلت -> قال, كنا -> كان
                add(1.5, stem[0] + "ا" + stem[1])
            if suf == "وا" and len(stem) >= 2:   # defective: رموا -> رمى, دعوا -> دعا
                add(1.5, stem + "ى")
                add(1.5, stem + "ا")
            if suf == "ت" and stem.endswith("ا") and len(stem) >= 3:  # دعت? بنت: بنى
                add(1.5, stem[:-1] + "ى")
    if base.endswith("ت") and n >= 3:
        add(1.5, base[:-1] + "ى")     # بنت -> بنى, مضت -> مضى
    # Imperfect: a person prefix, then the stem, then an optional subject suffix.
    if n >= 3 and base[0] in _IMPERFECT_PREFIXES:
        body = base[1:]
        stems = [(0.0, body)]
        for suf in _IMPERFECT_SUFFIXES:
            if len(body) - len(suf) >= 2 and body.endswith(suf):
                stems.append((0.5, body[:-len(suf)]))
        for c0, stem in stems:
            c = 1.0 + c0
            add(c, stem)                    # Forms II, III, V, VI, quadriliterals
            if stem[0] == "ؤ":              # يؤكد -> أكد, يؤدي -> أدى
                stem = "أ" + stem[1:]
                add(c, stem)
            add(c + 0.2, "ا" + stem)        # Forms VII, VIII, X: ينطلق -> انطلق
            add(c + 0.3, "أ" + stem)        # Form IV: يكرم -> أكرم
            m = len(stem)
            if m == 3 and stem[1] in "وي":  # hollow: يعود -> عاد, يضيف -> أضاف
                hollow = stem[0] + "ا" + stem[2]
                add(c + 0.2, hollow)
                add(c + 0.4, "أ" + hollow)
            if m >= 2 and stem[-1] == "ي":  # defective: يبني -> بنى, يعطي -> أعطى
                add(c + 0.2, stem[:-1] + "ى")
                add(c + 0.4, "أ" + stem[:-1] + "ى")
                add(c + 0.4, "ا" + stem[:-1] + "ى")
            if m >= 2 and stem[-1] in "وا":  # ينمو -> نما, يدعو -> دعا, يرى/يسعى
                add(c + 0.2, stem[:-1] + "ا")
            if m >= 2 and stem[-1] == "ى":  # يسعى -> سعى, يتلقى -> تلقى
                add(c + 0.1, stem)
            if m == 2:                      # assimilated: يصل -> وصل; doubled: يظن
                add(c + 0.2, "و" + stem)
                add(c + 0.3, stem + stem[-1])
    return out


def _noun_lemmas(base: str, lex: Lexicon, before_enclitic: bool
                 ) -> list[tuple[float, str]]:
    """Singular masculine/lemma candidates of a noun or adjective ``base``."""
    out: list[tuple[float, str]] = []
    nouns, plurals = lex.nouns, lex.plurals

    def add(cost: float, cand: str, feminine_of: bool = False) -> None:
        if len(cand) < 2:
            return
        known = False
        if cand in nouns:
            out.append((cost, cand))
            known = True
        if cand in plurals:
            out.append((cost + 0.3, plurals[cand]))
            known = True
        if not known:
            real = lex.folded.get(_fold(cand))
            if real is not None and real in nouns:
                out.append((cost + 0.5, real))
            elif real is not None and real in plurals:
                out.append((cost + 0.8, plurals[real]))

    add(0.0, base)
    n = len(base)
    if before_enclitic:
        # Teh marbuta is written ت before a pronoun, final hamza may sit on و/ي, and
        # alef maqsura is written ا: قصتها، ارتداؤه، شكواها.
        if base.endswith("ت"):
            add(0.2, base[:-1] + "ة")
        if base[-1] in "ؤئ":
            add(0.2, base[:-1] + "ء")
        if base.endswith("ا"):
            add(0.2, base[:-1] + "ى")
        if base.endswith("تا") or base.endswith("تي"):  # dual: لجنتاه
            add(0.8, base[:-2] + "ة")
    if base.endswith("ة"):
        masc = base[:-1]
        if masc in lex.feminable:
            # an adjective's feminine: كبيرة -> كبير (the ة form itself, if it is a
            # noun of its own, still wins at equal cost)
            out.append((0.4, masc))
        elif base not in nouns and masc in nouns:
            out.append((1.2, masc))
        if masc.endswith("ي"):            # nisba: السياسية -> سياسي
            if masc in nouns:
                out.append((0.3, masc))
    if base.endswith("ات") and n >= 4:   # feminine sound plural
        add(0.5, base[:-2] + "ة")
        add(0.6, base[:-2])                # سبعينيات -> سبعيني, مطارات -> مطار
        if base.endswith("يات"):
            add(0.7, base[:-3] + "ية")
            add(0.6, base[:-3] + "ى")     # مستويات -> مستوى
    for suf in ("ون", "ين", "ان"):       # masculine sound plural, dual
        if base.endswith(suf) and n >= 4:
            add(0.6, base[:-2])
    if base.endswith("تان") or base.endswith("تين"):
        add(0.6, base[:-3] + "ة")
    if before_enclitic and n >= 3 and base[-1] in "وي":  # plural/dual lost ن: مذكوريه
        add(0.9, base[:-1])
    if base.endswith("ا") and n >= 3:      # accusative tanwin alef: ذهابا -> ذهاب
        add(0.3, base[:-1])
        if base.endswith("ةا") or base.endswith("ءا"):
            add(0.1, base[:-1])
    if base.endswith("يا") and n >= 4:      # nisba accusative: رسميا -> رسمي
        add(0.3, base[:-1])
    if n == 4 and base[3] in "ىا":         # feminine elative فعلى: كبرى -> أكبر,
        add(0.4, "أ" + base[:3])            # عليا -> أعلى
        add(0.5, "أ" + base[:2] + "ى")
    return out


def _clean(word: str) -> str:
    return strip_diacritics(word).replace(_TATWEEL, "")


# --- the fast path ------------------------------------------------------------------
#
# ``analyze`` gives exactly the readings of ``_analyze_reference`` (tested), faster:
# only the proclitic and enclitic strings the word really begins and ends with are
# tried, and the candidates of each base (with their frequency and agreement bonuses,
# which depend on the base and the lemma only) are computed once per base and reused
# by every word that has it (``والكتاب``, ``بالكتاب``, ``كتابه``: one ``كتاب``).

_PROCLITIC_SET = frozenset(PROCLITIC_SEQUENCES)
_PROCLITIC_LENGTHS = tuple(sorted({len(p) for p in PROCLITIC_SEQUENCES}, reverse=True))
_ENCLITIC_SET = frozenset(ENCLITICS)
_ENCLITIC_LENGTHS = tuple(sorted({len(e) for e in ENCLITICS}, reverse=True))
_PLAIN = re.compile("[\u0621-\u063a\u0641-\u064a]+")  # letters only: nothing to clean

#: base -> ``[nouns, nouns before an enclitic, verbs, Simplemma reading]``, each
#: computed the first time a split of a word needs it (``_candidates``), so that one
#: lookup serves every word with that base (cleared by ``analyze.cache_clear``)
_BASE_MEMO: dict[str, list] = {}
_ANALYSES: dict[str, tuple[Analysis, ...]] = {}
_BEST: dict[str, tuple] = {}
#: the memos are emptied when they hold more bases than this (bounded memory)
MEMO_LIMIT = 1 << 21


def _clean_fast(word: str) -> str:
    return word if _PLAIN.fullmatch(word) else _clean(word)


def _bonused(base: str, cands: list[tuple[float, str]], pos: str, lex: Lexicon,
             extra: float = 0.0) -> tuple:
    """``(cost, lemma, bonus)`` for each candidate, the bonus as ``keep`` computes it."""
    table = lex.freq_verb if pos == "verb" else lex.freq
    sm = lex.forms.get(base)
    out = []
    for c, lemma in cands:
        bonus = FREQ_WEIGHT * math.log10(1 + table.get(lemma, 0))
        if pos and sm == lemma:
            bonus += AGREEMENT_BONUS
        out.append((c, lemma, bonus))
    return tuple(out)


class _Filters(NamedTuple):
    """Hamza-folded spellings a base must have for its candidates to be worth making.

    Built from the lexicon by running each rule of ``_noun_lemmas`` and
    ``_verb_lemmas`` backwards from every noun, plural and verb: a base whose folded
    spelling is in none of these sets has no candidate (tested on every base of a
    large vocabulary), so most bases are rejected with a lookup or two instead of
    trying their 10-40 candidate spellings.
    """

    flags: dict[str, int]        # folded base -> 1 noun candidates, 2 perfect verb
                                 # candidates, 4 a word form of Simplemma (bits)
    imperfect: frozenset[str]    # imperfect verb bases without the person prefix


#: filters read from the lexicon cache file with the lexicon, for ``_filters``
_PRELOADED: dict[str, _Filters] = {}


@functools.lru_cache(maxsize=1)
def _filters() -> _Filters:
    lex = lexicon()
    got = _PRELOADED.pop("filters", None)
    return got if got is not None else _build_filters(lex)


def _build_filters(lex: Lexicon) -> _Filters:
    nb: set[str] = set()
    for word in (*lex.nouns, *lex.plurals):
        t = word.translate(_FOLD)
        nb.update((t, t + "ة", t + "ات", t + "ون", t + "ين", t + "ان", t + "و", t + "ي",
                   t + "ا"))
        last, head = t[-1], t[:-1]
        if last == "ة":
            nb.update((head + "ت", head + "تا", head + "تي", head + "ات", head + "تان",
                       head + "تين"))
            if t.endswith("ية"):
                nb.add(t[:-2] + "يات")
        elif last == "ء":
            nb.update((head + "ؤ", head + "ئ"))
        elif last == "ى":
            nb.update((head + "ا", head + "يات"))
    vp: set[str] = set()
    vs: set[str] = set()
    for word in lex.verbs:
        v = word.translate(_FOLD)
        n = len(v)
        vp.add(v)
        vp.update(v + suf for suf in _PERFECT_SUFFIXES)
        if n == 3 and v[1] == "ا":
            vp.update(v[0] + v[2] + suf for suf in ("ت", "تم", "تن", "نا", "تما"))
        if v[-1] in "ىا":
            vp.add(v[:-1] + "وا")
        if v[-1] == "ى":
            vp.update((v[:-1] + "ات", v[:-1] + "ت"))
        stems = {v}
        if v[0] == "ا":
            stems.add(v[1:])
        if n == 3 and v[1] == "ا":
            stems.update((v[0] + "و" + v[2], v[0] + "ي" + v[2]))
        if n == 4 and v[0] == "ا" and v[2] == "ا":
            stems.update((v[1] + "و" + v[3], v[1] + "ي" + v[3]))
        if v[-1] == "ى":
            stems.add(v[:-1] + "ي")
            if v[0] == "ا":
                stems.add(v[1:-1] + "ي")
        if v[-1] == "ا":
            stems.update((v[:-1] + "و", v[:-1] + "ا"))
        if n == 3 and v[0] == "و":
            stems.add(v[1:])
        if n == 3 and v[2] == v[1]:
            stems.add(v[:-1])
        stems.update(["ؤ" + x[1:] for x in stems if x and x[0] == "ا"])
        for x in stems:
            vs.add(x)
            vs.update(x + suf for suf in _IMPERFECT_SUFFIXES)
    flags: dict[str, int] = dict.fromkeys(nb, 1)
    for x in vp:
        flags[x] = flags.get(x, 0) | 2
    for form in lex.forms:
        x = form.translate(_FOLD)
        flags[x] = flags.get(x, 0) | 4
    return _Filters(flags, frozenset(vs))


def _candidates(record: list, slot: int, base: str) -> tuple:
    """Fill and return ``record[slot]`` of ``_BASE_MEMO[base]``: the noun candidates
    of ``base`` (slot 0; slot 1 before an enclitic) and its verb candidates (slot 2)
    as ``(cost, lemma, bonus)``, or its Simplemma reading (slot 3, ``_forms_of``)."""
    lex = lexicon()
    if slot == 3:
        got = _forms_of(base, lex)
    elif slot == 2:
        got = _bonused(base, _verb_lemmas(base, lex), "verb", lex)
    else:
        got = _bonused(base, _noun_lemmas(base, lex, slot == 1), "noun", lex)
    record[slot] = got
    return got


def _proclitic_info(pro: str) -> tuple:
    """``(pro, length, article, future, cost, verbs_ok, before_imperfect_only)``."""
    article = pro.endswith("ال") or pro.endswith("لل")
    groups = pro
    pcost = 0.0
    if article:
        pcost += 0.6
        groups = pro[:-2] if pro.endswith("ال") else pro[:-1]
    pcost += len(groups) * 1.0
    verbs_ok = not article and not ("ب" in pro or "ك" in pro)
    return (pro, len(pro), article, pro.endswith("س"), pcost, verbs_ok, pro.endswith("ل"))


def _enclitic_info(enc: str) -> tuple:
    """``(enc, length, cost)``."""
    ecost = 1.2 if enc else 0.0
    if enc in ("ك", "ي"):
        ecost += 0.8  # mostly part of the word (ذلك) or a nisba ending
    return (enc, len(enc), ecost)


_PRO_INFO = {p: _proclitic_info(p) for p in PROCLITIC_SEQUENCES}
_NO_PRO = _proclitic_info("")
_ENC_INFO = {e: _enclitic_info(e) for e in ENCLITICS}
_NO_ENC = _enclitic_info("")


_PRO_CHOICES: list[tuple] = []  # the distinct proclitic info tuples of _clitics_of
_ENC_CHOICES: list[tuple] = []  # the distinct enclitic info tuples
_PROS_OF: dict[str, int] = {}  # first letters of a word -> index in _PRO_CHOICES
_ENCS_OF: dict[str, int] = {}  # last letters of a word -> index in _ENC_CHOICES
_new_tuple = tuple.__new__
_COMBOS: dict[tuple[int, int], tuple] = {}  # (pros, encs) indexes -> _combos


def _clitics_of(edge: str, front: bool) -> tuple:
    """The infos of the proclitics ``edge`` begins with (front) or of the enclitics
    it ends with, in the reference's order, the empty clitic first."""
    if front:
        out = [_NO_PRO]
        out.extend(_PRO_INFO[edge[:k]] for k in _PROCLITIC_LENGTHS
                   if len(edge) >= k and edge[:k] in _PRO_INFO)
    else:
        out = [_NO_ENC]
        out.extend(_ENC_INFO[edge[-k:]] for k in _ENCLITIC_LENGTHS
                   if len(edge) >= k and edge[-k:] in _ENC_INFO)
    return tuple(out)


def _choice_index(edge: str, front: bool) -> int:
    """Index of ``_clitics_of(edge, front)`` in ``_PRO_CHOICES`` or ``_ENC_CHOICES``."""
    infos = _clitics_of(edge, front)
    choices = _PRO_CHOICES if front else _ENC_CHOICES
    if infos not in choices:
        choices.append(infos)
    index = choices.index(infos)
    (_PROS_OF if front else _ENCS_OF)[edge] = index
    return index


def _combos(pi: int, ei: int) -> tuple:
    """The (proclitic, enclitic) pairs a word with these clitic choices is split by,
    in the reference's order: ``(lp, le, min_len, cost, pro, enc, future, verbs_ok,
    before_imperfect_only)``; ``min_len`` is the shortest word that leaves a base of
    two letters, ``cost`` the clitics' cost computed as the reference adds it."""
    out = []
    seen = set()  # "" is in PROCLITIC_SEQUENCES too: the reference tries it twice
    for pro, lp, article, future, pcost, verbs_ok, l_only in _PRO_CHOICES[pi]:
        for enc, le, ecost in _ENC_CHOICES[ei]:
            if (le and article) or (pro, enc) in seen:
                continue
            seen.add((pro, enc))
            out.append((lp, le, lp + le + 2, pcost + ecost, pro, enc, future, verbs_ok,
                        l_only))
    got = _COMBOS[pi, ei] = tuple(out)
    return got


def _fold(w: str) -> str:
    """``w.translate(_FOLD)``: four replaces, each returning ``w`` itself when the
    letter is absent (kept: 5x faster than the translate table on SaudiNewsNet
    words, 2026-12-05)."""
    return w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ٱ", "ا")


def _readings(w: str, plain: bool = False) -> list[tuple] | None:
    """The splits of the clean word ``w`` that have readings, in the order
    ``_analyze_reference`` first finds them: ``(pro, base, enc, readings)`` with
    ``readings`` the ``[cost, lemma, pos]`` of each lemma of the split (see
    ``_split_readings``); None when ``w`` is too short or not Arabic.

    The same loop as the reference, with what depends on a proclitic or an enclitic
    alone computed once (``_PRO_INFO``, ``_ENC_INFO``), the pairs of clitics a word
    can have listed once per pair of word edges (``_combos``), the candidates of
    each base taken from ``_BASE_MEMO`` with one lookup, and a base rejected by ``_filters`` (most are)
    never expanded. ``plain``: ``w`` is known to be Arabic letters only.
    """
    if len(w) < 2 or not (plain or _is_arabic(w)):
        return None
    filters = _filters()
    flags_of = filters.flags.get
    imperfect_bases = filters.imperfect
    base_memo = _BASE_MEMO
    # _fold(w), inlined; folding is letter by letter: fw[i:j] is base i:j folded
    fw = w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ٱ", "ا")
    unfolded = fw is w
    n = len(w)
    head = w[:4]  # the longest proclitic, then the longest enclitic
    pi = _PROS_OF.get(head)
    if pi is None:
        pi = _choice_index(head, True)
    tail = w[-3:]
    ei = _ENCS_OF.get(tail)
    if ei is None:
        ei = _choice_index(tail, False)
    combos = _COMBOS.get((pi, ei))
    if combos is None:
        combos = _combos(pi, ei)
    out = []
    for lp, le, min_len, cost, pro, enc, future, verbs_ok, l_only in combos:
        if n < min_len:  # (also drops a clitic as long as the word, as the reference)
            continue
        if future and w[lp] not in _IMPERFECT_PREFIXES:
            continue
        end = n - le
        fb = fw[lp:end]
        flags = flags_of(fb, 0)
        kinds = 0
        if verbs_ok and (flags & 2 or (fb[0] in "يتنا" and end - lp >= 3
                                       and fb[1:] in imperfect_bases)):
            kinds = 2
        if not future:
            if flags & 1 or (end - lp == 4 and fb[3] in "ىا"):
                kinds |= 1
            kinds |= flags & 4
        if not kinds:
            continue  # most splits: nothing in the lexicon can come of this base
        base = fb if unfolded else w[lp:end]
        if kinds & 2 and l_only and base[0] not in _IMPERFECT_PREFIXES:
            kinds &= 5
            if not kinds:
                continue
        record = base_memo.get(base)
        if record is None:
            if len(base_memo) > MEMO_LIMIT:
                base_memo.clear()
            record = base_memo[base] = [None, None, None, None]
        readings = _split_readings(record, base, cost, kinds | 8 if le else kinds)
        if readings:
            out.append((pro, base, enc, readings))
    return out


def _keep(out: list[list], a: float, lemma: str, pos: str) -> None:
    """Add the reading ``[a, lemma, pos]`` to ``out``, or lower the cost (and take the
    part of speech) of the reading of the same lemma already there, as ``keep``."""
    for old in out:
        if old[1] == lemma:
            if a < old[0]:
                old[0] = a
                old[2] = pos
            return
    out.append([a, lemma, pos])


def _split_readings(record: list, base: str, cost: float, kinds: int) -> list[list]:
    """The readings ``[cost, lemma, pos]`` of one split of a word, each lemma once, at
    its first place and with its lowest cost, computed as the reference's ``keep``
    does (one split has a handful at most).

    ``record`` is ``_BASE_MEMO[base]``, ``cost`` the cost of the split's clitics,
    ``kinds`` which readings its clitics and the filters allow (bits: 1 noun, 2 verb,
    4 a Simplemma word form, 8 an enclitic follows).
    """
    out: list[list] = []
    if kinds & 1:
        slot = 1 if kinds & 8 else 0
        cands = record[slot]
        if cands is None:
            cands = _candidates(record, slot, base)
        for c, lemma, bonus in cands:
            a = cost + c
            if bonus:
                a = a - bonus
            if out:
                _keep(out, a, lemma, "noun")
            else:
                out.append([a, lemma, "noun"])
    if kinds & 2:
        cands = record[2]
        if cands is None:
            cands = _candidates(record, 2, base)
        for c, lemma, bonus in cands:
            a = cost + c + 0.1
            if bonus:
                a = a - bonus
            if out:
                _keep(out, a, lemma, "verb")
            else:
                out.append([a, lemma, "verb"])
    if kinds & 4:
        fe = record[3]
        if fe is None:
            fe = _candidates(record, 3, base)
        if fe:
            sm, as_noun, bonus_noun, bonus = fe
            if as_noun and not kinds & 8:
                a = cost + 0.5
                if bonus_noun:
                    a = a - bonus_noun
                _keep(out, a, sm, "noun")
            a = cost + 2.0
            if bonus:
                a = a - bonus
            _keep(out, a, sm, "")
    return out


def _forms_of(base: str, lex: Lexicon) -> tuple:
    """``(lemma, as_noun, noun_bonus, bonus)`` of the reading Simplemma gives ``base``
    (``as_noun``: its lemma is also an Arramooz noun, read as one when no enclitic
    follows), or ``()``."""
    sm = lex.forms.get(base)
    if sm is None or base.startswith("ال"):
        return ()
    return (sm, sm != base and sm in lex.nouns, _form_bonus(sm, True, lex),
            _form_bonus(sm, False, lex))


def _form_bonus(lemma: str, agrees: bool, lex: Lexicon) -> float:
    bonus = FREQ_WEIGHT * math.log10(1 + lex.freq.get(lemma, 0))
    if agrees:
        bonus += AGREEMENT_BONUS
    return bonus


def _analyze_clean(w: str) -> tuple[Analysis, ...]:
    splits = _readings(w)
    if not splits:
        return (_lone_reading(w, splits),)
    return tuple(sorted((Analysis(a, pro, base, enc, lemma, pos)
                         for pro, base, enc, readings in splits
                         for a, lemma, pos in readings),
                        key=lambda r: (r[0], -len(r[2]))))


def _lone_reading(w: str, splits: list | None) -> Analysis:
    """The one reading of a word without readings from the lexicon (``splits`` is
    ``_readings(w)``, None or empty): cost 10, the word whole (a و or ف before
    digits cut off) or as ``_unknown`` reads it."""
    if splits is None:
        if len(w) >= 2 and w[0] in "وف" and w[1:].isdigit():  # و5000
            return Analysis(10.0, w[0], w[1:], "", w[1:], "")
        return Analysis(10.0, "", w, "", w, "")
    return _unknown(w)


def _readings_by_cost(w: str) -> list[tuple] | tuple[Analysis, ...]:
    """``_analyze_clean(w)`` as plain tuples, unsorted when there is one reading, for
    a vocabulary's readings used once (kept: 1.2x faster than ``analyze`` on the
    SaudiNewsNet vocabulary with type_counts, 2026-12-05)."""
    splits = _readings(w)
    if not splits:
        return (_lone_reading(w, splits),)
    out = [(a, pro, base, enc, lemma, pos)
           for pro, base, enc, readings in splits for a, lemma, pos in readings]
    if len(out) > 1:
        out.sort(key=lambda r: (r[0], -len(r[2])))
    return out


def _best_clean(w: str, plain: bool = False) -> Analysis:
    """``_analyze_clean(w)[0]`` without building and sorting every reading."""
    splits = _readings(w, plain)
    if not splits:
        return _lone_reading(w, splits)
    best, best_split = _cheapest(splits)
    # tuple.__new__: an Analysis without the Python-level __new__ of a NamedTuple
    return _new_tuple(Analysis, (best[0], best_split[0], best_split[1], best_split[2],
                                 best[1], best[2]))


def _cheapest(splits: list[tuple]) -> tuple[list, tuple]:
    """The first cheapest reading of ``splits`` (``_readings``) and its split: the
    first of ``sorted(readings, key=(cost, -len(base)))``."""
    best = best_split = None
    for split in splits:
        readings = split[3]
        r = readings[0]
        for x in readings:  # the readings of a split share its base
            if x[0] < r[0]:
                r = x
        if best is None or r[0] < best[0] or (r[0] == best[0]
                                              and len(split[1]) > len(best_split[1])):
            best, best_split = r, split
    return best, best_split


def best_analysis(word: str) -> Analysis:
    """The cheapest reading of ``word``: ``analyze(word)[0]``, computed faster.

    Examples
    --------
    >>> best_analysis("وبالمدينة").lemma
    'مدينة'
    """
    plain = _PLAIN.fullmatch(word) is not None
    w = word if plain else _clean(word)
    got = _BEST.get(w)
    if got is None:
        if len(_BEST) > MEMO_LIMIT:
            _BEST.clear()
        got = _BEST[w] = _best_clean(w, plain)
    return got


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch (restored after it).

    Analyzing a vocabulary allocates millions of short-lived lists and tuples, none
    of them cyclic; the collections they trigger walk the lexicon and the caches again
    and again (about a sixth of the time of a 300,000-type vocabulary)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def best_analyses(words: Iterable[str]) -> list[Analysis]:
    """The cheapest reading of each word, for a whole vocabulary at once.

    ``[best_analysis(w) for w in words]``, with the garbage collector paused: one pass
    gives the lemma and the clitic split of every word type of a corpus.

    Examples
    --------
    >>> [(a.proclitics, a.base, a.enclitics, a.lemma)
    ...  for a in best_analyses(["وبالمدينة", "يتابعون"])]
    [('وبال', 'مدينة', '', 'مدينة'), ('', 'يتابعون', '', 'تابع')]
    """
    with _gc_paused():
        return [best_analysis(w) for w in words]


def analyze(word: str) -> tuple[Analysis, ...]:
    """Every reading of ``word`` that the lexicon supports, cheapest first.

    The word is read without diacritics and tatweel. A reading is a split into
    proclitics, base and enclitics whose base is a lexicon noun (possibly plural or
    feminine) or a conjugated lexicon verb. Costs: 1 per proclitic letter group
    (conjunction, preposition, future ``س``), 0.6 for the article, 1.2 for an enclitic,
    plus the inflection steps; readings checked only against Simplemma's word forms
    cost 2 more. When nothing fits, one reading of the whole word with cost 10 and
    ``pos=""`` is returned.

    Parameters
    ----------
    word : str
        One token.

    Returns
    -------
    tuple of Analysis

    Examples
    --------
    >>> a = analyze("ويعارضون")[0]
    >>> a.proclitics, a.base, a.enclitics, a.lemma, a.pos
    ('و', 'يعارضون', '', 'عارض', 'verb')
    """
    w = _clean_fast(word)
    got = _ANALYSES.get(w)
    if got is None:
        if len(_ANALYSES) > 1 << 17:
            _ANALYSES.clear()
        got = _ANALYSES[w] = _analyze_clean(w)
    return got


def clear_caches() -> None:
    """Forget every analysis and base candidate remembered so far (``analyze.cache_clear``)."""
    for memo in (_BASE_MEMO, _ANALYSES, _BEST):
        memo.clear()


analyze.cache_clear = clear_caches  # type: ignore[attr-defined]


def _analyze_reference(word: str) -> tuple[Analysis, ...]:
    """The readings of :func:`analyze`, computed the slow, direct way: every split
    into proclitics, base and enclitics, each base's candidates checked one by one.
    Kept as the specification that the fast path is tested against."""
    lex = lexicon()
    w = _clean(word)
    found: dict[tuple[str, str, str, str], Analysis] = {}

    def keep(a: Analysis) -> None:
        table = lex.freq_verb if a.pos == "verb" else lex.freq
        bonus = FREQ_WEIGHT * math.log10(1 + table.get(a.lemma, 0))
        if a.pos and lex.forms.get(a.base) == a.lemma:
            bonus += AGREEMENT_BONUS
        if bonus:
            a = a._replace(cost=a.cost - bonus)
        key = (a.proclitics, a.base, a.enclitics, a.lemma)
        old = found.get(key)
        if old is None or a.cost < old.cost:
            found[key] = a

    if len(w) < 2 or not _is_arabic(w):
        if len(w) >= 2 and w[0] in "وف" and w[1:].isdigit():  # و5000
            return (Analysis(10.0, w[0], w[1:], "", w[1:], ""),)
        return (Analysis(10.0, "", w, "", w, ""),)
    for pro in ("", *PROCLITIC_SEQUENCES):
        if not w.startswith(pro):
            continue
        rest = w[len(pro):]
        if len(rest) < 2:
            continue
        article = pro.endswith("ال") or pro.endswith("لل")
        future = pro.endswith("س")
        if future and rest[0] not in _IMPERFECT_PREFIXES:
            continue
        # proclitic cost: one per group; the article alone is cheap
        groups = pro
        pcost = 0.0
        if article:
            pcost += 0.6
            groups = pro[:-2] if pro.endswith("ال") else pro[:-1]
        pcost += len(groups) * 1.0
        for enc in ("", *ENCLITICS):
            if enc and (article or not rest.endswith(enc)):
                continue
            base = rest[:len(rest) - len(enc)] if enc else rest
            if len(base) < 2:
                continue
            ecost = 1.2 if enc else 0.0
            if enc in ("ك", "ي"):
                ecost += 0.8  # mostly part of the word (ذلك) or a nisba ending
            cost = pcost + ecost
            if not future:
                for c, lemma in _noun_lemmas(base, lex, bool(enc)):
                    keep(Analysis(cost + c, pro, base, enc, lemma, "noun"))
            # ب and ك never precede a verb; ل (purpose, command) only an imperfect
            if not article and not ("ب" in pro or "ك" in pro) and (
                    not pro.endswith("ل") or base[0] in _IMPERFECT_PREFIXES):
                for c, lemma in _verb_lemmas(base, lex):
                    keep(Analysis(cost + c + 0.1, pro, base, enc, lemma, "verb"))
            if not future and base in lex.forms and not base.startswith("ال"):
                sm = lex.forms[base]
                if sm != base and sm in lex.nouns and not enc:
                    # Simplemma's lemma of the base, when Arramooz knows it as a noun:
                    # broken plurals Arramooz lists only as words (أطفال -> طفل)
                    keep(Analysis(cost + 0.5, pro, base, enc, sm, "noun"))
                keep(Analysis(cost + 2.0, pro, base, enc, sm, ""))
    if not found:
        return (_unknown(w),)
    return tuple(sorted(found.values(), key=lambda a: (a.cost, -len(a.base))))


def _unknown(w: str) -> Analysis:
    """The reading of a word the lexicon does not know: only the article (with what
    precedes it) is cut off, when at least three letters remain, and a final ``ية`` is
    read as a feminine nisba adjective (``استشارية`` -> ``استشاري``)."""
    pro = ""
    for cand in _ARTICLE_SEQUENCES:
        if w.startswith(cand) and len(w) - len(cand) >= 3:
            pro = cand
            break
    base = w[len(pro):]
    lemma = base[:-1] if base.endswith("ية") and len(base) >= 5 else base
    return Analysis(10.0, pro, base, "", lemma, "")


def split_clitics(word: str) -> tuple[str, str, str]:
    """Split ``word`` into ``(proclitics, base, enclitics)``, conservatively.

    The split of the cheapest reading of :func:`analyze` (the article counts as a
    proclitic). A word no reading supports is returned whole.

    Parameters
    ----------
    word : str
        One token (diacritics and tatweel are removed first).

    Returns
    -------
    tuple of str
        ``proclitics + base + enclitics`` is the word without diacritics and tatweel.

    Examples
    --------
    >>> split_clitics("وبالمدينة"), split_clitics("فللجنة")
    (('وبال', 'مدينة', ''), ('فل', 'لجنة', ''))
    >>> [split_clitics(w)[1] for w in ("بلد", "والد", "كتاب", "والكتاب")]
    ['بلد', 'والد', 'كتاب', 'كتاب']
    """
    best = best_analysis(word)
    return best.proclitics, best.base, best.enclitics


def base_form(word: str) -> str:
    """The base of ``word``: what :func:`split_clitics` leaves without clitics.

    Examples
    --------
    >>> base_form("وبقلوبهم"), base_form("فيلم")
    ('قلوب', 'فيلم')
    """
    return split_clitics(word)[1]


def clitic_strings(words: Iterable[str]) -> list[tuple[str, str]]:
    """The ``(proclitics, enclitics)`` of each word, for counting clitics.

    Examples
    --------
    >>> clitic_strings(["والكتاب", "كتابه", "بلد"])
    [('وال', ''), ('', 'ه'), ('', '')]
    """
    return [(a.proclitics, a.enclitics) for a in best_analyses(words)]


def segments(word: str) -> list[str]:
    """``word`` cut into clitics and base: one segment per clitic, then the base.

    The article is one segment (``ال``, or the ``ل`` of ``لل``). The segments spell the
    word exactly when it has no diacritics or tatweel; otherwise the word is returned
    whole.

    Examples
    --------
    >>> segments("وبالمدينة"), segments("للسلطة"), segments("كتابهم")
    (['و', 'ب', 'ال', 'مدينة'], ['ل', 'ل', 'سلطة'], ['كتاب', 'هم'])
    """
    pro, base, enc = split_clitics(word)
    if pro + base + enc != word:
        return [word]
    out: list[str] = []
    rest = pro
    if rest.endswith("ال"):
        head, art = rest[:-2], "ال"
    elif rest.endswith("لل"):
        head, art = rest[:-1], "ل"
    else:
        head, art = rest, ""
    out.extend(head)
    if art:
        out.append(art)
    out.append(base)
    if enc:
        out.append(enc)
    return out
