"""The map as the build draws it: every published practice reachable once, distinct markers, a fitted frame."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from generator.site.diagrams import ASSUMED_WIDTH, REF_WIDTH, map_layout
from generator.site.pages import render_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model(real_model):
    return real_model


@pytest.fixture(scope="module")
def map_page(model):
    return next(p.content for p in render_site(model) if p.path == "map/index.md")


def _svg(page: str) -> str:
    return page[page.index("<svg class=\"portal-map\""):page.index("</svg>", page.index("<svg class=\"portal-map\""))]


def test_every_published_practice_is_on_the_map_exactly_once(model, map_page):
    svg = _svg(map_page)
    markers = re.findall(r'<a class="marker [a-z]+" [^>]*data-case="([^"]+)"', svg)
    badges = [ids.split() for ids in re.findall(r'<a class="badge[^"]*" [^>]*data-cases="([^"]+)"', svg)]
    by_badge = {i for ids in badges for i in ids}
    published = {c.id for c in model.cases}
    assert len(published) == 28
    assert len(markers) == len(set(markers))  # one marker each
    assert not set(markers) & by_badge  # a practice with a point is not also a country entry
    assert set(markers) | by_badge == published
    assert len(markers) == 22 and "european-cluster-alliance-response-forum" in by_badge
    # every shaded country is a target leading to its list, and that list is on the page
    for iso in re.findall(r'<a class="country" href="#in-([a-z]{2})"', svg):
        assert f'<h3 id="in-{iso}">' in map_page
    assert 'href="#in-fr"' in svg and "land has-cases covered" in svg  # France shaded, and hatched
    # the list is a real HTML list, not a paragraph with " - "
    assert " - [" not in map_page and map_page.count("<li data-id=") >= len(published)


def test_a_region_marker_is_drawn_unlike_a_town_marker(map_page):
    svg = _svg(map_page)
    techtera = re.search(r'<a class="marker region"[^>]*data-case="techtera">.*?</a>', svg).group(0)
    bilbao = re.search(r'<a class="marker town"[^>]*data-case="bilbao-as-fabrik">.*?</a>', svg).group(0)
    assert '<rect class="dot"' in techtera and '<circle class="dot"' not in techtera
    assert '<circle class="dot"' in bilbao and '<rect class="dot"' not in bilbao
    for marker in (techtera, bilbao):  # a 24 px target, with a name saying what and where
        assert '<circle class="hit" r="12"/>' in marker
    assert 'aria-label="AS-FABRIK: Bilbao&#39;s Industry 4.0 ecosystem programme (Bilbao, Basque Country, Spain; town)"' in bilbao


def test_the_frame_holds_every_point_and_badge_and_is_fitted(model):
    layout = map_layout(model.cases)
    view = layout.view
    assert all(view.contains(m.x, m.y) for m in layout.marks)
    svg_frame = 800
    assert view.width < svg_frame  # fitted, not the fixed frame of the whole base map
    frame_north = min(m.y for m in layout.marks)
    assert view.y < frame_north - 20  # a margin above the northernmost point


@pytest.mark.parametrize("width, offsets", [(REF_WIDTH, "narrow"), (ASSUMED_WIDTH, "wide")])
def test_no_two_targets_overlap_on_a_phone_or_a_desktop(model, width, offsets):
    layout = map_layout(model.cases)
    scale = width / layout.view.width
    spots = []
    for m in layout.marks:
        dx, dy = (m.narrow_dx, m.narrow_dy) if offsets == "narrow" else (m.dx, m.dy)
        spots.append((m.x * scale + dx, m.y * scale + dy, m.radius))
    for i, (x1, y1, r1) in enumerate(spots):
        for x2, y2, r2 in spots[i + 1:]:
            assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2 - 0.5


def test_a_crowded_town_shares_one_counted_badge_and_every_practice_stays_listed(model):
    import dataclasses

    from generator.site.diagrams import CLUSTER_AT, europe_map

    bilbao = next(c for c in model.cases if c.id == "bilbao-as-fabrik")
    crowd = [dataclasses.replace(bilbao, id=f"bilbao-{n}", title=f"Practice {n}") for n in range(CLUSTER_AT + 5)]
    layout = map_layout([*model.cases, *crowd])
    clusters = [m for m in layout.marks if m.shape == "cluster"]
    assert len(clusters) == 1
    members = {c.id for c in clusters[0].cases}
    assert {c.id for c in crowd} | {"bilbao-as-fabrik"} <= members  # Bilbao's own practice too, and any close by
    svg = str(europe_map(layout, lambda target: target, lambda case: case.place.city or ""))
    badge = re.search(r'<a class="badge cluster" href="#in-es"[^>]*data-cases="([^"]+)"', svg)
    assert badge is not None and set(badge.group(1).split()) == {c.id for c in clusters[0].cases}
    assert f'aria-label="Bilbao: {len(members)} practices"' in svg
    own = len(members) - len(crowd)  # the real practices in the cluster
    assert len([m for m in layout.marks if m.shape in ("town", "region")]) == 22 - own  # the others keep theirs
