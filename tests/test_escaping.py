"""Everything a template prints is escaped: titles with markup or quotes print as text everywhere."""

import json

from generator import pipeline
from tests.conftest import case_text

TITLES = {"bold-case": "A <b>bold</b> city", "quote-case": 'Ω & "quotes" | *stars* [brackets]'}


def _built(write_tree):
    files = {}
    for case_id, title in TITLES.items():
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        files[f"content/cases/{case_id}.md"] = case_text(case_id, **{
            "title: A valid practice": f'title: "{quoted}"',
        })
    root = write_tree(files)
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en"])
    assert generated.checked.report.ok
    return root / "site"


def test_titles_print_as_text_on_every_page(write_tree):
    site = _built(write_tree)
    page = (site / "cases" / "bold-case" / "index.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in page
    assert '>A &lt;b&gt;bold&lt;/b&gt; city<a class="headerlink"' in page
    assert "<title>A &lt;b&gt;bold&lt;/b&gt; city - " in page
    quote = (site / "cases" / "quote-case" / "index.html").read_text(encoding="utf-8")
    assert '>Ω &amp; "quotes" | *stars* [brackets]<a class="headerlink"' in quote
    for listing in ("finder/index.html", "cases/index.html", "map/index.html", "themes/startups/index.html"):
        html = (site / listing).read_text(encoding="utf-8")
        assert "<b>bold</b>" not in html, listing
        assert "A &lt;b&gt;bold&lt;/b&gt; city" in html, listing


def test_open_data_keeps_the_title_as_written(write_tree):
    site = _built(write_tree)
    data = json.loads((site / "cases.json").read_text(encoding="utf-8"))
    assert {c["title"] for c in data["cases"]} == set(TITLES.values())
    compare = (site / "assets" / "compare-data.js").read_text(encoding="utf-8")
    # data inside a script file: the title as written, with "</" kept out so it can never close a script tag
    assert "</" not in compare and "A <b>bold<\\/b> city" in compare
