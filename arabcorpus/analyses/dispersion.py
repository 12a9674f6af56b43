"""Dispersion: how evenly terms spread over the documents or parts of a corpus.

For each term, its frequency in every part is counted from the position index (no
scan over the tokens) and scored with
:data:`arabcorpus.analyses.measures.DISPERSION_MEASURES`: range, Juilland's D (1 = even),
Gries' DP (0 = even) and DPnorm. :func:`dispersion_positions` gives the token
positions a dispersion plot needs.

References
----------
Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish Words*.
The Hague: Mouton.

Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403-437.

Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and
adjusted frequencies in corpora". *IJCL* 17(1), 147-149.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from arabcorpus.analyses import measures as M
from arabcorpus.analyses import query as Q
from arabcorpus.analyses.forms import form_of
from arabcorpus.util import validate as V
from arabcorpus.util.deprecation import keyword_only, renamed

__all__ = ["dispersion", "dispersion_positions", "DEFAULT_DISPERSION_MEASURES"]

#: Measures computed when none are named.
DEFAULT_DISPERSION_MEASURES = ("range", "juilland_d", "dp", "dp_norm")


def _terms(query: Any) -> list[Any]:
    if isinstance(query, (str, tuple)) or hasattr(query, "fullmatch"):
        return [query]
    if isinstance(query, (list, set, frozenset)):
        if not query:
            raise ValueError("give at least one term")
        return list(query)
    raise TypeError(f"query must be a str, a pattern, a tuple (phrase) or a list of "
                    f"terms, got {type(query).__name__}")


class _Parts:
    """The parts of a dispersion: ``kind`` ("documents", "column" or "equal"), their
    number, the part of each document (for a column) and their labels."""

    def __init__(self, corpus: Any, parts: Any) -> None:
        self.codes = None
        if isinstance(parts, str):
            if parts == "documents":
                self.kind, self.n = "documents", len(corpus)
                return
            columns = [str(c) for c in corpus.metadata.columns]
            if parts not in columns:
                raise ValueError(f"unknown parts {parts!r}; valid: 'documents', a "
                                 f"metadata column ({', '.join(columns)}) or a "
                                 f"positive int (equal parts of the corpus)")
            import pandas as pd

            codes, uniques = pd.factorize(corpus.metadata[parts], use_na_sentinel=True)
            n = len(uniques)
            if (codes < 0).any():  # missing values: one part of their own
                codes = np.where(codes < 0, n, codes)
                n += 1
            self.kind, self.n = "column", n
            self.codes = np.asarray(codes, dtype=np.int64)
            return
        if isinstance(parts, (bool, np.bool_)) or not isinstance(parts, (int, np.integer)):
            raise TypeError(f"parts must be 'documents', a metadata column or an int, "
                            f"got {type(parts).__name__}")
        self.kind, self.n = "equal", V.check_int(parts, "parts", minimum=1)

    def of(self, corpus: Any, positions: np.ndarray) -> np.ndarray:
        """The part of each token position."""
        if self.kind == "documents":
            return Q.doc_of(corpus, positions)
        if self.kind == "column":
            return self.codes[Q.doc_of(corpus, positions)]
        return positions * self.n // max(corpus.n_tokens, 1)

    def sizes(self, corpus: Any) -> np.ndarray:
        """The size of each part in tokens (float64)."""
        doc_sizes = np.diff(corpus.doc_offsets).astype(np.float64)
        if self.kind == "documents":
            return doc_sizes
        if self.kind == "column":
            return np.bincount(self.codes, weights=doc_sizes, minlength=self.n)
        N = corpus.n_tokens
        # part of position p is p * n // N: part j starts at ceil(j * N / n)
        bounds = -((-np.arange(self.n + 1, dtype=np.int64) * N) // self.n)
        return np.diff(bounds).astype(np.float64)


def _term_form(corpus: Any, layer: str, term: Any, regex: bool, pos: np.ndarray,
               m: int) -> str:
    """How a term is written in the corpus (see :func:`dispersion`, Returns).

    A term that matches one type (a word) shows that type's display form; any other
    (a phrase, a pattern, a list) its most frequent matched surface string, the
    surface words of the ``m`` matched tokens joined by a space (ties: the smallest
    surface ids, seen first). A term that does not occur shows its label.
    """
    if not pos.size:
        return Q.query_label(term)
    if m == 1:
        ids = Q.slot_ids(corpus, layer, Q.parse_query(term, regex)[0], regex)
        if len(ids) == 1:
            return str(form_of(corpus, ids, layer=layer)[0])
    surface = Q.gather(corpus, "ids", pos[:, None] + np.arange(m), "surface")
    rows, counts = np.unique(surface.reshape(len(pos), m), axis=0, return_counts=True)
    best = rows[int(np.argmax(counts))]  # the first maximum: lexicographically smallest
    return " ".join(Q.vocab_array(corpus, "surface")[best].tolist())


@renamed(terms="query")
@keyword_only("corpus", "query", old=("parts", "measures", "layer", "regex"))
def dispersion(corpus: Any, query: Any, *, parts: str | int = "documents",
               measures: Any = DEFAULT_DISPERSION_MEASURES, layer: str = "norm",
               regex: bool = False):
    """Dispersion of terms over the documents, the values of a metadata column or
    ``n`` equal parts.

    Parameters
    ----------
    corpus : Corpus
    query : str, re.Pattern, tuple or list
        One term or a list of terms; each term is a query as in
        :func:`arabcorpus.analyses.kwic.kwic` (a word, a pattern, a phrase tuple; a
        list of terms gives one row each). (Was ``terms``.)
    parts : str or int, default "documents"
        The parts: ``"documents"``, every document (sizes = document lengths); the
        name of a metadata column, the documents grouped by its values (missing
        values one part); or an int ``n``, ``n`` consecutive parts of (as nearly as
        possible) equal size of the running corpus.
    measures : str or sequence of str
        Names in :data:`arabcorpus.analyses.measures.DISPERSION_MEASURES`.
    layer : str, default "norm"
    regex : bool, default False

    Returns
    -------
    pandas.DataFrame
        ``type`` (the query term as given), ``form`` (how the term is written in the
        corpus: for a word, the most frequent written form of the type it matches,
        see :func:`arabcorpus.analyses.forms.display_forms`; for a phrase, a pattern
        or a list of words, the most frequent matched surface string, ties going to
        the one seen first; the term itself if it does not occur), ``frequency``,
        ``parts`` (number of parts), then one column per measure (``range`` is the
        count of parts the term occurs in, followed by ``range_pct``, their
        percentage). A term that does not occur has frequency 0, range 0 and NaN
        scores. ``attrs["params"]`` records the call and the corpus.

    Notes
    -----
    Empty parts (documents with no indexed token, or equal parts of a corpus with
    fewer tokens than parts) are left out of every measure: their expected share is
    0 and no term occurs in them, so they add nothing to DP (Gries 2008), and
    Juilland's D and DPnorm (Lijffijt & Gries 2012) are computed over the non-empty
    parts; ``range_pct`` is the percentage of the non-empty parts. ``parts`` counts
    all parts, and ``attrs["params"]["empty_parts"]`` the empty ones.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["النفط ارتفع", "النفط انخفض", "الذهب ارتفع", "النفط"],
    ...                  progress=False)
    >>> dispersion(c, ["النفط", "الذهب"])[["type", "frequency", "range", "dp"]].round(3)
        type  frequency  range     dp
    0  النفط          3      3  0.286
    1  الذهب          1      1  0.714

    (Document sizes 2, 2, 2, 1 of 7 tokens; النفط's shares 1/3, 1/3, 0, 1/3 deviate
    by 0.571 in all, DP = 0.571 / 2.)
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    measures = M.check_measures(measures, M.DISPERSION_MEASURES, "dispersion")
    regex = V.check_bool(regex, "regex")
    spec = _Parts(corpus, parts)
    n_parts = spec.n
    term_list = _terms(query)
    sizes = spec.sizes(corpus)
    n_full = int(np.count_nonzero(sizes))
    counts = np.zeros((len(term_list), n_parts), dtype=np.float64)
    forms = []
    for i, term in enumerate(term_list):
        pos, m = Q.find(corpus, layer, term, regex=regex)
        forms.append(_term_form(corpus, layer, term, regex, pos, m))
        if pos.size:
            counts[i] = np.bincount(spec.of(corpus, pos), minlength=n_parts)
    data: dict[str, Any] = {"type": [Q.query_label(t) for t in term_list],
                            "form": forms,
                            "frequency": counts.sum(axis=1).astype(np.int64),
                            "parts": n_parts}
    for name in measures:
        if name == "range":  # a count of parts, 0 for a term that does not occur
            data[name] = M.DISPERSION_MEASURES[name](counts, sizes).astype(np.int64)
            data["range_pct"] = 100.0 * data[name] / max(n_full, 1)
        elif sizes.sum() == 0:
            data[name] = np.full(len(term_list), np.nan)
        else:
            data[name] = M.DISPERSION_MEASURES[name](counts, sizes)
    df = pd.DataFrame(data)
    df.attrs["params"] = {"function": "dispersion", "query": query, "parts": parts,
                          "empty_parts": n_parts - n_full,
                          "measures": measures, "layer": layer, "regex": regex,
                          "corpus": Q.describe(corpus)}
    return df


