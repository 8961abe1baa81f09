"""What contributed content may contain: the allowed HTML and links, in one place.

Content arrives by pull request from outside the team, and Markdown bodies are
published as written (MkDocs does not sanitise them). So every body and every
front-matter string is checked here, with real parsers - markdown-it-py for the
Markdown structure and the standard library's HTML parser for raw HTML - and
anything outside the allow-lists below is refused with the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown_it import MarkdownIt

from generator.content.load import field_name
from generator.content.yaml_nodes import all_text
from generator.diagnostics import Diagnostic
from generator.types import LinePath, SourceDoc

# --- the rules ---------------------------------------------------------------------

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
})
"""Raw HTML tags an author may use in a body (everything else, e.g. script, iframe, form, style, is refused)."""

ALLOWED_ATTRIBUTES = frozenset({
    "alt", "class", "colspan", "dir", "height", "href", "id", "lang", "markdown", "open", "rowspan", "scope",
    "src", "title", "width",
})
"""Attributes allowed on those tags (never on...= event handlers, never style)."""

URL_ATTRIBUTES = frozenset({"href", "src"})
ALLOWED_SCHEMES = frozenset({"http", "https"})
DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
GENERATED_SECTIONS = frozenset({"finder", "map", "compare", "themes", "plans"})
"""Top-level folders of the portal that the generator makes (links into them are allowed)."""
MEDIA = "media"
"""content/media/: images and files authors may link to; copied into the site as they are."""

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_ATTR_LIST = re.compile(AttrListTreeprocessor.BASE_RE)
_MD = MarkdownIt("commonmark").enable("table")
_MD.validateLink = lambda url: True  # see every link, even the ones markdown-it itself would drop
_MD.normalizeLink = lambda url: url  # and see it as written


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    """0-based line within the text checked."""
    message: str
    hint: str


# --- HTML ------------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0] - 1))

    handle_startendtag = handle_starttag


def html_problems(fragment: str, check_url: Callable[[str], tuple[str, str] | None] | None = None) -> Iterator[Problem]:
    """Tags, attributes and URLs in a piece of raw HTML that are not allowed."""
    check_url = check_url or url_problem
    parser = _TagCollector()
    parser.feed(fragment)
    parser.close()
    for tag, attrs, line in parser.tags:
        if tag not in ALLOWED_TAGS:
            yield Problem(line, f"the HTML tag <{tag}> is not allowed",
                          "Remove it. Write Markdown instead; embedded scripts, frames, forms and styles are refused.")
            continue
        for name, value in attrs:
            if name.startswith("on"):
                yield Problem(line, f"the attribute {name}= on <{tag}> is not allowed (it runs a script)",
                              "Remove the attribute.")
            elif name not in ALLOWED_ATTRIBUTES:
                yield Problem(line, f"the attribute {name}= on <{tag}> is not allowed",
                              "Remove it; allowed: " + ", ".join(sorted(ALLOWED_ATTRIBUTES)) + ".")
            elif name in URL_ATTRIBUTES and value is not None:
                problem = check_url(value)
                if problem:
                    yield Problem(line, problem[0], problem[1])


# --- URLs ------------------------------------------------------------------------------


def url_problem(url: str) -> tuple[str, str] | None:
    """Why a link target is refused by its form alone (or None)."""
    compact = _CONTROL.sub("", unquote(url)).lower()
    scheme = compact.split(":", 1)[0] if ":" in compact.split("/", 1)[0] else ""
    if scheme in DANGEROUS_SCHEMES:
        return (f"the link '{_short(url)}' uses {scheme}:, which is not allowed",
                "Link to a web page (https://...) or to another page of the portal.")
    if scheme and scheme not in ALLOWED_SCHEMES:
        return (f"the link '{_short(url)}' uses {scheme}:; only http and https links are allowed",
                "Use the https:// address of a public web page.")
    if not scheme and compact.startswith("//"):
        return (f"the link '{_short(url)}' has no scheme", "Write the full address, starting with https://.")
    if not scheme and compact.startswith(("/", "\\")):
        return (f"the link '{_short(url)}' is an absolute path, outside the portal",
                "Link relative to this file, e.g. ../guides/partnership-brokering.md.")
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class ContentIndex:
    """The regular files and folders under content/ (no symbolic links), as paths like 'content/cases/x.md'.

    Made once per check, so a link to a listed file is accepted without touching the disk.
    """

    files: frozenset[str]
    folders: frozenset[str]
    verdicts: dict[tuple[str, str], tuple[str, str] | None] = field(default_factory=dict, compare=False)
    """(folder, link) -> why it is refused, or None: each distinct link is judged once per check."""

    @classmethod
    def scan(cls, root: Path) -> "ContentIndex":
        files, folders = set(), {"content"}
        pending = [(root / "content", "content")]
        while pending:  # os.scandir knows each entry's kind without a system call per file
            folder, base = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:  # missing or unreadable: nothing in it can be linked to
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.add(f"{base}/{entry.name}")
                    pending.append((Path(entry.path), f"{base}/{entry.name}"))
                elif entry.is_file(follow_symlinks=False):
                    files.add(f"{base}/{entry.name}")
        return cls(frozenset(files), frozenset(folders))

    def has(self, folder: str, path: str) -> bool:
        """True when `path`, followed step by step from `folder`, names a listed file through listed folders."""
        if path.startswith(("/", "\\")):
            return False
        current = folder.split("/")
        steps = path.split("/")
        for i, step in enumerate(steps):
            if step in ("", "."):
                continue
            if step == "..":
                if len(current) <= 1:
                    return False
                current.pop()
                continue
            current.append(step)
            joined = "/".join(current)
            if i == len(steps) - 1:
                return joined in self.files
            if joined not in self.folders:
                return False
        return False


def local_target_problem(url: str, doc: SourceDoc, root: Path, index: ContentIndex | None = None
                         ) -> tuple[str, str] | None:
    """Why a relative link from `doc` is refused: it leaves content/, or names nothing there."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # external (checked by url_problem) or a pure #anchor
    folder = link_folder(doc)
    if index is not None and index.has(folder, unquote(parts.path)):
        return None
    content = (root / "content").resolve()
    target = root / folder / unquote(parts.path)
    resolved = target.resolve()
    if not resolved.is_relative_to(content):
        return (f"the link '{_short(url)}' points outside content/",
                "Link only to pages of the portal or to files in content/media/.")
    first = resolved.relative_to(content).parts[0] if resolved != content else ""
    if first in GENERATED_SECTIONS:
        return None
    if target.is_symlink() or (target.exists() and any(p.is_symlink() for p in _parents_within(target, content))):
        return (f"the link '{_short(url)}' goes through a symbolic link", "Copy the file into content/media/.")
    if not resolved.exists():
        return (f"the link '{_short(url)}' points to a file that does not exist",
                "Check the path; pages are linked by their .md file, e.g. ../cases/bilbao-as-fabrik.md.")
    return None


