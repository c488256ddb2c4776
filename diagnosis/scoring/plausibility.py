"""Plausibility checks (数据核查): soft rules declared in the questionnaire that warn when answers
look wrong — a base year in the future, a share over 100 %, more digitised devices than devices.
They never change a score; a provider may resolve one with a note."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diagnosis.model import Plausibility, Questionnaire, Text
from diagnosis.model.formula import compile_formula
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import check_value
from diagnosis.scoring.evaluation import Context, Evaluation


@dataclass(frozen=True)
class Alert:
    id: str
    message: Text
    questions: list[str]
    resolution: str | None = None  # the provider's note, when resolved

    @property
    def resolved(self) -> bool:
        return self.resolution is not None


def alerts(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    context: Context | None = None,
    resolutions: Mapping[str, str] | None = None,
) -> list[Alert]:
    """The checks whose condition holds for these answers, in questionnaire order."""
    index = index_of(questionnaire)
    clean = {
        qid: value
        for qid, value in answers.items()
        if qid in index.questions
        and value is not None
        and check_value(index.questions[qid], index.options[qid], value)[1] is None
    }
    evaluation = Evaluation(index, clean, context)  # type: ignore[arg-type]
    found = []
    for check in questionnaire.checks:
        if evaluation.holds(check.warn_if):
            note = (resolutions or {}).get(check.id)
            found.append(Alert(check.id, check.message, _concerns(check), note))
    return found


def context_of(created_at: str | None, timezone: str | None, enterprise: Mapping[str, Any]) -> Context:
    """What checks read beside the answers: the year the assessment was made (local time) and
    the enterprise's record. The report, `score` and the wizard all build it here."""
    from diagnosis.localtime import local

    made = local(created_at, timezone)
    return Context(assessment_year=made.year if made else None, enterprise=dict(enterprise))


def _concerns(check: Plausibility) -> list[str]:
    """Where the warning shows: the declared questions, else every question it reads."""
    if check.questions:
        return list(check.questions)
    return list(dict.fromkeys(_reads(check.warn_if)))


def _reads(cond: Any) -> list[str]:
    found: list[str] = []
    answer = getattr(cond, "answer", None)
    if answer is not None:
        found.append(answer.question)
    value = getattr(cond, "value", None)
    if value is not None and hasattr(value, "formula"):
        found += [n for n in compile_formula(value.formula).names if n != "assessment_year"]
    for key in ("all", "any"):
        for part in getattr(cond, key, None) or []:
            found += _reads(part)
    inner = getattr(cond, "not_", None)
    if inner is not None:
        found += _reads(inner)
    return found
