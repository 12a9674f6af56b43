"""Argument checks shared by the whole package: one message for one mistake.

A wrong type is a :class:`TypeError`, a wrong value (an unknown name, a number out of
range) a :class:`ValueError` that lists what is valid.

Examples
--------
>>> check_choice("pmi", "measure", ("mi", "log_dice"))
Traceback (most recent call last):
...
ValueError: unknown measure 'pmi'; valid: mi, log_dice
>>> check_int(0, "n", minimum=1)
Traceback (most recent call last):
...
ValueError: n must be >= 1, got 0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np


def check_str(value: Any, name: str, *, optional: bool = False) -> Any:
    """``value`` if it is a str (or None when ``optional``), else a TypeError."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def check_choice(value: Any, name: str, choices: Iterable[str]) -> str:
    """``value`` if it is one of ``choices``; a ValueError listing them otherwise."""
    check_str(value, name)
    choices = tuple(choices)
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; valid: {', '.join(map(str, choices))}")
    return value


def check_int(value: Any, name: str, *, minimum: int | None = 0,
              maximum: int | None = None) -> int:
    """``value`` as an int if it is an integer (not a bool) within the bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return int(value)


def check_number(value: Any, name: str, *, minimum: float | None = None,
                 maximum: float | None = None) -> float:
    """``value`` as a float if it is a real number (not a bool, not NaN) in bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    value = float(value)
    if value != value:
        raise ValueError(f"{name} must be a number, got NaN")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value:g}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value:g}")
    return value


def check_bool(value: Any, name: str, *, optional: bool = False) -> Any:
    """``value`` if it is a bool (or None when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def check_window(value: Any, name: str = "window", *, minimum: int = 0
                 ) -> tuple[int, int]:
    """A context window as ``(left, right)``: an int is the same on both sides.

    >>> check_window(5)
    (5, 5)
    >>> check_window((2, 0))
    (2, 0)
    """
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a (left, right) pair, "
                             f"got {len(value)} values")
        left = check_int(value[0], f"{name}[0]", minimum=minimum)
        right = check_int(value[1], f"{name}[1]", minimum=minimum)
        return left, right
    n = check_int(value, name, minimum=minimum)
    return n, n


def check_names(values: Any, name: str, choices: Iterable[str]) -> tuple[str, ...]:
    """A name or a sequence of names, each one of ``choices``, as a tuple (no
    repeats, order kept); an empty sequence is a ValueError."""
    if isinstance(values, str):
        values = (values,)
    try:
        values = tuple(values)
    except TypeError:
        raise TypeError(f"{name} must be a name or a sequence of names, "
                        f"got {type(values).__name__}") from None
    if not values:
        raise ValueError(f"{name} is empty; valid: {', '.join(choices)}")
    choices = tuple(choices)
    for v in values:
        check_choice(v, name.rstrip("s") if name.endswith("s") else name, choices)
    return tuple(dict.fromkeys(values))
