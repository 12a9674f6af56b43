"""A one-file HTML report of a corpus: the ``arabcorpus report`` command.

:func:`build_report` runs the main analyses of the library on one corpus and writes

- ``report.html``: a self-contained page (inline CSS; figures embedded as base64 PNG
  ``data:`` URIs; no script, stylesheet, font or image is fetched from anywhere), which
  opens in any browser without a server or a network. Arabic words, tables of words
  and topic lists are set right to left (``dir="rtl"``); the prose is English.
- ``tables/*.csv``: every table of the report as UTF-8 CSV, beside it.

The report holds the load report, lexical statistics
(:func:`arabcorpus.analyses.frequency.lexical_stats`), the top frequencies
(:func:`arabcorpus.analyses.frequency.frequency`), the key words of each value of a metadata
column against the rest of the corpus (:func:`arabcorpus.analyses.keyness.keyness`), the
collocates of the most frequent content words (:func:`arabcorpus.analyses.collocations.collocates`;
stopwords from :func:`arabcorpus.text.stem.stopwords` are skipped), their dispersion
(:func:`arabcorpus.analyses.dispersion.dispersion_positions`), an LDA topic model with its
c_npmi coherence (:class:`arabcorpus.analyses.topics.TopicModel`; fitted on a seeded
sample of at most ``topic_docs`` documents, 10,000 by default, as the page states), and
the figures of :mod:`arabcorpus.plot`.

The page is the template ``templates/report.html`` (with ``templates/report.css``)
filled by :class:`string.Template`; each section is the HTML fragment of one function
(``_section_frequency``, ``_section_keyness``...), which also writes the section's CSV
tables.

Reproducibility: the page states the library version, every parameter, the seed, and
the input checksum (:func:`corpus_checksum`: SHA-256 over the documents' ids and texts in
order), so the same command on the same input gives the same tables.

Figures are drawn on :class:`matplotlib.figure.Figure` objects with the Agg canvas (no
pyplot, no display needed).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import numbers
import string
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import numpy as np

from arabcorpus._version import __version__
from arabcorpus.text.bidi import close_bidi, isolate_html
from arabcorpus.text.chars import has_arabic
from arabcorpus.util.deprecation import renamed
from arabcorpus.util.memory import release_free_memory

__all__ = ["build_report", "corpus_checksum", "choose_group_column", "ReportResult",
           "TOPIC_DOCS", "TOPIC_CHUNKSIZE"]

#: What the association and keyness sections measure.
ASSOCIATION = ("log_dice", "log_likelihood", "mi", "t_score")


def _is_arabic(value: Any) -> bool:
    """Whether ``value`` is a str with a character of the Arabic script blocks: such
    cells and tables are set right to left."""
    return isinstance(value, str) and has_arabic(value)


def _template(name: str) -> str:
    """A file of ``arabcorpus/app/templates``."""
    return resources.files("arabcorpus.app").joinpath("templates", name).read_text(
        encoding="utf-8")


@dataclass
class ReportResult:
    """What :func:`build_report` wrote.

    Attributes
    ----------
    html : pathlib.Path
        The report page.
    tables : dict of str to pathlib.Path
        The CSV files, by table name.
    figures : list of str
        Names of the embedded figures, in page order.
    params : dict
        The parameters the report was built with (as stated in the page).
    checksum : str
        :func:`corpus_checksum` of the input.
    seconds : float
        Wall time of the build.
    warnings : list of str
        Warnings raised by the analyses (also listed in the page).
    """

    html: Path
    tables: dict[str, Path] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    checksum: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def corpus_checksum(corpus: Any) -> str:
    """SHA-256 over the documents' ids and texts, in corpus order.

    Each document contributes ``id`` + U+001F + ``text`` + U+001E, encoded in UTF-8, so
    the checksum changes if a document is added, removed, reordered, renamed or edited,
    and does not depend on the input format or the normalization profile.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["نص أول", "نص ثان"], progress=False)
    >>> len(corpus_checksum(c))
    64
    >>> corpus_checksum(c) == corpus_checksum(Corpus.build(["نص أول", "نص ثان"],
    ...                                                    progress=False))
    True
    """
    h = hashlib.sha256()
    ids = corpus.metadata["id"].astype(str).tolist()
    for doc_id, text in zip(ids, corpus.texts):
        h.update(doc_id.encode("utf-8"))
        h.update(b"\x1f")
        h.update(str(text).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def choose_group_column(metadata: Any, by: str | None = None) -> str | None:
    """The metadata column whose values the keyword section compares.

    ``by`` if given (it must be a column; ``ValueError`` lists them otherwise), else
    ``source`` if it has at least two distinct values, else ``section`` if it does,
    else ``None`` (no keyword section).

    Examples
    --------
    >>> import pandas as pd
    >>> md = pd.DataFrame({"id": ["a", "b"], "source": ["x", "x"], "section": ["s", "t"]})
    >>> choose_group_column(md)
    'section'
    >>> choose_group_column(md, by="source")
    'source'
    """
    if by is not None:
        if not isinstance(by, str):
            raise TypeError(f"by must be a str, got {type(by).__name__}")
        if by not in metadata.columns:
            cols = [c for c in metadata.columns if c != "id"]
            raise ValueError(f"unknown metadata column {by!r}; columns: {', '.join(cols)}")
        return by
    for col in ("source", "section"):
        if col in metadata.columns and metadata[col].dropna().astype(str).nunique() >= 2:
            return col
    return None


def _fig_uri(fig) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _new_fig(w: float, h: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(w, h))


def _cell(value: Any) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        value = float(value) if not isinstance(value, numbers.Integral) else int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"
    elif isinstance(value, float):
        if math.isnan(value):
            text = ""
        elif math.isinf(value):
            text = "∞" if value > 0 else "−∞"
        elif value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
            text = f"{value:.3g}"
        else:
            text = f"{value:,.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    elif isinstance(value, (list, tuple)):
        text = " ".join(map(str, value))
    else:
        text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="num">{html.escape(text)}</td>'
    # text from the corpus: isolated, with the bidi controls it leaves open closed
    if _is_arabic(text):
        return f'<td dir="rtl" lang="ar">{isolate_html(text)}</td>'
    return f"<td>{isolate_html(text)}</td>"


def _table(df, max_rows: int = 50) -> str:
    cols = [str(c) for c in df.columns]
    rows = df.head(max_rows).itertuples(index=False, name=None)
    arabic_first = len(df) and _is_arabic(str(df.iloc[0, 0]))
    direction = ' dir="rtl"' if arabic_first else ""
    head = "".join(f"<th>{isolate_html(c)}</th>" for c in cols)
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    more = (f'<p class="note">First {max_rows} of {len(df):,} rows; all in the CSV.</p>'
            if len(df) > max_rows else "")
    return (f"<table{direction}><thead><tr>{head}</tr></thead><tbody>\n{body}\n"
            f"</tbody></table>{more}")


class _Builder:
    """What the sections share: the corpus, the parameters, and what was written."""

    def __init__(self, corpus: Any, out: Path, *, layer: str, seed: int, params: dict,
                 progress: bool | None, draw: bool = True):
        self.corpus = corpus
        self.layer = layer
        self.seed = seed
        self.params = params
        self.progress = progress
        self.draw = draw
        self.out = out
        self.tables_dir = out / "tables"
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        self.tables: dict[str, Path] = {}
        self.figures: list[str] = []
        self.warnings: list[str] = []
        self.freq = None                    # the frequency list (set by its section)
        self.form_of: dict[str, str] = {}   # type -> form
        self.stop: frozenset[str] = frozenset()

    def csv(self, name: str, df, index: bool = False) -> str:
        path = self.tables_dir / f"{name}.csv"
        df.to_csv(path, index=index, encoding="utf-8")
        self.tables[name] = path
        return f'<p class="note">CSV: <a href="tables/{name}.csv">tables/{name}.csv</a></p>'

    def figure(self, name: str, draw: Callable[[], Any], caption: str) -> str:
        """Draw with ``draw`` (returns a Figure); embed it; a failure becomes a note."""
        if not self.draw:
            return ""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                fig = draw()
                uri = _fig_uri(fig)
            for w in caught:
                self.warnings.append(f"figure {name}: {w.message}")
        except Exception as exc:  # noqa: BLE001 - a figure must not sink the report
            self.warnings.append(f"figure {name} not drawn: {type(exc).__name__}: {exc}")
            return f'<p class="warn">Figure {html.escape(name)} could not be drawn: ' \
                   f"{html.escape(str(exc))}</p>"
        self.figures.append(name)
        return (f'<figure id="fig-{name}"><img alt="{html.escape(caption)}" '
                f'src="{uri}"><figcaption>{html.escape(caption)}</figcaption></figure>')

    def quietly(self, label: str, fn: Callable[[], Any]) -> Any:
        """``fn()`` with its warnings kept for the page (``label: message``)."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = fn()
        self.warnings += [f"{label}: {w.message}" for w in caught]
        return result


