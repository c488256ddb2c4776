"""The report's sections in the order a reviewer reads them, numbered as they appear. A section with
nothing to say is left out — except a part an on-site diagnosis must hold: that section stays,
with its number, and says what is still missing."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from diagnosis.report import charts
from diagnosis.report.blocks import BASE_TABLE, WIDTH, p, pairs, status, table
from diagnosis.report.data import ReportData
from diagnosis.report.labels import label, numbered

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
        out += [CondPageBreak(60 * mm), heading, *content]
    return out


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
    head = [
        p(_t(r, "level"), "muted"),
        p(r.level, "level"),
        p(r.level_description),
        *([p(_t(r, "level_rule") + r.level_rule, "muted")] if r.level_rule else []),
        *([p(r.weakest)] if r.weakest else []),
        Spacer(1, 3 * mm),
        p(f"{_t(r, 'total')}{_colon(r)}{r.score}", "score"),
    ]
    qr = charts.qr(_qr_text(r), f"{_t(r, 'code')} {r.code}")
    block = Table([[head, qr]], colWidths=[WIDTH - 40 * mm, 40 * mm])
    block.setStyle(TableStyle([*BASE_TABLE, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out: list[Flowable] = [block, Spacer(1, 2 * mm)]
    if r.decided_by:
        out.append(p(_t(r, "decided"), "h2"))
        out += [status(text, met, r.lang) for text, met in r.decided_by]
    if r.part_levels:
        out += [p(_t(r, "part_levels"), "h2"), pairs(r.part_levels, 60 * mm)]
    if r.radar:
        out.append(p(_t(r, "radar"), "h2"))
        pair = Table([[charts.radar(r.radar), charts.bars(r.radar)]], colWidths=[WIDTH / 2, WIDTH / 2])
        pair.setStyle(TableStyle(BASE_TABLE))
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


def _qr_text(r: ReportData) -> str:
    """What a phone scan shows a reviewer: the report number, the data digest, the signer."""
    signer = r.payload.get("signer") or {}
    fingerprint = signer.get("fingerprint", "")
    return f"diagnosis-report:{r.number};sha256={r.digest}" + (
        f";signer={fingerprint}" if fingerprint else ""
    )


def _analysis(r: ReportData) -> list[Flowable]:
    with_levels = any(d.level for d in r.dimensions)
    with_na = any(d.na for d in r.dimensions)  # format 3, when any criterion was answered 不适用
    head = [_t(r, "dimension"), _t(r, "score"), _t(r, "max"), _t(r, "rate")] + (
        [_t(r, "level")] if with_levels else []
    )
    head += [_t(r, "na_count")] if with_na else []
    rows = [head]
    parents = set()
    for d in r.dimensions:
        if d.parent:
            parents.add(len(rows))
        rows.append(
            ["　" * d.depth + d.name, d.score, d.max_score, d.rate]
            + ([d.level] if with_levels else [])
            + ([d.na] if with_na else [])
        )
    widths = [WIDTH - 75 * mm, 20 * mm, 20 * mm, 20 * mm] + ([30 * mm] if with_levels else [])
    widths[0] -= 30 * mm if with_levels else 0
    if with_na:
        widths, widths[0] = [*widths, 14 * mm], widths[0] - 14 * mm
    out: list[Flowable] = [p(_t(r, "results"), "h2"), table(rows, widths, bold_rows=parents)]
    if with_na:
        out.append(p(_t(r, "na_note"), "muted"))
    if r.extremes:
        rows = [[_t(r, "dimension"), _t(r, "strongest"), _t(r, "weakest")], *[list(e) for e in r.extremes]]
        out += [Spacer(1, 4 * mm), table(rows, [40 * mm, (WIDTH - 40 * mm) / 2, (WIDTH - 40 * mm) / 2])]
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
    widths = [30 * mm, WIDTH - 132 * mm, 24 * mm, 26 * mm, 18 * mm, 34 * mm]
    out: list[Flowable] = [table([head, *data.rows, data.totals], widths, bold_rows={len(data.rows) + 1})]
    out += [p(note) for note in data.notes]
    if data.suppliers:
        rows = [[_t(r, "project"), _t(r, "supplier")], *[list(pair) for pair in data.suppliers]]
        out += [table(rows, [60 * mm, WIDTH - 60 * mm])]
    if data.timeline:
        out += [CondPageBreak(50 * mm), p(_t(r, "timeline"), "h2"), charts.timeline(data.timeline, WIDTH)]
    return out


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
    widths = [70 * mm, 50 * mm, 18 * mm, WIDTH - 138 * mm]
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
    out: list[Flowable] = [p(text) for text in r.method if text]
    out.append(Spacer(1, 3 * mm))
    out += [p(line, "small") for line in r.verification]
    lines = "_" * 28
    blocks = [
        [p(_t(r, "sign_enterprise")), p(_t(r, "sign_provider"))],
        [p(lines), p(lines)],
        [p(_t(r, "sign_date")), p(_t(r, "sign_date"))],
    ]
    signatures = Table(blocks, colWidths=[WIDTH / 2, WIDTH / 2], rowHeights=[None, 22 * mm, None])
    signatures.setStyle(TableStyle([*BASE_TABLE, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    pledges = [p(_t(r, "declarations"), "h2"), p(_t(r, "pledge"))]
    if not r.self_assessment:
        pledges.append(p(_t(r, "provider_pledge")))
    confirmation = [p(_t(r, "confirmation"), "h2"), pairs(r.confirmation, 60 * mm)]
    return [*out, KeepTogether([*pledges, *confirmation, Spacer(1, 8 * mm), signatures])]


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
