"""The workshop kit: the whole portal from disk with no network, the workshop pack and the practice cards."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import config, pipeline
from generator.output import workshop
from generator.output.kit import build_kit
from tests.browser_support import browser, require_chromium
from tests.pdf_support import assert_accessible_pdf

pytestmark = [pytest.mark.build, pytest.mark.browser]
ROOT = Path(__file__).resolve().parent.parent


def _snapshot(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_mtime_ns) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture(scope="module")
def kits(tmp_path_factory):
    """The English and the Spanish kit, built before any test starts its own browser (one Playwright at a time)."""
    require_chromium()
    before = _snapshot(ROOT / "site")
    built = {}
    for lang, name in (("en", "portal-offline.zip"), ("es", "portal-offline-es.zip")):
        out = tmp_path_factory.mktemp(f"kit-{lang}") / name
        kit = build_kit(pipeline.Project(ROOT), out=out, lang=lang)
        folder = out.parent / "unzipped"
        zipfile.ZipFile(out).extractall(folder)
        built[lang] = (kit, folder / "portal", pipeline.check(pipeline.Project(ROOT)).model_for(lang))
    assert _snapshot(ROOT / "site") == before, "building a kit must leave site/ as it was"
    return built


@pytest.fixture(scope="module")
def kit(kits):
    return kits["en"]


@pytest.fixture(scope="module")
def spanish_kit(kits):
    return kits["es"]


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


def test_kit_is_small_enough(kit):
    built, portal, _ = kit
    assert built.size < 20_000_000
    assert (portal / "index.html").exists() and (portal / "search" / "search_index.js").exists()


def test_kit_works_from_disk_with_no_request_leaving_file(kit, chromium):
    _, portal, model = kit
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto((portal / "index.html").as_uri())
    page.click("text=" + model.case_by_id["igualada-leather-cluster"].title)
    assert page.url.endswith("/cases/igualada-leather-cluster.html")
    page.click(".md-tabs >> text=Guides")
    page.click("text=" + next(c for c in model.checklists if c.id == "checklist-cluster-strategy-igualada").title)
    assert page.url.endswith("/guides/checklist-cluster-strategy-igualada.html")
    page.go_back()
    page.go_back()
    assert page.url.endswith("/cases/igualada-leather-cluster.html")

    page.goto((portal / "index.html").as_uri())
    page.wait_for_function("typeof __index !== 'undefined'")
    page.wait_for_timeout(1500)  # the search worker starts in its iframe
    page.click("label.md-search__icon, .md-search__input")
    page.keyboard.type("Igualada", delay=40)
    page.wait_for_selector('.md-search-result__item a[href*="cases/igualada-leather-cluster.html"]', timeout=15000)

    page.goto((portal / "finder" / "index.html").as_uri())
    page.check('input[name="country"][value="IT"]')
    visible = page.eval_on_selector_all("#finder-results > li:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert sorted(visible) == sorted(c.id for c in model.cases_by["country"]["IT"])
    page.click(f'#finder-results > li[data-id="{visible[0]}"] a')
    assert page.url.endswith(f"/cases/{visible[0]}.html")

    context.close()
    assert requests and all(r.startswith("file://") for r in requests), [r for r in requests if not r.startswith("file://")]
    assert errors == []


def test_workshop_pack_has_a_section_per_checklist_in_contents_order(kit):
    _, portal, model = kit
    reader = PdfReader(portal / "pdf" / "workshop-pack.pdf")
    expected = [c.title for c in model.checklists] + [t.title for t in model.templates]
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline
               if not isinstance(item, list)]  # (a list: the headings of the item before it)
    assert any(isinstance(item, list) and item for item in reader.outline)
    assert [title for title, _ in outline] == expected
    starts = [page for _, page in outline]
    assert starts == sorted(starts) and starts[0] == 1  # page 0 is the contents
    contents = " ".join(reader.pages[0].extract_text().split())
    positions = [contents.index(" ".join(t.split())) for t in expected]
    assert positions == sorted(positions)
    for (title, start) in outline:
        first = " ".join(reader.pages[start].extract_text().split())
        assert " ".join(title.split())[:40] in first
    assert all(abs(float(p.mediabox.height) - 841.9) < 1.5 for p in reader.pages)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_pdf_of_a_kit_is_tagged_in_its_language_with_title_and_outline(kits, lang):
    _, portal, model = kits[lang]
    pdfs = sorted((portal / "pdf").glob("*.pdf"))
    assert len([p for p in pdfs if p.name.startswith("plan-")]) == len(model.cases)
    for pdf in pdfs:
        assert_accessible_pdf(pdf, lang)


def test_practice_cards_hold_every_practice_with_a_decodable_qr_code(kit, chromium):
    import zxingcpp
    from PIL import Image

    _, portal, model = kit
    reader = PdfReader(portal / "pdf" / "practice-cards.pdf")
    assert len(reader.pages) == -(-len(model.cases) // 4)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for case in model.cases:
        assert " ".join(case.title.split())[:30] in text, case.id

    base = config.site_url(ROOT / "mkdocs.yml")
    page = chromium.new_page(viewport={"width": 1200, "height": 1600}, device_scale_factor=2)
    page.set_content(workshop.cards_html(model, base))
    decoded = {}
    for card in page.locator("section.card").all():
        image = Image.open(io.BytesIO(card.locator(".qr").screenshot()))
        results = zxingcpp.read_barcodes(image)
        assert results, card.get_attribute("data-id")
        decoded[card.get_attribute("data-id")] = results[0].text
    page.close()
    assert decoded == {c.id: f"{base}cases/{c.id}/" for c in model.cases}


def test_a_spanish_kit_is_spanish_throughout(spanish_kit):
    """Pages, Material's interface, translated practices and every printout in Spanish; one language, no switch."""
    from generator import i18n

    _, portal, model = spanish_kit
    spanish = i18n.translations("es").gettext
    home = (portal / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home and spanish("Workshop pack (PDF)") in home
    assert 'class="lang-switch"' not in home  # the kit holds one language
    fabrik = (portal / "cases" / "bilbao-as-fabrik.html").read_text(encoding="utf-8")
    assert model.case_by_id["bilbao-as-fabrik"].title in fabrik and "bilbao-as-fabrik" in model.translated

    pack = PdfReader(portal / "pdf" / "workshop-pack.pdf")
    contents = " ".join(pack.pages[0].extract_text().split())
    assert spanish("Workshop pack") in contents and "página" in contents and " page " not in contents
    assert pack.metadata.title.startswith(spanish("Workshop pack"))
    checklist = PdfReader(portal / "pdf" / f"{model.checklists[0].id}.pdf")
    assert "Fuente:" in " ".join(checklist.pages[0].extract_text().split())

    cards = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(portal / "pdf" / "practice-cards.pdf").pages)
    assert spanish("Transferable components").upper() in cards and "TRANSFERABLE" not in cards  # labels in capitals


