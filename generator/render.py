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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import i18n, matching, opendata
from generator.countries import country_name
from generator.diagrams import Node, europe_map, network_diagram, place_markers
from generator.docx import plan_docx, template_docx
from generator.geo import load_basemap
from generator.pdf import PrintJob
from generator.model import SHARING_ROLES, SiteModel
from generator.types import Case, Figure, Member, Network, Source

TEMPLATES = Path(__file__).parent / "templates"


STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One output file (a page or an asset), relative to the generated docs folder."""

    path: str
    content: str | bytes


# --- Markdown escaping --------------------------------------------------------

_NEWLINES = re.compile(r"\s*\n\s*")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


_SPECIAL = re.compile(r"[\\`*_\[\]|~&<>\n]")


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, on one line."""
    text = str(text)
    if _SPECIAL.search(text) is None and _LINE_START.match(text) is None:
        return text  # most values: nothing to escape
    text = _NEWLINES.sub(" ", text)
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


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    # Group thousands with a narrow space, but leave four-digit numbers (and years) whole.
    return text.replace(",", "\u202f") if abs(value) >= 10_000 else text.replace(",", "")


def _html(value: Any) -> Markup:
    """HTML-escape a value printed inside raw HTML (where Markdown escapes would show)."""
    return Markup(escape("" if value is None else value))


def _json(value: Any) -> Markup:
    return Markup(json.dumps(value, ensure_ascii=False))


def _yaml_meta(meta: dict[str, Any]) -> Markup:
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
    )
    translations = i18n.install(env, lang)
    countries = i18n.country_translations(lang)
    env.filters.update(
        link=_link,
        body=_body,
        country=lambda code: countries.gettext(country_name(code)) if code else "",
        number=_number,
        json=_json,
        meta=_yaml_meta,
        oneline=_oneline,
        place=lambda case: case_place(case, countries.gettext),
        html=_html,
        period=lambda period: period.label_in(translations.gettext),
    )
    env.globals.update(figure_table=figure_table, lang=lang,
                       europe_map=lambda cases, rel, title="Map of the practices":
                       europe_map(cases, rel, lambda c: case_place(c, countries.gettext), title))
    return env


# --- pages ------------------------------------------------------------------------


def _rel(target: str, base: str) -> str:
    """Markdown link from the page `base` (e.g. 'cases/x.md') to `target` ('cases/y.md').

    MkDocs rewrites links to .md files for the built site, so these are plain
    source-relative paths.
    """
    depth = base.count("/")
    return "../" * depth + target


def _href(target: str, base: str, files: bool = False) -> str:
    """Raw-HTML link from the built page of `base` to the site path `target` ('cases/y/', 'pdf/x.pdf').

    MkDocs does not rewrite raw HTML. With directory URLs 'cases/x.md' is served
    as 'cases/x/index.html', one folder deeper than its source. With `files`
    (the offline kit, opened from disk) pages are plain files: 'cases/x.md' is
    'cases/x.html', and a link to a folder must name its index.html.
    """
    if files:
        folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
        path, _, query = target.partition("?")
        if path == "" or path.endswith("/"):
            path = path + "index.html" if path in ("",) or _is_section(path) else path[:-1] + ".html"
        return "../" * folder.count("/") + path + (f"?{query}" if query else "")
    folder = base[: -len("index.md")] if base.endswith("index.md") else base[: -len(".md")] + "/"
    return "../" * folder.count("/") + target


_SECTIONS = ("finder/", "map/", "compare/", "match/", "plans/", "cases/", "networks/", "guides/", "themes/")


def _is_section(path: str) -> bool:
    """A folder whose page is its index.md (as opposed to 'cases/x/', the page cases/x.md)."""
    return path in _SECTIONS


@dataclass(frozen=True, slots=True)
class RenderOptions:
    pdf: bool = False
    """Link each checklist and plan to its PDF (made after `mkdocs build` by pdf.py)."""
    kit: bool = False
    """Build for the offline kit: pages are files opened from disk (no directory URLs)."""
    kit_download: tuple[str, int, str] | None = None
    """(path, bytes, date) of the offline kit offered on the home page, when one was built."""
    lang: str = "en"
    """The language rendered; pages of languages other than English are built under /<lang>/."""
    site_url: str = ""
    """The public address (for hreflang alternates)."""
    languages: tuple[str, ...] = ()
    """The languages built (the language switch links to these); empty: the default language only."""


def render_site(model: SiteModel, env: jinja2.Environment | None = None,
                options: RenderOptions = RenderOptions()) -> Iterator[RenderedPage]:
    """Every page of the portal, in a stable order, one at a time (so thousands never sit in memory at once)."""
    return _pages(model, env or make_environment(options.lang), options)


