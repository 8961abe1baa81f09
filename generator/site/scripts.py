"""The data files the pages' scripts read: `window.PORTAL_<NAME> = {...};`, loaded with a <script src>, so the
pages also work from file:// (the offline kit) and under a Content-Security-Policy without inline script.

`make serve` keeps each practice's printed entry between renders (a `Piece` is `RenderMemo.piece`): printing
the compare, plan and CSV data of 1,000 practices again took about 0.15 s of each regeneration."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

Piece = Callable[[str, tuple[object, ...], Callable[[], str]], str]
"""(name, what the piece is made from, how to make it) -> the piece: kept from last time, or made now. What it
is made from need not name the render's options, vocabularies and templates (the memo's `common`), nor what the
page's language alone decides (its translations, place names, addresses)."""


def made(name: str, parts: tuple[object, ...], make: Callable[[], str]) -> str:
    """The `Piece` that keeps nothing (every build but `make serve`)."""
    return make()


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_object(entries: Iterable[tuple[str, str]]) -> str:
    """A JSON object from (key, printed value) pairs."""
    return "{" + ",".join(f"{compact(key)}:{value}" for key, value in entries) + "}"


def json_array(items: Iterable[str]) -> str:
    """A JSON array from printed values."""
    return "[" + ",".join(items) + "]"


def assignment(name: str, data: Mapping[str, object], printed: Mapping[str, str] | None = None) -> str:
    """`window.<name> = <data as JSON>;`, where the keys in `printed` (after those of `data`) get that JSON text
    as it is, and with no "</" in it (harmless in a script file, but it keeps the data safe to inline)."""
    text = json_object([*((key, compact(value)) for key, value in data.items()), *(printed or {}).items()])
    return f"window.{name} = " + text.replace("</", "<\\/") + ";\n"
