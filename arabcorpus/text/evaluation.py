"""Gold words from a CoNLL-U treebank, and the scores of lemmatizers and clitic
segmenters against them.

One metric, written once, shared by the tests and the benchmarks (``benchmarks/lemma.py``)
so that every figure in the documentation means the same thing.

Orthographic words
------------------
A CoNLL-U sentence lists *syntactic* words: Arabic treebanks such as UD Arabic PUD
(Zeman et al., CoNLL 2017 Shared Task) split the conjunction, the prepositions and the
pronoun enclitics off their host, and mark the pieces of one written word with
``SpaceAfter=No`` in the MISC column (``ل`` + ``لسلطة`` for ``للسلطة``; the article stays
with its noun). Multiword tokens (``4-5`` lines) are read too: the range line gives the
written form, its member lines the syntactic words.

An *orthographic word* is what a reader sees between spaces and punctuation: syntactic
words joined by ``SpaceAfter=No`` (or a multiword token), cut at every ``PUNCT`` or
``SYM`` word. Its text is the concatenation of its forms (in the first 500 sentences of
UD Arabic PUD each of these is found, in order, in the ``# text`` line).

Lemma accuracy
--------------
:func:`lemma_pairs` gives, for every orthographic word whose syntactic words include a
``NOUN``, ``VERB``, ``ADJ``, ``PROPN``, ``ADV`` or ``NUM`` (the first such word is the
*host*), the pair ``(word, gold lemma of the host)``. A prediction is right when it
equals the gold lemma after :func:`fold`: diacritics and tatweel removed and ``أ إ آ ٱ``
folded to ``ا`` (the same fold on both sides). Hamza on ``و``/``ي``, teh marbuta and
alef maqsura are *not* folded: they distinguish words.

Clitic split points
-------------------
:func:`clitic_gold` gives every orthographic word with the offsets at which the treebank
cuts it into syntactic words; :func:`score_segmentation` compares a segmenter's cuts with
them (precision, recall, F1 over all cuts). The article is not a clitic in UD, so a
segmenter's cut between ``ال`` and its noun is ignored (see :func:`article_free_cuts`).

Examples
--------
>>> from arabcorpus.text.evaluation import fold, score_lemmas
>>> fold("أُوباما"), fold("إِنتِقَال"), fold("مدرسـة")
('اوباما', 'انتقال', 'مدرسة')
>>> score_lemmas([("كتب", "كَتَب"), ("الكتاب", "كِتَاب")], ["كتب", "الكتاب"]).accuracy
0.5
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from arabcorpus.text.diacritics import strip_diacritics

__all__ = [
    "CONTENT_UPOS", "SEPARATOR_UPOS", "SyntacticWord", "OrthographicWord", "Sentence",
    "read_conllu", "orthographic_words", "lemma_pairs", "fold", "LemmaScore",
    "score_lemmas", "clitic_gold", "article_free_cuts", "SegmentationScore",
    "score_segmentation",
]

#: Parts of speech whose word is a lemma host.
CONTENT_UPOS: frozenset[str] = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV", "NUM"})
#: Parts of speech that cut orthographic words.
SEPARATOR_UPOS: frozenset[str] = frozenset({"PUNCT", "SYM"})

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": None})


def fold(text: str) -> str:
    """The comparison form of a lemma: no diacritics, no tatweel, ``أ إ آ ٱ`` -> ``ا``.

    Parameters
    ----------
    text : str
        A lemma or a prediction.

    Returns
    -------
    str

    Examples
    --------
    >>> fold("ٱِثنَينِ"), fold("مُؤَسَّسَة")
    ('اثنين', 'مؤسسة')
    """
    return strip_diacritics(text).translate(_FOLD)


@dataclass(frozen=True)
class SyntacticWord:
    """One word line of a CoNLL-U sentence (the columns the metric uses)."""

    id: int
    form: str
    lemma: str
    upos: str
    feats: str = "_"
    space_after: bool = True


@dataclass(frozen=True)
class OrthographicWord:
    """A written word: its text and the syntactic words it is made of."""

    text: str
    words: tuple[SyntacticWord, ...]

    @property
    def host(self) -> SyntacticWord | None:
        """The first syntactic word whose UPOS is in :data:`CONTENT_UPOS`, if any."""
        for word in self.words:
            if word.upos in CONTENT_UPOS:
                return word
        return None

    @property
    def cuts(self) -> tuple[int, ...]:
        """Offsets in :attr:`text` between its syntactic words (empty for one word).

        Computed from the lengths of the forms; when the text differs from the
        concatenated forms the offsets are those of the forms.
        """
        out, pos = [], 0
        for word in self.words[:-1]:
            pos += len(word.form)
            out.append(pos)
        return tuple(out)


@dataclass
class Sentence:
    """One CoNLL-U sentence: its id, its ``# text`` and its word lines."""

    sent_id: str
    text: str
    words: list[SyntacticWord] = field(default_factory=list)
    #: ``(first id, last id, form, space_after)`` of each multiword token line.
    ranges: list[tuple[int, int, str, bool]] = field(default_factory=list)


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: str | Path) -> list[Sentence]:
    """Read the sentences of a CoNLL-U file.

    Parameters
    ----------
    path : str or Path
        A UTF-8 CoNLL-U file.

    Returns
    -------
    list of Sentence
        In file order; empty nodes (``3.1`` lines) are skipped.

    Examples
    --------
    >>> import tempfile, os
    >>> rows = ["# sent_id = s1", "# text = وللسلطة.",
    ...         "1-2\\tوللسلطة\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\tSpaceAfter=No",
    ...         "1\\tو\\tوَ\\tCCONJ\\t_\\t_\\t_\\t_\\t_\\t_",
    ...         "2\\tللسلطة\\tسُلطَة\\tNOUN\\t_\\t_\\t_\\t_\\t_\\t_",
    ...         "3\\t.\\t.\\tPUNCT\\t_\\t_\\t_\\t_\\t_\\t_", ""]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "s.conllu")
    ...     _ = open(p, "w", encoding="utf-8").write("\\n".join(rows))
    ...     sents = read_conllu(p)
    >>> [(w.text, w.host.lemma) for w in orthographic_words(sents[0])]
    [('وللسلطة', 'سُلطَة')]
    """
    sentences: list[Sentence] = []
    current: Sentence | None = None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                if current is not None and (current.words or current.text):
                    sentences.append(current)
                current = None
                continue
            if current is None:
                current = Sentence(sent_id="", text="")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "sent_id":
                    current.sent_id = value.strip()
                elif key == "text":
                    current.text = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) < 10:
                continue
            wid = cols[0]
            if "." in wid:
                continue
            if "-" in wid:
                first, last = wid.split("-")
                current.ranges.append((int(first), int(last), cols[1],
                                       _space_after(cols[9])))
                continue
            current.words.append(SyntacticWord(int(wid), cols[1], cols[2], cols[3],
                                               cols[5], _space_after(cols[9])))
    if current is not None and (current.words or current.text):
        sentences.append(current)
    return sentences


