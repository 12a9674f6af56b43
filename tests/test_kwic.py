"""KWIC: matching on a layer, showing the original text, sorting, HTML.

Checked against a naive scan of ``corpus.tokens(...)`` on the bundled sample and on
generated corpora; on SaudiNewsNet and the seed article when the corpora folder is
there.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import query as _query
from arabcorpus.analyses.kwic import KWIC_COLUMNS, Concordance, kwic
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document
from strategies import corpora


@pytest.fixture(scope="module")
def sample():
    from arabcorpus import load_dataset

    return Corpus.build(load_dataset("sample"), progress=False)


def naive_kwic(corpus, words, layer="norm", window=(5, 5)):
    """(position, left, node, right) of each match of the phrase ``words`` (types of
    ``layer``), by a scan of every document's tokens; the context is cut from the
    document's text at the spans of the window's first and last tokens."""
    out = []
    m = len(words)
    for d in range(len(corpus)):
        toks = corpus.tokens(d, layer)
        start = int(corpus.doc_offsets[d])
        text = corpus.text(d)
        spans = corpus.spans[start:start + len(toks)]
        for i in range(len(toks) - m + 1):
            if toks[i:i + m] != list(words):
                continue
            first = max(i - window[0], 0)
            last = min(i + m - 1 + window[1], len(toks) - 1)
            a, b = spans[i][0], spans[i + m - 1][1]
            out.append((start + i, text[spans[first][0]:a], text[a:b],
                        text[b:spans[last][1]]))
    return out


def lines(conc):
    return list(zip(conc.positions.tolist(), conc.left, conc.node, conc.right))


def check_kwic(corpus, query, words, layer="norm", window=5):
    pair = (window, window) if isinstance(window, int) else window
    conc = kwic(corpus, query, layer=layer, window=window)
    assert lines(conc) == naive_kwic(corpus, words, layer, pair)
    df = conc.to_frame()
    for row in df.itertuples():
        text = corpus.text(row.doc)
        assert text[row.start:row.end] == row.node
        assert text[row.start - len(row.left):row.start] == row.left
        assert text[row.end:row.end + len(row.right)] == row.right
    return conc


def check_sort(corpus, query, keys, layer="norm"):
    conc = kwic(corpus, query, layer=layer, sort=keys)
    base = kwic(corpus, query, layer=layer)
    ids, vocab, tdoc = corpus.ids(layer), corpus.vocab(layer), corpus.token_doc()
    m = base.length

    def key(p):
        out = []
        for k in [keys] if isinstance(keys, str) else keys:
            t = p if k == "node" else (p - int(k[1:]) if k[0] == "L"
                                       else p + m - 1 + int(k[1:]))
            inside = 0 <= t < len(ids) and tdoc[t] == tdoc[p]
            out.append((1, vocab[ids[t]]) if inside else (0, ""))
        return out

    want = sorted(base.positions.tolist(), key=key)  # stable: corpus order in ties
    assert conc.positions.tolist() == want
    return conc


# ------------------------------------------------------------------- the sample
def test_hits_equal_a_scan_and_show_the_original_text(sample):
    conc = check_kwic(sample, "النفط", ["النفط"])
    assert len(conc) == 17
    assert all(sample.normalizer(n) == "النفط" for n in conc.node)
    check_kwic(sample, "البنك المركزي", ["البنك", "المركزي"], window=(2, 7))
    check_kwic(sample, "وزارة الصحة", ["وزاره", "الصحه"], window=0)
    check_kwic(sample, "وقال", ["وقال"], layer="surface", window=(0, 3))


def test_normalized_query_finds_variants_and_keeps_diacritics():
    c = Corpus.build(["قال أيضاً إنّ الوضعَ مستقر.", "وقال ايضا: لا جديد", "أيضا"],
                     progress=False)
    conc = kwic(c, "أيضاً", window=2)
    assert conc.node == ["أيضاً", "ايضا", "أيضا"]
    assert conc.left[0] == "قال "
    assert conc.right[0] == " إنّ الوضعَ"   # original spelling and diacritics
    assert conc.right[1] == ": لا جديد"      # punctuation kept between spans
    assert conc.left[2] == "" and conc.right[2] == ""
    assert len(kwic(c, "ايضا", layer="surface")) == 1  # surface: exact form only


def test_context_windows_never_cross_documents():
    c = Corpus.build(["الف باء جيم", "دال هاء واو"], progress=False)
    conc = kwic(c, "جيم", window=3)
    assert conc.right == [""] and conc.left == ["الف باء "]
    conc = kwic(c, "دال", window=3)
    assert conc.left == [""]
    conc = kwic(c, "باء", window=(1, 0))
    assert conc.left == ["الف "] and conc.right == [""]
    assert conc.params["window"] == (1, 0)


def test_phrases_lists_and_regexes(sample):
    phrase = kwic(sample, "البنك المركزي")
    ids, vocab = sample.ids("norm"), sample.vocab("norm")
    assert len(phrase) == 8
    assert all([vocab[ids[p]], vocab[ids[p + 1]]] == ["البنك", "المركزي"]
               for p in phrase.positions)
    assert len(kwic(sample, ("البنك", "المركزي"))) == len(phrase)
    alt = kwic(sample, ["النفط", "المنتخب"])
    assert len(alt) == len(kwic(sample, "النفط")) + len(kwic(sample, "المنتخب"))
    assert (np.diff(alt.positions) > 0).all()
    rx = kwic(sample, re.compile("ال.*يه"))
    assert len(rx) == len(kwic(sample, "ال.*يه", regex=True)) > len(alt)
    types = {vocab[i] for i in ids[rx.positions]}
    assert all(re.fullmatch("ال.*يه", t) for t in types)
    want = [p for p in range(len(ids)) if re.fullmatch("ال.*يه", vocab[ids[p]])]
    assert rx.positions.tolist() == want
    mixed = kwic(sample, ("البنك", re.compile("المركزي|الدولي")))
    assert len(mixed) >= len(phrase)
    with pytest.raises(ValueError, match="regular expression"):
        kwic(sample, "(", regex=True)


def test_sorting_by_positions(sample):
    check_sort(sample, "في", "R1")
    check_sort(sample, "في", ["L1", "R1"])
    check_sort(sample, ["النفط", "الصحه"], ["node", "R2"])
    check_sort(sample, "البنك المركزي", "R1")
    assert len(kwic(sample, "في", sort="R2", n=5)) == 5
    with pytest.raises(ValueError, match="L1"):
        kwic(sample, "في", sort="right")
    with pytest.raises(TypeError, match="sort"):
        kwic(sample, "في", sort=1)


def test_n_keeps_the_first_lines(sample):
    full = kwic(sample, "في", sort="R1")
    top = kwic(sample, "في", sort="R1", n=7)
    assert top.positions.tolist() == full.positions.tolist()[:7]
    assert top.params["n"] == 7
    assert len(kwic(sample, "في", n=0)) == 0
    with pytest.raises(ValueError, match="n must be >= 0"):
        kwic(sample, "في", n=-1)


def test_frame_params_sample_and_html(sample):
    conc = kwic(sample, "النفط", window=3)
    df = conc.to_frame()
    md = list(sample.metadata.columns)
    assert list(df.columns) == ["doc", *md, "left", "node", "right", "position",
                                "start", "end"]
    assert set(KWIC_COLUMNS) <= set(df.columns)
    assert (df["section"] == sample.metadata["section"].iloc[df["doc"]].to_numpy()).all()
    params = df.attrs["params"]
    assert {k: params[k] for k in ("query", "layer", "window", "sort", "n", "regex")} \
        == {"query": "النفط", "layer": "norm", "window": 3, "sort": None, "n": None,
            "regex": False}
    assert params["corpus"] == f"50 documents, {sample.n_tokens} tokens"
    s1, s2 = conc.sample(5, seed=3), conc.sample(5, seed=3)
    assert len(s1) == 5 and s1.positions.tolist() == s2.positions.tolist()
    assert set(s1.positions) <= set(conc.positions)
    assert s1.to_frame().attrs["params"]["sample"] == {"n": 5, "seed": 3}
    assert len(conc.sample(100)) == len(conc)
    html = conc._repr_html_()
    assert 'dir="rtl"' in html
    assert html.count("<tr>") == len(conc)
    c = Corpus.build(["قال <b>السعودية</b> & غيرها"], progress=False)
    h = kwic(c, "السعودية")._repr_html_()
    assert "&lt;b&gt;" in h and "<b>" not in h and "&amp;" in h


def test_empty_result_and_bad_input(sample):
    conc = kwic(sample, "كلمةغيرموجودة")
    assert isinstance(conc, Concordance) and len(conc) == 0
    df = conc.to_frame()
    assert len(df) == 0 and {"left", "node", "right", "section"} <= set(df.columns)
    assert "0 lines" in conc._repr_html_()
    with pytest.raises(ValueError, match="surface, norm"):
        kwic(sample, "النفط", layer="lemma")
    with pytest.raises(TypeError, match="query"):
        kwic(sample, 42)
    with pytest.raises(TypeError, match="window"):
        kwic(sample, "النفط", window=2.0)
    with pytest.raises(ValueError, match="window"):
        kwic(sample, "النفط", window=(1, 2, 3))
    with pytest.raises(TypeError, match="regex"):
        kwic(sample, "النفط", regex=1)
    with pytest.raises(TypeError):
        kwic(sample, "النفط", span=3)


def test_signature_and_old_calls(sample):
    params = inspect.signature(kwic).parameters.values()
    assert [p.name for p in params if p.kind != p.KEYWORD_ONLY] == ["corpus", "query"]
    with pytest.warns(DeprecationWarning, match="limit="):
        old = kwic(sample, "في", limit=4)
    assert old.positions.tolist() == kwic(sample, "في", n=4).positions.tolist()
    with pytest.warns(DeprecationWarning, match="layer"):
        old = kwic(sample, "في", "norm", 2, "R1", 3)
    new = kwic(sample, "في", layer="norm", window=2, sort="R1", n=3)
    assert lines(old) == lines(new)
    with pytest.raises(TypeError, match="limit"):
        kwic(sample, "في", limit=4, n=4)


def test_position_index_is_built_once_and_cached(sample):
    first = _query.position_index(sample, "norm")
    kwic(sample, "النفط")
    assert _query.position_index(sample, "norm") is first
    assert (np.argsort(sample.ids("norm"), kind="stable") == first.order).all()


def test_sharded_corpus_gives_the_same_lines(tmp_path, sample):
    from arabcorpus import load_dataset

    sharded = Corpus.build(load_dataset("sample"), progress=False,
                           path=tmp_path / "sh", shard_size=7)
    for query, sort in (("في", "R1"), ("البنك المركزي", None), (["النفط"], "L1")):
        a = kwic(sharded, query, sort=sort, window=(2, 3))
        b = kwic(sample, query, sort=sort, window=(2, 3))
        assert lines(a) == lines(b)


# ------------------------------------------------------------ generated corpora
@settings(max_examples=80)
@given(corpora(), st.data())
def test_kwic_of_generated_corpora_equals_a_naive_scan(corpus, data):
    layer = data.draw(st.sampled_from(["norm", "surface"]))
    if not corpus.n_tokens:
        assert len(kwic(corpus, "كلمة", layer=layer)) == 0
        return
    i = data.draw(st.integers(0, corpus.n_tokens - 1))
    d = int(corpus.token_doc()[i])
    toks = corpus.tokens(d, layer)
    i -= int(corpus.doc_offsets[d])
    words = toks[i:i + data.draw(st.integers(1, 2))]  # inside one document
    window = data.draw(st.one_of(st.integers(0, 4),
                                 st.tuples(st.integers(0, 4), st.integers(0, 4))))
    # a tuple of words is a phrase matched as is (each word normalized like the layer)
    conc = check_kwic(corpus, tuple(words), words, layer=layer, window=window)
    assert len(conc) >= 1
    key = data.draw(st.sampled_from(["L1", "R1", "L2", "R2", "node"]))
    check_sort(corpus, tuple(words), key, layer=layer)


@settings(max_examples=40)
@given(corpora(), st.data())
def test_kwic_of_a_list_of_words_is_every_match(corpus, data):
    types = sorted({w for d in range(len(corpus)) for w in corpus.tokens(d)} - {""})
    if not types:
        return
    words = data.draw(st.lists(st.sampled_from(types), min_size=1, max_size=3,
                               unique=True))
    conc = kwic(corpus, words)
    stream = corpus.ids("norm")
    want = [p for p in range(len(stream)) if corpus.vocab("norm")[stream[p]] in words]
    assert conc.positions.tolist() == want


# ------------------------------------------------------- SaudiNewsNet, seed article
def test_saudinewsnet_and_seed(saudinewsnet_articles, seed_text):
    """The same checks on 400 SaudiNewsNet articles and the seed article."""
    docs = [Document(str(i), a.get("content") or "",
                     {"source": a["source"], "title": a.get("title") or ""})
            for i, a in enumerate(saudinewsnet_articles[::60][:400])]
    snn = Corpus.build(docs, progress=False)
    conc = check_kwic(snn, "السعودية", ["السعوديه"])
    assert len(conc) > 20
    check_sort(snn, "السعودية", ["L1", "R1"])
    df = conc.to_frame()
    assert list(df.columns) == ["doc", "id", "source", "title", "left", "node",
                                "right", "position", "start", "end"]
    seed = Corpus.build([seed_text], progress=False)
    phrase = check_kwic(seed, "تنظيم داعش", ["تنظيم", "داعش"])
    assert len(phrase) > 0
    assert all(n.startswith("تنظيم") and n.rstrip('"»').endswith("داعش")
               for n in phrase.node)


# --- HTML bidi isolation (issue 16, item 18) -------------------------------------------

def open_bidi(text: str) -> list[str]:
    """The embeddings/overrides (E) and isolates (I) left open at the end of `text`,
    by UAX #9 rules X5a-X7 (written out here independently of the library)."""
    stack: list[str] = []
    for c in text:
        if c in "\u202a\u202b\u202d\u202e":
            stack.append("E")
        elif c in "\u2066\u2067\u2068":
            stack.append("I")
        elif c == "\u202c" and stack and stack[-1] == "E":
            stack.pop()
        elif c == "\u2069" and "I" in stack:
            while stack.pop() != "I":
                pass
    return stack


