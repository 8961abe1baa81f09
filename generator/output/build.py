"""Stage 6, build: run `mkdocs build --strict` and swap the new site into place.

MkDocs builds into a fresh folder beside `site/`; every page carries the Content-Security-Policy
(audit.py), and only when the build, the steps after it (`finish`) and the audit have succeeded is
the new folder exchanged with `site/` in one system call (Linux's renameat2 with RENAME_EXCHANGE),
so `site/` is complete at every instant; the old site is then removed. A failed or interrupted
build leaves the last good `site/` serving; whatever a killed build left is removed by the next
(builds take a lock, so none removes another's work). Any error, a full disk included, is a
`BuildFailed`.

A rebuild starts from a copy of the last good site (hard links, see `_link_tree`) and lets MkDocs
rebuild only the pages whose generated Markdown changed (its "dirty" build: the generator rewrites a
page only when its bytes change, so an older page is unchanged), then removes what the new build no
longer has. That holds only while everything else a page is made from is the same: mkdocs.yml, the
theme and its overrides, MkDocs' and Material's versions, the site address, the languages, their
navigation and catalogs.
Their hash is kept beside the site (`.site.inputs`); when it differs, or there is none, the build
starts empty. At 1,000 practices a rebuild after one edit ran MkDocs on a few dozen pages instead
of every page (see README, Performance, and `make bench`'s rebuild).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import fnmatch
import hashlib
import logging
import multiprocessing
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.structure.files import get_files
from mkdocs.utils.yaml import yaml_load

from generator import i18n
from generator.output.audit import audit_site, policy, theme_script_hashes
from generator.site.pages import localise_theme

log = logging.getLogger(__name__)

DIRECTORY_MODE, FILE_MODE = 0o755, 0o644
"""What a web server expects to read (mkdtemp makes folders 0700)."""


class BuildFailed(Exception):
    """The site was not built: MkDocs refused (a warning under --strict counts), a step after it failed,
    the audit found something that could run, or the disk would not take it."""


def build_site(config_file: Path, docs: Path, site: Path, strict: bool = True,
               finish: Callable[[Path], object] | None = None,
               languages: Sequence[tuple[str, Path, object]] = (), site_url: str | None = None,
               reuse: bool = True, cache: Path | None = None) -> None:
    """Build `docs` with the settings in `config_file` into `site`, atomically.

    `finish` runs on the new site before it is audited and swapped in (e.g. to print PDFs);
    if it fails, the previous site stays. `site_url` overrides mkdocs.yml's (see config.py).
    `reuse`: start from the last good site when its inputs are the same (see the module's docstring).
    `cache`: where the audit keeps the hashes of the documents it found clean (see audit.audit_site).
    """
    site = Path(os.path.abspath(site))
    record = site.with_name(f".{site.name}.inputs")
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        with _lock(site):
            _remove_leftovers(site)
            staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
            try:
                inputs = _inputs(config_file, languages, site_url, strict)
                dirty = reuse and site.is_dir() and _read(record) == inputs
                if dirty:
                    _link_tree(site, staging)
                    for folder in staging.iterdir():
                        if _after_mkdocs(folder.name):
                            _remove(folder)  # made afresh
                csp = _mkdocs(config_file, docs, staging, strict, languages, site_url, dirty)
                if finish is not None:
                    finish(staging)
                findings = audit_site(staging, csp, passed=cache / "audit-clean.txt" if cache else None)
                if findings:
                    listed = "; ".join(f"{f.file}: {f.what}" for f in findings[:5])
                    raise BuildFailed(f"the audit of the built pages found {len(findings)} thing(s) that could run "
                                      f"a script: {listed}")
                _publishable(staging)
                record.unlink(missing_ok=True)  # from here until it is written again, the site is not reused
                _swap(staging, site)
                record.write_text(inputs, encoding="utf-8")
            finally:
                _remove(staging)
    except OSError as exc:
        raise BuildFailed(f"could not write the site: {exc.strerror or exc} ({exc.filename or site})") from exc


def _inputs(config_file: Path, languages: Sequence[tuple[str, Path, object]], site_url: str | None,
            strict: bool) -> str:
    """A hash of what every page is made from besides its own Markdown (see the module's docstring)."""
    import material
    import mkdocs

    with open(config_file, "rb") as handle:
        settings = yaml_load(handle) or {}
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    digest = hashlib.sha256(repr((mkdocs.__version__, material.__version__, site_url, strict,
                                  [(code, nav) for code, _, nav in languages])).encode("utf-8"))
    digest.update(config_file.read_bytes())
    for code in sorted({i18n.default_language(), *(code for code, _, _ in languages)}):
        catalog = i18n.po_path(code)  # the theme's words in each language (e.g. the colour-scheme toggle's)
        digest.update(catalog.read_bytes() if catalog.is_file() else b"")
    custom = config_file.parent / theme["custom_dir"] if theme.get("custom_dir") else None
    for path in sorted(custom.rglob("*")) if custom is not None and custom.is_dir() else ():
        if path.is_file():
            digest.update(str(path.relative_to(custom)).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


class QuietDirty(logging.Filter):
    """MkDocs warns at every dirty build, which --strict would count as a failure; the build checks instead
    that nothing stale is left (`_prune`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _run_mkdocs(config: MkDocsConfig, dirty: bool) -> None:
    """`mkdocs build` into config.site_dir; `dirty`: over the last good site, rebuilding only changed pages."""
    if not dirty:
        mkdocs_build(config)
    else:
        quiet = QuietDirty()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        _unlink(os.path.join(config.site_dir, "sitemap.xml.gz"))  # MkDocs opens it in place, past its write_file
        try:
            with _writes_new_files():
                mkdocs_build(config, dirty=True)
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        _prune(config)
    _drop_unused_theme_files(config)


def _link_tree(site: Path, staging: Path) -> None:
    """`site`'s folders made again in `staging`, each file a hard link to the site's (a copy where the system
    refuses a link). At 1,000 practices copying the site's 250 MB took 3 s and removing the old site afterwards
    2.4 s, each a part of the rebuild's 1.5x target (make bench); links take a fraction of a second each way.
    A link shares its bytes with the live site, so nothing may write into one: MkDocs writes each page as a new
    file (`_writes_new_files`), and the steps after it write only into folders made afresh (AFTER_MKDOCS)."""
    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.copytree(site, staging, symlinks=True, dirs_exist_ok=True, copy_function=link)


@contextmanager
def _writes_new_files() -> Iterator[None]:
    """MkDocs writing each file it writes (pages, theme files, sitemap) as a new file, never into the file there:
    in a rebuild that file is a hard link to the live site's (`_link_tree`). MkDocs writes through
    `mkdocs.utils.write_file` and `copy_file`, which open the target in place; these first remove the link."""
    import mkdocs.utils

    write_file, copy_file = mkdocs.utils.write_file, mkdocs.utils.copy_file

    def write_new(content: bytes, output_path: str) -> None:
        _unlink(output_path)
        write_file(content, output_path)

    def copy_new(source_path: str, output_path: str) -> None:
        _unlink(os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) else output_path)
        copy_file(source_path, output_path)

    mkdocs.utils.write_file, mkdocs.utils.copy_file = write_new, copy_new
    try:
        yield
    finally:
        mkdocs.utils.write_file, mkdocs.utils.copy_file = write_file, copy_file


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


UNUSED_THEME_FILES = ("assets/javascripts/lunr", "assets/javascripts/workers")
"""Material's own search (its worker and the lunr languages), which a site searched with Pagefind never loads."""


def _drop_unused_theme_files(config: MkDocsConfig) -> None:
    """Remove from one language's site the theme files no page loads: Material's search when its plugin is off,
    and the source maps of its minified scripts and styles (a browser fetches one only when its developer tools
    are open). Each language has its own copy: at 1,000 practices in 9 languages they were 21 MB of the site."""
    site = Path(config.site_dir)
    if "search" not in config.plugins:
        for folder in UNUSED_THEME_FILES:
            shutil.rmtree(site / folder, ignore_errors=True)
    for folder in ("assets/javascripts", "assets/stylesheets"):
        for source_map in (site / folder).glob("*.map"):
            source_map.unlink()


def _prune(config: MkDocsConfig) -> None:
    """Remove from the site what its docs no longer make (a page deleted since the last build), except the
    other languages' folders, which their own builds prune, and the files the steps after MkDocs write."""
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    made = {file.dest_uri for file in files}
    made |= {*config.theme.static_templates, "sitemap.xml.gz"}
    site = Path(config.site_dir)
    keep = set(config.extra.get("languages_built", ()))
    for here, dirs, names in os.walk(site):
        relative = os.path.relpath(here, site).replace(os.sep, "/")
        if relative == ".":
            dirs[:] = [d for d in dirs if d not in keep and not _after_mkdocs(d)]
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path not in made:
                os.unlink(os.path.join(here, name))
    for here, _dirs, _names in os.walk(site, topdown=False):  # then the folders left empty
        if here != str(site) and not os.listdir(here):
            os.rmdir(here)


AFTER_MKDOCS = ("pagefind", "pagefind-practices*", "pdf")
"""Top-level folders of a site that the steps after MkDocs make afresh (search bundles, printouts)."""


def _after_mkdocs(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in AFTER_MKDOCS)


@dataclass(frozen=True, slots=True)
class _Job:
    """One language's `mkdocs build`, as a second process receives it."""

    config_file: str
    docs: str
    site_dir: str
    strict: bool
    csp: str
    dirty: bool
    code: str | None = None
    """None: the default language, at the site's root; else the language built under /<code>/."""
    nav: object = None
    site_url: str | None = None
    languages_built: tuple[str, ...] = ()


def _mkdocs(config_file: Path, docs: Path, staging: Path, strict: bool,
            languages: Sequence[tuple[str, Path, object]], site_url: str | None = None, dirty: bool = False) -> str:
    """Run MkDocs for the default language and each other one (under /<code>/); return the policy set.

    With a second core and more than one language, every language is built in one of two other processes,
    the default language first: the generator's own process held 530 MB at 4,000 practices once the pages
    were generated, and MkDocs' build of them added 330 MB to it (make bench's peak). An idle process takes
    the next language, so after one edit (the default language 3 s, the others 12 s) both build languages."""
    try:
        address = {"site_url": site_url} if site_url else {}
        config = load_config(str(config_file), docs_dir=str(docs.resolve()), site_dir=str(staging), strict=strict,
                             **address)
        base_url = (config.site_url or "").rstrip("/")
        roots = ["/", urlsplit(config.site_url or "/").path or "/",
                 *(urlsplit(f"{base_url}/{code}/").path for code, _, _ in languages)]
        csp = policy(theme_script_hashes(config, roots))
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(str(exc)) from exc
    jobs = [_Job(str(config_file), str(docs.resolve()), str(staging), strict, csp, dirty, site_url=site_url,
                 languages_built=tuple(code for code, _, _ in languages)),
            *(_Job(str(config_file), str(language_docs.resolve()), str(staging / code), strict, csp, dirty, code, nav,
                   f"{base_url}/{code}/" if base_url else None) for code, language_docs, nav in languages)]
    if len(jobs) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = [pool.submit(_build_languages, [job]) for job in jobs]
            failed = next((failure for failure in (result.result() for result in results) if failure), None)
    else:
        failed = _build_languages(jobs)
    if failed:
        raise BuildFailed(failed)
    return csp


def _configured(job: _Job) -> MkDocsConfig:
    """The settings of one language's build: mkdocs.yml, with that language's interface and navigation."""
    overrides = {"nav": job.nav} if job.nav else {}
    config = load_config(job.config_file, docs_dir=job.docs, site_dir=job.site_dir, strict=job.strict,
                         site_url=job.site_url, **overrides)
    if job.code is not None:
        config.theme["language"] = job.code  # Material's own interface in that language
        config.extra["site_root"] = "../"  # from this language's root to the whole site's (search bundle)
    config.extra["csp"] = job.csp
    config.extra["languages_built"] = list(job.languages_built)
    localise_theme(config.extra, config.theme.get("palette"), i18n.translations(config.theme["language"]).gettext)
    return config


def _build_languages(jobs: Sequence[_Job]) -> str | None:
    """Build each language; why one failed (prefixed with its code, but for the default language), or None."""
    for job in jobs:
        try:
            _run_mkdocs(_configured(job), job.dirty)
        except (Abort, MkDocsException) as exc:
            return str(exc) if job.code is None else f"{job.code}: {exc}"
    return None


@contextmanager
def _lock(site: Path) -> Iterator[None]:
    """One build at a time for `site` (a second one is refused rather than left to wait)."""
    with open(site.with_name(f".{site.name}.lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildFailed(f"another build of {site.name}/ is running") from exc
        yield


def _remove_leftovers(site: Path) -> None:
    """What killed builds left beside `site`: unfinished new sites and old ones not yet removed."""
    for pattern in (f".{site.name}.new-*", f".{site.name}.old*"):
        for leftover in site.parent.glob(pattern):
            _remove(leftover)


def _remove(path: Path) -> None:
    """Remove a folder whatever its permissions (a read-only leftover included); a failure is only logged."""
    def writable(function: Callable[..., object], name: str, _info: object) -> None:
        parent = os.path.dirname(name)
        os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
        if os.path.isdir(name) and not os.path.islink(name):
            os.chmod(name, os.stat(name).st_mode | stat.S_IRWXU)
            shutil.rmtree(name, ignore_errors=True)
        else:
            os.unlink(name)

    if not os.path.lexists(path):
        return
    try:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
            shutil.rmtree(path, onerror=writable)
        else:
            path.unlink()
    except OSError as exc:
        log.warning("could not remove %s (%s); the next build tries again", path, exc.strerror)


def _publishable(folder: Path) -> None:
    """Folders 0755 and files 0644, as a web server reads them; no empty page or script."""
    os.chmod(folder, DIRECTORY_MODE)
    for here, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(here, name), DIRECTORY_MODE)
        for name in files:
            path = os.path.join(here, name)
            os.chmod(path, FILE_MODE)
            if name.endswith((".html", ".js", ".css")) and os.path.getsize(path) == 0:
                raise BuildFailed(f"{os.path.relpath(path, folder)} was written empty")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(new: Path, site: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(site), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(site))


def _swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is; the old site ends up at `new`'s name, removed by the caller."""
    if not os.path.lexists(site):
        new.rename(site)
        return
    if site.is_dir() and not site.is_symlink() and _exchange(new, site):
        return
    old = site.with_name(f".{site.name}.old")  # a system without renameat2: two renames, a moment apart
    _remove(old)
    site.rename(old)
    new.rename(site)
    old.rename(new)
