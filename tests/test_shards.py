"""Sharded corpora (arabcorpus.corpus.sharded) and the Dask path (arabcorpus.dask).

Every analysis must give exactly the result of the in-memory corpus on the same
documents; broken shard folders must raise errors naming the file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from arabcorpus import Corpus
from arabcorpus.analyses import measures as M
from arabcorpus.analyses.collocations import collocates, collocations
from arabcorpus.analyses.dispersion import dispersion
from arabcorpus.analyses.frequency import frequency, lexical_stats, ngrams
from arabcorpus.analyses.keyness import keyness
from arabcorpus.analyses.kwic import kwic
from arabcorpus.io.readers import Document
from arabcorpus.corpus.sharded import ShardedCorpus

TEXTS = [
    "قال وزير الخارجية إن المملكة العربية السعودية تدعم الحل السياسي في اليمن.",
    "أعلنت وزارة الصحة عن 12 إصابة جديدة بفيروس كورونا في الرياض وجدة.",
    "قال المتحدث باسم التحالف إن العمليات مستمرة في اليمن.",
    "ارتفعت أسعار النفط، وقال محللون إن الطلب على النفط يتعافى.",
    "وزارة الصحة: لا إصابات جديدة بفيروس كورونا في مكة المكرمة.",
    "؟!",
    "قال وزير الخارجية إن الحل السياسي في اليمن هو الطريق الوحيد.",
    "أمطار غزيرة على مكة المكرمة وجدة، والدفاع المدني يحذر.",
]
SOURCES = ["okaz", "sabq", "okaz", "aleqtisadiya", "sabq", "sabq", "okaz", "alriyadh"]


def _docs():
    return [Document(str(i), t, {"source": s, "date": f"2015-07-{20 + i % 3:02d}"})
            for i, (t, s) in enumerate(zip(TEXTS, SOURCES))]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    base = tmp_path_factory.mktemp("small")
    memory = Corpus.build(_docs(), stem="isri", progress=False)
    sharded = Corpus.build(_docs(), stem="isri", progress=False, path=base / "c",
                           shard_size=3)
    return memory, sharded


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_sharded_build_equals_memory_build(tmp_path, size):
    memory = Corpus.build(_docs(), stem="isri", punctuation=True, progress=False)
    sharded = Corpus.build(_docs(), stem="isri", punctuation=True, progress=False,
                           path=tmp_path / "c", shard_size=size)
    assert isinstance(sharded, ShardedCorpus)
    assert sharded.n_shards == -(-len(TEXTS) // size)
    assert len(sharded) == len(memory) and sharded.n_tokens == memory.n_tokens
    assert sharded.to_corpus() == memory
    for layer in memory.layers:
        assert sharded.vocab(layer) == memory.vocab(layer)
        assert np.array_equal(sharded.ids(layer), memory.ids(layer))
        assert np.array_equal(sharded.counts(layer), memory.counts(layer))
    # Corpus.load opens a sharded folder too, with every check
    again = Corpus.load(tmp_path / "c")
    assert isinstance(again, ShardedCorpus) and again.to_corpus() == memory
    assert [sharded.text(i) for i in range(len(TEXTS))] == TEXTS
    assert sharded.tokens(2, "surface") == memory.tokens(2, "surface")
    assert sharded.tokens("6") == memory.tokens("6")


def test_rebuild_over_a_sharded_corpus(tmp_path):
    Corpus.build(TEXTS, path=tmp_path / "c", shard_size=2, progress=False)
    c = Corpus.build(TEXTS[:3], path=tmp_path / "c", shard_size=2, progress=False)
    assert len(c) == 3 and c.n_shards == 2
    assert sorted(p.name for p in (tmp_path / "c" / "shards").iterdir()) == ["00000",
                                                                            "00001"]


def test_empty_sharded_corpus(tmp_path):
    c = Corpus.build([], path=tmp_path / "c", progress=False)
    assert len(c) == 0 and c.n_tokens == 0
    assert len(frequency(c)) == 0


def test_frequency_same(small):
    memory, sharded = small
    for layer in ("surface", "norm", "stem"):
        pd.testing.assert_frame_equal(frequency(sharded, layer=layer),
                                      frequency(memory, layer=layer), check_exact=False,
                                      rtol=1e-12)
    pd.testing.assert_frame_equal(frequency(sharded, by="source", min_freq=2),
                                  frequency(memory, by="source", min_freq=2),
                                  check_exact=False, rtol=1e-12)


def test_other_analyses_same(small):
    memory, sharded = small
    pd.testing.assert_frame_equal(ngrams(sharded, length=2, min_freq=1, min_range=1),
                                  ngrams(memory, length=2, min_freq=1, min_range=1))
    pd.testing.assert_frame_equal(lexical_stats(sharded, sttr_chunk=5, mattr_window=4),
                                  lexical_stats(memory, sttr_chunk=5, mattr_window=4))
    for query in ("قال", ("وزير", "الخارجية"), "اليمن"):
        a = kwic(sharded, query, window=3).to_frame()
        b = kwic(memory, query, window=3).to_frame()
        pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(
        collocates(sharded, "قال", window=(2, 3), min_freq=1,
                   measures=list(M.ASSOCIATION_MEASURES)),
        collocates(memory, "قال", window=(2, 3), min_freq=1,
                   measures=list(M.ASSOCIATION_MEASURES)), check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(
        collocations(sharded, window=4, min_freq=1, measures=list(M.ASSOCIATION_MEASURES)),
        collocations(memory, window=4, min_freq=1, measures=list(M.ASSOCIATION_MEASURES)),
        check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(
        keyness(sharded.subcorpus(source="okaz"), sharded.subcorpus(
            query="source != 'okaz'"), min_freq=1),
        keyness(memory.subcorpus(source="okaz"), memory.subcorpus(
            query="source != 'okaz'"), min_freq=1), check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(dispersion(sharded, ["اليمن", "قال"], parts=3),
                                  dispersion(memory, ["اليمن", "قال"], parts=3))
    pd.testing.assert_frame_equal(dispersion(sharded, ["اليمن", "قال"]),
                                  dispersion(memory, ["اليمن", "قال"]))


def test_counting_analyses_do_not_assemble_arrays(tmp_path):
    """Shard by shard: no whole-corpus array is built by these analyses."""
    memory = Corpus.build(_docs(), progress=False)
    sharded = Corpus.build(_docs(), progress=False, path=tmp_path / "c", shard_size=2)
    for sort in (None, "R1", ["L1", "node"]):
        pd.testing.assert_frame_equal(kwic(sharded, "في", sort=sort).to_frame(),
                                      kwic(memory, "في", sort=sort).to_frame())
    for n in (1, 3, 4):
        pd.testing.assert_frame_equal(ngrams(sharded, length=n, min_freq=1, min_range=1),
                                      ngrams(memory, length=n, min_freq=1, min_range=1))
    frequency(sharded, by="source")
    collocations(sharded, window=2, min_freq=1)
    collocates(sharded, ("وزير", "الخارجية"), min_freq=1)
    dispersion(sharded, ["في", "اليمن"], parts=4)
    keyness(sharded.subcorpus(source="okaz"), sharded)
    assert not [k for k in sharded._arrays if k.startswith("ids") or k in ("spans",
                                                                         "token_doc")]


def test_subcorpus_of_sharded(small):
    memory, sharded = small
    sub = sharded.subcorpus(source="sabq")
    assert isinstance(sub, ShardedCorpus)
    assert sub.to_corpus() == memory.subcorpus(source="sabq")
    subsub = sub.subcorpus(start="2015-07-21")
    assert subsub.to_corpus() == memory.subcorpus(source="sabq", start="2015-07-21")
    # documents in any order, repeats allowed, as in memory
    for idx in ([3, 1], [4, 0, 0, 2, 5, 3], [1], []):
        sub = sharded.subcorpus(np.array(idx, dtype=np.int64))
        want = memory.subcorpus(np.array(idx, dtype=np.int64))
        assert isinstance(sub, ShardedCorpus)
        assert sub.to_corpus() == want
        assert [sub.tokens(d) for d in range(len(sub))] == \
            [want.tokens(d) for d in range(len(want))]
        assert sub.counts("norm").tolist() == want.counts("norm").tolist()
        if idx:
            pd.testing.assert_frame_equal(frequency(sub), frequency(want))
            pd.testing.assert_frame_equal(kwic(sub, "في").to_frame(),
                                          kwic(want, "في").to_frame())


def test_one_interface_for_both_storages(small):
    """Both storages implement CorpusBase: the same answers from map_reduce (over one
    part or over the shards), gather, doc_of and counts (counted once, kept)."""
    from arabcorpus.analyses import query as Q
    from arabcorpus.corpus import CorpusBase

    memory, sharded = small
    assert isinstance(memory, CorpusBase) and isinstance(sharded, CorpusBase)
    assert memory.n_parts == 1 and sharded.n_parts == sharded.n_shards > 1
    assert list(memory.parts()) == [memory]
    assert sum(len(p) for p in sharded.parts()) == sharded.n_docs == memory.n_docs
    lengths = np.diff(memory.doc_offsets)
    for c in (memory, sharded):
        assert c.map_reduce(_tokens_of_part, args=(2,), doc_arrays=(lengths,)) == \
            2 * memory.n_tokens
        assert Q.type_counts(c, "norm") is c.counts("norm")  # one cache
    pos = np.array([[0, 5], [memory.n_tokens - 1, 3]])
    for what in ("ids", "spans", "kinds"):
        np.testing.assert_array_equal(sharded.gather(what, pos, layer="stem"),
                                      memory.gather(what, pos, layer="stem"))
        assert sharded.gather(what, pos[:0]).shape == memory.gather(what, pos[:0]).shape
    np.testing.assert_array_equal(sharded.doc_of(pos), memory.doc_of(pos))
    with pytest.raises(ValueError, match="valid: ids, spans, kinds"):
        sharded.gather("texts", pos)


def _tokens_of_part(part, lengths, factor):
    assert len(lengths) == len(part)
    return factor * int(lengths.sum())


def test_sharded_rebuild_is_all_or_nothing(tmp_path):
    """A rebuild that fails midway leaves the old corpus, and nothing beside it."""
    folder = tmp_path / "c"
    old = Corpus.build(_docs(), path=folder, shard_size=2, progress=False)
    n = len(old)
    del old

    def failing():
        yield from _docs()[:3]
        raise RuntimeError("reading failed")

    with pytest.raises(RuntimeError, match="reading failed"):
        Corpus.build(failing(), path=folder, shard_size=1, progress=False)
    assert len(Corpus.load(folder)) == n
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_topic_model_on_sharded(tmp_path):
    from arabcorpus.analyses.topics import TopicModel

    memory = Corpus.build(_docs(), progress=False)
    sharded = Corpus.build(_docs(), progress=False, path=tmp_path / "c", shard_size=3)
    kw = dict(k=2, min_df=1, max_df=1.0, passes=1, iterations=5, seed=3, progress=False)
    a = TopicModel(**kw).fit(sharded)
    # streamed shard by shard: no whole-corpus token array was assembled
    assert set(sharded._arrays) <= {"doc_offsets"}
    b = TopicModel(**kw).fit(memory)
    pd.testing.assert_frame_equal(a.topics(n=5), b.topics(n=5))
    pd.testing.assert_frame_equal(a.doc_topics(), b.doc_topics())
    pd.testing.assert_frame_equal(a.filter_report_, b.filter_report_)
    assert a.filter_report_.attrs == b.filter_report_.attrs
    assert a.corpus_fingerprint_ == b.corpus_fingerprint_
    kw.update(phrases={"min_count": 1, "threshold": 0.1})
    pd.testing.assert_frame_equal(TopicModel(**kw).fit(sharded).topics(n=5),
                                  TopicModel(**kw).fit(memory).topics(n=5))


# ----------------------------------------------------------------------- bad input
def _build(tmp_path, name="c", texts=TEXTS):
    Corpus.build(texts, path=tmp_path / name, shard_size=3, progress=False)
    return tmp_path / name


def test_missing_shard_named(tmp_path):
    folder = _build(tmp_path)
    shutil.rmtree(folder / "shards" / "00001")
    with pytest.raises(FileNotFoundError, match="00001"):
        ShardedCorpus.load(folder)


def test_missing_file_named(tmp_path):
    folder = _build(tmp_path)
    (folder / "shards" / "00002" / "ids.norm.npy").unlink()
    with pytest.raises(FileNotFoundError, match="ids.norm.npy"):
        Corpus.load(folder)


@pytest.mark.parametrize("name", ["ids.norm.npy", "spans.npy", "texts.txt",
                                  "doc_offsets.npy"])
def test_truncated_file_named(tmp_path, name):
    folder = _build(tmp_path)
    path = folder / "shards" / "00000" / name
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 5])
    with pytest.raises(ValueError, match=name.replace(".", r"\.") + ".*truncated"):
        ShardedCorpus.load(folder)


def test_same_size_edit_in_a_shard_found_by_its_digest(tmp_path):
    folder = _build(tmp_path)
    path = folder / "shards" / "00001" / "texts.txt"
    data = path.read_bytes()
    changed = data.replace("الصحة".encode(), "الصحف".encode(), 1)
    assert changed != data and len(changed) == len(data)
    path.write_bytes(changed)
    with pytest.raises(ValueError, match=r"00001/texts\.txt does not match its "
                                         r"BLAKE2b digest"):
        ShardedCorpus.load(folder)
    assert len(ShardedCorpus.load(folder, verify=False)) == len(TEXTS)


@pytest.mark.parametrize("edit", [
    lambda m: m["shards"][0].__setitem__("name", "../../elsewhere"),
    lambda m: m["vocab_files"].__setitem__("norm", "/tmp/vocab.norm.txt"),
])
def test_sharded_manifest_paths_stay_in_the_folder(tmp_path, edit):
    folder = _build(tmp_path)
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    edit(manifest)
    (folder / "corpus.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ValueError, match="in the corpus folder"):
        ShardedCorpus.load(folder)


def test_shard_from_another_build_named(tmp_path):
    a = _build(tmp_path, "a")
    b = _build(tmp_path, "b", texts=list(reversed(TEXTS)))
    shutil.rmtree(a / "shards" / "00001")
    shutil.copytree(b / "shards" / "00001", a / "shards" / "00001")
    with pytest.raises(ValueError, match=r"00001.*(another|different)"):
        ShardedCorpus.load(a)


def test_changed_vocabulary_named(tmp_path):
    folder = _build(tmp_path)
    path = folder / "vocab.norm.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("قال", "قيل"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="vocab.norm.txt"):
        ShardedCorpus.load(folder)


def test_unfinished_build_and_shard_alone(tmp_path):
    folder = _build(tmp_path)
    with pytest.raises(ValueError, match="one shard of a sharded corpus"):
        Corpus.load(folder / "shards" / "00000")
    (folder / "corpus.json").unlink()
    with pytest.raises(ValueError, match="did not finish"):
        ShardedCorpus.load(folder)


def test_bad_build_arguments(tmp_path):
    with pytest.raises(ValueError, match="path"):
        Corpus.build(TEXTS, shard_size=2, progress=False)
    with pytest.raises(ValueError, match="shard_size"):
        Corpus.build(TEXTS, path=tmp_path / "x", shard_size=0, progress=False)
    with pytest.raises(TypeError, match="shard_size"):
        Corpus.build(TEXTS, path=tmp_path / "x", shard_size="2", progress=False)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="not empty"):
        Corpus.build(TEXTS, path=tmp_path / "full", progress=False)


def test_manifest_lists_counts(tmp_path):
    folder = _build(tmp_path)
    manifest = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    assert manifest["n_docs"] == len(TEXTS) and manifest["n_shards"] == 3
    assert [s["n_docs"] for s in manifest["shards"]] == [3, 3, 2]
    # every shard records the sizes of its files
    shard = json.loads((folder / "shards/00000/corpus.json").read_text(encoding="utf-8"))
    assert shard["file_sizes"]["ids.norm"] == os.path.getsize(
        folder / "shards/00000/ids.norm.npy")


# ----------------------------------------------------------------------- Dask
dask = pytest.importorskip("dask", reason="the Dask extra is not installed")


def test_dask_build_equals_serial(tmp_path):
    import dask.bag as db

    import arabcorpus.dask as acd

    docs = _docs()
    bag = db.from_sequence(docs, npartitions=3)
    c = acd.build(bag, tmp_path / "c", stem="isri", progress=False)
    assert c.n_shards == 3
    assert c.to_corpus() == Corpus.build(docs, stem="isri", progress=False)
    with acd.executor():
        pd.testing.assert_frame_equal(frequency(c, by="source"),
                                      frequency(Corpus.build(docs, progress=False),
                                                by="source"),
                                      check_exact=False, rtol=1e-12)


def test_dask_client_build_writes_the_shards_of_a_serial_build(tmp_path):
    """On a cluster, partitions are merged as they arrive and each shard is written at
    once; the shards (ids, vocabulary prefix sizes and digests) are those of a serial
    sharded build with the same boundaries, stem layer included."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    import arabcorpus.dask as acd

    docs = _docs()
    serial = Corpus.build(docs, stem="isri", progress=False, path=tmp_path / "s",
                          shard_size=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        c = acd.build(db.from_sequence(docs, partition_size=2), tmp_path / "d",
                      stem="isri", client=client, progress=False)
    assert c.n_shards == serial.n_shards == -(-len(docs) // 2)
    assert c.to_corpus() == serial.to_corpus() == Corpus.build(docs, stem="isri",
                                                               progress=False)
    for k in range(c.n_shards):
        mine, theirs = (json.loads((folder / f"shards/{k:05d}/corpus.json").read_text(
            encoding="utf-8")) for folder in (tmp_path / "d", tmp_path / "s"))
        for key in ("vocab_sizes", "shared_vocabulary", "n_tokens", "n_docs"):
            assert key in mine, key
            assert mine.get(key) == theirs.get(key), (k, key)
    manifests = [json.loads((tmp_path / f / "corpus.json").read_text(encoding="utf-8"))
                 for f in ("d", "s")]
    assert manifests[0]["vocab_digests"] == manifests[1]["vocab_digests"]
    assert manifests[0]["vocab_sizes"] == manifests[1]["vocab_sizes"]


def test_dask_task_failure_is_retried(tmp_path):
    """A partition whose task fails once is run again; no document is lost."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    import arabcorpus.dask as acd

    marker = tmp_path / "failed-once"
    bag = db.from_sequence(list(range(len(TEXTS))), npartitions=4).map_partitions(
        _flaky_partition, str(marker))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        c = acd.build(bag, tmp_path / "c", client=client, retries=2, progress=False)
    assert marker.exists()  # the failure did happen
    assert c.to_corpus() == Corpus.build(TEXTS, progress=False)


def test_dask_read_report_merges_like_a_serial_read(tmp_path):
    """Skipped records and duplicates across files are reported as a serial read."""
    import arabcorpus.dask as acd
    from arabcorpus.io.readers import read

    folder = tmp_path / "in"
    folder.mkdir()
    rows = [[{"text": TEXTS[0]}, {"text": ""}, {"text": TEXTS[1]}],
            [{"text": TEXTS[2]}, {"text": TEXTS[0]}, {"nope": 1}],
            [{"text": TEXTS[1].replace("الصحة", "الصـحة")}, {"text": TEXTS[3]}]]
    for i, recs in enumerate(rows):
        (folder / f"part{i}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in recs), "utf-8")
    serial = read(folder, duplicates="keep")
    docs = list(serial)
    c = acd.build(acd.read_documents(folder, duplicates="keep"), tmp_path / "c",
                  progress=False)
    assert c.to_corpus() == Corpus.build(docs, progress=False)
    merged, report = c.load_report, serial.report
    assert merged.documents_read == report.documents_read == 6
    assert merged.skipped == report.skipped and len(report.skipped) == 2
    assert merged.duplicates == report.duplicates and len(report.duplicates) == 2
    assert merged.files_read == report.files_read
    with pytest.raises(ValueError, match="drop"):
        acd.read_documents(folder, duplicates="drop")
    with pytest.raises(FileNotFoundError, match="nowhere"):
        acd.read_documents(tmp_path / "nowhere")


def test_dask_worker_dying_mid_build_loses_no_document(tmp_path):
    """A worker process that dies while encoding a partition is restarted by its
    nanny and the task runs again: every document is in the corpus once."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    import arabcorpus.dask as acd

    marker = tmp_path / "died-once"
    bag = db.from_sequence(list(range(len(TEXTS))), npartitions=4).map_partitions(
        _dying_partition, str(marker))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        c = acd.build(bag, tmp_path / "c", client=client, progress=False)
    assert marker.exists()
    assert c.to_corpus() == Corpus.build(TEXTS, progress=False)
    assert not list((tmp_path / "c" / "shards").glob(".*"))  # no half-written shard


def _dying_partition(items, marker):
    items = list(items)
    if 5 in items and not os.path.exists(marker):
        Path(marker).write_text("died")
        os._exit(1)  # the worker process dies mid-task
    return [Document(str(i), TEXTS[i]) for i in items]


def _flaky_partition(items, marker):
    items = list(items)
    if 5 in items and not os.path.exists(marker):
        Path(marker).write_text("failed")
        raise RuntimeError("worker lost (simulated)")
    return [Document(str(i), TEXTS[i]) for i in items]


# ----------------------------------------------------------------------- SaudiNewsNet
def test_dask_reads_saudinewsnet_zips_with_the_default_reader(saudinewsnet_dir):
    """Daily zips passed as files to the default reader (``read``) are recognized as
    SaudiNewsNet, as ``read_saudinewsnet`` reads them, not as generic zips."""
    import arabcorpus.dask as acd
    from arabcorpus.io.readers import read_saudinewsnet

    zips = sorted(saudinewsnet_dir.glob("*.zip"))[:2]
    with dask.config.set(scheduler="sync"):
        got = acd.read_documents(zips).compute()
    want = [d for z in zips for d in read_saudinewsnet(z, duplicates=None)]
    assert len(got) == len(want) > 4000
    assert got == want


@pytest.fixture(scope="module")
def snn(saudinewsnet_dir, tmp_path_factory):
    """The in-memory, sharded and Dask (2-worker LocalCluster) corpora of all of
    SaudiNewsNet."""
    from distributed import Client, LocalCluster

    import arabcorpus.dask as acd
    from arabcorpus.io.readers import read_saudinewsnet

    base = tmp_path_factory.mktemp("snn")
    stream = read_saudinewsnet(saudinewsnet_dir, duplicates="keep")
    memory = Corpus.build(stream, progress=False)
    sharded = Corpus.build(stream, progress=False, path=base / "sharded",
                           shard_size=5000)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    bag = acd.read_documents(sorted(saudinewsnet_dir.glob("*.zip")),
                             reader=read_saudinewsnet, duplicates="keep")
    dasked = acd.build(bag, base / "dask", client=client, progress=False)
    yield memory, sharded, dasked, client, stream.report
    client.close()
    cluster.close()


def test_snn_reports_and_layers(snn, saudinewsnet_dir):
    memory, sharded, dasked, _, report = snn
    n_zips = len(list(saudinewsnet_dir.glob("*.zip")))
    assert dasked.n_shards == n_zips  # one partition per daily zip
    assert sharded.n_shards == -(-len(memory) // 5000)
    # every article is a document or a reported skip
    assert len(memory) + report.n_skipped == 31030
    for c in (sharded, dasked):
        assert len(c) == len(memory) and c.n_tokens == memory.n_tokens
        for layer in memory.layers:
            assert c.vocab(layer) == memory.vocab(layer)
            assert np.array_equal(c.ids(layer), memory.ids(layer))
    merged = dasked.load_report
    assert merged.documents_read == report.documents_read
    assert merged.files_read == report.files_read
    assert merged.skipped == report.skipped
    # duplicates found across the daily files, as the serial read finds them
    assert len(report.duplicates) > 0
    assert merged.duplicates == report.duplicates
    assert list(dasked.metadata["id"]) == list(memory.metadata["id"])


def test_snn_frequency_collocations_keyness_identical(snn):
    """The issue's equality: in-memory, sharded and Dask (2-worker LocalCluster)."""
    import arabcorpus.dask as acd

    memory, sharded, dasked, client, _ = snn
    measures = list(M.ASSOCIATION_MEASURES)

    def close(a, b):
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=0)

    f0 = frequency(memory)
    close(frequency(sharded), f0)
    with acd.executor(client):
        close(frequency(dasked), f0)
    with pytest.deprecated_call(match="executor"):  # the shortcut, until 0.2
        close(acd.frequency(dasked, client=client), f0)

    c0 = collocations(memory, window=4, measures=measures, min_freq=3)
    close(collocations(sharded, window=4, measures=measures, min_freq=3), c0)
    with acd.executor(client):
        close(collocations(dasked, window=4, measures=measures, min_freq=3), c0)
    del c0

    def key(c):
        return keyness(c.subcorpus(source="okaz"), c.subcorpus(query="source != 'okaz'"))

    k0 = key(memory)
    assert len(k0) > 1000
    close(key(sharded), k0)
    with acd.executor(client):
        close(key(dasked), k0)

    node = collocates(memory, "النفط", window=5)
    close(collocates(sharded, "النفط", window=5), node)
    with acd.executor(client):
        close(collocates(dasked, "النفط", window=5), node)


def test_vocabulary_merge_over_many_batches_equals_factorize():
    """Ids over 60 batches (their hashes kept as sorted runs merged by size) are those
    of one factorization of all the strings end to end."""
    from arabcorpus.corpus.encoder import FirstSeenIds as _FirstSeenIds
    from arabcorpus.corpus.encoder import string_hashes as _string_hashes
    from arabcorpus.dask import _PackedStrings

    rng = np.random.default_rng(1)
    vocab = [f"كلمة{i}" for i in range(5000)]
    ids, got, everything = _FirstSeenIds(), [], []
    for k in range(60):
        batch = list(dict.fromkeys(rng.choice(vocab, size=rng.integers(0, 400)).tolist()))
        strings = _PackedStrings(batch) if k % 2 else batch  # as partitions send them
        got += ids.add(_string_hashes(batch), strings).tolist()
        everything += batch
    expected = pd.factorize(np.asarray(everything, dtype=object), sort=False)[0]
    assert got == expected.tolist()
    assert ids.strings == list(dict.fromkeys(everything))
    assert 1 < len(ids._runs) < 10  # runs were merged, not one per batch


def test_packed_strings_read_like_a_list():
    """Partitions send their vocabularies packed in one string; read back, and taken
    by index (also through a second index), they are the strings sent."""
    import pickle

    from arabcorpus.corpus.encoder import _take
    from arabcorpus.dask import _PackedStrings, _Taken

    words = ["وزير", "", "الخارجية", "a", "ـ", "اليمن"]
    packed = pickle.loads(pickle.dumps(_PackedStrings(words)))
    assert len(packed) == len(words) and list(packed) == words
    assert [packed[i] for i in range(-len(words), len(words))] == words + words
    assert packed[1:4] == words[1:4] and packed[::-2] == words[::-2]
    with pytest.raises(IndexError):
        packed[len(words)]
    idx = np.array([5, 0, 0, 2, 1])
    assert _take(packed, idx) == [words[i] for i in idx]
    assert _take(words, idx) == [words[i] for i in idx]
    assert _take(packed, idx[:0]) == [] and len(_PackedStrings([])) == 0
    taken = _Taken(packed, idx)
    assert list(taken) == [words[i] for i in idx] and len(taken) == 5
    assert _take(taken, np.array([4, 0])) == [words[1], words[5]]
    assert taken[1:3] == [words[0], words[0]]


def test_vocabulary_merge_survives_a_hash_collision():
    """The merge matches 64-bit hashes; a collision, within a partition or against an
    earlier one, falls back to the strings with the same ids."""
    from arabcorpus.corpus.encoder import FirstSeenIds as _FirstSeenIds
    from arabcorpus.corpus.encoder import string_hashes as _string_hashes
    from arabcorpus.dask import _PackedStrings

    batches = [["قال", "وزير", "اليمن"], ["اليمن", "نص", "قال", "عدن"], ["وزير", "مأرب"]]
    everything = [w for b in batches for w in b]
    expected = pd.factorize(np.asarray(everything, dtype=object), sort=False)[0].tolist()

    def merged(forge=None):
        ids, got = _FirstSeenIds(), []
        for k, batch in enumerate(batches):
            h1, h2 = _string_hashes(batch)
            if forge is not None:
                forge(k, h1)
            got += ids.add((h1, h2), _PackedStrings(batch)).tolist()
        return got, ids.strings

    assert merged() == (expected, list(dict.fromkeys(everything)))
    h_wazir = _string_hashes(["وزير"])[0][0]

    def within(k, h1):  # "اليمن" shares the first hash of "وزير" in batch 0
        if k == 0:
            h1[2] = h1[1]

    def across(k, h1):  # "عدن" (batch 1) shares the first hash of "وزير" (batch 0)
        if k == 1:
            h1[3] = h_wazir

    for forge in (within, across):
        assert merged(forge) == (expected, list(dict.fromkeys(everything)))