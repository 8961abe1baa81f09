"""Stage 4, render: SiteModel -> RenderedPage[] (Markdown for MkDocs, via Jinja2).

One Jinja2 environment, built here, renders every page. Escaping happens in that
environment, never template by template: every value a template prints passes
through `finalize`, which makes plain strings safe Markdown (so a title such as
`A <b>bold</b> city` prints as text). Values that already are Markdown - an
author's validated body, or a link built by a filter here - are `Markup` and pass
through unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pycountry
import yaml
from markupsafe import Markup, escape

from generator.model import SiteModel
from generator.types import Case, Figure, Source

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One output file, relative to the generated docs folder."""

    path: str
    content: str


# --- Markdown escaping --------------------------------------------------------

_NEWLINES = re.compile(r"\s*\n\s*")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    text = _NEWLINES.sub(" ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


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
    """A Markdown link whose text is escaped; `target` is a path we generated."""
    return Markup(f"[{escape_md(text)}]({target})")


def _body(text: str) -> Markup:
    """An author's Markdown body (checked by the validator), printed as written."""
    return Markup(text.strip())


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    # Group thousands with a narrow space, but leave four-digit numbers (and years) whole.
    return text.replace(",", "\u202f") if abs(value) >= 10_000 else text.replace(",", "")


def _json(value: Any) -> Markup:
    return Markup(json.dumps(value, ensure_ascii=False))


def _yaml_meta(meta: dict[str, Any]) -> Markup:
    """MkDocs page meta (title, description) as safe YAML.

    MkDocs' themes print these into <title> and <meta content="..."> without
    escaping, so the values are HTML-escaped here.
    """
    safe = {key: str(escape(value)) for key, value in meta.items()}
    return Markup(yaml.safe_dump(safe, allow_unicode=True, sort_keys=False, width=10_000).strip())


def _oneline(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


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
         tuple(_number(by_year[y].value) if y in by_year else "–" for y in years))
        for label, by_year in labels.items()
    )
    return FigureTable(tuple(years), rows)


def make_environment() -> jinja2.Environment:
    """The one Jinja2 environment every page is rendered with."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown output: escaping is done by finalize, see module docstring
        finalize=_finalize,
    )
    env.filters.update(
        link=_link,
        body=_body,
        country=country_name,
        number=_number,
        json=_json,
        meta=_yaml_meta,
        oneline=_oneline,
        place=case_place,
    )
    env.globals.update(figure_table=figure_table)
    return env


# --- pages ------------------------------------------------------------------------


def _rel(target: str, base: str) -> str:
    """Path from the page `base` (e.g. 'cases/x.md') to `target`, both docs-relative."""
    depth = base.count("/")
    return "../" * depth + target


def render_site(model: SiteModel, env: jinja2.Environment | None = None) -> list[RenderedPage]:
    """Every page of the portal, in a stable order."""
    env = env or make_environment()
    return list(_pages(model, env))


def _pages(model: SiteModel, env: jinja2.Environment) -> Iterator[RenderedPage]:
    def page(path: str, template_name: str, **context: Any) -> RenderedPage:
        rendered = env.get_template(template_name).render(
            model=model, base=path, rel=lambda target: _rel(target, path), **context
        )
        return RenderedPage(path, rendered)

    yield page("index.md", "home.md.j2")
    yield page("cases/index.md", "cases_index.md.j2")
    for case in model.cases:
        yield page(f"cases/{case.id}.md", "case.md.j2", case=case, sources=_sources(model, case.sources))
    yield page("networks/index.md", "networks_index.md.j2")
    for network in model.networks:
        yield page(f"networks/{network.id}.md", "network.md.j2", network=network,
                   sources=_sources(model, network.sources))
    yield page("guides/index.md", "guides_index.md.j2")
    for guide in model.guides:
        yield page(f"guides/{guide.id}.md", "guide.md.j2", guide=guide, sources=_sources(model, guide.sources))
    for checklist in model.checklists:
        yield page(f"guides/{checklist.id}.md", "checklist.md.j2", checklist=checklist,
                   sources=_sources(model, checklist.sources))
    for template in model.templates:
        yield page(f"guides/{template.id}.md", "template.md.j2", template=template,
                   sources=_sources(model, template.sources))
    plan_template = model.plan_template
    if plan_template is not None:
        for case in model.cases:
            yield page(f"plans/{case.id}.md", "plan.md.j2", case=case, template=plan_template)
    yield page("themes/index.md", "themes_index.md.j2")
    for theme, cases in model.cases_by["theme"].items():
        yield page(f"themes/{theme}.md", "theme.md.j2", theme=theme, cases=cases)
    yield page("assets/portal.css", "portal.css.j2")


def _sources(model: SiteModel, sources: Iterable[Source]) -> list[dict[str, str | None]]:
    """Sources with the document's full title looked up in the vocabulary."""
    documents = model.vocabularies["document"]
    return [
        {
            "title": documents.label(s.document) if s.document else s.title,
            "file": s.document,
            "section": s.section,
            "url": s.url,
            "note": s.note,
        }
        for s in sources
    ]


def case_place(case: Case) -> str:
    """'Bilbao, Basque Country, Spain' or the area of a transnational practice."""
    place = case.place
    parts = [p for p in (place.city, place.region) if p]
    if place.country:
        parts.append(country_name(place.country))
    elif place.area:
        parts.append(place.area)
    return ", ".join(parts) or place.scope.capitalize()
