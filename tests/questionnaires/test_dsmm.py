"""Golden cases for dsmm: a compliance check with levels of its own, and 30 process areas (PAs),
each a ladder with threshold 1 (met 1 / partly 0.5 / not met 0, N/A left out).
A PA reaches level n when every criterion of levels 1…n is met; it scores n plus the share met of
level n + 1. Stages are means of their PAs, the progress score the mean of the 7 stages, and the
enterprise's level is that of its weakest applicable PA."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.sample import sample_answers

STAGES = ["collection", "transmission", "storage", "processing", "exchange", "destruction", "general"]
CAPABILITIES = {"org", "process", "tech", "people"}
EXCLUDABLE = {"processing.analysis", "exchange.publishing", "exchange.interfaces", "general.supply_chain"}
DUTIES = ["cx_filing", "cx_risk_assessment", "cx_incident_report", "cx_localisation"]
THIRD_PARTY = ["cx_tp_contract", "cx_tp_dpa", "cx_tp_vetting"]


@pytest.fixture(scope="module")
def dsmm(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("dsmm@1.0.0")


def areas(q: Questionnaire, stage: str | None = None) -> list[str]:
    stages = [stage] if stage else STAGES
    return [pa.id for s in stages for pa in index_of(q).dimensions[s].children]


def criteria(q: Questionnaire, pa: str, level: int) -> list[str]:
    return [c.id for c in index_of(q).dimensions[pa].questions if c.level == level]


def at_level(q: Questionnaire, pa: str, level: int, **overrides: list[str]) -> dict[str, str]:
    """Levels up to `level` met, the rest not met; `L3=[…]` sets that level's answers in order."""
    answers = {}
    for n in range(1, 6):
        ids = criteria(q, pa, n)
        given = overrides.get(f"L{n}", ["met" if n <= level else "not_met"] * len(ids))
        answers |= dict(zip(ids, given, strict=True))
    return answers


def everywhere(q: Questionnaire, level: int, scope: list[str] | None = None) -> dict[str, Any]:
    answers: dict[str, Any] = {"scope_excluded": scope or ["all_apply"]}
    for pa in areas(q):
        answers |= at_level(q, pa, level)
    return answers


def compliance(q: Questionnaire, **given: str) -> dict[str, str]:
    """Every compliance item done, general data only, third parties present; overrides by id."""
    members = index_of(q).members("compliance_items")
    return {m: "done" for m in members} | {"cx_important_data": "general", "cx_third_party": "yes"} | given


def compliance_level(q: Questionnaire, answers: dict[str, str]) -> str | None:
    level = score(q, answers).nodes["compliance"].level
    return level.id if level else None


# ---------------------------------------------------------------------------- structure


def test_structure_follows_gb_t_37988(dsmm: Questionnaire) -> None:
    assert [d.id for d in dsmm.dimensions] == ["compliance", "scope", *STAGES]
    assert [len(areas(dsmm, s)) for s in STAGES] == [4, 2, 3, 5, 3, 2, 11]
    assert index_of(dsmm).members("process_areas") == areas(dsmm)  # 30, in questionnaire order
    assert len(areas(dsmm)) == 30
    assert dsmm.scoring.method == "mean"
    assert all(index_of(dsmm).dimensions[s].scoring.method == "mean" for s in STAGES)
    assert [d.scoring.method for d in dsmm.dimensions[:2]] == ["none", "none"]


def test_criteria_per_level_and_capability_tags(dsmm: Questionnaire) -> None:
    for pa in areas(dsmm):
        dim = index_of(dsmm).dimensions[pa]
        assert (dim.scoring.method, dim.scoring.threshold, dim.scoring.partial_credit) == (
            "ladder",
            1,
            "proportional",
        )
        counts = [len(criteria(dsmm, pa, n)) for n in range(1, 6)]
        assert counts[0] == 1 and 2 <= counts[1] <= 3 and counts[2] == 4, (pa, counts)
        assert 1 <= counts[3] <= 2 and 1 <= counts[4] <= 2, (pa, counts)
        tags = {n: [t for c in dim.questions if c.level == n for t in c.tags] for n in range(1, 6)}
        assert all(len(c.tags) == 1 and c.tags[0] in CAPABILITIES for c in dim.questions), pa
        assert {"org", "process"} <= set(tags[2]), pa
        assert sorted(tags[3]) == sorted(CAPABILITIES), pa  # one criterion per capability dimension
        assert all(c.evidence and c.recommendation for c in dim.questions), pa
        assert dim.description and set(dim.recommendations) == {"L2", "L3", "L4", "L5"}, pa


def test_the_scope_question_names_exactly_the_excludable_areas(dsmm: Questionnaire) -> None:
    options = set(index_of(dsmm).options["scope_excluded"])
    assert options == EXCLUDABLE | {"all_apply"}
    assert {pa for pa in areas(dsmm) if index_of(dsmm).dimensions[pa].visible_if} == EXCLUDABLE


