"""YAML traps in contributed files: each gives its exact error (or loads as written), and nothing is built."""

import pytest

from generator import pipeline
from tests.conftest import case_text
from tests.hostile import bad_project, check_refused

FILE = "content/cases/valid-case.md"


@pytest.mark.parametrize("replace,expected", [
    ({"kind: city-programme": "kind: city-programme\nkind: company"},
     f"{FILE}:6: kind: duplicate key 'kind' (first given on line 5)"),
    ({"last_reviewed: 2026-11-23": "last_reviewed: 2026-11-23\nfeatured: yes"},
     f"{FILE}:18: featured: \"yes\" must be true or false"),
    ({"last_reviewed: 2026-11-23": "last_reviewed: 2026-11-23\nperiod: {start: 1:20}"},
     f"{FILE}:18: period.start: \"1:20\" must be a whole number"),
    ({"last_reviewed: 2026-11-23": "last_reviewed: 2026-11-23\nsummary2: &a [1]\nx: *a"},
     f"{FILE}:19: x: anchors and aliases (&name, *name) are not allowed"),
    ({"kind: city-programme": "kind: !!python/object/apply:os.system ['id']"},
     f"{FILE}:5: kind: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ({"  city: Tartu": "\tcity: Tartu"},
     f"{FILE}:9: YAML syntax error: a tab character is used for indentation"),
])
def test_trap_gives_its_exact_error_and_nothing_is_built(tmp_path, capsys, replace, expected):
    root = bad_project(tmp_path, case_text(**replace))
    lines = check_refused(root, capsys)
    assert expected in lines, lines


def test_yaml_1_1_values_load_as_written(write_tree):
    root = write_tree({FILE: case_text(**{"country: EE": "country: NO", "city: Tartu": "city: Oslo",
                                          "lat: 58.3806, lon: 26.7251": "lat: 59.9127, lon: 10.7461",
                                          "last_reviewed: 2026-11-23": "last_reviewed: 2026-11-23"})})
    checked = pipeline.check(pipeline.Project(root))
    assert checked.report.ok
    assert checked.model.case_by_id["valid-case"].place.country == "NO"  # Norway, not False
    assert checked.model.case_by_id["valid-case"].last_reviewed == "2026-11-23"  # a string, not a date object


def test_a_10_mb_file_is_refused_without_reading_it_into_yaml(tmp_path, capsys):
    root = bad_project(tmp_path, case_text() + "x" * 10_000_000)
    assert f"{FILE}:1: file is 10.0 MB; a content file may be at most 1000 kB" in check_refused(root, capsys)


def test_a_file_of_100000_lines_gives_a_bounded_report(tmp_path, capsys):
    lines = "\n".join(f"{i:x}: 1" for i in range(100_000))  # 100,000 lines, under the size limit
    root = bad_project(tmp_path, case_text(**{"last_reviewed: 2026-11-23": "last_reviewed: 2026-11-23\n" + lines}))
    reported = check_refused(root, capsys)
    assert len(reported) == 51
    assert reported[-1].startswith(f"{FILE}:68: ... and 99950 more problems in this file")


def test_invalid_utf8_is_one_error_with_its_line(tmp_path, capsys):
    data = case_text().encode("utf-8").replace(b"city: Tartu", b"city: Tart\xfc")
    offset = data.index(b"\xfc")
    assert f"{FILE}:9: the file is not valid UTF-8 (byte {offset} cannot be decoded)" in check_refused(
        bad_project(tmp_path, data), capsys)


def test_bom_crlf_and_names_in_any_script_survive(tmp_path):
    from generator.cli import main

    text = case_text(**{"title: A valid practice": "title: İş Makineleri, Bielsko-Biała, Timișoara, Ελλάδα"})
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    root = bad_project(tmp_path, data)
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0
    html = (root / "site" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert '>İş Makineleri, Bielsko-Biała, Timișoara, Ελλάδα<a class="headerlink"' in html
    assert "<title>İş Makineleri, Bielsko-Biała, Timișoara, Ελλάδα - " in html
