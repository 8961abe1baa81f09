"""The built portal as a visitor uses it: served on localhost, driven in Debian's Chromium (the `portal` and
`chromium` fixtures are in conftest.py, shared with test_accessibility.py: one build for both)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from pypdf import PdfReader

from generator.site.diagrams import map_layout
from tests.browser_support import axe_violations, watched_page
from tests.pdf_support import assert_accessible_pdf

pytestmark = [pytest.mark.build, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def page(chromium):
    with watched_page(chromium) as visited:
        yield visited


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#finder-results > li:not([hidden])", "els => els.map(e => e.dataset.id)")


def test_finder_narrows_by_country_and_theme_and_the_url_round_trips(portal, page):
    url, _, model = portal
    page.goto(url + "finder/")
    assert len(_visible_ids(page)) == len(model.cases)
    page.check('input[name="country"][value="ES"]')
    page.check('input[name="theme"][value="strategy"]')
    expected = sorted(c.id for c in model.cases
                      if c.place.country == "ES" and "strategy" in c.themes)
    assert expected and sorted(_visible_ids(page)) == expected
    query = parse_qs(urlparse(page.url).query)
    assert query == {"country": ["ES"], "theme": ["strategy"]}
    assert page.inner_text("#finder-status") == f"{len(expected)} practices of {len(model.cases)}"
    # the count beside a value says how many results choosing it would give
    count = page.inner_text('input[name="sector"][value="leather"] ~ .count')
    assert int(count) == sum(1 for c in model.cases if c.place.country == "ES" and "strategy" in c.themes and "leather" in c.sectors)

    page.goto(page.url)  # a shared link restores the same state
    assert page.is_checked('input[name="country"][value="ES"]')
    assert sorted(_visible_ids(page)) == expected
    page.goto(url + "finder/#finder-status")  # a link to a place on the page keeps it as the choices change
    page.check('input[name="country"][value="ES"]')
    assert urlparse(page.url).fragment == "finder-status" and parse_qs(urlparse(page.url).query) == {"country": ["ES"]}


def test_finder_text_query_ignores_accents(portal, page):
    url, _, _ = portal
    page.goto(url + "finder/?q=pole%20vehicule")
    visible = _visible_ids(page)
    assert "pole-vehicule-du-futur" in visible and "bilbao-as-fabrik" not in visible
    assert page.input_value("#finder-q") == "pole vehicule"


@pytest.mark.parametrize("path", ["finder/", "map/"])
def test_finder_and_map_text_query_searches_organisations_from_the_shared_text_file(portal, page, path):
    """"Ekintza" is in no title or place: it is found through finder-text.js (an organisation's name)."""
    from generator.site.opendata import search_text

    url, _, model = portal
    page.goto(url + path + "?q=ekintza")
    expected = sorted(c.id for c in model.cases if "ekintza" in (search_text(c) + c.title).casefold())
    assert "bilbao-as-fabrik" in expected and not any("ekintza" in c.title.casefold() for c in model.cases)
    ids = page.eval_on_selector_all("[data-id]:not([hidden])", "els => [...new Set(els.map(e => e.dataset.id))]")
    assert sorted(ids) == expected


def test_finder_without_javascript_lists_every_case(portal, chromium):
    url, _, model = portal
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "finder/")
    assert page.locator("#finder-results > li").count() == len(model.cases)
    assert page.is_hidden("#finder-form")
    context.close()


def _search(page, words: str) -> list[str]:
    """Open the header's search dialog, type `words`, return the result links (Pagefind's interface)."""
    page.click(".portal-search-open", timeout=5000)
    page.fill(".pagefind-ui__search-input", words, timeout=10000)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10000)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")


def test_site_search_finds_igualada_and_fetches_only_chunks(portal, page):
    url, _, _ = portal
    page.goto(url + "cases/bilbao-as-fabrik/")
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    links = _search(page, "Igualada")
    assert url + "cases/igualada-leather-cluster/" in links
    assert not any("/es/" in link for link in links)  # the English index only
    index_files = [u for u in fetched if "/pagefind/index/" in u]
    assert 1 <= len(index_files) < len(list((portal[1] / "pagefind" / "index").glob("en_*")))
    assert not any(u.endswith("search_index.json") for u in fetched)  # no whole-site index
    assert all(u.startswith(url) for u in fetched)


