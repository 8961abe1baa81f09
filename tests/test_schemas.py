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


def test_fast_check_agrees_with_jsonschema(schemas):
    """The jsonschema-rs pre-check and jsonschema give the same verdict on real and broken front matter."""
    import copy
    from pathlib import Path

    from generator.content.load import content_files, load_file
    from generator.content.validate import content_type

    root = Path(__file__).resolve().parent.parent
    breakages = [
        lambda fm: fm.update(kind="nonsense"), lambda fm: fm.update(status="publish"), lambda fm: fm.pop("title"),
        lambda fm: fm.update(colour="red"), lambda fm: fm.update(last_reviewed="2026-13-01x"), lambda fm: fm.update(last_reviewed="2026-02-30"),
        lambda fm: fm.update(sources=[{"document": "000_b996351083f02d1b.txt"}]), lambda fm: fm.update(id="Bad Id"),
        lambda fm: fm.update(summary="short"), lambda fm: fm.update(sectors=["textiles", "textiles"]),
        lambda fm: fm.update(title=123), lambda fm: fm.update(sources=[]), lambda fm: fm.update(featured="yes"),
        lambda fm: fm.get("place", {}).update(colour="red"), lambda fm: fm.get("place", {}).update(country="es"),
        lambda fm: fm.get("place", {}).update(coordinates={"lat": 91, "lon": 0}),
        lambda fm: fm.update(links=[{"title": "x", "url": "ftp://example.org"}]),
    ]
    checked = 0
    for folder, path in content_files(root / "content"):
        doc, _ = load_file(path, folder, path)
        kind = content_type(doc)
        for breakage in [None, *breakages]:
            fm = copy.deepcopy(dict(doc.front_matter))
            if breakage:
                breakage(fm)
            slow = next(iter(schemas.validators[kind].iter_errors(fm)), None) is None
            assert schemas.fast_checks[kind](fm) == slow, (path.name, breakage)
            checked += 1
    assert checked > 400


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