# ------------------------------------------------------------- calls into the library
# Each section calls the analyses only here, so a renamed argument is changed in one
# place.

def _call_frequency(b: _Builder):
    from arabcorpus.analyses.frequency import frequency

    return frequency(b.corpus, layer=b.layer)


def _call_lexical_stats(b: _Builder):
    from arabcorpus.analyses.frequency import lexical_stats

    return lexical_stats(b.corpus, layer=b.layer)


def _call_keyness(b: _Builder, target, reference, min_freq: int):
    from arabcorpus.analyses.keyness import keyness

    return keyness(target, reference, measures=("log_likelihood", "log_ratio"),
                   min_freq=min_freq, layer=b.layer)


def _call_collocates(b: _Builder, node: str, window: tuple[int, int], min_freq: int):
    from arabcorpus.analyses.collocations import collocates

    return collocates(b.corpus, node, window=window, measures=ASSOCIATION,
                      min_freq=min_freq, layer=b.layer)


def _call_dispersion_positions(b: _Builder, words: list[str]):
    from arabcorpus.analyses.dispersion import dispersion_positions

    return dispersion_positions(b.corpus, words, layer=b.layer)


def _call_topics(b: _Builder, corpus: Any, k: int, passes: int, min_df: Any):
    """The model fitted on ``corpus`` (all documents or the sample), its top words and
    its coherence."""
    from arabcorpus.analyses.topics import TopicModel

    tm = TopicModel(k=k, seed=b.seed, passes=passes, chunksize=TOPIC_CHUNKSIZE,
                    min_df=min_df, max_df=0.5, layer=b.layer, progress=b.progress)
    tm.fit(corpus)
    return tm, tm.topics(n=10), tm.coherence(measure="c_npmi")


