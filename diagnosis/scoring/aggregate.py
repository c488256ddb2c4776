"""Aggregation of one dimension from its parts: sum, mean, weighted mean, ladder.

A pure function of the node's question results and child results, so that the gap analysis
can re-score a single path to the root when it tries a better answer.
"""

from __future__ import annotations

from diagnosis.model import Dimension
from diagnosis.scoring.result import NodeResult, QuestionResult

EPSILON = 1e-9


def aggregate(dim: Dimension, questions: list[QuestionResult], children: list[NodeResult]) -> NodeResult:
    """The node's score and maximum; hidden and unscored parts contribute nothing."""
    method = dim.scoring.method
    node = NodeResult(
        dim.id, dim.name, method, None, None, children=children, questions=[q.id for q in questions]
    )
    if method == "none":
        return node
    if method == "ladder":
        return _ladder(dim, node, questions)
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


def _ladder(dim: Dimension, node: NodeResult, questions: list[QuestionResult]) -> NodeResult:
    """Level n counts when every level up to n reaches the threshold; levels with no
    applicable criterion are passed over; a ladder with none at all is not applicable."""
    sums: dict[int, list[float]] = {}  # level → [weighted attainment, weight]
    top = 0
    for criterion, result in zip(dim.questions, questions, strict=True):
        if not result.visible:  # hidden (e.g. above the target level): not part of the ladder
            continue
        level = criterion.level or 0
        top = max(top, level)
        if result.max_points > 0:
            acc = sums.setdefault(level, [0.0, 0.0])
            acc[0] += criterion.weight * result.points / result.max_points
            acc[1] += criterion.weight
    node.attainment = {level: (a / w if w else 1.0) for level, (a, w) in sorted(sums.items())}
    if not sums:
        node.score, node.max_score, node.ladder_level = 0.0, 0.0, None
        return node
    reached = 0
    for level in range(1, top + 1):
        if node.attainment.get(level, 1.0) + EPSILON < dim.scoring.threshold:
            break
        reached = level
    score = float(reached)
    if reached < top and dim.scoring.partial_credit == "proportional":
        score += node.attainment.get(reached + 1, 0.0)
    node.score, node.max_score, node.ladder_level = _tidy(score), float(top), reached
    return node


def _tidy(value: float) -> float:
    # Points like 0.7 do not add up exactly in binary; 9 places keep 59.9999999 from missing 60.
    return round(value, 9)
