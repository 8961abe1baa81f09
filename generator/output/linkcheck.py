"""Every internal link of a built site resolves: a walk over its HTML.

Run on the new site before it is swapped into place, so a page whose link
leads nowhere never goes live. External links (http, https, mailto) are not
followed: the build needs no network.
"""

from __future__ import annotations

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


def broken_links(site: Path) -> list[BrokenLink]:
    """Internal links in any .html page of `site` that name no file there.

    The full page is read for the home page; for the others only their content,
    as the theme's header, navigation and footer repeat the home page's links.
    Targets are looked up in one listing of the site (no disk access per link).
    """
    files = _listing(site)
    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        html = (site / page).read_text(encoding="utf-8", errors="replace")
        here = posixpath.dirname(page)
        for target in _targets(html if page == "index.html" else _content_of(html)):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, or an anchor on the same page
            path = unquote(parts.path)
            base = "" if path.startswith("/") else here  # MkDocs' 404 page links from the root
            resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            folder_page = "index.html" if resolved == "." else f"{resolved}/index.html"  # a folder serves its index
            if resolved not in files and folder_page not in files:  # also catches ../ beyond the site
                broken.append(BrokenLink(page, target))
    return broken


def _listing(site: Path) -> frozenset[str]:
    """Every file of the site, as a path relative to it ('cases/x/index.html')."""
    out = set()
    for here, _dirs, names in os.walk(site):
        base = os.path.relpath(here, site)
        out.update(name if base == "." else f"{base}/{name}".replace(os.sep, "/") for name in names)
    return frozenset(out)
