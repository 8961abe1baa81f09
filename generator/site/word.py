"""Editable Word (.docx) transfer plans, written with python-docx's own API.

Each plan is a python-docx `Document`: headings and paragraphs in the template's
styles, tables in "Table Grid", A4 pages, the document's language set (on its
default text style and in its properties), and its properties' dates taken from
the content's review date. The package is zipped again with fixed file dates, so
an unchanged plan gives the same bytes and is never rewritten (see write.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
from babel.core import get_global
from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.derived import DerivedStore, key_of
from generator.types import Case, Section, Template

_FIXED = (2020, 1, 1, 0, 0, 0)
"""The date of every file inside the package (python-docx writes the time of saving)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters XML 1.0 cannot hold: Word refuses a file with any of them."""

DOCX_UI = ("Practice", "Place", "Practice page", "Receiving city or region", "Local group lead", "Date",
           "The practice in brief", "Challenge it addresses: ", "Components: pick what to transfer",
           " (transferable element)", "in place", "new",
           "The sources name no separate components; describe what you will take over.",
           "What the sources say about transferring it: ", "Pre-filled from", "last reviewed", "using the", "Transfer plan")
"""The labels a pre-filled plan prints, translated through the message catalogs (see catalogs.py)."""


def language_tag(lang: str) -> str:
    """'es' -> 'es-ES', 'en' -> 'en-GB': the language with its most likely territory, as Word expects."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    territory = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if lang == "en":
        territory = "GB"  # the portal's English is British English
    return f"{lang}-{territory}" if territory else lang


def _text(value: str) -> str:
    return _CONTROL.sub("", value)


_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "Heading 1", "Heading 1 Char",
           "Heading 2", "Heading 2 Char", "Table Grid")
"""The styles a plan uses (and those they are based on); the rest of python-docx's 164 are dropped."""


@lru_cache(maxsize=None)
def _base(lang: str) -> bytes:
    """An empty A4 document in `lang` holding only the styles a plan uses, made once per language.

    Every plan opens it with `Document()`; python-docx looks a style up among all
    of a document's styles, so 9 styles instead of 164 make a plan several times
    quicker to write (about 25 ms instead of 160 ms on this machine).
    """
    document = Document()
    for style in list(document.styles):
        if style.name not in _STYLES:
            style.delete()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(20)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).set(qn("w:val"), language_tag(lang))
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _new_document(title: str, date: str, lang: str) -> DocumentType:
    document = Document(io.BytesIO(_base(lang)))
    when = dt.datetime.combine(dt.date.fromisoformat(date) if date else dt.date(2020, 1, 1), dt.time())
    properties = document.core_properties
    properties.title = _text(title)
    properties.author = properties.last_modified_by = "Good Practice Transfer Portal"
    properties.language = language_tag(lang)
    properties.created = properties.modified = when
    properties.revision = 1
    document.add_heading(_text(title), level=1)
    return document


def _table(document: DocumentType, header: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> None:
    columns = len(header) if header else len(rows[0])
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header):
            cell.paragraphs[0].add_run(_text(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = _text(text)
    document.add_paragraph()


def _sections(document: DocumentType, sections: tuple[Section, ...], first: int, lang: str) -> None:
    """The template's sections from `first` on, copied in from `_section_elements`."""
    body = document.element.body
    for element in _section_elements(sections, first, lang):
        body.append(copy.deepcopy(element))
    body.append(body.sectPr)  # the page settings stay the body's last child


@lru_cache(maxsize=32)
def _section_elements(sections: tuple[Section, ...], first: int, lang: str) -> tuple[Any, ...]:
    """The sections as document elements, written once per template and language and copied into each plan.

    They are the same in every practice's plan; writing them with python-docx for
    each plan was most of the Word plans' time (at 1,000 practices, about 90 of
    170 s profiled in `make bench`'s corpus); a copy of the elements takes a
    fraction of a millisecond.
    """
    document = Document(io.BytesIO(_base(lang)))
    _write_sections(document, sections, first)
    return tuple(child for child in document.element.body if child.tag != qn("w:sectPr"))


def _write_sections(document: DocumentType, sections: Sequence[Section], first: int) -> None:
    for number, section in enumerate(sections, first):
        document.add_heading(_text(f"{number}. {section.title}"), level=2)
        document.add_paragraph().add_run(_text(section.prompt)).italic = True
        if section.columns:
            _table(document, section.columns, [("",) * len(section.columns)] * (section.rows or 3))
        else:
            for _ in range(4):
                document.add_paragraph()


def _bytes(document: DocumentType) -> bytes:
    """The saved package, zipped again with fixed file dates (the same content gives the same bytes)."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as package, zipfile.ZipFile(out, "w") as fixed:
        for info in package.infolist():
            fixed.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED), package.read(info),
                           compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def plan_docx(case: Case, template: Template, place: str, url: str, gettext: Callable[[str], str] = str,
              lang: str = "en") -> bytes:
    """The transfer plan pre-filled from `case`, as .docx bytes, in `lang` (labels from `gettext`)."""
    _ = gettext
    document = _new_document(f"{_('Transfer plan')}: {case.title}", case.last_reviewed, lang)
    _table(document, None, [(_("Practice"), case.title), (_("Place"), place), (_("Practice page"), url),
                            (_("Receiving city or region"), ""), (_("Local group lead"), ""), (_("Date"), "")])
    document.add_heading(_text(f"1. {_('The practice in brief')}"), level=2)
    document.add_paragraph(_text(case.summary))
    if case.challenge:
        document.add_paragraph(_text(f"{_('Challenge it addresses: ')}{case.challenge}"))
    document.add_heading(_text(f"2. {_('Components: pick what to transfer')}"), level=2)
    if case.components:
        for c in case.components:
            marker = _(" (transferable element)") if c.transferable else ""
            document.add_paragraph(_text(f"☐ {c.name}{marker}: {c.description}"))
    elif case.services:
        for s in case.services:
            status = _("in place") if s.status == "in-place" else _("new")
            document.add_paragraph(_text(f"☐ {s.number}. {s.name} ({status})"))
    else:
        document.add_paragraph(_("The sources name no separate components; describe what you will take over."))
    if case.transferability:
        document.add_paragraph(_text(f"{_('What the sources say about transferring it: ')}{case.transferability}"))
    _sections(document, tuple(s for s in template.sections if s.id != "components"), 3, lang)
    note = document.add_paragraph().add_run(_text(
        f"{_('Pre-filled from')} {case.title} ({case.id}), {_('last reviewed')} {case.last_reviewed}, "
        f"{_('using the')} {template.title}."))
    note.font.size = Pt(8)
    return _bytes(document)


def cached_plan_docx(store: DerivedStore, case: Case, template: Template, place: str, url: str,
                     gettext: Callable[[str], str] = str, lang: str = "en") -> bytes:
    """`plan_docx`, kept in `store` under the hash of everything the plan is made from."""
    key = key_of(_fingerprint(), case, template, place, url, lang, tuple(gettext(label) for label in DOCX_UI))
    return store.get_or_make(f"{key}.docx", lambda: plan_docx(case, template, place, url, gettext, lang))


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """This module and python-docx: what makes a plan besides its inputs."""
    return key_of(Path(__file__).read_bytes(), docx.__version__)


def template_docx(template: Template, lang: str = "en") -> bytes:
    """The blank transfer-plan template, as .docx bytes."""
    document = _new_document(template.title, template.last_reviewed, lang)
    document.add_paragraph(_text(template.summary))
    _sections(document, template.sections, 1, lang)
    return _bytes(document)
