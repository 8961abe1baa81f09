"""The contribution page's data: the schemas as the browser checks them, the form drawn from them, and the words.

The page (`templates/contribute.md.j2`, `static/contribute.js`) draws its form with
react-jsonschema-form and checks what an author types with @cfworker/json-schema
(both vendored in `static/vendor/`), against the same schemas `generator check`
uses, bundled here into one self-contained document per kind of page. Problems
are worded from the checker's own table (`content/messages.py`). Nothing here
writes a rule of its own: the form is read off the schemas.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

from generator import i18n
from generator.content.messages import table
from generator.content.schemas import SchemaSet, flattened
from generator.content.validate import PLACEHOLDERS
from generator.countries import country_name
from generator.site import scripts
from generator.site.environment import TEMPLATES


@dataclass(frozen=True, slots=True)
class FormKind:
    """A kind of page the form writes: its schema and the folder its file goes in."""

    key: str
    folder: str
    schema: str
    label: str
    initial: Mapping[str, Any]
    """What a new page starts with."""


FORMS = (
    FormKind("case", "cases", "case.schema.json", "A good practice", {"status": "review"}),
    FormKind("network", "networks", "network.schema.json", "A transfer network", {"status": "review"}),
    FormKind("guide", "guides", "guide.schema.json", "A method guide", {"type": "guide", "status": "review"}),
)

BODY = "body"
"""The form's field for the Markdown below the front matter (no schema has a field of that name)."""
TODAY_FIELDS = ("last_reviewed",)
"""Fields a new page fills with the day it is written."""
COUNTRY_PATTERN = "^[A-Z]{2}$"
"""A field with this pattern holds a country code: the form offers the ISO 3166-1 countries."""
LONG_TEXT = 400
"""Texts that may be longer than this get a box of several lines."""
MAX_URL = 8000
"""GitHub's new-file address holds the file up to about this length; past it the file is copied instead."""

UI = {
    "add": "Add",
    "remove": "Remove",
    "move_up": "Move up",
    "move_down": "Move down",
    "copy_item": "Copy",
    "problems_none": "No problems found: the file is ready.",
    "problems_one": "1 problem: it is marked next to its field.",
    "problems_many": "%(count)s problems: each is marked next to its field.",
    "problems_unplaced": "Problems in fields this form does not show:",
    "hint": "Hint:",
    "restored": "Your draft from %(date)s was restored. Nothing you typed is lost.",
    "loaded": "%(name)s is loaded: change what you need, then download or propose it.",
    "not_loaded": "%(name)s could not be read: %(reason)s",
    "not_a_page": "it has no front matter between two --- lines",
    "copied": "The file is copied: paste it where you need it.",
    "copy_failed": "The browser did not let the page copy: select the file below and copy it yourself.",
    "downloaded": "%(name)s is downloaded.",
    "exported": "The draft is saved as %(name)s; open it here later to go on.",
    "too_long": "The file is too long for GitHub's address, so it is copied instead: on GitHub, paste it into "
                "the empty file (Ctrl+V) before you propose it.",
    "edit_opened": "The file is copied and GitHub opened its edit page in a new tab: select all the text there, "
                   "paste yours over it (Ctrl+V) and propose the change.",
    "exists": "A page with the id %(id)s is in the portal already: give yours another id, or open that page "
              "to change it.",
    "opened": "GitHub opened in a new tab with the file filled in. Without write access to the repository, "
              "GitHub offers to fork it and open a pull request.",
    "replace": "Replace what is in the form? Export the draft first if you want to keep it.",
    "example": "Example: %(example)s",
    "body_example": "## How it works, then a few paragraphs in your own words",
    "add_optional": "Add these details",
    "remove_optional": "Leave these details out",
    "optional_empty": "Optional: left out.",
    "yes": "yes",
    "no": "no",
}
"""Labels the page's script prints (from the catalogs, like every label)."""


def _example(value: Any, field: Mapping[str, Any], gettext: Callable[[str], str],
             countries: Callable[[str], str]) -> str | None:
    """An example as the form shows it: vocabulary values and countries by their labels."""
    if isinstance(value, list):
        items = field.get("items", {})
        shown = [_example(v, items, gettext, countries) for v in value]
        return ", ".join(s for s in shown if s) if all(shown) else None
    if isinstance(value, dict):
        return None  # a group shows its fields' examples
    if isinstance(value, bool):
        return gettext(UI["yes"] if value else UI["no"])
    if field.get("pattern") == COUNTRY_PATTERN:
        return countries(value)
    choices = _choices(field)
    if choices is not None:
        return gettext(choices.get(value, value))
    return str(value)


def _choices(field: Mapping[str, Any]) -> dict[str, str] | None:
    """value -> label of a field with fixed values (a vocabulary or an enum), else None."""
    if "enum" in field:
        return {str(v): str(v) for v in field["enum"]}
    alternatives = field.get("anyOf")
    if alternatives and all("const" in alt for alt in alternatives):
        return {alt["const"]: alt.get("title", alt["const"]) for alt in alternatives}
    return None


