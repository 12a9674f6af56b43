"""Tests of arabcorpus.plot: every figure drawn with Agg on the bundled sample (and,
once, on a SaudiNewsNet subcorpus), checked for what it drew, and its Arabic labels
checked in pixels against the correct rendering for the running matplotlib.

The figures read the tables of this version (item column ``type`` then ``form``;
``log_likelihood``; ``type_1``, ``type_2``) and of the previous one (``collocate``,
``term``, ``w1``/``w2``, ``ll``, ``word``): the tests convert a real result to both
and compare the drawings, so they hold whichever the analyses return.

Which rendering is correct is written here from the matplotlib release notes, not
taken from the module's own probe: 3.11 and newer shape Arabic themselves
(matplotlib PR #30000), so the correct input is the logical string and the
``arabic_reshaper`` + ``python-bidi`` recipe is wrong (it reverses the text,
matplotlib issue #32262); before 3.11 it is the other way round. Run this file under
both (CI: a step with ``matplotlib<3.11``).

Pixel comparison: a label is cropped to its ink and compared with a reference
rendering of the word alone, in the same font, size and dpi (300, so that a word
spans about 40 x 150 pixels). Both images get a 3 x 3 box blur, are aligned on their
ink boxes (best of 3 x 3 one-pixel shifts) and compared by the sum of absolute grey
differences divided by the mean ink area (0 = identical, about 1 = two
non-overlapping words). Measured on DejaVu Sans: a label cut out of a drawn figure
differs from the reference by at most 0.10 on 3.11 (the glyph origin falls on
another sub-pixel) and by 0.00 on 3.10; the reversed or unshaped word differs by
0.62 to 1.00. So we require < 0.2 from the correct rendering and > 0.4 from the
wrong one.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pytest.importorskip("networkx")
pytest.importorskip("wordcloud")
arabic_reshaper = pytest.importorskip("arabic_reshaper")
pytest.importorskip("bidi")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from arabcorpus import plot  # noqa: E402
from arabcorpus.plot import clouds, shaping  # noqa: E402
from arabcorpus.plot.fonts import _font_path  # noqa: E402
from arabcorpus.analyses.collocations import collocations  # noqa: E402
from arabcorpus.analyses.collocations import collocates as _collocates  # noqa: E402
from arabcorpus.corpus.memory import Corpus  # noqa: E402
from arabcorpus.io.datasets import load_dataset  # noqa: E402
from arabcorpus.analyses.dispersion import dispersion_positions  # noqa: E402
from arabcorpus.analyses.frequency import frequency  # noqa: E402
from arabcorpus.analyses.keyness import keyness as _keyness  # noqa: E402
from arabcorpus.text.normalize import normalize  # noqa: E402

MPL = tuple(int(x) for x in re.findall(r"\d+", matplotlib.__version__)[:2])
NATIVE = MPL >= (3, 11)  # documented behaviour of this matplotlib release
DPI = 300
TOL_CORRECT = 0.2
MIN_WRONG = 0.4
ARABIC = re.compile("[\u0600-\u06FF]")


# --------------------------------------------------------------------------- references
def _visual(s: str) -> str:
    """The pre-3.11 recipe, written out independently of the module."""
    from bidi import get_display
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=plot.arabic_font()))
    config = dict(arabic_reshaper.config_for_true_type_font(path))
    config["delete_harakat"] = False
    return get_display(arabic_reshaper.ArabicReshaper(configuration=config).reshape(s))


def correct(s: str) -> str:
    return s if NATIVE else _visual(s)


def wrong(s: str) -> str:
    return _visual(s) if NATIVE else s


def _ink(rgba: np.ndarray) -> np.ndarray:
    grey = (255.0 - rgba[..., :3].astype(float).mean(axis=2)) / 255.0
    ys, xs = np.nonzero(grey > 0.16)
    assert len(xs), "nothing was drawn"
    return grey[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def render_alone(text: str, fontprops, dpi: int = DPI) -> np.ndarray:
    fig = Figure(figsize=(8, 1.5), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.02, 0.3, text, fontproperties=fontprops)
    canvas.draw()
    return _ink(np.asarray(canvas.buffer_rgba()))


def _blur(a: np.ndarray) -> np.ndarray:
    p = np.pad(a, 1)
    return sum(p[i:i + a.shape[0], j:j + a.shape[1]] for i in range(3) for j in range(3)) / 9


def difference(a: np.ndarray, b: np.ndarray) -> float:
    a, b = _blur(a), _blur(b)
    h, w = max(a.shape[0], b.shape[0]) + 2, max(a.shape[1], b.shape[1]) + 2
    best = np.inf
    for dy, dx in itertools.product(range(3), range(3)):
        A = np.zeros((h, w))
        B = np.zeros((h, w))
        A[1:1 + a.shape[0], 1:1 + a.shape[1]] = a
        B[dy:dy + b.shape[0], dx:dx + b.shape[1]] = b
        area = ((A > 0.1).sum() + (B > 0.1).sum()) / 2
        best = min(best, np.abs(A - B).sum() / max(area, 1.0))
    return float(best)


def drawn_ink(text_artist) -> np.ndarray:
    """The ink of a Text as drawn in its (300 dpi) figure."""
    fig = text_artist.figure
    buf = np.asarray(fig.canvas.buffer_rgba())
    bb = text_artist.get_window_extent()
    top = int(buf.shape[0] - bb.y1) - 1
    bottom = int(np.ceil(buf.shape[0] - bb.y0)) + 1
    return _ink(buf[max(top, 0):bottom, max(int(bb.x0) - 1, 0):int(np.ceil(bb.x1)) + 1])


def assert_reads(text_artist, word: str, in_figure: bool = True) -> None:
    """The Text shows ``word`` rendered the correct way, and not the wrong way."""
    assert text_artist.get_text() == plot.arabic_text(word)
    fp = text_artist.get_fontproperties()
    right = render_alone(correct(word), fp)
    bad = render_alone(wrong(word), fp)
    images = [render_alone(text_artist.get_text(), fp)]
    if in_figure:
        images.append(drawn_ink(text_artist))
    for got in images:
        d_right, d_bad = difference(got, right), difference(got, bad)
        assert d_right < TOL_CORRECT, (word, d_right, d_bad)
        assert d_bad > MIN_WRONG, (word, d_right, d_bad)


def check_labels(ax, words, n_pixel: int = 3) -> None:
    """Tick labels hold ``words`` (shaped as needed); the first Arabic ones are checked
    in pixels as drawn in the figure."""
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == [plot.arabic_text(w) for w in words]
    fig = ax.figure
    fig.set_dpi(DPI)
    fig.canvas.draw()
    arabic = [(t, w) for t, w in zip(labels, words) if ARABIC.search(w) and len(w) >= 3]
    assert arabic, "no Arabic label to check"
    for t, w in arabic[:n_pixel]:
        assert_reads(t, w)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- either version
LL = "log_likelihood"


def collocates(corpus, query, window=3, **kwargs):
    """The analysis's collocates(), the window third (3 tokens on each side)."""
    return _collocates(corpus, query, window=window, **kwargs)


