"""Map projection for the portal's map of Europe.

Lambert azimuthal equal-area centred on 52°N 10°E: the projection of the EU's
own statistical maps (ETRS89-LAEA, EPSG:3035), on a unit sphere. The base map in
`data/europe-basemap.json` was projected with this same function
(tools/make_basemap.py), so markers placed here line up with it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LAT0, LON0 = math.radians(52.0), math.radians(10.0)
BASEMAP = Path(__file__).parent / "data" / "europe-basemap.json"


def laea(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) in degrees -> (x, y) on the unit sphere's LAEA plane (y up)."""
    lam, phi = math.radians(lon), math.radians(lat)
    k = math.sqrt(2 / (1 + math.sin(LAT0) * math.sin(phi) + math.cos(LAT0) * math.cos(phi) * math.cos(lam - LON0)))
    x = k * math.cos(phi) * math.sin(lam - LON0)
    y = k * (math.cos(LAT0) * math.sin(phi) - math.sin(LAT0) * math.cos(phi) * math.cos(lam - LON0))
    return x, y


@dataclass(frozen=True, slots=True)
class Frame:
    """Where the projected plane lands in the SVG: plane window -> width x height pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: int

    @property
    def height(self) -> int:
        return round(self.width * (self.y1 - self.y0) / (self.x1 - self.x0))

    def to_svg(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = laea(lon, lat)
        scale = self.width / (self.x1 - self.x0)
        return (x - self.x0) * scale, (self.y1 - y) * scale

    def contains(self, sx: float, sy: float) -> bool:
        return 0 <= sx <= self.width and 0 <= sy <= self.height


@dataclass(frozen=True, slots=True)
class Basemap:
    frame: Frame
    countries: tuple[tuple[str, str, str], ...]
    """(ISO alpha-2 or '', name, SVG path data)"""
    attribution: str


@lru_cache(maxsize=1)
def load_basemap() -> Basemap:
    data = json.loads(BASEMAP.read_text(encoding="utf-8"))
    frame = Frame(**data["frame"])
    return Basemap(frame, tuple((c["iso"], c["name"], c["d"]) for c in data["countries"]), data["attribution"])


# --- which country a point lies in ---------------------------------------------------

NEAR_PX = 3.0
"""How far (in map pixels, about 6 km each) a point may lie outside its country's outline and still count as in it:
the outlines are simplified, so a coastal or border town can fall just outside."""

_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_BAND = 8.0
"""Height (map pixels) of the horizontal bands the outline edges are sorted into, so a point meets only a few."""

Edge = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class _Outline:
    box: tuple[float, float, float, float]
    edges: tuple[Edge, ...]
    bands: dict[int, tuple[Edge, ...]]
    """band number -> the edges that reach into it"""


@lru_cache(maxsize=1)
def _paths() -> dict[str, str]:
    return {iso: d for iso, _, d in load_basemap().countries if iso}


@lru_cache(maxsize=None)
def _outline(iso: str) -> _Outline | None:
    """The outline of one country on the base map, in map pixels (built when first asked for)."""
    d = _paths().get(iso)
    if d is None:
        return None
    edges: list[Edge] = []
    for part in d.split("M"):
        ring = [(float(x), float(y)) for x, y in _POINT.findall(part)]
        edges += [(x1, y1, x2, y2) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])]
    bands: dict[int, list[Edge]] = {}
    for edge in edges:
        for band in range(int(min(edge[1], edge[3]) // _BAND), int(max(edge[1], edge[3]) // _BAND) + 1):
            bands.setdefault(band, []).append(edge)
    xs = [e[0] for e in edges]
    ys = [e[1] for e in edges]
    return _Outline((min(xs), min(ys), max(xs), max(ys)), tuple(edges), {b: tuple(es) for b, es in bands.items()})


def _inside(outline: _Outline, x: float, y: float) -> bool:
    """Even-odd rule on a ray to the right: only the edges of the point's band can cross it."""
    inside = False
    for x1, y1, x2, y2 in outline.bands.get(int(y // _BAND), ()):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _distance(outline: _Outline, x: float, y: float) -> float:
    best = math.inf
    for x1, y1, x2, y2 in outline.edges:
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def off_country(iso: str, lon: float, lat: float) -> float | None:
    """How far (map pixels) the point lies outside country `iso`: 0 inside it; None when the map cannot tell
    (it lacks the country, or the point lies beyond the map's frame, where outlines are cut off)."""
    outline = _outline(iso)
    if outline is None:
        return None
    frame = load_basemap().frame
    x, y = frame.to_svg(lon, lat)
    if not frame.contains(x, y):
        return None
    x0, y0, x1, y1 = outline.box
    if x0 - NEAR_PX <= x <= x1 + NEAR_PX and y0 - NEAR_PX <= y <= y1 + NEAR_PX:
        return 0.0 if _inside(outline, x, y) else _distance(outline, x, y)
    return math.inf


def country_at(lon: float, lat: float) -> str | None:
    """The ISO code of the country on the map that holds the point, if any."""
    for iso in _paths():
        if off_country(iso, lon, lat) == 0.0:
            return iso
    return None


# --- the part of the map the practices need ------------------------------------------

MAINLAND_SHARE = 0.05
"""A country's rings smaller than this share of its largest ring (the Canaries, Corsica, Bornholm) do not
widen the map's frame: a practice covering Spain needs mainland Spain in view, not the Atlantic."""


def _rings(iso: str) -> list[list[tuple[float, float]]]:
    d = _paths().get(iso, "")
    return [[(float(x), float(y)) for x, y in _POINT.findall(part)] for part in d.split("M") if part]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


@lru_cache(maxsize=None)
def country_box(iso: str) -> tuple[float, float, float, float] | None:
    """The box (map pixels: x0, y0, x1, y1) round a country's mainland and its larger islands; None if not drawn."""
    rings = [r for r in _rings(iso) if len(r) >= 3]
    if not rings:
        return None
    largest = max(_area(r) for r in rings)
    kept = [p for r in rings if _area(r) >= MAINLAND_SHARE * largest for p in r]
    xs, ys = [p[0] for p in kept], [p[1] for p in kept]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=None)
def country_anchor(iso: str) -> tuple[float, float] | None:
    """A point well inside a country's largest ring (map pixels), for a label or badge: of a grid over that
    ring, the point farthest from the outline (near the 'pole of inaccessibility')."""
    rings = [r for r in _rings(iso) if len(r) >= 3]
    outline = _outline(iso)
    if not rings or outline is None:
        return None
    ring = max(rings, key=_area)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    steps = 16
    best, best_d = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2), -1.0
    for i in range(1, steps):
        for j in range(1, steps):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if _inside(outline, x, y) and (d := _distance(outline, x, y)) > best_d:
                best, best_d = (x, y), d
    return best


