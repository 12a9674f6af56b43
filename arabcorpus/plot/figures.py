"""Figures of corpus analyses, with Arabic labels that read correctly.

Every function takes the result of an analysis (a DataFrame from
:mod:`arabcorpus.analyses.frequency`, :mod:`~arabcorpus.analyses.collocations`,
:mod:`~arabcorpus.analyses.keyness`, :mod:`~arabcorpus.analyses.dispersion`, or a
:class:`~arabcorpus.analyses.topics.TopicModel` and its tables), draws into the ``ax`` it is
given (or a new figure), and returns the :class:`~matplotlib.axes.Axes` (``topics``
returns an array of them). Styling arguments are passed on: ``color=``, ``title=``,
``font=`` and any other keyword goes to the underlying matplotlib call (``barh``,
``vlines``, ``plot``...). An empty result, or a term that does not occur, gives an
empty but labelled figure and a :class:`UserWarning`, never an exception.

Words are labelled as they are written: with the ``form`` column of a result (the
most frequent written form of each type, :func:`arabcorpus.analyses.forms.display_forms`), or
with the types given ``label="type"`` (a keyword of every plot that labels words) or
when the table has no ``form`` column.

Arabic text in matplotlib
-------------------------
Matplotlib 3.10 and older draw the code points of a string one by one, left to right,
each in its isolated form: Arabic comes out as separate letters in reverse order. The
usual remedy is to reshape the text into presentation forms with ``arabic_reshaper``
and put it in visual order with ``python-bidi``'s ``get_display``. Matplotlib 3.11
shapes text itself (libraqm: HarfBuzz and FriBiDi, matplotlib PR #30000), and then
that remedy *reverses* the text (matplotlib issue #32262).

:func:`arabic_text` therefore decides by what the running matplotlib *does*, not by
its version: the first time it meets Arabic it renders two probe strings off screen
with the Agg renderer (no pyplot, a few milliseconds, cached for the process):

1. joining: ``"ببب"`` as typed against three *isolated* presentation-form behs
   (U+FE8F, which every renderer draws as they are). A shaping renderer joins the
   typed letters into initial, medial and final forms, about half as wide
   (0.53 with DejaVu Sans); a non-shaping one draws three isolated forms
   (ratio 1.0). Joined if the ratio is below 0.8.
2. direction: ``"اب"`` (alef, then beh). Only the alef reaches the top third of the
   ink box; in right-to-left order it stands at the right. Right to left if the
   centroid of the top-third ink lies in the right half.

Both yes: ``"native"`` layout (strings are passed as they are). Both no:
``"reshape"`` (``arabic_reshaper`` then ``get_display``). Anything else (a renderer
that does one but not the other, or a probe that fails) falls back to a feature check
(``matplotlib.ft2font.LayoutItem``, the libraqm layout added in 3.11, or the version)
with a warning. :func:`arabic_layout` tells the outcome; :func:`set_arabic_layout`
forces one. Pillow, which draws :func:`wordcloud`, is handled the same way by its
own capability: ``PIL.features.check("raqm")``.

Fonts: :func:`arabic_font` picks the first installed of Amiri, Noto Naskh Arabic,
Noto Sans Arabic, Scheherazade New, Noto Kufi Arabic, and DejaVu Sans (which
matplotlib bundles and which covers Arabic); :func:`set_arabic_font` or a ``font=``
argument chooses another. DejaVu Sans is always appended as a fallback, and no
``rcParams`` are changed.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from arabcorpus.corpus.memory import Corpus
>>> from arabcorpus.analyses.frequency import frequency
>>> from arabcorpus import plot
>>> c = Corpus.build(["النفط ارتفع والنفط انخفض", "الذهب ارتفع"], progress=False)
>>> ax = plot.frequencies(frequency(c), n=3)
>>> [t.get_text() == plot.arabic_text(w) for t, w in
...  zip(ax.get_yticklabels(), ["ارتفع", "النفط", "والنفط"])]
[True, True, True]
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Any, Iterable, Mapping

import numpy as np

__all__ = [
    "arabic_text", "arabic_layout", "set_arabic_layout", "arabic_font",
    "set_arabic_font", "pillow_text",
    "frequencies", "zipf", "dispersion", "collocates", "network", "keyness",
    "topics", "coherence", "topics_over_time", "wordcloud", "make_wordcloud",
    "LAYOUTS", "LABELS", "PREFERRED_FONTS",
]

#: Values of :func:`set_arabic_layout`.
LAYOUTS = ("auto", "native", "reshape")

#: Fonts tried in order by :func:`arabic_font` (DejaVu Sans ships with matplotlib).
PREFERRED_FONTS = ("Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", "Scheherazade New",
                   "Noto Kufi Arabic", "DejaVu Sans")

_FALLBACK_FONT = "DejaVu Sans"
_ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_PRESENTATION = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]")

_layout_setting = "auto"
_font_setting: str | None = None


# --------------------------------------------------------------------------- text
def _check_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


@functools.lru_cache(maxsize=8)
def _reshaper(font_file: str | None = None):
    """``(reshape, get_display)``, imported lazily (needed only without shaping).

    With ``font_file``, only the ligatures that font has are formed
    (``arabic_reshaper.config_for_true_type_font``): DejaVu Sans, for one, has no
    glyph for the ligature of الله (U+FDF2), which would otherwise draw as a box.
    """
    try:
        import arabic_reshaper
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("this renderer does not shape Arabic, so arabcorpus.plot needs "
                          "arabic-reshaper and python-bidi: pip install "
                          "'arabcorpus[plot]'") from exc
    try:
        from bidi import get_display  # python-bidi >= 0.5
    except ImportError:  # pragma: no cover - python-bidi < 0.5
        from bidi.algorithm import get_display
    config: dict[str, Any] = {}
    if font_file:
        try:
            config = dict(arabic_reshaper.config_for_true_type_font(font_file))
        except Exception:  # not a TrueType file fontTools can read: all ligatures
            config = {}
    # keep diacritics: a surface-layer label should show what was written
    config["delete_harakat"] = False
    reshaper = arabic_reshaper.ArabicReshaper(configuration=config)
    return reshaper.reshape, get_display


def _visual_order(s: str, font_file: str | None = None) -> str:
    """``arabic_reshaper`` + ``get_display``, line by line (the pre-3.11 recipe)."""
    reshape, get_display = _reshaper(font_file)
    return "\n".join(get_display(reshape(line)) for line in s.split("\n"))


def _ink(s: str, fontsize: float = 36.0, family: str = _FALLBACK_FONT) -> np.ndarray:
    """Render ``s`` alone with Agg; grey ink (0-255) cropped to its bounding box."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 1.2), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.05, 0.3, s, fontsize=fontsize, family=family)
    canvas.draw()
    ink = 255.0 - np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=2)
    ys, xs = np.nonzero(ink > 32)
    if not len(xs):
        raise RuntimeError(f"nothing was drawn for {s!r}")
    return ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _probe() -> tuple[bool, bool]:
    """(joins letters?, lays Arabic out right to left?) for the running matplotlib."""
    joined = _ink("ببب").shape[1] / _ink("\uFE8F\uFE8F\uFE8F").shape[1] < 0.8
    im = _ink("اب")
    top = im[: max(im.shape[0] // 3, 1)]
    _, xs = np.nonzero(top > 64)
    rtl = bool(len(xs)) and xs.mean() > im.shape[1] / 2
    return bool(joined), bool(rtl)


def _feature_check() -> bool:
    import matplotlib
    import matplotlib.ft2font as ft2font

    if hasattr(ft2font, "LayoutItem"):
        return True
    major, minor = (int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])
    return (major, minor) >= (3, 11)


@functools.lru_cache(maxsize=1)
def _detected_layout() -> tuple[str, str]:
    """(layout, how it was decided), cached for the process."""
    try:
        joined, rtl = _probe()
    except Exception as exc:  # a broken font setup must not stop a plot
        why = f"the rendering probe failed ({exc})"
    else:
        if joined and rtl:
            return "native", "probe: matplotlib joins and orders Arabic itself"
        if not joined and not rtl:
            return "reshape", "probe: matplotlib draws isolated letters left to right"
        why = f"the rendering probe was inconsistent (joined={joined}, rtl={rtl})"
    layout = "native" if _feature_check() else "reshape"
    warnings.warn(f"arabcorpus.plot: {why}; using the {layout!r} layout from a feature "
                  f"check of matplotlib", RuntimeWarning, stacklevel=3)
    return layout, f"feature check ({why})"


def arabic_layout() -> str:
    """How :func:`arabic_text` prepares Arabic for the running matplotlib.

    Returns
    -------
    str
        ``"native"``: matplotlib shapes and orders Arabic itself (3.11+), strings are
        drawn as they are; ``"reshape"``: it does not (3.10 and older), strings are
        reshaped and put in visual order first. Detected once by rendering (see the
        module docstring) unless forced with :func:`set_arabic_layout`.

    Examples
    --------
    >>> arabic_layout() in ("native", "reshape")
    True
    """
    if _layout_setting != "auto":
        return _layout_setting
    return _detected_layout()[0]


def set_arabic_layout(layout: str = "auto") -> None:
    """Force the Arabic layout (``"native"`` or ``"reshape"``) or detect it (``"auto"``).

    Examples
    --------
    >>> set_arabic_layout("reshape"); arabic_layout()
    'reshape'
    >>> set_arabic_layout("auto")
    """
    global _layout_setting
    _check_str(layout, "layout")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; valid: {', '.join(LAYOUTS)}")
    _layout_setting = layout


def arabic_text(s: str, font: str | None = None) -> str:
    """Prepare a string for matplotlib so that its Arabic reads correctly.

    Strings without Arabic are returned unchanged; so is every string when
    matplotlib shapes Arabic itself (:func:`arabic_layout` is ``"native"``).
    Otherwise each line is reshaped (``arabic_reshaper``, keeping diacritics) and put
    in visual order (``python-bidi``). Give text in logical order, as typed: text
    that is already reshaped (it holds presentation forms) draws reversed on a
    shaping matplotlib, and a warning says so.

    Parameters
    ----------
    s : str
    font : str, optional
        The font family the text will be drawn in (default :func:`arabic_font`):
        when reshaping, only the ligatures it has are formed.

    Returns
    -------
    str

    Examples
    --------
    >>> arabic_text("Zipf")
    'Zipf'
    >>> s = arabic_text("النفط")
    >>> (s == "النفط") == (arabic_layout() == "native")
    True

    (Reshaped, it would be ``"ﻂﻔﻨﻟا"``: final tah, medial feh and noon, initial
    lam, alef, in visual order from the left.)
    """
    _check_str(s, "s")
    if not _ARABIC.search(s):
        return s
    if _PRESENTATION.search(s):
        warnings.warn(f"{s!r} holds Arabic presentation forms, so it looks reshaped "
                      "already; pass text in logical order", UserWarning, stacklevel=2)
    if arabic_layout() == "native":
        return s
    return _visual_order(s, _font_path([font or arabic_font()]))


def pillow_text(s: str, font_path: str | None = None) -> str:
    """Prepare a string for Pillow (used by :func:`wordcloud`).

    Pillow built with libraqm (``PIL.features.check("raqm")``, true of the PyPI
    wheels) shapes and orders Arabic itself, so ``s`` is returned as is; without
    it, ``s`` is reshaped and put in visual order as in :func:`arabic_text`, with
    the ligatures of the font file ``font_path`` (default: :func:`arabic_font`'s).

    Examples
    --------
    >>> pillow_text("oil")
    'oil'
    """
    _check_str(s, "s")
    if not _ARABIC.search(s) or _pillow_shapes():
        return s
    return _visual_order(s, font_path or _font_path([arabic_font()]))


@functools.lru_cache(maxsize=1)
def _pillow_shapes() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


# --------------------------------------------------------------------------- fonts
@functools.lru_cache(maxsize=1)
def _installed_fonts() -> frozenset[str]:
    from matplotlib import font_manager

    return frozenset(f.name for f in font_manager.fontManager.ttflist)


def arabic_font() -> str:
    """The font family used for Arabic labels.

    The one set with :func:`set_arabic_font`, else the first installed of
    :data:`PREFERRED_FONTS` (DejaVu Sans, bundled with matplotlib, at the least).

    Examples
    --------
    >>> arabic_font() in PREFERRED_FONTS
    True
    """
    if _font_setting is not None:
        return _font_setting
    installed = _installed_fonts()
    return next((f for f in PREFERRED_FONTS if f in installed), _FALLBACK_FONT)


def _check_font(name: str) -> str:
    _check_str(name, "font")
    if name not in _installed_fonts():
        found = [f for f in PREFERRED_FONTS if f in _installed_fonts()]
        raise ValueError(f"font {name!r} is not known to matplotlib; Arabic fonts "
                         f"installed: {', '.join(found)}")
    return name


def set_arabic_font(name: str | None) -> None:
    """Use the font family ``name`` for Arabic labels (``None``: choose again).

    Only arabcorpus's figures use it; matplotlib's ``rcParams`` are left alone.

    Raises
    ------
    ValueError
        If matplotlib does not know the font (the message lists the Arabic fonts
        found).

    Examples
    --------
    >>> set_arabic_font("DejaVu Sans"); arabic_font()
    'DejaVu Sans'
    >>> set_arabic_font(None)
    """
    global _font_setting
    _font_setting = None if name is None else _check_font(name)


def _family(font: str | None) -> list[str]:
    first = arabic_font() if font is None else _check_font(font)
    return [first] if first == _FALLBACK_FONT else [first, _FALLBACK_FONT]


@functools.lru_cache(maxsize=16)
def _font_file(name: str) -> str:
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=name))


