"""Stage 4, render: SiteModel -> RenderedPage[] (Markdown, data files and Word plans for MkDocs).

`render_site` lists every page of the portal in one place: to add a page type,
add its template in `templates/` and one `yield page(...)` line here. The
environment and its escaping are in `environment.py`, links in `addresses.py`,
the data the pages' scripts read in `opendata.py` and `matching.py`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import i18n
from generator.countries import country_name
from generator.derived import DerivedStore, key_of
from generator.geo import load_basemap
from generator.site import contribute, datapackage, matching, opendata, suggest
from generator.site.addresses import (
    RenderOptions,
    case_address,
    edit_url,
    has_page,
    href,
    language_links,
    new_file_url,
    public_url,
    rel,
)
from generator.site.citations import Citation, citations
from generator.site.diagrams import MapLayout, Node, map_layout, network_diagram
from generator.site.environment import TEMPLATES, make_environment, yaml_meta
from generator.site.memo import RenderMemo, case_listing, case_view
from generator.site.model import SHARING_ROLES, SiteModel
from generator.site.places import Placement, countries_of
from generator.site.search_bundles import practice_bundles
from generator.site.text import case_place, short_title
from generator.site.word import cached_plan_docx, template_docx
from generator.types import Case, Member, Network, PrintJob, RenderedPage, Source

STATIC = Path(__file__).parent / "static"
SOURCES = "sources"
"""Where the site keeps each page's source file for the contribution form (written by pipeline.source_pages)."""
SHARED = ("pdf/", "downloads/", "cases.csv", "cases.json", "cases.schema.json", "datapackage.json", "assets/vendor/", f"{SOURCES}/")
"""Files made once, in the default language's site, that the other languages' pages link to."""


# --- pages ------------------------------------------------------------------------


def render_site(model: SiteModel, env: jinja2.Environment | None = None,
                options: RenderOptions = RenderOptions(), memo: RenderMemo | None = None) -> Iterator[RenderedPage]:
    """Every page of the portal, in a stable order, one at a time (so thousands never sit in memory at once).

    `memo` (kept by `make serve` from one render to the next) gives back each practice's page and plan
    files unchanged when nothing they are made from changed (see memo.py)."""
    memo = memo if memo is not None else RenderMemo()
    memo.common = (options, model.vocabularies, _templates_digest(), _markdown_settings(options))
    return _pages(model, env or make_environment(options.lang), options, memo)


def _templates_digest() -> str:
    """The templates' bytes: a changed template renders every page again."""
    return key_of(*(path.read_bytes() for path in sorted(TEMPLATES.glob("*.j2"))))


def _markdown_settings(options: RenderOptions) -> bytes:
    """The bytes of the mkdocs.yml whose Markdown settings the bodies are rendered with."""
    return Path(options.markdown).read_bytes() if options.markdown else b""


PRINT_FOOTER = "%(title)s. Source: %(sources)s. Last reviewed %(date)s. Good Practice Transfer Portal."
PRINT_PLAN = "Transfer plan: %(title)s"
"""The foot of each printed page (labels from the catalogs)."""
NOT_FOUND_UI = {
    "heading": "Page not found",
    "text": "There is no page at this address: it may have moved, or the address may be mistyped. "
            "Search the portal, or start again from the home page or the list of practices.",
    "search": "Search the portal", "home": "Home page", "cases": "All practices",
}
"""The 404 page's words (generator/theme/404.html), handed to it in each language's MkDocs settings."""


def localise_theme(config_extra: dict[str, object], palette: object, gettext: Callable[[str], str]) -> None:
    """A language's words for the theme's own pages: the 404 page's (into MkDocs' `extra`) and the names of
    the colour-scheme toggles (mkdocs.yml's palette), which Material prints as they are written."""
    config_extra["not_found"] = {key: gettext(text) for key, text in NOT_FOUND_UI.items()}
    for option in palette if isinstance(palette, list) else ():
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = gettext(toggle["name"])


