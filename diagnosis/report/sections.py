"""The report's sections in the order a reviewer reads them, numbered as they appear. A section with
nothing to say is left out — except a part an on-site diagnosis must hold: that section stays,
with its number, and says what is still missing."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from diagnosis.report import charts
from diagnosis.report.blocks import (
    BASE_TABLE,
    RULE_BOX,
    WIDTH,
    Headed,
    fit_row,
    kept_with_next,
    p,
    pairs,
    status,
    table,
)
from diagnosis.report.data import DimensionRow, ReportData
from diagnosis.report.fonts import REGULAR, string_width
from diagnosis.report.labels import label, numbered
from diagnosis.report.styles import RULE

Section = tuple[str, Callable[[ReportData], list[Flowable]]]


def cover(r: ReportData) -> list[Flowable]:
    return [
        Spacer(1, 34 * mm),
        p(r.title, "cover_title"),
        Spacer(1, 4 * mm),
        p(r.subtitle, "cover_sub"),
        Spacer(1, 14 * mm),
        pairs(r.cover),
    ]


def body(r: ReportData) -> list[Flowable]:
    """Every section with content, numbered in order."""
    out: list[Flowable] = []
    n = 0
    for key, make in SECTIONS:
        content = make(r)
        gaps = r.missing.get(key, [])
        if gaps:
            content = [*content, p(_t(r, "section.missing"), "h2"), *(status(g, False, r.lang) for g in gaps)]
        if not content:
            continue
        n += 1
        heading = p(numbered(n, label(key, r.lang), r.lang), "h1")
        out += [CondPageBreak(45 * mm), heading, *content]
    return kept_with_next(out)


def _t(r: ReportData, key: str) -> str:
    return label(key, r.lang)


def _colon(r: ReportData) -> str:
    return "：" if r.lang == "zh" else ": "


def _process(r: ReportData) -> list[Flowable]:
    data = r.process
    if data is None:
        return []
    if data.note:
        return [p(data.note)]
    out: list[Flowable] = []
    if data.visits:
        out += [
            p(_t(r, "visits"), "h2"),
            table([[_t(r, "visit_date"), _t(r, "hours")], *data.visits], [60 * mm, 40 * mm]),
        ]
    if data.methods:
        out.append(p(f"{_t(r, 'methods')}{_colon(r)}{data.methods}"))
    if data.participants:
        out += [
            p(_t(r, "participants"), "h2"),
            table([[_t(r, "name"), _t(r, "role")], *data.participants], [50 * mm, WIDTH - 50 * mm]),
        ]
    if data.assessors:
        rows = [[_t(r, "name"), _t(r, "role"), _t(r, "qualification")], *data.assessors]
        out += [p(_t(r, "assessors"), "h2"), table(rows, [40 * mm, 50 * mm, WIDTH - 90 * mm])]
    if data.remarks:
        out.append(p(data.remarks))
    return out


def _summary(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [
        p(_t(r, "level"), "muted"),
        p(r.level, "level"),
        *([p(r.caveat, "caveat")] if r.caveat else []),
        p(r.level_description),
        *([p(_t(r, "level_rule") + r.level_rule, "muted")] if r.level_rule else []),
        *([p(r.weakest)] if r.weakest else []),
        Spacer(1, 3 * mm),
        p(f"{_t(r, 'total')}{_colon(r)}{r.score}", "score"),
        *([p(r.score_note, "muted")] if r.score_note else []),
        Spacer(1, 2 * mm),
    ]
    if r.decided_by:
        out.append(p(_t(r, "decided"), "h2"))
        out += [status(text, met, r.lang) for text, met in r.decided_by]
    if r.part_levels:
        out += [p(_t(r, "part_levels"), "h2"), pairs(r.part_levels, 60 * mm)]
    if r.radar:
        out.append(p(_t(r, "radar.levels" if r.levels_scored else "radar"), "h2"))
        radar, bars = dimension_charts(r)
        pair = Table([[radar, bars]], colWidths=[WIDTH / 2, WIDTH / 2])
        pair.setStyle(TableStyle([*BASE_TABLE, *NO_PADDING]))
        out.append(pair)
    if r.scenes:
        top = max(4, *(s.value for s in r.scenes))
        chart = charts.scene_levels([(s.name, s.level, s.value, s.mandatory) for s in r.scenes], top, WIDTH)
        out += [
            CondPageBreak(80 * mm),
            p(_t(r, "scenes"), "h2"),
            KeepTogether([chart, p(r.scene_note, "muted")]),
        ]
    return out


QUOTE = [("LINEBEFORE", (0, 0), (0, -1), 1.5, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 8)]
NO_PADDING = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
CHART = (WIDTH / 2 - 4 * mm, 200.0)  # each of the two charts: width and height, in points


def dimension_charts(r: ReportData) -> tuple[Flowable, Flowable]:
    """The radar and the bars of the top-level dimensions, side by side, each inside its half."""
    width, height = CHART
    return charts.radar(r.radar, r.scale, width, height), charts.bars(r.radar, r.scale, width, height)


def _analysis(r: ReportData) -> list[Flowable]:
    with_levels = any(d.level for d in r.dimensions)
    with_na = any(d.na for d in r.dimensions)  # format 3, when any criterion was answered 不适用
    with_rate = not r.levels_scored  # a rate of a target level would call the target 100 %
    columns: list[tuple[str, float, Callable[[DimensionRow], str]]] = [
        (_t(r, "dimension"), 0.0, lambda d: "　" * d.depth + d.name),
        (_t(r, "score"), 20 * mm, lambda d: d.score),
        (_t(r, "target_col" if r.levels_scored else "max"), 20 * mm, lambda d: d.max_score),
        *([(_t(r, "rate"), 20 * mm, lambda d: d.rate)] if with_rate else []),
        *([(_t(r, "level"), 30 * mm, lambda d: d.level)] if with_levels else []),
        *([(_t(r, "na_count"), 14 * mm, lambda d: d.na)] if with_na else []),
    ]
    widths = [width for _, width, _ in columns]
    widths[0] = WIDTH - sum(widths)
    rows = [[head for head, _, _ in columns]]
    parents = set()
    for d in r.dimensions:
        if d.parent:
            parents.add(len(rows))
        rows.append([cell(d) for _, _, cell in columns])
    out: list[Flowable] = [p(_t(r, "results"), "h2")]
    if with_na:  # said before the table: after it, the note could end up alone on a page
        out.append(p(_t(r, "na_note"), "muted"))
    out.append(table(rows, widths, bold_rows=parents))
    if r.extremes:
        rows = [[_t(r, "dimension"), _t(r, "strongest"), _t(r, "weakest")], *[list(e) for e in r.extremes]]
        out += [Spacer(1, 4 * mm), table(rows, [40 * mm, (WIDTH - 40 * mm) / 2, (WIDTH - 40 * mm) / 2])]
        out.append(p(r.extremes_rule, "muted"))
    out += [CondPageBreak(40 * mm), p(_t(r, "gaps"), "h2")]
    if r.next_level is None:
        out.append(p(r.top_note))
    else:
        out.append(p(f"{_t(r, 'next')}{_colon(r)}{r.next_level}"))
        out += [status(text, False, r.lang) for text in r.unmet]
        out += _to_close(r, r.to_close)
        if r.improvements:
            rows = [[_t(r, "question"), _t(r, "points"), _t(r, "gain"), _t(r, "advice")], *r.improvements]
            out += [
                p(_t(r, "improvements"), "h2"),
                table(rows, [60 * mm, 20 * mm, 20 * mm, WIDTH - 100 * mm]),
            ]
        if r.advice:
            out.append(p(_t(r, "advice"), "h2"))
            out += [p(f"• {text}") for text in r.advice]
    out += _parts(r)
    out += [p(_t(r, "alerts"), "h2")]
    if r.alerts:
        rows = [[_t(r, "remarks"), _t(r, "question"), ""]] + [
            [message, where, _t(r, "alert.resolved") if resolved else _t(r, "alert.open")]
            for message, where, resolved in r.alerts
        ]
        out.append(table(rows, [WIDTH - 85 * mm, 65 * mm, 20 * mm]))
    else:
        out.append(p(_t(r, "alerts.none")))
    if r.evidence_share:
        out.append(p(r.evidence_share))
    return out


def _parts(r: ReportData) -> list[Flowable]:
    """Each part with a verdict of its own: where it stands, what its next level still needs and
    the criteria to close with the evidence to prepare."""
    out: list[Flowable] = []
    for part in r.parts:
        heading = label("part_next", r.lang).format(part=part.name, level=part.next_level)
        out += [CondPageBreak(40 * mm), p(heading, "h2")]
        out.append(p(label("part_now", r.lang).format(level=part.level), "muted"))
        out += [status(text, False, r.lang) for text in part.unmet]
        out += _to_close(r, part.rows)
    return out


MAX_TO_CLOSE = 30  # rows; the rest is summed up in one line (the appendix lists every answer)


def _to_close(r: ReportData, rows: list[list[str]]) -> list[Flowable]:
    """The criteria still to close for a next level, with the evidence each asks for."""
    if not rows:
        return []
    head = [_t(r, "where"), _t(r, "criterion"), _t(r, "current"), _t(r, "expected")]
    out = [
        CondPageBreak(30 * mm),  # the caption never ends a page without its table
        p(_t(r, "prepare"), "muted"),
        table([head, *rows[:MAX_TO_CLOSE]], [32 * mm, WIDTH - 117 * mm, 25 * mm, 60 * mm]),
    ]
    if len(rows) > MAX_TO_CLOSE:
        out.append(p(label("more_rows", r.lang).format(n=len(rows) - MAX_TO_CLOSE), "muted"))
    return out


def _findings(r: ReportData) -> list[Flowable]:
    data = r.findings
    if data is None:
        return []
    out: list[Flowable] = []
    if data.rows:
        head = [_t(r, "kind"), _t(r, "findings"), _t(r, "concerns")]
        out.append(table([head, *data.rows], [22 * mm, WIDTH - 82 * mm, 60 * mm]))
    if data.text:
        out.append(p(data.text))
    return out


def _plan(r: ReportData) -> list[Flowable]:
    data = r.plan
    if data is None:
        return [p(_t(r, "no_plan"))] if r.findings is not None and "plan" not in r.missing else []
    if not data.rows:
        return [p(note) for note in data.notes]
    head = [
        _t(r, "project"),
        _t(r, "changes"),
        _t(r, "solution"),
        _t(r, "period"),
        _t(r, "budget"),
        _t(r, "funding"),
    ]
    widths = [28 * mm, WIDTH - 120 * mm, 22 * mm, 24 * mm, 16 * mm, 30 * mm]
    rows = [head, *data.rows, data.totals]
    # A project's row may continue on the next page (rows split at PLAN_ROW), so a long one never
    # moves the whole table on and leaves the page above it empty.
    out: list[Flowable] = [table(rows, widths, bold_rows={len(data.rows) + 1}, max_row=PLAN_ROW)]
    out += [p(note) for note in data.notes]
    if data.suppliers:
        rows = [[_t(r, "project"), _t(r, "supplier")], *[list(pair) for pair in data.suppliers]]
        out += [table(rows, [60 * mm, WIDTH - 60 * mm])]
    if data.timeline:
        out += [CondPageBreak(50 * mm), p(_t(r, "timeline"), "h2"), charts.timeline(data.timeline, WIDTH)]
    return out


PLAN_ROW = 60 * mm


def _effects(r: ReportData) -> list[Flowable]:
    data = r.effects
    if data is None:
        return []
    out: list[Flowable] = []
    if data.level:
        out += [
            p(f"{_t(r, 'planned_level')}{_colon(r)}{data.level}", "h2"),
            p(f"{_t(r, 'planned_score')}{_colon(r)}{data.score}"),
            p(_t(r, "planned_conditions"), "muted"),
        ]
        out += [status(text, met, r.lang) for text, met in data.conditions]
    if data.level and data.parts:
        out += [p(_t(r, "planned_parts"), "muted"), pairs(data.parts, 60 * mm)]
    if data.kpis:
        head = [_t(r, "kpi"), _t(r, "unit"), _t(r, "baseline"), _t(r, "target"), _t(r, "change")]
        out += [
            p(_t(r, "kpis"), "h2"),
            table([head, *data.kpis], [WIDTH - 110 * mm, 35 * mm, 25 * mm, 25 * mm, 25 * mm]),
        ]
    if data.actuals:
        head = [
            _t(r, "kpi"),
            _t(r, "unit"),
            _t(r, "baseline"),
            _t(r, "target"),
            _t(r, "actual"),
            _t(r, "met"),
        ]
        widths = [WIDTH - 125 * mm, 25 * mm, 20 * mm, 20 * mm, 20 * mm, 40 * mm]
        out += [p(_t(r, "kpi_actuals"), "h2"), table([head, *data.actuals], widths)]
    return out


def _comparison(r: ReportData) -> list[Flowable]:
    data = r.comparison
    if data is None:
        return []
    before, after = data.levels
    arrow = " → " if r.lang == "zh" else " -> "
    out: list[Flowable] = [p(data.baseline, "muted")] if data.baseline else []
    out += [status(text, ok, r.lang) for text, ok in data.effect]
    out.append(p(f"{_t(r, 'level_change')}{_colon(r)}{before}{arrow}{after}", "h2"))
    if data.reasons:
        out.append(p(_t(r, "why_same" if data.same else "why_change"), "muted"))
        out += [p(f"• {text}") for text in data.reasons]
    rows = [[_t(r, "dimension"), _t(r, "before"), _t(r, "after"), _t(r, "change")], *data.rows]
    out.append(table(rows, [WIDTH - 75 * mm, 25 * mm, 25 * mm, 25 * mm]))
    if data.scenes:
        rows = [[_t(r, "scene"), _t(r, "before"), _t(r, "after")], *data.scenes]
        out += [Spacer(1, 3 * mm), table(rows, [WIDTH - 80 * mm, 40 * mm, 40 * mm])]
    return out


def _appendix(r: ReportData) -> list[Flowable]:
    header = [_t(r, "question"), _t(r, "answer"), _t(r, "points"), _t(r, "note")]
    widths = _answer_widths(r)
    out: list[Flowable] = []
    if r.na_reasons:  # format 3: what was left out of the levels, and why, in one place
        rows_na = [[_t(r, "dimension"), _t(r, "na_count"), _t(r, "reason")], *r.na_reasons]
        out += [p(_t(r, "na_reasons"), "h2"), table(rows_na, [50 * mm, 16 * mm, WIDTH - 66 * mm])]
    rows: list[list[str]] = [header]
    current: str | None = None
    for row in r.answers:
        if row.section != current:
            if len(rows) > 1:
                out += [p(current or "", "h2"), table(rows, widths)]
                rows = [header]
            current = row.section
        rows.append([row.question, row.answer, row.points, row.note])
    if len(rows) > 1:
        out += [p(current or "", "h2"), table(rows, widths)]
    return out


def _answer_widths(r: ReportData) -> list[float]:
    """Columns of the answers as wide as their text needs, within bounds, the rest for the
    question: short answers ("符合", "Met") leave the question room instead of wrapping it."""

    def need(texts: list[str], least: float, most: float) -> float:
        widest = max((string_width(t, REGULAR, 8) for t in texts if len(t) < 200), default=0.0)
        long = any(len(t) >= 200 for t in texts)
        return most if long else min(most, max(least, widest + 9))

    answer = need([row.answer for row in r.answers], 22 * mm, 50 * mm)
    points = need([row.points for row in r.answers], 14 * mm, 24 * mm)
    note = need([row.note for row in r.answers], 16 * mm, 45 * mm)
    return [WIDTH - answer - points - note, answer, points, note]


def _evidence(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = []
    if r.evidence:
        rows = [[_t(r, "question"), _t(r, "file"), _t(r, "file_size"), "sha256"], *r.evidence]
        out.append(table(rows, [65 * mm, WIDTH - 125 * mm, 22 * mm, 38 * mm]))
    else:
        out.append(p(_t(r, "no_evidence")))
    if r.missing_evidence:
        rows = [[_t(r, "question"), _t(r, "expected")], *r.missing_evidence]
        out += [p(_t(r, "missing_evidence"), "h2"), table(rows, [75 * mm, WIDTH - 75 * mm])]
    return out


def _method(r: ReportData) -> list[Flowable]:
    out: list[Flowable] = [p(text) for text in r.statement]
    out.append(p(_t(r, "method_text")))
    if r.method:  # the questionnaire's words, set off as a quotation, a row per paragraph
        texts = [line for text in r.method for line in text.splitlines() if line.strip()]
        rows = [part for text in texts for part in fit_row([p(text, "quote")], [WIDTH])]
        quote = Table(rows, colWidths=[WIDTH], hAlign="LEFT", spaceAfter=2 * mm)
        quote.setStyle(TableStyle([*BASE_TABLE, *QUOTE]))
        out.append(Headed([p(_t(r, "quoted"), "muted")], quote))
    out.append(Spacer(1, 3 * mm))
    out += [p(line, "small") for line in r.verification]
    pledges = [p(_t(r, "declarations"), "h2"), p(_t(r, "pledge"))]
    if not r.self_assessment:
        pledges.append(p(_t(r, "provider_pledge")))
    confirmation = [p(_t(r, "confirmation"), "h2"), pairs(r.confirmation, 60 * mm)]
    return [*out, *pledges, KeepTogether([*confirmation, Spacer(1, 8 * mm), _signatures(r)])]


def _signatures(r: ReportData) -> Table:
    """The stamp and signature lines for the paper copy; a signed report shows its digital
    signature in the provider's place: who signed, when, and the certificate's fingerprint."""
    lines = "_" * 28
    provider: list[Flowable] = [
        p(_t(r, "sign_provider")),
        Spacer(1, 14 * mm),
        p(lines),
        p(_t(r, "sign_date")),
    ]
    if r.signature:
        rows = [
            [p(_t(r, "signature"), "cellhead")],
            *([p(f"{k}{_colon(r)}{v}", "cell")] for k, v in r.signature),
        ]
        box = Table([*rows, [p(_t(r, "signature.note"), "muted")]], colWidths=[WIDTH / 2 - 6])
        box.setStyle(TableStyle([*BASE_TABLE, *RULE_BOX]))
        provider = [p(_t(r, "sign_provider")), Spacer(1, 2 * mm), box]
    enterprise: list[Flowable] = [
        p(_t(r, "sign_enterprise")),
        Spacer(1, 14 * mm),
        p(lines),
        p(_t(r, "sign_date")),
    ]
    signatures = Table([[enterprise, provider]], colWidths=[WIDTH / 2, WIDTH / 2])
    signatures.setStyle(TableStyle([*BASE_TABLE, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return signatures


SECTIONS: list[Section] = [
    ("process", _process),
    ("summary", _summary),
    ("analysis", _analysis),
    ("findings", _findings),
    ("plan", _plan),
    ("effects", _effects),
    ("compare", _comparison),
    ("appendix", _appendix),
    ("evidence", _evidence),
    ("method", _method),
]
