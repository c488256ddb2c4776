"""The plausibility alerts of answers, as the app lists them: read by the scorer (`warned`)."""

from __future__ import annotations

from typing import Any

from diagnosis.model import Questionnaire
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.plausibility import Alert, alerts_of


def alerts(q: Questionnaire, answers: dict[str, Any], context: Context | None = None) -> list[Alert]:
    return alerts_of(q, score(q, answers, strict=False, gaps=False, context=context).warned)
