"""``arabcorpus report``: the self-contained HTML report, built once per session.

The report is built by the real entry point (``python -m arabcorpus report`` with no
corpus, from an empty working folder), then checked as files, as HTML, and rendered in
headless Chromium when it is installed (required when ``CI=true``).
"""

from __future__ import annotations

import base64
import html.parser
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from arabcorpus._version import __version__
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.datasets import load_dataset
from arabcorpus.app.report import build_report, choose_group_column, corpus_checksum

PNG = b"\x89PNG\r\n\x1a\n"


def module_env() -> dict:
    """The environment of a subprocess that imports the arabcorpus under test."""
    import arabcorpus

    env = dict(os.environ)
    root = str(Path(arabcorpus.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class _Page(html.parser.HTMLParser):
    """Collect the tags and attributes of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def sample_corpus():
    return Corpus.build(load_dataset("sample"), progress=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``python -m arabcorpus report`` with no corpus, run in an empty folder."""
    cwd = tmp_path_factory.mktemp("report-cwd")
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "arabcorpus", "report", "--no-progress"],
                         cwd=cwd, env=module_env(), capture_output=True, text=True,
                         encoding="utf-8", timeout=600)
    seconds = time.perf_counter() - t0
    assert res.returncode == 0, res.stderr
    out = cwd / "arabcorpus-report"
    return {"dir": out, "page": (out / "report.html").read_text(encoding="utf-8"),
            "stdout": res.stdout, "stderr": res.stderr, "seconds": seconds}


def test_written_where_said(built):
    assert built["stdout"].strip().endswith("report.html")
    assert (built["dir"] / "report.html").is_file()
    assert "wrote" in built["stderr"]
    print(f"sample report wall time: {built['seconds']:.1f} s")


def test_states_version_checksum_and_parameters(built, sample_corpus):
    page = built["page"]
    assert f"arabcorpus {__version__}" in page
    assert corpus_checksum(sample_corpus) in page
    params = pd.read_csv(built["dir"] / "tables" / "parameters.csv")
    p = dict(zip(params["parameter"], params["value"].astype(str)))
    assert p["input"] == "sample" and p["seed"] == "0"
    assert p["topics k"] == "5"
    assert p["group column (--by)"] == "section"  # sample has one source
    assert p["documents"] == str(len(sample_corpus))


def test_self_contained(built):
    page = built["page"]
    tags = parse(page).tags
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "embed")]
    for tag, attrs in tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            if value is None:
                continue
            assert value.startswith(("data:image/png;base64,", "#", "tables/")), (tag, value)
    assert not re.search(r"url\(|@import|https?://(?!www\.w3)", page.split("</style>")[0])


def test_figures_are_png_data_uris(built):
    imgs = [a for t, a in parse(built["page"]).tags if t == "img"]
    names = {"frequencies", "zipf", "wordcloud", "dispersion", "topics", "coherence",
             "collocates-1", "keyness-1"}
    ids = {a["id"][4:] for t, a in parse(built["page"]).tags if t == "figure"}
    assert names <= ids, names - ids
    assert len(imgs) == len(ids) >= len(names)
    for a in imgs:
        data = base64.b64decode(a["src"].split(",", 1)[1])
        assert data.startswith(PNG) and len(data) > 2000
        assert a.get("alt")


def test_tables_beside_it_match_library(built, sample_corpus):
    from arabcorpus.analyses.frequency import frequency, lexical_stats

    tables = built["dir"] / "tables"
    for name in ("parameters", "lexical_stats", "frequency", "keyness", "collocates",
                 "topics", "coherence"):
        assert (tables / f"{name}.csv").is_file(), name
    freq = pd.read_csv(tables / "frequency.csv", keep_default_na=False)
    expected = frequency(sample_corpus)
    assert freq["type"].tolist() == expected["type"].tolist()
    assert freq["frequency"].tolist() == expected["frequency"].tolist()
    stats = pd.read_csv(tables / "lexical_stats.csv").set_index("statistic")["value"]
    exp = lexical_stats(sample_corpus)["value"]
    assert stats["ttr"] == pytest.approx(exp["ttr"])
    kw = pd.read_csv(tables / "keyness.csv", keep_default_na=False)
    assert set(kw["section"]) == set(sample_corpus.metadata["section"])


