"""content/media/: the images and documents a body may link to, published as they are once checked."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import display_path
from generator.content.safety import media_problem
from generator.diagnostics import Diagnostic

MEDIA_FOLDER = "media"
MAX_MEDIA_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A file in content/media/ (an image, a PDF, an office document), copied into the site as it is."""

    path: str
    """Relative to content/, e.g. 'media/igualada-plant.jpg'."""
    data: bytes


def load_media(content_root: Path, display_root: Path | None = None) -> tuple[tuple[MediaFile, ...], tuple[Diagnostic, ...]]:
    """Every file under content/media/, if the folder and all in it are regular files and folders, each of an
    allowed type (`safety.MEDIA_TYPES`); anything else is refused, a symbolic link above all."""
    display_root = display_root or content_root.parent
    base = content_root / MEDIA_FOLDER
    files: list[MediaFile] = []
    problems: list[Diagnostic] = []

    def refuse(path: Path, message: str, hint: str) -> None:
        problems.append(Diagnostic(display_path(path, display_root), None, None, message, hint))

    try:
        top = os.lstat(base)
    except FileNotFoundError:
        return (), ()
    if not stat.S_ISDIR(top.st_mode):
        refuse(base, "content/media must be a folder (it is a symbolic link or a file)",
               "Make content/media a real folder and copy the files into it.")
        return (), tuple(problems)
    pending = [base]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                refuse(path, "media files may not be symbolic links", "Copy the file into content/media/ instead.")
            elif entry.is_dir(follow_symlinks=False):
                if entry.name.startswith("."):
                    refuse(path, "hidden folders may not be in content/media/", "Remove the folder.")
                else:
                    pending.append(path)
            elif not entry.is_file(follow_symlinks=False):
                refuse(path, "this is not a regular file", "content/media/ holds images and documents only.")
            elif entry.stat(follow_symlinks=False).st_size > MAX_MEDIA_BYTES:
                refuse(path, f"the file is larger than {MAX_MEDIA_BYTES // 1_000_000} MB",
                       "Make the image smaller, or link to the document on its own web site.")
            else:
                data = _read(path)
                problem = media_problem(entry.name, data[:16]) if data is not None else (
                    "the file cannot be read", "Check its permissions.")
                if problem:
                    refuse(path, *problem)
                else:
                    files.append(MediaFile(path.relative_to(content_root).as_posix(), data or b""))
    files.sort(key=lambda m: m.path)
    return tuple(files), tuple(problems)


def _read(path: Path) -> bytes | None:
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as opened:
        return opened.read(MAX_MEDIA_BYTES + 1)
