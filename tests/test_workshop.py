"""The practice cards, printed in parts and joined (generator/output/workshop.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pypdf import PdfReader

import generator.output.workshop as workshop
from generator import pipeline
from generator.output.pdf import PdfCache
from tests.browser_support import require_chromium
from tests.pdf_support import assert_accessible_pdf

ROOT = Path(__file__).resolve().parent.parent


def test_cards_are_printed_in_parts_and_an_edit_reprints_its_part_only(tmp_path, monkeypatch):
    require_chromium()
    model = pipeline.check(pipeline.Project(ROOT)).model
    assert model is not None and len(model.cases) > 16
    monkeypatch.setattr(workshop, "CARDS_PER_PRINT", 8)
    cache = PdfCache(tmp_path / "cache")
    printed: list[str] = []
    real = workshop._print_all

    def counted(jobs, prefer_css_page_size=False, cache=None):
        printed.extend(html for html, _ in jobs if not cache.get(workshop.key_of(html, str(prefer_css_page_size)),
                                                                tmp_path / "probe.pdf"))
        return real(jobs, prefer_css_page_size, cache)

    monkeypatch.setattr(workshop, "_print_all", counted)
    out = workshop.make_cards(tmp_path / "site", model, "https://portal.example/", cache)
    parts = -(-len(model.cases) // 8)
    assert len(printed) == parts
    reader = PdfReader(out)
    assert len(reader.pages) == sum(-(-min(8, len(model.cases) - i) // 4) for i in range(0, len(model.cases), 8))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert all(case.title.split(":")[0][:20] in " ".join(text.split()) for case in model.cases)
    assert_accessible_pdf(out, "en")
    printed.clear()
    first = model.cases[0]
    edited = dataclasses.replace(model, cases=(dataclasses.replace(first, summary="A new summary."), *model.cases[1:]))
    workshop.make_cards(tmp_path / "site", edited, "https://portal.example/", cache)
    assert len(printed) == 1  # the part holding the edited card
