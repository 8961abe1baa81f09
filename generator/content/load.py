"""Stage 1, load: content files -> SourceDoc (front matter, body, line of each key).

A file that cannot be read (binary, not UTF-8, no front matter, broken YAML) gives
a Diagnostic instead of a SourceDoc; nothing here raises for bad content.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from generator.content.yaml_nodes import parse_yaml
from generator.diagnostics import Diagnostic
from generator.types import SourceDoc

FOLDERS = ("cases", "guides", "networks")
"""Sub-folders of the content root that hold pages, in load order."""

MAX_BYTES = 1_000_000
"""A case is a few kilobytes; anything larger is a mistake (or an attack)."""


_BOUNDARY = YAMLHandler.FM_BOUNDARY
_HANDLER = YAMLHandler()


@dataclass(frozen=True, slots=True)
class Loaded:
    docs: tuple[SourceDoc, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: int


TRANSLATIONS = "translations"
"""content/translations/<lang>/<cases|guides|networks>/<id>.md: pages written in another language."""


def content_files(content_root: Path) -> list[tuple[str, Path]]:
    """Every Markdown file under the content folders, as (folder, path), sorted; translations last."""
    found = []
    for folder in FOLDERS:
        found += [(folder, p) for p in _markdown_in(content_root / folder)]
    translations = content_root / TRANSLATIONS
    if translations.is_dir():
        for path in sorted(translations.glob("*/*/*.md")):
            found.append((path.parent.relative_to(content_root).as_posix(), path))
    return found


def _markdown_in(folder: Path) -> list[Path]:
    """`sorted(folder.glob("*.md"))`, quicker for thousands of files: os.scandir, and names sorted before
    they become Paths (Paths compare slowly)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".md"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]


def unread_files(content_root: Path, display_root: Path | None = None) -> list[Diagnostic]:
    """Everything in content/ the loader does not read (a .MD file, a sub-folder of cases/, a stray file),
    each reported rather than silently left out."""
    display_root = display_root or content_root.parent
    out: list[Diagnostic] = []

    def report(path: Path, message: str, hint: str) -> None:
        out.append(Diagnostic(display_path(path, display_root), None, None, message, hint))

    def pages_in(folder: Path, where: str) -> None:
        for entry in _entries(folder):
            if entry.name.endswith(".md"):
                continue  # read (and refused there when it is not a regular file)
            if entry.is_dir(follow_symlinks=False):
                report(Path(entry.path), f"a folder inside {where} is not read",
                       f"Put each page directly in {where}, as <id>.md.")
            elif entry.name.lower().endswith(".md"):
                report(Path(entry.path), "this file is not read: page files end in .md, in lower case",
                       f"Rename it to {entry.name[:-3]}.md.")
            else:
                report(Path(entry.path), f"this file is not read: {where} holds only pages (<id>.md)",
                       "Move images and documents to content/media/, or remove the file.")

    for entry in _entries(content_root):
        if entry.name in (*FOLDERS, TRANSLATIONS, "media") and entry.is_dir(follow_symlinks=False):
            continue
        if entry.name in (*FOLDERS, TRANSLATIONS, "media") and entry.is_symlink():
            report(Path(entry.path), "content folders may not be symbolic links", "Make it a real folder.")
            continue
        report(Path(entry.path), "this is not read: content/ holds cases/, guides/, networks/, translations/ "
                                 "and media/", "Move it into one of them, or remove it.")
    for folder in FOLDERS:
        pages_in(content_root / folder, f"content/{folder}/")
    translations = content_root / TRANSLATIONS
    for language in _entries(translations):
        if not language.is_dir(follow_symlinks=False):
            report(Path(language.path), "content/translations/ holds one folder per language", "Move or remove it.")
            continue
        for kind in _entries(Path(language.path)):
            if kind.name in FOLDERS and kind.is_dir(follow_symlinks=False):
                pages_in(Path(kind.path), f"content/translations/{language.name}/{kind.name}/")
            else:
                report(Path(kind.path), "a translation folder holds cases/, guides/ and networks/ only", "Move or remove it.")
    return out


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def load_docs(content_root: Path, display_root: Path | None = None) -> Loaded:
    """Read every content file under `content_root`."""
    display_root = display_root or content_root.parent
    return load_files(content_files(content_root), display_root)


def load_files(files: Iterable[tuple[str, Path]], display_root: Path) -> Loaded:
    docs: list[SourceDoc] = []
    diagnostics: list[Diagnostic] = []
    count = 0
    for folder, path in files:
        count += 1
        shown = display_path(path, display_root)
        doc, problems = load_file(path, folder, shown)
        diagnostics.extend(problems)
        if doc is not None:
            docs.append(doc)
    return Loaded(tuple(docs), tuple(diagnostics), count)


