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


def _problems(write_tree, text: str):
    from generator import pipeline

    root = write_tree({"content/cases/valid-case.md": text})
    return pipeline.check(pipeline.Project(root)).report.errors


def test_an_unclosed_quote_is_reported_on_its_own_line_in_plain_words(write_tree):
    from tests.conftest import case_text

    text = case_text().replace("title: A valid practice", 'title: "A valid practice')
    (problem,) = _problems(write_tree, text)
    assert problem.line == 3 and problem.message == "a quote opened on this line is never closed"
    assert "YAML" not in problem.message and "scalar" not in problem.message


def test_a_list_where_a_text_belongs_is_said_in_words(write_tree):
    from tests.conftest import case_text

    text = case_text().replace("summary: A practice that passes validation, used as the base of the tests' "
                               "variations.", "summary: [one, two]")
    (problem,) = _problems(write_tree, text)
    assert problem.field == "summary" and problem.message == "must be a text, not a list"
    assert "[" not in problem.message


def test_a_wrong_date_gives_one_message(write_tree):
    from tests.conftest import case_text

    (problem,) = _problems(write_tree, case_text().replace("last_reviewed: 2026-11-23", "last_reviewed: 23-11-2026"))
    assert problem.field == "last_reviewed" and "YYYY-MM-DD" in (problem.hint or "")


def test_the_editor_format_keeps_the_hint_for_the_vscode_problem_matcher():
    import json
    import re
    from pathlib import Path

    from generator.diagnostics import Diagnostic, Report, format_editor

    tasks = json.loads((Path(__file__).resolve().parent.parent / ".vscode" / "tasks.json").read_text())
    (task,) = tasks["tasks"]
    assert "--format editor" in task["command"]
    pattern = re.compile(task["problemMatcher"]["pattern"][0]["regexp"])
    report = Report([Diagnostic(Path("content/cases/x.md"), 4, "kind", "'citi' is not a known kind", "Did you mean 'city'?")])
    match = pattern.match(format_editor(report, 1).splitlines()[0])
    assert match and match.group(1) == "content/cases/x.md" and match.group(2) == "4"
    assert match.group(4) == "kind: 'citi' is not a known kind (hint: Did you mean 'city'?)"


def test_the_step_summary_lists_every_problem_as_a_table_with_text_shown_as_text():
    from pathlib import Path

    from generator.diagnostics import Diagnostic, Report, format_summary

    report = Report([Diagnostic(Path("content/cases/a.md"), 3, "title", "a | b <img src=x onerror=alert(1)>", "Fix\nit"),
                     Diagnostic(Path("content/cases/b.md"), None, None, "empty file")])
    text = format_summary(report, 5)
    assert text.startswith("### Content check: 2 errors in 2 files (of 5 checked)")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows[0] == "| `content/cases/a.md` | 3 | title | a \\| b &lt;img src=x onerror=alert(1)&gt; | Fix it |"
    assert rows[1].startswith("| `content/cases/b.md` |  |  | empty file |")
