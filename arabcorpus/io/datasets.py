"""Named corpora: where they come from, how to check them and how to read them.

Every known corpus has an entry in :data:`REGISTRY` (a :class:`DatasetInfo`): its
upstream address, its files with their SHA-256 checksums and sizes, its license, how to
cite it and which reader turns its files into :class:`arabcorpus.io.readers.Document`
objects.

Where the files are looked for, in order:

1. ``$ARABCORPUS_DATA/<name>/`` (:func:`data_home`), a folder you manage yourself, for
   example a shared copy on a lab server. If that folder exists it is used as is and
   must hold every file; nothing is downloaded into it.
2. ``<cache>/<name>/`` (:func:`cache_dir`: ``$ARABCORPUS_CACHE`` or the user cache
   folder ``pooch.os_cache("arabcorpus")``). Missing files are downloaded there with
   :func:`pooch.retrieve`.

Every local file is checked against its registered SHA-256 before use; a corrupted or
partial file raises :class:`DatasetError` naming the file and both checksums, and is
never used (nor silently downloaded again).

**What is read is what was checked.** :func:`load_dataset` reads only the registered
files: other files in the dataset folder (a ``2015-09-01.zip`` dropped beside the
published days) are named in a :class:`DatasetWarning` and listed in
``report.ignored``, never read (a ``SHA256SUMS`` checksum list is expected and not
warned about). And it verifies
the bytes it parses, not a file's modification time: each pass over the returned
stream (every ``iter()``) first copies the registered files into a private temporary
folder, computing the SHA-256 of the bytes as they are copied, compares each digest
with the registry, and only then reads the documents from that private copy, which
nothing else writes to. A file edited after an earlier check, even with its
modification time set back, or while an earlier pass was running, is therefore
always caught: the pass raises :class:`DatasetError` naming the file and both
checksums before it yields any document. The cost is one sequential read and one copy
of the dataset per pass (29 MB for SaudiNewsNet: a fraction of a second, against
several seconds of parsing); the copy is removed when the pass ends or is abandoned.

:func:`fetch_dataset` and :func:`verify_file` hash the whole file on every call,
with no cache keyed on sizes or times (a file edited with its modification time set
back would pass such a cache); SHA-256 of all of SaudiNewsNet takes a few hundredths
of a second.

The ``sample`` corpus ships inside the package (``arabcorpus/data/sample.jsonl``) and
needs neither network nor ``ARABCORPUS_DATA``.

Examples
--------
>>> from arabcorpus.io.datasets import REGISTRY, citation, load_dataset
>>> sorted(REGISTRY)
['sample', 'saudinewsnet']
>>> REGISTRY["saudinewsnet"].n_files
18
>>> citation("saudinewsnet").splitlines()[0]
'@misc{hagrima2015,'
>>> docs = load_dataset("sample")
>>> sum(1 for _ in docs)
50
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from arabcorpus.io.load_report import LoadReport
from arabcorpus.io.stream import DocumentStream
from arabcorpus.util import paths
from arabcorpus.util.progress import NoBar, check_progress, progress_bar
from arabcorpus.util.validate import check_str

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from arabcorpus.io.stream import Document

__all__ = [
    "DatasetError",
    "DatasetWarning",
    "DatasetInfo",
    "REGISTRY",
    "SAMPLE_SECTIONS",
    "cache_dir",
    "citation",
    "data_home",
    "dataset_info",
    "fetch_dataset",
    "list_datasets",
    "load_dataset",
    "read_sample",
    "unregistered_files",
    "verify_file",
    "VerifiedDatasetStream",
]


class DatasetError(ValueError):
    """A local dataset file is corrupted, partial or otherwise not the registered one.

    A subclass of ValueError; the message names the file, the expected and the actual
    SHA-256 (see :func:`verify_file`).
    """


class DatasetWarning(UserWarning):
    """A dataset folder holds files that are not registered; they are not read."""


@dataclass(frozen=True)
class DatasetInfo:
    """One registered corpus.

    Attributes
    ----------
    name : str
        Registry key, also the folder name under ``$ARABCORPUS_DATA`` and the cache.
    description : str
        One-paragraph description.
    url : str
        Upstream home page (empty for a corpus written for the package).
    files : tuple of (str, str, int)
        ``(filename, sha256 hex digest, size in bytes)`` for every file.
    license : str
        SPDX identifier (or a short name) of the data license.
    citation : str
        BibTeX entry to cite.
    reader : str
        ``"module:function"`` that reads the dataset folder; called by
        :func:`load_dataset` with the folder and the reader options.
    base_url : str or None
        Download address of the files (``base_url + filename``); ``None`` for a corpus
        bundled with the package.
    bundled : bool
        True if the files ship inside the package (``arabcorpus/data/``).

    Examples
    --------
    >>> info = REGISTRY["saudinewsnet"]
    >>> info.files[0]
    ('2015-07-21.zip', '7a413b5e1548ad38ca756cdf33c2d5aca1e2c7772a8b8b15679d771f5f6ba29c', 3424655)
    >>> info.n_files, info.size
    (18, 29014166)
    """

    name: str
    description: str
    url: str
    files: tuple[tuple[str, str, int], ...]
    license: str
    citation: str
    reader: str
    base_url: str | None = None
    bundled: bool = False

    @property
    def size(self) -> int:
        """Total size of the files in bytes."""
        return sum(size for _, _, size in self.files)

    @property
    def n_files(self) -> int:
        """Number of files."""
        return len(self.files)

    def file_url(self, filename: str) -> str:
        """Download address of one file.

        Examples
        --------
        >>> REGISTRY["saudinewsnet"].file_url("2015-07-21.zip")
        'https://github.com/parallelfold/SaudiNewsNet/raw/master/dataset/2015-07-21.zip'
        """
        if self.base_url is None:
            raise ValueError(f"dataset {self.name!r} is bundled with the package and "
                             "has no download address")
        return self.base_url + filename


_SAUDINEWSNET_FILES: tuple[tuple[str, str, int], ...] = (
    ("2015-07-21.zip", "7a413b5e1548ad38ca756cdf33c2d5aca1e2c7772a8b8b15679d771f5f6ba29c", 3424655),
    ("2015-07-22.zip", "09156f62f372b14e37c8bd0fd44eab3a9e1184d9ed96c2891174f3ee9534052f", 1977389),
    ("2015-07-23.zip", "41a805d15e45fc8919d6ec6f3a577798a778568ce668224091ac434820ae8858", 1125337),
    ("2015-07-24.zip", "844ceef1647ca7a3ef843e5c33959e36c538a49697739da15e2227877ad1ba99", 1819510),
    ("2015-07-25.zip", "62fb91f52d3b93dc8f89845e8c23e2650b1f8fe10e0c60378da8a2ad24b81911", 1441295),
    ("2015-07-26.zip", "53d360aa514cc6ca436899f7aeb5bb5f6ee2fc58a3ef40bad243b62c2c88cde2", 1381348),
    ("2015-07-27.zip", "b4fe93e9015451d4648146940f6e8e3bf643330ecbbc666b3ad430b995ddad0a", 1288236),
    ("2015-07-31.zip", "d4933c2c06090dc70796f44af5d8e59f4a45f0c0a13d5a1841a76b935615c26a", 2062545),
    ("2015-08-01.zip", "c4330bd9d685aa8fe1c70171c2c3e265dd5a21f5109c10ca8e3d0a92a81b2354", 1187426),
    ("2015-08-02.zip", "b8cfb39bf0ea66ed282a8f88b5deefd0cf234ff8a57f763621f333b5f7be5c9b", 1229022),
    ("2015-08-03.zip", "c17a6e0eedc6c30d30fdfb9c3a86c42670ee893c23fe2096f5cb5f2ffc18fcd6", 1253376),
    ("2015-08-04.zip", "a0b7a5e4da847133bd0e943012299e867102c9572529574636976dafb6a03c69", 1233914),
    ("2015-08-06.zip", "b731d37ae21ae14bc43660ed6679bdabc7d036796989f5750a55d990b1881dc8", 2793745),
    ("2015-08-07.zip", "6ae3fbb6387038c0fa174c35a2d37dbb8b29f656a56866ca22ca50254809514f", 1385371),
    ("2015-08-08.zip", "880c650edd04155a888d8d6b81d873b2742ac91e08429acd9fcdd41d733d29af", 1297024),
    ("2015-08-09.zip", "fa9302785d72810263d6d14e2fe7cb8f7ba19e72426740b8b86a33b8d06a420f", 1194371),
    ("2015-08-10.zip", "616411ca4b63fa255089f3cafd196cded1cf69c4e5dd7adefc9d446070e0370c", 1480985),
    ("2015-08-11.zip", "7d3362d4fd07ec2194af70e79745a20ccbcfa57033267615591c2f9dcf40d2ec", 1438617),
)

_SAUDINEWSNET_CITATION = """\
@misc{hagrima2015,
  author       = {Alhagri, Mazen A.},
  title        = {Saudi Newspapers Arabic Corpus ({SaudiNewsNet})},
  year         = {2015},
  howpublished = {\\url{https://github.com/parallelfold/SaudiNewsNet}},
  url          = {https://github.com/parallelfold/SaudiNewsNet},
  note         = {31,030 articles from 14 Saudi online newspapers, 2015-07-21 to
                  2015-08-11. CC BY-NC-SA 4.0}
}
"""

# Written by hand: updated whenever arabcorpus/data/sample.jsonl changes (a test checks
# the checksum against the file).
_SAMPLE_FILES: tuple[tuple[str, str, int], ...] = (
    ("sample.jsonl", "5d370a2c62bb0e27fb6fd1e97c69ef06f253df1b655f7f2b2cfde7c83c72c22a", 64053),
)

_SAMPLE_CITATION = """\
@misc{arabcorpus_sample,
  author       = {{arabcorpus contributors}},
  title        = {arabcorpus sample: fictional {Arabic} news articles written for the
                  arabcorpus library},
  year         = {2024},
  howpublished = {Bundled with the arabcorpus Python package (arabcorpus/data/sample.jsonl)},
  note         = {50 short Modern Standard Arabic news articles in five sections.
                  CC0-1.0}
}
"""

#: Registered corpora, by name.
REGISTRY: dict[str, DatasetInfo] = {
    "saudinewsnet": DatasetInfo(
        name="saudinewsnet",
        description=("Saudi Newspapers Arabic Corpus (SaudiNewsNet): 31,030 Modern "
                     "Standard Arabic articles from 14 Saudi online newspapers, "
                     "extracted 2015-07-21 to 2015-08-11, with source, url, date "
                     "extracted, title and author; one zip of JSON per day."),
        url="https://github.com/parallelfold/SaudiNewsNet",
        files=_SAUDINEWSNET_FILES,
        license="CC-BY-NC-SA-4.0",
        citation=_SAUDINEWSNET_CITATION,
        reader="arabcorpus.io.saudinewsnet:read_saudinewsnet",
        base_url="https://github.com/parallelfold/SaudiNewsNet/raw/master/dataset/",
    ),
    "sample": DatasetInfo(
        name="sample",
        description=("Bundled sample: 50 short fictional Modern Standard Arabic news "
                     "articles written for arabcorpus, ten in each of five sections "
                     "(politics, economy, sport, health, culture), 2024-03-01 to "
                     "2024-04-15; two are raw scraped pages for the news cleaner."),
        url="",
        files=_SAMPLE_FILES,
        license="CC0-1.0",
        citation=_SAMPLE_CITATION,
        reader="arabcorpus.io.datasets:read_sample",
        bundled=True,
    ),
}

#: Sections of the bundled sample: English code -> Arabic name (as in its bylines).
SAMPLE_SECTIONS: dict[str, str] = {
    "politics": "سياسة",
    "economy": "اقتصاد",
    "sport": "رياضة",
    "health": "صحة",
    "culture": "ثقافة",
}

_CHUNK = 1 << 20
# Files a dataset folder may hold besides the registered ones without a warning: the
# checksum list ``sha256sum`` reads (the shared SaudiNewsNet copy carries one).
_COMPANION_FILES = frozenset({"SHA256SUMS"})


def dataset_info(name: str) -> DatasetInfo:
    """Return the registry entry of a dataset.

    Raises
    ------
    TypeError
        If `name` is not a str.
    ValueError
        If `name` is not registered; the message lists the valid names.

    Examples
    --------
    >>> dataset_info("saudinewsnet").license
    'CC-BY-NC-SA-4.0'
    >>> dataset_info("nope")
    Traceback (most recent call last):
    ...
    ValueError: unknown dataset 'nope'; valid names: sample, saudinewsnet
    """
    check_str(name, "dataset name")
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; valid names: "
                         f"{', '.join(sorted(REGISTRY))}") from None


def data_home() -> Path | None:
    """Return ``$ARABCORPUS_DATA`` as a Path, or None if it is unset or empty
    (:func:`arabcorpus.util.paths.data_home`).

    Examples
    --------
    >>> saved = os.environ.pop("ARABCORPUS_DATA", None)
    >>> data_home() is None
    True
    >>> os.environ["ARABCORPUS_DATA"] = "/srv/corpora"
    >>> data_home().as_posix()
    '/srv/corpora'
    >>> if saved is not None:
    ...     os.environ["ARABCORPUS_DATA"] = saved
    ... else:
    ...     del os.environ["ARABCORPUS_DATA"]
    """
    return paths.data_home()


def cache_dir() -> Path:
    """Return the download cache folder (not created here;
    :func:`arabcorpus.util.paths.cache_dir`).

    ``$ARABCORPUS_CACHE`` if set, else the user cache folder given by
    ``pooch.os_cache("arabcorpus")`` (``~/.cache/arabcorpus`` on Linux).

    Examples
    --------
    >>> isinstance(cache_dir(), Path)
    True
    """
    return paths.cache_dir()


def _sha256(path: Path) -> str:
    """SHA-256 of a file's content, computed on every call."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_file(path: str | os.PathLike[str], sha256: str,
                size: int | None = None) -> Path:
    """Check one file against its expected SHA-256 (and size).

    Parameters
    ----------
    path : str or path-like
        The file.
    sha256 : str
        Expected hex digest.
    size : int, optional
        Expected size in bytes; reported in the error message when it differs.

    Returns
    -------
    Path
        `path`, when it matches.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    DatasetError
        If its checksum differs; the message names the file and both checksums.

    Examples
    --------
    >>> import hashlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp, "a.txt")
    ...     _ = p.write_bytes(b"abc")
    ...     ok = verify_file(p, hashlib.sha256(b"abc").hexdigest(), 3) == p
    ...     try:
    ...         verify_file(p, "0" * 64)
    ...     except DatasetError as err:
    ...         bad = "a.txt" in str(err)
    >>> ok, bad
    (True, True)
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"dataset file not found: {path}")
    actual = _sha256(path)
    if actual != sha256.lower():
        actual_size = path.stat().st_size
        size_note = ""
        if size is not None and size != actual_size:
            size_note = (f"; size {actual_size} bytes, expected {size} "
                         "(partial or truncated file?)")
        raise DatasetError(
            f"checksum mismatch for {path}: expected sha256 {sha256.lower()}, "
            f"got {actual}{size_note}. The file is corrupted or not the registered "
            "version; delete it and fetch the dataset again.")
    return path


def _package_data_dir() -> Path:
    from importlib.resources import files

    folder = files("arabcorpus").joinpath("data")
    path = Path(str(folder))
    if not path.is_dir():
        raise FileNotFoundError(
            f"the bundled data folder {path} is missing: the arabcorpus installation "
            "is incomplete (reinstall it with pip)")
    return path


def _how_to_get(info: DatasetInfo, folder: Path, missing: list[str]) -> str:
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                      if len(missing) > 5 else "")
    return (f"dataset {info.name!r}: {len(missing)} of {info.n_files} files missing in "
            f"{folder} ({shown}). Call fetch_dataset({info.name!r}) with download=True "
            f"to download them from {info.url} into the cache, or copy them from there "
            f"into $ARABCORPUS_DATA/{info.name}/ (ARABCORPUS_DATA is the folder holding "
            f"one sub-folder per dataset).")


def fetch_dataset(name: str, *, download: bool = True, progress: bool | None = None
                  ) -> Path:
    """Return a local folder holding every file of a dataset, verified.

    Looks in ``$ARABCORPUS_DATA/<name>`` first (used as is when it exists: every file
    must be there), then in ``cache_dir()/<name>``, where missing files are downloaded
    with :func:`pooch.retrieve`. Every file is checked against its registered SHA-256.
    The bundled ``sample`` is returned from the package's data folder.

    Parameters
    ----------
    name : str
        A key of :data:`REGISTRY`.
    download : bool, default True
        Download missing files into the cache. With False, missing files raise.
    progress : bool, optional
        Show a progress bar while downloading: by default (None) in a notebook or a
        terminal once a download takes more than a second; True or False force it
        (:func:`arabcorpus.util.progress.progress_bar`).

    Returns
    -------
    Path
        The folder holding the files.

    Raises
    ------
    ValueError
        Unknown `name` (the message lists the valid ones).
    DatasetError
        A local file does not match its checksum (names the file and both checksums).
    FileNotFoundError
        Files are missing and `download` is False, or they are missing from an existing
        ``$ARABCORPUS_DATA/<name>`` folder; the message tells how to get them.

    Examples
    --------
    >>> folder = fetch_dataset("sample")
    >>> (folder / "sample.jsonl").is_file()
    True
    """
    check_progress(progress)
    info = dataset_info(name)
    if info.bundled:
        folder = _package_data_dir()
        for filename, sha, size in info.files:
            verify_file(folder / filename, sha, size)
        return folder

    home = data_home()
    if home is not None and (home / name).is_dir():
        folder = home / name
        _warn_unregistered(info, folder)
        missing = [f for f, _, _ in info.files if not (folder / f).is_file()]
        for filename, sha, size in info.files:
            if filename not in missing:
                verify_file(folder / filename, sha, size)
        if missing:
            raise FileNotFoundError(
                _how_to_get(info, folder, missing)
                + f" Nothing is downloaded into $ARABCORPUS_DATA; remove or rename "
                  f"{folder} to use the cache instead.")
        return folder

    folder = cache_dir() / name
    if folder.is_dir():
        _warn_unregistered(info, folder)
    missing = []
    for filename, sha, size in info.files:
        if (folder / filename).is_file():
            verify_file(folder / filename, sha, size)
        else:
            missing.append(filename)
    if missing and not download:
        where = (f"$ARABCORPUS_DATA/{name} ({home / name}) nor " if home is not None
                 else "$ARABCORPUS_DATA (unset) nor ")
        raise FileNotFoundError(f"dataset {name!r} found in neither {where}the cache. "
                                + _how_to_get(info, folder, missing))
    if missing:
        import pooch

        for filename, sha, size in info.files:
            if filename not in missing:
                continue
            with progress_bar(progress, desc=filename, unit="B", unit_scale=True) as bar:
                got = pooch.retrieve(info.file_url(filename), known_hash=f"sha256:{sha}",
                                     fname=filename, path=folder,
                                     progressbar=False if isinstance(bar, NoBar) else bar)
            if Path(got) != folder / filename:  # pragma: no cover - pooch contract
                raise DatasetError(f"pooch stored {filename} at {got}, "
                                   f"expected {folder / filename}")
            verify_file(folder / filename, sha, size)
    return folder


def unregistered_files(name: str, folder: str | os.PathLike[str]) -> list[str]:
    """Names of the entries of a dataset folder that are not registered files of the
    dataset (nor a ``SHA256SUMS`` checksum list), sorted; :func:`load_dataset` does not
    read them.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for f in ("2015-07-21.zip", "2015-09-01.zip", "SHA256SUMS"):
    ...         _ = Path(tmp, f).write_bytes(b"")
    ...     unregistered_files("saudinewsnet", tmp)
    ['2015-09-01.zip']
    """
    info = dataset_info(name)
    registered = {f for f, _, _ in info.files} | _COMPANION_FILES
    return sorted(p.name for p in Path(folder).iterdir() if p.name not in registered)


def _warn_unregistered(info: DatasetInfo, folder: Path) -> list[str]:
    extra = unregistered_files(info.name, folder)
    if extra:
        shown = ", ".join(extra[:10]) + (f" and {len(extra) - 10} more"
                                         if len(extra) > 10 else "")
        warnings.warn(f"dataset {info.name!r}: {folder} holds {len(extra)} "
                      f"unregistered file(s), not read: {shown}. Only the "
                      f"{info.n_files} registered files are read; read another file "
                      "with arabcorpus.read().", DatasetWarning, stacklevel=3)
    return extra


def _copy_verified(info: DatasetInfo, folder: Path, target: Path) -> None:
    """Copy the registered files of `folder` into `target`, hashing the bytes as they
    are copied; raise DatasetError for a file whose bytes are not the registered ones.

    Only the registered size is read (plus one byte, to notice a longer file), so a
    file that grew cannot make the copy unbounded.
    """
    for filename, sha, size in info.files:
        src = folder / filename
        h = hashlib.sha256()
        n = 0
        try:
            with open(src, "rb") as fin, open(target / filename, "wb") as fout:
                while n <= size:
                    chunk = fin.read(min(_CHUNK, size + 1 - n))
                    if not chunk:
                        break
                    h.update(chunk)
                    fout.write(chunk)
                    n += len(chunk)
        except FileNotFoundError:
            raise FileNotFoundError(
                f"dataset {info.name!r}: {src} disappeared after it was verified; "
                "no document was read in this pass") from None
        actual = h.hexdigest()
        if n != size or actual != sha:
            got = f"{n} bytes" if n <= size else f"more than {size} bytes"
            raise DatasetError(
                f"{src} changed after it was verified: the bytes read have sha256 "
                f"{actual if n <= size else '(not computed: file too long)'}, "
                f"expected {sha} ({got}, expected {size}). No document was read in "
                "this pass; restore the file (or delete it and fetch the dataset "
                "again).")


class VerifiedDatasetStream(DocumentStream):
    """The documents of a registered dataset, from checked bytes only.

    Returned by :func:`load_dataset`. Each pass copies the registered files into a
    private temporary folder, hashing the bytes as they are copied (SHA-256, compared
    with the registry: :class:`DatasetError` before any document if one differs), and
    reads the documents from that copy with the dataset's reader. Files of the folder
    that are not registered are listed in ``report.ignored`` and not read. Otherwise
    it behaves as the reader's :class:`~arabcorpus.io.readers.DocumentStream`:
    restartable, with a :class:`~arabcorpus.io.readers.LoadReport` per pass.
    """

    def __init__(self, info: DatasetInfo, folder: Path, options: dict) -> None:
        reader = _resolve_reader(info.reader)
        template = reader(folder, **options)  # checks the options now
        super().__init__(self._no_producer, template.options, source=str(folder),
                         format=template.format, duplicates=template.duplicates)
        self.info = info
        self.folder = folder
        self._reader = reader
        self._reader_options = dict(options)

    @staticmethod
    def _no_producer(ctx):  # pragma: no cover - __iter__ never calls it
        raise RuntimeError("VerifiedDatasetStream reads through its own passes")

    def __iter__(self):
        self._passes += 1
        # until the pass starts: an empty, incomplete report of this pass
        self._report = LoadReport(source=str(self.folder), format=self.format,
                                  duplicates_policy=self.duplicates)
        if self.digests is not None:
            self.digests.clear()
        return self._verified_pass()

    def _verified_pass(self):
        tmp = Path(tempfile.mkdtemp(prefix=f"arabcorpus-{self.info.name}-"))
        try:
            extra = unregistered_files(self.info.name, self.folder)
            _copy_verified(self.info, self.folder, tmp)
            inner = self._reader(tmp, **self._reader_options)
            inner.digests = self.digests
            docs = iter(inner)
            report = inner._report
            report.source = str(self.folder)
            report.ignored.extend(extra)
            self._report = report
            yield from docs
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def with_duplicates(self, duplicates: str | None) -> "VerifiedDatasetStream":
        """The same dataset read with another ``duplicates`` policy."""
        new = super().with_duplicates(duplicates)
        new._reader_options = {**self._reader_options, "duplicates": duplicates}
        return new

    def __repr__(self) -> str:
        return (f"VerifiedDatasetStream(dataset={self.info.name!r}, "
                f"folder={str(self.folder)!r})")


def _resolve_reader(spec: str):
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(module), func)


def read_sample(folder: str | os.PathLike[str] | None = None, *, clean: bool = True,
                duplicates: str | None = "keep") -> DocumentStream:
    """Read the bundled sample corpus.

    Reads ``sample.jsonl`` with :func:`arabcorpus.io.readers.read_jsonl` (ids from the
    ``id`` field; ``strict=True``, so a malformed line raises instead of being
    skipped). Items marked ``scraped: true`` hold a raw scraped page (title line,
    repeated title, byline, body, "read also" link, cookie banner); with
    ``clean=True`` their text goes through :func:`arabcorpus.io.news.parse_article` and
    its metadata is merged into the document's: ``title``, ``date``, ``author``, the
    byline section as ``section_ar`` (the English ``section`` code is derived from it
    with :data:`SAMPLE_SECTIONS`) and ``removed`` (every dropped line with its rule).
    Fields already present in the item win over parsed ones. Every cleaned document
    has the same meta keys: ``source``, ``date``, ``section``, ``section_ar``,
    ``title``, ``author``, ``scraped`` (bool) and ``removed`` (empty when nothing was
    removed), so they make uniform metadata columns.

    Parameters
    ----------
    folder : str or path-like, optional
        Folder holding ``sample.jsonl``; default: the bundled copy, read as
        :func:`load_dataset` reads it (every pass from bytes whose SHA-256 matched
        the registry).
    clean : bool, default True
        Clean the scraped items. With False every item is returned as stored.
    duplicates : {"keep", "drop", None}, default "keep"
        As in :func:`arabcorpus.io.readers.read`.

    Returns
    -------
    DocumentStream
        Restartable; 50 documents.

    Examples
    --------
    >>> docs = list(read_sample())
    >>> sorted({d.meta["section"] for d in docs})
    ['culture', 'economy', 'health', 'politics', 'sport']
    >>> page = next(d for d in docs if d.meta.get("scraped"))
    >>> page.meta["date"], page.meta["author"], page.meta["section_ar"]
    ('2024-03-12', 'سارة العلي', 'اقتصاد')
    >>> "ملفات تعريف الارتباط" in page.text
    False
    """
    from arabcorpus.io import readers

    if folder is None:  # the bundled copy, read from checked bytes on every pass
        return load_dataset("sample", clean=clean, duplicates=duplicates)
    path = Path(folder) / "sample.jsonl"
    raw = readers.read_jsonl(path, id_field="id", strict=True,
                             duplicates=None if clean else duplicates)
    if not clean:
        return raw
    return readers.read_iterable(_CleanedSample(raw), duplicates=duplicates)


class _CleanedSample:
    """Restartable: each pass re-reads the JSON Lines and cleans the scraped items."""

    def __init__(self, raw: DocumentStream) -> None:
        self._raw = raw

    def __iter__(self):
        return (_clean_sample(doc) for doc in self._raw)


_SAMPLE_META_ORDER = ("source", "date", "section", "section_ar", "title", "author",
                      "scraped", "removed")


def _clean_sample(doc: Document) -> Document:
    """Clean one sample item; every cleaned item gets ``scraped`` and ``removed``."""
    from arabcorpus.io.stream import Document

    merged = dict(doc.meta)
    merged["scraped"] = bool(merged.get("scraped", False))
    text = doc.text
    if merged["scraped"]:
        from arabcorpus.io import news

        parsed = news.parse_article(doc.text, doc_id=doc.id)
        pm = parsed.meta
        text = parsed.text
        for key, target in (("title", "title"), ("date", "date"), ("author", "author"),
                            ("section", "section_ar")):
            if pm.get(key) and not merged.get(target):
                merged[target] = pm[key]
        merged["removed"] = (list(merged.get("removed") or [])
                             + list(pm.get("removed") or []))
        if not merged.get("section"):
            to_code = {ar: code for code, ar in SAMPLE_SECTIONS.items()}
            section_ar = merged.get("section_ar")
            if section_ar not in to_code:
                raise DatasetError(f"sample document {doc.id!r}: byline section "
                                   f"{section_ar!r} is not one of {', '.join(to_code)}")
            merged["section"] = to_code[section_ar]
    else:
        merged.setdefault("removed", [])
    ordered = {k: merged.pop(k) for k in _SAMPLE_META_ORDER if k in merged}
    ordered.update(merged)
    return Document(id=doc.id, text=text, meta=ordered)


def load_dataset(name: str, *, download: bool = True, progress: bool | None = None,
                 **reader_options: Any) -> DocumentStream:
    """Fetch a dataset (see :func:`fetch_dataset`) and read it into documents.

    Parameters
    ----------
    name : str
        A key of :data:`REGISTRY`.
    download : bool, default True
        Passed to :func:`fetch_dataset`.
    progress : bool, optional
        Passed to :func:`fetch_dataset` (None: a bar only where someone watches).
    **reader_options
        Passed to the dataset's reader: :func:`arabcorpus.io.readers.read_saudinewsnet`
        for ``saudinewsnet``, :func:`read_sample` (``clean=True``) for ``sample``.

    Returns
    -------
    DocumentStream
        A restartable iterable of :class:`arabcorpus.io.readers.Document`. It reads
        only the registered files, and each pass reads them from a private copy
        whose SHA-256 was computed from the bytes copied and matched the registry
        (see the module's "What is read is what was checked").

    Raises
    ------
    DatasetError
        At :func:`fetch_dataset`, or when a pass starts, if a file's bytes are not
        the registered ones (also after an edit that kept the modification time);
        the message names the file and both checksums. No document of that pass is
        yielded.

    Warns
    -----
    DatasetWarning
        If the dataset folder holds unregistered files (named in the message); they
        are not read, and each pass lists them in ``report.ignored``.

    Examples
    --------
    >>> docs = load_dataset("sample")
    >>> first = next(iter(docs))
    >>> first.meta["source"]
    'sample'
    """
    info = dataset_info(name)
    folder = fetch_dataset(name, download=download, progress=progress)
    return VerifiedDatasetStream(info, Path(folder), reader_options)


def citation(name: str) -> str:
    """Return the BibTeX entry to cite a dataset.

    Examples
    --------
    >>> print(citation("saudinewsnet"))  # doctest: +ELLIPSIS
    @misc{hagrima2015,
      author       = {Alhagri, Mazen A.},
      title        = {Saudi Newspapers Arabic Corpus ({SaudiNewsNet})},
      year         = {2015},
    ...
    """
    return dataset_info(name).citation


def list_datasets() -> pd.DataFrame:
    """Return the registry as a table.

    Columns: ``name``, ``description``, ``license``, ``size`` (bytes), ``n_files``,
    ``url``, ``bundled``.

    Examples
    --------
    >>> df = list_datasets()
    >>> df[["name", "license", "n_files"]].values.tolist()
    [['saudinewsnet', 'CC-BY-NC-SA-4.0', 18], ['sample', 'CC0-1.0', 1]]
    """
    import pandas as pd

    rows = [{"name": i.name, "description": i.description, "license": i.license,
             "size": i.size, "n_files": i.n_files, "url": i.url, "bundled": i.bundled}
            for i in REGISTRY.values()]
    return pd.DataFrame(rows, columns=["name", "description", "license", "size",
                                       "n_files", "url", "bundled"])
