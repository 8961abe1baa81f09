"""`make serve`: build, serve with MkDocs' live reload, regenerate when content changes.

A watchdog observer re-runs the generator when a file in content/, schemas/ or
the templates changes; the generator rewrites only the pages whose bytes changed,
and `mkdocs serve` (watching the generated docs folder) reloads the browser.
The generator never writes where it watches, so there is no rebuild loop.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import pipeline
from generator.diagnostics import format_text
from generator.site.environment import TEMPLATES

DEBOUNCE_SECONDS = 0.3


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
        "plugins": ["search"]}), encoding="utf-8")
    return config


class _Regenerate(FileSystemEventHandler):
    def __init__(self, project: pipeline.Project, preview: bool) -> None:
        self.project, self.preview = project, preview
        self.cache = pipeline.FileCache()
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or str(event.src_path).endswith((".tmp", "~", ".swp")):
            return
        with self._lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self._timer.start()

    def run(self) -> None:
        generated = pipeline.generate(self.project, preview=self.preview, cache=self.cache)
        report = generated.checked.report
        if report.diagnostics:
            print(format_text(report, generated.checked.files), file=sys.stderr)
        if report.ok:
            print(f"regenerated: {len(generated.changed)} page(s) changed", file=sys.stderr)
        else:
            print("content has errors: the pages served are the last good ones", file=sys.stderr)


def serve(project: pipeline.Project, preview: bool, dev_addr: str) -> int:
    handler = _Regenerate(project, preview)
    generated = pipeline.generate(project, preview=preview, cache=handler.cache)
    if generated.checked.report.diagnostics:
        print(format_text(generated.checked.report, generated.checked.files), file=sys.stderr)
    if not generated.checked.report.ok:
        return 1
    observer = Observer()
    for folder in (project.content, project.schemas, TEMPLATES):
        if Path(folder).is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(serve_config(project)),
               "--dev-addr", dev_addr, "--livereload"]
    try:
        return subprocess.call(command, cwd=project.root)
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)
        time.sleep(0)
