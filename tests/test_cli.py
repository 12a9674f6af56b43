"""The ``arabcorpus`` command through its real entry points.

Most cases call :func:`arabcorpus.app.cli.main` in process (capturing stdout/stderr);
a few run ``python -m arabcorpus`` in a subprocess from a foreign working folder to check
the installed entry point, exit codes and the one-line errors.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from arabcorpus.app import cli
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.datasets import load_dataset
from arabcorpus.text.normalize import Normalizer

SUBCOMMANDS = ("normalize", "stats", "kwic", "collocates", "keyness", "topics", "report")


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def module_env() -> dict:
    """The environment of a subprocess that imports the arabcorpus under test (this
    checkout, not another install), from any working folder."""
    import arabcorpus

    env = dict(os.environ)
    root = str(Path(arabcorpus.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def run_module(args, cwd, input_text=None, timeout=300):
    env = module_env()
    return subprocess.run([sys.executable, "-m", "arabcorpus", *args], cwd=cwd, env=env,
                          input=input_text, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


@pytest.fixture(scope="module")
def sample_corpus():
    return Corpus.build(load_dataset("sample"), progress=False)


@pytest.fixture(scope="module")
def saved_sample(sample_corpus, tmp_path_factory):
    return sample_corpus.save(tmp_path_factory.mktemp("saved") / "sample")


# --- help and entry point -------------------------------------------------------------

def test_module_entry_point_help_from_foreign_folder(tmp_path):
    res = run_module(["--help"], cwd=tmp_path)
    assert res.returncode == 0
    for name in SUBCOMMANDS:
        assert name in res.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: arabcorpus {name}")
    assert "--debug" in out


def test_version(capsys):
    from arabcorpus._version import __version__

    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"arabcorpus {__version__}"


def test_no_command_prints_help(capsys):
    status, out, _ = run([], capsys)
    assert status == 0 and "COMMAND" in out


# --- normalize ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_text():
    """The first article of the bundled sample (the tests need no data folder)."""
    return next(iter(load_dataset("sample", progress=False))).text


def test_normalize_stdin_matches_library(sample_text, capsys, monkeypatch):
    status, out, err = run(["normalize", "--profile", "search"], capsys, stdin=sample_text,
                           monkeypatch=monkeypatch)
    assert status == 0 and err == ""
    assert out == Normalizer("search").normalize(sample_text)


def test_normalize_rule_override(capsys):
    word = "مدرسةٌ"
    status, out, _ = run(["normalize", "--profile", "search", "--rule", "teh_marbuta=off",
                          "--text", word], capsys)
    assert status == 0
    assert out == Normalizer("search", teh_marbuta=False).normalize(word) + "\n"
    assert out.strip().endswith("ة")  # the rule was really off
    status, out, _ = run(["normalize", "--profile", "search", "--text", word], capsys)
    assert out.strip().endswith("ه")


def test_normalize_files_to_output_dir(sample_text, tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(sample_text, encoding="utf-8")
    status, out, _ = run(["normalize", str(article), "--profile", "light",
                          "--output-dir", str(tmp_path / "out")], capsys)
    assert status == 0 and out == ""
    written = (tmp_path / "out" / article.name).read_text(encoding="utf-8")
    assert written == Normalizer("light").normalize(article.read_text(encoding="utf-8"))


def test_normalize_subprocess_stdin(tmp_path):
    res = run_module(["normalize"], cwd=tmp_path, input_text="أحمدُ ـــ قال")
    assert res.returncode == 0, res.stderr
    assert res.stdout == Normalizer("standard").normalize("أحمدُ ـــ قال")


def test_normalize_unknown_profile_lists_the_profiles(capsys):
    from arabcorpus.text.normalize import PROFILES

    with pytest.raises(SystemExit) as exc:
        cli.main(["normalize", "--profile", "bogus", "--text", "x"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and len(err.strip().splitlines()) == 1
    assert "bogus" in err and all(name in err for name in PROFILES)


@pytest.mark.parametrize("argv, needle", [
    (["normalize", "--rule", "no_such_rule", "--text", "x"], "no_such_rule"),
    (["normalize", "/no/such/file.txt"], "/no/such/file.txt"),
])
def test_normalize_errors_one_line(argv, needle, capsys):
    status, out, err = run(argv, capsys)
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("arabcorpus: error:")
    assert needle in lines[0]


# --- stats ----------------------------------------------------------------------------

def test_stats_table_has_load_report_and_sizes(sample_corpus, capsys):
    status, out, _ = run(["stats", "sample", "--no-progress", "--top", "5"], capsys)
    assert status == 0
    assert "documents read" in out  # the load report
    assert "zipf_exponent" in out and "mattr" in out
    top = sample_corpus.vocab("norm")[int(sample_corpus.counts("norm").argmax())]
    assert top in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_stats_formats_parse_back(fmt, sample_corpus, capsys):
    from arabcorpus.analyses.frequency import lexical_stats

    status, out, _ = run(["stats", "--no-progress", "--format", fmt], capsys)
    assert status == 0
    if fmt == "json":
        df = pd.DataFrame(json.loads(out))
    else:
        df = pd.read_csv(io.StringIO(out), sep="," if fmt == "csv" else "\t")
    values = dict(zip(df["statistic"], df["value"]))
    assert values["documents"] == len(sample_corpus)
    assert values["tokens_all"] == sample_corpus.n_tokens
    expected = lexical_stats(sample_corpus)["value"]
    assert float(values["ttr"]) == pytest.approx(float(expected["ttr"]))
    assert float(values["types"]) == float(expected["types"])


def test_stats_saved_corpus_folder(saved_sample, sample_corpus, capsys):
    status, out, _ = run(["stats", str(saved_sample), "--no-progress", "--format", "json"], capsys)
    assert status == 0
    values = {r["statistic"]: r["value"] for r in json.loads(out)}
    assert values["documents"] == len(sample_corpus)


def test_stats_reads_a_jsonl_path(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "النفط ارتفع"}\n{"id": "b", "text": "النفط انخفض"}\n',
                    encoding="utf-8")
    status, out, err = run(["stats", str(path), "--no-progress", "--format", "csv"], capsys)
    assert status == 0 and err == ""
    df = pd.read_csv(io.StringIO(out))
    assert dict(zip(df["statistic"], df["value"]))["documents"] == 2


# --- errors ---------------------------------------------------------------------------

def broken_jsonl(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a", "text": "نص أول"}\n{"id": "b", "text": oops\n'
                    '{"id": "c", "text": "نص ثالث"}\n', encoding="utf-8")
    return path


def test_broken_jsonl_reported_not_fatal(tmp_path, capsys):
    status, out, err = run(["stats", str(broken_jsonl(tmp_path)), "--no-progress", "--format",
                            "json"], capsys)
    assert status == 0
    values = {r["statistic"]: r["value"] for r in json.loads(out)}
    assert values["documents"] == 2
    assert "1 input item(s) skipped" in err and "malformed" in err


def test_broken_jsonl_strict_fails(tmp_path):
    res = run_module(["stats", str(broken_jsonl(tmp_path)), "--no-progress", "--strict"],
                     cwd=tmp_path)
    assert res.returncode == 2 and res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "broken.jsonl" in lines[0] and "line 2" in lines[0]
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("args, needle", [
    (["stats", "/no/such/corpus.jsonl"], "/no/such/corpus.jsonl"),
    (["stats", "no_such_dataset"], "saudinewsnet"),  # lists the datasets
    (["kwic", "النفط", "--profile", "bogus"], "bogus"),
    (["keyness", "--by", "no_column", "--value", "x"], "section"),  # lists columns
    (["collocates", "النفط", "--measures", "bogus_measure"], "bogus_measure"),
])
def test_errors_one_clear_line_subprocess(args, needle, tmp_path):
    res = run_module([*args, "--no-progress"], cwd=tmp_path)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("arabcorpus: error:") and needle in lines[0]
    assert "Traceback" not in res.stderr


def test_unknown_option_clear_line(tmp_path):
    res = run_module(["stats", "--no-such-option"], cwd=tmp_path)
    assert res.returncode == 2
    assert "unrecognized arguments: --no-such-option" in res.stderr.strip().splitlines()[-1]


def test_unreadable_format(tmp_path, capsys):
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01")
    status, _, err = run(["stats", str(path), "--no-progress"], capsys)
    assert status == 2 and "data.bin" in err and len(err.strip().splitlines()) == 1


def test_debug_shows_traceback(tmp_path):
    res = run_module(["--debug", "stats", "/no/such/file.txt"], cwd=tmp_path)
    assert res.returncode != 0 and "Traceback" in res.stderr
    res = run_module(["stats", "/no/such/file.txt", "--debug"], cwd=tmp_path)
    assert res.returncode != 0 and "Traceback" in res.stderr


# --- kwic, collocates, keyness, topics ------------------------------------------------

def test_kwic_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.kwic import kwic

    expected = kwic(sample_corpus, "النفط").to_frame()
    status, out, _ = run(["kwic", "النفط", "--no-progress", "--format", "json"], capsys)
    assert status == 0
    got = pd.DataFrame(json.loads(out))
    assert len(got) == len(expected) > 0
    assert got["node"].tolist() == expected["node"].tolist()
    assert got["id"].tolist() == expected["id"].tolist()
    status, out, _ = run(["kwic", "النفط", "--no-progress", "--n", "2"], capsys)
    assert status == 0 and out.count("النفط") >= 2 and "left" in out.splitlines()[0]


def test_kwic_tsv_parses_back(capsys):
    status, out, _ = run(["kwic", "النفط", "--no-progress", "--format", "tsv", "--n", "3"], capsys)
    assert status == 0
    df = pd.read_csv(io.StringIO(out), sep="\t")
    assert len(df) == 3 and {"left", "node", "right"} <= set(df.columns)


def test_collocates_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.collocations import collocates

    expected = collocates(sample_corpus, "النفط", min_freq=2)
    status, out, _ = run(["collocates", "النفط", "--no-progress", "--min-freq", "2", "--format",
                          "csv", "--n", "100"], capsys)
    assert status == 0
    got = pd.read_csv(io.StringIO(out))
    assert got["type"].tolist() == expected["type"].head(100).tolist()
    assert got["frequency"].tolist() == expected["frequency"].head(100).tolist()


def test_collocates_sort_by_and_measures(capsys):
    status, out, _ = run(["collocates", "النفط", "--no-progress", "--min-freq", "2", "--measures",
                          "mi,t_score", "--sort", "t_score", "--format", "json"], capsys)
    assert status == 0
    df = pd.DataFrame(json.loads(out))
    assert {"mi", "t_score"} <= set(df.columns) and "log_dice" not in df.columns
    assert df["t_score"].is_monotonic_decreasing


def test_keyness_by_column_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.keyness import keyness

    mask = (sample_corpus.metadata["section"] == "economy").to_numpy()
    expected = keyness(sample_corpus.subcorpus(mask), sample_corpus.subcorpus(~mask))
    status, out, _ = run(["keyness", "--by", "section", "--value", "economy", "--no-progress",
                          "--format", "json", "--n", "10"], capsys)
    assert status == 0
    got = pd.DataFrame(json.loads(out))
    assert got["type"].tolist() == expected["type"].head(10).tolist()
    assert got["log_likelihood"].to_numpy() == pytest.approx(
        expected["log_likelihood"].head(10).to_numpy())


def test_keyness_two_corpora(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps({"text": "النفط ارتفع النفط والذهب"}, ensure_ascii=False)
                         + "\n" for _ in range(5)), encoding="utf-8")
    b.write_text("".join(json.dumps({"text": "الذهب انخفض اليوم والذهب"}, ensure_ascii=False)
                         + "\n" for _ in range(5)), encoding="utf-8")
    status, out, _ = run(["keyness", str(a), "--reference", str(b), "--no-progress", "--min-freq",
                          "1", "--format", "csv"], capsys)
    assert status == 0
    df = pd.read_csv(io.StringIO(out))
    assert df.iloc[0]["type"] == "النفط" and df.iloc[0]["use"] == "over"


def test_keyness_needs_a_reference(capsys):
    status, _, err = run(["keyness", "--no-progress"], capsys)
    assert status == 2 and "--reference" in err


def test_topics_table_and_json(capsys):
    status, out, _ = run(["topics", "-k", "3", "--passes", "2", "--no-progress", "--n", "5"],
                         capsys)
    assert status == 0
    assert "mean c_npmi=" in out and "top words" in out
    status, out, _ = run(["topics", "-k", "3", "--passes", "2", "--no-progress", "--n", "5",
                          "--format", "json"], capsys)
    df = pd.DataFrame(json.loads(out))
    assert sorted(df["topic"].unique().tolist()) == [0, 1, 2]
    assert (df.groupby("topic").size() == 5).all()
    # reproducible: same seed, same topics
    _, out2, _ = run(["topics", "-k", "3", "--passes", "2", "--no-progress", "--n", "5",
                      "--format", "json"], capsys)
    assert out2 == out


def test_warnings_are_one_line(capsys):
    status, out, err = run(["collocates", "لاتوجدهذهالكلمة", "--no-progress"], capsys)
    assert status == 0 and "(no rows)" in out
    assert err.startswith("arabcorpus: warning:") and "cli.py" not in err


def test_load_corpus_prefers_existing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sample").mkdir()
    (tmp_path / "sample" / "a.txt").write_text("نص من ملف محلي", encoding="utf-8")
    corpus = cli.load_corpus("sample", progress=False)
    assert len(corpus) == 1 and corpus.text(0) == "نص من ملف محلي"


# --- options checked before any work (issue 16, item 17) -------------------------------

def usage_error(argv, capsys):
    """Run argv expecting a usage error: (exit status, stderr)."""
    with pytest.raises(SystemExit) as exc:
        cli.main(list(argv))
    return exc.value.code, capsys.readouterr().err


def test_normalize_refuses_two_inputs_with_one_output(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("كَتَبَ", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("قَرَأَ", encoding="utf-8")
    out = tmp_path / "out"
    status, _, err = run(["normalize", str(tmp_path / "a" / "x.txt"),
                          str(tmp_path / "b" / "x.txt"), "--output-dir", str(out)], capsys)
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "a/x.txt" in err and "b/x.txt" in err and "x.txt" in err
    assert not (out / "x.txt").exists()  # nothing written, not even the first
    # the same file twice is refused as well
    status, _, err = run(["normalize", str(tmp_path / "a" / "x.txt"),
                          str(tmp_path / "a" / "x.txt"), "--output-dir", str(out)], capsys)
    assert status == 2 and not (out / "x.txt").exists()
    # distinct names are written, each from its own input
    (tmp_path / "b" / "y.txt").write_text("قَرَأَ", encoding="utf-8")
    status, _, _ = run(["normalize", str(tmp_path / "a" / "x.txt"),
                        str(tmp_path / "b" / "y.txt"), "--output-dir", str(out)], capsys)
    assert status == 0
    norm = Normalizer("standard").normalize
    assert (out / "x.txt").read_text(encoding="utf-8") == norm("كَتَبَ")
    assert (out / "y.txt").read_text(encoding="utf-8") == norm("قَرَأَ")


def test_normalize_refuses_output_that_is_an_input_before_writing(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("كَتَبَ", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "y.txt").write_text("قَرَأَ", encoding="utf-8")
    status, _, err = run(["normalize", str(tmp_path / "sub" / "y.txt"),
                          str(tmp_path / "x.txt"), "--output-dir", str(tmp_path)], capsys)
    assert status == 2 and "overwrite the input" in err
    assert not (tmp_path / "y.txt").exists()  # the first file was not written either


@pytest.mark.parametrize("argv, option", [
    (["collocates", "النفط", "--measures", ","], "--measures"),
    (["keyness", "--by", "section", "--value", "sport", "--measures", " , "], "--measures"),
    (["collocates", "النفط", "--left", "1000000000000"], "--left"),
    (["collocates", "النفط", "--right", "-1"], "--right"),
    (["kwic", "النفط", "--window", "100000000000000000000000"], "--window"),
    (["kwic", "النفط", "--window", "1e23"], "--window"),
    (["topics", "-k", "100000000"], "-k"),
    (["topics", "--passes", "10000000000"], "--passes"),
    (["topics", "--words", "0"], "--words"),
    (["topics", "--n", "0"], "--n"),
    (["collocates", "النفط", "--window", "101"], "--window"),
    (["collocates", "النفط", "--window", "1,2,3"], "--window"),
    (["collocates", "النفط", "--window", "-1,2"], "--window"),
    (["kwic", "النفط", "--n", "0"], "--n"),
    (["topics", "--max-df", "nan"], "--max-df"),
    (["topics", "--max-df", "1.5"], "--max-df"),
    (["topics", "--seed", "-1"], "--seed"),
    (["report", "--out", ""], "--out"),
    (["report", "--out", "  "], "--out"),
    (["report", "-k", "100000000"], "-k"),
])
def test_out_of_range_options_fail_up_front_in_one_line(argv, option, capsys, tmp_path,
                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, err = usage_error([*argv, "--no-progress"], capsys)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("arabcorpus: error:") and f"argument {option}" in lines[0]
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written (report --out "")


@pytest.mark.parametrize("argv, value", [
    (["kwic", "النفط", "--window", str(cli.MAX_WINDOW)], cli.MAX_WINDOW),
    (["collocates", "النفط", "--window", f"0,{cli.MAX_WINDOW}"], (0, cli.MAX_WINDOW)),
    (["topics", "-k", str(cli.MAX_TOPICS), "--seed", str(2**32 - 1)], cli.MAX_TOPICS),
])
def test_option_bounds_are_inclusive(argv, value):
    args = cli.build_parser().parse_args(argv)
    assert value in vars(args).values()


# ------------------------------------------------------------------ layers
def test_stats_on_the_lemma_layer_counts_lemmas_with_forms(capsys):
    status, out, err = run(["stats", "--layer", "lemma", "--no-progress", "--format", "table",
                            "--top", "40"], capsys)
    assert status == 0, err
    head = out.splitlines()
    table = head[[i for i, ln in enumerate(head) if ln.split()[:2] == ["type", "form"]][0]:]
    types = {ln.split()[0] for ln in table[1:] if ln.strip()}
    assert "قال" in types and "وقال" not in types  # clitics fold into the lemma


def test_kwic_on_the_lemma_layer(capsys):
    status, out, _ = run(["kwic", "مدرسة", "--layer", "lemma", "--no-progress",
                          "--format", "csv"], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["node"] for r in rows} >= {"المدارس"}


def test_layer_missing_from_a_saved_corpus_is_one_line(saved_sample, capsys):
    status, _, err = run(["stats", str(saved_sample), "--layer", "lemma", "--no-progress"],
                         capsys)
    assert status != 0
    assert "has no 'lemma' layer" in err and len(err.strip().splitlines()) == 1


def test_unknown_lemmatizer_is_one_line(capsys):
    status, err = usage_error(["stats", "--layer", "lemma", "--lemmatizer", "farasa",
                               "--no-progress"], capsys)
    assert status == 2
    assert "farasa" in err and "simplemma" in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------ defaults and names
def _subparsers(parser):
    import argparse

    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def _library_functions():
    """The functions each command calls, whose parameters its options set."""
    from arabcorpus.analyses.collocations import collocates
    from arabcorpus.analyses.frequency import lexical_stats
    from arabcorpus.analyses.keyness import keyness
    from arabcorpus.analyses.kwic import kwic
    from arabcorpus.analyses.topics import TopicModel
    from arabcorpus.app.report import build_report
    from arabcorpus.text.lemma import Lemmatizer

    loading = [Corpus.build, Lemmatizer.__init__]
    return {"normalize": [Normalizer.__init__],
            "stats": [lexical_stats, *loading],
            "kwic": [kwic, *loading],
            "collocates": [collocates, *loading],
            "keyness": [keyness, *loading],
            "topics": [TopicModel.__init__, TopicModel.topics, *loading],
            "report": [build_report, *loading]}


#: option dest -> the library's parameter name, where it is not the option's
PARAMETER_NAMES = {"stemmer": ("stem",), "lemmatizer": ("backend",)}
#: options that are not the library parameter of the same name: collocates and keyness
#: --sort re-sort the library's table (none keeps the library's order).
NOT_LIBRARY = {("collocates", "sort"), ("keyness", "sort")}
#: --progress is None everywhere (a bar on a terminal, see test_progress_flags), the
#: library's own default in this release.
NOT_COMPARED = {"progress"}


def test_every_default_is_the_library_s():
    import argparse
    import inspect

    checked = set()
    for command, sub in _subparsers(cli.build_parser()).items():
        for action in sub._actions:
            if (not action.option_strings or action.help == argparse.SUPPRESS
                    or (command, action.dest) in NOT_LIBRARY
                    or action.dest in NOT_COMPARED):
                continue
            for fn in _library_functions()[command]:
                params = inspect.signature(fn).parameters
                name = next((p for p in PARAMETER_NAMES.get(action.dest, (action.dest,))
                             if p in params), None)
                if name is None or params[name].default is inspect.Parameter.empty:
                    continue
                assert action.default == params[name].default, (command, action.dest)
                checked.add((command, action.dest))
                break
    expected = {("kwic", "window"), ("kwic", "n"), ("kwic", "sort"), ("kwic", "layer"),
                ("collocates", "window"), ("collocates", "measures"),
                ("collocates", "min_freq"), ("keyness", "measures"), ("keyness", "min_freq"),
                ("topics", "k"), ("topics", "n"), ("topics", "min_df"), ("topics", "max_df"),
                ("topics", "passes"), ("topics", "seed"), ("report", "n"), ("report", "k"),
                ("report", "seed"), ("report", "by"), ("normalize", "profile"),
                ("stats", "profile"), ("stats", "layer"), ("stats", "lemmatizer"),
                ("stats", "stemmer")}
    assert expected <= checked, expected - checked
    # the table the parser says it follows agrees
    for command, options in cli.LIBRARY_DEFAULTS.items():
        for dest in options:
            assert (command, dest) in checked | NOT_LIBRARY, (command, dest)


def test_choices_come_from_the_registries(capsys):
    from arabcorpus.analyses.measures import ASSOCIATION_MEASURES, KEYNESS_MEASURES
    from arabcorpus.corpus import LAYERS
    from arabcorpus.text.lemma import BACKENDS
    from arabcorpus.text.normalize import PROFILES
    from arabcorpus.text.stem import STEMMERS

    subs = _subparsers(cli.build_parser())
    choices = {a.dest: a.choices for a in subs["stats"]._actions if a.choices}
    assert tuple(choices["layer"]) == tuple(LAYERS)
    assert tuple(choices["profile"]) == tuple(PROFILES)
    assert tuple(choices["stemmer"]) == tuple(STEMMERS)
    assert tuple(choices["lemmatizer"]) == tuple(BACKENDS)
    for command, registry in (("keyness", KEYNESS_MEASURES),
                              ("collocates", ASSOCIATION_MEASURES)):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        for name in registry:  # e.g. keyness's p_value
            assert name in out, (command, name)


@pytest.mark.parametrize("old, new", [
    (["kwic", "النفط", "--limit", "2"], ["kwic", "النفط", "--n", "2"]),
    (["collocates", "النفط", "--left", "2"], ["collocates", "النفط", "--window", "2,5"]),
    (["collocates", "النفط", "--right", "1", "--left", "3"],
     ["collocates", "النفط", "--window", "3,1"]),
    (["collocates", "النفط", "--sort-by", "mi", "--top", "4"],
     ["collocates", "النفط", "--sort", "mi", "--n", "4"]),
    (["keyness", "--top", "4"], ["keyness", "--n", "4"]),
    (["topics", "--words", "4"], ["topics", "--n", "4"]),
    (["report", "--top", "4"], ["report", "--n", "4"]),
    (["stats", "--quiet"], ["stats", "--no-progress"]),
])
def test_old_options_still_work_with_a_note(old, new, capsys):
    parser = cli.build_parser()
    got = vars(parser.parse_args(old))
    err = capsys.readouterr().err
    assert got == vars(parser.parse_args(new))
    flags = [a for a in old if a.startswith("--")]
    lines = err.strip().splitlines()
    assert len(lines) == len(flags)
    for flag, line in zip(flags, lines):
        assert line.startswith("arabcorpus: warning:") and flag in line
        assert "deprecated" in line
    help_text = parser._subparsers._group_actions[0].choices[old[0]].format_help()
    for flag in flags:  # hidden from --help (--top, but --topic-docs is another option)
        assert re.search(rf"{re.escape(flag)}(?![\w-])", help_text) is None


def test_progress_flags():
    parser = cli.build_parser()
    assert parser.parse_args(["stats"]).progress is None  # util.progress decides
    assert parser.parse_args(["stats", "--progress"]).progress is True
    assert parser.parse_args(["stats", "--no-progress"]).progress is False


def test_collocates_window_option_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.collocations import collocates
    expected = collocates(sample_corpus, "النفط", min_freq=2, window=(2, 1))
    status, out, _ = run(["collocates", "النفط", "--no-progress", "--min-freq", "2",
                          "--window", "2,1", "--format", "csv"], capsys)
    assert status == 0
    got = pd.read_csv(io.StringIO(out))
    assert got["frequency"].tolist() == expected["frequency"].tolist()


def test_topics_json_has_type_and_form_not_word(capsys):
    status, out, _ = run(["topics", "-k", "2", "--passes", "1", "--no-progress", "--n", "3",
                          "--format", "json"], capsys)
    assert status == 0
    df = pd.DataFrame(json.loads(out))
    assert {"type", "form"} <= set(df.columns) and "word" not in df.columns


def test_no_private_imports_from_other_parts():
    """app/ reaches no private name of another part."""
    import re
    from pathlib import Path

    app = Path(cli.__file__).parent
    found = []
    for path in sorted(app.glob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"from arabcorpus\.(?!app)\S+ import .*\b_[a-z]", line) or \
                    re.search(r"\b(?:Q|query|kwic|corpus|memory)\._[a-z]", line):
                found.append(f"{path.name}: {line.strip()}")
    assert found == []


def test_keyness_measure_ll_is_log_likelihood_with_a_note(capsys):
    status, out, err = run(["keyness", "--by", "section", "--value", "economy",
                            "--no-progress", "--measures", "ll", "--n", "3",
                            "--format", "csv"], capsys)
    assert status == 0
    assert "log_likelihood" in pd.read_csv(io.StringIO(out)).columns
    assert "arabcorpus: warning: the measure 'll' is deprecated; use 'log_likelihood'" in err


def test_collocates_and_keyness_help_document_n(capsys):
    for command in ("collocates", "keyness"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "--n N show the first N rows after sorting (default: none, every row" in out
