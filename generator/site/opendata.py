"""Open data and page data built from the model: cases.json, cases.csv, compare-data.js, plan-data.js,
finder-text.js."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
from collections.abc import Callable, Collection, Iterable
from typing import Any

from generator import i18n
from generator.content.schemas import Vocabulary
from generator.site import scripts
from generator.site.citations import citations, document_citation, source_citation
from generator.site.model import SiteModel
from generator.types import Case, Source

CSV_FIELDS = (
    ("id", "string", "The practice's id (its page is cases/<id>/)."),
    ("title", "string", "The practice's title."),
    ("url", "string", "Its page, relative to the portal's address."),
    ("kind", "string", "Kind of practice (a value of the kind vocabulary)."),
    ("city", "string", "Its town or city, where the sources name one."),
    ("region", "string", "Its region."),
    ("country", "string", "Its country (ISO 3166-1 alpha-2)."),
    ("countries", "string", "Countries it spans, separated by ';'."),
    ("lat", "number", "Latitude of its place (WGS 84)."),
    ("lon", "number", "Longitude of its place (WGS 84)."),
    ("start", "integer", "Year it started."),
    ("end", "integer", "Year it ended."),
    ("ongoing", "boolean", "'yes' when it is still running."),
    ("sectors", "string", "Sectors, separated by ';'."),
    ("themes", "string", "Themes, separated by ';'."),
    ("networks", "string", "Ids of the transfer networks it belongs to, separated by ';'."),
    ("organisations", "string", "Organisations involved, separated by ';'."),
    ("components", "string", "Its components, separated by ';'."),
    ("services", "integer", "How many services its portfolio lists."),
    ("summary", "string", "A short summary."),
    ("sources", "string", "Its sources as citations (title, author or publisher, date, sections, address), "
                          "separated by ' | '."),
    ("source_documents", "string", "The ids of its source documents (the file names in the project's source list), "
                                   "separated by ';'."),
    ("last_reviewed", "date", "When the page was last reviewed."),
    ("network_roles", "string", "What its own body did in each network: 'network: member (role)', separated by ';'."),
)
"""cases.csv's columns: (name, Table Schema type, description); datapackage.json describes them from here."""
CSV_COLUMNS = tuple(name for name, _, _ in CSV_FIELDS)
BOM = "\ufeff"
"""cases.csv starts with a UTF-8 byte-order mark: without it Excel on Windows reads it as ANSI and garbles accents."""


def case_url(case: Case, files: bool = False) -> str:
    """The case page's address, relative to the site root (a file name in the offline kit)."""
    return f"cases/{case.id}.html" if files else f"cases/{case.id}/"


def plan_url(case: Case, files: bool = False) -> str:
    return f"plans/index.html?case={case.id}" if files else f"plans/?case={case.id}"


def _plain(value: Any, cite: Callable[[Source], str] | None = None) -> Any:
    """Dataclasses -> dicts, tuples -> lists, without the raw SourceDoc; each source with its `cite` text."""
    if isinstance(value, (list, tuple)):
        return [_plain(v, cite) for v in value]
    names = _field_names(type(value))
    if names is None:
        return value
    out = {}
    for name in names:
        field = getattr(value, name)
        if field is not None and field != () and field != "":
            out[name] = _plain(field, cite)
    if cite is not None and isinstance(value, Source):
        out["citation"] = cite(value)
    return out


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, minus the raw source (None for other types)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in ("doc", "body"))


def network_roles(model: SiteModel, case: Case) -> list[dict[str, str]]:
    """What the practice's own body did in each network, as a role value and in words ('Study-visit host')."""
    return [{"network": n.id, "member": m.name, "role": m.role, "role_label": model.label("role", m.role)}
            for n in model.networks_of_case.get(case.id, ()) for m in n.members if m.case == case.id]


def case_record(model: SiteModel, case: Case) -> dict[str, Any]:
    documents = model.vocabularies["document"]
    record = _plain(case, lambda source: source_citation(documents, source))
    record["url"] = case_url(case)
    record["networks"] = [n.id for n in model.networks_of_case.get(case.id, ())]
    record["network_roles"] = network_roles(model, case)
    return record


def case_json(model: SiteModel, case: Case) -> str:
    """One practice's record as it is printed inside cases.json (at its depth there: an item of "cases")."""
    return json.dumps(case_record(model, case), ensure_ascii=False, indent=1).replace("\n", "\n  ")


