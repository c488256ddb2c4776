"""Golden cases for dcmm 2.1.0 (format 3): the criteria, points and thresholds of 2.0.0, and
不适用 that needs a reason and never raises a level; the standard's clause numbers on areas and
items; the level rule stated as data with the weakest items."""

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
from tests.questionnaires.test_dcmm2 import AREAS, at_level, criteria, everywhere, items


@pytest.fixture(scope="module")
def dcmm(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dcmm@2.1.0")


@pytest.fixture(scope="module")
def before(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dcmm@2.0.0")


def with_reasons(q: Questionnaire, answers: dict[str, Any]) -> Any:
    notes = {qid: "本单位不涉及" for qid, value in answers.items() if value == "na"}
    return score(q, answers, strict=False, context=Context(notes=notes))


def test_format_3_with_the_criteria_of_2_0_0(dcmm: Questionnaire, before: Questionnaire) -> None:
    assert (dcmm.format, before.format) == ("diagnosis-questionnaire/3", "diagnosis-questionnaire/2")
    assert list(index_of(dcmm).questions) == list(index_of(before).questions)
    assert check_mapping(before, dcmm) == []
    carried = carry_over(before, everywhere(before, 3), {}, dcmm)
    assert not carried.dropped and len(carried.answers) == 495


def test_areas_and_items_carry_the_clause_numbers(dcmm: Questionnaire) -> None:
    index = index_of(dcmm)
    assert [index.dimensions[a].number for a in AREAS] == [str(n) for n in range(6, 15)]
    assert index.dimensions["strategy.planning"].title.zh == "6.1 数据战略规划"
    assert index.dimensions["standards.indicators"].number == "10.5"
    assert index.dimensions["application.service"].number == "14.4"
    assert index.members("items") == items(dcmm)  # the 33 items, in order


@pytest.mark.parametrize(("level", "expected"), [(1, "L1"), (2, "L2"), (3, "L3"), (5, "L5")])
def test_levels_are_those_of_2_0_0(
    dcmm: Questionnaire, before: Questionnaire, level: int, expected: str
) -> None:
    for q in (dcmm, before):
        result = score(q, everywhere(q, level))
        assert result.level is not None and result.level.id == expected


def test_largely_met_is_the_pass_threshold(dcmm: Questionnaire) -> None:
    largely = {qid: "large" for item in items(dcmm) for n in range(1, 6) for qid in criteria(dcmm, item, n)}
    result = score(dcmm, largely)
    assert (result.score, result.level.id) == (5.0, "L5")  # type: ignore[union-attr]
    assert "0.8" in (dcmm.level_rule.text.zh if dcmm.level_rule else "")  # and the report says so
    just_below = largely | {criteria(dcmm, "strategy.planning", 1)[0]: "partly"}  # (0.5+1.6)/3 = 0.7
    assert score(dcmm, just_below).nodes["strategy.planning"].ladder_level == 0


def test_nine_items_at_level_zero_still_give_robust(dcmm: Questionnaire) -> None:
    answers = everywhere(dcmm, 5)
    for area in AREAS:  # one item of each area at nothing
        answers |= at_level(dcmm, items(dcmm, area)[0], 0)
    result = score(dcmm, answers)
    assert result.level is not None and result.level.id == "L3"
    assert weakest_members(dcmm, result) == [items(dcmm, a)[0] for a in AREAS][:5]


def test_not_applicable_level_two_no_longer_lifts_an_item(dcmm: Questionnaire, before: Questionnaire) -> None:
    item = "strategy.planning"
    answers = everywhere(dcmm, 1) | at_level(dcmm, item, 3, L2=["na"] * 3)
    assert score(before, answers).nodes[item].ladder_level == 3  # 2.0.0: level 2 passed over
    assert with_reasons(dcmm, answers).nodes[item].ladder_level == 1
    unexplained = score(dcmm, answers, strict=False)
    assert unexplained.nodes[item].ladder_level == 1
    assert unexplained.completeness.unexplained == criteria(dcmm, item, 2)


def test_an_item_answered_not_applicable_throughout_counts_at_zero(dcmm: Questionnaire) -> None:
    item = "application.opening"
    answers = everywhere(dcmm, 5) | {qid: "na" for n in range(1, 6) for qid in criteria(dcmm, item, n)}
    result = with_reasons(dcmm, answers)
    assert (result.nodes[item].score, result.nodes[item].max_score) == (0, 5)
    assert result.nodes["application"].score == pytest.approx(15 / 4)
    assert result.na_share == pytest.approx(15 / 495)


def test_samples_are_valid_and_sensible(dcmm: Questionnaire) -> None:
    assert score(dcmm, sample_answers(dcmm, "max")).level.id == "L5"  # type: ignore[union-attr]
    low = score(dcmm, sample_answers(dcmm, "min"))
    assert low.level is None and low.score == 0


def test_not_applicable_carries_over_only_with_its_reason(dcmm: Questionnaire, before: Questionnaire) -> None:
    first, second = criteria(before, "strategy.planning", 1)[:2]
    answers = everywhere(before, 1) | {first: "na", second: "na"}
    carried = carry_over(before, answers, {first: "没有立项流程"}, dcmm)
    assert carried.answers[first] == "na" and carried.notes[first] == "没有立项流程"
    assert second not in carried.answers and second in carried.open
    assert (second, f"{second} is not applicable only with a reason in 2.1.0") in carried.dropped
