"""Read documents (text + metadata) from files, archives, DataFrames and iterables.

This module is the entry point: :func:`read` (which detects the format) and one
reader per format with its own keyword-only options. The work is done next to it, one
job per module: :mod:`.formats` (the file formats and in-memory sources),
:mod:`.encodings` (decoding and ``encoding="auto"``), :mod:`.stream` (the
:class:`Document`, the restartable :class:`DocumentStream` and the duplicates policy),
:mod:`.load_report` (the :class:`LoadReport` and :class:`ReadError`) and
:mod:`.saudinewsnet` (the published SaudiNewsNet layout). Every public name of those
modules that code imported from here before is still importable from here.

Every reader returns a :class:`DocumentStream`: a *restartable* iterable of
:class:`Document` (each ``iter()`` reads the source again from the start, as gensim's
corpora do, so a model can make several passes) that streams, so a corpus larger
than memory is read in one pass:

============  ===================================================================
format        unit of reading
============  ===================================================================
``txt``       one document per file (a folder is read recursively, sorted by the
              file's relative POSIX path, which is the document id)
``jsonl``     one JSON value per line, decoded line by line
``csv/tsv``   one row per document, read row by row (``text_field=`` names the
              text column, the other columns become metadata)
``json``      a JSON array; one file is parsed at once (``json.loads`` per file,
              so a single JSON array must fit in memory; use JSON Lines for
              larger files)
``html``      one document per page (``.html``, ``.htm``): main text and metadata
              by trafilatura, then the news rules (:mod:`.html`)
``warc``      one document per HTML page captured with status 200 in a ``.warc``
              or ``.warc.gz`` crawl, streamed record by record (:mod:`.warc`)
``zip``       members of any of the formats above, read with ``ZipFile.open``
              (nothing is extracted to disk)
============  ===================================================================

plus pandas DataFrames, iterables of strings, dicts or :class:`Document`, and the
SaudiNewsNet distribution as published (:func:`read_saudinewsnet`).

Every read fills a :class:`LoadReport`: files read, documents read, the encoding used
per file, every record skipped (file, position, kind, reason) and the exact duplicates
found. Nothing is dropped silently; ``strict=True`` raises :class:`ReadError` on the
first problem instead.

Examples
--------
>>> docs = read(["السلام عليكم", {"text": "مرحبا", "source": "x"}, "  "])
>>> [(d.id, d.text, d.meta) for d in docs]
[('0', 'السلام عليكم', {}), ('1', 'مرحبا', {'source': 'x'})]
>>> docs.report.documents_read, [s.kind for s in docs.report.skipped]
(2, ['empty_text'])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from arabcorpus.io.formats import (_EXTENSIONS, _FILE_FORMATS, _format_of,
                                   _read_dataframe, _read_iterable, _read_path,
                                   _source_path, folder_files, unsafe_member)
from arabcorpus.io.load_report import (SKIP_KINDS, Duplicate, LoadReport, ReadError,
                                       Skipped)
from arabcorpus.io import saudinewsnet as _snn
from arabcorpus.io.saudinewsnet import (_is_saudinewsnet, _is_saudinewsnet_zip,
                                        is_saudinewsnet, read_saudinewsnet,
                                        saudinewsnet_zips)
from arabcorpus.io.stream import (DEFAULT_MAX_UNCOMPRESSED, DUPLICATES, EMPTY, Document,
                                  DocumentStream, _check_duplicates, _make_options)
from arabcorpus.util.deprecation import warn as _warn_deprecated
from arabcorpus.util.validate import check_choice

__all__ = [
    "Document",
    "Skipped",
    "Duplicate",
    "LoadReport",
    "ReadError",
    "DocumentStream",
    "FORMATS",
    "DUPLICATES",
    "EMPTY",
    "SKIP_KINDS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "read",
    "read_texts",
    "read_json",
    "read_jsonl",
    "read_csv",
    "read_zip",
    "read_dataframe",
    "read_iterable",
    "read_html",
    "read_warc",
    "read_saudinewsnet",
    "read_folder_files",
    "as_documents",
    "folder_files",
    "is_saudinewsnet",
    "saudinewsnet_zips",
]

#: Formats :func:`read` understands (``format=``).
FORMATS: tuple[str, ...] = ("txt", "json", "jsonl", "csv", "tsv", "zip", "html", "warc",
                            "saudinewsnet", "dataframe", "iterable")

def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and type(obj).__module__.startswith("pandas")


def _detect_format(source: Any) -> str:
    if _is_dataframe(source):
        return "dataframe"
    if isinstance(source, (str, os.PathLike)):
        path = _source_path(source)
        if path.is_dir():
            return "saudinewsnet" if _is_saudinewsnet(path) else "folder"
        fmt = _format_of(path.name)
        if fmt == "zip" and _is_saudinewsnet_zip(path):
            return "saudinewsnet"  # one day of SaudiNewsNet, as published
        if fmt is None:
            raise ValueError(f"cannot tell the format of {str(path)!r} from its "
                             f"extension; known extensions: {', '.join(_EXTENSIONS)}; "
                             f"or pass format= one of {', '.join(FORMATS)}")
        return fmt
    if isinstance(source, (bytes, bytearray)):
        raise TypeError(f"source must be a path, a DataFrame or an iterable of "
                        f"documents, got {type(source).__name__}")
    if isinstance(source, Iterable):
        return "iterable"
    raise TypeError(f"source must be a path, a DataFrame or an iterable of documents, "
                    f"got {type(source).__name__}")


def _read(source: Any, *, format: str | None = None, text_field: str | None = None,
          id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
          duplicates: str | None = "keep", empty: str = "skip",
          max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED, delimiter: str | None = None,
          files: Sequence[str] | None = None, report_ignored: bool = True,
          rules: Any = None) -> DocumentStream:
    """:func:`read`, plus ``files`` (read only these relative paths of a folder),
    ``report_ignored`` (report the folder's ignored and unreadable entries) and
    ``rules`` (the news rules applied to web pages)."""
    if format is not None:
        check_choice(format, "format", FORMATS)
    detected = _detect_format(source) if format is None else format
    if text_field is None:
        text_field = "content" if detected == "saudinewsnet" else "text"
    opts = _make_options(text_field=text_field, id_field=id_field, encoding=encoding,
                         strict=strict, empty=empty, max_uncompressed=max_uncompressed,
                         delimiter=delimiter, rules=rules)
    _check_duplicates(duplicates)

    if detected == "dataframe":
        if not _is_dataframe(source):
            raise TypeError(f"format='dataframe' needs a pandas DataFrame, got "
                            f"{type(source).__name__}")
        columns = [str(c) for c in source.columns]
        for name in (opts.text_field, opts.id_field):
            if name is not None and name not in columns:
                raise ValueError(f"no column {name!r} in the DataFrame; columns: "
                                 f"{', '.join(columns)}")
        return DocumentStream(lambda ctx: _read_dataframe(ctx, source), opts,
                              source=f"DataFrame of {len(source):,} rows",
                              format="dataframe", duplicates=duplicates)
    if detected == "iterable":
        if isinstance(source, (str, bytes, os.PathLike)) or not isinstance(source,
                                                                           Iterable):
            raise TypeError(f"format='iterable' needs an iterable of documents, got "
                            f"{type(source).__name__}")
        one_shot = iter(source) is source
        size = f"{len(source):,} items" if hasattr(source, "__len__") else "iterator"
        return DocumentStream(lambda ctx: _read_iterable(ctx, source), opts,
                              source=size, format="iterable", one_shot=one_shot,
                              duplicates=duplicates)

    path = _source_path(source)
    if detected == "saudinewsnet":
        return _snn._stream(path, opts, duplicates)
    if detected == "folder" or path.is_dir():
        only = None if detected == "folder" else detected
        producer = lambda ctx: _read_path(ctx, path, only, files,  # noqa: E731
                                          report_ignored)
        detected = "folder" if only is None else detected
    else:
        if detected not in _FILE_FORMATS:
            raise ValueError(f"format {detected!r} cannot read the file {str(path)!r}; "
                             f"valid for files: {', '.join(_FILE_FORMATS)}")
        producer = lambda ctx: _read_path(ctx, path, detected)  # noqa: E731
    return DocumentStream(producer, opts, source=str(path), format=detected,
                          duplicates=duplicates)


def read(source: Any, *, format: str | None = None, text_field: str | None = None,
         id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
         duplicates: str | None = "keep", empty: str = "skip",
         max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
         delimiter: str | None = None) -> DocumentStream:
    """Read documents from a path, a DataFrame or an iterable, detecting the format.

    Parameters
    ----------
    source : str, os.PathLike, pandas.DataFrame or iterable
        A ``.txt``/``.json``/``.jsonl``/``.ndjson``/``.csv``/``.tsv``/``.zip`` file, a
        web page (``.html``/``.htm``, see :func:`read_html`) or a crawl
        (``.warc``/``.warc.gz``, see :func:`read_warc`); a folder (SaudiNewsNet's folder of dated zips is recognized, and so is one of its
        zips, ``YYYY-MM-DD.zip`` holding ``YYYY-MM-DD.json``; any other folder is read
        recursively, each file by its extension, sorted by relative path); a
        DataFrame; or an iterable of strings, dicts or :class:`Document`.
    format : str, optional
        One of ``FORMATS``. For a file it overrides the extension; for a folder it
        restricts reading to files of that format.
    text_field : str, optional
        Field or column holding the text (default ``"text"``; SaudiNewsNet:
        ``"content"``). Other fields become metadata.
    id_field : str, optional
        Field giving the document id. Default: the relative path of a text file,
        ``"<file>/<n>"`` for the n-th record (0-based) of a file in a folder or
        archive, ``"<n>"`` for a single file, the index label of a DataFrame row.
    encoding : str
        ``"utf-8"`` (default; a BOM is removed), ``"cp1256"``, ``"iso-8859-6"``, another
        ASCII-compatible codec, or ``"auto"`` (UTF-8, then Windows-1256, then
        ISO-8859-6 if the text is plausibly Arabic; chosen per file, see
        ``report.encodings``). Web pages are decoded as they declare (checked
        against their bytes) unless a codec other than ``"utf-8"`` and ``"auto"`` is
        named here.
    strict : bool
        Raise :class:`ReadError` at the first problem instead of skipping.
    duplicates : {"keep", "drop", "near", None}
        What to do with documents whose text, normalized with
        ``Normalizer("search")``, equals an earlier one's; ``None`` skips the check.
        ``"near"`` drops near copies too (:func:`arabcorpus.io.duplicates.near_duplicates`,
        Jaccard >= 0.8 of word 2-shingles), keeping the first of each cluster; it
        reads the whole source before yielding the first document.
    empty : {"skip", "keep"}
        Skip (default, reported) or keep documents with empty or blank text.
    max_uncompressed : int
        Skip (and report; raise :class:`ReadError` under ``strict``) an archive
        member whose declared uncompressed size exceeds this many bytes (default
        512 MiB, ``DEFAULT_MAX_UNCOMPRESSED``). Members are read as streams in
        chunks of at most 8 MiB that stop past this size, so a zip bomb cannot fill
        memory.
    delimiter : str, optional
        CSV delimiter (default ``","``; ``"\\t"`` for ``.tsv``).

    Returns
    -------
    DocumentStream

    Raises
    ------
    FileNotFoundError
        If the path does not exist.
    ValueError
        For an unknown format, option value or encoding (listing the valid ones).
    TypeError
        For a source or option of the wrong type.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "news.jsonl")
    ...     _ = path.write_text('{"text": "خبر أول", "source": "sabq"}\\n{"text": ',
    ...                         encoding="utf-8")
    ...     docs = read(path)
    ...     print([(d.id, d.meta) for d in docs])
    ...     print(docs.report.skipped[0].reason)
    [('0', {'source': 'sabq'})]
    malformed JSON at line 2, column 10: Expecting value
    """
    return _read(source, format=format, text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty,
                 max_uncompressed=max_uncompressed, delimiter=delimiter)


def read_folder_files(folder: str | os.PathLike, files: Sequence[str], *,
                      report_ignored: bool = True, format: str | None = None,
                      text_field: str | None = None, id_field: str | None = None,
                      encoding: str = "utf-8", strict: bool = False,
                      duplicates: str | None = "keep", empty: str = "skip",
                      max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
                      delimiter: str | None = None) -> DocumentStream:
    """Read some files of a folder exactly as :func:`read` reads them in the whole
    folder (same document ids, file names and order): a folder read in parallel,
    one part per file, gives the documents of one serial read.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder.
    files : sequence of str
        Relative POSIX paths of its files, as :func:`folder_files` lists them.
    report_ignored : bool
        Report the folder's ignored files and unreadable entries (do it in one part
        only, so that they are reported once).
    format, text_field, id_field, encoding, strict, duplicates, empty, \
