"""Content translations: checked against their originals and applied to make a language's records.

A translation holds text only (see schemas/translation.schema.json); everything
else (names, numbers, dates, places, sources, vocabulary values) is taken from
the original, so a fact is never kept twice. The rules a schema cannot state
live here, each checked against the original: which keys a kind of page may
translate, one entry per entry of the original (same order, only keys the
original entry has), and in the short fields the original's numbers. Every
problem of a file is reported at once, with its line, field and fix. A
translation older than the last change of its original is flagged (a warning
here, a banner on its page).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.load import field_name
from generator.diagnostics import Diagnostic, Severity
from generator.types import (
    Case,
    Checklist,
    Guide,
    LinePath,
    Network,
    Record,
    SourceDoc,
    Template,
    Translated,
    Translation,
)

TEXT_LISTS = ("results", "success_factors", "difficulties", "next_steps")
TEXT_FIELDS = ("summary", "challenge", "transferability", "resources")
SERVICE_TEXTS = ("name", "description", "target", "method", "timing")
STEP_TEXTS = ("title", "description", "who", "items", "outputs")

KEYS_OF_KIND: Mapping[str, tuple[str, ...]] = {
    "case": ("summary", "source_notes", "challenge", "transferability", "resources", *TEXT_LISTS,
             "components", "services", "figures", "organisations", "period_note"),
    "network": ("summary", "source_notes", "elements", "activities", "period_note"),
    "guide": ("summary", "source_notes"),
    "checklist": ("summary", "source_notes", "steps"),
    "template": ("summary", "source_notes", "sections"),
}
"""The text keys a translation of each kind of page may hold (besides translation_of, lang, translated,
translator, reviewed and title)."""

SHORT_FIELDS = frozenset({"components.name", "services.name", "services.timing", "figures.label", "figures.unit",
                          "figures.value",
                          "organisations.role", "steps.title", "steps.who", "steps.items", "steps.outputs",
                          "sections.title", "sections.columns", "elements"})
"""Fields (list.key) whose numbers must be the original's: a name, label or title is short, and a number in it
is a fact (a year, a count), never a matter of wording."""

ENTRY_WORDS = {"components": "component", "services": "service", "figures": "figure", "organisations": "organisation",
               "steps": "step", "sections": "section", "items": "item", "outputs": "output", "columns": "column",
               "source_notes": "source note", "elements": "element", "activities": "activity"}

_NUMBER = re.compile(r"\d+")


def kind_of(record: Record) -> str:
    return {Case: "case", Network: "network", Guide: "guide", Checklist: "checklist", Template: "template"}[type(record)]


def _entry(value: Any, keys: Iterable[str]) -> dict[str, Any]:
    """The text keys of one entry of the original that are set (a list only when it has entries)."""
    out = {}
    for key in keys:
        given = getattr(value, key)
        if given is not None and given != ():
            out[key] = list(given) if isinstance(given, tuple) else given
    return out


def translatable(record: Record) -> dict[str, Any]:
    """What a translation of `record` may hold, from the original: key -> its text, its list of texts, or its
    list of entries (each a dict of the entry's texts)."""
    out: dict[str, Any] = {"summary": record.summary}
    if record.source_notes:
        out["source_notes"] = list(record.source_notes)
    if isinstance(record, Case):
        for name in ("challenge", "transferability", "resources"):
            if getattr(record, name):
                out[name] = getattr(record, name)
        for name in TEXT_LISTS:
            if getattr(record, name):
                out[name] = list(getattr(record, name))
        if record.components:
            out["components"] = [{"name": c.name, "description": c.description} for c in record.components]
        if record.services:
            out["services"] = [_entry(s, SERVICE_TEXTS) for s in record.services]
        if record.figures:
            out["figures"] = [{"label": f.label, **({"unit": f.unit} if f.unit else {}),
                               **({"value": f.value} if isinstance(f.value, str) else {})} for f in record.figures]
        if record.organisations:
            out["organisations"] = [{"role": o.role} if o.role else {} for o in record.organisations]
    if isinstance(record, Network):
        for name in ("elements", "activities"):
            if getattr(record, name):
                out[name] = list(getattr(record, name))
    if isinstance(record, (Case, Network)) and record.period.note:
        out["period_note"] = record.period.note
    if isinstance(record, Checklist):
        out["steps"] = [_entry(s, STEP_TEXTS) for s in record.steps]
    if isinstance(record, Template):
        out["sections"] = [{"title": s.title, "prompt": s.prompt, **({"columns": list(s.columns)} if s.columns else {})}
                           for s in record.sections]
    return out


def last_changed(paths: Sequence[Path], root: Path) -> dict[Path, str]:
    """The date (YYYY-MM-DD) each file last changed: its last commit, or its modification time if it has
    uncommitted changes or no git history. Git is asked three times for all of them (the repository, its
    uncommitted files, the history of these files): asked twice a file, it took 18 ms each, 0.25 s of every
    `make check` and of every regeneration in `make serve` for the 14 originals translated."""
    dates = {path: dt.date.fromtimestamp(path.stat().st_mtime).isoformat() for path in paths}
    if not paths:
        return dates
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
        if top is None:
            return dates
        repository = Path(top.strip()).resolve()
        names = {path: path.resolve().relative_to(repository).as_posix() for path in paths}
        status = _git(repository, "status", "--porcelain", "--untracked-files=all", "--", *names.values())
        history = _git(repository, "-c", "core.quotepath=off", "log", "--format=\x01%cs", "--name-only", "--",
                       *names.values())
    except (OSError, subprocess.SubprocessError, ValueError):
        return dates
    if status is None or history is None:
        return dates
    uncommitted = {line[3:].strip() for line in status.splitlines() if line.strip()}
    committed: dict[str, str] = {}
    date = ""
    for line in history.splitlines():
        if line.startswith("\x01"):
            date = line[1:].strip()
        elif line.strip():
            committed.setdefault(line.strip(), date)  # the newest commit comes first
    for path, name in names.items():
        if name not in uncommitted and name in committed:
            dates[path] = committed[name]
    return dates


def _git(folder: Path, *arguments: str) -> str | None:
    """git's output, run in `folder`, or None when git fails."""
    done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, timeout=30)
    return done.stdout if done.returncode == 0 else None


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
    translations = list(translations)
    asked = {root / originals[(t.folder, t.translation_of)].doc.path for t in translations
             if (t.folder, t.translation_of) in originals}
    changed_on = last_changed(sorted(asked), root)  # each original once (14 for the 49 translations)
    for t in translations:
        key = (t.lang, t.folder, t.translation_of)
        original = originals.get((t.folder, t.translation_of))
        if original is None and t.translation_of in (existing or {}).get(t.folder, ()):
            continue  # the original has problems: it reports them
        if original is None:
            problems.append(Diagnostic(t.doc.path, t.doc.line(("translation_of",)), "translation_of",
                                       f"there is no {_folder_word(t.folder)} '{t.translation_of}' to translate",
                                       f"Check the id against the file names in content/{t.folder}/."))
            continue
        if key in seen:
            problems.append(Diagnostic(t.doc.path, 1, None, "this page is translated twice into the same language"))
        seen.add(key)
        problems.extend(translation_problems(t, original))
        changed = changed_on[root / original.doc.path]
        if changed > t.translated:
            outdated[key] = changed
            problems.append(Diagnostic(t.doc.path, t.doc.line(("translated",)), "translated",
                                       f"the original changed on {changed}, after this translation ({t.translated})",
                                       "Bring the translation up to date, then set translated: to today's date.",
                                       Severity.WARNING))
    return Checked(tuple(problems), outdated)


