"""What contributed content may contain, and the one road from contributed Markdown to published HTML.

Content arrives by pull request from strangers, so everything here assumes it is
hostile. A body is rendered by Python-Markdown with the extensions and settings
MkDocs reads from mkdocs.yml (`markdown_config`), and the HTML that comes out is
held to one allow-list (`ALLOWED_TAGS`, `ALLOWED_ATTRIBUTES`, `url_problem`,
`ID_RULE`, `CLASS_RULE`) by nh3 (ammonia on html5ever, the HTML5 parser browsers
follow). The check reports whatever the sanitiser would change, at the line it
came from (`body_problems`); the build publishes the sanitiser's output
(`publish_body`), never the Markdown itself. Front-matter strings are text,
escaped where they are printed (site/text.py); here they are refused when they
hold control characters, raw HTML outside the allow-list or a script URL, and a
URL field must be a real http(s) URL (`web_url_problem`).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.content.load import field_name
from generator.content.yaml_nodes import all_text, all_texts
from generator.diagnostics import Diagnostic
from generator.types import LinePath, SourceDoc

# --- the rules ---------------------------------------------------------------------

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
})
"""Elements a body's HTML may hold (script, iframe, object, embed, form, style, svg, math, base, meta... never)."""

GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: GENERIC_ATTRIBUTES | extra for tag, extra in {
        "a": frozenset({"href"}),
        "img": frozenset({"src", "alt", "width", "height"}),
        "td": frozenset({"colspan", "rowspan", "style"}),
        "th": frozenset({"colspan", "rowspan", "style", "scope"}),
        "ol": frozenset({"start"}),
        "details": frozenset({"open"}),
        "input": frozenset({"type", "checked", "disabled"}),
    }.items()
}
"""Attributes allowed on each element (never on...= event handlers; style only as a table column's alignment)."""

URL_ATTRIBUTES = frozenset({"href", "src"})
ALLOWED_SCHEMES = frozenset({"http", "https"})
DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
ID_RULE = re.compile(r"(?!__)[a-z0-9_-]+\Z")
"""An element id: lower-case letters, digits, '-' and '_', never starting '__' (Material's own: __config, __drawer...)."""
CLASS_RULE = re.compile(r"(?!md-|portal-|__)[a-z][a-z0-9_-]{0,60}\Z")
"""A class name: never one of the theme's (md-...) or the portal's (portal-...), which its scripts and styles use."""
ALIGN_STYLE = re.compile(r"text-align: (?:left|right|center);\Z")
"""The one style Python-Markdown writes itself: a table column's alignment."""
FIXED_VALUES = {("input", "type"): {"checkbox"}, ("input", "checked"): {""}, ("input", "disabled"): {""}}
"""Attributes with one allowed value (the task list's tick boxes)."""

GENERATED_SECTIONS = frozenset({"finder", "map", "compare", "themes", "plans", "match"})
"""Top-level folders of the portal that the generator makes (links into them are allowed)."""

RESERVED_IDS = {"cases": {"index"}, "networks": {"index"}, "guides": {"index", "workshop-pack", "practice-cards"}}
"""ids whose page or file the generator makes itself (cases/index.md, pdf/workshop-pack.pdf, ...)."""
RESERVED_PREFIXES = {"guides": ("plan-",)}
"""Guides, checklists and templates print to pdf/<id>.pdf and downloads/<id>.docx, beside every case's plan-<case>."""

MEDIA_TYPES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",), ".odp": (b"PK\x03\x04",),
}
"""What content/media/ may hold, by name ending and the bytes such a file starts with (no SVG, HTML or script)."""

