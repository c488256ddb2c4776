"""Stage two: lay out ReportData on A4 with reportlab platypus. Deterministic (invariant mode)."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from diagnosis import __version__
from diagnosis.report import charts
from diagnosis.report.data import ReportData
from diagnosis.report.fonts import (
    BOLD,
    REGULAR,
    draw_string,
    drawable,
    paragraph_markup,
    register_fonts,
    string_width,
)
from diagnosis.report.labels import label
from diagnosis.report.styles import BAD, GOOD, MUTED, RULE, SHADE, style

MARGIN = 18 * mm
# Every table names our font: reportlab sets a cell font (default Helvetica) even for Paragraphs.
BASE_TABLE: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), REGULAR)]
WIDTH = A4[0] - 2 * MARGIN


def render(report: ReportData) -> bytes:
    """The PDF bytes of the report (without the embedded verification data)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=report.title,
        author=report.enterprise,
        subject=report.code,
        creator="diagnosis",
        invariant=1,
        lang=_pdf_lang(report),
    )
    story = [
        *_cover(report),
        PageBreak(),
        *_summary(report),
        *_results(report),
        *_gaps(report),
        *_comparison(report),
        *_appendix(report),
        *_evidence(report),
        *_method(report),
        *_declarations(report),
    ]
    doc.build(story, canvasmaker=_canvas_for(report))
    return buffer.getvalue()


def _pdf_lang(report: ReportData) -> str:
    return "zh-CN" if report.lang == "zh" else "en"


def _t(report: ReportData, key: str) -> str:
    return label(key, report.lang)


def _p(text: str, name: str = "body") -> Paragraph:
    """User text is always escaped: `<`, `&` and markup-like strings print literally."""
    return Paragraph(paragraph_markup(text, style(name).fontName), style(name))


MAX_ROW = 200 * mm  # a table row must fit a page; taller cells continue in the next row


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    cells = [
        [
            c if isinstance(c, Flowable) else _p(str(c), "cellhead" if header and i == 0 else "cell")
            for c in row
        ]
        for i, row in enumerate(rows)
    ]
    cells = [part for row in cells for part in _fit_row(row, widths)]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        *BASE_TABLE,
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _fit_row(row: list[Flowable], widths: list[float]) -> list[list[Flowable]]:
    """A row whose text is taller than a page becomes several rows, each cell's paragraph
    split where it must (reportlab splits tables between rows only, never inside one)."""
    pieces: list[list[Flowable]] = []
    for cell, width in zip(row, widths, strict=True):
        parts, rest = [], cell
        while isinstance(rest, Paragraph) and rest.wrap(width - 8, MAX_ROW)[1] > MAX_ROW:
            split = rest.split(width - 8, MAX_ROW)
            if len(split) < 2:
                break
            parts.append(split[0])
            rest = split[1]
        pieces.append([*parts, rest])
    height = max(len(p) for p in pieces)
    return [[p[k] if k < len(p) else "" for p in pieces] for k in range(height)]


def _cover(r: ReportData) -> list[Flowable]:
    rows = [[k, v] for k, v in r.cover]
    return [
        Spacer(1, 40 * mm),
        _p(r.title, "cover_title"),
        Spacer(1, 4 * mm),
        _p(r.subtitle, "cover_sub"),
        Spacer(1, 18 * mm),
        _table(rows, [45 * mm, WIDTH - 45 * mm], header=False),
    ]


