"""Checking the files of a tree: each file's problems, and a record for each valid one."""

import shutil
from pathlib import Path

import pytest

from generator.content import check
from generator.content.check import Job, check_files
from generator.content.load import content_files

ROOT = Path(__file__).resolve().parent.parent


def _jobs(root: Path) -> list[Job]:
    return [Job(folder, path) for folder, path in content_files(root / "content")]


@pytest.fixture
def tree(write_tree):
    """The portal's real content plus files with problems of each stage (YAML, schema, safety)."""
    root = write_tree({
        "content/cases/broken-yaml.md": "---\nid: broken-yaml\ntitle: [unclosed\n---\nText\n",
        "content/cases/wrong-schema.md": "---\nid: wrong-schema\ntitle: T\nstatus: publish\n---\nText\n",
        "content/cases/unsafe.md": (ROOT / "content/cases/bilbao-as-fabrik.md").read_text(encoding="utf-8")
        .replace("id: bilbao-as-fabrik", "id: unsafe") + "\n<script>alert(1)</script>\n",
    })
    shutil.copytree(ROOT / "content", root / "content", dirs_exist_ok=True)
    return root


def test_each_file_gets_its_problems_and_each_valid_one_a_record(tree, schemas):
    jobs = _jobs(tree)
    checked = check_files(jobs, schemas, tree)
    assert len(checked) == len(jobs)
    problems = {str(d.path) for result in checked for d in result.problems}
    assert problems == {"content/cases/broken-yaml.md", "content/cases/wrong-schema.md", "content/cases/unsafe.md"}
    assert sum(result.record is not None for result in checked) == len(jobs) - 3 > 40
    by_id = {r.record.doc.stem: r.record for r in checked if r.record and r.record.doc.folder == "cases"}
    assert by_id["bilbao-as-fabrik"].doc.line(("title",)) == 3  # lines of the exact YAML parse


def test_files_are_checked_in_the_order_given(tree, schemas):
    jobs = _jobs(tree)
    shown = [str(job.shown) for job in jobs]
    checked = check_files(jobs, schemas, tree)
    assert [str(r.doc.path) for r in checked if r.doc] == [s for s, r in zip(shown, checked) if r.doc]


def test_processes_sharing_the_files_give_what_one_gives(tree, schemas):
    jobs = _jobs(tree)
    alone = check_files(jobs, schemas, tree, workers=1)
    assert sum(bool(result.problems) for result in alone) == 3
    for workers in (2, 3):
        shared = check_files(jobs, schemas, tree, workers=workers)
        assert shared == alone  # problems (file, line, field, message, in order), records and docs
        assert [r.problems for r in shared] == [r.problems for r in alone]


def _no_processes(*args, **kwargs):
    raise AssertionError("started worker processes")


def test_a_small_tree_is_checked_in_this_process(tree, schemas, monkeypatch):
    monkeypatch.setattr(check, "ProcessPoolExecutor", _no_processes)
    jobs = _jobs(tree)
    assert len(jobs) < 2 * check.FILES_PER_PROCESS
    assert len(check_files(jobs, schemas, tree)) == len(jobs)


def test_the_serve_cache_checks_the_changed_files_in_this_process(tree, monkeypatch):
    """`make serve` re-checks one edited file: never worth starting a process, however large the tree."""
    from generator import pipeline

    monkeypatch.setattr(check, "FILES_PER_PROCESS", 1)
    project = pipeline.Project(tree)
    whole = pipeline.check(project).report.diagnostics
    monkeypatch.setattr(check, "ProcessPoolExecutor", _no_processes)
    assert pipeline.check(project, cache=pipeline.FileCache()).report.diagnostics == whole


def test_one_mistake_gives_exactly_one_problem(tmp_path):
    """A case with a wrong kind is reported once, and the pages naming it report nothing."""
    from generator import pipeline

    root = tmp_path / "project"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    case = root / "content" / "cases" / "bilbao-as-fabrik.md"
    case.write_text(case.read_text(encoding="utf-8").replace("kind: city-programme", "kind: city-programm", 1),
                    encoding="utf-8")
    report = pipeline.check(pipeline.Project(root)).report
    assert [(str(d.path), d.field) for d in report.errors] == [("content/cases/bilbao-as-fabrik.md", "kind")]


def test_a_file_with_a_schema_error_still_has_its_references_checked(write_tree):
    from generator import pipeline
    from tests.conftest import case_text

    root = write_tree({"content/cases/valid-case.md": case_text(**{"kind: city-programme": "kind: nonsense"})
                       .replace("last_reviewed:", "related: [no-such-case]\nlast_reviewed:")})
    report = pipeline.check(pipeline.Project(root)).report
    messages = sorted(d.message for d in report.errors)
    assert any("no case with id 'no-such-case'" in m for m in messages), messages
    assert any("nonsense" in m for m in messages), messages


def test_the_garbage_collector_is_as_it_was_after_a_check(tree, schemas):
    import gc

    jobs = _jobs(tree)[:3]
    check_files(jobs, schemas, tree)
    assert gc.isenabled()
    gc.disable()
    try:
        check_files(jobs, schemas, tree)
        assert not gc.isenabled()
    finally:
        gc.enable()
