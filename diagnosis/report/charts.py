"""Charts drawn with reportlab's own graphics: a radar on a fixed 0–100 % scale, bars, the scene
levels, the plan's timeline, and the QR code."""

from __future__ import annotations

import math

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import Color

from diagnosis.report.fonts import REGULAR, drawable, fitted, string_width
from diagnosis.report.styles import ACCENT, INK, MUTED, RULE, SHADE

RINGS = (0.25, 0.5, 0.75, 1.0)


def _text(x: float, y: float, text: str, size: float, color: Color = INK, anchor: str = "start") -> String:
    """A label in the bundled font; characters it cannot draw show as the placeholder."""
    return String(x, y, drawable(text), fontName=REGULAR, fontSize=size, fillColor=color, textAnchor=anchor)


def radar(points: list[tuple[str, float]], width: float = 240, height: float = 200) -> Drawing:
    """Score rates (0–1) on a fixed scale: the outer ring is always 100 %, so a dimension at 22 %
    is drawn at 22 % of the radius. Labels sit outside the rings, clear of the polygon, wrapped
    to stay inside the drawing (the rings shrink a little to make room for long words)."""
    if len(points) < 3:
        return bars(points, width, height)
    drawing = Drawing(width, height)
    cx, cy = width / 2, height / 2
    n = len(points)
    sides = [name for i, (name, _) in enumerate(points) if abs(math.sin(2 * math.pi * i / n)) > 0.1]
    widest = max((string_width(word, REGULAR, LABEL) for name in sides for word in name.split()), default=0)
    radius = max(44.0, min(min(width, height) / 2 - 34, width / 2 - 12 - widest))

    def at(i: int, r: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * i / n
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in RINGS:
        corners = [c for i in range(n) for c in at(i, radius * ring)]
        drawing.add(Polygon(corners, strokeColor=RULE, strokeWidth=0.5, fillColor=None))
        drawing.add(_text(cx + 2, cy + radius * ring + 1, f"{ring:.0%}", 5, MUTED))
    for i in range(n):
        x, y = at(i, radius)
        drawing.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
    shape = [c for i, (_, rate) in enumerate(points) for c in at(i, radius * max(0.0, min(rate, 1.0)))]
    drawing.add(Polygon(shape, strokeColor=ACCENT, strokeWidth=1.5, fillColor=SHADE))
    for i, (name, rate) in enumerate(points):
        x, y = at(i, radius + 8)
        anchor = "middle" if abs(x - cx) < 4 else ("start" if x > cx else "end")
        dy = 3 if y > cy + 4 else (-8 if y < cy - 4 else -3)
        room = {"middle": width, "start": width - x, "end": x}[anchor]
        lines = _wrapped(f"{name} {rate:.0%}", room)
        for k, line in enumerate(lines):  # centred on where one line would be
            top = y + dy + 4 * (len(lines) - 1)
            drawing.add(_text(x, top - 8 * k, fitted(line, room, LABEL), LABEL, anchor=anchor))
    return drawing


LABEL = 7  # points


def _wrapped(text: str, room: float, most: int = 4) -> list[str]:
    """A label in lines no wider than `room`: broken between words, or between characters in
    text without spaces; what still does not fit is cut by the caller."""
    spaced = " " in text.strip()
    words = text.split() if spaced else list(text)
    joiner = " " if spaced else ""
    lines: list[str] = []
    for word in words:
        trial = f"{lines[-1]}{joiner}{word}" if lines else word
        if lines and string_width(trial, REGULAR, LABEL) <= room:
            lines[-1] = trial
        else:
            lines.append(word)
    return [*lines[: most - 1], joiner.join(lines[most - 1 :])] if len(lines) > most else lines


def bars(points: list[tuple[str, float]], width: float = 240, height: float = 200) -> Drawing:
    """Horizontal bars of the score rate in per cent."""
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 90, 15, width - 110, height - 30
    chart.data = [[round(rate * 100, 1) for _, rate in points] or [0]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [drawable(name) for name, _ in points] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%.0f%%"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def scene_levels(rows: list[tuple[str, str, int, bool]], top: int, width: float) -> Drawing:
    """One bar per scene, its length the level reached (0 … top) with the level's name at its end;
    mandatory scenes marked ★ and filled."""
    row_height, left = 14, 110
    drawing = Drawing(width, row_height * len(rows) + 16)
    step = (width - left - 60) / max(top, 1)
    for level in range(top + 1):
        x = left + level * step
        drawing.add(Line(x, 12, x, drawing.height, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(_text(x, 2, str(level), 6.5, MUTED, "middle"))
    for i, (name, level_name, level, mandatory) in enumerate(rows):
        y = drawing.height - (i + 1) * row_height
        label = fitted(("★ " if mandatory else "") + name, left - 8, 7.5)
        drawing.add(_text(left - 4, y + 4, label, 7.5, anchor="end"))
        if level:
            fill = ACCENT if mandatory else SHADE
            drawing.add(
                Rect(
                    left,
                    y + 2,
                    level * step,
                    row_height - 5,
                    fillColor=fill,
                    strokeColor=ACCENT,
                    strokeWidth=0.5,
                )
            )
        drawing.add(_text(left + level * step + 4, y + 4, level_name, 7))
    return drawing


def timeline(rows: list[tuple[str, str, str]], width: float) -> Drawing:
    """The plan's projects on a month axis (start and end as YYYY-MM)."""
    months = sorted({m for _, start, end in rows for m in _months(start, end)})
    row_height, left = 14, 140
    drawing = Drawing(width, row_height * len(rows) + 24)
    if not months:
        return drawing
    step = (width - left - 6) / len(months)
    for i, month in enumerate(months):
        x = left + i * step
        drawing.add(Line(x, 14, x, drawing.height, strokeColor=RULE, strokeWidth=0.3))
        if len(months) <= 18 or i % 3 == 0:
            drawing.add(_text(x + step / 2, 4, month[2:].replace("-", "."), 5.5, MUTED, "middle"))
    for i, (name, start, end) in enumerate(rows):
        y = drawing.height - (i + 1) * row_height
        drawing.add(_text(left - 4, y + 4, fitted(name, left - 8, 7), 7, anchor="end"))
        first, last = months.index(start), months.index(end)
        drawing.add(
            Rect(
                left + first * step + 1,
                y + 2,
                (last - first + 1) * step - 2,
                row_height - 5,
                fillColor=ACCENT,
                strokeColor=None,
            )
        )
    return drawing


def _months(start: str, end: str) -> list[str]:
    year, month = (int(p) for p in start.split("-"))
    last_year, last_month = (int(p) for p in end.split("-"))
    out: list[str] = []
    while (year, month) <= (last_year, last_month) and len(out) < 120:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def qr(text: str, caption: str, size: float = 90) -> Drawing:
    """A QR code of what a phone should show a reviewer, with a short caption below."""
    # Sized directly: asking the widget for its bounds would encode the code a second time.
    label = Drawing(size, size + 12)
    label.add(QrCodeWidget(text, barLevel="M", x=0, y=12, barWidth=size, barHeight=size))
    label.add(_text(size / 2, 1, caption, 6.5, anchor="middle"))
    return label
