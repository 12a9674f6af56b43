"""Run every benchmark in one go and write the README's performance section from it.

Usage::

    python benchmarks/run_all.py --conc-python PATH/TO/conc-venv/bin/python [--write-readme]
        [--only text,corpus,...] [--output benchmarks/results.md]

Each script runs in a fresh interpreter, one after the other, so that no two compete for
the machine. The output is one Markdown document: the machine (CPU model, cores, memory,
Python, the load average before and after), the date, and for every script its command
and the tables it printed. ``--write-readme`` puts that document between the
``<!-- performance:begin -->`` and ``<!-- performance:end -->`` lines of ``README.md``, so
the section always comes from a single run; without it the document goes to
``--output`` (default: standard output only).

conc runs in its own virtual environment (it pins its own versions): give its Python
with ``--conc-python``; without it the conc rows say "not measured".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
BEGIN, END = "<!-- performance:begin -->", "<!-- performance:end -->"

# (name, title, arguments); "{conc}" becomes ``--conc-python PATH`` when given.
BENCHMARKS: list[tuple[str, str, list[str]]] = [
    ("text", "Text core", ["--repeat", "3"]),
    ("readers", "Readers", []),
    ("corpus", "Corpus build, save and load", ["{conc}"]),
    ("analyses", "Analyses", ["{conc}"]),
    ("report", "The report", []),
    ("news", "Web pages and near-duplicates", []),
    ("lemma", "Lemmas", []),
    ("stem", "Stemmers", []),
    ("topics", "Topics", ["--seeds", "1"]),
    ("scale", "Scale: sharded and Dask", ["--times", "10", "--dask-repeat", "3"]),
]


def machine() -> str:
    """One paragraph naming the machine the run is on."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB of memory"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run(name: str, args: list[str]) -> tuple[str, str, float]:
    """Run one script; return its command line, its standard output and its wall time."""
    cmd = [sys.executable, str(HERE / f"{name}.py"), *args]
    shown = "python " + " ".join(shlex.quote(a) for a in [f"benchmarks/{name}.py", *args])
    print(f"== {shown}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=HERE.parent)
    seconds = time.perf_counter() - t0
    out = proc.stdout.strip()
    if proc.returncode:
        out += f"\n\n(exited with status {proc.returncode})"
    print(out, file=sys.stderr, flush=True)
    return shown, out, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conc-python", default=None, metavar="PATH",
                        help="the Python of a virtual environment with conc 0.1.13")
    parser.add_argument("--only", default=None,
                        help="comma-separated names among: "
                             + ", ".join(b[0] for b in BENCHMARKS))
    parser.add_argument("--write-readme", action="store_true",
                        help="replace the README's performance section with this run")
    parser.add_argument("--output", type=Path, default=None, help="also write here")
    opts = parser.parse_args()
    names = [b[0] for b in BENCHMARKS]
    chosen = names if opts.only is None else opts.only.split(",")
    unknown = set(chosen) - set(names)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    conc = ["--conc-python", opts.conc_python] if opts.conc_python else []

    started = dt.datetime.now()
    load_before = load()
    parts = []
    for name, title, args in BENCHMARKS:
        if name not in chosen:
            continue
        args = [a for arg in args for a in (conc if arg == "{conc}" else [arg])]
        shown_cmd, out, seconds = run(name, args)
        shown = shown_cmd.replace(opts.conc_python or "\0", "PATH/TO/conc-venv/bin/python")
        parts.append(f"### {title}\n\n`{shown}` ({seconds:.0f} s in all):\n\n{out}\n")
    doc = "\n".join([
        f"Every table below comes from one run of `python benchmarks/run_all.py"
        f"{' --conc-python PATH/TO/conc-venv/bin/python' if conc else ''}`, started "
        f"{started:%Y-%m-%d %H:%M}, on {machine()}. Load average (1/5/15 min) before the "
        f"run {load_before}, after it {load()}. Peers are measured in the same run as "
        "arabcorpus; the ratios and targets are stated against them.\n",
        *parts,
    ])
    if opts.output:
        opts.output.write_text(doc + "\n", encoding="utf-8")
    if opts.write_readme:
        text = README.read_text(encoding="utf-8")
        head, sep, rest = text.partition(BEGIN)
        _, sep2, tail = rest.partition(END)
        if not (sep and sep2):
            sys.exit(f"README.md has no {BEGIN} ... {END} lines")
        README.write_text(f"{head}{BEGIN}\n{doc}\n{END}{tail}", encoding="utf-8")
    if not (opts.output or opts.write_readme):
        print(doc)


if __name__ == "__main__":
    main()
