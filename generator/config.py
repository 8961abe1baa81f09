"""Settings the generator reads from mkdocs.yml or the environment: the portal's public address and its
repository.

`site_url` is where the published portal lives: the practice cards' QR codes,
the Word plans' page addresses, the canonical links and the sitemap use it. The
environment variable PORTAL_SITE_URL overrides mkdocs.yml (the publish workflow
sets it to the repository's GitHub Pages address). mkdocs.yml ships a
placeholder on a reserved domain (RFC 2606), which builds say is not real.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml

SITE_URL_VARIABLE = "PORTAL_SITE_URL"
RESERVED = ("example", "example.com", "example.net", "example.org", "invalid", "localhost", "test")
"""Domains that are never a real public address (RFC 2606, RFC 6761)."""
HOW_TO_SET = (f"Set site_url in mkdocs.yml to the portal's public address (e.g. https://<owner>.github.io/<repo>/), "
              f"or the environment variable {SITE_URL_VARIABLE}.")


def site_url(config_file: Path) -> str:
    """The public address of the portal, ending in '/', or '' when none is set."""
    url = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not url:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {}
        url = str(config.get("site_url") or "").strip()
    if not url:
        return ""
    return url if url.endswith("/") else url + "/"


def is_placeholder(url: str) -> bool:
    """True for no address, or one on a reserved domain such as the shipped https://good-practice-portal.example/."""
    host = (urlsplit(url).hostname or "").lower()
    return not host or any(host == name or host.endswith("." + name) for name in RESERVED)


def repository(config_file: Path) -> tuple[str, str]:
    """mkdocs.yml's `repo_url` and `edit_uri` (empty when it names none): where "Suggest an edit" leads."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {}
    except (OSError, yaml.YAMLError):
        return "", ""
    return str(config.get("repo_url") or "").strip(), str(config.get("edit_uri") or "").strip()
