"""What describes the open data: cases.schema.json (the JSON Schema of cases.json) and datapackage.json.

cases.json's records are the practices' checked front matter, so its schema is
the case schema itself (bundled: one file, no `$ref` to follow), with what the
open data adds: each source's citation, the page's address, the networks and the
practice's roles in them. datapackage.json is a Frictionless Data Package
(https://specs.frictionlessdata.io/) describing both files: cases.csv with a Table
Schema whose fields come from `opendata.CSV_FIELDS`, cases.json with its JSON
Schema, and the source documents, cited from the document vocabulary.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.schemas import SchemaSet, Vocabulary
from generator.site.citations import document_citation
from generator.site.opendata import CSV_FIELDS

JSON_SCHEMA = "cases.schema.json"
PACKAGE = "datapackage.json"
_DROPPED = ("$schema", "$id", "examples", "x-ref")


def _without_examples(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_examples(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: _without_examples(value) for key, value in node.items() if key not in _DROPPED}


def _cited(node: Any) -> Any:
    """Every source object (document + section, or title + url) also allows its `citation` text."""
    if isinstance(node, list):
        return [_cited(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _cited(value) for key, value in node.items()}
    properties = out.get("properties")
    if isinstance(properties, dict) and {"document", "section", "url"} <= properties.keys():
        out["properties"] = {**properties, "citation": {
            "type": "string", "description": "The source as a citation: title, author or publisher, date, "
                                            "section, public address (what the document gives)."}}
    return out


def cases_json_schema(schemas: SchemaSet) -> dict[str, Any]:
    """The JSON Schema of cases.json, from the case schema (2020-12)."""
    record = _cited(_without_examples(schemas.bundled("case.schema.json")))
    record["title"] = "A practice"
    record["properties"] = {
        **record["properties"],
        "url": {"type": "string", "description": "Its page, relative to the portal's address."},
        "networks": {"type": "array", "items": {"type": "string"},
                     "description": "Ids of the transfer networks it belongs to."},
        "network_roles": {"type": "array", "description": "What its own body did in each network.", "items": {
            "type": "object", "additionalProperties": False, "required": ["network", "member", "role", "role_label"],
            "properties": {"network": {"type": "string"}, "member": {"type": "string"},
                           "role": {"type": "string"}, "role_label": {"type": "string"}}}},
    }
    record["required"] = sorted({*record.get("required", ()), "url", "networks", "network_roles"})
    documents = list(schemas.vocabularies["document"].labels)
    document = {"type": "object", "additionalProperties": False, "required": ["title", "citation"], "properties": {
        name: {"type": "string"} for name in ("title", "author", "publisher", "date", "address", "caveat", "citation")}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cases.json: the practices of the Good Practice Transfer Portal",
        "type": "object",
        "additionalProperties": False,
        "required": ["generator", "count", "documents", "cases"],
        "properties": {
            "generator": {"type": "string"},
            "count": {"type": "integer", "minimum": 0, "description": "How many practices `cases` holds."},
            "documents": {"type": "object", "description": "The source documents, by id: their citations.",
                          "propertyNames": {"enum": documents}, "additionalProperties": document},
            "cases": {"type": "array", "items": record},
        },
    }


def datapackage(schemas: SchemaSet, title: str = "Good Practice Transfer Portal: practices") -> dict[str, Any]:
    """datapackage.json's descriptor: both files and the documents they draw on."""
    documents: Vocabulary = schemas.vocabularies["document"]
    kinds = list(schemas.vocabularies["kind"].labels)
    fields = []
    for name, kind, description in CSV_FIELDS:
        field: dict[str, Any] = {"name": name, "type": kind, "description": description}
        if kind == "boolean":
            field |= {"trueValues": ["yes"], "falseValues": ["no"]}
        if name == "id":
            field["constraints"] = {"required": True, "unique": True}
        if name == "kind":
            field["constraints"] = {"required": True, "enum": kinds}
        fields.append(field)
    sources = []
    for document in documents.labels:
        cited = document_citation(documents, document)
        sources.append({"title": cited.text(), **({"path": cited.address} if cited.address else {})})
    return {
        "name": "good-practice-portal-practices",
        "title": title,
        "description": "The good practices of European cities and industrial clusters that the portal publishes, "
                       "as CSV (one row a practice) and JSON (every field, with its sources cited).",
        "sources": sources,
        "resources": [
            {"name": "cases-csv", "path": "cases.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "profile": "tabular-data-resource",  # after a byte-order mark (opendata.BOM)
             "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
             "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}},
            {"name": "cases-json", "path": "cases.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "jsonSchema": JSON_SCHEMA,
             "description": f"Every field of every practice; its JSON Schema is {JSON_SCHEMA}."},
        ],
    }


def dumped(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