def page_url(path: str, files: bool = False) -> str:
    """Where the page made from `path` ('cases/x.md', 'finder/index.md') is served, relative to its site root."""
    if files:
        return path[: -len(".md")] + ".html"
    if path == "index.md":
        return ""
    return path[: -len("index.md")] if path.endswith("/index.md") else path[: -len(".md")] + "/"


def language_links(path: str, options: RenderOptions) -> list[dict[str, Any]]:
    """The same page in every language: for the language switch and the hreflang alternates."""
    default = i18n.default_language()
    here = page_url(path, options.kit)
    depth = here.count("/") if not options.kit else path.count("/")
    to_root = "../" * depth + ("../" if options.lang != default else "")
    links = []
    built = options.languages or (default,)
    if len(built) < 2:
        return []
    for language in (lang for lang in i18n.languages() if lang.code in built):
        prefix = "" if language.code == default else f"{language.code}/"
        target = prefix + here
        links.append({
            "lang": language.code, "name": language.name, "current": language.code == options.lang,
            "href": (to_root + target) or "./",
            "url": (options.site_url + target) if options.site_url else None,
        })
    return links


PRINT_FOOTER = "%(title)s. Source: %(sources)s. Last reviewed %(date)s. Good Practice Transfer Portal."
PRINT_PLAN = "Transfer plan: %(title)s"
"""The foot of each printed page (labels from the catalogs)."""


def print_jobs(model: SiteModel, kit: bool = False) -> list[PrintJob]:
    """The pages printed to PDF: every checklist, the template and every transfer plan."""
    documents = model.vocabularies["document"]
    gettext = i18n.translations(model.lang).gettext

    def footer(title: str, sources: Iterable[Source], date: str) -> str:
        named = "; ".join(dict.fromkeys(documents.label(s.document) if s.document else (s.title or "") for s in sources))
        return gettext(PRINT_FOOTER) % {"title": title, "sources": named, "date": date}

    page = "guides/{}.html" if kit else "guides/{}/index.html"
    jobs = [PrintJob(page.format(c.id), f"pdf/{c.id}.pdf", footer(c.title, c.sources, c.last_reviewed))
            for c in (*model.checklists, *model.templates)]
    if model.plan_template is not None:
        jobs += [PrintJob(f"plans/index.html?case={c.id}", f"pdf/plan-{c.id}.pdf",
                          footer(gettext(PRINT_PLAN) % {"title": c.title}, c.sources, c.last_reviewed))
                 for c in model.cases]
    return jobs