max_uncompressed, delimiter
        As in :func:`read`.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("a.txt", "b.txt"):
    ...         _ = pathlib.Path(tmp, name).write_text("نص " + name, encoding="utf-8")
    ...     files, _ = folder_files(pathlib.Path(tmp), None)
    ...     print([d.id for d in read_folder_files(tmp, [files[1][0]])])
    ['b.txt']
    """
    if not Path(_source_path(folder)).is_dir():
        raise ValueError(f"{str(folder)!r} is not a folder")
    if isinstance(files, (str, bytes)):
        raise TypeError("files must be a sequence of relative paths, not a single str")
    return _read(folder, format=format, text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty,
                 max_uncompressed=max_uncompressed, delimiter=delimiter,
                 files=list(files), report_ignored=bool(report_ignored))


def read_texts(source: str | os.PathLike, *, encoding: str = "utf-8",
               strict: bool = False, duplicates: str | None = "keep",
               empty: str = "skip") -> DocumentStream:
    """Read a folder of ``.txt`` files (recursively; one document per file; the
    relative POSIX path is the id; sorted), or one ``.txt`` file.

    Parameters
    ----------
    source : str or os.PathLike
        A folder of ``.txt`` files, or one.
    encoding, strict, duplicates, empty
        As in :func:`read`.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = pathlib.Path(tmp)
    ...     (root / "b").mkdir()
    ...     _ = (root / "b" / "2.txt").write_text("نص ثان", encoding="utf-8")
    ...     _ = (root / "1.txt").write_text("نص أول", encoding="utf-8")
    ...     print([(d.id, d.text) for d in read_texts(root)])
    [('1.txt', 'نص أول'), ('b/2.txt', 'نص ثان')]
    """
    return _read(source, format="txt", encoding=encoding, strict=strict,
                 duplicates=duplicates, empty=empty)


def read_json(source: str | os.PathLike, *, text_field: str = "text",
              id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
              duplicates: str | None = "keep", empty: str = "skip") -> DocumentStream:
    """Read JSON files holding an array of objects (or strings); one document per
    element. Each file is decoded at once (``json.loads``), so one file must fit in
    memory; elements before a syntax error are kept and the error is reported.

    Parameters
    ----------
    source : str or os.PathLike
        A ``.json`` file, or a folder of them.
    text_field, id_field, encoding, strict, duplicates, empty
        As in :func:`read`.

    Returns
    -------
    DocumentStream
    """
    return _read(source, format="json", text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty)


def read_jsonl(source: str | os.PathLike, *, text_field: str = "text",
               id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
               duplicates: str | None = "keep", empty: str = "skip") -> DocumentStream:
    """Read JSON Lines files line by line (blank lines are ignored); one document per
    line.

    Parameters
    ----------
    source : str or os.PathLike
        A ``.jsonl`` (or ``.ndjson``) file, or a folder of them.
    text_field, id_field, encoding, strict, duplicates, empty
        As in :func:`read`.

    Returns
    -------
    DocumentStream
    """
    return _read(source, format="jsonl", text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty)


def read_csv(source: str | os.PathLike, *, text_field: str = "text",
             id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
             duplicates: str | None = "keep", empty: str = "skip",
             delimiter: str | None = None) -> DocumentStream:
    """Read CSV (or, with ``delimiter="\\t"``, TSV) files row by row; the first row is
    the header, ``text_field=`` names the text column and the other columns become
    metadata (as strings).

    Parameters
    ----------
    source : str or os.PathLike
        A ``.csv`` or ``.tsv`` file, or a folder of them.
    text_field, id_field, encoding, strict, duplicates, empty
        As in :func:`read`.
    delimiter : str, optional
        One character: ``","`` by default, ``"\\t"`` for a ``.tsv`` file.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "a.csv")
    ...     _ = path.write_text("id,body,source\\nx1,نص,okaz\\n", encoding="utf-8")
    ...     print(read_csv(path, text_field="body", id_field="id").to_list())
    [Document(id='x1', text='نص', meta={'source': 'okaz'})]
    """
    if delimiter is None and Path(str(source)).suffix.lower() == ".tsv":
        delimiter = "\t"
    return _read(source, format="csv", text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty,
                 delimiter=delimiter)


def read_html(source: str | os.PathLike, *, rules: Iterable | None = None,
              encoding: str = "utf-8", strict: bool = False,
              duplicates: str | None = "keep",
              max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> DocumentStream:
    """Read saved web pages: an ``.html``/``.htm`` file, or a folder or zip of them.

    Each page's main text is extracted by trafilatura (comments and boilerplate
    left out; nothing is downloaded), then cleaned by the news rules as
    :func:`~arabcorpus.io.html.parse_page` does: bylines, "اقرأ أيضاً"/"قد يهمك"
    cross-links, share prompts, cookie banners and lines that are only a link's text
    go to ``meta["removed"]``. ``meta`` holds ``title``, ``date`` (ISO), ``author``,
    ``sitename``, ``section``, ``url`` (canonical), ``language``, ``byline`` and
    ``removed``. A page is decoded as its HTTP header or ``<meta charset>``
    declares, checked against its bytes, else by its bytes (UTF-8, Windows-1256,
    ISO-8859-6). A page with no main text (kind ``no_article``), a file that is
    binary (``malformed``) and one in no encoding that fits (``undecodable``) are
    skipped and reported, or raise :class:`ReadError` under ``strict=True``.

    Parameters
    ----------
    source : str or os.PathLike
        A page, or a folder (read recursively, sorted by relative path: the id) or
        zip archive of pages (its other files are not read: they are listed in
        ``report.ignored``).
    rules : iterable of Rule, optional
        The news rules (default :data:`arabcorpus.io.news.DEFAULT_RULES`; ``()``
        applies none).
    encoding : str
        ``"utf-8"`` or ``"auto"`` (default behaviour: as the page declares, else
        detected), or a codec that every page is decoded with.
    strict, duplicates, max_uncompressed
        As in :func:`read`.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> import tempfile, pathlib
    >>> page = ('<html lang="ar"><head><meta charset="windows-1256">'
    ...         '<title>افتتاح مكتبة</title></head><body><article><h1>افتتاح مكتبة</h1>'
    ...         '<p>افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم عشرين ألف كتاب.</p>'
    ...         '<p>شارك الخبر</p></article></body></html>')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = pathlib.Path(tmp, "a.html").write_bytes(page.encode("cp1256"))
    ...     _ = pathlib.Path(tmp, "b.htm").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00")
    ...     docs = read_html(tmp)
    ...     print([(d.id, d.meta["title"]) for d in docs], docs.report.encodings)
    ...     print(docs.report.skipped[0].reason)
    [('a.html', 'افتتاح مكتبة')] {'a.html': 'cp1256'}
    binary data, not an HTML page (a PNG image)
    """
    return _read(source, format="html", encoding=encoding, strict=strict,
                 duplicates=duplicates, max_uncompressed=max_uncompressed,
                 rules=rules)


def read_warc(source: str | os.PathLike, *, rules: Iterable | None = None,
              encoding: str = "utf-8", strict: bool = False,
              duplicates: str | None = "keep",
              max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> DocumentStream:
    """Read a crawl: a ``.warc`` or ``.warc.gz`` file, or a folder of them.

    The records are streamed with ``warcio`` (never loaded whole). Each ``response``
    record with status 200 and an HTML payload becomes a document as in
    :func:`read_html`, with ``url`` (the record's target URI), ``warc_date``,
    ``record_id`` and ``canonical_url`` in ``meta``. Other records are counted in
    ``report.records`` by kind (``request``, ``redirect``, ``image``, ``not_html``,
    ...); a revisit record and a second capture of a URL already read are reported
    (kinds ``revisit``, ``repeated_url``) and the page kept once; a record cut short
    by the end of the file or data that is no WARC record is ``malformed`` (at its
    byte offset), and reading resumes at the next good record. See
    :mod:`arabcorpus.io.warc`.

    Parameters
    ----------
    source : str or os.PathLike
        A WARC file or a folder of them.
    rules, encoding, strict, duplicates
        As in :func:`read_html`.
    max_uncompressed : int
        The largest page payload read, in bytes (larger: skipped as ``too_large``).

    Returns
    -------
    DocumentStream
    """
    path = _source_path(source)
    return _read(path, format="warc", encoding=encoding,
                 strict=strict, duplicates=duplicates,
                 max_uncompressed=max_uncompressed, rules=rules)


def read_zip(source: str | os.PathLike, *, text_field: str = "text",
             id_field: str | None = None, encoding: str = "utf-8", strict: bool = False,
             duplicates: str | None = "keep", empty: str = "skip",
             max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
             delimiter: str | None = None) -> DocumentStream:
    """Read the members of a zip archive (``.txt``, ``.json``, ``.jsonl``, ``.csv``,
    ``.tsv``) with ``ZipFile.open``, without extracting anything. Members with an
    absolute path or ``..``, encrypted members, members compressed with a method
    Python cannot decompress (e.g. Deflate64) and members declaring more than
    ``max_uncompressed`` bytes are skipped and reported (raised under
    ``strict=True``), as is an archive that cannot be opened.

    Parameters
    ----------
    source : str or os.PathLike
        A ``.zip`` archive, or a folder of them.
    text_field, id_field, encoding, strict, duplicates, empty, max_uncompressed, delimiter
        As in :func:`read`.

    Returns
    -------
    DocumentStream
    """
    return _read(source, format="zip", text_field=text_field, id_field=id_field,
                 encoding=encoding, strict=strict, duplicates=duplicates, empty=empty,
                 max_uncompressed=max_uncompressed, delimiter=delimiter)


def read_dataframe(frame: Any, *, text_field: str = "text", id_field: str | None = None,
                   strict: bool = False, duplicates: str | None = "keep",
                   empty: str = "skip") -> DocumentStream:
    """Read a pandas DataFrame: one document per row, ``text_field=`` the text column,
    other columns metadata (NaN -> None), ids from ``id_field=`` or the index.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per document.
    text_field, id_field, strict, duplicates, empty
        As in :func:`read`.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["نص", None], "year": [2015, 2016]})
    >>> docs = read_dataframe(frame)
    >>> docs.to_list(), docs.report.skipped[0].reason
    ([Document(id='0', text='نص', meta={'year': 2015})], "missing text field 'text'")
    """
    return _read(frame, format="dataframe", text_field=text_field, id_field=id_field,
                 strict=strict, duplicates=duplicates, empty=empty)


def read_iterable(items: Iterable, *, text_field: str = "text",
                  id_field: str | None = None, strict: bool = False,
                  duplicates: str | None = "keep", empty: str = "skip"
                  ) -> DocumentStream:
    """Read an iterable of strings, dicts (``text_field=``) or :class:`Document`.

    A list reads again on every pass; a generator can be read only once (a second
    pass raises RuntimeError).

    Parameters
    ----------
    items : iterable
        Strings, dicts or :class:`Document`.
    text_field, id_field, strict, duplicates, empty
        As in :func:`read`.

    Returns
    -------
    DocumentStream
    """
    return _read(items, format="iterable", text_field=text_field, id_field=id_field,
                 strict=strict, duplicates=duplicates, empty=empty)


def as_documents(obj: Any, *, format: str | None = None, text_field: str | None = None,
                 id_field: str | None = None, encoding: str = "utf-8",
                 strict: bool = False, duplicates: str | None = "keep",
                 empty: str = "skip", max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
                 delimiter: str | None = None) -> DocumentStream:
    """A :class:`DocumentStream` for anything :func:`read` accepts, a list of
    :class:`Document`, or a DocumentStream (returned as is when no options are given).

    Parameters
    ----------
    obj : DocumentStream or anything :func:`read` accepts
        The documents.
    format, text_field, id_field, encoding, strict, duplicates, empty, \
