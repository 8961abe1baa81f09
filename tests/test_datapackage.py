"""The open data and what describes it: cases.csv, cases.json, cases.schema.json and datapackage.json."""

from __future__ import annotations

import csv
import io
import json

import frictionless
import pytest
from jsonschema import Draft202012Validator

from generator import pipeline
from generator.site import datapackage
from generator.site.pages import render_site
from tests.conftest import case_text

FILES = ("cases.csv", "cases.json", datapackage.JSON_SCHEMA, datapackage.PACKAGE)


@pytest.fixture
def open_data(write_tree, tmp_path):
    """The open-data files of a small project (a case citing two documents, one with a negative longitude)."""
    text = case_text(**{"    section: Introduction\n": "    section: Introduction\n  - document: 003_f361f9cdaa2a5e4b.txt\n"
                                                       "    section: Wrap-up and next steps\n"})
    root = write_tree({"content/cases/valid-case.md": text,
                       "content/cases/west.md": case_text("west", **{"city: Tartu": "city: Bilbao", "country: EE": "country: ES",
                                                                "lat: 58.3806, lon: 26.7251": "lat: 43.2627, lon: -2.9253"})})
    checked = pipeline.check(pipeline.Project(root))
    assert checked.report.ok, checked.report
    folder = tmp_path / "data"
    folder.mkdir()
    for page in render_site(checked.model):
        if page.path in FILES:
            (folder / page.path).write_text(page.content, encoding="utf-8", newline="")
    return folder, checked.model


def test_the_data_package_validates_with_frictionless(open_data):
    folder, _ = open_data
    report = frictionless.Package(str(folder / datapackage.PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / datapackage.PACKAGE).read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["cases.csv", "cases.json"]
    assert descriptor["resources"][1]["jsonSchema"] == datapackage.JSON_SCHEMA
    assert any("28 April 2020" in s["title"] and s["path"] == "https://www.clustercollaboration.eu"
               for s in descriptor["sources"])


def test_a_broken_cell_fails_the_data_package(open_data):
    folder, _ = open_data
    text = (folder / "cases.csv").read_text(encoding="utf-8")
    (folder / "cases.csv").write_text(text.replace(",2026-11-23,", ",not a date,", 1), encoding="utf-8", newline="")
    assert not frictionless.Package(str(folder / datapackage.PACKAGE)).validate().valid


def test_cases_json_validates_against_its_schema(open_data):
    folder, model = open_data
    schema = json.loads((folder / datapackage.JSON_SCHEMA).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    source = data["cases"][0]["sources"][1]
    assert source["document"] == "003_f361f9cdaa2a5e4b.txt"  # the id stays in the data, with the citation beside it
    assert source["citation"].startswith("The COVID-19 cluster response") and "“Wrap-up and next steps”" in source["citation"]
    assert data["documents"]["003_f361f9cdaa2a5e4b.txt"]["date"] == "28 April 2020"
    data["cases"][0]["sources"][0]["page"] = 3  # a field the schema does not know
    assert list(validator.iter_errors(data))


def test_cases_csv_has_a_byte_order_mark_and_cites_its_sources(open_data):
    folder, _ = open_data
    raw = (folder / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["id"] == "valid-case")
    assert ".txt" not in row["sources"] and "Section: “Wrap-up and next steps”" in row["sources"]
    assert row["source_documents"].split(";")[-1] == "003_f361f9cdaa2a5e4b.txt"
    assert next(r for r in rows if r["id"] == "west")["lon"] == "-2.9253"  # a number, not made "formula-safe"
