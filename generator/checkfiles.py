"""Load and validate content files, spread over two cores when there are many.

Each file's check is independent of the others, so a forked worker takes part of
the files and sends back, for each one, its problems and (when it is valid) its
SourceDoc: plain data that is cheap to send. This process then builds the typed
records, which would cost as much to send as to check. Small trees, platforms
without `fork`, and processes running other threads (`mkdocs serve`) check in
one process. Both roads give the same result, in the same order; a test holds
them to that.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import safety
from generator.diagnostics import Diagnostic
from generator.load import load_file
from generator.schemas import SchemaSet
from generator.types import Record, SourceDoc
from generator.validate import record_of, validate_doc

PARALLEL_FROM = 300
"""Below this many files, starting a worker costs more than it saves."""
MAIN_SHARE = 0.5
"""The part of the files this process checks itself; it also builds the records of the worker's part."""
WORKER_PARTS = 4
"""The worker sends its results in this many parts, so that sending overlaps checking."""


@dataclass(frozen=True, slots=True)
class Job:
    folder: str
    path: Path
    shown: Path
    """The path as authors see it in messages, e.g. content/cases/x.md."""


@dataclass(frozen=True, slots=True)
class Context:
    schemas: SchemaSet
    root: Path
    index: safety.ContentIndex | None


Checked = tuple[tuple[Diagnostic, ...], Record | None]


@contextlib.contextmanager
def no_collections() -> Iterator[None]:
    """Python's cyclic garbage collector paused while records pile up (`pipeline.check` runs in it).

    Checking makes about 150 objects a file that all live on, and the collector
    would walk them again and again (a tenth of the time at 4,000 files). Paused
    before the fork, it also leaves the parent's memory pages shared with the worker.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_files(jobs: list[Job], context: Context) -> list[Checked]:
    """Each job's problems, and its typed record when it has none, in the order of `jobs`."""
    if len(jobs) < PARALLEL_FROM or not _can_fork():
        return [_with_record(result) for result in _check_many(jobs, context)]
    cut = int(len(jobs) * MAIN_SHARE)
    mine, theirs = jobs[:cut], jobs[cut:]
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_remember, initargs=(context,)) as pool:
            size = -(-len(theirs) // WORKER_PARTS)
            futures = [pool.submit(_check_in_worker, theirs[i:i + size]) for i in range(0, len(theirs), size)]
            done = [_with_record(result) for result in _check_many(mine, context)]
            for future in futures:  # each part's records are built here while the worker checks the next
                done += [_received(result) for result in future.result()]
            return done
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


def _with_record(result: tuple[tuple[Diagnostic, ...], SourceDoc | None]) -> Checked:
    found, doc = result
    return found, (record_of(doc) if doc is not None else None)


def _can_fork() -> bool:
    """Fork only where it is the platform's own way (Linux) and no other thread could hold a lock."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and (os.cpu_count() or 1) > 1)


_CONTEXT: Context | None = None
"""The worker's schemas and content index, inherited through fork (never pickled)."""


def _remember(context: Context) -> None:
    global _CONTEXT
    _CONTEXT = context


def _check_in_worker(jobs: list[Job]) -> list[tuple[tuple[Diagnostic, ...], tuple[object, ...] | None]]:
    """As `_check_many`, each SourceDoc sent as a tuple of its fields (a dataclass unpickles slowly)."""
    assert _CONTEXT is not None
    return [(found, None if doc is None else tuple(getattr(doc, name) for name in _DOC_FIELDS))
            for found, doc in _check_many(jobs, _CONTEXT)]


def _received(result: tuple[tuple[Diagnostic, ...], tuple[object, ...] | None]) -> Checked:
    found, fields = result
    return _with_record((found, None if fields is None else SourceDoc(*fields)))  # type: ignore[arg-type]


_DOC_FIELDS = tuple(field.name for field in dataclasses.fields(SourceDoc))