def _passes(n: int) -> str:
    return "1 pass" if n == 1 else f"{n} passes"


def _topic_sample(n_docs: int, limit: int | None, seed: int) -> np.ndarray | None:
    """Indices (in corpus order) of the documents the topic model is fitted on: a
    seeded sample of ``limit`` documents, or ``None`` for all of them."""
    if limit is None or n_docs <= limit:
        return None
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_docs, size=limit, replace=False))


# ------------------------------------------------------------------------ sections
# One function per section: it returns the section's HTML and writes its CSV tables.

def _section_header(b: _Builder, name: str, checksum: str) -> str:
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"<h1>Corpus report: <span dir=\"auto\">{html.escape(close_bidi(name))}</span></h1>\n"
            f'<p class="note">arabcorpus {html.escape(__version__)}, built {created}. '
            f"Input checksum (SHA-256 over document ids and texts in order): "
            f"<code>{checksum}</code></p>")


def _section_parameters(b: _Builder, name: str) -> str:
    import pandas as pd

    p = b.params
    ptable = pd.DataFrame({"parameter": list(p), "value": [str(v) for v in p.values()]})
    return ("<h2 id=\"parameters\">Parameters</h2>\n" + _table(ptable, max_rows=100) + "\n"
            + b.csv("parameters", ptable) + "\n"
            "<p class=\"note\">Reproduce with <code>arabcorpus report "
            f"{html.escape(close_bidi(name))} "
            f"--by {html.escape(close_bidi(str(p['group column (--by)'])))} "
            f"-k {p['topics k']} --passes {p['topic passes']} "
            f"--topic-docs {p['topic documents']} --seed {b.seed}</code> "
            "(the checksum above identifies the input).</p>")


def _section_load(b: _Builder) -> str:
    parts = ['<h2 id="load">Load report</h2>']
    report = getattr(b.corpus, "load_report", None)
    if report is None:
        parts.append("<p>No load report (the corpus was built without one).</p>")
        return "\n".join(parts)
    parts.append(f"<pre>{html.escape(close_bidi(str(report)))}</pre>")
    to_frame = getattr(report, "to_frame", None)
    if callable(to_frame):
        try:
            skipped = to_frame()
        except Exception:  # noqa: BLE001 - a saved report may be plain JSON
            skipped = None
        if skipped is not None and len(skipped):
            parts.append("<h3>Skipped input</h3>" + _table(skipped, max_rows=10)
                         + b.csv("skipped", skipped))
    return "\n".join(parts)


