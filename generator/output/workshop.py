"""Printouts for the workshop table: one workshop pack PDF and the practice cards PDF.

The pack joins every checklist and the blank transfer-plan template (each already
printed to its own PDF) behind a contents page. The cards are four A6 cards to an
A4 sheet with crop marks, one per published practice, each with a QR code
(`qrcodes.py`) to its page on the public site (`site_url` in mkdocs.yml). They are
printed in parts, each cached under what it shows, and the joined PDF under its
parts' keys: a rebuild makes QR codes for, and prints, only the parts that changed.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pikepdf
from markupsafe import Markup

from generator import i18n
from generator.config import site_url
from generator.output import qrcodes
from generator.output.browser import chromium
from generator.output.pdf import PdfCache, key_of
from generator.output.pdftags import JOIN_VERSION, TaggedJoin
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


@dataclass(frozen=True, slots=True)
class Printout:
    """A page of our own to print to `target`, cached under `key`; its HTML is only made when it is printed."""
    key: str
    target: Path
    html: Callable[[], str]


def _print_html(html: str, target: Path, prefer_css_page_size: bool = False, cache: PdfCache | None = None) -> None:
    """Print a page of our own (no site around it) to `target`, or copy it from `cache` when printed before."""
    _print_all([Printout(key_of(html, str(prefer_css_page_size)), target, lambda: html)], prefer_css_page_size, cache)


def _print_all(jobs: list[Printout], prefer_css_page_size: bool = False, cache: PdfCache | None = None) -> int:
    """Print each page of our own, in one browser, copying from `cache` what was printed before; how many printed."""
    cache = cache or PdfCache(None)
    waiting = [job for job in jobs if not cache.get(job.key, job.target)]
    if not waiting:
        return 0
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page = browser.new_page()
        for job in waiting:
            source = Path(folder) / "page.html"
            source.write_text(job.html(), encoding="utf-8")
            _print_page(page, source, job.target, prefer_css_page_size)
            cache.put(job.key, job.target)
    return len(waiting)


def _print_page(page: Any, source: Path, target: Path, prefer_css_page_size: bool) -> None:
    """Print the page `source` to the PDF `target`, tagged and with an outline of its headings."""
    page.goto(source.as_uri(), wait_until="load")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=prefer_css_page_size,
             margin={"top": "0", "bottom": "0", "left": "0", "right": "0"} if prefer_css_page_size else None,
             tagged=True, outline=True)


def make_pack(site: Path, model: SiteModel, cache: PdfCache | None = None) -> Path:
    """pdf/workshop-pack.pdf: a contents page, then every checklist and the template, each from a new page."""
    items = [PackItem(c.title, "checklist", f"pdf/{c.id}.pdf") for c in model.checklists]
    items += [PackItem(t.title, "template", f"pdf/{t.id}.pdf") for t in model.templates]
    page, numbered = 2, []
    for item in items:
        numbered.append(PackItem(item.title, item.kind, item.pdf, page))
        with pikepdf.open(site / item.pdf) as pdf:
            page += len(pdf.pages)
    out = site / PACK
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "contents.pdf"
        html = _env(model.lang).get_template("pack_contents.html.j2").render(items=numbered,
                                                                           date=dt.date.today().isoformat())
        _print_html(html, target, cache=cache)
        joined = TaggedJoin(model.lang)  # tagged like its parts, for screen readers
        joined.append(target, import_outline=False)
        for item in numbered:  # each one's own headings nested under its title
            joined.append(site / item.pdf, outline_item=item.title)
        joined.write(out, i18n.translations(model.lang).gettext("Workshop pack") + " - Good Practice Transfer Portal")
    return out


CARDS_TEMPLATE = "practice_cards.html.j2"


def card_data(model: SiteModel, base_url: str, qr: bool = True) -> list[dict[str, object]]:
    """What each practice card shows, in the model's language; its QR code (`qr`) leads to the page in that language.

    Without `qr`, each card's "qr" is empty: all a card shows but the code, which follows from its "url"."""
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
        cards.append({
            "id": case.id, "title": case.title, "place": case_place(case, countries),
            "kind": gettext(model.label("kind", case.kind)), "period": case.period.label_in(gettext),
            "summary": summary, "components": transferable[:4], "url": url,
            "figure": {"value": format_number(figure.value) + (f" {figure.unit}" if figure.unit else ""),
                       "text": f"{figure.label}{f' ({figure.year})' if figure.year else ''}"} if figure else None,
            "qr": qrcodes.qr_svg(url) if qr else Markup(""),
        })
    return cards


