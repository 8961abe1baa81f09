"""The two-core road of the file checks gives what the one-process road gives."""

import os
import threading
from pathlib import Path

import pytest

from generator import checkfiles, safety
from generator.checkfiles import Context, Job, check_files
from generator.load import content_files

ROOT = Path(__file__).resolve().parent.parent


def _jobs(root: Path) -> list[Job]:
    return [Job(folder, path) for folder, path in content_files(root / "content")]


@pytest.fixture
def tree(write_tree):
    """The portal's real content plus files with problems of each stage (YAML, schema, safety)."""
    import shutil

    root = write_tree({
        "content/cases/broken-yaml.md": "---\nid: broken-yaml\ntitle: [unclosed\n---\nText\n",
        "content/cases/wrong-schema.md": "---\nid: wrong-schema\ntitle: T\nstatus: publish\n---\nText\n",
        "content/cases/unsafe.md": (ROOT / "content/cases/bilbao-as-fabrik.md").read_text(encoding="utf-8")
        .replace("id: bilbao-as-fabrik", "id: unsafe") + "\n<script>alert(1)</script>\n",
        # valid, but a '*' word sends it to the exact YAML parser (the quick one declines it)
        "content/cases/slow-road.md": (ROOT / "content/cases/bilbao-as-fabrik.md").read_text(encoding="utf-8")
        .replace("id: bilbao-as-fabrik", "id: slow-road").replace("summary: >-\n", "summary: >-\n  A *starred word.\n"),
    })
    shutil.copytree(ROOT / "content", root / "content", dirs_exist_ok=True)
    return root


def test_parallel_and_serial_roads_agree(tree, schemas, monkeypatch):
    jobs = _jobs(tree)
    context = Context(schemas, tree, safety.ContentIndex.scan(tree))
    monkeypatch.setattr(checkfiles, "PARALLEL_FROM", len(jobs) + 1)
    serial = check_files(jobs, context)
    monkeypatch.setattr(checkfiles, "PARALLEL_FROM", 1)
    real, here = checkfiles._check_many, os.getpid()
    elsewhere = tree / "checked-elsewhere"

    def noting(jobs, context):
        if os.getpid() != here:
            with elsewhere.open("a") as note:
                note.write(f"{len(jobs)}\n")
        return real(jobs, context)

    monkeypatch.setattr(checkfiles, "_check_many", noting)
    assert checkfiles._can_fork()
    parallel = check_files(jobs, context)
    worker_jobs = [int(n) for n in elsewhere.read_text().split()]
    assert sum(worker_jobs) == len(jobs) - int(len(jobs) * checkfiles.MAIN_SHARE)  # checked in another process
    assert 1 < len(worker_jobs) <= checkfiles.WORKER_PARTS  # and sent back in parts
    assert [found for found, _ in parallel] == [found for found, _ in serial]
    assert [record for _, record in parallel] == [record for _, record in serial]
    assert [r.doc.line(("title",)) for _, r in parallel if r] == [r.doc.line(("title",)) for _, r in serial if r]
    assert [r.doc for _, r in parallel if r] == [r.doc for _, r in serial if r]  # path, front matter, body, lines
    slow = next(r.doc for _, r in parallel if r and r.id == "slow-road")
    assert isinstance(slow.line_of, dict) and slow.line(("summary",)) == 7  # read by the exact parser: its lines
    problems = {str(d.path) for found, _ in serial for d in found}
    assert {"content/cases/broken-yaml.md", "content/cases/wrong-schema.md", "content/cases/unsafe.md"} <= problems
    assert sum(record is not None for _, record in serial) == len(jobs) - 3 > 40


def test_no_fork_while_another_thread_runs():
    """`mkdocs serve` runs threads; forking then could copy a held lock into the worker."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not checkfiles._can_fork()
    finally:
        stop.set()
        thread.join()
