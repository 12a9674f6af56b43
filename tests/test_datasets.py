"""Tests of arabcorpus.io.datasets: registry, checksums, fetching (offline), loading.

Nothing here touches the network: the download path is exercised with a fake
``pooch.retrieve`` that copies the shared files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.resources
import importlib.util
import os
import re
import shutil
from pathlib import Path

import pooch
import pytest

from arabcorpus.io import datasets
from arabcorpus.io.datasets import (REGISTRY, SAMPLE_SECTIONS, DatasetError, DatasetInfo,
                                 cache_dir, citation, data_home, dataset_info,
                                 fetch_dataset, list_datasets, load_dataset,
                                 read_sample, verify_file)

REPO_ROOT = Path(__file__).resolve().parent.parent
SNN = REGISTRY["saudinewsnet"]
COOKIE = "ملفات تعريف الارتباط"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Empty ARABCORPUS_DATA and cache folders, and a pooch.retrieve that fails the
    test if called."""
    home = tmp_path / "data"
    cache = tmp_path / "cache"
    home.mkdir()
    monkeypatch.setenv("ARABCORPUS_DATA", str(home))
    monkeypatch.setenv("ARABCORPUS_CACHE", str(cache))

    def no_network(*args, **kwargs):
        raise AssertionError(f"pooch.retrieve called: {args} {kwargs}")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    return home, cache


def snn() -> DatasetInfo:
    """The SaudiNewsNet entry as registered now (the stand-in of `snn_copy` in a test
    that uses it)."""
    return REGISTRY["saudinewsnet"]


