"""Hand-computed results on the mini questionnaire: one test per scoring rule."""

from __future__ import annotations

import pytest

from diagnosis.errors import AnswersError
from diagnosis.model import Questionnaire
from diagnosis.scoring.engine import score

# Answers that reach "good" (each test changes what it is about):
# base: network wired 2 + g5 3 = 5 (cap 6) ; has_erp yes 1 ; erp_modules 5 → 3 ; rate 6/10 = 60 % → 2
#       5 + 1 + 3 + 2 = 11, capped at 10
# mgmt: L1 (1 + 1)/2 = 1 ≥ 0.8, L2 (1 + 0.5)/2 = 0.75 < 0.8 → level 1 + 0.75 partial = 1.75
# total = 10 + 1.75 = 11.75 of 12
GOOD = {
    "sector": "food",
    "network": ["wired", "g5"],
    "has_erp": "yes",
    "erp_modules": 5,
    "devices_total": 10,
    "devices_digital": 6,
    "m1a": "full",
    "m1b": "full",
    "m2a": "full",
    "m2b": "partly",
    "scene_a": "L2",
    "scene_b": "L2",
}


def test_sum_with_cap_ladder_partial_credit_and_composite_level(mini: Questionnaire) -> None:
    result = score(mini, GOOD)
    assert result.nodes["base"].score == 10 and result.nodes["base"].max_score == 10
    assert result.nodes["mgmt"].score == pytest.approx(1.75) and result.nodes["mgmt"].ladder_level == 1
    assert result.nodes["mgmt"].level is not None and result.nodes["mgmt"].level.id == "L1"
    assert result.score == pytest.approx(11.75) and result.max_score == 12
    assert result.level is not None and result.level.id == "good"
    assert [c.met for c in result.decided_by] == [True, True, True]
    assert result.next_level is None
    assert result.nodes["profile"].score is None  # not scored


def test_hidden_question_contributes_nothing(mini: Questionnaire) -> None:
    # has_erp no → erp_modules hidden: its answer (3 points) and its maximum (3) both vanish.
    # base = 5 + 0 + 2 = 7 of (6 + 1 + 2) = 9 ; total 7 + 1.75 = 8.75 of 11
    result = score(mini, GOOD | {"has_erp": "no"})
    assert not result.questions["erp_modules"].visible
    assert result.nodes["base"].score == 7 and result.nodes["base"].max_score == 9
    assert result.score == pytest.approx(8.75) and result.max_score == 11


def test_level_rule_boundaries(mini: Questionnaire) -> None:
    # "good" needs total ≥ 8. With has_erp no the total is 8.75: take 0.75 more off via m2b "not":
    # mgmt L2 (1 + 0)/2 = 0.5 → 1.5 ; total 7 + 1.5 = 8.5 → still good.
    assert score(mini, GOOD | {"has_erp": "no", "m2b": "not"}).level.id == "good"  # type: ignore[union-attr]
    # Exactly 8: base 7 (no ERP) + mgmt 1.0 (L1 met, L2 attainment 0: m2a, m2b not) → good.
    exact = score(mini, GOOD | {"has_erp": "no", "m2a": "not", "m2b": "not"})
    assert exact.score == 8 and exact.level.id == "good"  # type: ignore[union-attr]
    # One point under: network wired + wifi = 4 instead of 5 → base 6, total 7 → basic (≥ 4).
    under = score(mini, GOOD | {"has_erp": "no", "m2a": "not", "m2b": "not", "network": ["wired", "wifi"]})
    assert under.score == 7 and under.level.id == "basic"  # type: ignore[union-attr]
    unmet = under.next_level.unmet  # type: ignore[union-attr]
    assert [(c.current, c.required) for c in unmet] == [(7, 8)]