def test_keywords_and_collocates_skip_stopwords(built, sample_corpus):
    from arabcorpus.text.stem import stopwords

    col = pd.read_csv(built["dir"] / "tables" / "collocates.csv", keep_default_na=False)
    nodes = col["node"].unique().tolist()
    assert 1 <= len(nodes) <= 3
    stop = stopwords(profile=sample_corpus.profile)
    assert not set(nodes) & stop
    from arabcorpus.analyses.forms import display_forms

    forms = dict(zip(sample_corpus.vocab("norm"), display_forms(sample_corpus, layer="norm")))
    for node in nodes:  # headed by the word as written (اسعار is shown أسعار)
        assert f'<h3 dir="rtl" lang="ar">{forms[node]}</h3>' in built["page"]
    assert any(forms[n] != n for n in nodes)


def test_report_on_the_lemma_layer(tmp_path):
    from arabcorpus.io.datasets import load_dataset
    from arabcorpus.app.report import build_report

    corpus = Corpus.build(load_dataset("sample"), layers=("lemma",), progress=False)
    res = build_report(corpus, tmp_path / "r", layer="lemma", figures=False, k=3,
                       passes=2, progress=False)
    freq = pd.read_csv(res.html.parent / "tables" / "frequency.csv", keep_default_na=False)
    assert {"type", "form"} <= set(freq.columns)
    assert "وقال" not in set(freq["type"]) and "قال" in set(freq["type"])
    with pytest.raises(ValueError, match="unknown layer 'lemma'; valid: surface, norm"):
        build_report(Corpus.build(["نص"], progress=False), tmp_path / "x", layer="lemma",
                     progress=False)
    assert not (tmp_path / "x").exists()


def test_no_deprecated_call_in_the_report(built):
    """The report calls the library by its current names: none of the warnings it
    collects for the page is a deprecation."""
    assert "deprecated" not in built["stderr"] and "deprecated" not in built["page"]


def test_topics_and_coherence(built):
    topics = pd.read_csv(built["dir"] / "tables" / "topics.csv", keep_default_na=False)
    assert sorted(topics["topic"].unique()) == list(range(5))
    coh = pd.read_csv(built["dir"] / "tables" / "coherence.csv")
    assert len(coh) == 5 and coh["coherence"].between(-1, 1).all()
    assert "c_npmi = <b>" in built["page"]


def test_arabic_is_right_to_left(built):
    tags = parse(built["page"]).tags
    rtl = [a for t, a in tags if a.get("dir") == "rtl"]
    assert len(rtl) > 50
    tables = [a for t, a in tags if t == "table" and a.get("dir") == "rtl"]
    assert tables  # word tables are laid out right to left


def test_reproducible_tables(sample_corpus, tmp_path):
    a = build_report(sample_corpus, tmp_path / "a", k=3, passes=2, figures=False,
                     progress=False)
    b = build_report(sample_corpus, tmp_path / "b", k=3, passes=2, figures=False,
                     progress=False)
    assert a.figures == [] and "<img" not in a.html.read_text(encoding="utf-8")
    for name in a.tables:
        assert (tmp_path / "a" / "tables" / f"{name}.csv").read_bytes() == \
            (tmp_path / "b" / "tables" / f"{name}.csv").read_bytes(), name
    assert a.checksum == b.checksum == corpus_checksum(sample_corpus)


def test_topic_sample_stated_and_nothing_else_changes(sample_corpus, tmp_path):
    """A topic model fitted on a seeded sample: the page says so, the model saw that
    many documents, and every other table is byte for byte that of the full report."""
    full = build_report(sample_corpus, tmp_path / "full", k=3, passes=2, figures=False,
                        progress=False)
    part = build_report(sample_corpus, tmp_path / "part", k=3, passes=2, topic_docs=20,
                        figures=False, progress=False)
    page = part.html.read_text(encoding="utf-8")
    assert "random sample of 20 of the 50" in page and "--topic-docs 20" in page
    assert part.params["topic documents"] == 20
    assert full.params["topic documents"] == 10_000
    assert "random sample" not in full.html.read_text(encoding="utf-8")
    theta = pd.read_csv(tmp_path / "part" / "tables" / "topics_over_time.csv")
    assert theta.groupby("period")["n_docs"].first().sum() <= 20
    topic_tables = {"topics", "coherence", "topics_over_time", "parameters"}
    assert set(full.tables) == set(part.tables)
    for name in set(full.tables) - topic_tables:
        assert (tmp_path / "full" / "tables" / f"{name}.csv").read_bytes() == \
            (tmp_path / "part" / "tables" / f"{name}.csv").read_bytes(), name
    with pytest.raises(ValueError, match="topic_docs"):
        build_report(sample_corpus, tmp_path / "x", topic_docs=0, progress=False)


