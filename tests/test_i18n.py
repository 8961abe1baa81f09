"""Languages: catalogs with English fallback, content translations and their checks."""

from pathlib import Path

from generator import catalogs, i18n, pipeline
from generator.diagnostics import Severity
from generator.site.addresses import RenderOptions
from tests.conftest import case_text

ROOT = Path(__file__).resolve().parent.parent

TRANSLATION = """
---
translation_of: valid-case
lang: es
translated: {date}
translator: Equipo del proyecto
title: Una práctica válida
summary: Una práctica que supera la validación, la base de las variaciones de las pruebas.
{extra}---

Cuerpo.
"""


def _translation(date: str = "2099-01-01", extra: str = "") -> str:
    return TRANSLATION.format(date=date, extra=extra)


def test_every_language_has_a_catalog_and_missing_labels_fall_back_to_english():
    codes = [language.code for language in i18n.languages()]
    assert codes[0] == "en" and set(codes) >= {"es", "it", "fr", "de", "pl", "et", "ro", "tr"}
    for code in codes[1:]:
        assert i18n.po_path(code).exists(), code
        assert i18n.translations(code).gettext("A label no catalog has") == "A label no catalog has"
    assert i18n.translations("en").gettext("At a glance") == "At a glance"


def test_catalogs_cover_the_extracted_labels():
    """Every label the portal prints is translated in every language: a new label fails here until it is."""
    progress = {p.code: p for p in catalogs.update_catalogs(write=False)}
    assert set(progress) == {language.code for language in i18n.languages()[1:]}
    assert all(p.total > 200 for p in progress.values())
    missing = {code: list(p.missing) for code, p in progress.items() if p.missing}
    assert not missing, f"untranslated labels (run `python -m generator i18n`, then translate them): {missing}"
    assert all(p.translated == p.total for p in progress.values())


def test_the_catalog_check_lists_an_untranslated_label(monkeypatch):
    """The check above can fail: a label no catalog has yet is reported as missing in every language."""
    extract = catalogs.extract

    def with_a_new_label():
        catalog = extract()
        catalog.add("A label added after the catalogs were written", locations=[("tests/test_i18n.py", 0)])
        return catalog

    monkeypatch.setattr(catalogs, "extract", with_a_new_label)
    progress = catalogs.update_catalogs(write=False)
    assert all(p.missing == ("A label added after the catalogs were written",) for p in progress)


