"""What makes a plan hold together: money that adds up, dates in order, targets on the better
side of their baselines, and spending that changes something.

Each rule is one function here; `plan --set`, the wizard's tables, finalize, the report and the
intake call them and nothing else decides. A problem is either `refused` (never stored: the
figures contradict each other) or not (stored while the provider is still typing, but the
assessment cannot be finalized until it is mended).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from diagnosis.messages import Message, msg
from diagnosis.model import Questionnaire
from diagnosis.numbers import figure
from diagnosis.plan.model import Kpi, Plan, Project

YUAN = 0.00005  # amounts are in 万元 (0.0001 is one yuan): half a yuan of binary noise is allowed
FUNDING_PARTS = ("enterprise", "subsidy", "other")
NO_EFFECT = "plan.no_effect"  # the plan's own warning, explained in `Plan.resolutions`
PLAN_WARNINGS = frozenset({NO_EFFECT})


@dataclass(frozen=True)
class PlanProblem:
    """One problem of a plan: where it is (`projects.2.funding`, `kpis.0.target` …, for the
    wizard to go there), what is wrong, and whether it is refused outright."""

    part: str
    message: Message
    refused: bool = True


@dataclass(frozen=True)
class Dates:
    """The days a plan's dates are checked against, in local time."""

    today: dt.date
    created: dt.date  # the assessment was started
    finalized: dt.date | None = None


def contradictions(plan: Plan, dates: Dates, questionnaire: Questionnaire | None = None) -> list[PlanProblem]:
    """Every problem of the plan's figures and dates (money, visits, confirmation, projects, KPIs)."""
    problems = [p for n, project in enumerate(plan.projects) for p in project_money(n, project)]
    problems += visit_dates(plan, dates) + confirmation_date(plan, dates) + project_dates(plan, dates)
    problems += [p for n, kpi in enumerate(plan.kpis) for p in kpi_target(n, kpi, questionnaire)]
    return problems


def project_money(n: int, project: Project) -> list[PlanProblem]:
    """The funding split of one project adds up to its budget, to the yuan; no part exceeds it."""
    where, name = f"projects.{n}.funding", _name(project.name)
    parts = {
        key: getattr(project.funding, key)
        for key in FUNDING_PARTS
        if project.funding is not None and getattr(project.funding, key) is not None
    }
    total = sum(parts.values())
    budget = project.budget
    if budget is None:
        if parts:
            return [
                PlanProblem(
                    where, msg("plan.funding_without_budget", n=n + 1, name=name, total=_money(total))
                )
            ]
        return []
    over = [key for key, value in parts.items() if value > budget + YUAN]
    if over:
        key = over[0]
        return [
            PlanProblem(
                f"projects.{n}.{key}",
                msg(
                    "plan.part_over_budget",
                    n=n + 1,
                    name=name,
                    part=msg(f"plan.funding.{key}"),
                    value=_money(parts[key]),
                    budget=_money(budget),
                ),
            )
        ]
    if total > budget + YUAN:
        return [
            PlanProblem(
                where,
                msg(
                    "plan.funding_over_budget", n=n + 1, name=name, total=_money(total), budget=_money(budget)
                ),
            )
        ]
    if budget > YUAN and not parts:
        return [
            PlanProblem(where, msg("plan.funding_missing", n=n + 1, name=name, budget=_money(budget)), False)
        ]
    if total < budget - YUAN:
        return [
            PlanProblem(
                where,
                msg(
                    "plan.funding_short",
                    n=n + 1,
                    name=name,
                    total=_money(total),
                    budget=_money(budget),
                    gap=_money(budget - total),
                ),
                False,
            )
        ]
    return []


def visit_dates(plan: Plan, dates: Dates) -> list[PlanProblem]:
    """A visit has happened: it is not after today (nor after the finalize day)."""
    last = dates.finalized or dates.today
    return [
        PlanProblem(
            f"process.visits.{n}.date",
            msg("plan.visit_after", n=n + 1, date=visit.date, last=last.isoformat()),
        )
        for n, visit in enumerate(plan.process.visits)
        if dt.date.fromisoformat(visit.date) > last
    ]


