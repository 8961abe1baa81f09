"""Every internal link of a built site resolves: a walk over its HTML.

Run on the new site before it is swapped into place, so a page whose link
leads nowhere never goes live. External links (http, https, mailto) are not
followed: the build needs no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str
    target: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link", "area")) or (name == "src" and tag in ("img", "script", "source"))):
                self.targets.append(value)


def _content_of(html: str) -> str:
    """The page's own content (Material's <article>); the theme's chrome around it is the same on every page."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end] if start >= 0 and end > start else html


def broken_links(site: Path) -> list[BrokenLink]:
    """Internal links in any .html page of `site` that name no file there.

    The full page is read for the home page; for the others only their content,
    as the theme's header, navigation and footer repeat the home page's links.
    """
    broken = []
    home = site / "index.html"
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        html = page.read_text(encoding="utf-8", errors="replace")
        parser.feed(html if page == home else _content_of(html))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, or an anchor on the same page
            base = site if parts.path.startswith("/") else page.parent  # MkDocs' 404 page links from the root
            resolved = (base / unquote(parts.path).lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_relative_to(site.resolve()) or not resolved.exists():
                broken.append(BrokenLink(page.relative_to(site).as_posix(), target))
    return broken