def html_cells(page: str) -> list[str]:
    import html as html_mod

    return [html_mod.unescape(m) for m in re.findall(r"<td(?:\s[^>]*)?>(.*?)</td>", page, re.S)]


@pytest.mark.parametrize("control", ["\u202e", "\u202b", "\u2067", "\u2068\u202d"])
def test_html_cells_close_unbalanced_bidi_controls(control):
    docs = [f"قال {control}الوزير إن السعودية رفعت الإنتاج",
            f"السعودية {control}والكويت {control}اتفقتا",
            "رفعت السعودية الانتاج"]
    c = Corpus.build(docs, progress=False)
    conc = kwic(c, "السعودية", window=3)
    page = conc._repr_html_()
    cells = html_cells(page)
    assert len(cells) == 3 * len(conc) == 9
    assert any(control[0] in cell for cell in cells)  # the text is kept, not stripped
    for cell in cells:
        assert cell.startswith("<bdi>") and cell.endswith("</bdi>"), cell
        assert open_bidi(cell) == [], repr(cell)


def test_html_balanced_controls_are_left_as_they_are():
    text = "قال \u202bالوزير\u202c إن السعودية \u2067رفعت\u2069 الإنتاج"
    page = kwic(Corpus.build([text], progress=False), "السعودية")._repr_html_()
    cells = html_cells(page)
    assert "".join(c.removeprefix("<bdi>").removesuffix("</bdi>") for c in cells) \
        .replace(" ", "") == text.replace(" ", "")


