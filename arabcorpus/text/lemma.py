"""Lemmas of Arabic words: the dictionary form a reader would look up.

The lemma of ``وبالمدينة`` is ``مدينة``, of ``يتابعون`` the verb ``تابع`` (3rd person
masculine singular perfect, the citation form of Arabic verbs), of ``السياسية`` the
adjective ``سياسي`` (masculine singular), of ``القرى`` the singular ``قرية``. Lemmas are
returned without diacritics and in standard spelling: hamzas and teh marbuta are kept as
the lexicon writes them (``أكد``, ``مدينة``), not normalized away.

Backends
--------
``"default"``
    Every reading of the word that :func:`arabcorpus.text.clitics.analyze` finds (clitics
    cut off, plural, feminine and verb inflection undone, each candidate checked against
    the Arramooz lexicon of Taha Zerrouki and Simplemma's word forms), the cheapest
    one; corpus frequency (Arramooz's lemma frequencies, and the user's own type
    counts when given to :meth:`Lemmatizer.lemmatize_types`) and agreement with
    Simplemma lower a reading's cost. No model, no network.
``"simplemma"``
    Simplemma's Arabic dictionary lookup (Barbaresi, A. (2023). Simplemma: a simple
    multilingual lemmatizer for Python. Zenodo, doi:10.5281/zenodo.4673264).
``"qalsadi"``
    Qalsadi's lemmatizer (Zerrouki, T. (2012-). Qalsadi, Arabic morphological analyzer
    and lemmatizer for Python. https://github.com/linuxscout/qalsadi). About 300 words
    a second: fine for a word list, too slow for the vocabulary of a large corpus.
``"camel"``
    CAMeL Tools' morphological analyzer with its built-in MSA database (Obeid et al.,
    LREC 2020); needs ``pip install camel-tools`` and ``camel_data -i
    morphology-db-msa-r13``. Of the analyses of a word, the lemma (``lex``) of the most
    probable one (``pos_lex_logprob``) is taken.
a callable
    ``word -> lemma``.
an analyzer object
    Any object with ``analyze(word) -> list[dict]`` whose dicts have a ``"lex"`` key
    (a CAMeL Tools ``Analyzer``, or your own).

Accuracy (UD Arabic PUD, first 500 sentences; :mod:`arabcorpus.text.evaluation`,
``benchmarks/lemma.py``): the word itself 0.30, Simplemma 0.78, Qalsadi 0.68, the
default 0.89.

Examples
--------
>>> from arabcorpus.text.lemma import lemmatize, Lemmatizer
>>> lemmatize("والكتاب"), lemmatize("يتابعون"), lemmatize("السياسية")
('كتاب', 'تابع', 'سياسي')
>>> Lemmatizer().lemmatize_types(["القرى", "وبالمدينة"])
['قرية', 'مدينة']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from arabcorpus.text.clitics import _gc_paused, _readings_by_cost, best_analysis
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_bool, check_str
from arabcorpus.text.clitics import _clean_fast as _clean  # no diacritics or tatweel

__all__ = ["BACKENDS", "Lemmatizer", "lemmatize", "CAMEL_INSTALL_HINT"]

#: Names accepted by ``Lemmatizer(backend=...)`` (besides a callable or an analyzer).
BACKENDS: tuple[str, ...] = ("default", "simplemma", "qalsadi", "camel")

#: What to run when CAMeL Tools or its morphology database is missing.
CAMEL_INSTALL_HINT = ("pip install camel-tools, then download its MSA morphology "
                      "database: camel_data -i morphology-db-msa-r13")

#: Weight of a candidate lemma's count in the user's corpus (``type_counts``):
#: ``cost -= COUNT_WEIGHT * log10(1 + count)``.
COUNT_WEIGHT = 0.15

def _load_camel() -> Any:
    """CAMeL Tools' analyzer over its built-in MSA database, or an ImportError."""
    try:
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB
    except Exception as exc:  # ImportError, or a broken install of its dependencies
        raise ImportError(f"backend 'camel' needs CAMeL Tools ({exc}): "
                          f"{CAMEL_INSTALL_HINT}") from exc
    try:
        db = MorphologyDB.builtin_db()
    except Exception as exc:  # the database is a separate download
        raise ImportError(f"backend 'camel': CAMeL Tools' morphology database is not "
                          f"installed ({exc}): {CAMEL_INSTALL_HINT}") from exc
    return Analyzer(db)


