"""Load and validate content files: each file's problems and typed record.

A file's check does not depend on any other file's (cross-references are the
model's work), so this is a loop over `load_file`, `validate_doc` and
`record_of`, shared between the machine's cores when there are many files.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.content import safety
from generator.content.load import load_file
from generator.content.schemas import SchemaSet
from generator.content.validate import record_of, validate_doc
from generator.diagnostics import Diagnostic
from generator.types import Record, SourceDoc

FILES_PER_PROCESS = 100
"""At least this many files for each process checking them: fewer (in all, fewer than 200 on two cores) are
not worth starting another process for."""


@dataclass(frozen=True, slots=True)
class FileChecked:
    """One file's problems, its typed record when it has none, and what was read of it."""

    problems: tuple[Diagnostic, ...]
    record: Record | None
    doc: SourceDoc | None
    """None when the file could not be read as front matter and body."""


@dataclass(frozen=True, slots=True)
class Job:
    folder: str
    """As content_files gives it: 'cases', 'guides', 'networks' or 'translations/<code>/<folder>'."""
    path: Path

    @property
    def shown(self) -> Path:
        """The path as authors see it in messages, e.g. content/cases/x.md."""
        return Path("content", self.folder, self.path.name)


def check_file(job: Job, schemas: SchemaSet, root: Path, index: safety.ContentIndex | None) -> FileChecked:
    """One file's problems, and its record when it has none."""
    return _with_record(*_read_and_validate(job, schemas, root, index))


def _read_and_validate(job: Job, schemas: SchemaSet, root: Path, index: safety.ContentIndex | None
                       ) -> tuple[tuple[Diagnostic, ...], SourceDoc | None, bool]:
    """One file's problems, what was read of it, and whether it is valid."""
    doc, found = load_file(job.path, job.folder, job.shown)
    if doc is None:
        return tuple(found), None, False
    invalid = validate_doc(doc, schemas, root, index)
    return tuple(found + invalid), doc, not invalid


def _with_record(problems: tuple[Diagnostic, ...], doc: SourceDoc | None, valid: bool) -> FileChecked:
    return FileChecked(problems, record_of(doc) if valid and doc is not None else None, doc)


def check_files(jobs: list[Job], schemas: SchemaSet, root: Path, workers: int | None = None) -> list[FileChecked]:
    """Each job's problems and record, in the order of `jobs`.

    `workers` processes share the jobs (default: one per core, with at least
    FILES_PER_PROCESS jobs each). `make check` has 3 s at 1,000 practices, start-up
    included, and checking their 1,071 files takes 2.5 s of CPU in one process; on
    two cores this process checks half of them while a forked one checks the other
    half, in 1.5 s. A worker sends back what it read, not the records: pickling and
    unpickling the records took 0.7 s, making them again here 0.2 s.
    """
    index = safety.ContentIndex.scan(root) if jobs else None
    if workers is None:
        workers = min(os.cpu_count() or 1, len(jobs) // FILES_PER_PROCESS)
    workers = min(workers, len(jobs))
    with _no_collection():
        if workers <= 1 or sys.platform != "linux":  # forking is safe on Linux; elsewhere, one process
            return [check_file(job, schemas, root, index) for job in jobs]
        return _shared(jobs, workers, schemas, root, index)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection meanwhile (in the workers forked meanwhile either): checking makes
    millions of objects that stay, and no cycles, so each collection only walks what is kept. At 1,000
    practices the collector took 0.4 to 0.6 s of the 2.6 to 3.8 s of CPU that checking took in one process.

    After, what was made is put in the oldest generation (freeze, then unfreeze), as surviving
    collections would have put it: the first young collection would otherwise walk all of it (0.13 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _shared(jobs: list[Job], workers: int, schemas: SchemaSet, root: Path, index: safety.ContentIndex | None
            ) -> list[FileChecked]:
    """check_files over `workers` processes: this one and workers - 1 forked ones."""
    size = -(-len(jobs) // workers)
    mine, *theirs = [jobs[start:start + size] for start in range(0, len(jobs), size)]
    safety.prepare_renderer(root)
    # forked, the workers inherit schemas, index and renderer as they are here: nothing of them is pickled
    with ProcessPoolExecutor(len(theirs), mp_context=multiprocessing.get_context("fork"),
                             initializer=_inherit, initargs=(schemas, root, index)) as pool:
        futures = [pool.submit(_check_part, part) for part in theirs]
        results = [check_file(job, schemas, root, index) for job in mine]
        for future in futures:
            results += [_with_record(*checked) for checked in future.result()]
    return results


_inherited: tuple[SchemaSet, Path, safety.ContentIndex | None] | None = None
"""In a worker process: what check_files gave it."""


def _inherit(schemas: SchemaSet, root: Path, index: safety.ContentIndex | None) -> None:
    global _inherited
    _inherited = (schemas, root, index)


def _check_part(jobs: list[Job]) -> list[tuple[tuple[Diagnostic, ...], SourceDoc | None, bool]]:
    assert _inherited is not None
    return [_read_and_validate(job, *_inherited) for job in jobs]
