"""Answers moving to a newer questionnaire version, by the `carry_over` mapping the new version
declares (data, not code): renamed and split questions, renamed options, dropped questions and
questions that need a fresh answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg
from diagnosis.model import CarryOver, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import Value, check_value, needs_reason
from diagnosis.scoring.evaluation import Evaluation


@dataclass
class Carried:
    """What moved, what stayed behind, and what the new version still needs answered."""

    answers: dict[str, Value] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old question, new question)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (old question, why)
    open: list[str] = field(default_factory=list)  # new questions to answer
    block: CarryOver | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "carried": [{"from": old, "to": new} for old, new in self.moved],
            "dropped": [{"question": old, "reason": why} for old, why in self.dropped],
            "open": self.open,
            "note": None if self.block is None or self.block.note is None else self.block.note.model_dump(),
        }


def block_for(old: Questionnaire, new: Questionnaire) -> CarryOver | None:
    """The mapping `new` declares for answers given against `old` (None: ids carry as they are)."""
    if old.id != new.id:
        raise DiagnosisError(msg("carry.other_questionnaire", old=old.id, new=new.id))
    return next((b for b in new.carry_over if b.from_ == old.version), None)


def carry_over(
    old: Questionnaire, answers: dict[str, Any], notes: dict[str, str], new: Questionnaire
) -> Carried:
    """Map answers (and notes) given against `old` onto `new`."""
    block = block_for(old, new)
    index = index_of(new)
    result = Carried(block=block)
    fresh = set(block.fresh if block else [])
    for old_id, value in answers.items():
        targets = _targets(block, old_id, index.questions)
        if not targets:
            result.dropped.append((old_id, msg("carry.no_longer_asked")))
            continue
        for new_id in targets:
            if new_id in fresh:
                result.dropped.append((old_id, msg("carry.fresh", id=new_id)))
                continue
            mapped = _rename_options(block, new_id, value)
            if mapped is None:
                result.dropped.append((old_id, msg("carry.no_counterpart", id=new_id)))
                continue
            clean, problem = check_value(index.questions[new_id], index.options[new_id], mapped)
            if problem or clean is None:
                result.dropped.append((old_id, msg("carry.misfit", id=new_id, problem=problem)))
                continue
            if new_id in result.answers:
                continue  # two old questions map to one new one: the first keeps its place
            if needs_reason(new, new_id, clean) and not (notes.get(old_id) or "").strip():
                result.dropped.append((old_id, msg("carry.na_reason", id=new_id, version=new.version)))
                continue
            result.answers[new_id] = clean
            result.moved.append((old_id, new_id))
            if old_id in notes:
                result.notes[new_id] = notes[old_id]
    shown = Evaluation(index, result.answers)
    result.open = [
        qid
        for qid, question in index.questions.items()
        if question.kind != "derived" and shown.visible(qid) and qid not in result.answers
    ]
    return result


def _targets(block: CarryOver | None, old_id: str, known: dict[str, Any]) -> list[str]:
    if block is not None and old_id in block.questions:
        new = block.questions[old_id]
        return [] if new is None else (new if isinstance(new, list) else [new])
    return [old_id] if old_id in known else []


def _rename_options(block: CarryOver | None, new_id: str, value: Any) -> Any:
    renames = block.options.get(new_id, {}) if block else {}
    if not renames:
        return value
    if isinstance(value, list):
        mapped = [renames.get(v, v) for v in value if renames.get(v, v) is not None]
        return mapped or None
    if isinstance(value, str):
        return renames.get(value, value)
    return value


def check_mapping(old: Questionnaire, new: Questionnaire) -> list[str]:
    """Problems of `new`'s mapping that need the earlier file to see: unknown old questions or
    options. `diagnosis validate` runs it when both versions are at hand."""
    block = block_for(old, new)
    if block is None:
        return []
    before = index_of(old)
    problems: list[str] = [
        msg("carry.check_question", version=old.version, id=qid)
        for qid in block.questions
        if qid not in before.questions
    ]
    sources: dict[str, list[str]] = {}
    for qid in before.questions:
        for target in _targets(block, qid, index_of(new).questions):
            sources.setdefault(target, []).append(qid)
    for new_id, renames in block.options.items():
        offered = {o for qid in sources.get(new_id, []) for o in before.options[qid]}
        problems += [
            msg("carry.check_option", version=old.version, id=new_id, option=option)
            for option in renames
            if option not in offered
        ]
    return problems
