"""What scoring reads beside the answers, built from an assessment's records in one place: the
wizard, `score`, the report, `verify` and the intake all score an assessment through it, so a
provider's explanation or a reason for 不适用 counts the same everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diagnosis.localtime import local
from diagnosis.scoring.evaluation import Context


def context_of(
    *,
    enterprise: Mapping[str, Any],
    assessment: Mapping[str, Any],
    notes: Mapping[str, str],
    resolutions: Mapping[str, str],
    timezone: str | None = None,
) -> Context:
    """The year the assessment was made (local time), the enterprise record, the notes (reasons
    for 不适用) and the plausibility warnings the provider explained (the plan's `resolutions`)."""
    made = local(assessment.get("created_at"), timezone)
    return Context(
        assessment_year=made.year if made else None,
        enterprise=dict(enterprise),
        notes=dict(notes),
        resolutions=dict(resolutions),
    )