def test_every_compliance_question_explains_itself(dsmm: Questionnaire) -> None:
    part = index_of(dsmm).dimensions["compliance"]
    questions = [q for section in part.children for q in section.questions]
    assert len(questions) == 20  # 19 items and the third-party gate
    assert all(q.help and q.evidence and q.recommendation for q in questions)


# ---------------------------------------------------------------------------- maturity


def test_every_area_exactly_at_level_three(dsmm: Questionnaire) -> None:
    # Levels 1–3 met, 4 not: each PA 3 + 0 (no level-4 criterion met) → stages 3 → total 3 → L3.
    result = score(dsmm, everywhere(dsmm, 3))
    assert {result.nodes[pa].ladder_level for pa in areas(dsmm)} == {3}
    assert result.nodes["general.incidents"].level.name.zh == "充分定义"  # type: ignore[union-attr]
    assert result.score == 3 and result.level.id == "L3"  # type: ignore[union-attr]
    assert result.next_level.level.id == "L4"  # type: ignore[union-attr]


def test_one_partly_met_criterion_at_level_three_stops_the_area_at_two(dsmm: Questionnaire) -> None:
    # storage.backup: level 3 = met, met, met, partly → (1 + 1 + 1 + 0.5) / 4 = 0.875 < 1, so the
    # area stays at 2 and scores 2 + 0.875 = 2.875. Storage (3 PAs): (3 + 3 + 2.875) / 3 = 2.9583;
    # total (6 × 3 + 2.9583) / 7 = 2.9940.
    answers = everywhere(dsmm, 3) | at_level(dsmm, "storage.backup", 3, L3=["met", "met", "met", "partly"])
    result = score(dsmm, answers)
    node = result.nodes["storage.backup"]
    assert (node.ladder_level, node.score) == (2, 2.875)
    assert result.nodes["storage"].score == pytest.approx(8.875 / 3)
    assert result.score == pytest.approx((18 + 8.875 / 3) / 7)
    # The weakest area decides: 29 PAs at 3, one at 2 → the enterprise is at 2, and the unmet
    # condition of level 3 counts 29 of 30 and names the one area that holds it back.
    assert result.level.id == "L2"  # type: ignore[union-attr]
    assert result.next_level.level.id == "L3"  # type: ignore[union-attr]
    unmet = result.next_level.unmet  # type: ignore[union-attr]
    assert [(c.current, c.required, c.candidates) for c in unmet] == [(29, 30, ["storage.backup"])]


def test_partial_credit_of_the_next_level_is_progress_only(dsmm: Questionnaire) -> None:
    # storage.backup at 3 with one of its two level-4 criteria met: 3 + 1/2 = 3.5, level still 3.
    # Storage (3 PAs): (3 + 3 + 3.5) / 3 = 3.1667; total (6 × 3 + 3.1667) / 7 = 3.0238, level L3.
    answers = everywhere(dsmm, 3) | at_level(dsmm, "storage.backup", 3, L4=["met", "not_met"])
    result = score(dsmm, answers)
    assert (result.nodes["storage.backup"].ladder_level, result.nodes["storage.backup"].score) == (3, 3.5)
    assert result.score == pytest.approx((18 + 9.5 / 3) / 7)
    assert result.level.id == "L3"  # type: ignore[union-attr]


def test_a_higher_level_does_not_count_while_a_lower_one_is_missing(dsmm: Questionnaire) -> None:
    # collection.quality: level 2 not met, levels 3–5 met → stays at 1; score 1 + 0 (level 2 at 0).
    n2 = len(criteria(dsmm, "collection.quality", 2))
    answers = at_level(dsmm, "collection.quality", 5, L2=["not_met"] * n2)
    result = score(dsmm, everywhere(dsmm, 3) | answers)
    node = result.nodes["collection.quality"]
    assert (node.ladder_level, node.score) == (1, 1)
    assert result.level.id == "L1"  # type: ignore[union-attr]


def test_an_area_out_of_scope_is_hidden_and_left_out_of_the_level(dsmm: Questionnaire) -> None:
    # exchange.publishing only at level 1: with every area applicable the enterprise is at 1.
    answers = everywhere(dsmm, 3) | at_level(dsmm, "exchange.publishing", 1)
    kept = score(dsmm, answers)
    assert kept.level.id == "L1"  # type: ignore[union-attr]
    assert kept.next_level.unmet[0].candidates == ["exchange.publishing"]  # type: ignore[union-attr]
    # Declared not applicable: hidden, its answers ignored, out of the level and of the score.
    answers["scope_excluded"] = ["exchange.publishing"]
    result = score(dsmm, answers)
    hidden = [c for n in range(1, 6) for c in criteria(dsmm, "exchange.publishing", n)]
    assert not any(result.questions[c].visible for c in hidden)
    assert result.nodes["exchange.publishing"].max_score == 0
    assert result.level.id == "L3"  # type: ignore[union-attr]
    assert result.nodes["exchange"].score == 3 and result.score == 3  # (3 + 3) / 2, then 7 × 3 / 7
    # Level 4 now needs every one of the 29 applicable areas.
    assert [(c.current, c.required) for c in result.next_level.unmet] == [(0, 29)]  # type: ignore[union-attr]
    assert "exchange.publishing" not in result.next_level.unmet[0].candidates  # type: ignore[union-attr]


