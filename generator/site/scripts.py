"""The data files the pages' scripts read: `window.PORTAL_<NAME> = {...};`, loaded with a <script src>, so the
pages also work from file:// (the offline kit) and under a Content-Security-Policy without inline script."""

from __future__ import annotations

import json


def assignment(name: str, data: object) -> str:
    """`window.<name> = <data as JSON>;`, with no "</" in it (harmless in a script file, but it keeps the data
    safe to inline)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.{name} = " + text.replace("</", "<\\/") + ";\n"
