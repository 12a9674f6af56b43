"""KWIC: matching on a layer, showing the original text, sorting, HTML."""

from __future__ import annotations

import re

import numpy as np
import pytest

from arabcorpus.analyses import query as _query
from arabcorpus.corpus.memory import Corpus
from arabcorpus.analyses.kwic import KWIC_COLUMNS, Concordance, kwic
from arabcorpus.io.readers import Document


@pytest.fixture(scope="module")
def snn(saudinewsnet_articles):
    docs = [Document(str(i), a.get("content") or "",
                     {"source": a["source"], "title": a.get("title") or ""})
            for i, a in enumerate(saudinewsnet_articles[::60][:400])]
    return Corpus.build(docs, progress=False)


@pytest.fixture(scope="module")
def seed(seed_text):
    return Corpus.build([seed_text], progress=False)


def test_hits_equal_a_scan_and_show_the_original_text(snn):
    conc = kwic(snn, "السعودية")
    t = snn.type_id("norm", "السعوديه")
    want = np.flatnonzero(snn.ids("norm") == t)
    assert len(conc) == len(want) > 20
    assert (conc.positions == want).all()
    df = conc.to_frame()
    for row in df.head(50).itertuples():
        text = snn.text(row.doc)
        assert text[row.start:row.end] == row.node
        assert text[row.start - len(row.left):row.start] == row.left
        assert text[row.end:row.end + len(row.right)] == row.right
        assert snn.normalizer(row.node) == "السعوديه"


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


def test_phrases_lists_and_regexes(snn, seed):
    phrase = kwic(seed, "تنظيم داعش")
    assert len(phrase) > 0
    ids, vocab = seed.ids("norm"), seed.vocab("norm")
    assert all([vocab[ids[p]], vocab[ids[p + 1]]] == ["تنظيم", "داعش"]
               for p in phrase.positions)
    assert all(n.startswith("تنظيم") and n.rstrip('"»').endswith("داعش")
               for n in phrase.node)
    assert len(kwic(seed, ("تنظيم", "داعش"))) == len(phrase)
    alt = kwic(snn, ["السعودية", "المملكة"])
    assert len(alt) == len(kwic(snn, "السعودية")) + len(kwic(snn, "المملكة"))
    assert (np.diff(alt.positions) > 0).all()
    rx = kwic(snn, re.compile("ال.*يه"))
    assert len(rx) == len(kwic(snn, "ال.*يه", regex=True)) > len(alt)
    types = {snn.vocab("norm")[i] for i in snn.ids("norm")[rx.positions]}
    assert all(re.fullmatch("ال.*يه", t) for t in types)
    mixed = kwic(snn, ("المملكة", re.compile("العربيه|السعوديه")))
    assert len(mixed) > 0
    with pytest.raises(ValueError, match="regular expression"):
        kwic(snn, "(", regex=True)


def test_sorting_by_positions(snn):
    conc = kwic(snn, "السعودية", sort="R1")
    ids, vocab = snn.ids("norm"), snn.vocab("norm")
    nxt = [vocab[ids[p + 1]] if snn.token_doc()[p + 1:p + 2].tolist() ==
           [snn.token_doc()[p]] else "" for p in conc.positions]
    assert nxt == sorted(nxt)
    both = kwic(snn, "السعودية", sort=["L1", "R1"])
    prev = [vocab[ids[p - 1]] for p in both.positions]
    assert prev == sorted(prev)
    assert sorted(both.positions.tolist()) == sorted(conc.positions.tolist())
    assert len(kwic(snn, "السعودية", sort="R2", limit=5)) == 5
    with pytest.raises(ValueError, match="L1"):
        kwic(snn, "السعودية", sort="right")


def test_frame_sample_and_html(snn):
    conc = kwic(snn, "السعودية", window=3)
    df = conc.to_frame()
    assert list(df.columns) == ["doc", "id", "source", "title", "left", "node",
                                "right", "position", "start", "end"]
    assert set(KWIC_COLUMNS) <= set(df.columns)
    assert (df["source"] == snn.metadata["source"].iloc[df["doc"]].to_numpy()).all()
    assert df.attrs["params"]["query"] == "السعودية"
    s1, s2 = conc.sample(5, seed=3), conc.sample(5, seed=3)
    assert len(s1) == 5 and s1.positions.tolist() == s2.positions.tolist()
    assert set(s1.positions) <= set(conc.positions)
    html = conc._repr_html_()
    assert 'dir="rtl"' in html
    assert html.count("<tr>") == len(conc)
    c = Corpus.build(["قال <b>السعودية</b> & غيرها"], progress=False)
    h = kwic(c, "السعودية")._repr_html_()
    assert "&lt;b&gt;" in h and "<b>" not in h and "&amp;" in h


def test_empty_result_and_bad_input(snn):
    conc = kwic(snn, "كلمةغيرموجودة")
    assert isinstance(conc, Concordance) and len(conc) == 0
    df = conc.to_frame()
    assert len(df) == 0 and {"left", "node", "right", "source"} <= set(df.columns)
    assert "0 lines" in conc._repr_html_()
    with pytest.raises(ValueError, match="surface, norm"):
        kwic(snn, "السعودية", layer="lemma")
    with pytest.raises(TypeError, match="query"):
        kwic(snn, 42)


def test_position_index_is_built_once_and_cached(snn):
    first = _query.position_index(snn, "norm")
    kwic(snn, "النفط")
    assert _query.position_index(snn, "norm") is first
    order = first.order
    assert (np.argsort(snn.ids("norm"), kind="stable") == order).all()


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
