from pathlib import Path

import pytest

from generator.content.load import load_file
from generator.content.validate import suggest_country, validate_doc
from tests.conftest import case_text


def _check(tmp_path: Path, schemas, text: str, name: str = "valid-case.md", folder: str = "cases"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc, problems = load_file(path, folder, Path(f"content/{folder}/{name}"))
    assert doc is not None, problems
    return problems + validate_doc(doc, schemas)


def _by_field(problems):
    return {p.field: p for p in problems}


def test_valid_case_has_no_problems(tmp_path, schemas):
    assert _check(tmp_path, schemas, case_text()) == []


def test_every_problem_is_reported_at_once_with_lines(tmp_path, schemas):
    text = case_text(**{
        "status: published": "status: publish",
        "kind: city-programme": "kind: city programme",
        "country: EE": "country: Spain",
        "sectors: [digital]": "sectors: [textile]",
        "last_reviewed: 2026-11-23": "last_reviewed: 2026-13-01\ncolour: red",
    })
    found = _by_field(_check(tmp_path, schemas, text))
    assert set(found) == {"status", "kind", "place.country", "sectors[0]", "last_reviewed", "colour"}
    assert found["status"].line == 4 and found["status"].hint == "Did you mean 'published'?"
    assert found["kind"].hint == "Did you mean 'city-programme'?"
    assert found["place.country"].message == '"Spain" is not a two-letter country code'
    assert found["place.country"].hint == "Did you mean ES?"
    assert found["place.country"].line == 10
    assert found["sectors[0]"].hint == "Did you mean 'textiles'?"
    assert found["colour"].message == "unknown field 'colour'"
    assert "YYYY-MM-DD" in found["last_reviewed"].hint


def test_missing_required_field_points_at_its_parent(tmp_path, schemas):
    text = case_text(**{"  scope: local\n": ""})
    [problem] = _check(tmp_path, schemas, text)
    assert problem.field == "place.scope"
    assert problem.message == "missing required field 'scope'"
    assert problem.line == 7


def test_scope_local_requires_country(tmp_path, schemas):
    text = case_text(**{"  country: EE\n": ""})
    [problem] = _check(tmp_path, schemas, text)
    assert problem.field == "place.country"


def test_yaml_booleans_get_a_plain_fix(tmp_path, schemas):
    text = case_text(**{"last_reviewed": "featured: yes\nlast_reviewed"})
    [problem] = _check(tmp_path, schemas, text)
    assert problem.field == "featured"
    assert problem.hint == "Write true or false (not yes)."


def test_norway_is_not_false(tmp_path, schemas):
    assert _check(tmp_path, schemas, case_text(**{"country: EE": "country: NO", "city: Tartu": "city: Oslo",
                                                  "lat: 58.3806, lon: 26.7251": "lat: 59.9127, lon: 10.7461"})) == []


def test_unknown_field_suggests_the_near_one(tmp_path, schemas):
    text = case_text(**{"themes:": "theme: [x]\nthemes:"})
    [problem] = _check(tmp_path, schemas, text)
    assert problem.field == "theme"
    assert problem.hint == "Did you mean 'themes'?"


def test_id_must_match_file_name(tmp_path, schemas):
    [problem] = _check(tmp_path, schemas, case_text("other-id"), name="valid-case.md")
    assert problem.field == "id"
    assert "valid-case.md" in problem.message


def test_source_needs_document_and_section_or_title_and_url(tmp_path, schemas):
    text = case_text(**{"    section: Introduction\n": ""})
    [problem] = _check(tmp_path, schemas, text)
    assert problem.field == "sources[0]"
    assert "'document' and 'section'" in problem.message


def test_duplicate_key_and_schema_errors_in_one_run(tmp_path, schemas):
    text = case_text(**{"kind: city-programme": "kind: city-programme\ntitle: again\nkind2: x"})
    fields = sorted(p.field for p in _check(tmp_path, schemas, text))
    assert fields == ["kind2", "title"]


def test_guide_folder_needs_a_known_type(tmp_path, schemas):
    text = "---\nid: g\ntype: guidebook\ntitle: A guide\n---\n"
    [problem] = _check(tmp_path, schemas, text, name="g.md", folder="guides")
    assert problem.field == "type"
    assert problem.hint == "Did you mean 'guide'?"


@pytest.mark.parametrize("text,code", [("Spain", "ES"), ("UK", "GB"), ("es", "ES"), ("Turkey", "TR"), ("Deutschland", None)])
def test_suggest_country(text, code):
    assert suggest_country(text) == code


def test_placeholders_are_found_in_front_matter_and_body(tmp_path, schemas):
    from generator.content.validate import _PLACEHOLDER_START, PLACEHOLDERS

    assert all(p.startswith(_PLACEHOLDER_START) for p in PLACEHOLDERS)  # the quick search rules them all out
    text = case_text(**{"status: published": "status: published\nchallenge: FILL-IN the challenge"}) + "\nFILL IN\n"
    found = [p for p in _check(tmp_path, schemas, text) if "placeholder" in p.message]
    assert [p.field for p in found] == ["challenge", "body"]
    assert found[1].line == len(text.split("\n")) - 1


NETWORK = """---
id: a-network
title: A network
status: published
programme: COSME
summary: A network whose partners studied one practice on a study visit, for the tests.
practices: [valid-case]
members:
  - {name: Host cluster, role: ROLE, case: valid-case}
  - {name: Partner cluster, role: partner}
sources: [{document: 001_af2e630d849fcec9.txt, section: Lessons learnt}]
last_reviewed: 2026-11-23
---
"""


def test_member_role_outside_the_vocabulary_is_refused(tmp_path, schemas):
    assert _check(tmp_path, schemas, NETWORK.replace("ROLE", "study-visit-host"), "a-network.md", "networks") == []
    [problem] = _check(tmp_path, schemas, NETWORK.replace("ROLE", "transfering"), "a-network.md", "networks")
    assert (problem.line, problem.field) == (9, "members[0].role")
    assert problem.message == '"transfering" is not a known member role'
    assert problem.hint == "Did you mean 'transferring'?"
    [problem] = _check(tmp_path, schemas, NETWORK.replace("ROLE", "host"), "a-network.md", "networks")
    assert "study-visit-host" in problem.hint and "vocabularies.schema.json" in problem.hint


def test_coordinates_must_lie_in_the_practice_country(tmp_path, schemas):
    # Tartu's own point passes; a point in Latvia, one in the sea and swapped numbers do not
    tartu = "coordinates: {lat: 58.3806, lon: 26.7251}"
    assert _check(tmp_path, schemas, case_text()) == []
    [problem] = _check(tmp_path, schemas, case_text(**{tartu: "coordinates: {lat: 56.9496, lon: 24.1052}"}))
    assert (problem.line, problem.field) == (11, "place.coordinates")
    assert problem.message == "the point (lat 56.9496, lon 24.1052) lies in Latvia, not in Estonia"
    assert "GeoNames" in problem.hint
    [problem] = _check(tmp_path, schemas, case_text(**{tartu: "coordinates: {lat: 57.5, lon: 21.0}"}))
    assert "outside every country on the map" in problem.message
    [problem] = _check(tmp_path, schemas, case_text(**{"city: Tartu": "city: Nicosia", "country: EE": "country: CY",
                                                        tartu: "coordinates: {lat: 33.354, lon: 35.1728}"}))
    assert problem.hint == "lat and lon look swapped: write lat: 35.1728, lon: 33.354."
    # beyond the map's frame the outlines are cut off: such a point is not judged
    assert _check(tmp_path, schemas, case_text(**{"city: Tartu": "city: Van", "country: EE": "country: TR",
                                                  tartu: "coordinates: {lat: 38.4946, lon: 43.3832}"})) == []


def test_a_place_with_a_city_or_region_needs_coordinates(tmp_path, schemas):
    [problem] = _check(tmp_path, schemas, case_text(**{"  coordinates: {lat: 58.3806, lon: 26.7251}\n": ""}))
    assert (problem.field, problem.message) == ("place.coordinates", "missing required field 'coordinates'")
    assert "GeoNames" in problem.hint
    # a transnational practice with no town, region or coordinating body may go without
    assert _check(tmp_path, schemas, case_text(**{"  scope: local\n  city: Tartu\n  country: EE\n  coordinates: {lat: 58.3806, lon: 26.7251}\n":
                                                  "  scope: transnational\n  area: Baltic Sea Region\n"})) == []


def test_source_notes_are_short_texts(tmp_path, schemas):
    good = case_text(**{"last_reviewed:": "source_notes:\n  - The profile gives 136 members and the partner table 144.\nlast_reviewed:"})
    assert _check(tmp_path, schemas, good) == []
    [problem] = _check(tmp_path, schemas, case_text(**{"last_reviewed:": "source_notes: [odd]\nlast_reviewed:"}))
    assert problem.field == "source_notes[0]" and "too short" in problem.message
