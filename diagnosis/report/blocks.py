"""Building blocks of the layout: paragraphs of user text (always literal), tables whose rows
continue across pages, headings, status lines."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from diagnosis.model import Lang
from diagnosis.report.fonts import REGULAR, paragraph_markup
from diagnosis.report.kinsoku import Paragraph
from diagnosis.report.labels import label
from diagnosis.report.styles import ACCENT, BAD, GOOD, RULE, SHADE, style

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
MAX_ROW = 200 * mm  # a table row must fit a page; taller cells continue in the next row
# Every table names our font: reportlab sets a cell font (default Helvetica) even for Paragraphs.
BASE_TABLE: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), REGULAR)]
RULE_BOX: list[tuple[Any, ...]] = [
    ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
]


CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def p(text: str, name: str = "body") -> Paragraph:
    """User text is always escaped: `<`, `&` and markup-like strings print literally; characters
    the font lacks switch to a fallback font. Leading ideographic spaces (a child dimension)
    become an indent, which reportlab would otherwise strip."""
    body = text.lstrip("\u3000")
    chosen = style(name, bool(CJK.search(text)), len(text) - len(body))
    return Paragraph(paragraph_markup(body, chosen.fontName), chosen)


def table(
    rows: list[list[Any]],
    widths: list[float],
    header: bool = True,
    bold_rows: set[int] | None = None,
    max_row: float = MAX_ROW,
) -> Table:
    """A grid of paragraphs; `bold_rows` (body row indexes) are set as headings of a group; a
    row taller than `max_row` continues in the next (reportlab splits tables between rows only)."""
    cells = [
        [
            c
            if isinstance(c, Flowable)
            else p(str(c), "cellhead" if (header and i == 0) or (i in (bold_rows or set())) else "cell")
            for c in row
        ]
        for i, row in enumerate(rows)
    ]
    cells = [part for row in cells for part in fit_row(row, widths, max_row)]
    result = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT", spaceAfter=3 * mm)
    commands = [
        *BASE_TABLE,
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    result.setStyle(TableStyle(commands))
    return result


def fit_row(row: list[Flowable], widths: list[float], most: float = MAX_ROW) -> list[list[Any]]:
    """A row whose text is taller than `most` (by default a page) becomes several rows, each
    cell's paragraph split where it must (reportlab splits tables between rows only)."""
    pieces: list[list[Flowable]] = []
    for cell, width in zip(row, widths, strict=True):
        parts, rest = [], cell
        while _may_overflow(rest, width, most) and rest.wrap(width - 8, most)[1] > most:
            split = rest.split(width - 8, most)
            if len(split) < 2:
                break
            parts.append(split[0])
            rest = split[1]
        pieces.append([*parts, rest])
    height = max(len(piece) for piece in pieces)
    return [[piece[k] if k < len(piece) else "" for piece in pieces] for k in range(height)]


def _may_overflow(cell: object, width: float, most: float) -> bool:
    """Whether a paragraph could be taller than a page: every character as wide as the font is
    tall bounds its height from above, so most cells need no trial wrap (wrapping is costly)."""
    if not isinstance(cell, Paragraph):
        return False
    if cell.text is None:  # the rest of a split paragraph: measure it
        return True
    size, leading = cell.style.fontSize, cell.style.leading
    lines = len(cell.text) * size / max(width - 8, 1) + cell.text.count("<br/>") + 1
    return bool(lines * leading > most)


def status(text: str, met: bool, lang: Lang) -> Paragraph:
    """'√ 满足　condition' in green, '× 未满足　condition' in red."""
    mark = (
        f"<font color='{(GOOD if met else BAD).hexval()}'>{'√' if met else '×'} "
        f"{label('met', lang) if met else label('unmet', lang)}</font>"
    )
    gap = "　" if lang == "zh" else "  "
    chosen = style("body", bool(CJK.search(text)) or lang == "zh")
    return Paragraph(f"{mark}{gap}{paragraph_markup(text, chosen.fontName)}", chosen)


def pairs(rows: list[tuple[str, str]], key_width: float = 45 * mm) -> Table:
    """A two-column table of labels and values, without a header row."""
    return table([[k, v] for k, v in rows], [key_width, WIDTH - key_width], header=False)


HEADINGS = ("h1", "h2")


class Headed(Flowable):  # type: ignore[misc]
    """Headings kept with the start of what follows them. reportlab's keepWithNext moves a table
    that does not fit the rest of the page to the next page whole, leaving the page half empty
    (a 30-row table of answers under each heading); here only the table's first rows go with the
    heading and the rest continues on the next page."""

    def __init__(self, heads: list[Flowable], body: Flowable) -> None:
        super().__init__()
        self.heads, self.body = heads, body

    def _heads(self, width: float) -> float:
        total = 0.0
        for i, head in enumerate(self.heads):
            total += (
                head.wrapOn(self.canv, width, MAX_ROW)[1]
                + head.getSpaceAfter()
                + (head.getSpaceBefore() if i else 0)
            )
        return float(total)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self._above = self._heads(width)
        self.width = width
        self.height = self._above + self.body.wrapOn(self.canv, width, height - self._above)[1]
        return width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.heads[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def split(self, width: float, height: float) -> list[Flowable]:
        above = self._heads(width)
        parts = self.body.splitOn(self.canv, width, height - above) if height > above else []
        return [*self.heads, *parts] if len(parts) > 1 else []  # else all of it moves on

    def draw(self) -> None:
        y = self.height
        for i, head in enumerate(self.heads):
            y -= (head.getSpaceBefore() if i else 0) + head.height
            head.drawOn(self.canv, 0, y)
            y -= head.getSpaceAfter()
        self.body.drawOn(self.canv, 0, 0)


def kept_with_next(story: list[Flowable]) -> list[Flowable]:
    """The story with each run of headings (and a caption under them) wrapped with the flowable
    after it; a page break condition between them goes before the headings instead."""
    out: list[Flowable] = []
    heads: list[Flowable] = []
    for item in story:
        kind = item.style.name.split("-")[0] if isinstance(item, Paragraph) else ""
        if kind in HEADINGS or (heads and kind == "muted"):  # a caption under a heading goes with it
            heads.append(item)
        elif heads and isinstance(item, CondPageBreak):
            out.append(item)  # before the pending headings
        elif heads:
            out.append(Headed(heads, item))
            heads = []
        else:
            out.append(item)
    return out + heads
