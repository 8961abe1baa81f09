"""Sources as citations: "Title. Author, publisher, date. Section: “…”. address", from the document vocabulary.

The one list of source documents is the `document` vocabulary in
`schemas/vocabularies.schema.json`: each document's title, author or publisher,
date and public address as the document states them, and a caveat for the whole
document. A page's sources become one citation per document (its sections
together, the caveat said once); a source that is a web page is cited by its title
and address. File names stay in the data (cases.json, cases.csv), never on pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.schemas import Vocabulary
from generator.types import Source

SECTION_LABELS = ("Section:", "Sections:")
"""Before the one section cited, or several (the templates translate the same labels)."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One document (or web page) a page draws on, with the parts of it the page cites."""

    title: str
    document: str | None = None
    """The document's id (its file name) in the vocabulary; None for a web page."""
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    address: str | None = None
    """The public web address (the document's own, or a web page's)."""
    sections: tuple[tuple[str, str | None], ...] = ()
    """(section, note) for each part cited."""
    note: str | None = None
    """A web page's note."""
    caveat: str | None = None
    """What holds for the whole document: said once, on its citation."""

    @property
    def by(self) -> str:
        """'Author, publisher, date' (what the document gives of them)."""
        return ", ".join(p for p in (self.author, self.publisher, self.date) if p)

    def text(self, labels: tuple[str, str] = SECTION_LABELS, sections: bool = True) -> str:
        """The citation as one line of plain text (the data files, a printed page); `labels`: SECTION_LABELS
        in the page's language."""
        parts = [self.title.rstrip(".")]
        if self.by:
            parts.append(self.by)
        if sections and self.sections:
            parts.append(labels[len(self.sections) > 1] + " "
                         + "; ".join(f"“{s}”" + (f" ({n})" if n else "") for s, n in self.sections))
        if self.note:
            parts.append(self.note)
        if self.address:
            parts.append(self.address)
        return ". ".join(parts) + "."


def document_citation(documents: Vocabulary, document: str) -> Citation:
    """The citation of a whole document, from the vocabulary (its short title when it gives no other)."""
    given = documents.citations.get(document, {})
    return Citation(title=given.get("document_title") or documents.label(document), document=document,
                    author=given.get("author"), publisher=given.get("publisher"), date=given.get("date"),
                    address=given.get("address"), caveat=documents.notes.get(document))


def citations(documents: Vocabulary, sources: Iterable[Source]) -> list[Citation]:
    """A page's sources as citations: one per document in the order first cited, each web page on its own."""
    out: list[Citation] = []
    by_document: dict[str, int] = {}
    for s in sources:
        if s.document:
            if s.document not in by_document:
                by_document[s.document] = len(out)
                out.append(document_citation(documents, s.document))
            i = by_document[s.document]
            if s.section:
                c = out[i]
                out[i] = Citation(c.title, c.document, c.author, c.publisher, c.date, c.address,
                                  (*c.sections, (s.section, s.note)), c.note, c.caveat)
        else:
            out.append(Citation(title=s.title or s.url or "", address=s.url, note=s.note))
    return out


def source_citation(documents: Vocabulary, source: Source) -> str:
    """One source (a section of a document, or a web page) as plain text."""
    return citations(documents, [source])[0].text()
