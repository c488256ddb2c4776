"""Charts drawn with reportlab's own graphics: a radar and bars on a fixed scale, the scene levels,
the plan's timeline, and the QR code. Every label is placed by us, inside its drawing and apart
from the others (`label_boxes` measures them, as the tests do)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import Color

from diagnosis.report.fonts import REGULAR, drawable, fitted, string_width
from diagnosis.report.styles import ACCENT, INK, MUTED, RULE, SHADE

LABEL = 7  # points
LINE = 8  # a label's line spacing
GAP = 1.5  # the least room between two labels, and between a label and the drawing's edge
ASCENT, DESCENT = 0.88, 0.12  # of the font size: Noto Sans SC's glyph box


@dataclass(frozen=True)
class Point:
    """One value on a chart: its name, where it sits on the scale (0–1) and how it is printed."""

    name: str
    fraction: float
    shown: str


# Gridlines as (fraction of the scale, label): per cent by default, levels where scores are levels.
Scale = Sequence[tuple[float, str]]
PERCENT: Scale = ((0.25, "25%"), (0.5, "50%"), (0.75, "75%"), (1.0, "100%"))


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.top + gap <= other.bottom
            or other.top + gap <= self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.bottom >= 0 and self.right <= width and self.top <= height


def _box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    width = string_width(text, REGULAR, size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - DESCENT * size, left + width, y + ASCENT * size)


def label_boxes(drawing: Drawing) -> list[Box]:
    """The box of every text in a drawing (its own coordinates), measured from what is drawn."""
    return [
        _box(item.x, item.y, item.text, item.fontSize, item.textAnchor)
        for item in strings(drawing)
        if item.text.strip()
    ]


def strings(group: object) -> Iterator[String]:
    """Every text of a drawing, in its groups too."""
    for item in getattr(group, "contents", []):
        if isinstance(item, String):
            yield item
        else:
            yield from strings(item)


def _text(x: float, y: float, text: str, size: float, color: Color = INK, anchor: str = "start") -> String:
    """A label in the bundled font; characters it cannot draw show as the placeholder."""
    return String(x, y, drawable(text), fontName=REGULAR, fontSize=size, fillColor=color, textAnchor=anchor)


_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
_TOKENS = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+")


def _wrapped(text: str, room: float, most: int = 3, size: float = LABEL) -> list[str]:
    """A label in at most `most` lines no wider than `room`, broken between words or between
    Chinese characters; what still does not fit is cut with an ellipsis."""
    lines: list[str] = []
    for token in _TOKENS.findall(text.strip()):
        trial = (lines[-1] + token) if lines else token
        if lines and string_width(trial.rstrip(), REGULAR, size) <= room:
            lines[-1] = trial
        elif not token.isspace():
            lines.append(token)
    lines = [line.strip() for line in lines]
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [fitted(line, room, size) for line in lines]


@dataclass
class _Label:
    lines: list[str]
    x: float
    top: float  # the first line's baseline
    anchor: str

    @property
    def cut(self) -> bool:
        """Whether the text had to be cut to fit (the rings should give it more room)."""
        return any(line.endswith("…") for line in self.lines)

    @property
    def broken(self) -> bool:
        """Whether a line break falls between two Chinese characters (inside a name)."""
        return any(_CJK.match(a[-1:]) and _CJK.match(b[:1]) for a, b in pairwise(self.lines))

    def boxes(self) -> list[Box]:
        return [
            _box(self.x, self.top - LINE * k, line, LABEL, self.anchor) for k, line in enumerate(self.lines)
        ]


def radar(
    points: Sequence[Point], scale: Scale = PERCENT, width: float = 240, height: float = 200
) -> Drawing:
    """Values on a fixed scale (the outer ring is the scale's end, so 22 % is drawn at 22 % of the
    radius). Labels sit outside the rings; the rings shrink until every label fits inside the
    drawing clear of the rings and of each other."""
    if len(points) < 3:
        return bars(points, scale, width, height)
    cx, cy = width / 2, height / 2
    radius, labels = _rings(points, width, height)
    drawing = Drawing(width, height)
    n = len(points)

    def at(i: int, r: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * i / n
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for fraction, _ in scale:
        corners = [c for i in range(n) for c in at(i, radius * fraction)]
        drawing.add(Polygon(corners, strokeColor=RULE, strokeWidth=0.5, fillColor=None))
    for i in range(n):
        x, y = at(i, radius)
        drawing.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
    shape = [c for i, p in enumerate(points) for c in at(i, radius * max(0.0, min(p.fraction, 1.0)))]
    drawing.add(Polygon(shape, strokeColor=ACCENT, strokeWidth=1.5, fillColor=SHADE))
    for fraction, text in scale:  # on the first axis, just right of it
        drawing.add(_text(cx + 2, cy + radius * fraction - 5, text, 5, MUTED))
    for label in labels:
        for k, line in enumerate(label.lines):
            drawing.add(_text(label.x, label.top - LINE * k, line, LABEL, anchor=label.anchor))
    return drawing


# The least radius tried while labels are whole, while Chinese names break only between words
# of their own, and at all.
FLOORS = ((50.0, True), (36.0, False))


def _rings(points: Sequence[Point], width: float, height: float) -> tuple[float, list[_Label]]:
    """The largest radius whose labels fit clear of the rings and of each other: first with
    every Chinese name whole on its line, then broken anywhere."""
    largest = min(width, height) / 2 - 10
    for floor, whole in FLOORS:
        radius = largest
        while radius >= floor:
            labels = _radar_labels(points, radius, width, height)
            if _clear(labels, radius, width, height, whole):
                return radius, labels
            radius -= 2
    return floor, _radar_labels(points, floor, width, height)


def _radar_labels(points: Sequence[Point], radius: float, width: float, height: float) -> list[_Label]:
    """Each point's label just outside the outer ring on its axis, wrapped to the room there and
    growing away from the rings: upwards above the centre, downwards below it."""
    cx, cy, n = width / 2, height / 2, len(points)
    labels = []
    for i, point in enumerate(points):
        angle = math.pi / 2 - 2 * math.pi * i / n
        x, y = cx + (radius + 5) * math.cos(angle), cy + (radius + 5) * math.sin(angle)
        anchor = "middle" if abs(x - cx) < 4 else ("start" if x > cx else "end")
        room = {"middle": 2 * min(x, width - x), "start": width - x, "end": x}[anchor] - GAP
        lines = _wrapped(f"{point.name} {point.shown}", min(room, width * 0.45))
        rise = LINE * (len(lines) - 1)  # from the last line's baseline to the first's
        if math.sin(angle) > 0.3:  # the last line just above the axis's end
            top = y + 1 + LABEL * DESCENT + rise
        elif math.sin(angle) < -0.3:  # the first line just below it
            top = y - 1 - LABEL * ASCENT
        else:  # beside it, centred
            top = y + rise / 2 - LABEL * 0.35
        labels.append(_Label(lines, x, top, anchor))
    return labels


def _clear(labels: list[_Label], radius: float, width: float, height: float, whole: bool) -> bool:
    """Every label uncut, inside the drawing, off the outer ring's circle and apart from the
    others; with `whole`, no Chinese word broken across lines."""
    cx, cy = width / 2, height / 2
    if any(label.cut or (whole and label.broken) for label in labels):
        return False
    boxes = [box for label in labels for box in label.boxes()]
    inner = Box(GAP, GAP, width - GAP, height - GAP)
    for box in boxes:
        if not (box.left >= inner.left and box.bottom >= inner.bottom and box.right <= inner.right):
            return False
        if box.top > inner.top:
            return False
        nearest_x = min(max(cx, box.left), box.right)
        nearest_y = min(max(cy, box.bottom), box.top)
        if math.hypot(nearest_x - cx, nearest_y - cy) < radius + 1:
            return False
    per_label = [label.boxes() for label in labels]
    return not any(
        a.overlaps(b, GAP)
        for i, first in enumerate(per_label)
        for second in per_label[i + 1 :]
        for a in first
        for b in second
    )


def bars(points: Sequence[Point], scale: Scale = PERCENT, width: float = 240, height: float = 200) -> Drawing:
    """One horizontal bar per point, in the radar's order from the top, with its value at the end;
    names wrapped in the left column (at most two lines, cut beyond)."""
    drawing = Drawing(width, height)
    if not points:
        return drawing
    axis = 14  # room for the scale's labels below the bars
    row = (height - axis - 4) / len(points)
    fits = max(1, min(2, int((row - 2) // LINE)))
    value_room = max(string_width(p.shown, REGULAR, LABEL) for p in points) + 4
    names_room = min(width * 0.42, max(string_width(p.name, REGULAR, LABEL) for p in points) + GAP)
    left = names_room + 6
    plot = width - left - value_room - GAP
    for fraction, text in [(0.0, "0"), *scale]:
        x = left + plot * fraction
        drawing.add(Line(x, axis, x, height, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(_text(x, axis - 9, text, 6, MUTED, "middle"))
    for i, point in enumerate(points):
        middle = height - (i + 0.5) * row
        bar = max(0.0, min(point.fraction, 1.0)) * plot
        thickness = min(row * 0.6, 14)
        drawing.add(Rect(left, middle - thickness / 2, bar, thickness, fillColor=ACCENT, strokeColor=None))
        baseline = middle - LABEL * 0.35
        drawing.add(_text(left + bar + 3, baseline, point.shown, LABEL))
        lines = _wrapped(point.name, names_room - GAP, fits)
        top = baseline + LINE * (len(lines) - 1) / 2
        for k, line in enumerate(lines):
            drawing.add(_text(left - 6, top - LINE * k, line, LABEL, anchor="end"))
    return drawing


def scene_levels(rows: list[tuple[str, str, int, bool]], top: int, width: float) -> Drawing:
    """One bar per scene, its length the level reached (0 … top) with the level's name at its end;
    mandatory scenes marked ★ and filled."""
    row_height, left = 14, 110
    drawing = Drawing(width, row_height * len(rows) + 16)
    level_names = max((string_width(name, REGULAR, 7) for _, name, _, _ in rows), default=0)
    step = (width - left - level_names - 8) / max(top, 1)
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
    every = max(1, math.ceil(string_width("00.00", REGULAR, 5.5) * 1.6 / step))  # labels apart
    for i, month in enumerate(months):
        x = left + i * step
        drawing.add(Line(x, 14, x, drawing.height, strokeColor=RULE, strokeWidth=0.3))
        if i % every == 0:
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


def qr(text: str, size: float) -> Drawing:
    """A QR code of what a phone should show a reviewer (the widget draws its own quiet zone)."""
    # Sized directly: asking the widget for its bounds would encode the code a second time.
    code = Drawing(size, size)
    code.add(QrCodeWidget(text, barLevel="M", x=0, y=0, barWidth=size, barHeight=size))
    return code