def confirmation_date(plan: Plan, dates: Dates) -> list[PlanProblem]:
    """The enterprise confirms what it has seen: on or after the last visit, not in the future."""
    day = plan.confirmation.date
    if day is None:
        return []
    last_visit = max((v.date for v in plan.process.visits), default=None)
    if last_visit is not None and day < last_visit:
        return [
            PlanProblem("confirmation.date", msg("plan.confirmed_before_visit", date=day, visit=last_visit))
        ]
    if dt.date.fromisoformat(day) > (dates.finalized or dates.today):
        return [PlanProblem("confirmation.date", msg("plan.confirmed_in_future", date=day))]
    return []


def project_dates(plan: Plan, dates: Dates) -> list[PlanProblem]:
    """Projects follow the diagnosis: none starts before the month it began."""
    began = diagnosis_began(plan, dates)
    month = began.isoformat()[:7]
    return [
        PlanProblem(
            f"projects.{n}.start",
            msg(
                "plan.project_before_diagnosis",
                n=n + 1,
                name=_name(p.name),
                start=p.start,
                began=began.isoformat(),
            ),
        )
        for n, p in enumerate(plan.projects)
        if p.start is not None and p.start < month
    ]


def diagnosis_began(plan: Plan, dates: Dates) -> dt.date:
    """The first visit, or the day the assessment was started when it was earlier (or no visit)."""
    visits = [dt.date.fromisoformat(v.date) for v in plan.process.visits]
    return min([dates.created, *visits])


def kpi_direction(kpi: Kpi, questionnaire: Questionnaire | None) -> str | None:
    """'higher' or 'lower': the KPI's own, else that of the questionnaire's indicator it measures."""
    if kpi.better is not None or questionnaire is None or kpi.indicator is None:
        return kpi.better
    spec = next((k for k in questionnaire.kpis if k.id == kpi.indicator), None)
    return spec.better if spec is not None else None


def kpi_target(n: int, kpi: Kpi, questionnaire: Questionnaire | None) -> list[PlanProblem]:
    """A target on the better side of its baseline (or equal); the direction must be known."""
    if kpi.baseline is None or kpi.target is None:
        return []
    where, name = f"kpis.{n}.target", _name(kpi.name)
    better = kpi_direction(kpi, questionnaire)
    if better is None:
        return [PlanProblem(f"kpis.{n}.better", msg("plan.kpi_no_direction", n=n + 1, name=name), False)]
    worse = kpi.target < kpi.baseline if better == "higher" else kpi.target > kpi.baseline
    if worse:
        return [
            PlanProblem(
                where,
                msg(
                    f"plan.kpi_worse_{better}",
                    n=n + 1,
                    name=name,
                    target=figure(kpi.target),
                    baseline=figure(kpi.baseline),
                ),
            )
        ]
    return []


def changes_nothing(plan: Plan, current: Any, planned: Any) -> bool:
    """A plan that spends money but moves neither the level, the score nor any KPI."""
    if plan.budget_total <= YUAN:
        return False
    same_level = (current.level.id if current.level else None) == (
        planned.level.id if planned.level else None
    )
    moves_kpi = any(
        k.target is not None and k.baseline is not None and k.target != k.baseline for k in plan.kpis
    )
    return same_level and abs(planned.score - current.score) < 1e-9 and not moves_kpi


def no_effect_warning(plan: Plan, current: Any, planned: Any) -> PlanProblem | None:
    """The warning a provider must explain (in `resolutions`) before finalizing a plan that
    changes nothing; None when it changes something or is explained."""
    if not changes_nothing(plan, current, planned) or plan.resolutions.get(NO_EFFECT, "").strip():
        return None
    return PlanProblem("projects", msg("plan.no_effect", budget=_money(plan.budget_total)), False)


def _money(value: float) -> str:
    return figure(value, 4)


def _name(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
