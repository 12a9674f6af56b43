"""The optional C accelerators in tests: skip without them on a user's machine, fail
under ``CI=true`` (whose install builds them)."""

from __future__ import annotations

import os

import pytest


def require_built(function: object, module: str) -> None:
    """Skip (fail under ``CI=true``) when ``function``, the accelerator's function
    imported by its Python module, is None: ``module`` was not built."""
    if function is None:
        reason = (f"the C accelerator {module} is not built "
                  "(pip install -e . or python setup.py build_ext --inplace)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
