"""A radar chart of score rates, painted with QPainter (no chart add-on needed)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from diagnosis.numbers import percent

GAP = 8  # px between a corner and its label
MIN_RADIUS = 70  # px: the chart itself never shrinks below this for its labels
LABEL_EMS = 11  # a longer name wraps onto a second line rather than widen the chart
_CENTRE = Qt.AlignmentFlag.AlignHCenter
_ALIGN = {
    "top": _CENTRE | Qt.AlignmentFlag.AlignBottom,
    "bottom": _CENTRE | Qt.AlignmentFlag.AlignTop,
    "left": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
}


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float]] = []
        self.setMinimumSize(260, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: list[tuple[str, float]]) -> None:
        self.points = points
        # Room for the labels on every side, and a chart between them big enough that labels of
        # neighbouring corners stay apart (more corners need a bigger chart).
        labels = self.labels(self.fontMetrics())
        if labels:
            wide, high = max(w for _, w, _ in labels), max(h for _, _, h in labels)
            radius = self._radius_apart(labels)
            self.setMinimumSize(int(2 * (wide + radius)), int(2 * (high + radius)))
        self.setAccessibleDescription("; ".join(f"{name} {percent(rate)}" for name, rate in points))
        self.update()

    def labels(self, metrics: QFontMetrics) -> list[tuple[str, float, float]]:
        """Each corner's label (its name, a long one wrapped, and its rate) with the width and
        height it needs, the gap to its corner included."""
        limit = QRect(0, 0, metrics.horizontalAdvance("M") * LABEL_EMS, 10_000)
        found: list[tuple[str, float, float]] = []
        for name, rate in self.points:
            text = f"{name}\n{percent(rate)}"  # rounded as the report rounds it (half up)
            box = metrics.boundingRect(limit, Qt.TextFlag.TextWordWrap, text)
            found.append((text, box.width() + GAP, box.height() + GAP))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 3:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        labels = self.labels(painter.fontMetrics())
        wide, high = max(w for _, w, _ in labels), max(h for _, _, h in labels)
        centre = QPointF(self.width() / 2, self.height() / 2)
        radius = max(20.0, min(self.width() / 2 - wide, self.height() / 2 - high))
        corners = [self._at(centre, radius, i) for i in range(len(self.points))]
        painter.setPen(QPen(QColor("#d1d5db"), 1))
        for ring in (0.25, 0.5, 0.75, 1.0):
            painter.drawPolygon(
                QPolygonF([self._at(centre, radius * ring, i) for i in range(len(self.points))])
            )
        for corner in corners:
            painter.drawLine(centre, corner)
        shape = QPolygonF(
            [
                self._at(centre, radius * max(0.0, min(rate, 1.0)), i)
                for i, (_, rate) in enumerate(self.points)
            ]
        )
        painter.setPen(QPen(QColor("#1d4ed8"), 2))
        painter.setBrush(QColor(29, 78, 216, 50))
        painter.drawPolygon(shape)
        painter.setPen(QColor("#1f2937"))
        for (text, w, h), corner in zip(labels, corners, strict=True):
            flags = _ALIGN[self._side(centre, corner)] | Qt.TextFlag.TextWordWrap
            painter.drawText(self._label_box(centre, corner, w, h), flags, text)
        painter.end()

    def _radius_apart(self, labels: list[tuple[str, float, float]]) -> float:
        """The smallest radius at which no two labels overlap."""
        radius, centre = float(MIN_RADIUS), QPointF(0, 0)
        while radius < 400:
            boxes = [
                self._label_box(centre, self._at(centre, radius, i), w, h)
                for i, (_, w, h) in enumerate(labels)
            ]
            if not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :]):
                break
            radius += 10
        return radius

    @staticmethod
    def _side(centre: QPointF, corner: QPointF) -> str:
        dx, dy = corner.x() - centre.x(), corner.y() - centre.y()
        if abs(dx) < abs(dy) / 3:  # near the vertical axis: above or below the corner
            return "top" if dy < 0 else "bottom"
        return "right" if dx > 0 else "left"

    def _label_box(self, centre: QPointF, corner: QPointF, wide: float, high: float) -> QRectF:
        """The rectangle a label is drawn in: beside its corner, on the side away from the centre
        (`wide` and `high` include the gap to the corner)."""
        side, gap = self._side(centre, corner), GAP / 2
        if side == "top":
            return QRectF(corner.x() - wide / 2, corner.y() - high, wide, high - gap)
        if side == "bottom":
            return QRectF(corner.x() - wide / 2, corner.y() + gap, wide, high - gap)
        x = corner.x() + gap if side == "right" else corner.x() - wide
        return QRectF(x, corner.y() - high / 2, wide - gap, high)

    def _at(self, centre: QPointF, radius: float, i: int) -> QPointF:
        angle = -math.pi / 2 + 2 * math.pi * i / len(self.points)
        return QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