MULTILINE_FIELDS = frozenset({
    "summary", "challenge", "description", "transferability", "resources", "target", "method", "note", "prompt",
    "results", "success_factors", "difficulties", "next_steps", "activities", "items", "outputs",
})
"""Front-matter fields whose text may hold line breaks and tabs; every other string is one line."""
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufff9-\ufffb]")
"""Control characters no string or body may hold (a tab and a line break are checked by field)."""
MAX_BLOCK_LINES = 200
MAX_BLOCK_CHARS = 20_000
MAX_BLOCK_BRACKETS = 100
MAX_NESTING = 20
MAX_OPEN_TAGS = 100
"""Limits on a body's blocks (the lines between two blank lines), its brackets and its nesting of quotes and
lists, and its '<' left open on their line (the standard library's HTML parser, which Python-Markdown uses,
goes back over each of them): past them the work grows with the square of a block's or a body's length (a
20 kB line of '[' took minutes) or the recursion overflows. Within them a body renders in linear time."""
_OPEN_TAG = re.compile(r"<[A-Za-z/!?][^<>\n]*(?=<|\n|\Z)")
_NESTING = re.compile(r"[ \t>*+-]*")
_MARKER = re.compile(r">|[*+-](?=[ \t])")

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    """0-based line within the text checked."""
    message: str
    hint: str


# --- URLs ------------------------------------------------------------------------------


def url_problem(url: str) -> tuple[str, str] | None:
    """Why a link target in a body is refused by its form alone (or None)."""
    compact = _CONTROL_OR_SPACE.sub("", unquote(url)).lower()
    scheme = compact.split(":", 1)[0] if ":" in compact.split("/", 1)[0] else ""
    if scheme in DANGEROUS_SCHEMES:
        return (f"the link '{_short(url)}' uses {scheme}:, which is not allowed",
                "Link to a web page (https://...) or to another page of the portal.")
    if scheme and scheme not in ALLOWED_SCHEMES:
        return (f"the link '{_short(url)}' uses {scheme}:; only http and https links are allowed",
                "Use the https:// address of a public web page.")
    if "\\" in url or _CONTROL_OR_SPACE.search(url.strip()):
        return (f"the link '{_short(url)}' holds a backslash, a space or a control character",
                "Write the address without them (a space is written %20).")
    if not scheme and compact.startswith("//"):
        return (f"the link '{_short(url)}' has no scheme", "Write the full address, starting with https://.")
    if not scheme and compact.startswith("/"):
        return (f"the link '{_short(url)}' is an absolute path, outside the portal",
                "Link relative to this file, e.g. ../guides/partnership-brokering.md.")
    return None


_RFC3986 = frozenset(string.ascii_letters + string.digits + "-._~:/?#@!$&'()*+,;=%")
"""RFC 3986 characters, less the brackets of IPv6 hosts (a portal links to named web servers)."""
_HOST = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
DOI_RULE = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+\Z")
"""A DOI: 10.<registrant>/<suffix>, the suffix in the characters Crossref finds in DOIs (old ones hold <>[])."""


def web_url_problem(url: str) -> tuple[str, str] | None:
    """Why a URL field (links, sources, reading lists) is not an http(s) web address (or None)."""
    hint = "Write the page's full address, e.g. https://example.org/report; characters such as spaces, quotes, " \
           "brackets and letters with accents are written percent-encoded (%20, %C3%A9)."
    bad = sorted({c for c in url if c not in _RFC3986})
    if bad:
        shown = ", ".join(repr(c) for c in bad[:5])
        return f"'{_short(url)}' holds characters a web address cannot hold: {shown}", hint
    if _PERCENT.search(url):
        return f"'{_short(url)}' has a '%' that is not followed by two hex digits", hint
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"'{_short(url)}' is not a valid web address", hint
    del port
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"'{_short(url)}' must start with https:// (or http://)", hint
    host = parts.hostname or ""
    if "@" in parts.netloc or "[" in url or "]" in url or not _HOST.match(host) or "." not in host:
        return f"'{_short(url)}' does not name a web server (such as example.org)", hint
    return None


