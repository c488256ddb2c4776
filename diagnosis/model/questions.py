"""Questions and their answer options. The `kind` field selects the model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from diagnosis.messages import msg
from diagnosis.model.base import Id, Strict, Text
from diagnosis.model.conditions import VisibleIf


class Option(Strict):
    """One answer option. `points` is what it scores; `level` places it on a ladder."""

    id: Id
    label: Text
    points: float = 0
    not_applicable: bool = False
    exclusive: bool = False
    level: int | None = Field(default=None, ge=0)
    description: Text | None = None
    recommendation: Text | None = None


class AnswerSet(Strict):
    """Options defined once and reused by many questions (e.g. fully / partly / not met)."""

    name: Text | None = None
    options: list[Option] = Field(min_length=2)


class Band(Strict):
    """Points for a numeric value: the first band whose bound holds wins; no bound = the rest."""

    upto: float | None = None
    below: float | None = None
    points: float
    label: Text | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Band:
        if self.upto is not None and self.below is not None:
            raise ValueError(msg("model.not_both", first="upto", second="below"))
        return self

    def matches(self, value: float) -> bool:
        if self.upto is not None:
            return value <= self.upto
        if self.below is not None:
            return value < self.below
        return True


class Prefill(Strict):
    """Where a new assessment takes this question's first answer from: the enterprise's latest
    finalized assessment of `questionnaire` (any version), either its overall level
    (`result: level`) or its answer to `question`, translated by `map` (source value → value
    here). Nothing is prefilled when there is no such assessment or the value does not fit."""

    questionnaire: Id
    question: Id | None = None
    result: Literal["level"] | None = None
    map: dict[str, str] | None = Field(default=None, description="source value → this question's value")

    @model_validator(mode="after")
    def _one_source(self) -> Prefill:
        if (self.question is None) == (self.result is None):
            raise ValueError(msg("model.not_both", first="question", second="result: level"))
        return self


class QuestionBase(Strict):
    id: Id
    text: Text
    help: Text | None = None
    evidence: Text | None = None
    required: bool = True
    visible_if: VisibleIf | None = None
    weight: float = Field(default=1, ge=0)
    level: int | None = Field(default=None, ge=1, description="criterion level in a ladder")
    tags: list[Id] = []
    recommendation: Text | None = None
    prefill: Prefill | None = None
    skippable: Text | None = Field(
        default=None,
        description="format 3, ladder criteria: why this criterion may be skipped; answered not "
        "applicable, it lets its level pass instead of failing it",
    )
    deviation: Text | None = Field(
        default=None,
        description="format 3: where this indicator departs from the public references, shown "
        "wherever the indicator is shown",
    )


class ChoiceQuestion(QuestionBase):
    """single / multiple / yesno / level: the answer is one option id, or a list for multiple."""

    kind: Literal["single", "multiple", "yesno", "level"]
    options: list[Option] | None = None
    answers: Id | None = Field(default=None, description="id of a shared answer set")
    max_points: float | None = Field(default=None, ge=0, description="cap for multiple choice")

    @model_validator(mode="after")
    def _options_or_set(self) -> ChoiceQuestion:
        if self.kind == "yesno" and self.options is None and self.answers is None:
            return self
        if (self.options is None) == (self.answers is None):
            raise ValueError(msg("model.options_or_answers"))
        return self


class NumberQuestion(QuestionBase):
    """A figure typed in; `bands` turn it into points (no bands = recorded, not scored)."""

    kind: Literal["number", "percentage"]
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    bands: list[Band] | None = None
    at_most: Id | None = Field(
        default=None,
        description="format 3: another number question this answer may not exceed (digitised "
        "devices are at most the devices); more is an answer error, as a rate over 100 % is",
    )


class DerivedQuestion(QuestionBase):
    """A value computed from number answers with an arithmetic `formula`, then banded."""

    kind: Literal["derived"]
    formula: str = Field(min_length=1)
    unit: Text | None = None
    decimals: int = Field(default=1, ge=0, le=6, description="digits shown to people")
    rounding: int | None = Field(
        default=None,
        ge=0,
        le=6,
        description="format 2: round half up (四舍五入) to this many decimals before banding",
    )
    min: float | None = None
    max: float | None = None
    bands: list[Band] | None = None
    required: bool = False


class TextQuestion(QuestionBase):
    """Free text; never scored."""

    kind: Literal["text"]


Question = Annotated[
    ChoiceQuestion | NumberQuestion | DerivedQuestion | TextQuestion,
    Field(discriminator="kind"),
]

YES_NO = (  # constructed, not validated: a constant must not build validators at import
    Option.model_construct(id="yes", label=Text.model_construct(zh="是", en="Yes"), points=1),
    Option.model_construct(id="no", label=Text.model_construct(zh="否", en="No"), points=0),
)
