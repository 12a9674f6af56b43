"""Word clouds of frequency lists, keyness tables, collocates, topics or dicts.

:func:`wordcloud` draws into a matplotlib Axes; :func:`make_wordcloud` returns the
:class:`wordcloud.WordCloud` itself. Arabic is prepared for Pillow, which draws the
words, by :func:`arabcorpus.plot.shaping.pillow_text`.

Examples
--------
>>> import matplotlib; matplotlib.use("Agg")
>>> wc = make_wordcloud({"النفط": 10, "الذهب": 6}, width=200, height=100)
>>> len(wc.layout_)
2
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import numpy as np

from arabcorpus.plot._common import (_check_label, _decorate, _empty, _label_column,
                                     _new_ax, _pair_columns, _params, _pick_measure,
                                     _types)
from arabcorpus.plot.fonts import _family, _font_path
from arabcorpus.plot.shaping import pillow_text
from arabcorpus.util.deprecation import keyword_only
from arabcorpus.util.validate import check_int, check_str

__all__ = ["wordcloud", "make_wordcloud"]

# Columns only a collocates or collocations table has.
_COLLOCATION_COLUMNS = ("collocate", "window_tokens", "node_frequency",
                        "collocate_frequency")


def _is_topics_table(df) -> bool:
    return {"topic", "weight"} <= set(df.columns) and any(
        c in df.columns for c in ("type", "form", "word"))


def _weights(data: Any, column: str | None, topic: int | None, n: int,
             drop: frozenset[str] = frozenset(), label: str = "type") -> dict[str, float]:
    """Word -> positive weight from any of the supported results.

    With ``label="form"`` a table is drawn by its ``form`` column (``word`` in a
    topics table of an earlier version) when it has one, and the weights of the types
    sharing a form are summed; ``drop`` leaves out a row whose type or label it holds.
    """
    import pandas as pd

    summed = False
    if isinstance(data, (Mapping, pd.Series)):
        items = [(w, v, w) for w, v in data.items()]
    elif isinstance(data, pd.DataFrame):
        df = data
        if isinstance(df.columns, pd.MultiIndex):
            forms = (df["form"].to_numpy() if "form" in df.columns.get_level_values(0)
                     else None)
            df = df["all"].reset_index()
            if forms is not None:
                df.insert(1, "form", forms)
        if _is_topics_table(df):
            topics_ = sorted(set(df["topic"].astype(int)))
            if topic is None:
                raise ValueError(f"a topics table needs topic=, one of "
                                 f"{', '.join(map(str, topics_))}")
            if int(topic) not in topics_:
                raise ValueError(f"unknown topic {topic!r}; valid: {', '.join(map(str, topics_))}")
            df = df[df["topic"].astype(int) == int(topic)]
            col = column or "weight"
            if "word" in df.columns and "form" not in df.columns:  # an earlier version
                df = df.rename(columns={"word": "form"})
            summed = label == "form" and "form" in df.columns
        elif "use" in df.columns:  # keyness: the over-used words
            col = column or _pick_measure(df, None, "keyness", exclude=("p_value",))
            df = df[df["use"] == "over"]
            summed = label == "form" and "form" in df.columns
        elif (_pair_columns(df) is not None
              or any(c in df.columns for c in _COLLOCATION_COLUMNS)
              or _params(df).get("function") in ("collocates", "collocations")):
            col = column or _pick_measure(df, None, "association")
            summed = label == "form" and "form" in df.columns
        else:
            col = column or "frequency"
            summed = label == "form" and "form" in df.columns
        if col not in df.columns:
            raise ValueError(f"unknown column {col!r}; valid: {', '.join(map(str, df.columns))}")
        items = list(zip(_label_column(df, label), df[col].to_numpy(dtype=float),
                         _types(df)))
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


@keyword_only("weights", old=("n", "font_path", "font", "seed", "width", "height",
                              "background_color", "colormap"))
def make_wordcloud(weights: Mapping[str, float], *, n: int = 200,
                   font_path: str | None = None, font: str | None = None, seed: int = 0,
                   width: int = 1200, height: int = 600, background_color: str = "white",
                   colormap: str = "viridis", **kwargs: Any):
    """A :class:`wordcloud.WordCloud` of ``{word: weight}``, Arabic shaped for Pillow.

    Words are prepared with :func:`~arabcorpus.plot.shaping.pillow_text` and laid out
    with ``generate_from_frequencies`` (wordcloud's own tokenizer would split Arabic
    words at diacritics). ``font_path`` defaults to the file of
    :func:`~arabcorpus.plot.fonts.arabic_font`. ``prefer_horizontal`` defaults to 1
    (Arabic is not set vertically); other ``kwargs`` go to ``WordCloud``.

    Returns
    -------
    wordcloud.WordCloud
        ``layout_`` holds the words as drawn.

    Examples
    --------
    >>> wc = make_wordcloud({"oil": 3, "gold": 1}, width=200, height=100)
    >>> sorted(item[0][0] for item in wc.layout_)
    ['gold', 'oil']
    """
    from wordcloud import WordCloud

    n = check_int(n, "n", minimum=1)
    if font_path is not None:
        check_str(font_path, "font_path")
    path = font_path or _font_path(_family(font))
    kwargs.setdefault("prefer_horizontal", 1.0)
    wc = WordCloud(font_path=path, width=width, height=height, max_words=n,
                   background_color=background_color, colormap=colormap,
                   random_state=seed, **kwargs)
    shaped: dict[str, float] = {}
    for w, v in weights.items():
        shaped[pillow_text(str(w), path)] = float(v)
    return wc.generate_from_frequencies(shaped)


@keyword_only("data", old=("n", "column", "topic", "stopwords", "ax", "title", "font",
                           "font_path", "seed"))
def wordcloud(data: Any, *, n: int = 200, column: str | None = None,
              topic: int | None = None, stopwords: Iterable[str] | None = None,
              ax: Any = None, title: str | None = None, font: str | None = None,
              font_path: str | None = None, seed: int = 0, label: str = "form",
              **kwargs: Any):
    """A word cloud of a frequency list, keyness table, collocates, topic or dict.

    Weights: ``frequency`` of a frequency list (or ``column``); the first measure of
    a keyness table, over-used words only; the first measure of a collocates table;
    ``weight`` of topic ``topic`` of a topics table; the values of a dict or Series.
    Non-positive and non-finite weights are left out.

    The words are shown as written: a table's ``form`` column, or its types when it
    has none. Rows of different types that show the same written form (rare within
    one corpus, whose types have distinct forms; a table put together from several
    results, or by hand) make one word, whose weight is the **sum** of theirs.

    Parameters
    ----------
    data, n, column, topic
    stopwords : iterable of str, optional
        Words to leave out, compared with the types of ``data`` and with the words
        shown (for the ``norm`` layer, e.g. :func:`arabcorpus.text.stem.stopwords`).
    ax, title, font, font_path, seed
    label : {"form", "type"}
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
    n = check_int(n, "n", minimum=1)
    label = _check_label(label)
    if isinstance(stopwords, str):
        raise TypeError("stopwords must be an iterable of words, got a str")
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
