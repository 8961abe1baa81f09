"""MkDocs hooks of `make serve` (build/mkdocs-serve.yml, written by serve.serve_config).

Each rebuild after an edit makes a new theme environment, which compiled Material's templates again: about
0.1 s of a 0.6 s rebuild at 1,000 practices (`make bench`'s serve). The compiled templates are kept in the
serving process instead (MkDocs loads this file afresh for each rebuild, so they are kept in serve.py).
"""

from __future__ import annotations

from typing import Any

import jinja2

from generator.output.serve import THEME_TEMPLATES


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.bytecode_cache = THEME_TEMPLATES  # keyed by each template's name and source: an edited one compiles again
    return env
