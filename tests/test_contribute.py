"""The contribution page as an author uses it: a small portal with a repository, served on localhost, in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from generator import pipeline
from generator.content.load import load_file
from generator.content.validate import validate_doc
from generator.types import SourceDoc
from tests.browser_support import axe_violations, browser, require_chromium, serve
from tests.conftest import MINI, ROOT, make_project

pytestmark = [pytest.mark.build, pytest.mark.browser]
REPO = "https://github.com/example/portal"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The mini content with `repo_url` set, built in English and Spanish and served on localhost."""
    require_chromium()
    root = tmp_path_factory.mktemp("contribute") / "project"
    shutil.copytree(MINI / "content", root / "content")
    make_project(root, {})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("# repo_url: https://github.com/<owner>/<name>",
                                                                  f"repo_url: {REPO}"), encoding="utf-8")
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es"])
    assert generated.checked.report.ok, generated.checked.report.diagnostics
    with serve(root / "site") as url:
        yield url, root


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture
def page(chromium, portal):
    url, _ = portal
    context = chromium.new_context(accept_downloads=True)
    context.route(re.compile(r"^https://github\.com/"), lambda route: route.fulfill(status=200, body="GitHub"))
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    assert errors == [], errors
    assert all(r.startswith(url) or r.startswith(("blob:", "data:")) for r in requests), requests


def label(text: str) -> re.Pattern[str]:
    """A field's accessible name: its label, with the '*' of a required field."""
    return re.compile(rf"^{re.escape(text)}\*?$")


def _fill_tartu(page, url: str = "") -> None:
    """A new practice, filled in by its labels as an author would."""
    page.get_by_label(label("Id (page address)")).fill("tartu-start-up-boosting")
    page.get_by_label(label("Title")).first.fill("Tartu start-up boosting")
    page.get_by_label(label("Kind of practice")).select_option(label="City programme")
    page.get_by_label(label("Summary")).fill("Tartu's city programme helps young firms grow with mentoring, space and contacts.")
    page.get_by_label(label("Reach")).select_option(label="local")
    page.get_by_label(label("City")).first.fill("Tartu")
    page.get_by_label(label("Country")).first.select_option(label="Estonia")
    page.locator("[id^='root_place_coordinates']").get_by_role("button", name="Add these details").or_(
        page.locator("button[id^='root_place_coordinates']")).first.click()
    page.get_by_label(label("Latitude")).fill("58.3806")  # a named town needs its point on the map (GeoNames)
    page.get_by_label(label("Longitude")).fill("26.7251")
    sectors = page.get_by_role("group", name=label("Sectors"))
    sectors.get_by_label("Digital and ICT").check()
    sectors.get_by_label("Knowledge-intensive business services").check()
    page.get_by_role("group", name=label("Themes")).get_by_label("Start-ups and entrepreneurship").check()
    sources = page.locator("#root_sources")
    sources.get_by_role("button", name="Add").click()
    sources.get_by_label(label("Source document")).select_option(
        label="URBACT AS-TRANSFER: partnership brokering (network meeting, January 2022)")
    sources.get_by_label(label("Section")).fill("Introduction")
    body = page.get_by_label(label("The page's text (Markdown)"))
    body.fill(body.input_value() + "Tartu gives each start-up a mentor for a year.\n")


