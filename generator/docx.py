"""Editable Word (.docx) transfer plans.

python-docx makes the package once (styles, settings, fonts); each plan only
writes the document body (a few paragraph and table elements, text escaped) and
zips it with those parts. That keeps a plan to about a millisecond, so thousands of plans stay
cheap, and the bytes are reproducible (fixed dates), so an unchanged plan is
never rewritten.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from docx import Document
from markupsafe import escape

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


def _p(text: str, style: str | None = None, italic: bool = False, bold: bool = False, size: int | None = None) -> str:
    """One WordprocessingML paragraph; the text is XML-escaped."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = "".join(("<w:b/>" if bold else "", "<w:i/>" if italic else "", f'<w:sz w:val="{size}"/>' if size else ""))
    run = f"<w:rPr>{run}</w:rPr>" if run else ""
    return f'<w:p>{props}<w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _table(header: tuple[str, ...] | None, rows: tuple[tuple[str, ...], ...], widths: tuple[int, ...]) -> str:
    def row(cells: tuple[str, ...], bold: bool) -> str:
        return "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>{_p(c, bold=bold)}</w:tc>'
                                  for c, w in zip(cells, widths)) + "</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = (row(header, True) if header else "") + "".join(row(r, False) for r in rows)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl><w:p/>")


_RENDER = {
    "heading": lambda b: _p(b.text, "Heading2"),
    "prompt": lambda b: _p(b.text, italic=True),
    "table": lambda b: _table(b.header, b.rows, b.widths),
    "small": lambda b: _p(b.text, size=16),
    "text": lambda b: _p(b.text),
}
_DOCUMENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}'
             '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
             'w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>')


def _document_xml(title: str, facts: list[tuple[str, str]], blocks: list[Block]) -> bytes:
    parts = [_p(title, "Heading1")]
    if facts:
        parts.append(_table(None, tuple(facts), (2800, 6200)))
    parts += [_RENDER[b.kind](b) for b in blocks]
    return _DOCUMENT.format(body="".join(parts)).encode("utf-8")


def _core(title: str, date: str) -> bytes:
    when = (dt.date.fromisoformat(date) if date else dt.date(2020, 1, 1)).isoformat() + "T00:00:00Z"
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
    out = io.BytesIO(_shared_parts())
    with zipfile.ZipFile(out, "a") as package:  # appends: the shared parts are compressed once per build
        package.writestr(zipfile.ZipInfo(_BODY, date_time=_FIXED), _document_xml(title, facts, blocks),
                         compress_type=zipfile.ZIP_DEFLATED)
        package.writestr(zipfile.ZipInfo(_CORE, date_time=_FIXED), _core(title, date), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@lru_cache(maxsize=1)
def _shared_parts() -> bytes:
    """A zip of the parts every plan shares (styles, settings, relationships): the start of each .docx."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in _package().items():
            if name not in (_BODY, _CORE):
                package.writestr(zipfile.ZipInfo(name, date_time=_FIXED), data, compress_type=zipfile.ZIP_DEFLATED)
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


DOCX_UI = ("Practice", "Place", "Practice page", "Receiving city or region", "Local group lead", "Date",
           "The practice in brief", "Challenge it addresses: ", "Components: pick what to transfer",
           " (transferable element)", "in place", "new",
           "The sources name no separate components; describe what you will take over.",
           "What the sources say about transferring it: ", "Pre-filled from", "last reviewed", "using the", "Transfer plan")
"""The labels a pre-filled plan prints, translated through the message catalogs (see i18n.py)."""


def plan_docx(case: Case, template: Template, place: str, url: str, gettext: Callable[[str], str] = str) -> bytes:
    """The transfer plan pre-filled from `case`, as .docx bytes, its labels in `gettext`'s language."""
    _ = gettext
    facts = [(_("Practice"), case.title), (_("Place"), place), (_("Practice page"), url),
             (_("Receiving city or region"), ""), (_("Local group lead"), ""), (_("Date"), "")]
    blocks = [Block("heading", f"1. {_('The practice in brief')}"), Block("text", case.summary)]
    if case.challenge:
        blocks.append(Block("text", f"{_('Challenge it addresses: ')}{case.challenge}"))
    blocks.append(Block("heading", f"2. {_('Components: pick what to transfer')}"))
    if case.components:
        blocks += [Block("text", f"☐ {c.name}{_(' (transferable element)') if c.transferable else ''}: {c.description}")
                   for c in case.components]
    elif case.services:
        blocks += [Block("text", f"☐ {s.number}. {s.name} ({_('in place') if s.status == 'in-place' else _('new')})")
                   for s in case.services]
    else:
        blocks.append(Block("text", _("The sources name no separate components; describe what you will take over.")))
    if case.transferability:
        blocks.append(Block("text", f"{_('What the sources say about transferring it: ')}{case.transferability}"))
    blocks += _section_blocks(tuple(s for s in template.sections if s.id != "components"), 3)
    blocks.append(Block("small", f"{_('Pre-filled from')} {case.title} ({case.id}), {_('last reviewed')} "
                                 f"{case.last_reviewed}, {_('using the')} {template.title}."))
    return _docx(f"{_('Transfer plan')}: {case.title}", case.last_reviewed, facts, blocks)


def template_docx(template: Template) -> bytes:
    """The blank transfer-plan template, as .docx bytes."""
    return _docx(template.title, template.last_reviewed, [],
                 [Block("text", template.summary), *_section_blocks(template.sections, 1)])
