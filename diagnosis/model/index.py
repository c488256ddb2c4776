"""A read-only index over a questionnaire: questions, dimensions and options by id.

The engine, the checks and the sampler all need the same lookups; building them once per
questionnaire keeps scoring fast and the code free of repeated tree walks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from diagnosis.model.base import Text
from diagnosis.model.points import max_points
from diagnosis.model.questionnaire import Dimension, Level, Questionnaire, Scoring
from diagnosis.model.questions import YES_NO, ChoiceQuestion, Option, Question

ROOT_ID = "total"


@dataclass
class Index:
    questionnaire: Questionnaire
    root: Dimension
    questions: dict[str, Question] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    parent_of: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Option]] = field(default_factory=dict)
    best: dict[str, float] = field(default_factory=dict)  # the most points of each question
    offers_na: set[str] = field(default_factory=set)  # questions with a 不适用 option
    _tagged: dict[str, list[str]] = field(default_factory=dict)  # tag → its questions, once

    def levels(self, dimension: Dimension) -> list[Level]:
        """The dimension's levels, resolving a level-set name."""
        levels = dimension.levels
        if isinstance(levels, str):
            return self.questionnaire.level_sets.get(levels, [])
        return levels or []

    def members(self, name: str, chosen: str | None = None) -> list[str]:
        """Members of a question set; for a set chosen by an answer, the case for `chosen`."""
        qset = self.questionnaire.question_sets[name]
        if qset.members is not None:
            return qset.members
        if qset.tag is not None:
            if qset.tag not in self._tagged:  # asked for every count condition of every score
                self._tagged[qset.tag] = [qid for qid, q in self.questions.items() if qset.tag in q.tags]
            return self._tagged[qset.tag]
        if qset.children_of is not None:
            dim = self.dimensions.get(qset.children_of)
            return [child.id for child in dim.children] if dim else []
        assert qset.by_answer is not None
        return qset.by_answer.cases.get(chosen or "", qset.by_answer.default)

    def walk(self) -> Iterator[Dimension]:
        """Every dimension, parents before children, root first."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def options_of(questionnaire: Questionnaire, question: Question) -> list[Option]:
    """The options a choice question offers (its own, a shared set's, or the yes/no default)."""
    if not isinstance(question, ChoiceQuestion):
        return []
    if question.options is not None:
        return question.options
    if question.answers is not None:
        answer_set = questionnaire.answer_sets.get(question.answers)
        return answer_set.options if answer_set else []
    return list(YES_NO)


def build_index(questionnaire: Questionnaire) -> Index:
    """Index a questionnaire; the root node `total` holds the top-level dimensions."""
    # Made of parts already validated: constructed, not validated again (which would build the
    # Dimension validator, a few milliseconds of every command that scores, for nothing).
    root = Dimension.model_construct(
        id=ROOT_ID,
        name=Text.model_construct(zh="总分", en="Total score"),
        scoring=questionnaire.scoring or Scoring.model_construct(),
        levels=questionnaire.levels,
        children=questionnaire.dimensions,
    )
    index = Index(questionnaire, root)
    for node in index.walk():
        index.dimensions.setdefault(node.id, node)
        for child in node.children:
            index.parent_of.setdefault(child.id, node.id)
        for question in node.questions:
            index.questions.setdefault(question.id, question)
            index.parent_of.setdefault(question.id, node.id)
            index.options.setdefault(question.id, {o.id: o for o in options_of(questionnaire, question)})
            index.best.setdefault(question.id, max_points(question, index.options[question.id].values()))
            if any(o.not_applicable for o in index.options[question.id].values()):
                index.offers_na.add(question.id)
    return index


def index_of(questionnaire: Questionnaire) -> Index:
    """The questionnaire's index, built on first use and kept with the (immutable) model."""
    if questionnaire._index is None:
        questionnaire._index = build_index(questionnaire)
    return questionnaire._index  # type: ignore[no-any-return]
