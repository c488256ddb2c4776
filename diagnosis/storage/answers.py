"""Recording answers: validated, committed durably one by one, every change in the history."""

from __future__ import annotations

import json
from typing import Any

from diagnosis.errors import AnswersError
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import check_value
from diagnosis.storage.assessments import questionnaire_of, require_draft
from diagnosis.storage.db import Store

UNCHANGED: Any = object()


def set_answer(
    store: Store, assessment_id: int, question_id: str, value: Any = UNCHANGED, note: Any = UNCHANGED
) -> None:
    """Record an answer and/or a note. Returns only after the commit reached the disk.

    `value=None` clears the answer; leaving `value` or `note` out keeps what is stored.
    """
    require_draft(store, assessment_id)
    questionnaire = questionnaire_of(store, assessment_id).questionnaire
    idx = index_of(questionnaire)
    question = idx.questions.get(question_id)
    if question is None:
        raise AnswersError(f"no question '{question_id}' in {questionnaire.id} {questionnaire.version}")
    if value is not UNCHANGED and value is not None:
        value, problem = check_value(question, idx.options[question_id], value)
        if problem:
            raise AnswersError(f"{question_id}: {problem}")
    now = store.now()
    with store.write(f"save the answer to {question_id}") as db:
        old = db.execute(
            "SELECT value, note FROM answers WHERE assessment_id = ? AND question_id = ?",
            [assessment_id, question_id],
        ).fetchone()
        old_value, old_note = old if old else (None, None)
        new_value = old_value if value is UNCHANGED else (None if value is None else _json(value))
        new_note = old_note if note is UNCHANGED else (note or None)
        if old and (new_value, new_note) == (old_value, old_note):
            return
        # Plain SQL: sqlite-utils' upsert may fall back to INSERT OR IGNORE, which skips rows silently.
        db.execute(
            "INSERT INTO answers (assessment_id, question_id, value, note, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
            "value = excluded.value, note = excluded.note, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            [assessment_id, question_id, new_value, new_note, now, store.user],
        )
        db.table("answer_history").insert(
            {
                "assessment_id": assessment_id,
                "question_id": question_id,
                "old_value": old_value,
                "new_value": new_value,
                "old_note": old_note,
                "new_note": new_note,
                "changed_at": now,
                "changed_by": store.user,
                "reason": "answered",
            }
        )
        db.table("assessments").update(assessment_id, {"updated_at": now})


def history_of(store: Store, assessment_id: int) -> list[dict[str, Any]]:
    """Every change, oldest first."""
    return list(
        store.db.table("answer_history").rows_where("assessment_id = ?", [assessment_id], order_by="id")
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