def keyness(target, reference, **kwargs):
    return _keyness(target, reference, **kwargs)


def column(df, new, *old):
    """Column ``new`` of a result, or the first of its ``old`` names present."""
    for c in (new, *old):
        if c in df.columns:
            return df[c]
    raise KeyError(f"none of {(new, *old)} in {list(df.columns)}")


def pair_types(pairs):
    """The pair ``type_1 type_2`` of each row of a collocations table."""
    return pairs["type_1"].astype(str) + " " + pairs["type_2"].astype(str)


def as_new(df, kind):
    """A result with the columns and params of this version, whichever it came with."""
    df = df.copy()
    p = dict(df.attrs.get("params", {}))
    if kind == "collocates":
        df = df.rename(columns={"collocate": "type"})
        if "node" in p:
            p["query"] = p.pop("node")
        if "span" in p:
            p["window"] = p.pop("span")
    elif kind == "collocations":
        df = df.rename(columns={"w1": "type_1", "w2": "type_2"})
        first = ["form", "type_1", "type_2"]
        df = df[first + [c for c in df.columns if c not in first]]
    elif kind == "keyness":
        df = df.rename(columns={"ll": "log_likelihood"})
        p["measures"] = tuple("log_likelihood" if m == "ll" else m
                              for m in p.get("measures", ()))
    elif kind == "positions":
        df = df.rename(columns={"term": "type"})
    elif kind == "frequency":
        if "doc_frequency" in df.columns:
            df = df.rename(columns={"range": "range_pct", "doc_frequency": "range"})
    elif kind == "topics":
        if "form" not in df.columns:
            df["form"] = df["word"]
        df = df.drop(columns=[c for c in ("word",) if c in df.columns])
    df.attrs["params"] = p
    return df


def as_old(df, kind):
    """A result with the columns and params of the previous version."""
    df = df.copy()
    p = dict(df.attrs.get("params", {}))
    if kind == "collocates":
        df = df.rename(columns={"type": "collocate"})
        if "query" in p:
            p["node"] = p.pop("query")
        if "window" in p:
            w = p.pop("window")
            p["span"] = tuple(w) if isinstance(w, (tuple, list)) else (w, w)
    elif kind == "collocations":
        df = df.drop(columns=[c for c in ("type",) if c in df.columns])
        df = df.rename(columns={"type_1": "w1", "type_2": "w2"})
    elif kind == "keyness":
        df = df.rename(columns={"log_likelihood": "ll"})
        p["measures"] = tuple("ll" if m == "log_likelihood" else m
                              for m in p.get("measures", ()))
    elif kind == "positions":
        df = df.rename(columns={"type": "term"})
    elif kind == "frequency":
        if "range_pct" in df.columns:
            df = df.rename(columns={"range": "doc_frequency", "range_pct": "range"})
    elif kind == "topics":
        if "word" not in df.columns:
            df.insert(2, "word", df["form"])
        df = df.drop(columns=["form"])
    df.attrs["params"] = p
    return df


# --------------------------------------------------------------------------- corpora
@pytest.fixture(scope="module")
def sample():
    return Corpus.build(load_dataset("sample", progress=False), progress=False)


@pytest.fixture(scope="module")
def news(saudinewsnet_dir, tmp_path_factory):
    """Every 10th of the first 800 articles of each of the first three days of
    SaudiNewsNet (240 articles from several newspapers)."""
    from arabcorpus.io.readers import read_saudinewsnet

    docs = []
    root = tmp_path_factory.mktemp("snn")
    for zpath in sorted(saudinewsnet_dir.glob("*.zip"))[:3]:
        day = root / zpath.stem
        day.mkdir()
        (day / zpath.name).symlink_to(zpath)
        docs.extend(itertools.islice(read_saudinewsnet(day), 0, 800, 10))
    return Corpus.build(docs, progress=False)


@pytest.fixture(scope="module")
def model(sample):
    from arabcorpus.analyses.topics import TopicModel

    return TopicModel(k=4, min_df=3, passes=1, seed=1, progress=False).fit(sample)


@pytest.fixture(scope="module")
def culture(sample):
    """Keyness of the culture section against the other four (sample)."""
    return keyness(sample.subcorpus(section="culture"),
                   sample.subcorpus(query="section != 'culture'"),
                   measures=["log_likelihood", "log_ratio"], min_freq=2)


# --------------------------------------------------------------------------- text helper
def test_layout_is_detected_by_rendering():
    shaping._detected_layout.cache_clear()
    layout, how = shaping._detected_layout()
    assert layout == ("native" if NATIVE else "reshape")
    assert how.startswith("probe")
    assert plot.arabic_layout() == layout
    joined, rtl = shaping._probe()
    assert joined is NATIVE and rtl is NATIVE


@pytest.mark.parametrize("word", ["السعودية", "المملكة", "النفط", "الله", "عبدالعزيز",
                                  "وَالمُسلِمِينَ", "كوفيد-19"])
def test_arabic_text_renders_correctly(word):
    from matplotlib.font_manager import FontProperties

    fp = FontProperties(family=plot.arabic_font(), size=12)
    got = render_alone(plot.arabic_text(word), fp)
    assert difference(got, render_alone(correct(word), fp)) < TOL_CORRECT
    assert difference(got, render_alone(wrong(word), fp)) > MIN_WRONG


def test_arabic_text_leaves_other_text_alone():
    assert plot.arabic_text("Zipf's law, 2015") == "Zipf's law, 2015"
    assert plot.arabic_text("") == ""
    with pytest.raises(TypeError, match="int"):
        plot.arabic_text(3)


def test_arabic_characters_are_recognized_in_one_place():
    """The plots tell Arabic by arabcorpus.text.chars, not by a copy of its blocks."""
    import inspect

    from arabcorpus.text import chars

    assert shaping.has_arabic is chars.has_arabic
    assert shaping.has_presentation_forms is chars.has_presentation_forms
    source = inspect.getsource(shaping)
    assert "0x0600" not in source and "\\u0600" not in source
    assert plot.arabic_text("oil, 2015") == "oil, 2015"
    with pytest.warns(UserWarning, match="presentation forms"):
        plot.arabic_text("\uFEDF")


