"""Report styles as data: the layout looks them up by name and never hard-codes a font or size."""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from diagnosis.report.fonts import BOLD, REGULAR

INK = colors.HexColor("#1f2937")
ACCENT = colors.HexColor("#1d4ed8")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
SHADE = colors.HexColor("#eef2ff")
GOOD = colors.HexColor("#15803d")
BAD = colors.HexColor("#b91c1c")
CAUTION = colors.HexColor("#92400e")

# Headings are kept with what follows by the layout (`blocks.kept_with_next`), not keepWithNext.
STYLES: dict[str, dict[str, Any]] = {
    "body": {"fontName": REGULAR, "fontSize": 9.5, "leading": 14, "textColor": INK},
    "small": {"fontName": REGULAR, "fontSize": 8, "leading": 11, "textColor": INK},
    "muted": {"fontName": REGULAR, "fontSize": 8, "leading": 11, "textColor": MUTED},
    "caveat": {"fontName": BOLD, "fontSize": 9, "leading": 13, "textColor": CAUTION, "spaceAfter": 3},
    "quote": {"fontName": REGULAR, "fontSize": 8.5, "leading": 12.5, "textColor": INK},
    "cell": {"fontName": REGULAR, "fontSize": 8, "leading": 11, "textColor": INK},
    "cellhead": {"fontName": BOLD, "fontSize": 8, "leading": 11, "textColor": INK},
    "h1": {
        "fontName": BOLD,
        "fontSize": 15,
        "leading": 22,
        "textColor": ACCENT,
        "spaceBefore": 6,
        "spaceAfter": 8,
    },
    "h2": {
        "fontName": BOLD,
        "fontSize": 11,
        "leading": 16,
        "textColor": INK,
        "spaceBefore": 8,
        "spaceAfter": 4,
    },
    "cover_title": {
        "fontName": BOLD,
        "fontSize": 24,
        "leading": 34,
        "alignment": TA_CENTER,
        "textColor": INK,
    },
    "cover_sub": {
        "fontName": REGULAR,
        "fontSize": 15,
        "leading": 22,
        "alignment": TA_CENTER,
        "textColor": ACCENT,
    },
    "level": {"fontName": BOLD, "fontSize": 30, "leading": 40, "alignment": TA_LEFT, "textColor": ACCENT},
    "score": {"fontName": REGULAR, "fontSize": 13, "leading": 18, "textColor": INK},
}


@cache
def style(name: str, cjk: bool = True, indent: int = 0) -> ParagraphStyle:
    """A named style. CJK text breaks between any two characters (CJK wrapping); text without
    CJK breaks between words, splitting only a word too long for its line — and wraps several
    times faster, which matters in a 60-page English report."""
    # bulletFontName too: reportlab's default (Helvetica) would otherwise appear, unembedded.
    return ParagraphStyle(
        f"{name}-{indent}" if indent else name,
        wordWrap="CJK" if cjk else None,
        splitLongWords=1,
        bulletFontName=REGULAR,
        leftIndent=indent * STYLES[name]["fontSize"],
        **STYLES[name],
    )
