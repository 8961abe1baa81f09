"""The practice cards' QR codes (segno), as inline SVG: one module of its own, light to import in a second process.

segno tries all 8 masks and keeps the best, as the QR standard asks: about 8-10 ms a
code, 8-10 s for the 1,000 cards of `make bench`'s corpus. So the cards make codes only
for the parts they print, in a second process while Chromium prints (generator/output/workshop.py).
"""

from __future__ import annotations

import segno
from markupsafe import Markup

ERROR = "m"
STYLE = {"scale": 1, "border": 2, "dark": "#000", "light": "#fff", "omitsize": True}
MADE_BY = f"segno {segno.__version__}, error {ERROR}, {sorted(STYLE.items())!r}"
"""How the codes are made: part of a printed card's cache key, with the URL each code holds."""


def qr_svg(url: str) -> Markup:
    """The QR code to `url`, as inline SVG."""
    return Markup(segno.make(url, error=ERROR).svg_inline(**STYLE))


def qr_svgs(urls: list[str]) -> list[str]:
    """The QR codes to `urls`, in order (what a second process returns)."""
    return [str(qr_svg(url)) for url in urls]