def test_spanish_practice_cards_lead_to_the_spanish_pages():
    from generator import i18n

    model = pipeline.check(pipeline.Project(ROOT)).model_for("es")
    base = config.site_url(ROOT / "mkdocs.yml")
    cards = workshop.card_data(model, base)
    assert [c["url"] for c in cards] == [f"{base}es/cases/{c.id}/" for c in model.cases]
    kinds = {c["kind"] for c in cards}
    assert kinds and kinds <= {i18n.translations("es").gettext(label) for label in model.vocabularies["kind"].labels.values()}


def test_the_contribution_form_works_from_disk_with_download_and_copy_only(kit, chromium, tmp_path):
    _, portal, _ = kit
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((portal / "contribute" / "index.html").as_uri())
    assert page.get_by_role("button", name="Propose on GitHub").count() == 0
    assert "works without the internet" in page.inner_text("article")
    page.get_by_label("Id (page address)").fill("offline-practice")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "offline-practice.md" and "id: offline-practice\n" in saved.read_text(encoding="utf-8")
    page.get_by_role("button", name="Copy the file").click()
    page.wait_for_function("document.getElementById('contribute-status').textContent.length > 0")
    context.close()
    assert errors == [] and all(r.startswith(("file://", "blob:")) for r in requests), requests
