"""Golden cases for dcmm 2.0.0 (GB/T 36073-2025): 9 areas, 33 items × 5 levels × 3 criteria, plus a
target level. Scoring as in 1.0.0: full 1 / large 0.8 / partly 0.5 / not 0; an item reaches level n
when levels 1…n each average ≥ 0.8 and the next level's average is added; area = mean of items,
total = mean of the 9 areas, level = integer part of the total."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.carry_over import carry_over, check_mapping
from diagnosis.scoring.engine import score
from diagnosis.scoring.sample import sample_answers

AREAS = [
    "strategy",
    "governance",
    "architecture",
    "assets",
    "standards",
    "quality",
    "security",
    "lifecycle",
    "application",
]
NEW_ITEMS = [
    "governance.culture",
    "assets.ownership",
    "assets.valuation",
    "assets.operation",
    "standards.reference",
    "security.compliance",
    "security.protection",
    "application.use",
    "application.external",
]


@pytest.fixture(scope="module")
def dcmm(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dcmm@2.0.0")


@pytest.fixture(scope="module")
def old(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
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


# -- structure ------------------------------------------------------------------------------------


def test_structure_follows_gb_t_36073_2025(dcmm: Questionnaire) -> None:
    assert [d.id for d in dcmm.dimensions] == ["scope", *AREAS]
    sizes = [len(index_of(dcmm).dimensions[a].children) for a in AREAS]
    assert sizes == [3, 3, 4, 3, 5, 4, 3, 4, 4] and sum(sizes) == 33
    assert set(NEW_ITEMS) <= set(items(dcmm))
    assert items(dcmm, "standards") == [
        "standards.terms",
        "standards.master",
        "standards.reference",
        "standards.elements",
        "standards.indicators",
    ]
    assert all(len(criteria(dcmm, item, n)) == 3 for item in items(dcmm) for n in range(1, 6))
    # 33 items × 5 levels × 3 criteria = 495, plus the target level question
    assert len(index_of(dcmm).questions) == 495 + 1


def test_every_criterion_has_evidence_and_advice_in_both_languages(dcmm: Questionnaire) -> None:
    index = index_of(dcmm)
    for item in items(dcmm):
        node = index.dimensions[item]
        assert node.description is not None and sorted(node.recommendations) == ["L2", "L3", "L4", "L5"]
        for c in node.questions:
            assert c.evidence is not None and c.recommendation is not None, c.id
            assert all(t.get("en") for t in (c.text, c.evidence, c.recommendation)), c.id


def test_level_four_asks_for_ai_or_automation_with_measured_baselines(dcmm: Questionnaire) -> None:
    index = index_of(dcmm)
    for item in items(dcmm):
        texts = [index.questions[c].text.zh for c in criteria(dcmm, item, 4)]
        assert any(w in t for t in texts for w in ("人工智能", "机器学习", "自动")), item
        assert any("基线" in t for t in texts), item


def test_the_target_question(dcmm: Questionnaire) -> None:
    target = index_of(dcmm).questions["target_level"]
    assert dcmm.target_level == "target_level" and target.kind == "level" and not target.required
    options = index_of(dcmm).options["target_level"]
    assert [(o.id, o.level) for o in options.values()] == [(f"L{n}", n) for n in range(1, 6)]
    assert options["L3"].label.zh == "目标：稳健级（三级）"
    assert dcmm.method is not None and "495" in dcmm.method.zh and "GB/T 36073-2025" in dcmm.method.zh


# -- item, area and total arithmetic --------------------------------------------------------------


def test_threshold_and_partial_credit_inside_an_item(dcmm: Questionnaire) -> None:
    item = "assets.valuation"
    # L2 all "largely" = 0.8 exactly: passes. L3 (1 + 0.5 + 0) / 3 = 0.5 → 2 + 0.5 = 2.5
    passed = score(dcmm, at_level(dcmm, item, 2, L2=["large"] * 3, L3=["full", "partly", "not"]))
    assert passed.nodes[item].score == 2.5 and passed.nodes[item].level.id == "L2"  # type: ignore[union-attr]
    # L2 (0.8 + 0.8 + 0.5) / 3 = 0.7 < 0.8: stays at 1, plus 0.7 partial = 1.7
    under = score(dcmm, at_level(dcmm, item, 2, L2=["large", "large", "partly"]))
    assert under.nodes[item].score == pytest.approx(1.7) and under.nodes[item].level.id == "L1"  # type: ignore[union-attr]
    # A higher level fully met does not count while a lower one is missing (gated): 1 + L2 average 0.
    gated = score(dcmm, at_level(dcmm, item, 1, L3=["full"] * 3, L4=["full"] * 3))
    assert gated.nodes[item].score == 1


def test_not_applicable_criteria_reweight_within_their_item(dcmm: Questionnaire) -> None:
    item = "application.external"
    # L2: one N/A, two "largely" → (0.8 + 0.8) / 2 = 0.8 → passes; without the N/A it would be
    # (0.8 + 0.8 + 0) / 3 = 0.533 → fails, 1 + 0.533.
    with_na = score(dcmm, at_level(dcmm, item, 1, L2=["na", "large", "large"]))
    without = score(dcmm, at_level(dcmm, item, 1, L2=["not", "large", "large"]))
    assert with_na.nodes[item].score == 2 and without.nodes[item].score == pytest.approx(1 + 1.6 / 3)
    # An item whose criteria are all N/A leaves its area's mean:
    # application = (use 5 + opening 2 + service 2) / 3 = 3, not (5 + 0 + 2 + 2) / 4 = 2.25.
    answers = everywhere(dcmm, 2) | {c: "na" for n in range(1, 6) for c in criteria(dcmm, item, n)}
    answers |= at_level(dcmm, "application.use", 5)
    result = score(dcmm, answers)
    assert result.nodes[item].max_score == 0
    assert result.nodes["application"].score == 3


def test_area_and_total_are_means(dcmm: Questionnaire) -> None:
    # data asset items at 5, 4, 3 → area 4 (量化管理级); the other 8 areas at 2
    # → total (4 + 8 × 2) / 9 = 20 / 9 = 2.222… → 受管理级
    answers = everywhere(dcmm, 2)
    for item, level in zip(items(dcmm, "assets"), (5, 4, 3), strict=True):
        answers |= at_level(dcmm, item, level)
    result = score(dcmm, answers)
    assert result.nodes["assets"].score == 4 and result.nodes["assets"].level.name.zh == "量化管理级"  # type: ignore[union-attr]
    assert result.score == pytest.approx(20 / 9) and result.level.id == "L2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("level", "name"), [(1, "初始级"), (2, "受管理级"), (3, "稳健级"), (4, "量化管理级"), (5, "优化级")]
)
def test_every_item_at_one_level_lands_on_it(dcmm: Questionnaire, level: int, name: str) -> None:
    # every item n + next level average 0 → every area n → total n, exactly at the bar
    result = score(dcmm, everywhere(dcmm, level))
    assert result.score == level and result.level.name.zh == name  # type: ignore[union-attr]
    assert result.nodes["assets.ownership"].level.id == f"L{level}"  # type: ignore[union-attr]
    expected_next = None if level == 5 else f"L{level + 1}"
    assert (result.next_level.level.id if result.next_level else None) == expected_next


def test_just_under_a_level_boundary(dcmm: Questionnaire) -> None:
    # All items at 3 except reference data, whose L3 average is (1 + 0.5 + 0) / 3 = 0.5: it scores 2.5,
    # its area (standards, 5 items) (4 × 3 + 2.5) / 5 = 2.9, total (8 × 3 + 2.9) / 9 = 2.988… → 受管理级.
    answers = everywhere(dcmm, 3) | at_level(dcmm, "standards.reference", 2, L3=["full", "partly", "not"])
    result = score(dcmm, answers)
    assert result.nodes["standards"].score == pytest.approx(2.9)
    assert result.score == pytest.approx((8 * 3 + 2.9) / 9) and result.level.id == "L2"  # type: ignore[union-attr]
    assert [c.required for c in result.next_level.unmet] == [3]  # type: ignore[union-attr]
    # The biggest single gain: one L4 criterion of a strategy item met → item +1/3, area +1/9,
    # total +1/81. Meeting reference data's missing L3 criterion (1 + 0.5 + 1) / 3 = 0.833 ≥ 0.8 lifts
    # that item to 3, its area to 3 and the total to exactly 3 → 稳健级 (a gain of 0.5 / 5 / 9 = 1/90).
    best = result.next_level.improvements[0]  # type: ignore[union-attr]
    assert (best.question, best.gain) == ("strategy.planning.l4a", pytest.approx(1 / 81))
    fixed = score(dcmm, answers | {"standards.reference.l3c": "full"})
    assert fixed.score == 3 and fixed.level.name.zh == "稳健级"  # type: ignore[union-attr]


def test_all_best_and_all_worst_samples(dcmm: Questionnaire) -> None:
    best = sample_answers(dcmm, "max")
    assert best["target_level"] == "L5" and len(best) == 496  # the highest target shows every criterion
    top = score(dcmm, best)
    assert top.score == 5 and top.level.name.zh == "优化级" and top.next_level is None  # type: ignore[union-attr]
    worst = sample_answers(dcmm, "min")
    assert worst["target_level"] == "L1" and len(worst) == 1 + 33 * 3  # only the level 1 criteria show
    bottom = score(dcmm, worst)
    assert bottom.score == 0 and bottom.level is None
    assert bottom.next_level.level.name.zh == "初始级"  # type: ignore[union-attr]


# -- the target level -----------------------------------------------------------------------------


def test_a_target_level_hides_and_unscores_the_criteria_above_it(dcmm: Questionnaire) -> None:
    # Everything fully met, L4 and L5 included, but the target is 稳健级: the L4/L5 answers are ignored,
    # every item is 3 / 3, every area 3 / 3, the total 3 / 3 → 稳健级 (without a target it would be 5).
    answers = everywhere(dcmm, 5) | {"target_level": "L3"}
    result = score(dcmm, answers)
    assert not result.questions["assets.valuation.l4a"].visible
    assert not result.questions["strategy.planning.l5c"].visible
    assert result.questions["strategy.planning.l3c"].visible
    assert (result.nodes["assets.valuation"].score, result.nodes["assets.valuation"].max_score) == (3, 3)
    assert (result.nodes["security"].score, result.nodes["security"].max_score) == (3, 3)
    assert (result.score, result.max_score) == (3, 3)
    assert result.level.name.zh == "稳健级"  # type: ignore[union-attr]
    # The target is reached: no level above it is "next", so no advice points beyond it.
    assert result.next_level is None
    assert all(node.next_level is None for node in result.nodes.values())
    assert score(dcmm, everywhere(dcmm, 5)).score == 5


def test_partial_credit_stops_at_the_target(dcmm: Questionnaire) -> None:
    # Target 受管理级: an item with L1 met and L2 at (1 + 1 + 0.5) / 3 = 0.833 reaches 2 of 2; one with
    # L2 at (1 + 0.5 + 0) / 3 = 0.5 scores 1.5 of 2, its L3 "full" answers being hidden.
    answers = {"target_level": "L2"}
    answers |= at_level(dcmm, "governance.culture", 1, L2=["full", "full", "partly"])
    answers |= at_level(dcmm, "assets.operation", 1, L2=["full", "partly", "not"], L3=["full"] * 3)
    result = score(dcmm, answers)
    assert (result.nodes["governance.culture"].score, result.nodes["governance.culture"].max_score) == (2, 2)
    assert result.nodes["assets.operation"].score == 1.5 and result.nodes["assets.operation"].max_score == 2


# -- answers carried over from 1.0.0 -------------------------------------------------------------


def test_max_answers_of_1_0_0_carry_over_by_the_mapping(old: Questionnaire, dcmm: Questionnaire) -> None:
    answers = sample_answers(old, "max")
    assert len(answers) == 420
    carried = carry_over(old, answers, {"governance.communication.l2a": "见联络人名单"}, dcmm)
    # 420 old answers: 9 dropped (no longer asked), 28 that land only on criteria needing a fresh answer
    # (27 fresh criteria, quality.check.l4d receiving two), 383 carried; the shared master/reference
    # standard criterion answers two new ones → 384 new answers.
    assert len(carried.moved) == 384 and len(carried.answers) == 384
    reasons = [why for _, why in carried.dropped]
    assert len(reasons) == 37 and reasons.count("no longer asked") == 9
    assert sum(why.endswith("needs a fresh answer") for why in reasons) == 28
    assert {old_id for old_id, why in carried.dropped if why == "no longer asked"} == {
        "governance.communication.l1a",
        "governance.communication.l3b",
        "governance.communication.l3c",
        "governance.communication.l4b",
        "security.strategy.l1a",
        "security.strategy.l1b",
        "security.strategy.l3b",
        "security.strategy.l3c",
        "standards.master.l4c",
    }
    # unchanged ids carry as they are; renamed ones move; one old criterion answers two new ones
    assert carried.answers["strategy.planning.l1a"] == "full"
    assert ("governance.communication.l2a", "governance.culture.l2a") in carried.moved
    assert carried.notes == {"governance.culture.l2a": "见联络人名单"}
    assert ("application.analysis.l3b", "application.use.l3b") in carried.moved
    assert ("security.management.l3c", "security.protection.l3c") in carried.moved
    assert ("lifecycle.operations.l4c", "application.external.l4a") in carried.moved
    assert ("standards.master.l1b", "standards.reference.l1a") in carried.moved
    assert ("standards.master.l5a", "standards.master.l4d") in carried.moved
    assert [new for o, new in carried.moved if o == "standards.master.l3a"] == [
        "standards.master.l3a",
        "standards.reference.l3a",
    ]
    # level-4 criteria that now ask for AI need a fresh answer
    assert ("strategy.planning.l4b", "strategy.planning.l4d needs a fresh answer") in carried.dropped
    assert ("quality.check.l5b", "quality.check.l4d needs a fresh answer") in carried.dropped
    assert "strategy.planning.l4d" not in carried.answers and "strategy.planning.l4d" in carried.open
    # open: 495 + 1 − 384 = 112 = the target, 27 fresh criteria and 84 criteria with no 1.0.0 source
    assert len(carried.open) == 112 and carried.open[0] == "target_level"
    fresh = set(dcmm.carry_over[0].fresh)
    assert len(fresh) == 27 and fresh <= set(carried.open)
    assets = [c for item in items(dcmm, "assets") for n in range(1, 6) for c in criteria(dcmm, item, n)]
    assert len(assets) == 45 and set(assets) <= set(carried.open)
    assert set(criteria(dcmm, "application.external", 1)) <= set(carried.open)
    assert check_mapping(old, dcmm) == []


def test_carried_answers_keep_their_option(old: Questionnaire, dcmm: Questionnaire) -> None:
    answers = {
        "governance.communication.l5b": "partly",
        "standards.master.l3a": "large",
        "security.strategy.l4b": "full",
        "architecture.model.l2a": "na",
    }
    carried = carry_over(old, answers, {}, dcmm)
    assert carried.answers == {
        "governance.culture.l5b": "partly",
        "standards.master.l3a": "large",
        "standards.reference.l3a": "large",
        "architecture.model.l2a": "na",
    }
    assert carried.dropped == [("security.strategy.l4b", "security.compliance.l4b needs a fresh answer")]
