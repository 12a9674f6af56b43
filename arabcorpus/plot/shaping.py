"""Arabic text in matplotlib and Pillow: how a label is prepared so that it reads.

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
forces one. Pillow, which draws :func:`arabcorpus.plot.wordcloud`, is handled the same
way by its own capability: ``PIL.features.check("raqm")`` (:func:`pillow_text`).

The font a label is drawn in is :func:`arabcorpus.plot.fonts.arabic_font`'s.

Examples
--------
>>> arabic_text("Zipf")
'Zipf'
>>> arabic_layout() in LAYOUTS
True
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Any

import numpy as np

from arabcorpus.plot.fonts import _FALLBACK_FONT, _font_path, arabic_font
from arabcorpus.text.chars import has_arabic, has_presentation_forms
from arabcorpus.util.validate import check_choice, check_str

__all__ = ["LAYOUTS", "arabic_layout", "set_arabic_layout", "arabic_text", "pillow_text"]

#: Values of :func:`set_arabic_layout`.
LAYOUTS = ("auto", "native", "reshape")

_layout_setting = "auto"


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
    _layout_setting = check_choice(layout, "layout", LAYOUTS)


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
        The font family the text will be drawn in (default :func:`~arabcorpus.plot.fonts.arabic_font`):
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
    check_str(s, "s")
    if not has_arabic(s):
        return s
    if has_presentation_forms(s):
        warnings.warn(f"{s!r} holds Arabic presentation forms, so it looks reshaped "
                      "already; pass text in logical order", UserWarning, stacklevel=2)
    if arabic_layout() == "native":
        return s
    return _visual_order(s, _font_path([font or arabic_font()]))


def pillow_text(s: str, font_path: str | None = None) -> str:
    """Prepare a string for Pillow (used by :func:`~arabcorpus.plot.wordcloud`).

    Pillow built with libraqm (``PIL.features.check("raqm")``, true of the PyPI
    wheels) shapes and orders Arabic itself, so ``s`` is returned as is; without
    it, ``s`` is reshaped and put in visual order as in :func:`arabic_text`, with
    the ligatures of the font file ``font_path`` (default: the file of
    :func:`~arabcorpus.plot.fonts.arabic_font`).

    Examples
    --------
    >>> pillow_text("oil")
    'oil'
    """
    check_str(s, "s")
    if not has_arabic(s) or _pillow_shapes():
        return s
    return _visual_order(s, font_path or _font_path([arabic_font()]))


@functools.lru_cache(maxsize=1)
def _pillow_shapes() -> bool:
    from PIL import features

    return bool(features.check("raqm"))
