"""Printouts for the workshop table: one workshop pack PDF and the practice cards PDF.

The pack joins every checklist and the blank transfer-plan template (each already
printed to its own PDF) behind a contents page. The cards are four A6 cards to an
A4 sheet with crop marks, one per published practice, each with a QR code (made
with segno) to its page on the public site (`site_url` in mkdocs.yml).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup
from pypdf import PdfReader

from generator import i18n
from generator.config import site_url
from generator.output.browser import chromium
from generator.output.pdf import PdfCache, key_of
from generator.output.pdftags import TaggedJoin
from generator.site.environment import TEMPLATES
from generator.site.model import SiteModel
from generator.site.text import case_place, format_number

PACK = "pdf/workshop-pack.pdf"
CARDS = "pdf/practice-cards.pdf"
SUMMARY_CHARACTERS = 230


@dataclass(frozen=True, slots=True)
class PackItem:
    title: str
    kind: str
    pdf: str
    page: int = 0


def _env(lang: str) -> jinja2.Environment:
    """The printouts' templates, with their labels in `lang`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"])
    i18n.install(env, lang)
    env.globals["lang"] = lang
    return env


def _print_html(html: str, target: Path, prefer_css_page_size: bool = False, cache: PdfCache | None = None) -> None:
    """Print a page of our own (no site around it) to `target`, or copy it from `cache` when printed before."""
    _print_all([(html, target)], prefer_css_page_size, cache)


def _print_all(jobs: list[tuple[str, Path]], prefer_css_page_size: bool = False, cache: PdfCache | None = None) -> None:
    """Print each (page, target) of our own, in one browser, copying from `cache` what was printed before."""
    cache = cache or PdfCache(None)
    waiting = []
    for html, target in jobs:
        key = key_of(html, str(prefer_css_page_size))
        if not cache.get(key, target):
            waiting.append((html, target, key))
    if not waiting:
        return
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page = browser.new_page()
        for html, target, key in waiting:
            source = Path(folder) / "page.html"
            source.write_text(html, encoding="utf-8")
            page.goto(source.as_uri(), wait_until="load")
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=prefer_css_page_size,
                     margin={"top": "0", "bottom": "0", "left": "0", "right": "0"} if prefer_css_page_size else None,
                     tagged=True, outline=True)
            cache.put(key, target)


def make_pack(site: Path, model: SiteModel, cache: PdfCache | None = None) -> Path:
    """pdf/workshop-pack.pdf: a contents page, then every checklist and the template, each from a new page."""
    items = [PackItem(c.title, "checklist", f"pdf/{c.id}.pdf") for c in model.checklists]
    items += [PackItem(t.title, "template", f"pdf/{t.id}.pdf") for t in model.templates]
    readers = [PdfReader(site / item.pdf) for item in items]
    page, numbered = 2, []
    for item, reader in zip(items, readers):
        numbered.append(PackItem(item.title, item.kind, item.pdf, page))
        page += len(reader.pages)
    contents = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "contents.pdf"
        html = _env(model.lang).get_template("pack_contents.html.j2").render(items=numbered,
                                                                           date=dt.date.today().isoformat())
        _print_html(html, target, cache=cache)
        contents.write(target.read_bytes())
    joined = TaggedJoin(model.lang)  # tagged like its parts, for screen readers
    joined.append(PdfReader(contents), import_outline=False)
    for item, reader in zip(numbered, readers):  # each one's own headings nested under its title
        joined.append(reader, outline_item=item.title)
    out = site / PACK
    joined.write(out, i18n.translations(model.lang).gettext("Workshop pack") + " - Good Practice Transfer Portal")
    return out


def card_data(model: SiteModel, base_url: str) -> list[dict[str, object]]:
    """What each practice card shows, in the model's language; its QR code leads to the page in that language."""
    gettext = i18n.translations(model.lang).gettext
    countries = i18n.country_translations(model.lang).gettext
    if model.lang != i18n.default_language():
        base_url = f"{base_url}{model.lang}/"
    cards = []
    for case in model.cases:
        url = f"{base_url}cases/{case.id}/"
        summary = " ".join(case.summary.split())
        if len(summary) > SUMMARY_CHARACTERS:
            summary = summary[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
        transferable = [c.name for c in case.components if c.transferable] or [c.name for c in case.components]
        figure = next((f for f in case.figures if isinstance(f.value, (int, float))), None)
        qr = segno.make(url, error="m").svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
        cards.append({
            "id": case.id, "title": case.title, "place": case_place(case, countries),
            "kind": gettext(model.label("kind", case.kind)), "period": case.period.label_in(gettext),
            "summary": summary, "components": transferable[:4], "url": url,
            "figure": {"value": format_number(figure.value) + (f" {figure.unit}" if figure.unit else ""),
                       "text": f"{figure.label}{f' ({figure.year})' if figure.year else ''}"} if figure else None,
            "qr": Markup(qr),
        })
    return cards


CARDS_PER_PRINT = 64
"""The cards are printed 64 at a time (16 sheets), each part cached by its own page and then joined: an edit
to one practice reprints its part only. Printed whole, the 1,000 cards of `make bench`'s corpus were
reprinted at every rebuild after any edit."""


def cards_html(model: SiteModel, base_url: str, cards: list[dict[str, object]] | None = None) -> str:
    cards = card_data(model, base_url) if cards is None else cards
    sheets = [cards[i:i + 4] for i in range(0, len(cards), 4)]
    return _env(model.lang).get_template("practice_cards.html.j2").render(sheets=sheets)


def make_cards(site: Path, model: SiteModel, base_url: str, cache: PdfCache | None = None) -> Path:
    """pdf/practice-cards.pdf: every practice's card, printed in parts of CARDS_PER_PRINT and joined, tagged."""
    out = site / CARDS
    out.parent.mkdir(parents=True, exist_ok=True)
    cards = card_data(model, base_url)
    parts = [cards[i:i + CARDS_PER_PRINT] for i in range(0, len(cards), CARDS_PER_PRINT)] or [[]]
    with tempfile.TemporaryDirectory() as folder:
        jobs = [(cards_html(model, base_url, part), Path(folder) / f"part-{n}.pdf") for n, part in enumerate(parts)]
        _print_all(jobs, prefer_css_page_size=True, cache=cache)
        if len(jobs) == 1:
            out.write_bytes(jobs[0][1].read_bytes())
            return out
        joined = TaggedJoin(model.lang)
        for _, target in jobs:
            joined.append(PdfReader(target))  # each card's title in the outline, as when printed whole
        joined.write(out, i18n.translations(model.lang).gettext("Practice cards") + " - Good Practice Transfer Portal")
    return out


def make_workshop_files(site: Path, model: SiteModel, config_file: Path, cache: PdfCache | None = None) -> None:
    """The workshop pack and the practice cards, whose QR codes lead to the public site (config.site_url)."""
    base = site_url(config_file)
    if not base:
        raise ValueError("mkdocs.yml has no site_url: the practice cards' QR codes need the public address")
    make_pack(site, model, cache)
    make_cards(site, model, base, cache)