def _section_lexical(b: _Builder) -> str:
    stats = _call_lexical_stats(b).reset_index()
    stats.columns = ["statistic", "value"]
    return ('<h2 id="lexical">Lexical statistics</h2>\n'
            + _table(stats) + b.csv("lexical_stats", stats))


def _section_frequency(b: _Builder, top: int) -> str:
    from arabcorpus import plot

    freq = b.freq = _call_frequency(b)
    b.form_of = dict(zip(freq["type"].astype(str), freq["form"].astype(str)))

    def _freq_fig():
        fig = _new_fig(6, 7)
        plot.frequencies(freq, n=top, ax=fig.add_subplot(), title=f"Top {top} types")
        return fig

    def _zipf_fig():
        fig = _new_fig(6, 4.5)
        plot.zipf(freq, min_freq=5, ax=fig.add_subplot())
        return fig

    def _cloud_fig():
        fig = _new_fig(8, 4.5)
        plot.wordcloud(freq, n=150, stopwords=b.stop, ax=fig.add_subplot(), seed=b.seed,
                       width=800, height=400)
        return fig

    return "\n".join([
        '<h2 id="frequencies">Top frequencies</h2>',
        f'<div class="grid"><div>{_table(freq, max_rows=top)}{b.csv("frequency", freq)}'
        "</div><div>",
        b.figure("frequencies", _freq_fig,
                 f"The {top} most frequent types ({b.layer} layer), shown as written."),
        b.figure("zipf", _zipf_fig, "Rank against frequency (log-log) with the Zipf fit."),
        "</div></div>",
        b.figure("wordcloud", _cloud_fig, "Word cloud of the frequency list, stopwords left out."),
    ])


def _section_keyness(b: _Builder, group_col: str | None, max_groups: int) -> str:
    import pandas as pd

    from arabcorpus import plot

    parts = ['<h2 id="keyness">Key words per group</h2>']
    kmin = b.params["keyness min_freq"]
    if group_col is None:
        parts.append("<p>No metadata column with two values or more (<code>source</code>, "
                     "<code>section</code>); give one with <code>--by</code>.</p>")
        return "\n".join(parts)
    corpus = b.corpus
    values = corpus.metadata[group_col].astype("string").fillna("(missing)")
    counts = values.value_counts()
    groups = counts.index[:max_groups].tolist()
    parts.append(
        f"<p>Each value of <code>{html.escape(group_col)}</code> against all other "
        f"documents (Rayson's log-likelihood, signed; minimum joint frequency {kmin}). "
        f"{len(counts)} groups"
        + (f", the {max_groups} largest shown" if len(counts) > max_groups else "") + ".</p>")
    all_kw = []
    for g in groups:
        mask = (values == g).to_numpy(dtype=bool)
        if mask.all() or not mask.any():
            continue
        kw = b.quietly(f"keyness {g}", lambda: _call_keyness(
            b, corpus.subcorpus(mask), corpus.subcorpus(~mask), kmin))
        kw.insert(0, group_col, g)
        all_kw.append(kw)
        over = kw[kw["use"] == "over"].head(15)
        cols = [c for c in ("form", "type", "freq_target", "freq_reference",
                            "log_likelihood", "log_ratio") if c in over.columns]
        label = html.escape(close_bidi(str(g)))

        def _kfig(kw=kw, g=g):
            fig = _new_fig(6, 5)
            plot.keyness(kw.drop(columns=[group_col]), measure="log_likelihood", n=10,
                         ax=fig.add_subplot(), title=f"{group_col} = {g}")
            return fig

        parts.append(
            f'<h3><span dir="auto">{label}</span> ({int(mask.sum())} documents)</h3>'
            f'<div class="grid"><div>{_table(over[cols], max_rows=15)}</div><div>'
            + b.figure(f"keyness-{len(all_kw)}", _kfig,
                       f"Key words of {g}: over-use right, under-use left.")
            + "</div></div>")
    if all_kw:
        parts.append(b.csv("keyness", pd.concat(all_kw, ignore_index=True)))
    return "\n".join(parts)


