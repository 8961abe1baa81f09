"""A failed or interrupted build leaves the last good site/ serving, and no half-written folder."""

from pathlib import Path

import pytest

import generator.output.build
import generator.output.linkcheck
import generator.output.pdf
import generator.output.workshop
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
    def interrupted(config, **_):
        (config.site_dir and __import__("pathlib").Path(config.site_dir, "half.html").write_text("half"))
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.output.build, "mkdocs_build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(built, pdf=False, languages=["en"])
    _unchanged(built)


def test_a_failure_after_mkdocs_leaves_the_site(built, monkeypatch):
    monkeypatch.setattr(generator.output.linkcheck, "broken_links", lambda site, *_: [type("B", (), {"page": "x.html", "target": "y"})()])
    with pytest.raises(BuildFailed, match="1 internal link"):
        pipeline.build(built, pdf=False, languages=["en"])
    _unchanged(built)


def test_a_successful_build_replaces_the_site(built):
    pipeline.build(built, pdf=False, languages=["en"])
    assert not (built.site / "marker.txt").exists()
    assert not list(built.root.glob(".site.new-*")) and not list(built.root.glob(".site.old*"))


# --- issue #18: losing the site -------------------------------------------------------------------

import errno
import os
import stat
import threading

from generator.cli import main


def _build_cli(project) -> int:
    return main(["--root", str(project.root), "build", "--no-pdf", "--languages", "en"])


def test_the_site_is_complete_at_every_instant_of_the_swap(built, monkeypatch):
    exchanged = []
    real = generator.output.build._exchange
    monkeypatch.setattr(generator.output.build, "_exchange", lambda new, site: exchanged.append(1) or real(new, site))
    missing, done = [], threading.Event()

    def watch():
        page = built.site / "cases" / "valid-case" / "index.html"
        while not done.is_set():
            if not page.exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            pipeline.build(built, pdf=False, languages=["en"])
    finally:
        done.set()
        watcher.join()
    assert exchanged == [1, 1] and missing == []


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(built):
    killed = built.root / ".site.new-killed"
    (killed / "cases").mkdir(parents=True)
    (killed / "cases" / "half.html").write_text("half")
    old = built.root / ".site.old"
    (old / "sub").mkdir(parents=True)
    (old / "sub" / "page.html").write_text("old")
    os.chmod(old / "sub", stat.S_IRUSR | stat.S_IXUSR)
    os.chmod(old, stat.S_IRUSR | stat.S_IXUSR)
    assert _build_cli(built) == 0
    assert not killed.exists() and not old.exists()


def test_the_site_is_readable_by_a_web_server(built):
    assert stat.S_IMODE(os.stat(built.site).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(built.site / "cases").st_mode) == 0o755
    assert stat.S_IMODE(os.stat(built.site / "cases" / "valid-case" / "index.html").st_mode) == 0o644


def _refused(project, capsys) -> str:
    assert _build_cli(project) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    _unchanged(project)
    return err


def test_a_full_disk_during_mkdocs_is_the_plain_message(built, monkeypatch, capsys):
    def full(config, **_):
        raise OSError(errno.ENOSPC, "No space left on device", str(config.site_dir))

    monkeypatch.setattr(generator.output.build, "mkdocs_build", full)
    assert "error: the site was not built (could not write the site: No space left on device" in _refused(built, capsys)


def test_a_full_disk_while_writing_the_pages_is_the_plain_message(built, monkeypatch, capsys):
    import generator.output.write

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(generator.output.write, "write_if_changed", full)
    (built.root / "content" / "cases" / "valid-case.md").write_text(case_text() + "\nA change.\n")
    assert "error: the site was not built (could not write" in _refused(built, capsys)


def test_a_site_folder_that_cannot_be_replaced_is_the_plain_message(built, monkeypatch, capsys):
    def refused(new, site):
        raise PermissionError(errno.EACCES, "Permission denied", str(site))

    monkeypatch.setattr(generator.output.build, "_exchange", refused)
    assert "the site was not built (could not write the site: Permission denied" in _refused(built, capsys)


def test_empty_search_files_refuse_the_build(built, monkeypatch, capsys):
    import generator.output.search

    real = generator.output.search.check_bundle

    def full_disk(bundle):
        for path in bundle.rglob("*.pf_*"):
            path.write_bytes(b"")  # what Pagefind leaves when the disk fills, while exiting 0
        return real(bundle)

    monkeypatch.setattr(generator.output.search, "check_bundle", full_disk)
    assert "the search index was not written whole" in _refused(built, capsys)


def test_a_page_slipped_past_the_checks_fails_the_audit(built, monkeypatch, capsys):
    from tests.payloads import SLIPPED_IN

    real = generator.output.build.mkdocs_build

    def tampered(config, **options):
        page = Path(config.docs_dir) / "cases" / "valid-case.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n\n" + SLIPPED_IN["event-handler"] + "\n", encoding="utf-8")
        real(config, **options)

    monkeypatch.setattr(generator.output.build, "mkdocs_build", tampered)
    err = _refused(built, capsys)
    assert "the audit of the built pages found 1 thing(s) that could run a script: " \
           "cases/valid-case/index.html: <img onerror=...>: an event handler attribute" in err


def test_a_pdf_cut_short_refuses_the_build(built, monkeypatch):
    def cut_short(site, jobs, *rest):
        for job in jobs:
            (site / job.pdf).parent.mkdir(parents=True, exist_ok=True)
            (site / job.pdf).write_bytes(b"%PDF-1.7\n1 0 obj")  # what a full disk leaves: no %%EOF
        return len(jobs)

    monkeypatch.setattr(generator.output.pdf, "print_pdfs", cut_short)
    monkeypatch.setattr(generator.output.workshop, "make_workshop_files", lambda site, model, config, cache=None: None)
    (built.root / "content" / "guides").mkdir()
    (built.root / "content" / "guides" / "transfer-plan-template.md").write_text(
        (Path(__file__).parent / "fixtures" / "mini" / "content" / "guides" / "transfer-plan-template.md")
        .read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"PDF\(s\) were not written whole"):
        pipeline.build(built, pdf=True, languages=["en"])
    _unchanged(built)
