"""Renamed arguments keep working for one release, with a :class:`DeprecationWarning`.

Examples
--------
>>> import warnings
>>> @renamed(span="window")
... def f(*, window=5):
...     return window
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     f(span=3)
3
>>> str(caught[0].message)
'f(span=...) is deprecated; use window=... (removed in 0.2)'
>>> @keyword_only("corpus", old=("layer",))
... def g(corpus, *, layer="norm"):
...     return layer
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     g("c", "lemma")
'lemma'
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

REMOVED_IN = "0.2"


def warn(message: str, *, stacklevel: int = 3) -> None:
    """A DeprecationWarning that says when the old way goes."""
    warnings.warn(f"{message} (removed in {REMOVED_IN})", DeprecationWarning,
                  stacklevel=stacklevel)


def renamed(**old_to_new: str | Callable[[dict], None]) -> Callable:
    """Accept old keyword names: ``@renamed(span="window")`` maps ``span=`` to
    ``window=`` with a warning; the new name wins an error if both are given."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{fn.__name__}() got both {old}= (deprecated) "
                                        f"and {new}=")
                    warn(f"{fn.__name__}({old}=...) is deprecated; use {new}=...")
                    kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return inner

    return wrap


def keyword_only(*positional: str, old: tuple[str, ...] = ()) -> Callable:
    """Options became keyword-only: extra positional arguments of an old call are
    taken, in the order ``old`` gives, with a warning.

    ``positional`` names the parameters that stay positional (the corpus, the query).
    """

    def wrap(fn: Callable) -> Callable:
        n = len(positional)

        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            if len(args) > n:
                extra = args[n:]
                if len(extra) > len(old):
                    raise TypeError(f"{fn.__name__}() takes {n} positional arguments "
                                    f"but {len(args)} were given")
                names = old[:len(extra)]
                warn(f"{fn.__name__}(): pass {', '.join(names)} by keyword "
                     f"({', '.join(f'{k}=...' for k in names)})")
                for k, v in zip(names, extra):
                    if k in kwargs:
                        raise TypeError(f"{fn.__name__}() got multiple values for {k!r}")
                    kwargs[k] = v
                args = args[:n]
            return fn(*args, **kwargs)

        return inner

    return wrap
