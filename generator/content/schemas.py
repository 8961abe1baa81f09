"""The JSON Schemas and controlled vocabularies in `schemas/`, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

SCHEMA_FOR = {
    "case": "case.schema.json",
    "network": "network.schema.json",
    "guide": "guide.schema.json",
    "checklist": "checklist.schema.json",
    "template": "template.schema.json",
    "translation": "translation.schema.json",
}
VOCABULARIES = "vocabularies.schema.json"


@dataclass(frozen=True)
class Vocabulary:
    """One controlled list: value -> label, in the order the schema gives."""

    name: str
    labels: Mapping[str, str]
    notes: Mapping[str, str] = field(default_factory=dict)
    """value -> its `description`: what a role means, or a caveat that holds for a whole source document."""
    citations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """value -> its `citation` (source documents only): document_title, author, publisher, date, address."""

    def label(self, value: str) -> str:
        return self.labels.get(value, value)


class SchemaSet:
    """Every schema in a folder, with a validator per content type."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.documents: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.schema.json")):
            self.documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        missing = [name for name in [*SCHEMA_FOR.values(), VOCABULARIES] if name not in self.documents]
        if missing:
            raise FileNotFoundError(f"schema files missing in {folder}: {', '.join(missing)}")

    # jsonschema and referencing are imported when first needed: a check of valid files never needs them
    # (see fast_checks), and importing them took 0.11 s of `make check`'s 3 s.

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (name, Resource.from_contents(doc, default_specification=DRAFT202012))
            for name, doc in self.documents.items()
        )

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        from jsonschema import Draft202012Validator

        return {
            kind: Draft202012Validator(
                self.documents[name], registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            for kind, name in SCHEMA_FOR.items()
        }

    @cached_property
    def fast_checks(self) -> dict[str, Callable[[Any], bool]]:
        """The same schemas checked by jsonschema-rs (Rust): a quick yes for the common case of a valid file.

        `make check` has 3 s for 1,000 practices: `jsonschema` alone takes about
        5 ms a practice (most of the check; 5 s at 1,000), jsonschema-rs 0.02 ms.
        Only when a file fails does the validator ask `jsonschema` for every
        error with its path; `jsonschema` stays the authority for the messages.
        A test checks that both agree.
        """
        return {kind: _quick_check(self._inline(self.documents[name], name)) for kind, name in SCHEMA_FOR.items()}

    def _inline(self, node: Any, base: str) -> Any:
        """One self-contained schema: $refs replaced by their targets, vocabularies as enums."""
        if isinstance(node, list):
            return [self._inline(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            file, _, pointer = node["$ref"].partition("#")
            file = file or base
            target: Any = self.documents[file]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            siblings = {key: self._inline(value, base) for key, value in node.items() if key != "$ref"}
            if not siblings:
                return self._inline(target, file)
            # a rule beside the $ref applies too (JSON Schema 2020-12), as in `bundled`
            return {**siblings, "allOf": [*siblings.get("allOf", []), self._inline(target, file)]}
        if "anyOf" in node and all("const" in alt for alt in node["anyOf"]):
            return {"enum": [alt["const"] for alt in node["anyOf"]]}
        return {
            key: ({name: self._inline(sub, base) for name, sub in value.items()} if key == "properties"
                  else self._inline(value, base))
            for key, value in node.items() if key not in ("$schema", "$defs", "description", "title")
        }

    @cached_property
    def vocabularies(self) -> dict[str, Vocabulary]:
        defs = self.documents[VOCABULARIES]["$defs"]
        return {
            name: Vocabulary(name, {alt["const"]: alt.get("title", alt["const"]) for alt in spec["anyOf"]},
                             {alt["const"]: alt["description"] for alt in spec["anyOf"] if "description" in alt},
                             {alt["const"]: alt["citation"] for alt in spec["anyOf"] if "citation" in alt})
            for name, spec in defs.items()
        }

    def bundled(self, file: str) -> dict[str, Any]:
        """The schema `file` with every `$ref` replaced by what it names: one self-contained document.

        A `$ref` with sibling keywords becomes `{...siblings, "allOf": [target], "x-ref": true}`, which
        validates the same in JSON Schema 2020-12 and keeps each rule where the original schema has it (so
        an error names the same schema as here); a bare `$ref` becomes its target. The schemas hold no cycle.
        """
        return _inline(self, self.documents[file], file)

    def resolve(self, schema: Mapping[str, Any], base: str) -> Mapping[str, Any]:
        """Follow a `$ref` (relative to the schema file `base`) to the schema it names."""
        ref = schema.get("$ref")
        if not ref:
            return schema
        target = ref if not ref.startswith("#") else base + ref
        try:
            return self.registry.resolver(base_uri=base).lookup(target).contents
        except Exception:  # an unresolvable ref is a schema bug; describe nothing rather than crash
            return {}


def _quick_check(bundled: dict[str, Any]) -> Callable[[Any], bool]:
    bundled["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema_rs.validator_for(bundled, validate_formats=True, formats={"date": _is_date})

    def is_valid(instance: Any) -> bool:
        try:
            return bool(validator.is_valid(instance))
        except (ValueError, TypeError, OverflowError):  # a value it cannot take (a huge number): ask jsonschema
            return False

    return is_valid


def _is_date(value: str) -> bool:
    """Format 'date' as jsonschema checks it: a real calendar date, YYYY-MM-DD."""
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
def _inline(schemas: SchemaSet, node: Any, base: str) -> Any:
    if isinstance(node, list):
        return [_inline(schemas, item, base) for item in node]
    if not isinstance(node, Mapping):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        file = ref.split("#", 1)[0] or base
        target = _inline(schemas, schemas.resolve(node, base), file)
        siblings = {key: _inline(schemas, value, base) for key, value in node.items() if key != "$ref"}
        return {**siblings, "allOf": [target], "x-ref": True} if siblings else target
    return {key: _inline(schemas, value, base) for key, value in node.items() if key != "$defs"}


def flattened(node: Any) -> Any:
    """A bundled schema with each `$ref` merged into its place, the place's own keywords winning.

    For reading a schema as a form or a reference does (a field's title, description, type and limits
    in one object); validate with the bundled schema itself.
    """
    if isinstance(node, list):
        return [flattened(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    if node.get("x-ref"):
        own = {key: flattened(value) for key, value in node.items() if key not in ("allOf", "x-ref")}
        return {**flattened(node["allOf"][0]), **own}
    return {key: flattened(value) for key, value in node.items()}


def load_schemas(folder: Path) -> SchemaSet:
    return SchemaSet(folder)
