"""Pages kept between renders (generator/site/memo.py): the same pages as a fresh render after any edit."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator import pipeline
from generator.site.memo import RenderMemo, case_view
from generator.site.model import build_model
from generator.site.pages import render_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checked():
    checked = pipeline.check(pipeline.Project(ROOT))
    assert checked.report.ok
    return checked


def _model(checked, records):
    return dataclasses.replace(build_model(records, checked.model.vocabularies).model, schemas=checked.model.schemas)


def _pages(model, memo=None):
    return {p.path: p.content for p in render_site(model, memo=memo)}


def _edited(records, case_id, **changes):
    return [dataclasses.replace(r, **changes) if getattr(r, "id", None) == case_id and hasattr(r, "kind") else r
            for r in records]


def _listings(model) -> int:
    """The pages listing every practice: practices, finder, match, map, plans, the themes and each theme, and
    the search's suggested terms."""
    return 6 + (model.plan_template is not None) + len(model.cases_by["theme"])


def _schema_made(model) -> int:
    """What is made from the schemas or a blank template alone: the contribution form's data, the data package
    and its JSON Schema, each template's Word file."""
    return 3 + len(model.templates)


PER_PRACTICE = 8
"""Page, plan text, Word plan; its entries in cases.json, cases.csv, the compare, plan and finder-text data."""


def test_an_unchanged_render_gives_back_every_practice_page(checked):
    memo = RenderMemo()
    first = _pages(checked.model, memo)
    memo.hits = 0
    assert _pages(checked.model, memo) == first
    assert memo.hits == PER_PRACTICE * len(checked.model.cases) + _listings(checked.model) + _schema_made(checked.model)


def test_an_edited_summary_renders_again_only_what_shows_that_practice_s_summary(checked):
    """Other practices' pages show its title and place (related, similar), not its summary: they are kept."""
    memo = RenderMemo()
    _pages(checked.model, memo)
    case = next(c for c in checked.model.cases if c.id == "igualada-leather-cluster")
    assert any(case.id in {r.id for r in similar} for similar in checked.model.similar_of_case.values())
    model = _model(checked, _edited(checked.records, case.id, summary=case.summary + " Edited."))
    memo.hits = 0
    assert _pages(model, memo) == _pages(model)
    # all but its own page, plan text, Word plan and data entries; every listing (they show no summary)
    assert memo.hits == PER_PRACTICE * (len(model.cases) - 1) + _listings(model) + _schema_made(model)


def test_an_edited_summary_changes_no_page_but_the_practice_s_own(checked):
    """The finder and map search a summary from finder-text.js, so MkDocs has one page to build again."""
    before = _pages(checked.model)
    case = next(c for c in checked.model.cases if c.id == "igualada-leather-cluster")
    after = _pages(_model(checked, _edited(checked.records, case.id, summary=case.summary + " Edited.")))
    changed = {path for path in after if after[path] != before.get(path)}
    assert {path for path in changed if path.endswith(".md")} == {f"cases/{case.id}.md"}
    assert "assets/finder-text.js" in changed


def test_the_listing_pages_show_nothing_of_a_practice_but_its_listing(checked):
    """The finder, map, indexes, plan and match pages are kept under each practice's CaseListing: changing
    everything else of every practice leaves them as they were. (A template that starts showing another field
    fails here: add the field to memo.CaseListing.)"""
    from generator.site.memo import CaseListing

    kept = set(CaseListing.__slots__) - {"title_translated"}
    changes = {"summary": "Changed summary.", "body": "## Changed\n\nChanged body.\n", "challenge": "Changed.",
               "organisations": (), "components": (), "services": (), "figures": (), "results": ("Changed.",),
               "success_factors": ("Changed.",), "difficulties": ("Changed.",), "transferability": "Changed.",
               "resources": "Changed.", "next_steps": ("Changed.",), "links": (), "source_notes": ("Changed.",),
               "last_reviewed": "2001-01-01", "featured": True}
    assert not kept & set(changes)
    records = [dataclasses.replace(r, **changes) if hasattr(r, "kind") and hasattr(r, "summary") else r
               for r in checked.records]
    before, after = _pages(checked.model), _pages(_model(checked, records))
    memo = RenderMemo()
    _pages(checked.model, memo)
    memo.hits = 0
    _pages(_model(checked, records), memo)
    assert memo.hits == _listings(checked.model) + _schema_made(checked.model)
    listings = ["cases/index.md", "finder/index.md", "match/index.md", "map/index.md", "plans/index.md",
                "themes/index.md", *(f"themes/{t}.md" for t in checked.model.cases_by["theme"]), "assets/search-terms.json"]
    assert [path for path in listings if before[path] != after[path]] == []


