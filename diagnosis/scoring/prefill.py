"""Prefilling a question from another assessment (a question's `prefill`, data): the value the
source assessment gives, mapped onto this question, or nothing when it does not fit."""

from __future__ import annotations

from diagnosis.messages import msg
from diagnosis.model import Option, Question, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import Value, check_value
from diagnosis.scoring.result import ScoreResult


def prefill_value(question: Question, options: dict[str, Option], source: ScoreResult) -> Value | None:
    """What `source` (the scored source assessment) gives this question: its level id or its
    answer, through the map; None when it has nothing or the value is not a valid answer here."""
    spec = question.prefill
    if spec is None:
        return None
    raw: Value | None
    if spec.result == "level":
        raw = source.level.id if source.level is not None else None
    else:
        found = source.questions.get(spec.question or "")
        raw = found.value if found is not None and found.visible and found.answered else None
    if raw is None:
        return None
    if spec.map is not None:
        if not isinstance(raw, str) or raw not in spec.map:
            return None  # a source value the map does not name: leave the question open
        raw = spec.map[raw]
    value, problem = check_value(question, options, raw)
    return None if problem else value


def check_prefill(source: Questionnaire, target: Questionnaire) -> list[str]:
    """Problems of `target`'s prefills from `source` that need the source file to see: unknown
    levels, questions or options. `diagnosis validate` runs it when the source is at hand."""
    before = index_of(source)
    levels = {level.id for level in before.levels(before.root)}
    problems: list[str] = []
    for qid, question in index_of(target).questions.items():
        spec = question.prefill
        if spec is None or spec.questionnaire != source.id:
            continue
        where = msg("prefill.where", id=qid, source=source.id, version=source.version)
        if spec.result == "level":
            known, what = levels, "prefill.no_level"
        elif spec.question not in before.questions:
            problems.append(msg("prefill.no_question", where=where, source=source.id, key=str(spec.question)))
            continue
        else:
            known, what = set(before.options[spec.question or ""]), "prefill.no_option"
        if spec.map is not None and known:
            problems += [
                msg(what, where=where, source=source.id, key=key) for key in spec.map if key not in known
            ]
    return problems
