"""`make serve` and `make preview`: build, serve with MkDocs' live reload, regenerate on a change.

A watchdog observer (inotify) watches content/, schemas/ and the templates. An
event that may change a file (written, created, deleted, moved; never a mere
read) makes it look, after a short pause, at which files' bytes changed; only
then does the generator run. It rewrites only the pages whose bytes changed and
then asks MkDocs' live-reload server for a rebuild of those pages ("dirty"), which
reloads the browser. MkDocs does not poll the generated docs folder itself: at
1,000 practices its polling took up to half a second to notice, and the
generator had already said what changed (`make bench`'s serve). Idle it does nothing.

When an edit breaks a file, the last good pages stay served, the problems are
printed in the terminal and a banner on every served page lists them
(`assets/preview-status.js`, written outside the generated pages).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator import pipeline
from generator.diagnostics import Report, format_text
from generator.output.build import QuietDirty
from generator.output.write import write_if_changed
from generator.site.environment import TEMPLATES, CompiledTemplates
from generator.site.memo import RenderMemo

DEBOUNCE_SECONDS = 0.05
"""An editor's save is a burst of events within a few milliseconds; one regeneration follows it."""
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})
"""The watchdog events that may change a file's bytes ('opened' and 'closed_no_write' are reads)."""
STATUS_SCRIPT = "assets/preview-status.js"
"""In the served docs folder, never in the generated pages' manifest (so the writer leaves it alone)."""


HOOKS = Path(__file__).with_name("serve_hooks.py")
THEME_TEMPLATES = CompiledTemplates()
"""The theme's templates, compiled once for every rebuild of this process (see serve_hooks.py)."""
THEME_FILES: dict[tuple[object, ...], list[str]] = {}
"""The theme's static files, listed once for every rebuild of this process (see serve_hooks.py)."""


def serve_config(project: pipeline.Project) -> Path:
    """mkdocs.yml plus Material's search plugin: Pagefind indexes only full builds, so previews search with Material's."""
    config = project.root / "build" / "mkdocs-serve.yml"
    config.parent.mkdir(parents=True, exist_ok=True)
    base = yaml.safe_load(project.mkdocs_yml.read_text(encoding="utf-8"))
    custom_dir = project.mkdocs_yml.parent / base.get("theme", {}).get("custom_dir", "generator/theme")
    config.write_text(yaml.safe_dump({  # paths in it are relative to build/, where it lives
        "INHERIT": os.path.relpath(project.mkdocs_yml, config.parent),
        "docs_dir": os.path.relpath(project.docs, config.parent),
        "theme": {"custom_dir": os.path.relpath(custom_dir, config.parent)},
        "extra_javascript": [*base.get("extra_javascript", []), STATUS_SCRIPT],
        "plugins": ["search"],
        "hooks": [str(HOOKS)]}), encoding="utf-8")
    return config


class Fingerprints:
    """The bytes of every watched file, as digests, so that a touch or a read is seen to change nothing."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self.known: dict[Path, tuple[int, int, str]] = {}
        self.changed()

    def changed(self) -> bool:
        """True when a watched file was added, removed or holds other bytes than last time."""
        seen: dict[Path, tuple[int, int, str]] = {}
        for folder in self.folders:
            for path in folder.rglob("*"):
                try:
                    info = path.stat()
                except OSError:
                    continue
                if not path.is_file():
                    continue
                old = self.known.get(path)
                if old and old[:2] == (info.st_mtime_ns, info.st_size):
                    seen[path] = old  # same time and size: the same bytes (only a rewrite changes them)
                    continue
                try:
                    digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
                except OSError:
                    continue
                seen[path] = (info.st_mtime_ns, info.st_size, digest)
        before = {path: entry[2] for path, entry in self.known.items()}
        self.known = seen
        return before != {path: entry[2] for path, entry in seen.items()}


class _Regenerate(FileSystemEventHandler):
    """Regenerates after a change, then calls `rebuild` (MkDocs); `lock` keeps MkDocs from reading half an edit."""

    def __init__(self, project: pipeline.Project, preview: bool, folders: list[Path]) -> None:
        self.project, self.preview = project, preview
        self.cache = pipeline.FileCache()
        self.memos: dict[str, RenderMemo] = {}
        self.fingerprints = Fingerprints(folders)
        self.regenerations = 0
        self.rebuild: Callable[[], None] = lambda: None
        self.lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._timer_lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        if str(event.src_path).endswith((".tmp", "~", ".swp")):
            return
        with self._timer_lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self._timer.start()

    def run(self) -> None:
        with self.lock:
            started = time.perf_counter()
            if not self.fingerprints.changed():
                return
            self.regenerations += 1
            generated = pipeline.generate(self.project, preview=self.preview, cache=self.cache, memos=self.memos)
            report = generated.checked.report
            if report.diagnostics:
                print(format_text(report, generated.checked.files), file=sys.stderr)
            if report.ok:
                print(f"regenerated in {time.perf_counter() - started:.2f} s: {len(generated.changed)} page(s) changed",
                      file=sys.stderr)
            else:
                print("content has errors: the pages served are the last good ones", file=sys.stderr)
            status = write_status(self.project, report)
        if generated.changed or generated.removed or status:
            self.rebuild()


def write_status(project: pipeline.Project, report: Report) -> bool:
    """The served pages' banner: the problems of the last regeneration (none: no banner). True when it changed."""
    problems = [{"where": f"{d.path}:{d.line}" if d.line else str(d.path), "field": d.field or "",
                 "message": d.message, "hint": d.hint or ""} for d in report.sorted() if d.severity.value == "error"]
    script = f"window.PORTAL_PREVIEW_PROBLEMS = {json.dumps(problems)};\n" + STATUS_CODE
    return write_if_changed(project.docs / STATUS_SCRIPT, script.encode("utf-8"))


