"""Excel exports (openpyxl): an assessment in three sheets, and the provider summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from diagnosis.answer_text import answer_label
from diagnosis.files import atomic_path
from diagnosis.model.index import index_of
from diagnosis.scoring.result import NodeResult
from diagnosis.storage.assessments import answers_of, get_assessment, score_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.enterprises import get_enterprise
from diagnosis.storage.evidence import evidence_of

BOLD = Font(bold=True)


def assessment_workbook(store: Store, assessment_id: int, target: Path) -> None:
    """Sheets: 企业与评估 (details), 答卷 (answers), 得分 (dimension scores and level)."""
    row = get_assessment(store, assessment_id)
    enterprise = get_enterprise(store, row["enterprise_id"])
    result, loaded = score_assessment(store, assessment_id)
    q, index = loaded.questionnaire, index_of(loaded.questionnaire)
    answers, notes = answers_of(store, assessment_id)
    evidence: dict[str, list[str]] = {}
    for item in evidence_of(store, assessment_id):
        evidence.setdefault(item["question_id"], []).append(item["name"])

    book, details = _book("企业与评估")
    _rows(
        details,
        ["项目 Item", "内容 Value"],
        [
            ["企业名称 Enterprise", enterprise["name"]],
            ["统一社会信用代码 USCC", enterprise["uscc"]],
            ["行业 Industry", enterprise["industry"]],
            [
                "地区 Region",
                " ".join(p for p in (enterprise["province"], enterprise["city"], enterprise["county"]) if p),
            ],
            ["规模 Size", enterprise["size_class"]],
            ["联系人 Contact", enterprise["contact_name"]],
            ["问卷 Questionnaire", f"{q.title.zh} {q.id}@{q.version}"],
            ["问卷 sha256", loaded.sha256],
            ["评估编号 Assessment", f"#{row['id']} {row['uid']} r{row['revision']}"],
            ["方式 Mode", "现场评估 on-site" if row["mode"] == "onsite" else "自评估 self-assessment"],
            ["服务机构 Provider", row["provider"]],
            ["评估人员 Assessor", row["assessor"]],
            ["状态 Status", row["status"]],
            ["创建 Created", row["created_at"]],
            ["定稿 Finalized", row["finalized_at"]],
            ["总分 Score", f"{result.score:g} / {result.max_score:g}"],
            ["等级 Level", result.level.name.zh if result.level else "未定级 not rated"],
        ],
    )
    sheet = book.create_sheet("答卷")
    body = []
    for qid, question in index.questions.items():
        qr = result.questions[qid]
        if not qr.visible:
            continue
        value = qr.derived if question.kind == "derived" else answers.get(qid)
        code = value if isinstance(value, str) else (",".join(value) if isinstance(value, list) else value)
        body.append(
            [
                qid,
                question.text.zh,
                code,
                answer_label(index, question, value),
                qr.points if qr.max_points else None,
                qr.max_points or None,
                notes.get(qid),
                "；".join(evidence.get(qid, [])),
            ]
        )
    _rows(
        sheet,
        [
            "题号 ID",
            "题目 Question",
            "答案代码 Code",
            "答案 Answer",
            "得分 Points",
            "满分 Max",
            "备注 Note",
            "佐证材料 Evidence",
        ],
        body,
        widths=[22, 60, 16, 40, 10, 10, 30, 30],
    )
    scores = book.create_sheet("得分")
    _rows(
        scores,
        ["维度 Dimension", "Dimension", "得分 Score", "满分 Max", "等级 Level"],
        [
            [
                "总分",
                "Total",
                result.score,
                result.max_score,
                result.level.name.zh if result.level else "未定级",
            ],
            *_tree(result.root, 0),
        ],
        widths=[30, 30, 12, 12, 16],
    )
    _save(book, target)


def summary_workbook(rows: Iterable[dict[str, Any]], target: Path) -> None:
    """The provider summary: one row per assessment (the basis of a claim by diagnosis volume)."""
    book, sheet = _book("诊断汇总")
    _rows(
        sheet,
        [
            "评估 #",
            "企业 Enterprise",
            "统一社会信用代码 USCC",
            "问卷 Questionnaire",
            "版本 Version",
            "方式 Mode",
            "服务机构 Provider",
            "评估人员 Assessor",
            "创建 Created",
            "状态 Status",
            "得分 Score",
            "满分 Max",
            "等级 Level",
        ],
        [
            [
                r["id"],
                r["enterprise"],
                r["uscc"],
                r["questionnaire_id"],
                r["questionnaire_version"],
                r["mode"],
                r["provider"],
                r["assessor"],
                r["created_at"],
                r["status"],
                r["score"],
                r["max_score"],
                r["level"],
            ]
            for r in rows
        ],
        widths=[8, 30, 22, 18, 10, 8, 24, 14, 22, 10, 10, 10, 10],
    )
    _save(book, target)


def _book(first_sheet: str) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = first_sheet
    return book, sheet


def _tree(node: NodeResult, depth: int) -> list[list[Any]]:
    rows = []
    for child in node.children:
        if child.max_score is not None:
            rows.append(
                [
                    "  " * depth + child.name.zh,
                    child.name.en,
                    child.score,
                    child.max_score,
                    child.level.name.zh if child.level else None,
                ]
            )
        rows += _tree(child, depth + 1)
    return rows


def _rows(
    sheet: Worksheet, header: Sequence[str], body: Iterable[Sequence[Any]], widths: Sequence[int] = (28, 70)
) -> None:
    sheet.append([_text(h) for h in header])
    for cell in sheet[1]:
        cell.font = BOLD
    for row in body:
        sheet.append([_text(value) for value in row])
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # user text is text: "=HYPERLINK(…)" must never become a formula
            if cell.row > 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _text(value: Any) -> Any:
    """Strings without the control characters the format cannot hold; everything else as is."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _save(book: Workbook, target: Path) -> None:
    with atomic_path(target, "Excel file") as temporary:
        book.save(temporary)
