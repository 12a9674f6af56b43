"""Keyword in context (KWIC) concordances that show the original text.

Matching runs on an integer layer (``norm`` by default), through a position index
built once per ``(corpus, layer)`` (see :mod:`arabcorpus.analyses.query`); the lines show the
**original** text of each document, cut at the character spans of the tokens, so
diacritics, spelling and punctuation appear as published.

Queries
-------
``query`` may be:

- a word: ``"السعودية"``. It is normalized with the corpus's normalizer for the
  ``norm`` layer (so ``"أيضاً"`` finds ``ايضا``), taken as is for ``surface``, and
  normalized then stemmed for ``stem``;
- a list (or set) of words: any of them, ``["البنك", "المصرف"]``;
- a regular expression: a compiled :class:`re.Pattern`, or a ``str`` with
  ``regex=True``. It must match a whole type string of the layer (``fullmatch``),
  and is **not** normalized: write it against the layer's normalized forms;
- a phrase: a ``str`` with spaces (``"البنك المركزي"``, each word one token) or a
  ``tuple`` whose items are any of the forms above
  (``("البنك", re.compile("المركزي|الدولي"))``). A phrase never crosses a document
  boundary.

Examples
--------
>>> from arabcorpus.corpus.memory import Corpus
>>> c = Corpus.build(["قال الوزيرُ إنّ البنكَ المركزيَّ رفع الفائدة.",
...                   "وأكّد البنك المركزي أيضاً ذلك."], progress=False)
>>> conc = kwic(c, "البنك المركزي", window=2)
>>> len(conc)
2
>>> conc.to_frame()[["left", "node", "right"]]
           left           node         right
0    الوزيرُ إنّ   البنكَ المركزيَّ  رفع الفائدة
1         وأكّد   البنك المركزي      أيضاً ذلك
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from arabcorpus.analyses import query as Q
from arabcorpus.text.bidi import close_bidi, isolate_html
from arabcorpus.util import validate as V
from arabcorpus.util.deprecation import keyword_only, renamed

__all__ = ["kwic", "Concordance", "KWIC_COLUMNS"]

#: Columns of :meth:`Concordance.to_frame` besides the metadata columns.
KWIC_COLUMNS = ("doc", "id", "left", "node", "right", "position", "start", "end")

_SORT_KEY = re.compile(r"^(?:([LR])([1-9][0-9]*)|node)$")

# arabcorpus.app.report still imports these two names from here
_bidi_closed = close_bidi
_isolated = isolate_html


class Concordance:
    """The lines of a KWIC query.

    Built by :func:`kwic`; not meant to be constructed directly. Holds the matches as
    arrays (token position of the node's first token, its length in tokens, the
    document) and the context strings cut from the original texts.

    Attributes
    ----------
    positions : numpy.ndarray
        Corpus token position of each line's first node token (int64).
    docs : numpy.ndarray
        Document index of each line.
    left, node, right : list of str
        Original text before, of and after the node.
    window : int or (int, int)
        Tokens of context on each side, or the ``(left, right)`` pair.
    params : dict
        How the concordance was made (also in ``to_frame().attrs["params"]``).
    """

    def __init__(self, corpus: Any, positions: np.ndarray, length: int,
                 window: int | tuple[int, int], params: dict) -> None:
        self._corpus = corpus
        self.positions = positions
        self.length = length
        self.window = window
        self.params = params
        n = len(positions)
        self.docs = Q.doc_of(corpus, positions) if n else np.zeros(0, np.int64)
        offsets = corpus.doc_offsets
        end_tok = positions + (length - 1)
        left_n, right_n = (window, window) if isinstance(window, int) else window
        first = np.maximum(positions - left_n, offsets[self.docs])
        last = np.minimum(end_tok + right_n, offsets[self.docs + 1] - 1)
        if n:  # one gather of the four span ends (shard by shard if sharded)
            ends = Q.gather(corpus, "spans", np.stack([positions, end_tok, first, last]))
            node_start, node_end = ends[0, :, 0], ends[1, :, 1]
            left_start, right_end = ends[2, :, 0], ends[3, :, 1]
        else:
            node_start = node_end = left_start = right_end = np.zeros(0, np.int32)
        self.start = node_start.astype(np.int64)
        self.end = node_end.astype(np.int64)
        texts = getattr(corpus, "texts", None)
        get = texts.__getitem__ if texts is not None else corpus.text
        # each document's text is fetched (decoded) once per call, then every line
        # is three slices of it, cut at spans computed above with NumPy
        docs = self.docs.tolist()
        text_of = {d: get(d) for d in dict.fromkeys(docs)}
        line_text = [text_of[d] for d in docs]
        del text_of
        ls, ns = left_start.tolist(), node_start.tolist()
        ne, re_ = node_end.tolist(), right_end.tolist()
        left = [t[a:b] for t, a, b in zip(line_text, ls, ns)]
        node = [t[a:b] for t, a, b in zip(line_text, ns, ne)]
        right = [t[a:b] for t, a, b in zip(line_text, ne, re_)]
        self.left, self.node, self.right = left, node, right

    def __len__(self) -> int:
        return len(self.positions)

    def __repr__(self) -> str:
        return (f"<Concordance: {len(self)} lines of {self.params.get('query')!r} "
                f"(layer {self.params.get('layer')!r}, window {self.window})>")

    def _subset(self, idx: np.ndarray) -> "Concordance":
        new = object.__new__(Concordance)
        new._corpus = self._corpus
        new.length, new.window = self.length, self.window
        new.params = dict(self.params)
        for name in ("positions", "docs", "start", "end"):
            setattr(new, name, getattr(self, name)[idx])
        lst = idx.tolist()
        new.left = [self.left[i] for i in lst]
        new.node = [self.node[i] for i in lst]
        new.right = [self.right[i] for i in lst]
        return new

    @keyword_only("self", "n", old=("seed",))
    def sample(self, n: int, *, seed: int | None = 0) -> "Concordance":
        """``n`` lines drawn at random without replacement (all if fewer), kept in
        their current order; reproducible with ``seed``.

        Examples
        --------
        >>> from arabcorpus.corpus.memory import Corpus
        >>> c = Corpus.build(["خبر أول", "خبر ثان", "خبر ثالث"], progress=False)
        >>> len(kwic(c, "خبر").sample(2, seed=1))
        2
        """
        n = V.check_int(n, "n", minimum=0)
        if seed is not None:
            seed = V.check_int(seed, "seed", minimum=0)
        rng = np.random.default_rng(seed)
        k = min(n, len(self))
        idx = np.sort(rng.choice(len(self), size=k, replace=False))
        out = self._subset(idx)
        out.params["sample"] = {"n": n, "seed": seed}
        return out

    def to_frame(self):
        """The lines as a DataFrame: ``doc`` (index), ``id`` and the other metadata
        columns, ``left``, ``node``, ``right`` (original text), ``position`` (corpus
        token position of the node), ``start``/``end`` (character span of the node in
        the document's text). ``attrs["params"]`` records the query.
        """
        import pandas as pd

        md = self._corpus.metadata
        data = {"doc": self.docs}
        for col in md.columns:
            values = md[col]
            if isinstance(values.dtype, pd.StringDtype):
                # take on the column's own array: no object round trip and no
                # re-inference of the string dtype, row by row
                data[col] = values.array.take(self.docs)
            else:
                data[col] = values.to_numpy()[self.docs]
        data["left"] = np.array(self.left, dtype=object)
        data["node"] = np.array(self.node, dtype=object)
        data["right"] = np.array(self.right, dtype=object)
        data["position"] = self.positions
        data["start"] = self.start
        data["end"] = self.end
        df = pd.DataFrame(data, copy=False)
        df.attrs["params"] = dict(self.params)
        return df

    def _repr_html_(self, max_lines: int = 200, width: int = 80) -> str:
        """Right-to-left HTML table: preceding text | node | following text, read
        from the right, with the nodes aligned in one highlighted column.

        Every cell's text is escaped and isolated
        (:func:`arabcorpus.text.bidi.isolate_html`): set in ``<bdi>``, with the
        embeddings, overrides and isolates it leaves open (an RLO, U+202E, from the
        original text, or one cut from its PDF by the window) closed at its end, so
        a cell cannot reorder the rest of its row.
        """
        iso = isolate_html
        rows = []
        for left, node, right in zip(self.left[:max_lines], self.node[:max_lines],
                                     self.right[:max_lines]):
            left = " ".join(left.split())
            right = " ".join(right.split())
            if len(left) > width:
                left = "…" + left[-width:]
            if len(right) > width:
                right = right[:width] + "…"
            rows.append(
                "<tr>"
                f'<td style="text-align:left;white-space:nowrap">{iso(left)}</td>'
                f'<td style="text-align:center;white-space:nowrap;font-weight:bold;'
                f'background:#fff3b0">{iso(node)}</td>'
                f'<td style="text-align:right;white-space:nowrap">{iso(right)}</td>'
                "</tr>")
        shown = min(max_lines, len(self))
        caption = (f"{iso(Q.query_label(self.params.get('query')))}: {len(self)} "
                   f"lines" + (f", first {shown} shown" if shown < len(self) else ""))
        return ('<table dir="rtl" class="arabcorpus-kwic" style="direction:rtl">'
                f"<caption>{caption}</caption><tbody>" + "".join(rows)
                + "</tbody></table>")


def _sort_keys(sort: Any, window: tuple[int, int]) -> list[str]:
    keys = [sort] if isinstance(sort, str) else sort
    if not isinstance(keys, (list, tuple)):
        raise TypeError(f"sort must be a str or a list of str, got "
                        f"{type(sort).__name__}")
    for k in keys:
        V.check_str(k, "sort key")
        if not _SORT_KEY.match(k):
            valid = ", ".join([f"L{i}" for i in range(window[0], 0, -1)] + ["node"]
                              + [f"R{i}" for i in range(1, window[1] + 1)])
            raise ValueError(f"unknown sort key {k!r}; valid: {valid} (any Ln/Rn)")
    return list(keys)


@renamed(limit="n")
@keyword_only("corpus", "query", old=("layer", "window", "sort", "n", "regex"))
def kwic(corpus: Any, query: Any, *, layer: str = "norm",
         window: int | tuple[int, int] = 5, sort: str | list[str] | None = None,
         n: int | None = None, regex: bool = False) -> Concordance:
    """Concordance of a word, list of words, regular expression or phrase.

    Parameters
    ----------
    corpus : Corpus
    query : str, re.Pattern, list or tuple
        See the module docstring: a word, a list of alternatives, a pattern, or a
        phrase (a ``str`` with spaces, or a tuple of any of these).
    layer : str, default "norm"
        Layer to match on.
    window : int or (int, int), default 5
        Tokens of context on each side (within the document), or a ``(left,
        right)`` pair. The context shown is the original text from the start of the
        window's first token to the node, and from the node to the end of the
        window's last token (punctuation included).
    sort : str or list of str, optional
        Sort the lines by the type (alphabetically, on ``layer``) of the token at
        ``L1``..``Ln`` (left of the node) or ``R1``..``Rn`` (right) or ``node``,
        e.g. ``"R1"`` or ``["L1", "R1"]`` (first key first). Positions outside the
        document sort first. Default: corpus order.
    n : int, optional
        Keep only the first ``n`` lines (after sorting); None: all. (Was ``limit``.)
    regex : bool, default False
        Treat each space-separated word of a ``str`` query as a regular expression.

    Returns
    -------
    Concordance
        Empty (with the right columns in :meth:`~Concordance.to_frame`) if nothing
        matches. Its ``params`` (and ``to_frame().attrs["params"]``) record the call
        and the corpus.

    Raises
    ------
    TypeError
        For an argument of the wrong type.
    ValueError
        For an unknown layer, a bad sort key or a bad regular expression.

    Examples
    --------
    >>> import re
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["قال أيضاً إنه سيزور الرياض", "وقال ايضا: الجو حار"],
    ...                  progress=False)
    >>> kwic(c, "أيضاً").node
    ['أيضاً', 'ايضا']
    >>> kwic(c, re.compile("و?قال"), window=1, sort="R1").right
    [' أيضاً', ' ايضا']
    >>> kwic(c, "أيضاً", window=(1, 0), n=1).left
    ['قال ']
    >>> len(kwic(c, "غير_موجود"))
    0
    """
    layer = Q.check_layer(corpus, layer)
    window = V.check_window(window)
    if n is not None:
        n = V.check_int(n, "n", minimum=0)
    regex = V.check_bool(regex, "regex")
    keys = _sort_keys(sort, window) if sort is not None else []
    positions, length = Q.find(corpus, layer, query, regex=regex)
    if keys and len(positions) > 1:
        ranks = Q.vocab_ranks(corpus, layer)
        offsets = corpus.doc_offsets
        docs = Q.doc_of(corpus, positions)
        lo, hi = offsets[docs], offsets[docs + 1]
        cols = []
        for k in keys:
            if k == "node":
                tok = positions
            elif k[0] == "L":
                tok = positions - int(k[1:])
            else:
                tok = positions + length - 1 + int(k[1:])
            inside = (tok >= lo) & (tok < hi)
            r = np.full(len(positions), -1, dtype=np.int64)
            r[inside] = ranks[Q.gather(corpus, "ids", tok[inside], layer)]
            cols.append(r)
        order = np.lexsort(cols[::-1])
        positions = positions[order]
    if n is not None:
        positions = positions[:n]
    params = {"function": "kwic", "query": query, "layer": layer,
              "window": window[0] if window[0] == window[1] else window,
              "sort": sort, "n": n, "regex": regex, "corpus": Q.describe(corpus)}
    return Concordance(corpus, positions, length, params["window"], params)
