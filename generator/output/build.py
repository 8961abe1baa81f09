"""Stage 6, build: run `mkdocs build --strict` and swap the new site into place.

MkDocs builds into a fresh temporary folder beside `site/`; only when the build
succeeds is the old site moved aside and the new one renamed into its place. A
failed or interrupted build therefore leaves the last good `site/` serving.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
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
        try:
            address = {"site_url": site_url} if site_url else {}
            config = load_config(str(config_file), docs_dir=str(docs.resolve()), site_dir=str(staging), strict=strict,
                                 **address)
            mkdocs_build(config)
            base_url = (config.site_url or "").rstrip("/")
            for code, language_docs, nav in languages:  # each language under its own prefix: /es/, /pl/, ...
                overrides = {"nav": nav} if nav else {}
                config = load_config(str(config_file), docs_dir=str(language_docs.resolve()),
                                     site_dir=str(staging / code), strict=strict,
                                     site_url=f"{base_url}/{code}/" if base_url else None, **overrides)
                config.theme["language"] = code  # Material's own interface in that language
                config.extra["site_root"] = "../"  # from this language's root to the whole site's (search bundle)
                mkdocs_build(config)
        except (Abort, MkDocsException) as exc:
            raise BuildFailed(str(exc)) from exc
        if finish is not None:
            finish(staging)
        _swap(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


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
