"""Topic coherence c_npmi counted on integer token arrays, equal to gensim's.

:func:`npmi_coherence` gives, for each topic, the mean normalized pointwise mutual
information (Bouma 2009; Aletras & Stevenson 2013) of every ordered pair of its top
words, estimated from boolean sliding windows: what gensim's
``CoherenceModel(coherence="c_npmi")`` computes (Röder, Both & Hinneburg 2015,
segmentation ``s_one_one``, probabilities ``p_boolean_sliding_window``, confirmation
``log_ratio_measure(normalize=True)``, ``EPSILON = 1e-12``), but from the corpus's
integer arrays instead of lists of strings, and with NumPy instead of a Python loop
over every window. ``tests/test_coherence.py`` checks it against gensim to 1e-6.

What gensim counts, exactly (gensim 4.4 ``topic_coherence/text_analysis.py``):

- Every document of ``L`` tokens gives ``max(L - window_size + 1, 1)`` windows (a
  document shorter than the window is one window, an empty one counts but holds no
  word); the window count is the number of "virtual documents" ``N``.
- Within a document gensim does not recompute each window's set of words: it keeps a
  boolean per word, sets it for the whole first window, and at each step *clears* the
  word that left the window and then sets the word that entered. A word that leaves
  while another copy of it is still inside the window is therefore marked absent until
  a later copy enters. :func:`_marked_intervals` reproduces this: at window ``t`` a
  word is marked iff its latest event up to ``t`` is a set (a set at ``max(0, p -
  window_size + 1)`` for each occurrence ``p``, a clear at ``p + 1``; at the same
  window the clear comes first).
- ``count(w)`` is the number of windows where ``w`` is marked, ``count(w1, w2)`` the
  number where both are; tokens that are not top words only take up room.
- ``npmi(w1, w2) = log((count(w1, w2)/N + eps) / (count(w1)/N * count(w2)/N)) /
  -log(count(w1, w2)/N + eps)``; a topic's coherence is the arithmetic mean over its
  ordered pairs (``w1 != w2``, in gensim's order).

The marked windows of each top word are a few sorted intervals; the co-occurrence of
two words is the overlap of their intervals, read from cumulative lengths with
``np.searchsorted``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from arabcorpus.util.validate import check_int

__all__ = ["npmi_coherence", "EPSILON"]

#: gensim's ``direct_confirmation_measure.EPSILON``.
EPSILON: float = 1e-12


def _n_windows(offsets: np.ndarray, window_size: int) -> np.ndarray:
    """Windows of each document: ``max(length - window_size + 1, 1)``."""
    lengths = np.diff(offsets)
    return np.maximum(lengths - window_size + 1, 1)


def _marked_intervals(tokens: np.ndarray, offsets: np.ndarray, relevant: np.ndarray,
                      window_size: int):
    """The windows where each relevant word is marked, as disjoint intervals.

    Parameters
    ----------
    tokens : ndarray of int
        Type ids of every token, documents one after the other.
    offsets : ndarray of int
        Document boundaries into ``tokens`` (CSR, ``len = n_docs + 1``).
    relevant : ndarray of int
        Contiguous index of each type id (``-1`` for a type that is not a top word).
    window_size : int

    Returns
    -------
    word, start, end : ndarray
        For each interval the contiguous index of its word and its global window range
        ``[start, end)``, sorted by word then start.
    n_windows : int
        ``N``, the number of windows of the whole corpus.
    """
    wins = _n_windows(offsets, window_size)
    win_start = np.concatenate(([0], np.cumsum(wins))).astype(np.int64)
    n_windows = int(win_start[-1])
    pos = np.flatnonzero(relevant[tokens] >= 0)
    word = relevant[tokens[pos]].astype(np.int64)
    doc = np.searchsorted(offsets, pos, side="right") - 1
    local = pos - offsets[doc]
    set_time = np.maximum(local - window_size + 1, 0)
    clear_time = local + 1
    has_clear = clear_time <= wins[doc] - 1   # a clear after the last window never happens
    # events: (word, global window, kind) with kind 0 = clear, 1 = set (clear first)
    ev_word = np.concatenate((word, word[has_clear]))
    ev_doc = np.concatenate((doc, doc[has_clear]))
    ev_time = np.concatenate((win_start[doc] + set_time,
                              win_start[doc[has_clear]] + clear_time[has_clear]))
    ev_kind = np.concatenate((np.ones(len(word), np.int64),
                              np.zeros(int(has_clear.sum()), np.int64)))
    key = (ev_word * (n_windows + 1) + ev_time) * 2 + ev_kind
    order = np.argsort(key, kind="stable")
    ev_word, ev_doc, ev_time, ev_kind = (ev_word[order], ev_doc[order], ev_time[order],
                                         ev_kind[order])
    # the state an event leaves holds until the word's next event or the document's end
    doc_end = win_start[ev_doc + 1]
    end = doc_end.copy()
    same = ev_word[1:] == ev_word[:-1]
    end[:-1][same] = np.minimum(ev_time[1:][same], doc_end[:-1][same])
    on = (ev_kind == 1) & (end > ev_time)
    return ev_word[on], ev_time[on], end[on], n_windows


def _overlap(starts_a: np.ndarray, ends_a: np.ndarray, cum_a: np.ndarray,
             starts_b: np.ndarray, ends_b: np.ndarray) -> int:
    """Windows in both interval sets (each disjoint and sorted)."""

    def covered(t: np.ndarray) -> np.ndarray:  # |A ∩ [0, t)|
        i = np.searchsorted(starts_a, t, side="left")
        last = np.maximum(i - 1, 0)
        past = np.where(i > 0, np.maximum(ends_a[last] - t, 0), 0)
        return cum_a[i] - past

    return int((covered(ends_b) - covered(starts_b)).sum())


def npmi_coherence(tokens: np.ndarray, offsets: np.ndarray,
                   topics: Sequence[Sequence[int]], *, window_size: int = 10) -> np.ndarray:
    """c_npmi of each topic, as gensim's ``CoherenceModel(coherence="c_npmi")``.

    Parameters
    ----------
    tokens : ndarray of int
        Type ids of the tokens the coherence is estimated on, documents one after the
        other (gensim's ``texts``, as ids).
    offsets : ndarray of int
        Document boundaries into ``tokens``: document ``i`` is
        ``tokens[offsets[i]:offsets[i + 1]]``.
    topics : sequence of sequences of int
        Top words of each topic, as type ids, most probable first.
    window_size : int, default 10
        Tokens per sliding window (gensim's default for c_npmi).

    Returns
    -------
    ndarray of float
        One coherence per topic, from -1 to 1 (NaN or inf where gensim gives them: a
        top word absent from ``tokens``).

    Examples
    --------
    >>> import numpy as np
    >>> tokens = np.array([0, 1, 2, 0, 1, 3, 2, 3])
    >>> offsets = np.array([0, 3, 8])
    >>> npmi_coherence(tokens, offsets, [[0, 1], [2, 3]], window_size=2).round(3).tolist()
    [0.369, 0.262]
    """
    tokens = np.asarray(tokens, dtype=np.int64)
    offsets = np.asarray(offsets, dtype=np.int64)
    check_int(window_size, "window_size", minimum=1)
    topics = [np.asarray(t, dtype=np.int64) for t in topics]
    top_ids = np.unique(np.concatenate(topics)) if topics else np.zeros(0, np.int64)
    n_types = int(max(tokens.max(initial=-1), top_ids.max(initial=-1))) + 1
    relevant = np.full(n_types, -1, dtype=np.int64)
    relevant[top_ids] = np.arange(len(top_ids))
    word, start, end, n_windows = _marked_intervals(tokens, offsets, relevant, window_size)
    bounds = np.searchsorted(word, np.arange(len(top_ids) + 1))
    lengths = end - start
    occurrences = np.bincount(word, weights=lengths, minlength=len(top_ids)).astype(np.int64)

    def intervals(c: int):
        a, b = bounds[c], bounds[c + 1]
        return start[a:b], end[a:b], np.concatenate(([0], np.cumsum(lengths[a:b])))

    pair_counts: dict[tuple[int, int], int] = {}
    scores = []
    n = float(n_windows)
    for topic in topics:
        idx = relevant[topic]
        sims = []
        for i, a in enumerate(idx.tolist()):
            for j, b in enumerate(idx.tolist()):
                if i == j:
                    continue
                key = (min(a, b), max(a, b))
                if key not in pair_counts:
                    sa, ea, ca = intervals(key[0])
                    sb, eb, _ = intervals(key[1])
                    pair_counts[key] = _overlap(sa, ea, ca, sb, eb)
                sims.append(_npmi(pair_counts[key], int(occurrences[a]),
                                  int(occurrences[b]), n))
        scores.append(np.mean(sims))
    return np.asarray(scores, dtype=float)


def _npmi(co: int, c1: int, c2: int, n: float) -> float:
    """gensim's normalized log ratio, operation for operation (same rounding)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        numerator = np.log((np.float64(co) / n + EPSILON)
                           / ((np.float64(c1) / n) * (np.float64(c2) / n)))
        return numerator / (-np.log(np.float64(co) / n + EPSILON))
