"""What a reviewer looks at first, before any level: how many plausibility warnings are still
unexplained and how much of the expected evidence is attached. The cover, `verify` and the
intake state the same two figures from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from diagnosis.model.index import index_of

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput


@dataclass(frozen=True)
class Standing:
    open_warnings: int
    evidence_expected: int  # shown questions that call for evidence
    evidence_attached: int  # … of which have some attached

    @property
    def evidence_share(self) -> float | None:
        """0–1, None where nothing calls for evidence."""
        return self.evidence_attached / self.evidence_expected if self.evidence_expected else None


def standing(source: ReportInput) -> Standing:
    from diagnosis.report.appendix import checks, expects_evidence

    result = source.result()
    index = index_of(source.loaded.questionnaire)
    expected = [
        qid for qid, q in index.questions.items() if expects_evidence(q) and result.questions[qid].visible
    ]
    attached = {e.get("question_id") for e in source.evidence}
    return Standing(
        open_warnings=sum(not alert.resolved for alert in checks(source)),
        evidence_expected=len(expected),
        evidence_attached=sum(qid in attached for qid in expected),
    )
