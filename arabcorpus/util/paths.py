"""Folders the package reads and writes: the data folder and the download cache.

Examples
--------
>>> isinstance(cache_dir(), Path)
True
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The download and lexicon cache folder (not created here).

    ``$ARABCORPUS_CACHE`` if set, else the user cache folder given by
    ``pooch.os_cache("arabcorpus")`` (``~/.cache/arabcorpus`` on Linux).
    """
    value = os.environ.get("ARABCORPUS_CACHE", "")
    if value:
        return Path(value).expanduser()
    import pooch

    return Path(pooch.os_cache("arabcorpus"))


def data_home() -> Path | None:
    """``$ARABCORPUS_DATA`` as a Path, or None if it is unset or empty."""
    value = os.environ.get("ARABCORPUS_DATA", "")
    return Path(value).expanduser() if value else None
