"""The claim tables and the flags as Excel workbooks: every user string a text cell (a name such as
"=HYPERLINK(…)" never becomes a formula), written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from diagnosis.files import atomic_path
from diagnosis.intake.claims import Claims, Group
from diagnosis.intake.flags import Flag
from diagnosis.intake.text import BY_NAMES, period, rate

Sheet = tuple[str, Sequence[str], list[list[Any]], Sequence[int]]
GROUP_HEADER = (
    "企业数 Enterprises",
    "评估数 Assessments",
    "现场 On-site",
    "有前后对比 With effect",
    "等级提升 Up",
    "持平 Same",
    "下降 Down",
    "佐证完整度 Evidence",
    "已签名 Signed",
    "签名可信 Trusted",
    "计划投入(万元) Budget",
)


def claims_workbook(claims: Claims, target: Path) -> None:
    """Sheets: 汇总 (volume and effect by group), 等级分布, 效果, KPI, 企业明细 (each USCC once)."""
    by = BY_NAMES[claims.by][0] if claims.by else "合计"
    rows = [_group_row(g) for g in [*claims.groups, claims.total]]
    sheets: list[Sheet] = [
        ("汇总", [by, *GROUP_HEADER], rows, [24, *[12] * len(GROUP_HEADER)]),
        (
            "等级分布",
            [by, "问卷 Questionnaire", "等级 Level", "企业数 Enterprises"],
            [list(level) for level in claims.levels],
            [24, 22, 12, 12],
        ),
        (
            "效果",
            [
                "企业 Enterprise",
                "统一社会信用代码 USCC",
                by,
                "问卷",
                "前 Before",
                "后 After",
                "等级变化",
                "得分变化",
            ],
            [
                [e.enterprise, e.uscc, e.group, e.questionnaire, e.before, e.after, e.change, e.score_change]
                for e in claims.effects
            ],
            [30, 22, 16, 18, 10, 10, 10, 10],
        ),
        (
            "KPI",
            [
                "指标 KPI",
                "单位 Unit",
                "企业数",
                "基线均值 Before",
                "复评均值 After",
                "变化 Change",
                "达到目标",
            ],
            [
                [k.name, k.unit, k.enterprises, k.before, k.after, k.after - k.before, k.reached]
                for k in claims.kpis
            ],
            [30, 14, 10, 14, 14, 12, 10],
        ),
        (
            "企业明细",
            [
                "企业 Enterprise",
                "统一社会信用代码 USCC",
                "地区 Region",
                "行业 Industry",
                "规模 Size",
                "服务机构 Providers",
                "评估数",
                "首次 First",
                "最近 Latest",
                "问卷 Questionnaire",
                "等级 Level",
                "效果 Effect",
                "全部签名可信 Trusted",
            ],
            [
                [
                    e["enterprise"],
                    e["uscc"],
                    e["region"],
                    e["industry"],
                    e["size"],
                    e["providers"],
                    e["assessments"],
                    e["first_day"].isoformat(),
                    e["last_day"].isoformat(),
                    e["questionnaire"],
                    e["level"],
                    e["effect"],
                    "是" if e["trusted"] else "否",
                ]
                for e in claims.enterprises
            ],
            [30, 22, 24, 20, 8, 30, 8, 12, 12, 24, 10, 14, 10],
        ),
    ]
    sheets[0][2].append([])
    sheets[0][2].append([f"期间 Period: {period(claims.start, claims.end)}"])
    write_book(sheets, target)


def flags_workbook(flags: list[Flag], target: Path) -> None:
    """One row per flag: its kind, what is wrong, the evidence, the assessments it names."""
    rows = [[f.kind, f.title, f.evidence, "\n".join(f.assessments)] for f in flags]
    write_book(
        [
            (
                "疑点 Flags",
                ["类别 Kind", "问题 What", "依据 Evidence", "评估 Assessments"],
                rows,
                [22, 40, 60, 70],
            )
        ],
        target,
    )


def _group_row(g: Group) -> list[Any]:
    return [
        g.name,
        g.enterprises,
        g.assessments,
        g.onsite,
        g.with_effect,
        g.up,
        g.same,
        g.down,
        rate(g.evidence),
        rate(g.signed),
        rate(g.trusted),
        round(g.budget, 1),
    ]


def write_book(sheets: list[Sheet], target: Path) -> None:
    """Write the sheets (name, header, rows, column widths) to `target` atomically."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, header, rows, widths in sheets:
        sheet = book.create_sheet(name)
        sheet.append([_text(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_text(v) for v in row])
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # user text stays text, never a formula
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    with atomic_path(target, "Excel file") as temporary:
        book.save(temporary)


def _text(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