def check_failed(docs: Iterable[SourceDoc], records: Iterable[Record]) -> list[Diagnostic]:
    """Translations the schema refused, still checked against their originals where they can be read
    (so one run shows every problem of a file)."""
    originals = {(r.doc.folder, r.id): r for r in records}
    out: list[Diagnostic] = []
    fixed = ("translation_of", "lang", "translated", "translator", "title", "reviewed")
    for doc in docs:
        fm = doc.front_matter
        of = fm.get("translation_of")
        folder = doc.folder.rsplit("/", 1)[-1]
        original = originals.get((folder, of)) if isinstance(of, str) else None
        if original is None:
            continue
        t = Translation(of, str(fm.get("lang")), str(fm.get("translated")), str(fm.get("translator")),
                        str(fm.get("title")), doc.body, doc, {k: v for k, v in fm.items() if k not in fixed})
        out.extend(translation_problems(t, original))
    return out


def _folder_word(folder: str) -> str:
    return {"cases": "case", "guides": "guide", "networks": "network"}.get(folder, folder)


def translation_problems(t: Translation, original: Record) -> list[Diagnostic]:
    """Every way `t` does not fit its original: keys its kind has not, keys the original has not, counts,
    keys of entries, and the numbers of short fields."""
    kind = kind_of(original)
    allowed = KEYS_OF_KIND[kind]
    shape = translatable(original)
    out: list[Diagnostic] = []

    def problem(path: LinePath, message: str, hint: str) -> None:
        out.append(Diagnostic(t.doc.path, t.doc.line(path), field_name(path), message, hint))

    for name, given in t.texts.items():
        if name not in allowed:
            fits = [k for k, keys in KEYS_OF_KIND.items() if name in keys]
            problem((name,), f"'{name}' is not translated in a {kind}'s translation"
                             + (f" (only in a {' or '.join(fits)}'s)" if fits else ""),
                    f"Remove '{name}'; a {kind}'s translation may hold: title, {', '.join(allowed)}.")
        elif name not in shape:
            problem((name,), f"the original has no {name.replace('_', ' ')} to translate",
                    f"Remove '{name}', or check that translation_of names the right {kind}.")
        else:
            _compare(given, shape[name], (name,), name, problem)
    return out


