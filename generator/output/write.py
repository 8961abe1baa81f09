"""Stage 5, write: RenderedPage[] -> the generated docs folder, changed files only.

A file is rewritten only when its bytes change, through a temporary file and
`os.replace`, so `mkdocs serve` sees exactly the pages that changed and never
half a page. A manifest of what we wrote lets us delete pages we no longer make.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.types import RenderedPage

MANIFEST = ".generated"


@dataclass(frozen=True, slots=True)
class Written:
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def write_site(pages: Iterable[RenderedPage], docs: Path) -> Written:
    """Write every page under `docs`; delete pages an earlier run wrote but this one did not."""
    docs.mkdir(parents=True, exist_ok=True)
    manifest = docs / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) if manifest.exists() else set()
    previous.discard("")
    changed, current = [], []
    written: set[str] = set()
    unchanged = 0
    for page in pages:
        if page.path in written:  # the validator reserves the generator's own names; this is the last word
            raise ValueError(f"two outputs would be written to {page.path}")
        written.add(page.path)
        current.append(page.path)
        data = page.content if isinstance(page.content, bytes) else page.content.encode("utf-8")
        if write_if_changed(docs / page.path, data):
            changed.append(page.path)
        else:
            unchanged += 1
    removed = sorted(previous - set(current))
    for stale in removed:
        (docs / stale).unlink(missing_ok=True)
    write_if_changed(manifest, ("\n".join(sorted(current)) + "\n").encode("utf-8"))
    return Written(tuple(changed), tuple(removed), unchanged)
