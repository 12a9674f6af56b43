"""What a read yields and how a pass runs: :class:`Document`, the reading options, the
per-pass context that skips (or raises) and turns records into documents, and
:class:`DocumentStream`, the restartable stream that applies the duplicates policy.

The format readers (:mod:`.formats`, :mod:`.saudinewsnet`) are *producers*: a function
of a context that yields the documents of one pass; the stream runs a producer again
for every pass, with a fresh :class:`~arabcorpus.io.load_report.LoadReport`.

Examples
--------
>>> from arabcorpus.io.readers import read_iterable
>>> docs = read_iterable(["مرحبا", "مرحبا"], duplicates="drop")
>>> [d.text for d in docs], docs.report.n_duplicates
(['مرحبا'], 1)
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from arabcorpus.io.encodings import check_encoding
from arabcorpus.io.load_report import Duplicate, LoadReport, ReadError, Skipped
from arabcorpus.util.validate import check_bool, check_choice, check_int, check_str

__all__ = ["Document", "DocumentStream", "DUPLICATES", "EMPTY", "DEFAULT_MAX_UNCOMPRESSED"]

#: Values of ``duplicates=``: keep exact duplicates (default), drop them, drop near
#: duplicates too (``"near"``: MinHash LSH, see :mod:`arabcorpus.io.duplicates`), or do
#: not look (``None``).
DUPLICATES: tuple[str | None, ...] = ("keep", "drop", "near", None)
#: Values of ``empty=``: skip documents whose text is empty or blank (default), or keep.
EMPTY: tuple[str, ...] = ("skip", "keep")
#: Default limit on the uncompressed size of one archive member: 512 MiB (a day of
#: SaudiNewsNet is a few MB; a member beyond this is skipped and reported).
DEFAULT_MAX_UNCOMPRESSED: int = 512 * 1024 ** 2
_LONE = re.compile("[\ud800-\udfff]")  # lone surrogates (a valid pair decodes to one)
_DUP_BATCH_CHARS = 1 << 20  # normalize about 1M characters at a time (fastest)
_DUP_BATCH_DOCS = 4096


@dataclass(frozen=True)
class Document:
    """One document: an id, its text and a metadata dict.

    ``meta`` keys become metadata columns of a corpus (SaudiNewsNet gives ``source``,
    ``url``, ``date`` as an ISO ``'YYYY-MM-DD'`` string, ``date_extracted``, ``title``,
    ``author`` and ``file``).

    Examples
    --------
    >>> Document("a/1", "نص قصير", {"source": "sabq"}).meta["source"]
    'sabq'
    """

    id: str
    text: str
    meta: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- options
@dataclass(frozen=True)
class _Options:
    text_field: str = "text"
    id_field: str | None = None
    encoding: str = "utf-8"
    strict: bool = False
    empty: str = "skip"
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED
    delimiter: str | None = None
    rules: tuple | None = None  # the news rules of web pages (None: DEFAULT_RULES)


def _make_options(text_field: Any = "text", id_field: Any = None,
                  encoding: Any = "utf-8", strict: Any = False, empty: Any = "skip",
                  max_uncompressed: Any = DEFAULT_MAX_UNCOMPRESSED,
                  delimiter: Any = None, rules: Any = None) -> _Options:
    """The reading options, checked (a TypeError or ValueError naming the option)."""
    check_str(text_field, "text_field")
    check_str(id_field, "id_field", optional=True)
    check_str(delimiter, "delimiter", optional=True)
    check_choice(empty, "empty", EMPTY)
    check_int(max_uncompressed, "max_uncompressed", minimum=0)
    if delimiter is not None and len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character, got {delimiter!r}")
    if rules is not None:
        from arabcorpus.io.news import _check_rules

        rules = _check_rules(rules)
    return _Options(text_field=text_field, id_field=id_field,
                    encoding=check_encoding(encoding), strict=check_bool(strict, "strict"),
                    empty=empty, max_uncompressed=max_uncompressed, delimiter=delimiter,
                    rules=rules)


def _check_duplicates(duplicates: Any) -> str | None:
    """``"keep"``, ``"drop"``, ``"near"`` or None."""
    if duplicates is None:
        return None
    if not isinstance(duplicates, str):
        raise TypeError(f"duplicates must be 'keep', 'drop', 'near' or None, got "
                        f"{type(duplicates).__name__}")
    return check_choice(duplicates, "duplicates", ("keep", "drop", "near"))


# --------------------------------------------------------------------------- context
class _Context:
    """State of one pass: the report, the options, and the skip/raise decision."""

    def __init__(self, report: LoadReport, opts: _Options) -> None:
        self.report = report
        self.opts = opts
        self.ids: set[str] | None = set() if opts.id_field else None

    def skip(self, file: str, position: int | None, unit: str | None, kind: str,
             reason: str) -> None:
        if self.opts.strict:
            raise ReadError(file, position, reason, kind, unit)
        self.report.skipped.append(Skipped(file, position, reason, kind, unit))

    def file_read(self, file: str, encoding: str | None) -> None:
        self.report.files_read.append(file)
        if encoding is not None:
            self.report.encodings[file] = encoding


class _Item(NamedTuple):
    doc: Document
    file: str
    position: int | None
    unit: str | None


def _is_blank(text: str) -> bool:
    return not text or text.isspace()


def _replace_lone(ctx: _Context, value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys included, recursively)
    replaced by U+FFFD, counted in ``report.surrogates_replaced``; ``value`` itself
    (the same object) when it holds none."""
    if isinstance(value, str):
        if not _LONE.search(value):
            return value
        new, n = _LONE.subn("\ufffd", value)
        ctx.report.surrogates_replaced += n
        return new
    if isinstance(value, list):
        items = [_replace_lone(ctx, v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, Mapping):
        pairs = [(_replace_lone(ctx, k), _replace_lone(ctx, v)) for k, v in value.items()]
        if all(k2 is k and v2 is v for (k2, v2), (k, v) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    if isinstance(value, Document):
        parts = (_replace_lone(ctx, value.id), _replace_lone(ctx, value.text),
                 _replace_lone(ctx, value.meta))
        if all(a is b for a, b in zip(parts, (value.id, value.text, value.meta))):
            return value
        return Document(*parts)
    return value


_TOO_DEEP = object()


def _replace_lone_or_skip(ctx: _Context, rec: Any, file: str, position: int | None,
                          unit: str | None) -> Any:
    """:func:`_replace_lone`, or ``_TOO_DEEP`` (reported) if ``rec`` is nested too
    deeply to walk."""
    try:
        return _replace_lone(ctx, rec)
    except RecursionError:
        ctx.skip(file, position, unit, "malformed",
                 "a value nested too deeply to check for lone surrogates "
                 "(RecursionError)")
        return _TOO_DEEP


def _make_doc(ctx: _Context, rec: Any, default_id: str, file: str, position: int | None,
              unit: str | None, text_field: str | None = None,
              meta_fn: Callable[[dict], dict] | None = None) -> Document | None:
    """Turn one record (str, mapping or Document) into a Document, or skip it."""
    opts = ctx.opts
    text_field = text_field or opts.text_field
    if isinstance(rec, Document):
        doc = rec
    elif isinstance(rec, str):
        doc = Document(default_id, rec, {})
    elif isinstance(rec, Mapping):
        if text_field not in rec or rec[text_field] is None:
            ctx.skip(file, position, unit, "missing_text",
                     f"missing text field {text_field!r}")
            return None
        text = rec[text_field]
        if not isinstance(text, str):
            ctx.skip(file, position, unit, "bad_text",
                     f"text field {text_field!r} is a {type(text).__name__}, not a string")
            return None
        doc_id = default_id
        if opts.id_field is not None:
            value = rec.get(opts.id_field)
            if value is None or value == "":
                ctx.skip(file, position, unit, "missing_id",
                         f"missing id field {opts.id_field!r}")
                return None
            doc_id = str(value)
        if meta_fn is not None:
            meta = meta_fn(rec)
        else:
            meta = {k: v for k, v in rec.items() if k != text_field and k != opts.id_field}
        doc = Document(doc_id, text, meta)
    else:
        ctx.skip(file, position, unit, "not_a_record",
                 f"a {type(rec).__name__}, not a string or an object")
        return None
    if opts.empty == "skip" and _is_blank(doc.text):
        what = "empty text" if isinstance(rec, (str, Document)) else \
            f"empty text field {text_field!r}"
        ctx.skip(file, position, unit, "empty_text", what)
        return None
    if ctx.ids is not None:
        if doc.id in ctx.ids:
            ctx.skip(file, position, unit, "duplicate_id", f"duplicate id {doc.id!r}")
            return None
        ctx.ids.add(doc.id)
    return doc



def _cluster_positions(pairs: Any) -> list[list[int]]:
    """The input positions of each cluster of a :func:`near_duplicates` frame."""
    members: dict[int, set[int]] = {}
    for a, b, c in zip(pairs["doc_a"].tolist(), pairs["doc_b"].tolist(),
                       pairs["cluster"].tolist()):
        members.setdefault(c, set()).update((a, b))
    return [sorted(members[c]) for c in sorted(members)]


# --------------------------------------------------------------------------- stream
class DocumentStream:
    """A restartable iterable of :class:`Document` with a :class:`LoadReport`.

    Each ``iter()`` reads the source again from the start and rebuilds ``report``; the
    report is complete once a pass has ended. Reading ``report`` before any pass runs
    one full pass first. Documents whose normalized text equals an earlier one's are
    recorded in ``report.duplicates`` and kept or dropped as ``duplicates`` says
    (``None``: not looked for, which saves the normalization). ``"near"`` drops near
    duplicates as well (:func:`arabcorpus.io.duplicates.near_duplicates` at its
    defaults: exact Jaccard >= 0.8 of word 2-shingles), keeping the first document of
    each cluster and recording each drop with the cluster's first document as
    ``first_id``; it must see every document before deciding, so a pass reads the
    whole source (holding its documents in memory) before it yields the first one.
    The exact check normalizes about a million characters at a time with
    ``Normalizer("search").normalize_many`` and keeps only a 128-bit BLAKE2b digest per
    distinct text, so its memory does not grow with the text; over SaudiNewsNet it
    costs about as much as the normalization itself.

    Examples
    --------
    >>> from arabcorpus.io.readers import read, read_iterable
    >>> docs = read_iterable(["مرحبا", "مَرحبا", "وسهلا"], duplicates="drop")
    >>> [d.text for d in docs]
    ['مرحبا', 'وسهلا']
    >>> docs.report.duplicates
    [Duplicate(id='1', first_id='0', file='<iterable>', position=1, unit='item')]
    >>> len(list(docs)) == len(list(docs))   # restartable
    True
    """

    def __init__(self, producer: Callable[[_Context], Iterator[_Item]], opts: _Options,
                 *, source: str, format: str, duplicates: str | None = "keep",
                 one_shot: bool = False) -> None:
        _check_duplicates(duplicates)
        self._producer = producer
        self.options = opts
        self.source = source
        self.format = format
        self.duplicates = duplicates
        self._one_shot = one_shot
        self._passes = 0
        self._report: LoadReport | None = None
        # (digest, id, file, position, unit) of every document of the latest pass,
        # recorded when set to a list before a pass (arabcorpus.dask merges the
        # partitions' lists to find duplicates across partitions)
        self.digests: list[tuple] | None = None

    def _new_report(self) -> LoadReport:
        return LoadReport(source=self.source, format=self.format,
                          duplicates_policy=self.duplicates)

    def __iter__(self) -> Iterator[Document]:
        if self._one_shot and self._passes:
            raise RuntimeError("this DocumentStream reads a one-shot iterator (e.g. a "
                               "generator) and cannot restart; pass a list or another "
                               "re-iterable collection to read it more than once")
        self._passes += 1
        report = self._new_report()
        self._report = report
        if self.digests is not None:
            self.digests.clear()
        ctx = _Context(report, self.options)
        return self._run(ctx)

    def _run(self, ctx: _Context) -> Iterator[Document]:
        report = ctx.report
        items = self._producer(ctx)
        if self.duplicates == "near":
            yield from self._run_near(ctx, items)
            return
        if self.duplicates is None:
            for item in items:
                report.documents_read += 1
                yield item.doc
            report.complete = True
            return
        from arabcorpus.text.normalize import Normalizer

        normalize_many = Normalizer("search").normalize_many
        seen: dict[bytes, str] = {}
        drop = self.duplicates == "drop"
        pending: BaseException | None = None
        while True:
            batch: list[_Item] = []
            size = 0
            full = False
            try:
                for item in items:
                    batch.append(item)
                    size += len(item.doc.text)
                    if size >= _DUP_BATCH_CHARS or len(batch) >= _DUP_BATCH_DOCS:
                        full = True
                        break
            except ReadError as err:  # strict: yield what was read before raising
                pending = err
            if not batch and pending is None:
                break
            keys = normalize_many([item.doc.text for item in batch])
            for item, key in zip(batch, keys):
                # A 128-bit BLAKE2b digest of the normalized text: deterministic across
                # processes (unlike Python's salted str hash), a false match has
                # probability about n**2 / 2**129.
                digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                         digest_size=16).digest()
                if self.digests is not None:
                    self.digests.append((digest, item.doc.id, item.file, item.position,
                                          item.unit))
                first = seen.get(digest)
                if first is None:
                    seen[digest] = item.doc.id
                else:
                    report.duplicates.append(Duplicate(item.doc.id, first, item.file,
                                                       item.position, item.unit))
                    if drop:
                        continue
                report.documents_read += 1
                yield item.doc
            if pending is not None:
                raise pending
            if not full:
                break
        report.complete = True

    def _run_near(self, ctx: _Context, items: Iterator[_Item]) -> Iterator[Document]:
        """The pass of ``duplicates="near"``: read everything, find the clusters, yield
        the first document of each cluster and every document in none."""
        from arabcorpus.io.duplicates import NearDuplicateIndex

        report = ctx.report
        read: list[_Item] = []
        pending: BaseException | None = None
        try:
            for item in items:
                read.append(item)
        except ReadError as err:  # strict: yield what was read before raising
            pending = err
        index = NearDuplicateIndex()
        for start in range(0, len(read), _DUP_BATCH_DOCS):
            batch = read[start:start + _DUP_BATCH_DOCS]
            index.add([item.doc.text for item in batch], [item.doc.id for item in batch])
        pairs = index.pairs()
        first_of: dict[int, int] = {}
        for members in _cluster_positions(pairs):
            for pos in members[1:]:
                first_of[pos] = members[0]
        for pos, item in enumerate(read):
            first = first_of.get(pos)
            if first is not None:
                report.duplicates.append(Duplicate(item.doc.id, read[first].doc.id,
                                                   item.file, item.position, item.unit))
                continue
            report.documents_read += 1
            yield item.doc
        if pending is not None:
            raise pending
        report.complete = True

    def with_duplicates(self, duplicates: str | None) -> "DocumentStream":
        """The same source read with another ``duplicates`` policy.

        Examples
        --------
        >>> from arabcorpus.io.readers import read
        >>> docs = read(["نص", "نص"]).with_duplicates("drop")
        >>> len(docs.to_list()), docs.report.duplicates_dropped
        (1, 1)
        """
        _check_duplicates(duplicates)
        if self._one_shot and self._passes:
            raise RuntimeError("this DocumentStream reads a one-shot iterator that has "
                               "been read already; read the source again")
        new = copy.copy(self)
        new.duplicates = duplicates
        new._passes = 0
        new._report = None
        new._digests = None
        return new

    @property
    def report(self) -> LoadReport:
        """The report of the latest pass (runs a full pass first if none has run)."""
        if self._report is None:
            for _ in self:
                pass
        return self._report  # type: ignore[return-value]

    def to_list(self) -> list[Document]:
        """All documents of one full pass, as a list."""
        return list(self)

    def to_frame(self):
        """One full pass as a pandas DataFrame: ``id``, ``text`` and the meta columns.

        Examples
        --------
        >>> from arabcorpus.io.readers import read
        >>> read([{"text": "نص", "source": "a"}]).to_frame()
          id text source
        0  0   نص      a
        """
        import pandas as pd

        rows = [{"id": d.id, "text": d.text, **d.meta} for d in self]
        return pd.DataFrame(rows, columns=None if rows else ["id", "text"])

    def __repr__(self) -> str:
        return f"DocumentStream(source={self.source!r}, format={self.format!r})"

