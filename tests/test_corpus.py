"""Tests for arabcorpus.corpus: building, layers, subcorpora, save/load and exports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.corpus.format import FORMAT_VERSION, _file_digest
from arabcorpus.corpus.memory import Corpus
from arabcorpus.text.normalize import Normalizer
from arabcorpus.io.readers import Document, as_documents, read_saudinewsnet
from arabcorpus.text.tokenize import KINDS, token_spans
from strategies import corpora

# Sentences from the seed article's subject (ISIS regrouping), written with
# diacritics, tatweel and hamza forms so the layers differ.
TEXTS = [
    "حذّرت تقارير دولية من أنّ تنظيم داعش يعيد تنظيم صفوفه في سوريا والعراق.",
    "قالَ المسؤولُ إنَّ التنظيمَ يستغلُّ الفراغَ الأمنيَّ، وإنّ الخطـــر قائمٌ.",
    "أكّد التقرير أن داعش ما زال يملك آلاف المقاتلين في سوريا.",
]

DOCS = [
    Document("okaz/1", TEXTS[0], {"source": "okaz", "date": "2015-07-21", "n": 1}),
    Document("sabq/1", TEXTS[1], {"source": "sabq", "date": "2015-07-31", "n": 2}),
    Document("was/1", TEXTS[2], {"source": "was", "date": "2015-08-11", "n": 3}),
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.build(DOCS, progress=False)


@pytest.fixture(scope="module")
def stemmed() -> Corpus:
    return Corpus.build(DOCS, stem="isri", progress=False)


def _expected_tokens(text: str, punctuation: bool = False) -> list[str]:
    starts, ends, kinds = token_spans(text, punctuation=punctuation)
    punct = KINDS.index("punct")
    return [text[s:e] for s, e, k in zip(starts.tolist(), ends.tolist(), kinds.tolist())
            if punctuation or k != punct]


# --------------------------------------------------------------------------- build
def test_known_token_counts() -> None:
    c = Corpus.build(["ذهب الولد إلى المدرسة", "المدرسة كبيرة جدا"], progress=False)
    assert len(c) == 2
    assert c.n_tokens == 7
    assert c.doc_offsets.tolist() == [0, 4, 7]
    assert c.tokens(1, "surface") == ["المدرسة", "كبيرة", "جدا"]
    assert c.n_types("surface") == 6  # المدرسة twice


def test_punctuation_not_indexed_by_default_but_optional() -> None:
    text = "قال: نعم، ولا."
    without = Corpus.build([text], progress=False)
    with_p = Corpus.build([text], punctuation=True, progress=False)
    assert without.tokens(0, "surface") == ["قال", "نعم", "ولا"]
    assert with_p.n_tokens == 6
    punct = KINDS.index("punct")
    assert (with_p.kinds == punct).sum() == 3
    assert not (without.kinds == punct).any()
    assert without.punctuation is False and with_p.punctuation is True


def test_layers_aligned_and_typed(corpus: Corpus, stemmed: Corpus) -> None:
    assert corpus.layers == ("surface", "norm")
    assert stemmed.layers == ("surface", "norm", "stem")
    for c in (corpus, stemmed):
        n = c.n_tokens
        assert n == sum(len(_expected_tokens(t)) for t in TEXTS)
        for layer in c.layers:
            ids = c.ids(layer)
            assert ids.dtype == np.int32 and ids.shape == (n,)
            assert ids.max() < len(c.vocab(layer))
        assert c.spans.dtype == np.int32 and c.spans.shape == (n, 2)
        assert c.kinds.dtype == np.uint8 and c.kinds.shape == (n,)
        assert c.kinds.max() < len(KINDS)
        assert c.doc_offsets.dtype == np.int64 and c.doc_offsets.shape == (len(c) + 1,)
        assert c.token_doc().dtype == np.int32
        assert np.array_equal(np.bincount(c.token_doc(), minlength=len(c)),
                              np.diff(c.doc_offsets))


def test_surface_tokens_are_the_tokenizer_tokens(corpus: Corpus) -> None:
    for d, text in enumerate(TEXTS):
        assert corpus.tokens(d, "surface") == _expected_tokens(text)


def test_spans_slice_original_text_to_surface(corpus: Corpus) -> None:
    surface = corpus.vocab("surface")
    doc_of = corpus.token_doc()
    for i, (s, e) in enumerate(corpus.spans.tolist()):
        assert corpus.text(int(doc_of[i]))[s:e] == surface[corpus.ids("surface")[i]]


def test_norm_layer_is_normalizer_of_each_surface_token(corpus: Corpus) -> None:
    norm = Normalizer("search")
    sv, nv = corpus.vocab("surface"), corpus.vocab("norm")
    for sid, nid in zip(corpus.ids("surface").tolist(), corpus.ids("norm").tolist()):
        assert nv[nid] == norm(sv[sid])
    assert corpus.profile == "search"
    assert corpus.normalizer.profile == "search"
    # the norm layer merges forms: normalization has something to do here
    assert corpus.n_types("norm") < corpus.n_types("surface")


def test_other_profile_and_normalizer_instance() -> None:
    light = Corpus.build(TEXTS, profile="light", progress=False)
    custom = Normalizer("search", teh_marbuta=False)
    c = Corpus.build(TEXTS, profile=custom, progress=False)
    assert light.profile == "light"
    assert c.normalizer is custom
    sv, nv = c.vocab("surface"), c.vocab("norm")
    assert all(nv[n] == custom(sv[s]) for s, n in
               zip(c.ids("surface").tolist(), c.ids("norm").tolist()))


def test_stem_layer_stems_each_norm_type(stemmed: Corpus) -> None:
    from arabcorpus.text.stem import Stemmer

    isri = Stemmer("isri")
    nv, tv = stemmed.vocab("norm"), stemmed.vocab("stem")
    for nid, tid in zip(stemmed.ids("norm").tolist(), stemmed.ids("stem").tolist()):
        assert tv[tid] == isri.stem(nv[nid])
    assert stemmed.stemmer == "isri"
    assert stemmed.n_types("stem") <= stemmed.n_types("norm")


def test_empty_normal_form_is_kept_as_empty_type() -> None:
    # a stray shadda between words is a token of its own ("other") whose search
    # normalization is empty: it stays, aligned, with the empty norm type
    c = Corpus.build(["كلمة \u0651 أخرى", "\u064b"], progress=False)
    assert c.tokens(0, "surface") == ["كلمة", "\u0651", "أخرى"]
    assert c.tokens(0, "norm") == ["كلمه", "", "اخري"]
    assert c.tokens(1, "surface") == ["\u064b"] and c.tokens(1, "norm") == [""]
    empty = c.type_id("norm", "")
    assert empty is not None
    assert c.counts("norm")[empty] == 2
    assert c.kinds[1] == KINDS.index("other")


def test_batches_and_hash_collisions_give_the_same_encoding(monkeypatch) -> None:
    """Small batches, and a deliberately weak first hash that collides all the time,
    must give exactly the ids of the ordinary build (first-occurrence order)."""
    from arabcorpus.corpus import builder as builder_mod
    from arabcorpus.corpus import encoder as corpus_mod

    texts = TEXTS * 3 + ["داعش داعش تنظيم", "سوريا والعراق"]
    reference = Corpus.build(texts, progress=False)
    monkeypatch.setattr(builder_mod, "BATCH_SIZE", 2)
    small_batches = Corpus.build(texts, progress=False)
    assert small_batches == reference

    real = corpus_mod._span_hashes

    def weak(cps, starts, ends, scratch=None):
        h1, h2 = real(cps, starts, ends, scratch)
        return (ends - starts).astype(np.uint64), h2  # collides on equal lengths

    monkeypatch.setattr(corpus_mod, "_span_hashes", weak)
    collided = Corpus.build(texts, progress=False)
    assert collided == reference
    # collision found only in a later batch (first batch: one type per length)
    monkeypatch.setattr(builder_mod, "BATCH_SIZE", 1)
    later = Corpus.build(["داعش", "سوريا", "تنظيم داعش حلب"], progress=False)
    monkeypatch.setattr(corpus_mod, "_span_hashes", real)
    assert later == Corpus.build(["داعش", "سوريا", "تنظيم داعش حلب"], progress=False)
    assert later.vocab("surface") == ["داعش", "سوريا", "تنظيم", "حلب"]


def test_span_hashes_are_those_of_the_polynomial() -> None:
    """The vectorized hashes (power tables, prefix sums in a reused buffer) equal
    sum_j cps[s + j] * B**j, times B, plus the length, mod 2**64, computed directly;
    spans at block boundaries and empty spans at the very end included."""
    from arabcorpus.corpus.encoder import _HASH_BASES, _POWER_BLOCK, _Scratch, _span_hashes

    rng = np.random.default_rng(3)
    scratch = _Scratch()
    for n in (0, 1, _POWER_BLOCK - 1, _POWER_BLOCK, 3 * _POWER_BLOCK + 7, 20_000):
        cps = rng.integers(0, 0x10FFFF, n, dtype=np.uint32)
        starts = np.sort(rng.integers(0, n + 1, 300))
        ends = np.minimum(starts + rng.integers(0, 12, 300), n)
        starts[-1] = ends[-1] = n  # an empty span at the end
        for buf in (None, scratch, scratch):  # a fresh buffer, then one reused
            got = _span_hashes(cps, starts, ends, buf)
            for base, h in zip(_HASH_BASES, got):
                B, M = int(base), 1 << 64
                want = [(sum(int(c) * pow(B, j, M) for j, c in enumerate(cps[s:e])) * B
                         + (e - s)) % M for s, e in zip(starts.tolist(), ends.tolist())]
                assert h.tolist() == want, n


def test_vocab_and_type_id(corpus: Corpus) -> None:
    nv = corpus.vocab("norm")
    for tid, s in enumerate(nv):
        assert corpus.type_id("norm", s) == tid
    assert corpus.type_id("norm", "غيرموجودة") is None
    assert corpus.type_id("surface", "داعش") == corpus.vocab("surface").index("داعش")
    with pytest.raises(TypeError, match="int"):
        corpus.type_id("norm", 3)


def test_counts_and_n_types(corpus: Corpus) -> None:
    for layer in corpus.layers:
        counts = corpus.counts(layer)
        expected = Counter(corpus.ids(layer).tolist())
        assert counts.sum() == corpus.n_tokens
        assert {i: int(n) for i, n in enumerate(counts) if n} == dict(expected)
        assert corpus.n_types(layer) == len(expected)


def test_unknown_layer_and_bad_arguments(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="surface, norm"):
        corpus.ids("lemma")
    with pytest.raises(ValueError, match="surface, norm"):
        corpus.vocab("stem")
    with pytest.raises(TypeError, match="int"):
        corpus.ids(1)
    with pytest.raises(TypeError, match="list"):
        Corpus.build(TEXTS, profile=["search"], progress=False)
    with pytest.raises(ValueError, match="search"):
        Corpus.build(TEXTS, profile="nonesuch", progress=False)
    with pytest.raises(ValueError, match="isri"):
        Corpus.build(TEXTS, stem="porter", progress=False)
    with pytest.raises(TypeError, match="str"):
        Corpus.build(TEXTS, punctuation="yes", progress=False)


def test_text_and_tokens_by_index_and_id(corpus: Corpus) -> None:
    assert corpus.text(0) == TEXTS[0]
    assert corpus.text("sabq/1") == TEXTS[1]
    assert corpus.text(-1) == TEXTS[2]
    assert corpus.tokens("was/1", "surface") == corpus.tokens(2, "surface")
    with pytest.raises(KeyError, match="nope"):
        corpus.text("nope")
    with pytest.raises(IndexError, match="3 documents"):
        corpus.text(3)
    with pytest.raises(TypeError, match="float"):
        corpus.text(1.0)


def test_metadata_table(corpus: Corpus) -> None:
    md = corpus.metadata
    assert list(md.columns) == ["id", "source", "date", "n"]
    assert md["id"].tolist() == ["okaz/1", "sabq/1", "was/1"]
    assert pd.api.types.is_datetime64_any_dtype(md["date"])
    assert md["date"].tolist() == [pd.Timestamp(d.meta["date"]) for d in DOCS]
    assert md["n"].tolist() == [1, 2, 3]


def test_unparseable_date_is_an_error_naming_the_document() -> None:
    docs = [Document("a", "نص", {"date": "2015-07-21"}),
            Document("b", "نص آخر", {"date": "not a date"})]
    with pytest.raises(ValueError, match="not a date.*document 1"):
        Corpus.build(docs, progress=False)


def test_build_accepts_what_readers_accept() -> None:
    frame = pd.DataFrame({"text": TEXTS, "source": ["okaz", "sabq", "was"]})
    from_frame = Corpus.build(frame, progress=False)
    stream = as_documents(DOCS)
    from_stream = Corpus.build(stream, progress=False)
    from_list = Corpus.build(TEXTS, progress=False)
    for c in (from_frame, from_stream, from_list):
        assert len(c) == 3
        assert [c.text(i) for i in range(3)] == TEXTS
    assert from_frame.metadata["source"].tolist() == ["okaz", "sabq", "was"]
    assert from_stream.load_report is stream.report
    assert from_stream.load_report.documents_read == 3
    assert from_list.metadata["id"].tolist() == ["0", "1", "2"]


def test_skipped_input_is_reported_not_lost() -> None:
    c = Corpus.build(["نص أول", "", "نص ثالث"], progress=False)
    assert len(c) == 2
    assert c.load_report.n_skipped == 1
    assert c.load_report.skipped[0].position == 1


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    Corpus.build(TEXTS, progress=True)
    assert "Building corpus" in capsys.readouterr().err
    Corpus.build(TEXTS, progress=False)
    assert capsys.readouterr().err == ""


def test_empty_corpus() -> None:
    c = Corpus.build([], progress=False)
    assert len(c) == 0 and c.n_tokens == 0
    assert c.dtm().shape == (0, 0)
    assert c.n_types("norm") == 0


def test_repr(corpus: Corpus) -> None:
    text = repr(corpus)
    assert f"{len(corpus):,} documents" in text
    assert f"{corpus.n_tokens:,} tokens" in text
    assert f"norm ({corpus.n_types('norm'):,} types)" in text
    assert "'search'" in text and "source" in text


def test_arrays_are_read_only(corpus: Corpus) -> None:
    with pytest.raises(ValueError):
        corpus.ids("norm")[0] = 5
    with pytest.raises(ValueError):
        corpus.spans[0, 0] = 5


# --------------------------------------------------------------------------- subcorpus
def _check_sub(parent: Corpus, sub: Corpus, docs: list[int]) -> None:
    assert len(sub) == len(docs)
    for layer in parent.layers:
        assert sub.vocab(layer) is parent.vocab(layer)
        expected = [parent.ids(layer)[parent.doc_offsets[d]:parent.doc_offsets[d + 1]]
                    for d in docs]
        got = sub.ids(layer)
        assert np.array_equal(got, np.concatenate(expected) if expected else got[:0])
    for i, d in enumerate(docs):
        assert sub.text(i) == parent.text(d)
        assert sub.tokens(i, "surface") == parent.tokens(d, "surface")
        s, e = sub.doc_offsets[i], sub.doc_offsets[i + 1]
        ps = parent.doc_offsets[d]
        assert np.array_equal(sub.spans[s:e], parent.spans[ps:ps + (e - s)])
    assert sub.metadata["id"].tolist() == [parent.metadata["id"][d] for d in docs]
    assert list(sub.metadata.index) == list(range(len(docs)))


@settings(max_examples=60)
@given(corpora(min_docs=1, max_docs=8), st.data())
def test_subcorpus_of_generated_corpora(parent: Corpus, data) -> None:
    """Masks (documents in corpus order, the boolean token path) and index lists in
    any order (the position path) give the documents the parent holds."""
    n = len(parent)
    mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    docs = [i for i, m in enumerate(mask) if m]
    sub = parent.subcorpus(np.array(mask, dtype=bool))
    _check_sub(parent, sub, docs)
    expected = [parent.kinds[parent.doc_offsets[d]:parent.doc_offsets[d + 1]] for d in docs]
    assert np.array_equal(sub.kinds, np.concatenate(expected) if expected else sub.kinds[:0])
    order = data.draw(st.permutations(range(n)))
    _check_sub(parent, parent.subcorpus(np.array(order, dtype=np.int64)), list(order))


def test_subcorpus_by_column(corpus: Corpus) -> None:
    _check_sub(corpus, corpus.subcorpus(source="okaz"), [0])
    _check_sub(corpus, corpus.subcorpus(source=["okaz", "was"]), [0, 2])
    _check_sub(corpus, corpus.subcorpus(n=2), [1])
    _check_sub(corpus, corpus.subcorpus(source="nobody"), [])


def test_subcorpus_by_date_range(corpus: Corpus) -> None:
    _check_sub(corpus, corpus.subcorpus(date=("2015-07-21", "2015-07-31")), [0, 1])
    _check_sub(corpus, corpus.subcorpus(date=("2015-07-22", None)), [1, 2])
    _check_sub(corpus, corpus.subcorpus(start="2015-07-31"), [1, 2])
    _check_sub(corpus, corpus.subcorpus(end="2015-07-31"), [0, 1])
    _check_sub(corpus, corpus.subcorpus(date="2015-08-11"), [2])


def test_subcorpus_by_mask_indices_and_query(corpus: Corpus) -> None:
    _check_sub(corpus, corpus.subcorpus(np.array([True, False, True])), [0, 2])
    _check_sub(corpus, corpus.subcorpus(corpus.metadata["n"] > 1), [1, 2])
    _check_sub(corpus, corpus.subcorpus([2, 0]), [2, 0])
    _check_sub(corpus, corpus.subcorpus(query="source == 'okaz' or n == 3"), [0, 2])
    _check_sub(corpus, corpus.subcorpus(query="n > 1", source="was"), [2])


def test_subcorpus_keeps_ids_comparable_and_counts_own_types(corpus: Corpus) -> None:
    sub = corpus.subcorpus(source="sabq")
    assert sub.n_types("norm") < corpus.n_types("norm")
    assert len(sub.counts("norm")) == len(corpus.vocab("norm"))
    tid = corpus.type_id("norm", "داعش")
    assert sub.type_id("norm", "داعش") == tid
    assert sub.counts("norm")[tid] == 0
    assert corpus.counts("norm")[tid] == 2
    nested = corpus.subcorpus(source=["okaz", "sabq"]).subcorpus(source="sabq")
    assert nested == sub


def test_subcorpus_errors(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="id, source, date, n"):
        corpus.subcorpus(newspaper="okaz")
    with pytest.raises(ValueError, match="expected \\(3,\\)"):
        corpus.subcorpus(np.array([True, False]))
    with pytest.raises(ValueError, match="bad metadata query"):
        corpus.subcorpus(query="newspaper == 'okaz'")
    with pytest.raises(ValueError, match="2-tuple"):
        corpus.subcorpus(date=("2015-07-21",))
    no_date = Corpus.build(TEXTS, progress=False)
    with pytest.raises(ValueError, match="'date' column"):
        no_date.subcorpus(start="2015-07-21")


# --------------------------------------------------------------------------- save/load
def test_save_load_round_trip(corpus: Corpus, stemmed: Corpus, tmp_path) -> None:
    for c, name in ((corpus, "plain"), (stemmed, "stemmed")):
        folder = c.save(tmp_path / name)
        back = Corpus.load(folder)
        assert back == c and back.equals(c)
        assert back.layers == c.layers and back.profile == c.profile
        assert dict(back.metadata.dtypes.astype(str)) == \
            dict(c.metadata.dtypes.astype(str))
        assert back.type_id("norm", "داعش") == c.type_id("norm", "داعش")
        eager = Corpus.load(folder, mmap_mode=None)
        assert eager == c
        assert not isinstance(eager.ids("norm"), np.memmap)
    assert corpus != stemmed


def test_saved_files_are_plain(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    manifest = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "arabcorpus.corpus"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["library_version"]
    assert manifest["metadata_dtypes"]["date"].startswith("datetime64")
    for name in manifest["files"].values():
        assert (folder / name).is_file()
        assert not name.endswith((".pkl", ".pickle"))
    assert (folder / "vocab.norm.txt").read_text("utf-8").split("\n") == \
        corpus.vocab("norm")
    assert (folder / "texts.txt").read_text("utf-8") == "".join(TEXTS)
    meta = json.loads((folder / "metadata.json").read_text("utf-8"))
    assert meta["columns"] == ["id", "source", "date", "n"]
    assert [col[0] for col in meta["values"]] == ["okaz/1", "okaz",
                                                   "2015-07-21T00:00:00", 1]
    assert [len(col) for col in meta["values"]] == [len(corpus)] * 4
    assert not (folder / "metadata.jsonl").exists()
    arr = np.load(folder / "ids.norm.npy", allow_pickle=False)
    assert np.array_equal(arr, corpus.ids("norm"))


def _downgrade_to_format_1(folder) -> None:
    """Rewrite a saved folder's metadata as format version 1 wrote it (JSON Lines)."""
    meta = json.loads((folder / "metadata.json").read_text("utf-8"))
    lines = [json.dumps(meta["columns"], ensure_ascii=False)]
    lines += [json.dumps(list(row), ensure_ascii=False) for row in zip(*meta["values"])]
    (folder / "metadata.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "metadata.json").unlink()
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    manifest["format_version"] = 1
    manifest["files"]["metadata"] = "metadata.jsonl"
    # as version 1 wrote it: no digests, byte sizes of the arrays and texts only
    del manifest["file_digests"]
    manifest["file_sizes"] = {k: v for k, v in manifest["file_sizes"].items()
                              if k != "metadata" and not k.startswith("vocab.")}
    (folder / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def test_format_version_1_is_still_read(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    _downgrade_to_format_1(folder)
    old = Corpus.load(folder)
    assert old == corpus
    assert old.metadata["date"].dtype == corpus.metadata["date"].dtype
    # saving over it writes the current format and removes the old metadata file
    old_copy = Corpus.load(folder, mmap_mode=None)
    old_copy.save(folder)
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    assert manifest["format_version"] == FORMAT_VERSION == 2
    assert not (folder / "metadata.jsonl").exists()
    assert Corpus.load(folder) == corpus


def _record_as_saved(folder, name: str) -> None:
    """Record a changed file's size and digest in the manifest, as if it had been
    saved so (to reach the checks behind the digest check)."""
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    key = next(k for k, v in manifest["files"].items() if v == name)
    manifest["file_sizes"][key] = (folder / name).stat().st_size
    manifest["file_digests"][key] = _file_digest(folder / name)
    (folder / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False),
                                        "utf-8")


def test_bad_metadata_file_is_named(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    path = folder / "metadata.json"
    meta = json.loads(path.read_text("utf-8"))
    meta["values"][1] = meta["values"][1][:-1]
    path.write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ValueError, match="metadata.json has .* bytes, but"):
        Corpus.load(folder)
    _record_as_saved(folder, "metadata.json")
    with pytest.raises(ValueError, match="metadata.json: columns have different"):
        Corpus.load(folder)
    path.write_text('{"columns": ["id"]', "utf-8")
    _record_as_saved(folder, "metadata.json")
    with pytest.raises(ValueError, match="metadata.json"):
        Corpus.load(folder)


def test_loaded_metadata_is_built_on_first_use(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    code = ("import sys; from arabcorpus.corpus.memory import Corpus; "
            f"c = Corpus.load({str(folder)!r}); "
            "print(len(c), 'pandas' in sys.modules, c.n_tokens); "
            "print(c.metadata['source'].tolist(), 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == f"{len(corpus)} False {corpus.n_tokens}"
    assert out[1] == f"{corpus.metadata['source'].tolist()} True"
    # a dtype that cannot be restored is reported, naming the file, on first use
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    manifest["metadata_dtypes"]["source"] = "int64"
    (folder / "corpus.json").write_text(json.dumps(manifest), "utf-8")
    back = Corpus.load(folder)
    with pytest.raises(ValueError, match="metadata.json: cannot restore column 'source'"):
        back.metadata


def test_build_without_progress_does_not_import_tqdm() -> None:
    code = ("import sys; from arabcorpus.corpus.memory import Corpus; "
            "Corpus.build(['نص أول', 'نص ثان'], progress=False); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'tqdm'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_build_with_progress_shows_a_bar(capsys) -> None:
    c = Corpus.build(["نص أول", "نص ثان"], progress=True)
    assert len(c) == 2
    assert "Building corpus" in capsys.readouterr().err


def test_round_trip_keeps_text_exactly(tmp_path) -> None:
    texts = ["سطر أول\r\nسطر ثان\rثالث", "  مسافات\tوتبويب  \n"]
    c = Corpus.build(texts, progress=False)
    back = Corpus.load(c.save(tmp_path / "c"))
    assert [back.text(i) for i in range(len(back))] == [c.text(i) for i in range(len(c))]
    assert back == c


def test_round_trip_metadata_types_and_odd_text(tmp_path) -> None:
    docs = [Document("a", "نص فيه \ud800 بديل", {"n": 1, "x": 0.5, "ok": True,
                                                  "tags": ["سياسة", "دولي"],
                                                  "author": None, "id": "dup"}),
            Document("b", "نص ثان", {"n": 2, "x": float("nan"), "ok": False,
                                      "tags": [], "author": "مالك الحافظ",
                                      "id": "dup"})]
    c = Corpus.build(docs, progress=False)
    assert c.metadata["id"].tolist() == ["a", "b"]  # meta "id" does not replace it
    assert c.metadata["meta_id"].tolist() == ["dup", "dup"]
    back = Corpus.load(c.save(tmp_path / "c"))
    assert back == c
    # a lone surrogate is replaced at read time (and counted), so the text saves
    assert back.text(0) == "نص فيه \ufffd بديل"
    assert c.load_report.surrogates_replaced == 1
    assert back.metadata["tags"].tolist() == [["سياسة", "دولي"], []]
    assert np.isnan(back.metadata["x"][1])


def test_vocabulary_with_a_newline_is_saved_as_json(tmp_path) -> None:
    c = Corpus.build(["نص أول"], progress=False)
    c.vocab("surface")[0] = "سطر\nسطر"  # no tokenizer makes this; the format must cope
    folder = c.save(tmp_path / "c")
    assert (folder / "vocab.surface.json").is_file()
    assert (folder / "vocab.norm.txt").is_file()
    assert Corpus.load(folder) == c


def test_round_trip_load_report(tmp_path) -> None:
    c = Corpus.build(["نص", "", "نص آخر"], progress=False)
    back = Corpus.load(c.save(tmp_path / "c"))
    assert back.load_report.documents_read == 2
    assert back.load_report.skipped[0].position == 1


def test_load_errors(corpus: Corpus, tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="no corpus folder"):
        Corpus.load(tmp_path / "absent")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="not an arabcorpus corpus folder"):
        Corpus.load(tmp_path / "other")
    with pytest.raises(ValueError, match="not empty and holds no corpus"):
        corpus.save(tmp_path / "other")

    folder = corpus.save(tmp_path / "newer")
    manifest = json.loads((folder / "corpus.json").read_text("utf-8"))
    manifest["format_version"] = FORMAT_VERSION + 1
    (folder / "corpus.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ValueError, match=f"format version {FORMAT_VERSION + 1}.*upgrade"):
        Corpus.load(folder)

    folder = corpus.save(tmp_path / "missing")
    (folder / "spans.npy").unlink()
    with pytest.raises(FileNotFoundError, match="spans.npy"):
        Corpus.load(folder)

    folder = corpus.save(tmp_path / "foreign")
    (folder / "corpus.json").write_text('{"format": "conc"}', "utf-8")
    with pytest.raises(ValueError, match="not an arabcorpus corpus manifest"):
        Corpus.load(folder)
    with pytest.raises(TypeError, match="int"):
        Corpus.load(3)


def test_save_overwrites_a_corpus(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    mapped = Corpus.load(folder)  # memory-mapped from the files about to be replaced
    sub = corpus.subcorpus(source="okaz")
    sub.save(folder)
    back = Corpus.load(folder)
    assert back.n_tokens == sub.n_tokens and len(back) == 1
    assert back == sub
    assert mapped == corpus  # files were replaced by rename, not rewritten in place
    assert not [p.name for p in folder.iterdir() if ".tmp" in p.name]


def test_save_swaps_a_folder_in_and_cleans_interrupted_saves(corpus: Corpus,
                                                             tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]
    # what a killed save leaves: its temporary folder beside the target, and the old
    # corpus moved aside between two renames; the process that left them is gone
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(gone.stdout)
    saving = tmp_path / f".c.saving-{pid}-0a1b2c3d"
    saving.mkdir()
    (saving / "ids.surface.npy").write_bytes(b"half")
    folder.rename(tmp_path / f".c.old-{pid}-0a1b2c3d")
    with pytest.raises(FileNotFoundError, match=r"interrupted.*the previous corpus is "
                                                r"in .*\.c\.old-"):
        Corpus.load(folder)
    corpus.save(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]
    assert Corpus.load(folder) == corpus
    # a folder swapped in by two renames (file systems without an atomic exchange)
    sub = corpus.subcorpus(source="okaz")
    mapped = Corpus.load(folder)
    from arabcorpus.corpus import format as corpus_module

    exchange = corpus_module._USE_EXCHANGE
    corpus_module._USE_EXCHANGE = False
    try:
        sub.save(folder)
    finally:
        corpus_module._USE_EXCHANGE = exchange
    assert Corpus.load(folder) == sub and mapped == corpus
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_load_names_leftover_temporary_files(corpus: Corpus, tmp_path) -> None:
    """A folder that an interrupted save of an earlier version left half-written
    (temporary ``.<file>.tmp<pid>`` files inside it) is named as such."""
    folder = corpus.save(tmp_path / "c")
    (folder / ".spans.npy.tmp4242").write_bytes(b"x")
    (folder / "spans.npy").write_bytes((folder / "spans.npy").read_bytes()[:-8])
    with pytest.raises(ValueError, match=r"spans.npy has .*interrupted.*\.tmp4242"):
        Corpus.load(folder)


def _tamper(folder, name: str, change) -> None:
    path = folder / name
    path.write_bytes(change(path.read_bytes()))


def _swap_lines(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[0], lines[1] = lines[1], lines[0]
    return b"\n".join(lines)


def _swap_bytes(data: bytes, at: int) -> bytes:
    b = bytearray(data)
    i = next(j for j in range(at, len(b) - 1) if b[j] != b[j + 1])
    b[i], b[i + 1] = b[i + 1], b[i]
    return bytes(b)


def _same_size_text(data: bytes) -> bytes:
    return data.replace("سوريا".encode(), "عراقي".encode(), 1)


def _rotate_column(data: bytes) -> bytes:
    meta = json.loads(data)
    meta["values"] = [v[1:] + v[:1] for v in meta["values"]]
    return json.dumps(meta, ensure_ascii=False).encode("utf-8")


TAMPERINGS = {
    "vocab lines swapped": ("vocab.norm.txt", _swap_lines),
    "vocab CRLF": ("vocab.norm.txt", lambda d: d.replace(b"\n", b"\r\n")),
    "vocab BOM": ("vocab.surface.txt", lambda d: b"\xef\xbb\xbf" + d),
    "metadata rows rotated": ("metadata.json", _rotate_column),
    "texts same size": ("texts.txt", lambda d: _same_size_text(d)),
    "spans same size": ("spans.npy", lambda d: _swap_bytes(d, 200)),
    "offsets same size": ("doc_offsets.npy", lambda d: _swap_bytes(d, 130)),
    "ids same size": ("ids.norm.npy", lambda d: _swap_bytes(d, 130)),
}


@pytest.mark.parametrize("what", list(TAMPERINGS))
def test_changed_file_is_found_by_its_digest(corpus: Corpus, tmp_path, what) -> None:
    name, change = TAMPERINGS[what]
    folder = corpus.save(tmp_path / "c")
    before = (folder / name).read_bytes()
    _tamper(folder, name, change)
    assert (folder / name).read_bytes() != before
    with pytest.raises(ValueError, match=f"{name} (does not match its BLAKE2b digest|"
                                         f"has .* bytes, but)"):
        Corpus.load(folder)


def test_verify_false_checks_sizes_only(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    _tamper(folder, "texts.txt", _same_size_text)
    # the opt-out loads a same-size edit (that is what it skips) ...
    back = Corpus.load(folder, verify=False)
    assert back.n_tokens == corpus.n_tokens and back.text(0) != corpus.text(0)
    # ... but not a changed size
    _tamper(folder, "vocab.norm.txt", lambda d: d + b"\n")
    with pytest.raises(ValueError, match="vocab.norm.txt has .* bytes, but"):
        Corpus.load(folder, verify=False)


def _edit_manifest(folder, edit) -> None:
    path = folder / "corpus.json"
    manifest = json.loads(path.read_text("utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


@pytest.mark.parametrize("edit, message", [
    (lambda m: m["files"].__setitem__("ids.norm", "ids.surface.npy"),
     "'ids.surface.npy' for 'ids.norm'; the format names it ids.norm.npy"),
    (lambda m: m["files"].__setitem__("texts", "/etc/hostname"), "'/etc/hostname'"),
    (lambda m: m["files"].__setitem__("metadata", "../c2/metadata.json"),
     "'../c2/metadata.json'"),
    (lambda m: m.__setitem__("format_version", "2"), "no valid format_version"),
    (lambda m: m.__setitem__("format_version", True), "no valid format_version"),
    (lambda m: m.__setitem__("format_version", 0), "no valid format_version"),
    (lambda m: m.__setitem__("layers", "norm"), "'layers' must be"),
    (lambda m: m.__setitem__("n_tokens", "24"), "'n_tokens' must be"),
    (lambda m: m.__setitem__("punctuation", "no"), "'punctuation' must be"),
    (lambda m: m["file_sizes"].__setitem__("texts", -1), "'file_sizes' must be"),
    (lambda m: m["file_digests"].__setitem__("texts", "abc"), "'file_digests' must be"),
    (lambda m: m.__setitem__("metadata_columns", [1, 2]), "'metadata_columns' must"),
    (lambda m: m.__setitem__("vocab_sizes", {"norm": 1.5}), "'vocab_sizes' must be"),
])
def test_manifest_paths_and_types_are_checked(corpus: Corpus, tmp_path, edit,
                                              message) -> None:
    folder = corpus.save(tmp_path / "c")
    corpus.save(tmp_path / "c2")
    _edit_manifest(folder, edit)
    with pytest.raises(ValueError, match=re.escape(message)):
        Corpus.load(folder)


def test_symbolic_link_out_of_the_folder_is_refused(corpus: Corpus, tmp_path) -> None:
    folder = corpus.save(tmp_path / "c")
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes((folder / "vocab.norm.txt").read_bytes())
    (folder / "vocab.norm.txt").unlink()
    try:
        (folder / "vocab.norm.txt").symlink_to(outside)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    with pytest.raises(ValueError, match="vocab.norm.txt is a symbolic link"):
        Corpus.load(folder)


def test_infinite_metadata_value_names_the_column(tmp_path) -> None:
    docs = [Document("a", "نص أول", {"score": 1.5, "tags": ["x"]}),
            Document("b", "نص ثان", {"score": float("inf"), "tags": ["y"]})]
    c = Corpus.build(docs, progress=False)
    old = Corpus.build(["نص قديم"], progress=False)
    folder = old.save(tmp_path / "c")
    with pytest.raises(ValueError, match=r"metadata column 'score': document 1 "
                                         r"\(id 'b'\) has the value inf"):
        c.save(folder)
    assert Corpus.load(folder) == old  # the corpus there is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]  # nothing left over
    nested = Corpus.build([Document("a", "نص", {"tags": [float("-inf")]})],
                          progress=False)
    with pytest.raises(ValueError, match=r"column 'tags': document 0 .* \[-inf\]"):
        nested.save(tmp_path / "d")


# --------------------------------------------------------------------------- exports
def test_dtm(corpus: Corpus) -> None:
    for layer in corpus.layers:
        m = corpus.dtm(layer)
        assert m.shape == (len(corpus), len(corpus.vocab(layer)))
        assert m.sum() == corpus.n_tokens
        assert np.array_equal(np.asarray(m.sum(axis=1)).ravel(), np.diff(corpus.doc_offsets))
        assert np.array_equal(np.asarray(m.sum(axis=0)).ravel(), corpus.counts(layer))
        vocab = corpus.vocab(layer)
        for d in range(len(corpus)):
            row = m.getrow(d)
            got = {vocab[j]: int(n) for j, n in zip(row.indices, row.data)}
            assert got == Counter(corpus.tokens(d, layer))


def test_to_nltk_text(corpus: Corpus) -> None:
    text = corpus.to_nltk_text("surface")
    expected = [t for d in range(len(corpus)) for t in corpus.tokens(d, "surface")]
    assert list(text.tokens) == expected
    assert text.count("داعش") == 2
    norm_text = corpus.to_nltk_text()
    assert list(norm_text.tokens) == [corpus.vocab("norm")[i] for i in corpus.ids("norm")]


def test_to_gensim_bow_equals_counting(corpus: Corpus) -> None:
    pytest.importorskip("gensim")
    dictionary, bow = corpus.to_gensim("norm")
    assert len(bow) == len(corpus)
    assert len(dictionary) == corpus.n_types("norm")
    docs = [corpus.tokens(d, "norm") for d in range(len(corpus))]
    for _ in range(2):  # restartable
        got = list(bow)
        assert [{dictionary[i]: n for i, n in doc} for doc in got] == \
            [dict(Counter(toks)) for toks in docs]
        assert all([i for i, _ in doc] == sorted(i for i, _ in doc) for doc in got)
    # the same as gensim's own doc2bow on the token lists
    assert [sorted(dictionary.doc2bow(toks)) for toks in docs] == list(bow)
    assert dictionary.num_docs == len(corpus)
    assert dictionary.num_pos == corpus.n_tokens
    tid = dictionary.token2id["داعش"]
    assert dictionary.dfs[tid] == 2 and dictionary.cfs[tid] == 2


def test_to_gensim_follows_dictionary_filtering(corpus: Corpus) -> None:
    pytest.importorskip("gensim")
    dictionary, bow = corpus.to_gensim("norm")
    dictionary.filter_extremes(no_below=2, no_above=1.0, keep_n=None)
    kept = set(dictionary.token2id)
    assert "داعش" in kept and len(kept) < corpus.n_types("norm")
    for d, doc in enumerate(bow):
        counts = Counter(t for t in corpus.tokens(d, "norm") if t in kept)
        assert {dictionary[i]: n for i, n in doc} == dict(counts)


def test_exports_of_a_subcorpus_use_its_documents(corpus: Corpus) -> None:
    sub = corpus.subcorpus(source=["okaz", "was"])
    m = sub.dtm("norm")
    assert m.shape == (2, len(corpus.vocab("norm")))
    assert m.sum() == sub.n_tokens
    assert list(sub.to_nltk_text("surface").tokens) == \
        sub.tokens(0, "surface") + sub.tokens(1, "surface")


# --------------------------------------------------------------------------- real data
@pytest.fixture(scope="session")
def snn_corpus(saudinewsnet_dir) -> Corpus:
    """The whole of SaudiNewsNet, built once per test session."""
    return Corpus.build(read_saudinewsnet(saudinewsnet_dir), progress=False)


SNN_SOURCES = {"aawsat", "aleqtisadiya", "aljazirah", "almadina", "alriyadh", "alwatan",
               "alweeam", "alyaum", "arreyadi", "arriyadiyah", "okaz", "sabq", "was",
               "3alyoum"}


@pytest.mark.slow
def test_saudinewsnet_documents_sources_dates(snn_corpus: Corpus,
                                              saudinewsnet_articles) -> None:
    c = snn_corpus
    non_empty = [a for a in saudinewsnet_articles if (a.get("content") or "").strip()]
    # README: 31,030 articles; those with empty content are skipped and reported
    assert len(c) == len(non_empty)
    assert len(c) + c.load_report.n_skipped == len(saudinewsnet_articles) == 31030
    assert {s.kind for s in c.load_report.skipped} <= {"empty_text", "missing_text"}
    assert set(c.metadata["source"]) == SNN_SOURCES
    assert Counter(c.metadata["source"]) == Counter(a["source"] for a in non_empty)
    assert pd.api.types.is_datetime64_any_dtype(c.metadata["date"])
    assert c.metadata["date"].notna().all()
    assert Counter(c.metadata["date"].dt.strftime("%Y-%m-%d")) == \
        Counter(a["date_extracted"][:10] for a in non_empty)
    assert sorted(c.text(i) for i in range(len(c))) == \
        sorted(a["content"] for a in non_empty)
    # layers aligned, spans give back the surface tokens (sampled documents)
    for layer in c.layers:
        assert len(c.ids(layer)) == c.n_tokens
    rng = np.random.default_rng(0)
    sv = c.vocab("surface")
    for d in rng.choice(len(c), 50, replace=False).tolist():
        a, b = c.doc_offsets[d], c.doc_offsets[d + 1]
        text = c.text(d)
        assert [text[s:e] for s, e in c.spans[a:b].tolist()] == c.tokens(d, "surface")
        assert [sv[i] for i in c.ids("surface")[a:b]] == _expected_tokens(text)
    assert 8_000_000 < c.n_tokens < 11_000_000  # README: about 8.7 million words


@pytest.mark.slow
def test_saudinewsnet_norm_layer_matches_normalizer(snn_corpus: Corpus) -> None:
    c = snn_corpus
    norm = Normalizer("search")
    sv, nv = c.vocab("surface"), c.vocab("norm")
    # every surface type maps to the norm of itself
    surf2norm = np.full(len(sv), -1, dtype=np.int64)
    surf2norm[c.ids("surface")] = c.ids("norm")
    assert (surf2norm >= 0).all()
    sample = np.random.default_rng(1).choice(len(sv), 2000, replace=False)
    assert all(nv[surf2norm[i]] == norm(sv[i]) for i in sample.tolist())


@pytest.mark.slow
def test_saudinewsnet_subcorpora(snn_corpus: Corpus, saudinewsnet_articles) -> None:
    c = snn_corpus
    non_empty = [a for a in saudinewsnet_articles if (a.get("content") or "").strip()]
    okaz = c.subcorpus(source="okaz")
    assert len(okaz) == sum(a["source"] == "okaz" for a in non_empty)
    assert set(okaz.metadata["source"]) == {"okaz"}
    assert okaz.vocab("norm") is c.vocab("norm")
    two = c.subcorpus(source=["okaz", "sabq"])
    assert len(two) == len(okaz) + len(c.subcorpus(source="sabq"))
    july = c.subcorpus(date=("2015-07-21", "2015-07-31"))
    assert len(july) == sum("2015-07-21" <= a["date_extracted"][:10] <= "2015-07-31"
                            for a in non_empty)
    august = c.subcorpus(start="2015-08-01")
    assert len(july) + len(august) == len(c)
    assert july.n_tokens + august.n_tokens == c.n_tokens
    q = c.subcorpus(query="source == 'okaz' and date >= '2015-08-01'")
    assert len(q) == len(okaz.subcorpus(start="2015-08-01"))
    # ids comparable across subcorpora: the counts add up to the whole corpus
    assert np.array_equal(july.counts("norm") + august.counts("norm"), c.counts("norm"))


@pytest.mark.slow
def test_saudinewsnet_save_load_round_trip(snn_corpus: Corpus, tmp_path_factory) -> None:
    folder = snn_corpus.save(tmp_path_factory.mktemp("snn") / "corpus")
    back = Corpus.load(folder)
    assert back == snn_corpus
    assert back.load_report.documents_read == len(snn_corpus)
    assert back.subcorpus(source="okaz") == snn_corpus.subcorpus(source="okaz")


def test_build_and_load_options_are_keyword_only(tmp_path) -> None:
    """Old positional options still work one release, with a DeprecationWarning."""
    reference = Corpus.build(TEXTS, profile="light", progress=False)
    with pytest.warns(DeprecationWarning, match="by keyword"):
        assert Corpus.build(TEXTS, "light", None, False, False) == reference
    with pytest.raises(TypeError, match="progress"):
        Corpus.build(TEXTS, progress="yes")
    reference.save(tmp_path / "c")
    with pytest.warns(DeprecationWarning, match="mmap_mode"):
        assert Corpus.load(tmp_path / "c", None) == reference


def test_package_build_and_load_dispatch_to_the_storage(tmp_path) -> None:
    from arabcorpus.corpus import ShardedCorpus, build, load

    memory = build(TEXTS, progress=False)
    assert isinstance(memory, Corpus) and memory == Corpus.build(TEXTS, progress=False)
    sharded = build(TEXTS, path=tmp_path / "s", shard_size=2, progress=False)
    assert isinstance(sharded, ShardedCorpus) and sharded.to_corpus() == memory
    memory.save(tmp_path / "m")
    assert load(tmp_path / "m") == memory
    assert isinstance(load(tmp_path / "s"), ShardedCorpus)


def test_subcorpus_takes_documents_in_any_order() -> None:
    corpus = Corpus.build(TEXTS, progress=False)
    for idx in ([2, 0], [1, 1, 0], [len(TEXTS) - 1, 0, 2]):
        sub = corpus.subcorpus(np.array(idx))
        assert [sub.tokens(d) for d in range(len(sub))] == [corpus.tokens(d) for d in idx]
        assert [sub.text(d) for d in range(len(sub))] == [corpus.text(d) for d in idx]


@settings(max_examples=40)
@given(corpora(), st.sampled_from(["norm", "surface"]))
def test_type_id_by_scan_and_by_index(corpus, layer):
    """type_id answers the same by a scan of the strings (the first lookups) and
    from the reverse index (built after them)."""
    from arabcorpus.corpus.base import Vocabulary

    strings = corpus.vocab(layer)
    fresh = Vocabulary(list(strings))
    absent = ["غائب", ""] + ["غائب"] * Vocabulary.SCANS_BEFORE_INDEX
    queries = list(strings) + absent
    by_scan = [fresh.get(s) for s in queries[:Vocabulary.SCANS_BEFORE_INDEX]]
    assert fresh._index is None
    by_index = [fresh.get(s) for s in queries]
    assert fresh._index is not None
    expected = list(range(len(strings))) + [None] * len(absent)
    assert by_scan == expected[:len(by_scan)]
    assert by_index == expected
    assert [corpus.type_id(layer, s) for s in queries] == expected


# ---------------------------------------------- per-type statistics, chunk by chunk
def unchunked_stats(ids, offsets, counts):
    """Range and DP from the runs of all documents at once (``doc_runs`` +
    ``dp_of_runs``, as before the chunks): the reference, bit for bit."""
    from arabcorpus.corpus.stats import doc_runs, dp_of_runs

    sizes = np.diff(offsets).astype(np.float64)
    token_doc = np.repeat(np.arange(len(sizes), dtype=np.int32), np.diff(offsets))
    run_type, run_doc, run_count = doc_runs(ids, token_doc, len(counts), len(sizes))
    docfreq = np.bincount(run_type, minlength=len(counts))
    if not sizes.size or sizes.sum() == 0:
        return docfreq, np.full(len(counts), np.nan)
    return docfreq, dp_of_runs(run_type, run_doc, run_count, counts, docfreq, sizes)


def assert_same_stats(got, expected):
    """Same docfreq (int64) and the same DP floats, bit for bit (NaN included)."""
    np.testing.assert_array_equal(got[0], expected[0])
    assert got[0].dtype == np.int64 and got[1].dtype == np.float64
    np.testing.assert_array_equal(got[1].view(np.int64), expected[1].view(np.int64))


def check_chunked_stats(ids, offsets, n_types, chunk_tokens):
    from arabcorpus.corpus.stats import doc_chunks, type_doc_stats

    ids = np.asarray(ids, dtype=np.int32)
    offsets = np.asarray(offsets, dtype=np.int64)
    counts = np.bincount(ids, minlength=n_types).astype(np.int64)
    expected = unchunked_stats(ids, offsets, counts)
    token_doc = np.repeat(np.arange(len(offsets) - 1, dtype=np.int32), np.diff(offsets))
    for td in (None, token_doc):
        assert_same_stats(type_doc_stats(ids, td, offsets, counts,
                                         chunk_tokens=chunk_tokens), expected)
    bounds = doc_chunks(offsets, chunk_tokens)
    assert bounds[0] == 0 and bounds[-1] == max(len(offsets) - 1, 0)
    assert (np.diff(bounds) > 0).all()
    for first, end in zip(bounds[:-1], bounds[1:]):
        # a chunk starts at the document holding a multiple of chunk_tokens (the
        # first at 0, with the empty documents before the first token) and none of
        # its other documents holds one
        assert first == 0 or any(offsets[first] <= k < offsets[first + 1]
                                 for k in range(0, int(offsets[-1]), chunk_tokens))
        for d in range(first + 1, end):
            if offsets[d] == 0:
                continue  # the first chunk: the documents up to the first token
            assert not any(offsets[d] <= k < offsets[d + 1]
                           for k in range(0, int(offsets[-1]), chunk_tokens))
    return expected


@settings(max_examples=150)
@given(st.lists(st.integers(0, 12), min_size=0, max_size=12),
       st.integers(1, 6), st.integers(1, 40), st.data())
def test_chunked_stats_equal_the_unchunked_ones(sizes, n_types, chunk_tokens, data):
    """Any chunk size (1 token: one document a chunk), documents with no token,
    one type, no token at all: the same range and DP as all runs at once."""
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    ids = data.draw(st.lists(st.integers(0, n_types - 1), min_size=int(offsets[-1]),
                             max_size=int(offsets[-1])))
    check_chunked_stats(ids, offsets, n_types, chunk_tokens)


@settings(max_examples=150)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(
    [0, 1, 2, 0xFFFF, 0x10000, 0x10001, 0x1FFFF, 0x20000, 2**31 - 1])), max_size=40),
       st.integers(0, 3))
def test_radix_runs_equal_doc_runs(pairs, extra_docs):
    """The runs of the two 16-bit radix passes, ids on both sides of 2**16 and up to
    2**31 - 1 included, equal SciPy's (documents in order, some empty)."""
    from arabcorpus.corpus.stats import doc_runs, radix_runs

    pairs.sort(key=lambda p: p[0])  # tokens in document order
    token_doc = np.array([d for d, _ in pairs], dtype=np.int32)
    ids = np.array([t for _, t in pairs], dtype=np.int32)
    if ids.size and ids.max() > 2**20:  # SciPy would need a row per type: remap
        expected_types, inverse = np.unique(ids, return_inverse=True)
        runs = doc_runs(inverse.astype(np.int32), token_doc, len(expected_types),
                        6 + extra_docs)
        expected = (expected_types[runs[0]], runs[1], runs[2])
    else:
        expected = doc_runs(ids, token_doc, int(ids.max(initial=0)) + 1, 6 + extra_docs)
    got = radix_runs(ids, token_doc)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)
    assert got[2].dtype == np.int32


def test_dp_from_sums_is_the_formula_bit_for_bit():
    """The in-place DP formula gives the floats of ``np.where(totals > 0,
    np.clip(0.5 * (absdev + (1.0 - covered)), 0, 1), nan)``, NaN, inf and -0.0
    included."""
    from arabcorpus.corpus.stats import dp_from_sums

    rng = np.random.default_rng(5)
    for n in (0, 1, 7, 5000):
        absdev = rng.random(n) * rng.choice([1e-300, 1e-5, 1.0, 3.0, 1e300], n)
        covered = rng.random(n) * rng.choice([1e-300, 1.0, 2.0, -1.0], n)
        if n > 3:
            absdev[:3], covered[:3] = [np.nan, np.inf, -0.0], [0.0, np.nan, 1.0]
        totals = rng.integers(0, 3, n)
        with np.errstate(invalid="ignore"):
            expected = np.where(totals > 0, np.clip(0.5 * (absdev + (1.0 - covered)),
                                                    0.0, 1.0), np.nan)
        got = dp_from_sums(absdev, covered, totals)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got.view(np.int64), expected.view(np.int64))


@pytest.mark.parametrize("sizes, ids, n_types", [
    ([], [], 3),                         # empty corpus
    ([0, 0], [], 2),                     # documents, no token
    ([0, 3, 0, 0, 2, 0], [1, 1, 0, 1, 1], 2),  # empty documents between and around
    ([4, 1, 3], [0] * 8, 1),             # a layer with one type
    ([5], [2, 0, 2, 2, 1], 4),           # one document, a type that does not occur
])
@pytest.mark.parametrize("chunk_tokens", [1, 2, 3, 1000])
def test_chunked_stats_edge_cases(sizes, ids, n_types, chunk_tokens):
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    docfreq, dp = check_chunked_stats(ids, offsets, n_types, chunk_tokens)
    if not ids:
        assert np.isnan(dp).all() and not docfreq.any()


def test_doc_chunks_cut_at_the_documents_holding_each_multiple():
    from arabcorpus.corpus.stats import doc_chunks

    offsets = np.array([0, 0, 3, 3, 4, 9, 10])  # documents 0 and 2 empty
    assert doc_chunks(offsets, 1).tolist() == [0, 3, 4, 5, 6]
    assert doc_chunks(offsets, 3).tolist() == [0, 3, 4, 5, 6]
    assert doc_chunks(offsets, 5).tolist() == [0, 4, 6]
    assert doc_chunks(offsets, 100).tolist() == [0, 6]
    assert doc_chunks(np.array([0, 0, 0]), 2).tolist() == [0, 2]
    assert doc_chunks(np.array([0]), 2).tolist() == [0]


@contextmanager
def chunks_of(n):
    """Set ``stats.CHUNK_TOKENS`` and ``base.COUNT_CHUNK`` to ``n`` for a while."""
    from arabcorpus.corpus import base, stats

    old = stats.CHUNK_TOKENS, base.COUNT_CHUNK
    stats.CHUNK_TOKENS, base.COUNT_CHUNK = n, n
    try:
        yield
    finally:
        stats.CHUNK_TOKENS, base.COUNT_CHUNK = old


@settings(max_examples=40, deadline=None)
@given(corpora(max_docs=6), st.integers(1, 30))
def test_kept_stats_of_generated_corpora_for_any_chunk(corpus, chunk_tokens):
    """Corpus.type_doc_stats (what save writes) equals the unchunked runs, bit for
    bit, whatever CHUNK_TOKENS is; so do its counts counted COUNT_CHUNK ids at a
    time."""
    with chunks_of(chunk_tokens):
        fresh = Corpus(layers=dict(corpus._layers), vocabs=corpus._vocabs,
                       doc_offsets=corpus.doc_offsets, spans=corpus.spans,
                       kinds=corpus.kinds, texts=corpus._texts,
                       metadata=corpus.metadata, normalizer=corpus.normalizer,
                       stemmer=corpus.stemmer, punctuation=corpus.punctuation)
        for layer in fresh.layers:
            ids = fresh.ids(layer)
            counts = np.bincount(ids, minlength=len(fresh.vocab(layer)))
            np.testing.assert_array_equal(fresh.counts(layer), counts)
            assert_same_stats(fresh.type_doc_stats(layer),
                              unchunked_stats(ids, fresh.doc_offsets, counts))
        assert fresh._token_doc is None  # no token_doc of the whole corpus was made


def test_saved_files_do_not_depend_on_the_chunks(tmp_path):
    """The folder save writes is the same, byte for byte, with one document per
    chunk, a few chunks and one chunk."""
    texts = TEXTS * 4 + ["", "داعش"]
    docs = [Document(f"d{i}", t, {"n": i}) for i, t in enumerate(texts) if t]
    folders = []
    for n in (1, 7, 10**9):
        with chunks_of(n):
            folders.append(Corpus.build(docs, progress=False).save(tmp_path / str(n)))
    names = sorted(p.name for p in folders[0].iterdir())
    assert "dp.norm.npy" in names
    for folder in folders[1:]:
        assert sorted(p.name for p in folder.iterdir()) == names
        for name in names:
            assert (folder / name).read_bytes() == (folders[0] / name).read_bytes(), name


def test_saudinewsnet_2000_stats_in_small_chunks(saudinewsnet_articles):
    """2,000 SaudiNewsNet articles, chunks of 1,000 tokens and the default: the
    unchunked range and DP, bit for bit, for both layers."""
    from arabcorpus.corpus.stats import type_doc_stats

    step = max(1, len(saudinewsnet_articles) // 2000)
    docs = [Document(str(i), a.get("content") or "", {})
            for i, a in enumerate(saudinewsnet_articles[::step][:2000])]
    c = Corpus.build(docs, progress=False)
    for layer in c.layers:
        ids, counts = c.ids(layer), c.counts(layer)
        expected = unchunked_stats(ids, c.doc_offsets, counts)
        for chunk_tokens in (1000, None):
            assert_same_stats(type_doc_stats(ids, None, c.doc_offsets, counts,
                                             chunk_tokens=chunk_tokens), expected)


@pytest.mark.parametrize("columns", [
    {},
    {"id": ["a", "b", "c"]},
    {"id": ["ع", "😀x", "\ud800"], "n": [1, None, 3], "x": [1.5, float("nan"), -0.0],
     "ok": [True, False, None], "tags": [["a", "ب"], [], {"k": [1, {"z": None}]}],
     "date": pd.to_datetime(["2015-07-21", None, "2015-08-11 10:00:00"],
                            format="mixed")},
])
def test_metadata_file_is_the_json_of_the_whole_object(columns, tmp_path):
    """The metadata file written column by column holds the bytes of one
    ``json.dumps`` of ``{"columns": ..., "values": ...}``."""
    from arabcorpus.corpus.format import (_json_default, _metadata_columns,
                                          _write_metadata)

    md = pd.DataFrame(columns, index=range(3 if columns else 0))
    names, values, _ = _metadata_columns(md)
    expected = json.dumps({"columns": names, "values": values}, ensure_ascii=False,
                          default=_json_default, allow_nan=False)
    _write_metadata(md, tmp_path / "m.json")
    assert (tmp_path / "m.json").read_bytes() == expected.encode("utf-8",
                                                                 "surrogatepass")
