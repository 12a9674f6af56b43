"""The ``arabcorpus`` command.

Subcommands (``arabcorpus SUBCOMMAND --help`` for each):

``normalize``   normalize text from files or standard input
``stats``       corpus size, types, lexical statistics and the load report
``kwic``        a concordance of a word, phrase or regular expression
``collocates``  collocates of a node word with association measures
``keyness``     keywords of one part of a corpus against the rest
``topics``      an LDA topic model with its coherence

A corpus argument is a path (any format :func:`arabcorpus.readers.read` knows), a folder
written by :meth:`arabcorpus.corpus.Corpus.save`, or a dataset name (``sample``,
``saudinewsnet``). With no corpus, the bundled ``sample`` is used.

Errors print one line on standard error (the traceback only with ``--debug``) and exit
with status 2 (bad usage or input) or 1 (anything else).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from arabcorpus._version import __version__

__all__ = ["main", "build_parser", "load_corpus"]

FORMATS = ("table", "csv", "tsv", "json")


class CLIError(Exception):
    """An error to report as one line, exit status 2."""


# --- corpus input ---------------------------------------------------------------------

def load_corpus(spec: str | None, *, profile: str = "search", text_field: str | None = None,
                strict: bool = False, progress: bool = True):
    """Turn a corpus argument into a :class:`~arabcorpus.corpus.Corpus`.

    ``spec`` is a saved corpus folder, a dataset name, or a path to documents; ``None``
    means the bundled sample.
    """
    from arabcorpus import datasets
    from arabcorpus.corpus import Corpus

    spec = spec or "sample"
    path = Path(spec)
    if path.is_dir() and (path / "corpus.json").is_file():
        return Corpus.load(path)
    if spec in datasets.REGISTRY and not path.exists():
        docs = datasets.load_dataset(spec)
    else:
        if not path.exists():
            raise CLIError(f"no such file, folder or dataset: {spec!r} "
                           f"(datasets: {', '.join(sorted(datasets.REGISTRY))})")
        from arabcorpus import readers

        options = {"strict": strict}
        if text_field:
            options["text_field"] = text_field
        docs = readers.read(path, **options)
    return Corpus.build(docs, profile=profile, progress=progress)


# --- output ---------------------------------------------------------------------------

def _emit(df, fmt: str, out=None) -> None:
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

        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            out.write(df.to_string(index=False) + "\n")


# --- subcommands ----------------------------------------------------------------------

def _cmd_normalize(args) -> int:
    from arabcorpus.normalize import Normalizer

    overrides = {}
    for item in args.rule or []:
        name, _, value = item.partition("=")
        lowered = value.lower()
        if lowered in ("", "1", "true", "yes", "on"):
            overrides[name] = True
        elif lowered in ("0", "false", "no", "off"):
            overrides[name] = False
        else:
            overrides[name] = value
    try:
        norm = Normalizer(profile=args.profile, **overrides)
    except (TypeError, ValueError) as exc:
        raise CLIError(str(exc)) from exc
    sources = args.files or ["-"]
    for src in sources:
        if src == "-":
            text = sys.stdin.read()
        else:
            p = Path(src)
            if not p.is_file():
                raise CLIError(f"no such file: {src}")
            text = p.read_text(encoding="utf-8")
        result = norm.normalize(text)
        if args.output_dir and src != "-":
            out_dir = Path(args.output_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / Path(src).name).write_text(result, encoding="utf-8")
        else:
            sys.stdout.write(result)
    return 0


def _corpus_from_args(args):
    return load_corpus(args.corpus, profile=args.profile, text_field=args.text_field,
                       strict=args.strict, progress=not args.quiet)


def _cmd_stats(args) -> int:
    import pandas as pd

    from arabcorpus.frequency import frequency, lexical_stats

    corpus = _corpus_from_args(args)
    stats = lexical_stats(corpus)
    if isinstance(stats, pd.DataFrame):
        table = stats
    else:
        table = pd.DataFrame([{"statistic": k, "value": v} for k, v in dict(stats).items()])
    if args.format == "table":
        report = getattr(corpus, "load_report", None)
        if report is not None:
            print(str(report))
            print()
        print(f"documents: {len(corpus):,}   tokens: {corpus.n_tokens:,}   "
              f"types (norm): {corpus.n_types('norm'):,}")
        print()
    _emit(table, args.format)
    if args.format == "table":
        print()
        top = frequency(corpus).head(args.top)
        _emit(top, args.format)
    return 0


def _cmd_kwic(args) -> int:
    from arabcorpus.kwic import kwic

    corpus = _corpus_from_args(args)
    conc = kwic(corpus, args.query, window=args.window, sort=args.sort, limit=args.limit)
    df = conc.to_frame()
    cols = [c for c in ("id", "left", "node", "right") if c in df.columns]
    _emit(df[cols] if args.format == "table" else df, args.format)
    return 0


def _cmd_collocates(args) -> int:
    from arabcorpus.collocations import collocates

    corpus = _corpus_from_args(args)
    kwargs = {"span": (args.left, args.right), "min_freq": args.min_freq}
    if args.measures:
        kwargs["measures"] = tuple(args.measures.split(","))
    df = collocates(corpus, args.node, **kwargs)
    if args.sort_by and args.sort_by in df.columns:
        df = df.sort_values(args.sort_by, ascending=False)
    _emit(df.head(args.top), args.format)
    return 0


def _cmd_keyness(args) -> int:
    from arabcorpus.keyness import keyness

    corpus = _corpus_from_args(args)
    if args.reference:
        target = corpus
        reference = load_corpus(args.reference, profile=args.profile,
                                text_field=args.text_field, strict=args.strict,
                                progress=not args.quiet)
    else:
        if not args.by or args.value is None:
            raise CLIError("keyness needs a REFERENCE corpus, or --by COLUMN --value VALUE")
        meta = corpus.metadata
        if args.by not in meta.columns:
            raise CLIError(f"unknown metadata column {args.by!r}; "
                           f"columns: {', '.join(map(str, meta.columns))}")
        mask = (meta[args.by].astype(str) == args.value).to_numpy()
        if not mask.any():
            raise CLIError(f"no document has {args.by} == {args.value!r}")
        target = corpus.subcorpus(mask)
        reference = corpus.subcorpus(~mask)
    df = keyness(target, reference, min_freq=args.min_freq)
    _emit(df.head(args.top), args.format)
    return 0


def _cmd_topics(args) -> int:
    from arabcorpus.topics import TopicModel

    corpus = _corpus_from_args(args)
    model = TopicModel(args.k, seed=args.seed, min_df=args.min_df,
                       progress=not args.quiet).fit(corpus)
    df = model.topics(n=args.words)
    if args.format == "table":
        wide = (df.groupby("topic")["word"].apply(lambda s: " ".join(map(str, s)))
                .reset_index(name="top words"))
        coh = model.coherence("c_npmi")
        print(f"mean c_npmi: {float(coh['c_npmi'].mean()):.3f}")
        _emit(wide, "table")
    else:
        _emit(df, args.format)
    return 0


# --- parser ---------------------------------------------------------------------------

def _add_corpus_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", nargs="?", default=None,
                   help="a path, a saved corpus folder, or a dataset name "
                        "(default: the bundled sample)")
    p.add_argument("--profile", default="search",
                   help="normalization profile for the corpus (default: search)")
    p.add_argument("--text-field", default=None,
                   help="the text column/field of CSV, JSON or JSON Lines input")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first problem in the input instead of reporting it")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="output format (default: an aligned table)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arabcorpus`` command."""
    parser = argparse.ArgumentParser(
        prog="arabcorpus",
        description="Arabic corpus linguistics: normalize, count, concordance, "
                    "collocations, keyness and topics.")
    parser.add_argument("--version", action="version", version=f"arabcorpus {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("normalize", help="normalize text from files or standard input")
    p.add_argument("files", nargs="*", help="UTF-8 text files (default: standard input)")
    p.add_argument("--profile", default="standard",
                   help="none, light, standard or search (default: standard)")
    p.add_argument("--rule", action="append", metavar="NAME[=VALUE]",
                   help="turn one rule on or off, e.g. --rule teh_marbuta=off")
    p.add_argument("--output-dir", default=None, help="write one file per input here")
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("stats", help="corpus size, lexical statistics, load report")
    _add_corpus_args(p)
    p.add_argument("--top", type=int, default=20, help="how many frequent words to show")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("kwic", help="a concordance (keyword in context)")
    p.add_argument("query", help="a word, a phrase, or a regular expression")
    _add_corpus_args(p)
    p.add_argument("--window", type=int, default=5, help="context words on each side")
    p.add_argument("--sort", default=None, help="sort key such as R1 or L1")
    p.add_argument("--limit", type=int, default=None, help="at most this many lines")
    p.set_defaults(func=_cmd_kwic)

    p = sub.add_parser("collocates", help="collocates of a node word")
    p.add_argument("node", help="the node word")
    _add_corpus_args(p)
    p.add_argument("--left", type=int, default=5, help="window to the left")
    p.add_argument("--right", type=int, default=5, help="window to the right")
    p.add_argument("--measures", default=None, help="comma-separated measure names")
    p.add_argument("--min-freq", type=int, default=3, help="minimum co-occurrence count")
    p.add_argument("--sort-by", default="log_dice", help="column to sort by")
    p.add_argument("--top", type=int, default=30, help="rows to show")
    p.set_defaults(func=_cmd_collocates)

    p = sub.add_parser("keyness", help="keywords of a corpus against a reference")
    _add_corpus_args(p)
    p.add_argument("--reference", default=None, help="a reference corpus")
    p.add_argument("--by", default=None, help="split the corpus by this metadata column")
    p.add_argument("--value", default=None, help="the target value of --by")
    p.add_argument("--min-freq", type=int, default=5, help="minimum frequency")
    p.add_argument("--top", type=int, default=30, help="rows to show")
    p.set_defaults(func=_cmd_keyness)

    p = sub.add_parser("topics", help="an LDA topic model and its coherence")
    _add_corpus_args(p)
    p.add_argument("-k", type=int, default=10, help="number of topics")
    p.add_argument("--words", type=int, default=10, help="words per topic")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--min-df", type=int, default=2, help="minimum document frequency")
    p.set_defaults(func=_cmd_topics)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except (CLIError, FileNotFoundError, ValueError, TypeError, KeyError) as exc:
        if args.debug:
            raise
        print(f"arabcorpus: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - one clear line unless --debug
        if args.debug:
            raise
        print(f"arabcorpus: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
