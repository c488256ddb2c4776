"""Walking a questionnaire: which questions show, which comes next, where to resume.

Pure functions of the questionnaire and the answers, used by the wizard and the `next` command.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from diagnosis.model import ChoiceQuestion, Questionnaire
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


# -- pages: one question, or one rating page for a dimension of criteria ------------------------

RATING_KINDS = ("single", "level", "yesno")


def rating_dimensions(questionnaire: Questionnaire) -> set[str]:
    """Dimensions answered on one rating page: two or more questions of their own, all one-choice
    over the same shared answer set (e.g. every DCMM capability item: criteria × conformity)."""
    found = set()
    for dim in index_of(questionnaire).walk():
        sets = {q.answers if isinstance(q, ChoiceQuestion) else None for q in dim.questions}
        if (
            len(dim.questions) >= 2
            and len(sets) == 1
            and None not in sets
            and all(q.kind in RATING_KINDS for q in dim.questions)
        ):
            found.add(dim.id)
    return found


def page_of(questionnaire: Questionnaire, question: str, rating: bool = True) -> str:
    """The page a question is asked on: its dimension's rating page, or a page of its own."""
    parent = index_of(questionnaire).parent_of.get(question, "")
    return parent if rating and parent in rating_dimensions(questionnaire) else question


def pages(questionnaire: Questionnaire, answers: Mapping[str, Any], rating: bool = True) -> list[str]:
    """The visible pages in order (a rating page shows when any of its criteria does)."""
    rated = rating_dimensions(questionnaire) if rating else set()
    parent = index_of(questionnaire).parent_of
    return list(
        dict.fromkeys(parent[q] if parent.get(q) in rated else q for q in shown(questionnaire, answers))
    )


def on_page(
    questionnaire: Questionnaire, answers: Mapping[str, Any], page: str, rating: bool = True
) -> list[str]:
    """The visible questions of a page, in order."""
    if not rating or page not in rating_dimensions(questionnaire):
        return [page] if page in shown(questionnaire, answers) else []
    parent = index_of(questionnaire).parent_of
    return [q for q in shown(questionnaire, answers) if parent.get(q) == page]


def page_step(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    current: str | None,
    delta: int,
    rating: bool = True,
) -> str | None:
    """The first visible question of the page `delta` pages after (or before) the page of
    `current`; None past either end. With `rating=False` every question is a page (= `step`)."""
    if not rating:
        return step(questionnaire, answers, current, delta)
    rated = rating_dimensions(questionnaire)
    index = index_of(questionnaire)

    def page(qid: str) -> str:
        parent = index.parent_of.get(qid, "")
        return parent if parent in rated else qid

    here = page(current) if current else None
    visible = shown(questionnaire, answers)
    target = step(questionnaire, answers, current, delta)
    # Walk question by question until the page changes; a rating page is entered at its top.
    while target is not None and page(target) == here:
        i = visible.index(target) + delta
        target = visible[i] if 0 <= i < len(visible) else None
    if target is None:
        return None
    return next(q for q in visible if page(q) == page(target))


# -- finding questions: filters and search (the wizard's side panel, usable by the CLI) --------

Filter = Literal["all", "unanswered", "review", "notes"]
FILTERS: tuple[Filter, ...] = ("all", "unanswered", "review", "notes")


def find(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    show: Filter = "all",
    text: str = "",
    notes: Mapping[str, str] | None = None,
    flagged: Collection[str] = (),
) -> list[str]:
    """Asked questions, in order, that pass a filter (unanswered, marked for review, with a
    note) and contain `text` (either language, or the id; case and width ignored)."""
    index = index_of(questionnaire)
    needle = _fold(text)
    tests: dict[Filter, Callable[[str], bool]] = {
        "all": lambda qid: True,
        "unanswered": lambda qid: answers.get(qid) is None,
        "review": lambda qid: qid in flagged,
        "notes": lambda qid: bool((notes or {}).get(qid)),
    }
    keep = tests[show]
    found = []
    for qid in asked(questionnaire, answers):
        question = index.questions[qid]
        haystack = _fold(f"{qid} {question.text.zh} {question.text.en or ''}")
        if keep(qid) and needle in haystack:
            found.append(qid)
    return found


def find_dimensions(questionnaire: Questionnaire, answers: Mapping[str, Any], text: str) -> list[str]:
    """Dimensions with a visible question whose name contains `text` (to jump to an item)."""
    needle = _fold(text)
    if not needle:
        return []
    counts = progress(questionnaire, answers)
    return [
        dim.id
        for dim in index_of(questionnaire).walk()
        if dim.id != ROOT_ID
        and counts[dim.id].shown
        and needle in _fold(f"{dim.id} {dim.number or ''} {dim.name.zh} {dim.name.en or ''}")
    ]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


