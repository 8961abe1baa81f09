"""Stage 6, build: run `mkdocs build --strict` and swap the new site into place.

MkDocs builds into a fresh temporary folder beside `site/`; only when the build
succeeds is the old site moved aside and the new one renamed into its place. A
failed or interrupted build therefore leaves the last good `site/` serving.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

log = logging.getLogger(__name__)


class BuildFailed(Exception):
    """MkDocs refused to build (a warning under --strict counts)."""


def build_site(config_file: Path, docs: Path, site: Path, strict: bool = True,
               finish: Callable[[Path], object] | None = None,
               languages: Sequence[tuple[str, Path, object]] = (), site_url: str | None = None) -> None:
    """Build `docs` with the settings in `config_file` into `site`, atomically.

    `finish` runs on the new site before it is swapped in (e.g. to print PDFs);
    if it fails, the previous site stays. `site_url` overrides mkdocs.yml's (see config.py).
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
    try:
        address = {"site_url": site_url} if site_url else {}
        try:
            config = load_config(str(config_file), docs_dir=str(docs.resolve()), site_dir=str(staging), strict=strict,
                                 **address)
        except (Abort, MkDocsException) as exc:
            raise BuildFailed(str(exc)) from exc
        base_url = (config.site_url or "").rstrip("/")
        jobs = [(str(config_file), code, str(language_docs.resolve()), nav, str(staging / code), strict, base_url)
                for code, language_docs, nav in languages]
        if jobs and (os.cpu_count() or 1) > 1:  # the other languages on the second core, meanwhile
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                others = pool.submit(_build_languages, jobs)
                _mkdocs(config)
                failed = others.result()
        else:
            _mkdocs(config)
            failed = _build_languages(jobs)
        if failed:
            raise BuildFailed(failed)
        if finish is not None:
            finish(staging)
        _swap(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _mkdocs(config: MkDocsConfig) -> None:
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(str(exc)) from exc


def _build_languages(jobs: Sequence[tuple[str, str, str, object, str, bool, str]]) -> str | None:
    """Build each language under its own prefix (/es/, /pl/, ...); why one failed, or None.

    Runs in a second process while the first builds the default language: the
    languages hold their own interface pages and translations only (see
    site/addresses.has_page), so together they take less than the default
    language, and the two cores finish at about the same time.
    """
    for config_file, code, docs, nav, target, strict, base_url in jobs:
        overrides = {"nav": nav} if nav else {}
        try:
            config = load_config(config_file, docs_dir=docs, site_dir=target, strict=strict,
                                 site_url=f"{base_url}/{code}/" if base_url else None, **overrides)
            config.theme["language"] = code  # Material's own interface in that language
            config.extra["site_root"] = "../"  # from this language's root to the whole site's (search bundle)
            mkdocs_build(config)
        except (Abort, MkDocsException) as exc:
            return f"{code}: {exc}"
    return None


def _swap(new: Path, site: Path) -> None:
    """Move `new` to `site`, keeping the old site until the new one is in place."""
    old = site.with_name(f".{site.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
