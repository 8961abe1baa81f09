"""SVG drawn at build time: the map of Europe and the transfer-network diagrams.

Both are plain inline SVG with real links: they work offline, print, and make no
request to any other server. Every text is XML-escaped here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.countries import country_name
from generator.geo import View, country_anchor, country_box, fit_view, load_basemap
from generator.site.places import Placement, placement
from generator.types import Case

Rel = Callable[[str], str]
"""Turns a docs-relative target ('cases/x/') into a link from the current page."""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


MAP_UI = {
    "town": "town", "region": "region", "countries": "country-wide",
    "country": "%(country)s: %(count)s practices across the country or several countries",
    "country_one": "%(country)s: 1 practice across the country or several countries",
    "europe": "Europe-wide", "europe_label": "Europe-wide: %(count)s practices",
    "europe_label_one": "Europe-wide: 1 practice",
    "cluster": "%(place)s: %(count)s practices",
}
"""The map's own words (labels from the catalogs; generator/catalogs.py reads them here)."""

REF_WIDTH = 340.0
"""CSS pixels the map is wide on a 375 px phone: markers are spread so that none overlaps at this width."""
ASSUMED_WIDTH = 720.0
"""CSS pixels the map is taken to be wide until map.js measures it (and without scripts)."""
NARROW = 530
"""Below this width (CSS px) map.js spreads the markers as for REF_WIDTH."""
HIT = 12.0
"""Radius (CSS px) of a marker's target: 24 px across at any width."""
BADGE = 14.0
"""Half the width (CSS px) of a country's badge."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One target on the map: a practice's marker, or a country's badge for its country-wide practices."""

    shape: str
    """'town', 'region' or 'country'."""
    cases: tuple[Case, ...]
    x: float
    y: float
    """Its point (map pixels); a country's badge: a point well inside the country."""
    dx: float = 0.0
    dy: float = 0.0
    """Its offset from its point in CSS pixels where the map is ASSUMED_WIDTH wide, so that neighbours do not
    overlap (an offset in CSS pixels, not map pixels: the same wherever the map is about that wide)."""
    narrow_dx: float = 0.0
    narrow_dy: float = 0.0
    """The same for a map REF_WIDTH wide (a phone): map.js takes these below NARROW px."""
    iso: str = ""
    """The badge's country."""

    @property
    def radius(self) -> float:
        return BADGE if self.shape in ("country", "cluster") else HIT


@dataclass(frozen=True, slots=True)
class MapLayout:
    view: View
    placements: tuple[Placement, ...]
    marks: tuple[Mark, ...]
    europe: tuple[Case, ...]
    """Practices that name no country on the map and no point: one badge in the map's corner."""
    shaded: dict[str, tuple[str, ...]]
    """ISO code -> the ids of every practice in that country (by its point or as a whole)."""
    europe_corner: tuple[int, int] = (0, 0)
    """Where the Europe-wide badge goes: (0 left or 1 right, 0 top or 1 bottom)."""

    @property
    def markers(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.shape != "country")

    @property
    def badges(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.shape == "country")


