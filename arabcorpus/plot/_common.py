"""What the figures share: reading a result's columns, new axes, labelled bars.

A figure reads what it needs from the result itself: its columns (the item column is
``type``, then ``form``, the word as written; ``type_1`` and ``type_2`` for the pairs
of ``collocations``) and ``attrs["params"]`` (the measures it was computed with, its
query...). Tables saved by earlier versions, whose columns had other names
(``collocate``, ``term``, ``ngram``, ``word``, ``w1``/``w2``, ``ll``,
``doc_frequency``), are read too: :func:`_column` looks a column up by its name, then
by its old names. It costs a lookup per figure and keeps a saved table drawable.
"""

from __future__ import annotations

import re
import sys
import warnings
from typing import Any, Iterable

import numpy as np

from arabcorpus.plot.shaping import arabic_text
from arabcorpus.util.deprecation import warn as _deprecated
from arabcorpus.util.validate import check_choice, check_str

#: Values of the ``label`` option of the plots that label words.
LABELS = ("form", "type")

# Older names of the item column, in the order they are looked for.
_OLD_ITEM = ("collocate", "term", "ngram", "word")

# Numeric columns of the results that count or describe rather than measure: never
# taken for the measure to draw.
_NOT_MEASURES = frozenset({
    "frequency", "expected", "observed", "node_frequency", "collocate_frequency",
    "window_tokens", "freq_target", "freq_reference", "pm_target", "pm_reference",
    "per_million", "p_value", "parts", "range", "range_pct", "doc_frequency", "rank",
    "position", "doc", "relative_position", "doc_relative_position", "topic",
})

# Old measure names read from a newer table, and the other way round.
_MEASURE_ALIASES = {"ll": "log_likelihood"}


