"""Figures of word lists and co-occurrence: frequencies, Zipf, dispersion, collocates,
collocation networks, keyness.

Every function takes the result of an analysis first (a DataFrame from
:func:`arabcorpus.analyses.frequency.frequency`,
:func:`~arabcorpus.analyses.collocations.collocates`,
:func:`~arabcorpus.analyses.keyness.keyness`,
:func:`~arabcorpus.analyses.dispersion.dispersion_positions`...), everything else by
keyword; it draws into the ``ax`` it is given (or a new figure)
and returns the :class:`~matplotlib.axes.Axes`. Styling: ``n``, ``ax``, ``color``,
``fontsize``, ``font``, ``title``, ``label="form"|"type"``; any other keyword goes to
the underlying matplotlib call (``barh``, ``vlines``, ``plot``...). An empty result,
or a word that does not occur, gives an empty but labelled figure and a
:class:`UserWarning`, never an exception.

Words are labelled as they are written: with the ``form`` column of a result (the
most frequent written form of each type), or with the types (the ``type`` column)
given ``label="type"`` or when the table has no ``form`` column.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> table = pd.DataFrame({"type": ["ارتفع", "النفط", "والنفط"],
...                       "form": ["ارتفع", "النفط", "والنفط"], "frequency": [2, 1, 1]})
>>> ax = frequencies(table, n=3)
>>> [t.get_text() == arabic_text(w) for t, w in
...  zip(ax.get_yticklabels(), ["ارتفع", "النفط", "والنفط"])]
[True, True, True]
"""

from __future__ import annotations

import warnings
from typing import Any, Mapping

import numpy as np

from arabcorpus.plot._common import (_MEASURE_ALIASES, _barh, _caller_level, _check_label,
                                     _column, _decorate, _empty, _frame, _grouped_labels, _label_column, _new_ax,
                                     _pair_columns, _params, _pick_measure, _query_label,
                                     _require, _texts, _types)
from arabcorpus.plot.fonts import _family
from arabcorpus.plot.shaping import arabic_text
from arabcorpus.util.deprecation import keyword_only, renamed
from arabcorpus.util.deprecation import warn as _deprecated
from arabcorpus.util.validate import check_bool, check_int, check_number, check_str

__all__ = ["frequencies", "zipf", "dispersion", "collocates", "network", "keyness"]


def _freq_label(column: str, columns) -> str:
    """The axis label of a frequency statistic. ``range`` is a count of documents,
    ``range_pct`` their percentage (a table of an earlier version has
    ``doc_frequency`` for the count and ``range`` for the percentage)."""
    old_range = "doc_frequency" in columns and "range_pct" not in columns
    return {"frequency": "frequency", "per_million": "frequency per million tokens",
            "doc_frequency": "documents",
            "range": "range (% of documents)" if old_range else "range (documents)",
            "range_pct": "range (% of documents)", "dp": "DP (Gries 2008)"}.get(column,
                                                                               column)


# --------------------------------------------------------------------------- frequency
@renamed(group="by")
@keyword_only("result", old=("n", "column", "by", "ax", "color", "title", "font",
                             "fontsize"))