def doi_problem(doi: str) -> tuple[str, str] | None:
    if DOI_RULE.match(doi):
        return None
    return (f"'{_short(doi)}' is not a DOI",
            "Write the DOI alone, as 10.<number>/<name>, e.g. 10.1080/00343404.2019.1590823 (without https://doi.org/).")


def _short(text: str, limit: int = 60) -> str:
    text = CONTROL.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- links inside content/ ----------------------------------------------------------------


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


# --- the one road: Markdown -> HTML -> the sanitiser ----------------------------------------

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"
"""The repository's MkDocs settings: the Markdown configuration when a project has none of its own."""


@functools.cache
def markdown_config(mkdocs_yml: Path = MKDOCS_YML) -> tuple[tuple[Any, ...], dict[str, dict[str, Any]]]:
    """The Markdown extensions and their settings exactly as MkDocs makes them from `mkdocs.yml`
    (its own option type, with its built-in toc, tables and fenced_code)."""
    from mkdocs import utils
    from mkdocs.config.defaults import MkDocsConfig

    with open(mkdocs_yml, encoding="utf-8") as handle:
        settings = utils.yaml_load(handle) or {}
    option = MkDocsConfig.markdown_extensions
    extensions = option.run_validation(settings.get("markdown_extensions") or [])
    return tuple(extensions), dict(option.configdata)


@functools.cache
def _renderer(mkdocs_yml: Path) -> markdown.Markdown:
    extensions, configs = markdown_config(mkdocs_yml)
    return markdown.Markdown(extensions=list(extensions), extension_configs=configs)


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str, mkdocs_yml: Path = MKDOCS_YML) -> str:
    """Markdown -> HTML, as MkDocs renders a page (kept: each body is rendered by the check and again by the build)."""
    renderer = _renderer(mkdocs_yml)
    renderer.reset()
    return renderer.convert(text)


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    return value if _attribute_problem(element, attribute, value) is None else None


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, str] | None:
    """Why one attribute of an allowed element is refused (or None)."""
    if name.startswith("on"):
        return f"the attribute {name}= on <{tag}> is not allowed (it runs a script)", "Remove the attribute."
    if name not in ALLOWED_ATTRIBUTES.get(tag, GENERIC_ATTRIBUTES):
        allowed = ", ".join(sorted(ALLOWED_ATTRIBUTES.get(tag, GENERIC_ATTRIBUTES)))
        return f"the attribute {name}= on <{tag}> is not allowed", f"Remove it; allowed on <{tag}>: {allowed}."
    if name in URL_ATTRIBUTES:
        return url_problem(value)
    if name == "id" and not ID_RULE.match(value):
        return (f"the id '{_short(value)}' is not allowed",
                "An id is lower-case letters, digits, '-' and '_', never starting with '__' (the theme's own ids).")
    if name == "class" and not all(CLASS_RULE.match(c) for c in value.split()):
        return (f"the class '{_short(value)}' is not allowed",
                "Class names are lower-case words; md-... and portal-... belong to the theme and the portal.")
    if name == "style" and not ALIGN_STYLE.match(value):
        return f"the attribute style= on <{tag}> is not allowed", "Remove it; styles come from the portal."
    fixed = FIXED_VALUES.get((tag, name))
    if fixed is not None and value not in fixed:
        return f"the attribute {name}=\"{_short(value)}\" on <{tag}> is not allowed", "Remove it."
    return None


_SANITISER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()} | {"*": set(GENERIC_ATTRIBUTES)},
    attribute_filter=_attribute_filter,
    url_schemes=set(ALLOWED_SCHEMES),
    strip_comments=True,
    link_rel=None,
)


def sanitize(html: str) -> str:
    """The sanitiser: HTML held to the allow-list (what it removes is gone; nothing it keeps can run)."""
    return _SANITISER.clean(html)


@dataclass(frozen=True, slots=True)
class HtmlProblem:
    message: str
    hint: str
    needle: str
    """Text of the source to look for, to find the line it came from."""


