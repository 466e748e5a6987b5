"""The package's modules import one another one way only: no import cycle, not even one hidden
by an import inside a function (imports under `if TYPE_CHECKING:` never run, so they are left
out)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import propalens

PACKAGE = Path(propalens.__file__).parent


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` except the bodies of `if TYPE_CHECKING:` blocks."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def imported_modules(path: Path, package_dir: Path, modules: set[str]) -> set[str]:
    """The modules of `modules` that `path` imports, anywhere in it: `from a import b` names
    the module `a.b` when there is one, else `a`."""
    name = module_name(path, package_dir)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = ".".join(part for part in (base if node.level else "", node.module) if part)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in modules else source)
    return {module for module in found if module in modules and module != name}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package, with the modules of the package it imports."""
    paths = sorted(package.rglob("*.py"))
    modules = {module_name(path, package) for path in paths}
    return {module_name(path, package): imported_modules(path, package, modules) for path in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as the modules along it (the first repeated at the end), or None."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [(start, iter(sorted(graph[start])))]
        while stack:
            node, successors = stack[-1]
            successor = next(successors, None)
            if successor is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif successor in on_path:
                return [*path[path.index(successor) :], successor]
            elif successor not in done:
                stack.append((successor, iter(sorted(graph[successor]))))
                path.append(successor)
                on_path.add(successor)
    return None


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def folder_graph(graph: dict[str, set[str]], package: str = "propalens") -> dict[str, set[str]]:
    """The graph between the package's steps (its top-level modules and folders), leaving out
    the package's own `__init__`, the public facade that may name any step."""

    def step(module: str) -> str:
        return ".".join(module.split(".")[:2])

    steps: dict[str, set[str]] = {}
    for module, imported in graph.items():
        if module != package:
            steps.setdefault(step(module), set()).update(
                step(other)
                for other in imported
                if other != package and step(other) != step(module)
            )
    return steps


def test_the_steps_of_the_pipeline_depend_on_one_another_one_way_only() -> None:
    cycle = find_cycle(folder_graph(import_graph()))
    assert cycle is None, "steps that import each other: " + " -> ".join(cycle or [])


def test_a_cycle_through_an_import_inside_a_function_is_named(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from pkg.sub.b import B\n")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("B = 1\ndef late():\n    from ..a import late\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.d\n"
    )
    (package / "d.py").write_text("import pkg.c\n")
    graph = import_graph(package)
    assert graph["pkg.c"] == set() and graph["pkg.d"] == {"pkg.c"}
    assert find_cycle(graph) == ["pkg.a", "pkg.sub.b", "pkg.a"]
    (package / "sub" / "b.py").write_text("B = 1\n")
    assert find_cycle(import_graph(package)) is None


def test_the_analysis_service_loads_nothing_of_http() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, propalens.service; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "propalens.service" in loaded
    assert not [name for name in loaded if name.split(".")[0] in ("fastapi", "starlette")]
