"""The fast paths of ``Corpus.build`` against a simple reference build.

The reference tokenizes each text on its own with :func:`token_spans`, numbers the
types with a dict in order of first occurrence, derives the norm types from the surface
types in id order, and keeps every array in a Python list: no batches, no hashes, no
second process, no growing arrays. Every fast path (batches tokenized in the building
process or in the tokenizing process, hash collisions, arrays grown in chunks, a
sharded build) must give the same corpus, and the same saved files byte for byte.
"""

from __future__ import annotations

import contextlib
import filecmp
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.corpus import batches as batches_mod
from arabcorpus.corpus import builder as builder_mod
from arabcorpus.corpus.base import Vocabulary
from arabcorpus.corpus.encoder import FirstSeenIds, string_hashes
from arabcorpus.corpus.format import _metadata_frame
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document, as_documents, read_saudinewsnet
from arabcorpus.text.normalize import Normalizer
from arabcorpus.text.tokenize import token_spans

from strategies import documents


def reference_build(docs, *, punctuation: bool = False, profile: str = "search"
                    ) -> Corpus:
    """The corpus ``Corpus.build(docs, punctuation=..., profile=...)`` must equal."""
    stream = as_documents(docs)
    read = stream.to_list()
    normalizer = Normalizer(profile)
    surface: dict[str, int] = {}
    ids, spans, kinds, offsets, records = [], [], [], [0], []
    for doc in read:
        starts, ends, codes = token_spans(doc.text, punctuation=punctuation)
        for a, b, k in zip(starts.tolist(), ends.tolist(), codes.tolist()):
            ids.append(surface.setdefault(doc.text[a:b], len(surface)))
            spans.append((a, b))
            kinds.append(k)
        offsets.append(len(ids))
        rec = {"id": doc.id}
        for key, value in doc.meta.items():
            rec["meta_id" if key == "id" else key] = value
        records.append(rec)
    norm: dict[str, int] = {}
    surface_to_norm = [norm.setdefault(normalizer(t), len(norm)) for t in surface]
    surface_ids = np.array(ids, dtype=np.int32)
    return Corpus(
        layers={"surface": surface_ids,
                "norm": np.array(surface_to_norm, dtype=np.int32)[surface_ids]},
        vocabs={"surface": Vocabulary(list(surface)), "norm": Vocabulary(list(norm))},
        doc_offsets=np.array(offsets, dtype=np.int64),
        spans=np.array(spans, dtype=np.int32).reshape(-1, 2),
        kinds=np.array(kinds, dtype=np.uint8), texts=[d.text for d in read],
        metadata=_metadata_frame(records), normalizer=normalizer, stemmer=None,
        punctuation=punctuation, load_report=getattr(stream, "report", None))


@contextlib.contextmanager
def fast_paths(*, background: bool, batch_size: int = 3, chunk_bytes: int = 64):
    """Small batches and chunks (several of each even for small corpora), and the
    tokenizing process from the first batch when ``background``."""
    with mock.patch.object(builder_mod, "BATCH_SIZE", batch_size), \
            mock.patch.object(builder_mod, "_CHUNK_BYTES", chunk_bytes), \
            mock.patch.object(builder_mod, "BACKGROUND_MIN_CHARS",
                              0 if background else 1 << 62):
        yield


def assert_same_files(a: Corpus, b: Corpus, tmp: Path) -> None:
    """Both corpora saved: the same files, byte for byte."""
    a.save(tmp / "a")
    b.save(tmp / "b")
    names = sorted(p.name for p in (tmp / "a").iterdir())
    assert names == sorted(p.name for p in (tmp / "b").iterdir())
    match, mismatch, errors = filecmp.cmpfiles(tmp / "a", tmp / "b", names,
                                               shallow=False)
    assert not mismatch and not errors, mismatch + errors


def assert_same_corpus(built: Corpus, ref: Corpus) -> None:
    assert built == ref
    for layer in ("surface", "norm"):
        assert built.ids(layer).tolist() == ref.ids(layer).tolist()
        assert list(built.vocab(layer)) == list(ref.vocab(layer))
    assert built.spans.tolist() == ref.spans.tolist()
    assert built.kinds.tolist() == ref.kinds.tolist()


