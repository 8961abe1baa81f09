"""The map in Chromium: 24 px targets on a phone, keyboard focus, and the finder's selection carried to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from tests.browser_support import require_chromium, serve, watched_page

pytestmark = [pytest.mark.build, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The real content in English and French, without PDFs, served on localhost."""
    require_chromium()
    site = tmp_path_factory.mktemp("map") / "site"
    generated = pipeline.build(pipeline.Project(ROOT), site=site, pdf=False, languages=["en", "fr"])
    assert generated.checked.report.ok
    with serve(site) as url:
        yield url, generated.checked.model


@pytest.fixture
def phone(chromium):
    with watched_page(chromium, viewport={"width": 375, "height": 812}) as visited:
        yield visited


def _boxes(page, selector):
    return page.eval_on_selector_all(selector, """els => els.filter(e => getComputedStyle(e).display !== 'none')
        .map(e => { const r = e.querySelector('.hit').getBoundingClientRect();
                    return [e.dataset.case || e.dataset.cases, r.x, r.y, r.width, r.height]; })""")


def test_on_a_phone_every_target_is_24_px_and_none_overlaps(portal, phone):
    url, model = portal
    phone.goto(url + "map/")
    boxes = _boxes(phone, "svg.portal-map a.marker, svg.portal-map a.badge")
    assert len([b for b in boxes if " " not in b[0] and b[0] in model.case_by_id]) >= 22
    for name, x, y, w, h in boxes:
        assert w >= 23.5 and h >= 23.5, (name, w, h)
    centres = [(x + w / 2, y + h / 2, min(w, h) / 2, name) for name, x, y, w, h in boxes]
    for i, (x1, y1, r1, a) in enumerate(centres):
        for x2, y2, r2, b in centres[i + 1:]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= min(r1 + r2, 24) - 1, (a, b)
    # keyboard: Tab reaches a marker, and its focus shows
    phone.focus('a.marker[data-case="bilbao-as-fabrik"]')
    stroke = phone.eval_on_selector('a.marker[data-case="bilbao-as-fabrik"] .hit', "e => getComputedStyle(e).strokeWidth")
    assert stroke not in ("0", "0px")


def test_show_on_map_carries_the_finders_selection(portal, phone):
    url, model = portal
    phone.goto(url + "finder/")
    if not phone.evaluate("document.querySelector('.finder-facets').open"):
        phone.click(".finder-facets summary")  # on a phone the filters start folded
    phone.check('input[name="country"][value="ES"]')
    link = phone.locator("#finder-map")
    assert "country=ES" in link.get_attribute("href")
    link.click()
    phone.wait_for_url("**/map/?country=ES")
    wanted = {c.id for c in model.cases if "ES" in ((c.place.country,) + tuple(c.place.countries))}
    shown = set(phone.eval_on_selector_all(
        "svg.portal-map a.marker", "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.case)"))
    badges = phone.eval_on_selector_all(
        "svg.portal-map a.badge", "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.cases)")
    by_badge = {i for ids in badges for i in ids.split()} & wanted
    assert shown | by_badge == wanted and shown <= wanted
    status = phone.inner_text("#map-selection")
    assert f"Showing {len(wanted)} of {len(model.cases)} practices" in status
    listed = set(phone.eval_on_selector_all("#map-list li[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)"))
    assert listed == wanted
    phone.click("#map-selection >> text=Show all practices")
    phone.wait_for_url("**/map/")
    assert phone.locator("svg.portal-map a.marker:visible").count() == 22


def test_the_french_map_links_an_untranslated_practice_to_the_english_page(portal, phone):
    url, model = portal
    phone.goto(url + "fr/map/")
    assert "Pratiques par pays" in phone.inner_text("h2 >> nth=0")
    href = phone.get_attribute('a.marker[data-case="techtera"]', "href")
    assert href.endswith("cases/techtera/#lang-fr") and href.startswith("../")
    phone.click('a.marker[data-case="techtera"]')
    phone.wait_for_url("**/cases/techtera/#lang-fr")
