"""Site search for the published portal: Pagefind indexes the built HTML in chunks.

Material's own search ships one index of every page's full text (about 16 kB per
practice), which every visitor downloads before the first result. Pagefind (a
Rust indexer shipped in the `pagefind[bin]` package) splits the index into
chunks: a search fetches the few chunks holding its words and the excerpts of
the results shown, so what a visitor downloads hardly grows with the portal.
It indexes each language separately (from `<html lang>`), only the pages that
mark their content `data-pagefind-body` (generator/theme/main.html; pages that
set `search: exclude` are left out). The offline kit keeps Material's search,
as Pagefind cannot fetch its chunks from file://.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
"""The folder of the site that holds the search code and index."""
PRACTICES = "pagefind-practices"
"""A second bundle: the practices' pages in the default language only, which another language's search adds
to its own index (a practice not translated into that language has no page there, see addresses.has_page)."""


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_site(site: Path, practices: bool = False) -> None:
    """Write the search bundle into `site`/pagefind/, for every language built into `site`; with `practices`,
    also the bundle of the default language's practice pages (for the other languages' searches)."""
    _pagefind(site, "--output-subdir", BUNDLE)
    if practices:
        _pagefind(site, "--output-subdir", PRACTICES, "--glob", "cases/*/index.html")


def _pagefind(site: Path, *options: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), *options,
               "--exclude-selectors", ".headerlink", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexFailed(f"Pagefind could not index the site: {(done.stderr or done.stdout).strip()[-800:]}")
    check_bundle(site / BUNDLE)


def check_bundle(bundle: Path) -> None:
    """Pagefind says it indexed when a full disk left its files empty: the entry file must read as JSON,
    name at least one language, and every file of the bundle hold bytes."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexFailed(f"the search index was not written whole (pagefind-entry.json: {exc})") from exc
    if not isinstance(entry, dict) or not entry.get("languages"):
        raise SearchIndexFailed("the search index names no language")
    empty = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0]
    if empty:
        raise SearchIndexFailed(f"the search index was not written whole: {len(empty)} empty file(s), e.g. {empty[0]}")


@dataclass(frozen=True, slots=True)
class QueryDownload:
    """What a visitor's browser fetches for a one-word search in one language, in bytes."""

    code: int
    """The search code and styles (the same for any size of portal)."""
    catalogue: int
    """The language's list of pages (grows by a few bytes per page)."""
    chunk: int
    """The largest index chunk (a one-word search fetches one)."""
    excerpts: int
    """Five results' excerpts (the first screen of results), at the largest size found."""

    @property
    def total(self) -> int:
        return self.code + self.catalogue + self.chunk + self.excerpts


def query_download(site: Path, lang: str = "en") -> QueryDownload:
    """The bytes of a one-word search, measured on a built site (an upper bound: largest chunk and excerpts)."""
    bundle = site / BUNDLE
    code = sum((bundle / name).stat().st_size for name in
               ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json", f"wasm.{lang}.pagefind"))
    catalogue = sum(p.stat().st_size for p in bundle.glob(f"pagefind.{lang}_*.pf_meta"))
    chunk = max((p.stat().st_size for p in (bundle / "index").glob(f"{lang}_*.pf_index")), default=0)
    fragments = sorted((p.stat().st_size for p in (bundle / "fragment").glob(f"{lang}_*.pf_fragment")), reverse=True)
    return QueryDownload(code, catalogue, chunk, sum(fragments[:5]))