def _lemma_from_analyses(word: str, analyses: Sequence[Mapping[str, Any]]) -> str:
    """The ``lex`` of the most probable analysis (first of the best), undiacritized."""
    best, best_score = None, -math.inf
    for a in analyses:
        lex = a.get("lex")
        if not lex:
            continue
        score = a.get("pos_lex_logprob", a.get("lex_logprob", 0.0))
        try:
            score = float(score)
        except (TypeError, ValueError):
            score = 0.0
        if best is None or score > best_score:
            best, best_score = lex, score
    if best is None:
        return _clean(word)
    # CAMeL writes lemma variants as "lex_1"; keep the word
    return _clean(str(best).split("_")[0]) or _clean(word)


class Lemmatizer:
    """A lemmatizer with a chosen backend, caching the lemma of each word.

    Parameters
    ----------
    backend : str, callable or analyzer, default "default"
        One of :data:`BACKENDS`, a function ``word -> lemma``, or an object with
        ``analyze(word) -> list[dict]`` whose dicts carry a ``"lex"`` key.
    cache : bool, default True
        Remember the lemma of each word seen.

    Raises
    ------
    ValueError
        If ``backend`` is an unknown name (the message lists :data:`BACKENDS`) or an
        object of no accepted kind.
    ImportError
        For ``"camel"`` when CAMeL Tools or its database is missing (the message says
        how to install them), for ``"qalsadi"`` when Qalsadi is missing.

    Examples
    --------
    >>> lem = Lemmatizer()
    >>> lem("ويعارضون"), lem("مستويات"), lem("بقلوبهم")
    ('عارض', 'مستوى', 'قلب')
    >>> class Fake:
    ...     def analyze(self, word):
    ...         return [{"lex": "كِتاب", "pos_lex_logprob": -2.0},
    ...                 {"lex": "كَتَب", "pos_lex_logprob": -3.5}]
    >>> Lemmatizer(Fake())("الكتب")
    'كتاب'
    >>> Lemmatizer("stanza")
    Traceback (most recent call last):
    ...
    ValueError: unknown lemmatizer backend 'stanza': use one of 'default', 'simplemma', 'qalsadi', 'camel', a callable word -> lemma, or an analyzer with .analyze(word) returning dicts with 'lex'
    """

    @keyword_only("self", "backend", old=("cache",))
    def __init__(self, backend: str | Callable[[str], str] | Any = "default", *,
                 cache: bool = True) -> None:
        check_bool(cache, "cache")
        self.backend = backend
        self._cache: dict[str, str] | None = {} if cache else None
        self._fn: Callable[[str], str]
        if isinstance(backend, str):
            if backend == "default":
                self._fn = self._default
            elif backend == "simplemma":
                import simplemma
                self._fn = lambda w: simplemma.lemmatize(_clean(w), lang="ar")
            elif backend == "qalsadi":
                try:
                    import qalsadi.lemmatizer
                except ImportError as exc:  # pragma: no cover
                    raise ImportError("backend 'qalsadi' needs Qalsadi: "
                                      "pip install qalsadi") from exc
                q = qalsadi.lemmatizer.Lemmatizer()
                self._fn = lambda w: _clean(q.lemmatize(w) or w)
            elif backend == "camel":
                analyzer = _load_camel()
                self._fn = lambda w: _lemma_from_analyses(w, analyzer.analyze(w))
            else:
                raise ValueError(self._unknown(backend))
        elif hasattr(backend, "analyze") and callable(backend.analyze):
            self._fn = lambda w: _lemma_from_analyses(w, backend.analyze(w))
        elif callable(backend):
            self._fn = backend
        else:
            raise ValueError(self._unknown(backend))

    @staticmethod
    def _unknown(backend: Any) -> str:
        names = ", ".join(repr(b) for b in BACKENDS)
        return (f"unknown lemmatizer backend {backend!r}: use one of {names}, a callable "
                f"word -> lemma, or an analyzer with .analyze(word) returning dicts "
                f"with 'lex'")

    @staticmethod
    def _default(word: str) -> str:
        return function_word_lemma(word) or best_analysis(word).lemma

    def __call__(self, word: str) -> str:
        """The lemma of one word.

        Examples
        --------
        >>> Lemmatizer()("قصتها")
        'قصة'
        """
        if not isinstance(word, str):
            check_str(word, "word")
        cache = self._cache
        if cache is not None:
            lemma = cache.get(word)
            if lemma is None:
                lemma = cache[word] = self._fn(word)
            return lemma
        return self._fn(word)

    @keyword_only("self", "types", old=("type_counts",))
    def lemmatize_types(self, types: Sequence[str], *,
                        type_counts: Mapping[str, int] | Sequence[int] | None = None
                        ) -> list[str]:
        """The lemma of each distinct word type of a vocabulary, in order.

        Meant to be called once per vocabulary type (not per token) when a corpus
        builds its lemma layer.

        Parameters
        ----------
        types : sequence of str
            Word types (duplicates are allowed and cost nothing more).
        type_counts : mapping or sequence of int, optional
            How often each type occurs in the corpus (a mapping type -> count, or one
            count per entry of ``types``). With the ``"default"`` backend, a candidate
            lemma that is itself frequent as a word of the corpus (alone or with the
            article) is preferred, and an unknown word is stripped of a conjunction or
            preposition (``وغلاسكو``) when the rest occurs on its own more often.

        Returns
        -------
        list of str

        Examples
        --------
        >>> lem = Lemmatizer()
        >>> lem.lemmatize_types(["وبونو", "بونو"], type_counts=[1, 5])
        ['بونو', 'بونو']
        >>> lem.lemmatize_types(["وبونو"])
        ['وبونو']
        """
        if self.backend != "default":
            return [self(t) for t in types]
        with _gc_paused():
            if type_counts is None:
                return self._default_types(types)
            return self._default_types_counted(types, type_counts)

    def _default_types(self, types: Sequence[str]) -> list[str]:
        """The loop of ``__call__`` over ``types``, without its per-word calls."""
        cache = self._cache if self._cache is not None else {}
        function_words = _function_words()
        out = []
        append = out.append
        for t in types:
            lemma = cache.get(t)
            if lemma is None:
                if not isinstance(t, str):
                    check_str(t, "word")
                w = _clean(t)  # cleaned once, for both look-ups
                lemma = cache[t] = function_words.get(w) or best_analysis(w).lemma
            append(lemma)
        return out

    def _default_types_counted(self, types: Sequence[str],
                               type_counts: Mapping[str, int] | Sequence[int]
                               ) -> list[str]:
        """``lemmatize_types`` with corpus counts (see :func:`_with_counts`)."""
        clean_counts = _clean_counts(types, type_counts)
        function_words = _function_words()
        terms: dict[str, float] = {}  # lemma -> its count term, see _with_counts
        memo: dict[str, str] = {}
        out = []
        for t in types:
            lemma = memo.get(t)
            if lemma is None:
                w = _clean(t)
                lemma = memo[t] = function_words.get(w) or \
                    _with_counts(_readings_by_cost(w), w, clean_counts, terms)
            out.append(lemma)
        return out


