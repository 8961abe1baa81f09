"""`python -m generator i18n`: extract every label the portal prints and merge it into each catalog.

The labels come from the templates' `_()` calls, the data files (vocabularies,
mkdocs.yml's nav, the matching rules) and the label lists of the modules that
hand text to the pages' scripts. The catalogs live in `generator/locales/`;
`i18n.py` reads them at build time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.content.schemas import load_schemas
from generator.i18n import DOMAIN, HERE, languages, po_path
from generator.site import contribute, diagrams, opendata, pages, word
from generator.site.environment import TEMPLATES
from generator.site.matching import RULES_FILE


def _data_messages() -> list[tuple[str, str]]:
    """Labels that live in data files: vocabularies and the matching rules. (message, where)"""
    out = []
    vocab = json.loads((HERE.parent / "schemas" / "vocabularies.schema.json").read_text(encoding="utf-8"))
    for name, spec in vocab["$defs"].items():
        if name == "document":
            continue  # source documents keep their titles
        out += [(alt["title"], "schemas/vocabularies.schema.json") for alt in spec["anyOf"] if "title" in alt]
    mkdocs = yaml.safe_load((HERE.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    out += [(title, "mkdocs.yml") for entry in mkdocs.get("nav", []) for title in entry]
    out += [(option["toggle"]["name"], "mkdocs.yml") for option in mkdocs["theme"].get("palette", [])
            if isinstance(option, dict) and "toggle" in option]
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    out += [(spec["label"], "generator/site/data/matching.yaml") for spec in rules["sizes"].values()]
    out += [(spec["label"], "generator/site/data/matching.yaml") for spec in rules["bodies"].values()]
    out += [(rule["id"].capitalize(), "generator/site/data/matching.yaml") for rule in rules["rules"]]  # the rules' names
    for rule in rules["rules"]:
        out += [(rule[k], "generator/site/data/matching.yaml") for k in
                ("explain", "one", "many", "same", "other", "unknown", "none") if k in rule]
    out += _form_messages()
    return out


def _form_messages() -> list[tuple[str, str]]:
    """The contribution form's labels from the schemas: each field's title and description, and enum values."""
    schemas = load_schemas(HERE.parent / "schemas")
    documents = set(schemas.vocabularies["document"].labels.values())
    out: list[tuple[str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, where)
        elif isinstance(node, dict):
            for key in ("title",) if "const" in node else ("title", "description"):  # a vocabulary value: its label
                text = node.get(key)
                if isinstance(text, str) and text not in documents:
                    out.append((text, where))
            out.extend((str(value), where) for value in node.get("enum", ()))
            for key, value in node.items():
                if key not in ("examples", "title", "description"):
                    walk(value, where)

    for kind in contribute.FORMS:  # the fields (the form names each kind of page itself)
        walk(schemas.bundled(kind.schema)["properties"], f"schemas/{kind.schema}")
    return out


def _script_messages() -> list[tuple[str, str]]:
    """Labels the pages' scripts print, handed to them in the data files the build writes."""
    out = [(text, "generator/site/word.py") for text in word.DOCX_UI]
    out += [(text, "generator/site/opendata.py") for text in opendata.COMPARE_UI.values()]
    out += [(label, "generator/site/opendata.py") for _, label in opendata.COMPARE_FIELDS]
    out += [(text, "generator/site/opendata.py") for text in opendata.PLAN_UI.values()]
    out += [(legend, "generator/site/pages.py") for _, legend, _ in pages.FACETS]
    out += [(text, "generator/site/pages.py") for text in (pages.PRINT_FOOTER, pages.PRINT_PLAN)]
    out += [(text, "generator/site/pages.py") for text in pages.DIAGRAM_UI.values()]
    out += [(text, "generator/site/diagrams.py") for text in diagrams.MAP_UI.values()]
    out += [(text, "generator/site/pages.py") for text in pages.NOT_FOUND_UI.values()]
    out += [(text, "generator/site/matching.py") for text in ("point", "points", "Plan a transfer")]
    out += [(text, "generator/types.py") for text in ("%(start)s – ongoing", "from %(start)s", "until %(end)s", "ongoing")]
    out += [(text, "generator/site/contribute.py") for text in contribute.catalog_messages()]
    return out


def extract() -> Catalog:
    """Every label the portal prints: the templates' _() calls, the static scripts' strings, the data files."""
    catalog = Catalog(project="Good Practice Transfer Portal", domain=DOMAIN)
    method_map = [("**.j2", "jinja2")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(TEMPLATES), method_map, options_map=options):
        catalog.add(message, locations=[(f"generator/site/templates/{filename}", lineno)], auto_comments=comments)
    for message, where in [*_data_messages(), *_script_messages()]:
        catalog.add(message, locations=[(where, 0)])
    return catalog


@dataclass(frozen=True, slots=True)
class Progress:
    code: str
    translated: int
    total: int
    missing: tuple[str, ...] = ()
    """The labels not yet translated (or marked fuzzy)."""


def update_catalogs(write: bool = True) -> list[Progress]:
    """Merge the extracted labels into every language's catalog; return how much each translates."""
    template = extract()
    progress = []
    for language in languages()[1:]:
        path = po_path(language.code)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language.code)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)  # no guesses
        else:
            catalog = Catalog(locale=language.code, domain=DOMAIN, project=template.project)
            catalog.update(template)
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, omit_header=False, sort_output=False, include_previous=False)
        messages = [m for m in catalog if m.id]
        missing = tuple(str(m.id) for m in messages if not m.string or m.fuzzy)
        progress.append(Progress(language.code, len(messages) - len(missing), len(messages), missing))
    return progress