def _compare(given: Any, source: Any, path: LinePath, field: str, problem: Any) -> None:
    """One translated value against the original's (`field`: 'list' or 'list.key', for the rules)."""
    if isinstance(source, list):
        if not isinstance(given, list):
            return  # the schema reports the type
        word = ENTRY_WORDS.get(str(path[-1]), "entry")
        if len(given) != len(source):
            problem(path, f"{len(given)} {_plural(word, len(given))} for {len(source)} in the original",
                    f"Give one entry per {word} of the original ({len(source)}), in the same order.")
        for i, (mine, theirs) in enumerate(zip(given, source)):
            _compare(mine, theirs, path + (i,), field, problem)
        return
    if isinstance(source, dict):
        if not isinstance(given, dict):
            return
        for key, value in given.items():
            if key not in source:
                has = ", ".join(source) or "nothing to translate"
                word = ENTRY_WORDS.get(str(path[-2]), "entry")
                if (word, key) == ("figure", "value"):
                    problem(path + (key,), "the original's figure has a number as its value: a number is never "
                                           "translated",
                            f"Remove '{key}': only a value the original writes as a text (e.g. 'more than 320') is "
                            f"translated. This entry of the original has {has}.")
                else:
                    problem(path + (key,), f"the original's {word} has no {key}",
                            f"Remove '{key}': this entry of the original has {has}.")
            else:
                _compare(value, source[key], path + (key,), f"{field}.{key}", problem)
        return
    if isinstance(given, str) and isinstance(source, str) and field in SHORT_FIELDS:
        mine, theirs = sorted(_NUMBER.findall(given)), sorted(_NUMBER.findall(source))
        if mine != theirs:
            problem(path, f"the numbers differ from the original's ({_numbers(mine)} for {_numbers(theirs)})",
                    f"Keep the original's numbers as they are ({_numbers(theirs)}): a number, year or count is a "
                    f"fact and is never translated. The original says: \"{source}\".")


def _plural(word: str, count: int) -> str:
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _numbers(numbers: Sequence[str]) -> str:
    return ", ".join(numbers) if numbers else "none"


# --- applying --------------------------------------------------------------------


def _t(value: Any) -> Any:
    """A translated value, marked as such (texts, and the texts in lists)."""
    if isinstance(value, str):
        return Translated(value)
    if isinstance(value, list):
        return tuple(_t(v) for v in value)
    return value


