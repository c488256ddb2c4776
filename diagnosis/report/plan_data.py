"""Report data for the diagnosis itself: the process, problems and needs, the improvement plan
with its budget and timeline, the expected results, the before/after comparison and the
enterprise's confirmation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diagnosis.localtime import local_date
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, Index, index_of
from diagnosis.numbers import figure, signed
from diagnosis.plan import effect
from diagnosis.plan.consistency import NO_EFFECT
from diagnosis.plan.model import Change, Plan
from diagnosis.plan.outcome import ChangeRow, outcome
from diagnosis.plan.readiness import missing_parts
from diagnosis.report.conditions import aside, part_levels, with_now
from diagnosis.report.labels import label
from diagnosis.report.rows import scenes, short_name, target_level, tree
from diagnosis.scoring.result import ScoreResult

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput


@dataclass
class ProcessData:
    note: str = ""  # for a self-assessment or an unrecorded process
    visits: list[list[str]] = field(default_factory=list)
    methods: str = ""
    participants: list[list[str]] = field(default_factory=list)
    assessors: list[list[str]] = field(default_factory=list)
    remarks: str = ""


@dataclass
class FindingsData:
    rows: list[list[str]]  # kind, text, concerns
    text: str


@dataclass
class PlanData:
    rows: list[list[str]]  # project, changes, solution, period, budget, funding
    totals: list[str]
    timeline: list[tuple[str, str, str]]  # project, start month, end month
    suppliers: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)  # why no project; why spending changes nothing


@dataclass
class EffectsData:
    level: str
    score: str
    conditions: list[tuple[str, bool]]
    kpis: list[list[str]]
    reaches_next: bool | None  # None without projects
    parts: list[tuple[str, str]] = field(default_factory=list)  # the parts' verdicts once done
    actuals: list[list[str]] = field(default_factory=list)  # a re-assessment: baseline, target, actual, met


@dataclass
class ComparisonData:
    levels: tuple[str, str]
    same: bool  # the level did not change: `reasons` are what the next one still needs
    rows: list[list[str]]  # dimension, before, after, change
    scenes: list[list[str]]  # scene, before, after
    reasons: list[str]
    baseline: str = ""  # the baseline's report number and date
    effect: list[tuple[str, bool]] = field(default_factory=list)  # the effect checks, passed or not


def process(plan: Plan | None, onsite: bool, lang: Lang) -> ProcessData:
    if plan is None:
        return ProcessData(note=label("no_process.onsite" if onsite else "no_process.self", lang))
    steps = plan.process
    if not (steps.visits or steps.methods or steps.participants or steps.assessors or steps.remarks):
        return ProcessData(note=label("no_process.onsite" if onsite else "no_process.self", lang))
    separator = "、" if lang == "zh" else ", "
    return ProcessData(
        visits=[[v.date, figure(v.hours) if v.hours else "—"] for v in steps.visits],
        methods=separator.join(label(f"method.{m}", lang) for m in steps.methods),
        participants=[[p.name, p.role or "—"] for p in steps.participants],
        assessors=[[p.name, p.role or "—", p.qualification or "—"] for p in steps.assessors],
        remarks=steps.remarks or "",
    )


def findings(q: Questionnaire, plan: Plan, lang: Lang) -> FindingsData:
    separator = "、" if lang == "zh" else ", "
    rows = [
        [
            label(f.kind, lang),
            f.text + (label("draft_text", lang) if f.is_draft else ""),
            separator.join(short_name(q, ref, lang).rstrip("。.") for ref in f.refs),  # no "。、"
        ]
        for f in plan.findings
    ]
    return FindingsData(rows, plan.needs_text or ("" if rows else label("no_findings", lang)))


def projects(q: Questionnaire, source: ReportInput, plan: Plan, lang: Lang) -> PlanData:
    notes = []
    if not plan.projects:
        return PlanData([], [], [], [], [label("no_project_reason", lang) + (plan.no_project_reason or "")])
    explained = plan.resolutions.get(NO_EFFECT)
    if explained:  # (unexplained, it is among the plausibility warnings)
        notes.append(label("no_effect.explained", lang) + explained)
    answers = source.answers
    result = outcome(q, dict(answers), plan, lang, source.context())
    arrow = " → " if lang == "zh" else " -> "
    rows = []
    index = index_of(q)
    for project, row in zip(plan.projects, result.projects, strict=True):
        changes = "\n".join(_changes(index, project.changes, row.changes, answers, arrow, lang))
        rows.append(
            [
                project.name,
                changes or "—",
                label(f"solution.{project.solution}", lang) if project.solution else "—",
                " – ".join(m for m in (project.start, project.end) if m) or project.phase or "—",
                figure(project.budget) if project.budget is not None else "—",
                _funding(project.funding, lang),
            ]
        )
    split = (
        "；".join(
            f"{label(f'funding.{key}', lang)} {figure(value)}"
            for key, value in sorted(result.funding.items())
        )
        if lang == "zh"
        else "; ".join(
            f"{label(f'funding.{key}', lang)} {figure(value)}"
            for key, value in sorted(result.funding.items())
        )
    )
    totals = [label("totals", lang), "", "", _span(result.start, result.end), figure(result.budget), split]
    timeline = [(p.name, p.start, p.end or p.start) for p in plan.projects if p.start]
    suppliers = [(p.name, p.supplier) for p in plan.projects if p.supplier]
    return PlanData(rows, totals, [(n, s, e) for n, s, e in timeline if s and e], suppliers, notes)


MOST_NAMED = 3  # options named in a summarised multiple choice; the answers list them all


def _changes(
    index: Index,
    changes: list[Change],
    rows: list[ChangeRow],
    answers: dict[str, Any],
    arrow: str,
    lang: Lang,
) -> list[str]:
    """A project's changes, one line each; criteria of one item that the project raises are one
    line ('7.2 数据制度建设：4 条条款 → 完全符合'), each criterion being in the answers anyway."""
    items: dict[str, list[ChangeRow]] = {}
    for change, row in zip(changes, rows, strict=True):
        question = index.questions.get(change.target)
        if question is not None and question.level is not None:  # a criterion of a ladder
            items.setdefault(index.parent_of[change.target], []).append(row)
    lines = []
    for change, row in zip(changes, rows, strict=True):
        parent = index.parent_of.get(change.target, "")
        group = items.get(parent, [])
        if len(group) > 1 and row in group:
            if row is group[0]:
                goals = list(dict.fromkeys(r.goal for r in group))
                goal = goals[0] if len(goals) == 1 else label("goal.raised", lang)
                count = label("criteria", lang).format(n=len(group))
                lines.append(f"{index.dimensions[parent].title.get(lang)}{_colon(lang)}{count}{arrow}{goal}")
            continue
        lines.append(_change(index, change, row, answers, arrow, lang))
    return lines


def _colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def _change(
    index: Index, change: Change, row: ChangeRow, answers: dict[str, Any], arrow: str, lang: Lang
) -> str:
    """One change in the plan table: 'name: now → target'. A multiple choice is summed up —
    how many options now and after, the first few added by their short names — instead of
    every option's full text."""
    question = index.questions.get(change.target)
    name = row.name.rstrip("。.") + _colon(lang)  # a criterion is a sentence: no "。:"
    if question is None or question.kind != "multiple" or not isinstance(change.goal, list):
        return f"{name}{row.current or '—'}{arrow}{row.goal}"
    chosen = [c for c in (answers.get(change.target) or []) if isinstance(c, str)]
    added = [o for o in change.goal if o not in chosen]
    options = index.options[change.target]
    names = [_option_head(options[o].label.get(lang), lang) for o in added[:MOST_NAMED] if o in options]
    more = "…" if len(added) > MOST_NAMED else ""
    separator = "、" if lang == "zh" else "; "
    after = len(set(chosen) | set(change.goal))
    told = label("chosen", lang).format(now=len(chosen), after=after)
    if added:
        told += aside(label("added", lang).format(n=len(added), names=separator.join(names) + more), lang)
    return f"{name}{told}"


