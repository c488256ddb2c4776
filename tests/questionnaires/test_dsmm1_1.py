"""Golden cases for dsmm 1.1.0 (format 3): level 1 worded as the standard's 非正式执行 and reached
with level 2; 不适用 never raises a level and an area leaves only through the scope question;
the process areas numbered PA01–PA30; the weakest areas listed with the level rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.outcome import weakest_members
from diagnosis.scoring.carry_over import carry_over, check_mapping
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.sample import sample_answers
from tests.questionnaires.test_dsmm import areas, at_level, criteria, everywhere


@pytest.fixture(scope="module")
def dsmm(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dsmm@1.1.0")


@pytest.fixture(scope="module")
def before(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dsmm@1.0.0")


def with_reasons(q: Questionnaire, answers: dict[str, Any]) -> Any:
    notes = {qid: "本单位没有这项业务" for qid, value in answers.items() if value == "na"}
    return score(q, answers, strict=False, context=Context(notes=notes))


def test_the_questions_of_1_0_0_with_the_standards_numbers(
    dsmm: Questionnaire, before: Questionnaire
) -> None:
    assert dsmm.format == "diagnosis-questionnaire/3"
    assert list(index_of(dsmm).questions) == list(index_of(before).questions)
    assert (
        check_mapping(before, dsmm) == [] and not carry_over(before, everywhere(before, 3), {}, dsmm).dropped
    )
    numbers = [index_of(dsmm).dimensions[pa].number for pa in areas(dsmm)]
    assert numbers == [f"PA{n:02d}" for n in range(1, 31)]
    assert index_of(dsmm).dimensions["exchange.sharing"].title.zh == "PA15 数据共享安全"


def test_level_one_is_worded_as_performed_informally(dsmm: Questionnaire) -> None:
    pa_level_1 = index_of(dsmm).levels(index_of(dsmm).dimensions["storage.backup"])[0]
    assert pa_level_1.name.zh == "非正式执行" and "已经开展" in pa_level_1.description.zh  # type: ignore[union-attr]
    assert all(index_of(dsmm).dimensions[pa].scoring.implied_by_next == [1] for pa in areas(dsmm))


def test_not_met_at_level_one_with_levels_two_and_three_met(
    dsmm: Questionnaire, before: Questionnaire
) -> None:
    pa = "storage.backup"
    answers = everywhere(dsmm, 3) | at_level(dsmm, pa, 3, L1=["not_met"])
    assert score(before, answers).nodes[pa].ladder_level == 0  # 1.0.0: no level at all
    assert score(before, answers).level is None
    result = score(dsmm, answers)
    assert result.nodes[pa].ladder_level == 3 and result.level.id == "L3"  # type: ignore[union-attr]
    # Level 2 not reached: level 1 is not implied, and the not-met criterion decides.
    short = ["not_met"] + ["met"] * (len(criteria(dsmm, pa, 2)) - 1)
    level2_short = everywhere(dsmm, 3) | at_level(dsmm, pa, 3, L1=["not_met"], L2=short)
    assert score(dsmm, level2_short).nodes[pa].ladder_level == 0


def test_an_area_answered_not_applicable_throughout_stays(dsmm: Questionnaire, before: Questionnaire) -> None:
    pa = "exchange.sharing"  # not excludable through the scope question
    answers = everywhere(dsmm, 3) | {qid: "na" for n in range(1, 6) for qid in criteria(dsmm, pa, n)}
    old = score(before, answers)
    assert old.nodes[pa].max_score == 0 and old.level.id == "L3"  # type: ignore[union-attr]  # 29 counted
    result = with_reasons(dsmm, answers)
    assert result.nodes[pa].ladder_level == 0 and result.level is None
    assert weakest_members(dsmm, result)[0] == pa


def test_all_level_three_not_applicable_is_not_well_defined(
    dsmm: Questionnaire, before: Questionnaire
) -> None:
    answers = everywhere(dsmm, 5)
    for pa in areas(dsmm):
        answers |= dict.fromkeys(criteria(dsmm, pa, 3), "na")
    assert score(before, answers).level.id == "L5"  # type: ignore[union-attr]
    assert with_reasons(dsmm, answers).level.id == "L2"  # type: ignore[union-attr]


def test_the_scope_question_still_takes_an_area_out(dsmm: Questionnaire) -> None:
    answers = everywhere(dsmm, 3, scope=["exchange.publishing"])
    answers |= at_level(dsmm, "exchange.publishing", 0)
    result = score(dsmm, answers)
    assert not result.questions[criteria(dsmm, "exchange.publishing", 1)[0]].visible
    assert result.level is not None and result.level.id == "L3"


def test_samples_are_valid_and_sensible(dsmm: Questionnaire) -> None:
    assert score(dsmm, sample_answers(dsmm, "max")).level.id == "L5"  # type: ignore[union-attr]
    assert score(dsmm, sample_answers(dsmm, "min")).level is None
