"""Collocates of a node, and all collocations in a window, scored by association.

Counting is vectorized over the integer layers: for every relative position ``d`` of
the window, the token array is compared with itself shifted by ``d``, pairs whose two
tokens lie in different documents are masked out (windows never cross document
boundaries), and pairs are encoded as ``int64`` keys ``a * V + b`` and counted with
one in-place sort. Scoring uses the functions of :mod:`arabcorpus.measures`.

The contingency table of a window (surface co-occurrence)
---------------------------------------------------------
Evert (2008, sec. 5.2, "surface co-occurrence") gives the expected co-occurrence
frequency of a node ``u`` and a collocate ``v`` in a window of ``k`` token slots as::

    E11 = k * f(u) * f(v) / N

with ``f`` the corpus frequencies and ``N`` the number of tokens. We score the
matching table in which each event is one *(node slot, window slot)* pair, i.e. the
sum of the ``k`` positional bigram tables, one per relative position::

    O11 = number of times v occurs in a window slot of u (with multiplicity: a token
          in the overlapping windows of two nodes counts twice)
    R1  = k * f(u)          (window slots of the node)
    C1  = k * f(v)          (slots in which v can stand)
    N'  = k * N             (all slots)
    O12 = R1 - O11, O21 = C1 - O11, O22 = N' - R1 - C1 + O11

so that ``E11 = R1 * C1 / N' = k f(u) f(v) / N`` exactly as Evert's formula, and every
cell is non-negative. The marginals use the nominal window size ``k``; windows
clipped at document boundaries are not subtracted (as in Evert's formula). For
adjacent pairs (``collocations(window=2)``, ``k = 1``) this is the classic bigram
table ``(O11, f(u), f(v), N)`` that NLTK's ``BigramCollocationFinder`` scores, and our
values equal NLTK's (see the tests). NLTK's window finder with ``window_size > 2``
instead divides the observed count by ``window - 1`` and keeps ``E11 = f(u) f(v) / N``.

``collocations(corpus, window=w)`` counts, for each ordered pair ``(u, v)``, ``v`` at
1 .. ``w - 1`` tokens to the right of ``u`` (``k = w - 1``), as NLTK does; so its row
``(u, v)`` equals the row ``v`` of ``collocates(corpus, u, span=(0, w - 1))``.

References
----------
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (Eds.), *Corpus
Linguistics. An International Handbook*, article 58. Mouton de Gruyter.

Rychlý, P. (2008). A lexicographer-friendly association score. *RASLAN 2008*, 6-9.

Gries, S. Th. (2013). 50-something years of work on collocations. *IJCL* 18(1).

Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster University.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from arabcorpus import _query as Q
from arabcorpus import measures as M

__all__ = ["collocates", "collocations", "DEFAULT_MEASURES"]

#: Measures computed when none are named.
DEFAULT_MEASURES = ("log_likelihood", "mi", "log_dice", "t_score")

_CHUNK = 2_000_000  # rows scored at a time (bounds temporary memory)


def _score(o11: np.ndarray, r1: np.ndarray, c1: np.ndarray, n: float,
           measures: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Score tables given by O11 and the marginals, in chunks."""
    out = {name: np.empty(len(o11), dtype=np.float64) for name in measures}
    for s in range(0, len(o11), _CHUNK):
        e = min(s + _CHUNK, len(o11))
        a = o11[s:e].astype(np.float64)
        b = r1[s:e] - a
        c = c1[s:e] - a
        d = n - r1[s:e] - c1[s:e] + a
        for name in measures:
            out[name][s:e] = M.ASSOCIATION_MEASURES[name](a, b, c, d)
    return out


def _measures(measures: Any) -> tuple[str, ...]:
    return M.check_measures(measures, M.ASSOCIATION_MEASURES, "association")


