"""Map projection for the portal's map of Europe.

Lambert azimuthal equal-area centred on 52°N 10°E: the projection of the EU's
own statistical maps (ETRS89-LAEA, EPSG:3035), on a unit sphere. The base map in
`data/europe-basemap.json` was projected with this same function
(tools/make_basemap.py), so markers placed here line up with it.
"""

from __future__ import annotations

import json
import math
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
