"""Every internal link of a built site resolves: a walk over its HTML.

Run on the new site before it is swapped into place, so a page whose link
leads nowhere never goes live. External links (http, https, mailto) are not
followed: the build needs no network.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str
    target: str


_LINKING = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"), ("script", "src"), ("source", "src")}


def _targets(html: str) -> list[str]:
    """Every href/src of a link, image, script or stylesheet (lxml, a C parser: the site has thousands of pages)."""
    if not html.strip():
        return []
    document = lxml.html.fromstring(html)
    return [link for element, attribute, link, _ in document.iterlinks() if (element.tag, attribute) in _LINKING]


def _content_of(html: str) -> str:
    """The page's own content (Material's <article>); the theme's chrome around it is the same on every page."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end] if start >= 0 and end > start else html


def broken_links(site: Path, cache: Path | None = None, mount: str = "/") -> list[BrokenLink]:
    """Internal links in any .html page of `site` that name no file there.

    The full page is read for the home page; for the others only their content,
    as the theme's header, navigation and footer repeat the home page's links.
    Targets are looked up in one listing of the site (no disk access per link).
    `cache`: a file keeping each page's links by the hash of the page, so a
    rebuild parses only the pages it changed (at 1,000 practices about 35 s of
    parsing, `make bench`'s rebuild); whether each target exists is checked
    every time. `mount`: the path the site is served under (site_url's, e.g. '/portal/'), which links from
    the root (the 404 pages') start with.
    """
    files = _listing(site)
    known = _read(cache)
    seen: dict[str, list[str]] = {}
    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        data = (site / page).read_bytes()
        digest = hashlib.sha256(bytes([page == "index.html"]) + data).hexdigest()
        targets = known.get(digest)
        if targets is None:
            html = data.decode("utf-8", errors="replace")
            targets = _targets(html if page == "index.html" else _content_of(html))
        seen[digest] = targets
        here = posixpath.dirname(page)
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, or an anchor on the same page
            path = unquote(parts.path)
            if path.startswith("/"):  # the 404 pages link from the root, under the site's mount path
                base, path = "", "/" + path[len(mount):] if path.startswith(mount) else path
            else:
                base = here
            resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            folder_page = "index.html" if resolved == "." else f"{resolved}/index.html"  # a folder serves its index
            if resolved not in files and folder_page not in files:  # also catches ../ beyond the site
                broken.append(BrokenLink(page, target))
    if cache is not None:
        _write(cache, seen)
    return broken


_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""Kept links are read again only by this same code."""


def _read(cache: Path | None) -> dict[str, list[str]]:
    try:
        kept = json.loads(cache.read_text(encoding="utf-8")) if cache is not None else {}
    except (OSError, ValueError):
        return {}
    return kept.get("pages", {}) if isinstance(kept, dict) and kept.get("version") == _VERSION else {}


def _write(cache: Path, pages: dict[str, list[str]]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(cache.name + ".tmp")
        partial.write_text(json.dumps({"version": _VERSION, "pages": pages}), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _listing(site: Path) -> frozenset[str]:
    """Every file of the site, as a path relative to it ('cases/x/index.html')."""
    out = set()
    for here, _dirs, names in os.walk(site):
        base = os.path.relpath(here, site)
        out.update(name if base == "." else f"{base}/{name}".replace(os.sep, "/") for name in names)
    return frozenset(out)
