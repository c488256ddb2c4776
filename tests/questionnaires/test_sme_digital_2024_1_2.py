"""sme-digital-2024 1.2.0 (format 3): the points of 1.1.0, and figures that cannot be true score
nothing until corrected or explained; more devices digitised than there are is refused even at
zero; the new plausibility rules (no system next to scenes at level 3–4, the industry on record
against the sub-sector, the size class by head count and revenue); the funding bands' departure
from the public references declared at the indicator; the industry help corrected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.errors import AnswersError
from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.carry_over import carry_over, check_mapping
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.sample import sample_answers
from tests.questionnaires.alerts import alerts

from .test_sme_digital_2024 import eighty, scenes, sixty

RECORD = {"industry": "C34 通用设备制造业", "size_class": "小型"}  # 20 staff, 1,000 万元: small


@pytest.fixture(scope="module")
def sme(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("sme-digital-2024@1.2.0")


@pytest.fixture(scope="module")
def before(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("sme-digital-2024@1.1.0")


def found(q: Questionnaire, answers: dict[str, Any], **enterprise: Any) -> set[str]:
    context = Context(assessment_year=2026, enterprise=RECORD | enterprise)
    return {a.id for a in alerts(q, sixty() | scenes(3, 5, 3) | answers, context)}


def test_points_and_levels_are_those_of_1_1_0(sme: Questionnaire, before: Questionnaire) -> None:
    assert sme.format == "diagnosis-questionnaire/3"
    assert check_mapping(before, sme) == [] and not carry_over(before, sixty(), {}, sme).dropped
    for answers in (sixty() | scenes(3, 5, 3), eighty() | scenes(4, 6, 4), sixty() | scenes(3, 4, 4)):
        new, old = score(sme, answers), score(before, answers)
        assert (new.score, new.level) == (old.score, old.level)
    assert found(sme, {}) == set()  # sixty() on a consistent record warns about nothing


def test_an_investment_share_over_100_percent_scores_nothing_until_explained(
    sme: Questionnaire, before: Questionnaire
) -> None:
    # 3 × 1,200 against 3 × 1,000 万元: 120 % — 1.1.0 gave full marks (7.5) with a warning.
    answers = eighty() | scenes(4, 6, 4) | {"invest_cur": 1200, "invest_prev": 1200, "invest_prev2": 1200}
    assert score(before, answers).questions["invest_ratio"].points == 7.5
    result = score(sme, answers, context=Context(assessment_year=2026))
    assert (result.questions["invest_ratio"].points, result.questions["invest_ratio"].voided) == (
        0,
        "invest_share_over_revenue",
    )
    assert result.score == 72.5 and result.level.id == "L3"  # type: ignore[union-attr]
    explained = Context(assessment_year=2026, resolutions={"invest_share_over_revenue": "含集团统一采购"})
    assert score(sme, answers, context=explained).questions["invest_ratio"].points == 7.5
    exactly = eighty() | {"invest_cur": 1000, "invest_prev": 1000, "invest_prev2": 1000}  # 100 %: possible
    assert score(sme, exactly, context=Context(assessment_year=2026)).questions["invest_ratio"].voided is None


def test_a_base_year_in_the_future_voids_the_yearly_indicators(sme: Questionnaire) -> None:
    answers = eighty() | scenes(4, 6, 4) | {"base_year": 2027, "energy_cur": 80}
    yearly = ["invest_ratio", "energy_intensity_change", "yield_change", "revenue_per_employee_change"]
    now = score(sme, answers, context=Context(assessment_year=2027))
    assert [now.questions[q].points for q in yearly] == [7.5, 7, 0, 0]
    assert found(sme, {"base_year": 2027}) == {"base_year_future"}
    assert found(sme, {"base_year": 2026}) == {"base_year_current"}  # not over yet: a soft note
    future = score(sme, answers, context=Context(assessment_year=2026))
    assert [future.questions[q].points for q in yearly] == [0, 0, 0, 0]
    assert {future.questions[q].voided for q in yearly} == {"base_year_future"}


def test_a_tenfold_energy_change_scores_nothing(sme: Questionnaire) -> None:
    answers = sixty() | scenes(3, 5, 3) | {"energy_cur": 10}  # 100 → 10 tce on the same revenue: −90 %
    result = score(sme, answers, context=Context(assessment_year=2026))
    assert (
        result.questions["energy_intensity_change"].points,
        result.questions["energy_intensity_change"].voided,
    ) == (
        0,
        "energy_change_tenfold",
    )
    assert score(sme, answers | {"energy_cur": 11}).questions["energy_intensity_change"].points == 7
    assert found(sme, {"energy_cur": 11}) == {"energy_change_large"}


@pytest.mark.parametrize("total", [0, 5])
def test_more_digitised_devices_than_devices_is_refused(sme: Questionnaire, total: int) -> None:
    with pytest.raises(AnswersError) as caught:
        score(sme, sixty() | {"devices_total": total, "devices_digital": 6, "devices_networked": 0})
    assert f"answers: devices_digital is 6, more than devices_total ({total})" in caught.value.lines


def test_no_information_system_next_to_scenes_at_level_three(sme: Questionnaire) -> None:
    assert found(sme, {"info_system_coverage": "none"}) == {"no_system_but_scenes"}
    assert found(sme, {"info_system_coverage": "none"} | scenes(2, 5, 5)) == set()


def test_the_industry_on_record_against_the_sub_sector(sme: Questionnaire) -> None:
    assert found(sme, {"subsector": "food"}) == {"industry_record_differs"}
    assert found(sme, {"subsector": "food"}, industry="C1391 淀粉及淀粉制品制造") == set()
    assert found(sme, {"subsector": "food"}, industry=None) == set()  # nothing on record to compare


@pytest.mark.parametrize(
    ("size", "staff", "revenue", "warns"),
    [
        ("中型", 186, 12800, True),  # the old demo: a medium firm needs 300 staff as well
        ("小型", 186, 12800, False),
        ("中型", 300, 2000, False),
        ("中型", 300, 1999, True),
        ("小型", 300, 2000, True),
        ("小型", 19, 500, True),
        ("微型", 19, 5000, False),
        ("微型", 20, 300, True),
        ("大型", 999, 50000, True),
        ("大型", 1000, 40000, False),
    ],
)
def test_the_size_class_against_staff_and_revenue(
    sme: Questionnaire, size: str, staff: int, revenue: float, warns: bool
) -> None:
    figures = {
        "headcount_cur": staff,
        "headcount_prev": staff,
        "revenue_cur": revenue,
        "revenue_prev": revenue,
    }
    assert (
        bool(
            found(sme, figures, size_class=size)
            & {f"size_class_{k}" for k in ("micro", "small", "medium", "large")}
        )
        is warns
    )


def test_the_funding_bands_say_where_they_depart_from_the_references(sme: Questionnaire) -> None:
    deviation = index_of(sme).questions["invest_ratio"].deviation
    assert deviation is not None and "60–100%" in deviation.zh and "60-100 %" in deviation.get("en")


def test_the_industry_help_no_longer_says_three_tables(sme: Questionnaire, before: Questionnaire) -> None:
    old_help = index_of(before).questions["industry_table"].help
    new_help = index_of(sme).questions["industry_table"].help
    assert old_help is not None and old_help.zh.startswith("官方指标分三张表")
    assert new_help is not None and "官方指标分三张表" not in new_help.zh and "2022 年版" in new_help.zh


def test_samples_are_sensible(sme: Questionnaire) -> None:
    """The extremes, valid (a strict score passes) and never voided by a hard check."""
    best, worst = sample_answers(sme, "max"), sample_answers(sme, "min")
    top = score(sme, best)
    assert (top.score, top.level.id) == (100, "L4")  # type: ignore[union-attr]
    assert alerts(sme, best) == []  # the best plausible enterprise
    hard = {c.id for c in sme.checks if c.hard}
    assert not hard & {a.id for a in alerts(sme, worst)}
    assert (score(sme, worst).score, score(sme, worst).level) == (0, None)
