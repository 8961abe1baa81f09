"""Languages of the portal: gettext catalogs (managed with Babel) and their fallbacks.

English is the source language. Each other language has
`locales/<code>/LC_MESSAGES/messages.po`; a label missing there (or marked fuzzy)
falls back to English, so a build never breaks because a translation lags.
`python -m generator i18n` extracts the labels from the templates and data files,
merges them into every catalog and reports how many each language translates.
"""

from __future__ import annotations

import gettext
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import pycountry
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).parent
LOCALES = HERE / "locales"
LANGUAGES_FILE = HERE / "data" / "languages.yaml"
DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    """Every language of the portal, the default (English) first."""
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    default = data["default"]
    codes = [default] + [c for c in data["languages"] if c != default]
    return tuple(Language(code, data["languages"][code]["name"]) for code in codes)


def default_language() -> str:
    return languages()[0].code


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The interface labels for `code` (English, or a missing catalog: the labels as written)."""
    path = po_path(code)
    if code == default_language() or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def install(env: jinja2.Environment, code: str) -> gettext.NullTranslations:
    """Give `env` (made with the `jinja2.ext.i18n` extension) the labels of `code`, and return them.

    `{% trans %}` blocks are looked up whitespace-trimmed, as Babel extracts them.
    """
    labels = translations(code)
    env.install_gettext_translations(labels, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    return labels


@lru_cache(maxsize=None)
def country_translations(code: str) -> gettext.NullTranslations:
    """Country names in `code`, from pycountry's own ISO 3166 catalogs."""
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return gettext.NullTranslations()


# --- extraction -------------------------------------------------------------------


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
    rules = yaml.safe_load((HERE / "data" / "matching.yaml").read_text(encoding="utf-8"))
    out += [(spec["label"], "generator/data/matching.yaml") for spec in rules["sizes"].values()]
    out += [(spec["label"], "generator/data/matching.yaml") for spec in rules["bodies"].values()]
    for rule in rules["rules"]:
        out += [(rule[k], "generator/data/matching.yaml") for k in
                ("explain", "one", "many", "same", "other", "unknown", "none") if k in rule]
    return out


def _script_messages() -> list[tuple[str, str]]:
    """Labels the pages' scripts print, handed to them in the data files the build writes."""
    from generator import docx, opendata, render

    out = [(text, "generator/docx.py") for text in docx.DOCX_UI]
    out += [(text, "generator/opendata.py") for text in opendata.COMPARE_UI.values()]
    out += [(label, "generator/opendata.py") for _, label in opendata.COMPARE_FIELDS]
    out += [(text, "generator/opendata.py") for text in opendata.PLAN_UI.values()]
    out += [(legend, "generator/render.py") for _, legend, _ in render.FACETS]
    out += [(text, "generator/render.py") for text in (render.PRINT_FOOTER, render.PRINT_PLAN)]
    out += [(text, "generator/render.py") for text in render.DIAGRAM_UI.values()]
    out += [(text, "generator/matching.py") for text in ("point", "points", "Plan a transfer")]
    out += [(text, "generator/types.py") for text in ("%(start)s – ongoing", "from %(start)s", "until %(end)s", "ongoing")]
    return out


def extract() -> Catalog:
    """Every label the portal prints: the templates' _() calls, the static scripts' strings, the data files."""
    catalog = Catalog(project="Good Practice Transfer Portal", domain=DOMAIN)
    method_map = [("**.j2", "jinja2")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(HERE / "templates"), method_map, options_map=options):
        catalog.add(message, locations=[(f"generator/templates/{filename}", lineno)], auto_comments=comments)
    for message, where in [*_data_messages(), *_script_messages()]:
        catalog.add(message, locations=[(where, 0)])
    return catalog


@dataclass(frozen=True, slots=True)
class Progress:
    code: str
    translated: int
    total: int


def update_catalogs(write: bool = True) -> list[Progress]:
    """Merge the extracted labels into every language's catalog; return how much each translates."""
    template = extract()
    progress = []
    for language in languages()[1:]:
        path = po_path(language.code)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language.code)
            catalog.update(template, update_header_comment=False)
        else:
            catalog = Catalog(locale=language.code, domain=DOMAIN, project=template.project)
            catalog.update(template)
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, omit_header=False, sort_output=False, include_previous=False)
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if m.string and not m.fuzzy)
        progress.append(Progress(language.code, done, len(messages)))
    return progress


def translated_nav(config_file: Path, code: str) -> list[dict[str, str]] | None:
    """mkdocs.yml's nav with its titles in language `code` (None when mkdocs.yml has no nav)."""
    nav = (yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}).get("nav")
    if not nav:
        return None
    gettext = translations(code).gettext
    return [{gettext(title): path for title, path in entry.items()} for entry in nav]
