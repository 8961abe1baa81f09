"""Load and validate content files, one after another: each file's problems and typed record.

A file's check does not depend on any other file's (cross-references are the
model's work), so this is a plain loop over `load_file`, `validate_doc` and
`record_of`. At 1,000 practices it takes about a second on one core (see README,
Performance), well inside `make check`'s 3 s target.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content import safety
from generator.content.load import load_file
from generator.content.schemas import SchemaSet
from generator.content.validate import record_of, validate_doc
from generator.diagnostics import Diagnostic
from generator.types import Record, SourceDoc


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
    doc, found = load_file(job.path, job.folder, job.shown)
    if doc is None:
        return FileChecked(tuple(found), None, None)
    invalid = validate_doc(doc, schemas, root, index)
    return FileChecked(tuple(found + invalid), record_of(doc) if not invalid else None, doc)


def check_files(jobs: list[Job], schemas: SchemaSet, root: Path) -> list[FileChecked]:
    """Each job's problems and record, in the order of `jobs`."""
    index = safety.ContentIndex.scan(root) if jobs else None
    return [check_file(job, schemas, root, index) for job in jobs]
