"""Golden cases for lianghua. Aspect maxima (by hand from the file): 基础建设 38 (41 for a
hybrid plant), 单项应用 48, 综合集成 36, 协同与创新 30, 竞争力 27, 效益 31; weights
15 / 25 / 25 / 15 / 10 / 10, so the index is Σ weight × score / max."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.model import ChoiceQuestion, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import ScoreResult
from diagnosis.scoring.sample import sample_answers

INTEGRATION = [
    "int_master_data",
    "int_design_mfg",
    "int_mgmt_control",
    "int_order_flow",
    "int_fin_business",
    "int_traceability",
    "int_decision",
    "int_architecture",
    "int_process",
]


@pytest.fixture(scope="module")
def lh(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("lianghua@1.0.0")


@pytest.fixture(scope="module")
def best(lh: Questionnaire) -> dict[str, Any]:
    return dict(sample_answers(lh, "max"))


def option(q: Questionnaire, qid: str, points: float) -> str | list[str]:
    """The option of `qid` worth `points` (the exclusive "none" for 0 in multiple choice)."""
    question = index_of(q).questions[qid]
    assert isinstance(question, ChoiceQuestion)
    for o in index_of(q).options[qid].values():
        if o.points == points and not o.not_applicable and (question.kind != "multiple" or o.exclusive):
            return [o.id] if question.kind == "multiple" else o.id
    raise AssertionError(f"{qid} has no option worth {points}")


def worst(q: Questionnaire, dimension: str) -> dict[str, Any]:
    """Every choice question below `dimension` at 0 points."""
    found: dict[str, Any] = {}
    stack = [index_of(q).dimensions[dimension]]
    while stack:
        dim = stack.pop()
        stack += dim.children
        found |= {x.id: option(q, x.id, 0) for x in dim.questions if isinstance(x, ChoiceQuestion)}
    return found


def stage(result: ScoreResult) -> str | None:
    return result.level.id if result.level else None


def test_all_best_is_innovation_breakthrough(lh: Questionnaire, best: dict[str, Any]) -> None:
    result = score(lh, best)
    assert result.score == 100 and stage(result) == "S4"
    assert [
        result.nodes[d].max_score
        for d in (
            "infrastructure",
            "single_application",
            "integration",
            "collaboration",
            "competitiveness",
            "benefits",
        )
    ] == [38, 48, 36, 30, 27, 31]


def test_integration_gate_blocks_a_high_index(lh: Questionnaire, best: dict[str, Any]) -> None:
    # 综合集成 at 0: index = 100 − 25 = 75 ≥ 60, but 集成提升 needs 综合集成 ≥ 18 → 单项覆盖.
    result = score(lh, best | worst(lh, "integration") | {"int_data_collection": 0})
    assert result.nodes["integration"].score == 0
    assert result.score == 75 and stage(result) == "S2"
    assert [c.text.zh for c in result.next_level.unmet] == ["综合集成得分 ≥ 18"]  # type: ignore[union-attr]


def test_integration_exactly_at_and_just_under_the_gate(lh: Questionnaire, best: dict[str, Any]) -> None:
    # 3 + 4 + 4 + 4 + 3 = 18 = half of 36: index = 75 + 25 × 0.5 = 87.5 → S3 (S4 needs 25.2).
    at = (
        best
        | worst(lh, "integration")
        | {"int_data_collection": 0}
        | {
            "int_master_data": option(lh, "int_master_data", 3),
            "int_design_mfg": option(lh, "int_design_mfg", 4),
            "int_mgmt_control": option(lh, "int_mgmt_control", 4),
            "int_order_flow": option(lh, "int_order_flow", 4),
            "int_fin_business": option(lh, "int_fin_business", 3),
        }
    )
    result = score(lh, at)
    assert result.nodes["integration"].score == 18 and result.score == 87.5 and stage(result) == "S3"
    # 17 of 36: index = 75 + 25 × 17/36 = 86.806 ≥ 80, yet below the 集成提升 gate → S2.
    under = score(lh, at | {"int_fin_business": option(lh, "int_fin_business", 2)})
    assert under.score == pytest.approx(75 + 25 * 17 / 36) and stage(under) == "S2"


def test_not_applicable_cnc_question_reweights_infrastructure(
    lh: Questionnaire, best: dict[str, Any]
) -> None:
    plan0 = {"inf_plan": option(lh, "inf_plan", 0)}
    # CNC "not applicable": 3 points leave score and maximum; plan 0 costs 4:
    # 基础建设 = (38 − 3 − 4) / (38 − 3) = 31/35 → index 85 + 15 × 31/35 = 98.29
    na = score(lh, best | plan0 | {"inf_dnc": "na"})
    assert (na.nodes["infrastructure"].score, na.nodes["infrastructure"].max_score) == (31, 35)
    assert na.score == pytest.approx(85 + 15 * 31 / 35)
    # The same plant answering "USB stick" (0 points) keeps the maximum: 31/38 → 97.24.
    usb = score(lh, best | plan0 | {"inf_dnc": "usb"})
    assert (usb.nodes["infrastructure"].score, usb.nodes["infrastructure"].max_score) == (31, 38)
    assert usb.score == pytest.approx(85 + 15 * 31 / 38)


def test_hidden_questions_follow_the_production_type(lh: Questionnaire, best: dict[str, Any]) -> None:
    # Process plant: the CNC question is hidden, so even a 0-point answer to it is ignored.
    process = score(
        lh, best | {"p_industry_type": "process", "inf_dnc": "usb", "inf_pcs": option(lh, "inf_pcs", 3)}
    )
    assert not process.questions["inf_dnc"].visible and process.score == 100
    # Hybrid plant: both show; leaving the process-control question open costs 15 × 3/41.
    hybrid = score(lh, best | {"p_industry_type": "hybrid"})
    assert hybrid.nodes["infrastructure"].max_score == 41
    assert hybrid.score == pytest.approx(85 + 15 * 38 / 41)
    assert hybrid.completeness.required_missing == ["inf_pcs"]


def test_index_forty_is_single_application_coverage(lh: Questionnaire, best: dict[str, Any]) -> None:
    # 基础建设 and 单项应用 full, everything else 0: index = 15 + 25 = 40 → 单项覆盖.
    # Figures: 30/1000 staff = 3 % → 3; 300/10000 invest = 3 % → 4; 80/100 digital → 4;
    # revenue 10000 vs 20000 → −50 % → 0; profit 0 → 0; 10000/1000 per head → 0;
    # energy (200/10000)/(100/20000) − 1 = +300 % → 0; no R&D, IP, new products, online sales → 0;
    # 0 of 100 orders on time → 0; yield 50 % → 0; data collection 0 % → 0.
    answers = (
        best
        | worst(lh, "integration")
        | worst(lh, "collaboration")
        | worst(lh, "competitiveness")
        | worst(lh, "benefits")
        | {
            "p_headcount": 1000,
            "p_revenue": 10000,
            "inf_it_staff": 30,
            "inf_it_invest": 300,
            "inf_equip_total": 100,
            "inf_equip_digital": 80,
            "int_data_collection": 0,
            "comp_rd_spend": 0,
            "comp_ip": 0,
            "comp_new_products": 0,
            "comp_orders_total": 100,
            "comp_orders_ontime": 0,
            "comp_yield": 50,
            "comp_online_sales": 0,
            "ben_revenue_prev": 20000,
            "ben_profit": 0,
            "ben_energy_prev": 100,
            "ben_energy_now": 200,
        }
    )
    result = score(lh, answers)
    assert [
        result.nodes[d].score for d in ("integration", "collaboration", "competitiveness", "benefits")
    ] == [0] * 4
    assert result.score == 40 and stage(result) == "S2"
    # One step of training less: 基础建设 37/38 → index 15 × 37/38 + 25 = 39.61 → 起步建设.
    under = score(lh, answers | {"inf_training": option(lh, "inf_training", 2)})
    assert under.score == pytest.approx(15 * 37 / 38 + 25) and stage(under) == "S1"
