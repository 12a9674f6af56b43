"""Small generated corpora for the collocation and keyness tests (hypothesis).

Documents are drawn from a small vocabulary of normalized Arabic words, so that
pairs repeat, windows overlap and the same word occurs several times in a document:
the cases where counting conventions differ. Each document has at least one token
(a build drops empty documents).
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Normalized words (the "search" profile leaves them as they are).
WORDS = ("سعر", "نفط", "برميل", "قال", "اليوم", "في", "ارتفع")


def documents(words: tuple[str, ...] = WORDS, *, max_docs: int = 6,
              max_len: int = 12) -> st.SearchStrategy[list[list[str]]]:
    """Lists of 1 .. ``max_docs`` documents, each a list of 1 .. ``max_len`` words."""
    word = st.sampled_from(words)
    return st.lists(st.lists(word, min_size=1, max_size=max_len),
                    min_size=1, max_size=max_docs)


def build(docs: list[list[str]]):
    """An in-memory corpus of the documents (one text per document)."""
    from arabcorpus.corpus.memory import Corpus

    return Corpus.build([" ".join(d) for d in docs], progress=False)
