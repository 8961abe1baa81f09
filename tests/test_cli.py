import json

from generator.cli import main
from tests.conftest import case_text


def test_check_exit_codes_and_output(write_tree, capsys):
    root = write_tree({"content/cases/valid-case.md": case_text()})
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.strip() == "all 1 files valid"

    (root / "content/cases/valid-case.md").write_text(case_text(**{"country: EE": "country: Spain"}))
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == 'content/cases/valid-case.md:10: place.country: "Spain" is not a two-letter country code'
    assert out[-1] == "1 error in 1 file (of 1 checked)"


def test_check_json_and_github_formats(write_tree, capsys):
    root = write_tree({"content/cases/valid-case.md": case_text(**{"kind: city-programme": "kind: citi-programme"})})
    assert main(["--root", str(root), "check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["diagnostics"][0]["field"] == "kind"
    assert main(["--root", str(root), "check", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=content/cases/valid-case.md,line=5,title=kind::")


def test_missing_schemas_is_an_environment_error(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "schema" in capsys.readouterr().err


def test_check_reports_only_on_the_files_named(write_tree, capsys, monkeypatch):
    root = write_tree({
        "content/cases/valid-case.md": case_text(**{"country: EE": "country: Spain"}),
        "content/cases/other.md": case_text("other", **{"country: EE": "country: Spain"}),
    })
    monkeypatch.chdir(root)
    assert main(["check", "content/cases/other.md"]) == 1
    out = capsys.readouterr().out
    assert "other.md" in out and "valid-case.md" not in out
    assert out.strip().endswith("1 error in 1 file (of 1 checked)")