def test_the_notes_on_untranslated_practices_are_left_out_of_the_search(portal, page):
    """An English practice page holds a hidden note in each language it is not translated into ("...non è ancora
    stata tradotta..."): a search for those words finds no page."""
    url, site, _ = portal
    assert "tradotta" in (site / "cases" / "bilbao-as-fabrik" / "index.html").read_text(encoding="utf-8")
    page.goto(url + "cases/bilbao-as-fabrik/")
    page.click(".portal-search-open", timeout=5000)
    page.fill(".pagefind-ui__search-input", "tradotta", timeout=10000)
    page.wait_for_selector(".pagefind-ui__message:has-text('tradotta')", timeout=10000)
    assert page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)") == []


@pytest.mark.parametrize("start", ["cases/bilbao-as-fabrik/", "es/"])
def test_a_mistyped_search_suggests_the_nearest_place_and_following_it_finds_the_practice(portal, page, start):
    url, _, _ = portal
    page.goto(url + start)
    page.click(".portal-search-open", timeout=5000)
    page.fill(".pagefind-ui__search-input", "Igulada", timeout=10000)
    page.wait_for_selector(".portal-search__suggestion", timeout=10000)
    assert page.eval_on_selector_all(".portal-search__suggestion", "els => els.map(e => e.textContent)")[0] == "Igualada"
    lead = {"cases/bilbao-as-fabrik/": "Did you mean:", "es/": "Quizá quiso decir:"}[start]
    assert page.inner_text(".portal-search__hint").startswith(lead)
    page.click(".portal-search__suggestion >> nth=0")
    practice = url + ("es/" if start == "es/" else "") + "cases/igualada-leather-cluster/"
    page.wait_for_function("href => [...document.querySelectorAll('.pagefind-ui__result-link')]"
                           ".some(a => a.href === href)", arg=practice, timeout=10000)
    assert page.input_value(".pagefind-ui__search-input") == "Igualada"
    page.wait_for_selector(".portal-search__hint", state="hidden", timeout=10000)  # a known word: nothing to suggest


def test_search_opens_with_the_slash_key_and_links_work_without_javascript(portal, page, chromium):
    url, _, _ = portal
    page.goto(url + "guides/")
    page.keyboard.press("/")
    page.wait_for_selector(".pagefind-ui__search-input", timeout=10000)
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type("cluster")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10000)
    violations = axe_violations(page)  # the open dialog with its results
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('dialog.portal-search').open")
    context = chromium.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(url + "guides/")
    plain.click(".portal-search-open")
    assert plain.url == url + "finder/"
    context.close()


def test_map_has_a_marker_per_placed_case_with_working_links(portal, page):
    url, _, model = portal
    placed = map_layout(model.cases).markers
    page.goto(url + "map/")
    markers = page.locator("svg.portal-map a.marker")
    assert markers.count() == len(placed) >= 20
    assert sorted(page.eval_on_selector_all("a.marker", "els => els.map(e => e.dataset.case)")) == sorted(
        m.cases[0].id for m in placed)
    target = page.locator('a.marker[data-case="igualada-leather-cluster"]')
    target.click()
    page.wait_for_url("**/cases/igualada-leather-cluster/")
    assert "Igualada" in page.inner_text("h1")


def test_comparison_shows_both_cases(portal, page):
    url, _, model = portal
    page.goto(url + "compare/?ids=bilbao-as-fabrik&ids=igualada-leather-cluster")
    headers = page.eval_on_selector_all(".compare-table thead th", "els => els.map(e => e.innerText)")
    assert headers == [model.case_by_id["bilbao-as-fabrik"].title, model.case_by_id["igualada-leather-cluster"].title]
    assert "Bilbao, Basque Country, Spain" in page.inner_text(".compare-table")
    page.select_option(".compare-pickers select >> nth=2", "liverpool-city-region-lcr-4-0")
    assert parse_qs(urlparse(page.url).query)["ids"][2] == "liverpool-city-region-lcr-4-0"