@renamed(terms="query")
@keyword_only("corpus", "query", old=("layer", "regex"))
def dispersion_positions(corpus: Any, query: Any, *, layer: str = "norm",
                         regex: bool = False):
    """Token positions of terms, for a dispersion plot.

    Parameters
    ----------
    corpus : Corpus
    query : str, re.Pattern, tuple or list
        One term or a list of terms, as in :func:`dispersion`. (Was ``terms``.)
    layer : str, default "norm"
    regex : bool, default False

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``type`` (the query term as given), ``form`` (the term as written, as in
        :func:`dispersion`), ``position`` (corpus token position),
        ``doc`` (document index), ``relative_position`` (``position / n_tokens``, in
        [0, 1)) and ``doc_relative_position`` (position within its document divided
        by the document's length). Empty (same columns) if nothing matches.
        ``attrs["params"]`` records the call and the corpus.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["النفط ارتفع", "الذهب والنفط"], progress=False)
    >>> dispersion_positions(c, "النفط")[["type", "position", "doc"]]
        type  position  doc
    0  النفط         0    0
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    regex = V.check_bool(regex, "regex")
    term_list = _terms(query)
    offsets = corpus.doc_offsets
    N = max(corpus.n_tokens, 1)
    frames = []
    for term in term_list:
        pos, m = Q.find(corpus, layer, term, regex=regex)
        docs = Q.doc_of(corpus, pos)
        dlen = (offsets[docs + 1] - offsets[docs]).astype(np.float64)
        frames.append(pd.DataFrame({
            "type": Q.query_label(term),
            "form": _term_form(corpus, layer, term, regex, pos, m),
            "position": pos,
            "doc": docs,
            "relative_position": pos / N,
            "doc_relative_position": (pos - offsets[docs]) / np.maximum(dlen, 1),
        }))
    df = pd.concat(frames, ignore_index=True)
    df.attrs["params"] = {"function": "dispersion_positions", "query": query,
                          "layer": layer, "regex": regex,
                          "corpus": Q.describe(corpus)}
    return df
