"""The package's parts and the rules between them (see docs/design.md).

Every module belongs to one part; a part imports only the parts below it, and no
module imports a private name (one starting with ``_``) from another part, whether
as ``from arabcorpus.x import _name`` or as ``module._name`` on an imported module.
The public API (``arabcorpus.__all__``) is the one the API reference lists, and every
public function shows its real signature.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import arabcorpus

PACKAGE = Path(arabcorpus.__file__).resolve().parent
DOCS = PACKAGE.parent / "docs"

#: part -> the parts it may import (besides itself and ``arabcorpus._version``).
ALLOWED = {
    "util": set(),
    "text": {"util"},
    "io": {"util", "text"},
    "corpus": {"util", "text", "io"},
    "analyses": {"util", "text", "corpus"},
    "plot": {"util", "text"},
    "dask": {"util", "text", "io", "corpus"},
    "app": {"util", "text", "io", "corpus", "analyses", "plot", "dask"},
    # the package's own entry points
    "__init__": {"util", "text", "io", "corpus", "analyses", "plot", "_moved"},
    "__main__": {"app"},
    "_moved": set(),
    "_version": set(),
}


def _part(module: str) -> str:
    """``arabcorpus.text.normalize`` -> ``text``; ``arabcorpus`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        out[name] = path
    return out


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    is_pkg = MODULES[module].name == "__init__.py"
    base = base if is_pkg else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[int, str, str | None, str | None]]:
    """(line, imported module, imported name or None, local alias) for every import of
    the package in ``module``, at any depth (imports inside functions count)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "arabcorpus":
                    found.append((node.lineno, a.name, None, a.asname))
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            if target.split(".")[0] != "arabcorpus":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in MODULES:  # `from arabcorpus.text import chars`: a module
                    found.append((node.lineno, sub, None, a.asname or a.name))
                else:
                    found.append((node.lineno, target, a.name, a.asname or a.name))
    return found


def _violations() -> tuple[list[str], list[str]]:
    layering, private = [], []
    for module, path in MODULES.items():
        own = _part(module)
        module_aliases: dict[str, str] = {}
        for line, target, name, alias in _imports(module):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            other = _part(target)
            if target == "arabcorpus" and name is not None:
                other = "__init__"
            if other != own and other != "_version":
                if other not in ALLOWED.get(own, set()):
                    layering.append(f"{where}: part {own!r} imports {target}"
                                    + (f".{name}" if name else ""))
                if name is not None and name.startswith("_") and name != "__version__":
                    private.append(f"{where}: {target}.{name} is private to {other!r}")
                if any(p.startswith("_") and p not in ("__init__",)
                       for p in target.split(".")[2:]) and other not in ("_moved",):
                    private.append(f"{where}: imports the private module {target}")
            if name is None and alias:
                module_aliases[alias] = target
        # module._private on a module of another part
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in module_aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                target = module_aliases[node.value.id]
                if _part(target) != own:
                    private.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: "
                                   f"{target}.{node.attr} is private to "
                                   f"{_part(target)!r}")
    return layering, private


def test_every_module_is_in_a_known_part():
    unknown = sorted({_part(m) for m in MODULES} - set(ALLOWED))
    assert not unknown, f"modules outside the known parts: {unknown}"


def test_parts_import_only_the_parts_below_them():
    layering, _ = _violations()
    assert not layering, "imports against the layering:\n" + "\n".join(layering)


def test_no_private_name_crosses_a_part():
    _, private = _violations()
    assert not private, "private names used across parts:\n" + "\n".join(private)


def test_nothing_imports_the_app():
    users = [f"{m}:{line}" for m in MODULES if _part(m) not in ("app", "__main__")
             for line, target, _, _ in _imports(m) if _part(target) == "app"]
    assert not users


def _public_callables():
    for name in arabcorpus.__all__:
        obj = getattr(arabcorpus, name)
        if inspect.isfunction(obj):
            yield name, obj
    for name in arabcorpus.plot.__all__:
        obj = getattr(arabcorpus.plot, name)
        if inspect.isfunction(obj):
            yield f"plot.{name}", obj


@pytest.mark.parametrize("name,fn", list(_public_callables()))
def test_public_functions_show_their_real_signature(name, fn):
    """``inspect.signature`` (and so Jupyter's ``?``) shows the parameters, not
    ``(*args, **kwargs)``."""
    params = list(inspect.signature(fn).parameters.values())
    kinds = {p.kind for p in params}
    assert not (len(params) == 2 and kinds == {inspect.Parameter.VAR_POSITIONAL,
                                               inspect.Parameter.VAR_KEYWORD}), name
    assert fn.__doc__, f"{name} has no docstring"


def test_analyses_take_their_options_by_keyword():
    """The corpus first, the query second, every option keyword-only."""
    leading = {"frequency": 1, "ngrams": 1, "lexical_stats": 1, "kwic": 2,
               "collocates": 2, "collocations": 1, "keyness": 2, "dispersion": 2,
               "dispersion_positions": 2, "display_forms": 1, "choose_k": 1}
    bad = []
    for name, n in leading.items():
        params = [p for p in inspect.signature(getattr(arabcorpus, name)).parameters.values()
                  if p.kind is not inspect.Parameter.VAR_KEYWORD]
        positional = [p.name for p in params if p.kind in (
            inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        if len(positional) != n:
            bad.append(f"{name}: positional {positional}")
    assert not bad, "\n".join(bad)


def test_public_api_is_what_the_docs_list():
    """Every name of ``arabcorpus.__all__`` appears in the API reference page, and the
    page names nothing that is not public."""
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*-?\s*`?ac\.(\w+)`?", page, flags=re.M))
    listed |= set(re.findall(r"\{(?:func|class|data|obj|mod)\}`~?arabcorpus\.(\w+)`", page))
    public = set(arabcorpus.__all__) - {"__version__"}
    missing = sorted(public - listed)
    assert not missing, f"public names the API page does not list: {missing}"
    extra = sorted(n for n in listed - public if not n.startswith("_"))
    assert not extra, f"the API page lists names that are not public: {extra}"