def test_topic_sample_is_seeded_and_in_corpus_order():
    from arabcorpus.app.report import _topic_sample

    assert _topic_sample(50, None, 0) is None and _topic_sample(50, 50, 0) is None
    a = _topic_sample(1000, 100, 3)
    assert len(a) == len(set(a.tolist())) == 100 and (np.diff(a) > 0).all()
    assert np.array_equal(a, _topic_sample(1000, 100, 3))
    assert not np.array_equal(a, _topic_sample(1000, 100, 4))


def test_by_option_and_errors(sample_corpus, tmp_path):
    res = build_report(sample_corpus, tmp_path / "r", by="author", k=2, passes=1,
                       figures=False, progress=False)
    assert res.params["group column (--by)"] == "author"
    with pytest.raises(ValueError, match="section"):
        build_report(sample_corpus, tmp_path / "x", by="no_column", progress=False)
    with pytest.raises(TypeError, match="int"):
        build_report(sample_corpus, 5, progress=False)


def test_cli_unknown_by_is_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-m", "arabcorpus", "report", "--by", "nope",
                          "--no-progress", "--out", str(tmp_path / "o")], cwd=tmp_path,
                         env=module_env(), capture_output=True, text=True, encoding="utf-8",
                         timeout=300)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope" in lines[0] and "section" in lines[0]


def test_corpus_checksum_definition(sample_corpus):
    import hashlib

    h = hashlib.sha256()
    for doc_id, text in zip(sample_corpus.metadata["id"], sample_corpus.texts):
        h.update(f"{doc_id}\x1f{text}\x1e".encode("utf-8"))
    assert corpus_checksum(sample_corpus) == h.hexdigest()
    reordered = sample_corpus.subcorpus(np.arange(len(sample_corpus))[::-1])
    assert corpus_checksum(reordered) != corpus_checksum(sample_corpus)


def test_choose_group_column():
    md = pd.DataFrame({"id": list("abc"), "source": ["x", "y", "y"], "section": list("sst")})
    assert choose_group_column(md) == "source"
    assert choose_group_column(md.assign(source="x")) == "section"
    assert choose_group_column(md.drop(columns=["source", "section"])) is None
    with pytest.raises(TypeError, match="int"):
        choose_group_column(md, by=3)


# --- rendering in a headless browser ----------------------------------------------------

def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    reason = "chromium is not installed (Debian: apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _chrome(built, tmp_path, *args):
    exe = _chromium()
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *args,
           (built["dir"] / "report.html").as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=180)


def test_chromium_dom_has_figures(built, tmp_path):
    res = _chrome(built, tmp_path, "--dump-dom")
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    imgs = [a for t, a in parse(dom).tags if t == "img"]
    n_figures = built["page"].count("<figure ")
    assert len(imgs) == n_figures > 5
    assert all(a["src"].startswith("data:image/png;base64,") for a in imgs)
    assert "Corpus report" in dom


def test_chromium_screenshot_not_blank(built, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    res = _chrome(built, tmp_path, f"--screenshot={shot}", "--window-size=1200,2400",
                  "--hide-scrollbars")
    assert res.returncode == 0 and shot.is_file(), res.stderr[-2000:]
    img = np.asarray(Image.open(shot).convert("RGB"))
    assert img.shape[0] >= 2000 and img.shape[1] >= 1000
    assert img.std() > 20  # not a blank page
    # the figures render: the blue of the frequency bars (#3b6ea5) is on screen
    blue = np.all(np.abs(img.astype(int) - [0x3b, 0x6e, 0xa5]) < 12, axis=-1)
    assert blue.sum() > 1000


# --- the page and its arguments ----------------------------------------------------------

def test_page_is_the_template(built):
    from importlib import resources

    templates = resources.files("arabcorpus.app").joinpath("templates")
    css = templates.joinpath("report.css").read_text(encoding="utf-8")
    page = built["page"]
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert css.strip() in page and "$" not in page.split("<body>")[0]
    assert '<nav class="note">Sections:' in page
    # one section each, in order
    ids = ["parameters", "load", "lexical", "frequencies", "keyness", "collocates",
           "dispersion", "topics"]
    where = [page.index(f'<h2 id="{i}">') for i in ids]
    assert where == sorted(where)


def test_old_argument_names_warn(sample_corpus, tmp_path):
    with pytest.warns(DeprecationWarning) as caught:
        res = build_report(sample_corpus, tmp_path / "r", span=(3, 2), top=5, k=2, passes=1,
                           figures=False, progress=False)
    messages = " ".join(str(w.message) for w in caught)
    assert "span=" in messages and "top=" in messages
    assert res.params["collocation window"] == "3,2" and res.params["top"] == 5
    with pytest.raises(TypeError, match="progress"):
        build_report(sample_corpus, tmp_path / "x", progress="yes")
    assert not (tmp_path / "x").exists()
