"""Content translations: checked against their originals and applied to make a language's records.

A translation holds text only (see schemas/translation.schema.json); everything
else (names, figures, dates, places, sources) is taken from the original, so a
fact is never kept twice. A translation older than the last change of its
original is flagged (a warning here, a banner on its page).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, Severity
from generator.types import Case, Component, Guide, Record, Translation

TEXT_LISTS = ("results", "success_factors", "difficulties", "next_steps")
TEXT_FIELDS = ("summary", "challenge", "transferability", "resources")


def last_changed(path: Path) -> str:
    """The date (YYYY-MM-DD) a file last changed: its last commit, or its modification time if it has
    uncommitted changes or no git history."""
    try:
        status = subprocess.run(["git", "status", "--porcelain", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, timeout=10)
        if status.returncode == 0 and not status.stdout.strip():
            log = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                                 capture_output=True, text=True, timeout=10)
            if log.returncode == 0 and log.stdout.strip():
                return log.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()


@dataclass(frozen=True, slots=True)
class Checked:
    diagnostics: tuple[Diagnostic, ...]
    outdated: dict[tuple[str, str, str], str]
    """(lang, folder, id) -> the date the original last changed, for translations older than it."""


def check_translations(translations: Iterable[Translation], records: Iterable[Record], root: Path,
                       existing: Mapping[str, frozenset[str]] | None = None) -> Checked:
    """Each translation against its original; one whose original exists but has problems of its own is
    left for those to be fixed (`existing`: folder -> ids of the files there)."""
    originals = {(r.doc.folder, r.id): r for r in records}
    problems: list[Diagnostic] = []
    outdated: dict[tuple[str, str, str], str] = {}
    seen: set[tuple[str, str, str]] = set()
    for t in translations:
        key = (t.lang, t.folder, t.translation_of)
        original = originals.get((t.folder, t.translation_of))
        if original is None and t.translation_of in (existing or {}).get(t.folder, ()):
            continue  # the original has problems: it reports them
        if original is None or not isinstance(original, (Case, Guide)):
            problems.append(Diagnostic(t.doc.path, t.doc.line(("translation_of",)), "translation_of",
                                       f"there is no {t.folder[:-1]} '{t.translation_of}' to translate",
                                       f"Check the id against the file names in content/{t.folder}/."))
            continue
        if key in seen:
            problems.append(Diagnostic(t.doc.path, 1, None, "this page is translated twice into the same language"))
        seen.add(key)
        if isinstance(original, Case):
            components = t.texts.get("components")
            if components is not None and len(components) != len(original.components):
                problems.append(Diagnostic(
                    t.doc.path, t.doc.line(("components",)), "components",
                    f"{len(components)} component descriptions for {len(original.components)} components in the original",
                    "Give one description per component of the original, in the same order."))
            for name in TEXT_LISTS:
                given, source = t.texts.get(name), getattr(original, name)
                if given is not None and len(given) != len(source):
                    problems.append(Diagnostic(t.doc.path, t.doc.line((name,)), name,
                                               f"{len(given)} entries for {len(source)} in the original",
                                               "Translate each entry of the original, in the same order."))
        changed = last_changed(root / original.doc.path)
        if changed > t.translated:
            outdated[key] = changed
            problems.append(Diagnostic(t.doc.path, t.doc.line(("translated",)), "translated",
                                       f"the original changed on {changed}, after this translation ({t.translated})",
                                       "Bring the translation up to date, then set translated: to today's date.",
                                       Severity.WARNING))
    return Checked(tuple(problems), outdated)


def apply(records: Sequence[Record], translations: Iterable[Translation], lang: str) -> tuple[list[Record], set[str]]:
    """The records of one language: translated text where a translation exists, the original otherwise."""
    mine = {(t.folder, t.translation_of): t for t in translations if t.lang == lang}
    out, translated = [], set()
    for record in records:
        t = mine.get((record.doc.folder, record.id))
        if t is None or not isinstance(record, (Case, Guide)):
            out.append(record)
            continue
        changes: dict[str, object] = {"title": t.title, "body": t.body or record.body}
        for name in TEXT_FIELDS:
            if name in t.texts and hasattr(record, name):
                changes[name] = t.texts[name]
        if isinstance(record, Case):
            for name in TEXT_LISTS:
                if name in t.texts:
                    changes[name] = tuple(t.texts[name])
            if "components" in t.texts and len(t.texts["components"]) == len(record.components):
                changes["components"] = tuple(
                    Component(c.name, d["description"], c.transferable)
                    for c, d in zip(record.components, t.texts["components"]))
        out.append(dataclasses.replace(record, **changes))
        translated.add(record.id)
    return out, translated
