"""A rebuild starts from the last good site and rebuilds only what changed, with the same result as a clean
build (generator/output/build.py: the dirty rebuild)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import case_text


def _tree(root: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            out[str(path.relative_to(root))] = path.read_bytes()
    return out


def _build(project: pipeline.Project) -> None:
    pipeline.build(project, pdf=False, languages=["en", "es"])


@pytest.fixture
def two_cases(write_tree):
    root = write_tree({"content/cases/first-case.md": case_text("first-case"),
                       "content/cases/second-case.md": case_text("second-case")})
    project = pipeline.Project(root)
    _build(project)
    return project


def _edit(project: pipeline.Project, case_id: str, title: str, body: str = "Body.") -> None:
    path = project.content / "cases" / f"{case_id}.md"
    text = path.read_text(encoding="utf-8").replace("A valid practice", title).replace("\nBody.", f"\n{body}")
    path.write_text(text, encoding="utf-8")


def test_an_edit_rebuilds_its_pages_only_and_leaves_the_others_untouched(two_cases):
    untouched = two_cases.site / "cases" / "second-case" / "index.html"
    before = untouched.stat().st_mtime_ns
    _edit(two_cases, "first-case", "A valid practice", body="An edited body.")  # shown on its own page only
    _build(two_cases)
    assert "An edited body." in (two_cases.site / "cases" / "first-case" / "index.html").read_text()
    assert untouched.stat().st_mtime_ns == before  # MkDocs did not build it again
    _edit(two_cases, "first-case", "An edited practice")  # the title is on the index and the other's page too
    _build(two_cases)
    assert "An edited practice" in (two_cases.site / "cases" / "index.html").read_text()
    assert "An edited practice" in untouched.read_text()


def test_a_rebuild_gives_the_same_site_as_a_clean_build(two_cases, tmp_path):
    _edit(two_cases, "first-case", "An edited practice")
    (two_cases.content / "cases" / "second-case.md").unlink()  # and one practice removed
    _build(two_cases)
    assert not (two_cases.site / "cases" / "second-case").exists()
    rebuilt = _tree(two_cases.site)
    pipeline.build(two_cases, pdf=False, languages=["en", "es"], site=tmp_path / "clean", reuse=False)
    clean = _tree(tmp_path / "clean")
    assert rebuilt.keys() == clean.keys()
    differing = [name for name in clean if clean[name] != rebuilt[name] and not name.startswith("pagefind")]
    assert differing == []  # (Pagefind's bundle names its files by hash of an index that holds build times)


def test_a_changed_theme_setting_builds_every_page_again(two_cases):
    untouched = two_cases.site / "cases" / "second-case" / "index.html"
    os.utime(untouched, ns=(1, 1))
    settings = two_cases.mkdocs_yml.read_text(encoding="utf-8")
    two_cases.mkdocs_yml.write_text(settings.replace("accent: teal", "accent: amber"), encoding="utf-8")
    _build(two_cases)
    assert untouched.stat().st_mtime_ns > 1


def test_a_rebuild_never_writes_into_the_live_site(two_cases, monkeypatch):
    """The rebuild's site shares the unchanged files with the live one (hard links): what MkDocs and the steps
    after it write must be new files, or the live site would change before the swap."""
    from generator.output import build

    before = _tree(two_cases.site)
    seen = []

    def audit_then_compare(staging, *args, **kwargs):
        seen.append(_tree(two_cases.site))  # the last moment before the swap
        return audited(staging, *args, **kwargs)

    audited = build.audit_site
    monkeypatch.setattr(build, "audit_site", audit_then_compare)
    _edit(two_cases, "first-case", "An edited practice", body="An edited body.")  # pages, indexes, scripts' data
    _build(two_cases)
    assert seen and seen[0] == before
    after = _tree(two_cases.site)
    assert "An edited body." in after["cases/first-case/index.html"].decode()
    changed = [name for name in after if name in before and after[name] != before[name]]
    assert {"cases/first-case/index.html", "es/cases/index.html", "assets/compare-data.js"} <= set(changed)
    shared = (two_cases.site / "cases" / "second-case" / "index.html").stat().st_nlink
    assert shared == 1  # the old site's link was removed with it
