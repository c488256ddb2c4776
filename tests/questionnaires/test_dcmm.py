"""Golden cases for dcmm: 28 items × 5 levels × 3 criteria (full 1 / large 0.8 / partly 0.5 / not 0).
An item reaches level n when levels 1…n each average ≥ 0.8; the next level's average is added."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.engine import score

AREAS = [
    "strategy",
    "governance",
    "architecture",
    "application",
    "security",
    "quality",
    "standards",
    "lifecycle",
]


@pytest.fixture(scope="module")
def dcmm(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dcmm@1.0.0")


def criteria(q: Questionnaire, item: str, level: int) -> list[str]:
    return [c.id for c in index_of(q).dimensions[item].questions if c.level == level]


def items(q: Questionnaire, area: str | None = None) -> list[str]:
    areas = [area] if area else AREAS
    return [item.id for a in areas for item in index_of(q).dimensions[a].children]


def at_level(q: Questionnaire, item: str, level: int, **overrides: list[str]) -> dict[str, str]:
    """Levels up to `level` fully met, the rest not met; `L3=[…]` sets that level's three answers."""
    answers = {}
    for n in range(1, 6):
        given = overrides.get(f"L{n}", ["full"] * 3 if n <= level else ["not"] * 3)
        answers |= dict(zip(criteria(q, item, n), given, strict=True))
    return answers


def everywhere(q: Questionnaire, level: int) -> dict[str, str]:
    return {k: v for item in items(q) for k, v in at_level(q, item, level).items()}


def test_structure_matches_gb_t_36073(dcmm: Questionnaire) -> None:
    assert [d.id for d in dcmm.dimensions] == AREAS
    assert [len(index_of(dcmm).dimensions[a].children) for a in AREAS] == [3, 3, 4, 3, 3, 4, 4, 4]
    assert all(len(criteria(dcmm, item, n)) >= 2 for item in items(dcmm) for n in range(1, 6))
    assert len(index_of(dcmm).questions) == 420


def test_every_item_at_level_three_is_robust(dcmm: Questionnaire) -> None:
    # items 3.0 (L4 average 0 adds nothing) → areas 3.0 → total 3.0 → 稳健级, exactly at the bar
    result = score(dcmm, everywhere(dcmm, 3))
    assert result.score == 3 and result.level.name.zh == "稳健级"  # type: ignore[union-attr]
    assert result.nodes["strategy.planning"].level.id == "L3"  # type: ignore[union-attr]
    assert result.next_level.level.id == "L4"  # type: ignore[union-attr]


def test_threshold_and_partial_credit_inside_an_item(dcmm: Questionnaire) -> None:
    item = "security.audit"
    # L2 all "largely" = 0.8 exactly: passes. L3 (1 + 0.5 + 0) / 3 = 0.5 → 2 + 0.5 = 2.5
    passed = score(dcmm, at_level(dcmm, item, 2, L2=["large"] * 3, L3=["full", "partly", "not"]))
    assert passed.nodes[item].score == 2.5 and passed.nodes[item].level.id == "L2"  # type: ignore[union-attr]
    # L2 (0.8 + 0.8 + 0.5) / 3 = 0.7 < 0.8: stays at 1, plus 0.7 partial = 1.7
    under = score(dcmm, at_level(dcmm, item, 2, L2=["large", "large", "partly"]))
    assert under.nodes[item].score == pytest.approx(1.7) and under.nodes[item].level.id == "L1"  # type: ignore[union-attr]
    # A higher level fully met does not count while a lower one is missing (gated).
    gated = score(dcmm, at_level(dcmm, item, 1, L3=["full"] * 3, L4=["full"] * 3))
    assert gated.nodes[item].score == 1  # L2 average 0: 1 + 0


def test_not_applicable_criteria_reweight_within_their_item(dcmm: Questionnaire) -> None:
    item = "application.opening"
    # L2: one N/A, two "largely" → (0.8 + 0.8) / 2 = 0.8 → passes; without the N/A it would be
    # (0.8 + 0.8 + 0) / 3 = 0.533 → fails.
    with_na = score(dcmm, at_level(dcmm, item, 1, L2=["na", "large", "large"]))
    without = score(dcmm, at_level(dcmm, item, 1, L2=["not", "large", "large"]))
    assert with_na.nodes[item].score == 2 and without.nodes[item].score == pytest.approx(1 + 1.6 / 3)
    # An item whose criteria are all N/A leaves its area's mean: the area is the mean of the others.
    answers = everywhere(dcmm, 2) | {c: "na" for n in range(1, 6) for c in criteria(dcmm, item, n)}
    answers |= at_level(dcmm, "application.analysis", 4)
    result = score(dcmm, answers)
    assert result.nodes[item].max_score == 0
    assert result.nodes["application"].score == 3  # (4 + 2) / 2, not (4 + 2 + 0) / 3


def test_area_and_total_are_means(dcmm: Questionnaire) -> None:
    # strategy items at 5, 4, 3 → area 4; the other 7 areas at 2 → total (4 + 7 × 2) / 8 = 2.25
    answers = everywhere(dcmm, 2)
    for item, level in zip(items(dcmm, "strategy"), (5, 4, 3), strict=True):
        answers |= at_level(dcmm, item, level)
    result = score(dcmm, answers)
    assert result.nodes["strategy"].score == 4 and result.nodes["strategy"].level.name.zh == "量化管理级"  # type: ignore[union-attr]
    assert result.score == 2.25 and result.level.id == "L2"  # type: ignore[union-attr]


def test_just_under_a_level_boundary(dcmm: Questionnaire) -> None:
    # All items at 3 except one whose L3 average is 0.5+… : that item scores 2 + 0.5 = 2.5,
    # its area (lifecycle, 4 items) (3 × 3 + 2.5) / 4 = 2.875, total (7 × 3 + 2.875) / 8 = 2.984 → L2.
    answers = everywhere(dcmm, 3) | at_level(dcmm, "lifecycle.retirement", 2, L3=["full", "partly", "not"])
    result = score(dcmm, answers)
    assert result.score == pytest.approx((7 * 3 + 2.875) / 8) and result.level.id == "L2"  # type: ignore[union-attr]
    assert [c.required for c in result.next_level.unmet] == [3]  # type: ignore[union-attr]
    assert result.next_level.improvements[0].question.startswith("lifecycle.retirement.l3")  # type: ignore[union-attr]


def test_all_best_and_all_worst(dcmm: Questionnaire) -> None:
    top = score(dcmm, everywhere(dcmm, 5))
    assert top.score == 5 and top.level.name.zh == "优化级" and top.next_level is None  # type: ignore[union-attr]
    bottom = score(dcmm, everywhere(dcmm, 0))
    assert bottom.score == 0 and bottom.level is None
    assert bottom.next_level.level.name.zh == "初始级"  # type: ignore[union-attr]
