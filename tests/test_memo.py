"""Pages kept between renders (generator/site/memo.py): the same pages as a fresh render after any edit."""

from __future__ import annotations

import dataclasses
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


def test_an_unchanged_render_gives_back_every_practice_page(checked):
    memo = RenderMemo()
    first = _pages(checked.model, memo)
    memo.hits = 0
    assert _pages(checked.model, memo) == first
    assert memo.hits == 3 * len(checked.model.cases)  # each practice's page, plan text and Word plan


@pytest.mark.parametrize("change", ["title", "themes", "summary"])
def test_after_an_edit_the_kept_pages_equal_a_fresh_render(checked, change):
    memo = RenderMemo()
    _pages(checked.model, memo)
    case = next(c for c in checked.model.cases if c.id == "igualada-leather-cluster")
    value = {"title": "Igualada, renamed", "themes": ("skills",), "summary": case.summary + " Edited."}[change]
    model = _model(checked, _edited(checked.records, case.id, **{change: value}))
    memo.hits = 0
    assert _pages(model, memo) == _pages(model)
    assert 0 < memo.hits < 3 * len(model.cases)  # some pages kept, the edited one (and its neighbours) not


def test_a_practice_page_can_read_nothing_of_the_model_outside_its_view(checked):
    view = case_view(checked.model, checked.model.cases[0].id)
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("{{ model.cases|length }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render(model=view)
    assert set(view.related_of_case) <= {checked.model.cases[0].id}  # its own entry only
