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