STATUS_CODE = """(function () {
  var problems = window.PORTAL_PREVIEW_PROBLEMS || [];
  if (!problems.length) return;
  function show() {
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "portal-preview-problems";
    box.style.cssText = "background:#fff3cd;color:#3d2e00;border-bottom:2px solid #b58100;padding:.6em 1em;" +
      "font-size:.8rem;position:relative;z-index:10";
    var title = document.createElement("strong");
    title.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") +
      " in the content: this page is the last good version. Fix them and save; the page reloads.";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p.where + ": " + (p.field ? p.field + ": " : "") + p.message + (p.hint ? " (" + p.hint + ")" : "");
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show); else show();
})();
"""


def serve(project: pipeline.Project, preview: bool, dev_addr: str) -> int:
    folders = [Path(folder) for folder in (project.content, project.schemas, TEMPLATES) if Path(folder).is_dir()]
    handler = _Regenerate(project, preview, folders)
    generated = pipeline.generate(project, preview=preview, cache=handler.cache, memos=handler.memos)
    if generated.checked.report.diagnostics:
        print(format_text(generated.checked.report, generated.checked.files), file=sys.stderr)
    if not generated.checked.report.ok:
        return 1
    write_status(project, generated.checked.report)
    observer = Observer()
    for folder in folders:
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        _mkdocs_serve(serve_config(project), dev_addr, handler)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, rebuilt when the generator asks rather than when a watched file changes."""

    def request_rebuild(self) -> None:
        """What MkDocs' own watch callback does (mkdocs/livereload, MkDocs 1.6): wake its build loop."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def _mkdocs_serve(config_file: Path, dev_addr: str, handler: _Regenerate) -> None:
    """MkDocs' `serve` (mkdocs/commands/serve.py) with live reload, rebuilding only the pages whose Markdown
    changed ("dirty": at 1,000 practices an edit rebuilds a few pages instead of all of them; Material's
    search keeps its index across such rebuilds), when `handler` has regenerated them."""
    messages = logging.getLogger("mkdocs")
    if not messages.handlers:
        shown = logging.StreamHandler(sys.stderr)
        shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        messages.addHandler(shown)
        messages.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(QuietDirty())
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    path = urlsplit(config.site_url or "/").path.strip("/")
    mount = f"/{path}/" if path else "/"  # under site_url's path, as published
    served_at = f"http://{host}:{port}{mount}"

    def build() -> None:
        with handler.lock:  # never while the generator writes
            fresh = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
            fresh.site_url = served_at
            mkdocs_build(fresh, serve_url=served_at, dirty=True)

    server = _Server(builder=build, host=host, port=port, root=site_dir, mount_path=mount)
    server.build_delay = 0.0  # the handler waited for the editor to finish saving
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    handler.rebuild = server.request_rebuild
    # The site's settings are watched by MkDocs itself (two files, polled): a change rebuilds every page. Watching
    # something is also what makes MkDocs put its live-reload script into the pages it serves.
    for settings in (config_file, handler.project.mkdocs_yml):
        server.watch(str(settings), recursive=False)
    try:
        config.site_url = served_at
        with handler.lock:
            mkdocs_build(config, serve_url=served_at, dirty=True)
        server = config.plugins.on_serve(server, config=config, builder=build)
        try:
            server.serve()
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site: Path, code: int) -> bytes | None:
    """The built 404 page for a missing address (as MkDocs' own serve answers)."""
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
