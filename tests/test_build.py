"""End-to-end: content tree -> generated Markdown -> `mkdocs build --strict` -> HTML."""

from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.output.build import BuildFailed

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent


def test_fixture_site_builds_and_case_page_shows_its_facts(mini_project):
    generated = pipeline.build(pipeline.Project(mini_project), pdf=False, languages=["en"])
    assert generated.checked.report.ok
    html = (mini_project / "site" / "cases" / "igualada-test" / "index.html").read_text(encoding="utf-8")
    assert "Igualada, Catalonia, Spain" in html
    assert "1994 – ongoing" in html
    assert "Strategic segmentation" in html
    assert "Leather &amp; &lt;b&gt;bold&lt;/b&gt; cluster | Igualada" in html  # escaped, never a real <b>
    assert "<b>bold</b>" not in html
    assert not (mini_project / "site" / "cases" / "draft-case").exists()
    home = (mini_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home


def test_preview_build_includes_drafts(mini_project, tmp_path):
    pipeline.build(pipeline.Project(mini_project), preview=True, site=tmp_path / "preview", pdf=False, languages=["en"])
    assert (tmp_path / "preview" / "cases" / "draft-case" / "index.html").exists()


def test_invalid_content_leaves_the_previous_site_untouched(mini_project):
    project = pipeline.Project(mini_project)
    pipeline.build(project, pdf=False, languages=["en"])
    before = sorted(p.relative_to(mini_project) for p in (mini_project / "site").rglob("*"))
    (mini_project / "content" / "cases" / "igualada-test.md").write_text("---\ntitle: [\n---\n")
    assert main(["--root", str(mini_project), "build", "--no-pdf", "--languages", "en"]) == 1
    after = sorted(p.relative_to(mini_project) for p in (mini_project / "site").rglob("*"))
    assert before == after
    assert not list(mini_project.glob(".site.new-*")) and not list(mini_project.glob(".site.old*"))


def test_failed_mkdocs_build_leaves_the_previous_site(mini_project):
    project = pipeline.Project(mini_project)
    pipeline.build(project, pdf=False, languages=["en"])
    marker = (mini_project / "site" / "index.html").read_text(encoding="utf-8")
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"))
    with pytest.raises(BuildFailed):
        pipeline.build(project, pdf=False, languages=["en"])
    assert (mini_project / "site" / "index.html").read_text(encoding="utf-8") == marker
    assert not list(mini_project.glob(".site.new-*")) and not list(mini_project.glob(".site.old*"))


def test_real_content_builds_strict(tmp_path):
    project = pipeline.Project(ROOT)
    checked = pipeline.check(project)
    assert checked.report.ok, "\n".join(d.message for d in checked.report.errors)
    generated = pipeline.build(project, site=tmp_path / "site", pdf=False)
    assert generated.checked.report.ok
    assert (tmp_path / "site" / "cases" / "bilbao-as-fabrik" / "index.html").exists()


def test_a_rebuild_reprints_nothing_that_did_not_change(mini_project, monkeypatch):
    """PDFs come from the print cache when what they are printed from is unchanged; a changed checklist
    is printed again."""
    from tests.browser_support import require_chromium

    require_chromium()
    from generator.output import pdf, workshop

    project = pipeline.Project(mini_project)
    assert pipeline.build(project, pdf=True, languages=["en"]).checked.report.ok
    first = {p.name: p.read_bytes() for p in (mini_project / "site" / "pdf").glob("*.pdf")}
    assert "test-checklist.pdf" in first and "workshop-pack.pdf" in first and "practice-cards.pdf" in first

    def no_browser():
        raise AssertionError("printed again")

    monkeypatch.setattr(pdf, "chromium", no_browser)
    monkeypatch.setattr(workshop, "chromium", no_browser)
    assert pipeline.build(project, pdf=True, languages=["en"]).checked.report.ok
    assert {p.name: p.read_bytes() for p in (mini_project / "site" / "pdf").glob("*.pdf")} == first

    checklist = mini_project / "content" / "guides" / "test-checklist.md"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1),
                         encoding="utf-8")
    with pytest.raises(AssertionError, match="printed again"):
        pipeline.build(project, pdf=True, languages=["en"])
