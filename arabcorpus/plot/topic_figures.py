"""Figures of topic models: top words per topic, coherence, topics over time.

Each takes a fitted :class:`~arabcorpus.analyses.topics.TopicModel` or one of its
tables first (``topics()``, ``coherence()``, ``over_time()``, or
:func:`~arabcorpus.analyses.topics.choose_k`'s), everything else by keyword. A topics
table has the columns ``topic``, ``type``, ``form`` and ``weight`` (``word`` in
tables of earlier versions, the written form).

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> import pandas as pd
>>> table = pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "type": ["النفط", "الاسعار"],
...                       "form": ["النفط", "الأسعار"], "weight": [0.05, 0.03]})
>>> [t.get_text() == arabic_text(w) for t, w in
...  zip(topics(table)[0].get_yticklabels(), ["النفط", "الأسعار"])]
[True, True]
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from arabcorpus.plot._common import (_barh, _caller_level, _check_label, _column, _decorate, _empty,
                                     _frame, _new_ax, _params, _pyplot, _require)
from arabcorpus.plot.fonts import _family
from arabcorpus.plot.shaping import arabic_text
from arabcorpus.util.deprecation import keyword_only, renamed
from arabcorpus.util.deprecation import warn as _deprecated
from arabcorpus.util.validate import check_bool, check_choice, check_int

__all__ = ["topics", "coherence", "topics_over_time"]


def _topics_frame(model_or_frame: Any, n: int):
    import pandas as pd

    if isinstance(model_or_frame, pd.DataFrame):
        df = model_or_frame
    elif callable(getattr(model_or_frame, "topics", None)):
        df = model_or_frame.topics(n=n)
    else:
        raise TypeError("expected a fitted TopicModel or its topics() DataFrame, got "
                        f"{type(model_or_frame).__name__}")
    _require(df, ["topic", "weight"], "a topic plot")
    if _column(df, "type", ("form", "word")) is None:
        raise ValueError("a topic plot needs a column type or form (columns: "
                         f"{', '.join(map(str, df.columns))})")
    return df


def _topic_words(df, label: str) -> str:
    """The column of a topics table to label with: ``type`` for ``label="type"``,
    else the written form (``form``, or ``word`` in a table of an earlier version);
    whichever the table has when it lacks the one asked for."""
    if label == "type":
        return _column(df, "type", ("form", "word"))
    return _column(df, "form", ("word", "type"))


def _topic_label(label: Any, name: str) -> str:
    """``label`` of a topic figure: ``"word"``, an earlier name of ``"form"``, is read
    as it with a DeprecationWarning."""
    if label == "word":
        _deprecated(f"{name}(label='word') is deprecated; use label='form'",
                    stacklevel=_caller_level() + 1)
        return "form"
    return _check_label(label)


@renamed(axes="ax")
@keyword_only("model", old=("n", "which", "ncols", "ax", "label", "color", "title", "font",
                            "fontsize"))
def topics(model: Any, *, n: int = 10, which: Iterable[int] | None = None, ncols: int = 4,
           ax: Any = None, label: str = "form", color: Any = "#6a51a3",
           title: str | None = None, font: str | None = None, fontsize: float | None = None,
           **kwargs: Any):
    """One panel per topic: bars of its top ``n`` words by p(word | topic).

    Parameters
    ----------
    model : TopicModel or pandas.DataFrame
        A fitted :class:`~arabcorpus.analyses.topics.TopicModel`, or its ``topics()`` table.
    n : int, default 10
    which : iterable of int, optional
        The topics to draw (default all, in order).
    ncols : int, default 4
        Panels per row of a new figure.
    ax : array of Axes, optional
        Draw into these (at least one per topic) instead of a new figure. (Old name:
        ``axes``.)
    label : {"form", "type"}
        The words as written (the ``form`` column, default) or the modelled types.
        (``"word"``, an earlier name of ``"form"``, is deprecated.)
    color, title, font, fontsize
        ``title`` is the figure's suptitle.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One-dimensional, one Axes per topic drawn, in order (a figure's spare grid
        cells are hidden); a single empty Axes if there is nothing to draw.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"topic": [0, 0, 1, 1], "rank": [1, 2, 1, 2],
    ...                       "type": ["النفط", "الاسعار", "الهلال", "المباراه"],
    ...                       "form": ["النفط", "الأسعار", "الهلال", "المباراة"],
    ...                       "weight": [0.05, 0.03, 0.06, 0.02]})
    >>> axes = topics(table)
    >>> len(axes), axes[1].get_title()
    (2, 'topic 1')
    """
    n = check_int(n, "n", minimum=1)
    ncols = check_int(ncols, "ncols", minimum=1)
    label = _topic_label(label, "topics")
    df = _topics_frame(model, n)
    family = _family(font)
    available = sorted(set(df["topic"].astype(int)))
    chosen = available if which is None else [int(t) for t in which]
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ValueError(f"unknown topics {unknown}; valid: "
                         f"{', '.join(map(str, available)) or '(none)'}")
    count = max(len(chosen), 1)
    if ax is None:
        cols = min(ncols, count)
        rows = -(-count // cols)
        fig, grid = _pyplot().subplots(rows, cols,
                                       figsize=(2.9 * cols, 0.24 * n * rows + 0.9 * rows),
                                       layout="constrained", squeeze=False)
        flat = grid.ravel()
        for extra in flat[count:]:
            extra.set_visible(False)
    else:
        flat = np.asarray(ax, dtype=object).ravel()
        if len(flat) < count:
            raise ValueError(f"{count} topics need {count} axes, got {len(flat)}")
        fig = flat[0].figure
    if title:
        fig.suptitle(arabic_text(title, family[0]), fontfamily=family)
    if not chosen:
        _empty(flat[0], family, None, "no topics to show: the topics table is empty")
        return flat[:1]
    col = _topic_words(df, label)
    for panel, t in zip(flat, chosen):
        sub = df[df["topic"].astype(int) == t]
        if "rank" in sub.columns:
            sub = sub.sort_values("rank", kind="stable")
        else:
            sub = sub.sort_values("weight", ascending=False, kind="stable")
        sub = sub.head(n)
        _barh(panel, sub[col].astype(str).to_numpy(), sub["weight"].to_numpy(dtype=float),
              family, color, fontsize, **kwargs)
        panel.set_title(f"topic {t}", fontsize=10)
        panel.tick_params(axis="x", labelsize=7)
    return flat[: len(chosen)]


@keyword_only("table", old=("ax", "color", "band", "title", "font"))
def coherence(table: Any, *, ax: Any = None, color: Any = "#3b6ea5", band: bool = True,
              title: str | None = None, font: str | None = None,
              fontsize: float | None = None, **kwargs: Any):
    """Topic coherence: the ``choose_k`` curve with its spread over seeds, or per topic.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`arabcorpus.analyses.topics.choose_k` (``k``, ``coherence_mean``,
        ``coherence_std``, ``coherence_min``, ``coherence_max``): the mean over seeds
        with error bars of one standard deviation and (``band=True``) a shaded band
        from the minimum to the maximum, the best ``k`` (highest mean; higher is
        better for ``c_npmi``, ``c_v`` and ``u_mass``) marked. Or from
        :meth:`arabcorpus.analyses.topics.TopicModel.coherence` (``topic``, ``coherence``,
        ``words``): one bar per topic labelled with its first three words, and the
        mean as a line.
    ax, color, band, title, font
    fontsize : float, optional
        Size of the topics' labels (per topic).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.errorbar` (curve) or
        :meth:`~matplotlib.axes.Axes.barh` (per topic).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"k": [5, 10, 15], "coherence_mean": [0.05, 0.08, 0.06],
    ...                       "coherence_std": [0.01, 0.01, 0.02],
    ...                       "coherence_min": [0.04, 0.07, 0.04],
    ...                       "coherence_max": [0.06, 0.09, 0.08], "n_seeds": 3})
    >>> ax = coherence(table)
    >>> "best k = 10" in [t.get_text() for t in ax.get_legend().get_texts()]
    True
    """
    df = _frame(table, "table")
    band = check_bool(band, "band")
    family = _family(font)
    measure = df.attrs.get("measure") or _params(df).get("measure") or "coherence"
    ax = _new_ax(ax, (6, 4))
    if "k" in df.columns:
        _require(df, ["k", "coherence_mean"], "coherence")
        title = "Coherence by number of topics" if title is None else title
        df = df.sort_values("k").dropna(subset=["coherence_mean"])
        if not len(df):
            return _empty(ax, family, title, "no coherence values to show: the table is empty")
        k = df["k"].to_numpy(dtype=float)
        mean = df["coherence_mean"].to_numpy(dtype=float)
        std = (df["coherence_std"].to_numpy(dtype=float) if "coherence_std" in df.columns
               else np.full(len(df), np.nan))
        n_seeds = int(df["n_seeds"].iloc[0]) if "n_seeds" in df.columns else None
        if band and {"coherence_min", "coherence_max"} <= set(df.columns):
            ax.fill_between(k, df["coherence_min"].to_numpy(dtype=float),
                            df["coherence_max"].to_numpy(dtype=float), color=color,
                            alpha=0.18, linewidth=0, label="min-max over seeds")
        kwargs.setdefault("marker", "o")
        kwargs.setdefault("capsize", 3)
        ax.errorbar(k, mean, yerr=np.nan_to_num(std), color=color,
                    label="mean ± 1 sd" + (f" ({n_seeds} seeds)" if n_seeds else ""), **kwargs)
        best = int(np.argmax(mean))
        ax.plot([k[best]], [mean[best]], marker="*", markersize=14, color="#c0392b",
                linestyle="none", label=f"best k = {int(k[best])}")
        ax.set_xticks(k)
        ax.legend(frameon=False)
        ax.grid(color="0.92")
        _decorate(ax, family, title, "number of topics k", f"coherence ({measure})")
        return ax
    _require(df, ["topic", "coherence"], "coherence")
    title = "Coherence per topic" if title is None else title
    if not len(df):
        return _empty(ax, family, title, "no coherence values to show: the table is empty")
    if "words" in df.columns:
        labels = [f"{t}: " + " ".join((w.split() if isinstance(w, str) else list(w))[:3])
                  for t, w in zip(df["topic"], df["words"])]
    else:
        labels = [f"topic {t}" for t in df["topic"]]
    values = df["coherence"].to_numpy(dtype=float)
    _barh(ax, labels, values, family, color, fontsize, **kwargs)
    ax.axvline(np.nanmean(values), color="#c0392b", linewidth=1, linestyle="--",
               label=f"mean {np.nanmean(values):.3f}")
    ax.legend(frameon=False)
    _decorate(ax, family, title, f"coherence ({measure})")
    return ax


_OVER_TIME_COLUMNS = ("period", "topic", "prevalence", "n_docs")


@renamed(group="by", n_words="n")
@keyword_only("table", old=("which", "by", "words", "n", "kind", "ax", "title", "font"))
def topics_over_time(table: Any, *, which: Iterable[int] | None = None, by: Any = None,
                     words: Any = None, n: int = 3, kind: str = "line", ax: Any = None,
                     title: str | None = None, font: str | None = None,
                     fontsize: Any = "small", label: str = "form", **kwargs: Any):
    """Mean topic proportion per period, one line (or stacked area) per topic.

    Parameters
    ----------
    table : pandas.DataFrame
        From :meth:`arabcorpus.analyses.topics.TopicModel.over_time` (``period``, ``topic``,
        ``prevalence``; and the ``by`` column if it was split).
    which : iterable of int, optional
        Topics to draw (default all).
    by : optional
        For a table split with ``by``: the group to draw (required then). (Old
        name: ``group``.)
    words : TopicModel or topics DataFrame, optional
        Label each topic in the legend with its first ``n`` words.
    n : int, default 3
        Words per topic in the legend. (Old name: ``n_words``.)
    kind : {"line", "area"}
    ax, title, font
    fontsize : default "small"
        Size of the legend.
    label : {"form", "type"}
        The legend's words as written (default) or the modelled types.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` or ``stackplot``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> days = pd.to_datetime(["2015-07-21", "2015-07-21", "2015-07-22", "2015-07-22"])
    >>> table = pd.DataFrame({"period": days, "topic": [0, 1, 0, 1],
    ...                       "prevalence": [0.7, 0.3, 0.4, 0.6], "n_docs": 10})
    >>> ax = topics_over_time(table)
    >>> [line.get_ydata().tolist() for line in ax.get_lines()]
    [[0.7, 0.4], [0.3, 0.6]]
    """
    import pandas as pd

    df = _frame(table, "table")
    _require(df, ["period", "topic", "prevalence"], "topics_over_time")
    check_choice(kind, "kind", ("line", "area"))
    n = check_int(n, "n", minimum=1)
    label = _topic_label(label, "topics_over_time")
    family = _family(font)
    ax = _new_ax(ax, (8, 4.2))
    split = (df.attrs.get("by") or _params(df).get("by")
             or next((c for c in df.columns if c not in _OVER_TIME_COLUMNS), None))
    if split is not None and split in df.columns:
        groups = list(dict.fromkeys(df[split].astype(str)))
        if by is None:
            raise ValueError(f"the table is split by {split!r}: give by=, one of "
                             f"{', '.join(groups)}")
        if str(by) not in groups:
            raise ValueError(f"unknown group {by!r}; valid: {', '.join(groups)}")
        df = df[df[split].astype(str) == str(by)]
    if title is None:
        title = "Topics over time" + (f": {by}" if by is not None else "")
    if not len(df):
        return _empty(ax, family, title, "no topic proportions to show: the table is empty")
    wide = df.pivot_table(index="period", columns="topic", values="prevalence",
                          aggfunc="first").sort_index()
    chosen = list(wide.columns) if which is None else [int(t) for t in which]
    unknown = [t for t in chosen if t not in wide.columns]
    if unknown:
        raise ValueError(f"unknown topics {unknown}; valid: "
                         f"{', '.join(map(str, wide.columns))}")
    names = {t: f"topic {t}" for t in chosen}
    if words is not None:
        tw = _topics_frame(words, n)
        col = _topic_words(tw, label)
        for t in chosen:
            sub = tw[tw["topic"].astype(int) == t]
            if "rank" in sub.columns:
                sub = sub.sort_values("rank", kind="stable")
            sub = sub.head(n)
            if len(sub):
                names[t] = f"{t}: " + "، ".join(sub[col].astype(str))
    x = pd.to_datetime(wide.index).to_numpy()
    labels = [arabic_text(names[t], family[0]) for t in chosen]
    if kind == "area":
        ax.stackplot(x, *[wide[t].fillna(0).to_numpy() for t in chosen], labels=labels,
                     **kwargs)
    else:
        if len(x) < 15:
            kwargs.setdefault("marker", "o")
        for t, lab in zip(chosen, labels):
            ax.plot(x, wide[t].to_numpy(dtype=float), label=lab, **kwargs)
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.legend(frameon=False, prop={"family": family, "size": fontsize}, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    ax.grid(color="0.92")
    _decorate(ax, family, title, None, "mean topic proportion")
    return ax
