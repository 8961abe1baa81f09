"""Helpers for the hostile-input tests: a project with one bad case, and what a build leaves behind."""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from tests.conftest import case_text, make_project

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
"""The first bytes of a PNG image (what the media check looks at)."""


def bad_project(tmp_path: Path, text: str | bytes, name: str = "valid-case.md") -> Path:
    """A project whose only case is `text`; a previous good build already sits in site/."""
    root = make_project(tmp_path / "p", {"content/cases/valid-case.md": case_text()})
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0
    (root / "site" / "marker.txt").write_text("last good build")
    path = root / "content" / "cases" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def check_refused(root: Path, capsys) -> list[str]:
    """Run the build; assert it failed and left the last good site; return the problem lines."""
    before = sorted(str(p.relative_to(root)) for p in (root / "site").rglob("*"))
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 1
    err = capsys.readouterr().err
    after = sorted(str(p.relative_to(root)) for p in (root / "site").rglob("*"))
    assert after == before, "a refused build must not touch site/"
    assert (root / "site" / "marker.txt").read_text() == "last good build"
    assert not list(root.glob(".site.new-*")) and not list(root.glob(".site.old*")), "no half-written site may be left behind"
    return [line for line in err.splitlines() if line.startswith("content/")]


def body_case(body: str) -> str:
    return case_text() + body