def _pages(model: SiteModel, env: jinja2.Environment, options: RenderOptions) -> Iterator[RenderedPage]:
    gettext = i18n.translations(options.lang).gettext
    shared_prefix = "../" if options.lang != i18n.default_language() and not options.kit else ""
    """Where this language's site finds the files made once for all (a kit holds one language and all its files)."""
    own_plans = {c.id for c in model.cases if not shared_prefix or c.id in model.translated}
    """Cases whose pre-filled plans (.docx, .md) this language's site makes itself, in its language."""
    own_plan_files = {f"downloads/plan-{case_id}.{ext}" for case_id in own_plans for ext in ("docx", "md.txt")}

    def label(vocabulary: str, value: str) -> str:
        return gettext(model.label(vocabulary, value))

    def vocabulary_items(vocabulary: str) -> list[tuple[str, str]]:
        return sorted(((v, gettext(t)) for v, t in model.vocabularies[vocabulary].labels.items()),
                      key=lambda item: item[1].casefold())

    env.globals.update(label=label, vocabulary_items=vocabulary_items)  # also for the imported macros

    def page(path: str, template_name: str, **context: Any) -> RenderedPage:
        def href(target: str) -> str:
            # PDFs, Word files and the kit are made once, in the default language's site, except the
            # pre-filled plans of cases translated into this language (made in it, see below)
            up = shared_prefix if target.startswith(("pdf/", "downloads/", "cases.csv", "cases.json")) else ""
            if target in own_plan_files:
                up = ""
            return up + _href(target, path, options.kit)

        rendered = env.get_template(template_name).render(
            model=model, base=path, rel=lambda target: _rel(target, path), href=href, options=options,
            **context
        )
        if path.endswith(".md") and rendered.startswith("---\n"):  # the language switch and hreflang, for main.html
            rendered = "---\n" + str(_yaml_meta({"languages": language_links(path, options)})) + "\n" + rendered[4:]
        return RenderedPage(path, rendered)

    markers, unplaced = place_markers(model.cases)
    yield page("index.md", "home.md.j2", placed=markers)
    yield page("cases/index.md", "cases_index.md.j2")
    for case in model.cases:
        yield page(f"cases/{case.id}.md", "case.md.j2", case=case, sources=_sources(model, case.sources))
    yield page("finder/index.md", "finder.md.j2", facets=FACETS,
               facet_values=lambda facet: _facet_values(model, facet),
               countries_of=_countries_of, networks_of=lambda c: [n.id for n in model.networks_of_case.get(c.id, ())],
               search_text=_search_text)
    yield page("compare/index.md", "compare.md.j2")
    yield page("match/index.md", "match.md.j2", rules=matching.load_rules(), countries=_match_countries(model))
    yield RenderedPage("assets/match-data.js", matching.browser_data(model, options.kit, gettext))
    yield page("map/index.md", "map.md.j2", placed=markers, unplaced=unplaced, map_credit=load_basemap().attribution)
    yield page("networks/index.md", "networks_index.md.j2")
    for network in model.networks:
        yield page(f"networks/{network.id}.md", "network.md.j2", network=network, mode=network_mode(network),
                   sources=_sources(model, network.sources),
                   diagram=_network_diagram(model, network,
                                            lambda t, p=f"networks/{network.id}.md": _href(t, p, options.kit),
                                            gettext))
    yield page("guides/index.md", "guides_index.md.j2")
    for guide in model.guides:
        yield page(f"guides/{guide.id}.md", "guide.md.j2", guide=guide, sources=_sources(model, guide.sources))
    for checklist in model.checklists:
        yield page(f"guides/{checklist.id}.md", "checklist.md.j2", checklist=checklist,
                   sources=_sources(model, checklist.sources))
    for template in model.templates:
        yield page(f"guides/{template.id}.md", "template.md.j2", template=template,
                   sources=_sources(model, template.sources))
        if not shared_prefix:
            yield RenderedPage(f"downloads/{template.id}.docx", template_docx(template))
    plan_template = model.plan_template
    if plan_template is not None:
        # One plan page, pre-filled in the browser from plan-data.js (?case=<id>), rather than a page per
        # case: a thousand more MkDocs pages would double the build (see README, Performance).
        yield page("plans/index.md", "plan.md.j2", template=plan_template)
        yield RenderedPage("assets/plan-data.js", opendata.plan_script(model, case_place, options.pdf, options.kit,
                                                                       gettext, shared_prefix, own_plans))
        for case in (c for c in model.cases if c.id in own_plans):
            yield page(f"downloads/plan-{case.id}.md.txt", "plan_download.md.j2", case=case, template=plan_template,
                       url=f"cases/{case.id}/")
            yield RenderedPage(f"downloads/plan-{case.id}.docx",
                               plan_docx(case, plan_template, case_place(case), f"cases/{case.id}/", gettext))
    yield page("themes/index.md", "themes_index.md.j2")
    for theme, cases in model.cases_by["theme"].items():
        yield page(f"themes/{theme}.md", "theme.md.j2", theme=theme, cases=cases)
    yield page("assets/portal.css", "portal.css.j2")
    yield page("assets/portal-search.js", "portal-search.js.j2")
    for script in sorted(STATIC.glob("*.js")):
        yield RenderedPage(f"assets/{script.name}", script.read_text(encoding="utf-8"))
    if options.kit:
        for vendored in sorted((STATIC / "vendor").iterdir()):
            yield RenderedPage(f"assets/vendor/{vendored.name}", vendored.read_bytes())
    yield RenderedPage("assets/compare-data.js", opendata.compare_script(model, case_place, country_name, options.kit,
                                                                         gettext))
    if not shared_prefix:
        yield RenderedPage("cases.json", opendata.cases_json(model))
        yield RenderedPage("cases.csv", opendata.cases_csv(model))


FACETS = (
    ("theme", "Theme", "theme"),
    ("sector", "Sector", "sector"),
    ("country", "Country", None),
    ("kind", "Kind of practice", "kind"),
    ("network", "Transfer network", None),
)


def _match_countries(model: SiteModel) -> list[tuple[str, str]]:
    """Countries offered on the match page: those on the map and those of the practices, by name."""
    codes = {iso for iso, _, _ in load_basemap().countries if iso} | set(model.cases_by["country"])
    return sorted(((code, country_name(code)) for code in codes), key=lambda item: item[1])