def test_printing_a_checklist_gives_a4_pages_with_every_step(portal, page):
    url, site, model = portal
    checklist = next(c for c in model.checklists if c.id == "checklist-cluster-strategy-igualada")
    page.goto(url + f"guides/{checklist.id}/")
    page.emulate_media(media="print")
    assert page.is_hidden(".md-header") and page.is_hidden(".md-sidebar--primary")
    for pdf in (page.pdf(format="A4"), (site / "pdf" / f"{checklist.id}.pdf").read_bytes()):
        reader = PdfReader(io.BytesIO(pdf))
        # A4 is 595.3 x 841.9 points; Chromium rounds it to whole pixels
        assert all(abs(float(p.mediabox.width) - 595.3) < 1.5 and abs(float(p.mediabox.height) - 841.9) < 1.5
                   for p in reader.pages)
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        for number, step in enumerate(checklist.steps, 1):
            assert f"{number}. {' '.join(step.title.split())}" in text
        assert "Good Practice Transfer Portal" in text


def test_every_checklist_has_its_pdf_and_every_plan_prints_from_its_page_and_has_a_word_file(portal, chromium):
    url, site, model = portal
    from docx import Document

    for checklist in model.checklists:
        pdf = PdfReader(site / "pdf" / f"{checklist.id}.pdf")
        assert (site / "pdf" / f"{checklist.id}.pdf").stat().st_size > 5000
        assert "/MarkInfo" in pdf.trailer["/Root"] and pdf.trailer["/Root"]["/Lang"] == "en"  # tagged, with its language
    assert not list((site / "pdf").glob("plan-*.pdf"))  # pre-printed plans are the offline kit's
    page = chromium.new_page()
    page.goto(url + "plans/?case=bilbao-as-fabrik", wait_until="networkidle")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text() for p in printed.pages).split())
    assert "Partnership Brokering (transferable element)" in text
    assert "Find practices" not in text  # printed without the site around it
    plan = Document(str(site / "downloads" / "plan-bilbao-as-fabrik.docx"))
    text = "\n".join(p.text for p in plan.paragraphs)
    assert "☐ Partnership Brokering (transferable element)" in text
    assert "Actions" in text


def test_every_pdf_is_tagged_with_its_language_title_and_outline(portal):
    _, site, _ = portal
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    assert {"workshop-pack.pdf", "practice-cards.pdf", "transfer-plan-template.pdf"} <= {p.name for p in pdfs}
    for pdf in pdfs:  # the pack too, joined from the checklists' PDFs
        assert_accessible_pdf(pdf, "en")


@pytest.mark.parametrize("path", ["", "finder/", "map/", "cases/bilbao-as-fabrik/", "networks/clustem/", "contribute/"])
def test_no_request_leaves_the_host(portal, chromium, path):
    url, _, _ = portal
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + path, wait_until="networkidle")
    context.close()
    assert requests
    foreign = [r for r in requests if not r.startswith(url) and not r.startswith("data:")]
    assert foreign == []


@pytest.mark.parametrize("path", ["", "finder/", "cases/bilbao-as-fabrik/", "guides/checklist-cluster-strategy-igualada/"])
def test_accessibility_no_serious_or_critical_violations(portal, page, path):
    url, _, _ = portal
    page.goto(url + path)
    violations = axe_violations(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


PROFILES = [
    {"country": "ES", "size": "medium", "sector": ["textiles", "fashion"], "theme": ["digitisation"]},
    {"theme": ["startups", "skills"], "body": "city"},
    {"country": "FR", "sector": ["health"], "theme": ["crisis-response", "supply-chain"]},
    {"size": "small", "sector": ["leather"], "body": "cluster"},
    {},
]


def _profile_query(profile) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, values in profile.items() for v in (values if isinstance(values, list) else [values])])


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: _profile_query(p) or "empty")
def test_match_page_ranks_as_the_command_line_does(portal, page, profile):
    from generator.site.matching import Profile, rank

    url, _, model = portal
    page.goto(url + "match/?" + _profile_query(profile))
    shown = page.eval_on_selector_all("#match-results > li", "els => els.map(e => [e.dataset.id, +e.dataset.score])")
    expected = rank(model, Profile(country=profile.get("country"), size=profile.get("size"),
                                   sectors=tuple(profile.get("sector", ())), themes=tuple(profile.get("theme", ())),
                                   body=profile.get("body")))
    assert shown == [[m.id, m.score] for m in expected]
    first_reasons = page.eval_on_selector_all("#match-results > li:first-child > ul > li", "els => els.map(e => e.innerText)")
    assert first_reasons == list(expected[0].reasons)


