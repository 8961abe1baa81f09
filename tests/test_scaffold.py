import datetime as dt
import re

import pytest

from generator.authoring.scaffold import ScaffoldError, ask_missing, case_slug, new_case
from generator.cli import main
from generator.content.load import load_file
from generator.content.validate import validate_doc

FILLED = {
    "kind: FILL IN": "kind: city-programme",
    "sectors: [FILL IN]": "sectors: [textiles]",
    "themes: [FILL IN]": "themes: [skills]",
    "- name: FILL IN": "- name: Talent hub",
    "description: FILL IN what this component does.": "description: Training for young technicians.",
    "title: FILL IN the report, page or document": "title: Annual report of the agency",
    "url: https://FILL-IN.example": "url: https://example.org/report",
}


def _fill(text: str) -> str:
    for old, new in FILLED.items():
        text = text.replace(old, new)
    text = re.sub(r"FILL IN: [^\n]*(\n  [^\n]*)*", "Filled in by the author with enough words to pass the length rule.", text)
    return text.replace("FILL IN: the story of the practice, in your own words. Use `##` headings.", "The story.")


def _problems(path, schemas):
    doc, problems = load_file(path, "cases", path)
    return problems + validate_doc(doc, schemas)


@pytest.mark.parametrize("title,slug", [
    ("Bielsko-Biała talent hub", "bielsko-biala-talent-hub"),
    ("Timișoara: Startup Boosting", "timisoara-startup-boosting"),
    ("İş Makineleri Kümelenme", "is-makineleri-kumelenme"),
    ("Ελλάδα", "ellada"),
])
def test_slug_is_ascii_and_readable(title, slug):
    assert case_slug(title) == slug


def test_skeleton_is_refused_until_filled_then_validates(tmp_path, schemas):
    path = new_case(tmp_path / "content", "Bielsko-Biała talent hub", "Bielsko-Biała", "pl", today=dt.date(2026, 11, 23))
    assert path.name == "bielsko-biala-talent-hub.md"
    fields = {p.field for p in _problems(path, schemas)}
    assert {"kind", "summary", "sectors[0]", "themes[0]", "body"} <= fields
    path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _problems(path, schemas) == []
    doc, _ = load_file(path, "cases", path)
    assert doc.front_matter["place"] == {"scope": "local", "city": "Bielsko-Biała", "country": "PL",
                                         "coordinates": {"lat": 49.8225, "lon": 19.0469}}  # from GeoNames
    assert doc.front_matter["status"] == "draft"


def test_a_town_geonames_does_not_know_leaves_coordinates_to_fill(tmp_path, schemas):
    path = new_case(tmp_path / "content", "A hamlet programme", "Nowheresville", "PL")
    assert "coordinates: {lat: FILL IN, lon: FILL IN}" in path.read_text(encoding="utf-8")
    assert "place.coordinates.lat" in {p.field for p in _problems(path, schemas)}


def test_existing_file_is_never_overwritten(tmp_path):
    path = new_case(tmp_path, "A practice", "Tartu", "EE")
    path.write_text("mine")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_case(tmp_path, "A practice", "Tartu", "EE")
    assert path.read_text() == "mine"


def test_bad_country_gets_a_suggestion(tmp_path):
    with pytest.raises(ScaffoldError, match="did you mean ES"):
        new_case(tmp_path, "A practice", "Bilbao", "Spain")


def test_missing_values_are_asked_for_on_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["Tartu"])
    values = ask_missing({"title": "A practice", "city": None}, ask=lambda prompt: next(answers))
    assert values == {"title": "A practice", "city": "Tartu"}


def test_missing_values_without_a_terminal_are_an_error(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(ScaffoldError, match="--city is missing"):
        ask_missing({"title": "A practice", "city": None})


def test_cli_new_case(write_tree, capsys):
    root = write_tree({})
    assert main(["--root", str(root), "new", "case", "--title", "A practice", "--city", "Tartu", "--country", "EE"]) == 0
    assert "content/cases/a-practice.md" in capsys.readouterr().out
    assert main(["--root", str(root), "new", "case", "--title", "A practice", "--city", "Tartu", "--country", "EE"]) == 1
