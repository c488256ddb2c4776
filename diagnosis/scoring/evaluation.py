"""What the answers mean before any aggregation: visibility, derived values, question points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from diagnosis.messages import msg
from diagnosis.model import (
    AllRule,
    AllVisible,
    AnswerCondition,
    AnswerTest,
    AnyRule,
    AnyVisible,
    ChoiceQuestion,
    DerivedQuestion,
    EnterpriseCondition,
    NotRule,
    NotVisible,
    NumberQuestion,
    Question,
    ValueCondition,
)
from diagnosis.model.formula import compile_formula, half_up
from diagnosis.model.index import Index
from diagnosis.model.points import band_points
from diagnosis.numbers import figure
from diagnosis.scoring.answers import Value
from diagnosis.scoring.result import QuestionResult


@dataclass(frozen=True)
class Context:
    """What is read beside the answers: the year of the assessment and the enterprise record
    (plausibility checks), the notes (format 3: the reason a question is not applicable) and the
    provider's explanations of plausibility warnings, by check id (format 3: an explained hard
    check voids nothing). Formats 1 and 2 score the same whatever it holds."""

    assessment_year: int | None = None
    enterprise: Mapping[str, Any] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    resolutions: Mapping[str, str] = field(default_factory=dict)

    def reason(self, question: str) -> str:
        """The note given with an answer, as a reason (blank is none)."""
        return (self.notes.get(question) or "").strip()


class Evaluation:
    """Answers seen through the questionnaire: a hidden question's answer does not exist."""

    def __init__(self, index: Index, answers: dict[str, Value], context: Context | None = None) -> None:
        self.index = index
        self.answers = answers
        self.context = context or Context()
        self.problems: list[str] = []
        self._visible: dict[str, bool] = {}
        self._derived: dict[str, float | None] = {}

    def visible(self, qid: str) -> bool:
        """A question is shown when its own condition and those of every dimension above it hold."""
        if qid not in self._visible:
            self._visible[qid] = False  # guards cycles; the checks reject them anyway
            question = self.index.questions.get(qid)
            node = question or self.index.dimensions[qid]
            shown = node.visible_if is None or self.holds(node.visible_if)
            # A criterion's level (dimensions have none: asking a model for a field it lacks
            # costs two exceptions inside pydantic, a tenth of scoring)
            if shown and question is not None and question.level is not None:
                cap = self.target_cap()
                shown = cap is None or question.level <= cap
            parent = self.index.parent_of.get(qid)
            self._visible[qid] = shown and (parent is None or self.visible(parent))
        return self._visible[qid]

    def target_cap(self) -> int | None:
        """The target level chosen in the questionnaire's `target_level` question, if any."""
        target = self.index.questionnaire.target_level
        if target is None or not self.visible(target):
            return None
        chosen = self.answers.get(target)
        option = self.index.options[target].get(chosen) if isinstance(chosen, str) else None
        return option.level if option is not None else None

    def value(self, qid: str) -> Value | None:
        """The effective answer: None when hidden or unanswered; computed for derived questions."""
        if not self.visible(qid):
            return None
        question = self.index.questions[qid]
        if isinstance(question, DerivedQuestion):
            return self.derived(question)
        return self.answers.get(qid)

    def compute(self, source: str, rounding: int | None = None) -> float | None:
        """A formula over the current figures (None while an input is missing): decimal and
        exact for format 2 questionnaires, binary floating point for format 1."""
        formula = compile_formula(source)
        known = {"assessment_year": self.context.assessment_year}
        inputs = {name: known[name] if name in known else self.value(name) for name in formula.names}
        numbers = {k: float(v) for k, v in inputs.items() if isinstance(v, int | float)}
        if len(numbers) != len(inputs):
            return None
        if not self.index.questionnaire.exact:
            return formula.evaluate(numbers)
        exact = formula.evaluate_exact(numbers)
        if exact is not None and rounding is not None:
            exact = half_up(exact, rounding)
        return None if exact is None else float(exact)

    def derived(self, question: DerivedQuestion) -> float | None:
        if question.id not in self._derived:
            self._derived[question.id] = None
            result = self.compute(question.formula, question.rounding)
            if result is not None and not self.index.questionnaire.exact:
                result = round(result, question.decimals)  # format 1 banded the rounded value
            self._derived[question.id] = self._in_range(question, result)
        return self._derived[question.id]

    def _in_range(self, question: DerivedQuestion, result: float | None) -> float | None:
        if result is None:
            return None
        low, high = question.min, question.max
        if (low is not None and result < low) or (high is not None and result > high):
            inputs = ", ".join(compile_formula(question.formula).names)
            span = f"{'' if low is None else f'{low:g}'}…{'' if high is None else f'{high:g}'}"
            self.problems.append(
                msg("answers.out_of_range", id=question.id, result=f"{result:g}", span=span, inputs=inputs)
            )
            return None
        return result

    def holds(self, cond: Any) -> bool:
        """Evaluate a visibility condition or the answer part of a rule."""
        if isinstance(cond, AnswerCondition):
            return self.test(cond.answer)
        if isinstance(cond, ValueCondition):
            value = self.compute(cond.value.formula)
            return value is not None and cond.value.holds(value)
        if isinstance(cond, EnterpriseCondition):
            return cond.enterprise.holds(self.context.enterprise.get(cond.enterprise.field))
        if isinstance(cond, AllVisible | AllRule):
            return all(self.holds(part) for part in cond.all)
        if isinstance(cond, AnyVisible | AnyRule):
            return any(self.holds(part) for part in cond.any)
        if isinstance(cond, NotVisible | NotRule):
            return not self.holds(cond.not_)
        raise TypeError(f"not an answer condition: {cond!r}")

    def test(self, test: AnswerTest) -> bool:
        value = self.value(test.question)
        if test.answered is not None:
            return (value is not None) == test.answered
        if value is None:
            return False
        chosen = value if isinstance(value, list) else [value]
        if test.equals is not None:
            return any(_same(item, test.equals) for item in chosen)
        if test.in_ is not None:
            return any(str(item) in test.in_ for item in chosen)
        if test.includes is not None:
            return test.includes in chosen
        number = float(value) if isinstance(value, int | float) else None
        if number is None:
            return False
        return number >= test.gte if test.gte is not None else number <= (test.lte or 0)

    def question_result(self, question: Question, full_credit_na: bool) -> QuestionResult:
        """Points and maximum of one question, after visibility and not-applicable rules."""
        qid = question.id
        if not self.visible(qid):
            return QuestionResult(qid, visible=False, answered=False)
        options, best = self.index.options[qid], self.index.best[qid]
        value = self.value(qid)
        if value is None:
            return QuestionResult(qid, True, False, max_points=best)
        result = QuestionResult(qid, True, True, value=value, max_points=best)
        if isinstance(question, ChoiceQuestion):
            chosen = [options[v] for v in (value if isinstance(value, list) else [value])]  # type: ignore[index]
            if any(o.not_applicable for o in chosen):
                if self.index.questionnaire.strict_na and not self.context.reason(qid):
                    # Format 3: 不适用 without a reason raises nothing; it counts as unanswered.
                    result.answered, result.unexplained = False, True
                    return result
                result.not_applicable = True
                result.skipped = question.skippable is not None
                result.points = result.max_points = best if full_credit_na else 0.0
                return result
            points = sum(o.points for o in chosen)
            if question.max_points is not None:
                points = min(points, question.max_points)
            result.points = points
            result.level = chosen[0].level if question.kind == "level" else None
        elif isinstance(question, NumberQuestion | DerivedQuestion) and isinstance(value, float):
            result.points = band_points(question.bands or [], value)
            if isinstance(question, DerivedQuestion):
                result.derived = value
            else:
                self._at_most(question, value)
        return result

    def _at_most(self, question: NumberQuestion, value: float) -> None:
        """Format 3: a figure above the one it is part of is an answer error, whatever that one is
        (more digitised devices than devices is refused when there are none, too)."""
        if question.at_most is None:
            return
        limit = self.value(question.at_most)
        if isinstance(limit, float | int) and value > limit:
            self.problems.append(
                msg(
                    "answers.at_most",
                    question=question.id,
                    value=figure(value),
                    other=question.at_most,
                    limit=figure(float(limit)),
                )
            )


def _same(item: Any, expected: str | float) -> bool:
    if isinstance(item, float) and not isinstance(expected, str):
        return item == float(expected)
    return str(item) == str(expected)