def _section_collocates(b: _Builder, window: tuple[int, int], n_nodes: int) -> str:
    import pandas as pd

    from arabcorpus import plot

    nodes = _content_words(b.freq, b.stop, n_nodes)
    cmin = b.params["collocation min_freq"]
    parts = ['<h2 id="collocates">Collocates of the most frequent content words</h2>',
             f"<p>Window {window[0]} left, {window[1]} right, within documents; minimum "
             f"co-occurrence {cmin}; sorted by logDice; stopwords skipped when choosing "
             "the nodes.</p>"]
    all_col = []
    for i, node in enumerate(nodes):
        col = b.quietly(f"collocates {node}",
                        lambda: _call_collocates(b, node, window, cmin))
        col.insert(0, "node", node)
        all_col.append(col)
        shown = col.drop(columns=["node"])
        shown_node = b.form_of.get(node, node)

        def _cfig(shown=shown, shown_node=shown_node, i=i):
            fig = _new_fig(6, 5)
            ax = fig.add_subplot()
            if i == 0:
                plot.network(shown, measure="log_dice", n=15, query=shown_node, ax=ax,
                             seed=b.seed)
            else:
                plot.collocates(shown, measure="log_dice", n=15, ax=ax)
            return fig

        ccols = [c for c in ("form", "type", "frequency", *ASSOCIATION)
                 if c in shown.columns]
        parts.append(
            f'<h3 dir="rtl" lang="ar">{html.escape(close_bidi(shown_node))}</h3>'
            f'<div class="grid"><div>{_table(shown[ccols], max_rows=15)}</div><div>'
            + b.figure(f"collocates-{i + 1}", _cfig,
                       ("Collocation network" if i == 0 else "Collocates")
                       + f" of {shown_node} (logDice).")
            + "</div></div>")
    if all_col:
        parts.append(b.csv("collocates", pd.concat(all_col, ignore_index=True)))
    return "\n".join(parts)


def _section_dispersion(b: _Builder) -> str:
    from arabcorpus import plot

    words = _content_words(b.freq, b.stop, 6)
    if not words:
        return ""
    pos = _call_dispersion_positions(b, words)

    def _dfig():
        fig = _new_fig(9, 3.5)
        plot.dispersion(pos, query=words, ax=fig.add_subplot())
        return fig

    return ('<h2 id="dispersion">Dispersion</h2>\n'
            + b.figure("dispersion", _dfig,
                       "Where the most frequent content words occur in the running text."))


def _section_topics(b: _Builder) -> str:
    parts = ['<h2 id="topics">Topic model</h2>']
    kk = int(b.params["topics k"])
    sample = _topic_sample(len(b.corpus), b.params["topic documents"], b.seed)
    corpus = b.corpus if sample is None else b.corpus.subcorpus(sample)
    try:
        tm, words, coh = b.quietly("topics", lambda: _call_topics(
            b, corpus, kk, int(b.params["topic passes"]), b.params["topic min_df"]))
    except Exception as exc:  # noqa: BLE001 - e.g. too small a corpus; reported in the page
        b.warnings.append(f"topic model not fitted: {type(exc).__name__}: {exc}")
        parts.append(f'<p class="warn">No topic model: {html.escape(str(exc))}</p>')
        return "\n".join(parts)
    parts.append(b.csv("topics", words))
    overall = float(coh.attrs.get("overall", coh["coherence"].mean()))
    wide = (words.groupby("topic")["form"]
            .apply(lambda s: " ".join(map(str, s))).reset_index(name="top words"))
    wide = wide.merge(coh[["topic", "coherence"]], on="topic", how="left")
    if sample is None:
        scope = f"{tm.n_documents_:,} documents"
    else:
        scope = (f"<b>a random sample of {tm.n_documents_:,} of the {len(b.corpus):,} "
                 f"documents</b> (seed {b.seed}; <code>--topic-docs</code> sets the size), "
                 "to keep the report fast: the topics, their coherence and their "
                 "proportions over time are those of the sample")
    parts.append(
        f"<p>LDA (gensim <code>LdaModel</code>, one worker, seed {b.seed}), k = {kk}, "
        f"{_passes(int(b.params['topic passes']))} over {scope}, updated every "
        f"{TOPIC_CHUNKSIZE:,} documents; "
        f"{tm.n_tokens_:,} tokens and {tm.n_types_:,} types "
        f"after filtering (stopwords, numbers, document frequency). Mean coherence "
        f"c_npmi = <b>{overall:.3f}</b> (from −1 to 1, higher is more coherent; "
        f"windows of 10 tokens, as gensim's <code>CoherenceModel</code>).</p>")
    rows = "".join(
        f'<tr><td class="num">{int(t)}</td><td dir="rtl" lang="ar">'
        f'{isolate_html(str(w))}</td><td class="num">{c:.3f}</td></tr>'
        for t, w, c in wide[["topic", "top words", "coherence"]].itertuples(index=False,
                                                                           name=None))
    parts.append("<table><thead><tr><th>topic</th><th>top words</th><th>c_npmi</th></tr>"
                 f"</thead><tbody>{rows}</tbody></table>")
    parts.append(b.csv("coherence", coh.assign(words=coh["words"].map(
        lambda w: " ".join(map(str, w)) if isinstance(w, (list, tuple)) else w))))
    parts.append(_topic_figures(b, tm, coh, kk, corpus))
    return "\n".join(parts)


