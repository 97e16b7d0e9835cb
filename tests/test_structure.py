"""Package structure: imports run one way (no module imports one that imports it back, even inside a function)."""

from __future__ import annotations

import ast
from pathlib import Path

import govdoc_nlp

PACKAGE = Path(govdoc_nlp.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each govdoc_nlp module and the govdoc_nlp modules it imports anywhere in its code."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govdoc_nlp"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    graph[name].add(target if target in modules else node.module)
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name.startswith("govdoc_nlp"))
    return graph


def test_no_import_cycles() -> None:
    graph = import_graph()

    def reachable(start: str) -> set[str]:
        seen, stack = set(), [start]
        while stack:
            for nxt in graph.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    cycles = sorted(f"{a} ⇄ {b}" for a in graph for b in graph[a] if b != a and a in reachable(b))
    assert cycles == []


def test_the_import_graph_sees_known_imports() -> None:
    # Guards the test above against a graph that finds nothing: these imports exist.
    graph = import_graph()
    assert "govdoc_nlp.resources.artefacts" in graph["govdoc_nlp.resources.setup"]
    assert "govdoc_nlp.labels" in graph["govdoc_nlp.classify.training"]
    assert "govdoc_nlp.io.readers" in graph["govdoc_nlp.corpora"]


def test_the_installed_package_never_names_the_development_corpora() -> None:
    named = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".cfg", ".json")
             and "../shared" in p.read_text(encoding="utf-8", errors="ignore")]
    assert named == []
