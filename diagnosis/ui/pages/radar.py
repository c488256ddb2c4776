"""A radar chart of score rates, painted with QPainter (no chart add-on needed)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

GAP = 8  # px between a corner and its label
MIN_RADIUS = 70  # px: the chart itself never shrinks below this for its labels
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
        # neighbouring corners (two lines each) stay apart.
        metrics = self.fontMetrics()
        wide = max((metrics.horizontalAdvance(name) for name, _ in points), default=0) + GAP
        high = 2 * metrics.height() + GAP
        radius = max(MIN_RADIUS, int(1.5 * high))
        self.setMinimumSize(2 * (wide + radius), 2 * (high + radius))
        self.setAccessibleDescription("; ".join(f"{name} {rate:.0%}" for name, rate in points))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 3:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        # Each label is two lines (name, rate) beside its corner; the chart leaves room for the
        # widest one on every side, so no label is cut or drawn over another.
        labels = [(name, f"{rate:.0%}") for name, rate in self.points]
        wide = max(metrics.horizontalAdvance(line) for label in labels for line in label) + GAP
        high = 2 * metrics.height() + GAP
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
        for label, corner in zip(labels, corners, strict=True):
            wide = max(metrics.horizontalAdvance(line) for line in label) + GAP  # this label's own
            painter.drawText(
                self._label_box(centre, corner, wide, high),
                _ALIGN[self._side(centre, corner)],
                "\n".join(label),
            )
        painter.end()

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
