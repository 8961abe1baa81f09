"""A built portal served on localhost, and the system's Chromium to visit it."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.output.browser import find_chromium


def require_chromium() -> Path:
    """The Chromium to test with; a missing one fails the run (never a silent skip)."""
    path = find_chromium()
    if path is None:
        pytest.fail("Chromium is not installed, so the browser tests cannot run. "
                    "Install Debian's package: apt-get install chromium (.ci/run does this in CI).", pytrace=False)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a request it no longer needs is not an error; anything else is printed."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    """The system's Chromium, started as the generator starts it (generator/browser.py)."""
    from generator.output.browser import chromium

    require_chromium()
    with chromium() as instance:
        yield instance


@contextmanager
def watched_page(chromium: object, **options: object) -> Iterator[object]:
    """A new page in its own browser context (`options`: e.g. a viewport); fails if the page logged a script
    error or a console error while in use."""
    context = chromium.new_context(**options)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors


def axe_violations(page: object) -> list[dict]:
    """axe-core's violations on the page once its transitions have ended.

    Material fades the tabs out when the page scrolls (opacity .25 s); axe reading
    a link halfway through that fade measures a contrast no visitor is shown.
    """
    from axe_playwright_python.sync_playwright import Axe

    for _ in range(50):  # polled from here: the pages' Content-Security-Policy refuses wait_for_function's eval
        if page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"):  # type: ignore[attr-defined]
            break
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    return Axe().run(page).response["violations"]
