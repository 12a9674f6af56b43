"""Collocates of a node, and all collocations in a window, scored by association.

Counting is vectorized over the integer layers. For :func:`collocates`, the window
slots around the node's positions are gathered and counted with ``np.bincount``. For
:func:`collocations`, the cached position index (token positions grouped by type)
gives, for a range of left types at a time, the positions ``p``; the tokens at
``p + d`` (``d = 1 .. k``, kept only inside the same document, so windows never cross
document boundaries) give ``int64`` pair keys ``a * V + b``, which are counted with
one in-place sort per part. Parts hold a few million keys, so memory stays close to
the size of the result; results are scored and assembled chunk by chunk with the
functions of :mod:`arabcorpus.analyses.measures`.

The contingency table of a window (surface co-occurrence)
---------------------------------------------------------
Evert (2008, "Corpora and collocations", on surface co-occurrence and its
contingency tables) counts a node's collocates *node-centred*: the tokens inside the
collocational spans of the node ``u`` are one sample, all other tokens of the corpus
the other, and each token is classified as ``v`` or not ``v``. The UCS toolkit and
cwb-ccc count the same way. Every cell counts token positions of the corpus::

                         v                  not v
    in the windows   | O11            | O12 = R1 - O11       | R1
    elsewhere        | O21 = C1 - O11 | O22 = N - R1 - C1 + O11 | N - R1
                       C1 = f(v)        N - f(v)               N

    O11 = tokens v at the positions inside the node's windows
    R1  = number of token positions inside the node's windows
    C1  = f(v), the corpus frequency of the collocate
    N   = number of tokens of the corpus

so ``E11 = R1 * f(v) / N``; without overlaps or clipping ``R1 = k * f(u)`` and
``E11 = k f(u) f(v) / N``, Evert's expected frequency for a span of ``k`` slots. The
windows are merged: a position that lies in the windows of two occurrences of the
node is one position, counted once in ``R1`` and, if it holds ``v``, once in
``O11``; so every cell is a count of positions and is never negative.

* :func:`collocates` counts the positions actually inside the windows: a window
  stops at its document's edges (``R1 < k f(u)`` when the node is near an edge or
  when windows overlap), as cwb-ccc does. Unlike cwb-ccc, a window holds the other
  occurrences of the node that fall in it (so the node can be its own collocate),
  and ``N`` and ``f(v)`` are the full corpus counts (cwb-ccc takes the node's tokens
  out of both).
* :func:`collocations` (``window = k``, the ``k`` tokens to the right of ``u``)
  merges overlapping windows the same way (a position belongs to the nearest
  ``u`` on its left) but keeps the ``k`` slots of a window at a document's end in
  ``R1``: ``R1(u) = sum over the occurrences of min(k, distance to the next u in the
  same document)``. For adjacent pairs (``window=1``) this is ``R1 = f(u)``, the
  classic bigram table ``(O11, f(u), f(v), N)`` that NLTK's
  ``BigramCollocationFinder`` scores, and the values equal NLTK's. NLTK's window
  finder with ``window_size = k + 1 > 2`` is a different table (it divides the pair
  count, which counts a token in two overlapping windows twice, by
  ``window_size - 1`` and keeps ``R1 = f(u)``); our pair counts equal its counts
  where no windows overlap. The rows of :func:`collocates` ``(u, window=(0, k))``
  have the same ``frequency`` as the rows ``(u, v)`` of ``collocations(window=k)``;
  their ``R1`` differ by the slots of windows cut at a document's end.

Dice, logDice and Jaccard (:data:`PAIR_MEASURES`) are computed from the pair and word
frequencies, ``f_xy = O11``, ``f_x = f(u)``, ``f_y = f(v)``, as Rychlý (2008) defines
logDice and Sketch Engine and #LancsBox compute it: ``logDice = 14 + log2(2 f_xy /
(f_x + f_y))``. (On the window table, ``R1 ~ k f(u)`` would make them shrink with the
window, so that logDice could never reach 14.) With ``k > 1`` a collocate can occur
in the windows more often than the node occurs, and then logDice exceeds 14. For
adjacent pairs (``collocations(window=1)``) both forms are the same, as
``R1 = f(u)``.

Worked example (``k = 3``)::

    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["ارتفعت اسعار النفط اليوم", "اسعار النفط والذهب", "النفط"],
    ...                  progress=False)
    >>> df = collocates(c, "النفط", window=(2, 1), min_freq=1, measures=["mi", "log_dice"])
    >>> df.attrs["params"]["window_tokens"]
    5

``N = 8`` tokens, ``f(النفط) = 3``. The windows (2 left, 1 right) hold positions
0, 1, 3 in the first document, 4 and 6 in the second (the left window stops at the
document's start) and none in the third: ``R1 = 5``, not ``k f(u) = 9``. For
``v = اسعار`` (``f(v) = 2``, both in windows): ``O11 = 2``, ``O12 = 3``, ``O21 = 0``,
``O22 = 8 - 5 - 2 + 2 = 3``, ``E11 = 5 * 2 / 8 = 1.25``, ``MI = log2(2 / 1.25) =
0.678`` and ``logDice = 14 + log2(2 * 2 / (3 + 2)) = 13.678``:

    >>> df.loc[df["type"] == "اسعار", ["frequency", "expected", "mi", "log_dice"]].round(3)
       frequency  expected     mi  log_dice
    1          2      1.25  0.678    13.678

References
----------
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (Eds.), *Corpus
Linguistics. An International Handbook*, article 58. Mouton de Gruyter.
(http://www.collocations.de/AM/; the UCS toolkit, http://www.collocations.de/software.html.)

Heinrich, P. cwb-ccc: collocation and concordance computation for the IMS Open Corpus
Workbench, https://github.com/ausgerechnet/cwb-ccc (``ccc/collocates.py``).

Rychlý, P. (2008). A lexicographer-friendly association score. *RASLAN 2008*, 6-9.

Gries, S. Th. (2013). 50-something years of work on collocations. *IJCL* 18(1).

Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster University.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any, Callable

import numpy as np

from arabcorpus.analyses import query as Q
from arabcorpus.analyses import measures as M
from arabcorpus.analyses.forms import display_forms
from arabcorpus.util import deprecation, validate
from arabcorpus.util.deprecation import keyword_only, renamed

__all__ = ["collocates", "collocations", "DEFAULT_MEASURES"]

#: Measures computed when none are named.
DEFAULT_MEASURES = ("log_likelihood", "mi", "log_dice", "t_score")

_CHUNK = 1 << 18  # rows scored at a time (bounds temporary memory)


def _measures(measures: Any) -> tuple[str, ...]:
    return M.check_measures(measures, M.ASSOCIATION_MEASURES, "association")


#: Measures defined on the frequencies of the two words rather than on the window
#: table: Dice, logDice and Jaccard are computed from ``f_xy = O11``, ``f_x = f(u)``
#: and ``f_y = f(v)`` (Rychlý 2008), as Sketch Engine and #LancsBox do.
PAIR_MEASURES = frozenset({"dice", "log_dice", "jaccard"})


#: Count columns a result may be sorted on, and the registry measure giving them.
_SORT_COLUMNS = {"frequency": "observed", "expected": "expected"}


def _frame(corpus, layer, keys, o11, counts, r1, n, measures, sort_by, params,
           node_col: bool, top: int | None = None):
    """Score, sort and assemble the result, with few full-length temporaries.

    ``keys`` are the pair keys ``w1 * V + w2`` (or just ``w2`` for one node, whose
    frequency is then ``params["node_count"]``). ``r1`` is the number of window
    positions of each type (an array over the vocabulary) or of the one node (a
    number); ``n`` the number of tokens of the corpus. The sorting score is computed
    first (in chunks), then only the keys, the counts and that score are reordered;
    every other column is derived from the reordered keys chunk by chunk, straight
    into its final array, so the peak memory is close to the size of the result.
    ``sort_by`` is a measure name or a key of ``_SORT_COLUMNS`` (or None: key order,
    i.e. type-id order); ``top`` keeps the first rows after sorting (None: all).
    """
    import pandas as pd

    V = len(counts)
    rows = len(keys)
    fcounts = counts.astype(np.float64)
    if node_col:
        r1_types = np.asarray(r1, dtype=np.float64)
    else:
        node_r1 = float(r1)
        node_f = float(params["node_count"])

    def chunks(w1_all=None, w2_all=None):
        """(slice, w1 or None, w2, r1, c1, f(u)) over blocks of ``_CHUNK`` rows,
        from the keys or from the split type ids."""
        for s in range(0, rows, _CHUNK):
            e = min(s + _CHUNK, rows)
            if w2_all is not None:
                w1 = None if w1_all is None else w1_all[s:e]
                w2 = w2_all[s:e]
            elif node_col:
                kk = keys[s:e]
                w1 = kk // V
                w2 = kk - w1 * V
            else:
                w1, w2 = None, keys[s:e]
            if node_col:
                r1_, fu = r1_types[w1], fcounts[w1]
            else:
                r1_, fu = np.full(e - s, node_r1), np.full(e - s, node_f)
            yield slice(s, e), w1, w2, r1_, fcounts[w2], fu

    def score_into(out, sl, r1_, c1, fu, names):
        a = o11[sl].astype(np.float64)
        for name in names:
            fn = M.ASSOCIATION_MEASURES[name]
            if name in PAIR_MEASURES:  # from f_xy, f_x, f_y (only the sums matter)
                out[name][sl] = fn(a, fu - a, c1 - a, n - fu - c1 + a)
            else:                      # the window table of the module docstring
                out[name][sl] = fn(a, r1_ - a, c1 - a, n - r1_ - c1 + a)

    sort_by = _SORT_COLUMNS.get(sort_by, sort_by)
    first = None
    if sort_by is not None and rows:
        first = {sort_by: np.empty(rows, dtype=np.float64)}
        for sl, _, _, r1_, c1, fu in chunks():
            score_into(first, sl, r1_, c1, fu, (sort_by,))
        order = Q.argsort_desc(first[sort_by])
        if top is not None:
            order = order[:top]
        keys = keys[order]
        o11 = o11[order]
        first[sort_by] = first[sort_by][order]
        rows = len(keys)
        del order
    elif top is not None and top < rows:
        keys, o11 = keys[:top], o11[:top]
        rows = top
    shown = [m for m in measures if m not in ("observed", "expected")]
    rest = tuple(m for m in shown if first is None or m != sort_by)
    if node_col:  # split the keys into int32 type ids, then drop them
        w1_all = np.empty(rows, dtype=np.int32)
        w2_all = np.empty(rows, dtype=np.int32)
        for s in range(0, rows, _CHUNK):
            kk = keys[s:s + _CHUNK]
            w1 = kk // V
            w1_all[s:s + _CHUNK] = w1
            w2_all[s:s + _CHUNK] = kk - w1 * V
    else:
        w1_all, w2_all = None, keys
    del keys
    cols = {name: np.empty(rows, dtype=np.float64) for name in rest}
    expected = np.empty(rows, dtype=np.float64)
    node_freq = np.empty(rows, dtype=np.int64)
    coll_freq = np.empty(rows, dtype=np.int64)
    window_tokens = np.empty(rows, dtype=np.int64)
    for sl, w1, w2, r1_, c1, fu in chunks(w1_all, w2_all):
        with np.errstate(divide="ignore", invalid="ignore"):
            expected[sl] = r1_ * c1 / n
        node_freq[sl] = fu
        coll_freq[sl] = counts[w2]
        window_tokens[sl] = r1_
        score_into(cols, sl, r1_, c1, fu, rest)
    if first is not None and sort_by in shown:
        cols[sort_by] = first.pop(sort_by)
    del first
    data: dict[str, Any] = {}
    forms = display_forms(corpus, layer=layer)
    if node_col:
        # the pair's written forms "form(w1) form(w2)", one concatenation per row, chunk
        # by chunk; the pair's types stay two categorical columns (a joined "w1 w2"
        # string per pair cost 7 s and 1.6 GB more on all pairs of SaudiNewsNet)
        spaced = forms + " " if len(forms) else forms
        pair_forms = np.empty(rows, dtype=object)
        for s in range(0, rows, _CHUNK):
            a, b = w1_all[s:s + _CHUNK], w2_all[s:s + _CHUNK]
            pair_forms[s:s + _CHUNK] = spaced[a] + forms[b]
        data["type_1"] = Q.categorical(corpus, layer, w1_all)
        data["type_2"] = Q.categorical(corpus, layer, w2_all)
        data["form"] = pair_forms
        del pair_forms, spaced
    else:
        data["type"] = Q.vocab_array(corpus, layer)[w2_all]
        data["form"] = forms[w2_all]
    del w1_all, w2_all
    data["frequency"] = np.asarray(o11, dtype=np.int64)
    del o11
    data["expected"] = expected
    data["node_frequency"] = node_freq
    data["collocate_frequency"] = coll_freq
    data["window_tokens"] = window_tokens
    del expected, node_freq, coll_freq, window_tokens
    for name in shown:
        data[name] = cols.pop(name)
    df = pd.DataFrame(data, copy=False)
    df.attrs["params"] = params
    return df


@renamed(node="query", span="window")
@keyword_only("corpus", "query", old=("window", "measures", "min_freq", "layer", "regex"))
def collocates(corpus: Any, query: Any, *, window: int | tuple[int, int] = 5,
               measures: str | tuple[str, ...] | list[str] = DEFAULT_MEASURES,
               min_freq: int = 3, sort: str | None = M.FIRST_MEASURE,
               n: int | None = None, layer: str = "norm", regex: bool = False):
    """Collocates of one query (the node) within a window of tokens around it.

    Parameters
    ----------
    corpus : Corpus
    query : str, re.Pattern, list or tuple
        The node: a word, a list of words, a regular expression or a phrase, as in
        :func:`arabcorpus.analyses.kwic.kwic` (normalized the same way).
    window : int or (int, int), default 5
        Tokens on each side of the node, or a ``(left, right)`` pair (within its
        document). The window has ``k = left + right`` slots.
    measures : str or sequence of str
        Names in :data:`arabcorpus.analyses.measures.ASSOCIATION_MEASURES`.
    min_freq : int, default 3
        Keep collocates co-occurring at least this often. If the node itself is
        rarer than ``min_freq``, a warning says so.
    sort : str or None, default: the first of ``measures``
        The column the rows are sorted by, descending (ties in type-id order, NaN
        last): one of ``measures``, ``"frequency"`` or ``"expected"``. None keeps
        type-id (corpus) order.
    n : int, optional
        Return the first ``n`` rows after sorting (None: all).
    layer : str, default "norm"
    regex : bool, default False
        Treat a ``str`` query as a regular expression.

    Returns
    -------
    pandas.DataFrame
        ``type`` (the collocate), ``form`` (its most frequent written form in the
        corpus, see :func:`arabcorpus.analyses.forms.display_forms`), ``frequency``
        (O11: tokens of the collocate at the positions inside the node's windows,
        each position counted once), ``expected`` (E11 = R1 f(coll) / N),
        ``node_frequency`` (f(node)), ``collocate_frequency`` (f(coll)),
        ``window_tokens`` (R1: the number of token positions inside the node's
        windows, cut at document edges, overlaps counted once; also in
        ``attrs["params"]["window_tokens"]``), then one column per measure, scored
        on the node-centred table of the module docstring (Evert 2008); ``dice``,
        ``log_dice`` and ``jaccard`` from f_xy = O11, f(node) and f(coll) (Rychlý
        2008). Empty (same columns) if the node does not occur. ``attrs["params"]``
        holds the arguments (``query``, ``window`` as ``(left, right)``, ...) and
        ``corpus``.

    Notes
    -----
    Renamed in 0.1 (the old names work, with a DeprecationWarning, until 0.2):
    ``node`` -> ``query``, ``span=(5, 5)`` -> ``window=5`` (same meaning), the
    column ``collocate`` -> ``type``; the options are keyword-only.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "قرر البنك المركزي",
    ...                   "البنك الدولي"], progress=False)
    >>> df = collocates(c, "البنك", window=(0, 1), min_freq=1, measures=["log_dice"])
    >>> df[["type", "frequency", "log_dice"]].round(3)
          type  frequency  log_dice
    0  المركزي          2    13.678
    1   الدولي          1    13.000
    >>> df.attrs["params"]["window"]
    (0, 1)
    """
    layer = Q.check_layer(corpus, layer)
    measures = _measures(measures)
    min_freq = validate.check_int(min_freq, "min_freq", minimum=0)
    sort = M.check_sort(sort, measures, tuple(_SORT_COLUMNS), function="collocates")
    n = validate.check_int(n, "n", minimum=0) if n is not None else None
    regex = validate.check_bool(regex, "regex")
    left, right = validate.check_window(window, "window")
    k = left + right
    if k == 0:
        raise ValueError("window (0, 0) has no slots; give left or right > 0")
    Q.parse_query(query, regex)  # a bad query fails before any counting
    counts = Q.type_counts(corpus, layer)
    V = len(counts)
    coll, f_node, r1 = Q.over_parts(corpus, _window_counts,
                                    (layer, query, regex, left, right, V))
    params = {"function": "collocates", "query": Q.query_label(query),
              "window": (left, right), "measures": measures, "min_freq": min_freq,
              "sort": sort, "n": n, "layer": layer, "regex": regex,
              "corpus": Q.describe(corpus), "span_size": k,
              "window_tokens": int(r1), "node_count": f_node,
              "expected": "E11 = R1 * f(collocate) / N, R1 = token positions in the "
                          "node's windows (Evert 2008, surface co-occurrence)"}
    if f_node < min_freq:
        warnings.warn(f"node {Q.query_label(query)!r} occurs {f_node} times in layer "
                      f"{layer!r}, below min_freq={min_freq}", stacklevel=4)
    w2 = np.flatnonzero(coll >= max(min_freq, 1))
    return _frame(corpus, layer, w2, coll[w2], counts, int(r1), float(corpus.n_tokens),
                  measures, sort, params, node_col=False, top=n)


def _window_counts(part: Any, layer: str, node: Any, regex: bool, left: int,
                   right: int, V: int) -> tuple[np.ndarray, int, int]:
    """How often each type occurs in the windows around the node's matches in one
    corpus or shard, the number of matches, and the number of token positions in
    the windows (``R1``).

    A window stops at its document's edges and never holds its own match; the
    windows are merged, so a position covered by the windows of two matches is one
    position (counted once in ``R1`` and in the collocate counts)."""
    positions, length = Q.find(part, layer, node, regex=regex)
    if not len(positions):
        return np.zeros(V, dtype=np.int64), 0, 0
    ids = part.ids(layer)
    offsets = part.doc_offsets
    docs = Q.token_doc(part)[positions]
    lo = offsets[docs]
    hi = offsets[docs + 1]
    rel = np.concatenate([np.arange(-left, 0), np.arange(length, length + right)])
    slots = positions[:, None] + rel[None, :]
    inside = (slots >= lo[:, None]) & (slots < hi[:, None])
    window = Q.sorted_unique(slots[inside])[0]  # a new array, sorted in place
    return (np.bincount(ids[window], minlength=V).astype(np.int64), len(positions),
            len(window))


def _pair_counts_part(part: Any, layer: str, k: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pair keys, counts and window sizes of one shard (no threshold: that needs
    the sums)."""
    return _pair_counts(part, layer, k, 1)


