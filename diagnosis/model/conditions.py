"""Declarative conditions: when a question is visible, and when a level is reached.

Conditions are data, never code: each is a small tagged mapping, and the engine interprets it.
`VisibleIf` only looks at answers; `Rule` may also look at scores and counts of sub-results.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from diagnosis.messages import msg
from diagnosis.model.base import Id, Strict


class AnswerTest(Strict):
    """A test of one question's answer; exactly one operator is given."""

    question: Id
    equals: str | float | None = None
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    includes: str | None = None
    gte: float | None = None
    lte: float | None = None
    answered: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> AnswerTest:
        given = [op for op in OPERATORS if getattr(self, op) is not None]
        if len(given) != 1:
            raise ValueError(msg("model.exactly_one", fields="equals, in, includes, gte, lte, answered"))
        return self

    @property
    def operator(self) -> str:
        return next(op for op in OPERATORS if getattr(self, op) is not None)


OPERATORS = ("equals", "in_", "includes", "gte", "lte", "answered")


class ScoreTest(Strict):
    """A test of a dimension's score (the node the rule belongs to when `dimension` is omitted)."""

    dimension: Id | None = None
    gte: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _a_bound(self) -> ScoreTest:
        if self.gte is None and self.lt is None:
            raise ValueError(msg("model.or_both", first="gte", second="lt"))
        return self


class CountTest(Strict):
    """At least `at_least` members of a question set meet the test (level and/or score), or, with
    `all: true`, every applicable member does (members with nothing applicable are left out, so
    the weakest applicable member decides)."""

    of: Id
    level_gte: int | None = Field(default=None, ge=0)
    score_gte: float | None = None
    at_least: int | None = Field(default=None, ge=1)
    all_: bool = Field(default=False, alias="all")

    @model_validator(mode="after")
    def _a_test(self) -> CountTest:
        if self.level_gte is None and self.score_gte is None:
            raise ValueError(msg("model.or_both", first="level_gte", second="score_gte"))
        if (self.at_least is None) == (not self.all_):
            raise ValueError(msg("model.not_both", first="at_least", second="all: true"))
        return self


class ValueTest(Strict):
    """A comparison of a computed value: `formula` over number questions (in plausibility checks
    also `assessment_year`, the year the assessment was made)."""

    formula: str = Field(min_length=1)
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    @model_validator(mode="after")
    def _a_bound(self) -> ValueTest:
        if all(bound is None for bound in (self.gt, self.gte, self.lt, self.lte)):
            raise ValueError(msg("model.comparison"))
        return self

    def holds(self, value: float) -> bool:
        return (
            (self.gt is None or value > self.gt)
            and (self.gte is None or value >= self.gte)
            and (self.lt is None or value < self.lt)
            and (self.lte is None or value <= self.lte)
        )


class EnterpriseTest(Strict):
    """A test of the enterprise record (plausibility checks only): its value is one of `in`, or
    (format 3) it is filled in (`given`) or contains one of the words in `contains` (an industry
    recorded as "C34 通用设备制造业" contains "C34")."""

    field: Literal["size_class", "industry", "province", "city"]
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    contains: list[str] | None = Field(default=None, min_length=1)
    given: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> EnterpriseTest:
        if sum(op is not None for op in (self.in_, self.contains, self.given)) != 1:
            raise ValueError(msg("model.exactly_one", fields="in, contains, given"))
        return self

    def holds(self, found: Any) -> bool:
        if self.in_ is not None:
            return found is not None and str(found) in self.in_
        text = "" if found is None else str(found).strip()
        if self.given is not None:
            return bool(text) == self.given
        return bool(text) and any(word in text for word in self.contains or [])


class AnswerCondition(Strict):
    answer: AnswerTest


class ValueCondition(Strict):
    value: ValueTest


class EnterpriseCondition(Strict):
    enterprise: EnterpriseTest


class ScoreCondition(Strict):
    score: ScoreTest


class CountCondition(Strict):
    count: CountTest


class AllVisible(Strict):
    all: list[VisibleIf] = Field(min_length=1)


class AnyVisible(Strict):
    any: list[VisibleIf] = Field(min_length=1)


class NotVisible(Strict):
    not_: VisibleIf = Field(alias="not")


class AllRule(Strict):
    all: list[Rule] = Field(min_length=1)


class AnyRule(Strict):
    any: list[Rule] = Field(min_length=1)


class NotRule(Strict):
    not_: Rule = Field(alias="not")


def _tag(value: Any) -> str | None:
    """The condition kind is the one key the mapping has (all / any / not / answer / …)."""
    keys = value.keys() if isinstance(value, dict) else value.model_fields_set
    keys = {"not" if key == "not_" else key for key in keys}
    found = keys & {"all", "any", "not", "answer", "score", "count", "value", "enterprise"}
    return found.pop() if len(found) == 1 else None


VisibleIf = Annotated[
    Annotated[AnswerCondition, Tag("answer")]
    | Annotated[ValueCondition, Tag("value")]
    | Annotated[EnterpriseCondition, Tag("enterprise")]
    | Annotated[AllVisible, Tag("all")]
    | Annotated[AnyVisible, Tag("any")]
    | Annotated[NotVisible, Tag("not")],
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message="expected one of the keys: answer, value, enterprise, all, any, not",
    ),
]

Rule = Annotated[
    Annotated[AnswerCondition, Tag("answer")]
    | Annotated[ValueCondition, Tag("value")]
    | Annotated[ScoreCondition, Tag("score")]
    | Annotated[CountCondition, Tag("count")]
    | Annotated[AllRule, Tag("all")]
    | Annotated[AnyRule, Tag("any")]
    | Annotated[NotRule, Tag("not")],
    Discriminator(
        _tag,
        custom_error_type="rule",
        custom_error_message="expected one of the keys: score, count, answer, value, all, any, not",
    ),
]

# No model_rebuild() here: the models build when first used (`defer_build`), the recursive
# references then resolved, so a command that validates nothing pays nothing for them.
