"""Content translations against their originals (generator/content/translate.py): what each kind may translate,
one entry per entry of the original, only the original entry's keys, the original's numbers in short fields."""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap

import pytest

from generator import pipeline
from generator.types import Translated
from tests.conftest import case_text, make_project


@pytest.fixture
def write_tree(tmp_path):
    """As conftest's, callable more than once in a test (each call a new project)."""
    count = itertools.count()
    return lambda files: make_project(tmp_path / f"project-{next(count)}", files)

RICH = case_text(**{"sources:\n": textwrap.dedent("""\
    organisations:
      - name: Tartu City
        role: the city's development agency
      - name: Tartu Science Park
    period: {start: 2017, ongoing: true, note: The source says it runs in 2022.}
    components:
      - name: Phase 2 mentoring
        description: Mentoring in the second phase of the programme.
        transferable: true
    services:
      - number: 1
        name: Market intelligence
        status: new
        timing: from 2018
      - number: 2
        name: Training
        status: in-place
        description: Courses for member firms.
    figures:
      - label: Firms in 2019
        value: 12
        unit: firms
        year: 2019
        source: {document: 000_b996351083f02d1b.txt, section: Introduction}
    source_notes:
      - The document gives no end date.
    sources:
    """)})

HEAD = """\
---
translation_of: valid-case
lang: es
translated: 2099-01-01
translator: Equipo del proyecto
reviewed: false
title: Una práctica válida
summary: Una práctica que supera la validación, la base de las variaciones de las pruebas.
"""

GOOD = HEAD + """\
organisations:
  - role: la agencia de desarrollo de la ciudad
  - {}
period_note: La fuente dice que funciona en 2022.
components:
  - name: Mentoría de la fase 2
    description: Mentoría en la segunda fase del programa.
services:
  - name: Inteligencia de mercado
    timing: desde 2018
  - name: Formación
    description: Cursos para las empresas asociadas.
figures:
  - label: Empresas en 2019
    unit: empresas
source_notes:
  - El documento no da fecha de fin.
---

Cuerpo.
"""

PATH = "content/translations/es/cases/valid-case.md"


def _check(write_tree, translation: str, original: str = RICH) -> pipeline.Checked:
    return pipeline.check(pipeline.Project(write_tree({"content/cases/valid-case.md": original, PATH: translation})))


def test_services_figures_components_roles_and_notes_are_translated_and_the_facts_kept(write_tree):
    checked = _check(write_tree, GOOD)
    assert checked.report.ok, checked.report.diagnostics
    spanish = checked.model_for("es")
    case = spanish.case_by_id["valid-case"]
    assert [s.name for s in case.services] == ["Inteligencia de mercado", "Formación"]
    assert [(s.number, s.status, s.timing) for s in case.services] == [(1, "new", "desde 2018"), (2, "in-place", None)]
    assert case.services[1].description == "Cursos para las empresas asociadas."
    [figure] = case.figures
    assert (figure.label, figure.unit, figure.value, figure.year) == ("Empresas en 2019", "empresas", 12, 2019)
    assert [(o.name, o.role) for o in case.organisations] == [("Tartu City", "la agencia de desarrollo de la ciudad"),
                                                             ("Tartu Science Park", None)]
    [component] = case.components
    assert (component.name, component.transferable) == ("Mentoría de la fase 2", True)
    assert case.period.note == "La fuente dice que funciona en 2022." and case.period.start == 2017
    assert case.source_notes == ("El documento no da fecha de fin.",)
    assert isinstance(case.services[0].name, Translated) and not isinstance(case.place.city, Translated)
    assert spanish.unreviewed == {"valid-case"}


def test_a_changed_number_in_a_figure_label_is_refused_with_line_field_and_fix(write_tree):
    [problem] = _check(write_tree, GOOD.replace("Empresas en 2019", "Empresas en 2020")).report.errors
    assert (str(problem.path), problem.field) == (PATH, "figures[0].label")
    assert problem.line == GOOD.splitlines().index("  - label: Empresas en 2019") + 1
    assert problem.message == "the numbers differ from the original's (2020 for 2019)"
    assert "Keep the original's numbers as they are (2019)" in problem.hint and '"Firms in 2019"' in problem.hint


def test_numbers_of_every_short_field_are_checked_and_long_texts_are_free(write_tree):
    text = (GOOD.replace("Mentoría de la fase 2", "Mentoría de la segunda fase")
                .replace("desde 2018", "desde 2018 y 2019")
                .replace("Cursos para las empresas asociadas.", "Cursos para las 40 empresas asociadas."))
    fields = {d.field for d in _check(write_tree, text).report.errors}
    assert fields == {"components[0].name", "services[0].timing"}


