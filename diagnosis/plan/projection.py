"""The level the plan reaches: the answers as they would be once every project's changes are
done, scored by the same engine."""

from __future__ import annotations

from typing import Any

from diagnosis.errors import DiagnosisError
from diagnosis.model import ChoiceQuestion, Questionnaire
from diagnosis.model.index import Index, index_of
from diagnosis.plan.model import Change, Plan
from diagnosis.scoring.answers import check_value
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import ScoreResult


def check_plan(plan: Plan, questionnaire: Questionnaire) -> list[str]:
    """What in the plan does not fit the questionnaire: unknown indicators, goals that are not
    answers to their question, ladder levels out of range."""
    index = index_of(questionnaire)
    known = index.questions.keys() | index.dimensions.keys()
    problems = [
        f"finding {n}: unknown indicator '{ref}'"
        for n, finding in enumerate(plan.findings, start=1)
        for ref in finding.refs
        if ref not in known
    ]
    problems += [
        f"KPI '{kpi.name[:40]}': unknown question '{kpi.question}'"
        for kpi in plan.kpis
        if kpi.question is not None and kpi.question not in index.questions
    ]
    for n, project in enumerate(plan.projects, start=1):
        for change in project.changes:
            problem = _change_problem(index, change)
            if problem:
                problems.append(f"project {n} ({project.name[:40]}): {problem}")
    problems += [
        f"resolution for unknown check '{key}'"
        for key in plan.resolutions
        if key not in _check_ids(questionnaire)
    ]
    return problems


def _check_ids(questionnaire: Questionnaire) -> set[str]:
    return {check.id for check in getattr(questionnaire, "checks", [])}


def _change_problem(index: Index, change: Change) -> str | None:
    question = index.questions.get(change.target)
    if question is not None:
        return (
            None
            if check_value(question, index.options[change.target], change.goal)[1] is None
            else (f"'{change.goal}' is not an answer to {change.target}")
        )
    dim = index.dimensions.get(change.target)
    if dim is None:
        return f"unknown indicator '{change.target}'"
    top = max((q.level or 0 for q in dim.questions), default=0)
    if dim.scoring.method != "ladder" or not isinstance(change.goal, int) or not 1 <= change.goal <= top:
        return (
            f"the goal of {change.target} must be a level from 1 to {top}"
            if top
            else (f"{change.target} has no levels to aim for; choose its questions instead")
        )
    return None


def projected_answers(questionnaire: Questionnaire, answers: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The answers once every project is done (later projects win where two change the same)."""
    index = index_of(questionnaire)
    projected = dict(answers)
    for project in plan.projects:
        for change in project.changes:
            if _change_problem(index, change) is not None:
                raise DiagnosisError(f"project '{project.name[:40]}': {_change_problem(index, change)}")
            projected |= _applied(index, change, projected)
    return projected


def _applied(index: Index, change: Change, answers: dict[str, Any]) -> dict[str, Any]:
    if change.target in index.questions:
        return {change.target: change.goal}
    # A ladder dimension at level n: every criterion up to n met, except those not applicable.
    out = {}
    for criterion in index.dimensions[change.target].questions:
        if not isinstance(criterion, ChoiceQuestion) or (criterion.level or 0) > change.goal:
            continue
        options = [o for o in index.options[criterion.id].values() if not o.not_applicable]
        current = index.options[criterion.id].get(answers.get(criterion.id, ""))
        if current is not None and current.not_applicable:
            continue
        out[criterion.id] = max(options, key=lambda o: o.points).id
    return out


def planned_result(
    questionnaire: Questionnaire, answers: dict[str, Any], plan: Plan, sha256: str | None = None
) -> ScoreResult:
    """The result the plan promises: the engine on the projected answers."""
    return score(questionnaire, projected_answers(questionnaire, answers, plan), sha256=sha256, strict=False)