class _FormBuilder:
    """A flattened schema -> what react-jsonschema-form draws (schema) and how (uiSchema), in one language."""

    def __init__(self, gettext: Callable[[str], str], lang: str) -> None:
        self.gettext = gettext
        self.countries = i18n_countries(lang)
        self.country_options = sorted(({"const": c.alpha_2, "title": self.countries(c.alpha_2)}
                                       for c in pycountry.countries), key=lambda o: o["title"].casefold())

    def field(self, node: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        gettext = self.gettext
        schema: dict[str, Any] = {}
        ui: dict[str, Any] = {}
        for key in ("title", "description"):
            if key in node:
                schema[key] = gettext(node[key])
        for key in ("type", "minLength", "maxLength", "minimum", "maximum", "format", "const", "minItems",
                    "required", "if", "then", "additionalProperties", "uniqueItems"):
            if key in node:
                schema[key] = node[key]
        if isinstance(schema.get("type"), list):
            schema["type"] = "string"  # a number or a text: typed as text (contribute.js writes a number as one)
        choices = _choices(node)
        if node.get("pattern") == COUNTRY_PATTERN:
            schema.update(type="string", anyOf=self.country_options)
        elif choices is not None:
            options = [{"const": value, "title": gettext(label)} for value, label in choices.items()]
            if "anyOf" in node:  # a vocabulary: sorted by its labels in this language
                options.sort(key=lambda o: o["title"].casefold())
            schema.update(type="string", anyOf=options)
        elif node.get("pattern"):
            schema["pattern"] = node["pattern"]
        if "const" in node:
            schema.update(type="string", default=node["const"])
            ui["ui:widget"] = "hidden"
        if "properties" in node:
            schema["properties"] = {}
            for name, prop in node["properties"].items():
                schema["properties"][name], ui[name] = self.field(prop)
        if "items" in node:
            schema["items"], ui["items"] = self.field(node["items"])
            if "anyOf" in schema["items"] and node["items"].get("pattern") == COUNTRY_PATTERN:
                schema.pop("uniqueItems", None)  # 249 countries: one pick list per entry, not 249 boxes
            elif "anyOf" in schema["items"] and node.get("uniqueItems"):
                ui["ui:widget"] = "checkboxes"
        if schema.get("type") == "string" and "anyOf" not in schema and node.get("maxLength", 0) > LONG_TEXT:
            ui.update({"ui:widget": "textarea", "ui:options": {"rows": 4}})
        examples = node.get("examples") or []
        shown = _example(examples[0], node, gettext, self.countries) if examples else None
        if shown:
            ui["ui:help"] = gettext(UI["example"]) % {"example": shown}
        return schema, ui


def i18n_countries(lang: str) -> Callable[[str], str]:
    """ISO code -> the country's name in `lang`."""
    names = i18n.country_translations(lang)
    return lambda code: names.gettext(country_name(code))


def body_start() -> str:
    """The body a new practice starts with: the headings of `make new-case`'s skeleton."""
    skeleton = (TEMPLATES / "new_case.md.j2").read_text(encoding="utf-8")
    body = skeleton.split("\n---\n", 1)[1]
    return "".join(f"{line}\n\n" for line in body.splitlines() if line.startswith("#"))


def form_data(schemas: SchemaSet, gettext: Callable[[str], str], lang: str) -> dict[str, Any]:
    """Every kind of page the form writes: its bundled schema (the rules), its form and its start."""
    builder = _FormBuilder(gettext, lang)
    kinds = {}
    for kind in FORMS:
        bundled = schemas.bundled(kind.schema)
        if BODY in bundled.get("properties", {}):
            raise ValueError(f"{kind.schema} has a field named '{BODY}', which the form keeps for the page's body")
        form, ui = builder.field(flattened(bundled))
        form.update(title=gettext(kind.label), description="")  # not the schema's own words, written for editors
        ui["ui:globalOptions"] = {"enableOptionalDataFieldForType": ["object"]}
        form["properties"][BODY] = {"type": "string", "title": gettext("The page's text (Markdown)"),
                                    "description": gettext("Below the fields: the story, with ## headings.")}
        ui[BODY] = {"ui:widget": "textarea", "ui:options": {"rows": 14},
                    "ui:help": gettext(UI["example"]) % {"example": gettext(UI["body_example"])}}
        kinds[kind.key] = {
            "label": gettext(kind.label), "folder": kind.folder, "rules": bundled, "form": form, "ui": ui,
            "initial": dict(kind.initial), "today": [f for f in TODAY_FIELDS if f in bundled["properties"]],
            "body": body_start() if kind.key == "case" else "",
        }
    return kinds


def words(gettext: Callable[[str], str]) -> dict[str, Any]:
    """The checker's table of messages and the page's labels, in the page's language."""
    words = table()
    words["messages"] = {key: gettext(text) for key, text in words["messages"].items()}
    words["types"] = {key: gettext(text) for key, text in words["types"].items()}
    words["ui"] = {key: gettext(text) for key, text in UI.items()}
    words["placeholders"] = list(PLACEHOLDERS)
    return words


def browser_script(schemas: SchemaSet, gettext: Callable[[str], str], lang: str, sources: str,
                   new_file: str | None, edit_file: str | None, files: bool, existing: Mapping[str, list[str]]) -> str:
    """`window.PORTAL_CONTRIBUTE = {...}`: what the contribution page's script reads (works from file://).

    `existing`: the ids of the pages in the portal, by folder (a proposal under one of them is a change to it).
    """
    data = {
        "lang": lang, "kinds": form_data(schemas, gettext, lang), "words": words(gettext),
        "countries": sorted(c.alpha_2 for c in pycountry.countries),
        "sources": sources, "new_file": None if files else new_file, "edit_file": None if files else edit_file,
        "max_url": MAX_URL, "files": files, "existing": {folder: sorted(ids) for folder, ids in existing.items()},
    }
    return scripts.assignment("PORTAL_CONTRIBUTE", data)


def catalog_messages() -> list[str]:
    """The labels above, for the catalogs."""
    messages = [kind.label for kind in FORMS] + list(UI.values())
    messages += ["The page's text (Markdown)", "Below the fields: the story, with ## headings."]
    messages += list(table()["messages"].values()) + list(table()["types"].values())
    return messages
