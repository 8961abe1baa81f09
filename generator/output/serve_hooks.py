"""MkDocs hooks of `make serve` (build/mkdocs-serve.yml, written by serve.serve_config).

- Each rebuild after an edit makes a new theme environment, which compiled Material's templates again: about
  0.1 s of a 0.6 s rebuild at 1,000 practices (`make bench`'s serve). The compiled templates are kept in the
  serving process instead.
- The search index is kept page by page (serve_search.py): correct after an edit that changes several pages,
  and not printed whole at each rebuild.
- The search plugin's language settings, worked out from the theme's templates at each rebuild (about 0.03 s),
  are given to it from the first rebuild.
- The theme's file list (MkDocs walks Material's 14,000 files, icons included, and filters them at each rebuild:
  about 0.07 s) is made once per process: a file added to the theme while serving shows after a restart (the
  theme is not watched).

MkDocs loads this file afresh for each rebuild, so what is kept lives in serve.py and serve_search.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import event_priority

from generator.output.serve import THEME_FILES, THEME_TEMPLATES
from generator.output.serve_search import SEARCH, search_plugin

SETTINGS = ("lang", "separator", "pipeline")


@event_priority(100)  # before the search plugin's own on_config
def on_config(config: Any) -> Any:
    plugin = search_plugin(config)
    if plugin is not None and SEARCH.settings.get("language") == config.theme.get("language"):
        for name in SETTINGS:  # those of the same theme language, worked out by the previous rebuild
            if plugin.config[name] is None:
                plugin.config[name] = SEARCH.settings[name]
    theme = config.theme
    theme.get_env = _listing_once(theme.get_env, (*theme.dirs, *theme.static_templates))
    return config


def _listing_once(make_env: Callable[[], jinja2.Environment], theme: tuple[str, ...]) -> Callable[[], jinja2.Environment]:
    """The theme's environment, whose filtered file list is made once per process for each filter."""
    def get_env() -> jinja2.Environment:
        env = make_env()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            key = (theme, filter_func.__code__)  # the filter MkDocs' add_files_from_theme makes anew each build
            if key not in THEME_FILES:
                THEME_FILES[key] = list_templates(filter_func=filter_func)
            return list(THEME_FILES[key])

        env.list_templates = listed  # type: ignore[method-assign]
        return env
    return get_env


@event_priority(-100)  # after it
def on_files(files: Any, config: Any) -> Any:
    plugin = search_plugin(config)
    if plugin is not None:
        SEARCH.settings = {"language": config.theme.get("language"), **{name: plugin.config[name] for name in SETTINGS}}
    SEARCH.keep_only([file.src_uri for file in files.documentation_pages()])
    return files


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.bytecode_cache = THEME_TEMPLATES  # keyed by each template's name and source: an edited one compiles again
    return env


@event_priority(-100)  # after the search plugin has made the page's entries
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    plugin = search_plugin(config)
    if plugin is not None:
        SEARCH.take(plugin, page.file.src_uri)
    return context


@event_priority(-100)  # after the search plugin has written its (now empty) index
def on_post_build(config: Any) -> None:
    plugin = search_plugin(config)
    if plugin is not None:
        (Path(config.site_dir) / "search" / "search_index.json").write_text(SEARCH.index(plugin), encoding="utf-8")
