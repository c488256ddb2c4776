"""One assessment as an Excel workbook: details, answers, scores, the diagnosis plan and the
plausibility notes — for providers who keep working in Excel (一企一档)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.localtime import local
from diagnosis.model.index import index_of
from diagnosis.numbers import share
from diagnosis.plan.outcome import outcome
from diagnosis.report.appendix import checks
from diagnosis.report.inputs import from_store
from diagnosis.scoring.result import NodeResult
from diagnosis.storage.db import Store
from diagnosis.storage.xlsx import book, rows, save

MODE = {"onsite": "现场诊断 on-site", "self": "自评估 self-assessment"}
STATUS = {"draft": "草稿 draft", "finalized": "已定稿 finalized"}


def assessment_workbook(store: Store, assessment_id: int, target: Path) -> None:
    """Sheets: 企业与评估, 答卷, 得分, 诊断方案 (when there is a plan), 数据核查."""
    source = from_store(store, assessment_id)
    result = source.result()
    q, meta, ent = source.loaded.questionnaire, source.assessment, source.enterprise
    index = index_of(q)
    workbook, details = book("企业与评估")
    region = " ".join(p for p in (ent.get("province"), ent.get("city"), ent.get("county")) if p)
    rows(
        details,
        ["项目 Item", "内容 Value"],
        [
            ["企业名称 Enterprise", ent.get("name")],
            ["统一社会信用代码 USCC", ent.get("uscc")],
            ["行业 Industry", ent.get("industry")],
            ["地区 Region", region],
            ["规模 Size", ent.get("size_class")],
            ["联系人 Contact", " ".join(p for p in (ent.get("contact_name"), ent.get("contact_phone")) if p)],
            ["问卷 Questionnaire", f"{q.title.zh} {q.id}@{q.version}"],
            ["问卷 sha256", source.loaded.sha256],
            ["评估 Assessment", f"#{assessment_id} {meta.get('uid')} r{meta.get('revision')}"],
            ["报告编号 Report number", meta.get("report_number")],
            ["方式 Mode", MODE.get(str(meta.get("mode")), meta.get("mode"))],
            ["服务机构 Provider", meta.get("provider")],
            ["评估人员 Assessor", meta.get("assessor")],
            ["状态 Status", STATUS.get(str(meta.get("status")), meta.get("status"))],
            ["创建 Created", _local(meta.get("created_at"))],
            ["定稿 Finalized", _local(meta.get("finalized_at"))],
            ["总分 Score", result.score],
            ["满分 Max", result.max_score],
            ["等级 Level", result.level.name.zh if result.level else "未定级 not rated"],
        ],
    )
    evidence: dict[str, list[str]] = {}
    for item in source.evidence:
        evidence.setdefault(item["question_id"], []).append(item["name"])
    body = []
    for qid, question in index.questions.items():
        qr = result.questions[qid]
        if not qr.visible:
            continue
        value = qr.derived if question.kind == "derived" else source.answers.get(qid)
        code = value if isinstance(value, str) else (",".join(value) if isinstance(value, list) else value)
        points = qr.points if qr.max_points else None
        label = answer_label(index, question, value)
        files = "；".join(evidence.get(qid, []))
        body.append(
            [qid, question.text.zh, code, label, points, qr.max_points or None, source.notes.get(qid), files]
        )
    header = ["题号 ID", "题目 Question", "答案代码 Code", "答案 Answer", "得分 Points", "满分 Max"]
    rows(
        workbook.create_sheet("答卷"),
        [*header, "备注 Note", "佐证材料 Evidence"],
        body,
        [22, 60, 16, 40, 10, 10, 30, 30],
    )
    total = [
        "总分",
        "Total",
        result.score,
        result.max_score,
        share(result.score, result.max_score),
        result.level.name.zh if result.level else "未定级",
    ]
    scores = [total, *_tree(result.root, 0)]
    rows(
        workbook.create_sheet("得分"),
        ["维度 Dimension", "Dimension", "得分 Score", "满分 Max", "得分率 Rate", "等级 Level"],
        scores,
        [30, 30, 12, 12, 12, 16],
    )
    if source.plan is not None and not source.plan.empty:
        _plan_sheet(workbook, source)
    notes = checks(source)
    rows(
        workbook.create_sheet("数据核查"),
        ["核查项 Check", "提示 Note", "涉及题目 Questions", "说明 Resolution"],
        [[a.id, a.message.zh, "、".join(a.questions), a.resolution] for a in notes],
        [24, 60, 30, 40],
    )
    save(workbook, target)


def _plan_sheet(workbook: Any, source: Any) -> None:
    """The plan as rows a provider can read and sort: process, findings, projects, KPIs, confirmation."""
    plan = source.plan
    result = outcome(source.loaded.questionnaire, source.answers, plan, context=source.context())
    body: list[list[Any]] = []
    for visit in plan.process.visits:
        body.append(["评测过程 Visit", visit.date, f"{visit.hours or ''} 小时", "", "", ""])
    for person in plan.process.assessors:
        body.append(["评估人员 Assessor", person.name, person.role, person.qualification, "", ""])
    for person in plan.process.participants:
        body.append(["企业人员 Participant", person.name, person.role, "", "", ""])
    for finding in plan.findings:
        body.append(["问题与需求 " + finding.kind, finding.text, "、".join(finding.refs), "", "", ""])
    for project, row in zip(plan.projects, result.projects, strict=True):
        changes = "\n".join(f"{c.name}: {c.current or '—'} → {c.goal}" for c in row.changes)
        funding = project.funding.model_dump() if project.funding else {}
        split = "；".join(f"{k} {v}" for k, v in funding.items() if v is not None)
        body.append(["改造项目 Project", project.name, changes, project.solution, row.period, project.budget])
        if split or project.supplier:
            body.append(["  资金与供应商 Funding", split, project.supplier, "", "", ""])
    for kpi in plan.kpis:
        body.append(["效益指标 KPI", kpi.name, kpi.unit, kpi.baseline, kpi.target, ""])
    planned = result.planned.level.name.zh if result.planned.level else "未定级"
    body.append(["预期等级 Planned level", planned, result.planned.score, "", "", result.budget])
    confirm = plan.confirmation
    body.append(
        [
            "企业确认 Confirmation",
            confirm.opinion,
            confirm.remarks,
            confirm.satisfaction,
            confirm.confirmed_by,
            confirm.date,
        ]
    )
    rows(
        workbook.create_sheet("诊断方案"),
        ["类别 Kind", "内容 Content", "", "", "", ""],
        body,
        [22, 40, 50, 18, 16, 12],
    )


def _tree(node: NodeResult, depth: int) -> list[list[Any]]:
    out = []
    for child in node.children:
        if child.max_score is not None:
            level = child.level.name.zh if child.level else None
            rate = share(child.score or 0, child.max_score)  # as the report prints it
            out.append(
                ["  " * depth + child.name.zh, child.name.en, child.score, child.max_score, rate, level]
            )
        out += _tree(child, depth + 1)
    return out


def _local(stamp: Any) -> Any:
    moment = local(stamp) if isinstance(stamp, str) else None
    return moment.replace(tzinfo=None) if moment else None  # Excel keeps no zone: show the local time
