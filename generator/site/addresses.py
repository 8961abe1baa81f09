"""Links and addresses: from one generated page to another, and of a page in every language.

MkDocs rewrites Markdown links to .md files itself (`rel`); raw HTML links
(`href`) are worked out here for directory URLs, or for plain files in the
offline kit opened from disk.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from generator import i18n


@dataclass(frozen=True, slots=True)
class RenderOptions:
    pdf: bool = False
    """Link each checklist and plan to its PDF (made after `mkdocs build` by pdf.py)."""
    kit: bool = False
    """Build for the offline kit: pages are files opened from disk (no directory URLs)."""
    kit_download: tuple[str, int, str] | None = None
    """(path, bytes, date) of the offline kit offered on the home page, when one was built."""
    lang: str = "en"
    """The language rendered; pages of languages other than English are built under /<lang>/."""
    site_url: str = ""
    """The public address (for hreflang alternates)."""
    languages: tuple[str, ...] = ()
    """The languages built (the language switch links to these); empty: the default language only."""
    markdown: str = ""
    """The project's mkdocs.yml, whose Markdown settings bodies are rendered with (empty: the repository's)."""


def rel(target: str, base: str) -> str:
    """Markdown link from the page `base` (e.g. 'cases/x.md') to `target` ('cases/y.md').

    MkDocs rewrites links to .md files for the built site, so these are plain
    source-relative paths.
    """
    depth = base.count("/")
    return "../" * depth + target


def href(target: str, base: str, files: bool = False) -> str:
    """Raw-HTML link from the built page of `base` to the site path `target` ('cases/y/', 'pdf/x.pdf').

    MkDocs does not rewrite raw HTML. With directory URLs 'cases/x.md' is served
    as 'cases/x/index.html', one folder deeper than its source. With `files`
    (the offline kit, opened from disk) pages are plain files: 'cases/x.md' is
    'cases/x.html', and a link to a folder must name its index.html.
    """
    if files:
        folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
        path, _, query = target.partition("?")
        if path == "" or path.endswith("/"):
            path = path + "index.html" if path in ("",) or _is_section(path) else path[:-1] + ".html"
        return "../" * folder.count("/") + path + (f"?{query}" if query else "")
    folder = base[: -len("index.md")] if base.endswith("index.md") else base[: -len(".md")] + "/"
    return "../" * folder.count("/") + target


_SECTIONS = ("finder/", "map/", "compare/", "match/", "plans/", "cases/", "networks/", "guides/", "themes/")


def _is_section(path: str) -> bool:
    """A folder whose page is its index.md (as opposed to 'cases/x/', the page cases/x.md)."""
    return path in _SECTIONS


def page_url(path: str, files: bool = False) -> str:
    """Where the page made from `path` ('cases/x.md', 'finder/index.md') is served, relative to its site root."""
    if files:
        return path[: -len(".md")] + ".html"
    if path == "index.md":
        return ""
    return path[: -len("index.md")] if path.endswith("/index.md") else path[: -len(".md")] + "/"


def language_links(path: str, options: RenderOptions) -> list[dict[str, Any]]:
    """The same page in every language: for the language switch and the hreflang alternates."""
    default = i18n.default_language()
    here = page_url(path, options.kit)
    depth = here.count("/") if not options.kit else path.count("/")
    to_root = "../" * depth + ("../" if options.lang != default else "")
    links = []
    built = options.languages or (default,)
    if len(built) < 2:
        return []
    for language in (lang for lang in i18n.languages() if lang.code in built):
        prefix = "" if language.code == default else f"{language.code}/"
        target = prefix + here
        links.append({
            "lang": language.code, "name": language.name, "current": language.code == options.lang,
            "href": (to_root + target) or "./",
            "url": (options.site_url + target) if options.site_url else None,
        })
    return links


def public_url(target: str, options: RenderOptions) -> str:
    """The public address of the site path `target` ('cases/x/') in the language rendered, from `site_url`;
    the bare path when no `site_url` is set."""
    prefix = "" if options.lang == i18n.default_language() else f"{options.lang}/"
    if not options.site_url:
        return prefix + target
    return options.site_url.rstrip("/") + "/" + prefix + target


def body_link(url: str, page: str, files: bool = False) -> str:
    """A link of an author's body, written relative to its source file ('../guides/x.md#part'), as the
    address of that page or file from the built page of `page` (what MkDocs does for Markdown links)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target.endswith(".md"):
        target = page_url(target, files)
    elif path.endswith("/") and target != ".":
        target += "/"
    address = quote(href(target if target != "." else "", page, files), safe="/-._~")
    return address + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
