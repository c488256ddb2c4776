"""Excel workbooks (openpyxl), written atomically. Every user string is a text cell — a name
starting with "=" stays a name, never a formula — and loses only the control characters the
format cannot hold; dates are date cells in local time; numbers stay numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from diagnosis.files import atomic_path
from diagnosis.model import Lang
from diagnosis.storage.reports import SummaryRow

BOLD = Font(bold=True)
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"


def book(first_sheet: str) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = first_sheet
    return workbook, sheet


def rows(
    sheet: Worksheet,
    header: Sequence[str],
    body: Iterable[Sequence[Any]],
    widths: Sequence[int] = (28, 70),
    filters: bool = False,
) -> None:
    """Header (bold, frozen), then the body; `filters` adds Excel's filter row."""
    sheet.append([text(h) for h in header])
    for cell in sheet[1]:
        cell.font = BOLD
    for row in body:
        sheet.append([text(value) for value in row])
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # user text is text: "=HYPERLINK(…)" must never become a formula
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            if cell.row > 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if filters and sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def text(value: Any) -> Any:
    """Strings without the control characters the format cannot hold; everything else as is."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def save(workbook: Workbook, target: Path) -> None:
    with atomic_path(target, "Excel file") as temporary:
        workbook.save(temporary)


SUMMARY_COLUMNS: list[tuple[str, str, int]] = [  # (zh, en, width)
    ("评估编号", "Assessment", 8),
    ("报告编号", "Report number", 26),
    ("企业", "Enterprise", 30),
    ("统一社会信用代码", "USCC", 22),
    ("省", "Province", 10),
    ("市", "City", 10),
    ("区县", "County", 10),
    ("行业", "Industry", 18),
    ("规模", "Size", 8),
    ("问卷", "Questionnaire", 18),
    ("版本", "Version", 8),
    ("方式", "Mode", 12),
    ("服务机构", "Provider", 24),
    ("评估人员", "Assessors", 14),
    ("创建日期", "Created", 12),
    ("定稿日期", "Finalized", 12),
    ("状态", "Status", 10),
    ("得分", "Score", 9),
    ("满分", "Max", 8),
    ("得分率", "Score %", 9),
    ("等级", "Level", 12),
    ("完成度", "Completeness", 10),
    ("依据评估", "Based on", 9),
]


def summary_workbook(summary: Iterable[SummaryRow], target: Path, lang: Lang = "zh") -> None:
    """The provider summary: one row per assessment, the basis of a claim by diagnosis volume.
    Scores of different questionnaires use different scales, so a score rate sits beside them."""
    workbook, sheet = book("诊断汇总" if lang == "zh" else "Summary")
    header = [zh if lang == "zh" else en for zh, en, _ in SUMMARY_COLUMNS]
    body = [
        [
            r.id,
            r.report_number,
            r.enterprise,
            r.uscc,
            r.province,
            r.city,
            r.county,
            r.industry,
            r.size_class,
            r.questionnaire,
            r.version,
            r.mode_text(lang),
            r.provider,
            r.assessor,
            r.created,
            r.finalized,
            r.status_text(lang),
            r.score,
            r.max_score,
            r.rate,
            r.level,
            r.completeness,
            r.based_on,
        ]
        for r in summary
    ]
    rows(sheet, header, body, [width for *_, width in SUMMARY_COLUMNS], filters=True)
    for line in sheet.iter_rows(min_row=2):
        for column in (19, 21):  # the score rate and completeness columns (0-based 19, 21)
            line[column].number_format = PERCENT_FORMAT
    save(workbook, target)
