"""Editable Word (.docx) transfer plans.

python-docx makes the package once (styles, settings, fonts); each plan only
fills the document body from `templates/document.xml.j2` and zips it with those
parts. That keeps a plan to about a millisecond, so thousands of plans stay
cheap, and the bytes are reproducible (fixed dates), so an unchanged plan is
never rewritten.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import jinja2
from docx import Document

from generator.types import Case, Section, Template

_FIXED = (2020, 1, 1, 0, 0, 0)
_BODY = "word/document.xml"
_CORE = "docProps/core.xml"


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    text: str = ""
    header: tuple[str, ...] | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[int, ...] = ()


@lru_cache(maxsize=1)
def _package() -> dict[str, bytes]:
    """Every part of python-docx's default package, made once."""
    document = Document()
    document.add_table(rows=1, cols=1).style = "Table Grid"  # make sure the table style is in styles.xml
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        return {name: package.read(name) for name in package.namelist()}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    from generator.render import TEMPLATES

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("document.xml.j2")


def _core(title: str, date: str) -> bytes:
    when = (dt.date.fromisoformat(date) if date else dt.date(2020, 1, 1)).isoformat() + "T00:00:00Z"
    from markupsafe import escape

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>Good Practice Transfer Portal</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
    ).encode("utf-8")


def _docx(title: str, date: str, facts: list[tuple[str, str]], blocks: list[Block]) -> bytes:
    body = _template().render(title=title, facts=facts, blocks=blocks).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in _package().items():
            if name in (_BODY, _CORE):
                data = body if name == _BODY else _core(title, date)
                package.writestr(zipfile.ZipInfo(name, date_time=_FIXED), data, compress_type=zipfile.ZIP_DEFLATED)
            else:  # the shared parts: light compression, as it is redone for every plan
                package.writestr(zipfile.ZipInfo(name, date_time=_FIXED), data, compress_type=zipfile.ZIP_DEFLATED,
                                 compresslevel=1)
    return out.getvalue()


def _section_blocks(sections: tuple[Section, ...], first: int) -> list[Block]:
    blocks = []
    for number, section in enumerate(sections, first):
        blocks.append(Block("heading", f"{number}. {section.title}"))
        blocks.append(Block("prompt", section.prompt))
        if section.columns:
            width = 9000 // len(section.columns)
            blocks.append(Block("table", header=section.columns, rows=tuple(("",) * len(section.columns)
                                                                             for _ in range(section.rows or 3)),
                                widths=(width,) * len(section.columns)))
        else:
            blocks.extend(Block("text", "") for _ in range(4))
    return blocks


def plan_docx(case: Case, template: Template, place: str, url: str) -> bytes:
    """The transfer plan pre-filled from `case`, as .docx bytes."""
    facts = [("Practice", case.title), ("Place", place), ("Practice page", url),
             ("Receiving city or region", ""), ("Local group lead", ""), ("Date", "")]
    blocks = [Block("heading", "1. The practice in brief"), Block("text", case.summary)]
    if case.challenge:
        blocks.append(Block("text", f"Challenge it addresses: {case.challenge}"))
    blocks.append(Block("heading", "2. Components: pick what to transfer"))
    if case.components:
        blocks += [Block("text", f"☐ {c.name}{' (transferable element)' if c.transferable else ''}: {c.description}")
                   for c in case.components]
    elif case.services:
        blocks += [Block("text", f"☐ {s.number}. {s.name} ({'in place' if s.status == 'in-place' else 'new'})")
                   for s in case.services]
    else:
        blocks.append(Block("text", "The sources name no separate components; describe what you will take over."))
    if case.transferability:
        blocks.append(Block("text", f"What the sources say about transferring it: {case.transferability}"))
    blocks += _section_blocks(tuple(s for s in template.sections if s.id != "components"), 3)
    blocks.append(Block("small", f"Pre-filled from {case.title} ({case.id}), last reviewed {case.last_reviewed}, "
                                 f"using the {template.title}."))
    return _docx(f"Transfer plan: {case.title}", case.last_reviewed, facts, blocks)


def template_docx(template: Template) -> bytes:
    """The blank transfer-plan template, as .docx bytes."""
    return _docx(template.title, template.last_reviewed, [],
                 [Block("text", template.summary), *_section_blocks(template.sections, 1)])
