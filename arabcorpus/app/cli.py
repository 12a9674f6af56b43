"""The ``arabcorpus`` command.

Subcommands (``arabcorpus SUBCOMMAND --help`` for each):

``normalize``   normalize text from files or standard input
``stats``       corpus size, types, lexical statistics and the load report
``kwic``        a concordance of a word, phrase or regular expression
``collocates``  collocates of a word with association measures
``keyness``     keywords of one part of a corpus against the rest
``topics``      an LDA topic model with its coherence
``report``      a self-contained HTML report with its tables as CSV

A corpus argument is a path (any format :func:`arabcorpus.io.readers.read` knows), a folder
written by :meth:`arabcorpus.corpus.Corpus.save`, or a dataset name (``sample``,
``saudinewsnet``). With no corpus, the bundled ``sample`` is used.

The options carry the library's names (``--window``, ``--n``, ``--min-freq``,
``--measures``, ``--sort``, ``--layer``, ``--by``) and its defaults: each default is
read from the signature of the function the command calls, and the choices of
``--measures``, ``--layer``, ``--profile``, ``--stemmer`` and ``--lemmatizer`` from the
library's registries, so the command and the Python API cannot drift apart. The
options of the previous release (``--limit``, ``--left``/``--right``, ``--sort-by``,
``--top``, ``--words``, ``--quiet``) still work, hidden, with a note on standard error;
so does the keyness measure ``ll`` (now ``log_likelihood``). ``collocates`` and
``keyness`` print every row, as the library returns them: ``--n N`` keeps the first N.

Tables print as aligned text, or with ``--format csv|tsv|json`` in a form that parses
back (``json``: a list of records). Progress bars go to standard error: on a terminal
by default, ``--progress``/``--no-progress`` to force them on or off.

Errors print one line on standard error (the traceback only with ``--debug``) and exit
with status 2 (bad usage or input) or 1 (anything else); an interrupt exits 130.
Option values are checked before any work starts: numbers against their ranges
(windows at most :data:`MAX_WINDOW` tokens on each side, at most :data:`MAX_TOPICS`
topics, :data:`MAX_WORDS` words per topic and :data:`MAX_PASSES` passes; seeds from 0
to 2**32-1), ``--measures`` must name measures of the registry, ``report --out`` must
not be empty, and ``normalize --output-dir`` refuses two inputs with the same file name
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
import inspect
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

from arabcorpus._version import __version__

__all__ = ["main", "build_parser", "load_corpus", "FORMATS", "LIBRARY_DEFAULTS"]

FORMATS = ("table", "csv", "tsv", "json")


class CLIError(Exception):
    """An error to report as one line, exit status 2."""


# --- corpus input ---------------------------------------------------------------------

def load_corpus(spec: str | None, *, profile: str = "search", text_field: str | None = None,
                strict: bool = False, progress: bool | None = None, layer: str = "norm",
                lemmatizer: str = "default", stemmer: str | None = None,
                dedupe: str | None = None):
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
    progress : bool or None
        Progress bars on standard error: ``None`` shows them on a terminal
        (:func:`arabcorpus.util.progress.progress_bar` decides), True/False force.
    layer : str
        The layer the command counts on: a corpus built here gets it (``lemma``,
        ``base``, ``clitics`` or ``stem``); a saved corpus must have it.
    lemmatizer : str
        The backend of a ``lemma`` layer built here.
    stemmer : str, optional
        The stemmer of a ``stem`` layer built here (the library's default if None).
    dedupe : {None, "exact", "near"}
        Leave exact or near duplicate documents out of a corpus built here
        (``Corpus.build(dedupe=)``); a saved corpus is used as saved.

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
    from arabcorpus.corpus import LAYERS, Corpus
    from arabcorpus.io import datasets

    if spec is not None and not isinstance(spec, str):
        raise TypeError(f"spec must be a str, got {type(spec).__name__}")
    spec = spec or "sample"
    path = Path(spec)
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
        docs = datasets.load_dataset(
            spec, progress=progress)
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
    corpus = Corpus.build(docs, profile=profile, stem=stemmer,
                          progress=progress,
                          layers=(layer,), lemmatizer=lem, dedupe=dedupe)
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
                         progress=args.progress, layer=args.layer,
                         lemmatizer=args.lemmatizer, stemmer=args.stemmer,
                         dedupe=getattr(args, "dedupe", None))
    _report_problems(corpus)
    return corpus


# --- the calls into the library: one function per command -----------------------------
# Each command calls the library only here, so a renamed argument is changed in one
# place (the options keep the library's new names already).

def _call_stats(corpus, args):
    from arabcorpus.analyses.frequency import frequency, lexical_stats

    return (lexical_stats(corpus, layer=args.layer),
            frequency(corpus, layer=args.layer))


def _call_kwic(corpus, args):
    from arabcorpus.analyses.kwic import kwic

    return kwic(corpus, args.query, window=args.window, sort=args.sort, n=args.n,
                regex=args.regex, layer=args.layer)


def _call_collocates(corpus, args):
    from arabcorpus.analyses.collocations import collocates

    return collocates(corpus, args.query, window=args.window, measures=args.measures,
                      min_freq=args.min_freq, regex=args.regex, layer=args.layer)


def _call_keyness(target, reference, args):
    from arabcorpus.analyses.keyness import keyness

    return keyness(target, reference, measures=args.measures, min_freq=args.min_freq,
                   layer=args.layer)


def _call_topics(corpus, args):
    """(model, its topics table, its coherence table)."""
    from arabcorpus.analyses.topics import TopicModel

    model = TopicModel(k=args.k, seed=args.seed, min_df=args.min_df, max_df=args.max_df,
                       passes=args.passes, layer=args.layer,
                       progress=args.progress).fit(corpus)
    return model, model.topics(n=args.n), model.coherence(measure="c_npmi", n=args.n)


def _call_report(corpus, args):
    from arabcorpus.app.report import build_report

    return build_report(corpus, args.out, by=args.by, name=args.corpus or "sample",
                        n=args.n, k=args.k, passes=args.passes,
                        topic_docs=args.topic_docs, seed=args.seed,
                        progress=args.progress, layer=args.layer)


# --- commands -------------------------------------------------------------------------

def _cmd_stats(args) -> int:
    import pandas as pd

    corpus = _corpus_from_args(args)
    stats, freq = _call_stats(corpus, args)
    stats = stats.reset_index()
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
    _emit(freq.head(args.top), "table")
    return 0


def _cmd_kwic(args) -> int:
    corpus = _corpus_from_args(args)
    df = _call_kwic(corpus, args).to_frame()
    if args.format == "table":
        cols = [c for c in ("id", "left", "node", "right") if c in df.columns]
        df = df[cols]
        if len(df):
            df = df.assign(left=df["left"].str.strip(), right=df["right"].str.strip())
    _emit(df, args.format)
    return 0


def _top(df, args):
    """The first ``args.n`` rows (all if None), after ``--sort`` if given."""
    sort = getattr(args, "sort", None)
    if sort:
        if sort not in df.columns:
            raise CLIError(f"unknown --sort column {sort!r}; "
                           f"columns: {', '.join(map(str, df.columns))}")
        df = df.sort_values(sort, ascending=False, kind="stable")
    return df if args.n is None else df.head(args.n)


def _cmd_collocates(args) -> int:
    corpus = _corpus_from_args(args)
    _emit(_top(_call_collocates(corpus, args), args), args.format)
    return 0


def _cmd_keyness(args) -> int:
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
    _emit(_top(_call_keyness(target, reference, args), args), args.format)
    return 0


def _cmd_topics(args) -> int:
    corpus = _corpus_from_args(args)
    model, df, coh = _call_topics(corpus, args)
    if args.format == "table":
        wide = (df.groupby("topic")["form"]
                .apply(lambda s: " ".join(map(str, s))).reset_index(name="top words"))
        wide = wide.merge(coh[["topic", "coherence"]], on="topic", how="left")
        overall = float(coh.attrs.get("overall", coh["coherence"].mean()))
        print(f"k={args.k}  seed={args.seed}  documents={model.n_documents_:,}  "
              f"tokens={model.n_tokens_:,}  types={model.n_types_:,}  mean c_npmi={overall:.3f}")
        _emit(wide, "table")
    else:
        _emit(df, args.format)
    return 0


def _cmd_report(args) -> int:
    corpus = _corpus_from_args(args)
    res = _call_report(corpus, args)
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


def _deprecated_option(old: str, new: str) -> None:
    from arabcorpus.util.deprecation import REMOVED_IN

    print(f"arabcorpus: warning: {old} is deprecated; use {new} (removed in {REMOVED_IN})",
          file=sys.stderr)


class _OldOption(argparse.Action):
    """A hidden option of the previous release: stores into the new option's ``dest``
    after a deprecation note on standard error (``nargs=0`` stores ``const``)."""

    def __init__(self, option_strings, dest, new: str = "", **kwargs):
        kwargs["help"] = argparse.SUPPRESS
        kwargs.setdefault("default", argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)
        self.new = new

    def __call__(self, parser, namespace, values, option_string=None):
        _deprecated_option(option_string, self.new)
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)


class _WindowSide(_OldOption):
    """``--left N`` / ``--right N`` of the previous release: one side of ``--window``."""

    def __call__(self, parser, namespace, values, option_string=None):
        _deprecated_option(option_string, self.new)
        window = getattr(namespace, "window", (5, 5))
        left, right = window if isinstance(window, tuple) else (window, window)
        setattr(namespace, "window",
                (values, right) if option_string == "--left" else (left, values))


def _old(p: argparse.ArgumentParser, flag: str, new: str, dest: str, **kwargs) -> None:
    p.add_argument(flag, action=_OldOption, new=new, dest=dest, **kwargs)


#: ``{command: {option dest: (library function, parameter name)}}``: where each
#: option's default comes from (filled by :func:`build_parser`).
LIBRARY_DEFAULTS: dict[str, dict[str, tuple[Callable, str]]] = {}


def _default(command: str, dest: str, fn: Callable, name: str | None = None) -> Any:
    """The default of option ``dest`` of ``command``: that of the library's parameter
    ``name`` (default ``dest``) of ``fn``, read from its signature and recorded in
    :data:`LIBRARY_DEFAULTS`.

    Examples
    --------
    >>> from arabcorpus.analyses.kwic import kwic
    >>> _default("kwic", "window", kwic), LIBRARY_DEFAULTS["kwic"]["window"][1]
    (5, 'window')
    """
    name = name or dest
    default = inspect.signature(fn).parameters[name].default
    if default is inspect.Parameter.empty:
        raise TypeError(f"{getattr(fn, '__qualname__', fn)}() has no default for {name}")
    LIBRARY_DEFAULTS.setdefault(command, {})[dest] = (fn, name)
    return default


def _shown(value: Any) -> str:
    """A default as typed on the command line."""
    if value is None:
        return "none"
    if isinstance(value, (tuple, list)):
        return ",".join(map(str, value))
    return str(value)


def _names(registry: Sequence[str], what: str, old: dict[str, str] | None = None):
    """An argparse type: comma-separated names of ``registry`` (at least one). A name
    of the previous release (a key of ``old``) becomes its new name, with a note on
    standard error."""
    valid = tuple(registry)
    old = old or {}

    def check(text: str) -> tuple[str, ...]:
        names = tuple(m.strip() for m in text.split(",") if m.strip())
        if not names:
            raise argparse.ArgumentTypeError(
                f"expected comma-separated {what} names, got {text!r}")
        unknown = [m for m in names if m not in valid and m not in old]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {', '.join(map(repr, unknown))}; valid: {', '.join(valid)}")
        for m in names:
            if m in old:
                _deprecated_option(f"the {what} {m!r}", repr(old[m]))
        return tuple(dict.fromkeys(old.get(m, m) for m in names))
    check.__name__ = f"{what} names"
    return check


def _window(value: str) -> int | tuple[int, int]:
    """An argparse type: ``N`` tokens on each side or ``LEFT,RIGHT``, 0 to MAX_WINDOW."""
    side = _bounded(0, MAX_WINDOW)
    parts = value.split(",")
    if len(parts) == 1:
        return side(parts[0])
    if len(parts) == 2:
        return (side(parts[0]), side(parts[1]))
    raise argparse.ArgumentTypeError(f"expected N or LEFT,RIGHT, got {value!r}")


def _sort_keys(value: str) -> str | list[str]:
    """``R1`` or comma-separated ``L1,R1`` (a list)."""
    keys = [k.strip() for k in value.split(",") if k.strip()]
    return keys[0] if len(keys) == 1 else keys


def _add_corpus_args(p: argparse.ArgumentParser, command: str, fn: Callable,
                     corpus: bool = True, fmt: bool = True) -> None:
    from arabcorpus.corpus import LAYERS, Corpus
    from arabcorpus.text.lemma import BACKENDS, Lemmatizer
    from arabcorpus.text.normalize import PROFILES
    from arabcorpus.text.stem import STEMMERS

    if corpus:
        p.add_argument("corpus", nargs="?", default=None,
                       help="a path (txt/json/jsonl/csv/tsv/zip or a folder), a saved "
                            "corpus folder, or a dataset name: sample, saudinewsnet "
                            "(default: the bundled sample)")
    profile = _default(command, "profile", Corpus.build, "profile")
    p.add_argument("--profile", choices=tuple(PROFILES), default=profile,
                   help=f"normalization profile of a corpus built from documents "
                        f"(default: {profile})")
    p.add_argument("--text-field", default=None,
                   help="the text column/field of CSV, JSON or JSON Lines input")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first problem in the input instead of reporting it")
    if fmt:
        p.add_argument("--format", choices=FORMATS, default="table",
                       help="output: an aligned table (default), csv, tsv or json records")
    layer = _default(command, "layer", fn, "layer")
    p.add_argument("--layer", choices=LAYERS, default=layer,
                   help=f"the layer to count on (default: {layer}); built when the corpus "
                        "is read from documents")
    lem = _default(command, "lemmatizer", Lemmatizer.__init__, "backend")
    p.add_argument("--lemmatizer", choices=BACKENDS, default=lem,
                   help=f"backend of the lemma layer (default: {lem})")
    stemmer = _default(command, "stemmer", Corpus.build, "stem")
    p.add_argument("--stemmer", choices=STEMMERS, default=stemmer,
                   help="stemmer of the stem layer (default: the library's)")
    p.add_argument("--dedupe", choices=("exact", "near"), default=None,
                   help="leave duplicate documents out of a corpus built from documents: "
                        "exact (same normalized text) or near (also near copies, "
                        "Jaccard >= 0.8 of word 2-shingles; the first is kept)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bars on standard error (default: on a terminal)")
    _old(p, "--quiet", "--no-progress", "progress", nargs=0, const=False)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks on errors")


def _add_table_args(p: argparse.ArgumentParser, command: str, fn: Any, registry: Any,
                    kind: str, min_freq_help: str, old: dict | None = None) -> None:
    """--measures, --min-freq, --sort and --n of a command that prints a ranked table,
    with the library function's defaults (and the old --sort-by and --top)."""
    measures = _default(command, "measures", fn, "measures")
    p.add_argument("--measures", type=_names(registry, "measure", old=old),
                   default=measures,
                   help=f"comma-separated {kind} measures: "
                        f"{', '.join(registry)} (default: {_shown(measures)})")
    min_freq = _default(command, "min_freq", fn, "min_freq")
    p.add_argument("--min-freq", type=_positive, default=min_freq,
                   help=f"{min_freq_help} (default {min_freq})")
    p.add_argument("--sort", default=None,
                   help="column to sort by (default: the first measure)")
    _old(p, "--sort-by", "--sort", "sort")
    n = _default(command, "n", fn)
    p.add_argument("--n", type=_positive, default=n,
                   help=f"show the first N rows after sorting (default: {_shown(n)}, "
                        "every row, which can be thousands: e.g. --n 30 on a terminal)")
    _old(p, "--top", "--n", "n", type=_positive)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arabcorpus`` command.

    Every option that sets a library parameter takes its default from the library
    function's signature (:data:`LIBRARY_DEFAULTS` says which).

    Examples
    --------
    >>> args = build_parser().parse_args(["kwic", "النفط", "sample", "--window", "3"])
    >>> args.command, args.query, args.corpus, args.window
    ('kwic', 'النفط', 'sample', 3)
    """
    from arabcorpus.analyses.collocations import collocates
    from arabcorpus.analyses.frequency import lexical_stats
    from arabcorpus.analyses.keyness import keyness
    from arabcorpus.analyses.kwic import kwic
    from arabcorpus.analyses.measures import ASSOCIATION_MEASURES, KEYNESS_MEASURES
    from arabcorpus.analyses.topics import TopicModel
    from arabcorpus.app.report import build_report
    from arabcorpus.text.normalize import PROFILES, Normalizer

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
    profile = _default("normalize", "profile", Normalizer.__init__, "profile")
    p.add_argument("--profile", choices=tuple(PROFILES), default=profile,
                   help=f"normalization profile (default: {profile})")
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
    _add_corpus_args(p, "stats", lexical_stats)
    p.add_argument("--top", type=_positive, default=20,
                   help="how many frequent words to show (default 20)")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("kwic", help="a concordance (keyword in context)",
                       description="Concordance lines of a word, a phrase (words separated "
                                   "by spaces) or, with --regex, regular expressions.")
    p.add_argument("query", help="a word, a phrase, or a regular expression")
    _add_corpus_args(p, "kwic", kwic)
    window = _default("kwic", "window", kwic, "window")
    p.add_argument("--window", type=_bounded(1, MAX_WINDOW), default=window,
                   help=f"context tokens on each side (1 to {MAX_WINDOW}, default {window})")
    sort = _default("kwic", "sort", kwic, "sort")
    p.add_argument("--sort", type=_sort_keys, default=sort,
                   help=f"context positions to sort by, e.g. R1 or L1,R1 or node "
                        f"(default: {_shown(sort)}, corpus order)")
    n = _default("kwic", "n", kwic)
    p.add_argument("--n", type=_positive, default=n,
                   help=f"at most this many lines (default: {_shown(n)}, all)")
    _old(p, "--limit", "--n", "n", type=_positive)
    p.add_argument("--regex", action="store_true", help="the query is a regular expression")
    p.set_defaults(func=_cmd_kwic)

    p = sub.add_parser("collocates", help="collocates of a word",
                       description="Collocates of a word, phrase or pattern within a "
                                   "window, with association measures.")
    p.add_argument("query", help="the node word (or phrase)")
    _add_corpus_args(p, "collocates", collocates)
    window = _default("collocates", "window", collocates)
    p.add_argument("--window", type=_window, default=window,
                   help=f"tokens on each side, or LEFT,RIGHT (0 to {MAX_WINDOW}; "
                        f"default {_shown(window)})")
    p.add_argument("--left", action=_WindowSide, new="--window LEFT,RIGHT", dest="left",
                   type=_bounded(0, MAX_WINDOW))
    p.add_argument("--right", action=_WindowSide, new="--window LEFT,RIGHT", dest="right",
                   type=_bounded(0, MAX_WINDOW))
    _add_table_args(p, "collocates", collocates, ASSOCIATION_MEASURES, "association",
                    "minimum co-occurrence count")
    p.add_argument("--regex", action="store_true", help="the query is a regular expression")
    p.set_defaults(func=_cmd_collocates)

    p = sub.add_parser("keyness", help="keywords of a corpus against a reference",
                       description="Key words of CORPUS against --reference, or of the "
                                   "documents with --by COLUMN == --value against the rest.")
    _add_corpus_args(p, "keyness", keyness)
    p.add_argument("--reference", default=None, help="a reference corpus")
    p.add_argument("--by", default=None, help="split the corpus by this metadata column")
    p.add_argument("--value", default=None, help="the target value of --by")
    _add_table_args(p, "keyness", keyness, KEYNESS_MEASURES, "keyness", "minimum frequency",
                    old={"ll": "log_likelihood"})
    p.set_defaults(func=_cmd_keyness)

    p = sub.add_parser("topics", help="an LDA topic model and its coherence",
                       description="Fit an LDA topic model (gensim, one worker, "
                                   "reproducible with --seed) and show its c_npmi coherence.")
    _add_corpus_args(p, "topics", TopicModel.__init__)
    k = _default("topics", "k", TopicModel.__init__, "k")
    p.add_argument("-k", type=_bounded(1, MAX_TOPICS), default=k,
                   help=f"number of topics (1 to {MAX_TOPICS}, default {k})")
    n = _default("topics", "n", TopicModel.topics, "n")
    p.add_argument("--n", type=_bounded(1, MAX_WORDS), default=n,
                   help=f"words per topic (1 to {MAX_WORDS}, default {n})")
    _old(p, "--words", "--n", "n", type=_bounded(1, MAX_WORDS))
    seed = _default("topics", "seed", TopicModel.__init__, "seed")
    p.add_argument("--seed", type=_bounded(0, MAX_SEED), default=seed,
                   help=f"random seed (0 to 2**32-1, default {seed})")
    passes = _default("topics", "passes", TopicModel.__init__, "passes")
    p.add_argument("--passes", type=_bounded(1, MAX_PASSES), default=passes,
                   help=f"training passes (1 to {MAX_PASSES}, default {passes})")
    min_df = _default("topics", "min_df", TopicModel.__init__, "min_df")
    p.add_argument("--min-df", type=_positive, default=min_df,
                   help=f"minimum document frequency (default {min_df})")
    max_df = _default("topics", "max_df", TopicModel.__init__, "max_df")
    p.add_argument("--max-df", type=_proportion, default=max_df,
                   help=f"maximum document frequency, a proportion in (0, 1] "
                        f"(default {max_df})")
    p.set_defaults(func=_cmd_topics)

    p = sub.add_parser("report", help="a self-contained HTML report",
                       description="Write OUT/report.html (self-contained: inline CSS, "
                                   "figures as data URIs) and OUT/tables/*.csv.")
    _add_corpus_args(p, "report", build_report, fmt=False)
    p.add_argument("--out", type=_out_folder, default="arabcorpus-report",
                   help="output folder (default: ./arabcorpus-report)")
    p.add_argument("--by", default=_default("report", "by", build_report, "by"),
                   help="metadata column for key words per group (default: source if it "
                        "has 2+ values, else section)")
    n = _default("report", "n", build_report, "n")
    p.add_argument("--n", type=_positive, default=n,
                   help=f"rows of the frequency table (default {n})")
    _old(p, "--top", "--n", "n", type=_positive)
    p.add_argument("-k", type=_bounded(1, MAX_TOPICS),
                   default=_default("report", "k", build_report, "k"),
                   help=f"topics, 1 to {MAX_TOPICS} (default 5 below 1,000 documents, "
                        "else 20)")
    p.add_argument("--passes", type=_bounded(1, MAX_PASSES),
                   default=_default("report", "passes", build_report, "passes"),
                   help=f"topic model passes, 1 to {MAX_PASSES} (default 10 below 1,000 "
                        "documents, else 1)")
    p.add_argument("--topic-docs", type=_positive,
                   default=_default("report", "topic_docs", build_report, "topic_docs"),
                   help="fit the topic model on a seeded random sample of at most this "
                        "many documents (default 10,000; the page says so)")
    seed = _default("report", "seed", build_report, "seed")
    p.add_argument("--seed", type=_bounded(0, MAX_SEED), default=seed,
                   help=f"random seed (0 to 2**32-1, default {seed})")
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
