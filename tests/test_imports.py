"""The generator's modules import each other one way only: no cycles, and each stage only from earlier ones."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS = {"content": {"content"}, "site": {"content", "site"}, "output": {"content", "site", "output"}}
"""Which of the stage folders each stage folder may import from (the shared top-level modules are open to all)."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every generator module `path` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in known else node.module)
    return {name for name in found if name in known and name != "generator"}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}


def test_no_import_cycle():
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(name):] + [name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, trail + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_each_stage_imports_only_from_earlier_stages():
    wrong = []
    for name, targets in _graph().items():
        parts = name.split(".")
        stage = parts[1] if len(parts) > 2 else None
        if stage not in LAYERS:
            continue
        for target in targets:
            target_parts = target.split(".")
            target_stage = target_parts[1] if len(target_parts) > 2 else None
            if target_stage in LAYERS and target_stage not in LAYERS[stage]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_the_checker_finds_a_cycle(tmp_path, monkeypatch):
    """The cycle test can fail: two modules importing each other are caught."""
    package = tmp_path / "generator"
    (package / "site").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "site" / "__init__.py").write_text("")
    (package / "site" / "a.py").write_text("from generator.site import b\n")
    (package / "site" / "b.py").write_text("def f():\n    from generator.site.a import x\n")
    import sys

    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    try:
        test_no_import_cycle()
    except AssertionError as error:
        assert "generator.site.a -> generator.site.b -> generator.site.a" in str(error)
    else:
        raise AssertionError("the cycle was not found")
