"""Tagged PDFs joined into one that is still tagged (generator/output/pdftags.py)."""

from __future__ import annotations

from pypdf import PdfReader

from generator.output.pdftags import TaggedJoin
from generator.output.workshop import _print_html
from tests.browser_support import require_chromium
from tests.pdf_support import assert_accessible_pdf

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head><body>
<h1>{name}</h1><p>See <a href="https://portal.example/{name}/">its page</a>.</p>
<h2>{name} first step</h2><p style="break-after: page">One.</p><h2>{name} second step</h2><p>Two.</p>
</body></html>"""


def test_joined_parts_keep_their_tags_links_and_outline_under_their_titles(tmp_path):
    require_chromium()
    parts = {name: tmp_path / f"{name}.pdf" for name in ("Alpha", "Beta")}
    for name, target in parts.items():
        _print_html(PAGE.format(name=name), target)
    for out in (tmp_path / "joined.pdf", tmp_path / "again.pdf"):
        joined = TaggedJoin("en")
        for name, target in parts.items():
            joined.append(target, outline_item=f"Part {name}")
        joined.write(out, "Joined - test")
    assert out.read_bytes() == (tmp_path / "joined.pdf").read_bytes()  # the same parts, the same bytes

    assert_accessible_pdf(out, "en")
    reader = PdfReader(out)
    assert reader.metadata.title == "Joined - test" and len(reader.pages) == 4
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["Part Alpha", "Part Beta"]
    assert [reader.get_destination_page_number(item) for item in top] == [0, 2]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert len(nested) == 2 and "Alpha" in str(nested[0]) and "Beta" in str(nested[1])

    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    document = tree["/K"].get_object()
    assert document["/S"] == "/Document" and document["/Lang"] == "en"
    assert [kid.get_object()["/S"] for kid in document["/K"]] == ["/Part", "/Part"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert int(tree["/ParentTreeNextKey"]) > max(parents)
    links = [annot.get_object() for page in reader.pages for annot in page.get("/Annots", ())]
    assert len(links) == 2 and len({int(link["/StructParent"]) for link in links}) == 2  # renumbered: not shared
    for link in links:  # each link's struct element names that very annotation
        element = parents[int(link["/StructParent"])].get_object()
        kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
        objrs = [k.get_object() for k in kids if hasattr(k, "get_object") and k.get_object().get("/Type") == "/OBJR"]
        assert [o.raw_get("/Obj").idnum for o in objrs] == [link.indirect_reference.idnum]