def print_jobs(model: SiteModel, kit: bool = False) -> list[PrintJob]:
    """The pages printed to PDF: every checklist and the template; in the offline kit also every practice's
    pre-filled plan (see RenderOptions.plan_pdfs)."""
    documents = model.vocabularies["document"]
    gettext = i18n.translations(model.lang).gettext

    def footer(title: str, sources: Iterable[Source], date: str) -> str:
        named = " ".join(c.text(sections=False).rstrip(".") + ";" for c in citations(documents, sources))
        return gettext(PRINT_FOOTER) % {"title": title, "sources": named.rstrip(";"), "date": date}

    page = "guides/{}.html" if kit else "guides/{}/index.html"
    jobs = [PrintJob(page.format(c.id), f"pdf/{c.id}.pdf", footer(c.title, c.sources, c.last_reviewed))
            for c in (*model.checklists, *model.templates)]
    if kit and model.plan_template is not None:
        jobs += [PrintJob(f"plans/index.html?case={c.id}", f"pdf/plan-{c.id}.pdf",
                          footer(gettext(PRINT_PLAN) % {"title": c.title}, c.sources, c.last_reviewed))
                 for c in model.cases]
    return jobs


def _pages(model: SiteModel, env: jinja2.Environment, options: RenderOptions, memo: RenderMemo
           ) -> Iterator[RenderedPage]:
    gettext = i18n.translations(options.lang).gettext
    shared_prefix = _shared_prefix(options)
    """Where this language's site finds the files made once for all (a kit holds one language and all its files)."""
    own_plans = _own_plans(model, options)
    own_plan_files = {f"downloads/plan-{case_id}.{ext}" for case_id in own_plans for ext in ("docx", "md.txt")}
    own_plan_files |= {f"downloads/{t.id}.docx" for t in model.templates if not shared_prefix or t.id in model.translated}
    """... and the blank templates this language's site makes in its language (translated ones)."""

    country = i18n.country_names(options.lang)

    def label(vocabulary: str, value: str) -> str:
        return gettext(model.label(vocabulary, value))

    def vocabulary_items(vocabulary: str) -> list[tuple[str, str]]:
        return sorted(((v, gettext(t)) for v, t in model.vocabularies[vocabulary].labels.items()),
                      key=lambda item: item[1].casefold())

    def source_path(folder: str, page_id: str) -> str:
        """The repository file a page is made from: its translation in this language, or the original."""
        if shared_prefix and page_id in model.translated:
            return f"content/translations/{options.lang}/{folder}/{page_id}.md"
        return f"content/{folder}/{page_id}.md"

    env.globals.update(label=label, vocabulary_items=vocabulary_items,  # also for the imported macros
                       edit_url=lambda folder, page_id: edit_url(source_path(folder, page_id), options))

    def elsewhere(target: str) -> str | None:
        """For a link to a case page this language's site does not have: the default language's page."""
        match = _CASE_TARGET.match(target)
        if match is None or match.group(1) == "index" or has_page(match.group(1), options):
            return None
        return case_address(match.group(1), options)

    def page(path: str, template_name: str, **context: Any) -> RenderedPage:
        def link(target: str) -> str:
            # PDFs, Word files and the kit are made once, in the default language's site, except the
            # pre-filled plans of cases translated into this language (made in it, see below)
            up = shared_prefix if target.startswith(SHARED) else ""
            if target in own_plan_files:
                up = ""
            other = elsewhere(target)
            return up + href(other or target, path, options.kit)

        def markdown_link(target: str) -> str:
            other = elsewhere(target)  # not a page MkDocs knows: an address (printed as an HTML link)
            return rel(target, path) if other is None else href(other, path, options.kit)

        rendered = env.get_template(template_name).render(
            **{"model": model, "base": path, "rel": markdown_link, "href": link, "options": options, **context})
        if path.endswith(".md") and rendered.startswith("---\n"):  # the language switch and hreflang, for main.html
            rendered = "---\n" + str(yaml_meta({"languages": language_links(path, options)})) + "\n" + rendered[4:]
        return RenderedPage(path, rendered)

    def address(case: Case) -> str:
        return case_address(case.id, options)

    listed = (tuple(map(case_listing, model.cases)), model.networks, model.schemas is None)
    view_of = functools.cache(functools.partial(case_view, model))  # for a practice's page and its plan files

    def listing(path: str, template_name: str, parts: tuple[object, ...] = (), **context: Any) -> RenderedPage:
        """A page listing the practices: kept (by `make serve` only) while what it shows of them is unchanged."""
        return memo.page(path, (listed, *parts), functools.partial(page, path, template_name, **context), keep=False)

    layout = map_layout(model.cases)
    yield page("index.md", "home.md.j2", layout=layout)
    yield listing("cases/index.md", "cases_index.md.j2")
    for case in (c for c in model.cases if has_page(c.id, options)):
        view, sources, notes = view_of(case.id), _sources(model, case.sources), _untranslated_notes(case, options)
        yield memo.page(f"cases/{case.id}.md", (case, view, sources, notes), functools.partial(
            page, f"cases/{case.id}.md", "case.md.j2", model=view, case=case, sources=sources, untranslated=notes))
    facet_data = functools.partial(_facet_data, model)
    yield listing("finder/index.md", "finder.md.j2", facets=FACETS,
               facet_values=lambda facet: _facet_values(model, facet, gettext, country), facet_data=facet_data)
    yield RenderedPage("assets/finder-text.js", opendata.finder_text_script(model, memo.piece))
    yield page("compare/index.md", "compare.md.j2")
    yield listing("match/index.md", "match.md.j2", rules=matching.load_rules(), countries=_match_countries(model, country))
    yield RenderedPage("assets/match-data.js", matching.browser_data(model, options.kit, gettext, address, country))
    yield listing("map/index.md", "map.md.j2", layout=layout, by_country=_by_country(layout, country), facet_data=facet_data,
               map_credit=load_basemap().attribution)
    yield page("networks/index.md", "networks_index.md.j2")
    for network in model.networks:
        yield page(f"networks/{network.id}.md", "network.md.j2", network=network, mode=network_mode(network),
                   sources=_sources(model, network.sources),
                   diagram=_network_diagram(model, network,
                                            lambda t, p=f"networks/{network.id}.md": href(elsewhere(t) or t, p, options.kit),
                                            gettext, country))
    yield page("guides/index.md", "guides_index.md.j2")
    for guide in model.guides:
        yield page(f"guides/{guide.id}.md", "guide.md.j2", guide=guide, sources=_sources(model, guide.sources))
    for checklist in model.checklists:
        yield page(f"guides/{checklist.id}.md", "checklist.md.j2", checklist=checklist,
                   sources=_sources(model, checklist.sources))
    for template in model.templates:
        yield page(f"guides/{template.id}.md", "template.md.j2", template=template,
                   sources=_sources(model, template.sources))
        if f"downloads/{template.id}.docx" in own_plan_files:
            yield memo.page(f"downloads/{template.id}.docx", (template,), lambda path=f"downloads/{template.id}.docx",
                            made=template: RenderedPage(path, template_docx(made, options.lang)), keep=False)
    plan_template = model.plan_template
    if plan_template is not None:
        # One plan page, pre-filled in the browser from plan-data.js (?case=<id>), rather than a page per
        # case: a thousand more MkDocs pages would double the build (see README, Performance).
        yield listing("plans/index.md", "plan.md.j2", (plan_template,), template=plan_template)
        yield RenderedPage("assets/plan-data.js", opendata.plan_script(model, case_place, options.plan_pdfs, options.kit,
                                                                       gettext, shared_prefix, own_plans, address,
                                                                       memo.piece))
        word_plans = plan_docx_makers(model, options)
        for case in (c for c in model.cases if c.id in own_plans):
            public = public_url(f"cases/{case.id}/", options)
            view = view_of(case.id)
            yield memo.page(f"downloads/plan-{case.id}.md.txt", (case, view, public), functools.partial(
                page, f"downloads/plan-{case.id}.md.txt", "plan_download.md.j2", model=view, case=case,
                template=plan_template, url=public))
            yield memo.page(f"downloads/plan-{case.id}.docx", (case, view, public),
                            lambda path=f"downloads/plan-{case.id}.docx", make=word_plans[case.id]:
                            RenderedPage(path, make()), keep=False)  # kept in build/cache/docx
    yield listing("themes/index.md", "themes_index.md.j2")
    for theme, cases in model.cases_by["theme"].items():
        yield listing(f"themes/{theme}.md", "theme.md.j2", theme=theme, cases=cases)
    if model.schemas is not None:
        yield page("contribute/index.md", "contribute.md.j2", kinds=[(k.key, gettext(k.label)) for k in contribute.FORMS],
                   new_file=new_file_url(options), repo_url=options.repo_url)
        sources = shared_prefix + href(f"{SOURCES}/", "contribute/index.md", options.kit)
        ids = {"cases": [c.id for c in model.cases], "networks": [n.id for n in model.networks],
               "guides": [g.id for g in (*model.guides, *model.checklists, *model.templates)]}
        made_from = (model.schemas, tuple((folder, tuple(found)) for folder, found in ids.items()))
        yield RenderedPage("assets/contribute-data.js", memo.piece("assets/contribute-data.js", made_from, lambda: (
            contribute.browser_script(model.schemas, gettext, options.lang, sources, new_file_url(options),
                                      edit_url("", options), options.kit, ids))))
    yield page("assets/portal.css", "portal.css.j2")
    yield page("assets/portal-search.js", "portal-search.js.j2", merged=_merged_search(model, options),
               default_lang=i18n.default_language())
    yield RenderedPage(suggest.TERMS, memo.piece(suggest.TERMS, (listed,), functools.partial(
        suggest.terms_file, model, i18n.country_translations(options.lang).gettext)))
    for script in sorted(STATIC.glob("*.js")):
        yield RenderedPage(f"assets/{script.name}", script.read_text(encoding="utf-8"))
    if options.kit or not shared_prefix:  # made once, in the default language's site (or in the kit)
        for vendored in sorted((STATIC / "vendor").iterdir()):
            if vendored.suffix != ".md":  # the notes on where each file comes from stay in the repository
                yield RenderedPage(f"assets/vendor/{vendored.name}", vendored.read_bytes())
    yield RenderedPage("assets/compare-data.js", opendata.compare_script(model, case_place, country, options.kit,
                                                                         gettext, address, memo.piece))
    if not shared_prefix:
        yield RenderedPage("cases.json", opendata.cases_json(model, memo.piece))
        yield RenderedPage("cases.csv", opendata.cases_csv(model, memo.piece))
        if model.schemas is not None:  # what describes them: the JSON Schema and the Frictionless data package
            schemas = model.schemas
            yield RenderedPage(datapackage.JSON_SCHEMA, memo.piece(datapackage.JSON_SCHEMA, (schemas,), lambda: (
                datapackage.dumped(datapackage.cases_json_schema(schemas)))))
            yield RenderedPage(datapackage.PACKAGE, memo.piece(datapackage.PACKAGE, (schemas,), lambda: (
                datapackage.dumped(datapackage.datapackage(schemas)))))


