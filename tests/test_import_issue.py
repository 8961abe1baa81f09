"""GitHub's road: the issue form asks for a case's fields; `import-issue` turns an issue's body into the file and checks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cli
from generator.authoring.casefile import content_file
from generator.authoring.issueform import (
    QUESTIONS,
    TEMPLATE,
    answers,
    case_from_issue,
    issue_form,
)
from generator.content.load import load_file
from generator.content.schemas import SCHEMA_FOR
from generator.content.validate import content_type

ROOT = Path(__file__).resolve().parent.parent
ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"


def test_the_issue_form_is_generated_from_the_case_schema_and_up_to_date(schemas):
    assert (ROOT / TEMPLATE).read_text(encoding="utf-8") == issue_form(schemas), (
        f"{TEMPLATE} is out of date: run `python -m generator fieldref --write`")
    form = yaml.safe_load(issue_form(schemas))
    questions = {e["id"]: e for e in form["body"] if e["type"] != "markdown"}
    assert questions["kind"]["attributes"]["options"][0] == "City programme (city-programme)"
    assert questions["sectors"]["attributes"]["multiple"] is True
    assert questions["title"]["validations"] == {"required": True}
    assert set(q.id for q in QUESTIONS) <= set(questions)
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels))  # an answer is found by its question's label


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "content" / "cases").mkdir(parents=True)
    return root


def _import(root: Path, issue: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), "import-issue", str(ISSUES / issue)])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_issue_becomes_a_case_file_the_checker_accepts(tmp_path, capsys):
    root = _project(tmp_path)
    code, out, err = _import(root, "tartu.md", capsys)
    assert (code, err) == (0, ""), out + err
    assert out.splitlines()[0] == "wrote content/cases/tartu-start-up-boosting.md"
    assert out.splitlines()[-1] == "all 1 files valid"
    doc, problems = load_file(root / "content/cases/tartu-start-up-boosting.md", "cases", Path("x.md"))
    assert problems == []
    front = dict(doc.front_matter)
    assert front["place"] == {"scope": "local", "city": "Tartu", "country": "EE",
                              "coordinates": {"lat": 58.3806, "lon": 26.7251}}  # the town's point, from GeoNames
    assert front["sectors"] == ["digital", "business-services"] and front["themes"] == ["startups"]
    assert front["period"] == {"start": 2019, "ongoing": True}
    assert front["components"][0] == {"name": "Mentoring", "transferable": True,
                                       "description": "Each start-up gets a mentor from a local firm for a year."}
    assert front["organisations"][1] == {"name": "Tartu Science Park", "role": "partner"}
    assert front["sources"] == [{"document": "000_b996351083f02d1b.txt", "section": "Introduction"}]
    assert front["status"] == "review" and "challenge" not in front  # "_No response_" is no answer
    assert list(front)[:4] == ["id", "title", "status", "kind"]  # the schema's order
    assert doc.body.startswith("## How it works\n\nTartu gives each start-up a mentor")

    code, out, err = _import(root, "tartu.md", capsys)  # the same proposal again: the page is not overwritten
    assert code == 1 and "already exists" in err


def test_problems_in_an_issue_are_reported_in_the_checkers_words(tmp_path, capsys):
    root = _project(tmp_path)
    code, out, _ = _import(root, "problems.md", capsys)
    assert code == 1
    assert 'place.country: "Estonia" is not a two-letter country code' in out
    assert "hint: Did you mean EE?" in out
    assert "summary: is too short: 19 characters, at least 40 needed" in out
    assert 'sources[0].url: "www.tartu.ee/startups" is not in the expected form' in out
    assert "period.start: 19 is below the minimum of 1000" in out
    assert (root / "content/cases/tartu-start-up-boosting.md").exists()  # written, so it can be fixed in place


def test_an_issues_text_stays_text_in_the_file(tmp_path, capsys):
    """Quotes, colons, '#', '---' and YAML's 'yes' land in the front matter as written; a script in the story is refused."""
    root = _project(tmp_path)
    code, out, _ = _import(root, "hostile.md", capsys)
    doc, problems = load_file(root / "content/cases/tartu-hostile.md", "cases", Path("x.md"))
    assert problems == [] and doc is not None
    front = dict(doc.front_matter)
    assert front["title"] == 'Tartu: "start-ups" # boosting & more'
    assert front["place"]["region"] == "yes" and front["status"] == "review"
    assert front["components"][0]["name"] == "---" and front["components"][0]["description"] == "id: evil\\nstatus: published"
    assert "\nstatus: published\n" in doc.body  # the story's '---' lines stay in the body
    assert code == 1 and "<script>" in out


def test_answers_are_read_by_their_questions_labels():
    found = answers("### Title\r\n\r\nA title\r\n\r\n### Region\n\n_No response_\n\n### Results\n\n- one\n- two\n")
    assert found == {"Title": "A title", "Region": "", "Results": "- one\n- two"}


def test_an_issue_not_made_with_the_form_says_which_questions_it_lacks(schemas):
    imported = case_from_issue("### Title\n\nSomething\n", schemas)
    assert "Kind of practice" in imported.missing and imported.front_matter["id"] == "something"


def test_every_content_file_written_again_holds_the_same_data(schemas, tmp_path):
    for path in sorted((ROOT / "content").rglob("*.md")):
        folder = path.parent.relative_to(ROOT / "content").as_posix()
        doc, _ = load_file(path, folder, path)
        out = tmp_path / path.name
        out.write_text(content_file(doc.front_matter, doc.body, schemas.bundled(SCHEMA_FOR[content_type(doc)])),
                       encoding="utf-8")
        again, problems = load_file(out, folder, out)
        assert problems == [] and dict(again.front_matter) == dict(doc.front_matter), path.name
        assert again.body.strip() == doc.body.strip()


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=200), st.lists(st.text(min_size=1, max_size=40), max_size=4))
def test_any_text_comes_back_as_written(schemas, tmp_path_factory, text, items):
    front = {"id": "x", "title": text, "themes": items, "place": {"city": text.strip() or "x"}}
    out = tmp_path_factory.mktemp("any") / "x.md"
    out.write_text(content_file(front, "Body.", schemas.bundled("case.schema.json")), encoding="utf-8")
    doc, problems = load_file(out, "cases", out)
    if problems:  # what the loader refuses whatever writes it: control characters, a lone surrogate
        assert any(c in text + "".join(items) for c in "\x00\ufeff\ufffe\uffff") or not text.isprintable()
        return
    expected = {k: v for k, v in front.items() if v not in ([], "")}
    assert dict(doc.front_matter) == expected
