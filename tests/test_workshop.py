"""The practice cards, printed in parts, joined and cached (generator/output/workshop.py)."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from pypdf import PdfReader

from generator.output import qrcodes, workshop
from generator.output.pdf import PdfCache
from tests.browser_support import require_chromium
from tests.pdf_support import assert_accessible_pdf

BASE = "https://portal.example/"


@pytest.fixture
def counted(monkeypatch):
    """Parts of 8 cards; every page printed and every PDF joined, counted."""
    monkeypatch.setattr(workshop, "CARDS_PER_PRINT", 8)
    counts = {"printed": [], "qr": [], "joined": 0}
    print_page, write = workshop._print_page, workshop.TaggedJoin.write

    def printing(page, source, target, prefer_css_page_size):
        counts["printed"].append(source.read_text(encoding="utf-8"))
        print_page(page, source, target, prefer_css_page_size)

    def join(self, target, title):
        counts["joined"] += 1
        write(self, target, title)

    monkeypatch.setattr(workshop, "_print_page", printing)
    monkeypatch.setattr(workshop.TaggedJoin, "write", join)
    return counts


@pytest.fixture
def qr_counted(counted, monkeypatch):
    """As `counted`, and every QR code made counted too (made in a thread, not a second process)."""
    qr_svgs = qrcodes.qr_svgs

    def made(urls):
        counted["qr"].extend(urls)
        return qr_svgs(urls)

    @contextmanager
    def in_a_thread():
        with ThreadPoolExecutor(1) as pool:
            yield pool

    monkeypatch.setattr(qrcodes, "qr_svgs", made)
    monkeypatch.setattr(workshop, "_meanwhile", in_a_thread)
    return counted


def test_cards_are_printed_in_parts_and_an_edit_reprints_its_part_only(real_model, tmp_path, qr_counted):
    counted = qr_counted
    require_chromium()
    model = real_model
    assert len(model.cases) > 16
    cache = PdfCache(tmp_path / "cache")
    out = workshop.make_cards(tmp_path / "site", model, BASE, cache)
    parts = -(-len(model.cases) // 8)
    assert len(counted["printed"]) == parts and counted["joined"] == 1
    assert sorted(counted["qr"]) == sorted(f"{BASE}cases/{case.id}/" for case in model.cases)
    reader = PdfReader(out)
    assert len(reader.pages) == sum(-(-min(8, len(model.cases) - i) // 4) for i in range(0, len(model.cases), 8))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert all(" ".join(case.title.split())[:20] in text for case in model.cases)
    assert ["".join(item.title.split()) for item in reader.outline] == ["".join(c.title.split()) for c in model.cases]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == \
        [n // 4 for n in range(len(model.cases))]
    assert_accessible_pdf(out, "en")

    counted.update(printed=[], qr=[], joined=0)
    first = model.cases[9]  # in the second part
    edited = dataclasses.replace(model, cases=(*model.cases[:9], dataclasses.replace(first, summary="A new summary."),
                                               *model.cases[10:]))
    out = workshop.make_cards(tmp_path / "site", edited, BASE, cache)
    assert len(counted["printed"]) == 1 and "A new summary." in counted["printed"][0]  # the part holding the edit
    assert sorted(counted["qr"]) == sorted(f"{BASE}cases/{case.id}/" for case in model.cases[8:16])  # its codes only
    assert counted["joined"] == 1
    assert "A new summary." in " ".join(PdfReader(out).pages[2].extract_text().split())
    assert_accessible_pdf(out, "en")


def test_an_unchanged_set_of_cards_is_copied_not_printed_or_joined(real_model, tmp_path, counted):
    """(Its QR codes made in a second process, as in a build.)"""
    require_chromium()
    cache = PdfCache(tmp_path / "cache")
    first = workshop.make_cards(tmp_path / "one", real_model, BASE, cache).read_bytes()
    assert counted["joined"] == 1
    counted["printed"].clear()
    again = workshop.make_cards(tmp_path / "two", real_model, BASE, cache)
    assert counted["printed"] == [] and counted["joined"] == 1
    assert again.read_bytes() == first
    other = workshop.make_cards(tmp_path / "three", real_model, "https://elsewhere.example/", cache)
    assert counted["joined"] == 2 and len(counted["printed"]) == -(-len(real_model.cases) // 8)  # new URLs: reprinted
    assert "elsewhere.example" in " ".join(PdfReader(other).pages[0].extract_text().split())
    parts = -(-len(real_model.cases) // 8)
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 2 * parts + 1  # the joined PDF before it removed


def test_a_part_is_keyed_by_what_it_shows_without_its_qr_codes(real_model):
    cards = workshop.card_data(real_model, BASE, qr=False)
    assert all(card["qr"] == "" for card in cards)
    shown = workshop._part_key(workshop.cards_html(real_model, BASE, cards[:8]))
    assert shown == workshop._part_key(workshop.cards_html(real_model, BASE, workshop.card_data(real_model, BASE,
                                                                                                qr=False)[:8]))
    moved = [{**card, "url": card["url"] + "x"} for card in cards[:8]]  # a new URL: a new code, a new key
    assert workshop._part_key(workshop.cards_html(real_model, BASE, moved)) != shown
    with_qr = workshop.card_data(real_model, BASE)[:8]
    assert all(card["qr"] == qrcodes.qr_svg(str(card["url"])) and "<svg" in card["qr"] for card in with_qr)


def test_a_page_printed_before_is_copied_from_the_cache_not_printed(tmp_path):
    require_chromium()
    cache = PdfCache(tmp_path / "cache")
    made: list[str] = []

    def page() -> str:
        made.append("page")
        return "<!doctype html><html lang=\"en\"><title>A</title><h1>A page</h1></html>"

    job = workshop.Printout("some-key", tmp_path / "a.pdf", page)
    assert workshop._print_all([job], cache=cache) == 1 and made == ["page"]
    again = workshop.Printout("some-key", tmp_path / "b.pdf", page)
    assert workshop._print_all([again], cache=cache) == 0 and made == ["page"]  # its HTML not even made
    assert again.target.read_bytes() == job.target.read_bytes()