def _clean_counts(types: Sequence[str], type_counts: Mapping[str, int] | Sequence[int]
                  ) -> dict[str, int]:
    """The count of each type, without diacritics and tatweel (the counts of types
    that differ only by those summed)."""
    if isinstance(type_counts, Mapping):
        items = type_counts.items()
    else:
        counts: dict[str, int] = {}
        for t, c in zip(types, type_counts):
            counts[t] = counts.get(t, 0) + int(c)
        items = counts.items()
    clean_counts: dict[str, int] = {}
    for t, c in items:
        k = _clean(t)
        clean_counts[k] = clean_counts.get(k, 0) + int(c)
    return clean_counts


_FOLD_HAMZA = str.maketrans("أإآ", "ااا")
_SEAT_ORDER = {"أ": 0, "ا": 1, "إ": 2, "آ": 3}
_FUNCTION_WORDS: dict[str, str] | None = None


def _function_words() -> dict[str, str]:
    """Every inflected form of the closed-class words of arabic-stopwords (Zerrouki:
    particles, prepositions, pronouns, demonstratives, relatives, with their clitics)
    mapped to its lemma, plus each form written without its hamza (الى: إلى); where
    two lemmas share a hamza-less form (ان: أن, إن), the one with أ is taken."""
    global _FUNCTION_WORDS
    if _FUNCTION_WORDS is None:
        from arabicstopwords import arabicstopwords as asw

        table: dict[str, str] = {}
        folded: dict[str, list[str]] = {}
        for lemma_ in asw.classed_stopwords_list():
            for form in asw.stopword_forms(lemma_):
                if form[:1] == "أ" and lemma_[:1] != "أ":
                    # the interrogative hamza (أمن, أفي) makes forms that are far
                    # more often content words: أمن is "security", not "from?"
                    continue
                table.setdefault(form, lemma_)
                folded.setdefault(form.translate(_FOLD_HAMZA), []).append(lemma_)
        for form, lemmas in folded.items():
            if form not in table:
                table[form] = min(lemmas, key=lambda x: (_SEAT_ORDER.get(x[:1], 1), x))
        _FUNCTION_WORDS = table
    return _FUNCTION_WORDS


