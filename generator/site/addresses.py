"""Links and addresses: from one generated page to another, and of a page in every language.

MkDocs rewrites Markdown links to .md files itself (`rel`); raw HTML links
(`href`) are worked out here for directory URLs, or for plain files in the
offline kit opened from disk.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlparse, urlsplit

from generator import i18n


@dataclass(frozen=True, slots=True)
class RenderOptions:
    pdf: bool = False
    """Link each checklist to its PDF (made after `mkdocs build` by pdf.py)."""
    plan_pdfs: bool = False
    """Also link each practice's pre-filled plan to a pre-printed PDF: the offline kit's. The published site's
    plans print from their page (A4, without the site around them): printing a thousand plans at every build
    would be most of its cost."""
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
    case_languages: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Case id -> the languages it is translated into. In the published site a case has a page in the
    default language and in those only (see `has_page`); the offline kit holds every page of its language."""
    repo_url: str = ""
    """mkdocs.yml's `repo_url`: the repository the content lives in (empty: none is named)."""
    edit_uri: str = ""
    """mkdocs.yml's `edit_uri`, relative to `repo_url` (e.g. 'edit/main/'): where a file of the branch is edited."""
    markdown: str = ""
    """The project's mkdocs.yml, whose Markdown settings bodies are rendered with (empty: the repository's)."""
    cache: str = ""
    """Where files costly to make (Word plans) are kept by the hash of their inputs (empty: made every time)."""


def has_page(case_id: str, options: RenderOptions, lang: str | None = None) -> bool:
    """Whether the site of `lang` (default: the one rendered) has its own page for the case.

    An untranslated case is built once, in the default language: a copy per
    language would only repeat the English text (and multiply the build and the
    site by the number of languages). Its page there carries a note in each
    other language, shown when it is opened from that language (`#lang-<code>`).
    """
    lang = lang or options.lang
    return options.kit or lang == i18n.default_language() or lang in options.case_languages.get(case_id, ())


def case_address(case_id: str, options: RenderOptions) -> str:
    """The case page's address relative to the rendered language's site root: its own page, or the default
    language's page opened at the note in this language."""
    if options.kit:
        return f"cases/{case_id}.html"
    if has_page(case_id, options):
        return f"cases/{case_id}/"
    return f"../cases/{case_id}/#lang-{options.lang}"


DEFAULT_EDIT_URI = "edit/main/"
"""GitHub's edit page of a file on the main branch, when mkdocs.yml sets `repo_url` without `edit_uri`."""


def edit_url(path: str, options: RenderOptions) -> str | None:
    """The page that edits the repository file `path` ('content/cases/x.md'), by MkDocs' `edit_uri` convention:
    `repo_url` + `edit_uri` + the path. None without a `repo_url`.

    The path is the file's place in the repository (content/...), not in build/docs, so `edit_uri`
    names the repository's root on a branch ('edit/main/'), not a docs folder.
    """
    if not options.repo_url:
        return None
    edit = (options.edit_uri or DEFAULT_EDIT_URI).strip("/")
    return f"{options.repo_url.rstrip('/')}/{edit}/{path}"


def new_file_url(options: RenderOptions) -> str | None:
    """GitHub's page for a new file on the branch of `edit_uri` (it takes `filename` and `value` in its query);
    None unless `repo_url` names a repository on github.com."""
    url = urlparse(options.repo_url)
    if url.scheme != "https" or url.hostname != "github.com" or len(url.path.strip("/").split("/")) != 2:
        return None
    branch = re.match(r"(?:edit|blob|tree)/([^/]+)", (options.edit_uri or DEFAULT_EDIT_URI).strip("/"))
    return f"{options.repo_url.rstrip('/')}/new/{branch.group(1) if branch else 'main'}"


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


_SECTIONS = ("finder/", "map/", "compare/", "match/", "plans/", "cases/", "networks/", "guides/", "themes/",
             "contribute/")


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
    case_id = path[len("cases/"):-len(".md")] if path.startswith("cases/") and path != "cases/index.md" else None
    for language in (lang for lang in i18n.languages() if lang.code in built):
        prefix = "" if language.code == default else f"{language.code}/"
        target = prefix + here
        own = case_id is None or has_page(case_id, options, language.code)
        if not own:  # the default language's page, at its note in this language (no alternate of its own)
            target = here + f"#lang-{language.code}"
        links.append({
            "lang": language.code, "name": language.name, "current": language.code == options.lang,
            "href": (to_root + target) or "./", "own": own,
            "url": (options.site_url + target) if options.site_url and own else None,
        })
    return links


def public_url(target: str, options: RenderOptions) -> str:
    """The public address of the site path `target` ('cases/x/') in the language rendered, from `site_url`;
    the bare path when no `site_url` is set."""
    prefix = "" if options.lang == i18n.default_language() else f"{options.lang}/"
    if not options.site_url:
        return prefix + target
    return options.site_url.rstrip("/") + "/" + prefix + target


def body_link(url: str, page: str, files: bool = False, options: RenderOptions | None = None) -> str:
    """A link of an author's body, written relative to its source file ('../guides/x.md#part'), as the
    address of that page or file from the built page of `page` (what MkDocs does for Markdown links); a
    practice this language's site has no page for is the default language's (see has_page)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    case = re.fullmatch(r"cases/([^/]+)\.md", target)
    if options is not None and case and case.group(1) != "index" and not has_page(case.group(1), options):
        return quote(href(case_address(case.group(1), options), page, files), safe="/-._~#")
    if target.endswith(".md"):
        target = page_url(target, files)
    elif path.endswith("/") and target != ".":
        target += "/"
    address = quote(href(target if target != "." else "", page, files), safe="/-._~")
    return address + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
