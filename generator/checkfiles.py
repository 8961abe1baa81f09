"""Load and validate content files, spread over two cores when there are many.

Each file's check is independent of the others, so a forked worker takes part of
the files and returns, for each one, its problems and (when it is valid) its
SourceDoc, as plain values (`marshal` reads them back in half the time `pickle`
takes). It writes them to a file, part by part, so it never waits for this
process to read. This process checks its own files and, between them, builds
the typed records of each part the worker has finished (records would cost as
much to send as to check). Small trees,
platforms without `fork`, and processes running other threads (`mkdocs serve`)
check in one process. Both roads give the same result, in the same order; a test
holds them to that.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import multiprocessing
import os
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import safety
from generator.diagnostics import Diagnostic, Severity
from generator.load import load_file
from generator.schemas import SchemaSet
from generator.types import Record, SourceDoc
from generator.validate import record_of, validate_doc
from generator.yaml_nodes import LazyLines

PARALLEL_FROM = 300
"""Below this many files, starting a worker costs more than it saves."""
MAIN_SHARE = 0.45
"""The part of the files this process checks itself; it also builds the records of the worker's part."""
WORKER_PARTS = 8
"""The worker sends its results in this many parts, so that sending overlaps checking."""
STEP = 50
"""This process looks for the worker's finished parts after every STEP files of its own."""


@dataclass(frozen=True, slots=True)
class Job:
    folder: str
    """As content_files gives it: 'cases', 'guides', 'networks' or 'translations/<code>/<folder>'."""
    path: Path

    @property
    def shown(self) -> Path:
        """The path as authors see it in messages, e.g. content/cases/x.md (made in the process that checks it;
        `content/` is every project's content folder, see pipeline.Project)."""
        return Path("content", self.folder, self.path.name)


@dataclass(frozen=True, slots=True)
class Context:
    schemas: SchemaSet
    root: Path
    index: safety.ContentIndex | None


FileChecked = tuple[tuple[Diagnostic, ...], Record | None]


@contextlib.contextmanager
def no_collections() -> Iterator[None]:
    """Python's cyclic garbage collector paused while records pile up (`pipeline.check` runs in it).

    Checking makes about 150 objects a file that all live on, and the collector
    would walk them again and again (a tenth of the time at 4,000 files). Paused
    before the fork, it also leaves the parent's memory pages shared with the worker.
    At the end, what exists is frozen (`gc.freeze`): the first collection after the
    pause would otherwise walk every new record once more (0.1 s at 4,000 files), and
    each full collection while rendering again. The next check unfreezes them, so a
    long `mkdocs serve` session can still free the records of earlier rebuilds.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check_files(jobs: list[Job], context: Context) -> list[FileChecked]:
    """Each job's problems, and its typed record when it has none, in the order of `jobs`."""
    if len(jobs) < PARALLEL_FROM or not _can_fork():
        return [_with_record(result) for result in _check_many(jobs, context)]
    cut = int(len(jobs) * MAIN_SHARE)
    mine, theirs = jobs[:cut], jobs[cut:]
    try:
        with tempfile.TemporaryDirectory(prefix="portal-check-") as folder, \
                ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                    initializer=_remember, initargs=(context, Path(folder))) as pool:
            size = -(-len(theirs) // WORKER_PARTS)
            waiting = deque(pool.submit(_check_in_worker, theirs[i:i + size]) for i in range(0, len(theirs), size))
            done: list[FileChecked] = []
            received: list[FileChecked] = []
            for start in range(0, len(mine), STEP):
                done += [_with_record(result) for result in _check_many(mine[start:start + STEP], context)]
                while waiting and waiting[0].done():  # build the records of each part the worker has sent
                    received += _received_part(waiting.popleft().result())
            for future in waiting:
                received += _received_part(future.result())
            return done + received
    except BrokenProcessPool:  # the worker died (killed, out of memory): check its part here
        return [_with_record(result) for result in _check_many(jobs, context)]


def _check_many(jobs: list[Job], context: Context) -> list[tuple[tuple[Diagnostic, ...], SourceDoc | None]]:
    """Each job's problems, and its SourceDoc when it has none."""
    out = []
    for job in jobs:
        doc, found = load_file(job.path, job.folder, job.shown)
        invalid = validate_doc(doc, context.schemas, context.root, context.index) if doc is not None else []
        out.append((tuple(found + invalid), doc if doc is not None and not invalid else None))
    return out


def _with_record(result: tuple[tuple[Diagnostic, ...], SourceDoc | None]) -> FileChecked:
    found, doc = result
    return found, (record_of(doc) if doc is not None else None)


def _can_fork() -> bool:
    """Fork only where it is the platform's own way (Linux) and no other thread could hold a lock."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and (os.cpu_count() or 1) > 1)


_CONTEXT: tuple[Context, Path] | None = None
"""The worker's schemas, content index and folder for its results, inherited through fork (never pickled)."""


def _remember(context: Context, folder: Path) -> None:
    global _CONTEXT
    _CONTEXT = (context, folder)


def _check_in_worker(jobs: list[Job]) -> str:
    """As `_check_many`, written to a file whose path is returned (a file, not the pipe: the worker never waits
    for this process to read). Problems and SourceDocs go as tuples of plain values, which `marshal` can write."""
    assert _CONTEXT is not None
    context, folder = _CONTEXT
    results = [(tuple(_diagnostic_values(d) for d in found), None if doc is None else _doc_values(doc))
               for found, doc in _check_many(jobs, context)]
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
        marshal.dump(results, handle)
    return handle.name


def _received_part(path: str) -> list[FileChecked]:
    with open(path, "rb") as handle:
        results = marshal.loads(handle.read())  # (marshal.load would read the file piece by piece)
    return [_with_record((tuple(_diagnostic(values) for values in found), None if doc is None else _doc(doc)))
            for found, doc in results]


def _doc_values(doc: SourceDoc) -> tuple[Any, ...]:
    lines = doc.line_of
    return (str(doc.path), doc.folder, doc.front_matter, doc.body, doc.body_line,
            lines.state() if isinstance(lines, LazyLines) else lines)


def _doc(values: tuple[Any, ...]) -> SourceDoc:
    path, folder, front_matter, body, body_line, lines = values
    return SourceDoc(Path(path), folder, front_matter, body, body_line,
                     LazyLines(*lines) if isinstance(lines, tuple) else lines)


def _diagnostic_values(d: Diagnostic) -> tuple[Any, ...]:
    return str(d.path), d.line, d.field, d.message, d.hint, d.severity.value


def _diagnostic(values: tuple[Any, ...]) -> Diagnostic:
    path, line, field, message, hint, severity = values
    return Diagnostic(Path(path), line, field, message, hint, Severity(severity))