@pytest.fixture
def snn_copy(tmp_path, monkeypatch) -> Path:
    """A stand-in for SaudiNewsNet in the layout as published (every registered day
    as ``YYYY-MM-DD.zip`` holding ``YYYY-MM-DD.json``, two articles a day, stored
    uncompressed so that each zip exceeds 1,000 bytes), registered in place of the
    real checksums for the test: the fetching, checking and reading of a dataset run
    without the real corpus."""
    import json
    import zipfile

    src = tmp_path / "corpora" / "saudinewsnet"
    src.mkdir(parents=True)
    files = []
    for name, _, _ in SNN.files:
        day = name[:-len(".zip")]
        articles = [{"source": "sabq", "url": f"http://sabq.org/{day}/{i}",
                     "date_extracted": f"{day} 10:0{i}:00", "title": f"عنوان {i}",
                     "author": "", "content": f"خبر رقم {i} ليوم {day}. " * 20}
                    for i in range(2)]
        with zipfile.ZipFile(src / name, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(f"{day}.json", json.dumps(articles, ensure_ascii=False))
        data = (src / name).read_bytes()
        files.append((name, hashlib.sha256(data).hexdigest(), len(data)))
    monkeypatch.setitem(REGISTRY, "saudinewsnet", dataclasses.replace(SNN, files=tuple(files)))
    return src


def link_copy(src_dir: Path, dst_dir: Path, skip: set[str] = frozenset()) -> None:
    """Make dst_dir hold every registered SaudiNewsNet file as a symlink to src_dir."""
    dst_dir.mkdir(parents=True, exist_ok=True)
    for filename, _, _ in snn().files:
        if filename not in skip:
            (dst_dir / filename).symlink_to(src_dir / filename)


# --------------------------------------------------------------------------- registry
def test_registry_entries():
    assert set(REGISTRY) == {"saudinewsnet", "sample"}
    for name, info in REGISTRY.items():
        assert isinstance(info, DatasetInfo) and info.name == name
        assert info.description and info.license and info.citation and info.reader
        for filename, sha, size in info.files:
            assert re.fullmatch(r"[0-9a-f]{64}", sha), filename
            assert isinstance(size, int) and size > 0
    assert SNN.n_files == 18
    assert SNN.license == "CC-BY-NC-SA-4.0"
    assert SNN.url == "https://github.com/parallelfold/SaudiNewsNet"
    assert REGISTRY["sample"].bundled and REGISTRY["sample"].base_url is None


def test_datasetinfo_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SNN.name = "other"  # type: ignore[misc]


def test_file_urls():
    assert SNN.file_url("2015-07-21.zip") == \
        "https://github.com/parallelfold/SaudiNewsNet/raw/master/dataset/2015-07-21.zip"
    with pytest.raises(ValueError, match="bundled"):
        REGISTRY["sample"].file_url("sample.jsonl")


def test_registry_checksums_match_shared_files(saudinewsnet_dir):
    on_disk = sorted(p.name for p in saudinewsnet_dir.glob("*.zip"))
    assert on_disk == [f for f, _, _ in SNN.files]
    for filename, sha, size in SNN.files:
        path = saudinewsnet_dir / filename
        assert sha256_of(path) == sha, filename
        assert path.stat().st_size == size, filename
    assert SNN.size == sum(p.stat().st_size for p in saudinewsnet_dir.glob("*.zip"))


def test_registry_agrees_with_sha256sums_file(saudinewsnet_dir):
    listed = {}
    for line in (saudinewsnet_dir / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        listed[Path(name).name] = digest
    assert listed == {f: sha for f, sha, _ in SNN.files}


def test_sample_checksum_matches_bundled_file():
    resource = importlib.resources.files("arabcorpus").joinpath("data", "sample.jsonl")
    data = resource.read_bytes()
    ((filename, sha, size),) = REGISTRY["sample"].files
    assert filename == "sample.jsonl"
    assert hashlib.sha256(data).hexdigest() == sha
    assert len(data) == size


def test_sample_is_reproducible_from_its_sources():
    """corpora/sample_source/build.py regenerates the bundled file byte for byte."""
    spec = importlib.util.spec_from_file_location(
        "sample_build", REPO_ROOT / "corpora" / "sample_source" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    bundled = importlib.resources.files("arabcorpus").joinpath(
        "data", "sample.jsonl").read_bytes()
    assert build.render(build.build()) == bundled


def test_unknown_name_and_wrong_type():
    for func in (dataset_info, fetch_dataset, load_dataset, citation):
        with pytest.raises(ValueError, match="valid names: sample, saudinewsnet"):
            func("saudi")
        with pytest.raises(TypeError, match="int"):
            func(3)


def test_list_datasets():
    df = list_datasets()
    assert list(df.columns) == ["name", "description", "license", "size", "n_files",
                                "url", "bundled"]
    assert list(df["name"]) == list(REGISTRY)
    row = df.set_index("name").loc["saudinewsnet"]
    assert row["n_files"] == 18
    assert row["size"] == sum(size for _, _, size in SNN.files)
    assert row["license"] == "CC-BY-NC-SA-4.0"


# --------------------------------------------------------------------------- folders
def test_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("ARABCORPUS_DATA", str(tmp_path))
    assert data_home() == tmp_path
    monkeypatch.setenv("ARABCORPUS_DATA", "")
    assert data_home() is None
    monkeypatch.delenv("ARABCORPUS_DATA")
    assert data_home() is None


def test_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ARABCORPUS_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    assert not (tmp_path / "c").exists()  # not created by asking
    monkeypatch.delenv("ARABCORPUS_CACHE")
    assert cache_dir() == Path(pooch.os_cache("arabcorpus"))


# --------------------------------------------------------------------------- fetching
def test_fetch_finds_shared_folder(snn_copy, monkeypatch):
    monkeypatch.setenv("ARABCORPUS_DATA", str(snn_copy.parent))
    assert fetch_dataset("saudinewsnet", download=False) == snn_copy


def test_fetch_sample_is_bundled(isolated):
    folder = fetch_dataset("sample", download=False)
    assert (folder / "sample.jsonl").is_file()
    assert folder == Path(str(importlib.resources.files("arabcorpus").joinpath("data")))


def test_corrupted_copy_raises_naming_the_file(isolated, snn_copy):
    home, _ = isolated
    bad = "2015-08-02.zip"
    link_copy(snn_copy, home / "saudinewsnet", skip={bad})
    data = bytearray((snn_copy / bad).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (home / "saudinewsnet" / bad).write_bytes(bytes(data))
    expected = dict((f, s) for f, s, _ in snn().files)[bad]
    with pytest.raises(DatasetError) as err:
        fetch_dataset("saudinewsnet", download=False)
    message = str(err.value)
    assert bad in message
    assert expected in message
    assert hashlib.sha256(bytes(data)).hexdigest() in message
    assert isinstance(err.value, ValueError)
    with pytest.raises(DatasetError, match=bad):  # also through load_dataset
        load_dataset("saudinewsnet")


def test_truncated_copy_reports_sizes(isolated, snn_copy):
    home, _ = isolated
    name, _, size = snn().files[0]
    folder = home / "saudinewsnet"
    link_copy(snn_copy, folder, skip={name})
    (folder / name).write_bytes((snn_copy / name).read_bytes()[:1000])
    with pytest.raises(DatasetError, match=rf"{name}.*size 1000 bytes, expected {size}"):
        fetch_dataset("saudinewsnet")


def test_missing_file_in_data_home_raises(isolated, snn_copy):
    home, _ = isolated
    missing = "2015-07-27.zip"
    link_copy(snn_copy, home / "saudinewsnet", skip={missing})
    for download in (False, True):  # never downloads into ARABCORPUS_DATA
        with pytest.raises(FileNotFoundError, match=missing):
            fetch_dataset("saudinewsnet", download=download)


def test_missing_dataset_with_download_false_raises(isolated):
    with pytest.raises(FileNotFoundError) as err:
        fetch_dataset("saudinewsnet", download=False)
    message = str(err.value)
    assert "download=True" in message and snn().url in message
    assert "ARABCORPUS_DATA" in message and "18 of 18 files missing" in message
    with pytest.raises(FileNotFoundError):
        load_dataset("saudinewsnet", download=False)


def fake_retrieve_from(src_dir: Path, calls: list, corrupt: bool = False):
    """A pooch.retrieve stand-in that 'downloads' by copying from src_dir."""

    def retrieve(url, known_hash, fname=None, path=None, progressbar=False, **kw):
        calls.append((url, known_hash, fname))
        assert url == snn().file_url(fname)
        assert known_hash == "sha256:" + dict((f, s) for f, s, _ in snn().files)[fname]
        Path(path).mkdir(parents=True, exist_ok=True)
        target = Path(path) / fname
        shutil.copyfile(src_dir / fname, target)
        if corrupt:
            with open(target, "r+b") as fh:
                fh.seek(100)
                fh.write(b"\x00\x01\x02")
        return str(target)

    return retrieve


def test_download_path_offline(isolated, snn_copy, monkeypatch):
    _, cache = isolated
    calls: list = []
    monkeypatch.setattr(pooch, "retrieve", fake_retrieve_from(snn_copy, calls))
    folder = fetch_dataset("saudinewsnet", progress=False)
    assert folder == cache / "saudinewsnet"
    assert sorted(c[2] for c in calls) == [f for f, _, _ in snn().files]
    for filename, sha, _ in snn().files:
        assert sha256_of(folder / filename) == sha
    # Second call: everything is there and verified; nothing is downloaded.
    calls.clear()
    assert fetch_dataset("saudinewsnet", download=False) == folder
    assert calls == []
    # A file removed from the cache is downloaded again, and only that one.
    (folder / "2015-08-11.zip").unlink()
    assert fetch_dataset("saudinewsnet") == folder
    assert [c[2] for c in calls] == ["2015-08-11.zip"]
    # And the real loader reads from the cache folder.
    first = next(iter(load_dataset("saudinewsnet", download=False)))
    assert first.id.startswith("2015-07-21/") and first.text


def test_downloaded_file_is_verified(isolated, snn_copy, monkeypatch):
    calls: list = []
    monkeypatch.setattr(pooch, "retrieve",
                        fake_retrieve_from(snn_copy, calls, corrupt=True))
    with pytest.raises(DatasetError, match=snn().files[0][0]):
        fetch_dataset("saudinewsnet", progress=False)
    assert len(calls) == 1  # stops at the first bad file


def test_corrupted_cache_file_is_not_reused_or_redownloaded(isolated, snn_copy,
                                                          monkeypatch):
    _, cache = isolated
    folder = cache / "saudinewsnet"
    folder.mkdir(parents=True)
    name = "2015-08-06.zip"
    (folder / name).write_bytes(b"not a zip")
    calls: list = []
    monkeypatch.setattr(pooch, "retrieve", fake_retrieve_from(snn_copy, calls))
    with pytest.raises(DatasetError, match=name):
        fetch_dataset("saudinewsnet")
    assert calls == []


def edit_keeping_mtime(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (same length) in place, then set the times back."""
    assert len(old) == len(new)
    st = path.stat()
    data = path.read_bytes()
    assert old in data
    with open(path, "r+b") as fh:
        fh.seek(data.index(old))
        fh.write(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_verification_hashes_the_content_every_time(tmp_path):
    """An edit that keeps the size and the modification time is still caught."""
    path = tmp_path / "f.bin"
    path.write_bytes(b"abcdef")
    good = hashlib.sha256(b"abcdef").hexdigest()
    assert verify_file(path, good, 6) == path
    edit_keeping_mtime(path, b"f", b"X")
    with pytest.raises(DatasetError, match="f.bin"):
        verify_file(path, good, 6)


def test_verify_file_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.zip"):
        verify_file(tmp_path / "nope.zip", "0" * 64)


# --------------------------------------------------------------------------- what is read
@pytest.fixture
def sample_copy(tmp_path, monkeypatch):
    """The bundled sample copied to a folder the test may edit, used as the package's
    data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    src = Path(str(importlib.resources.files("arabcorpus").joinpath("data",
                                                                     "sample.jsonl")))
    shutil.copyfile(src, folder / "sample.jsonl")
    monkeypatch.setattr(datasets, "_package_data_dir", lambda: folder)
    return folder / "sample.jsonl"


def test_stream_checks_the_bytes_on_every_pass(sample_copy):
    docs = load_dataset("sample")
    ids = [d.id for d in docs]
    assert len(ids) == 50 and docs.report.complete
    # ف -> ق: same UTF-8 length, same size, modification time set back
    edit_keeping_mtime(sample_copy, "النفط".encode(), "النقط".encode())
    it = iter(docs)
    with pytest.raises(DatasetError) as err:
        next(it)  # before any document of the pass
    message = str(err.value)
    assert "sample.jsonl" in message and REGISTRY["sample"].files[0][1] in message
    assert hashlib.sha256(sample_copy.read_bytes()).hexdigest() in message
    with pytest.raises(DatasetError, match="sample.jsonl"):  # and on a new load
        load_dataset("sample")
    with pytest.raises(DatasetError, match="sample.jsonl"):
        list(read_sample())


def test_stream_catches_an_edit_made_during_a_pass(sample_copy):
    """The pass reads its own checked copy: an edit while it runs cannot mix in, and
    the next pass refuses the edited file."""
    docs = load_dataset("sample", clean=False)
    before = [d.text for d in docs]
    it = iter(docs)
    first = next(it)
    edit_keeping_mtime(sample_copy, "النفط".encode(), "النقط".encode())
    assert [first.text] + [d.text for d in it] == before
    with pytest.raises(DatasetError, match="sample.jsonl"):
        list(docs)


def test_stream_leaves_no_temporary_copy(sample_copy, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    docs = load_dataset("sample")
    assert len(list(docs)) == 50
    it = iter(docs)
    next(it)
    assert len(list(scratch.iterdir())) == 1  # the pass's private copy
    it.close()  # an abandoned pass removes it too
    assert list(scratch.iterdir()) == []


def test_unregistered_files_are_named_and_not_read(isolated, snn_copy):
    home, _ = isolated
    folder = home / "saudinewsnet"
    link_copy(snn_copy, folder)
    # a valid SaudiNewsNet day that sorts first, and is not in the registry
    import json
    import zipfile

    intruder = [{"source": "x", "url": "u", "date_extracted": "2015-07-20 10:00:00",
                 "title": "t", "author": "a", "content": "خبر دخيل لم يسجل"}]
    with zipfile.ZipFile(folder / "2015-07-20.zip", "w") as zf:
        zf.writestr("2015-07-20.json", json.dumps(intruder, ensure_ascii=False))
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert datasets.unregistered_files("saudinewsnet", folder) == ["2015-07-20.zip",
                                                                   "notes.txt"]
    with pytest.warns(datasets.DatasetWarning, match=r"2015-07-20\.zip.*notes\.txt"):
        docs = load_dataset("saudinewsnet", duplicates=None)
    it = iter(docs)
    first = next(it)
    assert first.id == "2015-07-21/0" and first.meta["file"] == "2015-07-21.zip"
    it.close()
    assert {"2015-07-20.zip", "notes.txt"} <= set(docs.report.ignored)
    assert docs.report.source == str(folder)


def test_dataset_file_edited_after_fetch_is_caught(isolated, snn_copy):
    home, _ = isolated
    name = "2015-07-23.zip"
    folder = home / "saudinewsnet"
    link_copy(snn_copy, folder, skip={name})
    shutil.copyfile(snn_copy / name, folder / name)
    docs = load_dataset("saudinewsnet", duplicates=None)
    assert next(iter(docs)).id == "2015-07-21/0"
    data = (folder / name).read_bytes()
    middle = len(data) // 2
    edit_keeping_mtime(folder / name, data[middle:middle + 4],
                       bytes(b ^ 0xFF for b in data[middle:middle + 4]))
    with pytest.raises(DatasetError, match=name):
        next(iter(docs))
    with pytest.raises(DatasetError, match=name):
        fetch_dataset("saudinewsnet", download=False)


# --------------------------------------------------------------------------- sample
@pytest.fixture(scope="module")
def sample_docs():
    return list(load_dataset("sample"))


def test_sample_loads(sample_docs):
    assert 40 <= len(sample_docs) <= 60
    ids = [d.id for d in sample_docs]
    assert len(set(ids)) == len(ids)
    assert all(d.meta["source"] == "sample" for d in sample_docs)
    sections = [d.meta["section"] for d in sample_docs]
    assert set(sections) == set(SAMPLE_SECTIONS)
    for code in SAMPLE_SECTIONS:  # roughly balanced
        assert 8 <= sections.count(code) <= 12
    for d in sample_docs:
        assert d.meta["section_ar"] == SAMPLE_SECTIONS[d.meta["section"]]
        assert re.fullmatch(r"2024-0[34]-\d\d", d.meta["date"]), d.id
        assert "2024-03-01" <= d.meta["date"] <= "2024-04-15"
        assert d.meta["title"] and d.meta["author"] and d.text


def test_sample_scraped_items_are_cleaned(sample_docs):
    scraped = {d.id: d for d in sample_docs if d.meta["scraped"]}
    assert len(scraped) == 2
    for d in scraped.values():
        assert COOKIE not in d.text
        assert "اقرأ أيضاً" not in d.text
        assert d.meta["title"] not in d.text  # title and its repetition removed
        rules = [r["rule"] for r in d.meta["removed"]]
        assert "repeated_title" in rules and any(COOKIE in r["line"]
                                                 for r in d.meta["removed"])
        assert not d.text.startswith(d.meta["section_ar"])  # byline removed
    economy = next(d for d in scraped.values() if d.meta["section"] == "economy")
    assert (economy.meta["date"], economy.meta["author"]) == ("2024-03-12", "سارة العلي")
    assert economy.meta["title"] == "ارتفاع أسعار النفط يعزز إيرادات الميزانية"
    culture = next(d for d in scraped.values() if d.meta["section"] == "culture")
    # byline "ثقافة | ٢٠ آذار ٢٠٢٤ | يوسف القاسم": Levantine month, Arabic-Indic digits
    assert (culture.meta["date"], culture.meta["author"]) == ("2024-03-20", "يوسف القاسم")
    others = [d for d in sample_docs if not d.meta["scraped"]]
    assert all(d.meta["removed"] == [] for d in others)
    assert all(set(d.meta) == set(sample_docs[0].meta) for d in sample_docs)


def test_sample_raw_keeps_scraped_pages():
    raw = list(read_sample(clean=False))
    pages = [d for d in raw if d.meta.get("scraped")]
    assert len(pages) == 2
    for d in pages:
        assert COOKIE in d.text and "title" not in d.meta
        assert d.text.splitlines()[0] == d.text.splitlines()[2]  # title repeated


def test_sample_stream_is_restartable_and_reported():
    docs = load_dataset("sample")
    assert [d.id for d in docs] == [d.id for d in docs]
    assert docs.report.documents_read == len(list(docs))
    assert docs.report.skipped == []


def test_sample_content_features(sample_docs):
    """The sample exercises what the text tools must handle."""
    texts = [d.text for d in sample_docs]
    joined = "\n".join(texts)
    assert re.search("[\u064B-\u0652]", joined)             # harakat / tanwin
    # shadda + fatha in both orders: as typed, and in Unicode canonical order
    assert "\u0651\u064E" in joined and "\u064E\u0651" in joined
    assert "أيضاً" in joined                                  # tanwin fath
    assert re.search("[٠-٩]+٪", joined)                      # Arabic-Indic percent
    assert re.search(r"https?://\S+", joined)
    assert re.search(r"[\w.]+@[\w.]+\.\w+", joined)
    assert re.search(r"#\w+", joined)
    assert re.search(r"\b[A-Za-z]{2,}\b", joined)
    assert 'لـ "' in joined
    # Recurring key terms and collocations per section, for the analyses.
    by_section: dict[str, str] = {}
    for d in sample_docs:
        by_section[d.meta["section"]] = by_section.get(d.meta["section"], "") + d.text
    expected = {"economy": ["البنك المركزي", "أسعار النفط", "التضخم"],
                "sport": ["المنتخب", "الدوري", "كأس العالم"],
                "health": ["المستشفى", "وزارة الصحة"],
                "culture": ["المهرجان", "مهرجان", "الكتاب"],
                "politics": ["البرلمان", "الانتخابات"]}
    for section, terms in expected.items():
        for term in terms:
            assert by_section[section].count(term) >= 3, (section, term)


def test_sample_card_counts_agree(sample_docs):
    """corpora/sample.md states the counts the data has."""
    card = (REPO_ROOT / "corpora" / "sample.md").read_text(encoding="utf-8")
    raw = list(read_sample(clean=False))
    words = sum(sum(1 for t in d.text.split() if re.search(r"[^\W\d_]", t))
                for d in raw)
    assert f"| documents | {len(sample_docs)} |" in card
    assert f"| words (as stored) | {words:,} |" in card
    for code in SAMPLE_SECTIONS:
        n = sum(1 for d in sample_docs if d.meta["section"] == code)
        assert re.search(rf"\| {code} \| {SAMPLE_SECTIONS[code]} \| {n} \|", card), code


# --------------------------------------------------------------------------- citation
def test_citation_saudinewsnet():
    bib = citation("saudinewsnet")
    assert bib.startswith("@misc{hagrima2015,")
    for field in ("author", "title", "year", "url"):
        assert re.search(rf"^\s*{field}\s*=", bib, flags=re.M), field
    assert "Alhagri" in bib and "Saudi Newspapers Arabic Corpus" in bib
    assert re.search(r"year\s*=\s*\{2015\}", bib)
    assert "github.com/parallelfold/SaudiNewsNet" in bib
    assert bib.count("{") == bib.count("}")


def test_citation_sample():
    bib = citation("sample")
    assert bib.startswith("@misc{") and "arabcorpus" in bib
    assert bib.count("{") == bib.count("}")


# --------------------------------------------------------------------------- full corpus
@pytest.mark.slow
def test_load_saudinewsnet_full(saudinewsnet_dir, saudinewsnet_articles, monkeypatch):
    monkeypatch.setenv("ARABCORPUS_DATA", str(saudinewsnet_dir.parent))
    # Every article, empty ones included: the published 31,030.
    docs = load_dataset("saudinewsnet", empty="keep", duplicates=None)
    n = 0
    sources = set()
    for doc in docs:
        n += 1
        sources.add(doc.meta["source"])
    assert n == len(saudinewsnet_articles) == 31_030
    assert len(sources) == 14
    # By default the articles with empty content are skipped, and reported.
    empty = sum(1 for a in saudinewsnet_articles if not (a["content"] or "").strip())
    assert empty > 0
    docs = load_dataset("saudinewsnet", duplicates=None)
    assert sum(1 for _ in docs) == 31_030 - empty
    assert docs.report.n_skipped == empty


def test_progress_defaults_to_none_and_is_checked():
    import inspect

    for fn in (fetch_dataset, load_dataset):
        assert inspect.signature(fn).parameters["progress"].default is None
    with pytest.raises(TypeError, match="progress must be None, True or False"):
        fetch_dataset("sample", progress="yes")


def test_saudinewsnet_reader_lives_with_the_dataset():
    from arabcorpus.io import readers, saudinewsnet

    assert dataset_info("saudinewsnet").reader == \
        "arabcorpus.io.saudinewsnet:read_saudinewsnet"
    assert readers.read_saudinewsnet is saudinewsnet.read_saudinewsnet
