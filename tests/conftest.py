"""Shared fixtures: where the real corpora live, and their texts.

The data folder is ``$ARABCORPUS_DATA`` or else ``../shared/corpora`` beside the
repository root. Tests that need it skip with a reason on a user's machine, and fail
when ``CI=true`` and the data is missing.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def corpora_dir() -> Path | None:
    """Return the data folder: ``$ARABCORPUS_DATA`` if set, else ``../shared/corpora``
    beside the repository; None if that folder does not exist. A folder that exists
    but lacks a corpus makes the tests that need it skip (or fail under CI)."""
    env = os.environ.get("ARABCORPUS_DATA")
    path = Path(env) if env else REPO_ROOT.parent / "shared" / "corpora"
    return path.resolve() if path.is_dir() else None


_DATA = corpora_dir()
if _DATA is not None and not os.environ.get("ARABCORPUS_DATA"):
    # Let the library's dataset loader find the same folder.
    os.environ["ARABCORPUS_DATA"] = str(_DATA)


def _require(path: Path | None, what: str) -> Path:
    if path is None or not path.exists():
        env = os.environ.get("ARABCORPUS_DATA")
        where = (f"ARABCORPUS_DATA={env} lacks it" if env else
                 f"set ARABCORPUS_DATA or put the shared corpora at "
                 f"{REPO_ROOT.parent / 'shared' / 'corpora'}")
        reason = f"{what} not found: {where}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder holding ``saudinewsnet/`` and ``seed/``."""
    return _require(_DATA, "the corpora folder")


@pytest.fixture(scope="session")
def saudinewsnet_dir(data_dir: Path) -> Path:
    return _require(data_dir / "saudinewsnet", "SaudiNewsNet")


@pytest.fixture(scope="session")
def seed_path(data_dir: Path) -> Path:
    return _require(data_dir / "seed" / "000_fac4a86e05235b2d.txt", "the seed article")


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def saudinewsnet_articles(saudinewsnet_dir: Path) -> list[dict]:
    """All SaudiNewsNet articles as dicts, read directly with ``json`` (no arabcorpus
    reader involved, so text-core tests do not depend on the readers)."""
    articles: list[dict] = []
    for zpath in sorted(saudinewsnet_dir.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    articles.extend(json.loads(zf.read(name).decode("utf-8")))
    return articles


@pytest.fixture(scope="session")
def saudinewsnet_texts(saudinewsnet_articles: list[dict]) -> list[str]:
    """The ``content`` of every SaudiNewsNet article (31,030 strings)."""
    return [a.get("content") or "" for a in saudinewsnet_articles]


try:  # no per-example deadline: CI machines are shared and timing is not what we test
    from hypothesis import settings as _hsettings

    _hsettings.register_profile("arabcorpus", deadline=None, max_examples=200)
    _hsettings.load_profile("arabcorpus")
except ImportError:  # pragma: no cover
    pass