def test_a_wrong_count_is_refused(write_tree):
    text = GOOD.replace("  - {}\n", "")
    [problem] = _check(write_tree, text).report.errors
    assert problem.field == "organisations"
    assert problem.message == "1 organisation for 2 in the original"
    assert problem.hint == "Give one entry per organisation of the original (2), in the same order."


def test_an_extra_key_is_refused_whether_the_original_entry_lacks_it_or_it_is_a_fact(write_tree):
    text = (GOOD.replace("  - {}\n", "  - {role: socio}\n")
                .replace("    timing: desde 2018\n", "    timing: desde 2018\n    number: 3\n"))
    problems = {d.field: d for d in _check(write_tree, text).report.errors}
    assert set(problems) == {"organisations[1].role", "services[0].number"}
    assert problems["organisations[1].role"].message == "the original's organisation has no role"
    assert "Remove 'role'" in problems["organisations[1].role"].hint


def test_a_key_of_another_kind_or_one_the_original_lacks_is_refused(write_tree):
    text = GOOD.replace("source_notes:", "steps:\n  - title: Uno\nsource_notes:")
    [problem] = _check(write_tree, text).report.errors
    assert (problem.field, problem.message) == ("steps", "'steps' is not translated in a case's translation (only in a checklist's)")
    [missing] = _check(write_tree, HEAD + "challenge: Un reto que el original no tiene en absoluto.\n---\n").report.errors
    assert missing.message == "the original has no challenge to translate"


def test_every_problem_of_a_file_is_reported_at_once(write_tree):
    text = (GOOD.replace("Empresas en 2019", "Empresas")
                .replace("  - {}\n", "")
                .replace("    unit: empresas\n", "    unit: empresas\n    value: 13\n"))
    fields = sorted(d.field for d in _check(write_tree, text).report.errors)
    assert fields == ["figures[0].label", "figures[0].value", "organisations"]


def test_a_part_left_out_falls_back_to_the_original(write_tree):
    text = GOOD.replace("    timing: desde 2018\n", "")
    checked = _check(write_tree, text)
    assert checked.report.ok, checked.report.diagnostics
    service = checked.model_for("es").case_by_id["valid-case"].services[0]
    assert service.name == "Inteligencia de mercado" and service.timing == "from 2018"
    assert not isinstance(service.timing, Translated)


CHECKLIST = """\
---
id: checklist-x
type: checklist
title: A checklist
status: published
summary: A checklist for the tests, long enough to pass the schema's limit.
steps:
  - title: Step 1 prepare
    who: The team
    items: [Set a date, Invite 3 partners]
  - title: Step 2 visit
    outputs: [A report]
sources:
  - document: 000_b996351083f02d1b.txt
    section: Introduction
last_reviewed: 2026-11-23
---
"""

CHECKLIST_ES = """\
---
translation_of: checklist-x
lang: es
translated: 2099-01-01
translator: Equipo del proyecto
reviewed: false
title: Una lista
summary: Una lista para las pruebas, suficientemente larga para el esquema.
steps:
  - title: Paso 1 preparar
    who: El equipo
    items: [Fijar una fecha, Invitar a 3 socios]
  - title: Paso 2 visita
    outputs: [Un informe]
---
"""


def test_checklist_steps_are_translated_and_checked(write_tree):
    files = {"content/guides/checklist-x.md": CHECKLIST, "content/translations/es/guides/checklist-x.md": CHECKLIST_ES}
    checked = pipeline.check(pipeline.Project(write_tree(files)))
    assert checked.report.ok, checked.report.diagnostics
    [checklist] = checked.model_for("es").checklists
    assert [s.title for s in checklist.steps] == ["Paso 1 preparar", "Paso 2 visita"]
    assert checklist.steps[0].items == ("Fijar una fecha", "Invitar a 3 socios") and checklist.steps[1].outputs == ("Un informe",)
    files["content/translations/es/guides/checklist-x.md"] = (
        CHECKLIST_ES.replace("Invitar a 3 socios", "Invitar a tres socios").replace("    outputs: [Un informe]\n",
                                                                                    "    who: Todos\n    outputs: [Un informe, Otro]\n"))
    problems = {d.field: d.message for d in pipeline.check(pipeline.Project(write_tree(files))).report.errors}
    assert problems == {"steps[0].items[1]": "the numbers differ from the original's (none for 3)",
                        "steps[1].who": "the original's step has no who",
                        "steps[1].outputs": "2 outputs for 1 in the original"}


