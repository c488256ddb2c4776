"""Points a single question can give: shared by the engine, the checks and the sampler."""

from __future__ import annotations

from collections.abc import Iterable

from diagnosis.model.questions import Band, ChoiceQuestion, DerivedQuestion, NumberQuestion, Option, Question


def band_points(bands: Iterable[Band], value: float) -> float:
    """Points of the first band that holds `value` (0 when none does)."""
    for band in bands:
        if band.matches(value):
            return band.points
    return 0.0


def max_points(question: Question, options: Iterable[Option]) -> float:
    """The most points the question can give; 0 for unscored questions."""
    if isinstance(question, ChoiceQuestion):
        scored = [o for o in options if not o.not_applicable]
        if question.kind != "multiple":
            return max((o.points for o in scored), default=0.0)
        combined = sum(o.points for o in scored if not o.exclusive and o.points > 0)
        if question.max_points is not None:
            combined = min(combined, question.max_points)
        return max([combined, *(o.points for o in scored if o.exclusive)])
    if isinstance(question, NumberQuestion | DerivedQuestion) and question.bands:
        return max(band.points for band in question.bands)
    return 0.0