def test_arabic_text_multiline_and_forced_layouts():
    two = "النفط\nالذهب"
    try:
        plot.set_arabic_layout("reshape")
        assert plot.arabic_text(two) == _visual("النفط") + "\n" + _visual("الذهب")
        plot.set_arabic_layout("native")
        assert plot.arabic_text(two) == two
    finally:
        plot.set_arabic_layout("auto")
    with pytest.raises(ValueError, match="auto, native, reshape"):
        plot.set_arabic_layout("rtl")
    with pytest.raises(TypeError, match="layout must be a str"):
        plot.set_arabic_layout(None)


def test_presentation_forms_warn():
    with pytest.warns(UserWarning, match="reshaped already"):
        plot.arabic_text("\uFEDF\uFE8E")


def test_fonts():
    assert plot.arabic_font() in plot.PREFERRED_FONTS
    with pytest.raises(ValueError, match="not known"):
        plot.set_arabic_font("No Such Font Sans")
    with pytest.raises(TypeError, match="font must be a str"):
        plot.set_arabic_font(12)
    plot.set_arabic_font("DejaVu Sans")
    try:
        assert plot.arabic_font() == "DejaVu Sans"
    finally:
        plot.set_arabic_font(None)


def test_import_does_not_load_matplotlib():
    code = "import sys, arabcorpus.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_plot_imports_only_text_and_util():
    """The figures read results; they import no analysis (nor io, corpus, app)."""
    from pathlib import Path

    folder = Path(plot.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.startswith("arabcorpus"):
                    part = name.split(".")[1] if "." in name else ""
                    assert part in ("plot", "text", "util"), (path.name, name)


def test_public_names_are_the_functions_not_submodules():
    import types

    for name in plot.__all__:
        assert not isinstance(getattr(plot, name), types.ModuleType), name
    for name in ("frequencies", "zipf", "dispersion", "collocates", "network", "keyness",
                 "topics", "coherence", "topics_over_time", "wordcloud", "make_wordcloud"):
        func = getattr(plot, name)
        assert callable(func) and func.__name__ == name
        params = list(inspect.signature(func).parameters.values())
        assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD)
                   for p in params[1:]), name


def test_rcparams_untouched(sample):
    before = dict(matplotlib.rcParams)
    plot.frequencies(frequency(sample), n=5)
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


# --------------------------------------------------------------------------- figures
def test_frequencies(sample):
    freq = frequency(sample)
    ax = plot.frequencies(freq, n=12, color="tab:green", title="أكثر الكلمات تكرارا")
    check_labels(ax, list(freq["form"][:12]))
    widths = [p.get_width() for p in ax.patches]
    assert widths == list(freq["frequency"][:12])
    assert ax.get_title() == plot.arabic_text("أكثر الكلمات تكرارا")
    assert_reads(ax.title, "أكثر الكلمات تكرارا")
    assert matplotlib.colors.same_color(ax.patches[0].get_facecolor(), "tab:green")


def test_frequencies_by_group(sample):
    freq = frequency(sample, by="section")
    ax = plot.frequencies(freq, n=8, by="economy", column="per_million")
    block = freq["economy"].sort_values("per_million", ascending=False, kind="stable")
    check_labels(ax, list(freq["form"].loc[block.index[:8]]), n_pixel=1)
    assert ax.get_title() == "Most frequent words (economy)"
    ax = plot.frequencies(freq, n=8, by="economy", column="per_million", label="type")
    check_labels(ax, list(block.index[:8]), n_pixel=1)
    with pytest.raises(ValueError, match="valid: all"):
        plot.frequencies(freq, by="nosuchsection")
    with pytest.raises(ValueError, match="per_million"):
        plot.frequencies(frequency(sample), column="nosuchcolumn")
    with pytest.raises(ValueError, match="by= needs"):
        plot.frequencies(frequency(sample), by="economy")


def test_zipf_fit(sample):
    freq = frequency(sample)
    ax = plot.zipf(freq, min_freq=3, annotate=3)
    fit = next(line for line in ax.get_lines() if line.get_gid() == "fit")
    x, y = (np.log10(np.asarray(v, dtype=float)) for v in fit.get_data())
    slope = (y[1] - y[0]) / (x[1] - x[0])
    f = np.sort(freq["frequency"].to_numpy(dtype=float))[::-1]
    f = f[f >= 3]
    expected = np.polyfit(np.log10(np.arange(1, len(f) + 1)), np.log10(f), 1)[0]
    assert slope == pytest.approx(expected, rel=1e-9)
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["form"][:3]]
    ax = plot.zipf(freq, min_freq=3, annotate=3, label="type", fontsize=7)
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["type"][:3]]
    assert ax.texts[0].get_fontsize() == 7
    ax = plot.zipf(frequency(sample, by="section"), min_freq=3, annotate=3)
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["form"][:3]]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="annotate must be >= 0"):
        plot.zipf(freq, annotate=-1)


def test_dispersion(sample):
    terms = ["النفط", "اسعار", "في"]
    pos = dispersion_positions(sample, terms)
    ax = plot.dispersion(pos, query=terms)
    types = column(pos, "type", "term")
    written = dict(zip(types, pos["form"]))
    check_labels(ax, [written[t] for t in terms], n_pixel=2)
    segments = ax.collections[0].get_segments()
    assert len(segments) == len(pos)
    xs = np.sort([s[0][0] for s in segments])
    assert np.allclose(xs, np.sort(pos["relative_position"] * 100))
    rows = {round(float(s[:, 1].mean())) for s in segments}
    counts = types.value_counts()
    assert rows == {i for i, t in enumerate(terms) if counts.get(t, 0)}


def test_dispersion_missing_word_warns_and_keeps_its_row(sample):
    terms = ["النفط", "كلمةغائبة"]
    pos = dispersion_positions(sample, terms)
    with pytest.warns(UserWarning, match="كلمةغائبة"):
        ax = plot.dispersion(pos, query=terms)
    assert [t.get_text() for t in ax.get_yticklabels()] == [plot.arabic_text(t) for t in terms]
    # the rows of the query recorded in the result's params, when it names them
    pos.attrs["params"] = {**pos.attrs.get("params", {}), "query": terms}
    with pytest.warns(UserWarning, match="كلمةغائبة"):
        ax = plot.dispersion(pos)
    assert [t.get_text() for t in ax.get_yticklabels()] == [plot.arabic_text(t) for t in terms]


