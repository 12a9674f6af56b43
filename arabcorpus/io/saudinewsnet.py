"""SaudiNewsNet as published: a folder of ``YYYY-MM-DD.zip``, each holding the JSON
array ``YYYY-MM-DD.json`` of that day's articles (Alhagri 2015).

This is the reading of one dataset, not a generic format: its layout (recognized by
:func:`is_saudinewsnet`), its field mapping (``content`` is the text, ``date`` comes
from ``date_extracted``, ``file`` names the zip) and its ids (``"<day>/<index>"``).
It lives next to :mod:`arabcorpus.io.datasets`, which registers, verifies and cites
the dataset, and uses the generic readers of :mod:`.formats` for the archive and the
JSON.

Examples
--------
>>> import json, tempfile, zipfile, pathlib
>>> article = {"source": "sabq", "url": "http://sabq.org/x", "title": "عنوان",
...            "date_extracted": "2015-07-21 02:51:32", "author": "", "content": "خبر"}
>>> with tempfile.TemporaryDirectory() as tmp:
...     with zipfile.ZipFile(pathlib.Path(tmp, "2015-07-21.zip"), "w") as zf:
...         zf.writestr("2015-07-21.json", json.dumps([article]))
...     docs = read_saudinewsnet(tmp).to_list()
...     print(is_saudinewsnet(tmp), docs[0].id, docs[0].meta["date"])
True 2015-07-21/0 2015-07-21
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from arabcorpus.io.formats import (_CORRUPT, _NO_NAME, _Bounded, _member_failed,
                                   _member_problem, _open_zip, _read_json_bytes,
                                   _read_whole, _source_path, _TooLarge, unsafe_member)
from arabcorpus.io.stream import (DEFAULT_MAX_UNCOMPRESSED, DocumentStream, _Context,
                                  _Item, _make_options)

__all__ = ["read_saudinewsnet", "is_saudinewsnet", "saudinewsnet_zips", "FIELDS"]

_DATED_ZIP = re.compile(r"^\d{4}-\d{2}-\d{2}\.zip$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
#: The fields of a SaudiNewsNet article as published.
FIELDS: tuple[str, ...] = ("source", "url", "date_extracted", "title", "author", "content")
_SNN_FIELDS = FIELDS
_SNN_SET = frozenset(_SNN_FIELDS)


def _snn_meta(file: str) -> Callable[[dict], dict]:
    """The metadata of an article of the zip ``file``: the published fields (``date``
    the ISO day of ``date_extracted``), then any field the distribution adds."""
    match = _DATE_TIME.match

    def meta(rec: dict) -> dict:
        extracted = rec.get("date_extracted")
        found = match(extracted) if isinstance(extracted, str) else None
        out = {"source": rec.get("source"), "url": rec.get("url"),
               "date": found.group(1) if found else None,
               "date_extracted": extracted, "title": rec.get("title"),
               "author": rec.get("author"), "file": file}
        if len(rec) > len(_SNN_FIELDS) or not rec.keys() <= _SNN_SET:
            for key, value in rec.items():  # anything the distribution adds later
                if key not in _SNN_SET:
                    out[key] = value
        return out
    return meta


def _saudinewsnet_zips(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _DATED_ZIP.match(p.name))


def _read_saudinewsnet(ctx: _Context, path: Path) -> Iterator[_Item]:
    zips = [path] if path.is_file() else _saudinewsnet_zips(path)
    if path.is_dir():
        ctx.report.ignored.extend(sorted(
            p.name for p in path.iterdir()
            if p.is_file() and not _DATED_ZIP.match(p.name) and p.name != "SHA256SUMS"))
    limit = ctx.opts.max_uncompressed
    for zpath in zips:
        zf = _open_zip(ctx, zpath, zpath.name)
        if zf is None:
            continue
        with zf:
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                member = f"{zpath.name}:{info.filename}"
                if unsafe_member(info.filename):
                    ctx.skip(member, None, None, "unsafe_member",
                             "archive member with an absolute path or '..' refused")
                    continue
                if not info.filename:
                    ctx.skip(member, None, None, "malformed", _NO_NAME)
                    continue
                if info.filename.endswith("/"):  # a folder entry
                    continue
                if not info.filename.endswith(".json"):
                    ctx.report.ignored.append(member)
                    continue
                problem = _member_problem(info, limit)
                if problem is not None:
                    ctx.skip(member, None, None, *problem)
                    continue
                stem = PurePosixPath(info.filename).stem
                try:
                    with _Bounded(zf.open(info), limit) as fh:
                        data = _read_whole(fh)
                except (*_CORRUPT, _TooLarge, NotImplementedError, RuntimeError) as err:
                    _member_failed(ctx, member, err, limit)
                    continue
                yield from _read_json_bytes(ctx, data, member, f"{stem}/",
                                            ctx.opts.text_field, _snn_meta(zpath.name))


def _is_saudinewsnet_zip(path: Path) -> bool:
    """A ``YYYY-MM-DD.zip`` holding ``YYYY-MM-DD.json`` (only its central directory is
    read)."""
    if not _DATED_ZIP.match(path.name):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return f"{path.stem}.json" in zf.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            struct.error):
        return False


def _is_saudinewsnet(folder: Path) -> bool:
    """A folder whose zips are all ``YYYY-MM-DD.zip``, the first holding
    ``YYYY-MM-DD.json``."""
    zips = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".zip")
    if not zips or not all(_DATED_ZIP.match(p.name) for p in zips):
        return False
    return _is_saudinewsnet_zip(zips[0])


def saudinewsnet_zips(folder: str | os.PathLike) -> list[Path]:
    """The ``YYYY-MM-DD.zip`` files of a SaudiNewsNet folder, sorted (by day)."""
    return _saudinewsnet_zips(Path(folder))


def is_saudinewsnet(path: str | os.PathLike) -> bool:
    """True for SaudiNewsNet's folder of dated zips or one of its zips (only the
    central directory of one zip is read)."""
    path = Path(path)
    if path.is_dir():
        return _is_saudinewsnet(path)
    return path.is_file() and _is_saudinewsnet_zip(path)


def _stream(path: Path, opts, duplicates: str | None) -> DocumentStream:
    """The stream of a SaudiNewsNet folder or zip, with options already checked."""
    if path.is_file() and not _DATED_ZIP.match(path.name):
        raise ValueError(f"{str(path)!r} is not a SaudiNewsNet file "
                         "(expected a folder of YYYY-MM-DD.zip or one such zip)")
    if path.is_dir() and not _saudinewsnet_zips(path):
        raise ValueError(f"no YYYY-MM-DD.zip files in {str(path)!r}")
    return DocumentStream(lambda ctx: _read_saudinewsnet(ctx, path), opts,
                          source=str(path), format="saudinewsnet", duplicates=duplicates)


def read_saudinewsnet(folder: str | os.PathLike, *, text_field: str = "content",
                      id_field: str | None = None, encoding: str = "utf-8",
                      strict: bool = False,
                      duplicates: str | None = "keep", empty: str = "skip",
                      max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> DocumentStream:
    """Read SaudiNewsNet as published: a folder of ``YYYY-MM-DD.zip``, each holding a
    JSON array ``YYYY-MM-DD.json`` of articles (or one such zip).

    Text is ``content``; meta: ``source``, ``url``, ``date`` (ISO ``YYYY-MM-DD`` from
    ``date_extracted``), ``date_extracted``, ``title``, ``author``, ``file`` (the
    zip). The id is ``"<file stem>/<array index>"``, e.g. ``"2015-07-21/0"``, or the
    field ``id_field`` names (``"url"``).
    Articles with empty content are skipped and reported (``empty="keep"`` keeps
    them); empty titles and authors are kept.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder of dated zips, or one of them.
    text_field, id_field, encoding, strict, duplicates, empty, max_uncompressed
        As in :func:`arabcorpus.io.readers.read`.

    Returns
    -------
    DocumentStream

    Reference: Alhagri, M. A. (2015). Saudi Newspapers Arabic Corpus (SaudiNewsNet).

    Examples
    --------
    >>> import json, tempfile, zipfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with zipfile.ZipFile(pathlib.Path(tmp, "2015-07-21.zip"), "w") as zf:
    ...         zf.writestr("2015-07-21.json", json.dumps([{"content": "خبر",
    ...                     "source": "okaz", "date_extracted": "2015-07-21"}]))
    ...     print([(d.id, d.meta["source"]) for d in read_saudinewsnet(tmp)])
    [('2015-07-21/0', 'okaz')]
    """
    opts = _make_options(text_field=text_field, id_field=id_field, encoding=encoding,
                         strict=strict, empty=empty, max_uncompressed=max_uncompressed)
    return _stream(_source_path(folder), opts, duplicates)
