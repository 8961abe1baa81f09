import json
from pathlib import Path

import pytest

from generator.diagnostics import (
    Diagnostic,
    Report,
    Severity,
    format_github,
    format_json,
    format_text,
)


@pytest.fixture
def report():
    r = Report()
    r.add(Diagnostic(Path("content/cases/b.md"), 9, "place.country", '"Spain" is not a two-letter country code', "Did you mean ES?"))
    r.add(Diagnostic(Path("content/cases/a.md"), 3, "kind", "unknown: a, b"))
    r.add(Diagnostic(Path("content/cases/a.md"), 5, "related[0]", "not published", severity=Severity.WARNING))
    return r


def test_text_format(report):
    assert format_text(report, 4).splitlines() == [
        "content/cases/a.md:3: kind: unknown: a, b",
        "content/cases/a.md:5: warning: related[0]: not published",
        'content/cases/b.md:9: place.country: "Spain" is not a two-letter country code',
        "    hint: Did you mean ES?",
        "2 errors, 1 warning in 2 files (of 4 checked)",
    ]


def test_github_format_escapes_properties(report):
    lines = format_github(report, 4).splitlines()
    assert lines[0] == "::error file=content/cases/a.md,line=3,title=kind::unknown: a, b"
    assert lines[1].startswith("::warning file=content/cases/a.md,line=5,title=related[0]::")
    assert lines[2] == ('::error file=content/cases/b.md,line=9,title=place.country::'
                        '"Spain" is not a two-letter country code (hint: Did you mean ES?)')


def test_json_format(report):
    data = json.loads(format_json(report, 4))
    assert (data["files"], data["errors"], data["warnings"]) == (4, 2, 1)
    assert data["diagnostics"][2] == {
        "path": "content/cases/b.md", "line": 9, "field": "place.country", "severity": "error",
        "message": '"Spain" is not a two-letter country code', "hint": "Did you mean ES?",
    }


def test_clean_report_summary():
    assert format_text(Report(), 7) == "all 7 files valid"
