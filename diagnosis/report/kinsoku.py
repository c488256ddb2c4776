"""Chinese line breaking as typesetters do it (避头尾): no line starts with a closing mark
(，。、；：！？）》」 …) and none ends with an opening one (（《「“ …), and a Latin word or a number
inside Chinese text stays whole where the line has room to move it. reportlab's CJK wrapping
knows only some closing marks (not the full-width comma, colon or semicolon), hangs one past the
margin (out of a table cell) and never looks at line ends; `Paragraph` here breaks lines itself
and leaves everything else (drawing, splitting across pages) to reportlab."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.rl_config import _FUZZ

CANNOT_START = frozenset("，。、；：！？）》」』】〕〉”’…‥·%‰℃,.;:!?)]}")
CANNOT_END = frozenset("（《「『【〔〈“‘([{")
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_/+#&@")


def breaks(text: str, widths: list[float], room: list[float], forced: set[int] | None = None) -> list[int]:
    """Where each line after the first starts: as much on a line as fits `room` (the width of
    line k, the last repeating), then moved back so that the rules hold. `forced`: positions
    after which a line must end (<br/>)."""
    starts: list[int] = []
    start, n, forced = 0, len(text), forced or set()
    while start < n:
        limit = room[min(len(starts), len(room) - 1)]
        used, i = 0.0, start
        while i < n and (i == start or used + widths[i] <= limit + _FUZZ):
            used += widths[i]
            i += 1
            if i - 1 in forced:
                break
        if i >= n:
            break
        cut = i if i - 1 in forced else _better(text, start, i)
        while cut < n and text[cut] == " ":  # a line never starts with a space
            cut += 1
        starts.append(cut)
        start = cut
    return starts


def _better(text: str, start: int, cut: int) -> int:
    """`cut` moved back until no rule is broken, never to an empty line."""
    for _ in range(cut - start):
        if cut - 1 <= start:
            return cut
        if text[cut] in CANNOT_START or text[cut - 1] in CANNOT_END:
            cut -= 1
        elif text[cut - 1] in _WORD and text[cut] in _WORD:
            back = _word_start(text, start, cut)
            if back is None:
                return cut  # a word longer than the line is split where it must
            cut = back
        else:
            return cut
    return cut


def _word_start(text: str, start: int, cut: int) -> int | None:
    """The start of the Latin word `cut` falls in; None when the word starts the line (it is
    longer than the line and must be split)."""
    k = cut
    while k > start and text[k - 1] in _WORD:
        k -= 1
    return k if k > start else None


class Paragraph(rl.Paragraph):  # type: ignore[misc]
    """A reportlab Paragraph whose CJK lines break by the rules above."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        frags = self.frags
        special = getattr(self, "_splitpara", 0) or self.style.endDots or self.bulletText
        if special or not frags or any(hasattr(f, "cbDefn") for f in frags):
            return super().breakLinesCJK(maxWidths)
        room = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        self.height = 0
        if len(frags) == 1 and not hasattr(frags[0], "lineBreak"):
            return _single(frags[0], room)
        return _frags(frags, room, getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")))


def _single(frag: Any, room: list[float]) -> Any:
    """One font throughout (most paragraphs): lines of plain text, as reportlab makes them."""
    text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
    whole = stringWidth(text.rstrip(" "), frag.fontName, frag.fontSize)
    if whole <= room[0] + _FUZZ:  # most table cells hold one line: nothing to break
        lines = [(room[0] - whole, [text.rstrip(" ")])]
    else:
        widths = _widths(text, frag.fontName, frag.fontSize)
        bounds = [0, *breaks(text, widths, room), len(text)]
        lines = []
        for k, (a, b) in enumerate(pairwise(bounds)):
            limit = room[min(k, len(room) - 1)]
            line = text[a:b].rstrip(" ")
            lines.append((limit - sum(widths[a : a + len(line)]), [line]))
    return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)


def _widths(text: str, font: str, size: float) -> list[float]:
    """Each character's advance, from the font's table (reportlab's stringWidth per character
    costs a call each: a long report has a few hundred thousand)."""
    face = getFont(font).face
    table, default, scale = face.charWidths, face.defaultWidth, size * 0.001
    return [table.get(ord(c), default) * scale for c in text]


def _frags(frags: list[Any], room: list[float], auto_leading: str) -> Any:
    """Several fonts or colours, or line breaks: glyph by glyph, as reportlab's own CJK split."""
    glyphs = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        glyphs += [rl.cjkU(t, frag, "utf8") for t in text] if text else [rl.cjkU(text, frag, "utf8")]
    text = "".join(g or "\n" for g in glyphs)  # an empty glyph is a frag without text (<br/>)
    widths = [float(g.width) for g in glyphs]
    forced = {i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak")}
    bounds = [0, *breaks(text, widths, room, forced), len(glyphs)]
    lines = []
    for k, (a, b) in enumerate(pairwise(bounds)):
        limit = room[min(k, len(room) - 1)]
        used = sum(widths[a:b])
        broken = b - 1 in forced
        lines.append(
            rl.makeCJKParaLine(
                glyphs[a:b], limit, used, limit - used, broken, auto_leading not in ("", "off")
            )
        )
    return rl.ParaLines(kind=1, lines=lines)