def cases_json(model: SiteModel, piece: scripts.Piece = scripts.made) -> str:
    """The published practices as JSON, each practice's record a `piece` (make serve keeps them between renders:
    printing all of them took 0.4 s of each regeneration at 1,000 practices)."""
    documents = model.vocabularies["document"]
    head = json.dumps({
        "generator": "Good Practice Transfer Portal",
        "count": len(model.cases),
        "documents": {d: document_record(documents, d) for d in documents.labels},
        "cases": [],
    }, ensure_ascii=False, indent=1)
    if not model.cases:
        return head + "\n"
    records = ",\n  ".join(piece(f"cases.json#{c.id}", (c, model.networks_of_case.get(c.id, ())),
                                  functools.partial(case_json, model, c)) for c in model.cases)
    assert head.endswith('"cases": []\n}')
    return head[:-len("[]\n}")] + "[\n  " + records + "\n ]\n}\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list): such a cell gets a leading apostrophe."""


def _spreadsheet_safe(text: str) -> str:
    """Keep a cell from being read as a formula by spreadsheet programs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def document_record(documents: Vocabulary, document: str) -> dict[str, str]:
    """A source document in the open data: its citation's parts (what the document gives) and caveat."""
    cited = document_citation(documents, document)
    fields = {"title": cited.title, "author": cited.author, "publisher": cited.publisher, "date": cited.date,
              "address": cited.address, "caveat": cited.caveat, "citation": cited.text()}
    return {key: value for key, value in fields.items() if value}


def cases_csv(model: SiteModel, piece: scripts.Piece = scripts.made) -> str:
    """The published cases as CSV (RFC 4180: CRLF between rows, so any field holding a CR or LF is quoted),
    after a byte-order mark; each practice's row a `piece`."""
    rows = (piece(f"cases.csv#{c.id}", (c, model.networks_of_case.get(c.id, ())), functools.partial(_csv_row, model, c))
            for c in model.cases)
    return BOM + _csv_line(CSV_COLUMNS) + "".join(rows)