def _merged_search(model: SiteModel, options: RenderOptions) -> list[str]:
    """The search bundles this language's search adds to its own (see search_bundles; the kit has none)."""
    parts = practice_bundles(len(model.cases))
    if options.kit:
        return []
    if options.lang == i18n.default_language():
        return parts[1:]
    return parts if len(options.languages) > 1 else []


_CASE_TARGET = re.compile(r"^cases/([^/]+?)(?:\.md|/)$")
"""A link to a case page: 'cases/<id>.md' (Markdown) or 'cases/<id>/' (HTML)."""


def _shared_prefix(options: RenderOptions) -> str:
    return "../" if options.lang != i18n.default_language() and not options.kit else ""


def _own_plans(model: SiteModel, options: RenderOptions) -> set[str]:
    """Cases whose pre-filled plans (.docx, .md) this language's site makes itself, in its language."""
    return {c.id for c in model.cases if not _shared_prefix(options) or c.id in model.translated}


def plan_docx_makers(model: SiteModel, options: RenderOptions) -> dict[str, Callable[[], bytes]]:
    """Case id -> what makes its Word plan in this language's site (taken from build/cache/docx when made before,
    by this build's other process too: see pipeline.generate)."""
    if model.plan_template is None:
        return {}
    plans = DerivedStore(Path(options.cache) / "docx" if options.cache else None)
    gettext = i18n.translations(options.lang).gettext
    own_plans = _own_plans(model, options)
    return {case.id: functools.partial(cached_plan_docx, plans, case, model.plan_template, case_place(case),
                                       public_url(f"cases/{case.id}/", options), gettext, options.lang)
            for case in model.cases if case.id in own_plans}


