"""How each practice goes on the map, from its place (the real content)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.places import countries_of, placement

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model(real_model):
    return real_model


@pytest.mark.parametrize("case_id, shape, countries", [
    ("bilbao-as-fabrik", "town", ("ES",)),
    ("techtera", "region", ("FR",)),               # a region: at its seat (Lyon)
    ("star-dust-meta-cluster", "region", ()),      # an area: at its centre, no countries named
    ("alplastics-meta-cluster", "countries", ("IT", "FR", "AT", "DE", "CH")),
    ("coronavirusmakers-maker-networks", "countries", ("ES", "BE")),
    ("lifestyle-design-cluster", "countries", ("DK",)),  # national, no town in the sources
    ("pole-vehicule-du-futur", "countries", ("FR",)),    # its sources name no town or region of its own
    ("european-cluster-alliance-response-forum", "europe", ()),
])
def test_each_practice_is_placed_as_its_place_says(model, case_id, shape, countries):
    p = placement(model.case_by_id[case_id])
    assert (p.shape, p.countries) == (shape, countries)


def test_every_practice_with_a_city_or_region_has_a_point(model):
    for case in model.cases:
        if case.place.city or case.place.region:
            assert case.place.coordinates is not None, case.id
            assert placement(case).shape in ("town", "region")
        assert countries_of(case) or case.place.scope in ("transnational", "european"), case.id
