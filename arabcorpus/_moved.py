"""Old module paths, kept for one release: ``arabcorpus.readers`` and the other modules
of the flat 0.0 layout import with a :class:`DeprecationWarning` that names their new
place (``arabcorpus.io.readers``). Removed in 0.2."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
import warnings

#: Old module path -> new module path.
MOVED = {
    **{f"arabcorpus.{m}": f"arabcorpus.text.{m}" for m in (
        "chars", "normalize", "diacritics", "tokenize", "stem", "clitics", "lemma",
        "evaluation")},
    **{f"arabcorpus.{m}": f"arabcorpus.io.{m}" for m in ("readers", "news", "datasets")},
    **{f"arabcorpus.{m}": f"arabcorpus.analyses.{m}" for m in (
        "measures", "forms", "frequency", "kwic", "collocations", "keyness", "dispersion",
        "topics")},
    "arabcorpus.shards": "arabcorpus.corpus.sharded",
    "arabcorpus.cli": "arabcorpus.app.cli",
    "arabcorpus.report": "arabcorpus.app.report",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module path and loads it as the module at its new path."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; the old path is removed in 0.2",
                      DeprecationWarning, stacklevel=3)
        module = importlib.import_module(new)
        self._specs = getattr(self, "_specs", {})
        self._specs[new] = module.__spec__
        return module

    def exec_module(self, module):
        # the import system set the old path's spec on the module: give it back its own
        module.__spec__ = self._specs.pop(module.__name__)


class _Package(types.ModuleType):
    """The ``arabcorpus`` package: importing an old module path does not replace the
    function of the same name (``arabcorpus.kwic`` stays the function)."""

    def __setattr__(self, name, value):
        if (isinstance(value, types.ModuleType) and f"{self.__name__}.{name}" in MOVED
                and callable(self.__dict__.get(name))):
            return
        super().__setattr__(name, value)


def install(package: types.ModuleType) -> None:
    if not any(isinstance(f, _Alias) for f in sys.meta_path):
        sys.meta_path.append(_Alias())
    package.__class__ = _Package
