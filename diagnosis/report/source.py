"""What a report is built from, and the verification payload embedded in the PDF.

The payload holds everything needed to recompute the report's result offline: the pinned
questionnaire (id, version, sha256), the answers and notes, enterprise and assessment details,
evidence hashes and the declared result. Its SHA-256 digest is printed on every page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import Field

from diagnosis.loading.load import Loaded
from diagnosis.model.base import Id
from diagnosis.records import (
    ASSESSMENT_FIELDS,
    ENTERPRISE_FIELDS,
    EVIDENCE_REF_FIELDS,
    AssessmentSection,
    EnterpriseSection,
    EvidenceRef,
    Note,
    QuestionnaireRef,
    Record,
)
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import ScoreResult

PAYLOAD_FORMAT = "diagnosis-report-data/1"
EVIDENCE_KEYS = EVIDENCE_REF_FIELDS


class DeclaredResult(Record):
    score: float = Field(allow_inf_nan=False)
    max_score: float = Field(allow_inf_nan=False)
    level: Id | None


class PreviousPayload(Record):
    questionnaire: QuestionnaireRef
    assessment: AssessmentSection
    answers: dict[Id, Any]
    result: DeclaredResult


class ReportPayload(Record):
    """The embedded data as `verify` reads it from a stranger's PDF: validated before use."""

    format: Literal["diagnosis-report-data/1"]
    questionnaire: QuestionnaireRef
    enterprise: EnterpriseSection
    assessment: AssessmentSection
    answers: dict[Id, Any]
    notes: dict[Id, Note]
    evidence: list[EvidenceRef]
    result: DeclaredResult
    previous: PreviousPayload | None = None


@dataclass
class ReportInput:
    """One assessment as the report sees it (from the database or from an answers file)."""

    loaded: Loaded
    answers: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    enterprise: dict[str, Any] = field(default_factory=dict)
    assessment: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    previous: ReportInput | None = None

    def result(self) -> ScoreResult:
        return score(self.loaded.questionnaire, self.answers, sha256=self.loaded.sha256, strict=False)


def payload(source: ReportInput) -> dict[str, Any]:
    """The verification payload: plain JSON data, canonical once serialised by `canonical`."""
    result = source.result()
    data: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "questionnaire": {
            "id": source.loaded.questionnaire.id,
            "version": source.loaded.questionnaire.version,
            "sha256": source.loaded.sha256,
        },
        "enterprise": {k: source.enterprise.get(k) for k in ENTERPRISE_FIELDS},
        "assessment": {k: source.assessment.get(k) for k in ASSESSMENT_FIELDS},
        "answers": source.answers,
        "notes": source.notes,
        "evidence": [{k: e.get(k) for k in EVIDENCE_KEYS} for e in source.evidence],
        "result": {
            "score": round(result.score, 4),
            "max_score": round(result.max_score, 4),
            "level": result.level.id if result.level else None,
        },
    }
    if source.previous is not None:
        before = payload(source.previous)
        data["previous"] = {k: before[k] for k in ("questionnaire", "assessment", "answers", "result")}
    return data


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def verification_code(full_digest: str) -> str:
    """The short form printed on every page: 16 hex digits in groups of four."""
    short = full_digest[:16].upper()
    return "-".join(short[i : i + 4] for i in range(0, 16, 4))


def report_number(source: ReportInput) -> str:
    """Stable for one assessment revision: questionnaire, date, assessment uid, revision."""
    meta = source.assessment
    day = str(meta.get("finalized_at") or meta.get("updated_at") or meta.get("created_at") or "")[:10]
    uid = str(meta.get("uid") or digest({"answers": source.answers})[:8])
    return (
        f"{source.loaded.questionnaire.id.upper()}-{day.replace('-', '') or '00000000'}-{uid[:6].upper()}"
        f"-R{meta.get('revision') or 1}"
    )
