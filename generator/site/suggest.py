"""The words the header's search suggests for a mistyped query ("Did you mean: Igualada").

Pagefind matches whole words and their beginnings, so "Igulada" finds nothing.
Each language's site ships a small list (assets/search-terms.json): the words of
its practices' and networks' titles and the names of their places (towns,
regions, countries in that language). When a query has few results, the search
script (templates/portal-search.js.j2) offers the terms nearest to each of its
words by edit distance (Damerau-Levenshtein, ignoring case and accents), in the
browser: no server.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable

from generator.countries import country_name
from generator.site.model import SiteModel

TERMS = "assets/search-terms.json"
MIN_LETTERS = 4
"""Shorter words are left out: too many of them lie within one edit of any short query."""
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def folded(word: str) -> str:
    """A word as compared: lower case, without accents (the script folds the query the same way)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a title or name, hyphenated ones split too ('AS-FABRIK' -> AS-FABRIK, FABRIK)."""
    out = []
    for word in _WORD.findall(text):
        word = re.sub(r"['’]s$", "", word)  # Bilbao's -> Bilbao
        out.append(word)
        out += [part for part in re.split(r"['’-]", word) if part != word]
    return [w for w in out if len(w) >= MIN_LETTERS]


def search_terms(model: SiteModel, translate: Callable[[str], str] = str) -> list[str]:
    """Every term, once (by its folded form, keeping the first spelling met), in a stable order."""
    texts: list[str] = []
    for case in model.cases:
        place = case.place
        texts += [case.title, place.city or "", place.region or "", place.area or ""]
        texts += [translate(country_name(code)) for code in (place.country, *place.countries) if code]
    for network in model.networks:
        texts.append(network.title)
        texts += [m.city or "" for m in network.members]
    return _unique(w for text in texts for w in words(text))


def _unique(terms: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for term in terms:
        seen.setdefault(folded(term), term)
    return sorted(seen.values(), key=folded)


def terms_file(model: SiteModel, translate: Callable[[str], str] = str) -> str:
    return json.dumps({"terms": search_terms(model, translate)}, ensure_ascii=False, separators=(",", ":")) + "\n"
