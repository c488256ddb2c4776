"""Charts drawn with reportlab's own graphics: a radar of the top-level dimensions and a bar chart."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, String

from diagnosis.report.fonts import REGULAR, drawable
from diagnosis.report.styles import ACCENT, INK, RULE, SHADE


def radar(points: list[tuple[str, float]], width: float = 240, height: float = 200) -> Drawing:
    """Score rate (0–1) of each top-level dimension; with fewer than 3 axes a radar means nothing."""
    drawing = Drawing(width, height)
    if len(points) < 3:
        return bars(points, width, height)
    chart = SpiderChart()
    chart.x, chart.y, chart.width, chart.height = 40, 20, width - 80, height - 40
    chart.data = [[max(rate, 0.0) for _, rate in points]]
    chart.labels = [drawable(name) for name, _ in points]
    chart.strands[0].strokeColor = ACCENT
    chart.strands[0].fillColor = SHADE
    chart.strands[0].strokeWidth = 1.5
    chart.spokes.strokeColor = RULE
    chart.spokeLabels.fontName = REGULAR
    chart.spokeLabels.fontSize = 7.5
    chart.spokeLabels.fillColor = INK
    chart.fillColor = None
    drawing.add(chart)
    return drawing


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


def qr(text: str, caption: str, size: float = 90) -> Drawing:
    """A QR code of the verification digest with its short code below."""
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size + 12, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 12])
    drawing.add(widget)
    label = Drawing(size, size + 12)
    label.add(drawing)
    label.add(
        String(
            size / 2, 1, drawable(caption), fontName=REGULAR, fontSize=6.5, textAnchor="middle", fillColor=INK
        )
    )
    return label
