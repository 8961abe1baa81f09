"""The schemas are the single source of field names; types.py mirrors them."""

import dataclasses

import pytest

from generator import types
from generator.content.schemas import SCHEMA_FOR

TYPE_FOR = {"case": types.Case, "network": types.Network, "guide": types.Guide,
            "checklist": types.Checklist, "template": types.Template, "translation": types.Translation}


@pytest.mark.parametrize("kind", sorted(SCHEMA_FOR))
def test_every_schema_property_is_a_dataclass_field(schemas, kind):
    schema = schemas.documents[SCHEMA_FOR[kind]]
    fields = {f.name for f in dataclasses.fields(TYPE_FOR[kind])}
    if kind == "translation":  # the optional text fields are kept together in Translation.texts
        fields |= set(schema["properties"]) - set(schema["required"])
    assert set(schema["properties"]) <= fields
    assert set(schema["required"]) <= fields


def test_vocabularies_have_labels(schemas):
    for vocabulary in schemas.vocabularies.values():
        assert vocabulary.labels
        assert all(label for label in vocabulary.labels.values())


def test_schemas_are_valid_draft_2020_12(schemas):
    from jsonschema import Draft202012Validator

    for document in schemas.documents.values():
        Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("kind", sorted(SCHEMA_FOR))
def test_every_field_has_a_label_a_description_and_examples_that_pass_its_schema(schemas, kind):
    """What the field reference, editors and the contribution form show beside each field."""
    from jsonschema import Draft202012Validator

    from generator.authoring.fieldref import rows
    from generator.content.schemas import flattened

    checked = 0
    for row in rows(flattened(schemas.bundled(SCHEMA_FOR[kind]))):
        assert row.title and row.description and row.examples, row.field
        validator = Draft202012Validator(row.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for example in row.examples:
            assert not list(validator.iter_errors(example)), (row.field, example)
        checked += 1
    assert checked > 10


def test_a_bundled_schema_holds_no_reference_and_judges_every_file_as_the_schemas_do(schemas):
    """The self-contained schema the browser validates with gives the same errors, at the same places."""
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator

    from generator.content.load import load_file
    from generator.content.validate import content_type

    root = Path(__file__).resolve().parent.parent
    bundled = {kind: Draft202012Validator(schemas.bundled(file), format_checker=Draft202012Validator.FORMAT_CHECKER)
               for kind, file in SCHEMA_FOR.items()}
    assert all("$ref" not in json.dumps(v.schema) for v in bundled.values())

    def errors(validator, data):
        return sorted((tuple(map(str, e.absolute_path)), e.validator, json.dumps(e.instance, sort_keys=True))
                      for e in validator.iter_errors(data))

    compared = 0
    for path in sorted((root / "content").rglob("*.md")):
        folder = path.parent.relative_to(root / "content").as_posix()
        doc, _ = load_file(path, folder, path)
        kind = content_type(doc)
        for data in (dict(doc.front_matter),
                     {**doc.front_matter, "id": "Not A Slug", "title": 7, "status": "done", "extra": 1,
                      "sources": [{"document": "nope.txt"}], "last_reviewed": "2026-02-30"}):
            assert errors(bundled[kind], data) == errors(schemas.validators[kind], data), path
            compared += 1
    assert compared > 40
