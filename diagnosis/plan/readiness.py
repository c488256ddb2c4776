"""What must be true before an on-site diagnosis is finalized: a visit with its date, place and
assessors; the problems and needs; a plan (or why none is proposed); the expected results; the
enterprise's confirmation — and a plan whose figures hold together. A self-assessment needs only
the last. `finalize`, the wizard's review page and the report's empty sections all ask here."""

from __future__ import annotations

from typing import Any

from diagnosis.messages import Items, msg
from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.numbers import figure
from diagnosis.plan.consistency import Dates, PlanProblem, contradictions, no_effect_warning
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import planned_result, projected_answers
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Evaluation

# The parts an on-site diagnosis must hold, in the order the report and the wizard show them.
PARTS = ("process", "findings", "projects", "kpis", "confirmation")
KPI_TOLERANCE = 0.005  # a target within half a percent of what the projects give is theirs


def finalize_blockers(
    plan: Plan, *, onsite: bool, dates: Dates, questionnaire: Questionnaire, answers: dict[str, Any]
) -> list[PlanProblem]:
    """Everything that stops finalizing, each with where to mend it (none: ready)."""
    problems = contradictions(plan, dates, questionnaire)
    problems += kpi_against_projects(plan, questionnaire, answers)
    if onsite:
        problems = missing_parts(plan) + problems
    if plan.projects:
        current = score(questionnaire, answers, strict=False, gaps=False)
        planned = planned_result(questionnaire, answers, plan, gaps=False)
        warning = no_effect_warning(plan, current, planned)
        problems += [warning] if warning else []
    return problems


def missing_parts(plan: Plan) -> list[PlanProblem]:
    """The parts of an on-site diagnosis that are not filled in yet."""
    out = _process_missing(plan)
    if not plan.findings and not (plan.needs_text or "").strip():
        out.append(PlanProblem("findings", msg("ready.findings"), False))
    if not plan.projects and not (plan.no_project_reason or "").strip():
        out.append(PlanProblem("projects", msg("ready.projects"), False))
    expects_results = plan.projects or not (plan.no_project_reason or "").strip()
    if expects_results and not any(k.target is not None for k in plan.kpis):
        out.append(PlanProblem("kpis", msg("ready.kpis"), False))
    confirm = plan.confirmation
    lacking = [
        msg(f"ready.confirmation.{key}")
        for key, value in (("opinion", confirm.opinion), ("by", confirm.confirmed_by), ("date", confirm.date))
        if not value
    ]
    if lacking:
        out.append(PlanProblem("confirmation", msg("ready.confirmation", parts=Items(lacking)), False))
    return out


def missing_sections(plan: Plan | None) -> set[str]:
    """Which of PARTS an on-site report must say are missing (its sections never close up)."""
    if plan is None:
        return set(PARTS)
    return {problem.part.split(".")[0] for problem in missing_parts(plan)}


def _process_missing(plan: Plan) -> list[PlanProblem]:
    visits = plan.process.visits
    if not visits:
        return [PlanProblem("process.visits", msg("ready.no_visit"), False)]
    out = []
    for n, visit in enumerate(visits):
        lacking = []
        if not (visit.place or "").strip():
            lacking.append(msg("ready.visit.place"))
        if not visit.assessors and not plan.process.assessors:
            lacking.append(msg("ready.visit.assessors"))
        if lacking:
            out.append(
                PlanProblem(
                    f"process.visits.{n}",
                    msg("ready.visit", n=n + 1, date=visit.date, parts=Items(lacking)),
                    False,
                )
            )
    return out


def kpi_against_projects(
    plan: Plan, questionnaire: Questionnaire, answers: dict[str, Any]
) -> list[PlanProblem]:
    """A KPI that measures one of the questionnaire's indicators, whose inputs the projects change,
    aims at what the projects give (a target of 84.5 % networked devices next to a project that
    takes 38 of 142 devices to 60 contradicts itself)."""
    specs = {k.id: k for k in questionnaire.kpis}
    linked = [(n, k) for n, k in enumerate(plan.kpis) if k.indicator in specs and k.target is not None]
    if not linked or not plan.projects:
        return []
    index = index_of(questionnaire)
    try:
        after = Evaluation(index, projected_answers(questionnaire, answers, plan))
    except Exception:
        return []
    before = Evaluation(index, answers)
    out = []
    for n, kpi in linked:
        formula = specs[kpi.indicator].formula  # type: ignore[index]
        was, will = before.compute(formula), after.compute(formula)
        if was is None or will is None or abs(will - was) <= 1e-9 or kpi.target is None:
            continue
        if abs(kpi.target - will) > KPI_TOLERANCE * max(abs(will), 1.0):
            out.append(
                PlanProblem(
                    f"kpis.{n}.target",
                    msg(
                        "plan.kpi_not_projects",
                        n=n + 1,
                        name=kpi.name[:40],
                        target=figure(kpi.target),
                        planned=figure(will),
                    ),
                    False,
                )
            )
    return out