max_uncompressed, delimiter
        As in :func:`read`.
        With a DocumentStream, options other than the defaults are a TypeError.

    Returns
    -------
    DocumentStream

    Examples
    --------
    >>> docs = as_documents([Document("a", "نص"), Document("b", "نص آخر")])
    >>> [d.id for d in docs], as_documents(docs) is docs
    (['a', 'b'], True)
    """
    options = {"format": format, "text_field": text_field, "id_field": id_field,
               "encoding": encoding, "strict": strict, "duplicates": duplicates,
               "empty": empty, "max_uncompressed": max_uncompressed,
               "delimiter": delimiter}
    if isinstance(obj, DocumentStream):
        given = [k for k, v in options.items() if v != _DEFAULTS[k]]
        if given:
            raise TypeError(f"options ({', '.join(given)}) cannot be applied to an "
                            "existing DocumentStream; read the source again with read()")
        return obj
    return _read(obj, **options)


_DEFAULTS = {"format": None, "text_field": None, "id_field": None, "encoding": "utf-8",
             "strict": False, "duplicates": "keep", "empty": "skip",
             "max_uncompressed": DEFAULT_MAX_UNCOMPRESSED, "delimiter": None}

# Private names that code written against the single-module readers imported from
# here (arabcorpus.dask); the public names above replace them.
_folder_files = folder_files
_unsafe_member = unsafe_member
_saudinewsnet_zips = _snn._saudinewsnet_zips


def __getattr__(name: str) -> Any:
    if name == "UnknownOptionError":
        _warn_deprecated("arabcorpus.io.readers.UnknownOptionError is deprecated: an "
                         "unknown keyword is Python's own TypeError; catch TypeError")
        return TypeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
