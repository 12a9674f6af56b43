"""The ``arabcorpus`` command.

Subcommands (``arabcorpus SUBCOMMAND --help`` for each):

``normalize``   normalize text from files or standard input
``stats``       corpus size, types, lexical statistics and the load report
``kwic``        a concordance of a word, phrase or regular expression
``collocates``  collocates of a node word with association measures
``keyness``     keywords of one part of a corpus against the rest
``topics``      an LDA topic model with its coherence
``report``      a self-contained HTML report with its tables as CSV

A corpus argument is a path (any format :func:`arabcorpus.io.readers.read` knows), a folder
written by :meth:`arabcorpus.corpus.Corpus.save`, or a dataset name (``sample``,
``saudinewsnet``). With no corpus, the bundled ``sample`` is used.

Tables print as aligned text, or with ``--format csv|tsv|json`` in a form that parses
back (``json``: a list of records). Progress bars go to standard error.

Errors print one line on standard error (the traceback only with ``--debug``) and exit
with status 2 (bad usage or input) or 1 (anything else); an interrupt exits 130.
Option values are checked before any work starts: numbers against their ranges
(windows at most :data:`MAX_WINDOW` tokens on each side, at most :data:`MAX_TOPICS`
topics, :data:`MAX_WORDS` words per topic and :data:`MAX_PASSES` passes; seeds from 0
to 2**32-1), ``--measures`` must name at least one measure, ``report --out`` must not
be empty, and ``normalize --output-dir`` refuses two inputs with the same file name
(``a/x.txt`` and ``b/x.txt``) and an output that is one of the inputs, before writing.
Problems inside a corpus (unreadable records, undecodable files) are reported on
standard error and skipped, unless ``--strict``, which makes the first one an error.

Examples
--------
>>> import contextlib, io
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(["normalize", "--rule", "diacritics=on", "--text", "كَتَبَ"])
>>> status, buf.getvalue()
(0, 'كتب\\n')
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Sequence

from arabcorpus._version import __version__

__all__ = ["main", "build_parser", "load_corpus", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json")


class CLIError(Exception):
    """An error to report as one line, exit status 2."""


# --- corpus input ---------------------------------------------------------------------

def load_corpus(spec: str | None, *, profile: str = "search", text_field: str | None = None,
                strict: bool = False, progress: bool = True, layer: str = "norm",
                lemmatizer: str = "default"):
    """Turn a corpus argument into a :class:`~arabcorpus.corpus.Corpus`.

    Parameters
    ----------
    spec : str or None
        A folder written by :meth:`Corpus.save` (it holds ``corpus.json``), an existing
        path to documents (any format :func:`arabcorpus.io.readers.read` detects), or a
        dataset name of :data:`arabcorpus.io.datasets.REGISTRY`. ``None`` means ``sample``.
        An existing path wins over a dataset of the same name.
    profile : str
        Normalization profile of a corpus built here (a saved corpus keeps its own).
    text_field : str, optional
        Text field of CSV/JSON/JSON Lines input.
    strict : bool
        Make the first problem in the input an error instead of a skipped item.
    progress : bool
        tqdm progress bars on standard error.
    layer : str
        The layer the command counts on: a corpus built here gets it (``lemma``,
        ``base``, ``clitics`` or ``stem``); a saved corpus must have it.
    lemmatizer : str
        The backend of a ``lemma`` layer built here.

    Raises
    ------
    CLIError
        For a path that does not exist and is no dataset name (listing the datasets),
        or a saved corpus without ``layer`` (listing its layers).

    Examples
    --------
    >>> c = load_corpus("sample", progress=False)
    >>> len(c) > 0, c.profile
    (True, 'search')
    """
    from arabcorpus.io import datasets
    from arabcorpus.corpus.memory import Corpus

    if spec is not None and not isinstance(spec, str):
        raise TypeError(f"spec must be a str, got {type(spec).__name__}")
    spec = spec or "sample"
    path = Path(spec)
    from arabcorpus.corpus.memory import LAYERS

    if not isinstance(layer, str) or layer not in LAYERS:
        raise CLIError(f"unknown layer {layer!r}; valid layers: {', '.join(LAYERS)}")
    if path.is_dir() and (path / "corpus.json").is_file():
        corpus = Corpus.load(path)
        if layer not in corpus.layers:
            raise CLIError(f"the saved corpus {spec} has no {layer!r} layer (it has "
                           f"{', '.join(corpus.layers)}); build it again from the "
                           f"documents with --layer {layer}")
        return corpus
    if spec in datasets.REGISTRY and not path.exists():
        docs = datasets.load_dataset(spec, progress=progress)
    else:
        if not path.exists():
            raise CLIError(f"no such file, folder or dataset: {spec!r} "
                           f"(datasets: {', '.join(sorted(datasets.REGISTRY))})")
        from arabcorpus.io import readers

        options = {"strict": strict}
        if text_field:
            options["text_field"] = text_field
        docs = readers.read(path, **options)
    lem: object = lemmatizer
    if layer == "lemma":
        from arabcorpus.text.lemma import Lemmatizer

        try:
            lem = Lemmatizer(lemmatizer)
        except (ValueError, ImportError) as exc:  # unknown or not installed
            raise CLIError(str(exc)) from exc
    corpus = Corpus.build(docs, profile=profile, progress=progress, layers=(layer,),
                          lemmatizer=lem)
    if len(corpus) == 0:
        raise CLIError(f"no documents could be read from {spec!r}")
    return corpus


def _report_problems(corpus) -> None:
    """One line on standard error if the reader skipped anything."""
    report = getattr(corpus, "load_report", None)
    n = getattr(report, "n_skipped", 0) if report is not None else 0
    if n:
        kinds = getattr(report, "skipped_by_kind", None)
        kinds = (kinds() if callable(kinds) else kinds) or {}
        detail = ", ".join(f"{k}: {v}" for k, v in kinds.items())
        print(f"arabcorpus: warning: {n} input item(s) skipped ({detail}); "
              f"`arabcorpus stats` lists them, --strict makes them errors", file=sys.stderr)


# --- output ---------------------------------------------------------------------------

def _fmt_float(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.4g}"


def _emit(df, fmt: str, out=None) -> None:
    """Write a DataFrame as an aligned table, CSV, TSV or JSON records."""
    out = out or sys.stdout
    if fmt == "csv":
        df.to_csv(out, index=False)
    elif fmt == "tsv":
        df.to_csv(out, index=False, sep="\t")
    elif fmt == "json":
        out.write(df.to_json(orient="records", force_ascii=False, date_format="iso"))
        out.write("\n")
    else:
        import pandas as pd

        if len(df) == 0:
            out.write("(no rows)\n")
            return
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60,
                               "display.float_format", _fmt_float):
            out.write(df.to_string(index=False) + "\n")


# --- subcommands ----------------------------------------------------------------------

def _parse_rules(items: Sequence[str] | None) -> dict:
    overrides: dict = {}
    for item in items or []:
        name, _, value = item.partition("=")
        lowered = value.lower()
        if lowered in ("", "1", "true", "yes", "on"):
            overrides[name] = True
        elif lowered in ("0", "false", "no", "off"):
            overrides[name] = False
        else:
            overrides[name] = value
    return overrides


def _cmd_normalize(args) -> int:
    from arabcorpus.text.normalize import Normalizer

    try:
        norm = Normalizer(profile=args.profile, **_parse_rules(args.rule))
    except (TypeError, ValueError) as exc:
        raise CLIError(str(exc)) from exc
    if args.text is not None:
        if args.files:
            raise CLIError("give either --text or files, not both")
        sys.stdout.write(norm.normalize(args.text) + "\n")
        return 0
    sources = args.files or ["-"]
    for src in sources:  # check all first: fail before writing anything
        if src != "-" and not Path(src).is_file():
            raise CLIError(f"no such file: {src}")
    out_dir = Path(args.output_dir) if args.output_dir is not None else None
    if out_dir is not None:
        if not str(args.output_dir).strip():
            raise CLIError("--output-dir is empty; give a folder")
        _check_targets(sources, out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
    for src in sources:
        if src == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(src).read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise CLIError(f"{src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        result = norm.normalize(text)
        if out_dir is not None and src != "-":
            (out_dir / Path(src).name).write_text(result, encoding="utf-8")
        else:
            sys.stdout.write(result)
    return 0


def _check_targets(sources: Sequence[str], out_dir: Path) -> None:
    """Refuse, before anything is written, an output that would overwrite an input or
    that two inputs would both write (``a/x.txt`` and ``b/x.txt`` -> ``OUT/x.txt``)."""
    inputs = {Path(src).resolve() for src in sources if src != "-"}
    writers: dict[Path, str] = {}
    for src in sources:
        if src == "-":
            continue
        target = (out_dir / Path(src).name).resolve()
        if target in inputs:
            raise CLIError(f"--output-dir would overwrite the input {target}")
        if target in writers:
            raise CLIError(f"{writers[target]} and {src} would both be written to "
                           f"{out_dir / Path(src).name}; normalize them into "
                           "different --output-dir folders")
        writers[target] = src


def _corpus_from_args(args, spec=None):
    corpus = load_corpus(args.corpus if spec is None else spec, profile=args.profile,
                         text_field=args.text_field, strict=args.strict,
                         progress=not args.quiet, layer=args.layer,
                         lemmatizer=args.lemmatizer)
    _report_problems(corpus)
    return corpus


def _cmd_stats(args) -> int:
    import pandas as pd

    from arabcorpus.analyses.frequency import frequency, lexical_stats

    corpus = _corpus_from_args(args)
    stats = lexical_stats(corpus, layer=args.layer).reset_index()
    stats.columns = ["statistic", "value"]
    size = pd.DataFrame({"statistic": ["documents", "tokens_all", "types_surface"],
                         "value": [len(corpus), corpus.n_tokens, corpus.n_types("surface")]})
    table = pd.concat([size, stats], ignore_index=True)
    # ints stay ints in csv/json output
    table["value"] = pd.Series([int(v) if float(v).is_integer() else float(v)
                                for v in table["value"]], dtype=object)
    if args.format != "table":
        _emit(table, args.format)
        return 0
    report = getattr(corpus, "load_report", None)
    if report is not None:
        print(str(report))
        print()
    _emit(table, "table")
    print()
    _emit(frequency(corpus, layer=args.layer).head(args.top), "table")
    return 0


def _cmd_kwic(args) -> int:
    from arabcorpus.analyses.kwic import kwic

    corpus = _corpus_from_args(args)
    conc = kwic(corpus, args.query, window=args.window, sort=args.sort, limit=args.limit,
                regex=args.regex, layer=args.layer)
    df = conc.to_frame()
    if args.format == "table":
        cols = [c for c in ("id", "left", "node", "right") if c in df.columns]
        df = df[cols]
        if len(df):
            df = df.assign(left=df["left"].str.strip(), right=df["right"].str.strip())
    _emit(df, args.format)
    return 0


def _measures(text: str):
    """Measure names of a ``--measures`` value: comma-separated, at least one."""
    names = tuple(m.strip() for m in text.split(",") if m.strip())
    if not names:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated measure names, got {text!r}")
    return names


def _cmd_collocates(args) -> int:
    from arabcorpus.analyses.collocations import collocates

    corpus = _corpus_from_args(args)
    kwargs = {"span": (args.left, args.right), "min_freq": args.min_freq, "regex": args.regex,
              "layer": args.layer}
    if args.measures:
        kwargs["measures"] = args.measures
    df = collocates(corpus, args.node, **kwargs)
    if args.sort_by:
        if args.sort_by not in df.columns:
            raise CLIError(f"unknown --sort-by column {args.sort_by!r}; "
                           f"columns: {', '.join(map(str, df.columns))}")
        df = df.sort_values(args.sort_by, ascending=False, kind="stable")
    _emit(df.head(args.top), args.format)
    return 0


def _cmd_keyness(args) -> int:
    from arabcorpus.analyses.keyness import keyness

    corpus = _corpus_from_args(args)
    if args.reference:
        if args.by:
            raise CLIError("give either a --reference corpus or --by, not both")
        target, reference = corpus, _corpus_from_args(args, spec=args.reference)
    else:
        if not args.by or args.value is None:
            raise CLIError("keyness needs --reference CORPUS, or --by COLUMN --value VALUE")
        meta = corpus.metadata
        if args.by not in meta.columns:
            raise CLIError(f"unknown metadata column {args.by!r}; "
                           f"columns: {', '.join(map(str, meta.columns))}")
        values = meta[args.by].astype("string")
        mask = (values == args.value).fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            shown = ", ".join(map(str, values.dropna().unique()[:20]))
            raise CLIError(f"no document has {args.by} == {args.value!r}; values: {shown}")
        if mask.all():
            raise CLIError(f"every document has {args.by} == {args.value!r}: no reference")
        target, reference = corpus.subcorpus(mask), corpus.subcorpus(~mask)
    kwargs = {"min_freq": args.min_freq, "layer": args.layer}
    if args.measures:
        kwargs["measures"] = args.measures
    df = keyness(target, reference, **kwargs)
    _emit(df.head(args.top), args.format)
    return 0


def _cmd_topics(args) -> int:
    from arabcorpus.analyses.topics import TopicModel

    corpus = _corpus_from_args(args)
    model = TopicModel(args.k, seed=args.seed, min_df=args.min_df, max_df=args.max_df,
                       passes=args.passes, progress=not args.quiet,
                       layer=args.layer).fit(corpus)
    df = model.topics(n=args.words)
    if args.format == "table":
        coh = model.coherence("c_npmi", topn=args.words)
        wide = (df.groupby("topic")["word"].apply(lambda s: " ".join(map(str, s)))
                .reset_index(name="top words"))
        wide = wide.merge(coh[["topic", "coherence"]], on="topic", how="left")
        overall = float(coh.attrs.get("overall", coh["coherence"].mean()))
        print(f"k={args.k}  seed={args.seed}  documents={model.n_documents_:,}  "
              f"tokens={model.n_tokens_:,}  types={model.n_types_:,}  mean c_npmi={overall:.3f}")
        _emit(wide, "table")
    else:
        _emit(df, args.format)
    return 0


def _cmd_report(args) -> int:
    from arabcorpus.app.report import build_report

    corpus = _corpus_from_args(args)
    name = args.corpus or "sample"
    res = build_report(corpus, args.out, by=args.by, name=name, top=args.top, k=args.k,
                       passes=args.passes, seed=args.seed, progress=not args.quiet,
                       layer=args.layer)
    print(f"wrote {res.html} ({len(res.figures)} figures, {len(res.tables)} CSV tables "
          f"in {res.html.parent / 'tables'}) in {res.seconds:.1f} s", file=sys.stderr)
    for w in res.warnings:
        print(f"arabcorpus: warning: {w}", file=sys.stderr)
    print(res.html)
    return 0


# --- parser ---------------------------------------------------------------------------

def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None


def _positive(value: str) -> int:
    n = _whole(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {n}")
    return n


#: Upper bounds of the numeric options, far above what an analysis needs and low
#: enough that a typing slip fails at once instead of exhausting memory or time:
#: context and collocation windows (tokens on each side), topics, words per topic and
#: training passes. The Python API takes larger values.
MAX_WINDOW = 100
MAX_TOPICS = 1000
MAX_WORDS = 1000
MAX_PASSES = 1000
MAX_SEED = 2**32 - 1  # numpy and gensim seeds are 32-bit


def _bounded(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`."""
    def check(value: str) -> int:
        n = _whole(value)
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {low:,} to {high:,}, got {n:,}")
        return n
    check.__name__ = f"number from {low} to {high}"
    return check


