"""The preview's search index (`make serve`), kept page by page from one dirty rebuild to the next.

Material's search plugin, in a dirty rebuild, drops the previous entries of the first page it rebuilt only
and adds the new ones of all: an edit that changes several pages (a practice's title is on every page listing
it) left duplicates in the index, or lost most of it when that first page was the home page (at 1,000
practices one title edit took it from 21,208 entries to 2,736). It also printed the whole index anew at each
rebuild, about 0.13 s at 1,000 practices (`make bench`'s serve).

Here each built page's entries are printed once, when the page is built, and the index is those texts joined
in the site's order, for the pages the site still has: after an edit it is what a full build would write.
The state lives in this module because MkDocs loads serve_hooks.py afresh for each rebuild.
"""

from __future__ import annotations

import json
from typing import Any

from material.plugins.search.plugin import SearchPlugin


class SearchPages:
    """Each page's search entries, printed as JSON, by the page's source file (src_uri)."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.order: list[str] = []
        self.settings: dict[str, Any] = {}
        """The search plugin's language, separator and pipeline, as it worked them out from the theme, and the
        theme's language they are for."""

    def keep_only(self, pages: list[str]) -> None:
        """The site's pages now, in its order: entries of pages no longer in it are dropped."""
        self.order = pages
        known = set(pages)
        self.pages = {page: text for page, text in self.pages.items() if page in known}

    def take(self, plugin: SearchPlugin, page: str) -> None:
        """Takes from the plugin the entries it has just made of `page`."""
        entries = plugin.search_index.entries
        self.pages[page] = ",".join(_printed(entry) for entry in entries)
        entries.clear()  # the plugin then writes an empty index, which `index` replaces

    def index(self, plugin: SearchPlugin) -> str:
        """search_index.json as Material's plugin writes it after a full build."""
        config = {key: plugin.search_index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        docs = ",".join(text for page in self.order if (text := self.pages.get(page)))
        return '{"config":' + _printed(config) + ',"docs":[' + docs + "]}"


def _printed(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)  # as the plugin prints its index


SEARCH = SearchPages()


def search_plugin(config: Any) -> SearchPlugin | None:
    return next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