def _texts(t: Translation, name: str, original: tuple[str, ...]) -> tuple[str, ...]:
    """A translated list where it has one entry per entry of the original; else the original."""
    given = t.texts.get(name)
    return _t(list(given)) if isinstance(given, list) and len(given) == len(original) else original


def _entries(t: Translation, name: str, original: tuple[Any, ...]) -> list[Mapping[str, Any]] | None:
    given = t.texts.get(name)
    if not isinstance(given, list) or len(given) != len(original):
        return None
    return [e if isinstance(e, dict) else {} for e in given]


def _replaced(value: Any, entry: Mapping[str, Any], keys: Iterable[str]) -> Any:
    """`value` (a component, service, ...) with each of `keys` the entry translates (and the original has)."""
    changes = {}
    for key in keys:
        if key in entry and getattr(value, key) not in (None, ()):
            original = getattr(value, key)
            given = entry[key]
            if isinstance(original, tuple):
                if isinstance(given, list) and len(given) == len(original):
                    changes[key] = _t(given)
            elif isinstance(original, str) and isinstance(given, str):  # a number is never replaced
                changes[key] = _t(given)
    return dataclasses.replace(value, **changes) if changes else value


def _each(t: Translation, name: str, original: tuple[Any, ...], keys: Iterable[str]) -> tuple[Any, ...]:
    entries = _entries(t, name, original)
    if entries is None:
        return original
    return tuple(_replaced(value, entry, keys) for value, entry in zip(original, entries))


def translated(record: Record, t: Translation) -> Record:
    """`record` with the text `t` gives it (each text marked `Translated`); what `t` lacks stays the original's."""
    changes: dict[str, Any] = {"title": Translated(t.title), "body": Translated(t.body) if t.body.strip() else record.body}
    for name in TEXT_FIELDS:
        if isinstance(t.texts.get(name), str) and getattr(record, name, None):
            changes[name] = Translated(t.texts[name])
    changes["source_notes"] = _texts(t, "source_notes", record.source_notes)
    if isinstance(record, Case):
        for name in TEXT_LISTS:
            changes[name] = _texts(t, name, getattr(record, name))
        changes["components"] = _each(t, "components", record.components, ("name", "description"))
        changes["services"] = _each(t, "services", record.services, SERVICE_TEXTS)
        changes["figures"] = _each(t, "figures", record.figures, ("label", "unit", "value"))
        changes["organisations"] = _each(t, "organisations", record.organisations, ("role",))
    if isinstance(record, Network):
        for name in ("elements", "activities"):
            changes[name] = _texts(t, name, getattr(record, name))
    if isinstance(record, (Case, Network)) and record.period.note and isinstance(t.texts.get("period_note"), str):
        changes["period"] = dataclasses.replace(record.period, note=Translated(t.texts["period_note"]))
    if isinstance(record, Checklist):
        changes["steps"] = _each(t, "steps", record.steps, STEP_TEXTS)
    if isinstance(record, Template):
        changes["sections"] = _each(t, "sections", record.sections, ("title", "prompt", "columns"))
    return dataclasses.replace(record, **changes)


@dataclass(frozen=True, slots=True)
class Applied:
    records: list[Record]
    translated: set[str]
    """ids of the records translated (cases, networks and guides of every type)."""
    unreviewed: set[str]
    """ids of those whose translation is not reviewed yet (`reviewed: false`, or not said)."""


def apply_all(records: Sequence[Record], translations: Iterable[Translation], lang: str) -> Applied:
    """The records of one language: translated text where a translation exists, the original otherwise."""
    mine = {(t.folder, t.translation_of): t for t in translations if t.lang == lang}
    out: list[Record] = []
    done: set[str] = set()
    unreviewed: set[str] = set()
    for record in records:
        t = mine.get((record.doc.folder, record.id))
        if t is None:
            out.append(record)
            continue
        out.append(translated(record, t))
        done.add(record.id)
        if not t.reviewed:
            unreviewed.add(record.id)
    return Applied(out, done, unreviewed)


def apply(records: Sequence[Record], translations: Iterable[Translation], lang: str) -> tuple[list[Record], set[str]]:
    """As `apply_all`: the records and the ids translated."""
    applied = apply_all(records, translations, lang)
    return applied.records, applied.translated

