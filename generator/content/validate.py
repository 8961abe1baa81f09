"""Stage 2, validate: SourceDoc -> typed record, or Diagnostics in plain words.

The JSON Schemas in `schemas/` are the rules; this module runs them with
`jsonschema`, collects *every* error, and turns each into a message with the
file, the line of the offending key, the field and a fix an author understands.
A few rules JSON Schema cannot express live here too: the file name matches the
id, and country codes are real ISO 3166-1 codes (checked with pycountry).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from generator.content import records, safety
from generator.content.load import field_name
from generator.content.messages import TYPE_WORDS, say, shown
from generator.content.schemas import SCHEMA_FOR, SchemaSet
from generator.countries import country_name, is_country, suggest_country
from generator.diagnostics import Diagnostic
from generator.types import LinePath, Record, SourceDoc

if TYPE_CHECKING:
    from jsonschema import ValidationError

GUIDE_TYPES = ("guide", "checklist", "template")
TYPE_OF_FOLDER = {"cases": "case", "networks": "network"}

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


@dataclass(frozen=True, slots=True)
class Validated:
    records: tuple[Record, ...]
    diagnostics: tuple[Diagnostic, ...]


def content_type(doc: SourceDoc) -> str | None:
    """'case', 'network', 'guide', 'checklist', 'template' or 'translation' (None when unknown)."""
    if doc.folder.startswith("translations/"):
        return "translation"
    if doc.folder in TYPE_OF_FOLDER:
        return TYPE_OF_FOLDER[doc.folder]
    declared = doc.front_matter.get("type")
    return declared if declared in GUIDE_TYPES else None


MAX_PER_FILE = 50
"""More problems than this in one file are summed up in one line (a 100,000-line file stays readable)."""


def validate_docs(docs: Iterable[SourceDoc], schemas: SchemaSet, root: Path | None = None) -> Validated:
    """Validate every doc; return the records of the valid ones and all problems."""
    good: list[Record] = []
    problems: list[Diagnostic] = []
    for doc in docs:
        found = validate_doc(doc, schemas, root)
        problems.extend(found)
        if not found:
            good.append(record_of(doc))
    return Validated(tuple(good), tuple(problems))


def record_of(doc: SourceDoc) -> Record:
    """The typed record of a doc that passed `validate_doc`."""
    return records.to_record(doc, content_type(doc) or "")


def validate_doc(doc: SourceDoc, schemas: SchemaSet, root: Path | None = None,
                 index: safety.ContentIndex | None = None) -> list[Diagnostic]:
    """Every problem in one doc (empty when it is valid); `root` enables the local-link checks."""
    kind = content_type(doc)
    if kind is None:
        declared = doc.front_matter.get("type")
        message = "missing field 'type'" if declared is None else f"'{declared}' is not a known type"
        return [_diag(doc, ("type",), message, _did_you_mean(declared, GUIDE_TYPES,
                      f"Files in content/guides/ need 'type:' set to one of: {', '.join(GUIDE_TYPES)}."))]
    text = safety.front_matter_text(doc)
    placeholders = _check_placeholders(doc, text)
    unfilled = {d.field for d in placeholders}
    out: list[Diagnostic] = []
    front_matter = dict(doc.front_matter)
    if not schemas.fast_checks[kind](front_matter):  # a quick yes; on no, jsonschema says every error
        out.extend(_one_per_field(d for error in schemas.validators[kind].iter_errors(front_matter)
                                  for d in _explain(error, doc, schemas, SCHEMA_FOR[kind]) if d.field not in unfilled))
    out.extend(_check_id_matches_file(doc))
    out.extend(_check_countries(doc))
    out.extend(_check_coordinates(doc))
    out.extend(placeholders)
    said = {(d.line, d.field) for d in out}  # one mistake, one message: the schema's word on a field comes first
    out.extend(d for d in safety.front_matter_problems(doc, text) if (d.line, d.field) not in said)
    out.extend(safety.body_problems(doc, root, index))
    out = _unique(out)
    if len(out) > MAX_PER_FILE:
        out.sort(key=Diagnostic.sort_key)
        rest = out[MAX_PER_FILE:]
        out = out[:MAX_PER_FILE] + [Diagnostic(doc.path, rest[0].line, None, f"... and {len(rest)} more problems in this file",
                                               "Fix the ones above first; the file may not be what you meant to add.")]
    return out


def _one_per_field(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The schema's first word on each field: one mistake, one message (a date that is neither a real date
    nor in the YYYY-MM-DD form is one mistake). A missing field is named by its own path, so each is its own."""
    seen: set[tuple[int | None, str | None]] = set()
    out = []
    for d in diagnostics:
        key = (d.line, d.field)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[Any, ...]] = set()
    result = []
    for d in diagnostics:
        key = (d.line, d.field, d.message)
        if key not in seen:
            seen.add(key)
            result.append(d)
    return result


