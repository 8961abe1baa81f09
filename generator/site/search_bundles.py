"""Which Pagefind bundles the site's search is made of: one rule for the pages that load them
(templates/portal-search.js.j2) and for the indexer that writes them (output/search.py).

Pagefind holds what it indexes in memory until it writes: about 0.32 MB per
thousand words (1,000 practice pages of about 2,000 words each: 630 MiB; make
bench), so one bundle of 4,000 practices took 2.9 GiB. The default language's
practice pages are therefore indexed in parts of at most PRACTICES_PER_BUNDLE
pages, one Pagefind after another, and a search merges the parts (Pagefind's
`mergeIndex` sorts the results of all by score; parts of like pages score alike).

- BUNDLE holds every page of every language, except the practice pages of the
  second and later parts. The default language searches it and those parts.
- The parts, PRACTICES first: the default language's practice pages. Another
  language searches its own pages in BUNDLE and all the parts, as a practice
  not translated into it has its page in the default language only (see
  addresses.has_page). The first part's pages are thus in two bundles: merged
  from two indexes, a search ranks each index's results by that index's own word
  counts, and a bundle of guides beside one of practices put the Igualada
  practice sixth for "Igualada", behind guides that name it.
"""

from __future__ import annotations

from collections.abc import Sequence

BUNDLE = "pagefind"
"""The folder of the site that holds the search code and the index of every language."""
PRACTICES = "pagefind-practices"
"""The first part of the default language's practice pages; the others add -2, -3, ..."""
PRACTICES_PER_BUNDLE = 800
"""At most this many practice pages in one part: about 500 MiB for Pagefind at 2,000 words a page. BUNDLE adds to
its part every other page of every language: 340 MiB more at 4,000 practices in nine languages (make bench)."""


def practice_bundles(count: int) -> list[str]:
    """The folders of the parts holding `count` practice pages (at least one)."""
    parts = max(1, -(-count // PRACTICES_PER_BUNDLE))
    return [PRACTICES] + [f"{PRACTICES}-{n}" for n in range(2, parts + 1)]


def practice_parts(pages: Sequence[str]) -> list[list[str]]:
    """`pages` (the practice pages) in order, cut into as many parts of near-equal size as practice_bundles."""
    ordered = sorted(pages)
    parts = len(practice_bundles(len(ordered)))
    size, rest = divmod(len(ordered), parts)
    cuts = [n * size + min(n, rest) for n in range(parts + 1)]
    return [ordered[cuts[n]:cuts[n + 1]] for n in range(parts)]