def _csv_line(values: Iterable[object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(values)
    return out.getvalue()


def _csv_row(model: SiteModel, c: Case) -> str:
    documents = model.vocabularies["document"]
    coords = c.place.coordinates
    row = [
        c.id, c.title, case_url(c), c.kind, c.place.city or "", c.place.region or "", c.place.country or "",
        ";".join(c.place.countries), coords.lat if coords else "", coords.lon if coords else "",
        c.period.start or "", c.period.end or "", "yes" if c.period.ongoing else "",
        ";".join(c.sectors), ";".join(c.themes), ";".join(n.id for n in model.networks_of_case.get(c.id, ())),
        ";".join(o.name for o in c.organisations), ";".join(x.name for x in c.components), len(c.services),
        c.summary, " | ".join(cited.text() for cited in citations(documents, c.sources)),
        ";".join(dict.fromkeys(s.document for s in c.sources if s.document)), c.last_reviewed,
        ";".join(f"{r['network']}: {r['member']} ({r['role_label']})" for r in network_roles(model, c)),
    ]
    # numbers as they are (a negative longitude is no formula); text from the content made formula-safe
    return _csv_line(v if isinstance(v, (int, float)) else _spreadsheet_safe(str(v)) for v in row)


COMPARE_FIELDS = (
    ("place", "Place"), ("kind", "Kind"), ("period", "Period"), ("sectors", "Sectors"), ("themes", "Themes"),
    ("networks", "Transfer networks"), ("summary", "Summary"), ("challenge", "Challenge"),
    ("components", "Components"), ("services", "Services"), ("figures", "Key figures"),
    ("success_factors", "Success factors"), ("difficulties", "Difficulties"),
    ("transferability", "Transferability"), ("resources", "Resources and funding"),
)


COMPARE_UI = {"choose": "Choose a practice", "third": "(optional) a third practice", "practice": "Practice",
              "transferable": "transferable", "in_place": "in place", "new": "new"}


def compare_script(model: SiteModel, place: Callable[[Case], str], country: Callable[[str], str],
                   files: bool = False, translate: Callable[[str], str] = str,
                   address: Callable[[Case], str] | None = None, piece: scripts.Piece = scripts.made) -> str:
    """`window.PORTAL_COMPARE = {...}`: what the compare page shows, loaded as a script (works from file://);
    each practice's entry a `piece`."""
    def figure(f: Any) -> str:
        return f"{f.label}: {f.value}{' ' + f.unit if f.unit else ''}{f' ({f.year})' if f.year else ''}"

    def entry(c: Case, url: str) -> str:
        return scripts.compact({
            "title": c.title,
            "url": url,
            "place": place(c),
            "kind": translate(model.label("kind", c.kind)),
            "period": c.period.label_in(translate),
            "sectors": [translate(model.label("sector", s)) for s in c.sectors],
            "themes": [translate(model.label("theme", t)) for t in c.themes],
            "networks": [n.title for n in model.networks_of_case.get(c.id, ())],
            "summary": c.summary,
            "challenge": c.challenge or "",
            "components": [x.name + (f" ({translate('transferable')})" if x.transferable else "") for x in c.components],
            "services": [f"{s.number}. {s.name} ({translate('in place') if s.status == 'in-place' else translate('new')})"
                         for s in c.services],
            "figures": [figure(f) for f in c.figures],
            "success_factors": list(c.success_factors),
            "difficulties": list(c.difficulties),
            "transferability": c.transferability or "",
            "resources": c.resources or "",
            "original": i18n.original_fields(
                model.lang, title=c.title, summary=c.summary, challenge=c.challenge,
                components=[x.name for x in c.components], services=[s.name for s in c.services],
                figures=[t for f in c.figures for t in (f.label, f.value, f.unit) if isinstance(t, str)],
                networks=[n.title for n in model.networks_of_case.get(c.id, ())],
                success_factors=list(c.success_factors), difficulties=list(c.difficulties),
                transferability=c.transferability, resources=c.resources),
        })

    def kept(c: Case) -> str:
        url = address(c) if address else case_url(c, files)
        return piece(f"compare#{c.id}", (c, model.networks_of_case.get(c.id, ()), url), functools.partial(entry, c, url))

    ui = {key: translate(text) for key, text in COMPARE_UI.items()}
    data = {"base": "../", "order": [c.id for c in model.cases], "ui": ui, "original_lang": i18n.default_language(),
            "fields": [(key, translate(label)) for key, label in COMPARE_FIELDS]}
    return scripts.assignment("PORTAL_COMPARE", data, {"cases": scripts.json_object((c.id, kept(c)) for c in model.cases)})


PLAN_UI = {
    "title": "Transfer plan", "challenge": "Challenge it addresses: ", "transferable": " (transferable element)",
    "no_components": "The sources name no separate components; describe what you will take over.",
    "transfer": "What the sources say about transferring it: ", "download": "Download this plan as ",
    "word": "Word (.docx)", "markdown": "Markdown", "pdf": "PDF (A4)",
    "print": ", or print this page: it prints on A4 without the site around it.",
    "prefilled": "Pre-filled from", "reviewed": "last reviewed", "source": "Source",
}


def plan_script(model: SiteModel, place: Callable[[Case], str], pdf: bool, files: bool = False,
                translate: Callable[[str], str] = str, shared: str = "", own: Collection[str] = (),
                address: Callable[[Case], str] | None = None, piece: scripts.Piece = scripts.made) -> str:
    """`window.PORTAL_PLANS = {...}`: what the transfer-plan page pre-fills for each practice (each one's entry
    a `piece`).

    Files are linked from the default language's site (`shared`), except the plans in `own`, made in this one.
    """
    documents = model.vocabularies["document"]

    def entry(c: Case, url: str, files_from: str) -> str:
        return scripts.compact({
            "title": c.title, "url": url, "place": place(c),
            "summary": c.summary,
            "challenge": c.challenge or "", "transferability": c.transferability or "",
            "components": [[x.name, x.transferable] for x in c.components]
            or [[f"{s.number}. {s.name} ({translate('in place') if s.status == 'in-place' else translate('new')})", False]
                for s in c.services],
            "docx": f"{files_from}downloads/plan-{c.id}.docx",
            "md": f"{files_from}downloads/plan-{c.id}.md.txt", "pdf": f"{shared}pdf/plan-{c.id}.pdf",
            "reviewed": c.last_reviewed,
            "sources": " ".join(cited.text(sections=False) for cited in citations(documents, c.sources)).rstrip("."),
            "original": i18n.original_fields(
                model.lang, title=c.title, summary=c.summary, challenge=c.challenge,
                transferability=c.transferability,
                components=[x.name for x in c.components] or [s.name for s in c.services]),
        })

    def kept(c: Case) -> str:
        url, files_from = address(c) if address else case_url(c, files), "" if c.id in own else shared
        return piece(f"plans#{c.id}", (c, url, files_from, shared), functools.partial(entry, c, url, files_from))

    data = {"base": "../", "shared": "../", "pdf": pdf, "original_lang": i18n.default_language(),
            "ui": {key: translate(text) for key, text in PLAN_UI.items()}}
    return scripts.assignment("PORTAL_PLANS", data, {"cases": scripts.json_object((c.id, kept(c)) for c in model.cases)})


def search_text(case: Case) -> str:
    """What the finder's and the map's text query searches, besides a practice's visible title and place."""
    parts = [case.summary, *(o.name for o in case.organisations), *(c.name for c in case.components),
             case.place.region or "", case.place.area or ""]
    return " ".join(" ".join(parts).split())


def finder_text_script(model: SiteModel, piece: scripts.Piece = scripts.made) -> str:
    """`window.PORTAL_FINDER_TEXT = {id: text}`: each practice's search text, one file the finder and the map share
    (selection.js). Kept out of their pages so a practice's summary changes this file, not two 1 MB pages."""
    return scripts.assignment("PORTAL_FINDER_TEXT", {}, {c.id: piece(f"finder-text/{c.id}", (c,), functools.partial(
        scripts.compact, search_text(c))) for c in model.cases})
