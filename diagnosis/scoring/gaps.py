"""The gap to the next level: its unmet conditions, and the answers worth improving most."""

from __future__ import annotations

from dataclasses import replace

from diagnosis.model import ChoiceQuestion, Text
from diagnosis.model.index import ROOT_ID, Index
from diagnosis.scoring.aggregate import aggregate
from diagnosis.scoring.result import Improvement, NextLevel, NodeResult, QuestionResult
from diagnosis.scoring.rules import Rules

EPSILON = 1e-9
TOP_IMPROVEMENTS = 10


def next_level(
    index: Index, rules: Rules, questions: dict[str, QuestionResult], nodes: dict[str, NodeResult]
) -> NextLevel | None:
    """What stands between the result and the next overall level (None at the top)."""
    target = nodes[ROOT_ID].next_level
    if target is None:
        return None
    unmet = [c for c in rules.leaves(target.when, index.root) if not c.met] if target.when else []
    advice = [target.recommendation] if target.recommendation else []
    for dim in index.walk():
        # A dimension with levels of its own is advised towards its own next level.
        if dim.id == ROOT_ID or not index.levels(dim):
            key: str | None = target.id
        else:
            own_next = nodes[dim.id].next_level
            key = own_next.id if own_next else None
        if key in dim.recommendations:
            advice.append(dim.recommendations[key])
    return NextLevel(target, unmet, improvements(index, questions, nodes), advice)


def improvements(
    index: Index, questions: dict[str, QuestionResult], nodes: dict[str, NodeResult]
) -> list[Improvement]:
    """Questions whose best answer would raise the total most, each tried alone."""
    base = nodes[ROOT_ID].score or 0.0
    own = {dim.id: [questions[q.id] for q in dim.questions] for dim in index.walk()}
    found = []
    for qid, result in questions.items():
        question = index.questions[qid]
        if not result.visible or result.max_points <= 0 or question.kind == "derived":
            continue
        if result.points >= result.max_points - EPSILON or _gated(index, nodes, qid) or result.voided:
            continue  # a voided indicator needs correct figures (or an explanation), not a better answer
        better = replace(
            result, points=result.max_points, answered=True, not_applicable=False, unexplained=False
        )
        gain = _rescored_total(index, own, nodes, better) - base
        if gain > EPSILON:
            found.append(
                Improvement(
                    qid, round(gain, 9), result.points, result.max_points, _advice(index, question, result)
                )
            )
    found.sort(key=lambda i: -i.gain)  # stable: ties keep questionnaire order
    return found[:TOP_IMPROVEMENTS]


def _rescored_total(
    index: Index, own: dict[str, list[QuestionResult]], nodes: dict[str, NodeResult], changed: QuestionResult
) -> float:
    """Re-aggregate only the path from the changed question to the root."""
    dim_id = index.parent_of[changed.id]
    dim = index.dimensions[dim_id]
    strict = index.questionnaire.strict_na
    results = [changed if r.id == changed.id else r for r in own[dim_id]]
    replaced = aggregate(dim, results, nodes[dim_id].children, strict=strict)
    while dim_id != ROOT_ID:
        if dim.scoring.method == "none":
            return nodes[ROOT_ID].score or 0.0
        dim_id = index.parent_of[dim_id]
        dim = index.dimensions[dim_id]
        children = [replaced if c.id == replaced.id else c for c in nodes[dim_id].children]
        replaced = aggregate(dim, own[dim_id], children, strict=strict)
    return replaced.score or 0.0


def _gated(index: Index, nodes: dict[str, NodeResult], qid: str) -> bool:
    """A ladder criterion above the next level cannot lift the ladder on its own."""
    parent = nodes[index.parent_of[qid]]
    if parent.method == "none":
        return True
    level = index.questions[qid].level
    return parent.method == "ladder" and level is not None and level > (parent.ladder_level or 0) + 1


def _advice(index: Index, question: object, result: QuestionResult) -> Text | None:
    if isinstance(question, ChoiceQuestion) and isinstance(result.value, str):
        chosen = index.options[question.id].get(result.value)
        if chosen is not None and chosen.recommendation is not None:
            return chosen.recommendation
    return getattr(question, "recommendation", None)
