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
import subprocess
import sys

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


def run_module(args, cwd, input_text=None, timeout=300):
    env = dict(os.environ)
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

def test_normalize_stdin_matches_library(seed_text, capsys, monkeypatch):
    status, out, err = run(["normalize", "--profile", "search"], capsys, stdin=seed_text,
                           monkeypatch=monkeypatch)
    assert status == 0 and err == ""
    assert out == Normalizer("search").normalize(seed_text)


def test_normalize_rule_override(capsys):
    word = "مدرسةٌ"
    status, out, _ = run(["normalize", "--profile", "search", "--rule", "teh_marbuta=off",
                          "--text", word], capsys)
    assert status == 0
    assert out == Normalizer("search", teh_marbuta=False).normalize(word) + "\n"
    assert out.strip().endswith("ة")  # the rule was really off
    status, out, _ = run(["normalize", "--profile", "search", "--text", word], capsys)
    assert out.strip().endswith("ه")


def test_normalize_files_to_output_dir(seed_path, tmp_path, capsys):
    status, out, _ = run(["normalize", str(seed_path), "--profile", "light",
                          "--output-dir", str(tmp_path / "out")], capsys)
    assert status == 0 and out == ""
    written = (tmp_path / "out" / seed_path.name).read_text(encoding="utf-8")
    assert written == Normalizer("light").normalize(seed_path.read_text(encoding="utf-8"))


def test_normalize_subprocess_stdin(tmp_path):
    res = run_module(["normalize"], cwd=tmp_path, input_text="أحمدُ ـــ قال")
    assert res.returncode == 0, res.stderr
    assert res.stdout == Normalizer("standard").normalize("أحمدُ ـــ قال")