def test_mandatory_set_depends_on_the_sub_sector(mini: Questionnaire) -> None:
    # Points suffice (11.75 ≥ 8) and 2 scenes are at level 2, but for food the mandatory scene
    # is scene_b: at level 1 it blocks "good".
    food = score(mini, GOOD | {"scene_b": "L1", "scene_a": "L2"})
    assert food.sets["key_scenes"] == ["scene_b"]
    assert food.level.id == "basic"  # type: ignore[union-attr]
    texts = [c.text.en for c in food.next_level.unmet]  # type: ignore[union-attr]
    assert texts == [
        "at least 2 of the scenes at level 2 or above",
        "at least 1 of the mandatory scenes at level 2 or above",
    ]
    # For machinery the default set is scene_a, which is at level 2: only the count of 2 fails.
    machinery = score(mini, GOOD | {"sector": "machinery", "scene_b": "L1"})
    assert machinery.sets["key_scenes"] == ["scene_a"]
    assert [c.met for c in machinery.next_level.unmet] == [False]  # type: ignore[union-attr]


def test_not_applicable_reweights_within_the_ladder(mini: Questionnaire) -> None:
    # m1b not applicable: L1 = m1a alone = 0.5 < 0.8 → level 0, partial 0.5.
    half = score(mini, GOOD | {"m1a": "partly", "m1b": "na"})
    assert half.nodes["mgmt"].score == pytest.approx(0.5)
    # m2b not applicable: L2 = m2a alone = 1 → level 2 = the top: score 2 of 2.
    full = score(mini, GOOD | {"m2b": "na"})
    assert full.nodes["mgmt"].score == 2 and full.nodes["mgmt"].level.id == "L2"  # type: ignore[union-attr]


def test_derived_value_bands_and_missing_inputs(mini: Questionnaire) -> None:
    at_edge = score(mini, GOOD | {"devices_digital": 5})  # 50 % → band "upto 50" → 1 point
    assert at_edge.questions["digital_rate"].derived == 50 and at_edge.questions["digital_rate"].points == 1
    missing = score(mini, {k: v for k, v in GOOD.items() if k != "devices_total"})
    assert (
        not missing.questions["digital_rate"].answered and missing.questions["digital_rate"].max_points == 2
    )
    with pytest.raises(AnswersError, match="digital_rate computes to 150, outside 0…100"):
        score(mini, GOOD | {"devices_digital": 15})
    lenient = score(mini, GOOD | {"devices_digital": 15}, strict=False)
    assert not lenient.questions["digital_rate"].answered


def test_completeness_counts_visible_questions_only(mini: Questionnaire) -> None:
    result = score(mini, {"has_erp": "no"})
    # visible: sector network has_erp devices×2 m1a m1b m2a m2b scene_a scene_b remarks = 12
    assert result.completeness.visible == 12 and result.completeness.answered == 1
    assert result.completeness.required_missing == [
        "sector",
        "network",
        "m1a",
        "m1b",
        "m2a",
        "m2b",
        "scene_a",
        "scene_b",
    ]


def test_all_answer_problems_are_reported_at_once(mini: Questionnaire) -> None:
    with pytest.raises(AnswersError) as caught:
        score(
            mini,
            {
                "ghost": 1,
                "sector": "cars",
                "network": ["none", "wifi"],
                "erp_modules": 2.5,
                "devices_total": -1,
                "digital_rate": 5,
                "has_erp": True,
                "remarks": 3,
            },
        )
    assert caught.value.lines == [
        "answers.ghost: no such question in mini 1.0.0",
        "answers.sector: 'cars' is not an option (machinery, food)",
        "answers.network: 'none' cannot be combined with other options",
        "answers.erp_modules: 2.5 is not a whole number",
        "answers.devices_total: -1 is below the minimum 0",
        "answers.digital_rate: is computed from other answers; give the figures it uses instead",
        "answers.has_erp: expected one option id (yes, no)",
        "answers.remarks: expected text",
    ]


def test_improvements_point_at_the_biggest_gains(mini: Questionnaire) -> None:
    result = score(mini, GOOD | {"network": ["wired"], "scene_a": "L1"})
    # base: 2 + 1 + 3 + 2 = 8 (cap 10) ; network at best 6 → 12 capped 10 → gain 2
    # mgmt: m2b full → L2 attainment 1 → level 2 = 2.0 → gain 0.25
    gains = [(i.question, i.gain) for i in result.next_level.improvements]  # type: ignore[union-attr]
    assert gains == [("network", 2.0), ("m2b", pytest.approx(0.25))]
