import json

import pytest

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


def test_file_cache_rereads_only_changed_files_and_sees_new_ones(write_tree):
    from generator import pipeline

    root = write_tree({"content/cases/valid-case.md": case_text(), "content/cases/other.md": case_text("other")})
    project, cache = pipeline.Project(root), pipeline.FileCache()
    assert pipeline.check(project, cache=cache).report.ok
    first = dict(cache.entries)
    path = root / "content/cases/other.md"
    path.write_text(case_text("other", **{"country: EE": "country: Spain"}))
    checked = pipeline.check(project, cache=cache)
    assert [d.field for d in checked.report.errors] == ["place.country"]
    unchanged = [k for k in cache.entries if k in first]
    assert [k[0].name for k in unchanged] == ["valid-case.md"]  # the untouched file was not read again
    (root / "content/cases/third.md").write_text(case_text("third", **{"themes:": "related: [valid-case]\nthemes:"}))
    assert len(pipeline.check(project, cache=cache).report.errors) == 1  # a new file clears and re-reads


def test_file_cache_keeps_the_schemas_until_a_schema_file_changes(write_tree):
    """The same SchemaSet while the schema files are unchanged (what is made from it alone is kept); an edited
    schema is read again and its rule applies at once."""
    import json

    from generator import pipeline

    root = write_tree({"content/cases/valid-case.md": case_text()})
    project, cache = pipeline.Project(root), pipeline.FileCache()
    first = pipeline.check(project, cache=cache)
    assert first.report.ok and pipeline.check(project, cache=cache).model.schemas is first.model.schemas
    path = root / "schemas" / "case.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["summary"]["maxLength"] = 10
    path.write_text(json.dumps(schema), encoding="utf-8")
    again = pipeline.check(project, cache=cache)
    assert again.model is None or again.model.schemas is not first.model.schemas
    assert "summary" in [d.field for d in again.report.errors]


def test_check_of_a_folder_reports_its_files_in_the_context_of_the_tree(write_tree, capsys, monkeypatch):
    root = write_tree({
        "content/cases/valid-case.md": case_text(**{"country: EE": "country: Spain"}),
        "content/guides/.keep": "",
    })
    monkeypatch.chdir(root)
    assert main(["check", "content/cases"]) == 1
    assert "valid-case.md" in capsys.readouterr().out


@pytest.mark.parametrize("path, why", [
    ("content/cases/does-not-exist.md", "no such file or folder"),
    ("README.md", "not in the content folder"),
    ("content/guides", "holds no content files"),
    ("content/cases/notes.txt", "not a content file"),
])
def test_check_of_a_path_that_names_no_content_file_is_a_usage_error(write_tree, capsys, monkeypatch, path, why):
    root = write_tree({"content/cases/valid-case.md": case_text(), "README.md": "# x\n",
                       "content/guides/.keep": "", "content/cases/notes.txt": "x"})
    monkeypatch.chdir(root)
    assert main(["check", path]) == 2
    captured = capsys.readouterr()
    assert why in captured.err and "valid" not in captured.out


def test_site_url_placeholder_warns_after_a_build_and_stops_the_kit(write_tree, capsys, monkeypatch):
    root = write_tree({"content/cases/valid-case.md": case_text()})
    monkeypatch.delenv("PORTAL_SITE_URL", raising=False)
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("warning: site_url is https://good-practice-portal.example/")
    assert "PORTAL_SITE_URL" in err[-1]
    assert main(["--root", str(root), "kit"]) == 2
    assert "QR codes" in capsys.readouterr().err
    assert not (root / "dist").exists()


def test_site_url_from_the_environment_reaches_canonical_links_and_sitemap(write_tree, capsys, monkeypatch):
    root = write_tree({"content/cases/valid-case.md": case_text()})
    monkeypatch.setenv("PORTAL_SITE_URL", "https://cities.github.io/portal")
    assert main(["--root", str(root), "build", "--no-pdf", "--languages", "en"]) == 0
    assert "warning: site_url" not in capsys.readouterr().err
    page = (root / "site" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://cities.github.io/portal/cases/valid-case/">' in page
    assert "https://cities.github.io/portal/cases/valid-case/" in (root / "site" / "sitemap.xml").read_text()


def test_every_command_in_contributing_runs_without_activating_the_venv():
    """A command in CONTRIBUTING.md is a make target or names .venv/bin/python: nothing to activate first."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    bare = [m.group(0) for m in re.finditer(r"(?<![/\w])python3? -m generator[^`\n]*", text)]
    assert not bare, bare
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))
    for target in re.findall(r"`make ([\w-]+)", text):
        assert target in targets, target
