"""What a reviewer looks at first, before any level: how many plausibility warnings are still
unexplained and how much of the expected evidence is attached. The cover, `verify` and the
intake state the same two figures from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from diagnosis.messages import msg
from diagnosis.model import Text
from diagnosis.numbers import figure
from diagnosis.outcome import evidence_expected
from diagnosis.plan.consistency import NO_EFFECT, changes_nothing
from diagnosis.scoring.plausibility import Alert, alerts_of

if TYPE_CHECKING:
    from diagnosis.loading.load import Loaded
    from diagnosis.plan.model import Plan
    from diagnosis.scoring.evaluation import Context
    from diagnosis.scoring.result import ScoreResult


class Assessed(Protocol):
    """One assessment with its answers scored: the report's `ReportInput`, or what the intake
    reads from a received document (`intake.columns.Source`)."""

    loaded: Loaded
    answers: dict[str, Any]
    evidence: list[dict[str, Any]]
    plan: Plan | None

    def context(self) -> Context: ...

    def result(self) -> ScoreResult: ...

    def planned(self) -> ScoreResult | None: ...


@dataclass(frozen=True)
class Standing:
    open_warnings: int
    evidence_expected: int  # shown questions that call for evidence
    evidence_attached: int  # … of which have some attached

    @property
    def evidence_share(self) -> float | None:
        """0–1, None where nothing calls for evidence."""
        return self.evidence_attached / self.evidence_expected if self.evidence_expected else None


def checks(source: Assessed) -> list[Alert]:
    """The questionnaire's plausibility checks that warn on these answers, and the plan's own
    (money that changes nothing); resolved ones carry the provider's note. What the report lists,
    `score` prints and the wizard shows."""
    resolutions = source.context().resolutions
    found = alerts_of(source.loaded.questionnaire, source.result().warned, resolutions)  # scored once
    plan, planned = source.plan, source.planned()
    if plan is not None and planned is not None and changes_nothing(plan, source.result(), planned):
        warning = msg("plan.no_effect", budget=figure(plan.budget_total, 4))
        text = Text(zh=warning.text("zh"), en=warning.text("en"))
        found.append(Alert(NO_EFFECT, text, [], resolutions.get(NO_EFFECT)))
    return found


def standing(source: Assessed) -> Standing:
    """The unexplained warnings and the evidence attached of what was asked for."""
    expected = evidence_expected(source.loaded.questionnaire, source.result())
    attached = {e.get("question_id") for e in source.evidence}
    return Standing(
        open_warnings=sum(not alert.resolved for alert in checks(source)),
        evidence_expected=len(expected),
        evidence_attached=sum(qid in attached for qid in expected),
    )
