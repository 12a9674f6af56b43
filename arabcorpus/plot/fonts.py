"""Fonts for Arabic labels: which family arabcorpus's figures draw Arabic in.

:func:`arabic_font` picks the first installed of :data:`PREFERRED_FONTS` (Amiri,
Noto Naskh Arabic, Noto Sans Arabic, Scheherazade New, Noto Kufi Arabic, and DejaVu
Sans, which matplotlib bundles and which covers Arabic); :func:`set_arabic_font` or a
``font=`` argument of a plot chooses another. DejaVu Sans is always appended as a
fallback, and matplotlib's ``rcParams`` are never changed.

Examples
--------
>>> arabic_font() in PREFERRED_FONTS
True
"""

from __future__ import annotations

import functools

from arabcorpus.util.validate import check_str

__all__ = ["PREFERRED_FONTS", "arabic_font", "set_arabic_font"]

#: Fonts tried in order by :func:`arabic_font` (DejaVu Sans ships with matplotlib).
PREFERRED_FONTS = ("Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", "Scheherazade New",
                   "Noto Kufi Arabic", "DejaVu Sans")

_FALLBACK_FONT = "DejaVu Sans"
_font_setting: str | None = None


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
    check_str(name, "font")
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
    """The font families of a label: ``font`` (default :func:`arabic_font`), then the
    fallback."""
    first = arabic_font() if font is None else _check_font(font)
    return [first] if first == _FALLBACK_FONT else [first, _FALLBACK_FONT]


@functools.lru_cache(maxsize=16)
def _font_file(name: str) -> str:
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=name))


def _font_path(family: list[str]) -> str:
    """The font file of the first family of ``family``."""
    return _font_file(family[0])
