"""The documentation: it builds with warnings as errors, its examples run, and its
tables agree with the code.

The Sphinx build needs the docs dependencies (``pip install -r docs/requirements.txt``
or the ``docs`` extra). Without them the build test is skipped on a user's machine and
fails under ``CI=true``, as the data fixtures do. The other tests need only the library.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
PACKAGE = REPO / "arabcorpus"

DOCS_PACKAGES = ("sphinx", "myst_nb", "pydata_sphinx_theme", "sphinx_copybutton",
                 "matplotlib")


def _require(modules: tuple[str, ...], what: str) -> None:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        reason = (f"{what} needs {', '.join(missing)}: "
                  f"pip install -r docs/requirements.txt")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


# ---------------------------------------------------------------- the Sphinx build
@pytest.mark.slow
def test_docs_build_without_warnings(tmp_path):
    """``sphinx-build -W --keep-going -b html docs <tmp>`` succeeds: no warning in the
    pages, the notebooks or the docstrings of the API reference."""
    _require(DOCS_PACKAGES, "building the docs")
    out = tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(tmp_path / "doctrees"), str(DOCS), str(out)]
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="ignore")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, (
        f"sphinx-build failed (exit {proc.returncode}):\n{proc.stderr[-6000:]}")

    index = (out / "index.html").read_text(encoding="utf-8")
    assert "arabcorpus" in index
    # the KWIC of the landing page is the library's right-to-left HTML
    assert 'class="arabcorpus-kwic"' in index and 'dir="rtl"' in index
    # every module has its API page
    for module in _public_modules():
        assert (out / "generated" / f"arabcorpus.{module}.html").is_file(), module
    # the custom CSS is shipped and linked
    assert (out / "_static" / "arabcorpus.css").is_file()
    assert "arabcorpus.css" in index
    # Arabic table cells are marked to read right to left
    normalize_page = (out / "guide" / "normalize.html").read_text(encoding="utf-8")
    assert re.search(r'<td class="[^"]*\brtl\b', normalize_page)
    # the command line page shows the help of every subcommand
    import argparse

    from arabcorpus.app.cli import build_parser

    cli_page = (out / "cli.html").read_text(encoding="utf-8")
    subs = next(a for a in build_parser()._actions
                if isinstance(a, argparse._SubParsersAction))
    for name in subs.choices:
        assert f"usage: arabcorpus {name}" in cli_page, name
    # every notebook present is rendered as a page
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        if not nb.name.startswith("_"):
            assert (out / "notebooks" / f"{nb.stem}.html").is_file(), nb.name


# ------------------------------------------------------- the examples in the pages
def _pages_with_examples() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md")
                  if "_build" not in p.parts and ">>> " in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", _pages_with_examples(),
                         ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(page):
    """The ``>>>`` examples of every page are doctests: what a page shows is what the
    code gives."""
    text = page.read_text(encoding="utf-8")
    if "arabcorpus.analyses.topics" in text:
        _require(("gensim",), f"the examples of {page.name}")
    if "arabcorpus import plot" in text:
        _require(("matplotlib",), f"the examples of {page.name}")
    import pandas as pd

    # the pages set pandas display options: restore them for the other tests
    saved = [x for name in ("display.width", "display.max_columns",
                            "display.max_colwidth") for x in (name, pd.get_option(name))]
    with pd.option_context(*saved):
        result = doctest.testfile(
            str(page), module_relative=False, verbose=False, report=True,
            optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) of {page.name} failed"


# ------------------------------------------------ the pages agree with the code
def _public_modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py")
                  if not p.stem.startswith("_"))


def test_api_reference_lists_every_module():
    """A new module cannot be left out of the API reference."""
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s+arabcorpus\.(\w+)\s*$", api, flags=re.M))
    assert set(_public_modules()) <= listed, set(_public_modules()) - listed
    assert listed <= set(_public_modules()), listed - set(_public_modules())


def test_profile_table_matches_profiles():
    """The table of profiles in the normalization guide is PROFILES, rule by rule."""
    from arabcorpus.text.normalize import PROFILES, RULES, Normalizer

    page = (DOCS / "guide" / "normalize.md").read_text(encoding="utf-8")
    section = page[page.index("## The profiles"):]
    header = re.search(r"^\| rule \|(.*)\|\s*$", section, flags=re.M)
    profiles = [c.strip().strip("`") for c in header.group(1).split("|")]
    assert profiles == list(PROFILES)
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\| `(\w+)` \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    assert list(rows) == list(RULES), "rules missing or out of order"
    for rule, cells in rows.items():
        for profile, cell in zip(profiles, cells):
            value = Normalizer(profile=profile).rules[rule]
            if value is False:
                assert cell == "", (rule, profile, cell)
            elif value is True:
                assert cell == "✓", (rule, profile, cell)
            else:
                assert cell == f'`"{value}"`', (rule, profile, cell)


def test_rule_table_matches_rules():
    """The table of rules lists RULES in their order of application."""
    from arabcorpus.text.normalize import RULES

    page = (DOCS / "guide" / "normalize.md").read_text(encoding="utf-8")
    section = page[page.index("## The rules"):page.index("## The profiles")]
    listed = re.findall(r"^\| \d+ \| `(\w+)` \|", section, flags=re.M)
    assert listed == list(RULES)


@pytest.mark.parametrize("registry, page", [
    ("ASSOCIATION_MEASURES", "collocations.md"),
    ("KEYNESS_MEASURES", "keyness.md"),
    ("DISPERSION_MEASURES", "dispersion.md"),
])
def test_every_measure_has_its_formula(registry, page):
    """Each registered measure has a row (name, formula, reference) in the guide."""
    from arabcorpus.analyses import measures

    text = (DOCS / "guide" / page).read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \| (?=.*\$)", text, flags=re.M))
    assert documented == set(getattr(measures, registry)), (
        set(getattr(measures, registry)) ^ documented)


def test_docs_requirements_have_lower_bounds():
    lines = [ln.split("#")[0].strip()
             for ln in (DOCS / "requirements.txt").read_text().splitlines()]
    reqs = [ln for ln in lines if ln]
    assert reqs
    for req in reqs:
        assert ">=" in req, f"{req!r} has no lower bound"
