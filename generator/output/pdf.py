"""Print checklists and transfer plans to A4 PDFs with the system's Chromium, reprinting only what changed.

Runs on the freshly built site (before it is swapped into place): each page is
opened from disk with print styles, exactly as a visitor's "Print" would lay it
out, and saved as `pdf/<id>.pdf`, tagged (for screen readers), with the page's
title and language and an outline of its headings.

Printing is most of a build's cost (about half a second a page), so each PDF is
kept in a cache (`build/cache/pdf/`, which CI may keep between runs) under the
hash of what it is printed from: the page, the styles and scripts it loads, its
footer. A page whose bytes did not change is copied from there, not reprinted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from markupsafe import escape

from generator.output.browser import chromium
from generator.types import PrintJob

log = logging.getLogger(__name__)

PRINTER_VERSION = "2"
"""Part of every cache key: raise it when the way pages are printed changes."""
KEEP_DAYS = 30
"""Cached PDFs unused for this long are removed."""
_ASSET = re.compile(r"""(?:src|href)=["']([^"'#?]+\.(?:css|js))["']""")


class PdfCache:
    """PDFs by the hash of what they were printed from; no folder: no cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._prune()

    def get(self, key: str, target: Path) -> bool:
        """Copy the PDF cached under `key` to `target`; False when there is none."""
        if self.folder is None:
            return False
        cached = self.folder / f"{key}.pdf"
        if not cached.is_file() or cached.stat().st_size == 0:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        os.utime(cached)  # recently used: kept
        return True

    def has(self, key: str) -> bool:
        """Whether a PDF is cached under `key`."""
        return self.folder is not None and (self.folder / f"{key}.pdf").is_file() \
            and (self.folder / f"{key}.pdf").stat().st_size > 0

    def keep(self, keys: Iterable[str]) -> None:
        """Mark the PDFs cached under `keys` as used (kept from pruning) without copying them."""
        for key in keys if self.folder is not None else ():
            cached = self.folder / f"{key}.pdf"
            if cached.is_file():
                os.utime(cached)

    def put(self, key: str, printed: Path) -> None:
        if self.folder is None or not printed.is_file() or printed.stat().st_size == 0:
            return
        partial = self.folder / f"{key}.pdf.tmp"
        shutil.copyfile(printed, partial)
        os.replace(partial, self.folder / f"{key}.pdf")

    def put_only(self, slot: str, key: str, printed: Path) -> None:
        """Put `printed` under `key` as the one PDF kept for `slot`: the one put there before is removed (a
        joined PDF of all the practice cards is 6 MB at 1,000 practices: one for each edit would pile up)."""
        if self.folder is None:
            return
        self.put(key, printed)
        record = self.folder / f"{slot}.latest"
        before = record.read_text(encoding="utf-8").strip() if record.is_file() else ""
        if before and before != key:
            (self.folder / f"{before}.pdf").unlink(missing_ok=True)
        record.write_text(key, encoding="utf-8")

    def _prune(self) -> None:
        assert self.folder is not None
        old = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob("*.pdf*"):
            if path.stat().st_mtime < old or path.suffix == ".tmp":
                path.unlink(missing_ok=True)


def key_of(*parts: bytes | str) -> str:
    """The cache key of a printout: a hash of everything it is printed from."""
    digest = hashlib.sha256(PRINTER_VERSION.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def page_key(site: Path, job: PrintJob) -> str:
    """What a page prints from: its HTML and query, the local styles and scripts it loads, its footer."""
    path, _, query = job.page.partition("?")
    page = site / path
    html = page.read_bytes()
    parts: list[bytes | str] = [html, query, job.footer]
    for asset in sorted(set(_ASSET.findall(html.decode("utf-8", "replace")))):
        if "://" in asset or asset.startswith("//"):
            continue
        file = (page.parent / asset).resolve()
        if file.is_file() and file.is_relative_to(site.resolve()):
            parts += [asset, file.read_bytes()]
    return key_of(*parts)


def footer_template(text: str) -> str:
    """Chromium's per-page footer: the page's source and date, and the page number."""
    return (
        '<div style="font-size:7.5px;width:100%;padding:0 14mm;color:#444;display:flex;'
        'justify-content:space-between;gap:8mm;font-family:sans-serif">'
        f"<span>{escape(text)}</span>"
        '<span style="white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
    )


def print_pdfs(site: Path, jobs: Iterable[PrintJob], cache: PdfCache | None = None) -> int:
    """Print every job's page to its PDF (from the cache when unchanged); return how many were printed."""
    cache = cache or PdfCache(None)
    jobs = list(jobs)
    waiting = []
    for job in jobs:
        key = page_key(site, job)
        if not cache.get(key, site / job.pdf):
            waiting.append((job, key))
    if not waiting:
        return 0
    with chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print")
        for job, key in waiting:
            path, _, query = job.page.partition("?")
            page.goto((site / path).resolve().as_uri() + (f"?{query}" if query else ""), wait_until="load")
            target = site / job.pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=footer_template(job.footer),
                     margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                     tagged=True, outline=True)
            cache.put(key, target)
    log.info("printed %d PDFs (%d unchanged, from the cache)", len(waiting), len(jobs) - len(waiting))
    return len(waiting)