def function_word_lemma(word: str) -> str | None:
    """The lemma of a closed-class word (a particle, preposition, pronoun,
    demonstrative or relative, with or without clitics), or None for any other word.

    Content-word lexicons give these words wrong lemmas (إلى read as the verb آلى,
    التي as the noun آلة); the arabic-stopwords lists (Zerrouki) give each of their
    13,000 forms its own lemma.

    Examples
    --------
    >>> [function_word_lemma(w) for w in ("وإلى", "الى", "لأن", "التي", "كتاب")]
    ['إلى', 'إلى', 'أن', 'التي', None]
    >>> function_word_lemma("أمن") is None  # security, not the interrogative أ + من
    True
    """
    return _function_words().get(_clean(word))


def _with_counts(analyses: Sequence[tuple], word: str, counts: Mapping[str, int],
                 terms: dict[str, float] | None = None) -> str:
    """The cheapest reading once the corpus counts of each candidate lemma count.

    ``analyses``: the readings of ``word`` cheapest first, as :func:`analyze` gives
    them (or plain tuples in the same order, see ``_readings_by_cost``); ``terms``
    remembers the count term of each lemma across the words of a vocabulary.
    """
    best = analyses[0]
    if best[0] >= 10.0:  # unknown to the lexicon
        if len(word) >= 5 and word[0] in "وفبل" and not best[1]:
            rest = word[1:]
            if counts.get(rest, 0) > counts.get(word, 0):
                return rest
        return best[4]
    if len(analyses) == 1:
        return best[4]
    if terms is None:
        terms = {}
    best_cost, best_lemma = math.inf, best[4]
    for a in analyses[:8]:
        lemma = a[4]
        term = terms.get(lemma)
        if term is None:
            n = counts.get(lemma, 0) + counts.get("ال" + lemma, 0)
            term = terms[lemma] = COUNT_WEIGHT * math.log10(1 + n)
        cost = a[0] - term
        if cost < best_cost:
            best_cost, best_lemma = cost, lemma
    return best_lemma


_DEFAULT: Lemmatizer | None = None


def lemmatize(word: str) -> str:
    """The lemma of ``word`` with the default backend (one shared, cached instance).

    Parameters
    ----------
    word : str
        One token.

    Returns
    -------
    str
        Without diacritics; hamzas and teh marbuta as the lexicon writes them. A word
        the lexicon does not know is returned without its article (if any).

    Examples
    --------
    >>> lemmatize("أكدت"), lemmatize("المؤتمرات"), lemmatize("فيلم")
    ('أكد', 'مؤتمر', 'فيلم')
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Lemmatizer()
    return _DEFAULT(word)
