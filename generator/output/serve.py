"""`make serve` and `make preview`: build, serve with MkDocs' live reload, regenerate on a change.

A watchdog observer watches content/, schemas/ and the templates. An event that
may change a file (written, created, deleted, moved; never a mere read) makes
it look, after a short pause, at which files' bytes changed; only then does the
generator run. It rewrites only the pages whose bytes changed, and `mkdocs serve`
(watching the generated docs folder) reloads the browser. The generator never
writes where it watches, and reading a file is no change, so idle it does nothing.

When an edit breaks a file, the last good pages stay served, the problems are
printed in the terminal and a banner on every served page lists them
(`assets/preview-status.js`, written outside the generated pages).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import threading
from pathlib import Path

import yaml
from mkdocs.commands.serve import serve as mkdocs_serve
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
from generator.site.environment import TEMPLATES
from generator.site.memo import RenderMemo

DEBOUNCE_SECONDS = 0.3
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})
"""The watchdog events that may change a file's bytes ('opened' and 'closed_no_write' are reads)."""
STATUS_SCRIPT = "assets/preview-status.js"
"""In the served docs folder, never in the generated pages' manifest (so the writer leaves it alone)."""


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
        "plugins": ["search"]}), encoding="utf-8")
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
    def __init__(self, project: pipeline.Project, preview: bool, folders: list[Path]) -> None:
        self.project, self.preview = project, preview
        self.cache = pipeline.FileCache()
        self.memos: dict[str, RenderMemo] = {}
        self.fingerprints = Fingerprints(folders)
        self.regenerations = 0
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        if str(event.src_path).endswith((".tmp", "~", ".swp")):
            return
        with self._lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self._timer.start()

    def run(self) -> None:
        with self._lock:
            if not self.fingerprints.changed():
                return
        self.regenerations += 1
        generated = pipeline.generate(self.project, preview=self.preview, cache=self.cache, memos=self.memos)
        report = generated.checked.report
        if report.diagnostics:
            print(format_text(report, generated.checked.files), file=sys.stderr)
        if report.ok:
            print(f"regenerated: {len(generated.changed)} page(s) changed", file=sys.stderr)
        else:
            print("content has errors: the pages served are the last good ones", file=sys.stderr)
        write_status(self.project, report)


def write_status(project: pipeline.Project, report: Report) -> None:
    """The served pages' banner: the problems of the last regeneration (none: no banner)."""
    problems = [{"where": f"{d.path}:{d.line}" if d.line else str(d.path), "field": d.field or "",
                 "message": d.message, "hint": d.hint or ""} for d in report.sorted() if d.severity.value == "error"]
    script = f"window.PORTAL_PREVIEW_PROBLEMS = {json.dumps(problems)};\n" + STATUS_CODE
    write_if_changed(project.docs / STATUS_SCRIPT, script.encode("utf-8"))


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
        _mkdocs_serve(serve_config(project), dev_addr)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)


def _mkdocs_serve(config_file: Path, dev_addr: str) -> None:
    """MkDocs' own server with live reload, rebuilding only the pages whose Markdown changed ("dirty"
    reload: at 1,000 practices an edit rebuilds a few dozen pages instead of all of them; Material's search
    keeps its index across such rebuilds)."""
    messages = logging.getLogger("mkdocs")
    if not messages.handlers:
        shown = logging.StreamHandler(sys.stderr)
        shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        messages.addHandler(shown)
        messages.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(QuietDirty())
    mkdocs_serve(str(config_file), livereload=True, build_type="dirty", dev_addr=dev_addr)
