"""The level the plan reaches: the answers as they would be once every project's changes are
done, scored by the same engine."""

from __future__ import annotations

from typing import Any

from diagnosis.errors import DiagnosisError
from diagnosis.messages import bilingual, msg
from diagnosis.model import ChoiceQuestion, Lang, Questionnaire
from diagnosis.model.index import Index, index_of
from diagnosis.plan.consistency import PLAN_WARNINGS
from diagnosis.plan.model import Change, Plan
from diagnosis.scoring.answers import check_value
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult


def check_plan(plan: Plan, questionnaire: Questionnaire, lang: Lang | None = None) -> list[str]:
    """What in the plan does not fit the questionnaire: unknown indicators, goals that are not
    answers to their question, ladder levels out of range, as messages. An indicator is named by
    its Chinese text in Chinese; in English by its text when `lang` is given (the wizard), else by
    its id (what `plan --set` prints, for files people edit by hand)."""
    index = index_of(questionnaire)
    known = index.questions.keys() | index.dimensions.keys()

    def say(key: str, **values: object) -> str:
        return msg(f"projection.{key}", **values)

    problems = [
        say("finding", n=n, ref=ref)
        for n, finding in enumerate(plan.findings, start=1)
        for ref in finding.refs
        if ref not in known
    ]
    problems += [
        say("kpi", name=kpi.name[:40], ref=kpi.question)
        for kpi in plan.kpis
        if kpi.question is not None and kpi.question not in index.questions
    ]
    for n, project in enumerate(plan.projects, start=1):
        for change in project.changes:
            problem = _change_problem(index, change)
            if problem:
                key, values = problem
                named = values | {"indicator": _named(index, change.target, lang)}
                problems.append(say("project", n=n, name=project.name[:40], problem=say(key, **named)))
    problems += [
        say("resolution", ref=key) for key in plan.resolutions if key not in _check_ids(questionnaire)
    ]
    return problems


def _named(index: Index, target: str, lang: Lang | None) -> str:
    node = index.questions.get(target)
    text = node.text if node is not None else getattr(index.dimensions.get(target), "title", None)
    if text is None:
        return target
    return bilingual(text.zh, text.get("en") if lang is not None else target)


def _check_ids(questionnaire: Questionnaire) -> set[str]:
    """The warnings a provider may explain: the questionnaire's checks and the plan's own."""
    return {check.id for check in getattr(questionnaire, "checks", [])} | PLAN_WARNINGS


def _change_problem(index: Index, change: Change) -> tuple[str, dict[str, object]] | None:
    """What is wrong with one change, as a message code (projection.*) and its values (None: nothing)."""
    question = index.questions.get(change.target)
    if question is not None:
        valid = check_value(question, index.options[change.target], change.goal)[1] is None
        return None if valid else ("not_an_answer", {"goal": change.goal})
    dim = index.dimensions.get(change.target)
    if dim is None:
        return "unknown", {"ref": change.target}
    top = max((q.level or 0 for q in dim.questions), default=0)
    if dim.scoring.method != "ladder" or not isinstance(change.goal, int) or not 1 <= change.goal <= top:
        return ("level_range", {"top": top}) if top else ("no_levels", {})
    return None


def projected_answers(questionnaire: Questionnaire, answers: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """The answers once every project is done (later projects win where two change the same)."""
    index = index_of(questionnaire)
    projected = dict(answers)
    for project in plan.projects:
        for change in project.changes:
            problem = _change_problem(index, change)
            if problem is not None:
                key, values = problem
                text = msg(f"projection.{key}", **values, indicator=change.target)
                raise DiagnosisError(msg("projection.of_project", name=project.name[:40], problem=text))
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
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    plan: Plan,
    sha256: str | None = None,
    gaps: bool = True,
    context: Context | None = None,
) -> ScoreResult:
    """The result the plan promises: the engine on the projected answers (read with the same
    context as the answers today: the same reasons for 不适用, the same explanations)."""
    projected = projected_answers(questionnaire, answers, plan)
    return score(questionnaire, projected, sha256=sha256, strict=False, gaps=gaps, context=context)
