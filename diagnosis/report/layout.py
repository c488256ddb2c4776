"""Stage two: lay out ReportData on A4 with reportlab platypus. Deterministic (invariant mode):
the same data renders the same bytes, which is what `verify` relies on."""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

from diagnosis.report import charts, sections
from diagnosis.report.blocks import MARGIN, WIDTH
from diagnosis.report.data import ReportData
from diagnosis.report.fonts import BOLD, REGULAR, draw_string, fitted, register_fonts, string_width
from diagnosis.report.labels import label
from diagnosis.report.styles import MUTED, RULE


def story(report: ReportData) -> list[Flowable]:
    """What the pages hold, in order: the cover, then every section."""
    register_fonts()
    return [*sections.cover(report), PageBreak(), *sections.body(report)]


def render(report: ReportData, flowables: list[Flowable] | None = None) -> bytes:
    """The PDF bytes of the report (without the embedded verification data); `flowables`: its
    `story`, when the caller wants to look at the laid-out flowables afterwards."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"{report.title} · {report.enterprise[:100]}",
        author=report.author[:200],
        subject=label("subject", report.lang).format(code=report.code),
        creator="diagnosis",
        invariant=1,
        lang="zh-CN" if report.lang == "zh" else "en",
    )
    doc.build(story(report) if flowables is None else flowables, canvasmaker=_canvas_for(report))
    return buffer.getvalue()


def _canvas_for(report: ReportData) -> type[Canvas]:
    """A canvas that knows the page count: header and footer are drawn once all pages exist."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if number == 1:
                    _qr_form(self, report)
                _decorate(self, report, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


QR = 18 * mm  # the code in each page's bottom right corner, quiet zone included
QR_FORM = "qr"


def _qr_form(canvas: Canvas, report: ReportData) -> None:
    """The QR code drawn once, as a form every page shows: encoded once, stored once."""
    canvas.beginForm(QR_FORM, 0, 0, QR, QR)
    renderPDF.draw(charts.qr(report.qr, QR), canvas, 0, 0)
    canvas.endForm()


def _decorate(canvas: Canvas, report: ReportData, page: int, pages: int) -> None:
    """Header: enterprise and report number; footer: verification code, signer, page x of y, and
    the QR code of the report."""
    width, height = A4
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    if page > 1:
        number = f"{label('number', report.lang)} {report.number}"
        room = WIDTH - string_width(number, REGULAR, 8) - 8 * mm
        draw_string(canvas, MARGIN, height - 14 * mm, fitted(report.enterprise, room, 8), REGULAR, 8)
        draw_string(
            canvas, width - MARGIN - string_width(number, REGULAR, 8), height - 14 * mm, number, REGULAR, 8
        )
        canvas.line(MARGIN, height - 15.5 * mm, width - MARGIN, height - 15.5 * mm)
    right = width - MARGIN - QR - 2 * mm  # the footer's text ends left of the code
    canvas.line(MARGIN, 14 * mm, right, 14 * mm)
    left = f"{label('code', report.lang)} {report.code}"
    if report.signer:
        left += f"  ·  {label('signed_by', report.lang)} {fitted(report.signer, 50 * mm, 8)}"
    draw_string(canvas, MARGIN, 10 * mm, left, REGULAR, 8)
    canvas.drawRightString(right, 10 * mm, label("page", report.lang).format(page=page, pages=pages))
    canvas.saveState()
    canvas.translate(width - MARGIN - QR, 3 * mm)
    canvas.doForm(QR_FORM)
    canvas.restoreState()
    if not report.finalized:
        canvas.setFont(BOLD, 8)
        canvas.drawCentredString(width / 2, 6 * mm, label("draft_mark", report.lang))
    canvas.restoreState()
