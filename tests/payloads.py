"""Every probe of issue #18, in one place: the hostile-content tests, the audit tests and the CSP test use these.

Each body runs a script in a browser when it reaches a page as HTML; each must be refused by the check
(with its line), caught by the audit when it is slipped into a page behind the checks' back, and
blocked by the Content-Security-Policy in a browser.
"""

from __future__ import annotations

ONERROR = "<img src=x onerror=alert(document.domain)>"

BODIES: dict[str, str] = {
    "comment-opened-and-closed": f"<!--> {ONERROR} -->",
    "comment-with-dash": f"<!---> {ONERROR} -->",
    "comment-bang-close": f"<!-- x --!> {ONERROR} -->",
    "cdata-outside-foreign-content": f"<![CDATA[ x ]> {ONERROR} ]]>",
    "unclosed-fence": f"```\n{ONERROR}",
    "html-indented-in-div": f"<div>\n\n    {ONERROR}\n\n</div>",
    "html-in-admonition": f"!!! note\n\n    {ONERROR}",
    "tag-over-lines": "<img\nsrc=x\nonerror=alert(document.domain)>",
    "markdown-in-html": f'<div markdown="1">\n\n{ONERROR}\n\n</div>',
    "link-broken-over-lines": "[x](java\nscript:alert(document.domain))",
    "entity-in-scheme": '<a href="&#106;avascript:alert(document.domain)">x</a>',
    "reference-definition-in-paragraph": "Some text\n[ref]: javascript:alert(document.domain)\n\n[x][ref]",
    "script-in-svg": "<svg><script>alert(document.domain)</script></svg>",
    "attribute-list": 'A paragraph.\n{: onclick="alert(document.domain)" }',
    "fence-attributes": '```{ .py onclick="alert(document.domain)" }\nx\n```',
    "theme-id": "## \\_\\_config",
}
"""Bodies that reach a browser as script (or break the theme's scripts) if published as written."""

CONTROL_BODIES: dict[str, str] = {
    "control-before-scheme": "[x](\x01javascript:alert(document.domain))",
    "vertical-tab": "A line\x0b# injected heading",
}
"""Bodies holding control characters: refused before anything renders them."""

FRONT_MATTER_TEXTS: dict[str, str] = {
    "attribute-list": 'A title {autofocus tabindex="0" onfocus="alert(document.title)"}',
    "heading-and-list": "Name # not a heading - nor a list | nor a cell",
    "link": "[x](javascript:alert(document.title))",
    "raw-html-escaped": "A <b>bold</b> & <i>italic</i> city",
    "fence": "~~~ `code` ***",
}
"""Front-matter texts that would be Markdown or HTML if printed as written: they print as text."""

SCRIPT_CLOSE = "A name </script><script>alert(document.title)</script> <!-- ends here"
"""Refused in any text field by the check; a data script file would still hold it as data (tests/test_opendata.py)."""

FRONT_MATTER_CONTROLS: dict[str, str] = {
    "carriage-return": '"A title\\r# injected\\r!!! note\\r{: onclick=alert(1)}"',
    "escape-char": '"A title\\x1b[31m"',
    "line-separator": '"A title\\u2028# injected"',
}
"""Front-matter values (YAML, quoted) holding control characters: refused."""

URLS: dict[str, str] = {
    "link-after-parenthesis": "https://example.org/a)[x](javascript:alert(1))",
    "attribute-list": "https://example.org/a){onclick=alert(1)}",
    "no-host": "https:///etc/passwd",
    "javascript": "javascript:alert(1)//https://example.org",
    "space": "https://example.org/a b",
    "quote": 'https://example.org/a"onmouseover="alert(1)',
    "user-info": "https://example.org@evil.example/",
}
"""Values for URL fields that pass the old pattern ^https?://[^\\s]+$ (most of them) and must be refused."""

DOIS: dict[str, str] = {
    "quote-and-space": "10.1000/x\" onclick=\"alert(1)",
    "url": "https://doi.org/10.1000/x",
    "attribute-list": "10.1000/x{onclick=alert(1)}",
}

MEDIA: dict[str, bytes] = {
    "script.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
    "page.html": b"<script>alert(document.domain)</script>",
    "fake.png": b"<html><script>alert(1)</script>",
    "script.js": b"alert(document.domain)",
}
"""Files in content/media/ that would run on the portal's origin if published."""

SLIPPED_IN: dict[str, str] = {
    "event-handler": "<img src=\"#missing\" onerror=alert(document.domain)>",
    "inline-script": "<script>alert(document.domain)</script>",
    "javascript-link": '<a href="javascript:alert(document.domain)">x</a>',
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "base": '<base href="https://example.org/">',
    "refresh": '<meta http-equiv="refresh" content="0; url=https://example.org/">',
    "svg-handler": '<svg onload="alert(document.domain)"></svg>',
    "svg-animation": '<svg><a><set attributeName="href" to="javascript:alert(document.domain)"/><text>x</text></a></svg>',
    "data-url": '<a href="data:text/html,<script>alert(document.domain)</script>">x</a>',
}
"""Raw HTML written straight into a generated page (behind the checks' back): the audit refuses each."""

STALLS: dict[str, str] = {
    "braces-line": "{" * 300_000,
    "brackets-line": "[" * 20_000,
    "unclosed-tags": "<ab " * 5_000,
    "nested-lists": "+ " * 5_000,
    "nested-quotes": "> " * 5_000,
}
"""Bodies that made the old check or the build take minutes (or overflow the stack): refused in well under a second."""