def _topic_figures(b: _Builder, tm: Any, coh: Any, kk: int, corpus: Any) -> str:
    import pandas as pd

    from arabcorpus import plot

    ncols = min(kk, 5)
    nrows = math.ceil(kk / ncols)

    def _tfig():
        fig = _new_fig(2.6 * ncols, 3.0 * nrows)
        axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
        plot.topics(tm, n=8, ax=axes[:kk])
        for ax in axes[kk:]:
            ax.set_visible(False)
        return fig

    def _cohfig():
        fig = _new_fig(6, 3.5)
        plot.coherence(coh, ax=fig.add_subplot())
        return fig

    parts = [b.figure("topics", _tfig, "Top words of each topic, by weight."),
             b.figure("coherence", _cohfig, "Coherence (c_npmi) of each topic.")]
    meta = corpus.metadata
    if "date" in meta.columns and meta["date"].notna().any():
        dates = pd.to_datetime(meta["date"], errors="coerce")
        span_days = (dates.max() - dates.min()).days if dates.notna().any() else 0
        freq_code = "D" if span_days <= 62 else ("W" if span_days <= 400 else "M")
        try:
            over = b.quietly("topics over time", lambda: tm.over_time(freq=freq_code))
            if over["period"].nunique() >= 2:
                parts.append(b.csv("topics_over_time", over))

                def _otfig():
                    fig = _new_fig(9, 4)
                    plot.topics_over_time(over, ax=fig.add_subplot(), words=tm)
                    return fig

                parts.append(b.figure("topics_over_time", _otfig,
                                      f"Mean topic proportion per period ({freq_code})."))
        except Exception as exc:  # noqa: BLE001
            b.warnings.append(f"topics over time: {type(exc).__name__}: {exc}")
    return "\n".join(parts)


def _section_warnings(b: _Builder) -> str:
    if not b.warnings:
        return ""
    items = "".join(f'<li dir="auto">{html.escape(close_bidi(w))}</li>'
                    for w in dict.fromkeys(b.warnings))
    return f'<h2 id="warnings">Warnings</h2><ul class="warn">{items}</ul>'


def _release_heap() -> None:
    """Give the memory Python and NumPy freed back to the system (glibc's
    ``malloc_trim``; nothing elsewhere), so that the next section's peak starts from
    what is in use, not from the last one's high-water mark (kept: peak of the
    report on SaudiNewsNet about 130 MB lower, 2026-12-05)."""
    release_free_memory()


def _forget_derived(corpus: Any, before: set) -> None:
    """Drop from ``corpus.cache`` what the report's sections added (position index,
    document runs of the frequency list...). Before the key words, whose subcorpora
    have caches of their own, and before the topic model, which uses none of it: on
    SaudiNewsNet it is 250 MB that would sit under their peaks (kept: peak of the
    report 1.16 GB -> under 1 GB, for 0.5 s of CPU to rebuild the position index for
    the collocates, 2026-12-05)."""
    cache = getattr(corpus, "cache", None)
    if isinstance(cache, dict):
        for key in set(cache) - before:
            del cache[key]
    _release_heap()


