"""A page in another language shows no interface text from the English catalog, except inside content marked
lang="en" (the original's text where no translation exists)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import i18n, pipeline

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Texts(HTMLParser):
    """Each text of a page outside elements marked with another language (and outside scripts and styles, and
    the page's title as Material repeats it in <title> and the header: the page's heading, which is marked)."""

    def __init__(self, other: str) -> None:
        super().__init__(convert_charrefs=True)
        self.other, self.stack, self.texts = other, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        skip = attributes.get("lang") == self.other or tag in ("script", "style", "title") or \
            "md-header__topic" in (attributes.get("class") or "") or (self.stack and self.stack[-1][1])
        self.stack.append((tag, bool(skip)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]) and data.strip():
            self.texts.append(" ".join(data.split()))


def english_labels(lang: str) -> set[str]:
    """The English catalog's labels whose translation into `lang` differs (short ones need 2 words or more)."""
    with i18n.po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {m.id for m in catalog if isinstance(m.id, str) and m.id and m.string and m.string != m.id
            and "%(" not in m.id and "{" not in m.id and (" " in m.id.strip() or len(m.id) >= 6)}


def english_on_page(html: str, labels: set[str], default: str = "en") -> list[str]:
    """The English labels a page shows outside content marked lang=`default`: a text that is a label, or holds
    a label of three words or more."""
    parser = _Texts(default)
    parser.feed(html)
    long = [label for label in labels if label.count(" ") >= 2]
    found = []
    for text in parser.texts:
        if text in labels or text.rstrip(":.") in labels:
            found.append(text)
        else:
            found += [label for label in long if label in text]
    return found


def test_the_checker_finds_an_english_label_and_passes_one_marked_english():
    labels = {"At a glance", "Key figures", "Transferable element."}
    assert english_on_page("<main><h2>Key figures</h2><p>Cifras</p></main>", labels) == ["Key figures"]
    assert english_on_page('<main><div lang="en"><h2>Key figures</h2></div><p>Cifras</p></main>', labels) == []
    assert english_on_page("<p><em>Transferable element.</em> Un texto</p>", labels) == ["Transferable element."]


def english_texts_on_page(html: str, texts: set[str], default: str = "en") -> list[str]:
    """The page's texts outside content marked lang=`default` that hold one of `texts` (e.g. the titles of
    untranslated pages: their original, English, text)."""
    parser = _Texts(default)
    parser.feed(html)
    return [text for text in texts if any(text in shown for shown in parser.texts)]


SPANISH_IGUALADA = """---
translation_of: igualada-test
lang: es
translated: 2099-01-01
translator: Equipo del proyecto
reviewed: false
title: Clúster del cuero de Igualada
summary: Una pequeña práctica de prueba sobre un clúster del cuero en Igualada, para comprobar la presentación.
---

## Historia

Un párrafo.
"""

UNTRANSLATED_TITLES = {"AS-FABRIK: Bilbao's Industry 4.0 ecosystem programme", "Test transfer network",
                       "A test guide", "A test checklist"}
"""The titles of the mini fixture's published pages that have no Spanish translation."""


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import MINI, make_project

    root = tmp_path_factory.mktemp("languages") / "mini"
    shutil.copytree(MINI / "content", root / "content")
    make_project(root, {"content/translations/es/cases/igualada-test.md": SPANISH_IGUALADA})
    generated = pipeline.build(pipeline.Project(root), pdf=False, languages=["en", "es"])
    assert generated.checked.report.ok, generated.checked.report.diagnostics
    return root / "site" / "es"


def test_spanish_pages_show_no_english_interface_text_outside_english_content(spanish_site):
    labels = english_labels("es")
    pages = sorted(spanish_site.rglob("*.html"))
    assert len(pages) > 10
    found = {}
    for page in pages:
        english = english_on_page(page.read_text(encoding="utf-8"), labels)
        if english:
            found[str(page.relative_to(spanish_site))] = sorted(set(english))[:5]
    assert not found


def test_a_label_left_untranslated_would_be_found(spanish_site):
    """The check can fail: the untranslated-page note, as the English catalog says it, is on no Spanish page, yet
    it would be found were it shown outside English content."""
    page = (spanish_site / "guides" / "index.html").read_text(encoding="utf-8")
    label = "This page has not been translated yet; it is shown in English."
    assert english_on_page(page.replace("</main>", f"<p>{label}</p></main>"), english_labels("es")) == [label]


def test_untranslated_text_is_marked_english_and_the_switch_keeps_the_query(spanish_site):
    guide = (spanish_site / "guides" / "test-checklist" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en">' in guide  # the checklist is not translated: its steps are the original's
    assert "assets/lang-switch.js" in guide
    finder = (spanish_site / "finder" / "index.html").read_text(encoding="utf-8")
    spanish = i18n.country_names("es")
    assert spanish("ES") == "España" and f"> {spanish('ES')} <" in finder


def test_the_checker_finds_an_english_title_outside_english_content():
    titles = {"Test transfer network"}
    assert english_texts_on_page("<ul><li><a>Test transfer network</a> (URBACT)</li></ul>", titles) == \
        ["Test transfer network"]
    assert english_texts_on_page('<ul><li><a><span lang="en">Test transfer network</span></a></li></ul>', titles) == []


def test_untranslated_titles_show_only_inside_content_marked_english(spanish_site):
    """Lists of practices, networks and guides (home, index pages, finder, map, plan, themes) print an
    untranslated page's title in its own language, marked as such; a translated title is not marked."""
    pages = sorted(spanish_site.rglob("*.html"))
    found = {}
    for page in pages:
        english = english_texts_on_page(page.read_text(encoding="utf-8"), UNTRANSLATED_TITLES)
        if english:
            found[str(page.relative_to(spanish_site))] = sorted(english)
    assert not found
    shown = {name: (spanish_site / name / "index.html").read_text(encoding="utf-8")
             for name in ("cases", "finder", "map", "plans", "networks", "")}
    for name, html in shown.items():
        assert '<span lang="en">' in html or 'lang="en"' in html, name
    assert "Clúster del cuero de Igualada" in shown["cases"]
    assert '<span lang="en">Clúster del cuero de Igualada' not in shown["cases"]


def test_the_scripts_data_say_which_texts_are_the_originals(spanish_site):
    """plan.js, compare.js and match.js mark the fields listed in a practice's `original` with lang="en"."""
    import json

    plans = (spanish_site / "plans" / "index.html").read_text(encoding="utf-8")
    assert '<option value="bilbao-as-fabrik" lang="en">' in plans and '<option value="igualada-test">' in plans
    for script, name in (("compare-data.js", "PORTAL_COMPARE"), ("plan-data.js", "PORTAL_PLANS"),
                         ("match-data.js", "PORTAL_MATCH")):
        text = (spanish_site / "assets" / script).read_text(encoding="utf-8")
        data = json.loads(text.removeprefix(f"window.{name} = ").rstrip().removesuffix(";"))
        cases = data["cases"] if isinstance(data["cases"], dict) else {c["id"]: c for c in data["cases"]}
        assert data["original_lang"] == "en", script
        assert "title" in cases["bilbao-as-fabrik"]["original"], script
        assert "title" not in cases["igualada-test"]["original"], script
