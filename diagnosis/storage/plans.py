"""The diagnosis plan of an assessment: validated against its questionnaire, committed with
its history, locked by finalize like the answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.messages import msg
from diagnosis.plan.consistency import contradictions
from diagnosis.plan.model import Person, Plan, Process
from diagnosis.plan.projection import check_plan
from diagnosis.storage.assessments import Mode, new_assessment, plan_dates, questionnaire_of, require_draft
from diagnosis.storage.assessments import get_plan as get_plan
from diagnosis.storage.db import Store
from diagnosis.validation import reason


class PlanError(DiagnosisError):
    """The plan does not fit the assessment's questionnaire or the plan format; `parts` say where
    each problem is (`projects.2.funding` …) when the plan's own rules refused it."""

    def __init__(self, lines: Sequence[str] | str, parts: Sequence[str] = ()) -> None:
        super().__init__(lines)
        self.parts = list(parts)


def set_plan(
    store: Store, assessment_id: int, plan: Plan, reason: str = "edited", *, whole: bool = False
) -> None:
    """Store the plan; refused with every problem when it does not fit the questionnaire, or when
    it brings figures or dates that contradict each other. `whole`: a complete plan file (`plan
    --set`), where a funding split that does not yet add up is refused too; an edit in the
    wizard may leave it open while the provider types (finalize then lists it)."""
    row = require_draft(store, assessment_id)
    questionnaire = questionnaire_of(store, assessment_id).questionnaire
    problems = check_plan(plan, questionnaire)
    if problems:
        raise PlanError(problems)
    dates = plan_dates(store, row)
    found = contradictions(plan, dates, questionnaire)
    before = {p.message for p in contradictions(get_plan(store, assessment_id), dates, questionnaire)}
    refused = [p for p in found if whole or (p.refused and p.message not in before)]
    if refused:
        raise PlanError([p.message for p in refused], [p.part for p in refused])
    new = plan_json(plan)
    now = store.now()
    with store.write(msg("storage.act.save_plan")) as db:
        old = db.execute("SELECT content FROM plans WHERE assessment_id = ?", [assessment_id]).fetchone()
        if old and old[0] == new:
            return
        db.execute(
            "INSERT INTO plans (assessment_id, content, updated_at, updated_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (assessment_id) DO UPDATE SET content = excluded.content, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [assessment_id, new, now, store.user],
        )
        db.execute(
            "INSERT INTO plan_history (assessment_id, old_content, new_content, changed_at, changed_by, "
            "reason) VALUES (?, ?, ?, ?, ?, ?)",
            [assessment_id, old[0] if old else None, new, now, store.user, reason],
        )
        db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [now, assessment_id])


def start_assessment(
    store: Store,
    loaded: Loaded,
    enterprise_id: int,
    *,
    mode: Mode = "self",
    provider: str | None = None,
    assessor: str | None = None,
    provider_uscc: str | None = None,
) -> int:
    """A new draft assessment (`diagnosis new`, the wizard's first steps), in one transaction.
    What the enterprise record already says (its industry) is answered, not asked again; on-site,
    the diagnosis starts with the assessor who opened it among the assessors (评估人员)."""
    from diagnosis.flow import from_enterprise
    from diagnosis.storage.answers import set_answers
    from diagnosis.storage.enterprises import get_enterprise

    industry = get_enterprise(store, enterprise_id).get("industry")
    with store.write(msg("storage.act.create_assessment")):
        made = new_assessment(
            store,
            loaded,
            enterprise_id,
            mode=mode,
            provider=provider,
            assessor=assessor,
            provider_uscc=provider_uscc,
        )
        known = from_enterprise(loaded.questionnaire, industry)
        if known:
            set_answers(store, made, known, "from the enterprise record")
        if mode == "onsite" and assessor and assessor.strip():
            plan = Plan(process=Process(assessors=[Person(name=assessor.strip())]))
            set_plan(store, made, plan, "the assessor who opened the assessment")
    return made


def resolve_alert(store: Store, assessment_id: int, check_id: str, note: str) -> None:
    """Explain a plausibility warning (数据核查提示) with a note; the report shows it as explained.
    The note is kept with the plan (and its history); an empty note makes the warning open again."""
    plan = get_plan(store, assessment_id)
    resolutions = {k: v for k, v in plan.resolutions.items() if k != check_id}
    if note.strip():
        resolutions[check_id] = note.strip()
    reason = "plausibility warning explained" if note.strip() else "plausibility explanation removed"
    set_plan(store, assessment_id, plan.model_copy(update={"resolutions": resolutions}), reason)


def parse_plan(data: Any, source: str) -> Plan:
    """Plain data (from a JSON or YAML file) → Plan, with located sentences for what is wrong."""
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        lines = []
        for e in error.errors()[:20]:
            where = ".".join(str(p) for p in e["loc"]) or msg("storage.top_level")
            lines.append(msg("storage.plan_problem", source=source, where=where, problem=reason(e)))
        raise PlanError(lines) from None


def plan_json(plan: Plan) -> str:
    """The canonical stored form (sorted keys, so an unchanged plan is recognised as such)."""
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def plan_history(store: Store, assessment_id: int) -> list[dict[str, Any]]:
    return list(
        store.db.table("plan_history").rows_where("assessment_id = ?", [assessment_id], order_by="id")
    )