def _walk(html: str) -> Iterator[HtmlProblem]:
    """Everything in `html` (parsed the HTML5 way, as browsers and the sanitiser do) outside the allow-list."""
    tree = LexborHTMLParser(html)
    for node in _elements(tree):
        tag = node.tag or ""
        if tag == "-comment":
            yield HtmlProblem("an HTML comment (<!-- ... -->) is not allowed",
                              "Remove it; notes for reviewers belong in the pull request.", "<!")
            continue
        if tag in ("html", "head", "body"):
            for name in node.attributes:
                yield HtmlProblem(f"the attribute {name}= is not allowed", "Remove it.", name)
            continue
        if tag not in ALLOWED_TAGS:
            yield HtmlProblem(f"the HTML tag <{tag}> is not allowed",
                              "Remove it. Write Markdown instead; embedded scripts, frames, forms and styles are refused.",
                              f"<{tag}")
            continue
        for name, value in node.attributes.items():
            problem = _attribute_problem(tag, name, value or "")
            if problem:
                yield HtmlProblem(*problem, value if name in (*URL_ATTRIBUTES, "id", "class") and value else name)


def _elements(tree: LexborHTMLParser) -> Iterator[LexborNode]:
    root = tree.root
    if root is None:
        return iter(())
    return root.traverse(include_text=False)


def _shape(html: str) -> list[tuple[Any, ...]]:
    """The parsed tree of `html` as a list (tags, attributes, texts), to compare two serialisations."""
    tree = LexborHTMLParser(html)
    if tree.root is None:
        return []
    return [(n.tag, tuple(sorted((k, v or "") for k, v in n.attributes.items())) if n.tag != "-text" else n.text_content)
            for n in tree.root.traverse(include_text=True)]


def html_problems(html: str) -> list[HtmlProblem]:
    """What the sanitiser would change in `html`, each with what to look for in the source; [] when nothing."""
    problems = list(_walk(html))
    if not problems and _shape(sanitize(html)) != _shape(html):
        problems.append(HtmlProblem("this text renders to HTML the portal would change before publishing it",
                                    "Write plain Markdown here; see CONTRIBUTING.md for what a body may hold.", ""))
    return problems


def _link_targets(html: str) -> Iterator[tuple[str, str]]:
    """(attribute, URL) of every link and image in `html`."""
    tree = LexborHTMLParser(html)
    for node in tree.css("a[href], img[src]"):
        name = "href" if node.tag == "a" else "src"
        yield name, node.attributes.get(name) or ""


# --- bodies -------------------------------------------------------------------------------

def _too_much_work(lines: list[str]) -> Iterator[Problem]:
    """Blocks, brackets, nesting and unclosed tags past the limits within which rendering takes linear time
    (each limit reported once where it is first passed)."""
    start, brackets, chars, open_tags = 0, 0, 0, 0
    for i, line in enumerate([*lines, ""]):
        if not line.strip():
            if i - start > MAX_BLOCK_LINES:
                yield Problem(start, f"this block runs for {i - start} lines without a blank line "
                                     f"(at most {MAX_BLOCK_LINES})", "Put blank lines between its paragraphs or parts.")
            elif chars > MAX_BLOCK_CHARS:
                yield Problem(start, f"this paragraph is {chars} characters long (at most {MAX_BLOCK_CHARS})",
                              "Split it into paragraphs with blank lines.")
            start, brackets, chars = i + 1, 0, 0
            continue
        chars += len(line) + 1
        if "[" in line:
            brackets += line.count("[")
            if brackets > MAX_BLOCK_BRACKETS >= brackets - line.count("["):
                yield Problem(i, f"this paragraph holds more than {MAX_BLOCK_BRACKETS} '['", "Split it with blank lines.")
        if "<" in line:
            opened = len(_OPEN_TAG.findall(line))
            open_tags += opened
            if open_tags > MAX_OPEN_TAGS >= open_tags - opened:
                yield Problem(i, f"the text opens more than {MAX_OPEN_TAGS} HTML tags that are not closed on their line",
                              "Close each tag with '>' on the line it starts, or write < as &lt;.")
        lead = _NESTING.match(line)
        if lead and len(lead.group()) > MAX_NESTING and len(_MARKER.findall(lead.group() + " ")) > MAX_NESTING:
            yield Problem(i, f"this line nests quotes or lists more than {MAX_NESTING} deep", "Nest less deeply.")


