"""NLTK's four Arabic stemmers behind one cached interface, and Arabic stopword lists.

Stemmers
--------
========== ============================================= ==================================
name       NLTK class                                    reference
========== ============================================= ==================================
isri       :class:`nltk.stem.isri.ISRIStemmer`           Taghva, Elkoury & Coombs (2005)
arlstem    :class:`nltk.stem.arlstem.ARLSTem`            Abainia, Ouamour & Sayoud (2017)
arlstem2   :class:`nltk.stem.arlstem2.ARLSTem2`          Abainia & Rebbani (2019)
snowball   :class:`nltk.stem.snowball.ArabicStemmer`     Snowball Arabic (Chelli, Aries,
                                                         Benzahia)
========== ============================================= ==================================

Full citations are in :data:`STEMMER_REFERENCES`. ISRI is a root extractor without a
root dictionary (``والمسلمين`` -> ``سلم``); the other three are *light* stemmers that
remove affixes only (``والمسلمين`` -> ``مسلم``). Each applies its own small
normalization (ISRI and ARLSTem fold hamzated alefs, Snowball does not), so the stem of
``إن`` is ``ان`` under ISRI and ``إن`` under Snowball.

Two decisions, both deliberate and tested:

* **Never an empty stem.** NLTK returns ``''`` when the input has no letters left
  after its normalization (a lone shadda, a lone tatweel for Snowball). An empty string
  cannot be a token type, so :meth:`Stemmer.stem` then returns the input unchanged. The
  empty string itself stems to ``''``.
* **Snowball without memory.** NLTK's ``ArabicStemmer.stem`` resets its per-word flags
  at the start of each call except ``suffixes_verb_step1_success``; once one word sets
  it (``أراضيه`` does), later words are stemmed differently (``قتلوا`` gives ``قتلو``
  instead of ``قتل``), so NLTK's answer depends on the order of calls. We reset that
  flag before every word, which gives what a fresh NLTK stemmer gives, and makes the
  result of a word independent of the cache and of what was stemmed before.

Stopwords
---------
:func:`stopwords` comes from the maintained package ``arabic-stopwords``
(``arabicstopwords``, Taha Zerrouki, GPL; https://github.com/linuxscout/arabicstopwords):
``kind="core"`` is its classified list of 508 base forms (particles, pronouns,
demonstratives, auxiliary verbs such as كان and ليس, ...), ``kind="full"`` (default) the
13,465 inflected forms of those with their clitics (وفي, فيه, عليهم, ...), which is what
running text contains. Both are passed through the same
:class:`~arabcorpus.text.normalize.Normalizer` profile as the text they filter, because a
list in one spelling does not match text in another: under ``"search"`` على becomes
علي and إلى becomes الي, and so must the list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_choice, check_str

if TYPE_CHECKING:  # pragma: no cover
    from arabcorpus.text.normalize import Normalizer

__all__ = [
    "STEMMERS",
    "STEMMER_REFERENCES",
    "STOPWORD_KINDS",
    "STOPWORD_SUPPLEMENT",
    "Stemmer",
    "stem",
    "stopwords",
    "is_stopword",
]

#: Names accepted by :class:`Stemmer` and :func:`stem`, in a fixed order.
STEMMERS: tuple[str, ...] = ("isri", "arlstem", "arlstem2", "snowball")

#: The publication behind each stemmer (as cited in NLTK's own module docstrings).
STEMMER_REFERENCES: dict[str, str] = {
    "isri": ("Taghva, K., Elkhoury, R., and Coombs, J. (2005). Arabic Stemming without a "
             "root dictionary. Information Science Research Institute, University of "
             "Nevada, Las Vegas. Proceedings of ITCC 2005, vol. 1, pp. 152-157."),
    "arlstem": ("Abainia, K., Ouamour, S., and Sayoud, H. (2017). A Novel Robust Arabic "
                "Light Stemmer. Journal of Experimental & Theoretical Artificial "
                "Intelligence 29(3), pp. 557-573."),
    "arlstem2": ("Abainia, K. and Rebbani, H. (2019). Comparing the Effectiveness of the "
                 "Improved ARLSTem Algorithm with Existing Arabic Light Stemmers. "
                 "International Conference on Theoretical and Applicative Aspects of "
                 "Computer Science (ICTAACS'19), Skikda, Algeria."),
    "snowball": ("Snowball Arabic light stemmer, by Assem Chelli, Abdelkrim Aries and "
                 "Lakhdar Benzahia; https://snowballstem.org/ (algorithms/arabic); NLTK "
                 "port by Lakhdar Benzahia."),
}

#: Kinds of stopword list accepted by :func:`stopwords`.
STOPWORD_KINDS: tuple[str, ...] = ("full", "core", "extended")

# Grammatical words the arabic-stopwords lists give only in their base form (كان, ليس)
# or not at all: the conjugations of كان and its sisters (Wright, *A Grammar of the
# Arabic Language*, vol. 2, sections 41-43; Ryding, *A Reference Grammar of Modern
# Standard Arabic*, ch. 23), the modal and impersonal verbs that news prose uses as
# auxiliaries, and a few prepositions and quantifiers.
_KANA_PERFECT = (
    "كان كانت كانا كانتا كانوا كن كنت كنا كنتم كنتما كنتن "
    "أصبح أصبحت أصبحا أصبحتا أصبحوا أصبحن أصبحنا "
    "صار صارت صارا صارتا صاروا صرن ظل ظلت ظلا ظلتا ظلوا ظللن زال زالت زالا زالوا "
    "ليس ليست ليسا ليستا ليسوا لسن لست لسنا لستم تم تمت")
_KANA_IMPERFECT = (
    "يكون تكون أكون نكون يكونان تكونان يكونون تكونون يكونوا تكونوا يكن تكن أكن نكن "
    "يصبح تصبح نصبح يصبحون تصبحون يصبحوا تصبحوا يصبحان تصبحان "
    "يصير تصير نصير يصيرون يصيروا يظل تظل نظل يظلون يظلوا يزال تزال نزال يزالون يزالوا "
    "يمكن يجب ينبغي يتم تتم")
_OTHER_FUNCTION_WORDS = "عبر ضد أحد إحدى أخرى آخر آخرون أخريات الكثير بشكل"


def _supplement() -> tuple[str, ...]:
    words = set()
    for w in _KANA_PERFECT.split():
        words |= {w, "و" + w, "ف" + w}
    for w in _KANA_IMPERFECT.split():  # also with the future and purpose proclitics
        words |= {p + w for p in ("", "و", "ف", "ل", "ول", "فل", "س", "وس", "فس")}
    for w in _OTHER_FUNCTION_WORDS.split():
        words |= {w, "و" + w}
    return tuple(sorted(words))


#: What ``kind="extended"`` adds to the ``"full"`` list (unnormalized): the
#: conjugations of كان and its sisters (كانت, يكون, تكون, أصبحت, ما زالت ...), of the
#: modal and impersonal verbs يمكن, يجب, ينبغي, يتم, with the clitics و, ف, ل and
#: the future prefix س; and عبر, ضد, أحد, إحدى, أخرى, آخر, الكثير, بشكل.
STOPWORD_SUPPLEMENT: tuple[str, ...] = _supplement()


def _make_nltk_stemmer(name: str) -> Any:
    """A new NLTK stemmer object for ``name`` (imported lazily)."""
    if name == "isri":
        from nltk.stem.isri import ISRIStemmer
        return ISRIStemmer()
    if name == "arlstem":
        from nltk.stem.arlstem import ARLSTem
        return ARLSTem()
    if name == "arlstem2":
        from nltk.stem.arlstem2 import ARLSTem2
        return ARLSTem2()
    from nltk.stem.snowball import ArabicStemmer
    return ArabicStemmer()  # ignore_stopwords=False: needs no nltk_data download


class Stemmer:
    """One of NLTK's Arabic stemmers, with a per-type cache.

    A corpus has far fewer types than tokens, so each distinct word is stemmed once and
    remembered; :meth:`stem_many` over a token list or a vocabulary costs one NLTK call
    per *new* type plus a dictionary lookup per item. The cache has no size limit (a
    10-million-token news corpus has a few hundred thousand types); call
    :meth:`clear_cache` to free it. An instance is not thread-safe (NLTK's Snowball
    stemmer keeps state between calls); use one per thread.

    Parameters
    ----------
    name : str, default "isri"
        One of :data:`STEMMERS`.

    Attributes
    ----------
    name : str
        The stemmer's name.
    reference : str
        The publication that defines the algorithm.

    Raises
    ------
    TypeError
        If ``name`` is not a str.
    ValueError
        If ``name`` is not one of :data:`STEMMERS`.

    Examples
    --------
    >>> s = Stemmer("isri")
    >>> s.stem("والمسلمين")
    'سلم'
    >>> Stemmer("snowball").stem_many(["والمسلمين", "المسلمون", "والمسلمين"])
    ['مسلم', 'مسلم', 'مسلم']
    >>> s.cache_size
    1
    """

    def __init__(self, name: str = "isri") -> None:
        self.name = check_choice(name, "stemmer", STEMMERS)
        self.reference = STEMMER_REFERENCES[name]
        self._nltk = _make_nltk_stemmer(name)
        self._snowball = name == "snowball"
        self._cache: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Stemmer({self.name!r})"

    @property
    def cache_size(self) -> int:
        """Number of distinct words stemmed and remembered so far."""
        return len(self._cache)

    def clear_cache(self) -> None:
        """Forget every cached stem."""
        self._cache.clear()

    def _stem_uncached(self, word: str) -> str:
        if not word:
            return word
        if self._snowball:
            # NLTK forgets to reset this flag in ArabicStemmer.stem (see module docs).
            self._nltk.suffixes_verb_step1_success = False
        out = self._nltk.stem(word)
        return out if out else word

    def stem(self, word: str) -> str:
        """Return the stem of one word.

        Parameters
        ----------
        word : str
            One token (no spaces expected; the stemmers treat the string as one word).

        Returns
        -------
        str
            The stem; the input itself if NLTK returns an empty string for it.

        Raises
        ------
        TypeError
            If ``word`` is not a str.

        Examples
        --------
        >>> Stemmer("arlstem").stem("السعودية")
        'سعودي'
        >>> Stemmer("isri").stem("\\u0651") == "\\u0651"  # NLTK gives '': keep the input
        True
        """
        try:
            return self._cache[word]
        except KeyError:
            pass
        except TypeError:  # unhashable
            check_str(word, "word")
        check_str(word, "word")
        result = self._cache[word] = self._stem_uncached(word)
        return result

    __call__ = stem

    def stem_many(self, words: Iterable[str]) -> list[str]:
        """Stem a sequence of words, each distinct word once.

        Parameters
        ----------
        words : iterable of str
            Tokens or types, in any order, repeats allowed.

        Returns
        -------
        list of str
            One stem per input word, in order; the same as ``[self.stem(w) for w in
            words]``.

        Raises
        ------
        TypeError
            If ``words`` is a single str (pass a list), or an item is not a str (the
            message gives its position).

        Examples
        --------
        >>> Stemmer("arlstem2").stem_many(["يعمل", "تعمل", "يعمل"])
        ['عمل', 'عمل', 'عمل']
        """
        if isinstance(words, str):
            raise TypeError("stem_many expects an iterable of words, not a single str; "
                            "use stem() for one word")
        items = words if isinstance(words, list) else list(words)
        cache = self._cache
        get = cache.get
        try:
            out = [get(w) for w in items]  # one C-level pass when every type is known
        except TypeError:  # an unhashable item
            out = None
        if out is None or None in out:
            if out is None:
                out = [None] * len(items)
            for i, s in enumerate(out):
                if s is None:
                    w = items[i]
                    if not isinstance(w, str):
                        check_str(w, f"words[{i}]")
                    s = get(w)
                    if s is None:
                        s = cache[w] = self._stem_uncached(w)
                    out[i] = s
        return out


@functools.lru_cache(maxsize=None)
def _shared_stemmer(name: str) -> Stemmer:
    return Stemmer(name)


@keyword_only("word", old=("stemmer",))
def stem(word: str, *, stemmer: str = "isri") -> str:
    """Stem one word with a named stemmer (a shared, cached :class:`Stemmer`).

    Parameters
    ----------
    word : str
        The word.
    stemmer : str, default "isri"
        One of :data:`STEMMERS`.

    Returns
    -------
    str
        The stem (never empty unless ``word`` is empty).

    Raises
    ------
    TypeError
        If ``word`` or ``stemmer`` is not a str.
    ValueError
        If ``stemmer`` is unknown (the message lists the valid names).

    Examples
    --------
    >>> stem("الاشتباكات")
    'شبك'
    >>> stem("الاشتباكات", stemmer="snowball")
    'اشتباك'
    """
    return _shared_stemmer(check_choice(stemmer, "stemmer", STEMMERS)).stem(word)


# ---------------------------------------------------------------------------
# Stopwords
# ---------------------------------------------------------------------------

def _raw_stopwords(kind: str) -> tuple[str, ...]:
    check_choice(kind, "kind", STOPWORD_KINDS)
    import arabicstopwords.arabicstopwords as asw  # ~7 MB of Python data: import lazily
    if kind == "core":
        return tuple(asw.classed_stopwords_list())
    words = tuple(asw.stopwords_list())
    if kind == "extended":
        known = set(words)
        words += tuple(w for w in STOPWORD_SUPPLEMENT if w not in known)
    return words


@functools.lru_cache(maxsize=32)
def _stopwords_cached(key: tuple, kind: str) -> frozenset[str]:
    from arabcorpus.text.normalize import Normalizer
    profile, rules = key
    normalizer = Normalizer(profile=profile, **dict(rules or ()))
    words = normalizer.normalize_many(_raw_stopwords(kind))
    return frozenset(w for w in words if w)


def _normalizer_key(profile: Any) -> tuple:
    """A hashable description of a profile name or a Normalizer: (profile, rules)."""
    from arabcorpus.text.normalize import PROFILES, Normalizer
    if isinstance(profile, Normalizer):
        return (profile.profile, tuple(sorted(profile.rules.items())))
    if not isinstance(profile, str):  # check_choice would say "must be a str" only
        raise TypeError(f"profile must be a str or a Normalizer, "
                        f"got {type(profile).__name__}")
    return (check_choice(profile, "profile", PROFILES), None)


@keyword_only(old=("profile", "kind"))
def stopwords(*, profile: str | Normalizer = "search", kind: str = "full"
              ) -> frozenset[str]:
    """Arabic stopwords, normalized the way the text they filter is normalized.

    Source: the ``arabic-stopwords`` package (Taha Zerrouki,
    https://github.com/linuxscout/arabicstopwords, GPL), version 0.4.3 or later.

    Parameters
    ----------
    profile : str or Normalizer, default "search"
        A :data:`arabcorpus.text.normalize.PROFILES` name, or the very
        :class:`~arabcorpus.text.normalize.Normalizer` the text went through (use
        ``corpus.normalizer``), so that custom rule overrides are matched too.
        ``"none"`` gives the list as published.
    kind : {"full", "core", "extended"}, default "full"
        ``"full"``: about 13,500 inflected forms with clitics (وفي, فيه, عليهم);
        ``"core"``: the 508 classified base forms (في, من, على, كان, هذا, ...);
        ``"extended"``: ``"full"`` plus :data:`STOPWORD_SUPPLEMENT`, the
        conjugations of كان and its sisters and of the modal verbs (كانت, يكون,
        تكون, يمكن, يجب, يتم) that the package lists only in their base form or
        not at all, and a few prepositions and quantifiers (عبر, ضد, أحد, أخرى).
        :class:`~arabcorpus.analyses.topics.TopicModel` uses it by default: without it, one
        topic of a news corpus gathers these verbs.

    Returns
    -------
    frozenset of str
        Computed once per (profile, kind) and cached.

    Raises
    ------
    TypeError
        If ``profile`` is neither a str nor a Normalizer, or ``kind`` is not a str.
    ValueError
        If the profile or the kind is unknown (the message lists the valid ones).

    Notes
    -----
    Folding merges words: under ``"search"`` the name علي (Ali) is the stopword على,
    and ``"full"`` contains some content-like forms (ابن, جميع). Filter with
    ``kind="core"`` or your own list when that matters.

    Examples
    --------
    >>> sw = stopwords(profile="search")
    >>> "في" in sw, "علي" in sw, "على" in sw
    (True, True, False)
    >>> "على" in stopwords(profile="none", kind="core")
    True
    >>> "السعودية" in sw
    False
    >>> "كانت" in sw, "كانت" in stopwords(profile="search", kind="extended")
    (False, True)
    """
    key = _normalizer_key(profile)
    _raw_stopwords(kind)  # validate kind before caching
    return _stopwords_cached(key, kind)


@keyword_only("word", old=("profile", "kind"))
def is_stopword(word: str, *, profile: str | Normalizer = "search", kind: str = "full"
                ) -> bool:
    """Whether ``word`` is a stopword once normalized with ``profile``.

    The word is normalized first, so raw text and text already normalized with the
    same profile give the same answer (normalization is idempotent).

    Parameters
    ----------
    word : str
        One token.
    profile : str or Normalizer, default "search"
        As in :func:`stopwords`.
    kind : {"full", "core"}, default "full"
        As in :func:`stopwords`.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        If ``word`` is not a str.

    Examples
    --------
    >>> is_stopword("إلى"), is_stopword("الي"), is_stopword("داعش")
    (True, True, False)
    """
    check_str(word, "word")
    from arabcorpus.text.normalize import Normalizer
    words = stopwords(profile=profile, kind=kind)
    normalizer = profile if isinstance(profile, Normalizer) else _shared_normalizer(profile)
    return normalizer.normalize(word) in words


@functools.lru_cache(maxsize=None)
def _shared_normalizer(profile: str) -> Normalizer:
    from arabcorpus.text.normalize import Normalizer
    return Normalizer(profile=profile)
