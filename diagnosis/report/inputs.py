"""Where report input comes from: a stored assessment, or an answers file (no database needed)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from diagnosis.loading.load import Loaded
from diagnosis.records import ASSESSMENT_FIELDS, ENTERPRISE_FIELDS
from diagnosis.report.source import ReportInput
from diagnosis.scoring.answers import AnswersFile


def from_store(store: Any, assessment_id: int, previous_id: int | None = None) -> ReportInput:
    """A stored assessment, optionally with an earlier one of the same enterprise to compare."""
    from diagnosis.storage.assessments import answers_of, get_assessment, questionnaire_of
    from diagnosis.storage.enterprises import get_enterprise
    from diagnosis.storage.evidence import evidence_of
    from diagnosis.storage.plans import get_plan

    row = get_assessment(store, assessment_id)
    answers, notes = answers_of(store, assessment_id)
    source = ReportInput(
        loaded=questionnaire_of(store, assessment_id),
        answers=answers,
        notes=notes,
        enterprise=get_enterprise(store, row["enterprise_id"]),
        assessment={k: row[k] for k in ASSESSMENT_FIELDS},
        evidence=evidence_of(store, assessment_id),
        plan=get_plan(store, assessment_id),
    )
    if previous_id is not None:
        earlier = get_assessment(store, previous_id)
        if earlier["enterprise_id"] != row["enterprise_id"]:
            from diagnosis.errors import DiagnosisError

            raise DiagnosisError(
                f"#{previous_id} is another enterprise's assessment; compare with the same one"
            )
        source.previous = from_store(store, previous_id)
        from diagnosis.plan.effect import in_order
        from diagnosis.report.plan_data import side

        in_order(side(source.previous), side(source), f"{previous_id}", f"{assessment_id}")
    return source


def from_answers_file(file: AnswersFile, loaded: Loaded) -> ReportInput:
    """An answers file; metadata written by `diagnosis show --json` is used when present."""
    meta = file.assessment.model_dump()
    if not meta.get("uid"):  # stable without a database: derived from the answers themselves
        text = json.dumps(file.answers, sort_keys=True, ensure_ascii=False).encode()
        meta["uid"] = hashlib.sha256(text).hexdigest()[:16]
    enterprise = file.enterprise.model_dump()
    return ReportInput(
        loaded=loaded,
        answers=file.answers,
        notes=file.notes,
        enterprise={k: enterprise.get(k) for k in ENTERPRISE_FIELDS},
        assessment={k: meta.get(k) for k in ASSESSMENT_FIELDS},
        evidence=[e.model_dump() for e in file.evidence],
        plan=file.plan,
    )
