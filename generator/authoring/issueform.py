"""GitHub's road for a new practice: an issue form asking for a case's fields, and its answers turned into the file.

`issue_form(schemas)` writes `.github/ISSUE_TEMPLATE/propose-a-practice.yml` from the
case schema (labels, help and examples are the schema's; pick lists its
vocabularies), and `python -m generator fieldref --write` keeps it up to date.
`case_from_issue(body, schemas)` reads an issue's body as GitHub renders an issue
form (`### <label>`, a blank line, the answer; `_No response_` for none) and gives
the case's front matter and body, which `python -m generator import-issue` writes
as a content file and checks. The checker decides what is right: this module
only carries the answers over.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.authoring.scaffold import ScaffoldError, case_slug
from generator.content.schemas import SchemaSet, flattened
from generator.site.contribute import body_start
from generator.site.places import town_point

TEMPLATE = Path(".github") / "ISSUE_TEMPLATE" / "propose-a-practice.yml"
LABEL = "practice-proposal"
"""The label a maintainer puts on a proposal to have it turned into a pull request (.github/workflows/import-issue.yml)."""
NO_RESPONSE = "_No response_"
SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the issue form and the field of the case it answers."""

    id: str
    path: tuple[str, ...]
    """The case's field, e.g. ('place', 'country'); () for the page's body."""
    element: str
    """GitHub's element: input, textarea or dropdown."""
    parts: tuple[str, ...] = ()
    """For a list of groups written one per line: the fields of each line, in order, between ' | '."""
    multiple: bool = False
    required: bool = False
    label: str = ""
    help: str = ""


QUESTIONS = (
    Question("title", ("title",), "input", required=True),
    Question("id", ("id",), "input", help="Leave it empty to make it from the title."),
    Question("kind", ("kind",), "dropdown", required=True),
    Question("summary", ("summary",), "textarea", required=True),
    Question("scope", ("place", "scope"), "dropdown", required=True),
    Question("city", ("place", "city"), "input"),
    Question("region", ("place", "region"), "input"),
    Question("country", ("place", "country"), "input"),
    Question("sectors", ("sectors",), "dropdown", multiple=True, required=True),
    Question("themes", ("themes",), "dropdown", multiple=True, required=True),
    Question("start", ("period", "start"), "input"),
    Question("end", ("period", "end"), "input"),
    Question("ongoing", ("period", "ongoing"), "dropdown"),
    Question("organisations", ("organisations",), "textarea", ("name", "role", "url")),
    Question("challenge", ("challenge",), "textarea"),
    Question("components", ("components",), "textarea", ("name", "description", "transferable")),
    Question("results", ("results",), "textarea"),
    Question("success_factors", ("success_factors",), "textarea"),
    Question("difficulties", ("difficulties",), "textarea"),
    Question("transferability", ("transferability",), "textarea"),
    Question("resources", ("resources",), "textarea"),
    Question("links", ("links",), "textarea", ("title", "url")),
    Question("sources", ("sources",), "textarea", ("document or title", "section or web address"), required=True),
    Question("body", (), "textarea", label="The story of the practice",
             help="In your own words, in Markdown: what was done, how, and what happened. It goes under the "
                  "heading 'How it works'; add more ## headings if you like."),
)

YES, NO = "yes", "no"


def _field(case: Mapping[str, Any], path: tuple[str, ...]) -> Mapping[str, Any]:
    node = case
    for name in path:
        node = node["properties"][name]
    return node


def _options(field: Mapping[str, Any]) -> list[str] | None:
    """A pick list's options as the form shows them: 'City programme (city-programme)'; plain values for an enum."""
    field = field.get("items", field) if field.get("type") == "array" else field
    if "enum" in field:
        return [str(v) for v in field["enum"]]
    alternatives = field.get("anyOf")
    if alternatives and all("const" in a for a in alternatives):
        return [f"{a.get('title', a['const'])} ({a['const']})" for a in alternatives]
    if field.get("type") == "boolean":
        return [YES, NO]
    return None


def _questions(schemas: SchemaSet) -> Iterator[tuple[Question, Mapping[str, Any]]]:
    case = flattened(schemas.bundled("case.schema.json"))
    for question in QUESTIONS:
        yield question, (_field(case, question.path) if question.path else {})


def _help(question: Question, field: Mapping[str, Any]) -> str:
    text = question.help or field.get("description", "")
    if question.parts:
        text += f" One per line: {SEPARATOR.join(question.parts)}."
        if question.id == "sources":
            text += " For one of the project's source documents: its file name, then the section's heading."
        if question.id == "components":
            text += " Write transferable at the end of a component others can take over."
    elif field.get("type") == "array" and question.element == "textarea":
        text += " One per line."
    return text.strip()


def _example(question: Question, field: Mapping[str, Any]) -> str | None:
    examples = field.get("examples") or []
    if not examples or question.element == "dropdown":
        return None
    value = examples[0]
    if question.parts and isinstance(value, list):
        return "\n".join(SEPARATOR.join(str(item.get(p.split(" or ")[0], "")) for p in question.parts
                                        if item.get(p.split(" or ")[0]) is not None) for item in value)
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return str(value)