def _font_path(family: list[str]) -> str:
    return _font_file(family[0])


# --------------------------------------------------------------------------- helpers
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
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {', '.join(columns)}; missing "
                         f"{', '.join(missing)} (columns: {', '.join(map(str, df.columns))})")


def _check_n(n: Any, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(n).__name__}")
    if n < 1:
        raise ValueError(f"{name} must be at least 1, got {n}")
    return int(n)


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


def _empty(ax, family, title: str | None, message: str, stacklevel: int = 3):
    """Warn, and leave a labelled empty axes saying why."""
    warnings.warn(message, UserWarning, stacklevel=stacklevel)
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


def _params(df) -> dict:
    return dict(df.attrs.get("params", {}))


#: Values of the ``label`` option of the plots that label words.
LABELS = ("form", "type")


def _check_label(label: Any) -> str:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; valid: {', '.join(LABELS)}")
    return label


def _label_column(df, label: str = "type",
                  candidates=("type", "ngram", "word", "collocate", "term")):
    """The word labels of a table: its ``form`` column for ``label="form"`` (when
    it has one: tables of older versions or made by hand may not), else the item
    column."""
    if label == "form" and "form" in df.columns:
        return df["form"].astype(str).to_numpy()
    for c in candidates:
        if c in df.columns:
            return df[c].astype(str).to_numpy()
    return df.index.astype(str).to_numpy()