def _untranslated_notes(case: Case, options: RenderOptions) -> list[tuple[str, str]]:
    """On a default-language case page: (language, note) for each built language it is not translated into,
    each in its own language; the page shows the one its address asks for (#lang-<code>)."""
    if options.lang != i18n.default_language() or options.kit:
        return []
    return [(code, i18n.translations(code).gettext("This page has not been translated yet; it is shown in English."))
            for code in options.languages if not has_page(case.id, options, code)]


FACETS = (
    ("theme", "Theme", "theme"),
    ("sector", "Sector", "sector"),
    ("country", "Country", None),
    ("kind", "Kind of practice", "kind"),
    ("network", "Transfer network", None),
)


def _match_countries(model: SiteModel, country: Callable[[str], str] = country_name) -> list[tuple[str, str]]:
    """Countries offered on the match page: those on the map and those of the practices, by name (in the
    page's language)."""
    codes = {iso for iso, _, _ in load_basemap().countries if iso} | set(model.cases_by["country"])
    return sorted(((code, country(code)) for code in codes), key=lambda item: sort_key(item[1]))


def sort_key(text: str) -> str:
    """Names sorted as a reader expects, accents after their letters (Österreich among the Os)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold() or text.casefold()


def _facet_values(model: SiteModel, facet: str, gettext: Callable[[str], str] = str,
                  country: Callable[[str], str] = country_name) -> list[tuple[str, str, int]]:
    """(value, label, number of cases) for one finder facet in the page's language, sorted by label."""
    values = [(v, _facet_label(model, facet, v, gettext, country), len(cases)) for v, cases in model.cases_by[facet].items()]
    return sorted(values, key=lambda item: sort_key(item[1]))