def issue_form(schemas: SchemaSet) -> str:
    """The issue form, as GitHub reads it."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": (
        "Propose a good practice other places could learn from. Every field says what it wants; "
        "a maintainer turns your answers into the practice's page (a pull request), which the portal's "
        "check reviews. Prefer a form that checks as you type? Use the portal's Contribute page. "
        "No personal contact details, please: name organisations and their public web sites.")}}]
    for question, field in _questions(schemas):
        attributes: dict[str, Any] = {"label": question.label or field.get("title", question.id),
                                      "description": _help(question, field)}
        options = _options(field) if question.element == "dropdown" else None
        if options is not None:
            attributes["options"] = options
            if question.multiple:
                attributes["multiple"] = True
        example = _example(question, field)
        if example:
            attributes["placeholder"] = f"e.g. {example}" if "\n" not in example else example
        element: dict[str, Any] = {"type": question.element, "id": question.id, "attributes": attributes}
        if question.required:
            element["validations"] = {"required": True}
        body.append(element)
    body.append({"type": "checkboxes", "id": "checklist", "attributes": {"label": "Before you send it", "options": [
        {"label": "Every fact, figure, name and date comes from a source I name under Sources.", "required": True},
        {"label": "The text is in my own words.", "required": True},
        {"label": "It holds no personal contact details.", "required": True}]}})
    form = {"name": "Propose a good practice",
            "description": "A practice other cities and clusters could learn from; it becomes a page of the portal.",
            "title": "Practice: ", "labels": ["proposal"], "body": body}
    lines = ["# Generated from schemas/case.schema.json by `python -m generator fieldref --write`; do not edit by hand.",
             f"# A maintainer adds the label '{LABEL}' to turn a proposal into a pull request "
             "(.github/workflows/import-issue.yml)."]
    return "\n".join(lines) + "\n" + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=110)


# --- reading an issue's answers -----------------------------------------------------------


_HEADING = re.compile(r"^### (.+?)\s*$", re.MULTILINE)
_VALUE_IN_PARENTHESES = re.compile(r"\(([a-z0-9_.-]+)\)")


def answers(body: str) -> dict[str, str]:
    """label -> answer, from an issue body as GitHub renders an issue form."""
    body = body.replace("\r\n", "\n")
    found = {}
    marks = list(_HEADING.finditer(body))
    for mark, following in zip(marks, marks[1:] + [None]):
        text = body[mark.end(): following.start() if following else len(body)].strip()
        found[mark.group(1).strip()] = "" if text == NO_RESPONSE else text
    return found


def _lines(text: str) -> list[str]:
    return [re.sub(r"^[-*]\s+", "", line).strip() for line in text.splitlines() if line.strip()]


def _number(text: str) -> int | str:
    return int(text) if re.fullmatch(r"\d{1,4}", text.strip()) else text.strip()


def _value(question: Question, field: Mapping[str, Any], text: str, documents: set[str]) -> Any:
    if question.element == "dropdown":
        if field.get("type") == "boolean":
            return {YES: True, NO: False}.get(text.strip().lower(), text.strip())
        vocabulary = "anyOf" in field.get("items", field)  # options 'Label (value)': the values in brackets
        picked = _VALUE_IN_PARENTHESES.findall(text) if vocabulary else [t.strip() for t in text.split(",") if t.strip()]
        return picked if question.multiple else (picked[0] if picked else text.strip())
    if question.parts:
        return [_group(question, line, documents) for line in _lines(text)]
    if field.get("type") == "array":
        return _lines(text)
    if field.get("type") == "integer":
        return _number(text)
    if question.element == "input":
        return " ".join(text.split())
    return text.strip()


def _group(question: Question, line: str, documents: set[str]) -> dict[str, Any]:
    values = [v.strip() for v in line.split("|")]
    if question.id == "sources":
        first, second = (values + [""])[:2]
        if first in documents:
            return {"document": first, "section": second}
        return {"title": first, "url": second}
    group: dict[str, Any] = {}
    for name, value in zip(question.parts, values):
        if name == "transferable":
            if value.lower() in ("transferable", YES, "true"):
                group[name] = True
        elif value:
            group[name] = value
    return group


@dataclass(frozen=True, slots=True)
class Imported:
    front_matter: dict[str, Any]
    body: str
    missing: tuple[str, ...]
    """Labels of the form that the issue does not have (an issue not made with this form, or an older one)."""


def case_from_issue(body: str, schemas: SchemaSet, today: _dt.date | None = None) -> Imported:
    """The case an issue proposes: its front matter (status review, reviewed today) and its body."""
    given = answers(body)
    documents = set(schemas.vocabularies["document"].labels)
    front: dict[str, Any] = {}
    story = ""
    missing = []
    for question, field in _questions(schemas):
        label = question.label or field.get("title", question.id)
        if label not in given:
            missing.append(label)
            continue
        text = given[label]
        if not text:
            continue
        if not question.path:
            story = text
            continue
        node = front
        for name in question.path[:-1]:
            node = node.setdefault(name, {})
        node[question.path[-1]] = _value(question, field, text, documents)
    if not front.get("id") and isinstance(front.get("title"), str):
        try:
            front["id"] = case_slug(front["title"])
        except ScaffoldError:
            pass
    place = front.get("place")
    if isinstance(place, dict) and "coordinates" not in place and isinstance(place.get("country"), str):
        named = place.get("city") or place.get("region")  # the map's point, from GeoNames (as `make new-case`)
        point = town_point(named, place["country"]) if isinstance(named, str) else None
        if point:
            place["coordinates"] = {"lat": point[0], "lon": point[1]}
    front["status"] = "review"
    front["last_reviewed"] = (today or _dt.date.today()).isoformat()
    headings = body_start()  # the headings of `make new-case`'s skeleton
    if not story.lstrip().startswith("#"):
        story = headings + story
    return Imported(front, story, tuple(missing))
