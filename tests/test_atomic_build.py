"""A failed or interrupted build leaves the last good site/ serving, and no half-written folder."""

import pytest

import generator.output.build
from generator import pipeline
from generator.output.build import BuildFailed
from tests.conftest import case_text


@pytest.fixture
def built(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text()})
    project = pipeline.Project(root)
    pipeline.build(project, pdf=False, languages=["en"])
    (root / "site" / "marker.txt").write_text("last good build")
    return project


def _unchanged(project):
    assert (project.site / "marker.txt").read_text() == "last good build"
    assert (project.site / "cases" / "valid-case" / "index.html").exists()
    assert not list(project.root.glob(".site.new-*")) and not list(project.root.glob(".site.old*"))


def test_interrupted_mkdocs_build_leaves_the_site(built, monkeypatch):
    def interrupted(config):
        (config.site_dir and __import__("pathlib").Path(config.site_dir, "half.html").write_text("half"))
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.output.build, "mkdocs_build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(built, pdf=False, languages=["en"])
    _unchanged(built)


def test_a_failure_after_mkdocs_leaves_the_site(built, monkeypatch):
    monkeypatch.setattr(pipeline, "broken_links", lambda site: [type("B", (), {"page": "x.html", "target": "y"})()])
    with pytest.raises(BuildFailed, match="1 internal link"):
        pipeline.build(built, pdf=False, languages=["en"])
    _unchanged(built)


def test_a_successful_build_replaces_the_site(built):
    pipeline.build(built, pdf=False, languages=["en"])
    assert not (built.site / "marker.txt").exists()
    assert not list(built.root.glob(".site.new-*")) and not list(built.root.glob(".site.old*"))