TEXT_FIGURE = RICH.replace("\nsource_notes:\n", """
  - label: Member firms
    value: more than 320
    year: 2020
    source: {document: 000_b996351083f02d1b.txt, section: Introduction}
source_notes:
""", 1)

TEXT_FIGURE_ES = GOOD.replace("    unit: empresas\n", "    unit: empresas\n  - label: Empresas socias\n    value: más de 320\n")


def test_a_figure_value_written_as_a_text_is_translated_with_the_same_numbers(write_tree):
    assert "value: more than 320" in TEXT_FIGURE and "value: más de 320" in TEXT_FIGURE_ES
    checked = _check(write_tree, TEXT_FIGURE_ES, TEXT_FIGURE)
    assert checked.report.ok, checked.report.diagnostics
    numbers, text = checked.model_for("es").case_by_id["valid-case"].figures
    assert (numbers.value, text.label, text.value, text.year) == (12, "Empresas socias", "más de 320", 2020)
    assert isinstance(text.value, Translated)
    [problem] = _check(write_tree, TEXT_FIGURE_ES.replace("más de 320", "más de 300"), TEXT_FIGURE).report.errors
    assert (problem.field, problem.message) == ("figures[1].value", "the numbers differ from the original's (300 for 320)")
    assert '"more than 320"' in problem.hint


def test_a_figure_value_that_is_a_number_is_never_translated(write_tree):
    text = TEXT_FIGURE_ES.replace("    unit: empresas\n", "    unit: empresas\n    value: doce\n", 1)
    [problem] = _check(write_tree, text, TEXT_FIGURE).report.errors
    assert problem.field == "figures[0].value"
    assert problem.message == "the original's figure has a number as its value: a number is never translated"
    assert "only a value the original writes as a text" in problem.hint


def test_a_translated_figure_value_is_shown_and_an_untranslated_one_is_marked_english(write_tree):
    original = TEXT_FIGURE
    translated = TEXT_FIGURE_ES
    root = write_tree({"content/cases/valid-case.md": original, PATH: translated,
                       "content/translations/it/cases/valid-case.md": translated.replace("lang: es", "lang: it")
                       .replace("    value: más de 320\n", "")})
    built = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es", "it"])
    assert built.checked.report.ok, built.checked.report.diagnostics
    spanish = (root / "site" / "es" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert "más de 320" in spanish and '<span lang="en">more than 320</span>' not in spanish
    italian = (root / "site" / "it" / "cases" / "valid-case" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en">more than 320</span>' in italian


def test_each_original_s_date_is_asked_once_and_every_translation_older_is_flagged(write_tree, monkeypatch):
    from generator.content import translate

    asked = []
    monkeypatch.setattr(translate, "last_changed", lambda paths, root: asked.extend(p.name for p in paths) or {
        path: "2099-06-01" for path in paths})
    old = GOOD.replace("translated: 2099-01-01", "translated: 2000-01-01")
    root = write_tree({"content/cases/valid-case.md": RICH, PATH: old,
                       PATH.replace("/es/", "/fr/"): old.replace("lang: es", "lang: fr")})
    checked = pipeline.check(pipeline.Project(root))
    assert asked == ["valid-case.md"]
    assert [(str(d.path), d.field) for d in checked.report.diagnostics] == [
        (PATH, "translated"), (PATH.replace("/es/", "/fr/"), "translated")]
    assert all("the original changed on 2099-06-01" in d.message for d in checked.report.diagnostics)


def test_last_changed_is_the_last_commit_or_for_an_uncommitted_change_the_file_s_time(tmp_path):
    """Git is asked once for all the originals; the project may be a folder inside the repository."""
    import os
    import subprocess

    from generator.content.translate import last_changed

    project = tmp_path / "repository" / "portal"
    (project / "content").mkdir(parents=True)
    for name in ("committed.md", "edited.md"):
        (project / "content" / name).write_text("x\n", encoding="utf-8")
    run = {"cwd": project.parent, "check": True, "capture_output": True}  # the repository holds the project
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "."], **run)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"], **run,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2020-05-05T10:00:00"})
    (project / "content" / "edited.md").write_text("y\n", encoding="utf-8")
    (project / "content" / "new.md").write_text("z\n", encoding="utf-8")
    os.utime(project / "content" / "new.md", (1600000000, 1600000000))  # 2020-09-13
    paths = [project / "content" / name for name in ("committed.md", "edited.md", "new.md")]
    dates = last_changed(paths, project)
    today = dt.date.fromtimestamp(paths[1].stat().st_mtime).isoformat()
    assert dates == {paths[0]: "2020-05-05", paths[1]: today, paths[2]: "2020-09-13"}
    assert last_changed(paths, tmp_path)[paths[0]] == today  # no repository there: the file's time
