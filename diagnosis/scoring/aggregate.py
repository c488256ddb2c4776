"""Aggregation of one dimension from its parts: sum, mean, weighted mean, ladder.

A pure function of the node's question results and child results, so that the gap analysis
can re-score a single path to the root when it tries a better answer.
"""

from __future__ import annotations

from diagnosis.model import Dimension
from diagnosis.scoring.result import NodeResult, QuestionResult

EPSILON = 1e-9


def aggregate(
    dim: Dimension, questions: list[QuestionResult], children: list[NodeResult], *, strict: bool = False
) -> NodeResult:
    """The node's score and maximum; hidden and unscored parts contribute nothing. `strict`
    (format 3): a ladder level is met only by criteria that are met (see `_ladder`)."""
    method = dim.scoring.method
    node = NodeResult(
        dim.id, dim.title, method, None, None, children=children, questions=[q.id for q in questions]
    )
    node.not_applicable = sum(q.visible and q.not_applicable for q in questions)
    if method == "none":
        return node
    if method == "ladder":
        return _ladder(dim, node, questions, strict)
    parts = [
        (q.weight, r.points, r.max_points)
        for q, r in zip(dim.questions, questions, strict=True)
        if r.max_points > 0
    ]
    parts += [
        (d.weight, c.score or 0.0, c.max_score)
        for d, c in zip(dim.children, children, strict=True)
        if c.max_score
    ]
    if method == "sum":
        score, best = sum(p[1] for p in parts), sum(p[2] for p in parts)  # type: ignore[misc]
        if dim.scoring.cap is not None:
            score, best = min(score, dim.scoring.cap), min(best, dim.scoring.cap)
    elif method == "mean":
        score = sum(p[1] for p in parts) / len(parts) if parts else 0.0
        best = sum(p[2] for p in parts) / len(parts) if parts else 0.0  # type: ignore[misc]
    else:  # weighted_mean of the parts' ratios, on the declared scale
        total = sum(p[0] for p in parts)
        ratio = sum(p[0] * p[1] / p[2] for p in parts) / total if total else 0.0  # type: ignore[operator]
        score, best = dim.scoring.scale * ratio, (dim.scoring.scale if total else 0.0)
    node.score, node.max_score = _tidy(score), _tidy(best)
    return node


def _ladder(dim: Dimension, node: NodeResult, questions: list[QuestionResult], strict: bool) -> NodeResult:
    """Level n counts when every level up to n reaches the threshold.

    Formats 1–2: a level with no applicable criterion is passed over, and a ladder with none at
    all is not applicable. Format 3 (`strict`): such a level is not met — unless every criterion
    of it is one the questionnaire declares skippable — and the ladder stays in scope (it leaves
    only through a scope answer, or when everything in it was skippable and skipped); a level in
    `implied_by_next` also counts when the level above it is reached on its own criteria."""
    sums: dict[int, list[float]] = {}  # level → [weighted attainment, weight]
    skipped: dict[int, bool] = {}  # level → every shown criterion of it skipped
    top = 0
    for criterion, result in zip(dim.questions, questions, strict=True):
        if not result.visible:  # hidden (e.g. above the target level): not part of the ladder
            continue
        level = criterion.level or 0
        top = max(top, level)
        skipped[level] = skipped.get(level, True) and result.skipped
        if result.max_points > 0:
            acc = sums.setdefault(level, [0.0, 0.0])
            acc[0] += criterion.weight * result.points / result.max_points
            acc[1] += criterion.weight
    node.attainment = {level: (a / w if w else 1.0) for level, (a, w) in sorted(sums.items())}
    if strict:  # nothing applicable at a level is not "met", unless all of it was skippable
        failed = {
            level: 0.0 for level, all_skipped in skipped.items() if level not in sums and not all_skipped
        }
        node.attainment = dict(sorted((node.attainment | failed).items()))
    if not node.attainment:
        node.score, node.max_score, node.ladder_level = 0.0, 0.0, None
        return node
    reached = 0
    for level in range(1, top + 1):
        if not _passes(dim, node.attainment, level):
            break
        reached = level
    score = float(reached)
    if reached < top and dim.scoring.partial_credit == "proportional":
        score += node.attainment.get(reached + 1, 0.0)
    node.score, node.max_score, node.ladder_level = _tidy(score), float(top), reached
    return node


def _passes(dim: Dimension, attainment: dict[int, float], level: int) -> bool:
    """A level passes on its own criteria (one with none to judge is passed over), or, when the
    questionnaire says so, because the level above it passes on its own."""
    threshold = dim.scoring.threshold
    if attainment.get(level, 1.0) + EPSILON >= threshold:
        return True
    above = attainment.get(level + 1)
    return level in dim.scoring.implied_by_next and above is not None and above + EPSILON >= threshold


def _tidy(value: float) -> float:
    # Points like 0.7 do not add up exactly in binary; 9 places keep 59.9999999 from missing 60.
    return round(value, 9)
