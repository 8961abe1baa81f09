"""What every PDF the build writes must be: tagged for screen readers, with its language, title and outline."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def assert_accessible_pdf(path: Path, lang: str) -> None:
    """Tagged (/MarkInfo Marked, a structure tree whose pages are this PDF's), /Lang, a /Title, an outline."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert bool(root.get("/MarkInfo", {}).get("/Marked")), f"{path.name}: not marked as tagged"
    tree = root.get("/StructTreeRoot")
    assert tree is not None and tree.get("/K") is not None, f"{path.name}: no structure tree"
    assert root.get("/Lang") == lang, f"{path.name}: /Lang {root.get('/Lang')!r}, not {lang!r}"
    title = (reader.metadata or {}).get("/Title")
    assert title and title.strip(), f"{path.name}: no /Title"
    assert reader.outline, f"{path.name}: no outline"
    pages = {page.indirect_reference.idnum for page in reader.pages}
    keys = [int(n) for n in tree["/ParentTree"].get("/Nums", [])[::2]]
    marked = [page["/StructParents"] for page in reader.pages if "/StructParents" in page]
    assert marked and set(marked) <= set(keys), f"{path.name}: pages' content not in the structure tree"
    document = tree["/K"].get_object()
    kids = document.get("/K")
    assert kids, f"{path.name}: an empty structure tree"
    on_pages = _page_refs(document)
    assert on_pages and on_pages <= pages, f"{path.name}: structure elements on pages it does not have"


def _page_refs(element, seen=None) -> set[int]:
    """The pages (object numbers) the structure elements under `element` name."""
    seen = set() if seen is None else seen
    element = element.get_object()
    out: set[int] = set()
    if not hasattr(element, "get") or id(element) in seen:
        return out
    seen.add(id(element))
    if "/Pg" in element:
        out.add(element.raw_get("/Pg").idnum)
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object"):
            out |= _page_refs(kid, seen)
    return out
