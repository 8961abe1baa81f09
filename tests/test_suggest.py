"""The list of terms the header's search suggests from (generator/site/suggest.py)."""

from __future__ import annotations

import json

from generator import i18n, pipeline
from generator.site import suggest
from generator.site.pages import render_site


def test_words_split_titles_and_keep_only_words_long_enough():
    assert suggest.words("AS-FABRIK: Bilbao's Industry 4.0 ecosystem programme") == [
        "AS-FABRIK", "FABRIK", "Bilbao", "Industry", "ecosystem", "programme"]
    assert suggest.words("Leather & <b>bold</b> cluster | Igualada") == ["Leather", "bold", "cluster", "Igualada"]
    assert suggest.folded("Bielsko-Biała Pôle") == "bielsko-biała pole"  # ł is a letter of its own, not an accent


def test_terms_hold_titles_words_and_places_in_the_language_once_each(mini_project):
    model = pipeline.check(pipeline.Project(mini_project)).model
    terms = suggest.search_terms(model, i18n.country_translations("es").gettext)
    assert {"Igualada", "Bilbao", "Leather", "España", "Timișoara", "Bielsko-Biała", "Biała"} <= set(terms)
    assert "Spain" not in terms  # the country in the page's language
    assert "A draft practice" not in " ".join(terms) and "draft" not in terms  # drafts are not published
    folded = [suggest.folded(t) for t in terms]
    assert len(folded) == len(set(folded)) and folded == sorted(folded)
    assert all(len(t) >= suggest.MIN_LETTERS for t in terms)


def test_each_language_site_ships_its_list(mini_project):
    model = pipeline.check(pipeline.Project(mini_project)).model
    pages = {p.path: p.content for p in render_site(model)}
    data = json.loads(pages[suggest.TERMS])
    assert "Igualada" in data["terms"] and "Spain" in data["terms"]