#: Text the generated Arabic documents do not have: any code point, lone surrogates
#: and characters outside the BMP included (exact through UTF-32 and the hashes).
odd_text = st.text(st.one_of(st.characters(), st.characters(min_codepoint=0xD800,
                                                            max_codepoint=0xDFFF),
                             st.sampled_from(" \n.،")), max_size=30)
texts = st.lists(st.one_of(documents(), documents(), odd_text), min_size=1, max_size=25)


@given(texts=texts, punctuation=st.booleans())
def test_build_equals_reference(texts, punctuation) -> None:
    ref = reference_build(texts, punctuation=punctuation)
    with fast_paths(background=False):
        built = Corpus.build(texts, punctuation=punctuation, progress=False)
    assert_same_corpus(built, ref)


# ------------------------------------------------------------------ tokenizing process
@pytest.fixture(scope="module")
def tokenizing_processes():
    procs = {p: batches_mod.TokenizingProcess(p) for p in (False, True)}
    yield procs
    for proc in procs.values():
        proc.close()


@settings(max_examples=100)
@given(texts=st.lists(st.one_of(documents(), odd_text), min_size=1, max_size=12),
       punctuation=st.booleans())
def test_tokenizing_process_answers_as_tokenize_batch(tokenizing_processes, texts,
                                                      punctuation) -> None:
    proc = tokenizing_processes[punctuation]
    proc.submit(texts, "".join(texts))
    got = proc.next()
    want = batches_mod.tokenize_batch(texts, punctuation)
    for name, a, b in zip(want._fields, got, want):
        assert a.dtype == b.dtype and a.tolist() == b.tolist(), name


def test_build_through_the_tokenizing_process_equals_reference(tmp_path) -> None:
    texts = ["كتب الطالبُ الدرسَ.", "\ud800 لا \U0001F600 نعم", "", "١٢٫٥ www.spa.gov.sa",
             "الدرس! كتب"] * 7
    docs = [Document(f"d{i}", t, {"source": "x", "id": i}) for i, t in enumerate(texts)]
    for punctuation in (False, True):
        ref = reference_build(docs, punctuation=punctuation)
        with fast_paths(background=True, batch_size=2):
            built = Corpus.build(docs, punctuation=punctuation, progress=False)
        assert_same_corpus(built, ref)
    assert_same_files(built, ref, tmp_path)


def test_hash_collisions_through_the_tokenizing_process() -> None:
    """A first hash that collides all the time (the token length), in the first batch
    and only in a later one: the ids are still those of the reference."""
    real = batches_mod._answer_from

    def weak(parts):
        tb = real(parts)
        return tb._replace(h1=(tb.ends - tb.starts).astype(np.uint64))

    for texts in (["داعش داعش تنظيم", "سوريا والعراق", "تنظيم داعش حلب"],
                  ["داعش", "سوريا", "تنظيم داعش حلب"]):
        with fast_paths(background=True, batch_size=1), \
                mock.patch.object(batches_mod, "_answer_from", weak):
            built = Corpus.build(texts, progress=False)
        assert_same_corpus(built, reference_build(texts))


def test_tokenizing_process_that_stops_is_an_error() -> None:
    proc = batches_mod.TokenizingProcess(False)
    try:
        proc.proc.kill()
        proc.proc.wait()
        proc.submit(["نص"], "نص")
        with pytest.raises(RuntimeError, match="tokenizing the documents stopped"):
            proc.next()
    finally:
        proc.close()


def test_a_failed_build_leaves_no_process_or_thread(monkeypatch) -> None:
    """The documents raise in the middle of a build whose tokenizing process and
    layer worker have batches in flight: the documents' error comes out, and both
    children and their threads are ended."""
    import threading

    started = []
    for name in ("TokenizingProcess", "_Worker"):
        cls = getattr(builder_mod, name)
        spy = type(name, (cls,), {"__init__": lambda self, *a, _cls=cls: (
            started.append(self), _cls.__init__(self, *a))[-1]})
        monkeypatch.setattr(builder_mod, name, spy)
    monkeypatch.setattr(builder_mod, "BACKGROUND_MIN_TYPES", 1)
    add = builder_mod._Builder.add

    def add_until_it_breaks(self, doc):
        if doc.id == "d60":
            raise ValueError("the source broke")
        add(self, doc)

    monkeypatch.setattr(builder_mod._Builder, "add", add_until_it_breaks)
    docs = [Document(f"d{i}", f"كتب الطالب {i} الدرس رقم {i * 7} في المدرسة {i % 5}",
                     {}) for i in range(80)]
    before = set(threading.enumerate())
    with fast_paths(background=True, batch_size=2), \
            pytest.raises(ValueError, match="the source broke"):
        Corpus.build(docs, layers=("clitics",), progress=False)
    assert sorted(type(c).__name__ for c in started) == ["TokenizingProcess", "_Worker"]
    assert all(c.proc.poll() is not None for c in started)
    assert [t for t in threading.enumerate() if t not in before] == []