def _option_head(text: str, lang: Lang) -> str:
    """An option's name without its explanation ('培训：每年…' → '培训'), cut short."""
    head = re.split(r"[：:（(，,；;]", text, maxsplit=1)[0].strip() or text
    most = 20 if lang == "zh" else 48
    if len(head) <= most:
        return head
    if lang == "zh":
        return head[: most - 1].rstrip("、，；") + "…"
    return head[:most].rsplit(" ", 1)[0].rstrip(",; ") + "..."  # the font's … is a CJK one, centred


def _funding(funding: object, lang: Lang) -> str:
    if funding is None:
        return "—"
    parts = [
        f"{label(f'funding.{key}', lang)} {figure(getattr(funding, key))}"
        for key in ("enterprise", "subsidy", "other")
        if getattr(funding, key) is not None
    ]
    return ("；" if lang == "zh" else "; ").join(parts) or "—"


def _span(start: str | None, end: str | None) -> str:
    return f"{start or '?'} – {end or '?'}" if start or end else ""


def effects(q: Questionnaire, source: ReportInput, plan: Plan | None, lang: Lang) -> EffectsData:
    actuals = _actuals(source, lang)
    if plan is None:
        return EffectsData("", "", [], [], None, actuals=actuals)
    kpis = [
        [
            *kpi_words(q, kpi.name, kpi.unit, kpi.indicator, kpi.question, lang),
            figure(kpi.baseline) if kpi.baseline is not None else "—",
            figure(kpi.target) if kpi.target is not None else "—",
            signed(kpi.target - kpi.baseline) if kpi.target is not None and kpi.baseline is not None else "—",
        ]
        for kpi in plan.kpis
    ]
    planned = source.planned()
    if planned is None:
        return EffectsData("", "", [], kpis, None, actuals=actuals)
    current = source.result()
    result = outcome(q, source.answers, plan, lang, source.context())
    name = planned.level.name.get(lang) if planned.level else label("not_rated", lang)
    conditions = [(with_now(c, lang), c.met) for c in result.conditions]
    levels = target_level(source, lang) is not None  # a level score: no "/ target" as a maximum
    return EffectsData(
        name,
        figure(planned.score) if levels else f"{figure(planned.score)} / {figure(planned.max_score)}",
        conditions,
        kpis,
        _rank(q, planned) > _rank(q, current),
        actuals=actuals,
        parts=part_levels(planned, lang),
    )