@pytest.mark.parametrize("change", ["title", "themes", "summary", "networks"])
def test_after_an_edit_the_kept_pages_equal_a_fresh_render(checked, change):
    memo = RenderMemo()
    _pages(checked.model, memo)
    case = next(c for c in checked.model.cases if c.id == "igualada-leather-cluster")
    joined = next(n.id for n in checked.model.networks  # a network it is not in yet: the finder's facet changes
                  if n not in checked.model.networks_of_case.get(case.id, ()))
    value = {"title": "Igualada, renamed", "themes": ("skills",), "summary": case.summary + " Edited.",
             "networks": (*case.networks, joined)}[change]
    model = _model(checked, _edited(checked.records, case.id, **{change: value}))
    memo.hits = 0
    assert _pages(model, memo) == _pages(model)
    assert 0 < memo.hits < PER_PRACTICE * len(model.cases) + _listings(model)  # some pages kept, the edited one (and its neighbours) not


def test_a_practice_page_can_read_nothing_of_the_model_outside_its_view(checked):
    view = case_view(checked.model, checked.model.cases[0].id)
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("{{ model.cases|length }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render(model=view)
    assert set(view.related_of_case) <= {checked.model.cases[0].id}  # its own entry only


def test_a_build_s_memo_on_disk_gives_back_pages_to_a_new_memo(checked, tmp_path):
    """`make site` starts a new process each time: its memo keeps the pages in build/cache/pages."""
    from generator.derived import DerivedStore

    store = DerivedStore(tmp_path / "pages")
    first = _pages(checked.model, RenderMemo(store=store))
    again = RenderMemo(store=store)
    assert _pages(checked.model, again) == first
    assert again.hits == 2 * len(checked.model.cases)  # page and plan text (the Word plan has a store of its own)
    case = next(c for c in checked.model.cases if c.id == "igualada-leather-cluster")
    model = _model(checked, _edited(checked.records, case.id, title="Igualada, renamed"))
    edited = RenderMemo(store=store)
    assert _pages(model, edited) == _pages(model)
    assert 0 < edited.hits < 2 * len(model.cases)


def test_digests_are_equal_for_equal_values_in_any_process(checked):
    """The disk memo's keys: equal for equal values whatever the process's string hashing (set order), blind to
    what does not compare (a case's source document), and refused for values they cannot see into."""
    from generator.site.memo import Digests

    case = checked.model.cases[0]
    code = ("import sys; from pathlib import Path; from generator import pipeline; from generator.site.memo import "
            "Digests, case_view; m = pipeline.check(pipeline.Project(Path(sys.argv[1]))).model; "
            "c = m.cases[0]; print(Digests().of((c, case_view(m, c.id), frozenset(m.case_by_id))).hex())")
    printed = {subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(printed) == 1
    assert printed.pop().strip() == Digests().of((case, case_view(checked.model, case.id),
                                                  frozenset(checked.model.case_by_id))).hex()
    assert Digests().of(case) == Digests().of(dataclasses.replace(case, doc=checked.model.cases[1].doc))
    assert Digests().of(case) != Digests().of(dataclasses.replace(case, title=case.title + "!"))
    with pytest.raises(TypeError):
        Digests().of(object())
