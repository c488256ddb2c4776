"""Walking a questionnaire: which questions show, which comes next, where to resume.

Pure functions of the questionnaire and the answers, used by the wizard and the `next` command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diagnosis.model import Questionnaire
from diagnosis.model.index import ROOT_ID, index_of
from diagnosis.scoring.evaluation import Evaluation


def shown(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """The questions a person sees now, in order, computed figures included."""
    index = index_of(questionnaire)
    evaluation = Evaluation(index, dict(answers))
    return [qid for qid in index.questions if evaluation.visible(qid)]


def asked(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """The shown questions that take an answer (derived figures are computed, not asked)."""
    index = index_of(questionnaire)
    return [qid for qid in shown(questionnaire, answers) if index.questions[qid].kind != "derived"]


def step(
    questionnaire: Questionnaire, answers: Mapping[str, Any], current: str | None, delta: int
) -> str | None:
    """The visible question `delta` places after (or before) `current`; None past either end."""
    visible = shown(questionnaire, answers)
    if not visible:
        return None
    if current not in visible:
        # The current question was just hidden: continue from its place in the full order.
        order = list(index_of(questionnaire).questions)
        position = order.index(current) if current in order else -1
        later = [qid for qid in visible if order.index(qid) > position]
        return (later[0] if later else None) if delta > 0 else _before(visible, order, position)
    i = visible.index(current) + delta
    return visible[i] if 0 <= i < len(visible) else None


def _before(visible: list[str], order: list[str], position: int) -> str | None:
    earlier = [qid for qid in visible if order.index(qid) < position]
    return earlier[-1] if earlier else None


def resume_point(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str | None:
    """Where to continue: the first visible question without an answer (None: all answered)."""
    return next((qid for qid in asked(questionnaire, answers) if answers.get(qid) is None), None)


def required_missing(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    index = index_of(questionnaire)
    return [
        qid
        for qid in asked(questionnaire, answers)
        if index.questions[qid].required and answers.get(qid) is None
    ]


@dataclass
class Progress:
    answered: int
    shown: int

    @property
    def ratio(self) -> float:
        return self.answered / self.shown if self.shown else 1.0


def progress(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Progress]:
    """Answered / shown questions per dimension (children included) and for `total`."""
    index = index_of(questionnaire)
    counts: dict[str, Progress] = {dim.id: Progress(0, 0) for dim in index.walk()}
    for qid in asked(questionnaire, answers):
        node: str | None = index.parent_of[qid]
        while node is not None:
            counts[node].shown += 1
            counts[node].answered += answers.get(qid) is not None
            node = index.parent_of.get(node) if node != ROOT_ID else None
    return counts


def first_in(questionnaire: Questionnaire, answers: Mapping[str, Any], dimension: str) -> str | None:
    """The first visible question inside a dimension (for jumping from the tree)."""
    index = index_of(questionnaire)
    for qid in shown(questionnaire, answers):
        node: str | None = index.parent_of[qid]
        while node is not None and node != dimension:
            node = index.parent_of.get(node)
        if node == dimension:
            return qid
    return None
