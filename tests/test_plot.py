"""Tests of arabcorpus.plot: every figure drawn with Agg on the bundled sample and on a
SaudiNewsNet subcorpus, checked for what it drew, and its Arabic labels checked in
pixels against the correct rendering for the running matplotlib.

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
from arabcorpus.plot import figures  # noqa: E402
from arabcorpus.analyses.collocations import collocates, collocations  # noqa: E402
from arabcorpus.corpus.memory import Corpus  # noqa: E402
from arabcorpus.io.datasets import load_dataset  # noqa: E402
from arabcorpus.analyses.dispersion import dispersion_positions  # noqa: E402
from arabcorpus.analyses.frequency import frequency, lexical_stats  # noqa: E402
from arabcorpus.analyses.keyness import keyness  # noqa: E402
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


@pytest.fixture(params=["sample", "news"])
def corpus(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def model(news):
    from arabcorpus.analyses.topics import TopicModel

    return TopicModel(k=4, min_df=3, passes=1, seed=1, progress=False).fit(news)


# --------------------------------------------------------------------------- text helper
def test_layout_is_detected_by_rendering():
    figures._detected_layout.cache_clear()
    layout, how = figures._detected_layout()
    assert layout == ("native" if NATIVE else "reshape")
    assert how.startswith("probe")
    assert plot.arabic_layout() == layout
    joined, rtl = figures._probe()
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


def test_presentation_forms_warn():
    with pytest.warns(UserWarning, match="reshaped already"):
        plot.arabic_text("\uFEDF\uFE8E")


def test_fonts():
    assert plot.arabic_font() in plot.PREFERRED_FONTS
    with pytest.raises(ValueError, match="not known"):
        plot.set_arabic_font("No Such Font Sans")
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


def test_rcparams_untouched(sample):
    before = dict(matplotlib.rcParams)
    plot.frequencies(frequency(sample), n=5)
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


# --------------------------------------------------------------------------- figures
def test_frequencies(corpus):
    freq = frequency(corpus)
    ax = plot.frequencies(freq, n=12, color="tab:green", title="أكثر الكلمات تكرارا")
    check_labels(ax, list(freq["form"][:12]))
    widths = [p.get_width() for p in ax.patches]
    assert widths == list(freq["frequency"][:12])
    assert ax.get_title() == plot.arabic_text("أكثر الكلمات تكرارا")
    assert_reads(ax.title, "أكثر الكلمات تكرارا")
    assert matplotlib.colors.same_color(ax.patches[0].get_facecolor(), "tab:green")


def test_frequencies_by_group(news):
    freq = frequency(news, by="source")
    group = news.metadata["source"].iloc[0]
    ax = plot.frequencies(freq, n=8, group=group, column="per_million")
    block = freq[group].sort_values("per_million", ascending=False, kind="stable")
    check_labels(ax, list(freq["form"].loc[block.index[:8]]), n_pixel=1)
    ax = plot.frequencies(freq, n=8, group=group, column="per_million", label="type")
    check_labels(ax, list(block.index[:8]), n_pixel=1)
    with pytest.raises(ValueError, match="valid: all"):
        plot.frequencies(freq, group="nosuchpaper")
    with pytest.raises(ValueError, match="per_million"):
        plot.frequencies(frequency(news), column="nosuchcolumn")


def test_zipf_fit_matches_lexical_stats(corpus):
    freq = frequency(corpus)
    ax = plot.zipf(freq, min_freq=3, annotate=3)
    fit = next(line for line in ax.get_lines() if line.get_gid() == "fit")
    x, y = (np.log10(np.asarray(v, dtype=float)) for v in fit.get_data())
    slope = (y[1] - y[0]) / (x[1] - x[0])
    stats = lexical_stats(corpus, zipf_min_freq=3, words_only=False)["value"]
    assert -slope == pytest.approx(stats["zipf_exponent"], rel=1e-9)
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["form"][:3]]
    ax = plot.zipf(freq, min_freq=3, annotate=3, label="type")
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["type"][:3]]
    ax = plot.zipf(frequency(corpus, by="source"), min_freq=3, annotate=3)
    assert [t.get_text() for t in ax.texts] == [plot.arabic_text(w) for w in freq["form"][:3]]
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_dispersion(corpus):
    terms = ["السعودية", "النفط", "في"] if corpus.n_tokens > 10000 else ["النفط", "اسعار", "في"]
    pos = dispersion_positions(corpus, terms)
    ax = plot.dispersion(pos, terms=terms)
    written = dict(zip(pos["term"], pos["form"]))
    check_labels(ax, [written[t] for t in terms], n_pixel=2)
    segments = ax.collections[0].get_segments()
    assert len(segments) == len(pos)
    xs = np.sort([s[0][0] for s in segments])
    assert np.allclose(xs, np.sort(pos["relative_position"] * 100))
    rows = {round(float(s[:, 1].mean())) for s in segments}
    counts = pos["term"].value_counts()
    assert rows == {i for i, t in enumerate(terms) if counts.get(t, 0)}


def test_dispersion_missing_term_warns_and_keeps_its_row(sample):
    terms = ["النفط", "كلمةغائبة"]
    with pytest.warns(UserWarning, match="كلمةغائبة"):
        ax = plot.dispersion(dispersion_positions(sample, terms), terms=terms)
    assert [t.get_text() for t in ax.get_yticklabels()] == [plot.arabic_text(t) for t in terms]


def test_collocates(corpus):
    node = "السعودية" if corpus.n_tokens > 10000 else "النفط"
    coll = collocates(corpus, node, span=(3, 3), min_freq=2)
    ax = plot.collocates(coll, measure="log_dice", n=10)
    top = coll.sort_values("log_dice", ascending=False, kind="stable").head(10)
    check_labels(ax, list(top["form"]))
    assert np.allclose([p.get_width() for p in ax.patches], top["log_dice"])
    assert plot.arabic_text(node) in ax.get_title()
    with pytest.raises(ValueError, match="log_likelihood"):
        plot.collocates(coll, measure="dice_of_doom")


def test_collocations_pairs(news):
    pairs = collocations(news, window=2, min_freq=5, measures=["log_dice"])
    ax = plot.collocates(pairs, n=6)
    check_labels(ax, list(pairs["form"][:6]), n_pixel=2)
    ax = plot.collocates(pairs, n=6, label="type")
    check_labels(ax, list((pairs["w1"].astype(str) + " " + pairs["w2"].astype(str))[:6]),
                 n_pixel=2)


def test_network(corpus):
    nodes = ["السعودية", "المملكة"] if corpus.n_tokens > 10000 else ["النفط", "اسعار"]
    results = {w: collocates(corpus, w, span=(3, 3), min_freq=2, measures=["log_dice"])
               for w in nodes}
    ax = plot.network(results, n=6, seed=3)
    texts = [t.get_text() for t in ax.texts]
    for w in nodes:
        assert plot.arabic_text(w) in texts
    node_keys = {normalize(x, profile="search") for x in nodes}
    for w, df in results.items():
        top = df.sort_values("log_dice", ascending=False, kind="stable")[:6]
        for c, f in zip(top["collocate"], top["form"]):
            if c not in node_keys:  # a node that is a collocate is drawn as typed
                assert plot.arabic_text(f) in texts  # a collocate as written
    first = next(t for t in ax.texts if t.get_text() == plot.arabic_text(nodes[0]))
    ax.figure.set_dpi(DPI)
    ax.figure.canvas.draw()
    assert_reads(first, nodes[0], in_figure=False)
    # the same seed gives the same drawing
    ax2 = plot.network(results, n=6, seed=3)
    assert [t.get_position() for t in ax.texts] == [t.get_position() for t in ax2.texts]


def test_network_merges_a_node_that_is_a_collocate(news):
    results = {w: collocates(news, w, span=(3, 3), min_freq=2, measures=["log_dice"])
               for w in ("المملكة", "العربية")}
    ax = plot.network(results, n=15)
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(set(labels))
    assert plot.arabic_text("العربيه") not in labels  # drawn once, as typed


def test_keyness(news):
    source = news.metadata["source"].value_counts().index[0]
    key = keyness(news.subcorpus(source=source),
                  news.subcorpus(query=f"source != '{source}'"), measures=["ll", "log_ratio"])
    ax = plot.keyness(key, n=5)
    over = key[key["use"] == "over"].sort_values("ll", ascending=False, kind="stable")[:5]
    under = key[key["use"] == "under"].sort_values("ll", kind="stable")[:5][::-1]
    check_labels(ax, list(over["form"]) + list(under["form"]))
    widths = np.array([p.get_width() for p in ax.patches[:10]])
    assert (widths[:5] > 0).all() and (widths[5:] < 0).all()
    assert np.allclose(widths, np.r_[over["ll"], under["ll"]])
    with pytest.raises(ValueError, match="ll, p_value|log_ratio"):
        plot.keyness(key, measure="p_value")


def test_keyness_infinite_values_are_marked(sample):
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
    for t, ax in enumerate(axes):
        words = list(table[table["topic"] == t]["word"])
        assert [x.get_text() for x in ax.get_yticklabels()] == [plot.arabic_text(w)
                                                                 for w in words]
    check_labels(axes[0], list(table[table["topic"] == 0]["word"]), n_pixel=2)
    assert axes[0].figure.get_suptitle() == plot.arabic_text("موضوعات")
    two = plot.topics(table, which=[1, 3])
    assert [a.get_title() for a in two] == ["topic 1", "topic 3"]
    with pytest.raises(ValueError, match="unknown topics"):
        plot.topics(table, which=[9])


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
    ax = plot.coherence(coh)
    words = [f"{t}: " + " ".join(w.split()[:3]) for t, w in zip(coh["topic"], coh["words"])]
    assert all(len(w.split()) == 4 for w in words)  # "t:" and three words
    check_labels(ax, words, n_pixel=1)


def test_topics_over_time(model):
    table = model.over_time(freq="D")
    ax = plot.topics_over_time(table, words=model, n_words=2)
    lines = ax.get_lines()
    assert len(lines) == model.k
    for t, line in enumerate(lines):
        expected = table[table["topic"] == t].sort_values("period")["prevalence"]
        assert np.allclose(line.get_ydata(), expected)
    words = model.topics(n=2)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    label0 = "0: " + "، ".join(words[words["topic"] == 0]["word"])
    assert legend[0] == plot.arabic_text(label0)
    ax.figure.set_dpi(DPI)
    ax.figure.canvas.draw()
    assert_reads(ax.get_legend().get_texts()[0], label0)
    by = model.over_time(freq="D", by="source")
    with pytest.raises(ValueError, match="give group="):
        plot.topics_over_time(by)
    src = str(by["source"].iloc[0])
    assert plot.arabic_text(src) in plot.topics_over_time(by, group=src).get_title()


def test_wordcloud(sample):
    from PIL import features

    from arabcorpus.text.stem import stopwords

    stop = stopwords("search")
    freq = frequency(sample)
    ax = plot.wordcloud(freq, n=30, stopwords=stop, width=400, height=200)
    assert ax.images and ax.images[0].get_array().shape[:2] == (200, 400)
    weights = figures._weights(freq, None, None, 30, frozenset(stop))
    assert len(weights) == 30 and not set(weights) & stop
    top = freq[~freq["type"].isin(stop)]["type"][:30]
    assert list(weights) == list(top)
    wc = plot.make_wordcloud(weights, n=30, width=400, height=200)
    drawn = {item[0][0] for item in wc.layout_}
    expected = {w if features.check("raqm") else _visual(w) for w in weights}
    assert drawn <= expected and len(drawn) >= 10


def test_wordcloud_of_keyness_topic_and_dict(news, model):
    source = news.metadata["source"].value_counts().index[0]
    key = keyness(news.subcorpus(source=source), news.subcorpus(query=f"source != '{source}'"))
    w = figures._weights(key, None, None, 10)
    over = key[key["use"] == "over"].sort_values("ll", ascending=False, kind="stable")
    assert list(w) == list(over["type"][:10])
    with pytest.raises(ValueError, match="topic="):
        plot.wordcloud(model.topics(n=5))
    ax = plot.wordcloud(model.topics(n=5), topic=1, width=300, height=150)
    assert ax.images[0].get_array().shape[:2] == (150, 300)


# --------------------------------------------------------------------------- labels
def _ticks(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def _shaped(words):
    return [plot.arabic_text(w) for w in words]


def test_labels_are_forms_by_default_and_types_on_request(sample):
    freq = frequency(sample)
    assert freq["form"].iloc[1] == "أن" and freq["type"].iloc[1] == "ان"
    assert _ticks(plot.frequencies(freq, n=10)) == _shaped(freq["form"][:10])
    assert _ticks(plot.frequencies(freq, n=10, label="type")) == _shaped(freq["type"][:10])
    # a table without a form column (an older version's, or made by hand): its types
    old = freq.drop(columns="form")
    assert _ticks(plot.frequencies(old, n=10)) == _shaped(freq["type"][:10])
    coll = collocates(sample, "وزارة", span=(0, 1), min_freq=2, measures=["log_dice"])
    assert "الصحة" in list(coll["form"]) and "الصحه" in list(coll["collocate"])
    assert _ticks(plot.collocates(coll)) == _shaped(coll["form"])
    assert _ticks(plot.collocates(coll, label="type")) == _shaped(coll["collocate"])
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
    key = keyness(sample.subcorpus(section="culture"),
                  sample.subcorpus(query="section != 'culture'"), measures=["ll"], min_freq=2)
    ax = plot.keyness(key, n=3)
    over = key[key["use"] == "over"].sort_values("ll", ascending=False, kind="stable")[:3]
    assert "الرواية" in list(over["form"]) and "الروايه" in list(over["type"])
    assert _ticks(ax)[:3] == _shaped(over["form"])
    assert _ticks(plot.keyness(key, n=3, label="type"))[:3] == _shaped(over["type"])
    with pytest.raises(ValueError, match="form, type"):
        plot.frequencies(freq, label="word")


def test_topics_label_form_is_the_word():
    import pandas as pd

    table = pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "word": ["الصحة", "أسعار"],
                          "type": ["الصحه", "اسعار"], "form": ["الصحة", "أسعار"],
                          "weight": [0.05, 0.03]})
    assert _ticks(plot.topics(table)[0]) == _shaped(["الصحة", "أسعار"])
    assert _ticks(plot.topics(table, label="word")[0]) == _shaped(["الصحة", "أسعار"])
    assert _ticks(plot.topics(table, label="type")[0]) == _shaped(["الصحه", "اسعار"])
    with pytest.raises(ValueError, match="form, word, type"):
        plot.topics(table, label="lemma")


def test_wordcloud_words_are_forms_summed_per_form(sample):
    import pandas as pd

    freq = frequency(sample)
    weights = figures._weights(freq, None, None, 20, label="form")
    assert list(weights) == list(freq["form"][:20])
    # two rows showing one form make one word, their weights added
    table = pd.DataFrame({"type": ["الصحه", "الصحة", "وزاره"],
                          "form": ["الصحة", "الصحة", "وزارة"], "frequency": [5, 2, 4]})
    assert figures._weights(table, None, None, 10, label="form") == {"الصحة": 7.0, "وزارة": 4.0}
    assert figures._weights(table, None, None, 10, label="type") == {
        "الصحه": 5.0, "وزاره": 4.0, "الصحة": 2.0}
    # stopwords are compared with the types too (stopword lists are normalized)
    assert "على" not in figures._weights(freq, None, None, 50, frozenset({"علي"}), "form")
    grouped = figures._weights(frequency(sample, by="source"), None, None, 5, label="form")
    assert list(grouped) == list(freq["form"][:5])


# --------------------------------------------------------------------------- bad input
def _assert_empty(ax, title_word=None):
    assert ax.texts and ax.texts[0].get_text().startswith(plot.arabic_text("no "))
    assert ax.get_title() or title_word is None
    assert not ax.patches and not ax.get_lines()


def test_empty_results_give_labelled_figures(sample):
    freq = frequency(sample)
    cases = [
        (plot.frequencies, freq.iloc[:0]),
        (plot.zipf, freq.iloc[:0]),
        (plot.collocates, collocates(sample, "كلمةغائبة", min_freq=0)),
        (plot.network, collocates(sample, "كلمةغائبة", min_freq=0)),
        (plot.keyness, keyness(sample, sample).iloc[:0]),
        (plot.dispersion, dispersion_positions(sample, "كلمةغائبة")),
        (plot.wordcloud, {}),
    ]
    for func, result in cases:
        with pytest.warns(UserWarning, match="no "):
            ax = func(result, title="فارغ")
        _assert_empty(ax)
        assert ax.get_title() == plot.arabic_text("فارغ")


def test_term_not_in_corpus_warns(sample):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot.collocates(collocates(sample, "كلمةغائبة", min_freq=1))
    messages = [str(w.message) for w in caught]
    assert any("no collocates" in m for m in messages)
    assert plot.arabic_text("كلمةغائبة") in ax.get_title()


def test_empty_topic_tables(model):
    import pandas as pd

    axes = None
    with pytest.warns(UserWarning, match="no topics"):
        axes = plot.topics(pd.DataFrame(columns=["topic", "rank", "word", "type", "weight"]))
    _assert_empty(axes[0])
    with pytest.warns(UserWarning, match="no coherence"):
        _assert_empty(plot.coherence(pd.DataFrame(columns=["k", "coherence_mean"])))
    with pytest.warns(UserWarning, match="no topic proportions"):
        _assert_empty(plot.topics_over_time(
            pd.DataFrame(columns=["period", "topic", "prevalence"])))


def test_wrong_types():
    with pytest.raises(TypeError, match="DataFrame, got list"):
        plot.frequencies([1, 2])
    with pytest.raises(TypeError, match="n must be an int"):
        plot.frequencies(frequency(Corpus.build(["النفط"], progress=False)), n="5")
    with pytest.raises(TypeError, match="TopicModel"):
        plot.topics(42)


def test_draws_into_given_axes(sample):
    fig, (a, b) = plt.subplots(1, 2)
    assert plot.frequencies(frequency(sample), n=5, ax=a) is a
    assert plot.zipf(frequency(sample), ax=b) is b


def _pil_ink(text: str, engine) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(figures._font_path([plot.arabic_font()]), 48, layout_engine=engine)
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
    monkeypatch.setattr(figures, "_pillow_shapes", lambda: False)
    shaped = plot.pillow_text(word)
    assert shaped != word
    assert difference(_pil_ink(shaped, ImageFont.Layout.BASIC), reference) < TOL_CORRECT
    assert difference(_pil_ink(word, ImageFont.Layout.BASIC), reference) > MIN_WRONG
