"""Plain text as the portal prints it: Markdown escaping, numbers, places and short titles.

Used by the page environment (`environment.py`), the scripts' data and the
printouts, so that a value reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.countries import country_name
from generator.types import Case

_NEWLINES = re.compile(r"\s*\n\s*")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


_SPECIAL = re.compile(r"[\\`*_\[\]|~&<>\n]")


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    text = str(text)
    if _SPECIAL.search(text) is None and _LINE_START.match(text) is None:
        return text  # most values: nothing to escape
    text = _NEWLINES.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def format_number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    # Group thousands with a narrow space, but leave four-digit numbers (and years) whole.
    return text.replace(",", "\u202f") if abs(value) >= 10_000 else text.replace(",", "")


def oneline(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def short_title(title: str) -> str:
    """'AS-FABRIK: Bilbao's programme' -> 'AS-FABRIK' (the name before a colon)."""
    head = title.split(": ", 1)[0]
    return head if len(head) >= 3 else title


def case_place(case: Case, translate: Callable[[str], str] = str) -> str:
    """'Bilbao, Basque Country, Spain' or the area of a transnational practice (country named in a language)."""
    place = case.place
    parts = [p for p in (place.city, place.region) if p]
    if place.country:
        parts.append(translate(country_name(place.country)))
    elif place.area:
        parts.append(place.area)
    return ", ".join(parts) or place.scope.capitalize()