def test_collocates(sample):
    coll = collocates(sample, "النفط", 3, min_freq=2)
    ax = plot.collocates(coll, measure="log_dice", n=10)
    top = coll.sort_values("log_dice", ascending=False, kind="stable").head(10)
    check_labels(ax, list(top["form"]))
    assert np.allclose([p.get_width() for p in ax.patches], top["log_dice"])
    assert plot.arabic_text("النفط") in ax.get_title()
    assert "3L 3R" in ax.get_title()
    with pytest.raises(ValueError, match="log_likelihood"):
        plot.collocates(coll, measure="dice_of_doom")
    with pytest.raises(ValueError, match="unknown association measure 'frequency'"):
        plot.collocates(coll, measure="frequency")  # a count, not a measure


def test_collocations_pairs(sample):
    pairs = collocations(sample, min_freq=3, measures=["log_dice"])
    ax = plot.collocates(pairs, n=6)
    check_labels(ax, list(pairs["form"][:6]), n_pixel=2)
    assert ax.get_title() == "Collocations"
    ax = plot.collocates(pairs, n=6, label="type")
    check_labels(ax, list(pair_types(pairs)[:6]), n_pixel=2)


def test_network(sample):
    nodes = ["النفط", "اسعار"]
    results = {w: collocates(sample, w, 3, min_freq=2, measures=["log_dice"]) for w in nodes}
    ax = plot.network(results, n=6, seed=3, fontsize=9)
    texts = [t.get_text() for t in ax.texts]
    for w in nodes:
        assert plot.arabic_text(w) in texts
    node_keys = {normalize(x, profile="search") for x in nodes}
    for w, df in results.items():
        top = df.sort_values("log_dice", ascending=False, kind="stable")[:6]
        for c, f in zip(column(top, "type", "collocate"), top["form"]):
            if c not in node_keys:  # a node that is a collocate is drawn as typed
                assert plot.arabic_text(f) in texts  # a collocate as written
    assert {t.get_fontsize() for t in ax.texts} == {9, 9 * 1.3}
    nodes_drawn = [c for c in ax.collections if c.get_offsets().shape[0] == len(nodes)]
    assert matplotlib.colors.same_color(nodes_drawn[0].get_facecolor()[0], "#c0392b")
    one = plot.network(results, n=6, seed=3, color="tab:green")
    faces = [c.get_facecolor()[0] for c in one.collections[1:]]
    assert all(matplotlib.colors.same_color(f, "tab:green") for f in faces)
    with pytest.raises(ValueError, match="nodes, collocates, edges"):
        plot.network(results, color=("red", "green", "blue", "black"))
    first = next(t for t in ax.texts if t.get_text() == plot.arabic_text(nodes[0]))
    ax.figure.set_dpi(DPI)
    ax.figure.canvas.draw()
    assert_reads(first, nodes[0], in_figure=False)
    # the same seed gives the same drawing
    ax2 = plot.network(results, n=6, seed=3)
    assert [t.get_position() for t in ax.texts] == [t.get_position() for t in ax2.texts]


def test_network_merges_a_node_that_is_a_collocate(sample):
    results = {w: collocates(sample, w, 3, min_freq=2, measures=["log_dice"])
               for w in ("وزارة", "الصحة")}
    assert "الصحه" in set(column(results["وزارة"], "type", "collocate"))
    ax = plot.network(results, n=15, label="type")
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(set(labels))
    assert plot.arabic_text("الصحة") in labels
    assert plot.arabic_text("الصحه") not in labels  # drawn once, as typed


def test_network_needs_its_query(sample):
    coll = collocates(sample, "النفط", 3, min_freq=2)
    coll.attrs["params"] = {}
    with pytest.raises(ValueError, match="give query="):
        plot.network(coll)
    ax = plot.network(coll, query="النفط", n=3)
    assert plot.arabic_text("النفط") in [t.get_text() for t in ax.texts]


def test_keyness(culture):
    key = culture
    ll = column(key, "log_likelihood", "ll")
    ax = plot.keyness(key, n=5)
    over = key[key["use"] == "over"].assign(m=ll).sort_values("m", ascending=False,
                                                               kind="stable")[:5]
    under = key[key["use"] == "under"].assign(m=ll).sort_values("m", kind="stable")[:5][::-1]
    check_labels(ax, list(over["form"]) + list(under["form"]))
    widths = np.array([p.get_width() for p in ax.patches[:len(over) + len(under)]])
    assert (widths[:len(over)] > 0).all() and (widths[len(over):] < 0).all()
    assert np.allclose(widths, np.r_[over["m"], under["m"]])
    assert ax.get_title() == "Key words (log likelihood)" or LL == "ll"
    with pytest.raises(ValueError, match="log_ratio"):
        plot.keyness(key, measure="p_value")
    ax = plot.keyness(key, n=5, color=("tab:orange", "tab:gray"))
    assert matplotlib.colors.same_color(ax.patches[0].get_facecolor(), "tab:orange")
    assert matplotlib.colors.same_color(ax.patches[len(over)].get_facecolor(), "tab:gray")


def test_keyness_infinite_values_are_marked():
    from arabcorpus.io.readers import Document

    docs = [Document("1", "الهلال فاز الهلال فاز اليوم", {"source": "a"}),
            Document("2", "النفط ارتفع اليوم النفط", {"source": "b"})]
    c = Corpus.build(docs, progress=False)
    key = keyness(c.subcorpus(source="a"), c.subcorpus(source="b"), measures=["perc_diff"],
                  min_freq=1)
    ax = plot.keyness(key)
    assert "∞" in [t.get_text() for t in ax.texts]
    assert np.isfinite([p.get_width() for p in ax.patches]).all()


def test_topics(model):
    axes = plot.topics(model, n=6, ncols=2, title="موضوعات")
    assert len(axes) == model.k
    table = model.topics(n=6)
    forms = column(table, "form", "word")
    for t, ax in enumerate(axes):
        words = list(forms[table["topic"] == t])
        assert [x.get_text() for x in ax.get_yticklabels()] == [plot.arabic_text(w)
                                                                 for w in words]
    check_labels(axes[0], list(forms[table["topic"] == 0]), n_pixel=2)
    assert axes[0].figure.get_suptitle() == plot.arabic_text("موضوعات")
    two = plot.topics(table, which=[1, 3])
    assert [a.get_title() for a in two] == ["topic 1", "topic 3"]
    with pytest.raises(ValueError, match="unknown topics"):
        plot.topics(table, which=[9])
    fig, grid = plt.subplots(2, 2)
    drawn = plot.topics(table, ax=grid)
    assert list(drawn) == list(grid.ravel())
    with pytest.raises(ValueError, match="4 topics need 4 axes"):
        plot.topics(table, ax=grid[0])


