"""Recording answers: validated, committed durably one by one, every change in the history."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from diagnosis.errors import AnswersError
from diagnosis.messages import Message, msg
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import check_value, needs_reason
from diagnosis.storage.assessments import PREFILL_REASON, questionnaire_of, require_draft
from diagnosis.storage.db import Store

UNCHANGED: Any = object()
# The history's reasons for a change of answer: one typed by a person, and the answers of an
# answers file loaded at once (`answer --from`, the wizard's load). The intake's answering-pace
# check reads both.
ANSWERED = "answered"
FROM_FILE = "answered from a file"


def _no_question(question_id: str, questionnaire: Any) -> Message:
    return msg(
        "storage.no_question",
        question=question_id,
        questionnaire=questionnaire.id,
        version=questionnaire.version,
    )


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
        raise AnswersError(_no_question(question_id, questionnaire))
    if value is not UNCHANGED and value is not None:
        value, problem = check_value(question, idx.options[question_id], value)
        if problem:
            raise AnswersError(msg("storage.answer_problem", question=question_id, problem=problem))
    now = store.now()
    with store.write(msg("storage.act.save_answer", question=question_id)) as db:
        old = db.execute(
            "SELECT value, note FROM answers WHERE assessment_id = ? AND question_id = ?",
            [assessment_id, question_id],
        ).fetchone()
        old_value, old_note = old if old else (None, None)
        new_value = old_value if value is UNCHANGED else (None if value is None else _json(value))
        new_note = old_note if note is UNCHANGED else (note or None)
        if old and (new_value, new_note) == (old_value, old_note):
            return
        if _unexplained(questionnaire, question_id, new_value, new_note):
            raise AnswersError(msg("answers.na_reason", question=question_id))
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
                "reason": ANSWERED,
            }
        )
        db.table("assessments").update(assessment_id, {"updated_at": now})


def history_of(store: Store, assessment_id: int) -> list[dict[str, Any]]:
    """Every change, oldest first."""
    return list(
        store.db.table("answer_history").rows_where("assessment_id = ?", [assessment_id], order_by="id")
    )


PREFILLED = re.compile(re.escape(PREFILL_REASON).replace(r"\{source\}", r"(\d+)") + "$")


def prefilled(store: Store, assessment_id: int) -> dict[str, Message]:
    """The questions whose answer is still the one taken from another assessment when this one
    was created, each with the sentence saying where from ("taken from assessment #3 (…)")."""
    last: dict[str, dict[str, Any]] = {}
    for row in history_of(store, assessment_id):
        if row["new_value"] != row["old_value"] or PREFILLED.match(row["reason"]):
            last[row["question_id"]] = row  # flags and notes leave the answer's origin as it was
    found = {}
    for qid, row in last.items():
        match = PREFILLED.match(row["reason"])
        if match is None:
            continue
        number = int(match.group(1))
        source = store.db.execute(
            "SELECT questionnaire_id, questionnaire_version FROM assessments WHERE id = ?", [number]
        ).fetchone()
        found[qid] = (
            msg("prefill.taken", number=number, source=f"{source[0]} {source[1]}")
            if source
            else msg("prefill.taken_gone", number=number)
        )
    return found


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def set_answers(
    store: Store,
    assessment_id: int,
    values: Mapping[str, Any],
    reason: str = ANSWERED,
    notes: Mapping[str, str] | None = None,
) -> list[str]:
    """Record several answers (and `notes`, e.g. one reason for several 不适用) in one durable
    transaction (e.g. "mark the rest of this level not met"); every change gets its history row
    with `reason`. Nothing is written when one value is refused, nor when a 不适用 would be left
    without a reason (format 3). Returns the questions whose answer or note changed."""
    require_draft(store, assessment_id)
    questionnaire = questionnaire_of(store, assessment_id).questionnaire
    idx = index_of(questionnaire)
    clean: dict[str, str | None] = {}
    for question_id in [*values, *(notes or {})]:
        if question_id not in idx.questions:
            raise AnswersError(_no_question(question_id, questionnaire))
    for question_id, value in values.items():
        if value is not None:
            value, problem = check_value(idx.questions[question_id], idx.options[question_id], value)
            if problem:
                raise AnswersError(msg("storage.answer_problem", question=question_id, problem=problem))
        clean[question_id] = None if value is None else _json(value)
    given = {qid: (text or None) for qid, text in (notes or {}).items()}
    now, changed = store.now(), []
    with store.write(msg("storage.act.save_answers")) as db:
        rows = {qid: _stored(db, assessment_id, qid) for qid in dict.fromkeys([*clean, *given])}
        lacking = [
            qid
            for qid, old in rows.items()
            if _unexplained(
                questionnaire,
                qid,
                clean[qid] if qid in clean else (old or {}).get("value"),
                given[qid] if qid in given else (old or {}).get("note"),
            )
        ]
        if lacking:  # raised inside the transaction: nothing is written
            raise AnswersError(msg("answers.na_reasons", questions=", ".join(lacking)))
        for question_id, old in rows.items():
            change = {}
            if question_id in clean and (old is None or old["value"] != clean[question_id]):
                change["value"] = clean[question_id]
            if question_id in given and (old is None or old["note"] != given[question_id]):
                change["note"] = given[question_id]
            if not change:
                continue
            _upsert(db, store, assessment_id, question_id, change, now)
            _history(db, store, assessment_id, question_id, old, change, now, reason)
            changed.append(question_id)
        if changed:
            db.table("assessments").update(assessment_id, {"updated_at": now})
    return changed


def _unexplained(questionnaire: Any, question_id: str, value: str | None, note: str | None) -> bool:
    """A stored value (JSON text) that is 不适用 without a reason, where that needs one."""
    if value is None or (note or "").strip():
        return False
    return needs_reason(questionnaire, question_id, json.loads(value))


def set_review(store: Store, assessment_id: int, question_id: str, flagged: bool) -> None:
    """Mark a question as needing review (or clear the mark), durably and in the history."""
    require_draft(store, assessment_id)
    questionnaire = questionnaire_of(store, assessment_id).questionnaire
    if question_id not in index_of(questionnaire).questions:
        raise AnswersError(_no_question(question_id, questionnaire))
    now = store.now()
    with store.write(msg("storage.act.mark_review", question=question_id)) as db:
        old = _stored(db, assessment_id, question_id)
        if bool(old and old["review"]) == flagged:
            return
        _upsert(db, store, assessment_id, question_id, {"review": int(flagged)}, now)
        reason = "flagged for review" if flagged else "review flag cleared"
        _history(db, store, assessment_id, question_id, old, {}, now, reason)
        db.table("assessments").update(assessment_id, {"updated_at": now})


def review_flags(store: Store, assessment_id: int) -> set[str]:
    """The questions marked as needing review."""
    rows = store.db.execute(
        "SELECT question_id FROM answers WHERE assessment_id = ? AND review = 1", [assessment_id]
    )
    return {row[0] for row in rows.fetchall()}


def _stored(db: Any, assessment_id: int, question_id: str) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT value, note, review FROM answers WHERE assessment_id = ? AND question_id = ?",
        [assessment_id, question_id],
    ).fetchone()
    return None if row is None else {"value": row[0], "note": row[1], "review": row[2]}


def _upsert(
    db: Any, store: Store, assessment_id: int, question_id: str, change: dict[str, Any], now: str
) -> None:
    """Insert the answer row or update the given columns (plain SQL, as in `set_answer`)."""
    columns = ", ".join(change)
    marks = ", ".join("?" for _ in change)
    updates = ", ".join(f"{c} = excluded.{c}" for c in change)
    db.execute(
        f"INSERT INTO answers (assessment_id, question_id, {columns}, updated_at, updated_by) "
        f"VALUES (?, ?, {marks}, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
        f"{updates}, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        [assessment_id, question_id, *change.values(), now, store.user],
    )


def _history(
    db: Any,
    store: Store,
    assessment_id: int,
    question_id: str,
    old: dict[str, Any] | None,
    change: dict[str, Any],
    now: str,
    reason: str,
) -> None:
    before = old or {"value": None, "note": None}
    db.table("answer_history").insert(
        {
            "assessment_id": assessment_id,
            "question_id": question_id,
            "old_value": before["value"],
            "new_value": change.get("value", before["value"]),
            "old_note": before["note"],
            "new_note": change.get("note", before["note"]),
            "changed_at": now,
            "changed_by": store.user,
            "reason": reason,
        }
    )
