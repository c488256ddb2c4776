"""What scoring produces: plain dataclasses, turned into JSON by `to_dict`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diagnosis.model import Level, Text

if TYPE_CHECKING:
    from diagnosis.scoring.answers import Value


@dataclass
class QuestionResult:
    id: str
    visible: bool
    answered: bool
    value: Value | None = None
    points: float = 0.0
    max_points: float = 0.0
    not_applicable: bool = False
    level: int | None = None  # the chosen option's level (level questions)
    derived: float | None = None  # the computed value (derived questions)
    skipped: bool = False  # not applicable on a criterion the questionnaire lets be skipped
    unexplained: bool = False  # format 3: not applicable without a reason, scored as unanswered
    voided: str | None = None  # format 3: the hard plausibility check that voids its points


@dataclass
class Check:
    """One leaf condition of a level rule, with where the assessment stands against it."""

    text: Text
    met: bool
    current: float | None = None
    required: float | None = None
    candidates: list[str] = field(default_factory=list)  # members that could close a count gap
    level_gte: int | None = None  # what a candidate must reach (count conditions)
    score_gte: float | None = None
    kind: str = "answer"  # score / count / answer / not
    every: bool = False  # a count of every applicable member (`all: true`): the weakest decides
    weakest: list[str] = field(default_factory=list)  # every-counts: the members lowest of all
    question: str | None = None  # answer conditions: the question tested
    of: Text | None = None  # count conditions: the set counted …
    bar: Text | None = None  # … and what each member must reach ("达到场景级及以上")
    total: int | None = None  # count conditions: how many members were counted (of how many)


@dataclass
class Improvement:
    question: str
    gain: float
    points: float
    max_points: float
    recommendation: Text | None = None


@dataclass
class NextLevel:
    level: Level
    unmet: list[Check]
    improvements: list[Improvement]
    recommendations: list[Text]


@dataclass
class NodeResult:
    id: str
    name: Text
    method: str
    score: float | None
    max_score: float | None
    level: Level | None = None
    ladder_level: int | None = None
    attainment: dict[int, float] = field(default_factory=dict)
    next_level: Level | None = None
    unmet: list[Check] = field(default_factory=list)  # below the root: what its next level still needs
    children: list[NodeResult] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    not_applicable: int = 0  # its own shown questions answered not applicable


@dataclass
class Completeness:
    visible: int
    answered: int
    required_missing: list[str]
    unexplained: list[str] = field(default_factory=list)  # format 3: not applicable, no reason given

    @property
    def ratio(self) -> float:
        return self.answered / self.visible if self.visible else 1.0


@dataclass
class ScoreResult:
    questionnaire_id: str
    version: str
    sha256: str | None
    root: NodeResult
    questions: dict[str, QuestionResult]
    completeness: Completeness
    decided_by: list[Check]
    next_level: NextLevel | None
    sets: dict[str, list[str]]
    nodes: dict[str, NodeResult] = field(default_factory=dict)
    na_share: float | None = None  # of the shown questions offering 不适用, the share answered so
    warned: list[str] = field(default_factory=list)  # plausibility checks that hold, in order

    @property
    def score(self) -> float:
        return self.root.score or 0.0

    @property
    def max_score(self) -> float:
        return self.root.max_score or 0.0

    @property
    def level(self) -> Level | None:
        return self.root.level


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _text(text: Text | None) -> dict[str, str | None] | None:
    return None if text is None else {"zh": text.zh, "en": text.en}


def _level(level: Level | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {"id": level.id, "name": _text(level.name), "description": _text(level.description)}


def _check(check: Check) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": _text(check.text),
        "met": check.met,
        "current": _num(check.current),
        "required": _num(check.required),
    }
    if check.candidates:
        out["candidates"] = check.candidates
    if check.weakest:
        out["weakest"] = check.weakest
    return out


def _node(node: NodeResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": node.id,
        "name": _text(node.name),
        "score": _num(node.score),
        "max_score": _num(node.max_score),
    }
    if node.level is not None or node.next_level is not None:
        out["level"] = _level(node.level)
    if node.ladder_level is not None:
        out["ladder_level"] = node.ladder_level
    if node.unmet:
        out["next_level"] = {"level": _level(node.next_level), "unmet": [_check(c) for c in node.unmet]}
    out["children"] = [_node(child) for child in node.children]
    return out


def to_dict(result: ScoreResult, deviations: dict[str, Text] | None = None) -> dict[str, Any]:
    """The JSON form printed by `diagnosis score --json` (`deviations`: the questionnaire's
    declared departures from the public references, by question, shown at the indicator)."""
    deviations = deviations or {}
    nxt = result.next_level
    return {
        "questionnaire": {"id": result.questionnaire_id, "version": result.version, "sha256": result.sha256},
        "score": _num(result.score),
        "max_score": _num(result.max_score),
        "level": _level(result.level),
        "decided_by": [_check(c) for c in result.decided_by],
        "dimensions": [_node(child) for child in result.root.children],
        "completeness": {
            "visible": result.completeness.visible,
            "answered": result.completeness.answered,
            "required_missing": result.completeness.required_missing,
            "not_applicable_without_reason": result.completeness.unexplained,
        },
        "not_applicable_share": _num(result.na_share),
        "next_level": None
        if nxt is None
        else {
            "level": _level(nxt.level),
            "unmet": [_check(c) for c in nxt.unmet],
            "improvements": [
                {
                    "question": i.question,
                    "gain": _num(i.gain),
                    "points": _num(i.points),
                    "max_points": _num(i.max_points),
                    "recommendation": _text(i.recommendation),
                }
                for i in nxt.improvements
            ],
            "recommendations": [_text(t) for t in nxt.recommendations],
        },
        "sets": result.sets,
        "questions": {
            qid: {
                "value": q.value,
                "points": _num(q.points),
                "max_points": _num(q.max_points),
                "level": q.level,
                "not_applicable": q.not_applicable,
                **({"derived": _num(q.derived)} if q.derived is not None else {}),
                **({"voided_by": q.voided} if q.voided is not None else {}),
                **({"deviation": _text(deviation)} if (deviation := deviations.get(qid)) else {}),
            }
            for qid, q in result.questions.items()
            if q.visible
        },
    }