def test_coherence_curve(sample):
    from arabcorpus.analyses.topics import choose_k

    table = choose_k(sample, ks=[2, 3], seeds=[1, 2], passes=1, min_df=2)
    ax = plot.coherence(table)
    mean_line = next(line for line in ax.get_lines() if len(line.get_xdata()) == 2)
    assert np.allclose(mean_line.get_ydata(), table["coherence_mean"])
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(table["coherence_min"].min())
    assert band.max() == pytest.approx(table["coherence_max"].max())
    best = int(table.loc[table["coherence_mean"].idxmax(), "k"])
    assert any(f"best k = {best}" == t.get_text() for t in ax.get_legend().get_texts())


def test_coherence_per_topic(model):
    coh = model.coherence()
    ax = plot.coherence(coh, fontsize=8)
    words = [f"{t}: " + " ".join(w.split()[:3]) for t, w in zip(coh["topic"], coh["words"])]
    assert all(len(w.split()) == 4 for w in words)  # "t:" and three words
    check_labels(ax, words, n_pixel=1)
    assert ax.get_yticklabels()[0].get_fontsize() == 8


def test_topics_over_time(model):
    table = model.over_time(freq="D")
    ax = plot.topics_over_time(table, words=model, n=2)
    lines = ax.get_lines()
    assert len(lines) == model.k
    for t, line in enumerate(lines):
        expected = table[table["topic"] == t].sort_values("period")["prevalence"]
        assert np.allclose(line.get_ydata(), expected)
    words = model.topics(n=2)
    forms = column(words, "form", "word")
    label0 = "0: " + "، ".join(forms[words["topic"] == 0])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == plot.arabic_text(label0)
    ax.figure.set_dpi(DPI)
    ax.figure.canvas.draw()
    assert_reads(ax.get_legend().get_texts()[0], label0)
    ax = plot.topics_over_time(table, words=model, n=2, label="type")
    label0 = "0: " + "، ".join(words["type"][words["topic"] == 0])
    assert ax.get_legend().get_texts()[0].get_text() == plot.arabic_text(label0)
    split = model.over_time(freq="W", by="section")
    with pytest.raises(ValueError, match="give by="):
        plot.topics_over_time(split)
    with pytest.raises(ValueError, match="unknown group"):
        plot.topics_over_time(split, by="nosuchsection")
    assert "economy" in plot.topics_over_time(split, by="economy").get_title()
    with pytest.raises(ValueError, match="line, area"):
        plot.topics_over_time(table, kind="bars")
    ax = plot.topics_over_time(table, kind="area")
    assert len(ax.collections) == model.k


def test_wordcloud(sample):
    from PIL import features

    from arabcorpus.text.stem import stopwords

    stop = stopwords(profile="search")
    freq = frequency(sample)
    ax = plot.wordcloud(freq, n=30, stopwords=stop, width=400, height=200)
    assert ax.images and ax.images[0].get_array().shape[:2] == (200, 400)
    weights = clouds._weights(freq, None, None, 30, frozenset(stop))
    assert len(weights) == 30 and not set(weights) & stop
    top = freq[~freq["type"].isin(stop)]["type"][:30]
    assert list(weights) == list(top)
    wc = plot.make_wordcloud(weights, n=30, width=400, height=200)
    drawn = {item[0][0] for item in wc.layout_}
    expected = {w if features.check("raqm") else _visual(w) for w in weights}
    assert drawn <= expected and len(drawn) >= 10
    with pytest.raises(TypeError, match="stopwords"):
        plot.wordcloud(freq, stopwords="في")


def test_wordcloud_of_keyness_collocates_topic_and_dict(sample, culture, model):
    w = clouds._weights(culture, None, None, 10)
    over = culture[culture["use"] == "over"].assign(m=column(culture, "log_likelihood", "ll"))
    over = over.sort_values("m", ascending=False, kind="stable")
    assert list(w) == list(over["type"][:10])
    coll = collocates(sample, "النفط", 3, min_freq=2, measures=["log_dice"])
    w = clouds._weights(coll, None, None, 5)
    top = coll.sort_values("log_dice", ascending=False, kind="stable")
    assert list(w) == list(column(top, "type", "collocate")[:5])
    with pytest.raises(ValueError, match="topic="):
        plot.wordcloud(model.topics(n=5))
    with pytest.raises(ValueError, match="unknown topic"):
        plot.wordcloud(model.topics(n=5), topic=9)
    ax = plot.wordcloud(model.topics(n=5), topic=1, width=300, height=150)
    assert ax.images[0].get_array().shape[:2] == (150, 300)
    assert clouds._weights({"a": 2, "b": -1, "c": float("nan")}, None, None, 5) == {"a": 2}
    with pytest.raises(TypeError, match="DataFrame, Series or dict"):
        plot.wordcloud([("a", 1)])


# --------------------------------------------------------------------------- labels
def _ticks(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def _shaped(words):
    return [plot.arabic_text(w) for w in words]


def test_labels_are_forms_by_default_and_types_on_request(sample, culture):
    freq = frequency(sample)
    assert freq["form"].iloc[1] == "أن" and freq["type"].iloc[1] == "ان"
    assert _ticks(plot.frequencies(freq, n=10)) == _shaped(freq["form"][:10])
    assert _ticks(plot.frequencies(freq, n=10, label="type")) == _shaped(freq["type"][:10])
    # a table without a form column (an older version's, or made by hand): its types
    old = freq.drop(columns="form")
    assert _ticks(plot.frequencies(old, n=10)) == _shaped(freq["type"][:10])
    coll = collocates(sample, "وزارة", 1, min_freq=2, measures=["log_dice"])
    coll_types = column(coll, "type", "collocate")
    assert "الصحة" in list(coll["form"]) and "الصحه" in list(coll_types)
    assert _ticks(plot.collocates(coll)) == _shaped(coll["form"])
    assert _ticks(plot.collocates(coll, label="type")) == _shaped(coll_types)
    texts = [t.get_text() for t in plot.network(coll, n=5).texts]
    assert plot.arabic_text("الصحة") in texts and plot.arabic_text("الصحه") not in texts
    texts = [t.get_text() for t in plot.network(coll, n=5, label="type").texts]
    assert plot.arabic_text("الصحه") in texts
    pairs = collocations(sample, min_freq=5, measures=["log_dice"])
    texts = [t.get_text() for t in plot.network(pairs, n=5).texts]
    shown = {w for f in pairs.sort_values("log_dice", ascending=False)["form"][:5]
             for w in f.split()}
    assert sorted(texts) == sorted(_shaped(shown))
    pos = dispersion_positions(sample, ["الصحه", "اسعار"])
    assert _ticks(plot.dispersion(pos)) == _shaped(["الصحة", "أسعار"])
    assert _ticks(plot.dispersion(pos, label="type")) == _shaped(["الصحه", "اسعار"])
    assert _ticks(plot.dispersion(pos.drop(columns="form"))) == _shaped(["الصحه", "اسعار"])
    ax = plot.keyness(culture, n=3)
    over = culture[culture["use"] == "over"].assign(
        m=column(culture, "log_likelihood", "ll")).sort_values("m", ascending=False,
                                                               kind="stable")[:3]
    assert "الرواية" in list(over["form"]) and "الروايه" in list(over["type"])
    assert _ticks(ax)[:3] == _shaped(over["form"])
    assert _ticks(plot.keyness(culture, n=3, label="type"))[:3] == _shaped(over["type"])
    with pytest.raises(ValueError, match="form, type"):
        plot.frequencies(freq, label="word")


def test_topics_label_form_and_type():
    import pandas as pd

    table = pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "type": ["الصحه", "اسعار"],
                          "form": ["الصحة", "أسعار"], "weight": [0.05, 0.03]})
    assert _ticks(plot.topics(table)[0]) == _shaped(["الصحة", "أسعار"])
    assert _ticks(plot.topics(table, label="type")[0]) == _shaped(["الصحه", "اسعار"])
    with pytest.raises(ValueError, match="form, type"):
        plot.topics(table, label="lemma")
    # a table of an earlier version: word (the written form), type
    old = as_old(table, "topics")
    assert "word" in old.columns and "form" not in old.columns
    assert _ticks(plot.topics(old)[0]) == _shaped(["الصحة", "أسعار"])
    assert _ticks(plot.topics(old, label="type")[0]) == _shaped(["الصحه", "اسعار"])
    with pytest.raises(ValueError, match="type or form"):
        plot.topics(table.drop(columns=["type", "form"]))


