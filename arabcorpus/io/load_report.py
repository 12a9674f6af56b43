"""The load report: what one pass over a source read, skipped and found duplicated.

:class:`LoadReport` with its rows, :class:`Skipped` (a record or file not turned into a
document, and why) and :class:`Duplicate`, and :class:`ReadError`, raised under
``strict=True``. A module of its own because everything that reads fills these and
everything downstream (the corpus, the Dask reader, the HTML report) reads them back,
without needing the readers themselves. Named ``load_report`` after its class, and so
as not to be taken for :mod:`arabcorpus.app.report`, the HTML report of a corpus.

Examples
--------
>>> from arabcorpus.io.readers import read
>>> report = read(["نص", ""]).report
>>> report.documents_read, report.skipped[0].kind
(1, 'empty_text')
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["SKIP_KINDS", "Skipped", "Duplicate", "ReadError", "LoadReport"]

#: Kinds of :class:`Skipped` entries.
SKIP_KINDS: tuple[str, ...] = ("undecodable", "malformed", "missing_text", "empty_text",
                               "bad_text", "missing_id", "duplicate_id", "not_a_record",
                               "unsafe_member", "too_large", "unsupported", "unreadable",
                               "no_article", "revisit", "repeated_url")


class Skipped(NamedTuple):
    """A record or file that was not turned into a document, and why.

    ``position`` locates the record in ``file`` in the unit named by ``unit``:
    ``"index"`` (0-based JSON array index), ``"line"`` (1-based line of a JSON Lines or
    CSV file), ``"row"`` (0-based DataFrame row), ``"item"`` (0-based item of an
    iterable), ``"offset"`` (byte offset of a WARC record); ``None`` when the whole
    file is concerned. ``kind`` is one of
    ``SKIP_KINDS``; ``reason`` is readable and gives byte offsets or line/column.
    """

    file: str
    position: int | None
    reason: str
    kind: str
    unit: str | None = None


class Duplicate(NamedTuple):
    """A document whose normalized text equals that of an earlier one (``first_id``);
    under ``duplicates="near"``, a document of a near-duplicate cluster whose first
    document is ``first_id``."""

    id: str
    first_id: str
    file: str
    position: int | None
    unit: str | None = None


class ReadError(ValueError):
    """A problem in the input, raised under ``strict=True`` (and for refused archives).

    The message names the file and the position; the attributes hold them.
    """

    def __init__(self, file: str, position: int | None, reason: str, kind: str,
                 unit: str | None = None) -> None:
        self.file, self.position, self.reason = file, position, reason
        self.kind, self.unit = kind, unit
        where = file if position is None else f"{file}, {unit or 'position'} {position}"
        super().__init__(f"{where}: {reason}")


@dataclass
class LoadReport:
    """What one pass over a source read, skipped and found duplicated.

    Attributes
    ----------
    source : str
        The source as given (path or a description).
    files_read : list of str
        Files (and archive members, as ``archive.zip:member``) read, in order.
    documents_read : int
        Documents yielded.
    skipped : list of Skipped
        Every record or file not turned into a document, with its reason.
    duplicates : list of Duplicate
        Documents whose text, normalized with ``Normalizer("search")``, equals an
        earlier document's. Kept or dropped as ``duplicates_policy`` says.
    duplicates_policy : {"keep", "drop", "near", None}
        ``None`` means duplicates were not looked for; ``"near"`` that near
        duplicates were dropped (each with the first document of its cluster).
    encodings : dict
        File -> encoding used to decode it (``"utf-8-sig"`` when a BOM was present).
    ignored : list of str
        Files of a folder or archive that are not in a readable format.
    surrogates_replaced : int
        Lone surrogates (``"\\ud800"`` in JSON, or in strings given directly) replaced
        with U+FFFD REPLACEMENT CHARACTER; such a character cannot be encoded in UTF-8,
        so it would stop every later save, concordance or report.
    records : dict
        WARC records by kind (``html`` for the pages; ``request``, ``redirect``,
        ``image``, ``not_html``, ``revisit``...: see :mod:`arabcorpus.io.warc`), so
        that every record of a crawl is accounted for.
    complete : bool
        True once a full pass ended.

    Examples
    --------
    >>> from arabcorpus.io.readers import read
    >>> docs = read(["نص", "نص", ""])
    >>> report = docs.report
    >>> report.documents_read, report.n_skipped, report.n_duplicates
    (2, 1, 1)
    >>> print(report)  # doctest: +ELLIPSIS
    LoadReport: 3 items (iterable)
      files read:     0
      documents read: 2
      skipped:        1 (empty_text: 1)
      duplicates:     1 found, kept (same text after Normalizer('search'))
      ...
    """

    source: str = ""
    format: str = ""
    files_read: list[str] = field(default_factory=list)
    documents_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    duplicates_policy: str | None = "keep"
    encodings: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    complete: bool = False
    surrogates_replaced: int = 0
    records: dict[str, int] = field(default_factory=dict)

    @property
    def n_skipped(self) -> int:
        """Number of skipped records and files."""
        return len(self.skipped)

    @property
    def n_duplicates(self) -> int:
        """Number of exact duplicates found (kept or dropped)."""
        return len(self.duplicates)

    @property
    def duplicates_dropped(self) -> int:
        """Number of duplicates left out of the stream."""
        return len(self.duplicates) if self.duplicates_policy in ("drop", "near") else 0

    @property
    def encoding(self) -> str | None:
        """The encoding of all files if they share one, else ``'+'``-joined names."""
        names = sorted(set(self.encodings.values()))
        return "+".join(names) if names else None

    def skipped_by_kind(self) -> dict[str, int]:
        """Counts of skipped entries by kind."""
        return dict(Counter(s.kind for s in self.skipped).most_common())

    def to_frame(self):
        """The skipped table as a pandas DataFrame (file, unit, position, kind, reason).

        Examples
        --------
        >>> from arabcorpus.io.readers import read
        >>> read(["", "نص"]).report.to_frame()[["position", "kind"]]
           position        kind
        0         0  empty_text
        """
        import pandas as pd

        cols = ["file", "unit", "position", "kind", "reason"]
        rows = [(s.file, s.unit, s.position, s.kind, s.reason) for s in self.skipped]
        frame = pd.DataFrame(rows, columns=cols)
        frame["position"] = frame["position"].astype("Int64")
        return frame

    def duplicates_frame(self):
        """The duplicates as a pandas DataFrame (id, first_id, file, unit, position)."""
        import pandas as pd

        cols = ["id", "first_id", "file", "unit", "position"]
        rows = [(d.id, d.first_id, d.file, d.unit, d.position) for d in self.duplicates]
        frame = pd.DataFrame(rows, columns=cols)
        frame["position"] = frame["position"].astype("Int64")
        return frame

    def __str__(self) -> str:
        kinds = ", ".join(f"{k}: {n:,}" for k, n in self.skipped_by_kind().items())
        if self.duplicates_policy is None:
            dup = "not checked (duplicates=None)"
        elif self.duplicates_policy == "near":
            dup = (f"{self.n_duplicates:,} near duplicates dropped (Jaccard >= 0.8 of "
                   "word 2-shingles; the first of each cluster kept)")
        else:
            fate = "dropped" if self.duplicates_policy == "drop" else "kept"
            dup = (f"{self.n_duplicates:,} found, {fate} "
                   "(same text after Normalizer('search'))")
        lines = [
            f"LoadReport: {self.source} ({self.format})"
            + ("" if self.complete else "  [incomplete: the pass has not ended]"),
            f"  files read:     {len(self.files_read):,}",
            f"  documents read: {self.documents_read:,}",
            f"  skipped:        {self.n_skipped:,}" + (f" ({kinds})" if kinds else ""),
            f"  duplicates:     {dup}",
            f"  encoding:       {self.encoding or '-'}",
        ]
        if self.records:
            counts = ", ".join(f"{k}: {n:,}" for k, n in
                               sorted(self.records.items(), key=lambda kv: -kv[1]))
            lines.append(f"  WARC records:   {sum(self.records.values()):,} ({counts})")
        if self.ignored:
            lines.append(f"  ignored files:  {len(self.ignored):,} "
                         f"(not a readable format, e.g. {self.ignored[0]})")
        if self.surrogates_replaced:
            lines.append(f"  replaced:       {self.surrogates_replaced:,} lone "
                         "surrogates with U+FFFD")
        shown = self.skipped[:10]
        if shown:
            lines.append("  skipped (first 10):" if self.n_skipped > 10 else "  skipped:")
            for s in shown:
                where = s.file if s.position is None else f"{s.file}, {s.unit} {s.position}"
                lines.append(f"    {where}: {s.reason}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>"

