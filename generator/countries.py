"""Country codes: ISO 3166-1 alpha-2 via pycountry, names for display, suggestions for typos."""

from __future__ import annotations

import pycountry

_COUNTRY_ALIASES = {
    # Names and codes authors use that are not ISO 3166-1 (or no longer its English name).
    "UK": "GB", "EL": "GR", "EN": "GB", "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB",
    "GREAT BRITAIN": "GB", "TURKEY": "TR", "HOLLAND": "NL", "CZECHIA": "CZ",
}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def suggest_country(text: str) -> str | None:
    """The ISO alpha-2 code an author probably meant by `text` ('Spain' -> 'ES')."""
    text = text.strip()
    if text.upper() in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[text.upper()]
    if not text:
        return None
    if len(text) == 2 and pycountry.countries.get(alpha_2=text.upper()):
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    try:
        return pycountry.countries.search_fuzzy(text)[0].alpha_2
    except LookupError:
        return None


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None