def test_wordcloud_words_are_forms_summed_per_form(sample):
    import pandas as pd

    freq = frequency(sample)
    weights = clouds._weights(freq, None, None, 20, label="form")
    assert list(weights) == list(freq["form"][:20])
    # two rows showing one form make one word, their weights added
    table = pd.DataFrame({"type": ["الصحه", "الصحة", "وزاره"],
                          "form": ["الصحة", "الصحة", "وزارة"], "frequency": [5, 2, 4]})
    assert clouds._weights(table, None, None, 10, label="form") == {"الصحة": 7.0, "وزارة": 4.0}
    assert clouds._weights(table, None, None, 10, label="type") == {
        "الصحه": 5.0, "وزاره": 4.0, "الصحة": 2.0}
    # stopwords are compared with the types too (stopword lists are normalized)
    assert "على" not in clouds._weights(freq, None, None, 50, frozenset({"علي"}), "form")
    grouped = clouds._weights(frequency(sample, by="source"), None, None, 5, label="form")
    assert list(grouped) == list(freq["form"][:5])


# --------------------------------------------------------------------------- both versions
@pytest.fixture(scope="module")
def results(sample, culture, model):
    """One real result of each kind."""
    return {
        "frequency": frequency(sample),
        "collocates": collocates(sample, "النفط", 3, min_freq=2,
                                 measures=["log_dice", "mi"]),
        "collocations": collocations(sample, min_freq=3, measures=["log_dice"]),
        "keyness": culture,
        "positions": dispersion_positions(sample, ["النفط", "اسعار"]),
        "topics": model.topics(n=5),
    }


def _draw(kind, table):
    if kind == "frequency":
        return [plot.frequencies(table, n=8, column="range"), plot.zipf(table, annotate=3),
                plot.wordcloud(table, n=20, width=200, height=100)]
    if kind in ("collocates", "collocations"):
        return [plot.collocates(table, n=8), plot.collocates(table, n=8, label="type"),
                plot.network(table, n=5, seed=2),
                plot.wordcloud(table, n=20, width=200, height=100)]
    if kind == "keyness":
        return [plot.keyness(table, n=4), plot.keyness(table, n=4, label="type"),
                plot.wordcloud(table, n=20, width=200, height=100)]
    if kind == "positions":
        return [plot.dispersion(table), plot.dispersion(table, label="type")]
    return list(plot.topics(table, n=5)) + [plot.topics(table, n=5, label="type")[0],
                                            plot.wordcloud(table, topic=0, width=200,
                                                           height=100)]


def _drawing(ax):
    return ([t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts],
            [round(float(p.get_width()), 9) for p in ax.patches], ax.get_title(),
            ax.get_xlabel(), [a.get_array().shape for a in ax.images])


@pytest.mark.parametrize("kind", ["frequency", "collocates", "collocations", "keyness",
                                  "positions", "topics"])
def test_tables_of_this_and_the_previous_version_draw_the_same(results, kind):
    new, old = as_new(results[kind], kind), as_old(results[kind], kind)
    assert list(new.columns) != list(old.columns)
    got_new = [_drawing(ax) for ax in _draw(kind, new)]
    got_old = [_drawing(ax) for ax in _draw(kind, old)]
    if kind == "frequency":  # range: a count now, a percentage before
        assert got_new[0][4] == "range (documents)"
        assert got_old[0][4] == "range (% of documents)"
        assert got_new[0][2] == list(new.sort_values("range", ascending=False,
                                                     kind="stable")["range"][:8])
        got_new[0], got_old[0] = got_new[0][:2], got_old[0][:2]
    assert got_new == got_old


def test_new_column_names_by_hand():
    import pandas as pd

    coll = pd.DataFrame({"type": ["المركزي", "الدولي"], "form": ["المركزي", "الدولي"],
                         "frequency": [5, 3], "expected": [0.1, 0.2],
                         "log_dice": [11.0, 12.0], "mi": [7.0, 3.0]})
    coll.attrs["params"] = {"query": ["البنك", "المصرف"], "window": (2, 0),
                            "measures": ("mi", "log_dice")}
    ax = plot.collocates(coll)
    assert ax.get_xlabel() == "mi"  # the first of params["measures"]
    assert ax.get_title() == plot.arabic_text("Collocates of البنك|المصرف, window 2L 0R")
    coll.attrs["params"] = {}
    assert plot.collocates(coll).get_xlabel() == "log dice"  # the first measure column
    with pytest.raises(ValueError, match="no association measure"):
        plot.collocates(coll[["type", "form", "frequency", "expected"]])
    pairs = pd.DataFrame({"type": ["وزاره الصحه"], "form": ["وزارة الصحة"],
                          "type_1": ["وزاره"], "type_2": ["الصحه"], "log_dice": [13.0]})
    assert _ticks(plot.collocates(pairs, label="type")) == _shaped(["وزاره الصحه"])
    texts = [t.get_text() for t in plot.network(pairs, label="type").texts]
    assert sorted(texts) == sorted(_shaped(["وزاره", "الصحه"]))
    positions = pd.DataFrame({"type": ["النفط", "الذهب"], "form": ["النفط", "الذهب"],
                              "relative_position": [0.2, 0.6]})
    positions.attrs["params"] = {"query": ["الذهب", "النفط"]}
    assert _ticks(plot.dispersion(positions)) == _shaped(["الذهب", "النفط"])
    over_time = pd.DataFrame({"period": pd.to_datetime(["2024-03-01"] * 4),
                              "paper": ["a", "a", "b", "b"], "topic": [0, 1, 0, 1],
                              "prevalence": [0.3, 0.7, 0.6, 0.4]})
    over_time.attrs["params"] = {"by": "paper"}
    ax = plot.topics_over_time(over_time, by="b")
    assert [line.get_ydata().tolist() for line in ax.get_lines()] == [[0.6], [0.4]]


