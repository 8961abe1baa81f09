"""`python -m generator new case`: a commented skeleton for a new good practice.

The skeleton is valid YAML whose placeholders (FILL IN) the validator refuses,
so a case only validates once an author has filled it in.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
from slugify import slugify

from generator.countries import is_country, suggest_country
from generator.site.environment import TEMPLATES

SLUG_LENGTH = 60


class ScaffoldError(Exception):
    """The values given cannot make a case (reported to the author, exit 1)."""


def case_slug(title: str) -> str:
    """'Bielsko-Biała: Talent hub' -> 'bielsko-biala-talent-hub' (ASCII, at most 60 characters)."""
    slug = slugify(title, max_length=SLUG_LENGTH, word_boundary=True)
    if len(slug) < 2:
        raise ScaffoldError(f"cannot make an id from the title {title!r}: give a longer title or --id")
    return slug


def new_case(content: Path, title: str, city: str, country: str, slug: str | None = None,
             today: _dt.date | None = None) -> Path:
    """Write content/cases/<slug>.md from the skeleton; never overwrite a file."""
    title, city, country = title.strip(), city.strip(), country.strip().upper()
    if len(title) < 3:
        raise ScaffoldError("the title needs at least 3 characters")
    if not city:
        raise ScaffoldError("the city is missing")
    if not is_country(country):
        suggestion = suggest_country(country)
        hint = f"; did you mean {suggestion}?" if suggestion else " (two letters, e.g. ES, IT, GB)"
        raise ScaffoldError(f"{country!r} is not an ISO 3166-1 country code{hint}")
    slug = slug or case_slug(title)
    path = content / "cases" / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or pass --id")
    # YAML output, not Markdown: a plain environment; JSON strings are valid YAML strings.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    from generator.site.places import town_point

    text = env.get_template("new_case.md.j2").render(
        slug=slug, title=title, city=city, country=country, today=(today or _dt.date.today()).isoformat(),
        point=town_point(city, country),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return path


def ask_missing(values: dict[str, str | None], ask: Callable[[str], str] = input) -> dict[str, str]:
    """Prompt for each missing value when a terminal is attached; otherwise refuse."""
    prompts = {"title": "Title of the practice", "city": "City", "country": "Country (ISO code, e.g. ES)"}
    filled = {}
    for key, value in values.items():
        if not value:
            if not sys.stdin.isatty():
                raise ScaffoldError(f"--{key} is missing (and no terminal is attached to ask for it)")
            value = ask(f"{prompts[key]}: ")
        filled[key] = value or ""
    return filled
