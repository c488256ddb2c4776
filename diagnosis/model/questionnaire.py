"""The questionnaire: identity, dimension tree, scoring declarations and outcome levels."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from diagnosis.messages import msg
from diagnosis.model.base import Id, Lang, SemVer, Strict, Text
from diagnosis.model.conditions import Rule, VisibleIf
from diagnosis.model.questions import AnswerSet, Question

FORMAT = "diagnosis-questionnaire/3"
FORMATS = ("diagnosis-questionnaire/1", "diagnosis-questionnaire/2", FORMAT)


class Scoring(Strict):
    """How a node aggregates its questions and child dimensions.

    sum: points added up (optionally capped). mean: plain mean of the parts' scores.
    weighted_mean: mean of the parts' score/max ratios weighted by `weight`, times `scale`.
    ladder: the node's questions are criteria tagged with a `level`; a level counts when it and
    every level below reach `threshold` attainment; `partial_credit` adds the attainment of the
    next level. none: the node is not scored (its questions still feed counts and levels).
    """

    method: Literal["sum", "mean", "weighted_mean", "ladder", "none"] = "sum"
    cap: float | None = Field(default=None, gt=0)
    scale: float = Field(default=100, gt=0)
    threshold: float = Field(default=0.8, gt=0, le=1)
    partial_credit: Literal["none", "proportional"] = "proportional"
    not_applicable: Literal["reweight", "full_credit"] = "reweight"
    implied_by_next: list[int] = Field(
        default=[],
        description="format 3, ladders: levels that also count as reached when the level above "
        "them is reached on its own criteria (a level 1 that only asks whether the practice is "
        "performed at all, as in GB/T 37988)",
    )


class Level(Strict):
    """A named outcome. `when` decides it for scored nodes; `value` names a ladder level."""

    id: Id
    name: Text
    description: Text | None = None
    value: int | None = Field(default=None, ge=0)
    when: Rule | None = None
    recommendation: Text | None = None


class ByAnswer(Strict):
    """Members chosen by the answer to one question (e.g. mandatory scenes by sub-sector)."""

    question: Id
    cases: dict[Id, list[Id]]
    default: list[Id]


class QuestionSet(Strict):
    """A named group of questions or dimensions that count rules count over."""

    name: Text
    members: list[Id] | None = None
    tag: Id | None = None
    children_of: Id | None = None
    by_answer: ByAnswer | None = None

    @model_validator(mode="after")
    def _one_source(self) -> QuestionSet:
        sources = [self.members, self.tag, self.children_of, self.by_answer]
        if sum(source is not None for source in sources) != 1:
            raise ValueError(msg("model.exactly_one", fields="members, tag, children_of, by_answer"))
        return self


class Dimension(Strict):
    """A node of the tree. `visible_if` hides the whole node, questions and children included
    (e.g. a process area the enterprise declared not applicable)."""

    id: Id
    name: Text
    number: str | None = Field(
        default=None,
        min_length=1,
        max_length=20,
        description="format 3: the standard's own numbering (a clause '6.1', a process area "
        "'PA01'), shown before the name wherever the dimension is named",
    )
    description: Text | None = None
    visible_if: VisibleIf | None = None
    weight: float = Field(default=1, ge=0)
    scoring: Scoring = Scoring.model_construct()
    levels: list[Level] | Id | None = None
    recommendations: dict[Id, Text] = Field(
        default={}, description="advice keyed by the id of the level to reach next"
    )
    questions: list[Question] = []
    children: list[Dimension] = []

    @property
    def title(self) -> Text:
        """The name as people read it: the standard's number first, when it has one."""
        if self.number is None:
            return self.name
        english = f"{self.number} {self.name.en}" if self.name.en else None
        return Text(zh=f"{self.number} {self.name.zh}", en=english)


class Plausibility(Strict):
    """A soft rule on the answers (数据核查): when `warn_if` holds, the message is shown at the
    questions concerned, in `score` output and in the report until a provider resolves it."""

    id: Id
    warn_if: VisibleIf
    message: Text
    questions: list[Id] = Field(default=[], description="where to show it (default: what it reads)")
    hard: bool = Field(
        default=False,
        description="format 3: a hard bound (a share over 100 %, a base year in the future); while it "
        "holds and no provider explained it, the indicators in `voids` score nothing",
    )
    voids: list[Id] = Field(
        default=[],
        description="format 3, hard checks: the questions that score nothing while the check holds "
        "(default: the scored questions it concerns and the derived questions computed from them)",
    )


