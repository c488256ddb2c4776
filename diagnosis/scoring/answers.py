"""Answers: the exchange file users and scripts see, and checking answers against a questionnaire."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError

from diagnosis.errors import AnswersError
from diagnosis.jsonio import parse_json
from diagnosis.messages import msg
from diagnosis.model import (
    ChoiceQuestion,
    DerivedQuestion,
    NumberQuestion,
    Option,
    Question,
    Questionnaire,
    TextQuestion,
)
from diagnosis.model.base import Id
from diagnosis.model.index import index_of
from diagnosis.records import (
    AssessmentSection,
    EnterpriseSection,
    EvidenceRef,
    Note,
    Record,
    Sha256,
    Version,
)
from diagnosis.validation import reason

if TYPE_CHECKING:
    from diagnosis.plan.model import Plan

    PlanSection = Plan | None
else:  # a JSON object here; `parse_answers_file` makes it a Plan (its models load only then)
    PlanSection = dict[str, Any] | None

ANSWERS_FORMAT = "diagnosis-answers/1"
Value = str | float | list[str]


class QuestionnaireRef(Record):
    id: Id
    version: Version | None = None
    sha256: Sha256 | None = None

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}" if self.version else self.id


class AnswersFile(Record):
    """`{"format": "diagnosis-answers/1", "questionnaire": {...}, "answers": {...}, "notes": {...}}`,
    optionally with the `enterprise`, `assessment` and `evidence` sections `diagnosis show`
    writes. Every section is validated as strictly as the answers; unknown fields are refused."""

    format: Literal["diagnosis-answers/1"]
    questionnaire: QuestionnaireRef
    # Defaults constructed, not validated: an absent section builds no validator of its own.
    enterprise: EnterpriseSection = Field(default_factory=EnterpriseSection.model_construct)
    answers: dict[Id, Any] = {}
    notes: dict[Id, Note] = {}
    assessment: AssessmentSection = Field(default_factory=AssessmentSection.model_construct)
    evidence: list[EvidenceRef] = []
    plan: PlanSection = None  # the diagnosis plan, as `diagnosis show --json` writes it


def parse_answers_file(name: str, raw: bytes) -> AnswersFile:
    """Bytes → AnswersFile, with a clear error for broken JSON or a wrong shape."""
    data = parse_json(raw, name)
    try:
        # Plain JSON values: lax mode for the answers' own numbers, strict records elsewhere.
        file = AnswersFile.model_validate(data)
    except ValidationError as error:
        raise AnswersError(_located(name, error)) from None
    if file.plan is None:
        return file
    from diagnosis.plan.model import Plan

    try:
        plan = Plan.model_validate(file.plan)
    except ValidationError as error:
        raise AnswersError(_located(name, error, "plan")) from None
    return file.model_copy(update={"plan": plan})


def _located(name: str, error: ValidationError, within: str = "") -> list[str]:
    lines: list[str] = []
    for e in error.errors()[:20]:
        where = ".".join(str(p) for p in ((within,) if within else ()) + tuple(e["loc"]))
        what = msg("answers.missing") if e["type"] == "missing" else reason(e)
        lines.append(msg("answers.located", name=name, where=where or msg("answers.top_level"), problem=what))
    return lines


def check_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Value]:
    """Answers normalised to str / float / list[str]; every problem reported at once."""
    index = index_of(questionnaire)
    clean: dict[str, Value] = {}
    problems: list[str] = []
    for qid, raw in answers.items():
        question = index.questions.get(qid)
        if question is None:
            problems.append(
                msg(
                    "answers.no_question",
                    id=qid,
                    questionnaire=questionnaire.id,
                    version=questionnaire.version,
                )
            )
            continue
        if raw is None:
            continue
        value, problem = check_value(question, index.options[qid], raw)
        if problem:
            problems.append(msg("answers.problem", id=qid, problem=problem))
        else:
            assert value is not None
            clean[qid] = value
    if problems:
        raise AnswersError(problems)
    return clean


def needs_reason(questionnaire: Questionnaire, question: str, value: Any) -> bool:
    """Whether this answer is 不适用 in a questionnaire where that needs a reason (format 3): the
    wizard asks for the note first, and storage refuses the answer without one."""
    if not questionnaire.strict_na or value is None:
        return False
    options = index_of(questionnaire).options.get(question, {})
    chosen = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v in options and options[v].not_applicable for v in chosen)


def check_value(question: Question, options: dict[str, Option], raw: Any) -> tuple[Value | None, str | None]:
    """(normalised value, None) or (None, what is wrong)."""
    if isinstance(question, DerivedQuestion):
        return None, msg("answers.computed")
    if isinstance(question, TextQuestion):
        return (raw, None) if isinstance(raw, str) else (None, msg("answers.expected_text"))
    if isinstance(question, NumberQuestion):
        return _number(question, raw)
    assert isinstance(question, ChoiceQuestion)
    if question.kind != "multiple":
        if not isinstance(raw, str):
            return None, msg("answers.expected_option", choices=", ".join(options))
        return (
            (raw, None)
            if raw in options
            else (None, msg("answers.not_option", value=raw, choices=", ".join(options)))
        )
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        return None, msg("answers.expected_options", choices=", ".join(options))
    unknown = [item for item in raw if item not in options]
    if unknown:
        return None, msg("answers.not_option", value=unknown[0], choices=", ".join(options))
    if len(set(raw)) != len(raw):
        return None, msg("answers.twice")
    exclusive = {o.id for o in options.values() if o.exclusive}
    if len(raw) > 1 and exclusive & set(raw):
        return None, msg("answers.exclusive", value=sorted(exclusive & set(raw))[0])
    return list(raw), None


def _number(question: NumberQuestion, raw: Any) -> tuple[Value | None, str | None]:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None, msg("answers.expected_number")
    value = float(raw)
    if not math.isfinite(value):
        return None, msg("answers.expected_finite")
    low = question.min if question.min is not None else (0.0 if question.kind == "percentage" else None)
    high = question.max if question.max is not None else (100.0 if question.kind == "percentage" else None)
    if low is not None and value < low:
        return None, msg("answers.below", value=raw, low=f"{low:g}")
    if high is not None and value > high:
        return None, msg("answers.above", value=raw, high=f"{high:g}")
    if question.integer and not value.is_integer():
        return None, msg("answers.not_whole", value=raw)
    return value, None
