"""Plausibility checks (数据核查): soft rules declared in the questionnaire that warn when answers
look wrong — a base year in the future, a share over 100 %, more digitised devices than devices.
They never change a score; a provider may resolve one with a note."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from diagnosis.model import DerivedQuestion, Plausibility, Questionnaire, Text
from diagnosis.model.formula import compile_formula
from diagnosis.model.index import Index


@dataclass(frozen=True)
class Alert:
    id: str
    message: Text
    questions: list[str]
    resolution: str | None = None  # the provider's note, when resolved

    @property
    def resolved(self) -> bool:
        return self.resolution is not None


def alerts_of(
    questionnaire: Questionnaire, warned: Collection[str], resolutions: Mapping[str, str] | None = None
) -> list[Alert]:
    """The alerts of the checks that hold, in questionnaire order: scoring reads every check
    once (`ScoreResult.warned`); resolved ones carry the provider's note."""
    return [
        Alert(check.id, check.message, _concerns(check), (resolutions or {}).get(check.id))
        for check in questionnaire.checks
        if check.id in warned
    ]


def voided_by(index: Index, check: Plausibility) -> list[str]:
    """What a hard check voids: its declared `voids`, else the questions it concerns and the
    derived questions computed from them."""
    if check.voids:
        return list(check.voids)
    concerned = _concerns(check)
    derived = [
        qid
        for qid, question in index.questions.items()
        if isinstance(question, DerivedQuestion)
        and set(compile_formula(question.formula).names) & set(concerned)
    ]
    return list(dict.fromkeys([*concerned, *derived]))


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
