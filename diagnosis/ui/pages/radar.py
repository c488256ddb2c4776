"""A radar chart of score rates, painted with QPainter (no chart add-on needed)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from diagnosis.numbers import percent


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float]] = []
        self.setMinimumSize(260, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: list[tuple[str, float]]) -> None:
        self.points = points
        self.setAccessibleDescription("; ".join(f"{name} {percent(rate)}" for name, rate in points))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 3:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        radius = min(self.width(), self.height()) / 2 - 40
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
        for (name, rate), corner in zip(self.points, corners, strict=True):
            label = f"{name} {percent(rate)}"  # rounded as the report rounds it (half up)
            width = painter.fontMetrics().horizontalAdvance(label)
            x = corner.x() - width / 2 + (corner.x() - centre.x()) * 0.15
            y = corner.y() + (corner.y() - centre.y()) * 0.12
            painter.drawText(QPointF(max(2.0, min(x, self.width() - width - 2)), y), label)
        painter.end()

    def _at(self, centre: QPointF, radius: float, i: int) -> QPointF:
        angle = -math.pi / 2 + 2 * math.pi * i / len(self.points)
        return QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
