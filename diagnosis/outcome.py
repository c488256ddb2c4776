"""What decided a result, as people read it: the rule checks, the scene ladder table with the
mandatory scenes marked, the level of each dimension, and figures rounded for reading."""

from __future__ import annotations

from dataclasses import dataclass

from diagnosis.model import ChoiceQuestion, Level, Option, Questionnaire, Text
from diagnosis.model.index import index_of
from diagnosis.scoring.result import Check, NodeResult, ScoreResult


@dataclass(frozen=True)
class LadderRow:
    """One member of the largest set of level questions (a scene) and where it stands."""

    question: str
    text: Text
    option: Option | None  # None: unanswered
    marked: bool  # also in a smaller set of level questions (e.g. a mandatory scene)


@dataclass(frozen=True)
class LadderTable:
    name: Text | None
    rows: list[LadderRow]
    marker: list[Text]  # the names of the sets that mark a row (★)


def ladder_table(questionnaire: Questionnaire, result: ScoreResult) -> LadderTable:
    """The largest question set made only of level questions (SME 2024: the 16 scenes), with the
    members of the smaller such sets marked (the sub-sector's mandatory scenes). Empty when the
    questionnaire has no such set."""
    index = index_of(questionnaire)
    ladders = {
        name: members
        for name, members in result.sets.items()
        if members
        and all(
            isinstance(index.questions.get(m), ChoiceQuestion) and index.questions[m].kind == "level"
            for m in members
        )
    }
    if not ladders:
        return LadderTable(None, [], [])
    main = max(ladders, key=lambda name: (len(ladders[name]), name))
    marked = {m for name, members in ladders.items() if name != main for m in members}
    rows = []
    for member in ladders[main]:
        chosen = result.questions[member]
        option = index.options[member].get(str(chosen.value)) if chosen.answered else None
        rows.append(LadderRow(member, index.questions[member].text, option, member in marked))
    sets = questionnaire.question_sets
    return LadderTable(
        sets[main].name if main in sets else None,
        rows,
        [sets[name].name for name in ladders if name != main and name in sets],
    )


def deciding_checks(result: ScoreResult) -> list[Check]:
    """The conditions that gave the level reached (or, below the lowest, those still unmet)."""
    if result.level is not None:
        return list(result.decided_by)
    return list(result.next_level.unmet) if result.next_level else []


def node_level(questionnaire: Questionnaire, node: NodeResult) -> Level | None:
    """A dimension's level: decided by its own rules, or the ladder level it reached."""
    if node.level is not None:
        return node.level
    if node.ladder_level is None:
        return None
    index = index_of(questionnaire)
    dimension = index.dimensions.get(node.id)
    levels = index.levels(dimension) if dimension is not None else []
    return next((level for level in levels if level.value == node.ladder_level), None)


def rounded(value: float | None, places: int = 2) -> str:
    """A figure for reading: at most `places` decimals, no trailing zeros ('0.04', '3.5', '12')."""
    if value is None:
        return "—"
    text = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def criteria_behind(questionnaire: Questionnaire, result: ScoreResult, checks: list[Check]) -> list[str]:
    """The questions to work on for unmet conditions, in questionnaire order within each check: for
    a count over ladders, the criteria up to the level asked that are not fully met in every member
    still short of it; for a count over level questions, the question; for an answer condition,
    its question. What a provider hands the enterprise as "what to close and prove next"."""
    index = index_of(questionnaire)
    found: list[str] = []
    for check in checks:
        if check.question is not None:
            found.append(check.question)
        for member in check.candidates:
            dim = index.dimensions.get(member)
            if member in index.questions:
                found.append(member)
            elif dim is not None and dim.scoring.method == "ladder" and check.level_gte is not None:
                found += [
                    q.id
                    for q in dim.questions
                    if (q.level or 0) <= check.level_gte and _short_of_full(result, q.id)
                ]
    return list(dict.fromkeys(found))


def _short_of_full(result: ScoreResult, qid: str) -> bool:
    answer = result.questions[qid]
    return answer.visible and answer.max_points > 0 and answer.points < answer.max_points - 1e-9


def member_level_name(questionnaire: Questionnaire, result: ScoreResult, member: str) -> Text | None:
    """How far a set member stands, in its own level names ("场景级"), when it has any."""
    node = result.nodes.get(member)
    level = node_level(questionnaire, node) if node is not None else None
    return level.name if level is not None else None


def weakest_members(questionnaire: Questionnaire, result: ScoreResult) -> list[str]:
    """The members of the level rule's `weakest` set that stand lowest (score against maximum;
    questionnaire order on a tie), as many as it asks for; none without the rule. Members with
    nothing applicable (out of scope) are not weak, they are left out."""
    rule = questionnaire.level_rule
    if rule is None or rule.weakest is None:
        return []
    standing = []
    for position, member in enumerate(result.sets.get(rule.weakest.of, [])):
        node, question = result.nodes.get(member), result.questions.get(member)
        if node is not None and node.max_score:
            standing.append(((node.score or 0.0) / node.max_score, position, member))
        elif question is not None and question.visible and question.max_points:
            standing.append((question.points / question.max_points, position, member))
    return [member for _, _, member in sorted(standing)[: rule.weakest.count]]


def evidence_expected(questionnaire: Questionnaire, result: ScoreResult) -> list[str]:
    """The shown questions whose answer calls for evidence (they name it; a computed figure rests
    on its inputs'). From format 3 on, a criterion answered 不适用 or not met (0 points) needs
    none: there is nothing to prove. What the report lists as missing and the intake counts."""
    index = index_of(questionnaire)
    found = []
    for qid, question in index.questions.items():
        answer = result.questions[qid]
        if question.evidence is None or question.kind == "derived" or not answer.visible:
            continue
        nothing_to_prove = answer.not_applicable or (
            isinstance(question, ChoiceQuestion)
            and answer.answered
            and answer.points == 0 < answer.max_points
        )
        if questionnaire.strict_na and nothing_to_prove:
            continue
        found.append(qid)
    return found