@pytest.mark.parametrize("argv, needle", [
    (["normalize", "--profile", "bogus", "--text", "x"], "standard"),  # lists valid ones
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
    status, out, _ = run(["stats", "sample", "--quiet", "--top", "5"], capsys)
    assert status == 0
    assert "documents read" in out  # the load report
    assert "zipf_exponent" in out and "mattr" in out
    top = sample_corpus.vocab("norm")[int(sample_corpus.counts("norm").argmax())]
    assert top in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_stats_formats_parse_back(fmt, sample_corpus, capsys):
    from arabcorpus.analyses.frequency import lexical_stats

    status, out, _ = run(["stats", "--quiet", "--format", fmt], capsys)
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
    status, out, _ = run(["stats", str(saved_sample), "--quiet", "--format", "json"], capsys)
    assert status == 0
    values = {r["statistic"]: r["value"] for r in json.loads(out)}
    assert values["documents"] == len(sample_corpus)


def test_stats_reads_a_jsonl_path(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "النفط ارتفع"}\n{"id": "b", "text": "النفط انخفض"}\n',
                    encoding="utf-8")
    status, out, err = run(["stats", str(path), "--quiet", "--format", "csv"], capsys)
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
    status, out, err = run(["stats", str(broken_jsonl(tmp_path)), "--quiet", "--format",
                            "json"], capsys)
    assert status == 0
    values = {r["statistic"]: r["value"] for r in json.loads(out)}
    assert values["documents"] == 2
    assert "1 input item(s) skipped" in err and "malformed" in err


def test_broken_jsonl_strict_fails(tmp_path):
    res = run_module(["stats", str(broken_jsonl(tmp_path)), "--quiet", "--strict"],
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
    res = run_module([*args, "--quiet"], cwd=tmp_path)
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
    status, _, err = run(["stats", str(path), "--quiet"], capsys)
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
    status, out, _ = run(["kwic", "النفط", "--quiet", "--format", "json"], capsys)
    assert status == 0
    got = pd.DataFrame(json.loads(out))
    assert len(got) == len(expected) > 0
    assert got["node"].tolist() == expected["node"].tolist()
    assert got["id"].tolist() == expected["id"].tolist()
    status, out, _ = run(["kwic", "النفط", "--quiet", "--limit", "2"], capsys)
    assert status == 0 and out.count("النفط") >= 2 and "left" in out.splitlines()[0]


def test_kwic_tsv_parses_back(capsys):
    status, out, _ = run(["kwic", "النفط", "--quiet", "--format", "tsv", "--limit", "3"], capsys)
    assert status == 0
    df = pd.read_csv(io.StringIO(out), sep="\t")
    assert len(df) == 3 and {"left", "node", "right"} <= set(df.columns)


def test_collocates_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.collocations import collocates

    expected = collocates(sample_corpus, "النفط", span=(5, 5), min_freq=2)
    status, out, _ = run(["collocates", "النفط", "--quiet", "--min-freq", "2", "--format",
                          "csv", "--top", "100"], capsys)
    assert status == 0
    got = pd.read_csv(io.StringIO(out))
    assert got["collocate"].tolist() == expected["collocate"].head(100).tolist()
    assert got["frequency"].tolist() == expected["frequency"].head(100).tolist()


def test_collocates_sort_by_and_measures(capsys):
    status, out, _ = run(["collocates", "النفط", "--quiet", "--min-freq", "2", "--measures",
                          "mi,t_score", "--sort-by", "t_score", "--format", "json"], capsys)
    assert status == 0
    df = pd.DataFrame(json.loads(out))
    assert {"mi", "t_score"} <= set(df.columns) and "log_dice" not in df.columns
    assert df["t_score"].is_monotonic_decreasing


def test_keyness_by_column_matches_library(sample_corpus, capsys):
    from arabcorpus.analyses.keyness import keyness

    mask = (sample_corpus.metadata["section"] == "economy").to_numpy()
    expected = keyness(sample_corpus.subcorpus(mask), sample_corpus.subcorpus(~mask),
                       min_freq=5)
    status, out, _ = run(["keyness", "--by", "section", "--value", "economy", "--quiet",
                          "--format", "json", "--top", "10"], capsys)
    assert status == 0
    got = pd.DataFrame(json.loads(out))
    assert got["type"].tolist() == expected["type"].head(10).tolist()
    assert got["ll"].to_numpy() == pytest.approx(expected["ll"].head(10).to_numpy())


def test_keyness_two_corpora(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps({"text": "النفط ارتفع النفط والذهب"}, ensure_ascii=False)
                         + "\n" for _ in range(5)), encoding="utf-8")
    b.write_text("".join(json.dumps({"text": "الذهب انخفض اليوم والذهب"}, ensure_ascii=False)
                         + "\n" for _ in range(5)), encoding="utf-8")
    status, out, _ = run(["keyness", str(a), "--reference", str(b), "--quiet", "--min-freq",
                          "1", "--format", "csv"], capsys)
    assert status == 0
    df = pd.read_csv(io.StringIO(out))
    assert df.iloc[0]["type"] == "النفط" and df.iloc[0]["use"] == "over"


def test_keyness_needs_a_reference(capsys):
    status, _, err = run(["keyness", "--quiet"], capsys)
    assert status == 2 and "--reference" in err


def test_topics_table_and_json(capsys):
    status, out, _ = run(["topics", "-k", "3", "--passes", "2", "--quiet", "--words", "5"],
                         capsys)
    assert status == 0
    assert "mean c_npmi=" in out and "top words" in out
    status, out, _ = run(["topics", "-k", "3", "--passes", "2", "--quiet", "--words", "5",
                          "--format", "json"], capsys)
    df = pd.DataFrame(json.loads(out))
    assert sorted(df["topic"].unique().tolist()) == [0, 1, 2]
    assert (df.groupby("topic").size() == 5).all()
    # reproducible: same seed, same topics
    _, out2, _ = run(["topics", "-k", "3", "--passes", "2", "--quiet", "--words", "5",
                      "--format", "json"], capsys)
    assert out2 == out


def test_warnings_are_one_line(capsys):
    status, out, err = run(["collocates", "لاتوجدهذهالكلمة", "--quiet"], capsys)
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
    status, err = usage_error([*argv, "--quiet"], capsys)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("arabcorpus: error:") and f"argument {option}" in lines[0]
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written (report --out "")


@pytest.mark.parametrize("argv, value", [
    (["kwic", "النفط", "--window", str(cli.MAX_WINDOW)], cli.MAX_WINDOW),
    (["collocates", "النفط", "--left", "0", "--right", str(cli.MAX_WINDOW)], 0),
    (["topics", "-k", str(cli.MAX_TOPICS), "--seed", str(2**32 - 1)], cli.MAX_TOPICS),
])
def test_option_bounds_are_inclusive(argv, value):
    args = cli.build_parser().parse_args(argv)
    assert value in vars(args).values()


# ------------------------------------------------------------------ layers
def test_stats_on_the_lemma_layer_counts_lemmas_with_forms(capsys):
    status, out, err = run(["stats", "--layer", "lemma", "--quiet", "--format", "table",
                            "--top", "40"], capsys)
    assert status == 0, err
    head = out.splitlines()
    table = head[[i for i, ln in enumerate(head) if ln.split()[:2] == ["type", "form"]][0]:]
    types = {ln.split()[0] for ln in table[1:] if ln.strip()}
    assert "قال" in types and "وقال" not in types  # clitics fold into the lemma


def test_kwic_on_the_lemma_layer(capsys):
    status, out, _ = run(["kwic", "مدرسة", "--layer", "lemma", "--quiet",
                          "--format", "csv"], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["node"] for r in rows} >= {"المدارس"}


def test_layer_missing_from_a_saved_corpus_is_one_line(saved_sample, capsys):
    status, _, err = run(["stats", str(saved_sample), "--layer", "lemma", "--quiet"],
                         capsys)
    assert status != 0
    assert "has no 'lemma' layer" in err and len(err.strip().splitlines()) == 1


def test_unknown_lemmatizer_is_one_line(capsys):
    status, _, err = run(["stats", "--layer", "lemma", "--lemmatizer", "farasa",
                          "--quiet"], capsys)
    assert status != 0
    assert "farasa" in err and "simplemma" in err and len(err.strip().splitlines()) == 1
