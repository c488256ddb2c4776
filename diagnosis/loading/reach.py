"""Static reachability: questions that can never be shown, levels that can never be reached.

Both are judged optimistically (every question visible, every answer at its best): anything
these checks reject is impossible for every possible set of answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from diagnosis.messages import msg
from diagnosis.model import (
    AllRule,
    AllVisible,
    AnswerCondition,
    AnyRule,
    AnyVisible,
    ChoiceQuestion,
    CountCondition,
    Dimension,
    NumberQuestion,
    QuestionSet,
    ScoreCondition,
    ValueCondition,
)
from diagnosis.model.formula import FormulaError, compile_formula
from diagnosis.model.index import Index

Path = tuple[str | int, ...]
EPSILON = 1e-9


class Reach:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._visible: dict[str, bool] = {}
        self._stack: list[str] = []
        self._max: dict[str, float] = {}

    # -- visibility -----------------------------------------------------------------------

    def never_visible(self, paths: dict[str, Path]) -> Iterator[tuple[Path, str]]:
        nodes = {**self.index.questions, **self.index.dimensions}
        for qid, node in nodes.items():
            if node.visible_if is None or qid not in paths:
                continue
            kind = "question" if qid in self.index.questions else "dimension"
            if self._depends_on_itself(qid):
                yield (*paths[qid], "visible_if"), msg("reach.self", id=qid)
            elif not self.can_be_visible(qid):
                yield (*paths[qid], "visible_if"), msg(f"reach.never_visible.{kind}", id=qid)

    def _condition(self, node_id: str) -> Any:
        node = self.index.questions.get(node_id) or self.index.dimensions.get(node_id)
        return node.visible_if if node is not None else None

    def _depends_on_itself(self, qid: str) -> bool:
        """A cycle through the conditions of questions and of the dimensions above them."""
        seen, todo = set(), [qid]
        while todo:
            current = todo.pop()
            refs = list(_referenced(self._condition(current))) if self._condition(current) else []
            parent = self.index.parent_of.get(current)
            refs += [parent] if parent is not None else []
            for ref in refs:
                if ref == qid and ref != current:
                    return True
                if ref not in seen:
                    seen.add(ref)
                    todo.append(ref)
        return False

    def can_be_visible(self, qid: str) -> bool:
        if qid not in self._visible:
            if qid in self._stack:
                return False
            self._stack.append(qid)
            cond = self._condition(qid)
            parent = self.index.parent_of.get(qid)
            self._visible[qid] = (cond is None or self.possible(cond)) and (
                parent is None or self.can_be_visible(parent)
            )
            self._stack.pop()
        return self._visible[qid]

    def possible(self, cond: Any) -> bool:
        """Could the condition hold for some answers? (`not` is assumed possible.)"""
        if isinstance(cond, AnswerCondition):
            return self.can_be_visible(cond.answer.question) and self._test_possible(cond)
        if isinstance(cond, AllVisible | AllRule):
            return all(self.possible(part) for part in cond.all) and _consistent(cond.all)
        if isinstance(cond, AnyVisible | AnyRule):
            return any(self.possible(part) for part in cond.any)
        return True

    def _test_possible(self, cond: AnswerCondition) -> bool:
        test, question = cond.answer, self.index.questions.get(cond.answer.question)
        if isinstance(question, NumberQuestion):
            high = (
                question.max if question.max is not None else (100 if question.kind == "percentage" else None)
            )
            low = question.min if question.min is not None else (0 if question.kind == "percentage" else None)
            if test.gte is not None and high is not None and test.gte > high:
                return False
            if test.lte is not None and low is not None and test.lte < low:
                return False
        return True

    # -- levels ---------------------------------------------------------------------------

    def unreachable_levels(self, paths: dict[str, Path]) -> Iterator[tuple[Path, str]]:
        for dim in self.index.walk():
            if dim.scoring.method == "ladder":
                continue
            base: Path = paths.get(dim.id, ())
            for i, level in enumerate(self.index.levels(dim)):
                if level.when is None:
                    continue
                reason = self.impossible(level.when, dim)
                if reason:
                    where = (*base, "levels") if isinstance(dim.levels, str) else (*base, "levels", i)
                    yield where, msg("reach.level", id=level.id, reason=reason)

    def impossible(self, rule: Any, node: Dimension) -> str | None:
        """Why the rule can never hold, or None when the best answers may satisfy it."""
        if isinstance(rule, ScoreCondition):
            target = self.index.dimensions.get(rule.score.dimension or node.id, node)
            best = self.static_max(target)
            if rule.score.gte is not None and rule.score.gte > best + EPSILON:
                return msg("reach.score_max", least=f"{rule.score.gte:g}", id=target.id, best=f"{best:g}")
            if rule.score.lt is not None and rule.score.lt <= 0:
                return msg("reach.score_below", below=f"{rule.score.lt:g}")
        elif isinstance(rule, CountCondition):
            qset = self.index.questionnaire.question_sets.get(rule.count.of)
            if qset is not None:
                return self._count_impossible(rule, qset)
        elif isinstance(rule, AnswerCondition) and not self.possible(rule):
            return msg("reach.answer", id=rule.answer.question)
        elif isinstance(rule, AllRule):
            return next((r for r in (self.impossible(p, node) for p in rule.all) if r), None)
        elif isinstance(rule, AnyRule):
            reasons = [self.impossible(part, node) for part in rule.any]
            return reasons[0] if all(reasons) else None
        return None

    def _count_impossible(self, rule: CountCondition, qset: QuestionSet) -> str | None:
        test = rule.count
        best = 0
        for members in self.variants(test.of, qset):
            ok = [m for m in members if self._member_can_pass(m, test.level_gte, test.score_gte)]
            best = max(best, len(ok))
        if test.all_:
            return None if best else msg("reach.none_pass", name=test.of)
        if best < (test.at_least or 1):
            return msg("reach.few_pass", best=best, name=test.of, need=test.at_least)
        return None

    def _member_can_pass(self, member: str, level: int | None, score: float | None) -> bool:
        if level is not None and self.max_level(member) < level:
            return False
        if score is None:
            return True
        if member in self.index.questions:
            return self.index.best[member] >= score - EPSILON
        dim = self.index.dimensions.get(member)
        return dim is not None and self.static_max(dim) >= score - EPSILON

    def variants(self, name: str, qset: QuestionSet) -> list[list[str]]:
        """Every membership the set can take (several for sets chosen by an answer)."""
        if qset.by_answer is None:
            return [self.index.members(name)]
        return [qset.by_answer.default, *qset.by_answer.cases.values()]

    def max_level(self, member: str) -> int:
        question = self.index.questions.get(member)
        if isinstance(question, ChoiceQuestion):
            return max((o.level or 0 for o in self.index.options[member].values()), default=0)
        dim = self.index.dimensions.get(member)
        if dim is None:
            return 0
        if dim.scoring.method == "ladder":
            return max((q.level or 0 for q in dim.questions), default=0)
        return max(
            (level.value or 0 for level in self.index.levels(dim)), default=len(self.index.levels(dim))
        )

    def static_max(self, dim: Dimension) -> float:
        """The highest score the dimension can reach with every question visible."""
        if dim.id not in self._max:
            self._max[dim.id] = self._compute_max(dim)
        return self._max[dim.id]

    def _compute_max(self, dim: Dimension) -> float:
        method = dim.scoring.method
        if method == "none":
            return 0.0
        if method == "ladder":
            return float(self.max_level(dim.id))
        if method == "weighted_mean":
            return dim.scoring.scale
        parts = [self.index.best[q.id] for q in dim.questions]
        parts += [self.static_max(child) for child in dim.children]
        parts = [p for p in parts if p > 0]
        if method == "mean":
            return sum(parts) / len(parts) if parts else 0.0
        total = sum(parts)
        return min(total, dim.scoring.cap) if dim.scoring.cap is not None else total


def _referenced(cond: Any) -> Iterator[str]:
    if isinstance(cond, AnswerCondition):
        yield cond.answer.question
    if isinstance(cond, ValueCondition):
        try:
            names = compile_formula(cond.value.formula).names
        except FormulaError:  # reported by the checks
            names = []
        yield from (name for name in names if name != "assessment_year")
    for key in ("all", "any"):
        for part in getattr(cond, key, None) or []:
            yield from _referenced(part)
    if getattr(cond, "not_", None) is not None:
        yield from _referenced(cond.not_)


def _consistent(parts: list[Any]) -> bool:
    """Single answers tested side by side under `all` must admit a common value."""
    allowed: dict[str, set[str]] = {}
    for part in parts:
        if not isinstance(part, AnswerCondition):
            continue
        test = part.answer
        values = {str(test.equals)} if test.equals is not None else set(test.in_ or [])
        if values:
            allowed[test.question] = allowed.get(test.question, values) & values
    return all(allowed.values())
