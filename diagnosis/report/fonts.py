"""The bundled Chinese font, registered once for reportlab (embedded and subset in every PDF)."""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from diagnosis import paths

REGULAR, BOLD = "NotoSansSC", "NotoSansSC-Bold"


@cache
def register_fonts() -> None:
    """Register Noto Sans SC; afterwards no PDF of ours mentions an unembedded base font."""
    folder = paths.resources() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "NotoSansSC-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "NotoSansSC-Bold.ttf")))
    for italic in (0, 1):  # <b> and <i> inside paragraphs map to our faces, never to Helvetica
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    rl_config.canvas_basefontname = REGULAR
    STATE_DEFAULTS["fontName"] = REGULAR  # charts start from this font before any label sets one