def body_problems(doc: SourceDoc, root: Path | None, index: ContentIndex | None = None,
                  quick: bool = True) -> list[Diagnostic]:
    """Every construct of `doc`'s body that the portal would not publish as written, with its line.

    The body is rendered to HTML as MkDocs would render it and held to the allow-list; with
    `root` (the project folder), relative links must also stay inside content/ and name a file.
    `quick=False` renders even a body `plainly_safe` clears (the tests hold the two to each other).
    """
    body = doc.body
    if not body.strip():
        return []
    lines = body.split("\n")
    out: list[Diagnostic] = []

    def report(line: int, message: str, hint: str) -> None:
        out.append(Diagnostic(doc.path, doc.body_line + line, "body", message, hint))

    controls = [(i, m.group()) for i, line in enumerate(lines) if (m := CONTROL.search(line))] \
        if CONTROL.search(body) else []
    for i, char in controls:
        report(i, f"the text holds a control character (U+{ord(char):04X})", "Remove it; it is invisible in most editors.")
    heavy = list(_too_much_work(lines))
    for p in heavy:
        report(p.line, p.message, p.hint)
    if controls or heavy:
        return out
    folder = link_folder(doc)

    def check_url(url: str) -> tuple[str, str] | None:
        if root is None:
            return url_problem(url)
        if index is None:
            return url_problem(url) or local_target_problem(url, doc, root)
        key = (folder, url)
        if key not in index.verdicts:
            index.verdicts[key] = url_problem(url) or local_target_problem(url, doc, root, index)
        return index.verdicts[key]

    if quick and plainly_safe(body, check_url):
        return []
    try:
        html = render_markdown(body, _mkdocs_yml(root))
    except RecursionError:
        report(0, "the text nests quotes, lists or blocks too deeply to be rendered", "Nest less deeply.")
        return out
    for p in html_problems(html):
        report(_locate(lines, p.needle), p.message, p.hint)
    for name, url in _link_targets(html):
        problem = check_url(url)
        if problem and not url_problem(url):  # a form problem is reported by html_problems already
            report(_locate(lines, url), *problem)
    return out


def _mkdocs_yml(root: Path | None) -> Path:
    if root is not None and (root / "mkdocs.yml").is_file():
        return (root / "mkdocs.yml").resolve()
    return MKDOCS_YML


def prepare_renderer(root: Path | None) -> None:
    """Make the renderer the body checks of `root` use now, not at the first body that needs it: before
    forking workers, so they inherit it rather than each make its own (0.13 s of CPU: importing MkDocs'
    settings and setting up the extensions)."""
    _renderer(_mkdocs_yml(root))


def _locate(lines: list[str], needle: str) -> int:
    """The first line holding `needle` (or its start, or its first word), ignoring case, entities and
    backslash escapes; else the first line with text. (Rendering turns tabs into spaces, so a part of the
    needle may be all that is in the source.)"""
    words = needle.split()
    for part in (needle, needle[:24], needle[:8], words[0] if words else ""):
        part = part.lower()
        if part:
            for i, line in enumerate(lines):
                lowered = line.lower()
                if part in lowered or part in unescape(lowered).replace("\\", ""):
                    return i
    return next((i for i, line in enumerate(lines) if line.strip()), 0)


