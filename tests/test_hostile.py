"""Issue #18's probes (tests/payloads.py): each is refused with file and line, or printed as text, and nothing
of it runs on the published portal."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator import pipeline
from generator.cli import main
from generator.content import safety
from generator.output.audit import audit_document
from generator.types import SourceDoc
from tests import payloads
from tests.conftest import case_text
from tests.hostile import PNG, bad_project, body_case, check_refused


def _body_start() -> int:
    """The line of the first body line in case_text() + a body."""
    return case_text().split("\n").index("last_reviewed: 2026-11-23") + 6  # after "---", a blank, "Body.", a blank


BODY_START = _body_start()


def _doc(body: str) -> SourceDoc:
    return SourceDoc(Path("content/cases/x.md"), "cases", {}, "Intro line.\n\n" + body + "\n", 10, {})


def _page(fragment: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body><article>{fragment}</article></body></html>"


# --- bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(payloads.BODIES) + sorted(payloads.CONTROL_BODIES))
def test_every_hostile_body_is_refused_at_its_line(name):
    body = {**payloads.BODIES, **payloads.CONTROL_BODIES}[name]
    problems = safety.body_problems(_doc(body), None)
    assert problems, name
    assert all(p.path == Path("content/cases/x.md") and p.field == "body" and p.hint for p in problems)
    first_line = 12  # the payload's first line (the body starts at 10 with an intro and a blank line)
    assert {p.line for p in problems} <= set(range(first_line, first_line + body.count("\n") + 1)), problems


@pytest.mark.parametrize("name", sorted(payloads.BODIES))
def test_the_published_form_of_every_hostile_body_runs_nothing(name):
    published = safety.publish_body(payloads.BODIES[name], lambda url: url)
    html = "".join(block for block in published if isinstance(block, str))
    assert list(audit_document(_page(html), frozenset(), None)) == []
    assert "onerror" not in html and "javascript:" not in html.lower() and "__config" not in html
    headings = [block for block in published if isinstance(block, safety.Heading)]
    assert all(h.id is not None and safety.ID_RULE.match(h.id) for h in headings)


@pytest.mark.parametrize("name", sorted(payloads.BODIES))
def test_the_audit_catches_every_hostile_body_rendered_as_written(name):
    """Were a body published as Python-Markdown renders it (no sanitiser), the audit would refuse the page."""
    rendered = safety.render_markdown(payloads.BODIES[name])
    found = list(audit_document(_page(rendered), frozenset(), None))
    if name == "theme-id":  # breaks the theme's scripts rather than running one: the check's business
        assert 'id="__config"' in rendered
    else:
        assert found, rendered


@pytest.mark.parametrize("name", sorted(payloads.SLIPPED_IN))
def test_the_audit_refuses_raw_html_slipped_into_a_page(name):
    assert list(audit_document(_page(payloads.SLIPPED_IN[name]), frozenset(), None))


def test_a_body_is_refused_end_to_end_with_the_previous_site_kept(tmp_path, capsys):
    root = bad_project(tmp_path, body_case("\nSome text.\n\n" + payloads.BODIES["comment-opened-and-closed"] + "\n"))
    lines = check_refused(root, capsys)
    assert f"content/cases/valid-case.md:{BODY_START + 2}: body: the attribute onerror= on <img> is not allowed " \
           "(it runs a script)" in lines


# --- front matter ---------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def test_front_matter_texts_print_as_text_in_every_context(mini_project):
    """Titles, component names, figure labels, services, organisations, a network's programme and members'
    names: in headings, table cells and lists, each prints as the text it is, and adds no attribute."""
    texts = list(payloads.FRONT_MATTER_TEXTS.values())
    case = case_text(**{
        "title: A valid practice": f"title: {_quoted(texts[0])}",
        "last_reviewed: 2026-11-23": "\n".join([
            "components:", f"  - name: {_quoted(texts[1])}", f"    description: {_quoted(texts[2] + ' is a description')}",
            "figures:", f"  - label: {_quoted(texts[3])}", "    value: 3", f"    unit: {_quoted(texts[4])}",
            "    source: {document: 000_b996351083f02d1b.txt, section: Introduction}",
            "organisations:", f"  - name: {_quoted(texts[4])}", f"    role: {_quoted(texts[0])}",
            "services:", f"  - {{number: 1, name: {_quoted(texts[0])}, status: new}}",
            "last_reviewed: 2026-11-23"]),
    })
    (mini_project / "content" / "cases" / "valid-case.md").write_text(case, encoding="utf-8")
    network = mini_project / "content" / "networks" / "test-network.md"
    network.write_text(network.read_text(encoding="utf-8")
                       .replace("programme: URBACT III", f"programme: {_quoted(texts[0])}")
                       .replace("practices: [bilbao-as-fabrik]", "practices: [bilbao-as-fabrik, valid-case]")
                       .replace("{name: Timișoara,", f"{{name: {_quoted(texts[1])},"), encoding="utf-8")
    generated = pipeline.build(pipeline.Project(mini_project), pdf=False, languages=["en"])
    assert generated.checked.report.ok, [d.message for d in generated.checked.report.errors]
    # the finder's and the map's search text (a script file): the same texts as data, closing no script
    script = (mini_project / "site" / "assets" / "finder-text.js").read_text(encoding="utf-8")
    assert "</" not in script and script.startswith("window.PORTAL_FINDER_TEXT = {") and script.endswith("};\n")
    searched = json.loads(script.removeprefix("window.PORTAL_FINDER_TEXT = ").rstrip().removesuffix(";"))
    assert all(value in searched["valid-case"] for value in (texts[1], texts[4]))
    for page_path in ("cases/valid-case/index.html", "networks/test-network/index.html", "cases/index.html"):
        page = LexborHTMLParser((mini_project / "site" / page_path).read_text(encoding="utf-8"))
        content = page.css_first("article")
        assert content is not None
        for element in content.traverse(include_text=False):
            assert not any(name.startswith(("on", "autofocus", "tabindex")) for name in element.attributes), element.html
        if page_path.startswith("cases/valid-case"):
            heading = content.css_first("h1")
            assert heading is not None and heading.text(deep=False).strip() == texts[0]
            text = content.text(deep=True)
            for value in texts:
                assert value in text, value


@pytest.mark.parametrize("name", sorted(payloads.FRONT_MATTER_CONTROLS))
def test_control_characters_in_front_matter_are_refused(tmp_path, schemas, name):
    from generator.content.load import load_file
    from generator.content.validate import validate_doc

    path = tmp_path / "valid-case.md"
    path.write_text(case_text(**{"title: A valid practice": f"title: {payloads.FRONT_MATTER_CONTROLS[name]}"}))
    doc, found = load_file(path, "cases", Path("content/cases/valid-case.md"))
    assert doc is not None and not found
    problems = validate_doc(doc, schemas)
    assert any(p.line == 3 and p.field == "title" and "control character" in p.message for p in problems), problems


def test_a_line_break_in_a_one_line_field_is_refused(tmp_path, schemas):
    from generator.content.load import load_file
    from generator.content.validate import validate_doc

    path = tmp_path / "valid-case.md"
    path.write_text(case_text(**{"city: Tartu": 'city: "Tartu\\n# injected"'}))
    doc, _ = load_file(path, "cases", Path("content/cases/valid-case.md"))
    problems = validate_doc(doc, schemas)
    assert [(p.line, p.field) for p in problems if "line break" in p.message] == [(9, "place.city")]


# --- URL fields --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(payloads.URLS))
def test_url_fields_must_be_web_addresses(name):
    assert safety.web_url_problem(payloads.URLS[name]) is not None


@pytest.mark.parametrize("name", sorted(payloads.DOIS))
def test_dois_must_be_dois(name):
    assert safety.doi_problem(payloads.DOIS[name]) is not None


def test_plain_web_addresses_and_dois_pass():
    assert safety.web_url_problem("https://example.org/a_(b)/c?d=e&f=%20#g") is None
    assert safety.doi_problem("10.1002/(SICI)1097-0266(199904)20:4<317::AID-SMJ28>3.0.CO;2-3") is None


def test_a_url_payload_is_refused_with_its_field_and_line(tmp_path, capsys):
    url = payloads.URLS["link-after-parenthesis"]
    text = case_text(**{"last_reviewed: 2026-11-23": f"links:\n  - title: Site\n    url: \"{url}\"\nlast_reviewed: 2026-11-23"})
    lines = check_refused(bad_project(tmp_path, text), capsys)
    links_line = case_text().split("\n").index("last_reviewed: 2026-11-23") + 3  # the url, in the links put there
    assert any(line.startswith(f"content/cases/valid-case.md:{links_line}: links[0].url: ") and "cannot hold" in line
               for line in lines), lines


def test_urls_print_percent_encoded_into_markdown():
    from generator.site.environment import _link

    assert str(_link("Report (2020)", "https://example.org/a_(b)")) == "[Report (2020)](https://example.org/a_%28b%29)"


# --- media ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(payloads.MEDIA))
def test_media_of_a_type_that_can_run_is_refused(tmp_path, name):
    from generator.content.media import load_media

    (tmp_path / "content" / "media").mkdir(parents=True)
    (tmp_path / "content" / "media" / name).write_bytes(payloads.MEDIA[name])
    (tmp_path / "content" / "media" / "ok.png").write_bytes(PNG)
    files, problems = load_media(tmp_path / "content", tmp_path)
    assert [m.path for m in files] == ["media/ok.png"]
    assert [str(p.path) for p in problems] == [f"content/media/{name}"]


def test_a_linked_media_folder_and_a_git_folder_are_refused(tmp_path):
    from generator.content.media import load_media

    outside = tmp_path / "outside"
    (outside / ".git").mkdir(parents=True)
    (outside / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "media").symlink_to(outside)
    files, problems = load_media(tmp_path / "content", tmp_path)
    assert files == () and [p.message for p in problems] == [
        "content/media must be a folder (it is a symbolic link or a file)"]
    (tmp_path / "content" / "media").unlink()
    os.rename(outside, tmp_path / "content" / "media")
    files, problems = load_media(tmp_path / "content", tmp_path)
    assert files == () and [p.message for p in problems] == ["hidden folders may not be in content/media/"]


# --- reserved ids and paths -----------------------------------------------------------------------


@pytest.mark.parametrize("folder,given", [("cases", "index"), ("networks", "index"), ("guides", "index"),
                                          ("guides", "plan-bilbao-as-fabrik"), ("guides", "workshop-pack"),
                                          ("guides", "practice-cards")])
def test_ids_the_portal_uses_itself_are_refused(folder, given):
    assert safety.reserved_id_problem(folder, given) is not None


def test_ordinary_ids_are_free():
    assert safety.reserved_id_problem("cases", "plan-a-city") is None  # a case's page is cases/plan-a-city/
    assert safety.reserved_id_problem("guides", "planning-a-transfer") is None


def test_a_reserved_case_id_is_refused_with_its_line(tmp_path, capsys):
    root = bad_project(tmp_path, case_text("index"), name="index.md")
    lines = check_refused(root, capsys)
    assert any(line.startswith("content/cases/index.md:2: id: the id 'index' is taken") for line in lines), lines


def test_two_outputs_on_one_path_are_refused(tmp_path):
    from generator.output.write import write_site
    from generator.types import RenderedPage

    with pytest.raises(ValueError, match="two outputs would be written to cases/index.md"):
        write_site([RenderedPage("cases/index.md", "a"), RenderedPage("cases/index.md", "b")], tmp_path)


# --- what the loader skips -------------------------------------------------------------------------


def test_files_the_loader_skips_are_reported(tmp_path):
    from generator.content.load import unread_files

    content = tmp_path / "content"
    (content / "cases" / "sub").mkdir(parents=True)
    (content / "cases" / "upper.MD").write_text("x")
    (content / "cases" / "notes.txt").write_text("x")
    (content / "cases" / "sub" / "hidden.md").write_text("x")
    (content / "stray.md").write_text("x")
    shown = {str(d.path): d.message for d in unread_files(content, tmp_path)}
    assert set(shown) == {"content/cases/sub", "content/cases/upper.MD", "content/cases/notes.txt",
                          "content/stray.md"}
    assert "lower case" in shown["content/cases/upper.MD"]


# --- bounded work ------------------------------------------------------------------------------------


def test_a_raw_html_image_of_the_media_folder_passes_the_check_and_the_link_check(tmp_path, capsys):
    root = bad_project(tmp_path, body_case('\n<img src="../media/plan.png" alt="Plan">\n\n![plan](../media/plan.png)\n'))
    (root / "content" / "media").mkdir()
    (root / "content" / "media" / "plan.png").write_bytes(PNG)
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0, capsys.readouterr().err
    page = (root / "site" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert page.count('src="../../media/plan.png"') == 2


# --- smaller ------------------------------------------------------------------------------------------


def test_csv_cells_that_start_a_formula_are_prefixed():
    from generator.site.opendata import _spreadsheet_safe

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert _spreadsheet_safe(start + "SUM(A1)") == "'" + start + "SUM(A1)"
    assert _spreadsheet_safe("Bilbao") == "Bilbao"


def test_cases_csv_keeps_a_carriage_return_inside_its_field(write_tree):
    from generator.content.schemas import load_schemas
    from generator.site.model import build_model
    from generator.site.opendata import cases_csv

    root = write_tree({"content/cases/valid-case.md": case_text()})
    checked = pipeline.check(pipeline.Project(root))
    case = checked.model.cases[0]
    tricky = dataclasses.replace(case, summary="First line\r=HYPERLINK(\"https://evil.example\")\ttab", title="\tTabbed")
    model = build_model([tricky], load_schemas(root / "schemas").vocabularies).model
    rows = list(csv.reader(io.StringIO(cases_csv(model), newline="")))
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1]))
    assert record["summary"].startswith("First line\r=HYPERLINK")
    assert record["title"] == "'\tTabbed"


def test_a_service_without_a_description_builds(write_tree):
    text = case_text(**{"last_reviewed: 2026-11-23": "services:\n  - {number: 1, name: Coaching, status: new}\n"
                                                     "last_reviewed: 2026-11-23"})
    root = write_tree({"content/cases/valid-case.md": text})
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en"])
    assert generated.checked.report.ok
    page = (root / "site" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert 'id="service-1"' in page and 'href="#service-1"' in page