def _content_words(freq, stop: frozenset[str], n: int) -> list[str]:
    words = []
    for w in freq["type"]:
        w = str(w)
        clitic_stop = w[:1] in ("و", "ف", "ب") and w[1:] in stop  # e.g. وقال
        if (w in stop or clitic_stop or len(w) < 3 or not _is_arabic(w)
                or any(ch.isdigit() for ch in w)):
            continue
        words.append(w)
        if len(words) == n:
            break
    return words


#: The report's topic model is fitted on at most this many documents by default (a
#: seeded sample of a larger corpus), in one pass of updates every ``TOPIC_CHUNKSIZE``
#: documents. On SaudiNewsNet (30,676 documents, k=20, 2026-12-05): the model of all
#: of them (2 passes, updates every 2,000) took 30 s of CPU for training and document
#: proportions, mean c_npmi 0.114 over all documents; the sample 7 s, 0.111 (10,000
#: documents in 2 passes of 2,000: 11 s, 0.088; 5,000 in 2 passes of 500: 0.053).
TOPIC_DOCS = 10_000
#: Documents per online update of the report's topic model (``TopicModel`` default 2,000).
TOPIC_CHUNKSIZE = 1000


def _defaults(n_docs: int) -> dict[str, Any]:
    small = n_docs < 1000
    return {"k": 5 if small else 20, "passes": 10 if small else 1,
            "min_df": 2 if small else 5, "topic_docs": TOPIC_DOCS,
            "keyness_min_freq": 3 if small else 20,
            "collocate_min_freq": 2 if small else 5}


# --------------------------------------------------------------------------- main