def _download(page, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the file").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return target


def _check_tree(write_tree, name: str, text: str):
    root = write_tree({f"content/cases/{name}": text})
    return pipeline.check(pipeline.Project(root)).report


def test_a_new_practice_filled_in_by_its_labels_downloads_a_file_the_checker_accepts(portal, page, tmp_path, write_tree):
    url, _ = portal
    page.goto(url + "contribute/")
    _fill_tartu(page)
    page.get_by_role("button", name="Check the form").click()
    assert page.inner_text("#contribute-summary") == "No problems found: the file is ready."
    saved = _download(page, tmp_path)
    assert saved.name == "tartu-start-up-boosting.md"
    text = saved.read_text(encoding="utf-8")
    assert text == page.input_value("#contribute-file")
    assert page.inner_text("#contribute-path") == "content/cases/tartu-start-up-boosting.md"

    report = _check_tree(write_tree, saved.name, text)
    assert report.diagnostics == []
    # the project's order and style: the schema's order, lists in brackets, long texts folded, the scaffold's heading
    assert re.match(r"---\nid: tartu-start-up-boosting\ntitle: Tartu start-up boosting\nstatus: review\nkind: city-programme\n"
                    r"summary: >-\n  Tartu's city programme", text), text
    assert "\nsectors: [digital, business-services]\nthemes: [startups]\n" in text
    assert "\nplace:\n  scope: local\n  city: Tartu\n  country: EE\n  coordinates:" in text
    assert text.endswith("---\n\n## How it works\n\nTartu gives each start-up a mentor for a year.\n")


def test_a_wrong_value_is_marked_next_to_its_field_in_the_checkers_words(portal, page, tmp_path, write_tree):
    url, _ = portal
    page.goto(url + "contribute/")
    _fill_tartu(page)
    sources = page.locator("#root_sources")
    sources.get_by_label(label("Section")).fill("")
    sources.get_by_label(label("Title")).fill("Tartu city programme page")
    sources.get_by_label(label("Web address")).fill("www.tartu.ee/startups")
    page.get_by_role("button", name="Check the form").click()
    assert page.inner_text("#contribute-summary") == "1 problem: it is marked next to its field."
    assert page.evaluate("document.activeElement.id") == "root_sources_0_url"  # the first problem gets the focus

    [cli] = _check_tree(write_tree, "tartu-start-up-boosting.md", _download(page, tmp_path).read_text("utf-8")).errors
    assert cli.field == "sources[0].url"
    beside = page.locator("#root_sources_0_url__error .contribute-problem")
    assert beside.locator("strong").inner_text() == cli.message == '"www.tartu.ee/startups" is not in the expected form'
    assert beside.locator(".contribute-hint").inner_text() == f"Hint: {cli.hint}"
    # the field names the problem for assistive technology too
    described = page.get_attribute("#root_sources_0_url", "aria-describedby")
    assert "root_sources_0_url__error" in described.split()


MUTATIONS = [
    ("case", {"title": "AB"}),
    ("case", {"summary": "x" * 901}),
    ("case", {"status": "finished"}),
    ("case", {"kind": "city program"}),
    ("case", {"colour": "blue"}),
    ("case", {"place": {"scope": "local", "city": "Tartu", "country": "Estonia"}}),
    ("case", {"place": {"scope": "local", "city": "Tartu"}}),
    ("case", {"sectors": [], "themes": ["skills", "skills"]}),
    ("case", {"period": {"start": 17, "end": 2200, "ongoing": "yes"}}),
    ("case", {"last_reviewed": "2026-02-30"}),
    ("case", {"last_reviewed": "23/11/2026"}),
    ("case", {"sources": [{"document": "000_b996351083f02d1b.txt"}]}),
    ("case", {"featured": "yes", "challenge": "FILL IN the challenge, please, with care"}),
    ("case", {"figures": [{"label": "x", "value": [3], "source": {"title": "A report", "url": "https://x.example"}}]}),
    ("case", {"id": "Tartu Start-ups", "place": {"scope": "local", "city": "Tartu", "country": "EE",
                                                 "coordinates": {"lat": "58"}, "countries": ["LV", "Latvia"]}}),
    ("case", {"components": [{"name": "Mentoring"}], "related": 5, "title": None}),
    ("network", {"members": [{"name": "Tartu", "country": "XX", "role": "boss"}], "practices": ["a"]}),
    ("guide", {"themes": ["skills", "Skills"], "reading_list": [{"authors": "A", "title": "T", "doi": "11.2/x"}]}),
]


def _valid(kind: str) -> dict:
    folder = {"case": "cases", "network": "networks", "guide": "guides"}[kind]
    name = {"case": "bilbao-as-fabrik", "network": "test-network", "guide": "test-guide"}[kind]
    doc, _ = load_file(MINI / "content" / folder / f"{name}.md", folder, Path(f"content/{folder}/{name}.md"))
    return dict(doc.front_matter)


def test_the_form_words_every_problem_as_the_checker_does(portal, page, schemas):
    """One table of messages, two readers: for each broken front matter, the same fields and words."""
    url, _ = portal
    page.goto(url + "contribute/")
    compared = 0
    for kind, change in MUTATIONS:
        front = {**_valid(kind), **change}
        folder = {"case": "cases", "network": "networks", "guide": "guides"}[kind]
        stem = front["id"] if isinstance(front.get("id"), str) else "x"
        doc = SourceDoc(Path(f"content/{folder}/{stem}.md"), folder, front, "", 1, {})
        cli = sorted((d.field, d.message, d.hint if d.hint and not d.hint.startswith("Did you mean") else None)
                     for d in validate_doc(doc, schemas))
        browser_found = page.evaluate("([kind, front]) => PortalContribute.problems(kind, front)", [kind, front])
        hints = {(p["field"], p["message"]): p["hint"] for p in browser_found}
        shown = sorted((f, m, hints[(f, m)] if h is not None else None) for f, m, h in cli)
        assert sorted((p["field"], p["message"]) for p in browser_found) == [(f, m) for f, m, _ in cli], change
        assert shown == cli, change
        compared += len(cli)
    assert compared > 30


@pytest.mark.parametrize("folder", ["cases", "networks", "guides"])
def test_every_page_opened_in_the_form_comes_back_as_the_same_data(portal, page, tmp_path, folder):
    url, _ = portal
    page.goto(url + "contribute/")
    files = [p for p in sorted((ROOT / "content" / folder).glob("*.md"))
             if load_file(p, folder, p)[0].front_matter.get("type") in (None, "guide")]
    assert files
    for path in files:
        original, _ = load_file(path, folder, path)
        page.set_input_files("#contribute-open", str(path))
        page.wait_for_function("name => document.getElementById('contribute-status').textContent.startsWith(name)",
                               arg=path.name)
        out = tmp_path / path.name
        out.write_text(page.input_value("#contribute-file"), encoding="utf-8")
        again, problems = load_file(out, folder, out)
        assert problems == [] and again is not None, (path.name, problems)
        assert dict(again.front_matter) == dict(original.front_matter), path.name
        assert again.body.strip() == original.body.strip(), path.name
        assert page.inner_text("#contribute-path") == f"content/{folder}/{path.name}"


def test_a_page_opens_in_the_form_from_its_own_suggest_an_edit_links(portal, page):
    url, root = portal
    page.goto(url + "cases/bilbao-as-fabrik/")
    edit = page.get_by_role("link", name="Suggest an edit")
    assert edit.get_attribute("href") == f"{REPO}/edit/main/content/cases/bilbao-as-fabrik.md"
    page.get_by_role("link", name="Change it in the contribution form").click()
    page.wait_for_url(url + "contribute/?edit=cases/bilbao-as-fabrik")
    page.wait_for_function("document.getElementById('contribute-status').textContent.includes('is loaded')")
    assert page.get_by_label(label("Id (page address)")).input_value() == "bilbao-as-fabrik"
    original, _ = load_file(root / "content/cases/bilbao-as-fabrik.md", "cases", Path("x.md"))
    assert original.body.strip() in page.input_value("#contribute-file")
    # proposing a changed page: the file is copied and GitHub's edit page of that file opens
    page.get_by_label(label("Title")).first.fill("AS-FABRIK: Bilbao's programme")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Propose on GitHub").click()
    assert opened.value.url == f"{REPO}/edit/main/content/cases/bilbao-as-fabrik.md"
    assert "edit page" in page.inner_text("#contribute-status")


def test_propose_opens_githubs_new_file_page_with_the_file_or_copies_a_long_one(portal, page):
    url, _ = portal
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url + "contribute/")
    _fill_tartu(page)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Propose on GitHub").click()
    address = urlparse(opened.value.url)
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO}/new/main"
    query = parse_qs(address.query)
    assert query == {"filename": ["content/cases/tartu-start-up-boosting.md"], "value": [page.input_value("#contribute-file")]}

    body = page.get_by_label(label("The page's text (Markdown)"))
    body.fill(body.input_value() + "A long story. " * 800)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Propose on GitHub").click()
    assert parse_qs(urlparse(opened.value.url).query) == {"filename": ["content/cases/tartu-start-up-boosting.md"]}
    assert "too long" in page.inner_text("#contribute-status")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#contribute-file")

    page.get_by_label(label("Id (page address)")).fill("bilbao-as-fabrik")  # a new page never goes over another one
    page.get_by_role("button", name="Propose on GitHub").click()
    assert "is in the portal already" in page.inner_text("#contribute-status")
    assert len(page.context.pages) == 3  # this page and the two GitHub tabs opened above


