"""Light clitic segmentation: the tokenizer's heuristic, with no lexicon.

:func:`segment_clitics` cuts the article, the conjunction ``و`` and prepositions before
it, and a pronoun enclitic off one Arabic word with a few rules and short lists of
exceptions, in the spirit of *light stemming* (Larkey, Ballesteros and Connell's
Light10): it looks up no dictionary, so it is fast and errs towards leaving a word
whole. It is what ``tokenize(text, clitics=True)`` uses, and its segments concatenate
back to the word, so every segment is a token with its own span.

Not to be confused with :mod:`arabcorpus.text.clitics`, the *lexicon-based* clitic
analysis (``split_clitics``, ``base_form``, ``analyze``): that one checks each possible
stem against the Arramooz dictionary and chooses among readings, which is slower and
more accurate (its figures are in the lemmas guide).

Examples
--------
>>> from arabcorpus.text.light_clitics import segment_clitics
>>> segment_clitics("وبالمدرسة"), segment_clitics("كتابهم"), segment_clitics("منه")
(['و', 'ب', 'ال', 'مدرسة'], ['كتاب', 'هم'], ['منه'])
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, repeat

import numpy as np

from arabcorpus.text import chars
from arabcorpus.util.validate import check_str

__all__ = ["PROCLITICS", "ENCLITICS", "segment_clitics"]

#: Proclitics recognised by :func:`segment_clitics`: conjunctions, prepositions, article.
PROCLITICS: tuple[str, ...] = ("و", "ف", "ب", "ك", "ل", "ال")
#: Pronoun enclitics recognised by :func:`segment_clitics`, longest first.
ENCLITICS: tuple[str, ...] = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني",
                              "ه", "ك", "ي")
#: Enclitics actually split off. The one-letter ``ك`` and ``ي`` are left alone: word-final
#: ``ك`` is mostly part of the word (ذلك، هناك، مشترك) and word-final ``ي`` mostly the
#: nisba adjective (السعودي، الدولي), not the pronoun.
_SPLIT_ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه")
#: Words starting with ال that are not article + noun, kept whole.
_AL_WORDS = frozenset({"الله", "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان",
                       "اللتين", "اللاتي", "اللواتي", "اللائي", "الآن"})
#: Beginnings of frequent words whose initial و is a root letter, not the conjunction.
_WAW_ROOT_PREFIXES = ("وزار", "وزير", "وزراء", "وقت", "واحد", "وجود", "وطن", "ولاي",
                      "وضع", "وفق", "وسط", "وصل", "وقع", "وكال", "وفد", "وراء", "وجه",
                      "وثيق", "وثائق", "واقع", "وفاة", "وظيف", "وظائف", "ولد", "والد",
                      "وسائل", "وسيل", "وحد", "ورق", "وعد", "وقف", "ورد", "وصف", "وزن",
                      "وسام", "وادي", "واشنطن")
#: Words ending in ه/نا/هم... that are not a stem + pronoun.
_ENCLITIC_EXCEPTIONS = frozenset({"الله", "اتجاه", "مياه", "انتباه", "شبه", "وجه",
                                  "هناك", "هنا", "كورونا", "أحيانا", "تفاهم", "مساهم",
                                  "يساهم", "تساهم", "حاكم", "محاكم", "تراكم",
                                  "توجيه", "تنبيه", "تشبيه", "تشويه", "ترفيه", "فقيه",
                                  "نزيه", "وجيه"})
_AR_LETTERS = chars.ARABIC_SCRIPT_LETTERS
_AR_MARKS = chars.DIACRITICS
_STRIP_MARKS = str.maketrans("", "", "".join(_AR_MARKS | {chars.TATWEEL}
                                             | chars.INVISIBLES))
_ARTICLE_RE = re.compile(r"([بك]?)(ال)(.*)$|(ل)(ل)(.*)$")


def _clitic_cuts(word: str) -> list[int]:
    """Cut positions (in ``word``) between clitics and stem; empty if left whole."""
    bare_idx = [i for i, c in enumerate(word) if c in _AR_LETTERS]
    bare = "".join(word[i] for i in bare_idx)
    if len(bare_idx) < 3 or len(bare) != len(word.translate(_STRIP_MARKS)):
        return []  # too short, or something other than letters, marks and joiners
    cuts: list[int] = []   # cut after bare[:k] for k in cuts
    pos = 0
    conj = bare[:1] in ("و", "ف")
    rest = bare[1:] if conj else bare
    if rest in _AL_WORDS:
        return [_word_cut(word, bare_idx, 1)] if conj else []
    m = _ARTICLE_RE.match(rest)
    if m and len(m.group(3) if m.group(2) else m.group(6)) >= 2:
        if conj:
            pos = 1
            cuts.append(pos)
        if m.group(2):
            if m.group(1):
                pos += 1
                cuts.append(pos)
            pos += 2
            cuts.append(pos)
        else:
            pos += 1
            cuts.append(pos)
            pos += 1
            cuts.append(pos)
        stem = bare[pos:]
        if stem in _AL_WORDS or "ال" + stem in _AL_WORDS:
            cuts.pop()  # the article is part of الله، الذي...
        return [_word_cut(word, bare_idx, k) for k in cuts]
    # no article: the conjunction و (Light10 rule: at least three letters remain),
    # unless the word is one whose و is a root letter.
    if bare[0] == "و" and len(bare) - 1 >= 3 and not bare.startswith(_WAW_ROOT_PREFIXES):
        pos = 1
        cuts.append(1)
    stem = bare[pos:]
    if stem not in _ENCLITIC_EXCEPTIONS:
        for enc in _SPLIT_ENCLITICS:
            if stem.endswith(enc) and len(stem) - len(enc) >= 3 and not (
                    enc == "نا" and stem[-3] == "ا"):  # بيانا: accusative, not بيا+نا
                cuts.append(len(bare) - len(enc))
                break
    return [_word_cut(word, bare_idx, k) for k in cuts]


def _word_cut(word: str, bare_idx: list[int], k: int) -> int:
    """Position in ``word`` just before its k-th letter (marks stay with their letter,
    tatweel and joiners go with the following segment)."""
    i = bare_idx[k - 1] + 1
    while i < len(word) and word[i] in _AR_MARKS:
        i += 1
    return i


def segment_clitics(word: str) -> list[str]:
    """Split proclitics and pronoun enclitics off one Arabic word (light heuristic).

    Conservative, in the spirit of Larkey, Ballesteros and Connell's *Light10* stemmer
    (Light stemming for Arabic information retrieval, 2007), but segmenting instead of
    deleting, so that the segments concatenate back to the word:

    * the article with what precedes it: ``ال``, ``وال``, ``فال``, ``بال``, ``كال``,
      ``وبال``, ``فبال``, ``وكال``, ``لل`` (``ل`` + article with its alef elided, given
      as ``ل`` + ``ل``), ``ولل``, ``فلل``, when at least two letters remain;
    * otherwise the conjunction ``و`` when at least three letters remain and the word is
      not one of a short list of frequent words whose ``و`` is a root letter (وزارة،
      وقت، واحد...); a bare ``ف``, ``ب``, ``ك``, ``ل`` is never split off (فريق، بلد،
      كبير، لجنة begin with root letters too often);
    * a pronoun enclitic (``ه ها هم هما هن كم كما كن نا``) on a word without the
      article, when at least three letters remain (``منه`` stays whole).

    Words with anything else than Arabic letters, marks and tatweel, and words of fewer
    than three letters, are returned whole. Diacritics stay with their letter. This is a
    heuristic: it errs towards leaving a word alone (and still errs: ``ولبنان``).

    Parameters
    ----------
    word : str
        One token.

    Returns
    -------
    list of str
        Segments whose concatenation is ``word``.

    Raises
    ------
    TypeError
        If ``word`` is not a str.

    Examples
    --------
    >>> segment_clitics("والمسلمين")
    ['و', 'ال', 'مسلمين']
    >>> segment_clitics("للتنظيم")
    ['ل', 'ل', 'تنظيم']
    >>> segment_clitics("وأكد"), segment_clitics("تمويله"), segment_clitics("وزارة")
    (['و', 'أكد'], ['تمويل', 'ه'], ['وزارة'])
    """
    check_str(word, "word")
    cuts = _cached_cuts(word)
    if not cuts:
        return [word]
    bounds = [0, *cuts, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


@lru_cache(maxsize=1 << 18)
def _cached_cuts(word: str) -> tuple[int, ...]:
    return tuple(_clitic_cuts(word))


def _split_clitic_columns(toks: tuple[str, ...], starts: np.ndarray, ends: np.ndarray,
                          kinds: np.ndarray
                          ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """Replace each Arabic token that :func:`segment_clitics` splits by its segments.

    Takes and returns the columns of :class:`Tokens` (strings, starts, ends, kind
    codes); returns the same objects when no token is split.
    """
    all_cuts = list(map(_cached_cuts, toks))
    todo = list(compress(range(len(toks)), all_cuts))
    if not todo:
        return toks, starts, ends, kinds
    out: list[str] = []
    shifts: list[int] = []   # offset of each output token in the token it comes from
    counts = np.ones(len(toks), np.int64)
    prev = 0
    for i in todo:
        out += toks[prev:i]
        shifts += repeat(0, i - prev)
        word = toks[i]
        bounds = (0, *all_cuts[i], len(word))
        segs = [(a, word[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]
        out += [seg for _, seg in segs]
        shifts += [a for a, _ in segs]
        counts[i] = len(segs)
        prev = i + 1
    out += toks[prev:]
    shifts += repeat(0, len(toks) - prev)
    source = np.repeat(np.arange(len(toks)), counts)
    new_starts = starts[source] + np.array(shifts, np.int64)
    new_ends = new_starts + np.fromiter(map(len, out), np.int64, len(out))
    return tuple(out), new_starts, new_ends, kinds[source]
