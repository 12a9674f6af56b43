"""The indexed corpus: documents as integer-encoded tokens in NumPy arrays, one layer per
way of counting a word, with metadata; kept in memory or in shards on disk.

One interface, :class:`~arabcorpus.corpus.base.CorpusBase`, two storages:
:class:`Corpus` (:mod:`~arabcorpus.corpus.memory`) and :class:`ShardedCorpus`
(:mod:`~arabcorpus.corpus.sharded`). :func:`build` and :func:`load` give the one the
arguments ask for (as :meth:`Corpus.build` and :meth:`Corpus.load` do).

Modules: :mod:`~arabcorpus.corpus.base` (the interface), :mod:`~arabcorpus.corpus.memory`,
:mod:`~arabcorpus.corpus.sharded`, :mod:`~arabcorpus.corpus.format` (the on-disk
format), :mod:`~arabcorpus.corpus.builder` (building), :mod:`~arabcorpus.corpus.encoder`
(type ids), :mod:`~arabcorpus.corpus.layers` (the derived layers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from arabcorpus.corpus.base import CorpusBase
from arabcorpus.corpus.builder import build
from arabcorpus.corpus.layers import LAYERS, NO_CLITICS
from arabcorpus.corpus.memory import Corpus
from arabcorpus.corpus.sharded import ShardedCorpus

__all__ = ["Corpus", "ShardedCorpus", "CorpusBase", "LAYERS", "NO_CLITICS", "build",
           "load"]


def load(path: str | Path, *, mmap_mode: str | None = "r", verify: bool = True) -> Any:
    """The corpus in the folder ``path``: a :class:`Corpus`, or a
    :class:`ShardedCorpus` for the folder of a sharded build (see
    :meth:`Corpus.load`, whose arguments these are).

    Examples
    --------
    >>> import tempfile
    >>> c = build(["نص أول", "نص ثان"], progress=False)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = c.save(tmp + "/c")
    ...     load(tmp + "/c") == c
    True
    """
    return Corpus.load(path, mmap_mode=mmap_mode, verify=verify)
