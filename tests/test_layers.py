"""The package follows the pipeline: no module imports from a layer above it, and no cycles.

Every ``import`` of a ``briefing`` module is counted, at module level, inside
functions and under ``TYPE_CHECKING`` alike, read from the source with
:mod:`ast` (nothing is imported).  Lazy ``"module:attribute"`` strings of the
registries are not imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "briefing"

BASE = {"_version", "errors", "labels", "notes", "textutil", "resources", "compat", "colour", "model", "serialise",
        "config", "discovery", "inspection", "cache"}
#: layer -> the layers its modules may import (besides their own)
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "readers": {"base"},
    "analysis": {"base"},
    "compose": {"base", "analysis"},
    "typography": {"base"},
    "charts": {"base", "typography"},
    "writers": {"base", "typography", "charts"},
    "pipeline": {"base", "readers", "analysis", "compose", "typography", "charts", "writers"},
    "deliver": {"base", "readers", "analysis", "compose", "typography", "charts", "writers", "pipeline"},
    "batch": {"base", "readers", "analysis", "compose", "typography", "charts", "writers", "pipeline"},
    "commands": {"base", "readers", "analysis", "compose", "typography", "charts", "writers", "pipeline",
                 "deliver", "batch"},
    "api": {"base", "readers", "analysis", "compose", "pipeline"},
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "api"
    top = parts[1]
    if top in BASE:
        return "base"
    if top in ("cli", "__main__"):
        return "commands"
    return top


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The ``briefing`` modules that ``module`` imports anywhere in its source."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                names.add(submodule if submodule in known else origin)
    resolved = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            resolved.add(name)
    return resolved


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def test_every_module_has_a_layer() -> None:
    unknown = sorted(m for m in modules() if layer(m) not in ALLOWED)
    assert not unknown, f"modules outside the known layers: {unknown} (add them to tests/test_layers.py)"


def test_no_module_imports_from_a_layer_above_it() -> None:
    wrong = []
    for module, targets in graph().items():
        mine = layer(module)
        for target in sorted(targets):
            theirs = layer(target)
            if theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_there_are_no_import_cycles() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "briefing" / "writers" / "x.py"
    source.parent.mkdir(parents=True)
    source.write_text("def f():\n    from briefing.compose import chartspecs\n    from ..pipeline import write\n")
    known = {"briefing.writers.x", "briefing.compose", "briefing.compose.chartspecs", "briefing.pipeline"}
    assert imports("briefing.writers.x", source, known) == {"briefing.compose.chartspecs", "briefing.pipeline"}
