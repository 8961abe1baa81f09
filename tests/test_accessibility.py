"""Every visitor: each page type passes axe in both colour schemes and two languages, fits a phone's screen with
targets a finger can hit, and shows where the keyboard focus is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser_support import axe_violations

pytestmark = [pytest.mark.build, pytest.mark.browser]

SHOTS = Path(os.environ.get("PORTAL_SHOTS", "/tmp/shots-a11y"))
"""Where the phone-size screenshots go (to look at; nothing compares them)."""
PHONE = {"width": 375, "height": 812}
SCHEMES = ("light", "dark")

PAGES = {
    "home": "",
    "case": "cases/bilbao-as-fabrik/",
    "finder-filtered": "finder/?theme=strategy&country=ES",
    "finder-empty": "finder/?country=IT&theme=strategy&q=xyzzy",
    "match": "match/?country=ES&size=medium&sector=textiles&theme=digitisation",
    "map": "map/",
    "compare": "compare/?ids=bilbao-as-fabrik&ids=igualada-leather-cluster&ids=ateval-valencia-textile-cluster",
    "plans": "plans/",
    "plans-case": "plans/?case=bilbao-as-fabrik",
    "plans-unknown": "plans/?case=does-not-exist",
    "network": "networks/clustem/",
    "guide": "guides/cluster-strategy/",
    "checklist": "guides/checklist-cluster-strategy-igualada/",
    "theme": "themes/strategy/",
    "cases": "cases/",
    "themes": "themes/",
    "networks": "networks/",
    "guides": "guides/",
    "404": "404.html",
}
"""One address of each page type (relative to a language's root)."""

WIDTH_AND_TARGETS = """() => {
  const vw = document.documentElement.clientWidth;
  const interactive = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], ' +
    '[tabindex]:not([tabindex="-1"])';
  const own = el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("");
  // WCAG 2.5.8's inline exception: a link laid out inline within a sentence, i.e. its block holds words
  // that belong to no target.
  const inSentence = el => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest(interactive) && /\\p{L}{2,}/u.test(n.textContent)) return true;
    }
    return false;
  };
  // A control's target takes in its label (a click there works it).
  const area = el => {
    const rects = [el.getBoundingClientRect()];
    if (el.labels) for (const l of el.labels) rects.push(l.getBoundingClientRect());
    const r = rects.filter(r => r.width && r.height);
    if (!r.length) return rects[0];
    const left = Math.min(...r.map(x => x.left)), top = Math.min(...r.map(x => x.top));
    return {left, top, width: Math.max(...r.map(x => x.right)) - left, height: Math.max(...r.map(x => x.bottom)) - top};
  };
  const href = el => el.getAttribute("href") && new URL(el.getAttribute("href"), location.href).href;
  const targets = [];
  for (const el of document.querySelectorAll(interactive)) {
    const box = el.getBoundingClientRect();
    if (!el.checkVisibility({visibilityProperty: true}) || box.width < 2 || box.height < 2) continue;
    if (box.right <= 0 || box.left >= vw) continue;  // off-canvas (Material's closed drawer, its skip link)
    if (el.closest(".visually-hidden")) continue;
    const r = area(el);
    targets.push({el, r, big: r.width >= 23.5 && r.height >= 23.5});
  }
  // WCAG 2.5.8's equivalent exception: another control on the page, large enough, goes to the same address.
  const offered = new Set(targets.filter(t => t.big && href(t.el)).map(t => href(t.el)));
  const small = targets.filter(t => !t.big && !inSentence(t.el) && !(href(t.el) && offered.has(href(t.el))))
    .map(({el, r}) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className.baseVal ?? el.className).split(" ")[0] : ""}` +
      ` "${(el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"` +
      ` ${Math.round(r.width)}x${Math.round(r.height)}`);
  return {width: document.documentElement.scrollWidth, viewport: vw, small};
}"""
"""The page's width against the screen's, and the visible targets under 24x24 CSS pixels."""

FOCUS_RING = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const ring = s.boxShadow && s.boxShadow !== "none";
  return {what: `${el.tagName.toLowerCase()}[name=${el.name || ""}]${el.id ? "#" + el.id : ""}`, visible: outline || !!ring};
}"""
"""Whether the focused element shows a ring: an outline at least 2px wide, or a box-shadow."""


def _address(url: str, lang: str, path: str) -> str:
    return url + ("" if lang == "en" else f"{lang}/") + path


@pytest.fixture
def visit(portal, chromium):
    """visit(path, lang, scheme, viewport) -> a page opened there, its console errors collected; closed after."""
    url = portal[0]
    opened: list[tuple[object, list[str]]] = []

    def open_page(path: str, lang: str = "en", scheme: str = "light", viewport: dict | None = None):
        context = chromium.new_context(color_scheme=scheme, viewport=viewport or {"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(_address(url, lang, path))
        opened.append((context, errors))
        return page, errors

    yield open_page
    for context, _ in opened:
        context.close()


def _violations(page) -> list[tuple[str, str, list]]:
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in axe_violations(page)]


def _scheme_shown(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(PAGES))
def test_on_a_phone_every_page_type_passes_axe_fits_the_screen_and_has_24px_targets(visit, name, lang, scheme):
    """At 375x812, in both schemes and two languages: no axe violation of any impact, no page wider than the
    screen, no visible target under 24x24px but those WCAG 2.5.8 exempts (inline in a sentence, or another
    control on the page goes to the same address). Leaves a screenshot of each in SHOTS, to look at."""
    page, errors = visit(PAGES[name], lang, scheme, PHONE)
    page.wait_for_load_state("load")
    assert _scheme_shown(page) == ("slate" if scheme == "dark" else "default")
    measured = page.evaluate(WIDTH_AND_TARGETS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{lang}-{scheme}.png"), full_page=True)
    assert measured["width"] <= measured["viewport"], f"{measured['width']}px wide on a {measured['viewport']}px screen"
    assert measured["small"] == []
    assert _violations(page) == []
    assert errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_at_desktop_width_every_page_type_passes_axe(visit, name, scheme):
    """The wide layout (header tabs, sidebars) in both schemes; its words are the same in every language, which
    the phone test checks in two (axe takes seconds a page, so not every pair twice)."""
    page, errors = visit(PAGES[name], "en", scheme)
    page.wait_for_load_state("load")
    assert _violations(page) == []
    assert errors == []


def _tab_through(page, selector: str, limit: int = 200) -> list[dict]:
    """Tab from the top of the page until the focus leaves `selector`'s element; each stop's ring."""
    page.locator(selector).evaluate("el => { el.tabIndex = -1; el.focus(); el.removeAttribute('tabindex'); }")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if not page.evaluate("s => !!document.activeElement.closest(s)", selector):
            break
        stops.append(page.evaluate(FOCUS_RING))
    return stops


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path, form", [("finder/", "#finder-form"), ("match/", "#match-form")])
def test_each_control_of_the_finder_and_match_shows_where_the_focus_is(visit, path, form, scheme):
    page, _ = visit(path, scheme=scheme)
    stops = _tab_through(page, form)
    kinds = {stop["what"].split("[")[0] for stop in stops}
    assert {"input", "button"} <= kinds and len(stops) > 20
    assert [stop["what"] for stop in stops if not stop["visible"]] == []


def test_the_period_fields_have_a_visible_border(visit):
    page, _ = visit("finder/")
    for name in ("from", "to"):
        style = page.locator(f'input[name="{name}"]').evaluate(
            "el => [getComputedStyle(el).borderTopStyle, parseFloat(getComputedStyle(el).borderTopWidth)]")
        assert style[0] != "none" and style[1] >= 1


def test_a_finder_without_results_offers_to_drop_each_filter_or_all(visit):
    page, _ = visit("finder/?country=IT&theme=strategy&q=xyzzy")
    none = page.locator("#finder-none")
    assert none.is_visible()
    buttons = none.locator("button").all_inner_texts()
    assert len(buttons) == 4  # country, theme, the text, and clear all
    assert any("Country" in b for b in buttons) and buttons[-1] == "Clear all filters"
    none.locator("button", has_text="Clear all filters").click()
    assert not none.is_visible()
    assert page.locator("#finder-results > li:not([hidden])").count() == page.locator("#finder-results > li").count()


def test_on_a_phone_the_finder_folds_its_filters_and_shows_results_first(visit):
    page, _ = visit("finder/?theme=strategy", viewport=PHONE)
    facets = page.locator(".finder-facets")
    assert facets.evaluate("el => el.open") is False
    assert "(1)" in facets.locator("summary").inner_text()
    first = page.locator("#finder-results > li:not([hidden])").first
    assert first.bounding_box()["y"] < PHONE["height"]  # on the first screen
    facets.locator("summary").click()
    assert page.locator('input[name="theme"][value="strategy"]').is_checked()


def test_compare_says_what_it_left_out_and_offers_no_practice_twice(visit):
    ids = "ids=bilbao-as-fabrik&ids=bilbao-as-fabrik&ids=does-not-exist&ids=igualada-leather-cluster" \
          "&ids=ateval-valencia-textile-cluster&ids=techtera"
    page, _ = visit("compare/?" + ids)
    status = page.locator(".compare-status")
    assert status.get_attribute("role") == "status"
    page.wait_for_function("document.querySelector('.compare-status').textContent.length > 0")
    text = status.inner_text()
    assert "does-not-exist" in text and "chosen twice" in text and "(1)" in text
    assert page.locator(".compare-table thead th").count() == 3
    second = page.locator(".compare-pickers select").nth(1)
    assert second.locator('option[value="bilbao-as-fabrik"]').is_disabled()  # chosen in the first list
    assert not second.locator('option[value="techtera"]').is_disabled()


@pytest.mark.parametrize("lang, words", [("en", "No practice has the address"), ("es", "Ninguna práctica")])
def test_a_plan_for_an_unknown_practice_says_so_and_offers_the_list(visit, lang, words):
    page, _ = visit("plans/?case=does-not-exist", lang)
    missing = page.locator("#plan-missing")
    assert missing.is_visible() and words in missing.inner_text() and "does-not-exist" in missing.inner_text()
    assert missing.locator("a").get_attribute("href").endswith("cases/")
    assert page.locator("#plan-choice").is_visible()


@pytest.mark.parametrize("lang, heading, found", [("en", "Page not found", "/cases/igualada-leather-cluster/"),
                                                  ("es", "Página no encontrada", "/es/cases/igualada-leather-cluster/")])
def test_the_404_page_speaks_the_language_and_its_search_works(visit, portal, lang, heading, found):
    page, errors = visit("404.html", lang)
    assert page.locator("h1").inner_text() == heading
    page.locator("[data-portal-search-open]").click()
    page.locator("#portal-search input").fill("Igualada")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    assert portal[0].rstrip("/") + found in links
    assert errors == []


def test_the_scheme_toggle_switches_to_dark_and_is_remembered(visit):
    page, _ = visit("")
    assert _scheme_shown(page) == "default"
    page.locator('label[for="__palette_1"]').click()
    assert _scheme_shown(page) == "slate"
    page.reload()
    assert _scheme_shown(page) == "slate"
    assert page.locator('label[for="__palette_0"]').get_attribute("title") == "Switch to the light scheme"


def test_the_scheme_toggle_is_named_in_the_language(visit):
    page, _ = visit("", "es")
    assert page.locator('label[for="__palette_1"]').get_attribute("title") == "Cambiar al esquema oscuro"


def test_on_a_phone_the_network_diagram_is_two_lists_with_the_names_in_full(visit, portal):
    page, _ = visit("networks/clustem/", viewport=PHONE)
    assert not page.locator(".network-diagram").is_visible()
    names = page.locator(".network-list li > a").all_inner_texts()
    assert "Pôle Véhicule du Futur" in names and len(names) >= 5
    assert page.locator(".network-list li > a").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 12