def test_the_draft_survives_a_reload_leaving_warns_and_a_draft_file_round_trips(portal, page, tmp_path):
    url, _ = portal
    untouched = page.context.new_page()
    untouched.goto(url + "contribute/")
    asked: list[str] = []
    untouched.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    untouched.close(run_before_unload=True)
    untouched.wait_for_event("close")
    assert asked == []  # nothing typed, nothing to warn about
    page.goto(url + "contribute/")
    _fill_tartu(page)
    before = page.input_value("#contribute-file")
    page.reload()
    assert page.input_value("#contribute-file") == before
    assert "was restored" in page.inner_text("#contribute-status")

    page.get_by_label(label("City")).first.fill("Tartu linn")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and not page.is_closed()  # the author chose to stay

    again = page.context.new_page()
    again.goto(url + "contribute/")
    with again.expect_download() as download:
        again.get_by_role("button", name="Export the draft").click()
    draft = tmp_path / download.value.suggested_filename
    download.value.save_as(draft)
    again.evaluate("localStorage.clear()")
    again.on("dialog", lambda dialog: dialog.accept())
    again.get_by_role("button", name="Start a new page").click()
    assert again.get_by_label(label("City")).first.input_value() == ""
    again.set_input_files("#contribute-open", str(draft))
    again.wait_for_function("document.getElementById('contribute-status').textContent.includes('is loaded')")
    assert again.get_by_label(label("City")).first.input_value() == "Tartu linn"