def test_a_criterion_answered_not_applicable_reweights_its_level(dsmm: Questionnaire) -> None:
    pa = "processing.environment"
    # Level 3: N/A, met, met, met → 3 / 3 = 1 → level 3 (without the N/A, "not met" would give
    # 3 / 4 = 0.75 → level 2, score 2.75).
    with_na = score(dsmm, everywhere(dsmm, 3) | at_level(dsmm, pa, 3, L3=["na", "met", "met", "met"]))
    without = score(dsmm, everywhere(dsmm, 3) | at_level(dsmm, pa, 3, L3=["not_met", "met", "met", "met"]))
    assert (with_na.nodes[pa].ladder_level, with_na.nodes[pa].score) == (3, 3)
    assert (without.nodes[pa].ladder_level, without.nodes[pa].score) == (2, 2.75)
    # N/A, met, met, partly → (1 + 1 + 0.5) / 3 = 0.8333 → level 2, score 2.8333.
    partly = score(dsmm, everywhere(dsmm, 3) | at_level(dsmm, pa, 3, L3=["na", "met", "met", "partly"]))
    assert partly.nodes[pa].score == pytest.approx(2 + 2.5 / 3)


def test_best_and_worst_answers(dsmm: Questionnaire) -> None:
    top = score(dsmm, sample_answers(dsmm, "max"))
    assert top.level.id == "L5" and top.level.name.zh == "持续优化" and top.next_level is None  # type: ignore[union-attr]
    assert top.score == 5 and top.nodes["compliance"].level.id == "full"  # type: ignore[union-attr]
    bottom = score(dsmm, sample_answers(dsmm, "min"))
    assert bottom.level is None and bottom.score == 0
    assert bottom.next_level.level.id == "L1"  # type: ignore[union-attr]
    assert bottom.nodes["compliance"].level.id == "major_gaps"  # type: ignore[union-attr]


# ---------------------------------------------------------------------------- compliance


def test_compliance_without_important_data(dsmm: Questionnaire) -> None:
    # General data only: the duties for important and core data are hidden and not counted.
    answers = compliance(dsmm)
    result = score(dsmm, answers)
    assert not any(result.questions[d].visible for d in [*DUTIES, "cx_offsite_backup"])
    assert compliance_level(dsmm, answers) == "full"
    # A non-key item partly done: key duties all done, nothing wholly missing → 基本满足.
    assert compliance_level(dsmm, compliance(dsmm, cx_drill="partly")) == "basic"
    # A non-key item not done at all, or a key duty only partly done → 存在重大缺项.
    assert compliance_level(dsmm, compliance(dsmm, cx_drill="not_done")) == "major_gaps"
    assert compliance_level(dsmm, compliance(dsmm, cx_inventory="partly")) == "major_gaps"
    # Not knowing whether important data is held is itself a key gap.
    assert compliance_level(dsmm, compliance(dsmm, cx_important_data="unknown")) == "major_gaps"
    # No third parties: their three items are hidden and the rest can still be fully met.
    none = score(dsmm, compliance(dsmm, cx_third_party="no", cx_tp_dpa="not_done"))
    assert not any(none.questions[t].visible for t in THIRD_PARTY)
    assert none.nodes["compliance"].level.id == "full"  # type: ignore[union-attr]


def test_compliance_with_important_data(dsmm: Questionnaire) -> None:
    # Important (not core) data reveals the four duties; off-site backup is for core data only.
    answers = compliance(dsmm, cx_important_data="important")
    result = score(dsmm, answers)
    assert all(result.questions[d].visible for d in DUTIES)
    assert not result.questions["cx_offsite_backup"].visible
    assert compliance_level(dsmm, answers) == "full"
    # One duty missing (no filing): not fully met, and a key duty → 存在重大缺项.
    missing = score(dsmm, compliance(dsmm, cx_important_data="important", cx_filing="not_done"))
    assert missing.nodes["compliance"].level.id == "major_gaps"  # type: ignore[union-attr]
    assert missing.nodes["compliance"].next_level.id == "basic"  # type: ignore[union-attr]
    # Core data adds off-site backup: without it the part is not fully met either.
    core = compliance(dsmm, cx_important_data="core")
    assert score(dsmm, core).questions["cx_offsite_backup"].visible
    assert compliance_level(dsmm, core | {"cx_offsite_backup": "partly"}) == "major_gaps"
    assert compliance_level(dsmm, core) == "full"


def test_compliance_does_not_enter_the_progress_score(dsmm: Questionnaire) -> None:
    good = score(dsmm, everywhere(dsmm, 2) | compliance(dsmm))
    bad = score(dsmm, everywhere(dsmm, 2) | compliance(dsmm, cx_owner="not_done"))
    assert good.score == bad.score == 2 and good.level.id == bad.level.id == "L2"  # type: ignore[union-attr]
