from generator.content.load import load_docs
from generator.content.validate import validate_docs
from generator.site.environment import figure_table
from generator.site.model import build_model
from generator.site.pages import render_site
from generator.site.text import escape_md
from generator.types import Figure, Source


def _pages(root, schemas, preview=False):
    loaded = load_docs(root / "content")
    validated = validate_docs(loaded.docs, schemas)
    model = build_model(validated.records, schemas.vocabularies, preview=preview).model
    return {p.path: p.content for p in render_site(model)}


def test_escape_md_keeps_text_literal():
    assert escape_md("A <b>bold</b> city") == "A &lt;b&gt;bold&lt;/b&gt; city"
    assert escape_md('Ω & "quotes"') == 'Ω &amp; "quotes"'
    assert escape_md("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert escape_md("# not a heading") == "\\# not a heading"
    assert escape_md("a | b *c* _d_") == "a \\| b \\*c\\* \\_d\\_"
    assert escape_md("line one\n  line two") == "line one line two"


def test_case_page_shows_the_glance_panel_and_sections(mini_project, schemas):
    page = _pages(mini_project, schemas)["cases/igualada-test.md"]
    assert "# Leather &amp; &lt;b&gt;bold&lt;/b&gt; cluster \\| Igualada" in page
    assert "| Place | Igualada, Catalonia, Spain |" in page
    assert "| Period | 1994 – ongoing |" in page
    assert "## What it does: the components" in page
    assert "*Transferable element.*" in page


def test_service_portfolio_is_a_table_in_number_order(mini_project, schemas):
    page = _pages(mini_project, schemas)["cases/igualada-test.md"]
    assert "2 services: 1 already in place, 1 new." in page
    assert page.index("| 1 | [Technology audits](#service-1) | In place | Ongoing |") < page.index(
        "| 2 | [Matchmaking](#service-2) | New | 3-7 months |")
    assert ": *For whom:* All members" in page


def test_figures_over_years_become_one_table():
    src = Source(document="x", section="y")
    table = figure_table([
        Figure("Turnover", 10, src, "M EUR", 2003), Figure("Turnover", 20, src, "M EUR", 2015),
        Figure("Staff", 100, src, None, 2003), Figure("Staff", 80, src, None, 2015),
    ])
    assert table.years == (2003, 2015)
    assert table.rows[0] == ("Turnover", "M EUR", ("10", "20"))
    assert figure_table([Figure("Members", 320, src, None, 2017)]) is None


def test_drafts_are_not_rendered_or_indexed(mini_project, schemas):
    pages = _pages(mini_project, schemas)
    assert "cases/draft-case.md" not in pages
    assert "draft-case" not in pages["cases/index.md"]
    assert "cases/draft-case.md" in _pages(mini_project, schemas, preview=True)


def test_theme_pages_list_their_practices(mini_project, schemas):
    pages = _pages(mini_project, schemas)
    assert "igualada-test.md" in pages["themes/circular-economy.md"]
    assert "bilbao-as-fabrik" not in pages["themes/circular-economy.md"]


def test_network_page_lists_members_and_elements(mini_project, schemas):
    page = _pages(mini_project, schemas)["networks/test-network.md"]
    assert "Bielsko-Biała" in page and "Timișoara" in page
    assert "- Talent Ecosystem" in page


def test_checklist_has_tick_boxes_in_step_order(mini_project, schemas):
    page = _pages(mini_project, schemas)["guides/test-checklist.md"]
    assert page.index("## 1. Segment the market") < page.index("## 2. Visit a benchmark cluster")
    assert '<li class="task-list-item"><label><input type="checkbox"> List the segments</label></li>' in page


def test_every_case_gets_a_transfer_plan_prefilled_from_it(mini_project, schemas):
    import json

    pages = _pages(mini_project, schemas)
    plan = pages["plans/index.md"]
    assert plan.index("## 2. Components") < plan.index("## 3. Local context and needs") < plan.index("## 4. Actions")
    assert "| Action | When | Who | Cost | Funding |" in plan
    assert plan.count("| &nbsp; | &nbsp; | &nbsp; | &nbsp; | &nbsp; |") == 4
    assert "plans/?case=igualada-test" in pages["cases/igualada-test.md"]
    data = json.loads(pages["assets/plan-data.js"].removeprefix("window.PORTAL_PLANS = ").rstrip().rstrip(";"))
    assert data["cases"]["igualada-test"]["components"] == [["Strategic segmentation", True]]
    assert "downloads/plan-igualada-test.docx" in plan
    download = pages["downloads/plan-igualada-test.md.txt"]
    assert "- [ ] **Strategic segmentation** (transferable element)" in download


def test_numbers_group_thousands_but_not_years():
    from generator.site.text import format_number as _number

    assert _number(1972) == "1972"
    assert _number(15000) == "15\u202f000"
    assert _number(2.5) == "2.5"
    assert _number("more than 320") == "more than 320"


def test_finder_lists_every_published_case_with_its_facets(mini_project, schemas):
    page = _pages(mini_project, schemas)["finder/index.md"]
    assert page.count("<li data-id=") == 2
    assert 'data-id="igualada-test" data-theme="strategy circular-economy partnership-brokering"' in page
    assert 'data-country="ES"' in page and 'data-start="1994"' in page and "data-ongoing" in page
    assert 'name="country" value="ES"' in page
    # HTML-escaped, never raw
    assert "Leather &amp; &lt;b&gt;bold&lt;/b&gt; cluster | Igualada</a>" in page


def test_map_has_a_linked_marker_per_placed_case(mini_project, schemas):
    page = _pages(mini_project, schemas)["map/index.md"]
    assert page.count('<a class="marker ') == 2
    assert 'href="../cases/igualada-test/"' in page


def test_network_diagram_draws_an_arrow_per_pair(mini_project, schemas):
    page = _pages(mini_project, schemas)["networks/test-network.md"]
    # one practice (Bilbao's case) to two learning cities
    assert page.count('class="edge"') == 2
    assert "Bielsko-Biała" in page


def test_open_data_has_one_row_per_case(mini_project, schemas):
    import csv
    import io
    import json

    pages = _pages(mini_project, schemas)
    assert pages["cases.csv"].startswith("\ufeffid,")  # a byte-order mark: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(pages["cases.csv"].removeprefix("\ufeff"))))
    assert [r["id"] for r in rows] == ["bilbao-as-fabrik", "igualada-test"]
    assert rows[1]["country"] == "ES" and rows[1]["start"] == "1994"
    data = json.loads(pages["cases.json"])
    assert data["count"] == 2 and data["cases"][1]["place"]["city"] == "Igualada"
    assert pages["assets/compare-data.js"].startswith("window.PORTAL_COMPARE = {")


def test_source_notes_and_document_caveat_are_shown_once_in_sources(write_tree, schemas):
    from tests.conftest import case_text

    notes = "source_notes:\n  - The profile gives 136 members and the partner table 144.\nlast_reviewed:"
    root = write_tree({"content/cases/valid-case.md": case_text(**{
        "    section: Introduction\n": "    section: Introduction\n  - document: 001_af2e630d849fcec9.txt\n"
                                       "    section: Lessons learnt\n  - document: 001_af2e630d849fcec9.txt\n"
                                       "    section: Transferring good practice\n",
        "last_reviewed:": notes})})
    page = _pages(root, schemas)["cases/valid-case.md"]
    sources = page[page.index("## Sources"):]
    assert sources.count("The profile gives 136 members and the partner table 144.") == 1
    assert "*Notes on the sources:*" in sources
    # the caveat held by the vocabulary for document 001 is printed once, on its first citation
    assert sources.count("About this document:") == 2  # once for 000, once for 001
    assert sources.count("Several schemes and charts it refers to") == 1


def test_sources_are_citations_and_no_page_shows_a_file_name(write_tree, schemas):
    from tests.conftest import case_text

    root = write_tree({"content/cases/valid-case.md": case_text(**{
        "    section: Introduction\n": "    section: Introduction\n  - document: 003_f361f9cdaa2a5e4b.txt\n"
                                       "    section: Wrap-up and next steps\n"})})
    pages = _pages(root, schemas)
    sources = pages["cases/valid-case.md"].split("## Sources", 1)[1]
    assert "*The COVID-19 cluster response: solutions for dealing with ecosystem supply chain disruptions. " in sources
    assert ("European Cluster Collaboration Platform; by the European Commission, featuring the European Cluster "
            "Alliance, 28 April 2020. Section: “Wrap-up and next steps”. "
            "[https://www.clustercollaboration.eu](https://www.clustercollaboration.eu)") in sources
    assert "Section: “Introduction”" in sources
    for path, text in pages.items():
        if path.endswith(".md"):
            assert "_b996351083f02d1b" not in text and "f361f9cdaa2a5e4b" not in text, path


def test_study_network_shows_roles_in_words_and_no_transfer(write_tree, schemas):
    from tests.conftest import case_text

    root = write_tree({
        "content/cases/valid-case.md": case_text(),
        "content/networks/net.md": """
            ---
            id: net
            title: A study network
            status: published
            programme: COSME
            summary: Partners who studied one practice on a study visit, without transferring it.
            practices: [valid-case]
            members:
              - {name: Host cluster, country: EE, role: study-visit-host, case: valid-case}
              - {name: Partner cluster, city: Prato, country: IT, role: partner}
              - {name: Visitor at an event, role: event-participant}
            sources: [{document: 001_af2e630d849fcec9.txt, section: Lessons learnt}]
            last_reviewed: 2026-11-23
            ---
            """})
    pages = _pages(root, schemas)
    page = pages["networks/net.md"]
    assert "| Study-visit host |" in page and "| Event participant |" in page and "| Partner |" in page
    assert "Practices studied" in page and "Partners who studied them" in page
    assert "Learning partners" not in page
    assert page.count('class="edge"') == 1  # the practice to the one partner; the event participant is not drawn
    assert "Study-visit host · Tartu, Estonia" in page
    assert "[A study network](../networks/net.md) (study-visit host)" in pages["cases/valid-case.md"]
    import json
    [record] = json.loads(pages["cases.json"])["cases"]
    assert record["network_roles"] == [{"network": "net", "member": "Host cluster", "role": "study-visit-host",
                                        "role_label": "Study-visit host"}]
    assert "net: Host cluster (Study-visit host)" in pages["cases.csv"]