def _facet_values(model: SiteModel, facet: str) -> list[tuple[str, str, int]]:
    """(value, label, number of cases) for one finder facet, sorted by label."""
    values = [(v, _facet_label(model, facet, v), len(cases)) for v, cases in model.cases_by[facet].items()]
    return sorted(values, key=lambda item: item[1].casefold())


def _facet_label(model: SiteModel, facet: str, value: str) -> str:
    if facet == "country":
        return country_name(value)
    if facet == "network":
        return next((n.title for n in model.networks if n.id == value), value)
    return model.label(facet, value)


def short_title(title: str) -> str:
    """'AS-FABRIK: Bilbao's programme' -> 'AS-FABRIK' (the name before a colon)."""
    head = title.split(": ", 1)[0]
    return head if len(head) >= 3 else title


def _countries_of(case: Case) -> list[str]:
    codes = [case.place.country] if case.place.country else []
    return codes + [c for c in case.place.countries if c not in codes]


def _search_text(case: Case) -> str:
    """What the finder's text query searches, besides the visible title and place."""
    parts = [case.summary, *(o.name for o in case.organisations), *(c.name for c in case.components),
             case.place.region or "", case.place.area or ""]
    return " ".join(" ".join(parts).split())


DIAGRAM_UI = {
    "title": "Who learns from whom in %(network)s",
    "shared": "Practice shared", "learning": "Learning partners",
    "studied": "Practices studied", "visitors": "Partners who studied them",
    "pooled": "The network's practice", "partners": "Partners",
}
"""The network diagram's words (labels from the catalogs). A network where no member is `learning` transferred
nothing: its diagram shows the practices its partners studied (or pooled), never a transfer."""


def network_mode(network: Network) -> str:
    """'transfer' (some member is `learning`), 'studied' (members hosted visits or gave ideas) or 'pooled'."""
    if any(m.role == "learning" for m in network.members):
        return "transfer"
    return "studied" if any(m.role in SHARING_ROLES for m in network.members) else "pooled"


def _network_diagram(model: SiteModel, network: Network, rel: Callable[[str], str],
                     gettext: Callable[[str], str] = str) -> Markup:
    def role(m: Member) -> str:
        return gettext(model.label("role", m.role))

    def where(m: Member) -> str:
        return ", ".join(p for p in (m.city, country_name(m.country)) if p)

    mode = network_mode(network)
    transfer = mode == "transfer"
    role_of = {m.case: m for m in network.members if m.case}
    sources: list[Node] = []
    seen: set[str] = set()
    for ref in network.practices:
        case = model.case_by_id.get(ref)
        if case:
            seen.add(case.id)
            own = role_of.get(case.id)
            sources.append(Node(short_title(case.title), (f"{role(own)} · " if own else "") + case_place(case),
                                rel(f"cases/{case.id}/")))
    for m in network.members:
        if m.role in SHARING_ROLES and (m.case is None or m.case not in seen):
            sources.append(Node(m.name, " · ".join(p for p in (role(m), where(m)) if p),
                                rel(f"cases/{m.case}/") if m.case in model.case_by_id else None))
    studying = ("learning",) if transfer else ("partner", "coordinator")
    learners = [
        Node(m.name, " · ".join(p for p in (role(m), where(m)) if p),
             rel(f"cases/{m.case}/") if m.case and m.case in model.case_by_id else None)
        for m in network.members if m.role in studying
    ]
    columns = {"transfer": ("shared", "learning"), "studied": ("studied", "visitors"), "pooled": ("pooled", "partners")}[mode]
    return network_diagram(sources, learners, gettext(DIAGRAM_UI["title"]) % {"network": network.title},
                           tuple(gettext(DIAGRAM_UI[c]) for c in columns))  # type: ignore[arg-type]


def _sources(model: SiteModel, sources: Iterable[Source]) -> list[dict[str, str | None]]:
    """Sources with the document's full title looked up in the vocabulary."""
    documents = model.vocabularies["document"]
    out, noted = [], set()
    for s in sources:
        doc_note = documents.notes.get(s.document) if s.document and s.document not in noted else None
        noted.add(s.document)
        out.append({
            "title": documents.label(s.document) if s.document else s.title,
            "file": s.document,
            "section": s.section,
            "url": s.url,
            "note": s.note,
            "doc_note": doc_note,
        })
    return out


def case_place(case: Case, translate: Callable[[str], str] = str) -> str:
    """'Bilbao, Basque Country, Spain' or the area of a transnational practice (country named in a language)."""
    place = case.place
    parts = [p for p in (place.city, place.region) if p]
    if place.country:
        parts.append(translate(country_name(place.country)))
    elif place.area:
        parts.append(place.area)
    return ", ".join(parts) or place.scope.capitalize()