def test_a_translation_replaces_the_text_and_keeps_the_facts(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/translations/es/cases/valid-case.md": _translation()})
    checked = pipeline.check(pipeline.Project(root))
    assert checked.report.ok, checked.report.diagnostics
    spanish = checked.model_for("es")
    case = spanish.case_by_id["valid-case"]
    assert case.title == "Una práctica válida" and case.body.strip() == "Cuerpo."
    assert case.place.city == "Tartu" and case.sources == checked.model.case_by_id["valid-case"].sources
    assert spanish.translated == {"valid-case"} and spanish.lang == "es"


def test_a_translation_that_changes_a_fact_field_is_refused_with_a_fix(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/translations/es/cases/valid-case.md": _translation(extra="place: {city: Madrid}\n")})
    [problem] = pipeline.check(pipeline.Project(root)).report.errors
    assert (str(problem.path), problem.line, problem.field) == ("content/translations/es/cases/valid-case.md", 8, "place")
    assert problem.message == "'place' is a fact field: a translation holds text only"
    assert "come from the original" in problem.hint


def test_an_outdated_translation_is_flagged(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/translations/es/cases/valid-case.md": _translation(date="2000-01-01")})
    checked = pipeline.check(pipeline.Project(root))
    [warning] = checked.report.diagnostics
    assert warning.severity is Severity.WARNING and warning.field == "translated"
    assert "after this translation (2000-01-01)" in warning.message
    assert "valid-case" in checked.model_for("es").outdated


def test_a_translation_of_nothing_or_in_a_wrong_folder_is_refused(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/translations/es/cases/other.md": _translation().replace("valid-case", "other"),
                       "content/translations/xx/cases/valid-case.md": _translation().replace("lang: es", "lang: xx")})
    messages = sorted(d.message for d in pipeline.check(pipeline.Project(root)).report.errors)
    assert "there is no case 'other' to translate" in messages
    assert "'xx' is not one of the portal's languages" in messages


def test_spanish_site_is_in_spanish_with_english_fallback_pages(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/cases/other.md": case_text("other"),
                       "content/translations/es/cases/valid-case.md": _translation()})
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es"])
    assert generated.checked.report.ok
    site = root / "site"
    home = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home
    spanish = i18n.translations("es").gettext
    page = (site / "es" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert "Una práctica válida" in page and spanish("At a glance") in page
    assert 'rel="alternate" href="../../../cases/valid-case/" hreflang="en"' in page
    english = (site / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../es/cases/valid-case/"' in english
    # an untranslated case is built once, in English, with a note in Spanish shown when opened from Spanish
    assert not (site / "es" / "cases" / "other").exists()
    untranslated = (site / "cases" / "other" / "index.html").read_text(encoding="utf-8")
    note = spanish("This page has not been translated yet; it is shown in English.")
    assert f'<p class="portal-untranslated admonition note" id="lang-es" lang="es" hidden data-pagefind-ignore>{note}</p>' in untranslated
    assert '<a href="../../cases/other/#lang-es" lang="es">Español</a>' in untranslated  # switch: the note
    index = (site / "es" / "cases" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../cases/other/#lang-es"' in index and 'href="valid-case/"' in index
    compare = (site / "es" / "assets" / "compare-data.js").read_text(encoding="utf-8")
    assert '"url":"../cases/other/#lang-es"' in compare and '"url":"cases/valid-case/"' in compare


def test_a_translated_case_gets_its_plan_documents_in_that_language(write_tree):
    import io
    import zipfile

    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "content/cases/other.md": case_text("other"),
                       "content/guides/transfer-plan-template.md":
                           (ROOT / "content" / "guides" / "transfer-plan-template.md").read_text(encoding="utf-8"),
                       "content/translations/es/cases/valid-case.md": _translation()})
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es"])
    assert generated.checked.report.ok
    site = root / "site"
    spanish = i18n.translations("es").gettext
    with zipfile.ZipFile(io.BytesIO((site / "es" / "downloads" / "plan-valid-case.docx").read_bytes())) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert spanish("The practice in brief") in body and "Una práctica que supera la validación" in body
    assert spanish("The practice in brief") != "The practice in brief"
    markdown = (site / "es" / "downloads" / "plan-valid-case.md.txt").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {spanish('Transfer plan')}: Una práctica válida")
    assert not (site / "es" / "downloads" / "plan-other.docx").exists()  # untranslated: the English one is linked
    data = (site / "es" / "assets" / "plan-data.js").read_text(encoding="utf-8")
    assert '"docx":"downloads/plan-valid-case.docx"' in data and '"docx":"../downloads/plan-other.docx"' in data
    with zipfile.ZipFile(io.BytesIO((site / "downloads" / "plan-valid-case.docx").read_bytes())) as package:
        assert "The practice in brief" in package.read("word/document.xml").decode("utf-8")


def test_each_language_home_offers_its_own_kit_or_else_the_english_one(write_tree):
    root = write_tree({"content/cases/valid-case.md": case_text(),
                       "dist/portal-offline.zip": b"PK english kit",
                       "dist/portal-offline-es.zip": b"PK spanish kit"})
    project = pipeline.Project(root)
    generated = pipeline.generate(project, options=RenderOptions(languages=("en", "es", "pl")))
    assert generated.checked.report.ok
    assert (project.docs / "downloads" / "portal-offline-es.zip").read_bytes() == b"PK spanish kit"
    english = (project.docs / "index.md").read_text(encoding="utf-8")
    spanish = (pipeline.docs_for(project, "es") / "index.md").read_text(encoding="utf-8")
    polish = (pipeline.docs_for(project, "pl") / "index.md").read_text(encoding="utf-8")
    assert 'href="downloads/portal-offline.zip"' in english
    assert 'href="../downloads/portal-offline-es.zip"' in spanish
    assert i18n.translations("es").gettext("unzip it on a laptop or USB stick and open portal/index.html; "
                                           "no internet needed") in spanish
    assert 'href="../downloads/portal-offline.zip"' in polish  # no Polish kit yet: the English one


def test_tool_pages_headings_and_counts_come_from_the_catalog():
    """Every tool page's heading and intro is a catalog label; counts use the language's plural forms."""
    from generator.site.pages import render_site

    model = pipeline.check(pipeline.Project(ROOT)).model_for("pl")
    pages = {p.path: p.content for p in render_site(model, options=RenderOptions(lang="pl", languages=("en", "pl")))
             if isinstance(p.content, str)}
    polish = i18n.translations("pl")
    headings = {"compare/index.md": "Compare practices", "finder/index.md": "Find practices",
                "map/index.md": "Map of the practices", "match/index.md": "Which practices fit my city?",
                "cases/index.md": "Practices", "guides/index.md": "Guides and checklists",
                "networks/index.md": "Transfer networks", "themes/index.md": "Themes", "plans/index.md": "Transfer plan"}
    for path, english in headings.items():
        title = next(line for line in pages[path].splitlines() if line.startswith("# "))
        assert title.startswith(f"# {polish.gettext(english)}") and polish.gettext(english) != english, path
    intro = ("Every practice is on the map: a dot for a town, a diamond for a region (at its seat) or an area (at its "
             "centre), and a numbered badge in each country a practice covers as a whole. Select one to open it.")
    assert polish.gettext(intro) != intro and polish.gettext(intro) in pages["map/index.md"]
    steps = {len(c.steps) for c in model.checklists}
    for count in steps:
        assert f"({polish.ngettext('%(num)s step', '%(num)s steps', count) % {'num': count}})" in pages["guides/index.md"]
    assert {polish.ngettext("%(num)s step", "%(num)s steps", n) % {"num": n} for n in (2, 5)} == {"2 kroki", "5 kroków"}