def test_report_tables_isolate_cells_and_close_bidi_controls():
    """The HTML report's tables (arabcorpus.app.report) set corpus text the same way."""
    import pandas as pd

    from arabcorpus.app import report

    df = pd.DataFrame({"type\u202e": ["\u202eالنفط", "abc\u2067", "سعر"],
                       "freq": [3, 2, 1]})
    page = report._table(df)
    cells = html_cells(page) + [
        m for m in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", page, re.S)]
    text_cells = [c for c in cells if not c.replace(",", "").isdigit()]
    assert len(text_cells) == 5
    for cell in text_cells:
        assert cell.startswith("<bdi>") and cell.endswith("</bdi>"), cell
        assert open_bidi(cell) == [], repr(cell)


_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f"


@settings(max_examples=300)
@given(st.text(alphabet="اب a" + _CONTROLS, max_size=20))
def test_close_bidi_leaves_nothing_open_and_keeps_the_text(text):
    from arabcorpus.text.bidi import FSI, PDI, close_bidi, isolate, isolate_html

    closed = close_bidi(text)
    assert closed.startswith(text)
    assert set(closed[len(text):]) <= {"\u202c", "\u2069"}
    assert open_bidi(closed) == []
    assert close_bidi(closed) == closed            # nothing more to close
    if not open_bidi(text):
        assert closed == text
    assert isolate(text) == FSI + closed + PDI
    assert open_bidi(isolate(text)) == []
    import html as html_mod

    cell = isolate_html(text)
    assert cell.startswith("<bdi>") and cell.endswith("</bdi>")
    assert html_mod.unescape(cell[5:-6]) == closed


def test_kwic_uses_the_public_bidi_module():
    import ast
    from pathlib import Path

    import arabcorpus.analyses.kwic as K

    tree = ast.parse(Path(K.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and \
                not node.module.startswith("arabcorpus.analyses"):
            assert not any(a.name.startswith("_") for a in node.names), node.module
