"""The claim tables and the flags as Excel workbooks a bureau pays from: one row per claim, numbers
and percentages as numbers with number formats, dates as dates, a frozen header, an autofilter
over the rows, widths that fit the text and a totals row below the filtered range; every user
string a text cell (a name such as "=HYPERLINK(…)" never becomes a formula); written atomically."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from diagnosis.files import atomic_path
from diagnosis.intake.claims import Claims, Group
from diagnosis.intake.flags import Flag, about, title
from diagnosis.intake.ledger import Claim, Ledger, Total
from diagnosis.intake.text import BY_NAMES, kind, period, released, status
from diagnosis.localtime import zone_name
from diagnosis.messages import Lang

TEXT, INTEGER, YUAN, SCORE, SHARE, DATE, MOMENT = (
    "@",
    "0",
    "#,##0",
    "0.0",
    "0%",
    "yyyy-mm-dd",
    "yyyy-mm-dd hh:mm",
)
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass
class Column:
    header: str
    format: str = TEXT  # an Excel number format; TEXT: the value as it is


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None  # the totals row, below the filtered rows
    freeze: str = "A2"  # the header (and, for claims, the enterprise column) stays in view
    notes: list[str] = field(default_factory=list)  # lines below the table (the period)


def claims_workbook(claims: Claims, target: Path, book: Ledger | None = None) -> None:
    """With a ledger: the claims a bureau pays from (申领明细), totals by provider, city, county and
    questionnaire, the held claims with their reasons, the reasons by count and the refused
    documents; then the volume-and-effect tables: 汇总, 等级分布, 效果, KPI."""
    sheets = _paying(book) if book is not None else []
    sheets += _volume(claims)
    write_book(sheets, target)


def _paying(book: Ledger) -> list[Sheet]:
    rows = [_claim_row(c) for c in book.claims]
    total = book.total
    claims = Sheet(
        "申领明细",
        CLAIM_COLUMNS,
        rows,
        ["合计", *[None] * (len(CLAIM_COLUMNS) - 3), total.requested, total.payable],
        freeze="B2",
        notes=_policy_notes(book),
    )
    held = [c for c in book.claims if c.holds]
    return [
        claims,
        _totals("按服务机构", "服务机构 Provider", book.by_provider, book.total, reward=True),
        _totals("按市", "市 City", book.by_city, book.total),
        _totals("按县", "县（市、区）County", book.by_county, book.total, city=True),
        _totals("按问卷", "问卷 Questionnaire", book.by_questionnaire, book.total),
        Sheet("暂缓", HELD_COLUMNS, [_held_row(c) for c in held], freeze="B2"),
        Sheet(
            "暂缓原因",
            [Column("原因"), Column("Reason"), Column("暂缓申领数 Held claims", INTEGER)],
            [[r.text("zh"), r.text("en"), n] for _, r, n in book.reasons],
        ),
        Sheet(
            "不予受理",
            [Column("文件 Document"), Column("原因"), Column("Reason"), Column("收件时间 Received", MOMENT)],
            [[r.name, r.reason_zh, r.reason, _local(r.received_at)] for r in book.refused],
        ),
    ]


CLAIM_COLUMNS = [
    Column("企业 Enterprise"),
    Column("统一社会信用代码 USCC"),
    Column("省 Province"),
    Column("市 City"),
    Column("县（市、区）County"),
    Column("服务机构 Provider"),
    Column("报告编号 Report number"),
    Column("问卷 Questionnaire"),
    Column("版本 Version"),
    Column("类型 Kind"),
    Column("首次现场 First visit", DATE),
    Column("末次现场 Last visit", DATE),
    Column("评估人员 Assessors"),
    Column("得分 Score", SCORE),
    Column("等级 Level"),
    Column("佐证比例 Evidence", SHARE),
    Column("未说明的数据提示 Open warnings", INTEGER),
    Column("疑点 Flags"),
    Column("状态 Status"),
    Column("暂缓原因 Held for"),
    Column("放行 Release"),
    Column("费率地区 Rate region"),
    Column("申请金额(元) Requested", YUAN),
    Column("可拨付金额(元) Payable", YUAN),
]


def _claim_row(c: Claim) -> list[Any]:
    row = c.row
    return [
        row["enterprise"],
        row["uscc"],
        row["province"],
        row["city"],
        row["county"],
        row["provider"],
        row["report_number"],
        row["questionnaire_id"],
        row["questionnaire_version"],
        kind(c).text("zh"),
        row["first_visit"],
        row["last_visit"],
        "、".join(c.assessors),
        row["score"],
        row["level_name"] or "未定级",
        row["evidence_share"],
        row["open_warnings"],
        "、".join(title(k).text("zh") for k in c.flags),
        status(c).text("zh"),
        "；".join(h.reason.text("zh") for h in c.holds),
        released(c, "zh"),
        c.region,
        c.requested,
        c.payable,
    ]


HELD_COLUMNS = [
    Column("企业 Enterprise"),
    Column("统一社会信用代码 USCC"),
    Column("市 City"),
    Column("县（市、区）County"),
    Column("服务机构 Provider"),
    Column("报告编号 Report number"),
    Column("申请金额(元) Requested", YUAN),
    Column("暂缓原因"),
    Column("Held for"),
    Column("可以说明放行 Releasable"),
]


def _held_row(c: Claim) -> list[Any]:
    row = c.row
    return [
        row["enterprise"],
        row["uscc"],
        row["city"],
        row["county"],
        row["provider"],
        row["report_number"],
        c.requested,
        "；".join(h.reason.text("zh") for h in c.holds),
        "; ".join(h.reason.text("en") for h in c.holds),
        "是 yes" if all(h.releasable for h in c.holds) else "否 no",
    ]


def _totals(
    name: str, header: str, totals: list[Total], total: Total, *, reward: bool = False, city: bool = False
) -> Sheet:
    columns = [Column("市 City")] if city else []
    columns += [
        Column(header),
        Column("申领数 Claims", INTEGER),
        Column("企业数 Enterprises", INTEGER),
        Column("可拨付 Payable", INTEGER),
        Column("暂缓 Held", INTEGER),
        Column("申请金额(元) Requested", YUAN),
        Column("可拨付金额(元) Payable", YUAN),
        Column("暂缓金额(元) Held", YUAN),
    ]
    if reward:
        columns += [
            Column("诊断企业数（量）Volume", INTEGER),
            Column("复评成效数（效）Effect", INTEGER),
            Column("奖励(元) Reward", YUAN),
        ]

    def line(t: Total) -> list[Any]:
        cells: list[Any] = [t.city] if city else []
        cells += [
            t.name,
            t.claims,
            t.enterprises,
            t.payable_claims,
            t.held_claims,
            t.requested,
            t.payable,
            t.held,
        ]
        return cells + ([t.volume, t.effect, t.reward] if reward else [])

    last = line(total)
    if reward:
        last[-3:] = [
            sum(t.volume for t in totals),
            sum(t.effect for t in totals),
            sum(t.reward for t in totals),
        ]
    if city:
        last[0] = ""
    return Sheet(name, columns, [line(t) for t in totals], last)


def _policy_notes(book: Ledger) -> list[str]:
    policy = book.policy
    notes = [f"政策 Policy: {policy.name}", f"期间 Period: {period(book.start, book.end)}"]
    if policy.source:
        notes.append(f"依据 Source: {policy.source}")
    return notes


def _volume(claims: Claims) -> list[Sheet]:
    """The volume-and-effect tables (by group when `--by` is given)."""
    by = BY_NAMES[claims.by][0] if claims.by else "范围 Scope"
    group_columns = [
        Column(by),
        Column("企业数 Enterprises", INTEGER),
        Column("评估数 Assessments", INTEGER),
        Column("现场 On-site", INTEGER),
        Column("有成效 With effect", INTEGER),
        Column("成效未计 Effect not measured", INTEGER),
        Column("等级提升 Up", INTEGER),
        Column("持平 Same", INTEGER),
        Column("下降 Down", INTEGER),
        Column("佐证完整度 Evidence", SHARE),
        Column("已签名 Signed", SHARE),
        Column("签名可信 Trusted", SHARE),
        Column("计划投入(万元) Budget", SCORE),
    ]
    return [
        Sheet(
            "汇总",
            group_columns,
            [_group_row(g) for g in claims.groups],
            _group_row(claims.total),
            notes=[f"期间 Period: {period(claims.start, claims.end)}"],
        ),
        Sheet(
            "等级分布",
            [
                Column(by),
                Column("问卷 Questionnaire"),
                Column("等级 Level"),
                Column("企业数 Enterprises", INTEGER),
            ],
            [list(level) for level in claims.levels],
        ),
        Sheet(
            "效果",
            [
                Column("企业 Enterprise"),
                Column("统一社会信用代码 USCC"),
                Column(by),
                Column("问卷 Questionnaire"),
                Column("前 Before"),
                Column("后 After"),
                Column("等级变化 Level change", INTEGER),
                Column("得分变化 Score change", SCORE),
                Column("计为成效 Counts"),
                Column("未计原因 Why not"),
            ],
            [
                [
                    e.enterprise,
                    e.uscc,
                    e.group,
                    e.questionnaire,
                    e.before,
                    e.after,
                    e.change,
                    e.score_change,
                    "是" if e.counts else "否",
                    "；".join(r.text("zh") for r in e.reasons),
                ]
                for e in claims.effects
            ],
        ),
        Sheet(
            "KPI",
            [
                Column("指标 KPI"),
                Column("单位 Unit"),
                Column("企业数 Enterprises", INTEGER),
                Column("基线均值 Before", "#,##0.00"),
                Column("复评均值 After", "#,##0.00"),
                Column("变化 Change", "#,##0.00"),
                Column("达到目标 Reached", INTEGER),
            ],
            [
                [k.name, k.unit, k.enterprises, k.before, k.after, k.after - k.before, k.reached]
                for k in claims.kpis
            ],
        ),
    ]


def _group_row(g: Group) -> list[Any]:
    return [
        g.name,
        g.enterprises,
        g.assessments,
        g.onsite,
        g.with_effect,
        g.not_measured,
        g.up,
        g.same,
        g.down,
        g.evidence,
        g.signed,
        g.trusted,
        round(g.budget, 1),
    ]


def flags_workbook(flags: list[Flag], target: Path, lang: Lang = "zh") -> None:
    """One row per flag in `lang`: what is wrong, what it means, the evidence, the claims it names
    (by enterprise and report number)."""
    zh = lang == "zh"
    columns = [
        Column("疑点" if zh else "Flag"),
        Column("说明" if zh else "What it means"),
        Column("依据" if zh else "Evidence"),
        Column("涉及申领" if zh else "Claims"),
        Column("申领数" if zh else "Count", INTEGER),
    ]
    rows = [
        [
            f.title.text(lang),
            about(f.kind).text(lang),
            f.evidence.text(lang),
            "\n".join(f.assessments),
            len(f.assessments),
        ]
        for f in flags
    ]
    write_book([Sheet("疑点" if zh else "Flags", columns, rows)], target)


def write_book(sheets: Sequence[Sheet], target: Path) -> None:
    """Write the sheets to `target` atomically."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for sheet in sheets:
        _write(book.create_sheet(sheet.name), sheet)
    with atomic_path(target, "Excel file") as temporary:
        book.save(temporary)