_PLAIN_LINK = re.compile(r"\]\(([A-Za-z0-9._~:/?#@!$+,;=%-]*)(?: \"[^\"\n\\]*\")?\)")
"""`](target "title")` with a target Python-Markdown takes as written: no escapes, entities, brackets or spaces."""
_PLAIN_TEXT = re.compile(r"[^<>{}\\`|~_!\[\]&\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]*\Z")
"""Text that holds none of the characters raw HTML, entities, attribute lists, code, tables, fences,
admonitions, images, reference links or ids beginning '__' are written with."""


def plainly_safe(body: str, check_url: Callable[[str], tuple[str, str] | None]) -> bool:
    """True when `body` certainly renders to allowed HTML, decided without rendering it.

    Outside its inline links, such a body has none of the characters that raw HTML, entities,
    attribute lists, code, tables, fences, admonitions, images and reference links are made of
    (so Python-Markdown can only make paragraphs, headings, lists, emphasis, rules, definition
    lists and task boxes of it), and every inline link is '[text](target)' with a plain,
    allowed target. Anything else takes the full road. A test holds this to the renderer.
    """
    pieces, at = [], 0
    for link in _PLAIN_LINK.finditer(body):
        if check_url(link.group(1)):
            return False
        opening = body.rfind("[", at, link.start())
        if opening == -1 or "]" in body[opening + 1:link.start()]:
            return False
        pieces.append(body[at:opening])
        pieces.append(body[opening + 1:link.start()])
        at = link.end()
    pieces.append(body[at:])
    return all(_PLAIN_TEXT.match(piece) for piece in pieces)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a published body: printed as a Markdown heading, so the page's table of contents lists it."""

    level: int
    text: str
    id: str
    """Always given (the rendered one, or part-<n> where that one was refused), so MkDocs never makes one up."""
    classes: tuple[str, ...]


def publish_body(body: str, rewrite: Callable[[str], str], mkdocs_yml: Path = MKDOCS_YML) -> list[Heading | str]:
    """A checked body as published: its headings, and between them the sanitiser's HTML with every
    link and image address passed through `rewrite` (relative .md links become page addresses)."""
    html = render_markdown(body, mkdocs_yml)
    tree = LexborHTMLParser(html)
    for node in tree.css("a[href], img[src]"):
        name = "href" if node.tag == "a" else "src"
        node.attrs[name] = rewrite(node.attributes.get(name) or "")
    out: list[Heading | str] = []
    headings = 0
    body_node = tree.body
    for node in body_node.iter(include_text=True) if body_node is not None else ():
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            for link in node.css("a.headerlink"):
                link.decompose()
            attrs = node.attributes
            ident = attrs.get("id") or ""
            classes = tuple((attrs.get("class") or "").split())
            headings += 1
            out.append(Heading(int(node.tag[1]), node.text(deep=True).strip(),
                               ident if ID_RULE.match(ident) else f"part-{headings}",
                               tuple(c for c in classes if CLASS_RULE.match(c))))
        elif node.tag == "-text":
            text = node.text_content or ""
            if text.strip():
                out.append(sanitize(f"<p>{_escape_text(text)}</p>"))
        elif node.tag != "-comment":
            out.append(sanitize(node.html or ""))
    return out


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- front matter ----------------------------------------------------------------------


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
    """Control characters, line breaks in one-line fields, unsafe HTML, script URLs and malformed URL
    fields in any front-matter string (printed as text, but refused all the same).

    `text` is `front_matter_text(doc)` when the caller has it already.
    """
    text = front_matter_text(doc) if text is None else text
    out = _url_fields(doc) + _line_breaks(doc)
    if CONTROL.search(text) or not strings_plainly_safe(text):
        out += _front_matter_scan(doc)
    return out


def strings_plainly_safe(text: str) -> bool:
    """True when no front-matter string can hold HTML or start with a dangerous scheme (each starts a line of `text`)."""
    return "<" not in text and (":" not in text or not _DANGEROUS_START.search("\n" + text))