def _diag(doc: SourceDoc, path: LinePath, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(doc.path, doc.line(path), field_name(path) or None, message, hint)


def _did_you_mean(value: Any, choices: Iterable[str], fallback: str | None = None) -> str | None:
    choices = list(choices)
    if isinstance(value, str):
        lowered = {c.lower(): c for c in choices}
        close = difflib.get_close_matches(value.lower().replace(" ", "-").replace("_", "-"), list(lowered), n=3, cutoff=0.6)
        if close:
            return say("did_you_mean", choices=" or ".join(f"'{lowered[c]}'" for c in close))
    return fallback


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


# --- schema errors in plain words (the words are in messages.py, shared with the contribution form) --


def _explain(error: ValidationError, doc: SourceDoc, schemas: SchemaSet, base: str) -> list[Diagnostic]:
    path: LinePath = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, Mapping) else {}

    if keyword == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        out = []
        for name in missing:
            prop = schemas.resolve(schema.get("properties", {}).get(name, {}), base)
            hint = prop.get("description") or say("required.hint")
            out.append(Diagnostic(doc.path, doc.line(path), field_name(path + (name,)), say("required", name=name), hint))
        return out

    if keyword == "additionalProperties" and isinstance(value, dict):
        allowed = list(schema.get("properties", {}))
        if base == SCHEMA_FOR["translation"] and not path:
            facts = [extra for extra in value if extra not in allowed]
            return [_diag(doc, (extra,), say("fact_field", name=extra), say("fact_field.hint")) for extra in facts]
        return [
            _diag(doc, path + (extra,), say("additionalProperties", name=extra),
                  _did_you_mean(extra, allowed, say("additionalProperties.hint", allowed=", ".join(allowed))))
            for extra in value if extra not in allowed
        ]

    if keyword == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(TYPE_WORDS.get(w, w) for w in wanted)
        if isinstance(value, (list, dict)):  # never print a Python list or dict back at the author
            name = path[-1] if path and isinstance(path[-1], str) else "field"
            hint = say("type.group.list.hint") if "array" in wanted else say("type.group.text.hint", name=name)
            given = "a list" if isinstance(value, list) else "a group of fields"
            return [_diag(doc, path, say("type.group", words=words, given=given), hint)]
        hint = None
        if "boolean" in wanted and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
            hint = say("type.boolean.hint", text=value)
        elif "integer" in wanted and isinstance(value, str) and value.strip().isdigit():
            hint = say("type.quoted_number.hint")
        elif "string" in wanted and isinstance(value, (int, float, bool)):
            hint = say("type.needs_quotes.hint")
        elif value is None:
            hint = say("type.empty.hint")
        return [_diag(doc, path, say("type", value=shown(value), words=words), hint)]

    if keyword == "enum":
        options = [str(o) for o in error.validator_value]
        return [_diag(doc, path, say("enum", value=shown(value), options=", ".join(options)),
                      _did_you_mean(value, options))]

    if keyword == "const":
        return [_diag(doc, path, say("const", expected=error.validator_value))]

    if keyword == "anyOf":
        alternatives = error.validator_value
        if alternatives and all("const" in alt for alt in alternatives):
            options = [alt["const"] for alt in alternatives]
            name = schema.get("title", "value").lower()
            return [_diag(doc, path, say("vocabulary", value=shown(value), name=name),
                          _did_you_mean(value, options, say("vocabulary.hint", options=", ".join(options))))]
        if path and "source" in str(path[-1]) or (len(path) >= 2 and path[-2] == "sources"):
            return [_diag(doc, path, say("source"), say("source.hint"))]
        return [_diag(doc, path, say("anyOf"))]

    if keyword == "pattern":
        if path and (path[-1] == "country" or (len(path) >= 2 and path[-2] == "countries")):
            return []  # explained with a suggestion by _check_countries
        described = schemas.resolve(schema, base).get("description") or schema.get("description")
        return [_diag(doc, path, say("pattern", value=shown(value)), described)]

    limit = error.validator_value
    if keyword == "minLength":
        return [_diag(doc, path, say("minLength", length=len(value), limit=limit))]
    if keyword == "maxLength":
        return [_diag(doc, path, say("maxLength", length=len(value), limit=limit), say("maxLength.hint"))]
    if keyword == "minItems":
        return [_diag(doc, path, say("minItems.one" if limit == 1 else "minItems.many", limit=limit))]
    if keyword == "uniqueItems":
        return [_diag(doc, path, say("uniqueItems"), say("uniqueItems.hint"))]
    if keyword == "minimum":
        return [_diag(doc, path, say("minimum", value=shown(value), limit=limit))]
    if keyword == "maximum":
        return [_diag(doc, path, say("maximum", value=shown(value), limit=limit))]
    if keyword == "format":
        return [_diag(doc, path, say("format", value=shown(value), format=limit),
                      say("format.date.hint") if limit == "date" else None)]
    if keyword in ("if", "then", "else", "allOf", "not", "oneOf"):
        return []  # the nested error that caused it is reported on its own
    return [_diag(doc, path, error.message)]