def _facet_label(model: SiteModel, facet: str, value: str, gettext: Callable[[str], str],
                 country: Callable[[str], str]) -> str:
    if facet == "country":
        return country(value)
    if facet == "network":
        return next((n.title for n in model.networks if n.id == value), value)
    return gettext(model.label(facet, value))


def _facet_data(model: SiteModel, case: Case) -> Markup:
    """The data-* attributes the finder filters a practice by (finder.js and map.js read them alike; the text
    it searches is in finder-text.js)."""
    data = {"id": case.id, "theme": " ".join(case.themes), "sector": " ".join(case.sectors),
            "country": " ".join(countries_of(case)), "kind": case.kind,
            "network": " ".join(n.id for n in model.networks_of_case.get(case.id, ()))}
    if case.period.start:
        data["start"] = str(case.period.start)
    if case.period.end:
        data["end"] = str(case.period.end)
    attributes = [f'data-{key}="{escape(value)}"' for key, value in data.items()]
    if case.period.ongoing:
        attributes.append("data-ongoing")
    return Markup(" ".join(attributes))


def _by_country(layout: MapLayout, country: Callable[[str], str] = country_name) -> list[tuple[str, list[Placement]]]:
    """The map's practices by country (ISO code, '' for those naming none), each country's in title order: a
    practice covering several countries is under each of them."""
    groups: dict[str, list[Placement]] = {}
    for p in sorted(layout.placements, key=lambda p: p.case.title.casefold()):
        for iso in p.countries or ("",):
            groups.setdefault(iso, []).append(p)
    return sorted(groups.items(), key=lambda item: (item[0] == "", sort_key(country(item[0])) if item[0] else ""))


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
                     gettext: Callable[[str], str] = str, country: Callable[[str], str] = country_name) -> Markup:
    def role(m: Member) -> str:
        return gettext(model.label("role", m.role))

    def where(m: Member) -> str:
        return ", ".join(p for p in (m.city, country(m.country) if m.country else "") if p)

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


def _sources(model: SiteModel, sources: Iterable[Source]) -> list[Citation]:
    """A page's sources as citations (one per document, its caveat once), from the document vocabulary."""
    return citations(model.vocabularies["document"], sources)
