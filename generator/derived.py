"""Files derived from content, kept under the hash of everything they are made from.

`make site` and `make serve` make some files that cost far more than a page:
a practice's Word plan (python-docx, about 25-50 ms each, so 25-50 s of a
1,000-practice build). The store keeps each one under the hash of its inputs
(`build/cache/<kind>/`, which CI may keep between runs), so a rebuild after an
edit makes again only what the edit changed (`make bench`: rebuild after one
edit). A file unused for `KEEP_DAYS` is removed.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

KEEP_DAYS = 30


class DerivedStore:
    """Bytes by key in one folder; `None` for a folder keeps nothing (every file is made again)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._pruned = False

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes kept under `key`, or `make()`'s (then kept)."""
        if self.folder is None:
            return make()
        path = self.folder / key
        try:
            data = path.read_bytes()
            if data:
                os.utime(path)  # recently used: kept
                return data
        except OSError:
            pass
        data = make()
        self._put(path, data)
        return data

    def _put(self, path: Path, data: bytes) -> None:
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._pruned:
                self._prune()
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _prune(self) -> None:
        assert self.folder is not None
        self._pruned = True
        now = time.time()
        for path in self.folder.iterdir():
            try:  # a .tmp file is another process's file being written, unless a killed one left it (an hour)
                age = now - path.stat().st_mtime
                if age > (3600 if path.name.endswith(".tmp") else KEEP_DAYS * 86400):
                    path.unlink(missing_ok=True)
            except OSError:
                pass


def key_of(*parts: object) -> str:
    """A hash of the parts' text forms (frozen dataclasses print every field but their source document)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
