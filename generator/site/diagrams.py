"""SVG drawn at build time: the map of Europe and the transfer-network diagrams.

Both are plain inline SVG with real links: they work offline, print, and make no
request to any other server. Every text is XML-escaped here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.geo import load_basemap
from generator.types import Case

Rel = Callable[[str], str]
"""Turns a docs-relative target ('cases/x/') into a link from the current page."""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Marker:
    case: Case
    x: float
    y: float


def place_markers(cases: Iterable[Case]) -> tuple[list[Marker], list[Case]]:
    """Cases with coordinates inside the map frame, spread where several share a spot; and the rest."""
    frame = load_basemap().frame
    spots: dict[tuple[int, int], list[tuple[Case, float, float]]] = defaultdict(list)
    unplaced = []
    for case in cases:
        coords = case.place.coordinates
        if coords is None:
            unplaced.append(case)
            continue
        x, y = frame.to_svg(coords.lon, coords.lat)
        if not frame.contains(x, y):
            unplaced.append(case)
            continue
        spots[(round(x / 6), round(y / 6))].append((case, x, y))
    markers = []
    for group in spots.values():
        for i, (case, x, y) in enumerate(group):
            if len(group) > 1:  # a small ring, so every marker stays visible and clickable
                angle = 2 * math.pi * i / len(group)
                x, y = x + 7 * math.cos(angle), y + 7 * math.sin(angle)
            markers.append(Marker(case, x, y))
    return markers, unplaced


def europe_map(cases: Iterable[Case], rel: Rel, place: Callable[[Case], str], title: str = "Map of the practices") -> Markup:
    """The map of Europe with a linked marker for every placed case."""
    basemap = load_basemap()
    frame = basemap.frame
    markers, _ = place_markers(cases)
    with_cases = {m.case.place.country for m in markers}
    out = [
        f'<svg class="portal-map" viewBox="0 0 {frame.width} {frame.height}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="sea" width="{frame.width}" height="{frame.height}"/>',
    ]
    for iso, name, d in basemap.countries:
        css = "land has-cases" if iso in with_cases else "land"
        out.append(f'<path class="{css}" d="{d}"><title>{escape(name)}</title></path>')
    for m in sorted(markers, key=lambda m: m.y):
        label = f"{m.case.title} ({place(m.case)})"
        out.append(
            f'<a class="marker" href="{escape(rel("cases/" + m.case.id + "/"))}" aria-label="{escape(label)}" '
            f'data-case="{escape(m.case.id)}"><circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="6"/>'
            f"<title>{escape(label)}</title></a>"
        )
    out.append("</svg>")
    return Markup("".join(out))


# --- network diagram ---------------------------------------------------------------

_BOX_W, _BOX_H, _GAP, _WIDTH = 300, 40, 14, 760


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    sublabel: str
    href: str | None


def network_diagram(sources: list[Node], learners: list[Node], title: str,
                    columns: tuple[str, str] = ("Practice shared", "Learning partners")) -> Markup:
    """Who learns from whom: practices on the left, learners on the right, an arrow for each pair."""
    rows = max(len(sources), len(learners), 1)
    height = 40 + rows * (_BOX_H + _GAP)

    def column_y(count: int, index: int) -> float:
        top = 40 + (rows - count) * (_BOX_H + _GAP) / 2
        return top + index * (_BOX_H + _GAP)

    out = [
        f'<svg class="network-diagram" viewBox="0 0 {_WIDTH} {height}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>',
        f'<text class="column" x="10" y="22">{escape(columns[0])}</text>',
        f'<text class="column" x="{_WIDTH - _BOX_W - 10}" y="22">{escape(columns[1])}</text>',
    ]
    left_x, right_x = 10, _WIDTH - _BOX_W - 10
    for i, _ in enumerate(sources):
        y1 = column_y(len(sources), i) + _BOX_H / 2
        for j, _ in enumerate(learners):
            y2 = column_y(len(learners), j) + _BOX_H / 2
            x1, x2 = left_x + _BOX_W, right_x
            mid = (x1 + x2) / 2
            out.append(f'<path class="edge" d="M{x1},{y1:.1f}C{mid},{y1:.1f} {mid},{y2:.1f} {x2 - 2},{y2:.1f}" '
                       'marker-end="url(#arrow)"/>')
    for nodes, x in ((sources, left_x), (learners, right_x)):
        for i, node in enumerate(nodes):
            y = column_y(len(nodes), i)
            box = (f'<rect x="{x}" y="{y:.1f}" width="{_BOX_W}" height="{_BOX_H}" rx="6"/>'
                   f'<text x="{x + 10}" y="{y + 17:.1f}" class="label">{escape(_short(node.label, 42))}</text>'
                   f'<text x="{x + 10}" y="{y + 32:.1f}" class="sublabel">{escape(_short(node.sublabel, 48))}</text>')
            if node.href:
                out.append(f'<a href="{escape(node.href)}" class="node"><title>{escape(node.label)}</title>{box}</a>')
            else:
                out.append(f'<g class="node"><title>{escape(node.label)}</title>{box}</g>')
    out.append("</svg>")
    out.append(_network_list(sources, learners, title, columns))
    return Markup("".join(out))


def _network_list(sources: list[Node], learners: list[Node], title: str, columns: tuple[str, str]) -> str:
    """The diagram as two lists, one above the other, with the names in full: what a phone shows instead."""
    def items(nodes: list[Node]) -> str:
        return "".join(
            "<li>" + (f'<a href="{escape(n.href)}">{escape(n.label)}</a>' if n.href else f"{escape(n.label)}")
            + (f'<span class="network-list__sub">{escape(n.sublabel)}</span>' if n.sublabel else "") + "</li>"
            for n in nodes)

    return (f'<div class="network-list" role="group" aria-label="{escape(title)}">'
            f'<p class="network-list__column">{escape(columns[0])}</p><ul>{items(sources)}</ul>'
            '<p class="network-list__arrow" aria-hidden="true">↓</p>'
            f'<p class="network-list__column">{escape(columns[1])}</p><ul>{items(learners)}</ul></div>')