# --------------------------------------------------------------------------- deprecated
def _same(a, b):
    return _drawing(a) == _drawing(b)


def test_deprecated_argument_names(sample, culture, model):
    freq = frequency(sample, by="section")
    with pytest.warns(DeprecationWarning, match=r"group=.*use by="):
        ax = plot.frequencies(freq, group="economy", n=5)
    assert _same(ax, plot.frequencies(freq, by="economy", n=5))
    with pytest.warns(DeprecationWarning, match=r"colors=.*use color="):
        ax = plot.keyness(culture, colors=("tab:orange", "tab:gray"), n=3)
    assert _same(ax, plot.keyness(culture, color=("tab:orange", "tab:gray"), n=3))
    coll = collocates(sample, "النفط", 3, min_freq=2, measures=["log_dice"])
    with pytest.warns(DeprecationWarning, match=r"font_size=.*use fontsize="):
        ax = plot.network(coll, font_size=8, n=4)
    assert {t.get_fontsize() for t in ax.texts} == {8, 8 * 1.3}
    plain = coll.copy()
    plain.attrs["params"] = {}
    with pytest.warns(DeprecationWarning, match=r"node=.*use query="):
        ax = plot.network(plain, node="النفط", n=4)
    assert _same(ax, plot.network(plain, query="النفط", n=4))
    with pytest.warns(DeprecationWarning, match=r"node_color=..., edge_color=...\) is dep"):
        ax = plot.network(coll, node_color="red", edge_color="blue", n=4)
    same = plot.network(coll, color=("red", "#9ecae1", "blue"), n=4)
    assert _same(ax, same)
    assert [c.get_facecolor().tolist() for c in ax.collections[1:]] == [
        c.get_facecolor().tolist() for c in same.collections[1:]]
    assert matplotlib.colors.same_color(ax.collections[0].get_edgecolor()[0][:3], "blue")
    pos = dispersion_positions(sample, ["النفط", "اسعار"])
    with pytest.warns(DeprecationWarning, match=r"terms=.*use query="):
        ax = plot.dispersion(pos, terms=["اسعار", "النفط"])
    assert _ticks(ax) == _shaped(["أسعار", "النفط"])
    fig, grid = plt.subplots(2, 2)
    with pytest.warns(DeprecationWarning, match=r"axes=.*use ax="):
        drawn = plot.topics(model, axes=grid)
    assert list(drawn) == list(grid.ravel())
    table = model.topics(n=3)
    with pytest.warns(DeprecationWarning, match="label='word'"):
        axes = plot.topics(table, label="word")
    assert _ticks(axes[0]) == _ticks(plot.topics(table)[0])
    split = model.over_time(freq="W", by="section")
    with pytest.warns(DeprecationWarning, match=r"group=.*use by="):
        ax = plot.topics_over_time(split, group="economy")
    assert _same(ax, plot.topics_over_time(split, by="economy"))
    daily = model.over_time(freq="D")
    with pytest.warns(DeprecationWarning, match=r"n_words=.*use n="):
        ax = plot.topics_over_time(daily, words=model, n_words=1)
    assert ([t.get_text() for t in ax.get_legend().get_texts()]
            == [t.get_text() for t in plot.topics_over_time(
                daily, words=model, n=1).get_legend().get_texts()])
    with pytest.raises(TypeError, match="both group="):
        plot.frequencies(freq, group="economy", by="economy")


def test_old_measure_name_ll(culture):
    new = as_new(culture, "keyness")
    with pytest.warns(DeprecationWarning, match="measure='ll'.*'log_likelihood'"):
        ax = plot.keyness(new, measure="ll", n=3)
    assert ax.get_xlabel() == "log-likelihood (Rayson), signed"
    assert _same(ax, plot.keyness(new, measure="log_likelihood", n=3))
    # the new name on a table of the previous version
    old = as_old(culture, "keyness")
    assert _same(plot.keyness(old, measure="log_likelihood", n=3),
                 plot.keyness(new, measure="log_likelihood", n=3))


def test_old_positional_calls_warn(sample, culture, model):
    freq = frequency(sample)
    with pytest.warns(DeprecationWarning, match=r"pass n, column by keyword"):
        ax = plot.frequencies(freq, 5, "per_million")
    assert _same(ax, plot.frequencies(freq, n=5, column="per_million"))
    with pytest.warns(DeprecationWarning, match="pass query by keyword"):
        ax = plot.dispersion(dispersion_positions(sample, ["النفط"]), ["النفط"])
    with pytest.warns(DeprecationWarning, match="pass measure, n by keyword"):
        ax = plot.keyness(culture, "log_ratio", 3)
    assert _same(ax, plot.keyness(culture, measure="log_ratio", n=3))
    with pytest.warns(DeprecationWarning, match="pass min_freq, annotate by keyword"):
        plot.zipf(freq, 3, 2)
    with pytest.warns(DeprecationWarning, match="pass n by keyword"):
        plot.topics(model, 4)
    with pytest.raises(TypeError, match="positional"):
        plot.coherence(model.coherence(), None, "red", True, None, None, "extra")


# --------------------------------------------------------------------------- bad input
def _assert_empty(ax, title_word=None):
    assert ax.texts and ax.texts[0].get_text().startswith(plot.arabic_text("no "))
    assert ax.get_title() or title_word is None
    assert not ax.patches and not ax.get_lines()


