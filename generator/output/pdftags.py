"""Join tagged PDFs into one that is still tagged: their structure trees under one Document.

pypdf's `PdfWriter.append` copies pages, their links and outlines but not the
structure tree that makes a PDF readable by screen readers (`/StructTreeRoot`,
`/MarkInfo`), so a PDF joined from Chromium's tagged printouts would be untagged.
`TaggedJoin` appends each part, then clones the part's structure tree into the
writer (the struct elements' `/Pg` references land on the pages already copied),
renumbers its parent-tree keys after those of the parts before it and files it
under one `/Document` element, each part a `/Part`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


class TaggedJoin:
    """A PdfWriter that keeps the parts' structure trees (and so the tagging) of what it appends."""

    def __init__(self, lang: str) -> None:
        self.writer = PdfWriter()
        self._document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                           NameObject("/S"): NameObject("/Document"),
                                           NameObject("/Lang"): TextStringObject(lang),
                                           NameObject("/K"): ArrayObject()})
        self._root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self._root_ref = self.writer._add_object(self._root)
        self._document_ref = self.writer._add_object(self._document)
        self._document[NameObject("/P")] = self._root_ref
        self._nums: ArrayObject = ArrayObject()
        self._next_key = 0
        self._lang = lang

    def append(self, reader: PdfReader, outline_item: str | None = None, import_outline: bool = True) -> None:
        """Append every page of `reader` (under `outline_item` in the outline), with its structure tree."""
        first = len(self.writer.pages)
        if outline_item is None:
            self.writer.append(reader, import_outline=import_outline)
        else:
            self.writer.append(reader, outline_item=outline_item)
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            return
        tree = tree.get_object()
        offset = self._next_key
        cloned = tree.clone(self.writer)  # the pages' clones are reused: /Pg points at the appended pages
        annotations: dict[int, IndirectObject] = {}
        for source, page in zip(reader.pages, self.writer.pages[first:]):  # pypdf drops a page's key: put it back
            if "/StructParents" in source:
                page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]) + offset)
            for annot in page.get("/Annots", ()):
                obj = annot.get_object()
                if "/StructParent" in obj:
                    key = int(obj["/StructParent"]) + offset
                    obj[NameObject("/StructParent")] = NumberObject(key)
                    annotations[key] = annot if isinstance(annot, IndirectObject) else obj.indirect_reference
        nums = _numbers(cloned["/ParentTree"].get_object())
        for key, value in nums:
            self._nums += [NumberObject(key + offset), value]
            if key + offset in annotations:  # a link: its struct element names the annotation on the page
                _point_at(value.get_object(), annotations[key + offset])
        self._next_key = offset + int(tree.get("/ParentTreeNextKey", max((k for k, _ in nums), default=-1) + 1))
        kids = cloned["/K"]
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            element = kid.get_object()
            if element.get("/S") == "/Document":
                element[NameObject("/S")] = NameObject("/Part")
            element[NameObject("/P")] = self._document_ref
            self._document["/K"].append(kid if isinstance(kid, IndirectObject) else self.writer._add_object(element))

    def write(self, target: Path, title: str) -> None:
        """Write the joined PDF, marked as tagged, with its language and title (shown as the window's title)."""
        self._root[NameObject("/K")] = self._document_ref
        self._root[NameObject("/ParentTree")] = self.writer._add_object(
            DictionaryObject({NameObject("/Nums"): self._nums}))
        self._root[NameObject("/ParentTreeNextKey")] = NumberObject(self._next_key)
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = self._root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/Lang")] = TextStringObject(self._lang)
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
        self.writer.add_metadata({"/Title": title})
        self.writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the parts' old roots
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            self.writer.write(handle)


def _numbers(tree: DictionaryObject) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, its kids' included."""
    out = []
    nums = tree.get("/Nums", ArrayObject())
    out += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in tree.get("/Kids", ()):
        out += _numbers(kid.get_object())
    return out


def _point_at(element: DictionaryObject, annotation: IndirectObject) -> None:
    """Make the object reference (OBJR) among `element`'s kids name `annotation`."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        obj = kid.get_object() if kid is not None else None
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/OBJR":
            obj[NameObject("/Obj")] = annotation