def _spread(marks: list[Mark], scale: float, rounds: int = 120) -> list[tuple[float, float]]:
    """Offsets (CSS px) that keep the marks from overlapping at `scale` (CSS px per map pixel): each pair that
    overlaps is pushed apart along the line between them, a little each round, so every mark moves as
    little as it must. Marks on the very same spot start round a small ring, in title order."""
    n = len(marks)
    xs = [m.x * scale for m in marks]
    ys = [m.y * scale for m in marks]
    spots: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i in sorted(range(n), key=lambda i: marks[i].cases[0].title):
        spots[(round(xs[i], 1), round(ys[i], 1))].append(i)
    for same in spots.values():
        for j, i in enumerate(same if len(same) > 1 else ()):
            angle = -math.pi / 2 + 2 * math.pi * j / len(same)
            xs[i] += math.cos(angle)
            ys[i] += math.sin(angle)
    cell = 2 * max((m.radius for m in marks), default=HIT) + 2
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        moved = False
        for (gx, gy), members in grid.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((gx + dx, gy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i:
                        continue
                    need = marks[i].radius + marks[j].radius + 2
                    dx, dy = xs[j] - xs[i], ys[j] - ys[i]
                    dist = math.hypot(dx, dy)
                    if dist >= need:
                        continue
                    if dist < 1e-6:
                        dx, dy, dist = 1.0, 0.0, 1.0
                    push = (need - dist) / 2 * 0.6 + 0.05
                    ux, uy = dx / dist, dy / dist
                    xs[i] -= ux * push
                    ys[i] -= uy * push
                    xs[j] += ux * push
                    ys[j] += uy * push
                    moved = True
        if not moved:
            break
    return [(xs[i] - m.x * scale, ys[i] - m.y * scale) for i, m in enumerate(marks)]


CLUSTER_AT = 7
"""More practices than this within one marker's reach (a cell 24 px wide on a phone) share one badge with their
count, linked to the list: spread round their spot they would cover the map (at 1,000 practices, hundreds
share a town), and spreading them costs time that grows with the square of their number (10 s a render
at 1,000 practices in `make bench`'s corpus, whose practices lie a little apart round nine towns)."""


def _clustered(marks: list[Mark], placements: Sequence[Placement], cell: float) -> list[Mark]:
    """`marks`, with those of any `cell`-wide square (map units) holding more than CLUSTER_AT practices made
    into one cluster badge at their middle."""
    cells: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for m in marks:
        cells[(int(m.x // cell), int(m.y // cell))].append(m)
    country = {p.case.id: (p.countries or ("",))[0] for p in placements}
    out: list[Mark] = []
    for same in cells.values():
        if len(same) <= CLUSTER_AT:
            out += same
            continue
        cases = tuple(sorted((c for m in same for c in m.cases), key=lambda c: c.title.casefold()))
        x, y = sum(m.x for m in same) / len(same), sum(m.y for m in same) / len(same)
        out.append(Mark("cluster", cases, x, y, iso=country[cases[0].id]))
    return out


def map_layout(cases: Iterable[Case]) -> MapLayout:
    """Every practice on the map: a marker at its point, a badge in each country it covers as a whole, or
    the Europe-wide badge; the window fitted round them all."""
    frame = load_basemap().frame
    placements = tuple(placement(c) for c in cases)
    marks: list[Mark] = []
    wide: dict[str, list[Case]] = defaultdict(list)
    europe: list[Case] = []
    shaded: dict[str, list[str]] = defaultdict(list)
    boxes = []
    for p in placements:
        coords = p.case.place.coordinates
        if p.shape in ("town", "region") and coords is not None:
            x, y = frame.to_svg(coords.lon, coords.lat)
            if frame.contains(x, y):
                marks.append(Mark(p.shape, (p.case,), x, y))
                for iso in p.countries:
                    shaded[iso].append(p.case.id)
                continue
        drawn = [iso for iso in p.countries if country_anchor(iso) is not None]
        if not drawn:
            europe.append(p.case)
            continue
        for iso in drawn:
            wide[iso].append(p.case)
            shaded[iso].append(p.case.id)
            boxes.append(country_box(iso))
    for iso, members in wide.items():
        x, y = country_anchor(iso)
        marks.append(Mark("country", tuple(members), x, y, iso=iso))
    view = fit_view([(m.x, m.y) for m in marks], [b for b in boxes if b])
    points = _clustered([m for m in marks if m.shape != "country"], placements, 2 * HIT * view.width / REF_WIDTH)
    marks = points + [m for m in marks if m.shape == "country"]
    wide_offsets = _spread(marks, ASSUMED_WIDTH / view.width)
    narrow_offsets = _spread(marks, REF_WIDTH / view.width)
    spread = tuple(Mark(m.shape, m.cases, m.x, m.y, *wide, *narrow, iso=m.iso)
                   for m, wide, narrow in zip(marks, wide_offsets, narrow_offsets))
    return MapLayout(view, placements, spread, tuple(europe), {iso: tuple(ids) for iso, ids in shaded.items()},
                     _free_corner(view, spread) if europe else (0, 0))


EUROPE_BOX = (180.0, 30.0)
"""The room (CSS px) the Europe-wide badge may take in a corner of the map."""


def _free_corner(view: View, marks: tuple[Mark, ...]) -> tuple[int, int]:
    """The corner of the map (0 left/top, 1 right/bottom) where the Europe-wide badge covers the fewest marks
    on a phone; the top left when several are free."""
    scale = REF_WIDTH / view.width
    width, height = REF_WIDTH, view.height * scale
    spots = [((m.x - view.x) * scale + m.narrow_dx, (m.y - view.y) * scale + m.narrow_dy, m.radius) for m in marks]

    def covered(corner: tuple[int, int]) -> int:
        x0 = width - EUROPE_BOX[0] - 8 if corner[0] else 8
        y0 = height - EUROPE_BOX[1] - 8 if corner[1] else 8
        return sum(1 for x, y, r in spots if x0 - r < x < x0 + EUROPE_BOX[0] + r and y0 - r < y < y0 + EUROPE_BOX[1] + r)

    return min(((0, 0), (1, 0), (0, 1), (1, 1)), key=covered)


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _shape(shape: str) -> str:
    """A marker's drawing in CSS px round (0, 0): the invisible target, then what shows."""
    hit = f'<circle class="hit" r="{_num(HIT)}"/>'
    if shape == "region":
        return hit + '<rect class="dot" x="-6" y="-6" width="12" height="12" transform="rotate(45)"/>'
    return hit + '<circle class="dot" r="6.5"/>'


def europe_map(layout: MapLayout, rel: Rel, place: Callable[[Case], str], gettext: Callable[[str], str] = str,
               country: Callable[[str], str] = country_name, title: str = "Map of the practices") -> Markup:
    """The map with a linked, labelled target for every practice: markers, country badges, the Europe-wide badge.

    Markers keep their size in CSS pixels at any width: each is drawn in a group whose scale map.js sets
    (units per CSS pixel); the build writes the scale for ASSUMED_WIDTH."""
    basemap = load_basemap()
    view = layout.view
    k = view.width / ASSUMED_WIDTH
    scale = f'<g class="map-scale" transform="scale({k:.4f})">'
    out = [
        f'<svg class="portal-map" viewBox="{view.box}" role="group" aria-label="{escape(title)}" '
        f'data-width="{view.width:.0f}" data-narrow="{NARROW}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><pattern id="map-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="hatch-bg" width="6" height="6"/>'
        '<rect class="hatch" width="2.5" height="6"/></pattern></defs>',
        f'<rect class="sea" x="{view.x:.0f}" y="{view.y:.0f}" width="{view.width:.0f}" height="{view.height:.0f}"/>',
    ]
    wide = {m.iso for m in layout.badges}
    for iso, name, d in basemap.countries:
        if iso not in layout.shaded:
            out.append(f'<path class="land" d="{d}"/>')
            continue
        css = "land has-cases covered" if iso in wide else "land has-cases"
        out.append(f'<a class="country" href="#in-{iso.lower()}" tabindex="-1" aria-hidden="true" '
                   f'data-iso="{iso}" data-cases="{" ".join(layout.shaded[iso])}">'
                   f'<path class="{css}" d="{d}"/><title>{escape(country(iso))}</title></a>')
    for m in sorted(layout.marks, key=lambda m: (m.y, m.x)):
        where = (f'<g transform="translate({m.x:.1f} {m.y:.1f})">{scale}<g class="map-offset" '
                 f'transform="translate({_num(m.dx)} {_num(m.dy)})" data-wide="{_num(m.dx)} {_num(m.dy)}" '
                 f'data-narrow="{_num(m.narrow_dx)} {_num(m.narrow_dy)}">')
        if m.shape in ("country", "cluster"):
            count = len(m.cases)
            if m.shape == "cluster":
                spot = place(m.cases[0])
                label = gettext(MAP_UI["cluster"]) % {"place": spot, "count": count}
                one = many = gettext(MAP_UI["cluster"]) % {"place": spot, "count": "{count}"}
            else:
                key = "country_one" if count == 1 else "country"
                label = gettext(MAP_UI[key]) % {"country": country(m.iso), "count": count}
                one, many = (gettext(MAP_UI[k]) % {"country": country(m.iso), "count": "{count}"}
                             for k in ("country_one", "country"))
            out.append(
                f'<a class="badge{" cluster" if m.shape == "cluster" else ""}" href="#in-{m.iso.lower() or "europe"}" aria-label="{escape(label)}" data-iso="{m.iso}" '
                f'data-one="{escape(one)}" data-many="{escape(many)}" '
                f'data-cases="{" ".join(c.id for c in m.cases)}">{where}'
                f'<rect class="hit" x="-{_num(BADGE)}" y="-12" width="{_num(2 * BADGE)}" height="24" rx="5"/>'
                f'<text class="count" y="4.5">{count}</text></g></g></g><title>{escape(label)}</title></a>'
            )
            continue
        case = m.cases[0]
        label = f"{case.title} ({place(case)}; {gettext(MAP_UI[m.shape])})"
        out.append(
            f'<a class="marker {m.shape}" href="{escape(rel("cases/" + case.id + "/"))}" aria-label="{escape(label)}" '
            f'data-case="{escape(case.id)}">{where}{_shape(m.shape)}</g></g></g><title>{escape(label)}</title></a>'
        )
    if layout.europe:
        count = len(layout.europe)
        label = gettext(MAP_UI["europe_label_one" if count == 1 else "europe_label"]) % {"count": count}
        width = 16 + 7 * len(label)
        right, bottom = layout.europe_corner
        out.append(
            f'<a class="badge europe" href="#in-europe" aria-label="{escape(label)}" '
            f'data-one="{escape(gettext(MAP_UI["europe_label_one"]))}" '
            f'data-many="{escape(gettext(MAP_UI["europe_label"]) % {"count": "{count}"})}" '
            f'data-cases="{" ".join(c.id for c in layout.europe)}">'
            f'<g transform="translate({view.x + right * view.width:.1f} {view.y + bottom * view.height:.1f})">{scale}'
            f'<g transform="translate({-8 - width if right else 8} {-34 if bottom else 8})">'
            f'<rect class="hit" width="{width}" height="26" rx="5"/>'
            f'<text class="label" x="{width / 2:.0f}" y="17.5">{escape(label)}</text></g></g></g>'
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
