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
