"""The one list of fields that name another page, and the check that each names a file that exists.

A reference counts as sound when a content file with that id exists in the
folder it points to, even if that file has problems of its own: one broken file
then gives its own errors and none in the files that refer to it. The model
(`site/model.py`) reads the same list to resolve references among valid pages;
this module also checks the references of a file that failed validation, so its
author sees every problem in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from generator.content.load import field_name
from generator.diagnostics import Diagnostic
from generator.types import LinePath, SourceDoc

EACH = "*"
"""In a reference path: every item of a list."""

REFERENCES: Mapping[str, tuple[tuple[LinePath, str], ...]] = {
    "case": ((("related", EACH), "cases"), (("networks", EACH), "networks")),
    "network": ((("practices", EACH), "cases"), (("members", EACH, "case"), "cases")),
    "guide": ((("related", EACH), "cases"), (("checklists", EACH), "guides")),
    "checklist": ((("related", EACH), "cases"), (("guide",), "guides")),
}
"""For each content type: the fields naming another page (as paths) and the folder of the page they name."""


def references(front_matter: Mapping[str, Any], kind: str) -> Iterator[tuple[LinePath, str, str]]:
    """Every (path, folder, id) that `front_matter` of a `kind` names; values of the wrong type are skipped
    (the schema check reports them)."""
    for pattern, folder in REFERENCES.get(kind, ()):
        for path, value in _values(front_matter, pattern, ()):
            if isinstance(value, str):
                yield path, folder, value


def _values(data: Any, pattern: LinePath, path: LinePath) -> Iterator[tuple[LinePath, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == EACH:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values(item, rest, (*path, i))
    elif isinstance(data, Mapping) and head in data:
        yield from _values(data[head], rest, (*path, head))


def missing_problem(doc: SourceDoc, path: LinePath, folder: str, ref: str, known: Iterable[str]) -> Diagnostic:
    """'no case with id ...', with the closest id that exists as a hint."""
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = f"Did you mean '{close[0]}'?" if close else f"Check the id against the file names in content/{folder}/."
    return Diagnostic(doc.path, doc.line(path), field_name(path), f"no {folder[:-1]} with id '{ref}'", hint)


def reference_problems(doc: SourceDoc, kind: str, existing: Mapping[str, frozenset[str]]) -> list[Diagnostic]:
    """The references of `doc` that name no existing file (`existing`: folder -> ids of its files)."""
    return [missing_problem(doc, path, folder, ref, existing.get(folder, ()))
            for path, folder, ref in references(doc.front_matter, kind)
            if ref not in existing.get(folder, ())]