def frequencies(result: Any, *, n: int = 20, column: str = "frequency",
                by: str | None = None, ax: Any = None, color: Any = "#3b6ea5",
                title: str | None = None, font: str | None = None,
                fontsize: float | None = None, label: str = "form", **kwargs: Any):
    """Horizontal bars of the ``n`` most frequent words, the most frequent on top.

    Parameters
    ----------
    result : pandas.DataFrame
        From :func:`arabcorpus.analyses.frequency.frequency` (with or without ``by``) or
        :func:`~arabcorpus.analyses.frequency.ngrams`.
    n : int, default 20
    column : str, default "frequency"
        The statistic to draw (``per_million``, ``range``, ``range_pct``...); rows
        are ordered by it, descending.
    by : str, optional
        For a result computed with ``by``: the group to draw (default ``"all"``).
        (Old name: ``group``.)
    ax : matplotlib.axes.Axes, optional
    color, title, font, fontsize
        Bar colour, title (default "Most frequent words"), font family for the
        labels, size of the word labels.
    label : {"form", "type"}
        Label the bars with the words as written (the ``form`` column, default) or
        with the counted types (``type``). A table without a ``form`` column is
        labelled with its types.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.analyses.frequency import frequency
    >>> c = Corpus.build(["قال الوزير إن الوزير قال", "قال المتحدث"], progress=False)
    >>> ax = frequencies(frequency(c), n=2, color="tab:green")
    >>> [t.get_text() for t in ax.get_yticklabels()] == [arabic_text("قال"),
    ...                                                  arabic_text("الوزير")]
    True
    >>> [float(p.get_width()) for p in ax.patches]
    [3.0, 2.0]
    """
    import pandas as pd

    df = _frame(result)
    n = check_int(n, "n", minimum=1)
    check_str(column, "column")
    label = _check_label(label)
    family = _family(font)
    ax = _new_ax(ax, (6, 0.28 * min(n, max(len(df), 1)) + 1.2))
    if isinstance(df.columns, pd.MultiIndex):
        groups = [g for g in dict.fromkeys(df.columns.get_level_values(0)) if g != "form"]
        by = "all" if by is None else by
        if by not in groups:
            raise ValueError(f"unknown group {by!r}; valid: {', '.join(map(str, groups))}")
        labels = _grouped_labels(df, label)
        df = df[by]
    else:
        if by is not None:
            raise ValueError("by= needs a frequency result computed with by=")
        labels = _label_column(df, label)
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    if column not in numeric:
        raise ValueError(f"unknown column {column!r}; valid: {', '.join(map(str, numeric))}")
    values = df[column].to_numpy(dtype=float)
    keep = np.flatnonzero(np.isfinite(values) & (values > 0))
    if title is None:
        title = "Most frequent words" + (f" ({by})" if by not in (None, "all") else "")
    if not len(keep):
        return _empty(ax, family, title, "no words to show: the frequency list is empty")
    order = keep[np.argsort(-values[keep], kind="stable")][:n]
    _barh(ax, labels[order], values[order], family, color, fontsize, **kwargs)
    _decorate(ax, family, title, _freq_label(column, df.columns))
    return ax


@keyword_only("result", old=("min_freq", "annotate", "ax", "color", "fit", "title",
                             "font"))
