"""The scoring engine: questionnaire + answers → ScoreResult. Pure and deterministic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diagnosis.errors import AnswersError
from diagnosis.model import Dimension, Questionnaire
from diagnosis.model.index import ROOT_ID, Index, index_of
from diagnosis.scoring.aggregate import aggregate
from diagnosis.scoring.answers import check_answers
from diagnosis.scoring.evaluation import Context, Evaluation
from diagnosis.scoring.gaps import next_level
from diagnosis.scoring.plausibility import voided_by
from diagnosis.scoring.result import Completeness, NodeResult, QuestionResult, ScoreResult
from diagnosis.scoring.rules import Rules, level_of


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    sha256: str | None = None,
    strict: bool = True,
    gaps: bool = True,
    context: Context | None = None,
) -> ScoreResult:
    """Score answers. Invalid answers raise AnswersError listing every problem; with
    `strict=False` (a questionnaire half filled in) inconsistent figures are left out instead.
    `gaps=False` skips the route to the next level (the intake stores results, not advice).
    `context` is what is read beside the answers (`context_of` builds it from an assessment's
    records): in format 3 the notes give not-applicable answers their reasons, and a hard
    plausibility check that holds, unexplained by the provider, voids the points it concerns."""
    index = index_of(questionnaire)
    evaluation = Evaluation(index, check_answers(questionnaire, dict(answers)), context)
    questions = question_results(index, evaluation)
    if strict and evaluation.problems:
        raise AnswersError(evaluation.problems)
    # Every plausibility check read once, here: the hard ones void points, and all of them are
    # what the report, the intake and `score` list (without evaluating the answers again).
    warned = [check.id for check in questionnaire.checks if evaluation.holds(check.warn_if)]
    _void(index, evaluation, questions, set(warned))
    nodes: dict[str, NodeResult] = {}
    root = _node(index.root, questions, nodes, questionnaire.strict_na)
    sets = {name: _members(index, evaluation, name) for name in questionnaire.question_sets}
    rules = Rules(index, evaluation, questions, nodes, sets)
    for dim in reversed(list(index.walk())):  # children first: a parent's rule may count them
        levels = index.levels(dim)
        if levels:
            node = nodes[dim.id]
            node.level, node.next_level = level_of(rules, dim, node, levels)
            following = node.next_level
            if dim.id != ROOT_ID and following is not None and following.when is not None:
                node.unmet = [c for c in rules.leaves(following.when, dim) if not c.met]
    _cap_at_target(evaluation.target_cap(), nodes)
    decided = root.level.when if root.level is not None else None
    return ScoreResult(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        sha256=sha256,
        root=root,
        questions=questions,
        completeness=_completeness(index, questions),
        decided_by=rules.leaves(decided, index.root) if decided is not None else [],
        next_level=next_level(index, rules, questions, nodes) if gaps else None,
        sets=sets,
        nodes=nodes,
        na_share=_na_share(index, questions),
        warned=warned,
    )


def _void(
    index: Index, evaluation: Evaluation, questions: dict[str, QuestionResult], warned: set[str]
) -> None:
    """Format 3: an answer that fails a hard bound (a share over 100 %, a base year in the
    future) scores nothing for the indicators computed from it, until it is corrected or the
    provider explains it (an explained check is in the context's resolutions)."""
    for check in index.questionnaire.checks:
        if not check.hard or evaluation.context.resolutions.get(check.id) or check.id not in warned:
            continue
        for qid in voided_by(index, check):
            result = questions[qid]
            if result.visible and result.max_points > 0 and result.voided is None:
                result.points, result.voided = 0.0, check.id


def _na_share(index: Index, questions: dict[str, QuestionResult]) -> float | None:
    """Of the shown questions that offer 不适用, the share answered so (None: none offers it)."""
    offering = [r for qid, r in questions.items() if r.visible and qid in index.offers_na]
    return sum(r.not_applicable for r in offering) / len(offering) if offering else None


def _cap_at_target(cap: int | None, nodes: dict[str, NodeResult]) -> None:
    """With a target level chosen, no level above it is "next": the assessment stops there."""
    if cap is None:
        return
    for node in nodes.values():
        following = node.next_level
        if following is not None and following.value is not None and following.value > cap:
            node.next_level = None


def question_results(index: Index, evaluation: Evaluation) -> dict[str, QuestionResult]:
    results = {}
    for qid, question in index.questions.items():
        parent = index.dimensions[index.parent_of[qid]]
        results[qid] = evaluation.question_result(question, parent.scoring.not_applicable == "full_credit")
    return results


def _node(
    dim: Dimension, questions: dict[str, QuestionResult], nodes: dict[str, NodeResult], strict: bool
) -> NodeResult:
    children = [_node(child, questions, nodes, strict) for child in dim.children]
    node = aggregate(dim, [questions[q.id] for q in dim.questions], children, strict=strict)
    nodes[dim.id] = node
    return node


def _members(index: Index, evaluation: Evaluation, name: str) -> list[str]:
    qset = index.questionnaire.question_sets[name]
    chosen = evaluation.value(qset.by_answer.question) if qset.by_answer else None
    return index.members(name, chosen if isinstance(chosen, str) else None)


def _completeness(index: Index, questions: dict[str, QuestionResult]) -> Completeness:
    asked = [q for q in questions.values() if q.visible and index.questions[q.id].kind != "derived"]
    missing = [q.id for q in asked if not q.answered and index.questions[q.id].required]
    unexplained = [q.id for q in asked if q.unexplained]
    return Completeness(len(asked), sum(q.answered for q in asked), missing, unexplained)