def _diagnostic(doc: SourceDoc, path: LinePath, message: str, hint: str) -> Diagnostic:
    return Diagnostic(doc.path, doc.line(path), field_name(path), message, hint)


def _front_matter_scan(doc: SourceDoc) -> list[Diagnostic]:
    out = []
    for path, text in strings(dict(doc.front_matter)):
        control = CONTROL.search(text)
        if control:
            out.append(_diagnostic(doc, path, f"holds a control character (U+{ord(control.group()):04X})",
                                   "Remove it; it is invisible in most editors. Write line breaks as real ones."))
        if "<" in text:
            for p in _walk(text):
                out.append(_diagnostic(doc, path, p.message, p.hint))
        if ":" in text and _CONTROL_OR_SPACE.sub("", text).lower().startswith(tuple(f"{s}:" for s in DANGEROUS_SCHEMES)):
            problem = url_problem(text)
            if problem:
                out.append(_diagnostic(doc, path, *problem))
    return out


def _line_breaks(doc: SourceDoc) -> list[Diagnostic]:
    if not any("\n" in text or "\t" in text for text in all_texts(doc.front_matter)):
        return []  # most files: no string breaks a line, so no path need be followed
    out = []
    for path, text in _one_line_strings(doc.front_matter):
        if "\n" in text or "\t" in text:
            out.append(_diagnostic(doc, path, "holds a line break or a tab, and is printed on one line",
                                   "Write it on one line (in YAML, a value in quotes or after '>-' is joined)."))
    return out


def _one_line_strings(value: Any, path: LinePath = ()) -> Iterator[tuple[LinePath, str]]:
    if isinstance(value, str):
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if key not in MULTILINE_FIELDS:
            yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in MULTILINE_FIELDS:
                yield from _one_line_strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _one_line_strings(child, path + (i,))


def _url_fields(doc: SourceDoc) -> list[Diagnostic]:
    out = []
    for path, text in _fields_named(doc.front_matter, ("url", "doi")):
        problem = web_url_problem(text) if path[-1] == "url" else doi_problem(text)
        if problem:
            out.append(_diagnostic(doc, path, *problem))
    return out


def _fields_named(value: Any, names: tuple[str, ...], path: LinePath = ()) -> Iterator[tuple[LinePath, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in names and isinstance(child, str):
                yield path + (key,), child
            elif isinstance(child, (dict, list)):
                yield from _fields_named(child, names, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _fields_named(child, names, path + (i,))


def reserved_id_problem(folder: str, given: str) -> tuple[str, str] | None:
    """Why an id may not be used in `folder` (cases, networks, guides): the generator makes that page or file."""
    if given in RESERVED_IDS.get(folder, ()) or given.startswith(RESERVED_PREFIXES.get(folder, ())):
        made = "pdf/plan-<case>.pdf" if given.startswith("plan-") else (
            f"{folder}/index.md" if given == "index" else f"pdf/{given}.pdf")
        return (f"the id '{given}' is taken by a page or file the portal makes itself ({made})",
                "Choose another id (and rename the file to match).")
    return None


# --- media -------------------------------------------------------------------------------


def media_problem(name: str, head: bytes) -> tuple[str, str] | None:
    """Why a file in content/media/ is refused, from its name and first bytes (or None)."""
    suffix = os.path.splitext(name)[1].lower()
    allowed = ", ".join(sorted(MEDIA_TYPES))
    if suffix not in MEDIA_TYPES:
        kind = "an SVG image (it can hold scripts)" if suffix == ".svg" else f"a '{suffix or name}' file"
        return (f"this is {kind}; content/media/ holds images, PDFs and office documents only",
                f"Allowed: {allowed}. Save a drawing as PNG.")
    if not head.startswith(MEDIA_TYPES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return (f"the file's contents are not a {suffix[1:].upper()} file, as its name says",
                "Export it again from the program that made it, or give it the right name.")
    return None
