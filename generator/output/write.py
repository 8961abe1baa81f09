"""Stage 5, write: RenderedPage[] -> the generated docs folder, changed files only.

A file is rewritten only when its bytes change, through a temporary file and
`os.replace`, so `mkdocs serve` sees exactly the pages that changed and never
half a page. A manifest of what we wrote lets us delete pages we no longer make.
"""

from __future__ import annotations

import hashlib
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
    if not _differs(path, data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except FileNotFoundError:
        return True


def _same_as_last(known: dict[str, tuple[object, bytes]], page: RenderedPage, data: bytes) -> bool:
    """Whether `data` are the bytes last written at the page's path; remembers them as written from now on."""
    last = known.get(page.path)
    digest = hashlib.blake2b(data, digest_size=16).digest()
    known[page.path] = (page.content, digest)
    return last is not None and last[1] == digest


def write_site(pages: Iterable[RenderedPage], docs: Path, at_once: bool = False,
               known: dict[str, tuple[object, bytes]] | None = None) -> Written:
    """Write every page under `docs`; delete pages an earlier run wrote but this one did not.

    `known` (kept by `make serve` from one run to the next): each file's content as last written and a digest of
    its bytes, so that a page given back by the render memo (the very same content) or with the same digest is
    not read back to compare: reading 4,000 files took 0.1 s of each regeneration at 1,000 practices.

    `at_once`: hold the changed pages until the last is rendered, then write them together (`make serve`).
    MkDocs' live reload rebuilds at the first changed file it sees; pages written as they were rendered
    made it rebuild three times for one edit at 1,000 practices, in the generator's own process (one
    interpreter lock), so that the generation took 9 s instead of 3.4 s.
    """
    docs.mkdir(parents=True, exist_ok=True)
    manifest = docs / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) if manifest.exists() else set()
    previous.discard("")
    changed, current = [], []
    written: set[str] = set()
    unchanged = 0
    held: list[tuple[Path, bytes]] = []
    try:
        for page in pages:
            if page.path in written:  # the validator reserves the generator's own names; this is the last word
                raise ValueError(f"two outputs would be written to {page.path}")
            written.add(page.path)
            current.append(page.path)
            if known is not None and known.get(page.path, (None,))[0] is page.content:
                unchanged += 1  # the memo gave back the very page written last time
                continue
            data = page.content if isinstance(page.content, bytes) else page.content.encode("utf-8")
            if known is not None and _same_as_last(known, page, data):
                unchanged += 1
            elif at_once and _differs(docs / page.path, data):
                held.append((docs / page.path, data))
                changed.append(page.path)
            elif not at_once and write_if_changed(docs / page.path, data):
                changed.append(page.path)
            else:
                unchanged += 1
        for path, data in held:
            write_if_changed(path, data)
    except BaseException:
        if known is not None:  # some of it was not written: compare with the files next time
            known.clear()
        raise
    if known is not None:
        for gone in set(known) - written:
            del known[gone]
    removed = sorted(previous - set(current))
    for stale in removed:
        (docs / stale).unlink(missing_ok=True)
    write_if_changed(manifest, ("\n".join(sorted(current)) + "\n").encode("utf-8"))
    return Written(tuple(changed), tuple(removed), unchanged)
