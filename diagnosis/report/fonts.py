"""The bundled fonts, registered once for reportlab (embedded and subset in every PDF), and which
font draws each character: Noto Sans SC first, then the fallback fonts (rare ideographs of CJK
Extension B, emoji), and where none can, a visible placeholder. The report's embedded data always
keeps the exact text; only what is drawn changes."""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from itertools import groupby
from operator import itemgetter
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from diagnosis import paths
from diagnosis.report.fontfiles import FALLBACKS, fallback_data

REGULAR, BOLD = "NotoSansSC", "NotoSansSC-Bold"
# Drawn where no bundled font has the character: the geta mark, which typesetters use for a
# missing character, and which (unlike a box) cannot be mistaken for a font failure.
PLACEHOLDER = "〓"


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


@cache
def _register_fallback(name: str) -> None:
    pdfmetrics.registerFont(TTFont(name, io.BytesIO(fallback_data(name))))
    for bold in (0, 1):  # a fallback has one face: bold or italic text uses it as it is
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def _chars(font: str) -> frozenset[str]:
    """The characters a font has a glyph for, looked up once per process."""
    register_fonts()
    if font in FALLBACKS:
        _register_fallback(font)
    return frozenset(map(chr, pdfmetrics.getFont(font).face.charToGlyph))


@cache
def _draw_as(char: str, font: str) -> tuple[str, str]:
    """The font that draws `char` in text set in `font`, and what to draw: the character itself,
    a space for whitespace the font lacks, nothing for an invisible format character, or the
    placeholder."""
    if char == "\n" or char in _chars(font):
        return font, char
    if char in _chars(REGULAR):
        return REGULAR, char
    if char.isspace():
        return font, " "
    # Zero-width joiners and variation selectors only matter to a text shaper, which reportlab is not.
    if unicodedata.category(char) == "Cf" or unicodedata.name(char, "").startswith("VARIATION SELECTOR"):
        return font, ""
    for name in FALLBACKS:
        if char in _chars(name):
            return name, char
    return (font if PLACEHOLDER in _chars(font) else REGULAR), PLACEHOLDER


def runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """`text` as (font name, characters) runs, each drawable in its font, in reading order."""
    pairs = (_draw_as(char, font) for char in text)
    found = ((name, "".join(draw for _, draw in group)) for name, group in groupby(pairs, key=itemgetter(0)))
    return [(name, part) for name, part in found if part]


def _all_in(text: str, font: str) -> bool:
    return set(text).difference(_chars(font)) <= {"\n"}


def paragraph_markup(text: str, font: str = REGULAR) -> str:
    """`text` as markup for a reportlab Paragraph set in `font`: escaped (`<`, `&` print literally),
    newlines as `<br/>`, runs the font lacks in `<font name="…">` of a font that has them, and
    the placeholder where no bundled font has the character."""
    if _all_in(text, font):
        return escape(text).replace("\n", "<br/>")
    parts = []
    for name, part in runs(text, font):
        markup = escape(part).replace("\n", "<br/>")
        parts.append(markup if name == font else f'<font name="{name}">{markup}</font>')
    return "".join(parts)


def drawable(text: str, font: str = REGULAR) -> str:
    """`text` as one canvas string in `font` (chart labels): what the font lacks becomes the
    placeholder, invisible format characters are left out, newlines become spaces."""
    if _all_in(text, font) and "\n" not in text:
        return text
    return "".join(
        part if name == font else PLACEHOLDER * len(part)
        for name, part in runs(text.replace("\n", " "), font)
    )


def string_width(text: str, font: str, size: float) -> float:
    """The width of `text` as `draw_string` sets it."""
    widths = (pdfmetrics.stringWidth(part, name, size) for name, part in runs(text.replace("\n", " "), font))
    return float(sum(widths))


def draw_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw `text` from (x, y) on one line, switching to a fallback font where `font` lacks a
    character (the page header carries the enterprise name, which may hold any character)."""
    line = canvas.beginText(x, y)
    for name, part in runs(text.replace("\n", " "), font):
        line.setFont(name, size)
        line.textOut(part)
    canvas.drawText(line)


def fitted(text: str, width: float, size: float, font: str = REGULAR) -> str:
    """`text` cut with an ellipsis to `width` (a long name stays on its one line). A binary
    search: the name may be thousands of characters long, on every page."""
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"
