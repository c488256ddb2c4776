"""Assessments: create, read, finalize, reopen as a new revision, re-assess, delete."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from typing import Any, Literal

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.localtime import local_date
from diagnosis.messages import Message, msg
from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.plan.consistency import Dates, PlanProblem
from diagnosis.plan.model import Plan
from diagnosis.plan.readiness import finalize_blockers
from diagnosis.records import MAX_REVISION
from diagnosis.scoring.answers import Value
from diagnosis.scoring.carry_over import Carried, carry_over
from diagnosis.scoring.context import context_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.prefill import prefill_value
from diagnosis.scoring.result import ScoreResult
from diagnosis.storage.db import Store, inserted
from diagnosis.storage.enterprises import check_uscc

Mode = Literal["self", "onsite"]


def keep_questionnaire(store: Store, loaded: Loaded) -> None:
    """Store the exact questionnaire file once, keyed by its canonical sha256 (inside the
    caller's transaction when there is one, so a refused import stores nothing)."""
    with store.write(msg("storage.act.store_questionnaire")) as db:
        db.execute(
            "INSERT OR IGNORE INTO questionnaires (sha256, id, version, source, stored_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [loaded.sha256, loaded.questionnaire.id, loaded.questionnaire.version, loaded.raw, store.now()],
        )


def list_questionnaires(store: Store) -> list[dict[str, Any]]:
    """The questionnaire copies stored with assessments (without their bytes)."""
    cursor = store.db.execute(
        "SELECT sha256, id, version, stored_at FROM questionnaires ORDER BY id, version"
    )
    return [dict(zip(("sha256", "id", "version", "stored_at"), row, strict=True)) for row in cursor]


# Evidence files are shared by content; a file goes once no attachment refers to it any more.
DROP_UNUSED_BLOBS = "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM evidence)"


def _fresh(loaded: Loaded) -> dict[str, Any]:
    """A new identity, pinned to a questionnaire (its sha256 decides how it is scored forever)."""
    return {
        "uid": uuid.uuid4().hex,
        "revision": 1,
        "questionnaire_sha256": loaded.sha256,
        "questionnaire_id": loaded.questionnaire.id,
        "questionnaire_version": loaded.questionnaire.version,
    }


def new_assessment(
    store: Store,
    loaded: Loaded,
    enterprise_id: int,
    *,
    mode: Mode = "self",
    provider: str | None = None,
    assessor: str | None = None,
    provider_uscc: str | None = None,
) -> int:
    """A new draft assessment of an enterprise against a questionnaire; returns its id. Questions
    that declare a `prefill` start from the enterprise's latest finalized assessment of the
    source questionnaire; the history says which (see `answers.prefilled`). `provider_uscc` is
    the provider's credit code: a signature on its report must carry it."""
    now = store.now()
    row = _fresh(loaded) | {
        "enterprise_id": enterprise_id,
        "status": "draft",
        "mode": mode,
        "provider": provider,
        "provider_uscc": check_uscc(provider_uscc) if provider_uscc else None,
        "assessor": assessor,
        "created_at": now,
        "updated_at": now,
        "created_by": store.user,
    }
    with store.write(msg("storage.act.create_assessment")) as db:
        keep_questionnaire(store, loaded)
        new_id = inserted(db.table("assessments").insert(row))
        for qid, (value, source) in prefills(store, loaded.questionnaire, enterprise_id).items():
            answer = {"question_id": qid, "value": _json(value), "note": None}
            _insert_answer(store, new_id, answer, PREFILL_REASON.format(source=source), now)
        return new_id


PREFILL_REASON = "prefilled from assessment #{source}"


def prefills(store: Store, questionnaire: Questionnaire, enterprise_id: int) -> dict[str, tuple[Value, int]]:
    """The answers a new assessment takes from the enterprise's other assessments (question →
    value and the source assessment's id): each from the latest finalized one of the source
    questionnaire, whatever its version. A draft is no result to take."""
    index = index_of(questionnaire)
    found: dict[str, tuple[Value, int]] = {}
    scored: dict[int, ScoreResult] = {}
    for qid, question in index.questions.items():
        if question.prefill is None:
            continue
        row = store.db.execute(
            "SELECT id FROM assessments WHERE enterprise_id = ? AND questionnaire_id = ? "
            "AND status = 'finalized' ORDER BY finalized_at DESC, id DESC LIMIT 1",
            [enterprise_id, question.prefill.questionnaire],
        ).fetchone()
        if row is None:
            continue
        if row[0] not in scored:
            scored[row[0]] = score_assessment(store, row[0])[0]
        value = prefill_value(question, index.options[qid], scored[row[0]])
        if value is not None:
            found[qid] = (value, row[0])
    return found


def get_assessment(store: Store, assessment_id: int) -> dict[str, Any]:
    rows = list(store.db.table("assessments").rows_where("id = ?", [assessment_id]))
    if not rows:
        raise NotFoundError(msg("storage.no_assessment", id=assessment_id))
    return rows[0]


def questionnaire_of(store: Store, assessment_id: int) -> Loaded:
    """The exact questionnaire the assessment was answered against, from its stored copy."""
    sha = get_assessment(store, assessment_id)["questionnaire_sha256"]
    if sha in store.loaded:  # stored copies never change: parse each once per session
        return store.loaded[sha]  # type: ignore[no-any-return]
    source = store.db.execute("SELECT source FROM questionnaires WHERE sha256 = ?", [sha]).fetchone()[0]
    loaded = load_bytes(msg("storage.stored_copy_source", id=assessment_id), source)
    if loaded.sha256 != sha:
        raise DiagnosisError(msg("storage.stored_copy_changed", id=assessment_id))
    store.loaded[sha] = loaded
    return loaded


def answers_of(store: Store, assessment_id: int) -> tuple[dict[str, Any], dict[str, str]]:
    """(answers, notes) as stored; cleared answers are left out."""
    answers, notes = {}, {}
    for row in store.db.table("answers").rows_where("assessment_id = ?", [assessment_id], order_by="rowid"):
        if row["value"] is not None:
            answers[row["question_id"]] = json.loads(row["value"])
        if row["note"]:
            notes[row["question_id"]] = row["note"]
    return answers, notes


def score_assessment(store: Store, assessment_id: int) -> tuple[ScoreResult, Loaded]:
    """Score with the pinned questionnaire; half-entered figures are left out, not refused."""
    loaded = questionnaire_of(store, assessment_id)
    answers, _ = answers_of(store, assessment_id)
    given = scoring_context(store, assessment_id)
    return score(loaded.questionnaire, answers, sha256=loaded.sha256, strict=False, context=given), loaded


def scoring_context(store: Store, assessment_id: int) -> Context:
    """What scoring reads beside the stored answers: the notes, the enterprise record, the year
    of the assessment and the plan's explanations (see `scoring.context`)."""
    row = get_assessment(store, assessment_id)
    _, notes = answers_of(store, assessment_id)
    found = store.db.execute("SELECT * FROM enterprises WHERE id = ?", [row["enterprise_id"]])
    names = [column[0] for column in found.description]
    enterprise = dict(zip(names, found.fetchone() or [], strict=False))
    plan = store.db.execute("SELECT content FROM plans WHERE assessment_id = ?", [assessment_id]).fetchone()
    return context_of(
        enterprise=enterprise,
        assessment=row,
        notes=notes,
        resolutions=Plan.model_validate_json(plan[0]).resolutions if plan else {},
    )


def require_draft(store: Store, assessment_id: int) -> dict[str, Any]:
    row = get_assessment(store, assessment_id)
    if row["status"] != "draft":
        raise DiagnosisError(msg("storage.is_finalized", id=assessment_id))
    return row


def get_plan(store: Store, assessment_id: int) -> Plan:
    """The stored plan (an empty one when none was written yet); NotFoundError when there is no
    such assessment (an empty plan would say there is one)."""
    row = store.db.execute("SELECT content FROM plans WHERE assessment_id = ?", [assessment_id]).fetchone()
    if row is None:
        get_assessment(store, assessment_id)
    return Plan.model_validate_json(row[0]) if row else Plan()


def plan_dates(store: Store, row: dict[str, Any]) -> Dates:
    """The days an assessment's plan is checked against, in local time."""
    today = local_date(store.now())
    finalized = local_date(row.get("finalized_at"))
    return Dates(
        today=dt.date.fromisoformat(today),
        created=dt.date.fromisoformat(local_date(row["created_at"]) or today),
        finalized=dt.date.fromisoformat(finalized) if finalized else None,
    )


def finalize_blockers_of(store: Store, assessment_id: int) -> list[PlanProblem]:
    """What stops the draft being finalized, besides unanswered questions: the on-site
    diagnosis's missing parts and the plan's open problems (`plan.readiness`), each with where."""
    row = require_draft(store, assessment_id)
    answers, _ = answers_of(store, assessment_id)
    return finalize_blockers(
        get_plan(store, assessment_id),
        onsite=row["mode"] == "onsite",
        dates=plan_dates(store, row),
        questionnaire=questionnaire_of(store, assessment_id).questionnaire,
        answers=answers,
    )


def finalize_problems(store: Store, assessment_id: int) -> list[Message]:
    """The sentences of `finalize_blockers_of`."""
    return [problem.message for problem in finalize_blockers_of(store, assessment_id)]


def finalize(store: Store, assessment_id: int, *, force: bool = False) -> None:
    """Lock the assessment: answers, evidence and plan become read-only, and the report number
    is given."""
    row = require_draft(store, assessment_id)
    result, _ = score_assessment(store, assessment_id)
    missing = result.completeness.required_missing
    blockers = finalize_problems(store, assessment_id)
    if missing and not force:
        blockers.insert(0, msg("ready.required", count=len(missing), first=missing[0]))
    if blockers:
        raise DiagnosisError(
            [msg("ready.blocked", id=assessment_id), *(msg("ready.item", item=b) for b in blockers)]
        )
    now = store.now()
    with store.write(msg("storage.act.finalize")) as db:
        number = row["report_number"] or report_number(store, row, now)
        db.table("assessments").update(
            assessment_id,
            {"status": "finalized", "finalized_at": now, "updated_at": now, "report_number": number},
        )


def report_number(store: Store, row: dict[str, Any], now: str) -> str:
    """Unique by construction: the date, the provider, the enterprise and a random part,
    e.g. 20260302-3F2A-X8K5TH-7QK2MZ (the UNIQUE index refuses the one-in-a-billion repeat)."""
    enterprise = store.db.execute(
        "SELECT uscc, name FROM enterprises WHERE id = ?", [row["enterprise_id"]]
    ).fetchone()
    provider = _code(row["provider"] or "SELF", 4) if row["provider"] else "SELF"
    who = enterprise[0][-6:] if enterprise[0] else _code(enterprise[1], 6)
    random = "".join(secrets.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
    return f"{now[:10].replace('-', '')}-{provider}-{who}-{random}"


def _code(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length].upper()


def reopen(store: Store, assessment_id: int) -> int:
    """A new draft revision of a finalized assessment; the finalized one stays intact."""
    row = get_assessment(store, assessment_id)
    if row["status"] != "finalized":
        raise DiagnosisError(msg("storage.still_draft", id=assessment_id))
    latest = store.db.execute("SELECT MAX(revision) FROM assessments WHERE uid = ?", [row["uid"]]).fetchone()[
        0
    ]
    if latest >= MAX_REVISION:
        raise DiagnosisError(msg("records.last_revision", id=assessment_id, revision=MAX_REVISION))
    return _copy(store, row, {"revision": latest + 1}, f"copied from revision {row['revision']}")


def reassess(store: Store, assessment_id: int, loaded: Loaded | None = None) -> int:
    """A new assessment of the same enterprise starting from an earlier one's answers. Against a
    newer questionnaire version the answers move by that version's carry-over mapping; what does
    not carry is left for a fresh answer (see `carry_over_preview`)."""
    row = get_assessment(store, assessment_id)
    source = questionnaire_of(store, assessment_id)
    target = loaded or source
    changes = _fresh(target) | {"based_on": assessment_id}
    if target.sha256 == source.sha256:
        return _copy(store, row, changes, f"copied from assessment #{assessment_id}", target)
    carried = carry_over_preview(store, assessment_id, target)
    changes["carried_from"] = source.questionnaire.version
    reason = f"carried over from #{assessment_id} ({source.questionnaire.id} {source.questionnaire.version})"
    return _copy(store, row, changes, reason, target, carried)


def carry_over_preview(store: Store, assessment_id: int, target: Loaded) -> Carried:
    """What re-assessing against `target` would carry over, leave behind and leave open."""
    source = questionnaire_of(store, assessment_id)
    answers, notes = answers_of(store, assessment_id)
    return carry_over(source.questionnaire, answers, notes, target.questionnaire)


def _copy(
    store: Store,
    row: dict[str, Any],
    changes: dict[str, Any],
    reason: str,
    target: Loaded | None = None,
    carried: Carried | None = None,
) -> int:
    now = store.now()
    kept = {k: v for k, v in row.items() if k not in ("id", "report_number", "carried_from")}
    fresh = (
        kept
        | changes
        | {
            "status": "draft",
            "created_at": now,
            "updated_at": now,
            "finalized_at": None,
            "created_by": store.user,
        }
    )
    with store.write(msg("storage.act.copy")) as db:
        if target is not None:
            keep_questionnaire(store, target)
        new_id = inserted(db.table("assessments").insert(fresh))
        if carried is not None:
            rows = [
                {"question_id": qid, "value": _json(value), "note": carried.notes.get(qid)}
                for qid, value in carried.answers.items()
            ]
        else:
            rows = list(db.table("answers").rows_where("assessment_id = ?", [row["id"]], order_by="rowid"))
        for answer in rows:
            _insert_answer(store, new_id, answer, reason, now)
        if target is None:  # a revision keeps its evidence and plan; a re-assessment starts anew
            for item in db.table("evidence").rows_where("assessment_id = ?", [row["id"]], order_by="id"):
                db.table("evidence").insert(
                    {k: v for k, v in item.items() if k != "id"} | {"assessment_id": new_id}
                )
            db.execute(
                "INSERT INTO plans (assessment_id, content, updated_at, updated_by) "
                "SELECT ?, content, ?, ? FROM plans WHERE assessment_id = ?",
                [new_id, now, store.user, row["id"]],
            )
    return new_id


def _insert_answer(store: Store, assessment_id: int, answer: dict[str, Any], reason: str, now: str) -> None:
    store.db.table("answers").insert(
        {
            "assessment_id": assessment_id,
            "question_id": answer["question_id"],
            "value": answer["value"],
            "note": answer["note"],
            "review": answer.get("review") or 0,
            "updated_at": now,
            "updated_by": store.user,
        }
    )
    store.db.table("answer_history").insert(
        {
            "assessment_id": assessment_id,
            "question_id": answer["question_id"],
            "old_value": None,
            "new_value": answer["value"],
            "old_note": None,
            "new_note": answer["note"],
            "changed_at": now,
            "changed_by": store.user,
            "reason": reason,
        }
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def delete_assessment(store: Store, assessment_id: int) -> None:
    """Remove an assessment with its answers, history and evidence records."""
    get_assessment(store, assessment_id)
    with store.write(msg("storage.act.delete")) as db:
        db.execute("UPDATE assessments SET based_on = NULL WHERE based_on = ?", [assessment_id])
        db.execute("DELETE FROM assessments WHERE id = ?", [assessment_id])
        db.execute(DROP_UNUSED_BLOBS)


def find_revision(store: Store, uid: str, revision: int) -> int | None:
    """The id of an assessment's revision, by its uid (ids differ between databases)."""
    row = store.db.execute(
        "SELECT id FROM assessments WHERE uid = ? AND revision = ?", [uid, revision]
    ).fetchone()
    return int(row[0]) if row else None
