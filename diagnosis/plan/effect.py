"""Effect that is measured: a re-assessment compared with its baseline, older to newer, late enough
for the plan's projects to show, with the effect figures (revenue, energy, yield, cost …) entered
afresh, and each KPI's target set against what was measured.

The report's comparison, its expected results and the intake's effect tables use these checks;
an effect that fails one is shown with the reason and is not counted as effect.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from diagnosis.localtime import local_date
from diagnosis.messages import Items, Message, bilingual, msg
from diagnosis.model import Questionnaire
from diagnosis.model.formula import compile_formula
from diagnosis.model.index import index_of
from diagnosis.numbers import figure
from diagnosis.plan.consistency import kpi_direction
from diagnosis.plan.model import Plan
from diagnosis.scoring.evaluation import Evaluation


@dataclass(frozen=True)
class Side:
    """One assessment as the effect checks see it."""

    questionnaire: Questionnaire
    answers: dict[str, Any]
    assessment: dict[str, Any]  # created_at, finalized_at, report_number …
    plan: Plan | None = None
    zone: str | None = None

    @property
    def day(self) -> dt.date | None:
        """When it was assessed: the last visit, else the day it was finalized, else started."""
        visits = [v.date for v in self.plan.process.visits] if self.plan is not None else []
        if visits:
            return dt.date.fromisoformat(max(visits))
        stamp = self.assessment.get("finalized_at") or self.assessment.get("created_at")
        text = local_date(stamp, self.zone)
        return dt.date.fromisoformat(text) if text else None


@dataclass
class Effect:
    """What a reviewer needs before counting a re-assessment as effect."""

    not_updated: list[str] = field(default_factory=list)  # effect figures carried over unchanged
    too_early: Message | None = None
    kpis: list[KpiActual] = field(default_factory=list)

    @property
    def counts(self) -> bool:
        return not self.not_updated and self.too_early is None

    @property
    def reasons(self) -> list[Message]:
        out = [] if self.too_early is None else [self.too_early]
        if self.not_updated:
            out.append(msg("effect.not_updated", figures=Items(self.not_updated)))
        return out


@dataclass(frozen=True)
class KpiActual:
    name: str
    unit: str
    baseline: float | None
    target: float | None
    actual: float | None
    met: bool | None  # None: not measured (no indicator to compute it from)


def in_order(before: Side, after: Side, before_id: object, after_id: object) -> None:
    """Refuse a comparison that runs backwards: the baseline is the older assessment."""
    from diagnosis.errors import DiagnosisError

    first, second = before.day, after.day
    if first is not None and second is not None and first > second:
        raise DiagnosisError(
            msg(
                "effect.backwards",
                before=before_id,
                after=after_id,
                first=first.isoformat(),
                second=second.isoformat(),
            )
        )


def measure(before: Side, after: Side) -> Effect:
    """The checks of a re-assessment against its baseline (see the module docstring)."""
    found = judge(basis(before), basis(after))
    found.kpis = kpi_actuals(before.plan or after.plan, after)
    return found


@dataclass(frozen=True)
class Figures:
    """One effect indicator of an assessment: its name and the figures its formula reads."""

    zh: str
    en: str
    inputs: dict[str, Any]  # question id → the answer (absent questions are None)


@dataclass(frozen=True)
class Basis:
    """What the effect checks need of one assessment, small enough to keep without its
    questionnaire (the intake stores it with each claim, as `as_data`)."""

    day: dt.date | None
    ends: tuple[str, ...] = ()  # the plan's projects' end months (YYYY-MM)
    aimed: tuple[str, ...] = ()  # the indicators the plan's KPIs set out to move
    figures: dict[str, Figures] = field(default_factory=dict)  # by indicator id

    def as_data(self) -> dict[str, Any]:
        """Plain JSON data (`from_data` reads it back)."""
        return {
            "day": self.day.isoformat() if self.day else None,
            "ends": list(self.ends),
            "aimed": list(self.aimed),
            "figures": {k: [f.zh, f.en, f.inputs] for k, f in self.figures.items()},
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Basis:
        day = data.get("day")
        return cls(
            dt.date.fromisoformat(day) if day else None,
            tuple(data.get("ends") or ()),
            tuple(data.get("aimed") or ()),
            {k: Figures(zh, en, dict(inputs)) for k, (zh, en, inputs) in (data.get("figures") or {}).items()},
        )


def basis(side: Side) -> Basis:
    """One side's day, its plan's project ends and aims, and the figures of each effect indicator."""
    plan = side.plan
    index = index_of(side.questionnaire)
    figures = {}
    for spec in side.questionnaire.kpis:
        names = [n for n in sorted(compile_formula(spec.formula).names) if n in index.questions]
        if names:
            inputs = {n: side.answers.get(n) for n in names}
            figures[spec.id] = Figures(spec.name.zh, spec.name.en or spec.name.zh, inputs)
    aimed = [
        k.indicator
        for k in (plan.kpis if plan else [])
        if k.indicator and k.target is not None and k.target != k.baseline
    ]
    ends = [p.end for p in (plan.projects if plan else []) if p.end]
    return Basis(side.day, tuple(ends), tuple(dict.fromkeys(aimed)), figures)


def judge(before: Basis, after: Basis) -> Effect:
    """Whether a re-assessment (`after`) shows effect against its baseline (`before`): its
    figures measured again, and late enough. The report (`measure`) and the intake both ask here."""
    return Effect(not_updated=carried_figures(before, after), too_early=too_early(before, after))


def carried_figures(before: Basis, after: Basis) -> list[str]:
    """The effect indicators whose figures were carried over, not measured again: every input
    identical to the baseline's. Named when the plan set out to move the indicator (a target
    other than its baseline), or when every indicator's figures are unchanged (the whole set was
    copied; a year later, revenue and energy to the last digit do not repeat)."""
    earlier: dict[str, Any] = {}
    for found in before.figures.values():
        earlier |= found.inputs
    unchanged, given = [], 0
    for kpi, found in after.figures.items():
        if not all(_figure(v) for v in found.inputs.values()):
            continue
        given += 1
        if all(earlier.get(n) == v for n, v in found.inputs.items()):
            unchanged.append((kpi, found))
    every = bool(unchanged) and len(unchanged) == given
    return [bilingual(f.zh, f.en) for kpi, f in unchanged if every or kpi in before.aimed]


def _figure(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def too_early(before: Basis, after: Basis) -> Message | None:
    """A re-assessment on or before the end of the plan's earliest project, or on the baseline's day."""
    first, second = before.day, after.day
    if first is None or second is None:
        return None
    if second <= first:
        return msg("effect.same_day", first=first.isoformat(), second=second.isoformat())
    if not before.ends:
        return None
    earliest = min(before.ends)
    year, month = int(earliest[:4]), int(earliest[5:7])
    last_day = dt.date(year, month, calendar.monthrange(year, month)[1])
    if second <= last_day:
        return msg("effect.too_early", day=second.isoformat(), end=earliest)
    return None


def kpi_actuals(plan: Plan | None, after: Side) -> list[KpiActual]:
    """Each KPI of the plan with what the re-assessment's answers give for it."""
    if plan is None:
        return []
    specs = {k.id: k for k in after.questionnaire.kpis}
    evaluation = Evaluation(index_of(after.questionnaire), after.answers)
    out = []
    for kpi in plan.kpis:
        spec = specs.get(kpi.indicator or "")
        actual = evaluation.compute(spec.formula) if spec is not None else None
        better = kpi_direction(kpi, after.questionnaire)
        met = None
        if actual is not None and kpi.target is not None and better is not None:
            met = actual >= kpi.target - 1e-9 if better == "higher" else actual <= kpi.target + 1e-9
        out.append(KpiActual(kpi.name, kpi.unit or "", kpi.baseline, kpi.target, actual, met))
    return out


def shown(value: float | None) -> str:
    return figure(value)