def link_folder(doc: SourceDoc) -> str:
    """The folder `doc`'s relative links start from; a translation's links are written as from its original's."""
    if doc.folder.startswith("translations/"):
        return f"content/{doc.folder.rsplit('/', 1)[-1]}"
    return doc.path.parent.as_posix()


def _parents_within(path: Path, top: Path) -> Iterable[Path]:
    current = path
    while current != top and current != current.parent:
        yield current
        current = current.parent


# --- bodies and front matter ------------------------------------------------------------


def body_problems(doc: SourceDoc, root: Path | None, index: ContentIndex | None = None) -> list[Diagnostic]:
    """Every unsafe construct in the Markdown body of `doc`, with its line.

    With `root` (the project folder), relative links are also resolved and must
    stay inside content/ and name an existing file (looked up in `index` first).
    """
    body = doc.body
    if not body.strip():
        return []
    lines = body.split("\n")
    out: list[Diagnostic] = []

    def report(line: int, message: str, hint: str) -> None:
        out.append(Diagnostic(doc.path, doc.body_line + line, "body", message, hint))

    def locate(start: int, end: int, needle: str) -> int:
        for i in range(start, min(end, len(lines))):
            if needle in lines[i]:
                return i
        return start

    folder = link_folder(doc)

    def check_url(url: str) -> tuple[str, str] | None:
        if index is None:
            return url_problem(url) or (local_target_problem(url, doc, root) if root else None)
        key = (folder, url)
        if key not in index.verdicts:
            index.verdicts[key] = url_problem(url) or (local_target_problem(url, doc, root, index) if root else None)
        return index.verdicts[key]

    if plainly_safe(body, check_url):
        return []
    for token in _MD.parse(body):
        start, end = token.map if token.map else (0, len(lines))
        if token.type == "html_block":
            for p in html_problems(token.content, check_url):
                report(start + p.line, p.message, p.hint)
        for child in token.children or ():
            if child.type == "html_inline":
                line = locate(start, end, child.content)
                for p in html_problems(child.content, check_url):
                    report(line, p.message, p.hint)
            elif child.type in ("link_open", "image"):
                url = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
                problem = check_url(url)
                if problem:
                    report(locate(start, end, url), *problem)
    for i, line in enumerate(lines):
        for match in _ATTR_LIST.finditer(line):
            attrs, _ = get_attrs_and_remainder(match.group(1))
            for name, _value in attrs:
                if name in (".", "id"):
                    continue
                report(i, f"the attribute {name}= in '{{...}}' is not allowed",
                       "Only classes (.name) and ids (#name) may be set this way.")
    return out


