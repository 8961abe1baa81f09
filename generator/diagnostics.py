"""Problems found in content, collected (never raised) and reported in one go."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, with where it is and how to fix it."""

    path: Path
    line: int | None
    field: str | None
    """Dotted field path as an author reads it, e.g. `place.country` or `services[2].name`."""
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line or 0, self.field or "")


@dataclass(slots=True)
class Report:
    """Every diagnostic of a run, in the order found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)


def summary_line(report: Report, files: int) -> str:
    """'3 errors, 1 warning in 2 files' (or 'all N files valid')."""
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return f"all {files} files valid"
    bad_files = len({d.path for d in report.diagnostics})
    parts = [_plural(errors, "error")]
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"{', '.join(parts)} in {_plural(bad_files, 'file')} (of {files} checked)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}" if d.line else f"{d.path}"


def format_text(report: Report, files: int) -> str:
    """`path:line: field: message`, an indented `hint:` line, then the summary."""
    lines = []
    for d in report.sorted():
        prefix = "" if d.severity is Severity.ERROR else "warning: "
        where = f"{d.field}: " if d.field else ""
        lines.append(f"{_location(d)}: {prefix}{where}{d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines.append(summary_line(report, files))
    return "\n".join(lines)


def format_editor(report: Report, files: int) -> str:
    """One line per problem, its hint on the same line, for editors' problem matchers (VS Code's tasks.json):
    `path:line: field: message (hint: ...)`, then the summary."""
    lines = []
    for d in report.sorted():
        prefix = "" if d.severity is Severity.ERROR else "warning: "
        where = f"{d.field}: " if d.field else ""
        hint = f" (hint: {d.hint})" if d.hint else ""
        lines.append(f"{_location(d)}: {prefix}{where}{d.message}{hint}")
    lines.append(summary_line(report, files))
    return "\n".join(lines)


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report, files: int) -> str:
    """GitHub Actions workflow commands: one `::error file=…,line=…::…` per problem."""
    lines = []
    for d in report.sorted():
        props = [f"file={_github_property(str(d.path))}"]
        if d.line:
            props.append(f"line={d.line}")
        if d.field:
            props.append(f"title={_github_property(d.field)}")
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{d.severity.value} {','.join(props)}::{_github_escape(text)}")
    lines.append(summary_line(report, files))
    return "\n".join(lines)


def _cell(text: str | None) -> str:
    """Text for a Markdown table cell: no line breaks, pipes and HTML shown as text."""
    text = " ".join((text or "").split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def format_summary(report: Report, files: int) -> str:
    """A Markdown report of every problem (file, line, field, message, fix), for a CI job's step summary."""
    if not report.diagnostics:
        return f"### Content check: no problems\n\n{summary_line(report, files)}.\n"
    lines = [f"### Content check: {summary_line(report, files)}", "",
             "| file | line | field | problem | how to fix it |", "|---|---:|---|---|---|"]
    for d in report.sorted():
        problem = ("warning: " if d.severity is Severity.WARNING else "") + d.message
        lines.append(f"| `{_cell(str(d.path))}` | {d.line or ''} | {_cell(d.field)} | {_cell(problem)} | {_cell(d.hint)} |")
    return "\n".join(lines) + "\n"


def format_json(report: Report, files: int) -> str:
    """A JSON object with every diagnostic and the counts, for other tools."""
    payload = {
        "files": files,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "diagnostics": [
            {
                "path": str(d.path),
                "line": d.line,
                "field": d.field,
                "severity": d.severity.value,
                "message": d.message,
                "hint": d.hint,
            }
            for d in report.sorted()
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "editor": format_editor, "github": format_github, "json": format_json,
              "summary": format_summary}
