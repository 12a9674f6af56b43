"""Hypothesis strategies for small Arabic corpora: words, documents and corpora.

The words are drawn from a small alphabet so that types repeat (frequencies above 1,
shared n-grams, several documents per type), with the spellings the normalizer folds
(alef with hamza, teh marbuta, alef maqsura, a diacritic) so that ``surface`` and
``norm`` differ. Documents mix words with punctuation and numbers.

Examples
--------
>>> from hypothesis import given
>>> @given(corpora())
... def test(corpus):
...     assert corpus.n_tokens == sum(len(corpus.tokens(d)) for d in range(len(corpus)))
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Letters of the generated words (few, so that words repeat).
LETTERS = "بتكلمن"
#: Spellings the ``search`` normalizer folds: alef forms, teh marbuta, alef maqsura.
VARIANTS = ("ا", "أ", "إ", "ة", "ه", "ى", "ي")
PREFIXES = ("", "", "ال", "و", "وال")
DIACRITICS = ("", "", "", "َ", "ُ")
PUNCTUATION = ("،", ".", "!", "؟", ":", "(", ")")
NUMBERS = ("1", "12", "٣", "2024")
#: Values of the ``source`` metadata column of :func:`corpora`.
SOURCES = ("okaz", "riyadh", "sabq")


@st.composite
def arabic_words(draw, min_len: int = 1, max_len: int = 3) -> str:
    """One Arabic word: an optional prefix, 1-3 letters with an optional diacritic,
    and an optional final variant letter (alef, teh marbuta, alef maqsura...)."""
    prefix = draw(st.sampled_from(PREFIXES))
    stem = draw(st.lists(st.tuples(st.sampled_from(LETTERS), st.sampled_from(DIACRITICS)),
                         min_size=min_len, max_size=max_len))
    end = draw(st.sampled_from(("",) * 3 + VARIANTS))
    return prefix + "".join(a + b for a, b in stem) + end


def tokens() -> st.SearchStrategy[str]:
    """A word (mostly), a punctuation mark or a number."""
    return st.one_of(arabic_words(), arabic_words(), arabic_words(),
                     st.sampled_from(PUNCTUATION), st.sampled_from(NUMBERS))


@st.composite
def documents(draw, min_tokens: int = 1, max_tokens: int = 25) -> str:
    """The text of one document: tokens joined by a space (sometimes none before a
    punctuation mark, sometimes a line break). A document of punctuation only has no
    indexed token unless the corpus indexes punctuation (an empty text is not a
    document: the build skips it)."""
    toks = draw(st.lists(tokens(), min_size=min_tokens, max_size=max_tokens))
    out = []
    for t in toks:
        sep = "" if not out else draw(st.sampled_from((" ", " ", " ", "\n")))
        if t in PUNCTUATION and out:
            sep = draw(st.sampled_from(("", " ")))
        out.append(sep + t)
    return "".join(out)


@st.composite
def corpora(draw, min_docs: int = 1, max_docs: int = 8, layers=None,
            punctuation: bool | None = None):
    """A :class:`~arabcorpus.corpus.memory.Corpus` built from :func:`documents`, each
    with a ``source`` metadata value from :data:`SOURCES`; ``punctuation`` indexed or
    not (drawn when None). Documents are numbered ``d0``, ``d1``... in order."""
    from arabcorpus.corpus.memory import Corpus
    from arabcorpus.io.readers import Document

    texts = draw(st.lists(documents(), min_size=min_docs, max_size=max_docs))
    sources = draw(st.lists(st.sampled_from(SOURCES), min_size=len(texts),
                            max_size=len(texts)))
    if punctuation is None:
        punctuation = draw(st.booleans())
    docs = [Document(f"d{i}", t, {"source": s})
            for i, (t, s) in enumerate(zip(texts, sources))]
    kwargs = {"layers": tuple(layers)} if layers else {}
    return Corpus.build(docs, punctuation=punctuation, progress=False, **kwargs)