def orthographic_words(sentence: Sentence) -> list[OrthographicWord]:
    """The written words of a sentence (see the module docstring).

    Parameters
    ----------
    sentence : Sentence

    Returns
    -------
    list of OrthographicWord
        Punctuation and symbols are not words; every other syntactic word belongs to
        exactly one orthographic word.
    """
    # Multiword tokens: member id -> (range last id, space after the range).
    range_end: dict[int, tuple[int, bool]] = {}
    for first, last, _form, space in sentence.ranges:
        for i in range(first, last + 1):
            range_end[i] = (last, space)
    groups: list[list[SyntacticWord]] = []
    current: list[SyntacticWord] = []
    for word in sentence.words:
        if word.upos in SEPARATOR_UPOS:
            if current:
                groups.append(current)
            current = []
            continue
        current.append(word)
        if word.id in range_end:
            last, space = range_end[word.id]
            joined = word.id != last or not space
        else:
            joined = not word.space_after
        if not joined:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return _align(groups)


def _align(groups: list[list[SyntacticWord]]) -> list[OrthographicWord]:
    """Make the words of the groups; the text of each is its concatenated forms."""
    return [OrthographicWord("".join(w.form for w in group), tuple(group))
            for group in groups]


def lemma_pairs(path: str | Path) -> list[tuple[str, str]]:
    """``(word, gold host lemma)`` for every orthographic word with a content host.

    Parameters
    ----------
    path : str or Path
        A CoNLL-U file.

    Returns
    -------
    list of (str, str)
        In text order; the lemma as written in the treebank (diacritized).
    """
    pairs = []
    for sentence in read_conllu(path):
        for word in orthographic_words(sentence):
            host = word.host
            if host is not None:
                pairs.append((word.text, host.lemma))
    return pairs


