"""The Dask reader reports what a serial read of the same folder reports."""

import json
import os

import pytest

from arabcorpus.io.readers import read

pytest.importorskip("dask", reason="the Dask extra is not installed")


def _folder(tmp_path):
    root = tmp_path / "news"
    root.mkdir()
    (root / "a.jsonl").write_text(
        json.dumps({"text": "خبر أول"}) + "\n"
        + '{"text": "نص \\ud800 مكسور"}\n', encoding="utf-8")
    (root / "b.txt").write_text("خبر ثان", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    return root


def test_partitions_report_surrogates_and_special_files_as_a_serial_read(tmp_path):
    import dask

    import arabcorpus.dask as acd

    root = _folder(tmp_path)
    serial = read(root)
    docs = list(serial)
    bag = acd.read_documents(root)
    with dask.config.set(scheduler="sync"):
        parts = bag.to_delayed()
        partitions = dask.compute(*parts)
    report = acd.merge_reports([p.report for p in partitions])
    got = [d for p in partitions for d in p]
    assert [d.id for d in got] == [d.id for d in docs]
    assert report.surrogates_replaced == serial.report.surrogates_replaced == 1
    unreadable = [s for s in report.skipped if s.kind == "unreadable"]
    assert [s.file for s in unreadable] == ["pipe.txt"]
    assert [s.file for s in serial.report.skipped if s.kind == "unreadable"] == \
        ["pipe.txt"]


def test_saudinewsnet_zips_are_checked_against_their_checksums(saudinewsnet_dir,
                                                               tmp_path):
    """As load_dataset does: a registered zip whose bytes changed is an error naming
    it, before any partition is read."""
    import shutil

    import arabcorpus.dask as acd
    from arabcorpus.io.datasets import DatasetError

    bag = acd.read_documents(saudinewsnet_dir)
    assert bag.npartitions == len(list(saudinewsnet_dir.glob("*.zip")))
    copy = tmp_path / "saudinewsnet"
    shutil.copytree(saudinewsnet_dir, copy)
    second = sorted(copy.glob("*.zip"))[1]
    data = bytearray(second.read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside the compressed data: still a zip
    second.write_bytes(bytes(data))
    with pytest.raises(DatasetError, match=second.name):
        acd.read_documents(copy)


def test_merged_reports_add_up_warc_records_by_kind():
    pytest.importorskip("dask")
    import arabcorpus.dask as acd
    from arabcorpus.io.load_report import LoadReport

    a = LoadReport(source="a.warc.gz", format="warc", records={"html": 3, "request": 3})
    b = LoadReport(source="b.warc.gz", format="warc", records={"html": 1, "image": 2})
    merged = acd.merge_reports([a, b])
    assert merged.records == {"html": 4, "request": 3, "image": 2}