# --- rules beyond the schema ----------------------------------------------------


def _check_translation_names(doc: SourceDoc) -> list[Diagnostic]:
    """A translation's file is named after its original, in the folder of its language."""
    out = []
    original, lang = doc.front_matter.get("translation_of"), doc.front_matter.get("lang")
    folder_lang = doc.folder.split("/")[1] if doc.folder.count("/") >= 2 else None
    if isinstance(original, str) and original != doc.stem:
        out.append(_diag(doc, ("translation_of",), f"'{original}' does not match the file name '{doc.path.name}'",
                         f"Name the file {original}.md, after the page it translates."))
    if isinstance(lang, str) and lang != folder_lang:
        out.append(_diag(doc, ("lang",), f"lang '{lang}' does not match the folder '{folder_lang}'",
                         f"Move the file to content/translations/{lang}/ or set lang: {folder_lang}."))
    from generator.i18n import languages

    known = [language.code for language in languages()[1:]]
    if isinstance(lang, str) and lang not in known:
        out.append(_diag(doc, ("lang",), f"'{lang}' is not one of the portal's languages",
                         _did_you_mean(lang, known, "Languages: " + ", ".join(known) + " (generator/data/languages.yaml).")))
    return out


PLACEHOLDERS = ("FILL IN", "FILL-IN")
"""Markers the `new case` skeleton leaves for the author to replace."""
_PLACEHOLDER_START = "FILL"
"""How every placeholder starts: one search rules them all out."""