def display_path(path: Path, root: Path) -> Path:
    """`path` relative to `root`, without following symbolic links (a link is shown where it is)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return path


def load_file(path: Path, folder: str, shown: Path) -> tuple[SourceDoc | None, list[Diagnostic]]:
    """Read one file; return its SourceDoc or the reasons it cannot be read."""

    def fail(message: str, line: int | None = 1, hint: str | None = None) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(shown, line, None, message, hint)]

    symlink = ("content files may not be symbolic links", 1, "Copy the file into content/ instead.")
    if not _NO_FOLLOW and path.is_symlink():  # where the system cannot refuse it on opening
        return fail(*symlink)
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return fail(*symlink) if exc.errno == errno.ELOOP else fail(f"cannot read the file: {exc.strerror}")
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return fail("this is not a regular file", hint="Content files are Markdown text files.")
        if info.st_size > MAX_BYTES:
            return fail(f"file is {info.st_size / 1e6:.1f} MB; a content file may be at most {MAX_BYTES // 1000} kB",
                        hint="Split it, or move long material to a linked document.")
        raw = _read_all(handle, info.st_size)
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror}")
    finally:
        os.close(handle)
    text, problem = decode(raw)
    if problem:
        return fail(*problem)
    return parse_document(text, folder, shown)


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""One system call opens the file, refuses a symbolic link (ELOOP) and never waits on a pipe named *.md."""


def _read_all(handle: int, size: int) -> bytes:
    """Every byte of an open file; `size` (from fstat) is the first read's length, not a promise."""
    parts = []
    while part := os.read(handle, max(size, 4096)):
        parts.append(part)
    return b"".join(parts)


def _next_boundary(text: str, start: int) -> re.Match[str] | None:
    """`_BOUNDARY.search(text, start)`, without trying the pattern at every position (only where '---' is)."""
    at = text.find("---", start)
    while at != -1:
        if at == 0 or text[at - 1] == "\n":
            found = _BOUNDARY.match(text, at)
            if found:
                return found
        at = text.find("---", at + 1)
    return None


def decode(raw: bytes) -> tuple[str, tuple[str, int, str] | None]:
    """Bytes -> text with a BOM dropped and line ends made '\\n'; or (message, line, hint)."""
    if b"\x00" in raw:
        return "", ("this is a binary file, not a Markdown text file", 1,
                    "Content files are UTF-8 text. Put images in content/assets/ and link them.")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", (f"the file is not valid UTF-8 (byte {exc.start} cannot be decoded)", line,
                    "Save the file as UTF-8 in your editor (in VS Code: 'Save with Encoding' > UTF-8).")
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), None


def parse_document(text: str, folder: str, shown: Path) -> tuple[SourceDoc | None, list[Diagnostic]]:
    """Split front matter from body and parse the YAML with its line numbers."""
    if not text.strip():
        return None, [Diagnostic(shown, 1, None, "the file is empty",
                                 "Start from a skeleton: make new-case TITLE=... CITY=... COUNTRY=..")]
    if not _HANDLER.detect(text):
        return None, [Diagnostic(shown, 1, None, "the file has no front matter",
                                 "The first line must be '---', followed by the YAML fields and another '---'.")]
    opening = _BOUNDARY.search(text)
    assert opening is not None  # detect() matched
    closing = _next_boundary(text, opening.end())
    if closing is None:
        return None, [Diagnostic(shown, 1, None, "the front matter is never closed",
                                 "Add a line '---' after the last YAML field, before the Markdown text.")]
    yaml_text = text[opening.end():closing.start()]
    offset = text.count("\n", 0, opening.end()) + 1  # 1-based file line of yaml_text's line 0
    body_start = closing.end()
    if text.startswith("\n", body_start):
        body_start += 1
    body_line = text.count("\n", 0, body_start) + 1
    result = parse_yaml(yaml_text)
    diagnostics = [
        Diagnostic(
            shown,
            p.line + offset,
            field_name(p.path) or None,
            p.message + (f" (first given on line {p.first_line + offset})" if p.first_line is not None else ""),
            p.hint,
        )
        for p in result.problems
    ]
    if result.data is None and not result.problems:
        diagnostics.append(Diagnostic(shown, offset, None, "the front matter is empty",
                                      "Fill in the fields between the two '---' lines."))
    elif result.data is not None and not isinstance(result.data, dict):
        diagnostics.append(Diagnostic(shown, offset, None, "the front matter must be a list of 'field: value' lines",
                                      "Each line looks like 'title: My practice'."))
    if result.data is None or not isinstance(result.data, dict):
        return None, diagnostics
    # Duplicate keys, aliases and odd tags are reported, but the rest of the
    # file is still checked so the author sees every problem in one run.
    line_of = {path: line + offset for path, line in result.lines.items()}
    return SourceDoc(shown, folder, result.data, text[body_start:], body_line, line_of), diagnostics


def field_name(path: tuple[str | int, ...]) -> str:
    """('services', 2, 'name') -> 'services[2].name' (0-based, as in YAML lists)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
