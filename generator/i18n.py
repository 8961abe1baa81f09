"""Languages of the portal: gettext catalogs (managed with Babel) and their fallbacks.

English is the source language. Each other language has
`locales/<code>/LC_MESSAGES/messages.po`; a label missing there (or marked fuzzy)
falls back to English, so a build never breaks because a translation lags.
Extracting the labels and merging them into the catalogs (`python -m generator
i18n`) is `catalogs.py`.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import pycountry
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.countries import country_name
from generator.types import Translated

HERE = Path(__file__).parent
LOCALES = HERE / "locales"
LANGUAGES_FILE = HERE / "data" / "languages.yaml"
DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    """Every language of the portal, the default (English) first."""
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    default = data["default"]
    codes = [default] + [c for c in data["languages"] if c != default]
    return tuple(Language(code, data["languages"][code]["name"]) for code in codes)


def default_language() -> str:
    return languages()[0].code


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The interface labels for `code` (English, or a missing catalog: the labels as written)."""
    path = po_path(code)
    if code == default_language() or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def shows_original(value: object, lang: str) -> bool:
    """Whether a content text printed on a page in `lang` is the original's, in the default language (so the
    page marks it with that language): on another language's page, any text with a letter in it that is not
    `Translated`, or a list holding one. The one rule the templates' `en` filter and the scripts' data follow."""
    if lang == default_language() or value is None or isinstance(value, Translated):
        return False
    if isinstance(value, (list, tuple)):
        return any(shows_original(item, lang) for item in value)
    return any(character.isalpha() for character in str(value))  # a number, or a dash, has no language


def original_fields(lang: str, **texts: object) -> list[str]:
    """The names of `texts` whose text is the original's on a page in `lang` (for the scripts' data: they mark
    those fields lang="en")."""
    return [name for name, value in texts.items() if shows_original(value, lang)]


def install(env: jinja2.Environment, code: str) -> gettext.NullTranslations:
    """Give `env` (made with the `jinja2.ext.i18n` extension) the labels of `code`, and return them.

    `{% trans %}` blocks are looked up whitespace-trimmed, as Babel extracts them.
    """
    labels = translations(code)
    env.install_gettext_translations(labels, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    return labels


@lru_cache(maxsize=None)
def country_translations(code: str) -> gettext.NullTranslations:
    """Country names in `code`, from pycountry's own ISO 3166 catalogs."""
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return gettext.NullTranslations()


def country_names(code: str) -> Callable[[str | None], str]:
    """A country code -> its name in language `code` (the one place pages, scripts' data and filters name
    countries)."""
    names = country_translations(code)

    def name(country: str | None) -> str:
        return names.gettext(country_name(country)) if country else ""

    return name


def translated_nav(config_file: Path, code: str) -> list[dict[str, str]] | None:
    """mkdocs.yml's nav with its titles in language `code` (None when mkdocs.yml has no nav)."""
    nav = (yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}).get("nav")
    if not nav:
        return None
    gettext = translations(code).gettext
    return [{gettext(title): path for title, path in entry.items()} for entry in nav]
