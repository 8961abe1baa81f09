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
to its own index (a practice not translated into that language has no page there, see addresses.has_page).
The first bundle keeps them too, so the default language searches one index: merged from two, Pagefind ranks
each index's results by that index's own word counts, and "Igualada" put the Igualada practice sixth, behind
the guides that name it."""


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


class Indexing:
    """Pagefind writing the search bundles of a built site (for every language in it), in the background: the
    printouts are made meanwhile (both read the site; neither writes what the other reads), and with
    `practices` the bundle of the default language's practice pages (see PRACTICES) beside the first. At 1,000
    practices the two bundles took 22 s one after the other, before the printouts (make bench). `wait` raises
    SearchIndexFailed if it failed."""

    def __init__(self, site: Path, practices: bool = False) -> None:
        self.site = site
        bundles = [(BUNDLE, None), (PRACTICES, "cases/*/index.html")] if practices else [(BUNDLE, None)]
        self._runs = [(subprocess.Popen(_command(site, folder, glob), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True), folder) for folder, glob in bundles]

    def wait(self) -> None:
        failures = []
        for process, folder in self._runs:
            output, _ = process.communicate()
            if process.returncode != 0:
                failures.append(output.strip()[-800:])
            else:
                check_bundle(self.site / folder)
        if failures:
            raise SearchIndexFailed(f"Pagefind could not index the site: {failures[0]}")

    def stop(self) -> None:
        """End the indexing early (the build failed meanwhile)."""
        for process, _ in self._runs:
            process.kill()
            process.communicate()


def _command(site: Path, folder: str, glob: str | None) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", folder,
            *(("--glob", glob) if glob else ()), "--exclude-selectors", ".headerlink", "--quiet"]


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