def _actuals(source: ReportInput, lang: Lang) -> list[list[str]]:
    """For a re-assessment: each KPI of the baseline's plan with what was measured now."""
    if source.previous is None:
        return []
    found = effect.measure(side(source.previous), side(source)).kpis
    mark = {True: "met.yes", False: "met.no", None: "met.unknown"}
    q = source.loaded.questionnaire
    return [
        [
            *kpi_words(q, k.name, k.unit, None, None, lang),
            figure(k.baseline),
            figure(k.target),
            figure(k.actual),
            label(mark[k.met], lang),
        ]
        for k in found
    ]


# Units a provider types for a KPI of its own, for an English report (the questionnaire's own
# units are looked up in it first).
UNITS_EN = {
    "小时": "hours",
    "分钟": "minutes",
    "天": "days",
    "个月": "months",
    "月": "months",
    "年": "years",
    "次": "times",
    "人": "persons",
    "元": "CNY",
    "万元": "10k CNY",
    "台": "units",
    "套": "sets",
    "件": "items",
    "个": "items",
    "项": "items",
    "吨": "t",
    "千瓦时": "kWh",
}


def kpi_words(
    q: Questionnaire, name: str, unit: str | None, indicator: str | None, question: str | None, lang: Lang
) -> list[str]:
    """A KPI's name and unit in the report's language: the questionnaire's wording when the plan
    kept the Chinese name it drafted from (an English report never shows it), else as typed."""
    if lang == "zh":
        return [name, unit or "—"]
    spec = next((k for k in q.kpis if k.id == indicator), None)
    asked = index_of(q).questions.get(question or "")
    if spec is not None and name == spec.name.zh:
        name = spec.name.get(lang)
    elif asked is not None and name == asked.text.zh:
        name = asked.text.get(lang)
    return [name, _unit_en(q, unit) or "—"]


def _unit_en(q: Questionnaire, unit: str | None) -> str:
    if not unit:
        return ""
    index = index_of(q)
    known = [k.unit for k in q.kpis if k.unit] + [
        u for u in (getattr(x, "unit", None) for x in index.questions.values()) if u is not None
    ]
    found = next((u.get("en") for u in known if u.zh == unit and u.en), None)
    return found or UNITS_EN.get(unit, unit)