def _grouped_labels(result, label: str) -> np.ndarray:
    """Word labels of a frequency list computed with ``by`` (the index is the type,
    the display forms are the column ``("form", "")``)."""
    if label == "form" and "form" in result.columns.get_level_values(0):
        return result["form"].astype(str).to_numpy()
    return result.index.astype(str).to_numpy()


_FREQ_LABELS = {"frequency": "frequency", "per_million": "frequency per million tokens",
                "doc_frequency": "documents", "range": "range (% of documents)",
                "range_pct": "range (% of documents)", "dp": "DP (Gries 2008)"}


# --------------------------------------------------------------------------- frequency
def frequencies(result: Any, n: int = 20, column: str = "frequency",
                group: str | None = None, ax: Any = None, color: Any = "#3b6ea5",
                title: str | None = None, font: str | None = None,
                fontsize: float | None = None, *, label: str = "form", **kwargs: Any):
    """Horizontal bars of the ``n`` most frequent words, the most frequent on top.

    Parameters
    ----------
    result : pandas.DataFrame
        From :func:`arabcorpus.analyses.frequency.frequency` (with or without ``by``) or
        :func:`~arabcorpus.analyses.frequency.ngrams`.
    n : int, default 20
    column : str, default "frequency"
        The statistic to draw (``per_million``, ``doc_frequency``, ``range``...);
        rows are ordered by it, descending.
    group : str, optional
        For a result computed with ``by``: the group to draw (default ``"all"``).
    ax : matplotlib.axes.Axes, optional
    color, title, font, fontsize
        Bar colour, title (default "Most frequent words"), font family for the
        labels, size of the word labels.
    label : {"form", "type"}, keyword only
        Label the bars with the words as written (the ``form`` column, default) or
        with the counted types (``type``, or ``ngram``). A table without a ``form``
        column is labelled with its types.
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
    df = _frame(result)
    n = _check_n(n)
    _check_str(column, "column")
    label = _check_label(label)
    family = _family(font)
    ax = _new_ax(ax, (6, 0.28 * min(n, max(len(df), 1)) + 1.2))
    import pandas as pd

    if isinstance(df.columns, pd.MultiIndex):
        groups = [g for g in dict.fromkeys(df.columns.get_level_values(0)) if g != "form"]
        group = "all" if group is None else group
        if group not in groups:
            raise ValueError(f"unknown group {group!r}; valid: {', '.join(map(str, groups))}")
        labels = _grouped_labels(df, label)
        df = df[group]
    else:
        if group is not None:
            raise ValueError("group= needs a frequency result computed with by=")
        labels = _label_column(df, label)
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    if column not in numeric:
        raise ValueError(f"unknown column {column!r}; valid: {', '.join(map(str, numeric))}")
    values = df[column].to_numpy(dtype=float)
    keep = np.flatnonzero(np.isfinite(values) & (values > 0))
    if title is None:
        title = "Most frequent words" + (f" ({group})" if group not in (None, "all") else "")
    if not len(keep):
        return _empty(ax, family, title, "no words to show: the frequency list is empty")
    order = keep[np.argsort(-values[keep], kind="stable")][:n]
    _barh(ax, labels[order], values[order], family, color, fontsize, **kwargs)
    _decorate(ax, family, title, _FREQ_LABELS.get(column, column))
    return ax


def zipf(result: Any, min_freq: int = 5, annotate: int = 5, ax: Any = None,
         color: Any = "#3b6ea5", fit: bool = True, title: str | None = None,
         font: str | None = None, *, label: str = "form", **kwargs: Any):
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
    label : {"form", "type"}, keyword only
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

    min_freq = _check_n(min_freq, "min_freq")
    label = _check_label(label)
    if isinstance(annotate, bool) or not isinstance(annotate, (int, np.integer)) or annotate < 0:
        raise ValueError(f"annotate must be an int >= 0, got {annotate!r}")
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
                      UserWarning, stacklevel=2)
    if words is not None:
        for i in range(min(annotate, len(f))):
            ax.annotate(arabic_text(words[order[i]], family[0]), (r[i], f[i]), xytext=(6, 2),
                        textcoords="offset points", fontfamily=family, fontsize=9)
    ax.legend(frameon=False, prop={"family": family})
    ax.grid(which="major", color="0.9", linewidth=0.8)
    _decorate(ax, family, title, "rank", "frequency")
    return ax


# --------------------------------------------------------------------------- dispersion
def dispersion(positions: Any, terms: Any = None, ax: Any = None, color: Any = "#1f3b57",
               title: str | None = None, font: str | None = None,
               linelength: float = 0.8, counts: bool = True, *, label: str = "form",
               **kwargs: Any):
    """Dispersion plot: one row per term, a tick at each occurrence (as AntConc).

    Parameters
    ----------
    positions : pandas.DataFrame
        From :func:`arabcorpus.analyses.dispersion.dispersion_positions` (``term`` and
        ``relative_position`` are used).
    terms : str or list, optional
        The terms, in row order from the top, as given to ``dispersion_positions``
        (so that a term that does not occur still gets its empty row, with a
        warning). Default: the terms found, in order.
    ax, color, title, font
    linelength : float, default 0.8
        Height of a tick, in rows.
    counts : bool, default True
        Write each term's number of hits at the right.
    label : {"form", "type"}, keyword only
        Label the rows with the terms as written in the corpus (the ``form``
        column, default; a term that does not occur keeps its label) or as queried
        (``type``: the ``term`` column).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.vlines`.

    Returns
    -------
    matplotlib.axes.Axes
        x is the position in the corpus as a percentage of its tokens.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.analyses.dispersion import dispersion_positions
    >>> c = Corpus.build(["النفط ارتفع", "الذهب ارتفع", "النفط"], progress=False)
    >>> ax = dispersion(dispersion_positions(c, ["النفط", "الذهب"]))
    >>> len(ax.collections[0].get_segments())  # three occurrences, three ticks
    3
    """
    df = _frame(positions, "positions")
    _require(df, ["term", "relative_position"], "dispersion")
    label = _check_label(label)
    from arabcorpus.analyses.query import query_label

    if terms is None:
        labels = list(dict.fromkeys(df["term"].astype(str)))
    else:
        labels = [query_label(t) for t in (terms if isinstance(terms, list) else [terms])]
    family = _family(font)
    ax = _new_ax(ax, (8, 0.45 * max(len(labels), 1) + 1.2))
    title = "Dispersion" if title is None else title
    if not labels:
        return _empty(ax, family, title, "no terms to show: the positions table is empty")
    term_col = df["term"].astype(str).to_numpy()
    rel = df["relative_position"].to_numpy(dtype=float) * 100.0
    xs, lows, highs, hits = [], [], [], []
    for i, term in enumerate(labels):
        x = rel[term_col == term]
        hits.append(len(x))
        if not len(x):
            warnings.warn(f"term {term!r} does not occur: its row is empty", UserWarning,
                          stacklevel=2)
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
    ax.set_yticks(np.arange(len(labels)), _texts(shown, family), fontfamily=family)
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
def _pick_measure(df, measure: str | None, registry: Mapping[str, Any], kind: str,
                  exclude: tuple[str, ...] = ()) -> str:
    available = [m for m in registry if m in df.columns and m not in exclude]
    if measure is None:
        named = [m for m in _params(df).get("measures", ()) if m in available]
        if named:
            return named[0]
        if not available:
            raise ValueError(f"the result has no {kind} measure column; expected one of "
                             f"{', '.join(m for m in registry if m not in exclude)}")
        return available[0]
    _check_str(measure, "measure")
    if measure not in available:
        raise ValueError(f"unknown {kind} measure {measure!r} for this result; valid: "
                         f"{', '.join(available)}")
    return measure


def _pair_labels(df, label: str = "type") -> np.ndarray:
    if label == "form" and "form" in df.columns:
        return df["form"].astype(str).to_numpy()
    if "collocate" in df.columns:
        return df["collocate"].astype(str).to_numpy()
    _require(df, ["w1", "w2"], "a collocation plot")
    return (df["w1"].astype(str) + " " + df["w2"].astype(str)).to_numpy()


def collocates(result: Any, measure: str | None = None, n: int = 20, ax: Any = None,
               color: Any = "#2e7d5b", title: str | None = None, font: str | None = None,
               fontsize: float | None = None, *, label: str = "form", **kwargs: Any):
    """Bars of the ``n`` strongest collocates by an association measure.

    Parameters
    ----------
    result : pandas.DataFrame
        From :func:`arabcorpus.analyses.collocations.collocates` (one bar per collocate) or
        :func:`~arabcorpus.analyses.collocations.collocations` (one bar per pair ``w1 w2``).
    measure : str, optional
        A measure column of the result; default the first one it was computed with.
    n, ax, color, title, font, fontsize
    label : {"form", "type"}, keyword only
        Label the bars with the words as written (the ``form`` column, default) or
        with the types (``collocate``, or ``w1 w2``).
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.analyses.collocations import collocates as find_collocates
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "قرر البنك المركزي",
    ...                   "البنك الدولي"], progress=False)
    >>> df = find_collocates(c, "البنك", span=(0, 1), min_freq=1, measures=["log_dice"])
    >>> ax = collocates(df)
    >>> [t.get_text() for t in ax.get_yticklabels()] == [arabic_text("المركزي"),
    ...                                                  arabic_text("الدولي")]
    True
    """
    from arabcorpus.analyses.measures import ASSOCIATION_MEASURES

    df = _frame(result)
    n = _check_n(n)
    label = _check_label(label)
    measure = _pick_measure(df, measure, ASSOCIATION_MEASURES, "association")
    family = _family(font)
    ax = _new_ax(ax, (6, 0.28 * min(n, max(len(df), 1)) + 1.2))
    params = _params(df)
    if title is None:
        node = params.get("node")
        title = f"Collocates of {node}" if node else "Collocations"
        if params.get("span"):
            title += f", span {params['span'][0]}L {params['span'][1]}R"
    if not len(df):
        return _empty(ax, family, title, "no collocates to show: the result is empty "
                      "(the node may not occur, or min_freq is too high)")
    values = df[measure].to_numpy(dtype=float)
    keep = np.flatnonzero(np.isfinite(values))
    order = keep[np.argsort(-values[keep], kind="stable")][:n]
    _barh(ax, _pair_labels(df, label)[order], values[order], family, color, fontsize,
          **kwargs)
    _decorate(ax, family, title, measure.replace("_", " "))
    return ax


def network(result: Any, measure: str | None = None, n: int = 15, node: str | None = None,
            profile: str | None = "search", ax: Any = None, seed: int = 0,
            node_color: Any = "#c0392b",
            collocate_color: Any = "#9ecae1", edge_color: Any = "0.45",
            title: str | None = None, font: str | None = None, font_size: float = 11,
            *, label: str = "form", **kwargs: Any):
    """Collocation network: nodes, their collocates, edges weighted by a measure.

    As #LancsBox's GraphColl (Brezina, McEnery & Wattam 2015): each node word is
    joined to its ``n`` strongest collocates; a stronger association gives a thicker,
    shorter edge (spring layout with the min-max scaled score as edge weight, seeded
    for a repeatable drawing), and a collocate shared by several nodes is drawn once,
    joined to each.

    Parameters
    ----------
    result : DataFrame or dict
        A :func:`~arabcorpus.analyses.collocations.collocates` result (the node is taken from
        its ``attrs``, or ``node=``); a dict ``{node: collocates result}`` for
        several nodes; or a :func:`~arabcorpus.analyses.collocations.collocations` result
        (its ``n`` strongest pairs become edges ``w1 - w2``).
    measure : str, optional
        Default: the first measure the result was computed with.
    n : int, default 15
        Collocates per node (pairs for a ``collocations`` result).
    node : str, optional
        The node's label, for a single ``collocates`` result.
    profile : str or None, default "search"
        The normalization profile the corpus was built with (for the ``norm``
        layer). A node is drawn as typed but identified by its normalized form, so
        that a node which is also a collocate of another node (``السعودية`` /
        ``السعوديه``) is one vertex. ``None`` compares nodes as typed.
    ax, seed, node_color, collocate_color, edge_color, title, font, font_size
    label : {"form", "type"}, keyword only
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
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.analyses.collocations import collocates as find_collocates
    >>> c = Corpus.build(["البنك المركزي رفع الفائدة", "قرر البنك المركزي",
    ...                   "البنك الدولي"], progress=False)
    >>> df = find_collocates(c, "البنك", span=(1, 1), min_freq=1, measures=["log_dice"])
    >>> ax = network(df, seed=1)
    >>> sorted(t.get_text() for t in ax.texts) == sorted(
    ...     arabic_text(w) for w in ["البنك", "المركزي", "الدولي", "قرر"])
    True
    """
    import networkx as nx

    from arabcorpus.analyses.measures import ASSOCIATION_MEASURES

    n = _check_n(n)
    label = _check_label(label)
    if isinstance(result, Mapping):
        frames = {str(k): _frame(v, f"result[{k!r}]") for k, v in result.items()}
    else:
        df = _frame(result)
        if "collocate" in df.columns:
            name = node or _params(df).get("node")
            if not name:
                raise ValueError("give node= (the result's attrs do not name its node)")
            frames = {str(name): df}
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
        m = _pick_measure(df, measure, ASSOCIATION_MEASURES, "association")
        values = df[m].to_numpy(dtype=float)
        keep = np.flatnonzero(np.isfinite(values))
        order = keep[np.argsort(-values[keep], kind="stable")][:n]
        forms = (df["form"].astype(str).to_numpy()[order]
                 if label == "form" and "form" in df.columns else None)
        if centre is None:
            w1 = df["w1"].astype(str).to_numpy()[order]
            w2 = df["w2"].astype(str).to_numpy()[order]
            pairs = zip(w1, w2, values[order])
            if forms is not None:  # "form(w1) form(w2)": words hold no space
                for a, b, f in zip(w1, w2, forms):
                    fa, _, fb = f.partition(" ")
                    if fa and fb:
                        written.setdefault(a, fa)
                        written.setdefault(b, fb)
        else:
            centres.add(key[centre])
            colls = df["collocate"].astype(str).to_numpy()[order]
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
                fontsize=font_size * (1.3 if big else 1.0),
                fontweight="bold" if big else "normal", zorder=5,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
    ax.set_axis_off()
    ax.margins(0.12)
    _decorate(ax, family, title)
    return ax


# --------------------------------------------------------------------------- keyness
_KEYNESS_LABELS = {"ll": "log-likelihood (Rayson), signed", "log_ratio": "log ratio (Hardie)",
                   "perc_diff": "%DIFF (Gabrielatos & Marchi)", "chi2": "chi-square, signed",
                   "bic": "BIC, signed"}


def keyness(result: Any, measure: str | None = None, n: int = 15, ax: Any = None,
            colors: tuple[Any, Any] = ("#b2182b", "#2166ac"), title: str | None = None,
            font: str | None = None, fontsize: float | None = None, *, label: str = "form",
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
    n, ax, title, font, fontsize
    colors : (over, under)
    label : {"form", "type"}, keyword only
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
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.analyses.keyness import keyness as find_keyness
    >>> from arabcorpus.io.readers import Document
    >>> docs = [Document("1", "الهلال فاز الهلال فاز اليوم", {"source": "riyadi"}),
    ...         Document("2", "النفط ارتفع اليوم النفط", {"source": "eqt"})]
    >>> c = Corpus.build(docs, progress=False)
    >>> k = find_keyness(c.subcorpus(source="riyadi"), c.subcorpus(source="eqt"),
    ...                  measures=["ll"], min_freq=2)
    >>> ax = keyness(k)
    >>> [bool(p.get_width() > 0) for p in ax.patches]  # الهلال فاز | اليوم النفط
    [True, True, False, False]
    """
    from arabcorpus.analyses.measures import KEYNESS_MEASURES

    df = _frame(result)
    n = _check_n(n)
    _require(df, ["type", "use"], "keyness")
    label = _check_label(label)
    measure = _pick_measure(df, measure, KEYNESS_MEASURES, "keyness", exclude=("p_value",))
    family = _family(font)
    ax = _new_ax(ax, (6.5, 0.28 * min(2 * n, max(len(df), 1)) + 1.5))
    title = f"Key words ({measure.replace('_', ' ')})" if title is None else title
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
    bar_colors = [colors[0] if x > 0 else colors[1] for x in shown]
    bars = _barh(ax, _label_column(df, label, ("type",))[rows], shown, family, bar_colors,
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

    ax.legend(handles=[Patch(color=colors[0], label="over-use in the target"),
                       Patch(color=colors[1], label="under-use in the target")],
              loc="best", framealpha=0.9, edgecolor="none")
    _decorate(ax, family, title, _KEYNESS_LABELS.get(measure, measure))
    return ax


# --------------------------------------------------------------------------- topics
def _topics_frame(model_or_frame: Any, n: int):
    import pandas as pd

    if isinstance(model_or_frame, pd.DataFrame):
        df = model_or_frame
    elif callable(getattr(model_or_frame, "topics", None)):
        df = model_or_frame.topics(n=n)
    else:
        raise TypeError("expected a fitted TopicModel or its topics() DataFrame, got "
                        f"{type(model_or_frame).__name__}")
    _require(df, ["topic", "word", "weight"], "a topic plot")
    return df


def topics(model: Any, n: int = 10, which: Iterable[int] | None = None, ncols: int = 4,
           axes: Any = None, label: str = "form", color: Any = "#6a51a3",
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
    axes : array of Axes, optional
        Draw into these (at least one per topic) instead of a new figure.
    label : {"form", "word", "type"}
        The words as written (``form``, default, or ``word``, the same: the
        ``word`` column, the most frequent surface form) or the modelled types.
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
    ...                       "word": ["النفط", "الأسعار", "الهلال", "المباراة"],
    ...                       "type": ["النفط", "الاسعار", "الهلال", "المباراه"],
    ...                       "weight": [0.05, 0.03, 0.06, 0.02]})
    >>> axes = topics(table)
    >>> len(axes), axes[1].get_title()
    (2, 'topic 1')
    """
    n = _check_n(n)
    ncols = _check_n(ncols, "ncols")
    if label not in ("form", "word", "type"):
        raise ValueError(f"unknown label {label!r}; valid: form, word, type")
    df = _topics_frame(model, n)
    family = _family(font)
    available = sorted(set(df["topic"].astype(int)))
    chosen = available if which is None else [int(t) for t in which]
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ValueError(f"unknown topics {unknown}; valid: "
                         f"{', '.join(map(str, available)) or '(none)'}")
    count = max(len(chosen), 1)
    if axes is None:
        cols = min(ncols, count)
        rows = -(-count // cols)
        fig, grid = _pyplot().subplots(rows, cols, figsize=(2.9 * cols, 0.24 * n * rows + 0.9 * rows),
                                       layout="constrained", squeeze=False)
        flat = grid.ravel()
        for extra in flat[count:]:
            extra.set_visible(False)
    else:
        flat = np.asarray(axes, dtype=object).ravel()
        if len(flat) < count:
            raise ValueError(f"{count} topics need {count} axes, got {len(flat)}")
        fig = flat[0].figure
    if title:
        fig.suptitle(arabic_text(title, family[0]), fontfamily=family)
    if not chosen:
        _empty(flat[0], family, None, "no topics to show: the topics table is empty")
        return flat[:1]
    col = "type" if label == "type" else "word"
    for ax, t in zip(flat, chosen):
        sub = df[df["topic"].astype(int) == t]
        if "rank" in sub.columns:
            sub = sub.sort_values("rank", kind="stable")
        else:
            sub = sub.sort_values("weight", ascending=False, kind="stable")
        sub = sub.head(n)
        _barh(ax, sub[col].astype(str).to_numpy(), sub["weight"].to_numpy(dtype=float),
              family, color, fontsize, **kwargs)
        ax.set_title(f"topic {t}", fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
    return flat[: len(chosen)]


def coherence(table: Any, ax: Any = None, color: Any = "#3b6ea5", band: bool = True,
              title: str | None = None, font: str | None = None, **kwargs: Any):
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
    family = _family(font)
    measure = df.attrs.get("measure", "coherence")
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
    _barh(ax, labels, values, family, color, **kwargs)
    ax.axvline(np.nanmean(values), color="#c0392b", linewidth=1, linestyle="--",
               label=f"mean {np.nanmean(values):.3f}")
    ax.legend(frameon=False)
    _decorate(ax, family, title, f"coherence ({measure})")
    return ax


def topics_over_time(table: Any, which: Iterable[int] | None = None, group: Any = None,
                     words: Any = None, n_words: int = 3, kind: str = "line",
                     ax: Any = None, title: str | None = None, font: str | None = None,
                     **kwargs: Any):
    """Mean topic proportion per period, one line (or stacked area) per topic.

    Parameters
    ----------
    table : pandas.DataFrame
        From :meth:`arabcorpus.analyses.topics.TopicModel.over_time` (``period``, ``topic``,
        ``prevalence``; and the ``by`` column if it was split).
    which : iterable of int, optional
        Topics to draw (default all).
    group : optional
        For a table split with ``by``: the group to draw (required then).
    words : TopicModel or topics DataFrame, optional
        Label each topic in the legend with its first ``n_words`` words.
    kind : {"line", "area"}
    ax, title, font
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
    if kind not in ("line", "area"):
        raise ValueError(f"unknown kind {kind!r}; valid: line, area")
    n_words = _check_n(n_words, "n_words")
    family = _family(font)
    ax = _new_ax(ax, (8, 4.2))
    by = df.attrs.get("by") or next((c for c in df.columns
                                     if c not in ("period", "topic", "prevalence", "n_docs")),
                                    None)
    if by is not None and by in df.columns:
        groups = list(dict.fromkeys(df[by].astype(str)))
        if group is None:
            raise ValueError(f"the table is split by {by!r}: give group=, one of "
                             f"{', '.join(groups)}")
        if str(group) not in groups:
            raise ValueError(f"unknown group {group!r}; valid: {', '.join(groups)}")
        df = df[df[by].astype(str) == str(group)]
    if title is None:
        title = "Topics over time" + (f": {group}" if group is not None else "")
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
        tw = _topics_frame(words, n_words)
        for t in chosen:
            sub = tw[tw["topic"].astype(int) == t].head(n_words)
            if len(sub):
                names[t] = f"{t}: " + "، ".join(sub["word"].astype(str))
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
    ax.legend(frameon=False, prop={"family": family}, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.grid(color="0.92")
    _decorate(ax, family, title, None, "mean topic proportion")
    return ax


# --------------------------------------------------------------------------- word cloud
def _weights(data: Any, column: str | None, topic: int | None, n: int,
             drop: frozenset[str] = frozenset(), label: str = "type") -> dict[str, float]:
    """Word -> positive weight from any of the supported results.

    With ``label="form"`` a table is drawn by its ``form`` column (a topics table by
    its ``word`` column) when it has one, and the weights of the types sharing a
    form are summed; ``drop`` leaves out a row whose type or label it holds.
    """
    import pandas as pd

    from arabcorpus.analyses.measures import ASSOCIATION_MEASURES, KEYNESS_MEASURES

    summed = False
    if isinstance(data, Mapping):
        items = [(w, v, w) for w, v in data.items()]
    elif isinstance(data, pd.Series):
        items = [(w, v, w) for w, v in data.items()]
    elif isinstance(data, pd.DataFrame):
        df = data
        if isinstance(df.columns, pd.MultiIndex):
            forms = (df["form"].to_numpy() if "form" in df.columns.get_level_values(0)
                     else None)
            df = df["all"].reset_index()
            if forms is not None:
                df.insert(1, "form", forms)
        if {"topic", "word", "weight"} <= set(df.columns):
            topics_ = sorted(set(df["topic"].astype(int)))
            if topic is None:
                raise ValueError(f"a topics table needs topic=, one of "
                                 f"{', '.join(map(str, topics_))}")
            if int(topic) not in topics_:
                raise ValueError(f"unknown topic {topic!r}; valid: {', '.join(map(str, topics_))}")
            df = df[df["topic"].astype(int) == int(topic)]
            col = column or "weight"
            types = df["type"] if "type" in df.columns else df["word"]
            labels = types if label == "type" else df["word"]
            summed = label == "form"
        else:
            if "use" in df.columns:  # keyness: the over-used words
                col = column or _pick_measure(df, None, KEYNESS_MEASURES, "keyness",
                                              exclude=("p_value",))
                df = df[df["use"] == "over"]
                candidates: tuple[str, ...] = ("type",)
            elif "collocate" in df.columns:
                col = column or _pick_measure(df, None, ASSOCIATION_MEASURES, "association")
                candidates = ("collocate",)
            else:
                col = column or "frequency"
                candidates = ("type", "ngram", "word", "collocate", "term")
            types = pd.Series(_label_column(df, "type", candidates), index=df.index)
            labels = pd.Series(_label_column(df, label, candidates), index=df.index)
            summed = label == "form" and "form" in df.columns
        if col not in df.columns:
            raise ValueError(f"unknown column {col!r}; valid: {', '.join(map(str, df.columns))}")
        items = list(zip(labels.astype(str), df[col].to_numpy(dtype=float),
                         types.astype(str)))
    else:
        raise TypeError("expected a DataFrame, Series or dict of word weights, got "
                        f"{type(data).__name__}")
    out: dict[str, float] = {}
    for w, v, t in items:
        v = float(v)
        if np.isfinite(v) and v > 0 and str(w) not in drop and str(t) not in drop:
            w = str(w)
            out[w] = out.get(w, 0.0) + v if summed else max(v, out.get(w, 0.0))
    top = sorted(out.items(), key=lambda kv: -kv[1])[:n]
    return dict(top)


def make_wordcloud(weights: Mapping[str, float], n: int = 200, font_path: str | None = None,
                   font: str | None = None, seed: int = 0, width: int = 1200,
                   height: int = 600, background_color: str = "white",
                   colormap: str = "viridis", **kwargs: Any):
    """A :class:`wordcloud.WordCloud` of ``{word: weight}``, Arabic shaped for Pillow.

    Words are prepared with :func:`pillow_text` and laid out with
    ``generate_from_frequencies`` (wordcloud's own tokenizer would split Arabic
    words at diacritics). ``font_path`` defaults to the file of :func:`arabic_font`.
    ``prefer_horizontal`` defaults to 1 (Arabic is not set vertically); other
    ``kwargs`` go to ``WordCloud``.

    Returns
    -------
    wordcloud.WordCloud
        ``layout_`` holds the words as drawn.
    """
    from wordcloud import WordCloud

    n = _check_n(n)
    path = font_path or _font_path(_family(font))
    kwargs.setdefault("prefer_horizontal", 1.0)
    wc = WordCloud(font_path=path, width=width, height=height, max_words=n,
                   background_color=background_color, colormap=colormap,
                   random_state=seed, **kwargs)
    shaped: dict[str, float] = {}
    for w, v in weights.items():
        shaped[pillow_text(str(w), path)] = float(v)
    return wc.generate_from_frequencies(shaped)


def wordcloud(data: Any, n: int = 200, column: str | None = None, topic: int | None = None,
              stopwords: Iterable[str] | None = None, ax: Any = None, title: str | None = None, font: str | None = None,
              font_path: str | None = None, seed: int = 0, *, label: str = "form",
              **kwargs: Any):
    """A word cloud of a frequency list, keyness table, collocates, topic or dict.

    Weights: ``frequency`` of a frequency list (or ``column``); the first measure of
    a keyness table, over-used words only; the first measure of a collocates table;
    ``weight`` of topic ``topic`` of a topics table; the values of a dict or Series.
    Non-positive and non-finite weights are left out.

    The words are shown as written: a table's ``form`` column (a topics table's
    ``word``), or its types when it has none. Rows of different types that show the
    same written form (rare within one corpus, whose types have distinct forms; a
    table put together from several results, or by hand) make one word, whose weight
    is the **sum** of theirs.

    Parameters
    ----------
    data, n, column, topic
    stopwords : iterable of str, optional
        Words to leave out, compared with the types of ``data`` and with the words
        shown (for the ``norm`` layer, e.g. :func:`arabcorpus.text.stem.stopwords`).
    ax, title, font, font_path, seed
    label : {"form", "type"}, keyword only
        Show the words as written (default) or the types (the weights of the types
        are then taken as they are).
    **kwargs
        Passed to :func:`make_wordcloud` (``width``, ``height``, ``colormap``,
        ``background_color`` and any ``WordCloud`` option).

    Returns
    -------
    matplotlib.axes.Axes
        The image is ``ax.images[0]``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = wordcloud({"النفط": 10, "الذهب": 6, "الأسهم": 3}, width=300, height=150)
    >>> ax.images[0].get_array().shape
    (150, 300, 3)
    """
    n = _check_n(n)
    label = _check_label(label)
    weights = _weights(data, column, topic, n, frozenset(stopwords or ()), label)
    family = _family(font)
    ax = _new_ax(ax, (kwargs.get("width", 1200) / 150, kwargs.get("height", 600) / 150))
    if not weights:
        return _empty(ax, family, title, "no words to show: nothing has a positive weight")
    wc = make_wordcloud(weights, n=n, font_path=font_path, font=font, seed=seed, **kwargs)
    ax.imshow(wc.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    _decorate(ax, family, title)
    return ax