def test_growing_array_in_chunks() -> None:
    with mock.patch.object(builder_mod, "_CHUNK_BYTES", 24):
        col = builder_mod._Growing(np.int32, 2)
        values = np.arange(40, dtype=np.int32).reshape(20, 2)
        for a, b in ((0, 0), (0, 1), (1, 7), (7, 20)):
            col.extend(values[a:b])
        assert col.take().tolist() == values.tolist()
        assert col.take().shape == (0, 2)
        col.extend(values[:2])
        assert col.take().tolist() == values[:2].tolist()


# ------------------------------------------------------------------ SaudiNewsNet
@pytest.fixture(scope="module")
def snn_2000(saudinewsnet_dir):
    """The first 2,000 SaudiNewsNet articles, as the readers give them."""
    return read_saudinewsnet(saudinewsnet_dir).to_list()[:2000]


@pytest.mark.parametrize("punctuation", [False, True])
def test_saudinewsnet_build_equals_reference(snn_2000, punctuation, tmp_path) -> None:
    ref = reference_build(snn_2000, punctuation=punctuation)
    with fast_paths(background=False, batch_size=300, chunk_bytes=1 << 20):
        here = Corpus.build(snn_2000, punctuation=punctuation, progress=False)
    assert_same_corpus(here, ref)
    with fast_paths(background=True, batch_size=300, chunk_bytes=1 << 20):
        there = Corpus.build(snn_2000, punctuation=punctuation, progress=False)
    assert_same_corpus(there, ref)
    assert_same_files(there, ref, tmp_path)


def test_saudinewsnet_build_with_default_settings(snn_2000) -> None:
    """Default batches, tokenizing process once past its threshold."""
    with mock.patch.object(builder_mod, "BACKGROUND_MIN_CHARS", 1 << 20):
        built = Corpus.build(snn_2000, progress=False)
    assert_same_corpus(built, reference_build(snn_2000))


def test_saudinewsnet_sharded_build_through_the_tokenizing_process(snn_2000,
                                                                   tmp_path) -> None:
    with fast_paths(background=True, batch_size=300, chunk_bytes=1 << 20):
        sharded = Corpus.build(snn_2000, path=tmp_path / "s", shard_size=700,
                               progress=False)
    ref = reference_build(snn_2000)
    assert sharded.n_tokens == ref.n_tokens
    for layer in ("surface", "norm"):
        assert list(sharded.vocab(layer)) == list(ref.vocab(layer))
        assert sharded.ids(layer).tolist() == ref.ids(layer).tolist()
    assert sharded.spans.tolist() == ref.spans.tolist()


def _thue_morse(levels: int) -> str:
    word = "a"
    for _ in range(levels):
        word += word.translate(str.maketrans("ab", "ba"))
    return word


def test_long_tokens_that_fool_polynomial_hashes_stay_two_types() -> None:
    # A Thue-Morse word of 2**11 letters and its mirror have equal polynomial hashes
    # mod 2**64 for every odd base: both of the encoder's hashes collided and the build
    # made them one type.
    word = _thue_morse(11)
    mirror = word.translate(str.maketrans("ab", "ba"))
    h1, h2 = string_hashes([word, mirror])
    assert h1[0] != h1[1] and h2[0] != h2[1]
    corpus = Corpus.build([f"{word} {mirror} {word}"])
    assert corpus.vocab("surface") == [word, mirror]
    assert corpus.ids("surface").tolist() == [0, 1, 0]
    ids = FirstSeenIds()
    strings = [mirror, word, mirror]
    assert ids.add(string_hashes(strings), strings).tolist() == [0, 1, 0]
