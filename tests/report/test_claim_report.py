"""A claim that holds together, as the report tells it: sections that never close up around a
missing part, the cover's warnings and evidence, the comparison from older to newer with the
effect checks, and each KPI's actual against its target."""

from __future__ import annotations

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.plan.consistency import NO_EFFECT
from diagnosis.plan.model import Finding, Funding, Kpi, Project
from diagnosis.report.data import build
from diagnosis.report.inputs import from_store
from diagnosis.report.pdf import build_pdf
from diagnosis.storage.answers import set_answers
from diagnosis.storage.assessments import new_assessment, reassess
from diagnosis.storage.db import Store
from diagnosis.storage.plans import set_plan
from tests.report.test_report import text_of
from tests.storage.conftest import READY_PLAN, finalized

FIGURES = {
    "revenue_cur": 12800,
    "energy_cur": 1460,
    "yield_cur": 97.2,
    "devices_total": 142,
    "devices_networked": 38,
}


def _onsite(store: Store, sme: Loaded, enterprise: int) -> int:
    a = new_assessment(store, sme, enterprise, mode="onsite", provider="合肥数智", assessor="张工")
    set_answers(store, a, FIGURES)
    return a


def test_an_empty_onsite_diagnosis_keeps_its_sections_and_says_what_is_missing(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = _onsite(store, sme, enterprise)
    report = build(from_store(store, a), "zh")
    assert report.missing["process"] == ["评测过程：至少记录一次现场诊断（日期、地点、评估人员）"]
    assert report.missing["findings"] == ["问题与需求：尚未填写"]
    assert "改造方案：至少一个改造项目，或说明不提出项目的原因" in report.missing["plan"]
    assert report.missing["method"] == ["企业确认：缺少确认意见、确认人、确认日期"]
    text = text_of(build_pdf(from_store(store, a)))
    for heading in ("一、评测过程", "四、问题与需求", "五、改造方案", "六、预期成效"):
        assert heading in text
    assert text.count("本节尚缺") == 5


def test_a_complete_one_has_nothing_missing_and_states_why_no_project(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = _onsite(store, sme, enterprise)
    set_plan(store, a, READY_PLAN)
    report = build(from_store(store, a), "zh")
    assert report.missing == {}
    text = text_of(build_pdf(from_store(store, a)))
    assert "本节尚缺" not in text
    assert "本次诊断不提出改造项目，原因：企业当前以完善基础管理为主" in text


def test_the_cover_states_open_warnings_and_the_evidence_share(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = _onsite(store, sme, enterprise)
    set_answers(store, a, {"base_year": 2061})
    cover = dict(build(from_store(store, a), "zh").cover)
    assert cover["数据核查提示"].endswith("项尚未说明")
    assert cover["佐证材料"].startswith("0 / ") and cover["佐证材料"].endswith("（0%）")


def test_drafted_text_is_marked_until_edited(store: Store, sme: Loaded, enterprise: int) -> None:
    a = _onsite(store, sme, enterprise)
    drafted = Finding(kind="need", text="设备联网率低。", drafted="设备联网率低。")
    edited = Finding(kind="need", text="设备联网率仅 27%，停机原因无法统计。", drafted="设备联网率低。")
    set_plan(store, a, READY_PLAN.model_copy(update={"findings": [drafted, edited]}))
    rows = build(from_store(store, a), "zh").findings.rows  # type: ignore[union-attr]
    assert rows[0][1] == "设备联网率低。（由差距分析草拟，尚未修改）"
    assert rows[1][1] == "设备联网率仅 27%，停机原因无法统计。"


def test_money_that_changes_nothing_is_explained_in_the_plan_section(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = _onsite(store, sme, enterprise)
    plan = READY_PLAN.model_copy(
        update={"projects": [Project(name="管理咨询", budget=90, funding=Funding(enterprise=90))]}
    )
    set_plan(store, a, plan)
    report = build(from_store(store, a), "zh")
    assert report.plan is not None and report.plan.notes == []
    assert (
        "改造方案投入 90 万元，但规划等级、得分和各项成效指标都没有变化：请说明原因",
        "",
        False,
    ) in report.alerts
    assert dict(report.cover)["数据核查提示"] == "1 项尚未说明"
    set_plan(store, a, plan.model_copy(update={"resolutions": {NO_EFFECT: "本期为咨询，成效在二期。"}}))
    report = build(from_store(store, a), "zh")
    assert report.plan is not None
    assert report.plan.notes == ["投入未带来等级、得分或成效指标变化的说明：本期为咨询，成效在二期。"]
    assert dict(report.cover)["数据核查提示"] == "无未说明的提示"


def _baseline_with_plan(store: Store, sme: Loaded, enterprise: int) -> int:
    a = _onsite(store, sme, enterprise)
    plan = READY_PLAN.model_copy(
        update={
            "no_project_reason": None,
            "projects": [
                Project(
                    name="质量追溯", start="2026-03", end="2026-06", budget=20, funding=Funding(enterprise=20)
                )
            ],
            "kpis": [Kpi(name="产品合格率", unit="%", baseline=97.2, target=98.5, indicator="yield")],
        }
    )
    set_plan(store, a, plan)
    finalized(store, a)
    return a


def test_the_comparison_runs_older_to_newer_and_cites_the_baseline(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    before = _baseline_with_plan(store, sme, enterprise)
    after = reassess(store, before)
    with pytest.raises(DiagnosisError, match="the baseline of a comparison is the older assessment"):
        from_store(store, before, after)  # the newer one offered as the baseline
    report = build(from_store(store, after, before), "zh")
    assert report.comparison is not None
    assert report.comparison.baseline.startswith("改造前基线：报告编号 ")
    # Before the plan's first project ends, with the baseline's figures: too early, not measured.
    reasons = [text for text, ok in report.comparison.effect if not ok]
    assert reasons[0] == (
        "复评日期 2026-03-01 早于改造方案中最早一个项目的结束月份 2026-06，尚不能体现改造成效"
    )
    assert reasons[1] == "成效数据未更新：单位营业收入综合能耗、产品合格率、设备联网率 的数据与基线完全相同"


def test_a_reassessment_shows_each_kpi_against_its_target(store: Store, sme: Loaded, enterprise: int) -> None:
    before = _baseline_with_plan(store, sme, enterprise)
    after = reassess(store, before)
    set_answers(store, after, {"yield_cur": 98.9, "revenue_cur": 14100, "energy_cur": 1402})
    report = build(from_store(store, after, before), "zh")
    assert report.effects is not None
    assert report.effects.actuals == [["产品合格率", "%", "97.2", "98.5", "98.9", "达成"]]
