"""An assessment as an answers file (what `diagnosis show --json` prints and the wizard exports),
and an answers file into an assessment (`answer --from`, the wizard's "load answers")."""

from __future__ import annotations

from typing import Any

from diagnosis.errors import AnswersError
from diagnosis.messages import msg
from diagnosis.model.index import index_of
from diagnosis.records import ENTERPRISE_FIELDS, travelling
from diagnosis.scoring.answers import AnswersFile
from diagnosis.storage.answers import FROM_FILE, set_answers
from diagnosis.storage.assessments import answers_of, get_assessment, questionnaire_of
from diagnosis.storage.db import Store
from diagnosis.storage.enterprises import get_enterprise
from diagnosis.storage.evidence import evidence_of


def answers_document(store: Store, assessment_id: int) -> dict[str, Any]:
    """The answers-file format of an assessment, plus its metadata and evidence list."""
    row = get_assessment(store, assessment_id)
    enterprise = get_enterprise(store, row["enterprise_id"])
    answers, notes = answers_of(store, assessment_id)
    return {
        "format": "diagnosis-answers/1",
        "questionnaire": {
            "id": row["questionnaire_id"],
            "version": row["questionnaire_version"],
            "sha256": row["questionnaire_sha256"],
        },
        "enterprise": {k: enterprise[k] for k in ENTERPRISE_FIELDS},
        "answers": _whole_numbers(store, assessment_id, answers),
        "notes": notes,
        "assessment": {"id": row["id"], **travelling(row), "based_on": row["based_on"]},
        "evidence": [
            {k: e[k] for k in ("question_id", "name", "size", "sha256")}
            for e in evidence_of(store, assessment_id)
        ],
    }


def _whole_numbers(store: Store, assessment_id: int, answers: dict[str, Any]) -> dict[str, Any]:
    """Figures of whole-number questions as whole numbers: a year is 2024 in the file, never
    2024.0 (the engine keeps figures as floats)."""
    questions = index_of(questionnaire_of(store, assessment_id).questionnaire).questions
    return {
        qid: int(value)
        if isinstance(value, float) and value.is_integer() and getattr(questions.get(qid), "integer", False)
        else value
        for qid, value in answers.items()
    }


def answers_from_file(store: Store, assessment_id: int, file: AnswersFile, name: str) -> tuple[int, int]:
    """An answers file (as `sample` or `show --json` write) into a draft: its values in one
    transaction (one refused value: none written), then its notes. The file must be for the
    assessment's questionnaire. Returns how many answers and notes changed."""
    loaded = questionnaire_of(store, assessment_id)
    pinned = loaded.questionnaire
    given = file.questionnaire
    if given.id != pinned.id or given.version not in (None, pinned.version):
        raise AnswersError(
            msg(
                "storage.answers_other_questionnaire",
                name=name,
                ref=given.ref,
                id=assessment_id,
                pinned=f"{pinned.id}@{pinned.version}",
            )
        )
    if given.sha256 not in (None, loaded.sha256):  # the same id and version, another content
        raise AnswersError(
            msg(
                "inputs.other_questionnaire_copy",
                name=name,
                ref=given.ref,
                given=given.sha256[:12],
                id=assessment_id,
                pinned=loaded.sha256[:12],
            )
        )
    unknown = sorted(set(file.notes) - set(index_of(pinned).questions))
    if unknown:
        raise AnswersError(
            msg("storage.note_for_unknown", name=name, question=repr(unknown[0]), ref=given.ref)
        )
    before, stored = answers_of(store, assessment_id)
    notes = {qid: text for qid, text in file.notes.items() if (text or None) != stored.get(qid)}
    values = {qid: value for qid, value in file.answers.items()}
    # Answers and notes in one transaction: a 不适用 in the file comes with its reason.
    set_answers(store, assessment_id, values, reason=FROM_FILE, notes=notes)
    after, _ = answers_of(store, assessment_id)
    return sum(after.get(qid) != before.get(qid) for qid in values), len(notes)
