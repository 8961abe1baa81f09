from generator.content.load import load_docs
from generator.content.validate import validate_docs
from generator.diagnostics import Severity
from generator.site.model import build_model
from tests.conftest import case_text


def _model(root, schemas, preview=False):
    loaded = load_docs(root / "content")
    validated = validate_docs(loaded.docs, schemas)
    assert not loaded.diagnostics and not validated.diagnostics, (loaded.diagnostics, validated.diagnostics)
    return build_model(validated.records, schemas.vocabularies, preview=preview)


def test_broken_reference_names_file_line_and_a_near_id(write_tree, schemas):
    root = write_tree({
        "content/cases/valid-case.md": case_text(**{"themes:": "related: [valid-cas, nowhere]\nthemes:"}),
    })
    problems = _model(root, schemas).diagnostics
    assert [(p.field, p.line, p.hint) for p in problems] == [
        ("related[0]", 13, "Did you mean 'valid-case'?"),
        ("related[1]", 13, "Check the id against the file names in content/cases/."),
    ]


def test_drafts_are_left_out_of_the_published_model_but_kept_in_preview(mini_project, schemas):
    published = _model(mini_project, schemas).model
    preview = _model(mini_project, schemas, preview=True).model
    assert "draft-case" not in published.case_by_id
    assert "draft-case" in preview.case_by_id
    assert all("draft-case" not in [c.id for c in cases] for cases in published.cases_by["theme"].values())


def test_reference_to_a_draft_is_a_warning_and_dropped(write_tree, schemas):
    root = write_tree({
        "content/cases/valid-case.md": case_text(**{"themes:": "related: [other]\nthemes:"}),
        "content/cases/other.md": case_text("other", **{"status: published": "status: draft"}),
    })
    modelled = _model(root, schemas)
    [warning] = modelled.diagnostics
    assert warning.severity is Severity.WARNING
    assert modelled.model.related_of_case.get("valid-case", ()) == ()


def test_network_membership_is_derived_from_both_sides(mini_project, schemas):
    model = _model(mini_project, schemas).model
    assert [n.id for n in model.networks_of_case["bilbao-as-fabrik"]] == ["test-network"]
    assert [c.id for c in model.cases_by["network"]["test-network"]] == ["bilbao-as-fabrik"]


def test_similar_cases_rank_by_shared_themes(write_tree, schemas):
    root = write_tree({
        "content/cases/a-case.md": case_text("a-case", **{"themes: [startups]": "themes: [startups, skills]"}),
        "content/cases/b-case.md": case_text("b-case", **{"themes: [startups]": "themes: [skills, startups]"}),
        "content/cases/c-case.md": case_text("c-case"),
        "content/cases/d-case.md": case_text("d-case", **{"themes: [startups]": "themes: [funding]"}),
    })
    model = _model(root, schemas).model
    assert [c.id for c in model.similar_of_case["a-case"]] == ["b-case", "c-case"]


def test_network_element_not_a_component_is_a_warning(write_tree, schemas):
    root = write_tree({
        "content/cases/valid-case.md": case_text(**{"themes:": "components:\n  - {name: Mentoring, description: Five phases of mentoring.}\nthemes:"}),
        "content/networks/net.md": """
            ---
            id: net
            title: A network
            status: published
            programme: URBACT III
            summary: A network that transfers one practice to one city, for a test.
            practices: [valid-case]
            members: [{name: Tartu, role: learning}]
            elements: [Mentorng]
            sources: [{document: 000_b996351083f02d1b.txt, section: Introduction}]
            last_reviewed: 2026-11-23
            ---
            """,
    })
    [warning] = _model(root, schemas).diagnostics
    assert warning.severity is Severity.WARNING
    assert warning.hint == "Did you mean 'Mentoring'?"
