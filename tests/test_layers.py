"""The package's architecture, checked from the source: layers without cycles, modules of one size.

symalign's subpackages form layers, lowest first::

    core <- engines <- parametric <- normalform <- delegation <- io <- proving <- experiments <- cli

A module may import from its own layer or a lower one, never from a higher one, and the import
graph between modules has no cycle (imports inside functions count: a lazy import is still a
dependency; so does a module named by its full dotted name in a string, as the subpackages'
``_LAZY`` tables name the modules they load on first use). The graph is built with `ast` from the
files, so the test needs nothing imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "symalign"
LAYERS = ["core", "engines", "parametric", "normalform", "delegation", "io", "proving",
          "experiments", "cli"]
#: the longest a module may grow (issue 13: "no module above about 800 lines")
MAX_LINES = 800


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(modules: dict[str, Path] | None = None) -> dict[str, set[str]]:
    """Map each symalign module to the symalign modules it imports (anywhere in the file)."""
    modules = _modules() if modules is None else modules
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, node, path.name == "__init__.py")
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and node.value in modules):
                targets = [node.value]   # a lazy import by name (importlib, the _LAZY tables)
            for t in targets:
                # the longest known module that the target names (a name imported from a module
                # counts as that module)
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and t.startswith("symalign"):
                    deps.add(t)
        graph[name] = deps
    return graph


def layer_of(module: str) -> int | None:
    """The layer index of a module, or None for the top-level package and ``__main__``."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of modules (first = last), or None."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if colour.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in colour:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        colour[node] = 2
        return None

    for node in sorted(graph):
        if node not in colour:
            found = visit(node)
            if found:
                return found
    return None


def _package_graph(graph):
    """The graph without the subpackages' ``__init__`` re-exports (a package imports its modules)."""
    return {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()
            if m.count(".") >= 1}


def test_every_module_is_in_a_layer():
    loose = [m for m in _modules() if layer_of(m) is None
             and m not in ("symalign", "symalign.__main__")]
    assert loose == [], f"modules outside the subpackages {LAYERS}: {loose}"


def test_no_import_from_a_higher_layer():
    graph = import_graph()
    bad = [(m, d) for m, deps in graph.items() for d in deps
           if layer_of(m) is not None and layer_of(d) is not None and layer_of(d) > layer_of(m)]
    assert bad == [], "imports from a higher layer:\n" + "\n".join(f"  {m} -> {d}" for m, d in bad)


def test_no_import_cycle():
    cycle = find_cycle(_package_graph(import_graph()))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_modules_stay_small():
    big = {m: n for m, p in _modules().items()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}, f"modules over {MAX_LINES} lines: {big}"


# -- the checks themselves can fail -------------------------------------------------------------

def test_find_cycle_sees_a_cycle_and_a_clean_graph():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_graph_sees_lazy_and_relative_imports(tmp_path):
    pkg = tmp_path / "symalign"
    (pkg / "core").mkdir(parents=True)
    (pkg / "cli").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("")
    (pkg / "cli" / "__init__.py").write_text("")
    (pkg / "cli" / "main.py").write_text("X = 1\n")
    (pkg / "core" / "game.py").write_text("def f():\n    from ..cli.main import X\n    return X\n")
    (pkg / "core" / "table.py").write_text('_LAZY = {"symalign.cli.main": ("X",)}\n')
    modules = {_module_name_in(pkg, p): p for p in pkg.rglob("*.py")}
    graph = import_graph(modules)
    assert graph["symalign.core.game"] == {"symalign.cli.main"}
    assert graph["symalign.core.table"] == {"symalign.cli.main"}
    assert layer_of("symalign.core.game") < layer_of("symalign.cli.main")


def _module_name_in(pkg: Path, path: Path) -> str:
    parts = path.relative_to(pkg.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_subpackage_has_a_curated_namespace(layer):
    import importlib

    mod = importlib.import_module(f"symalign.{layer}")
    assert mod.__doc__ and mod.__doc__.strip(), f"symalign.{layer} has no docstring"
    names = getattr(mod, "__all__", None)
    assert names, f"symalign.{layer} has no __all__"
    missing = [n for n in names if not hasattr(mod, n)]
    assert missing == [], f"symalign.{layer}.__all__ names what it lacks: {missing}"
