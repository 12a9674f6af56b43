"""The notebooks in ``notebooks/``: stored as run, and re-run top to bottom.

Fast checks read the stored notebooks (executed in order, no errors, outputs present,
version and data checksum stated, no absolute paths). The slow tests execute every
notebook with nbclient on a temporary copy (the stored files are never rewritten),
with the working directory set to ``notebooks/`` as ``jupyter lab notebooks/`` would,
and compare the tables of cells tagged ``result-table`` with the stored outputs.

Environment:

- The full run of all seven notebooks takes longer than CI should wait (about 10-17
  minutes on a loaded 2-core machine), so the execution test runs them shrunk by
  default: ``ARABCORPUS_NB_FULL=0``, which their ``parameters`` cell reads, makes them
  use an evenly spaced sample of ``ARABCORPUS_NB_MAX_DOCS`` documents (default 3000).
  Set ``ARABCORPUS_NB_FULL=1`` to execute them in full. The reproducibility test
  always runs its notebook in full, since the stored outputs are from the full run.
- Without nbclient the slow tests skip with the reason, unless ``CI=true``, where they
  fail: CI must install the ``notebooks`` extra.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
NB_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["01_normalization.ipynb", "02_seed_article.ipynb", "03_collocations.ipynb",
            "04_keyness_dispersion.ipynb", "05_topics.ipynb", "06_lemmas.ipynb",
            "07_wire_copies.ipynb"]
#: Notebooks whose ``result-table`` cells are re-computed and compared.
REPRODUCED = ["03_collocations.ipynb"]
#: Notebooks that must have a ``result-table`` cell (stored with its table).
TAGGED = ["03_collocations.ipynb", "04_keyness_dispersion.ipynb", "07_wire_copies.ipynb"]
CELL_TIMEOUT = 900  # seconds per cell
IN_CI = os.environ.get("CI", "").lower() == "true"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(output: dict, mime: str = "text/plain") -> str:
    """The text of an output: stream text, or a display/execute result's ``mime``."""
    if output["output_type"] == "stream":
        value = output.get("text", "")
    else:
        value = output.get("data", {}).get(mime, "")
    return "".join(value) if isinstance(value, list) else value


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _tagged(nb: dict, tag: str) -> list[dict]:
    return [c for c in _code_cells(nb) if tag in c.get("metadata", {}).get("tags", [])]


def _tables(cell: dict) -> list[tuple[str, str]]:
    """The (text/plain, text/html) of each rich output of a cell."""
    return [(_text(o, "text/plain"), _text(o, "text/html")) for o in cell["outputs"]
            if o["output_type"] in ("execute_result", "display_data")]


# ----------------------------------------------------------------- stored notebooks
def test_the_seven_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_notebook_ran_top_to_bottom(path):
    cells = _code_cells(_load(path))
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), \
        f"{path.name}: cells not executed once, in order: {counts}"
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name}: stored error output {errors[0].get('ename')}"
    assert all(c["outputs"] for c in cells[2:]), f"{path.name}: a cell has no output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_notebook_states_version_data_and_figures(path):
    nb = _load(path)
    text = "\n".join(_text(o) for c in _code_cells(nb) for o in c["outputs"])
    assert "arabcorpus version:" in text
    assert "SaudiNewsNet SHA256SUMS file:" in text
    assert "registry checksums (sha256):" in text
    assert len(_tagged(nb, "parameters")) == 1, f"{path.name}: one 'parameters' cell"
    figures = [o for c in _code_cells(nb) for o in c["outputs"]
               if "image/png" in o.get("data", {})]
    assert figures, f"{path.name}: no figure"
    sources = "\n".join("".join(c["source"]) for c in _code_cells(nb))
    assert "plot." in sources, f"{path.name}: no figure from arabcorpus.plot"
    assert 'datasets.load_dataset("saudinewsnet"' in sources, \
        f"{path.name}: SaudiNewsNet must be loaded through arabcorpus.io.datasets"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_have_no_absolute_paths(path):
    """No folder of the machine that ran the notebook in its sources or outputs. Images
    are left out: base64 data can spell ``/tmp/`` or ``/work`` by chance."""
    nb = _load(path)
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            for mime in list(output.get("data", {})):
                if mime.startswith("image/"):
                    del output["data"][mime]
    raw = json.dumps(nb, ensure_ascii=False)
    for needle in {str(REPO_ROOT), str(REPO_ROOT.parent), str(Path.home()), "/tmp/"}:
        assert needle not in raw, f"{path.name} contains the path {needle}"


def test_result_tables_are_tagged_and_stored():
    for name in TAGGED:
        cells = _tagged(_load(NB_DIR / name), "result-table")
        assert cells, f"{name}: no cell tagged 'result-table'"
        for cell in cells:
            tables = _tables(cell)
            assert tables and all(plain and html for plain, html in tables), \
                f"{name}: a 'result-table' cell has no stored table"


# ----------------------------------------------------------------- executing them
def _nbclient():
    try:
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError as exc:
        reason = (f"notebook tests need nbclient, nbformat and ipykernel ({exc}); "
                  f"install them with: pip install -e '.[notebooks]'")
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


_EXECUTED: dict[tuple[str, bool], dict] = {}


def _execute(name: str, full: bool, workdir: Path) -> dict:
    """Execute a temporary copy of ``notebooks/name`` with cwd = ``notebooks/``."""
    key = (name, full)
    if key in _EXECUTED:
        return _EXECUTED[key]
    import nbformat
    from nbclient import NotebookClient

    copy = workdir / name
    shutil.copyfile(NB_DIR / name, copy)
    nb = nbformat.read(copy, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    saved = {k: os.environ.get(k) for k in ("ARABCORPUS_NB_FULL", "MPLBACKEND")}
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ["ARABCORPUS_NB_FULL"] = "1" if full else "0"
    start = time.perf_counter()
    try:
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                resources={"metadata": {"path": str(NB_DIR)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        nbformat.write(nb, copy)  # kept in the temporary folder for inspection
    print(f"{name}: executed in {time.perf_counter() - start:.0f} s")
    _EXECUTED[key] = nb
    return nb


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("notebooks")


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_executes_without_error(name, workdir, saudinewsnet_dir, seed_path):
    _nbclient()
    full = os.environ.get("ARABCORPUS_NB_FULL", "0") == "1"
    nb = _execute(name, full, workdir)  # raises CellExecutionError on any error
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in cells)
    assert not [o for c in cells for o in c.outputs if o.output_type == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("name", REPRODUCED)
def test_result_tables_repeat_on_rerun(name, workdir, saudinewsnet_dir, seed_path):
    _nbclient()
    stored = _tagged(_load(NB_DIR / name), "result-table")
    rerun = _tagged(json.loads(json.dumps(_execute(name, True, workdir))), "result-table")
    assert len(rerun) == len(stored) > 0
    for old, new in zip(stored, rerun):
        assert _tables(new) == _tables(old), (
            f"{name}: the 'result-table' cell gives a different table on re-run")