def test_every_field_shows_its_label_a_line_of_help_and_an_example(portal, page):
    url, _ = portal
    page.goto(url + "contribute/")
    page.set_input_files("#contribute-open", str(ROOT / "content/cases/bilbao-as-fabrik.md"))  # most fields filled
    page.wait_for_function("document.getElementById('contribute-status').textContent.includes('is loaded')")
    missing = page.evaluate("""() => {
      // each field: a text, a pick list, boxes to tick, or a list of values (its entries share its help)
      const fields = Array.from(document.querySelectorAll('#contribute-form .form-group')).map(group =>
        group.querySelector(':scope > input:not([type=hidden]), :scope > select, :scope > textarea, :scope .checkboxes,'
                            + ' :scope > fieldset.rjsf-field-array-of-string, :scope > fieldset.rjsf-field-array-of-object'))
        .filter(field => field && !field.closest('.rjsf-field-array-of-string .rjsf-array-item'));
      return fields.filter(field => {
        const id = field.id, group = field.closest('.form-group');
        const named = group.querySelector(':scope label, :scope legend');
        const help = document.getElementById(id + '__description'), example = document.getElementById(id + '__help');
        const needsExample = !field.matches('.rjsf-field-array-of-object');  // a list of groups: its fields have them
        return !(named && named.textContent.trim() && help && help.textContent.trim()
                 && (!needsExample || (example && example.textContent.startsWith('Example: '))));
      }).map(field => field.id);
    }""")
    assert missing == []
    assert page.locator("#contribute-form .form-group").count() > 40


def test_the_form_has_no_accessibility_violation_empty_or_with_problems_shown(portal, page):
    url, _ = portal
    page.goto(url + "contribute/")
    empty = axe_violations(page)
    page.get_by_role("button", name="Check the form").click()
    assert page.locator(".contribute-problem").count() >= 5
    shown = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in empty + shown] == []


def test_a_keyboard_alone_completes_the_form(portal, page, tmp_path, write_tree):
    """Tab to each field, type, pick with the arrow keys, tick with Space, download with Enter."""
    url, _ = portal
    page.goto(url + "contribute/")
    keys = page.keyboard

    def tab_to(name: str, back: bool = False) -> None:
        for _ in range(200):
            keys.press("Shift+Tab" if back else "Tab")
            if page.evaluate("() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
                             " return (e.getAttribute('aria-label') || (l ? l.textContent : e.textContent) || '').trim(); }"
                             ).rstrip("*") == name:
                return
        raise AssertionError(f"no field {name!r} reached with Tab")

    tab_to("Id (page address)")
    keys.type("tartu-start-up-boosting")
    tab_to("Title")
    keys.type("Tartu start-up boosting")
    tab_to("Kind of practice")
    keys.type("City programme")
    tab_to("Summary")
    keys.type("Tartu's city programme helps young firms grow with mentoring, space and contacts.")
    tab_to("Reach")
    keys.type("local")
    tab_to("City")
    keys.type("Tartu")
    tab_to("Country")
    keys.type("Estonia")
    tab_to("Add these details")  # the map position: a named town needs its point
    while not (page.evaluate("document.activeElement.id") or "").startswith("root_place_coordinates"):
        tab_to("Add these details")
    keys.press("Enter")
    tab_to("Latitude")
    keys.type("58.3806")
    tab_to("Longitude")
    keys.type("26.7251")
    for sector in ("Digital and ICT", "Knowledge-intensive business services"):
        tab_to(sector)
        keys.press("Space")
    tab_to("Start-ups and entrepreneurship")
    keys.press("Space")
    tab_to("Add")  # the first Add after the themes: the sources
    while page.evaluate("document.activeElement.id") != "root_sources__add":
        tab_to("Add")
    keys.press("Enter")
    tab_to("Source document", back=True)
    keys.type("URBACT")
    tab_to("Section")
    keys.type("Introduction")
    tab_to("Download the file")
    with page.expect_download() as download:
        keys.press("Enter")
    saved = tmp_path / "keyboard.md"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "kind: city-programme" in text and "country: EE" in text and "document: 000_b996351083f02d1b.txt" in text
    assert _check_tree(write_tree, "tartu-start-up-boosting.md", text).diagnostics == []


def test_the_spanish_page_labels_fields_and_choices_in_spanish(portal, page):
    from generator import i18n

    url, _ = portal
    page.goto(url + "es/contribute/")
    spanish = i18n.translations("es").gettext
    assert page.get_by_label(label(spanish("Kind of practice"))).count() == 1
    options = page.get_by_label(label(spanish("Kind of practice"))).locator("option").all_inner_texts()
    assert spanish("City programme") in options and "City programme" not in options
    assert page.get_by_label(label(spanish("Country"))).first.locator("option", has_text="Estonia").count() == 1
