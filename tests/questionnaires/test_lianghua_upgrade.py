"""Golden cases for lianghua-upgrade 1.0.0 (贯标 readiness). By hand from the file: four clause
groups of 2 audit stages × 4 criteria, five views of 5 stages × 3 criteria, every criterion 1 /
0.5 / 0 with a pass mark of 0.8 per level. The stage is the highest level all five views reach;
grade readiness: A = clause groups at 2, views at 1, 3 months; AA = views at 2 and GB/T 23020 ≥
单项覆盖; AAA = views at 3 and GB/T 23020 ≥ 集成提升."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.outcome import criteria_behind
from diagnosis.plan.draft import draft_plan
from diagnosis.plan.projection import planned_result
from diagnosis.report.data import build
from diagnosis.report.source import ReportInput
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import ScoreResult
from diagnosis.scoring.sample import sample_answers
from tests.questionnaires.alerts import alerts

GROUPS = ["responsibility", "foundation", "implementation", "improvement"]
VIEWS = ["strategy", "capability", "solution", "governance", "business"]
STAGES = ["below", "normative", "scene", "domain", "platform", "ecosystem"]


@pytest.fixture(scope="module")
def lu(bundled: Callable[[str], Questionnaire]) -> Questionnaire:
    return bundled("lianghua-upgrade@1.0.0")


def answers(
    q: Questionnaire,
    views: int | dict[str, int] = 0,
    groups: int | dict[str, int] = 2,
    *,
    gate: str = "single",
    months: int = 6,
) -> dict[str, Any]:
    """Each ladder fully met up to its level and not met above it; a plausible profile."""
    index = index_of(q)
    wanted = {v: views for v in VIEWS} if isinstance(views, int) else {v: 0 for v in VIEWS} | views
    wanted |= {g: groups for g in GROUPS} if isinstance(groups, int) else {g: 2 for g in GROUPS} | groups
    found: dict[str, Any] = {
        "p_sector": "machinery",
        "p_scope": "合肥工厂全部业务",
        "p_key_scene": "production",
        "p_targets": 6,
        "p_platform": "数据中台",
        "p_months": months,
        "gbt23020_stage": gate,
    }
    for ladder, level in wanted.items():
        for criterion in index.dimensions[ladder].questions:
            found[criterion.id] = "full" if (criterion.level or 0) <= level else "not"
    return found


def stage(result: ScoreResult) -> str | None:
    return result.level.id if result.level else None


def grade(result: ScoreResult) -> str | None:
    level = result.nodes["grading"].level
    return level.id if level else None


def test_the_structure_follows_the_public_outline_and_offers_no_not_applicable(lu: Questionnaire) -> None:
    index = index_of(lu)
    assert [c.id for c in index.dimensions["system"].children] == GROUPS
    assert [d.id for d in lu.dimensions] == ["profile", "system", *VIEWS, "grading"]
    for group in GROUPS:
        assert [q.level for q in index.dimensions[group].questions] == [1] * 4 + [2] * 4
    for view in VIEWS:  # every stage of every view has criteria of its own: none is passed over
        assert [q.level for q in index.dimensions[view].questions] == [
            n for n in range(1, 6) for _ in range(3)
        ]
    criteria = [q for d in GROUPS + VIEWS for q in index.dimensions[d].questions]
    assert len(criteria) == 107 and all(q.evidence and q.recommendation for q in criteria)
    # No level can be reached through "not applicable": the answer set does not offer it.
    assert not any(o.not_applicable for options in index.options.values() for o in options.values())


@pytest.mark.parametrize("level", range(6))
def test_each_stage_boundary(lu: Questionnaire, level: int) -> None:
    result = score(lu, answers(lu, level))
    assert stage(result) == STAGES[level]
    assert all(result.nodes[v].ladder_level == level for v in VIEWS)
    # The index: half the management system (all at 2 of 2), half the views' mean rate.
    assert result.score == pytest.approx(50 + 50 * level / 5)


def test_a_stage_holds_at_the_pass_mark_and_not_below_it(lu: Questionnaire) -> None:
    base = answers(lu, 2)
    # Governance at the scene stage with one criterion partly met: (1 + 1 + 0.5) / 3 ≥ 0.8.
    at = base | {"governance.l2c": "partly"}
    assert stage(score(lu, at)) == "scene"
    # Two of three partly met: (1 + 0.5 + 0.5) / 3 < 0.8, so governance stays at the normative stage.
    under = score(lu, at | {"governance.l2b": "partly"})
    assert stage(under) == "normative" and under.nodes["governance"].ladder_level == 1


def test_stages_are_cumulative(lu: Questionnaire) -> None:
    # Every scene criterion of every view met, but the normative ones not: no stage at all.
    skipped = answers(lu, 2) | {f"{v}.l1a": "not" for v in VIEWS} | {f"{v}.l1b": "not" for v in VIEWS}
    result = score(lu, skipped)
    assert stage(result) == "below" and all(result.nodes[v].ladder_level == 0 for v in VIEWS)


def test_the_weakest_view_decides_and_is_named(lu: Questionnaire) -> None:
    result = score(
        lu, answers(lu, {"strategy": 5, "capability": 5, "solution": 5, "governance": 2, "business": 5})
    )
    assert stage(result) == "scene"
    decided = next(c for c in result.decided_by if c.kind == "count")
    assert decided.text.zh == "五个视角中适用的各项均达到场景级及以上" and decided.weakest == ["governance"]
    assert result.next_level is not None and result.next_level.level.id == "domain"
    [unmet] = result.next_level.unmet
    assert unmet.candidates == ["governance"] and (unmet.current, unmet.required) == (4, 5)
    # What the governance view still needs for the domain stage: its three domain criteria.
    assert criteria_behind(lu, result, [unmet]) == ["governance.l3a", "governance.l3b", "governance.l3c"]


def test_the_report_reads_as_a_readiness_diagnosis(lu: Questionnaire) -> None:
    loaded = default_catalogue().get("lianghua-upgrade@1.0.0")
    given = answers(
        lu, {"strategy": 3, "capability": 3, "solution": 3, "governance": 2, "business": 3}, gate="start"
    )
    source = ReportInput(loaded, given, notes={}, enterprise={"name": "测试企业"}, assessment={"uid": "lu"})
    zh, en = build(source, "zh"), build(source, "en")
    assert zh.level == "场景级" and en.level == "Scene stage"
    assert zh.decided_by == [
        ("五个视角中适用的各项均达到场景级及以上（当前 5 个，共 5 个）。最弱的：治理体系（场景级）", True)
    ]
    assert zh.unmet == [
        "五个视角中适用的各项均达到领域级及以上（当前 4 个，共 5 个）。尚未达到的：治理体系（场景级）"
    ]
    assert [row[0] for row in zh.to_close] == ["治理体系（领域级）"] * 3
    rows = {d.name: (d.score, d.max_score, d.rate, d.level) for d in zh.dimensions}
    assert rows["管理职责"] == ("2", "2", "100%", "二阶段审核就绪")  # readiness by clause group
    assert rows["治理体系"] == ("2", "5", "40%", "场景级")  # the stage by view
    assert zh.part_levels == [("评定准备度", "可申请 A 级评定（准备度）")]
    [part] = zh.parts
    assert part.next_level == "可申请 AA 级评定（准备度）"
    assert part.unmet == [
        "「企业两化融合发展水平（GB/T 23020）所处的阶段」为 单项覆盖 或 集成提升 或 创新突破"
    ]
    assert part.rows == [
        [
            "评定准备度",
            "企业两化融合发展水平（GB/T 23020）所处的阶段",
            "起步建设",
            "国家平台评估结果截图或报告、评估年份。",
        ]
    ]
    assert en.parts[0].next_level == "Ready to apply for grade AA (readiness)"
    method = "\n".join(zh.method)
    assert (
        "本工具自定、属指示性的部分" in method
        and "由经认可的评定机构" in method
        and "codeofchina.com" in method
    )


def test_the_gb_t_23020_gate(lu: Questionnaire) -> None:
    ready = answers(lu, 3)
    assert [grade(score(lu, ready | {"gbt23020_stage": g})) for g in ("unknown", "start", "single")] == [
        "ready_a",
        "ready_a",
        "ready_aa",
    ]
    assert [grade(score(lu, ready | {"gbt23020_stage": g})) for g in ("integrated", "innovative")] == [
        "ready_aaa"
    ] * 2
    # A high GB/T 23020 stage lifts nothing by itself: AAA also needs every view at the domain stage.
    assert grade(score(lu, answers(lu, 2, gate="innovative"))) == "ready_aa"
    held = score(lu, ready | {"gbt23020_stage": "single"}).nodes["grading"]
    assert [c.question for c in held.unmet] == ["gbt23020_stage"]


def test_grade_a_needs_the_management_system_running_three_months(lu: Questionnaire) -> None:
    assert grade(score(lu, answers(lu, 5, gate="innovative", months=3))) == "ready_aaa"
    short = score(lu, answers(lu, 5, gate="innovative", months=2))
    assert grade(short) == "not_ready" and stage(short) == "ecosystem"  # the stage is the views' alone
    not_run = score(lu, answers(lu, 5, {"improvement": 1}, gate="innovative"))
    assert grade(not_run) == "not_ready" and not_run.nodes["system"].level.id == "system1"  # type: ignore[union-attr]
    [unmet] = not_run.nodes["grading"].unmet
    assert unmet.candidates == ["improvement"]
    assert criteria_behind(lu, not_run, [unmet]) == [f"improvement.l2{x}" for x in "abcd"]


def test_sampled_extremes(lu: Questionnaire) -> None:
    best, worst = score(lu, sample_answers(lu, "max")), score(lu, sample_answers(lu, "min"))
    assert (stage(best), grade(best), best.score) == ("ecosystem", "ready_aaa", 100)
    assert (stage(worst), grade(worst), worst.score) == ("below", "not_ready", 0)
    assert worst.nodes["system"].level.id == "system0"  # type: ignore[union-attr]


def test_plausibility_checks(lu: Questionnaire) -> None:
    good = answers(lu, 4)
    assert alerts(lu, good) == []
    found = alerts(lu, {k: v for k, v in good.items() if k != "p_platform"} | {"p_targets": 0, "p_months": 2})
    assert [a.id for a in found] == [
        "platform_unnamed",
        "strategy_unquantified",
        "targets_without_indicators",
        "review_too_early",
    ]
    gate = alerts(lu, answers(lu, 2, gate="integrated"))
    assert [a.id for a in gate] == ["gate_above_integration"]
    assert gate[0].questions == ["gbt23020_stage", "solution.l3a"]


def test_the_draft_plan_closes_the_stage_gap_and_the_next_grade(lu: Questionnaire) -> None:
    given = answers(
        lu,
        {"strategy": 3, "capability": 2, "solution": 3, "governance": 1, "business": 2},
        {"improvement": 1},
    )
    assert (stage(score(lu, given)), grade(score(lu, given))) == ("normative", "not_ready")
    plan = draft_plan(lu, given)
    lifted = sorted((change.target, change.goal) for project in plan.projects for change in project.changes)
    assert lifted == [("governance", 2), ("improvement", 2)]  # the stage's gap and grade A's
    assert [f.text for f in plan.findings][:2] == [
        "要达到“场景级”，五个视角中的每一项都须达到场景级及以上，目前 5 项中有 4 项做到。"
        "尚未达到的：“治理体系”。",
        "评定准备度：要达到“可申请 A 级评定（准备度）”，"
        "四类管理体系条款中的每一项都须达到二阶段审核就绪及以上，目前 4 项中有 3 项做到。"
        "尚未达到的：“评测与改进”。",
    ]
    planned = planned_result(lu, given, plan)
    assert (stage(planned), grade(planned)) == ("scene", "ready_aa")  # GB/T 23020 is 单项覆盖