def zipf(result: Any, *, min_freq: int = 5, annotate: int = 5, ax: Any = None,
         color: Any = "#3b6ea5", fit: bool = True, title: str | None = None,
         font: str | None = None, fontsize: float = 9, label: str = "form",
         **kwargs: Any):
    """Rank against frequency on log-log axes, with the least-squares Zipf line.

    The line is fitted as in :func:`arabcorpus.analyses.frequency.lexical_stats`:
    ``log10(f) = c - s log10(r)`` over ranks 1 .. R, R the number of types with
    frequency >= ``min_freq``; the legend gives ``s`` and R².

    Parameters
    ----------
    result : pandas.DataFrame, pandas.Series or array-like
        A frequency list (:func:`~arabcorpus.analyses.frequency.frequency`; for a result with
        ``by``, the ``"all"`` block), or the frequencies themselves.
    min_freq : int, default 5
    annotate : int, default 5
        Label the first ``annotate`` ranks with their words (0: none).
    ax, color, fit, title, font
    fontsize : float, default 9
        Size of the word annotations.
    label : {"form", "type"}
        Annotate with the words as written (the ``form`` column, default) or with
        the types.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.loglog` for the points.

    Returns
    -------
    matplotlib.axes.Axes
        The fitted line is the artist labelled ``"fit"`` (its ``gid``); its slope is
        also in ``ax.get_legend()``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = zipf([120, 60, 40, 30, 24], min_freq=1, annotate=0)  # f = 120 / rank
    >>> ax.get_legend().get_texts()[1].get_text()
    'fit over 5 ranks (f ≥ 1): s = 1.000, R² = 1.000'
    """
    import pandas as pd

    min_freq = check_int(min_freq, "min_freq", minimum=1)
    annotate = check_int(annotate, "annotate", minimum=0)
    fit = check_bool(fit, "fit")
    label = _check_label(label)
    words = None
    if isinstance(result, pd.DataFrame):
        df = result["all"] if isinstance(result.columns, pd.MultiIndex) else result
        _require(df, ["frequency"], "zipf")
        freqs = df["frequency"].to_numpy(dtype=float)
        words = (_grouped_labels(result, label) if isinstance(result.columns, pd.MultiIndex)
                 else _label_column(df, label))
    elif isinstance(result, pd.Series):
        freqs = result.to_numpy(dtype=float)
        words = result.index.astype(str).to_numpy()
    else:
        freqs = np.asarray(result, dtype=float).ravel()
    family = _family(font)
    ax = _new_ax(ax, (6, 4.5))
    title = "Rank and frequency (Zipf)" if title is None else title
    keep = np.flatnonzero(freqs > 0)
    if not len(keep):
        return _empty(ax, family, title, "no frequencies to show: the list is empty")
    order = keep[np.argsort(-freqs[keep], kind="stable")]
    f = freqs[order]
    r = np.arange(1, len(f) + 1, dtype=float)
    kwargs.setdefault("marker", ".")
    kwargs.setdefault("linestyle", "none")
    kwargs.setdefault("markersize", 4)
    ax.loglog(r, f, color=color, label="types", **kwargs)
    fitted = f[f >= min_freq]
    if fit and len(fitted) >= 2:
        x = np.log10(r[: len(fitted)])
        y = np.log10(fitted)
        slope, intercept = np.polyfit(x, y, 1)
        resid = y - (slope * x + intercept)
        ss_tot = ((y - y.mean()) ** 2).sum()
        r2 = 1.0 - (resid ** 2).sum() / ss_tot if ss_tot > 0 else float("nan")
        ends = np.array([1.0, float(len(fitted))])
        ax.loglog(ends, 10 ** intercept * ends ** slope, color="#c0392b", linewidth=1.5,
                  gid="fit", label=f"fit over {len(fitted)} ranks (f ≥ {min_freq}): "
                                   f"s = {-slope:.3f}, R² = {r2:.3f}")
    elif fit:
        warnings.warn(f"fewer than two types with frequency >= {min_freq}: no Zipf line",
                      UserWarning, stacklevel=_caller_level())
    if words is not None:
        for i in range(min(annotate, len(f))):
            ax.annotate(arabic_text(words[order[i]], family[0]), (r[i], f[i]), xytext=(6, 2),
                        textcoords="offset points", fontfamily=family, fontsize=fontsize)
    ax.legend(frameon=False, prop={"family": family})
    ax.grid(which="major", color="0.9", linewidth=0.8)
    _decorate(ax, family, title, "rank", "frequency")
    return ax


# --------------------------------------------------------------------------- dispersion
def _query_rows(query: Any) -> list[str]:
    """The row labels of a query as :func:`dispersion_positions` labels its matches:
    one row per element of a list, else one row."""
    return [_query_label(q) for q in (query if isinstance(query, list) else [query])]


@renamed(terms="query")
@keyword_only("positions", old=("query", "ax", "color", "title", "font", "linelength",
                                "counts"))
