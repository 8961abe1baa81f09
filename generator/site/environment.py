"""The one Jinja2 environment every page of a language is rendered with, and its filters.

Escaping happens here, never template by template: every value a template
prints passes through `finalize`, which makes plain strings safe Markdown (so a
title such as `A <b>bold</b> city` prints as text). Values that already are
Markdown - an author's validated body, or a link built by a filter here - are
`Markup` and pass through unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import i18n
from generator.content import safety
from generator.site.addresses import body_link
from generator.site.diagrams import europe_map
from generator.site.text import (
    case_place,
    escape_md,
    format_number,
    markdown_url,
    oneline,
)
from generator.types import Figure, Translated

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_md(value)
    if value is None:
        return ""
    return value


# --- filters --------------------------------------------------------------------


def _link(text: str, target: str) -> Markup:
    """A link whose text is escaped; `target` is a path we generated or a checked URL (percent-encoded): a Markdown
    link to a page MkDocs builds (`.md`), otherwise an HTML link (an address MkDocs does not check, e.g. the
    default language's page of a practice not translated into this one)."""
    shown = text if isinstance(text, Markup) else None  # already marked up (a text in its language, see `en`)
    if target.endswith(".md") or ".md#" in target or "://" in target:
        return Markup(f"[{shown or escape_md(text)}]({markdown_url(target)})")
    return Markup(f'<a href="{escape(target)}">{shown or escape(text)}</a>')


@jinja2.pass_context
def _body(context: jinja2.runtime.Context, text: str) -> Markup:
    """An author's Markdown body as published: rendered as MkDocs renders Markdown and passed through the
    sanitiser (content/safety.py), its links made into addresses of the built page. Headings stay
    Markdown headings, so the page's table of contents lists them; everything else is the sanitiser's HTML."""
    page, options = context["base"], context["options"]
    lang, default = context.environment.globals["lang"], i18n.default_language()
    settings = Path(options.markdown) if options.markdown else safety.MKDOCS_YML
    parts = []
    for block in safety.publish_body(text, lambda url: body_link(url, page, options.kit, options), settings):
        if isinstance(block, safety.Heading):
            attributes = " ".join([f"#{block.id}", *(f".{c}" for c in block.classes)])
            parts.append("#" * block.level + " " + escape_md(block.text) + f" {{ {attributes} }}")
        else:
            parts.append(block)
    if lang != default and not isinstance(text, Translated) and parts:  # the original's text, in its language
        parts = [f'<div lang="{default}" markdown>', *parts, "</div>"]
    return Markup("\n\n".join(parts))


def original_text(lang: str) -> Any:
    """The `en` filter of a language's pages: a content text that is not translated (the original's, in the
    default language) marked with the original's language, `<span lang="en">`; a translated text, and every
    text on a default-language page, as it is. `html=True` where it is printed inside raw HTML."""
    default = i18n.default_language()

    def mark(value: Any, html: bool = False) -> Any:
        if value is None:
            return ""
        if not i18n.shows_original(value, lang):
            return _html(value) if html else value
        inner = escape(value) if html else escape_md(value)
        return Markup(f'<span lang="{default}">{inner}</span>')

    return mark


def original_lang(lang: str) -> Any:
    """The `lang_of` filter: ` lang="en"` for an element (e.g. an <option>, which holds no markup) whose text
    is the original's on this language's pages (see `original_text`), else nothing."""
    default = i18n.default_language()
    return lambda value: Markup(f' lang="{default}"') if i18n.shows_original(value, lang) else ""


def _html(value: Any) -> Markup:
    """HTML-escape a value printed inside raw HTML (where Markdown escapes would show)."""
    return Markup(escape("" if value is None else value))


def _json(value: Any) -> Markup:
    return Markup(json.dumps(value, ensure_ascii=False))


def yaml_meta(meta: dict[str, Any]) -> Markup:
    """MkDocs page meta (title, description) as safe YAML.

    MkDocs' themes print these into <title> and <meta content="..."> without
    escaping, so the values are HTML-escaped here.
    """
    safe = {key: str(escape(value)) if isinstance(value, str) else value for key, value in meta.items()}
    # (values other than strings, e.g. hide: [toc] or search: {exclude: true}, are ours, never an author's)
    # One line per key, its value as JSON (which YAML reads too): several times faster than yaml.safe_dump.
    return Markup("\n".join(f"{key}: {_yaml_safe(json.dumps(value, ensure_ascii=False))}" for key, value in safe.items()))


_NOT_FOR_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters YAML readers refuse or take as line breaks; written as \\u escapes instead."""


def _yaml_safe(json_text: str) -> str:
    return _NOT_FOR_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


@dataclass(frozen=True, slots=True)
class FigureTable:
    """Figures that share labels across years, pivoted: one row a label, one column a year."""

    years: tuple[int, ...]
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(label, unit, value per year)"""


def figure_table(figures: Iterable[Figure]) -> FigureTable | None:
    """Pivot figures into label x year when at least two labels repeat over the years."""
    figures = list(figures)
    years = sorted({f.year for f in figures if f.year})
    labels: dict[str, dict[int, Figure]] = {}
    for f in figures:
        if not f.year:
            return None
        labels.setdefault(f.label, {})[f.year] = f
    if len(years) < 2 or sum(1 for by_year in labels.values() if len(by_year) > 1) < 2:
        return None
    rows = tuple(
        (label, next(iter(by_year.values())).unit or "",
         tuple(format_number(by_year[y].value) if y in by_year else "–" for y in years))
        for label, by_year in labels.items()
    )
    return FigureTable(tuple(years), rows)


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled once per process and shared by every language's environment (and, another one,
    by each of `make serve`'s MkDocs rebuilds: output/serve_hooks.py).

    Each environment would otherwise compile every template again: 9 languages x 24 templates took
    about 10 s of a 1,000-practice `make site` (`make bench`), now about 1 s. The compiled code depends
    only on the template's source (part of the key) and the environment's settings, which are the same
    in every environment made by `make_environment`.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()


def make_environment(lang: str | None = None) -> jinja2.Environment:
    """The one Jinja2 environment every page of one language is rendered with."""
    lang = lang or i18n.default_language()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown output: escaping is done by finalize, see module docstring
        finalize=_finalize,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_COMPILED,
    )
    translations = i18n.install(env, lang)
    countries = i18n.country_translations(lang)
    env.filters.update(
        link=_link,
        body=_body,
        country=i18n.country_names(lang),
        number=format_number,
        json=_json,
        meta=yaml_meta,
        oneline=lambda text, limit=220: (Translated if isinstance(text, Translated) else str)(oneline(text, limit)),
        place=lambda case: case_place(case, countries.gettext),
        html=_html,
        period=lambda period: period.label_in(translations.gettext),
        en=original_text(lang),
        lang_of=original_lang(lang),
    )
    env.globals.update(figure_table=figure_table, lang=lang,
                       europe_map=lambda layout, rel, title:
                       europe_map(layout, rel, lambda c: case_place(c, countries.gettext),
                                  translations.gettext, env.filters["country"], title))
    return env
