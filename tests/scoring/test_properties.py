"""Invariants of the engine, on the fixture and on every bundled questionnaire."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model import ChoiceQuestion, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import Value
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context, Evaluation
from diagnosis.scoring.plausibility import alerts_of
from diagnosis.scoring.result import ScoreResult
from diagnosis.scoring.sample import _choose, sample_answers

BUNDLED = [e.questionnaire for e in default_catalogue().all()]
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def scores(result: ScoreResult) -> dict[str, float]:
    return {nid: node.score for nid, node in result.nodes.items() if node.score is not None}


def controls_visibility(q: Questionnaire, qid: str) -> bool:
    return any(f"'{qid}'" in repr(other.visible_if) for other in index_of(q).questions.values())


@pytest.fixture(params=["mini", *[q.id for q in BUNDLED]])
def questionnaire(request: pytest.FixtureRequest, mini: Questionnaire) -> Questionnaire:
    return mini if request.param == "mini" else next(q for q in BUNDLED if q.id == request.param)


@FAST
@given(seed=SEEDS)
def test_scores_stay_within_zero_and_maximum(questionnaire: Questionnaire, seed: int) -> None:
    result = score(questionnaire, sample_answers(questionnaire, "random", seed))
    for node in result.nodes.values():
        if node.score is not None:
            assert 0 <= node.score <= (node.max_score or 0) + 1e-9, node.id


@FAST
@given(seed=SEEDS)
def test_scoring_is_deterministic(questionnaire: Questionnaire, seed: int) -> None:
    answers = sample_answers(questionnaire, "random", seed)
    first, second = score(questionnaire, answers), score(questionnaire, dict(reversed(answers.items())))
    assert scores(first) == scores(second)
    assert first.level == second.level and first.next_level == second.next_level


@FAST
@given(seed=SEEDS)
def test_leaving_out_the_gap_analysis_changes_no_result(questionnaire: Questionnaire, seed: int) -> None:
    answers = sample_answers(questionnaire, "random", seed)
    full = score(questionnaire, answers, strict=False)
    bare = score(questionnaire, answers, strict=False, gaps=False)
    assert scores(full) == scores(bare) and full.level == bare.level
    assert [n.level for n in full.nodes.values()] == [n.level for n in bare.nodes.values()]
    assert bare.next_level is None


@FAST
@given(seed=SEEDS, pick=st.randoms(use_true_random=False))
def test_a_better_option_never_lowers_any_score(
    questionnaire: Questionnaire, seed: int, pick: random.Random
) -> None:
    answers = sample_answers(questionnaire, "random", seed)
    index = index_of(questionnaire)
    candidates = [
        qid
        for qid, q in index.questions.items()
        if isinstance(q, ChoiceQuestion)
        and q.kind != "multiple"
        and qid in answers
        and not controls_visibility(questionnaire, qid)
        and not index.options[qid][str(answers[qid])].not_applicable
    ]
    if not candidates:
        return
    qid = pick.choice(candidates)
    current = index.options[qid][str(answers[qid])]
    better = [
        o
        for o in index.options[qid].values()
        if not o.not_applicable and (o.points, o.level or 0) > (current.points, current.level or 0)
    ]
    if not better:
        return
    before = score(questionnaire, answers)
    after = score(questionnaire, answers | {qid: pick.choice(better).id})
    for nid, value in scores(before).items():
        assert scores(after)[nid] >= value - 1e-9, (qid, nid)
    levels = [lv.id for lv in index.levels(index.root)]
    rank = lambda r: levels.index(r.level.id) if r.level else -1  # noqa: E731
    assert rank(after) >= rank(before)


@FAST
@given(seed=SEEDS)
def test_answers_to_hidden_questions_change_nothing(questionnaire: Questionnaire, seed: int) -> None:
    answers = sample_answers(questionnaire, "random", seed)
    index = index_of(questionnaire)
    evaluation = Evaluation(index, answers)
    hidden = [
        qid for qid, q in index.questions.items() if not evaluation.visible(qid) and q.kind != "derived"
    ]
    rng = random.Random(seed)
    extra: dict[str, Value] = {qid: _choose(index, index.questions[qid], "random", rng) for qid in hidden}
    before, after = score(questionnaire, answers), score(questionnaire, answers | extra)
    assert scores(before) == scores(after) and before.level == after.level
    assert before.completeness == after.completeness


def test_best_answers_reach_the_top_and_worst_the_bottom(questionnaire: Questionnaire) -> None:
    levels = index_of(questionnaire).levels(index_of(questionnaire).root)
    best = score(questionnaire, sample_answers(questionnaire, "max"))
    worst = score(questionnaire, sample_answers(questionnaire, "min"))
    assert best.score == best.max_score and best.level == levels[-1]
    assert worst.score == 0
    assert worst.level is None or worst.level == levels[0]


@FAST
@given(seed=SEEDS)
def test_a_score_finds_the_checks_plausibility_finds(questionnaire: Questionnaire, seed: int) -> None:
    """The report, the intake and `score` list the checks the scoring read (`warned`) instead of
    evaluating the answers again: the same alerts, in the same order, as reading them anew."""
    answers = sample_answers(questionnaire, "random", seed)
    context = Context(assessment_year=2020 + seed % 8, enterprise={"size_class": "小型"})
    result = score(questionnaire, answers, strict=False, context=context)
    anew = Evaluation(index_of(questionnaire), answers, context)
    holding = [check.id for check in questionnaire.checks if anew.holds(check.warn_if)]
    assert result.warned == holding
    assert [a.id for a in alerts_of(questionnaire, result.warned)] == holding


def test_random_answers_do_set_off_checks() -> None:
    """The comparison above is not idle: random answers set off checks in the bundled files."""
    found = {
        q.id
        for q in BUNDLED
        for seed in range(20)
        if score(q, sample_answers(q, "random", seed), strict=False).warned
    }
    assert len(found) >= 3, found