_SIMPLE_LINK = re.compile(r"\]\(\s*([A-Za-z0-9._~:/?#@!$+,;=%-]*)(?:\s+\"[^\"\n]*\")?\)")
"""`](target "title")` with a target that Markdown takes as written: no escapes, entities, brackets or spaces."""


def plainly_safe(body: str, check_url: Callable[[str], tuple[str, str] | None]) -> bool:
    """True when `body` certainly holds nothing to refuse, decided without parsing it.

    No '<' means no raw HTML and no autolinks; no '{' means no attribute lists; no ']:'
    means no link definitions. Every inline link and image then starts at a '](', and
    each of those must be simple and allowed. Anything else gets the full parse. A test
    holds this to agree with the parser.
    """
    if "<" in body or "{" in body or "]:" in body:
        return False
    start = body.find("](")
    while start != -1:
        link = _SIMPLE_LINK.match(body, start)
        if link is None or check_url(link.group(1)):
            return False
        start = body.find("](", start + 2)
    return True


def strings(value: Any, path: LinePath = ()) -> Iterator[tuple[LinePath, str]]:
    """Every string in a front-matter value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from strings(child, path + (i,))


_DANGEROUS_START = re.compile(
    "\n[\\x00-\\x20\\x7f]*(?:" + "|".join("[\\x00-\\x20\\x7f]*".join(re.escape(c) for c in f"{s}:") for s in sorted(DANGEROUS_SCHEMES)) + ")",
    re.IGNORECASE)
"""A line starting with a dangerous scheme, control characters and spaces allowed anywhere in it
(searched in '\n' + text: a literal first character makes the search several times faster)."""


def front_matter_text(doc: SourceDoc) -> str:
    """Every front-matter text of `doc`, joined by newlines: as the loader found it, or found now."""
    return all_text(doc.front_matter)


def front_matter_problems(doc: SourceDoc, text: str | None = None) -> list[Diagnostic]:
    """Unsafe HTML or URLs in any front-matter string (printed as text, but refused all the same).

    `text` is `front_matter_text(doc)` when the caller has it already.
    """
    text = front_matter_text(doc) if text is None else text
    return [] if strings_plainly_safe(text) else _front_matter_scan(doc)


def strings_plainly_safe(text: str) -> bool:
    """True when no front-matter string can hold HTML or start with a dangerous scheme (each starts a line of `text`)."""
    return "<" not in text and (":" not in text or not _DANGEROUS_START.search("\n" + text))


def _front_matter_scan(doc: SourceDoc) -> list[Diagnostic]:
    out = []
    for path, text in strings(dict(doc.front_matter)):
        if "<" in text:
            for p in html_problems(text):
                out.append(Diagnostic(doc.path, doc.line(path), field_name(path), p.message, p.hint))
        if ":" in text and _CONTROL.sub("", text).lower().startswith(tuple(f"{s}:" for s in DANGEROUS_SCHEMES)):
            problem = url_problem(text)
            if problem:
                out.append(Diagnostic(doc.path, doc.line(path), field_name(path), *problem))
    return out
