"""Print checklists and transfer plans to A4 PDFs with the system's Chromium.

Runs on the freshly built site (before it is swapped into place): each page is
opened from disk with print styles, exactly as a visitor's "Print" would lay it
out, and saved as `pdf/<id>.pdf`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from generator.output.browser import chromium
from generator.types import PrintJob

log = logging.getLogger(__name__)

from markupsafe import escape


def footer_template(text: str) -> str:
    """Chromium's per-page footer: the page's source and date, and the page number."""
    return (
        '<div style="font-size:7.5px;width:100%;padding:0 14mm;color:#444;display:flex;'
        'justify-content:space-between;gap:8mm;font-family:sans-serif">'
        f"<span>{escape(text)}</span>"
        '<span style="white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
    )


def print_pdfs(site: Path, jobs: Iterable[PrintJob]) -> int:
    """Print every job's page to its PDF; return how many were written."""
    jobs = list(jobs)
    if not jobs:
        return 0
    with chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print")
        for job in jobs:
            path, _, query = job.page.partition("?")
            page.goto((site / path).resolve().as_uri() + (f"?{query}" if query else ""), wait_until="load")
            target = site / job.pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=footer_template(job.footer),
                     margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
    log.info("printed %d PDFs", len(jobs))
    return len(jobs)