def _write(out: Worksheet, sheet: Sheet) -> None:
    out.append([c.header for c in sheet.columns])
    for cell in out[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in sheet.rows:
        out.append([_cell(v) for v in row])
    last = out.max_row
    width = get_column_letter(len(sheet.columns))
    if sheet.rows:
        out.auto_filter.ref = f"A1:{width}{last}"  # the totals row below stays out of the filter
    if sheet.totals is not None:
        out.append([_cell(v) for v in sheet.totals])
        for cell in out[out.max_row]:
            cell.font = Font(bold=True)
    for note in sheet.notes:
        out.append([])
        out.append([note])
    for n, column in enumerate(sheet.columns, start=1):
        for (cell,) in out.iter_rows(min_row=2, min_col=n, max_col=n):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # user text stays text, never a formula
                cell.number_format = TEXT
            elif cell.value is not None and column.format != TEXT:
                cell.number_format = column.format
    _fit(out, sheet)
    out.freeze_panes = sheet.freeze


def _fit(out: Worksheet, sheet: Sheet) -> None:
    """Column widths that fit the header and the values (CJK characters count double), within
    bounds; long text wraps."""
    for n, column in enumerate(sheet.columns, start=1):
        values = [column.header, *(_shown(row[n - 1], column.format) for row in sheet.rows)]
        if sheet.totals is not None:
            values.append(_shown(sheet.totals[n - 1], column.format))
        widest = max(max((_width(line) for line in v.splitlines()), default=0) for v in values)
        out.column_dimensions[get_column_letter(n)].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
        if widest > MAX_WIDTH:
            for (cell,) in out.iter_rows(min_row=2, min_col=n, max_col=n):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if number_format == SHARE and isinstance(value, float):
        return f"{value:.0%}"
    if number_format == YUAN and isinstance(value, int | float):
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)  # already local: Excel keeps no zone
    return value


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored UTC time as people read it (the local zone)."""
    from zoneinfo import ZoneInfo

    stamp = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return stamp.astimezone(ZoneInfo(zone_name()))