# -- rating pages: levels of criteria and the quick "rest of this level" answers ---------------

Role = Literal["not_met", "not_applicable"]


def rest_of_level(
    questionnaire: Questionnaire, answers: Mapping[str, Any], dimension: str, level: int | None
) -> list[str]:
    """The visible, unanswered questions of a dimension at one criterion level."""
    index = index_of(questionnaire)
    return [
        qid
        for qid in on_page(questionnaire, answers, dimension)
        if index.questions[qid].level == level and answers.get(qid) is None
    ]


def option_for(questionnaire: Questionnaire, question: str, role: Role) -> str | None:
    """The option that means "not met" (the fewest points, not-applicable left aside) or "not
    applicable" for a choice question; None when it offers none."""
    options = list(index_of(questionnaire).options.get(question, {}).values())
    if role == "not_applicable":
        return next((o.id for o in options if o.not_applicable), None)
    scored = [o for o in options if not o.not_applicable and not o.exclusive]
    return min(reversed(scored), key=lambda o: o.points).id if scored else None


def target_question(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str | None:
    """The question choosing a target level, when the questionnaire declares one and it is shown."""
    target = questionnaire.target_level
    return target if target is not None and target in shown(questionnaire, answers) else None


# -- what the enterprise record already answers ------------------------------------------------


def from_enterprise(questionnaire: Questionnaire, industry: str | None) -> dict[str, str]:
    """Answers the enterprise's industry already gives, so the wizard does not ask it again: a
    question tagged `industry` whose option is named by it (its label in either language, with or
    without the code in brackets, e.g. "通用设备制造业" or "通用设备制造业（C34）"), and the
    answers that question is shown under (e.g. the category 制造业 for a sub-sector). A division
    code (C34, as the enterprise form asks for) names the option whose label carries it."""
    wanted = _fold(industry or "")
    if not wanted:
        return {}
    codes = set(re.findall(r"(?<![a-z])[a-z]\d{2}(?!\d)", wanted))  # "c34 通用设备制造业": c34
    bare = _fold(re.sub(r"(?<![a-z])[a-z]\d{2}(?!\d)", " ", wanted))
    index = index_of(questionnaire)
    found: dict[str, str] = {}
    for qid, question in index.questions.items():
        if "industry" not in question.tags or not isinstance(question, ChoiceQuestion):
            continue
        named = [
            o.id
            for o in index.options[qid].values()
            if {wanted, bare} & _names(o.label.zh, o.label.en) or codes & _codes(o.label.zh)
        ]
        if len(named) == 1:
            found[qid] = named[0]
            found |= _shown_under(question.visible_if, index.questions)
    return found


def _names(*labels: str | None) -> set[str]:
    """A label as people write it: whole, without a trailing code in brackets, and with 业 after
    it ("通用设备制造（C34）", "通用设备制造", "通用设备制造业")."""
    names = set()
    for label in filter(None, labels):
        bare = _fold(label.split("（")[0].split("(")[0])
        names |= {_fold(label), bare, bare + "业"} if bare else {_fold(label)}
    return names


def _codes(label: str) -> set[str]:
    """The GB/T 4754 divisions a label names in brackets: "（C13–C14）" → {"c13", "c14"}."""
    found = set()
    for letter, first, last in re.findall(r"([A-Z])(\d{2})(?:[–-][A-Z]?(\d{2}))?", label):
        found |= {f"{letter.lower()}{n:02d}" for n in range(int(first), int(last or first) + 1)}
    return found


def _shown_under(condition: Any, questions: Mapping[str, Any]) -> dict[str, str]:
    """The answer a plain "shown when question X equals option Y" condition asks for."""
    from diagnosis.model import AnswerCondition

    test = condition.answer if isinstance(condition, AnswerCondition) else None
    if test is None or not isinstance(test.equals, str) or test.question not in questions:
        return {}
    return {test.question: test.equals}


def industry_names(questionnaire: Questionnaire, lang: str) -> list[str]:
    """The options of the questions tagged `industry`, as `from_enterprise` recognises them:
    what the enterprise form offers as the industry is typed."""
    index = index_of(questionnaire)
    return [
        option.label.get(lang)  # type: ignore[arg-type]
        for qid, question in index.questions.items()
        if "industry" in question.tags
        for option in index.options[qid].values()
    ]
