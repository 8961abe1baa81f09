"""Make generator/data/europe-basemap.json from Natural Earth's 1:50m countries.

Natural Earth data is in the public domain. It comes here through the npm package
`world-atlas` (a TopoJSON redistribution): `npm pack world-atlas@2.0.2`, unpack it,
then run

    .venv/bin/python tools/make_basemap.py package/countries-50m.json

The output holds SVG path data already projected (see generator/geo.py) and
clipped to the map frame, so building the site needs no geographic library.
Run it only to change the frame or the source data; the result is committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

from generator.geo import BASEMAP, Frame

# Iceland to the Caspian, Crete to North Cape, in the LAEA plane.
FRAME = Frame(x0=-0.30, y0=-0.30, x1=0.42, y1=0.36, width=800)
MIN_STEP = 1.5  # px: drop points closer than this to the last kept one


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points: list[tuple[float, float]], width: float, height: float) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clipping of a polygon to the rectangle [0,width] x [0,height]."""
    edges = [
        (lambda p: p[0] >= 0, lambda a, b: (0, a[1] + (b[1] - a[1]) * (0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= width, lambda a, b: (width, a[1] + (b[1] - a[1]) * (width - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= 0, lambda a, b: (a[0] + (b[0] - a[0]) * (0 - a[1]) / (b[1] - a[1]), 0)),
        (lambda p: p[1] <= height, lambda a, b: (a[0] + (b[0] - a[0]) * (height - a[1]) / (b[1] - a[1]), height)),
    ]
    for inside, cut in edges:
        if not points:
            break
        out = []
        for j, current in enumerate(points):
            previous = points[j - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cut(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cut(previous, current))
        points = out
    return points


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for points in rings:
        projected = [FRAME.to_svg(lon, lat) for lon, lat in points if -60 < lon < 90 and lat > 20]
        if len(projected) < 3:
            continue
        projected = clip(projected, FRAME.width, FRAME.height)
        kept: list[tuple[float, float]] = []
        for p in projected:
            if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= MIN_STEP:
                kept.append(p)
        if len(kept) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in kept) + "Z")
    return "".join(parts)


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]] if geometry["type"] == "Polygon" else []
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        d = path_data(rings)
        if d:
            country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3)) if geometry.get("id") else None
            countries.append({"iso": country.alpha_2 if country else "", "name": geometry["properties"]["name"], "d": d})
    data = {
        "frame": {"x0": FRAME.x0, "y0": FRAME.y0, "x1": FRAME.x1, "y1": FRAME.y1, "width": FRAME.width},
        "attribution": "Boundaries: Natural Earth 1:50m (public domain), via the world-atlas package.",
        "countries": sorted(countries, key=lambda c: c["name"]),
    }
    BASEMAP.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {BASEMAP}: {len(countries)} countries, {BASEMAP.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main(sys.argv[1])
