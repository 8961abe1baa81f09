"""Plain text as the portal prints it: Markdown escaping, numbers, places and short titles.

Used by the page environment (`environment.py`), the scripts' data and the
printouts, so that a value reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from generator.countries import country_name
from generator.types import Case

_BREAKS = re.compile("\\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\\s*")
"""Whatever Python (or a Markdown reader) takes as a line break, with the spaces around it."""
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff]")
"""Control characters (refused by the check; dropped here all the same)."""
_EDGES = re.compile(r"^\s\s+|\s\s+$")
"""Spaces at either end, kept as one (four at a line's start would make code; two at its end a line break)."""
_INLINE = re.compile(r"([\\`*_{}\[\]|#!])")
"""Characters Python-Markdown gives a meaning anywhere in a line: each gets a backslash (its escape)."""
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_LINE_START = re.compile(r"^(?:([+=:-])|(\d+)\.)")
"""Lists, setext underlines and definitions begin so: written with a character reference or an escape."""
_NEEDS_WORK = re.compile("[\\\\`*_{}\\[\\]|#!&<>~\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|^[\\s+=:-]|^\\d+\\.|\\s\\s$")


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line, in any place a template
    puts it: a heading, a table cell, a list item, a paragraph or a link's text. Nothing in it can
    start a construct (an attribute list, a link, raw HTML, a code span, a fence, a list, a heading)."""
    text = str(text)
    if _NEEDS_WORK.search(text) is None:
        return text  # most values: nothing to escape
    text = _EDGES.sub(" ", _INVISIBLE.sub("", _BREAKS.sub(" ", text)).replace("\t", " "))
    text = _INLINE.sub(r"\\\1", text)
    text = "".join(_ENTITIES.get(c, c) for c in text) if any(c in text for c in _ENTITIES) else text
    return _LINE_START.sub(lambda m: {"=": "&#61;", ":": "&#58;"}.get(m.group(1), "\\" + m.group(1))
                           if m.group(1) else m.group(2) + "\\.", text)


_URL_SAFE = "/:?#@!$&+,;=%-._~"
"""Characters a URL keeps when printed into Markdown; the rest (parentheses, quotes, '*') are percent-encoded."""


def markdown_url(url: str) -> str:
    """A checked URL (or a path the generator made) as a Markdown link target: nothing in it can end the link."""
    return quote(url, safe=_URL_SAFE)


def format_number(value: Any) -> str:
    if isinstance(value, str):
        return value  # a text (e.g. "more than 320"), kept as it is (a translated one stays `Translated`)
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