CARDS_PER_PRINT = 64
"""The cards are printed 64 at a time (16 sheets), each part cached by its own page and then joined: an edit
to one practice reprints its part only. Printed whole, the 1,000 cards of `make bench`'s corpus were
reprinted at every rebuild after any edit."""


def cards_html(model: SiteModel, base_url: str, cards: list[dict[str, object]] | None = None) -> str:
    """The page of `cards` (all the model's, with their QR codes, when None), four to a sheet."""
    cards = card_data(model, base_url) if cards is None else cards
    sheets = [cards[i:i + 4] for i in range(0, len(cards), 4)]
    return _env(model.lang).get_template(CARDS_TEMPLATE).render(sheets=sheets)


def _part_key(shown: str) -> str:
    """A part's cache key: its page without the QR codes (they follow from the URLs on it and how codes are
    made), and the template. A part in the cache then needs no QR code: making all 1,000 of `make bench`'s
    corpus took 8-10 s of every build, cached or not."""
    return key_of("practice cards", shown, (TEMPLATES / CARDS_TEMPLATE).read_bytes(), qrcodes.MADE_BY, "css page size")


@contextmanager
def _meanwhile() -> Iterator[Executor]:
    """Where the QR codes are made: in a second process when there are 2 cores, while Chromium starts and
    prints the parts before (1,000 cards, clean, on a busy 2-core machine: 30 s with each part's codes made
    just before its print, 24.5 s so). A thread would not do: it holds the GIL that Playwright's replies wait
    for (24-28 s)."""
    if (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
    else:
        with ThreadPoolExecutor(1) as inline:
            yield inline


def _with_codes(model: SiteModel, base_url: str, part: list[dict[str, object]], codes: Future[list[str]] | None
                ) -> Callable[[], str]:
    """The part's page with its QR codes, once `codes` are made (made here when None)."""
    def page() -> str:
        made = codes.result() if codes else qrcodes.qr_svgs([str(card["url"]) for card in part])
        return cards_html(model, base_url, [{**card, "qr": Markup(code)} for card, code in zip(part, made)])
    return page


def make_cards(site: Path, model: SiteModel, base_url: str, cache: PdfCache | None = None) -> Path:
    """pdf/practice-cards.pdf: every practice's card, printed in parts of CARDS_PER_PRINT and joined, tagged.

    The joined PDF is cached too, under its parts' keys: an unchanged set of cards is copied, not joined
    again (1,000 cards: 0.3 s, where joining the 16 cached parts took 1 s and, with pypdf, 7 s)."""
    cache = cache or PdfCache(None)
    out = site / CARDS
    out.parent.mkdir(parents=True, exist_ok=True)
    cards = card_data(model, base_url, qr=False)
    parts = [cards[i:i + CARDS_PER_PRINT] for i in range(0, len(cards), CARDS_PER_PRINT)] or [[]]
    keys = [_part_key(cards_html(model, base_url, part)) for part in parts]
    title = i18n.translations(model.lang).gettext("Practice cards") + " - Good Practice Transfer Portal"
    whole = key_of("practice cards joined", JOIN_VERSION, model.lang, title, *keys)
    if len(parts) > 1 and cache.get(whole, out):
        cache.keep(keys)  # its parts, for the next edit
        return out
    with tempfile.TemporaryDirectory() as folder, _meanwhile() as pool:
        jobs = []
        for n, (part, key) in enumerate(zip(parts, keys)):
            codes = None if cache.has(key) else pool.submit(qrcodes.qr_svgs, [str(card["url"]) for card in part])
            jobs.append(Printout(key, Path(folder) / f"part-{n}.pdf", _with_codes(model, base_url, part, codes)))
        _print_all(jobs, prefer_css_page_size=True, cache=cache)
        if len(jobs) == 1:
            shutil.copyfile(jobs[0].target, out)
            return out
        joined = TaggedJoin(model.lang)
        for job in jobs:
            joined.append(job.target)  # each card's title in the outline, as when printed whole
        joined.write(out, title)
        cache.put_only(f"practice-cards-{model.lang}", whole, out)
    return out


def make_workshop_files(site: Path, model: SiteModel, config_file: Path, cache: PdfCache | None = None) -> None:
    """The workshop pack and the practice cards, whose QR codes lead to the public site (config.site_url)."""
    base = site_url(config_file)
    if not base:
        raise ValueError("mkdocs.yml has no site_url: the practice cards' QR codes need the public address")
    make_pack(site, model, cache)
    make_cards(site, model, base, cache)