def _caller_level() -> int:
    """``stacklevel=`` for :func:`warnings.warn` called by the function that calls
    this: the first frame outside the plot part and the deprecation wrappers, so that
    a warning points at the user's line."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith(
            ("arabcorpus.plot", "arabcorpus.util.deprecation")):
        frame = frame.f_back
        level += 1
    return level


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def _new_ax(ax: Any, figsize: tuple[float, float]):
    if ax is None:
        _, ax = _pyplot().subplots(figsize=figsize, layout="constrained")
    return ax


def _frame(result: Any, name: str = "result"):
    import pandas as pd

    if not isinstance(result, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(result).__name__}")
    return result


def _require(df, columns: Iterable[str], what: str) -> None:
    columns = list(columns)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {', '.join(columns)}; missing "
                         f"{', '.join(missing)} (columns: {', '.join(map(str, df.columns))})")


def _column(df, name: str, old: tuple[str, ...] = ()) -> str | None:
    """The name of column ``name`` in ``df``, or of the first of its ``old`` names
    present (a table of an earlier version); None if there is none."""
    for c in (name, *old):
        if c in df.columns:
            return c
    return None


def _params(df) -> dict:
    return dict(df.attrs.get("params", {}) or {})


def _query_label(query: Any) -> str:
    """A query as a row label: the pattern of a regex, ``a|b`` for a list of
    alternatives, ``a b`` for a phrase (a tuple)."""
    if isinstance(query, re.Pattern):
        return query.pattern
    if isinstance(query, (list, set, frozenset)):
        return "|".join(_query_label(q) for q in query)
    if isinstance(query, tuple):
        return " ".join(_query_label(q) for q in query)
    return str(query)


def _check_label(label: Any, allowed: tuple[str, ...] = LABELS) -> str:
    return check_choice(label, "label", allowed)


def _pair_columns(df) -> tuple[str, str] | None:
    """The two word columns of a collocations table (``type_1``, ``type_2``; older
    ``w1``, ``w2``), or None for any other table."""
    for a, b in (("type_1", "type_2"), ("w1", "w2")):
        if a in df.columns and b in df.columns:
            return a, b
    return None


def _types(df) -> np.ndarray:
    """The item (type) of each row: the ``type`` column (``collocate``, ``term``,
    ``ngram``, ``word`` in older tables); ``type_1 type_2`` for the pairs of
    ``collocations`` (``w1 w2`` in older tables); else the index."""
    col = _column(df, "type", _OLD_ITEM)
    if col is not None:
        return df[col].astype(str).to_numpy()
    pair = _pair_columns(df)
    if pair is not None:
        return (df[pair[0]].astype(str) + " " + df[pair[1]].astype(str)).to_numpy()
    return df.index.astype(str).to_numpy()


def _label_column(df, label: str = "type") -> np.ndarray:
    """The word labels of a table: its ``form`` column for ``label="form"`` (when
    it has one: tables of older versions or made by hand may not), else its types."""
    if label == "form" and "form" in df.columns:
        return df["form"].astype(str).to_numpy()
    return _types(df)


def _grouped_labels(result, label: str) -> np.ndarray:
    """Word labels of a frequency list computed with ``by`` (the index is the type,
    the display forms are the column ``("form", "")``)."""
    if label == "form" and "form" in result.columns.get_level_values(0):
        return result["form"].astype(str).to_numpy()
    return result.index.astype(str).to_numpy()


def _measures(df, exclude: tuple[str, ...] = ()) -> list[str]:
    """The measure columns of a result, in the order to prefer them: those named in
    ``attrs["params"]["measures"]`` first, then the other numeric columns that are
    not counts, in table order."""
    import pandas as pd

    numeric = [c for c in df.columns if isinstance(c, str) and c not in exclude
               and c not in _NOT_MEASURES and pd.api.types.is_numeric_dtype(df[c])]
    named = _params(df).get("measures") or ()
    if isinstance(named, str):
        named = (named,)
    first = []
    for m in named:
        m = m if m in df.columns else _MEASURE_ALIASES.get(m, m)
        if m in numeric and m not in first:
            first.append(m)
    return first + [c for c in numeric if c not in first]


def _pick_measure(df, measure: str | None, kind: str,
                  exclude: tuple[str, ...] = ()) -> str:
    """The measure column to draw: ``measure``, or the first the result was computed
    with. ``measure="ll"`` on a table with ``log_likelihood`` (the keyness column's
    name since 0.2) is read as ``log_likelihood``, with a DeprecationWarning."""
    available = _measures(df, exclude)
    if measure is None:
        if not available:
            raise ValueError(f"the result has no {kind} measure column (columns: "
                             f"{', '.join(map(str, df.columns))})")
        return available[0]
    check_str(measure, "measure")
    if measure not in df.columns:
        new = _MEASURE_ALIASES.get(measure)
        old = {v: k for k, v in _MEASURE_ALIASES.items()}.get(measure)
        if new in available:
            _deprecated(f"measure={measure!r} is deprecated; use measure={new!r}",
                        stacklevel=_caller_level() + 1)
            return new
        if old in available:  # a table of an earlier version
            return old
    if measure not in available:
        raise ValueError(f"unknown {kind} measure {measure!r} for this result; valid: "
                         f"{', '.join(available) or '(none)'}")
    return measure


def _texts(words: Iterable[Any], family: list[str] | None = None) -> list[str]:
    font = family[0] if family else None
    return [arabic_text(str(w), font) for w in words]


def _decorate(ax, family, title=None, xlabel=None, ylabel=None) -> None:
    if title:
        ax.set_title(arabic_text(title, family[0]), fontfamily=family)
    if xlabel:
        ax.set_xlabel(arabic_text(xlabel, family[0]), fontfamily=family)
    if ylabel:
        ax.set_ylabel(arabic_text(ylabel, family[0]), fontfamily=family)


def _empty(ax, family, title: str | None, message: str):
    """Warn, and leave a labelled empty axes saying why."""
    warnings.warn(message, UserWarning, stacklevel=_caller_level())
    ax.text(0.5, 0.5, arabic_text(message, family[0]), ha="center", va="center", wrap=True,
            transform=ax.transAxes, color="0.35", fontfamily=family, fontsize="small")
    ax.set_xticks([])
    ax.set_yticks([])
    _decorate(ax, family, title)
    return ax


def _barh(ax, labels, values, family, color, fontsize=None, **kwargs):
    y = np.arange(len(values))
    kwargs.setdefault("height", 0.7)
    bars = ax.barh(y, values, color=color, **kwargs)
    ax.set_yticks(y, _texts(labels, family), fontfamily=family,
                  **({} if fontsize is None else {"fontsize": fontsize}))
    ax.set_ylim(len(values) - 0.5, -0.5)  # first row on top
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    return bars
