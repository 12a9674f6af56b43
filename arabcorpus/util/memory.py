"""Giving freed memory back to the operating system.

Examples
--------
>>> release_free_memory()  # a no-op where the C library has no malloc_trim
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["release_free_memory"]

_TRIM: list[Any] = []


def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library, another system)."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return None
    try:  # the symbols of the running program, the C library's among them
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> None:
    """Give the free pages inside the C heap back to the system (``malloc_trim(0)``
    where glibc has it; nothing elsewhere).

    A long job (a corpus build, the report) frees many blocks in the middle of the
    heap between blocks that stay, and the C library keeps those pages resident, so
    the process' peak grows from step to step; giving them back between steps keeps
    it near what is in use (figures where it is called).
    """
    if not _TRIM:
        _TRIM.append(_malloc_trim())
    if _TRIM[0] is not None:
        _TRIM[0](0)