def _summary(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [_p(_t(r, "summary"), "h1")]
    head = [
        _p(_t(r, "level"), "muted"),
        _p(r.level, "level"),
        _p(r.level_description),
        Spacer(1, 3 * mm),
        _p(f"{_t(r, 'total')}：{r.score:g} / {r.max_score:g}", "score"),
    ]
    qr = charts.qr(f"diagnosis-verify:{r.digest}", f"{_t(r, 'code')} {r.code}")
    block = Table([[head, qr]], colWidths=[WIDTH - 40 * mm, 40 * mm])
    block.setStyle(TableStyle([*BASE_TABLE, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out += [block, Spacer(1, 2 * mm)]
    if r.decided_by:
        out.append(_p(_t(r, "decided"), "h2"))
        out += [_status_line(text, met, r) for text, met in r.decided_by]
    if r.radar:
        out.append(_p(_t(r, "radar"), "h2"))
        pair = Table([[charts.radar(r.radar), charts.bars(r.radar)]], colWidths=[WIDTH / 2, WIDTH / 2])
        pair.setStyle(TableStyle(BASE_TABLE))
        out.append(pair)
    if r.scenes:
        rows = [[_t(r, "scene"), _t(r, "scene_level"), ""]] + [
            [name, level, "★" if marked else ""] for name, level, marked in r.scenes
        ]
        out += [
            CondPageBreak(60 * mm),
            _p(_t(r, "scenes"), "h2"),
            _table(rows, [WIDTH - 70 * mm, 55 * mm, 15 * mm]),
            _p(r.scene_note, "muted"),
        ]
    return out


def _status_line(text: str, met: bool, r: ReportData) -> Paragraph:
    mark = (
        f"<font color='{(GOOD if met else BAD).hexval()}'>{'√' if met else '×'} "
        f"{_t(r, 'met') if met else _t(r, 'unmet')}</font>"
    )
    return Paragraph(f"{mark}　{paragraph_markup(text)}", style("body"))


def _results(r: ReportData) -> list[Flowable]:
    with_levels = any(d.level for d in r.dimensions)
    head = [_t(r, "dimension"), _t(r, "score"), _t(r, "max"), _t(r, "rate")] + (
        [_t(r, "level")] if with_levels else []
    )
    rows = [head] + [
        ["　" * d.depth + d.name, f"{d.score:g}", f"{d.max_score:g}", f"{d.rate:.0%}"]
        + ([d.level or ""] if with_levels else [])
        for d in r.dimensions
    ]
    widths = [WIDTH - 95 * mm, 20 * mm, 20 * mm, 20 * mm] + ([35 * mm] if with_levels else [])
    widths[0] += 0 if with_levels else 35 * mm
    out: list[Flowable] = [CondPageBreak(50 * mm), _p(_t(r, "results"), "h1"), _table(rows, widths)]
    if r.extremes:
        rows = [[_t(r, "dimension"), _t(r, "strongest"), _t(r, "weakest")], *[list(e) for e in r.extremes]]
        out += [Spacer(1, 4 * mm), _table(rows, [40 * mm, (WIDTH - 40 * mm) / 2, (WIDTH - 40 * mm) / 2])]
    return out


def _gaps(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(50 * mm), _p(_t(r, "gaps"), "h1")]
    if r.next_level is None:
        return [*out, _p(_t(r, "top"))]
    out.append(_p(f"{_t(r, 'next')}：{r.next_level}", "h2"))
    if r.unmet:
        out.append(_p(_t(r, "conditions"), "h2"))
        out += [_status_line(text, False, r) for text in r.unmet]
    if r.improvements:
        rows = [
            [_t(r, "question"), _t(r, "points"), _t(r, "gain"), _t(r, "advice")],
            *[list(i) for i in r.improvements],
        ]
        out += [_p(_t(r, "improvements"), "h2"), _table(rows, [60 * mm, 20 * mm, 20 * mm, WIDTH - 100 * mm])]
    if r.advice:
        out.append(_p(_t(r, "advice"), "h2"))
        out += [_p(f"• {text}") for text in r.advice]
    return out


def _comparison(r: ReportData) -> list[Flowable]:
    if not r.comparison or r.comparison_levels is None:
        return []
    rows = [
        [_t(r, "dimension"), _t(r, "before"), _t(r, "after"), _t(r, "change")],
        *[list(c) for c in r.comparison],
    ]
    before, after = r.comparison_levels
    return [
        CondPageBreak(50 * mm),
        _p(_t(r, "compare"), "h1"),
        _p(f"{_t(r, 'level')}：{_t(r, 'before')} {before} → {_t(r, 'after')} {after}", "h2"),
        _table(rows, [WIDTH - 75 * mm, 25 * mm, 25 * mm, 25 * mm]),
    ]


def _appendix(r: ReportData) -> list[Flowable]:
    rows = [[_t(r, "question"), _t(r, "answer"), _t(r, "points"), _t(r, "note")]]
    current = None
    out: list[Flowable] = [CondPageBreak(90 * mm), _p(_t(r, "appendix"), "h1")]
    for row in r.answers:
        if row.dimension != current:
            if len(rows) > 1:
                out += [_p(current or "", "h2"), _table(rows, [70 * mm, 50 * mm, 18 * mm, WIDTH - 138 * mm])]
                rows = rows[:1]
            current = row.dimension
        rows.append([row.question, row.answer, row.points, row.note])
    if len(rows) > 1:
        out += [_p(current or "", "h2"), _table(rows, [70 * mm, 50 * mm, 18 * mm, WIDTH - 138 * mm])]
    return out


def _evidence(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(40 * mm), _p(_t(r, "evidence"), "h1")]
    if not r.evidence:
        return [*out, _p(_t(r, "no_evidence"))]
    rows = [[_t(r, "question"), _t(r, "file"), _t(r, "file_size"), "sha256"], *[list(e) for e in r.evidence]]
    return [*out, _table(rows, [65 * mm, WIDTH - 125 * mm, 22 * mm, 38 * mm])]


def _method(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(60 * mm), _p(_t(r, "method"), "h1")]
    out += [_p(text) for text in r.method if text]
    out += [
        Spacer(1, 3 * mm),
        _p(f"{_t(r, 'qsha')}：{r.questionnaire_sha256}", "small"),
        _p(f"{_t(r, 'digest')}：{r.digest}", "small"),
        _p(_t(r, "generator").format(version=__version__), "small"),
        _p(_t(r, "verify_howto"), "small"),
    ]
    return out


def _declarations(r: ReportData) -> list[Flowable]:
    lines = "_" * 28
    blocks = [
        [_p(_t(r, "sign_enterprise")), _p(_t(r, "sign_provider"))],
        [_p(lines), _p(lines)],
        [_p(_t(r, "sign_date")), _p(_t(r, "sign_date"))],
    ]
    table = Table(blocks, colWidths=[WIDTH / 2, WIDTH / 2], rowHeights=[None, 22 * mm, None])
    table.setStyle(TableStyle([*BASE_TABLE, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return [KeepTogether([_p(_t(r, "declarations"), "h1"), _p(_t(r, "pledge")), Spacer(1, 10 * mm), table])]


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
                _decorate(self, report, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(canvas: Canvas, report: ReportData, page: int, pages: int) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setFillColor(MUTED)
    if page > 1:
        canvas.setFont(REGULAR, 8)
        draw_string(
            canvas, MARGIN, height - 14 * mm, _fit(canvas, report.enterprise, WIDTH - 70 * mm), REGULAR, 8
        )
        canvas.drawRightString(
            width - MARGIN, height - 14 * mm, f"{_t(report, 'number')} {drawable(report.number)}"
        )
        canvas.line(MARGIN, height - 15.5 * mm, width - MARGIN, height - 15.5 * mm)
    canvas.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, 10 * mm, f"{_t(report, 'code')} {report.code}")
    canvas.drawRightString(width - MARGIN, 10 * mm, _t(report, "page").format(page=page, pages=pages))
    if not report.finalized:
        canvas.setFont(BOLD, 8)
        canvas.drawCentredString(width / 2, 10 * mm, _t(report, "draft_mark"))
    canvas.restoreState()


def _fit(canvas: Canvas, text: str, width: float) -> str:
    """Cut a header string to the width available (a very long enterprise name stays on one line).
    A binary search: the name may be thousands of characters long, on every page."""
    if string_width(text, REGULAR, 8) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(text[:middle] + "…", REGULAR, 8) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"