def _check_placeholders(doc: SourceDoc, text: str) -> list[Diagnostic]:
    if (_PLACEHOLDER_START not in text and _PLACEHOLDER_START not in doc.body) or \
            not any(p in text or p in doc.body for p in PLACEHOLDERS):
        return []
    out = [
        _diag(doc, path, say("placeholder"), say("placeholder.hint"))
        for path, text in safety.strings(dict(doc.front_matter)) if any(p in text for p in PLACEHOLDERS)
    ]
    for i, line in enumerate(doc.body.split("\n")):
        if any(p in line for p in PLACEHOLDERS):
            out.append(Diagnostic(doc.path, doc.body_line + i, "body", say("placeholder"),
                                  "Write the practice's story in place of the placeholder."))
    return out


def _check_id_matches_file(doc: SourceDoc) -> list[Diagnostic]:
    if content_type(doc) == "translation":
        return _check_translation_names(doc)
    given = doc.front_matter.get("id")
    if isinstance(given, str) and given != doc.stem:
        return [_diag(doc, ("id",), f"id '{given}' does not match the file name '{doc.path.name}'",
                      f"Rename the file to {given}.md, or set id: {doc.stem}.")]
    reserved = safety.reserved_id_problem(doc.folder, given) if isinstance(given, str) else None
    return [_diag(doc, ("id",), *reserved)] if reserved else []


def _country_paths(front_matter: Mapping[str, Any]) -> Iterable[tuple[LinePath, Any]]:
    place = front_matter.get("place")
    if isinstance(place, dict):
        if "country" in place:
            yield ("place", "country"), place["country"]
        others = place.get("countries")
        if isinstance(others, list):
            for i, code in enumerate(others):
                yield ("place", "countries", i), code
    members = front_matter.get("members")
    if isinstance(members, list):
        for i, member in enumerate(members):
            if isinstance(member, dict) and "country" in member:
                yield ("members", i, "country"), member["country"]


def _check_countries(doc: SourceDoc) -> list[Diagnostic]:
    out = []
    for path, code in _country_paths(doc.front_matter):
        if not isinstance(code, str):
            continue  # the schema already reports the wrong type
        if len(code) == 2 and code.isupper() and is_country(code):
            continue
        suggestion = suggest_country(code)
        hint = say("country.suggestion.hint", code=suggestion) if suggestion else say("country.hint")
        out.append(_diag(doc, path, say("country", value=shown(code)), hint))
    return out


def _check_coordinates(doc: SourceDoc) -> list[Diagnostic]:
    """A practice's point lies in its country (or one of its countries), as the base map draws them."""
    place = doc.front_matter.get("place")
    coords = place.get("coordinates") if isinstance(place, dict) else None
    if not isinstance(coords, dict):
        return []
    lat, lon = coords.get("lat"), coords.get("lon")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon)):
        return []  # the schema reports it
    others = place.get("countries") if isinstance(place.get("countries"), list) else []
    codes = [c for c in [place.get("country"), *others] if isinstance(c, str) and is_country(c)]
    if not codes:
        return []
    from generator.geo import NEAR_PX, country_at, off_country

    off = [d for d in (off_country(code, lon, lat) for code in codes) if d is not None]
    if not off or min(off) <= NEAR_PX:
        return []  # in its country, or a country the base map does not draw
    found = country_at(lon, lat)
    named = " or ".join(country_name(code) for code in codes)
    where = f"in {country_name(found)}" if found else "outside every country on the map (in the sea?)"
    if any((d := off_country(code, lat, lon)) is not None and d <= NEAR_PX for code in codes):
        hint = f"lat and lon look swapped: write lat: {lon}, lon: {lat}."
    else:
        hint = (f"Take the point of the town in {named} (or the seat of its region) from GeoNames, "
                "rounded to 4 decimals, e.g. {lat: 43.2627, lon: -2.9253} for Bilbao; lat is north, lon is east.")
    return [_diag(doc, ("place", "coordinates"), f"the point (lat {lat}, lon {lon}) lies {where}, not in {named}", hint)]