def _frame(corpus, layer, keys, o11, counts, k, n, measures, sort_by, params,
           node_col: bool):
    """Score, sort and assemble the result.

    ``keys`` are the pair keys ``w1 * V + w2`` (or just ``w2`` for one node, whose
    frequency is then ``params["node_count"]``). Only the keys, the counts and the
    sorting score are reordered (random gathers over millions of rows are the
    expensive part); everything else is derived from them afterwards.
    """
    import pandas as pd

    V = len(counts)
    kcounts = k * counts.astype(np.float64)  # k * f(type), gathered below

    def marginals(keys):
        if node_col:
            w1 = keys // V
            w2 = keys - w1 * V
            r1 = kcounts[w1]
        else:
            w1, w2 = None, keys
            r1 = np.full(len(keys), float(k * params["node_count"]))
        return w1, w2, r1, kcounts[w2]

    first = None
    order = None
    if sort_by is not None and len(keys):
        _, _, r1, c1 = marginals(keys)
        first = _score(o11, r1, c1, n, (sort_by,))[sort_by]
        del r1, c1
        order = Q.argsort_desc(first)
        keys, o11, first = keys[order], o11[order], first[order]
    w1, w2, r1, c1 = marginals(keys)
    rest = tuple(m for m in measures if m != sort_by or first is None)
    scores = _score(o11, r1, c1, n, rest)
    if first is not None:
        scores[sort_by] = first
    data: dict[str, Any] = {}
    if node_col:
        data["w1"] = Q.categorical(corpus, layer, w1)
        data["w2"] = Q.categorical(corpus, layer, w2)
    else:
        data["collocate"] = Q.vocab_array(corpus, layer)[w2]
    data["frequency"] = np.asarray(o11, dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        data["expected"] = r1 * c1 / n
    data["node_frequency"] = (r1 // k).astype(np.int64)
    data["collocate_frequency"] = counts[w2]
    del r1, c1
    for name in measures:
        if name not in ("observed", "expected"):
            data[name] = scores.pop(name)
    df = pd.DataFrame(data, copy=False)
    df.attrs["params"] = params
    return df


def collocates(corpus: Any, node: Any, span: tuple[int, int] = (5, 5),
               measures: Any = DEFAULT_MEASURES, min_freq: int = 3,
               layer: str = "norm", regex: bool = False):
    """Collocates of one node within a window of ``span`` tokens around it.

    Parameters
    ----------
    corpus : Corpus
    node : str, re.Pattern, list or tuple
        A word, a list of words, a regular expression or a phrase, as in
        :func:`arabcorpus.kwic.kwic` (normalized the same way).
    span : (int, int), default (5, 5)
        Tokens to the left and to the right of the node (within its document). The
        window has ``k = left + right`` slots.
    measures : str or sequence of str
        Names in :data:`arabcorpus.measures.ASSOCIATION_MEASURES`. The result is
        sorted by the first one (descending).
    min_freq : int, default 3
        Keep collocates co-occurring at least this often. If the node itself is
        rarer than ``min_freq``, a warning says so.
    layer : str, default "norm"
    regex : bool, default False
        Treat a ``str`` node as a regular expression.

    Returns
    -------
    pandas.DataFrame
        ``collocate``, ``frequency`` (O11), ``expected`` (E11 = k f(node) f(coll) /
        N, Evert 2008; see the module docstring for the whole table),
        ``node_frequency``, ``collocate_frequency``, then one column per measure.
        Empty (same columns) if the node does not occur.

    Examples
    --------
    >>> from arabcorpus.corpus import Corpus
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "قرر البنك المركزي",
    ...                   "البنك الدولي"], progress=False)
    >>> df = collocates(c, "البنك", span=(0, 1), min_freq=1, measures=["log_dice"])
    >>> df[["collocate", "frequency", "log_dice"]].round(3)
      collocate  frequency  log_dice
    0   المركزي          2    13.678
    1    الدولي          1    13.000
    """
    layer = Q.check_layer(corpus, layer)
    measures = _measures(measures)
    min_freq = Q.check_int(min_freq, "min_freq", 0)
    if (not isinstance(span, (tuple, list)) or len(span) != 2):
        raise TypeError(f"span must be a (left, right) pair of ints, got {span!r}")
    left = Q.check_int(span[0], "span[0]", 0)
    right = Q.check_int(span[1], "span[1]", 0)
    k = left + right
    if k == 0:
        raise ValueError("span (0, 0) has no window slots; give left or right > 0")
    positions, length = Q.find(corpus, layer, node, regex=regex)
    f_node = len(positions)
    params = {"function": "collocates", "node": Q.query_label(node), "span": (left, right),
              "span_size": k, "measures": measures, "min_freq": min_freq,
              "layer": layer, "regex": regex, "corpus": Q.describe(corpus),
              "expected": "E11 = k * f(node) * f(collocate) / N (Evert 2008, sec. 5.2)"}
    if f_node < min_freq:
        warnings.warn(f"node {Q.query_label(node)!r} occurs {f_node} times in layer "
                      f"{layer!r}, below min_freq={min_freq}", stacklevel=2)
    ids = corpus.ids(layer)
    tdoc = Q.token_doc(corpus)
    offsets = corpus.doc_offsets
    counts = Q.position_index(corpus, layer).counts
    V = len(counts)
    if f_node:
        docs = tdoc[positions]
        lo = offsets[docs]
        hi = offsets[docs + 1]
        rel = np.concatenate([np.arange(-left, 0), np.arange(length, length + right)])
        slots = positions[:, None] + rel[None, :]
        inside = (slots >= lo[:, None]) & (slots < hi[:, None])
        coll = np.bincount(ids[slots[inside]], minlength=V)
    else:
        coll = np.zeros(V, dtype=np.int64)
    w2 = np.flatnonzero(coll >= max(min_freq, 1))
    params["node_count"] = f_node
    return _frame(corpus, layer, w2, coll[w2], counts, k, float(k * corpus.n_tokens),
                  measures, measures[0], params, node_col=False)


def _pair_keys(ids: np.ndarray, tdoc: np.ndarray, k: int, V: int) -> np.ndarray:
    """All (left, right) pair keys ``a * V + b`` at distances 1..k within documents,
    sorted (one preallocated int64 array, sorted in place)."""
    n = len(ids)
    sizes = []
    masks = []
    for d in range(1, k + 1):
        if d >= n:
            break
        m = tdoc[d:] == tdoc[:-d]
        masks.append(m)
        sizes.append(int(np.count_nonzero(m)))
    keys = np.empty(sum(sizes), dtype=np.int64)
    pos = 0
    for d, (m, size) in enumerate(zip(masks, sizes), start=1):
        seg = keys[pos:pos + size]
        np.multiply(ids[:-d][m], V, out=seg, dtype=np.int64, casting="unsafe")
        seg += ids[d:][m]
        pos += size
    del masks
    keys.sort()
    return keys


def collocations(corpus: Any, window: int = 2, measures: Any = DEFAULT_MEASURES,
                 min_freq: int = 3, layer: str = "norm", sort: bool = True):
    """All ordered pairs ``(w1, w2)`` with ``w2`` 1 .. ``window - 1`` tokens to the
    right of ``w1`` in the same document, with association scores.

    Parameters
    ----------
    corpus : Corpus
    window : int, default 2
        As NLTK's ``window_size``: 2 = adjacent pairs (bigrams); 5 = ``w2`` up to 4
        tokens to the right.
    measures : str or sequence of str
        Names in :data:`arabcorpus.measures.ASSOCIATION_MEASURES`.
    min_freq : int, default 3
        Keep pairs co-occurring at least this often (1 keeps every pair seen).
    layer : str, default "norm"
    sort : bool, default True
        Sort by the first measure, descending (as NLTK's ``score_ngrams``).

    Returns
    -------
    pandas.DataFrame
        ``w1``, ``w2`` (categoricals of type strings), ``frequency`` (O11),
        ``expected`` (E11 = k f(w1) f(w2) / N with k = window - 1),
        ``node_frequency`` (f(w1)), ``collocate_frequency`` (f(w2)), then one column
        per measure. The contingency table is described in the module docstring.

    Examples
    --------
    >>> from arabcorpus.corpus import Corpus
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "البنك المركزي"],
    ...                  progress=False)
    >>> df = collocations(c, window=2, measures="mi", min_freq=2)
    >>> df[["w1", "w2", "frequency", "mi"]].round(4)
          w1       w2  frequency     mi
    0  البنك  المركزي          2  1.585
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    measures = _measures(measures)
    window = Q.check_int(window, "window", 2)
    min_freq = Q.check_int(min_freq, "min_freq", 0)
    k = window - 1
    params = {"function": "collocations", "window": window, "span_size": k,
              "measures": measures, "min_freq": min_freq, "layer": layer,
              "corpus": Q.describe(corpus),
              "expected": "E11 = k * f(w1) * f(w2) / N (Evert 2008, sec. 5.2)"}
    ids = corpus.ids(layer)
    V = len(corpus.vocab(layer))
    counts = Q.position_index(corpus, layer).counts
    keys = _pair_keys(ids, Q.token_doc(corpus), k, V)
    uniq, freq = Q.sorted_unique(keys, sort=False)  # _pair_keys sorted them
    del keys
    if min_freq > 1:
        sel = freq >= min_freq
        uniq, freq = uniq[sel], freq[sel]
    df = _frame(corpus, layer, uniq, freq, counts, k, float(k * corpus.n_tokens),
                measures, measures[0] if sort else None, params, node_col=True)
    if not len(df):
        df["w1"] = pd.Categorical([])
        df["w2"] = pd.Categorical([])
    return df