def dispersion(positions: Any, *, query: Any = None, ax: Any = None,
               color: Any = "#1f3b57", title: str | None = None, font: str | None = None,
               fontsize: float | None = None, linelength: float = 0.8,
               counts: bool = True, label: str = "form", **kwargs: Any):
    """Dispersion plot: one row per queried word, a tick at each occurrence (as AntConc).

    Parameters
    ----------
    positions : pandas.DataFrame
        From :func:`arabcorpus.analyses.dispersion.dispersion_positions` (its ``type``
        and ``relative_position`` columns are used).
    query : str or list, optional
        The words, in row order from the top, as given to ``dispersion_positions``
        (so that a word that does not occur still gets its empty row, with a
        warning). Default: the result's ``attrs["params"]["query"]``, else the words
        found, in order. (Old name: ``terms``.)
    ax, color, title, font
    fontsize : float, optional
        Size of the row labels.
    linelength : float, default 0.8
        Height of a tick, in rows.
    counts : bool, default True
        Write each word's number of hits at the right.
    label : {"form", "type"}
        Label the rows with the words as written in the corpus (the ``form``
        column, default; a word that does not occur keeps its label) or as queried
        (``type``).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.vlines`.

    Returns
    -------
    matplotlib.axes.Axes
        x is the position in the corpus as a percentage of its tokens.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> positions = pd.DataFrame({"type": ["النفط", "النفط", "الذهب"],
    ...                           "form": ["النفط", "النفط", "الذهب"],
    ...                           "relative_position": [0.1, 0.8, 0.5]})
    >>> ax = dispersion(positions, query=["النفط", "الذهب"])
    >>> len(ax.collections[0].get_segments())  # three occurrences, three ticks
    3
    """
    df = _frame(positions, "positions")
    item = _column(df, "type", ("term",))
    _require(df, [item or "type", "relative_position"], "dispersion")
    label = _check_label(label)
    linelength = check_number(linelength, "linelength", minimum=0)
    counts = check_bool(counts, "counts")
    found = list(dict.fromkeys(df[item].astype(str)))
    if query is not None:
        labels = _query_rows(query)
    else:
        labels = found
        asked = _params(df).get("query")
        if asked is not None:  # the query's order, if it names every row found
            rows = _query_rows(asked)
            if set(found) <= set(rows):
                labels = rows
    family = _family(font)
    ax = _new_ax(ax, (8, 0.45 * max(len(labels), 1) + 1.2))
    title = "Dispersion" if title is None else title
    if not labels:
        return _empty(ax, family, title, "no words to show: the positions table is empty")
    term_col = df[item].astype(str).to_numpy()
    rel = df["relative_position"].to_numpy(dtype=float) * 100.0
    xs, lows, highs, hits = [], [], [], []
    for i, term in enumerate(labels):
        x = rel[term_col == term]
        hits.append(len(x))
        if not len(x):
            warnings.warn(f"{term!r} does not occur: its row is empty", UserWarning,
                          stacklevel=_caller_level())
        xs.append(x)
        lows.append(np.full(len(x), i - linelength / 2))
        highs.append(np.full(len(x), i + linelength / 2))
    kwargs.setdefault("linewidth", 0.8)
    ax.vlines(np.concatenate(xs), np.concatenate(lows), np.concatenate(highs), colors=color,
              **kwargs)
    ax.set_xlim(0, 100)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    shown = labels
    if label == "form" and "form" in df.columns:
        written = dict(zip(term_col, df["form"].astype(str)))
        shown = [written.get(t, t) for t in labels]
    ax.set_yticks(np.arange(len(labels)), _texts(shown, family), fontfamily=family,
                  **({} if fontsize is None else {"fontsize": fontsize}))
    for i in range(len(labels)):
        ax.axhline(i + 0.5, color="0.85", linewidth=0.6)
        if counts:
            ax.annotate(f"{hits[i]:,}", (1.0, i), xycoords=("axes fraction", "data"),
                        xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=9, color="0.3")
    ax.tick_params(axis="y", length=0)
    _decorate(ax, family, title, "position in the corpus (% of tokens)")
    return ax


# --------------------------------------------------------------------------- collocations
def _window_text(window: Any) -> str:
    if isinstance(window, (tuple, list)) and len(window) == 2:
        return f"{window[0]}L {window[1]}R"
    return f"{window}L {window}R"


