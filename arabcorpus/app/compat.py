"""What the command line and the report read from the analyses, by name.

The analyses' columns follow the vocabulary of the API (the item column is ``type``,
then ``form``; ``range`` is a count of documents and ``range_pct`` a percentage; the
keyness log-likelihood is ``log_likelihood``). :func:`column` finds a column by its
name and accepts the names of the previous release (``collocate``, ``term``, ``ll``,
``doc_frequency``...) where the new one is absent, so saved results and older tables
still read. :func:`library_default` reads a default from a function's signature, so
the command line cannot drift from the library.

Examples
--------
>>> import pandas as pd
>>> old = pd.DataFrame({"collocate": ["a"], "ll": [1.0]})
>>> column(old, "type"), column(old, "log_likelihood")
('collocate', 'll')
>>> column(pd.DataFrame({"type": ["a"], "log_likelihood": [1.0]}), "log_likelihood")
'log_likelihood'
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

__all__ = ["OLD_COLUMNS", "column", "has_column", "library_default", "parameter",
           "library_progress", "keyness_ll"]

#: new column name -> the names it had in the previous release, in the order tried.
OLD_COLUMNS: dict[str, tuple[str, ...]] = {
    "type": ("collocate", "term", "ngram", "word"),
    "type_1": ("w1",),
    "type_2": ("w2",),
    "log_likelihood": ("ll",),
    "range": ("doc_frequency",),
    "range_pct": ("range",),
}


def column(df: Any, name: str) -> str:
    """The column of ``df`` that holds ``name``: ``name`` itself, else its old name.

    ``range`` (a document count) is ``doc_frequency`` in a table that still has the
    old percentage ``range`` (no ``range_pct`` beside it).

    Raises
    ------
    KeyError
        If neither the name nor an old name is a column (listing the columns).

    Examples
    --------
    >>> import pandas as pd
    >>> old = pd.DataFrame({"type": ["a"], "doc_frequency": [2], "range": [50.0]})
    >>> column(old, "range"), column(old, "range_pct")
    ('doc_frequency', 'range')
    >>> new = pd.DataFrame({"type": ["a"], "range": [2], "range_pct": [50.0]})
    >>> column(new, "range"), column(new, "range_pct")
    ('range', 'range_pct')
    """
    cols = set(map(str, df.columns))
    if name == "range" and "range_pct" not in cols and "doc_frequency" in cols:
        return "doc_frequency"
    if name in cols:
        return name
    for old in OLD_COLUMNS.get(name, ()):
        if old in cols:
            return old
    raise KeyError(f"no column {name!r}; columns: {', '.join(map(str, df.columns))}")


def has_column(df: Any, name: str) -> bool:
    """Whether :func:`column` finds ``name`` in ``df``."""
    try:
        column(df, name)
    except KeyError:
        return False
    return True


def parameter(fn: Callable, *names: str) -> str:
    """The first of ``names`` that is a parameter of ``fn`` (its new name first).

    Examples
    --------
    >>> def f(corpus, *, window=5):
    ...     pass
    >>> parameter(f, "window", "span")
    'window'
    """
    params = inspect.signature(fn).parameters
    for name in names:
        if name in params:
            return name
    raise TypeError(f"{getattr(fn, '__qualname__', fn)}() has none of the parameters "
                    f"{', '.join(names)}")


def library_default(fn: Callable, *names: str) -> Any:
    """The default of the first of ``names`` that ``fn`` takes (see :func:`parameter`).

    Examples
    --------
    >>> def f(corpus, *, min_freq=3):
    ...     pass
    >>> library_default(f, "min_freq")
    3
    """
    default = inspect.signature(fn).parameters[parameter(fn, *names)].default
    if default is inspect.Parameter.empty:
        raise TypeError(f"{getattr(fn, '__qualname__', fn)}() has no default for "
                        f"{names[0]}")
    return default


def library_progress(fn: Callable, progress: bool | None) -> bool | None:
    """``progress`` for ``fn``: ``None`` (the library decides, see
    :func:`arabcorpus.util.progress.progress_bar`) where ``fn`` defaults to ``None``,
    else ``None`` resolved here to ``True`` on a terminal or in a notebook."""
    from arabcorpus.util.progress import check_progress, wants_bar

    check_progress(progress)
    if progress is not None or library_default(fn, "progress") is None:
        return progress
    return wants_bar(None)


def keyness_ll() -> str:
    """The keyness log-likelihood's measure name: ``log_likelihood`` (``ll`` in the
    previous release)."""
    from arabcorpus.analyses.measures import KEYNESS_MEASURES

    return "log_likelihood" if "log_likelihood" in KEYNESS_MEASURES else "ll"