class KpiSpec(Strict):
    """An effect indicator a plan can set a target for (energy per unit of output, yield, …),
    computed from the answers by `formula`; `better` says which way is an improvement."""

    id: Id
    name: Text
    unit: Text | None = None
    formula: str = Field(min_length=1)
    better: Literal["higher", "lower"]


class CarryOver(Strict):
    """How answers given against an earlier version move to this one (data, not code).

    A question keeps its id unless `questions` says otherwise: a new id, a list of new ids (one
    old question answers several new ones) or null (dropped). `options` renames option ids per
    new question (null: that answer does not carry). Questions in `fresh` always need a new
    answer. An answer that does not fit its new question is left behind and reported.
    """

    from_: SemVer = Field(alias="from")
    questions: dict[Id, Id | list[Id] | None] = {}
    options: dict[Id, dict[Id, Id | None]] = {}
    fresh: list[Id] = []
    note: Text | None = None


class Weakest(Strict):
    """The members of a question set listed as the weakest under the level on the result page."""

    of: Id
    count: int = Field(default=5, ge=1, le=20)


class LevelRule(Strict):
    """How the overall level follows from the scores, as the questionnaire reads the standard:
    stated next to the level on the result page and in the method section, so that a newer
    reading changes data, not code."""

    text: Text
    weakest: Weakest | None = None


class Standard(Strict):
    name: Text
    edition: str = Field(min_length=1)
    url: str | None = None


class Questionnaire(Strict):
    format: Literal["diagnosis-questionnaire/1", "diagnosis-questionnaire/2", "diagnosis-questionnaire/3"] = (
        Field(
            description="3: as 2, and not applicable needs a reason and never raises a level, hard "
            "plausibility bounds void indicators; 2: decimal arithmetic and banding on exact values; "
            "1 (older files): binary floating point, derived values rounded to `decimals` before banding"
        )
    )
    id: Id
    version: SemVer
    title: Text
    subtitle: Text | None = None
    standard: Standard
    disclaimer: Text
    languages: list[Lang] = Field(default=["zh", "en"], min_length=1)
    notes: Text | None = Field(default=None, description="authoring notes; never printed in a report")
    method: Text | None = Field(default=None, description="the method as readers of a report see it")
    purpose: Text | None = None
    estimated_minutes: int | None = Field(default=None, gt=0)
    answer_sets: dict[Id, AnswerSet] = {}
    level_sets: dict[Id, list[Level]] = {}
    question_sets: dict[Id, QuestionSet] = {}
    dimensions: list[Dimension] = Field(min_length=1)
    scoring: Scoring = Scoring.model_construct()
    levels: list[Level] | Id | None = None
    level_rule: LevelRule | None = None
    carry_over: list[CarryOver] = []
    checks: list[Plausibility] = []
    kpis: list[KpiSpec] = []
    target_level: Id | None = Field(
        default=None,
        description="a level question: ladder criteria above the level chosen there are hidden "
        "and left out of every score (an assessment scoped to a target level)",
    )
    _index: Any = PrivateAttr(default=None)  # built once by model.index.index_of

    @property
    def generation(self) -> int:
        """The format's number: 1, 2 or 3. Each keeps its meaning for the files written in it."""
        return int(self.format.rsplit("/", 1)[1])

    @property
    def exact(self) -> bool:
        """Format 2 on computes in decimal and bands exact values."""
        return self.generation >= 2

    @property
    def strict_na(self) -> bool:
        """Format 3 on: not applicable needs a reason (a note) and raises no level; a ladder whose
        criteria are all not applicable stays in scope, at the level its met criteria give."""
        return self.generation >= 3

    @model_validator(mode="after")
    def _chinese_first(self) -> Questionnaire:
        if "zh" not in self.languages:
            raise ValueError(msg("model.languages"))
        return self


# No Dimension.model_rebuild(): built when first used (`defer_build`), see conditions.py.
