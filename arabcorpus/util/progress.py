"""Progress bars shown where someone watches, for work that takes more than a moment.

Every long step of the package (reading, building, topic models, reports) takes
``progress=None``: a bar appears after :data:`DELAY` seconds of work, and only in a
Jupyter notebook or an interactive terminal (standard error is a TTY), never in a log
or a pipe. ``progress=True`` shows it anyway, ``progress=False`` never. tqdm is
imported only when a bar may be shown.

Examples
--------
>>> with progress_bar(False, total=3, desc="work") as bar:
...     bar.update(3)
>>> wants_bar(False), wants_bar(True)
(False, True)
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

#: Seconds of work before a bar appears when ``progress=None``.
DELAY = 1.0


class NoBar:
    """Stands in for a tqdm bar when none is shown."""

    n = 0

    def update(self, n: int = 1) -> None:
        self.n += n

    def set_postfix_str(self, *args: Any, **kwargs: Any) -> None:
        pass

    def close(self) -> None:
        pass


def in_notebook() -> bool:
    """True in a Jupyter (IPython kernel) session."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:  # an IPython that is imported but not running
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def watched() -> bool:
    """True where a person watches the output: a notebook or a terminal."""
    if in_notebook():
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def check_progress(progress: Any) -> Any:
    """``None``, ``True`` or ``False``; a TypeError otherwise."""
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be None, True or False, "
                        f"got {type(progress).__name__}")
    return progress


def wants_bar(progress: bool | None) -> bool:
    """Whether a bar may be shown: ``progress`` if given, else :func:`watched`."""
    check_progress(progress)
    return watched() if progress is None else progress


@contextlib.contextmanager
def progress_bar(progress: bool | None, *, total: int | None = None, desc: str = "",
                 unit: str = "it", **kwargs: Any) -> Iterator[Any]:
    """A ``tqdm.auto`` bar (after :data:`DELAY` seconds when ``progress`` is None), or
    a :class:`NoBar` when none is wanted."""
    if not wants_bar(progress):
        yield NoBar()
        return
    from tqdm.auto import tqdm

    delay = DELAY if progress is None else 0.0
    with tqdm(total=total, desc=desc, unit=unit, delay=delay, mininterval=0.5,
              **kwargs) as bar:
        yield bar
