"""Defence in depth, independent of the checks: the Content-Security-Policy of every page, and an audit
of the built site.

The policy lets scripts run only from the site itself, plus the theme's inline scripts by their
SHA-256 hashes (computed here from Material's own templates, for every depth a page can have), so
an event handler, a `javascript:` URL or an inline script slipped into a page runs nothing. The
audit then parses every HTML and SVG file of the new site the HTML5 way (Lexbor, as browsers do)
and refuses the build if anything could run: an `on...` attribute, a script URL, a `<script>` that
is neither a file of the site nor a hashed inline script of the theme, a frame, an object, a
`<base>`, a refresh, or a page without the policy.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/content.html",
                 "partials/javascripts/palette.html")
"""Material's partials that print inline scripts on every page (the scope for its storage; the tab restorer;
the colour scheme the visitor chose)."""
MAX_DEPTH = 12
"""Pages lie at most this many folders below a site root (base_url '../../..')."""
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_DATA_IMAGE = re.compile(r"data:image/(?:png|gif|jpeg|webp);", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "cite", "background",
                             "longdesc", "ping", "srcset", "xlink:href", "codebase", "manifest", "icon"})
_FORBIDDEN = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "noembed"})
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
"""SVG animations: one that sets an href can make it a javascript: URL, which no attribute shows."""
_SCRIPT_DATA = "application/json"
"""The one kind of inline script block allowed besides the theme's: Material's settings (id __config), data only."""


def script_hash(text: str) -> str:
    """The CSP source of an inline script: 'sha256-<base64>' of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_script_hashes(config: object, site_roots: Iterable[str] = ("/",)) -> frozenset[str]:
    """The hash of every inline script Material prints, for each base_url a page can have: '.', '..',
    '../..' and so on, and the absolute roots of the 404 pages (`site_roots`)."""
    env = config.theme.get_env()  # type: ignore[attr-defined]
    features = config.theme.get("features", [])  # type: ignore[attr-defined]
    bases = [".", *("/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)), *site_roots]
    hashes = set()
    for name in THEME_SCRIPTS:
        template = env.get_template(name)
        for base in bases:
            rendered = template.render(config=config, base_url=base, features=features)
            hashes.update(script_hash(text) for text in _INLINE_SCRIPT.findall(rendered))
    return frozenset(hashes)


def policy(hashes: Iterable[str]) -> str:
    """The Content-Security-Policy of every page: no inline script but the hashed ones, no event handler,
    no plugin, no <base>; WebAssembly for Pagefind's search; styles and data: images as the theme needs."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(hashes)),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    """Relative to the site, e.g. 'cases/x/index.html'."""
    what: str


def audit_site(site: Path, csp: str | None, hashes: Iterable[str] = (), passed: Path | None = None) -> list[Finding]:
    """Everything in the HTML and SVG files of `site` that could run a script, and pages without `csp`
    (inline scripts are allowed by the hashes in `csp`, or in `hashes` for a site that carries no policy).

    `passed`: a file listing the SHA-256 of every document (with the policy, the hashes and this module's
    own code) that an earlier audit found clean; such a document is not parsed again. A rebuild after one
    edit parses the few dozen pages it changed, not the whole site (at 1,000 practices about 20 s,
    `make bench`'s rebuild). Only clean documents are listed, and only by the hash of all they hold.
    """
    allowed = frozenset(re.findall(r"'sha256-[^']+'", csp or "")) | frozenset(hashes)
    rules = hashlib.sha256(Path(__file__).read_bytes() + repr((sorted(allowed), csp)).encode("utf-8")).digest()
    known = set(_read_lines(passed))
    clean: set[str] = set()
    findings: list[Finding] = []
    for path in sorted(_files(site)):
        shown = path.relative_to(site).as_posix()
        data = path.read_bytes()
        is_page = path.suffix == ".html"
        digest = hashlib.sha256(rules + bytes([is_page]) + data).hexdigest()
        if digest in known:
            clean.add(digest)
            continue
        found = [Finding(shown, what) for what in
                 audit_document(data.decode("utf-8", errors="replace"), allowed, csp if is_page else None)]
        findings += found
        if not found:
            clean.add(digest)
    if passed is not None and not findings:
        _write_lines(passed, sorted(clean))
    return findings


def _read_lines(path: Path | None) -> list[str]:
    try:
        return path.read_text(encoding="ascii").split() if path is not None else []
    except (OSError, UnicodeDecodeError):
        return []


def _write_lines(path: Path, lines: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".tmp")
        partial.write_text("\n".join(lines) + "\n", encoding="ascii")
        os.replace(partial, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _files(site: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if name.endswith((".html", ".htm", ".svg", ".xhtml")):
                yield Path(folder, name)


def audit_document(text: str, hashes: frozenset[str], csp: str | None) -> Iterator[str]:
    """What in one HTML (or SVG) document could run; with `csp`, also whether it carries that policy first."""
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return
    if csp is not None:
        yield from _policy_findings(tree, text, csp)
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag == "-comment":
            continue
        attributes = node.attributes
        for name, value in attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                yield f"<{tag} {name}=...>: an event handler attribute"
            elif lowered in _URL_ATTRIBUTES and value and _is_script_url(value, tag, lowered):
                yield f"<{tag} {name}=\"{value[:40]}\">: a script or data URL"
        if tag in _FORBIDDEN:
            yield f"<{tag}>: not allowed in the portal's pages"
        elif tag in _ANIMATIONS and any(name.lower() == "attributename" and "href" in (value or "").lower()
                                        for name, value in attributes.items()):
            yield f"<{tag} attributeName=href>: an animation that can set a link to a script URL"
        elif tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            yield "<meta http-equiv=refresh>: not allowed"
        elif tag == "script":
            problem = _script_problem(node.attributes, node.text(deep=True) or "", hashes)
            if problem:
                yield problem


def _is_script_url(value: str, tag: str, name: str) -> bool:
    compact = _CONTROL_OR_SPACE.sub("", value)
    for part in compact.split(",") if name == "srcset" else (compact,):
        if _SCRIPT_URL.match(part) and not (tag == "img" and name == "src" and _DATA_IMAGE.match(part)):
            return True
    return False


def _script_problem(attributes: dict[str, str | None], text: str, hashes: frozenset[str]) -> str | None:
    src = attributes.get("src")
    if src is not None:
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or "\\" in src:
            return f"<script src=\"{src[:60]}\">: a script from outside the site"
        return None
    if (attributes.get("type") or "").lower() == _SCRIPT_DATA and attributes.get("id") == "__config":
        return None
    if script_hash(text) in hashes:
        return None
    return f"<script>{text[:40]!r}...: an inline script that is not one of the theme's"


def _policy_findings(tree: LexborHTMLParser, text: str, csp: str) -> Iterator[str]:
    metas = [m for m in tree.css("meta[http-equiv]")
             if (m.attributes.get("http-equiv") or "").lower() == "content-security-policy"]
    if len(metas) != 1 or metas[0].attributes.get("content") != csp:
        yield "the page does not carry the portal's Content-Security-Policy (exactly once)"
    elif metas[0].parent is None or metas[0].parent.tag != "head":
        yield "the Content-Security-Policy is not in the page's <head>"
    elif -1 < text.find("<script") < text.find("Content-Security-Policy"):
        yield "a script comes before the Content-Security-Policy"
