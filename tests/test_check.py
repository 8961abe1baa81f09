"""Checking the files of a tree: each file's problems, and a record for each valid one."""

import shutil
from pathlib import Path

import pytest

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
    problems = {str(d.path) for found, _ in checked for d in found}
    assert problems == {"content/cases/broken-yaml.md", "content/cases/wrong-schema.md", "content/cases/unsafe.md"}
    assert sum(record is not None for _, record in checked) == len(jobs) - 3 > 40
    by_id = {record.doc.stem: record for _, record in checked if record and record.doc.folder == "cases"}
    assert by_id["bilbao-as-fabrik"].doc.line(("title",)) == 3  # lines of the exact YAML parse


def test_files_are_checked_in_the_order_given(tree, schemas):
    jobs = _jobs(tree)
    shown = [str(job.shown) for job in jobs]
    checked = check_files(jobs, schemas, tree)
    assert [str(r.doc.path) for _, r in checked if r] == [s for s, (_, r) in zip(shown, checked) if r]
