"""An open assessment as the wizard works on it: the store holds the truth, this only reads and
writes through it, so nothing the person sees as saved lives only in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diagnosis import flow
from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.messages import Message, msg
from diagnosis.model import Questionnaire
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult
from diagnosis.storage.answers import UNCHANGED, prefilled, review_flags, set_answer, set_answers, set_review
from diagnosis.storage.assessments import (
    answers_of,
    get_assessment,
    questionnaire_of,
    score_assessment,
    scoring_context,
)
from diagnosis.storage.db import Store
from diagnosis.storage.evidence import attach, evidence_of, remove_evidence


@dataclass
class Session:
    store: Store
    assessment_id: int
    loaded: Loaded

    @classmethod
    def open(cls, store: Store, assessment_id: int) -> Session:
        return cls(store, assessment_id, questionnaire_of(store, assessment_id))

    @property
    def questionnaire(self) -> Questionnaire:
        return self.loaded.questionnaire

    @property
    def finalized(self) -> bool:
        return bool(get_assessment(self.store, self.assessment_id)["status"] == "finalized")

    @property
    def read_only(self) -> bool:
        """Nothing may change: finalized, or the database belongs to a newer version of the app."""
        return self.store.newer is not None or self.finalized

    def answers(self) -> dict[str, Any]:
        return answers_of(self.store, self.assessment_id)[0]

    def notes(self) -> dict[str, str]:
        return answers_of(self.store, self.assessment_id)[1]

    def answer(self, question_id: str, value: Any = UNCHANGED, note: Any = UNCHANGED) -> None:
        """Commit an answer and/or note durably; raises a DiagnosisError with a sentence on failure."""
        set_answer(self.store, self.assessment_id, question_id, value, note)

    def answer_all(
        self, values: dict[str, Any], reason: str, notes: dict[str, str] | None = None
    ) -> list[str]:
        """Commit several answers (and notes) in one transaction; returns the questions that changed."""
        return set_answers(self.store, self.assessment_id, values, reason, notes)

    def prefilled(self) -> dict[str, Message]:
        """Answers still as taken from another assessment, with where from (a question's `prefill`)."""
        return prefilled(self.store, self.assessment_id)

    def flagged(self) -> set[str]:
        """Questions marked as needing review."""
        return review_flags(self.store, self.assessment_id)

    def flag(self, question_id: str, on: bool) -> None:
        set_review(self.store, self.assessment_id, question_id, on)

    @property
    def uid(self) -> str:
        return str(get_assessment(self.store, self.assessment_id)["uid"])

    def attach(self, question_id: str, file: Path) -> None:
        attach(self.store, self.assessment_id, question_id, file)

    def detach(self, evidence_id: int) -> None:
        """Remove a wrongly attached file (only this assessment's, only while a draft)."""
        if not any(e["id"] == evidence_id for e in evidence_of(self.store, self.assessment_id)):
            raise DiagnosisError(msg("storage.evidence_elsewhere", id=evidence_id))
        remove_evidence(self.store, evidence_id)

    def evidence(self, question_id: str) -> list[dict[str, Any]]:
        return [e for e in evidence_of(self.store, self.assessment_id) if e["question_id"] == question_id]

    def result(self) -> ScoreResult:
        return score_assessment(self.store, self.assessment_id)[0]

    def context(self) -> Context:
        """What scoring reads beside the answers (notes, enterprise, explanations)."""
        return scoring_context(self.store, self.assessment_id)

    def resume_point(self) -> str | None:
        return flow.resume_point(self.questionnaire, self.answers())

    def step(self, current: str | None, delta: int) -> str | None:
        return flow.step(self.questionnaire, self.answers(), current, delta)
