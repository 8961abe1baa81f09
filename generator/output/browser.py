"""The system's Chromium (Debian's `chromium` package), started the one way this project uses it.

The project never downloads a browser of its own: Playwright drives the
Chromium installed by the system's package manager.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def find_chromium() -> Path | None:
    """$PORTAL_CHROMIUM, or the first Chromium on the PATH."""
    explicit = os.environ.get("PORTAL_CHROMIUM")
    if explicit:
        return Path(explicit) if Path(explicit).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright Browser on the system's Chromium (raises FileNotFoundError without one)."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError("Chromium is not installed (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
