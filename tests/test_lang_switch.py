"""The language switch (static/lang-switch.js) keeps the query and the hash: a finder's filters, a plan's ?case=.
Driven in Debian's Chromium on a small portal (the mini fixture, in English and Spanish)."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlparse

import pytest

from generator import pipeline
from tests.browser_support import require_chromium, serve, watched_page
from tests.conftest import MINI, make_project

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("lang-switch") / "mini"
    shutil.copytree(MINI / "content", root / "content")
    make_project(root, {})
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es"])
    assert generated.checked.report.ok, generated.checked.report.diagnostics
    with serve(root / "site") as url:
        yield url


@pytest.fixture
def page(chromium):
    with watched_page(chromium) as visited:
        yield visited


def _visible(page) -> list[str]:
    return sorted(page.eval_on_selector_all("#finder-results > li:not([hidden])", "els => els.map(e => e.dataset.id)"))


def test_the_switch_keeps_the_finders_filters(portal, page):
    page.goto(portal + "es/finder/?country=ES")
    assert page.get_attribute("html", "lang") == "es"
    page.check('input[name="theme"][value="strategy"]')  # the finder writes the new filter into the address
    chosen = parse_qs(urlparse(page.url).query)
    assert chosen == {"country": ["ES"], "theme": ["strategy"]}
    spanish = _visible(page)
    assert spanish == ["igualada-test"]
    page.click('.lang-switch a[hreflang="en"]')
    page.wait_for_url("**/finder/?*")
    address = urlparse(page.url)
    assert address.path == "/finder/" and parse_qs(address.query) == chosen
    assert page.get_attribute("html", "lang") == "en"
    assert page.is_checked('input[name="theme"][value="strategy"]') and _visible(page) == spanish


def test_the_switch_keeps_the_plans_practice_and_the_hash(portal, page):
    page.goto(portal + "es/plans/?case=bilbao-as-fabrik#plan-components")
    title = "AS-FABRIK: Bilbao's Industry 4.0 ecosystem programme"
    link = page.locator("#plan-practice a")
    assert link.inner_text() == title and link.get_attribute("lang") == "en"  # not translated: marked English
    page.click('.lang-switch a[hreflang="en"]')
    page.wait_for_url("**/plans/?case=bilbao-as-fabrik#plan-components")
    assert urlparse(page.url).path == "/plans/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#plan-practice") == title
    assert page.locator("#plan-practice a").get_attribute("lang") is None  # on the English page it is not marked


def test_compare_and_match_mark_an_untranslated_practices_title_english(portal, page):
    page.goto(portal + "es/compare/?ids=bilbao-as-fabrik&ids=igualada-test")
    heads = page.eval_on_selector_all(".compare-table thead th a", "els => els.map(a => a.lang)")
    assert heads == ["en", "en"]  # neither is translated in this portal
    page.goto(portal + "es/match/")
    langs = page.eval_on_selector_all("#match-results > li > a:not(.match-plan)", "els => els.map(a => a.lang)")
    assert langs and set(langs) == {"en"}
