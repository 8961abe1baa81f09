"""`make serve` previews with Material's search (Pagefind indexes full builds only)."""

import pytest
from mkdocs.config import load_config

from generator import pipeline
from generator.output.serve import serve_config
from tests.conftest import ROOT


def test_serve_config_keeps_the_site_settings_and_adds_material_search(mini_project):
    project = pipeline.Project(mini_project)
    project.docs.mkdir(parents=True)
    config = load_config(str(serve_config(project)))
    assert "material/search" in config.plugins
    assert config.docs_dir == str(project.docs.resolve())
    assert config.theme.dirs[0].endswith("generator/theme") and config["site_name"] == "Good Practice Transfer Portal"
    assert "material/search" not in load_config(str(project.mkdocs_yml)).plugins  # the published site: Pagefind


@pytest.mark.build
def test_serve_rebuilds_compile_the_theme_once(mini_project, tmp_path):
    """Each rebuild's new theme environment takes Material's compiled templates and its file list from
    serve_hooks.py's caches; the theme's files are still all copied."""
    from mkdocs.commands.build import build

    from generator.output.serve import THEME_FILES, THEME_TEMPLATES

    project = pipeline.Project(mini_project)
    assert pipeline.generate(project).checked.report.ok
    THEME_TEMPLATES.compiled.clear()
    THEME_FILES.clear()
    kept: dict[str, bytes] = {}
    for turn in range(2):
        config = load_config(str(serve_config(project)), site_dir=str(tmp_path / "site"))
        build(config)
        assert (tmp_path / "site" / "cases" / "bilbao-as-fabrik" / "index.html").exists()
        assert list((tmp_path / "site" / "assets" / "javascripts").glob("bundle.*.min.js"))  # Material's own
        assert len(THEME_FILES) == 1 and any(name.endswith(".min.js") for name in next(iter(THEME_FILES.values())))
        if turn == 0:
            assert THEME_TEMPLATES.compiled, "no theme template was kept"
            kept = dict(THEME_TEMPLATES.compiled)
    assert THEME_TEMPLATES.compiled == kept  # the second build took them all from the cache, compiling none


@pytest.fixture
def dirty_builds_allowed():
    """As in serve: MkDocs' warning that a build is dirty fails no strict build."""
    import logging

    from generator.output.build import QuietDirty

    quiet = QuietDirty()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    yield
    logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


@pytest.mark.build
def test_after_an_edit_to_several_pages_the_preview_search_index_is_a_full_builds(mini_project, tmp_path,
                                                                                   dirty_builds_allowed):
    """A title edit changes the practice's page and every page listing it. Material's own dirty-rebuild merge
    kept only the first rebuilt page right (duplicates, or most of the index lost); serve_search.py keeps the
    index page by page, so it equals what Material writes in a full build of the edited pages."""
    import json

    import yaml
    from mkdocs.commands.build import build

    from generator.output.serve_search import SEARCH

    project = pipeline.Project(mini_project)
    assert pipeline.generate(project).checked.report.ok
    served = tmp_path / "served"
    SEARCH.keep_only([])
    config = load_config(str(serve_config(project)), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    case = mini_project / "content" / "cases" / "bilbao-as-fabrik.md"
    case.write_text(case.read_text(encoding="utf-8").replace("AS-FABRIK: Bilbao", "AS-FABRIK Renamed: Bilbao", 1),
                    encoding="utf-8")
    generated = pipeline.generate(project)
    assert len([page for page in generated.changed if page.endswith(".md")]) > 2
    build(load_config(str(serve_config(project)), site_dir=str(served)), dirty=True)

    settings = yaml.safe_load(serve_config(project).read_text(encoding="utf-8"))
    settings.pop("hooks")  # the same settings without the serve hooks: Material's search alone
    plain = serve_config(project).with_name("mkdocs-plain.yml")
    plain.write_text(yaml.safe_dump(settings), encoding="utf-8")
    build(load_config(str(plain), site_dir=str(tmp_path / "full")))

    preview, full = (json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
                     for site in (served, tmp_path / "full"))
    assert any("Renamed" in entry["title"] for entry in preview["docs"])
    assert preview == full


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@pytest.mark.build
def test_serve_idle_writes_nothing_and_an_edit_or_a_mistake_shows(mini_project, chromium):
    """Left idle (content read, nothing changed) it regenerates nothing; an edit shows; a mistake keeps the
    last good page and shows the problem in the terminal and on the served page."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    port = _free_port()
    log = mini_project / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(mini_project), "serve",
                                    "--dev-addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
                                   cwd=ROOT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: "AS-FABRIK" in _get(base + "cases/bilbao-as-fabrik/"), 90), log.read_text()
        docs = mini_project / "build" / "docs"

        def stamps() -> dict[str, int]:
            return {str(p): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}

        before = stamps()
        case = mini_project / "content" / "cases" / "bilbao-as-fabrik.md"
        case.read_text(encoding="utf-8")  # reads and a touch change no bytes
        os.utime(case)
        time.sleep(20)
        assert stamps() == before, "idle serve wrote files"
        assert "regenerated" not in log.read_text()

        # a browser showing the page reloads it by itself (MkDocs' live-reload script, put into served pages)
        browser = chromium.new_page()
        browser.goto(base + "cases/bilbao-as-fabrik/")
        assert "livereload(" in browser.content()
        text = case.read_text(encoding="utf-8")
        case.write_text(text.replace("AS-FABRIK: Bilbao", "AS-FABRIK Edited: Bilbao", 1), encoding="utf-8")
        browser.wait_for_selector("h1:has-text('Edited')", timeout=30000)
        assert "Edited" in _get(base + "cases/bilbao-as-fabrik/")
        index = json.loads(_get(base + "search/search_index.json"))["docs"]
        locations = [entry["location"] for entry in index]
        assert len(locations) == len(set(locations)) and "" in locations  # each section once, the home page kept
        assert any("Edited" in entry["title"] for entry in index)

        case.write_text(text.replace("status: published", "status: publishd", 1), encoding="utf-8")  # undoes the edit too
        assert _wait_for(lambda: "publishd" in _get(base + "assets/preview-status.js"), 30), log.read_text()
        assert "Edited" in _get(base + "cases/bilbao-as-fabrik/")  # the last good page stays served
        assert "content/cases/bilbao-as-fabrik.md:" in log.read_text()
        assert 'src="../../assets/preview-status.js"' in _get(base + "cases/bilbao-as-fabrik/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