@dataclass(frozen=True, slots=True)
class View:
    """The window of the base map an SVG shows (its viewBox), in map pixels."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    @property
    def box(self) -> str:
        return f"{self.x:.0f} {self.y:.0f} {self.width:.0f} {self.height:.0f}"


def fit_view(points: list[tuple[float, float]], boxes: list[tuple[float, float, float, float]],
             margin: float = 0.08, min_margin: float = 24.0, aspect: tuple[float, float] = (1.0, 1.6),
             min_width: float = 160.0) -> View:
    """The smallest window that holds every point and box with a margin (a share of the window, at least
    `min_margin` map pixels), widened or heightened to an aspect ratio (width / height) within `aspect`,
    and kept inside the base map's frame (shifted, not cut, where there is room)."""
    frame = load_basemap().frame
    if not points and not boxes:
        return View(0, 0, frame.width, frame.height)
    xs = [p[0] for p in points] + [b[0] for b in boxes] + [b[2] for b in boxes]
    ys = [p[1] for p in points] + [b[1] for b in boxes] + [b[3] for b in boxes]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    mx = max(min_margin, margin * (x1 - x0))
    my = max(min_margin, margin * (y1 - y0))
    x0, x1, y0, y1 = x0 - mx, x1 + mx, y0 - my, y1 + my
    width, height = max(x1 - x0, min_width), y1 - y0
    width, height = max(width, height * aspect[0]), max(height, width / aspect[1])
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = min(width, frame.width), min(height, frame.height)
    x = min(max(cx - width / 2, 0.0), frame.width - width)
    y = min(max(cy - height / 2, 0.0), frame.height - height)
    return View(x, y, width, height)
