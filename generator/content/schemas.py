"""The JSON Schemas and controlled vocabularies in `schemas/`, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

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
        self.registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(doc, default_specification=DRAFT202012))
            for name, doc in self.documents.items()
        )

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        return {
            kind: Draft202012Validator(
                self.documents[name], registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            for kind, name in SCHEMA_FOR.items()
        }

    @cached_property
    def vocabularies(self) -> dict[str, Vocabulary]:
        defs = self.documents[VOCABULARIES]["$defs"]
        return {
            name: Vocabulary(name, {alt["const"]: alt.get("title", alt["const"]) for alt in spec["anyOf"]})
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