def side(source: ReportInput) -> effect.Side:
    """A report's assessment as the effect checks see it."""
    return effect.Side(
        source.loaded.questionnaire, source.answers, source.assessment, source.plan, source.timezone
    )


def missing(plan: Plan | None, lang: Lang) -> dict[str, list[str]]:
    """What an on-site diagnosis still lacks, by the report section that would hold it."""
    sections = {"process": "process", "findings": "findings", "projects": "plan", "kpis": "effects"}
    out: dict[str, list[str]] = {}
    for problem in missing_parts(plan or Plan()):
        key = sections.get(problem.part.split(".")[0], "method")  # the confirmation sits with the method
        out.setdefault(key, []).append(problem.message.text(lang))
    return out


def _rank(q: Questionnaire, result: ScoreResult) -> int:
    levels = [level.id for level in index_of(q).levels(index_of(q).root)]
    return levels.index(result.level.id) if result.level and result.level.id in levels else -1


def comparison(before_source: ReportInput, after_source: ReportInput, lang: Lang) -> ComparisonData:
    """Dimensions and scenes before and after, and why the level changed (which conditions of the
    new level are now met, or which of the old level are lost)."""
    before, after = before_source.result(), after_source.result()
    q_after = after_source.loaded.questionnaire

    def name(r: ScoreResult) -> str:
        level = r.level.name.get(lang) if r.level else label("not_rated", lang)
        return f"{level}（{figure(r.score)}）" if lang == "zh" else f"{level} ({figure(r.score)})"

    rows = []
    for node, depth in tree(after.root, 0):
        if not node.max_score or node.id == ROOT_ID:
            continue
        old = before.nodes.get(node.id)
        old_score = old.score if old and old.score is not None else None
        change = signed((node.score or 0) - old_score) if old_score is not None else "—"
        rows.append(["　" * depth + node.name.get(lang), figure(old_score), figure(node.score), change])
    scene_before = {
        row.name: row.level for row in scenes(before_source.loaded.questionnaire, before, lang)[0]
    }
    scene_rows = [
        [row.name, scene_before.get(row.name, "—"), row.level] for row in scenes(q_after, after, lang)[0]
    ]
    same = (before.level.id if before.level else None) == (after.level.id if after.level else None)
    meta = before_source.assessment
    baseline = label("baseline_cited", lang).format(
        number=meta.get("report_number") or "—",
        date=local_date(meta.get("finalized_at") or meta.get("created_at"), before_source.timezone) or "—",
    )
    found = effect.measure(side(before_source), side(after_source))
    checks = [(reason.text(lang), False) for reason in found.reasons] or [
        (label("effect.counts", lang), True)
    ]
    return ComparisonData(
        (name(before), name(after)), same, rows, scene_rows, _reasons(before, after, lang), baseline, checks
    )


def _reasons(before: ScoreResult, after: ScoreResult, lang: Lang) -> list[str]:
    same_level = (before.level.id if before.level else None) == (after.level.id if after.level else None)
    if same_level:
        unmet = after.next_level.unmet if after.next_level else []
        return [with_now(c, lang) for c in unmet]
    if after.level is not None and after.decided_by:
        met = [c for c in after.decided_by if c.met]
        return [with_now(c, lang) for c in met]
    lost = before.decided_by
    return [c.text.get(lang) for c in lost]


def confirmation(plan: Plan | None, lang: Lang) -> list[tuple[str, str]]:
    confirm = plan.confirmation if plan is not None else None
    opinion = (
        label(f"opinion.{confirm.opinion}", lang)
        if confirm and confirm.opinion
        else label("opinion.none", lang)
    )
    rows = [(label("opinion", lang), opinion)]
    if confirm is not None and confirm.remarks:
        rows.append((label("remarks", lang), confirm.remarks))
    rows.append(
        (label("satisfaction", lang), str(confirm.satisfaction) if confirm and confirm.satisfaction else "—")
    )
    if confirm is not None and (confirm.confirmed_by or confirm.date):
        rows.append(
            (label("confirmed_by", lang), " ".join(p for p in (confirm.confirmed_by, confirm.date) if p))
        )
    return rows