@dataclass(frozen=True)
class LemmaScore:
    """Result of :func:`score_lemmas`."""

    correct: int
    total: int
    errors: tuple[tuple[str, str, str], ...] = ()  # (word, gold, predicted)

    @property
    def accuracy(self) -> float:
        """``correct / total`` (0.0 for no words)."""
        return self.correct / self.total if self.total else 0.0


def score_lemmas(pairs: Sequence[tuple[str, str]],
                 predictions: Sequence[str] | Callable[[str], str]) -> LemmaScore:
    """Score lemma predictions against gold pairs with :func:`fold` on both sides.

    Parameters
    ----------
    pairs : sequence of (word, gold lemma)
        From :func:`lemma_pairs`.
    predictions : sequence of str, or callable
        One prediction per pair, or a function called on each word.

    Returns
    -------
    LemmaScore
        With the wrong predictions as ``(word, gold, predicted)`` in :attr:`errors`.

    Examples
    --------
    >>> s = score_lemmas([("أكد", "أَكَّد")], lambda w: w)
    >>> s.correct, s.total, s.accuracy
    (1, 1, 1.0)
    """
    if callable(predictions):
        predictions = [predictions(word) for word, _ in pairs]
    if len(predictions) != len(pairs):
        raise ValueError(f"{len(predictions)} predictions for {len(pairs)} words")
    correct = 0
    errors = []
    for (word, gold), pred in zip(pairs, predictions):
        if fold(pred) == fold(gold):
            correct += 1
        else:
            errors.append((word, gold, pred))
    return LemmaScore(correct, len(pairs), tuple(errors))


def clitic_gold(path: str | Path) -> list[tuple[str, tuple[int, ...]]]:
    """Every orthographic word with the treebank's cut offsets inside it.

    Parameters
    ----------
    path : str or Path
        A CoNLL-U file.

    Returns
    -------
    list of (str, tuple of int)
        Words as the concatenation of their forms (so the offsets fit), in text order.
    """
    return [(w.text, w.cuts) for s in read_conllu(path) for w in orthographic_words(s)]


def article_free_cuts(segments: Sequence[str]) -> tuple[int, ...]:
    """Cut offsets of a segmentation, without the cut after the article.

    The article ``ال`` (or the ``ل`` of ``لل`` after a preposition ``ل``) is joined to
    what follows it, because UD keeps the article in the noun.

    Examples
    --------
    >>> article_free_cuts(["و", "ال", "كتاب"]), article_free_cuts(["ل", "ل", "سلطة"])
    ((1,), (1,))
    >>> article_free_cuts(["كتاب", "ه"])
    (4,)
    """
    cuts = []
    pos = 0
    for i, seg in enumerate(segments[:-1]):
        pos += len(seg)
        is_article = seg == "ال" or (seg == "ل" and i > 0 and segments[i - 1] == "ل")
        if not is_article:
            cuts.append(pos)
    return tuple(cuts)


@dataclass(frozen=True)
class SegmentationScore:
    """Result of :func:`score_segmentation` (counts of cut points)."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_segmentation(gold: Iterable[tuple[str, Sequence[int]]],
                       segment: Callable[[str], Sequence[str]]) -> SegmentationScore:
    """Precision and recall of a segmenter's cut points against gold cuts.

    Parameters
    ----------
    gold : iterable of (word, cuts)
        From :func:`clitic_gold`.
    segment : callable
        ``word -> segments`` whose concatenation is the word (like
        :func:`arabcorpus.text.light_clitics.segment_clitics` or
        :func:`arabcorpus.text.clitics.segments`). Article cuts are ignored
        (:func:`article_free_cuts`).

    Returns
    -------
    SegmentationScore

    Examples
    --------
    >>> s = score_segmentation([("وكتابه", (1, 5)), ("بلد", ())],
    ...                        lambda w: ["و", "كتابه"] if w == "وكتابه" else ["ب", "لد"])
    >>> s.true_positives, s.predicted, s.gold
    (1, 2, 2)
    """
    tp = npred = ngold = 0
    for word, cuts in gold:
        segs = list(segment(word))
        if "".join(segs) != word:
            raise ValueError(f"segments {segs!r} do not spell {word!r}")
        predicted = set(article_free_cuts(segs))
        gold_set = set(cuts)
        tp += len(predicted & gold_set)
        npred += len(predicted)
        ngold += len(gold_set)
    return SegmentationScore(tp, npred, ngold)
