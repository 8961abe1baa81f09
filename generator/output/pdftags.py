"""Join tagged PDFs into one that is still tagged: their structure trees under one Document.

Chromium's printouts are tagged (a `/StructTreeRoot` that screen readers read,
`/MarkInfo`), and a plain page copy would drop that. `TaggedJoin` copies each
part's pages, then its structure tree and outline (qpdf maps every reference to
a page already copied onto the copy, so struct elements' `/Pg`, outline
destinations and link annotations land on the joined pages), renumbers its
parent-tree keys after those of the parts before it and files it under one
`/Document` element, each part a `/Part`.

It runs on qpdf (pikepdf): the 16 parts (256 pages) of the 1,000 practice cards
of `make bench`'s corpus took 7.0 s to join with pypdf, which clones their
27,000 objects in pure Python, and take 0.5 s with pikepdf.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

JOIN_VERSION = "1"
"""Part of the cache key of a joined PDF: raise it when the way parts are joined changes."""


class TaggedJoin:
    """A new PDF that keeps the parts' structure trees (and so the tagging) and outlines of what it appends."""

    def __init__(self, lang: str) -> None:
        self.pdf = Pdf.new()
        self._lang = lang
        self._parts: list[Pdf] = []  # open until written: their objects are copied lazily
        self._root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self._document = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                                           Lang=pikepdf.String(lang), K=Array(), P=self._root))
        self._nums = Array()
        self._next_key = 0
        self._outline: list[Dictionary] = []  # the joined outline's top-level items, in order
        self._version = "1.4"

    def append(self, source: Path, outline_item: str | None = None, import_outline: bool = True) -> None:
        """Append every page of the PDF `source` (its outline under an item `outline_item`), with its structure tree."""
        part = Pdf.open(source)
        self._parts.append(part)
        self._version = max(self._version, part.pdf_version)
        first = len(self.pdf.pages)
        self.pdf.pages.extend(part.pages)
        if not len(part.pages):
            return
        offset = self._next_key
        for page in self.pdf.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        tree = part.Root.get("/StructTreeRoot")
        if tree is not None:
            tree = self.pdf.copy_foreign(tree)  # the pages' copies are reused: /Pg names the appended pages
            nums = _numbers(tree.ParentTree)
            for key, value in nums:
                self._nums.extend([key + offset, value])
            self._next_key = offset + int(tree.get("/ParentTreeNextKey", max((k for k, _ in nums), default=-1) + 1))
            kids = tree.K
            for element in kids if isinstance(kids, Array) else [kids]:
                if element.get("/S") == Name.Document:
                    element.S = Name.Part
                element.P = self._document
                self._document.K.append(element)
        items = _top_items(self.pdf.copy_foreign(part.Root.Outlines)) \
            if import_outline and "/Outlines" in part.Root else []
        if outline_item is not None:  # one item at the part's first page, the part's own items under it
            item = self.pdf.make_indirect(Dictionary(Title=pikepdf.String(outline_item),
                                                     Dest=Array([self.pdf.pages[first].obj, Name.Fit])))
            _link(item, items)
            items = [item]
        self._outline += items

    def write(self, target: Path, title: str) -> None:
        """Write the joined PDF, marked as tagged, with its language and title (shown as the window's title)."""
        self._root.K = self._document
        self._root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=self._nums))
        self._root.ParentTreeNextKey = self._next_key
        catalog = self.pdf.Root
        catalog.StructTreeRoot = self._root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = pikepdf.String(self._lang)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if self._outline:
            outlines = self.pdf.make_indirect(Dictionary(Type=Name.Outlines))
            _link(outlines, self._outline)
            catalog.Outlines = outlines
        self.pdf.docinfo[Name.Title] = pikepdf.String(title)
        target.parent.mkdir(parents=True, exist_ok=True)
        # only what the catalog reaches is written (not the parts' old roots); the same parts give the same bytes
        self.pdf.save(target, min_version=self._version, deterministic_id=True)
        for part in self._parts:
            part.close()
        self._parts.clear()


def _numbers(tree: Dictionary) -> list[tuple[int, object]]:
    """The (key, value) pairs of a number tree, its kids' included."""
    nums = tree.get("/Nums", Array())
    out = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in tree.get("/Kids", ()):
        out += _numbers(kid)
    return out


def _top_items(outlines: Dictionary) -> list[Dictionary]:
    """The top-level items of an outline, first to last."""
    items, item = [], outlines.get("/First")
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _link(parent: Dictionary, items: list[Dictionary]) -> None:
    """Make `items` the children of `parent` (open), in order; each keeps its own children."""
    for key in ("/First", "/Last", "/Count"):
        if key in parent:
            del parent[key]
    if not items:
        return
    for before, item, after in zip([None, *items[:-1]], items, [*items[1:], None]):
        item.Parent = parent
        for key, other in (("/Prev", before), ("/Next", after)):
            if other is None:
                if key in item:
                    del item[key]
            else:
                item[key] = other
    parent.First, parent.Last = items[0], items[-1]
    parent.Count = sum(1 + max(int(item.get("/Count", 0)), 0) for item in items)  # what shows when open
