"""The search bundles (output/search.py, site/search_bundles.py): the practices indexed in parts, one Pagefind at
a time, and every language's search box finding every practice across the parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import generator.site.search_bundles as search_bundles
from generator.output.search import Indexing, SearchIndexFailed, query_download
from generator.site.search_bundles import practice_bundles, practice_parts
from tests.browser_support import serve, watched_page

ROOT = Path(__file__).resolve().parent.parent


def test_practices_are_cut_into_near_equal_parts_in_order(monkeypatch):
    monkeypatch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 3)
    pages = [f"cases/p{n}/index.html" for n in (7, 1, 3, 5, 2, 6, 4)]
    assert practice_bundles(7) == ["pagefind-practices", "pagefind-practices-2", "pagefind-practices-3"]
    assert [len(part) for part in practice_parts(pages)] == [3, 2, 2]
    assert sum(practice_parts(pages), []) == sorted(pages)
    assert practice_bundles(0) == practice_bundles(3) == ["pagefind-practices"]


def _page(lang: str, words: str) -> str:
    return f'<!doctype html><html lang="{lang}"><head><title>{words}</title></head><body><main data-pagefind-body>' \
           f"<h1>{words}</h1><p>{words} in a page long enough to be indexed.</p></main></body></html>"


def _page_counts(bundle: Path) -> dict[str, int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    pages = {"index.html": _page("en", "home"), "guides/g/index.html": _page("en", "guide"),
             "es/index.html": _page("es", "inicio"),
             **{f"cases/p{n}/index.html": _page("en", f"practice{n}") for n in range(5)}}
    for path, text in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site, [p for p in pages if p.startswith("cases/")]


def test_each_part_is_indexed_and_the_first_bundle_keeps_only_the_first_part(small_site, monkeypatch):
    site, practices = small_site
    monkeypatch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 2)
    Indexing(site, practices, languages=True).wait()
    assert _page_counts(site / "pagefind") == {"en": 2 + 2, "es": 1}  # home, guide and the first part
    assert _page_counts(site / "pagefind-practices") == {"en": 2}
    assert _page_counts(site / "pagefind-practices-2") == {"en": 2}
    assert _page_counts(site / "pagefind-practices-3") == {"en": 1}
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # the trees of linked pages are gone
    download = query_download(site)
    assert download.catalogue > 0 and download.chunk > 0


def test_a_single_language_site_writes_no_copy_of_the_first_part(small_site, monkeypatch):
    site, practices = small_site
    monkeypatch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 3)
    Indexing(site, practices, languages=False).wait()
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-practices-2"]


def test_a_failed_part_fails_the_indexing(small_site, monkeypatch):
    site, practices = small_site
    monkeypatch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 2)
    (site / "cases" / "p4" / "index.html").unlink()  # a page the site does not hold
    with pytest.raises(SearchIndexFailed, match="could not gather the pages"):
        Indexing(site, practices, languages=True).wait()


def test_stopping_ends_the_indexing_and_leaves_no_tree(small_site, monkeypatch):
    site, practices = small_site
    monkeypatch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 1)
    Indexing(site, practices, languages=True).stop()
    assert not (site / "pagefind-practices-5").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


@pytest.fixture(scope="module")
def parted_portal(tmp_path_factory):
    """The real content in English and Spanish, its 28 practices indexed in parts of at most 10."""
    from generator import pipeline

    patch = pytest.MonkeyPatch()
    patch.setattr(search_bundles, "PRACTICES_PER_BUNDLE", 10)
    try:
        site = tmp_path_factory.mktemp("parted") / "site"
        generated = pipeline.build(pipeline.Project(ROOT), site=site, pdf=False, languages=["en", "es"])
    finally:
        patch.undo()
    assert generated.checked.report.ok
    with serve(site) as url:
        yield url, site, generated.checked.model


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("start", ["", "es/"])
def test_every_language_finds_a_practice_of_the_last_part_once(parted_portal, chromium, start):
    """(Which practice ranks first across parts is not asserted: parts of 10 pages beside a first bundle of 36 score
    unlike; the parts of a large portal hold up to PRACTICES_PER_BUNDLE pages each.)"""
    url, site, model = parted_portal
    last = practice_parts([f"cases/{c.id}/index.html" for c in model.cases])[-1]
    assert "cases/zal-hamburg/index.html" in last and len(list(site.glob("pagefind-practices*"))) == 3
    with watched_page(chromium) as page:
        page.goto(url + start)
        page.click(".portal-search-open", timeout=5000)
        page.fill(".pagefind-ui__search-input", "cabins", timeout=10000)  # a word of that practice's only
        page.wait_for_function("() => [...document.querySelectorAll('.pagefind-ui__result-link')]"
                               ".some(a => a.href.includes('/cases/zal-hamburg/'))", timeout=10000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    assert links.count(url + "cases/zal-hamburg/") == 1, links  # found once (its sections follow), not once per bundle
