"""lianghua 1.1.0 (format 3): the questions and points of 1.0.1 with plausibility checks, which
1.0.x had none of — IT spending or R&D of 100 % of revenue or more and a tenfold energy change
score nothing until explained; IT staff above the head count is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.errors import AnswersError
from diagnosis.model import Questionnaire
from diagnosis.scoring.carry_over import carry_over, check_mapping
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.sample import sample_answers
from tests.questionnaires.alerts import alerts


@pytest.fixture(scope="module")
def lh(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("lianghua@1.1.0")


@pytest.fixture(scope="module")
def before(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("lianghua@1.0.1")


@pytest.fixture(scope="module")
def best(lh: Questionnaire) -> dict[str, Any]:
    return dict(sample_answers(lh, "max"))


def test_the_best_answers_are_plausible_and_score_full(lh: Questionnaire, best: dict[str, Any]) -> None:
    assert not {c.id for c in lh.checks if c.hard} & {a.id for a in alerts(lh, best)}
    result = score(lh, best)
    assert (result.score, result.level.id) == (100, "S4")  # type: ignore[union-attr]


def test_carried_over_from_1_0_1(lh: Questionnaire, before: Questionnaire, best: dict[str, Any]) -> None:
    assert check_mapping(before, lh) == [] and not carry_over(before, best, {}, lh).dropped


def test_it_spending_of_all_revenue_scores_nothing(
    lh: Questionnaire, before: Questionnaire, best: dict[str, Any]
) -> None:
    answers = best | {"inf_it_invest": best["p_revenue"]}  # 100 % of revenue
    assert score(before, answers).questions["inf_it_invest_ratio"].points == 4  # 1.0.1: full marks, no word
    result = score(lh, answers)
    ratio = result.questions["inf_it_invest_ratio"]
    assert (ratio.points, ratio.voided) == (0, "it_invest_over_revenue")
    assert "it_invest_over_revenue" in {a.id for a in alerts(lh, answers)} - {a.id for a in alerts(lh, best)}
    explained = score(lh, answers, context=Context(resolutions={"it_invest_over_revenue": "集团集中采购"}))
    assert explained.questions["inf_it_invest_ratio"].points == 4


def test_r_and_d_of_all_revenue_scores_nothing(lh: Questionnaire, best: dict[str, Any]) -> None:
    result = score(lh, best | {"comp_rd_spend": best["p_revenue"] * 2})
    assert result.questions["comp_rd_intensity"].voided == "rd_over_revenue"


def test_a_tenfold_energy_change_scores_nothing(lh: Questionnaire, best: dict[str, Any]) -> None:
    answers = best | {"ben_energy_prev": 0.01, "ben_energy_now": 1000}  # a unit mix-up
    change = score(lh, answers).questions["ben_energy_change"]
    assert change.voided == "energy_change_tenfold"
    assert "energy_change_tenfold" in {a.id for a in alerts(lh, answers)}


def test_it_staff_above_the_head_count_is_refused(lh: Questionnaire, best: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as caught:
        score(lh, best | {"inf_it_staff": best["p_headcount"] + 1})
    assert any(line.startswith("answers: inf_it_staff is ") for line in caught.value.lines)


def test_not_applicable_needs_a_reason(lh: Questionnaire, best: dict[str, Any]) -> None:
    answers = best | {"p_industry_type": "discrete", "inf_dnc": "na"}
    unexplained = score(lh, answers, strict=False)
    assert unexplained.completeness.unexplained == ["inf_dnc"]
    with_reason = score(lh, answers, strict=False, context=Context(notes={"inf_dnc": "没有数控设备"}))
    assert with_reason.questions["inf_dnc"].not_applicable and with_reason.completeness.unexplained == []
