"""sme-digital-2024 1.1.0: the arithmetic fixed, at the exact boundaries where 1.0.0 went wrong.
Each case gives the 1.1.0 result and, where it differed, the 1.0.0 one (kept for old assessments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.errors import AnswersError
from diagnosis.model import Questionnaire
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.sample import sample_answers
from tests.questionnaires.alerts import alerts

from .test_sme_digital_2024 import scenes, sixty


@pytest.fixture(scope="module")
def new(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("sme-digital-2024@1.1.0")


@pytest.fixture(scope="module")
def old(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("sme-digital-2024@1.0.0")


def points(q: Questionnaire, answers: dict[str, Any], qid: str) -> float:
    return score(q, sixty() | scenes(3, 5, 3) | answers, strict=False).questions[qid].points


def test_zero_production_devices_earn_nothing(new: Questionnaire, old: Questionnaire) -> None:
    # 0 devices, 1 digitised and networked: 1.0.0 divided by max(0, 1) → 100 % → 6 + 6 points.
    answers = {"devices_total": 0, "devices_digital": 1, "devices_networked": 1}
    assert points(old, answers, "device_digital_rate") + points(old, answers, "device_network_rate") == 12
    result = score(new, sixty() | scenes(3, 5, 3) | answers, strict=False)
    assert result.questions["device_digital_rate"].derived is None  # a rate over zero devices
    assert (
        result.questions["device_digital_rate"].points == result.questions["device_network_rate"].points == 0
    )
    found = {a.id for a in alerts(new, sixty() | answers)}
    assert {"devices_digital_exceed", "devices_networked_exceed"} <= found


def test_more_digitised_than_all_devices_is_refused_with_a_sentence(new: Questionnaire) -> None:
    with pytest.raises(AnswersError) as caught:
        score(new, sixty() | {"devices_total": 10, "devices_digital": 12})
    assert caught.value.lines == [
        "answers: device_digital_rate computes to 120, outside 0…100; "
        "check the figures devices_digital, devices_total"
    ]


@pytest.mark.parametrize(
    ("digital", "new_points", "old_points"),
    [
        (250, 0, 0),  # 250 / 2500 = 10.00 % → "10 % or less"
        (251, 1.5, 0),  # 10.04 %: 1.0.0 rounded it to 10.0 first and gave 0
        (500, 1.5, 1.5),  # 20.00 % → "10–20 %"
        (501, 3, 1.5),  # 20.04 % → "20–40 %"
    ],
)
def test_device_rates_are_banded_on_their_exact_value(
    new: Questionnaire, old: Questionnaire, digital: int, new_points: float, old_points: float
) -> None:
    answers = {"devices_total": 2500, "devices_digital": digital}
    assert points(new, answers, "device_digital_rate") == new_points
    assert points(old, answers, "device_digital_rate") == old_points


@pytest.mark.parametrize(
    ("invest", "new_points", "old_points"),
    [
        (15.0, 0, 0),  # 3 × 15 / (3 × 3000) = 0.500 % → "0.5 % or less"
        (15.9, 1.875, 0),  # 0.53 %: 1.0.0 rounded to 0.5 and gave 0
        (30.0, 1.875, 1.875),  # 1.000 % → "0.5–1 %"
        (30.3, 3.75, 1.875),  # 1.01 %: 1.0.0 rounded to 1.0
    ],
)
def test_investment_share_is_banded_on_its_exact_value(
    new: Questionnaire, old: Questionnaire, invest: float, new_points: float, old_points: float
) -> None:
    answers = {"revenue_cur": 3000, "revenue_prev": 3000, "revenue_prev2": 3000}
    answers |= {"invest_cur": invest, "invest_prev": invest, "invest_prev2": invest}
    assert points(new, answers, "invest_ratio") == new_points
    assert points(old, answers, "invest_ratio") == old_points


@pytest.mark.parametrize(
    ("current", "previous", "new_points", "old_points"),
    [
        (90.05, 90, 7, 3.5),  # +0.05 points rounds half up to +0.1: up (1.0.0: float 0.04999… → flat)
        (90, 90.05, 0, 3.5),  # −0.05 rounds to −0.1: down (1.0.0 gave flat)
        (90.04, 90, 3.5, 3.5),  # +0.04 → 0.0: flat
        (90, 90, 3.5, 3.5),  # exactly flat
    ],
)
def test_yield_change_is_rounded_half_up_before_the_tie(
    new: Questionnaire,
    old: Questionnaire,
    current: float,
    previous: float,
    new_points: float,
    old_points: float,
) -> None:
    answers = {"yield_cur": current, "yield_prev": previous}
    assert points(new, answers, "yield_change") == new_points
    assert points(old, answers, "yield_change") == old_points


def test_an_unchanged_energy_intensity_is_exactly_flat(new: Questionnaire) -> None:
    # (110 / 1100) / (100 / 1000) × 100 − 100 = 0 exactly in decimal arithmetic → flat 3.5.
    answers = {"energy_cur": 110, "revenue_cur": 1100, "energy_prev": 100, "revenue_prev": 1000}
    result = score(new, sixty() | scenes(3, 5, 3) | answers)
    assert result.questions["energy_intensity_change"].derived == 0
    assert result.questions["energy_intensity_change"].points == 3.5


def test_the_plausibility_checks_of_the_issue(new: Questionnaire) -> None:
    answers = sixty() | {
        "base_year": 2061,
        "invest_cur": 3570,
        "invest_prev": 3570,
        "invest_prev2": 3570,  # 10,710 / 3,000 = 357 % of revenue
        "opcost_cur": 0,  # a negative cost is refused as an answer; zero passes, and is warned about
        "headcount_cur": 36996,
    }
    context = Context(assessment_year=2026, enterprise={"size_class": "小型"})
    found = {a.id: a for a in alerts(new, answers, context)}
    assert {
        "base_year_future",
        "invest_share_over_revenue",
        "opcost_not_positive",
        "size_small_headcount",
    } <= set(found)
    assert found["base_year_future"].questions == ["base_year"]
    assert "300" in found["size_small_headcount"].message.zh
    assert alerts(new, sixty(), Context(assessment_year=2026, enterprise={"size_class": "小型"})) == []


def test_samples_reach_the_top_and_the_bottom(new: Questionnaire) -> None:
    top = score(new, sample_answers(new, "max"))
    assert (top.score, top.level.id if top.level else None) == (100, "L4")
    assert score(new, sample_answers(new, "min")).level is None
    assert sample_answers(new, "max")["devices_total"] > 0  # the best answers no longer divide by zero