def merge_pair_counts(a: tuple[np.ndarray, np.ndarray, np.ndarray],
                       b: tuple[np.ndarray, np.ndarray, np.ndarray]
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Add two sorted (keys, counts) lists into one sorted list, and the window
    sizes of the types (shards hold whole documents, so windows never span two)."""
    keys = np.concatenate([a[0], b[0]])
    freq = np.concatenate([a[1], b[1]])
    r1 = a[2] + b[2]
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    freq = freq[order]
    if not len(keys):
        return keys, freq, r1
    start = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return keys[start], np.add.reduceat(freq, start), r1


#: The old name of :func:`merge_pair_counts` (``arabcorpus.analyses.topics`` uses it);
#: kept until that module calls the new name.
_merge_pair_counts = merge_pair_counts


#: Pair keys built at a time when counting all pairs (bounds temporary memory).
_PART = 4_000_000


def _pair_counts(corpus: Any, layer: str, k: int, min_freq: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted unique pair keys ``a * V + b`` (``b`` at 1 .. ``k`` tokens right of
    ``a`` in the same document) and their counts, keeping counts >= ``min_freq``;
    and ``R1`` of every type ``a``, the number of positions in its windows.

    Each position is counted once for a type ``a``: where the windows of two
    occurrences of ``a`` overlap (``a`` again less than ``k`` tokens later in the
    same document), a position belongs to the nearer occurrence on its left, so
    the pair ``(a, b)`` is counted at most once per token ``b``, and ``R1(a) = sum
    over the occurrences of min(k, distance to the next a in the same document)``.
    A window at a document's end keeps its ``k`` slots in ``R1`` (Evert's ``k *
    f(u)``; for ``k = 1`` this makes ``R1 = f(a)``, the bigram table of NLTK).

    The pairs are built part by part over ranges of the left type id, from the
    cached position index (positions grouped by type), so only about ``_PART`` keys
    exist at a time; each part is sorted in place and counted, and since the parts
    cover increasing ranges of ``a`` their results concatenate in sorted order.
    """
    ids = corpus.ids(layer)
    index = Q.position_index(corpus, layer)
    V = len(index.counts)
    offsets = np.asarray(corpus.doc_offsets, dtype=np.int64)
    tdoc = Q.token_doc(corpus)
    indptr = index.indptr
    total = int(indptr[-1])
    # type-id cut points giving parts of about _PART // k positions each
    n_parts = max(1, -(-total * k // _PART))
    cuts = np.searchsorted(indptr, np.linspace(0, total, n_parts + 1)[1:-1],
                           side="right") - 1
    bounds = np.unique(np.concatenate([[0], cuts, [V]]))
    # Upper bound of the number of distinct pairs; pages of np.empty are only
    # committed when written, and the arrays are shrunk in place at the end.
    bound = total * k
    uniq = np.empty(bound, dtype=np.int64)
    freq = np.empty(bound, dtype=np.int64)
    r1 = np.zeros(V, dtype=np.int64)
    size = 0
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        p = index.order[indptr[lo]:indptr[hi]].astype(np.int64)
        if not p.size:
            continue
        doc = tdoc[p].astype(np.int64)
        end = offsets[doc + 1]  # first position after the doc
        types = ids[p].astype(np.int64)
        # p is grouped by type, ascending within a type: the next occurrence of the
        # same type in the same document bounds this occurrence's window
        gap = np.full(len(p), k, dtype=np.int64)
        same = (types[1:] == types[:-1]) & (doc[1:] == doc[:-1])
        gap[:-1][same] = np.minimum(k, (p[1:] - p[:-1])[same])
        # the part's types lie in [lo, hi): count into that slice only
        r1[lo:hi] += np.bincount(types - lo, weights=gap,
                                 minlength=hi - lo).astype(np.int64)
        left = types * V
        segs = []
        for d in range(1, k + 1):
            q = p + d
            ok = (q < end) & (gap >= d)
            segs.append(left[ok] + ids[q[ok]])
        del p, end, left, q, ok, doc, types, gap, same
        keys = np.concatenate(segs)
        del segs
        u, f = Q.sorted_unique(keys)
        del keys
        if min_freq > 1:
            sel = f >= min_freq
            u, f = u[sel], f[sel]
        uniq[size:size + len(u)] = u
        freq[size:size + len(u)] = f
        size += len(u)
    uniq.resize(size, refcheck=False)
    freq.resize(size, refcheck=False)
    return uniq, freq, r1


def _window_size_alias(fn: Callable) -> Callable:
    """Accept the old ``window_size=`` (NLTK's window size, the old ``window``) as
    ``window = window_size - 1``, with a DeprecationWarning. An old positional call
    ``collocations(corpus, 2)`` comes here as ``window_size=2`` (it had that meaning)."""

    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        if "window_size" in kwargs:
            if "window" in kwargs:
                raise TypeError(f"{fn.__name__}() got both window_size= (deprecated) "
                                f"and window=")
            size = validate.check_int(kwargs.pop("window_size"), "window_size",
                                      minimum=2)
            deprecation.warn(f"{fn.__name__}(window_size={size}) is deprecated; use "
                             f"window={size - 1} (window counts the tokens to the "
                             f"right of w1: window=1 is adjacent pairs)", stacklevel=4)
            kwargs["window"] = size - 1
        return fn(*args, **kwargs)

    return inner


@keyword_only("corpus", old=("window_size", "measures", "min_freq", "layer", "sort"))
@_window_size_alias
def collocations(corpus: Any, *, window: int = 1,
                 measures: str | tuple[str, ...] | list[str] = DEFAULT_MEASURES,
                 min_freq: int = 3, sort: str | None = M.FIRST_MEASURE,
                 n: int | None = None, layer: str = "norm"):
    """All ordered pairs ``(w1, w2)`` with ``w2`` 1 .. ``window`` tokens to the
    right of ``w1`` in the same document, with association scores.

    Parameters
    ----------
    corpus : Corpus
    window : int, default 1
        How far to the right of ``w1`` ``w2`` may be, in tokens: 1 = adjacent pairs
        (bigrams); 4 = ``w2`` up to 4 tokens to the right (NLTK's ``window_size=5``).
        **Changed meaning**, see Notes.
    measures : str or sequence of str
        Names in :data:`arabcorpus.analyses.measures.ASSOCIATION_MEASURES`.
    min_freq : int, default 3
        Keep pairs co-occurring at least this often (1 keeps every pair seen).
    sort : str or None, default: the first of ``measures``
        The column the rows are sorted by, descending (ties in pair order, NaN last):
        one of ``measures``, ``"frequency"`` or ``"expected"``. None keeps the order
        of the type ids (``type_1``, then ``type_2``).
    n : int, optional
        Return the first ``n`` rows after sorting (None: all).
    layer : str, default "norm"

    Returns
    -------
    pandas.DataFrame
        ``type_1``, ``type_2`` (the types ``w1`` and ``w2``, categoricals of type
        strings: a pair is two types, so the item columns are two), ``form`` (the pair
        as written: the display forms of ``w1`` and ``w2``, see
        :func:`arabcorpus.analyses.forms.display_forms`, joined by a space),
        ``frequency`` (O11: tokens ``w2`` at 1 .. ``window`` tokens right of a ``w1``,
        a token counted once where two windows of ``w1`` overlap), ``expected`` (E11
        = R1 f(w2) / N), ``node_frequency`` (f(w1)), ``collocate_frequency``
        (f(w2)), ``window_tokens`` (R1 of ``w1``: ``window * f(w1)`` less the
        overlaps), then one column per measure. The contingency table is described
        in the module docstring; for ``window=1`` it is NLTK's bigram table.
        ``attrs["params"]`` holds the arguments and ``corpus``.

    Notes
    -----
    **The meaning of** ``window`` **changed in 0.1.** It now counts the tokens to the
    right of ``w1``, as ``window`` does everywhere in arabcorpus: ``window=1`` is
    adjacent pairs. Before, ``window`` was NLTK's ``window_size`` (``window=2`` was
    adjacent pairs): the new ``window=k`` is the old ``window=k + 1``. A call with
    the same number now looks one token further. Old calls that still work, with a
    DeprecationWarning, until 0.2: ``window_size=k + 1`` (read as ``window=k``), a
    positional window ``collocations(corpus, k + 1)`` (read the old way, as
    ``window=k``), ``sort=True``/``False``. Renamed columns: ``w1`` -> ``type_1``,
    ``w2`` -> ``type_2``.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "البنك المركزي"],
    ...                  progress=False)
    >>> df = collocations(c, window=1, measures="mi", min_freq=2)
    >>> df[["type_1", "type_2", "form", "frequency", "mi"]].round(4)
      type_1   type_2           form  frequency     mi
    0  البنك  المركزي  البنك المركزي          2  1.585
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    measures = _measures(measures)
    k = validate.check_int(window, "window", minimum=1)
    min_freq = validate.check_int(min_freq, "min_freq", minimum=0)
    sort = M.check_sort(sort, measures, tuple(_SORT_COLUMNS), function="collocations")
    n = validate.check_int(n, "n", minimum=0) if n is not None else None
    params = {"function": "collocations", "window": k, "measures": measures,
              "min_freq": min_freq, "sort": sort, "n": n, "layer": layer,
              "corpus": Q.describe(corpus), "span_size": k,
              "expected": "E11 = R1 * f(w2) / N, R1 = token positions in the windows "
                          "of w1 (Evert 2008, surface co-occurrence)"}
    counts = Q.type_counts(corpus, layer)
    if corpus.n_parts > 1:  # count each part, add, then apply min_freq
        keys, freq, r1 = Q.over_parts(corpus, _pair_counts_part, (layer, k),
                                      combine=merge_pair_counts) if corpus.n_parts \
            else (np.zeros(0, np.int64), np.zeros(0, np.int64),
                  np.zeros(len(counts), np.int64))
        if min_freq > 1:
            sel = freq >= min_freq
            keys, freq = keys[sel], freq[sel]
        pairs = [keys, freq, r1]
        del keys, freq, r1
    else:
        pairs = list(_pair_counts(corpus, layer, k, min_freq))
    # popped straight into the call, so that _frame holds the only references and
    # can free the keys and counts as soon as it has used them
    df = _frame(corpus, layer, pairs.pop(0), pairs.pop(0), counts, pairs.pop(0),
                float(corpus.n_tokens), measures, sort, params, node_col=True, top=n)
    if not len(df):
        df["type_1"] = pd.Categorical([])
        df["type_2"] = pd.Categorical([])
    return df
