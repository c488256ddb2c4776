"""The plan's outcome as plain text for the command line (`diagnosis plan ID --summary`)."""

from __future__ import annotations

from typing import Any

from diagnosis.model import Lang, Questionnaire
from diagnosis.numbers import amount, figure
from diagnosis.plan.model import Plan
from diagnosis.plan.outcome import Outcome, outcome
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult


def summarize(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    plan: Plan,
    lang: Lang = "zh",
    context: Context | None = None,
) -> str:
    """The plan's outcome on these answers: the standing lines, then each project with its period,
    cost and the changes it makes (the caller reads them from the store, as for `draft_plan`;
    `context` is what scoring reads beside the answers, see `scoring.context`)."""
    result = outcome(questionnaire, answers, plan, lang, context)
    lines = standing_lines(result, lang)
    for project in result.projects:
        cost = amount(project.budget, lang) if project.budget is not None else ""
        lines.append(f"- {project.name}  {project.period}  {cost}".rstrip())
        lines += [f"    {row.name}: {row.current or '—'} → {row.goal}" for row in project.changes]
    return "\n".join(lines) + "\n"


def standing_lines(result: Outcome, lang: Lang) -> list[str]:
    """Now and planned (score and level), the planned level's conditions met (√) or not (×), the
    number of projects with the budget, and the period: what the wizard shows beside the plan."""
    zh = lang == "zh"
    lines = [_standing("现状" if zh else "Now", result.current, lang)]
    lines.append(_standing("规划后" if zh else "Planned", result.planned, lang))
    lines += [f"  {'√' if c.met else '×'} {c.text.get(lang)}" for c in result.conditions]
    budget = amount(result.budget, lang)
    lines.append(
        f"{'项目' if zh else 'Projects'}: {len(result.projects)}    {'预算' if zh else 'Budget'}: {budget}"
    )
    if result.start or result.end:
        lines.append(f"{'周期' if zh else 'Period'}: {result.start or '?'} – {result.end or '?'}")
    return lines


def _standing(label: str, result: ScoreResult, lang: Lang) -> str:
    level: Any = result.level
    name = level.name.get(lang) if level is not None else ("未定级" if lang == "zh" else "not rated")
    return f"{label}: {figure(result.score)} / {figure(result.max_score)}  {name}"
