"""Shared fixtures: small content trees built in tmp_path from dicts."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.schemas import SchemaSet, load_schemas

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="session")
def real_model():
    """The portal's own content, checked and modelled (it must be valid)."""
    from generator import pipeline

    checked = pipeline.check(pipeline.Project(ROOT))
    assert checked.report.ok, checked.report.diagnostics
    return checked.model


@pytest.fixture(scope="session")
def schemas() -> SchemaSet:
    return load_schemas(ROOT / "schemas")


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """The real content, built once per run (with PDFs, every language) and served on localhost: what
    test_browser.py and test_accessibility.py visit. (url, site folder, the model)"""
    from generator import pipeline
    from tests.browser_support import require_chromium, serve

    require_chromium()
    site = tmp_path_factory.mktemp("portal") / "site"
    generated = pipeline.build(pipeline.Project(ROOT), site=site, pdf=True)
    assert generated.checked.report.ok
    with serve(site) as url:
        yield url, site, generated.checked.model


@pytest.fixture(scope="module")
def chromium():
    """Chromium for one test module (one Playwright at a time: each module starts and stops its own)."""
    from tests.browser_support import browser

    with browser() as instance:
        yield instance


def make_project(base: Path, files: dict[str, str | bytes]) -> Path:
    """A project folder with the real schemas and mkdocs.yml and the given content files."""
    shutil.copytree(ROOT / "schemas", base / "schemas")
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    (base / "generator").mkdir(parents=True)
    (base / "generator" / "theme").symlink_to(ROOT / "generator" / "theme")  # mkdocs.yml's custom_dir
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return base


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """write_tree({"content/cases/x.md": "..."}) -> project root."""
    return lambda files: make_project(tmp_path / "project", files)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini (a small, valid content tree) with real schemas."""
    root = tmp_path / "mini"
    shutil.copytree(MINI / "content", root / "content")
    return make_project(root, {})


CASE = """
---
id: {id}
title: A valid practice
status: published
kind: city-programme
summary: A practice that passes validation, used as the base of the tests' variations.
place:
  scope: local
  city: Tartu
  country: EE
  coordinates: {{lat: 58.3806, lon: 26.7251}}
sectors: [digital]
themes: [startups]
sources:
  - document: 000_b996351083f02d1b.txt
    section: Introduction
last_reviewed: 2026-11-23
---

Body.
"""


def case_text(case_id: str = "valid-case", **replace: str) -> str:
    """The valid CASE text with some lines replaced (`field='new line'`)."""
    text = textwrap.dedent(CASE).lstrip("\n").format(id=case_id)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text