@keyword_only("result", old=("measure", "n", "ax", "color", "title", "font", "fontsize"))
def collocates(result: Any, *, measure: str | None = None, n: int = 20, ax: Any = None,
               color: Any = "#2e7d5b", title: str | None = None, font: str | None = None,
               fontsize: float | None = None, label: str = "form", **kwargs: Any):
    """Bars of the ``n`` strongest collocates by an association measure.

    Parameters
    ----------
    result : pandas.DataFrame
        From :func:`arabcorpus.analyses.collocations.collocates` (one bar per
        collocate) or :func:`~arabcorpus.analyses.collocations.collocations` (one bar
        per pair, labelled ``type_1 type_2``).
    measure : str, optional
        A measure column of the result; default the first one it was computed with
        (``attrs["params"]["measures"]``), else its first measure column.
    n, ax, color, title, font, fontsize
    label : {"form", "type"}
        Label the bars with the words as written (the ``form`` column, default) or
        with the types (the ``type`` column of collocates; ``type_1 type_2`` for a
        pair of ``collocations``).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"type": ["الدولي", "المركزي"], "form": ["الدولي", "المركزي"],
    ...                       "frequency": [1, 2], "log_dice": [12.5, 13.2]})
    >>> table.attrs["params"] = {"query": "البنك", "window": 1, "measures": ["log_dice"]}
    >>> ax = collocates(table)
    >>> [t.get_text() for t in ax.get_yticklabels()] == [arabic_text("المركزي"),
    ...                                                  arabic_text("الدولي")]
    True
    >>> ax.get_title() == arabic_text("Collocates of البنك, window 1L 1R")
    True
    """
    df = _frame(result)
    n = check_int(n, "n", minimum=1)
    label = _check_label(label)
    family = _family(font)
    ax = _new_ax(ax, (6, 0.28 * min(n, max(len(df), 1)) + 1.2))
    params = _params(df)
    if title is None:
        query = params.get("query", params.get("node"))
        title = (f"Collocates of {_query_label(query)}" if query is not None
                 and _pair_columns(df) is None else "Collocations")
        window = params.get("window") if query is not None else None
        if query is not None and params.get("span") is not None:  # an earlier version
            window = params["span"]
        if window is not None and _pair_columns(df) is None:
            title += f", window {_window_text(window)}"
    if not len(df):
        return _empty(ax, family, title, "no collocates to show: the result is empty "
                      "(the query may not occur, or min_freq is too high)")
    measure = _pick_measure(df, measure, "association")
    values = df[measure].to_numpy(dtype=float)
    keep = np.flatnonzero(np.isfinite(values))
    order = keep[np.argsort(-values[keep], kind="stable")][:n]
    _barh(ax, _label_column(df, label)[order], values[order], family, color, fontsize,
          **kwargs)
    _decorate(ax, family, title, measure.replace("_", " "))
    return ax


_NETWORK_COLORS = ("node_color", "collocate_color", "edge_color")


def _network_colors(color: Any, kwargs: dict) -> tuple[Any, Any, Any]:
    """(nodes, collocates, edges) from ``color``, and from the keywords of the
    colours before 0.2 (taken out of ``kwargs``, with a DeprecationWarning)."""
    from matplotlib.colors import is_color_like

    if is_color_like(color):
        colors = [color, color, "0.45"]
    else:
        colors = list(color)
        if len(colors) not in (2, 3):
            raise ValueError("color must be a colour or (nodes, collocates, edges), got "
                             f"{len(colors)} values")
        colors += ["0.45"] * (3 - len(colors))
    old = [k for k in _NETWORK_COLORS if k in kwargs]
    if old:
        _deprecated(f"network({', '.join(f'{k}=...' for k in old)}) is deprecated; use "
                    "color=(nodes, collocates, edges)", stacklevel=_caller_level() + 1)
        for i, k in enumerate(_NETWORK_COLORS):
            if k in kwargs:
                colors[i] = kwargs.pop(k)
    return colors[0], colors[1], colors[2]


@renamed(font_size="fontsize", node="query")
@keyword_only("result", old=("measure", "n", "query", "profile", "ax", "seed",
                             "node_color", "collocate_color", "edge_color", "title",
                             "font", "fontsize"))
