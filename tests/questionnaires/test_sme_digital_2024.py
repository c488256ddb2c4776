"""Golden cases for sme-digital-2024, each total computed by hand in the comments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.model import Questionnaire
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import ScoreResult

MANDATORY = [
    "scene_product_design",
    "scene_marketing",
    "scene_production_control",
    "scene_quality",
    "scene_equipment",
    "scene_safety",
    "scene_energy",
    "scene_procurement",
    "scene_warehousing",
    "scene_finance",
]
GUIDING = [
    "scene_process_design",
    "scene_after_sales",
    "scene_planning",
    "scene_hr",
    "scene_collaboration",
    "scene_decision",
]
ALL_NETWORK = ["app_network", "control_network", "industrial_5g", "full_coverage"]
ALL_LINKS = [
    "product_design",
    "process_design",
    "marketing",
    "after_sales",
    "planning",
    "production_control",
    "quality",
    "equipment",
    "safety",
    "energy",
    "procurement",
    "warehousing",
    "finance",
    "hr",
]


def scenes(level: int, mandatory: int, guiding: int) -> dict[str, str]:
    """`mandatory` + `guiding` scenes at `level`, every other scene at L0."""
    chosen = MANDATORY[:mandatory] + GUIDING[:guiding]
    return {qid: (f"L{level}" if qid in chosen else "L0") for qid in MANDATORY + GUIDING}


def sixty() -> dict[str, Any]:
    """Exactly 60 points.

    basis 38: network 4 × 2 = 8; device rates 10/100 = 10 % → 0 and 0; data collection
      13 × 0.7 + 0.9 = 10; info systems "all" 10; security 4 × 1.25 + 4 × 1.25 = 10.
    management 15: plan "optimising" 7.5; mechanisms 4 × 1.875 = 7.5; talent none 0;
      invest 0 / revenue → 0 % → 0.
    effects 7: energy 100/1000 both years → change 0 → flat 3.5; yield 95 → 95 flat 3.5;
      revenue per head 1000/20 vs 1000/10 → down 0; cost per 100 90 vs 80 → up 0.
    total 38 + 15 + 7 = 60.
    """
    return {
        "industry_table": "manufacturing",
        "subsector": "general_equipment",
        "base_year": 2025,
        "headcount_cur": 20,
        "headcount_prev": 10,
        "revenue_cur": 1000,
        "revenue_prev": 1000,
        "revenue_prev2": 1000,
        "network": ALL_NETWORK,
        "devices_total": 100,
        "devices_digital": 10,
        "devices_networked": 10,
        "data_collection_links": ALL_LINKS,
        "info_system_coverage": "all",
        "network_security": [
            "boundary_protection",
            "security_products",
            "security_policy",
            "risk_assessment",
        ],
        "data_security": ["data_register", "security_products", "risk_assessment", "security_policy"],
        "plan_execution": "optimising",
        "mgmt_mechanism": [
            "transformation_workflow",
            "system_management",
            "data_management",
            "innovation_incentives",
        ],
        "talent": ["none"],
        "invest_cur": 0,
        "invest_prev": 0,
        "invest_prev2": 0,
        "energy_cur": 100,
        "energy_prev": 100,
        "yield_cur": 95,
        "yield_prev": 95,
        "opcost_cur": 900,
        "opcost_prev": 800,
    }


def eighty() -> dict[str, Any]:
    """Exactly 80 points: basis 50 (rates 70/100 = 70 % → 6 + 6, the rest as in sixty());
    management 30 (talent 5 × 1.5 = 7.5; invest 40/1000 = 4 % → 7.5); effects 0 (energy up:
    120 vs 100; yield down 94 vs 95; revenue per head down; cost per 100 up). 50 + 30 + 0 = 80."""
    return sixty() | {
        "devices_digital": 70,
        "devices_networked": 70,
        "talent": ["digital_posts", "training", "digital_staff", "talent_tiers", "appraisal_pay"],
        "invest_cur": 40,
        "invest_prev": 40,
        "invest_prev2": 40,
        "energy_cur": 120,
        "yield_cur": 94,
    }


@pytest.fixture(scope="module")
def sme(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("sme-digital-2024@1.0.0")


def level(result: ScoreResult) -> str | None:
    return result.level.id if result.level else None


def test_exactly_sixty_with_eight_scenes_at_level_three_is_level_three(sme: Questionnaire) -> None:
    result = score(sme, sixty() | scenes(3, 5, 3))
    assert result.score == 60
    assert [result.nodes[d].score for d in ("basis", "management", "effects")] == [38, 15, 7]
    assert level(result) == "L3" and [c.met for c in result.decided_by] == [True, True, True]
    assert [c.current for c in result.decided_by] == [60, 8, 5]


def test_one_step_under_sixty_falls_to_level_two(sme: Questionnaire) -> None:
    # mechanisms 3 × 1.875 = 5.625 instead of 7.5 → 60 − 1.875 = 58.125
    result = score(
        sme,
        sixty()
        | scenes(3, 5, 3)
        | {"mgmt_mechanism": ["transformation_workflow", "system_management", "data_management"]},
    )
    assert result.score == pytest.approx(58.125)
    assert level(result) == "L2"
    assert [(c.current, c.required) for c in result.next_level.unmet] == [(pytest.approx(58.125), 60)]  # type: ignore[union-attr]


def test_mandatory_scene_shortfall_blocks_level_three_although_points_suffice(sme: Questionnaire) -> None:
    # 60 points, 8 scenes at L3 but only 4 of them mandatory (needs 5).
    result = score(sme, sixty() | scenes(3, 4, 4))
    assert result.score == 60 and level(result) == "L2"
    unmet = result.next_level.unmet  # type: ignore[union-attr]
    assert [(c.text.zh, c.current, c.required) for c in unmet] == [
        ("约束性场景中达到 3 级及以上的不少于 5 个", 4, 5)
    ]
    assert unmet[0].candidates == MANDATORY[4:]  # the mandatory scenes still to raise


def test_scene_count_shortfall_blocks_level_three(sme: Questionnaire) -> None:
    result = score(sme, sixty() | scenes(3, 5, 2))  # 7 scenes at L3
    assert level(result) == "L2"
    assert [(c.current, c.required) for c in result.next_level.unmet] == [(7, 8)]  # type: ignore[union-attr]


def test_exactly_eighty_with_ten_scenes_at_level_four(sme: Questionnaire) -> None:
    result = score(sme, eighty() | scenes(4, 6, 4))
    assert result.score == 80
    assert [result.nodes[d].score for d in ("basis", "management", "effects")] == [50, 30, 0]
    assert level(result) == "L4" and result.next_level is None
    # Five mandatory among the ten at L4 is one short: level three (8 at ≥ L3, 5 mandatory) holds.
    assert level(score(sme, eighty() | scenes(4, 5, 5))) == "L3"


def test_level_one_boundary_and_not_rated(sme: Questionnaire) -> None:
    # 20 points: network 8 + info systems "two or more" 5 + energy flat 3.5 + yield flat 3.5;
    # everything else 0 (no data collection, security, plan, mechanisms; rates 10 % → 0).
    low = sixty() | {
        "data_collection_links": ["none"],
        "info_system_coverage": "two_plus",
        "network_security": ["none"],
        "data_security": ["none"],
        "plan_execution": "none",
        "mgmt_mechanism": ["none"],
    }
    exact = score(sme, low | scenes(1, 3, 3))
    assert exact.score == 20 and level(exact) == "L1"
    under = score(sme, low | {"network": ALL_NETWORK[:3]} | scenes(1, 3, 3))  # 20 − 2 = 18
    assert under.score == 18 and level(under) is None
    too_few = score(sme, low | scenes(1, 3, 2))  # points suffice, only 5 scenes at L1
    assert level(too_few) is None
    assert [(c.current, c.required) for c in too_few.next_level.unmet] == [(5, 6)]  # type: ignore[union-attr]


def test_hidden_questions_leave_no_trace(sme: Questionnaire) -> None:
    # A service firm: the sub-sector is hidden, so its answer is ignored and the default
    # mandatory set applies; system follow-ups are hidden when no system is used.
    base = sixty() | scenes(3, 5, 3) | {"industry_table": "producer_services", "info_system_coverage": "none"}
    with_hidden = base | {"subsector": "food", "info_system_types": ["erp"]}
    without = {k: v for k, v in base.items() if k != "subsector"}
    a, b = score(sme, with_hidden), score(sme, without)
    assert not a.questions["subsector"].visible and not a.questions["info_system_types"].visible
    assert a.score == b.score == 50  # 60 − 10 for "no information system"
    assert a.sets["mandatory_scenes"] == MANDATORY
    assert a.completeness == b.completeness


def test_all_best_and_all_worst(sme: Questionnaire) -> None:
    best = (
        eighty()
        | scenes(4, 10, 6)
        | {"energy_cur": 80, "yield_cur": 99, "headcount_cur": 5, "opcost_cur": 700}
    )
    # effects: energy down 7 + yield up 7 + revenue per head up 3 + cost per 100 down 3 = 20
    top = score(sme, best)
    assert top.score == 100 and level(top) == "L4"
    worst = (
        eighty()
        | scenes(0, 10, 6)
        | {
            "network": ["none"],
            "devices_digital": 0,
            "devices_networked": 0,
            "data_collection_links": ["none"],
            "info_system_coverage": "none",
            "network_security": ["none"],
            "data_security": ["none"],
            "plan_execution": "none",
            "mgmt_mechanism": ["none"],
            "talent": ["none"],
            "invest_cur": 0,
            "invest_prev": 0,
            "invest_prev2": 0,
        }
    )
    bottom = score(sme, worst)
    assert bottom.score == 0 and level(bottom) is None
    assert bottom.next_level is not None and bottom.next_level.level.id == "L1"
