"""Site search for the published portal: Pagefind indexes the built HTML in chunks.

Material's own search ships one index of every page's full text (about 16 kB per
practice), which every visitor downloads before the first result. Pagefind (a
Rust indexer shipped in the `pagefind[bin]` package) splits the index into
chunks: a search fetches the few chunks holding its words and the excerpts of
the results shown, so what a visitor downloads hardly grows with the portal.
It indexes each language separately (from `<html lang>`), only the pages that
mark their content `data-pagefind-body` (generator/theme/main.html; pages that
set `search: exclude` are left out), into the bundles of site/search_bundles.py.
The offline kit keeps Material's search, as Pagefind cannot fetch its chunks
from file://.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.site.search_bundles import BUNDLE, PRACTICES, practice_bundles, practice_parts


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """One Pagefind run: the bundle folder it writes in the site, and the pages it indexes (None: all)."""

    folder: str
    pages: tuple[str, ...] | None = None


def bundles(site: Path, practice_pages: Sequence[str], languages: bool) -> list[Bundle]:
    """The bundles of a built site (see search_bundles): BUNDLE, less the practice pages of the later parts, then
    the parts (the first only for `languages`: the default language finds its pages in BUNDLE)."""
    parts = practice_parts(practice_pages)
    later = {page for part in parts[1:] for page in part}
    first = Bundle(BUNDLE, None if not later else tuple(
        page for page in _html_pages(site) if page not in later))
    named = zip(practice_bundles(len(practice_pages)), parts)
    return [first, *(Bundle(folder, tuple(part)) for n, (folder, part) in enumerate(named) if n or languages)]


def _html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


class Indexing:
    """Pagefind writing the search bundles of a built site (for every language in it), in the background: the
    printouts are made meanwhile (both read the site; neither writes what the other reads). The bundles are
    written one after another, so that Pagefind holds one part of the portal at a time (see search_bundles).
    At 4,000 practices the six bundles took about 60 s one after another, the printouts made meanwhile.
    `wait` raises SearchIndexFailed if one failed."""

    def __init__(self, site: Path, practice_pages: Sequence[str] = (), languages: bool = False) -> None:
        self.site = site
        self.bundles = bundles(site, practice_pages, languages)
        self._failures: list[str] = []
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for bundle in self.bundles:
                if not self._index(bundle):
                    return
        except OSError as exc:
            self._failures.append(f"could not gather the pages to index: {exc}")

    def _index(self, bundle: Bundle) -> bool:
        """Write one bundle; False when it failed or the indexing was stopped."""
        with tempfile.TemporaryDirectory(prefix=f"{self.site.name}-search-", dir=self.site.parent) as tree:
            pages = self.site if bundle.pages is None else _linked(self.site, bundle.pages, Path(tree))
            with self._lock:
                if self._stopped:
                    return False
                process = self._process = subprocess.Popen(_command(pages, self.site / bundle.folder),
                                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            output, _ = process.communicate()
        if process.returncode != 0:
            self._failures.append(output.strip()[-800:])
        return process.returncode == 0

    def wait(self) -> None:
        self._thread.join()
        if self._failures:
            raise SearchIndexFailed(f"Pagefind could not index the site: {self._failures[0]}")
        for bundle in self.bundles:
            check_bundle(self.site / bundle.folder)

    def stop(self) -> None:
        """End the indexing early (the build failed meanwhile)."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self._thread.join()


def _linked(site: Path, pages: Sequence[str], tree: Path) -> Path:
    """`tree` holding `pages` of `site` at the same paths (hard links; copies where the system refuses a link),
    so that Pagefind gives them the same addresses as in the site."""
    for page in pages:
        target = tree / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copy2(site / page, target)
    return tree


def _command(pages: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
            "--exclude-selectors", ".headerlink", "--quiet"]


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
    """What a visitor's browser fetches for a one-word search in the default language, in bytes."""

    code: int
    """The search code and styles (the same for any size of portal)."""
    catalogue: int
    """The language's list of pages in each bundle searched, with the entry files of the later parts (grows by a
    few bytes per page)."""
    chunk: int
    """The largest index chunk of each bundle searched (a one-word search fetches one from each)."""
    excerpts: int
    """Five results' excerpts (the first screen of results), at the largest size found."""

    @property
    def total(self) -> int:
        return self.code + self.catalogue + self.chunk + self.excerpts


def query_download(site: Path, lang: str = "en") -> QueryDownload:
    """The bytes of a one-word search in the default language `lang`, which searches BUNDLE and the later parts
    of the practices (see search_bundles), measured on a built site (an upper bound: largest chunk and excerpts)."""
    bundle = site / BUNDLE
    later = sorted(site.glob(f"{PRACTICES}-*"))
    code = sum((bundle / name).stat().st_size for name in
               ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json", f"wasm.{lang}.pagefind"))
    catalogue = sum((part / "pagefind-entry.json").stat().st_size for part in later)
    chunk, fragments = 0, []
    for folder in (bundle, *later):
        catalogue += sum(p.stat().st_size for p in folder.glob(f"pagefind.{lang}_*.pf_meta"))
        chunk += max((p.stat().st_size for p in (folder / "index").glob(f"{lang}_*.pf_index")), default=0)
        fragments += [p.stat().st_size for p in (folder / "fragment").glob(f"{lang}_*.pf_fragment")]
    return QueryDownload(code, catalogue, chunk, sum(sorted(fragments, reverse=True)[:5]))