def test_empty_results_give_labelled_figures(sample, culture):
    freq = frequency(sample)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the query does not occur
        missing = collocates(sample, "كلمةغائبة", 3, min_freq=1)
    cases = [
        (plot.frequencies, freq.iloc[:0]),
        (plot.zipf, freq.iloc[:0]),
        (plot.collocates, missing),
        (plot.network, missing),
        (plot.keyness, culture.iloc[:0]),
        (plot.dispersion, dispersion_positions(sample, "كلمةغائبة").iloc[:0, :]),
        (plot.wordcloud, {}),
    ]
    cases[-2][1].attrs["params"] = {}  # the query is not known
    for func, result in cases:
        with pytest.warns(UserWarning, match="no "):
            ax = func(result, title="فارغ")
        _assert_empty(ax)
        assert ax.get_title() == plot.arabic_text("فارغ")
    # the query known (given, or in the params): its row, empty
    for table, query in [(cases[-2][1], "كلمةغائبة"), (cases[-2][1].copy(), None)]:
        table.attrs["params"] = {"query": "كلمةغائبة"}
        with pytest.warns(UserWarning, match="does not occur"):
            ax = plot.dispersion(table, query=query)
        assert _ticks(ax) == _shaped(["كلمةغائبة"]) and not ax.collections[0].get_segments()


def test_word_not_in_corpus_warns(sample):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot.collocates(collocates(sample, "كلمةغائبة", 3, min_freq=1))
    messages = [str(w.message) for w in caught]
    assert any("no collocates" in m for m in messages)
    assert plot.arabic_text("كلمةغائبة") in ax.get_title()


def test_empty_topic_tables():
    import pandas as pd

    with pytest.warns(UserWarning, match="no topics"):
        axes = plot.topics(pd.DataFrame(columns=["topic", "rank", "type", "form", "weight"]))
    _assert_empty(axes[0])
    with pytest.warns(UserWarning, match="no coherence"):
        _assert_empty(plot.coherence(pd.DataFrame(columns=["k", "coherence_mean"])))
    with pytest.warns(UserWarning, match="no coherence"):
        _assert_empty(plot.coherence(pd.DataFrame(columns=["topic", "coherence"])))
    with pytest.warns(UserWarning, match="no topic proportions"):
        _assert_empty(plot.topics_over_time(
            pd.DataFrame(columns=["period", "topic", "prevalence"])))


def test_wrong_types_and_values(sample):
    freq = frequency(sample)
    with pytest.raises(TypeError, match="DataFrame, got list"):
        plot.frequencies([1, 2])
    with pytest.raises(TypeError, match="n must be an int"):
        plot.frequencies(freq, n="5")
    with pytest.raises(ValueError, match="n must be >= 1"):
        plot.collocates(freq, n=0)
    with pytest.raises(TypeError, match="column must be a str"):
        plot.frequencies(freq, column=1)
    with pytest.raises(TypeError, match="label must be a str"):
        plot.keyness(freq.assign(use="over"), label=None)
    with pytest.raises(TypeError, match="TopicModel"):
        plot.topics(42)
    with pytest.raises(ValueError, match="needs the columns use"):
        plot.keyness(freq)
    with pytest.raises(ValueError, match="needs the columns type, relative_position"):
        plot.dispersion(freq)


def test_draws_into_given_axes(sample):
    fig, (a, b) = plt.subplots(1, 2)
    assert plot.frequencies(frequency(sample), n=5, ax=a) is a
    assert plot.zipf(frequency(sample), ax=b) is b


def _pil_ink(text: str, engine) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_font_path([plot.arabic_font()]), 48, layout_engine=engine)
    img = Image.new("L", (700, 120), 255)
    ImageDraw.Draw(img).text((20, 20), text, font=font, fill=0)
    arr = np.asarray(img, dtype=float)
    return _ink(np.repeat(arr[..., None], 3, axis=2))


def test_pillow_text_for_both_pillow_builds(monkeypatch):
    """With libraqm, Pillow gets the logical string; without, the reshaped one. Both
    must draw what a raqm build draws from the logical string."""
    from PIL import ImageFont, features

    if not features.check("raqm"):
        pytest.skip("needs a Pillow with libraqm for the reference rendering")
    word = "السعودية"
    reference = _pil_ink(word, ImageFont.Layout.RAQM)
    assert plot.pillow_text(word) == word
    assert difference(_pil_ink(_visual(word), ImageFont.Layout.RAQM), reference) > MIN_WRONG
    monkeypatch.setattr(shaping, "_pillow_shapes", lambda: False)
    shaped = plot.pillow_text(word)
    assert shaped != word
    assert difference(_pil_ink(shaped, ImageFont.Layout.BASIC), reference) < TOL_CORRECT
    assert difference(_pil_ink(word, ImageFont.Layout.BASIC), reference) > MIN_WRONG


# --------------------------------------------------------------------------- real data
def test_figures_on_saudinewsnet(news):
    """The figures of a larger corpus of several newspapers, labels checked in pixels."""
    freq = frequency(news)
    check_labels(plot.frequencies(freq, n=10), list(freq["form"][:10]), n_pixel=2)
    coll = collocates(news, "السعودية", 3, min_freq=2, measures=["log_dice"])
    top = coll.sort_values("log_dice", ascending=False, kind="stable").head(8)
    check_labels(plot.collocates(coll, n=8), list(top["form"]), n_pixel=2)
    results = {w: collocates(news, w, 3, min_freq=2, measures=["log_dice"])
               for w in ("المملكة", "العربية")}
    labels = [t.get_text() for t in plot.network(results, n=15).texts]
    assert len(labels) == len(set(labels))
    assert plot.arabic_text("العربيه") not in labels
    source = news.metadata["source"].value_counts().index[0]
    key = keyness(news.subcorpus(source=source),
                  news.subcorpus(query=f"source != '{source}'"), measures=["log_likelihood"])
    over = key[key["use"] == "over"].assign(m=column(key, "log_likelihood", "ll"))
    over = over.sort_values("m", ascending=False, kind="stable")[:5]
    assert _ticks(plot.keyness(key, n=5))[:5] == _shaped(over["form"])
    terms = ["السعودية", "النفط", "في"]
    pos = dispersion_positions(news, terms)
    assert len(plot.dispersion(pos, query=terms).collections[0].get_segments()) == len(pos)


def test_warnings_point_at_the_callers_line():
    import pandas as pd

    table = pd.DataFrame({"type": ["a"], "form": ["a"], "use": ["over"],
                          "log_likelihood": [1.0]})
    with pytest.warns(DeprecationWarning) as caught:
        plot.keyness(table, measure="ll")
    assert caught[0].filename == __file__
    with pytest.warns(UserWarning, match="no key words") as caught:
        plot.keyness(table.iloc[:0])
    assert caught[0].filename == __file__
    with pytest.warns(UserWarning, match="does not occur") as caught:
        plot.dispersion(pd.DataFrame({"type": ["a"], "relative_position": [0.5]}),
                        query=["a", "b"])
    assert caught[0].filename == __file__
