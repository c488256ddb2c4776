"""Sample answers (best, worst or random) that respect visibility, for end-to-end tests."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable
from typing import Literal

from diagnosis.model import (
    ChoiceQuestion,
    DerivedQuestion,
    NumberQuestion,
    Plausibility,
    Question,
    Questionnaire,
)
from diagnosis.model.formula import compile_formula
from diagnosis.model.index import Index, index_of
from diagnosis.model.points import band_points
from diagnosis.scoring.answers import Value, needs_reason
from diagnosis.scoring.evaluation import Evaluation
from diagnosis.scoring.plausibility import _concerns, _reads

Strategy = Literal["max", "min", "random"]
MAX_PASSES = 10
MAX_COMBINATIONS = 5000
# What a plausibility warning costs a sample (format 3): a hard one more than any band (it would
# void points anyway), a soft one next to nothing (it only breaks ties between equal scores).
HARD_COST, SOFT_COST = 1e3, 1e-3


def sample_answers(questionnaire: Questionnaire, strategy: Strategy, seed: int = 0) -> dict[str, Value]:
    """A valid answer for every visible question, chosen by `strategy`."""
    index = index_of(questionnaire)
    rng = random.Random(seed)
    answers: dict[str, Value] = {}
    for _ in range(MAX_PASSES):  # answers can reveal or hide questions: repeat until stable
        before = dict(answers)
        evaluation = Evaluation(index, answers)
        for qid, question in index.questions.items():
            if not evaluation.visible(qid):
                answers.pop(qid, None)
            elif qid not in answers and question.kind != "derived":
                answers[qid] = _choose(index, question, strategy, rng)
        _tune_figures(index, answers, strategy, rng)
        if strategy != "random":
            _refine_figures(index, answers, strategy)
        if answers == before:
            break
    return answers


SAMPLE_REASON = "示例理由：本单位没有这项业务 / sample reason: the enterprise has no such activity"


def sample_notes(questionnaire: Questionnaire, answers: dict[str, Value]) -> dict[str, str]:
    """Notes for sample answers: a reason for each 不适用 where the questionnaire needs one."""
    return {qid: SAMPLE_REASON for qid, value in answers.items() if needs_reason(questionnaire, qid, value)}


def _choose(index: Index, question: Question, strategy: Strategy, rng: random.Random) -> Value:
    if isinstance(question, ChoiceQuestion):
        return _choose_option(index, question, strategy, rng)
    if isinstance(question, NumberQuestion):
        low, high = _range(question)
        candidates = _candidates(question, index.questionnaire.strict_na)
        if strategy == "random":
            return _fit(question, rng.uniform(low, high))
        if not question.bands and index.questionnaire.strict_na:
            return candidates[len(candidates) // 2]  # a figure of no points of its own: a middling one
        if not question.bands:
            return candidates[0] if strategy == "min" else candidates[-1]
        pick = max if strategy == "max" else min
        return pick(candidates, key=lambda v: band_points(question.bands or [], v))
    return "示例 / sample"


def _choose_option(index: Index, question: ChoiceQuestion, strategy: Strategy, rng: random.Random) -> Value:
    options = list(index.options[question.id].values())
    scored = [o for o in options if not o.not_applicable]
    if question.kind == "multiple":
        plain = [o.id for o in scored if not o.exclusive]
        none = [o.id for o in scored if o.exclusive]
        if strategy == "max":
            return [o.id for o in scored if not o.exclusive and o.points > 0] or plain[:1] or none[:1]
        if strategy == "min":
            return none[:1] or plain[:1]
        if none and rng.random() < 0.2:
            return none[:1]
        return rng.sample(plain, rng.randint(1, len(plain))) if plain else none[:1]
    if strategy == "random":
        return rng.choice(options).id
    key = lambda o: (o.points, o.level or 0)  # noqa: E731
    best = max(scored, key=key) if strategy == "max" else min(scored, key=key)
    return best.id


def _tune_figures(index: Index, answers: dict[str, Value], strategy: Strategy, rng: random.Random) -> None:
    """Choose the figures behind each derived question so it lands in the best / worst band."""
    locked: set[str] = set()
    evaluation = Evaluation(index, answers)
    for qid, question in index.questions.items():
        if not isinstance(question, DerivedQuestion) or not evaluation.visible(qid):
            continue
        free = [
            n
            for n in compile_formula(question.formula).names
            if n not in locked and isinstance(index.questions[n], NumberQuestion) and n in answers
        ]
        choices = [_candidates(index.questions[n], index.questionnaire.strict_na) for n in free]  # type: ignore[arg-type]
        if math.prod(len(c) for c in choices) > MAX_COMBINATIONS:
            continue  # too many to try jointly: the coordinate ascent below tunes them one by one
        combos = list(itertools.product(*choices))
        if strategy == "random":
            rng.shuffle(combos)
        best: tuple[float, tuple[float, ...]] | None = None
        for combo in combos:
            trial = Evaluation(index, answers | dict(zip(free, combo, strict=True)))
            value = trial.derived(question)
            if value is None:
                continue
            points = band_points(question.bands or [], value)
            points = -points if strategy == "min" else points
            points -= _warnings(index, trial, free)
            if best is None or points > best[0]:
                best = (points, combo)
            if strategy == "random":
                break
        if best is not None:
            answers.update(zip(free, best[1], strict=True))
        locked.update(free)
        evaluation = Evaluation(index, answers)


def _refine_figures(index: Index, answers: dict[str, Value], strategy: Strategy) -> None:
    """Coordinate ascent over the figures, one at a time and then in pairs that share a formula:
    derived questions share inputs (revenue feeds several ratios), so a figure alone may be stuck
    where moving it with its partner gains (more revenue *and* more profit keeps the margin)."""
    users: dict[str, list[str]] = {}
    for qid, question in index.questions.items():
        if isinstance(question, DerivedQuestion):
            for name in compile_formula(question.formula).names:
                users.setdefault(name, []).append(qid)
    figures = [q for q in users if isinstance(index.questions[q], NumberQuestion) and q in answers]
    moves: list[tuple[str, ...]] = [(q,) for q in figures]
    moves += [(a, b) for a, b in itertools.combinations(figures, 2) if set(users[a]) & set(users[b])]
    sign = 1 if strategy == "max" else -1
    for _ in range(MAX_PASSES):
        changed = [_improve(index, answers, move, users, sign) for move in moves]
        changed += [_rescale(index, answers, group, users, sign) for group in _unit_groups(index, figures)]
        if not any(changed):
            return


def _unit_groups(index: Index, figures: list[str]) -> list[list[str]]:
    """Figures measured in the same unit (all the 万元 amounts, say) that can scale together."""
    groups: dict[str, list[str]] = {}
    for qid in figures:
        unit = index.questions[qid].unit  # type: ignore[union-attr]
        groups.setdefault(unit.zh if unit else "", []).append(qid)
    return [group for group in groups.values() if len(group) > 1]


def _rescale(
    index: Index, answers: dict[str, Value], group: list[str], users: dict[str, list[str]], sign: int
) -> bool:
    """Multiply a whole unit group by a factor: ratios within it stay, ratios to others move."""
    affected = list(dict.fromkeys([*group, *(u for q in group for u in users[q])]))
    kept = {q: answers[q] for q in group}
    best, improved = _figure_points(index, answers, affected, sign), False
    for factor in (1e-3, 1e-2, 0.1, 10.0, 100.0, 1e3, 1e4):
        low_high = [_range(index.questions[q]) for q in group]  # type: ignore[arg-type]
        scaled = [float(kept[q]) * factor for q in group]  # type: ignore[arg-type]
        if not all(low <= v <= high for v, (low, high) in zip(scaled, low_high, strict=True)):
            continue
        answers.update({q: _fit(index.questions[q], v) for q, v in zip(group, scaled, strict=True)})  # type: ignore[arg-type]
        trial = _figure_points(index, answers, affected, sign)
        if trial > best + 1e-9:
            best, improved = trial, True
            kept = {q: answers[q] for q in group}
        answers.update(kept)
    return improved


def _improve(
    index: Index, answers: dict[str, Value], move: tuple[str, ...], users: dict[str, list[str]], sign: int
) -> bool:
    affected = list(dict.fromkeys([*move, *(u for q in move for u in users[q])]))
    kept = tuple(answers[q] for q in move)
    best = _figure_points(index, answers, affected, sign)
    improved = False
    strict = index.questionnaire.strict_na
    for values in itertools.product(*(_candidates(index.questions[q], strict) for q in move)):  # type: ignore[arg-type]
        answers.update(zip(move, values, strict=True))
        trial = _figure_points(index, answers, affected, sign)
        if trial > best + 1e-9:
            best, kept, improved = trial, values, True
    answers.update(zip(move, kept, strict=True))
    return improved


def _warnings(index: Index, evaluation: Evaluation, figures: Iterable[str]) -> float:
    """Format 3 on: what the plausibility checks reading these figures that warn cost. A sample
    stands for a plausible enterprise at the extreme asked for, so the sampler avoids them where
    the score allows (older formats' samples stay as they were). A check's verdict depends only
    on the values it reads, so it is worked out once per set of values."""
    if not index.questionnaire.strict_na:
        return 0.0
    moved, memo = set(figures), _memo(index)
    total = 0.0
    for check, reads in _check_reads(index):
        if not reads & moved:
            continue
        key = (check.id, *(_hashable(evaluation.value(name)) for name in sorted(reads)))
        if key not in memo:
            memo[key] = evaluation.holds(check.warn_if)
        total += (HARD_COST if check.hard else SOFT_COST) * memo[key]
    return total


def _hashable(value: Value | None) -> object:
    return tuple(value) if isinstance(value, list) else value


def _check_reads(index: Index) -> list[tuple[Plausibility, set[str]]]:
    """Each check with the questions it reads (worked out once per questionnaire)."""
    return _kept(index)[0]


def _memo(index: Index) -> dict[tuple[object, ...], bool]:
    memo = _kept(index)[1]
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    return memo


def _kept(index: Index) -> tuple[list[tuple[Plausibility, set[str]]], dict[tuple[object, ...], bool]]:
    q = index.questionnaire
    kept = _KEPT.get(id(q))
    if kept is None or kept[0] is not q:
        reads = [(c, set(_concerns(c)) | set(_reads(c.warn_if))) for c in q.checks]
        kept = _KEPT[id(q)] = (q, reads, {})
    return kept[1], kept[2]


MEMO_LIMIT = 200_000
_KEPT: dict[
    int, tuple[Questionnaire, list[tuple[Plausibility, set[str]]], dict[tuple[object, ...], bool]]
] = {}


def _figure_points(index: Index, answers: dict[str, Value], qids: list[str], sign: int) -> float:
    """Signed band points of the given figures; a figure out of range is never acceptable, and
    (format 3) one that a plausibility check warns about is avoided."""
    evaluation = Evaluation(index, answers)
    total = -sign * _warnings(index, evaluation, qids)
    for qid in qids:
        question = index.questions[qid]
        value = evaluation.value(qid)
        if (
            isinstance(question, NumberQuestion | DerivedQuestion)
            and question.bands
            and isinstance(value, float | int)
        ):
            total += band_points(question.bands, value)
    return sign * total - len(evaluation.problems) * 1e6


def _range(question: NumberQuestion) -> tuple[float, float]:
    low = question.min if question.min is not None else 0.0
    default_high = 100.0 if question.kind == "percentage" else max(low, 0.0) + 10000.0
    return low, question.max if question.max is not None else default_high


def _candidates(question: NumberQuestion, near_ends: bool = False) -> list[float]:
    """A few telling values across the range, including every band edge; `near_ends` (format 3)
    adds values one short of the top and 5 % above the bottom, so that a small, plausible change
    (a yield of 99 % after 100 %) can be found where a big one would be warned about."""
    low, high = _range(question)
    values = {low, high, low + 1, (low + high) / 2, *(10.0**k for k in range(1, 7)), 50.0}
    if near_ends and not question.bands:
        values.update({high - 1, high - 2, low + (high - low) * 0.05})
    for band in question.bands or []:
        for edge in (band.upto, band.below):
            if edge is not None:
                values.update({edge, edge - 1, edge + 1})
    return sorted({_fit(question, v) for v in values if low <= v <= high})


def _fit(question: NumberQuestion, value: float) -> float:
    return round(value) if question.integer else round(value, 2)