def network(result: Any, *, measure: str | None = None, n: int = 15,
            query: str | None = None, profile: str | None = "search", ax: Any = None,
            seed: int = 0, color: Any = ("#c0392b", "#9ecae1", "0.45"),
            title: str | None = None, font: str | None = None,
            fontsize: float = 11, label: str = "form", **kwargs: Any):
    """Collocation network: nodes, their collocates, edges weighted by a measure.

    As #LancsBox's GraphColl (Brezina, McEnery & Wattam 2015): each node word is
    joined to its ``n`` strongest collocates; a stronger association gives a thicker,
    shorter edge (spring layout with the min-max scaled score as edge weight, seeded
    for a repeatable drawing), and a collocate shared by several nodes is drawn once,
    joined to each.

    Parameters
    ----------
    result : DataFrame or dict
        A :func:`~arabcorpus.analyses.collocations.collocates` result (its node is its
        ``attrs["params"]["query"]``, or ``query=``); a dict ``{node: collocates
        result}`` for several nodes; or a
        :func:`~arabcorpus.analyses.collocations.collocations` result (its ``n``
        strongest pairs become edges ``type_1 - type_2``).
    measure : str, optional
        Default: the first measure the result was computed with.
    n : int, default 15
        Collocates per node (pairs for a ``collocations`` result).
    query : str, optional
        The node's label, for a single ``collocates`` result whose ``attrs`` do not
        name it. (Old name: ``node``.)
    profile : str or None, default "search"
        The normalization profile the corpus was built with (for the ``norm``
        layer). A node is drawn as typed but identified by its normalized form, so
        that a node which is also a collocate of another node (``السعودية`` /
        ``السعوديه``) is one vertex. ``None`` compares nodes as typed.
    ax, seed, title, font
    color : (nodes, collocates, edges), default ("#c0392b", "#9ecae1", "0.45")
        The colours of the node words, of their collocates and of the edges; one
        colour colours every word. (Old names: ``node_color``, ``collocate_color``,
        ``edge_color``.)
    fontsize : float, default 11
        Size of the collocates' labels (nodes: 1.3 times). (Old name: ``font_size``.)
    label : {"form", "type"}
        Write the collocates as written in the corpus (the ``form`` column,
        default) or as types. Vertices are types either way, so a word is drawn
        once; the nodes of ``collocates`` results are written as given.
    **kwargs
        Passed to :func:`networkx.spring_layout` (e.g. ``k``, ``iterations``).

    Returns
    -------
    matplotlib.axes.Axes
        The word labels are ``ax.texts``; ``ax.collections`` holds the edges and
        nodes.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"type": ["المركزي", "الدولي", "قرر"],
    ...                       "form": ["المركزي", "الدولي", "قرر"],
    ...                       "log_dice": [13.2, 12.5, 12.1]})
    >>> ax = network(table, query="البنك", seed=1)
    >>> sorted(t.get_text() for t in ax.texts) == sorted(
    ...     arabic_text(w) for w in ["البنك", "المركزي", "الدولي", "قرر"])
    True
    """
    import networkx as nx

    n = check_int(n, "n", minimum=1)
    label = _check_label(label)
    check_number(fontsize, "fontsize", minimum=0)
    node_color, collocate_color, edge_color = _network_colors(color, kwargs)
    if isinstance(result, Mapping):
        frames = {str(k): _frame(v, f"result[{k!r}]") for k, v in result.items()}
    else:
        df = _frame(result)
        if _pair_columns(df) is None:
            params = _params(df)
            name = query if query is not None else params.get("query", params.get("node"))
            if name is None or name == "":
                raise ValueError("give query= (the result's attrs do not name its query)")
            frames = {_query_label(name): df}
        else:
            frames = {None: df}
    family = _family(font)
    ax = _new_ax(ax, (7, 6))
    names = [k for k in frames if k is not None]
    if title is None:
        title = ("Collocation network: " + "، ".join(names)) if names else "Collocation network"
    if profile is not None:
        from arabcorpus.text.normalize import normalize

        key = {c: normalize(c, profile=profile) for c in names}
    else:
        key = {c: c for c in names}
    shown = {key[c]: c for c in names}  # vertex -> label drawn
    written: dict[str, str] = {}  # vertex (a type) -> its form, when label="form"
    graph = nx.Graph()
    centres = set()
    for centre, df in frames.items():
        if not len(df):
            continue
        m = _pick_measure(df, measure, "association")
        values = df[m].to_numpy(dtype=float)
        keep = np.flatnonzero(np.isfinite(values))
        order = keep[np.argsort(-values[keep], kind="stable")][:n]
        forms = (df["form"].astype(str).to_numpy()[order]
                 if label == "form" and "form" in df.columns else None)
        if centre is None:
            a_col, b_col = _pair_columns(df)
            w1 = df[a_col].astype(str).to_numpy()[order]
            w2 = df[b_col].astype(str).to_numpy()[order]
            pairs = zip(w1, w2, values[order])
            if forms is not None:  # "form(w1) form(w2)": words hold no space
                for a, b, f in zip(w1, w2, forms):
                    fa, _, fb = f.partition(" ")
                    if fa and fb:
                        written.setdefault(a, fa)
                        written.setdefault(b, fb)
        else:
            centres.add(key[centre])
            colls = _types(df)[order]
            pairs = ((key[centre], c, v) for c, v in zip(colls, values[order]))
            if forms is not None:
                for c, f in zip(colls, forms):
                    written.setdefault(c, f)
        for a, b, v in pairs:
            if a == b:
                continue
            if graph.has_edge(a, b):
                graph[a][b]["score"] = max(graph[a][b]["score"], v)
            else:
                graph.add_edge(a, b, score=float(v))
    if graph.number_of_edges() == 0:
        return _empty(ax, family, title, "no collocates to show: the result is empty")
    scores = np.array([d["score"] for _, _, d in graph.edges(data=True)])
    lo, hi = scores.min(), scores.max()
    strength = (0.2 + 0.8 * (scores - lo) / (hi - lo)) if hi > lo else np.ones_like(scores)
    for (a, b), s in zip(graph.edges(), strength):
        graph[a][b]["strength"] = float(s)
    kwargs.setdefault("k", 2.2 / np.sqrt(max(graph.number_of_nodes(), 1)))
    pos = nx.spring_layout(graph, weight="strength", seed=seed, **kwargs)
    nodelist = list(graph.nodes())
    degree = dict(graph.degree())
    hubs = [v for v in nodelist if v in centres or (not centres and degree[v] > 1)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=0.6 + 3.4 * strength,
                           edge_color=edge_color, alpha=0.7)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=[v for v in nodelist if v not in hubs],
                           node_color=collocate_color, node_size=260, linewidths=0)
    if hubs:
        nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=hubs, node_color=node_color,
                               node_size=900, linewidths=0)
    for v in nodelist:
        x, y = pos[v]
        big = v in hubs
        ax.text(x, y, arabic_text(shown.get(v, written.get(v, v)), family[0]), ha="center",
                va="center", fontfamily=family,
                fontsize=fontsize * (1.3 if big else 1.0),
                fontweight="bold" if big else "normal", zorder=5,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
    ax.set_axis_off()
    ax.margins(0.12)
    _decorate(ax, family, title)
    return ax


# --------------------------------------------------------------------------- keyness
_KEYNESS_LABELS = {"log_likelihood": "log-likelihood (Rayson), signed",
                   "ll": "log-likelihood (Rayson), signed", "log_ratio": "log ratio (Hardie)",
                   "perc_diff": "%DIFF (Gabrielatos & Marchi)", "chi2": "chi-square, signed",
                   "bic": "BIC, signed"}


def _color_pair(color: Any) -> tuple[Any, Any]:
    """``color`` of keyness: a pair (over, under), or one colour for both."""
    if isinstance(color, (tuple, list)) and len(color) == 2 and not all(
            isinstance(c, (int, float)) for c in color):
        return color[0], color[1]
    return color, color


@renamed(colors="color")
@keyword_only("result", old=("measure", "n", "ax", "color", "title", "font", "fontsize"))
def keyness(result: Any, *, measure: str | None = None, n: int = 15, ax: Any = None,
            color: Any = ("#b2182b", "#2166ac"), title: str | None = None,
            font: str | None = None, fontsize: float | None = None, label: str = "form",
            **kwargs: Any):
    """Key words on two sides: over-use to the right, under-use to the left.

    The ``n`` strongest over-used words (top, descending) and the ``n`` strongest
    under-used words (bottom, the most under-used last) of a keyness table, as bars
    of the signed measure: unsigned measures (``chi2``, ``bic``) get the sign of the
    ``use`` column. Infinite values (``perc_diff`` of a word absent from the
    reference) are drawn at 110 % of the largest finite bar, hatched and marked "∞".

    Parameters
    ----------
    result : pandas.DataFrame
        From :func:`arabcorpus.analyses.keyness.keyness`.
    measure : str, optional
        Default: the first measure the table was computed with (not ``p_value``).
        ``"ll"``, the old name of ``"log_likelihood"``, is read as it with a
        DeprecationWarning.
    n, ax, title, font, fontsize
    color : (over, under), default ("#b2182b", "#2166ac")
        The colours of over- and under-use (one colour: both). (Old name:
        ``colors``.)
    label : {"form", "type"}
        Label the bars with the words as written (the ``form`` column, default) or
        with the types.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"type": ["الهلال", "فاز", "اليوم", "النفط"],
    ...                       "form": ["الهلال", "فاز", "اليوم", "النفط"],
    ...                       "use": ["over", "over", "under", "under"],
    ...                       "log_likelihood": [5.1, 4.2, 0.3, 3.9]})
    >>> ax = keyness(table)
    >>> [bool(p.get_width() > 0) for p in ax.patches]  # الهلال فاز | اليوم النفط
    [True, True, False, False]
    """
    df = _frame(result)
    n = check_int(n, "n", minimum=1)
    _require(df, ["use"], "keyness")
    label = _check_label(label)
    over_color, under_color = _color_pair(color)
    family = _family(font)
    ax = _new_ax(ax, (6.5, 0.28 * min(2 * n, max(len(df), 1)) + 1.5))
    measure = _pick_measure(df, measure, "keyness", exclude=("p_value",))
    if title is None:  # "ll", the name of the log-likelihood column before 0.2, in full
        title = f"Key words ({_MEASURE_ALIASES.get(measure, measure).replace('_', ' ')})"
    use = df["use"].astype(str).to_numpy()
    raw = df[measure].to_numpy(dtype=float)
    sign = np.where(use == "over", 1.0, np.where(use == "under", -1.0, 0.0))
    value = np.abs(raw) * sign
    ok = ~np.isnan(value) & (sign != 0)
    over = np.flatnonzero(ok & (sign > 0))
    under = np.flatnonzero(ok & (sign < 0))
    over = over[np.argsort(-value[over], kind="stable")][:n]
    under = under[np.argsort(value[under], kind="stable")][:n][::-1]
    rows = np.concatenate([over, under])
    if not len(rows):
        return _empty(ax, family, title, "no key words to show: the keyness table is empty")
    v = value[rows]
    finite = np.isfinite(v)
    cap = 1.1 * np.abs(v[finite]).max() if finite.any() else 1.0
    shown = np.where(finite, v, np.sign(v) * cap)
    bar_colors = [over_color if x > 0 else under_color for x in shown]
    bars = _barh(ax, _label_column(df, label)[rows], shown, family, bar_colors,
                 fontsize, **kwargs)
    for bar, fin, x in zip(bars, finite, shown):
        if not fin:
            bar.set_hatch("//")
            ax.annotate("∞", (x, bar.get_y() + bar.get_height() / 2), va="center",
                        ha="left" if x > 0 else "right", xytext=(3 if x > 0 else -3, 0),
                        textcoords="offset points")
    ax.axvline(0, color="0.2", linewidth=0.8)
    if len(over) and len(under):
        ax.axhline(len(over) - 0.5, color="0.6", linewidth=0.6, linestyle=":")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=over_color, label="over-use in the target"),
                       Patch(color=under_color, label="under-use in the target")],
              loc="best", framealpha=0.9, edgecolor="none")
    _decorate(ax, family, title, _KEYNESS_LABELS.get(measure, measure))
    return ax