def test_match_form_updates_the_url_and_reloading_restores_it(portal, page):
    url, _, _ = portal
    page.goto(url + "match/")
    page.select_option("#match-country", "ES")
    page.check('input[name="size"][value="small"]')
    page.check('input[name="sector"][value="textiles"]')
    page.check('input[name="theme"][value="digitisation"]')
    assert parse_qs(urlparse(page.url).query) == {"country": ["ES"], "size": ["small"], "sector": ["textiles"],
                                                  "theme": ["digitisation"]}
    reasons = page.inner_text("#match-results > li:first-child")
    assert "shares your sector: Textiles" in reasons
    assert page.locator("#match-results > li:first-child a.match-plan").get_attribute("href").startswith("../plans/")
    page.reload()
    assert page.input_value("#match-country") == "ES"
    assert page.is_checked('input[name="sector"][value="textiles"]')
    assert page.inner_text("#match-results > li:first-child") == reasons


def test_match_page_without_javascript_points_to_the_finder(portal, chromium):
    url, _, _ = portal
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "match/")
    assert "needs JavaScript" in page.inner_text("article")
    assert page.locator('noscript a[href="../finder/"], a[href="../finder/"]').count() >= 1
    context.close()


def test_plan_page_is_prefilled_from_the_practice(portal, page):
    url, _, model = portal
    case = model.case_by_id["otir2020-tuscany-fashion-cluster"]
    page.goto(url + f"cases/{case.id}/")
    page.click("text=Open the transfer plan pre-filled from this practice")
    page.wait_for_url(f"**/plans/?case={case.id}")
    assert page.inner_text("h1").rstrip("¶") == f"Transfer plan: {case.title}"
    assert page.inner_text("#plan-place") == "Prato, Tuscany, Italy"
    boxes = page.eval_on_selector_all("#plan-components li", "els => els.map(e => e.innerText.trim())")
    assert boxes == [c.name + (" (transferable element)" if c.transferable else "") for c in case.components]
    assert page.locator("#plan-downloads a[href$='plan-otir2020-tuscany-fashion-cluster.docx']").count() == 1


def test_language_switch_leads_to_the_spanish_page_and_back(portal, page):
    url, _, _ = portal
    page.goto(url + "cases/bilbao-as-fabrik/")
    page.click('.lang-switch a[hreflang="es"]')
    page.wait_for_url("**/es/cases/bilbao-as-fabrik/")
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("h1").startswith("AS-FABRIK: el programa")
    page.click('.lang-switch a[hreflang="en"]')
    page.wait_for_url(url + "cases/bilbao-as-fabrik/")
    assert page.get_attribute("html", "lang") == "en"


def test_finder_and_search_work_in_the_spanish_site(portal, page):
    url, _, model = portal
    page.goto(url + "es/finder/?country=ES")
    visible = page.eval_on_selector_all("#finder-results > li:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert sorted(visible) == sorted(c.id for c in model.cases_by["country"]["ES"])
    page.goto(url + "es/")
    links = _search(page, "Igualada")
    assert url + "es/cases/igualada-leather-cluster/" in links
    assert "resultado" in page.inner_text(".pagefind-ui__message")  # Pagefind's interface in Spanish


def test_accessibility_of_a_spanish_page(portal, page):
    url, _, _ = portal
    page.goto(url + "es/cases/igualada-leather-cluster/")
    violations = axe_violations(page)
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []


def test_without_a_repository_the_contribution_page_says_why_it_does_not_propose(portal, page):
    """The real mkdocs.yml names no repo_url: download and copy, no GitHub button, no edit links to GitHub."""
    url, _, _ = portal
    page.goto(url + "contribute/")
    assert page.get_by_role("button", name="Download the file").is_visible()
    assert page.get_by_role("button", name="Propose on GitHub").count() == 0
    assert "name no GitHub repository" in page.inner_text("article")
    page.goto(url + "cases/bilbao-as-fabrik/")
    assert page.get_by_role("link", name="Suggest an edit").count() == 0
    assert page.get_by_role("link", name="Change it in the contribution form").get_attribute("href") == \
        "../../contribute/?edit=cases/bilbao-as-fabrik"
    page.goto(url + "es/")  # every language has the page, in its tabs
    page.get_by_role("link", name=re.compile("^Contribu")).first.click()
    assert page.url == url + "es/contribute/"
