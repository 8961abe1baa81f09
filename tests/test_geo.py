"""The map's geometry: the window fitted to the practices, countries' mainland boxes and inner points."""

from __future__ import annotations

from generator import geo


def test_the_window_holds_every_point_and_box_with_a_margin_and_a_sane_shape():
    frame = geo.load_basemap().frame
    points = [frame.to_svg(-2.9253, 43.2627), frame.to_svg(11.3388, 44.4938)]  # Bilbao, Bologna
    box = geo.country_box("DK")
    view = geo.fit_view(points, [box])
    assert all(view.contains(x - 20, y) and view.contains(x + 20, y) for x, y in points)
    assert view.contains(box[0], box[1]) and view.contains(box[2], box[3])
    assert 1.0 <= view.width / view.height <= 1.6 + 1e-9
    assert view.width < frame.width / 1.5  # not the whole of Europe: no Caspian, no North Cape
    assert 0 <= view.x and view.x + view.width <= frame.width and 0 <= view.y and view.y + view.height <= frame.height


def test_a_country_box_is_its_mainland_and_larger_islands():
    frame = geo.load_basemap().frame
    x0, y0, x1, y1 = geo.country_box("ES")
    canaries = frame.to_svg(-15.5, 28.1)
    mallorca_east = frame.to_svg(3.4, 39.6)
    assert not (x0 <= canaries[0] <= x1 and y0 <= canaries[1] <= y1)
    assert x0 <= mallorca_east[0] <= x1 + 1  # the Balearics are not small beside the cut-off
    x0, y0, x1, y1 = geo.country_box("IT")
    sicily = frame.to_svg(14.0, 37.5)
    assert x0 <= sicily[0] <= x1 and y0 <= sicily[1] <= y1
    assert geo.country_box("ZZ") is None


def test_a_country_anchor_lies_well_inside_it():
    for iso in ("FR", "DK", "IT", "BE", "CH", "ES"):
        x, y = geo.country_anchor(iso)
        outline = geo._outline(iso)
        assert geo._inside(outline, x, y), iso
        assert geo._distance(outline, x, y) > 3, iso