@renamed(span="window", top="n")
def build_report(corpus: Any, out: str | Path, *, by: str | None = None,
                 name: str = "corpus", n: int = 30, k: int | None = None,
                 passes: int | None = None, min_df: int | None = None,
                 topic_docs: int | None = None, seed: int = 0,
                 window: int | tuple[int, int] = 5, n_nodes: int = 3,
                 keyness_min_freq: int | None = None, collocate_min_freq: int | None = None,
                 max_groups: int = 20, figures: bool = True, progress: bool | None = None,
                 layer: str = "norm") -> ReportResult:
    """Analyse a corpus and write ``report.html`` and ``tables/*.csv`` into ``out``.

    Parameters
    ----------
    corpus : Corpus
    out : str or Path
        Output folder (created if needed; existing report files are overwritten).
    by : str, optional
        Metadata column for the key words of each group against the rest; default
        :func:`choose_group_column` (``source`` if it has two values or more, else
        ``section``).
    name : str
        How the input is named in the page (path or dataset name).
    n : int, default 30
        Rows of the frequency table in the page (the CSV has them all). Formerly
        ``top`` (still accepted, with a DeprecationWarning).
    k, passes, min_df : int, optional
        Topic model: topics, gensim passes, minimum document frequency. Defaults
        depend on size: fewer than 1,000 documents ``k=5, passes=10, min_df=2``
        (seconds on the sample); otherwise ``k=20, passes=1, min_df=5``. The model
        is updated every 1,000 documents (``TOPIC_CHUNKSIZE``; ``TopicModel``'s
        default is 2,000), as the page states.
    topic_docs : int, optional
        Fit the topic model on at most this many documents: a corpus larger than
        that is modelled on a random sample of ``topic_docs`` documents (drawn with
        ``seed``, kept in corpus order), which the page states; every other section
        uses all documents. Default 10,000 (``TOPIC_DOCS``): SaudiNewsNet's
        30,676 articles are modelled on a sample of 10,000. Give the number of
        documents of the corpus to model all of them.
    seed : int
        Seed of the topic model, the network layout and the word cloud.
    window : int or (int, int), default 5
        Collocation window: tokens on each side, or (left, right). Formerly
        ``span=(5, 5)`` (still accepted, with a DeprecationWarning).
    n_nodes : int
        How many of the most frequent content words get a collocates table.
    keyness_min_freq, collocate_min_freq : int, optional
        Minimum frequencies (defaults 3 and 2 below 1,000 documents, else 20 and 5).
    max_groups : int
        At most this many groups (the largest) in the keyword section.
    figures : bool
        Draw the figures (``False``: tables only, much faster).
    progress : bool or None, default None
        A progress bar on standard error: ``None`` shows it in a notebook or a terminal
        (:func:`arabcorpus.util.progress.progress_bar`), True/False force it.
    layer : str, default "norm"
        The layer every section counts on (``"lemma"`` for lemmas, if the corpus was
        built with it). Tables and figures show each type's ``form``.

    Returns
    -------
    ReportResult

    Examples
    --------
    >>> import tempfile
    >>> from arabcorpus.corpus import Corpus
    >>> from arabcorpus.io.datasets import load_dataset
    >>> corpus = Corpus.build(load_dataset("sample"), progress=False)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     res = build_report(corpus, tmp, name="sample", progress=False)
    ...     page = res.html.read_text(encoding="utf-8")
    >>> "data:image/png;base64," in page and res.checksum in page
    True
    """
    from arabcorpus.analyses import query as Q
    from arabcorpus.text.stem import stopwords
    from arabcorpus.util.progress import check_progress, progress_bar
    from arabcorpus.util.validate import check_int, check_window

    if not isinstance(out, (str, Path)):
        raise TypeError(f"out must be a str or Path, got {type(out).__name__}")
    check_progress(progress)
    window = check_window(window)
    if topic_docs is not None:
        check_int(topic_docs, "topic_docs", minimum=1)
    if figures:
        try:
            import matplotlib  # noqa: F401
        except ImportError as exc:
            raise ImportError("the report's figures need matplotlib: pip install "
                              "'arabcorpus[plot]' (or build with figures=False)") from exc
    Q.check_layer(corpus, layer)  # before anything is written
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    group_col = choose_group_column(corpus.metadata, by)
    d = _defaults(len(corpus))
    params = {
        "input": name, "documents": len(corpus), "tokens": int(corpus.n_tokens),
        "profile": corpus.profile, "layer": layer, "group column (--by)": group_col,
        "top": n, "topics k": k if k is not None else d["k"],
        "topic passes": passes if passes is not None else d["passes"],
        "topic chunksize": TOPIC_CHUNKSIZE,
        "topic min_df": min_df if min_df is not None else d["min_df"],
        "topic documents": topic_docs if topic_docs is not None else d["topic_docs"],
        "topic max_df": 0.5, "seed": seed,
        "collocation window": f"{window[0]},{window[1]}",
        "collocation min_freq": collocate_min_freq if collocate_min_freq is not None
        else d["collocate_min_freq"],
        "keyness min_freq": keyness_min_freq if keyness_min_freq is not None
        else d["keyness_min_freq"],
        "keyness measure": "log_likelihood (Rayson's two-term log-likelihood), log_ratio",
        "association measures": ", ".join(ASSOCIATION),
    }
    checksum = corpus_checksum(corpus)
    b = _Builder(corpus, out, layer=layer, seed=seed, params=params, progress=progress,
                 draw=figures)
    b.stop = stopwords(profile=corpus.profile)
    cached = set(getattr(corpus, "cache", {}))
    sections: list[tuple[str, Callable[[], str]]] = [
        ("parameters", lambda: _section_parameters(b, name)),
        ("load report", lambda: _section_load(b)),
        ("lexical statistics", lambda: _section_lexical(b)),
        ("frequencies", lambda: _section_frequency(b, n)),
        ("keyness", lambda: _forget_derived(corpus, cached)
         or _section_keyness(b, group_col, max_groups)),
        ("collocates", lambda: _section_collocates(b, window, n_nodes)),
        ("dispersion", lambda: _section_dispersion(b)),
        ("topics", lambda: _forget_derived(corpus, cached) or _section_topics(b)),
        ("warnings", lambda: _section_warnings(b)),
    ]
    body = []
    with progress_bar(progress, total=len(sections), desc="report", unit="step",
                      leave=False) as bar:
        for label, section in sections:
            bar.set_postfix_str(label)
            _release_heap()
            body.append(section())
            bar.update(1)
    seconds = time.perf_counter() - t0
    page = string.Template(_template("report.html")).substitute(
        version=html.escape(__version__), name=html.escape(close_bidi(name)),
        css=_template("report.css"), header=_section_header(b, name, checksum),
        body="\n".join(part for part in body if part), seconds=f"{seconds:.1f}")
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return ReportResult(html=path, tables=b.tables, figures=b.figures, params=params,
                        checksum=checksum, seconds=seconds,
                        warnings=list(dict.fromkeys(b.warnings)))