def _proportion(value: str) -> float:
    """An argparse type: a number above 0 and at most 1."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a proportion, got {value!r}") from None
    if not 0 < x <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"expected a proportion above 0 and at most 1, got {value}")
    return x


def _out_folder(value: str) -> str:
    """An argparse type: a non-empty folder path (an empty one would mean the current
    folder)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "expected a folder, got an empty string (use '.' for the current folder)")
    return value


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on standard error (status 2), like the other errors."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"arabcorpus: error: {self.prog}: {message} "
                     f"(see `{self.prog} --help`)\n")


def _add_corpus_args(p: argparse.ArgumentParser, corpus: bool = True,
                     fmt: bool = True) -> None:
    if corpus:
        p.add_argument("corpus", nargs="?", default=None,
                       help="a path (txt/json/jsonl/csv/tsv/zip or a folder), a saved "
                            "corpus folder, or a dataset name: sample, saudinewsnet "
                            "(default: the bundled sample)")
    p.add_argument("--profile", default="search",
                   help="normalization profile of the corpus: none, light, standard, "
                        "search (default: search)")
    p.add_argument("--text-field", default=None,
                   help="the text column/field of CSV, JSON or JSON Lines input")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first problem in the input instead of reporting it")
    if fmt:
        p.add_argument("--format", choices=FORMATS, default="table",
                       help="output: an aligned table (default), csv, tsv or json records")
    if corpus:
        from arabcorpus.corpus.memory import LAYERS

        p.add_argument("--layer", choices=LAYERS, default="norm",
                       help="the layer to count on: norm (default), lemma, base (clitics "
                            "split off), clitics, stem or surface; built when the corpus "
                            "is read from documents")
        p.add_argument("--lemmatizer", default="default",
                       help="backend of the lemma layer: default, simplemma, qalsadi, "
                            "camel (default: default)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks on errors")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arabcorpus`` command.

    Examples
    --------
    >>> args = build_parser().parse_args(["kwic", "النفط", "sample", "--window", "3"])
    >>> args.command, args.query, args.corpus, args.window
    ('kwic', 'النفط', 'sample', 3)
    """
    parser = _Parser(
        prog="arabcorpus",
        description="Arabic corpus linguistics: normalize, count, concordance, "
                    "collocations, keyness, topics and a one-command HTML report.",
        epilog="Run `arabcorpus COMMAND --help` for the options of each command. "
               "Datasets are found in $ARABCORPUS_DATA.")
    parser.add_argument("--version", action="version", version=f"arabcorpus {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("normalize", help="normalize text from files or standard input",
                       description="Normalize Arabic text with a profile and per-rule "
                                   "overrides; standard input to standard output by default.")
    p.add_argument("files", nargs="*", help="UTF-8 text files (default: standard input)")
    p.add_argument("--text", default=None, help="normalize this string instead of files")
    p.add_argument("--profile", default="standard",
                   help="none, light, standard or search (default: standard)")
    p.add_argument("--rule", action="append", metavar="NAME[=VALUE]",
                   help="turn one rule on or off, e.g. --rule teh_marbuta=off "
                        "(repeatable; see arabcorpus.text.normalize.RULES)")
    p.add_argument("--output-dir", default=None, help="write one file per input here")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks on errors")
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("stats", help="corpus size, lexical statistics, load report",
                       description="Size, lexical statistics (TTR, STTR, MATTR, hapaxes, "
                                   "Zipf), the load report and the top frequencies. With "
                                   "--format csv/tsv/json only the statistics table.")
    _add_corpus_args(p)
    p.add_argument("--top", type=_positive, default=20, help="how many frequent words to show")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("kwic", help="a concordance (keyword in context)",
                       description="Concordance lines of a word, a phrase (words separated "
                                   "by spaces) or, with --regex, regular expressions.")
    p.add_argument("query", help="a word, a phrase, or a regular expression")
    _add_corpus_args(p)
    p.add_argument("--window", type=_bounded(1, MAX_WINDOW), default=5,
                   help=f"context words on each side (1 to {MAX_WINDOW}, default 5)")
    p.add_argument("--sort", default=None, help="sort key such as R1, L1 or node")
    p.add_argument("--limit", type=_positive, default=None, help="at most this many lines")
    p.add_argument("--regex", action="store_true", help="the query is a regular expression")
    p.set_defaults(func=_cmd_kwic)

    p = sub.add_parser("collocates", help="collocates of a node word",
                       description="Collocates of a node within a window, with association "
                                   "measures (arabcorpus.analyses.measures.ASSOCIATION_MEASURES).")
    p.add_argument("node", help="the node word (or phrase)")
    _add_corpus_args(p)
    p.add_argument("--left", type=_bounded(0, MAX_WINDOW), default=5,
                   help=f"window to the left (0 to {MAX_WINDOW}, default 5)")
    p.add_argument("--right", type=_bounded(0, MAX_WINDOW), default=5,
                   help=f"window to the right (0 to {MAX_WINDOW}, default 5)")
    p.add_argument("--measures", type=_measures, default=None,
                   help="comma-separated measure names (default: the library's)")
    p.add_argument("--min-freq", type=_positive, default=3, help="minimum co-occurrence count")
    p.add_argument("--sort-by", default=None,
                   help="column to sort by (default: the first measure)")
    p.add_argument("--top", type=_positive, default=30, help="rows to show")
    p.add_argument("--regex", action="store_true", help="the node is a regular expression")
    p.set_defaults(func=_cmd_collocates)

    p = sub.add_parser("keyness", help="keywords of a corpus against a reference",
                       description="Key words of CORPUS against --reference, or of the "
                                   "documents with --by COLUMN == --value against the rest.")
    _add_corpus_args(p)
    p.add_argument("--reference", default=None, help="a reference corpus")
    p.add_argument("--by", default=None, help="split the corpus by this metadata column")
    p.add_argument("--value", default=None, help="the target value of --by")
    p.add_argument("--measures", type=_measures, default=None,
                   help="comma-separated keyness measures (ll, log_ratio, perc_diff, chi2, bic)")
    p.add_argument("--min-freq", type=_positive, default=5, help="minimum frequency")
    p.add_argument("--top", type=_positive, default=30, help="rows to show")
    p.set_defaults(func=_cmd_keyness)

    p = sub.add_parser("topics", help="an LDA topic model and its coherence",
                       description="Fit an LDA topic model (gensim, one worker, "
                                   "reproducible with --seed) and show its c_npmi coherence.")
    _add_corpus_args(p)
    p.add_argument("-k", type=_bounded(1, MAX_TOPICS), default=10,
                   help=f"number of topics (1 to {MAX_TOPICS}, default 10)")
    p.add_argument("--words", type=_bounded(1, MAX_WORDS), default=10,
                   help=f"words per topic (1 to {MAX_WORDS}, default 10)")
    p.add_argument("--seed", type=_bounded(0, MAX_SEED), default=0,
                   help="random seed (0 to 2**32-1, default 0)")
    p.add_argument("--passes", type=_bounded(1, MAX_PASSES), default=5,
                   help=f"training passes (1 to {MAX_PASSES}, default 5)")
    p.add_argument("--min-df", type=_positive, default=2, help="minimum document frequency")
    p.add_argument("--max-df", type=_proportion, default=0.5,
                   help="maximum document frequency, a proportion in (0, 1] (default 0.5)")
    p.set_defaults(func=_cmd_topics)

    p = sub.add_parser("report", help="a self-contained HTML report",
                       description="Write OUT/report.html (self-contained: inline CSS, "
                                   "figures as data URIs) and OUT/tables/*.csv.")
    _add_corpus_args(p, fmt=False)
    p.add_argument("--out", type=_out_folder, default="arabcorpus-report",
                   help="output folder (default: ./arabcorpus-report)")
    p.add_argument("--by", default=None,
                   help="metadata column for key words per group (default: source if it "
                        "has 2+ values, else section)")
    p.add_argument("--top", type=_positive, default=30, help="rows of the frequency table")
    p.add_argument("-k", type=_bounded(1, MAX_TOPICS), default=None,
                   help=f"topics, 1 to {MAX_TOPICS} (default 5 below 1,000 documents, "
                        "else 20)")
    p.add_argument("--passes", type=_bounded(1, MAX_PASSES), default=None,
                   help=f"topic model passes, 1 to {MAX_PASSES} (default 10 below 1,000 "
                        "documents, else 2)")
    p.add_argument("--seed", type=_bounded(0, MAX_SEED), default=0,
                   help="random seed (0 to 2**32-1, default 0)")
    p.set_defaults(func=_cmd_report)
    return parser


def _showwarning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"arabcorpus: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    ``argv`` defaults to ``sys.argv[1:]``. Usage errors (an unknown option, a number
    outside its range) print one line and exit through argparse with status 2
    (``SystemExit``).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    old = warnings.showwarning
    if not args.debug:
        warnings.showwarning = _showwarning
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        print("arabcorpus: interrupted", file=sys.stderr)
        return 130
    except (CLIError, OSError, ValueError, TypeError, KeyError) as exc:
        if args.debug:
            raise
        msg = str(exc) if isinstance(exc, CLIError) else f"{type(exc).__name__}: {exc}"
        print(f"arabcorpus: error: {msg.splitlines()[0] if msg else type(exc).__name__}",
              file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - one clear line unless --debug
        if args.debug:
            raise
        print(f"arabcorpus: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        warnings.showwarning = old


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
