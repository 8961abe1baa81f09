"""Editable Word (.docx) transfer plans, made with python-docx.

The files are made byte-for-byte reproducible (fixed dates inside and in the
zip), so an unchanged plan is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.shared import Pt

from generator.types import Case, Section, Template

_FIXED = (2020, 1, 1, 0, 0, 0)


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with a fixed timestamp on every entry."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _sections(document: Document, sections: tuple[Section, ...], first: int) -> None:
    for number, section in enumerate(sections, first):
        document.add_heading(f"{number}. {section.title}", level=2)
        prompt = document.add_paragraph(section.prompt)
        prompt.runs[0].italic = True
        if section.columns:
            table = document.add_table(rows=1 + (section.rows or 3), cols=len(section.columns))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, section.columns):
                cell.text = heading
                cell.paragraphs[0].runs[0].bold = True
        else:
            for _ in range(4):
                document.add_paragraph("")


def _document(title: str, date: str) -> Document:
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    properties = document.core_properties
    properties.title = title
    properties.author = "Good Practice Transfer Portal"
    moment = dt.datetime.fromisoformat(date) if date else dt.datetime(2020, 1, 1)
    properties.created = properties.modified = moment
    properties.last_modified_by = "Good Practice Transfer Portal"
    properties.revision = 1
    return document


def _save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def plan_docx(case: Case, template: Template, place: str, url: str) -> bytes:
    """The transfer plan pre-filled from `case`, as .docx bytes."""
    document = _document(f"Transfer plan: {case.title}", case.last_reviewed)
    document.add_heading(f"Transfer plan: {case.title}", level=1)
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in (("Practice", case.title), ("Place", place), ("Practice page", url),
                         ("Receiving city or region", ""), ("Local group lead", ""), ("Date", "")):
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value
    document.add_heading("1. The practice in brief", level=2)
    document.add_paragraph(case.summary)
    if case.challenge:
        document.add_paragraph(f"Challenge it addresses: {case.challenge}")
    document.add_heading("2. Components: pick what to transfer", level=2)
    if case.components:
        for c in case.components:
            flag = " (transferable element)" if c.transferable else ""
            document.add_paragraph(f"☐ {c.name}{flag}: {c.description}")
    elif case.services:
        for s in case.services:
            document.add_paragraph(f"☐ {s.number}. {s.name} ({'in place' if s.status == 'in-place' else 'new'})")
    else:
        document.add_paragraph("The sources name no separate components; describe what you will take over.")
    if case.transferability:
        document.add_paragraph(f"What the sources say about transferring it: {case.transferability}")
    _sections(document, tuple(s for s in template.sections if s.id != "components"), 3)
    document.add_paragraph(
        f"Pre-filled from {case.title} ({case.id}), last reviewed {case.last_reviewed}, using the {template.title}."
    ).runs[0].font.size = Pt(8)
    return _save(document)


def template_docx(template: Template) -> bytes:
    """The blank transfer-plan template, as .docx bytes."""
    document = _document(template.title, template.last_reviewed)
    document.add_heading(template.title, level=1)
    document.add_paragraph(template.summary)
    _sections(document, template.sections, 1)
    return _save(document)
