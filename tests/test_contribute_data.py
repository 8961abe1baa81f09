"""What the build gives the contribution page: its data, its links to the repository, and no inline script."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator import i18n, pipeline
from generator.site import contribute
from generator.site.addresses import RenderOptions, edit_url, new_file_url
from generator.site.pages import render_site
from tests.conftest import case_text

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "generator" / "site" / "static"

TRANSLATION = """---
translation_of: valid-case
lang: es
translated: 2099-01-01
translator: Equipo del proyecto
title: Una práctica válida
---

Cuerpo.
"""


def _data(script: str) -> dict:
    prefix = "window.PORTAL_CONTRIBUTE = "
    assert script.startswith(prefix) and script.endswith(";\n")
    return json.loads(script[len(prefix):-2])


def test_the_repository_addresses_follow_mkdocs_edit_uri_convention():
    github = RenderOptions(repo_url="https://github.com/example/portal/")
    assert edit_url("content/cases/x.md", github) == "https://github.com/example/portal/edit/main/content/cases/x.md"
    assert new_file_url(github) == "https://github.com/example/portal/new/main"
    branch = RenderOptions(repo_url="https://github.com/example/portal", edit_uri="edit/trunk/")
    assert edit_url("content/cases/x.md", branch) == "https://github.com/example/portal/edit/trunk/content/cases/x.md"
    assert new_file_url(branch) == "https://github.com/example/portal/new/trunk"
    elsewhere = RenderOptions(repo_url="https://gitlab.com/example/portal", edit_uri="-/edit/main/")
    assert edit_url("content/cases/x.md", elsewhere) == "https://gitlab.com/example/portal/-/edit/main/content/cases/x.md"
    assert new_file_url(elsewhere) is None  # GitHub's new-file address only
    assert edit_url("content/cases/x.md", RenderOptions()) is None and new_file_url(RenderOptions()) is None


def test_a_translated_page_suggests_an_edit_to_its_translation_and_an_untranslated_one_to_the_original(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/cases/other-case.md": case_text("other-case"),
                       "content/translations/es/cases/valid-case.md": TRANSLATION})
    checked = pipeline.check(pipeline.Project(root))
    assert checked.report.ok, checked.report.diagnostics
    options = RenderOptions(lang="es", languages=("en", "es"), repo_url="https://github.com/example/portal",
                            case_languages=pipeline.case_languages(checked.translations))
    pages = {p.path: p.content for p in render_site(checked.model_for("es"), options=options)}
    assert "edit/main/content/translations/es/cases/valid-case.md" in pages["cases/valid-case.md"]
    assert "cases/other-case.md" not in pages  # untranslated: built once, in English, where it suggests its original
    english_pages = {p.path: p.content for p in render_site(checked.model, options=RenderOptions(
        languages=("en", "es"), repo_url="https://github.com/example/portal"))}
    assert "edit/main/content/cases/other-case.md" in english_pages["cases/other-case.md"]
    data = _data(pages["assets/contribute-data.js"])
    assert data["sources"] == "../../sources/"  # the source files are kept once, in the English site
    assert data["existing"]["cases"] == ["other-case", "valid-case"]
    english = {p.path: p for p in render_site(checked.model, options=RenderOptions(repo_url="x"))}
    assert "assets/vendor/contribute-vendor.js" in english and "assets/vendor/contribute-vendor.js" not in pages
    assert "assets/vendor/README.md" not in english


def test_the_form_data_speaks_the_pages_language_and_keeps_the_schemas_rules(schemas):
    spanish = i18n.translations("es").gettext
    kinds = contribute.form_data(schemas, spanish, "es")
    assert set(kinds) == {"case", "network", "guide"}
    case = kinds["case"]
    assert case["rules"] == schemas.bundled("case.schema.json")  # the rules themselves, untouched
    kind = case["form"]["properties"]["kind"]
    assert kind["title"] == spanish("Kind of practice")
    assert {"const": "city-programme", "title": spanish("City programme")} in kind["anyOf"]
    country = case["form"]["properties"]["place"]["properties"]["country"]
    assert {"const": "DE", "title": "Alemania"} in country["anyOf"] and len(country["anyOf"]) == 249
    assert case["ui"]["sectors"]["ui:widget"] == "checkboxes"
    assert case["ui"]["place"]["city"]["ui:help"] == spanish("Example: %(example)s") % {"example": "Tartu"}
    assert case["body"] == "## How it works\n\n" and case["initial"] == {"status": "review"}
    assert kinds["guide"]["initial"]["type"] == "guide" and kinds["guide"]["body"] == ""


def test_the_words_are_the_checkers_table():
    from generator.content.messages import MESSAGES

    words = contribute.words(lambda text: text)
    assert words["messages"] == MESSAGES and words["shown"] == 60
    assert set(words["ui"]) == set(contribute.UI)


def test_the_page_and_its_scripts_hold_no_inline_script_handler_or_eval(write_tree):
    """Ready for a Content-Security-Policy without unsafe-inline or unsafe-eval."""
    root = write_tree({"content/cases/valid-case.md": case_text()})
    checked = pipeline.check(pipeline.Project(root))
    pages = {p.path: p.content for p in render_site(checked.model, options=RenderOptions(repo_url="https://github.com/a/b"))}
    page = pages["contribute/index.md"]
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert len(scripts) == 3 and all(re.fullmatch(r'<script src="[^"]+">', s) for s in scripts)
    assert not re.search(r"\son[a-z]+\s*=", page)
    for script in [STATIC / "contribute.js", STATIC / "vendor" / "contribute-vendor.js"]:
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function\b|\bFunction\(", text), script.name
    assert "innerHTML" not in (STATIC / "contribute.js").read_text(encoding="utf-8")  # our script writes text only
