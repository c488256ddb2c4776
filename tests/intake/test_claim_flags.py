"""The flags of issue 20 through the intake, on both engines: unresolved data warnings and evidence
below the minimum (stored as the report's cover states them), re-assessments whose figures were
not measured again or that came too early (the effect tables count neither), identical findings
across enterprises (drafted text too), the provider as the supplier of a project it recommended,
answers loaded from a file counting for the pace, and a superseded questionnaire version."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.flags import Flag, find_flags
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, package
from diagnosis.intake.schema import assessments
from diagnosis.numbers import percent
from tests.intake.conftest import PROVIDER, SpecMaker
from tests.intake.world import later


def _flags(intake: Intake, *specs: Spec, kind: str, minimum: float = 0.5) -> list[Flag]:
    for n, spec in enumerate(specs):
        outcome = intake.add(package(spec), f"{n}.diagpkg")
        assert outcome.status == "received", outcome.message
    return [f for f in find_flags(intake.engine, minimum) if f.kind == kind]


def test_data_warnings_left_unexplained(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(0)
    assert spec.plan is not None and spec.plan.resolutions  # the sample's answers raise some
    opened = replace(spec, plan=spec.plan.model_copy(update={"resolutions": {}}))
    [flag] = _flags(intake, opened, make_spec(1), kind="unresolved_warnings")
    count = len(spec.plan.resolutions)
    assert flag.evidence == f"{count} data warnings neither corrected nor explained"
    assert flag.evidence.text("zh") == f"{count} 条数据核查提示既未更正也未说明"
    assert flag.title.text("zh") == "数据核查提示未说明"
    assert flag.assessments == [f"合肥某精密机械有限公司（{spec.report_number}）"]
    with intake.engine.connect() as conn:
        stored = sorted(conn.execute(select(assessments.c.open_warnings)).scalars())
    assert stored == [0, count]


def test_evidence_below_the_minimum_share(intake: Intake, make_spec: SpecMaker) -> None:
    some = make_spec(0)
    third = replace(some, evidence=some.evidence[: len(some.evidence) // 3])
    [flag] = _flags(intake, third, make_spec(1), kind="evidence_below")
    with intake.engine.connect() as conn:
        shares = sorted(conn.execute(select(assessments.c.evidence_share)).scalars())
    share = shares[0]
    assert 0 < share < 0.5 and shares[1] == 1.0  # as the report's cover counts them
    assert flag.evidence == f"evidence for {percent(share)} of what calls for it, below 50%"
    assert flag.evidence.text("zh") == f"附有佐证的比例为 {percent(share)}，低于 50%"

    def flagged(minimum: float) -> int:
        return sum(f.kind == "evidence_below" for f in find_flags(intake.engine, minimum))

    assert (flagged(share), flagged(share + 0.01), flagged(1.0)) == (0, 1, 1)  # the policy's N


def test_a_re_assessment_with_the_baselines_figures_is_no_effect(
    intake: Intake, make_spec: SpecMaker
) -> None:
    base = make_spec(0)
    copied = later(base, 240, "uidcopied00001", measured=False)
    measured = later(make_spec(1), 240, "uidmeasured001")
    [flag] = _flags(intake, base, copied, make_spec(1), measured, kind="figures_not_updated")
    assert flag.assessments == [f"合肥某精密机械有限公司（{copied.report_number}）"]  # the re-assessment
    assert flag.evidence.text("zh").startswith("成效数据未更新：单位营业收入综合能耗、")
    assert flag.evidence.endswith(f"(baseline: 合肥某精密机械有限公司（{base.report_number}）)")
    total = claim_tables(intake.engine).total
    assert (total.with_effect, total.not_measured) == (1, 1)


def test_a_re_assessment_before_the_plans_projects_end_is_too_early(
    intake: Intake, make_spec: SpecMaker
) -> None:
    base = make_spec(0)
    assert base.plan is not None
    ending = [p.model_copy(update={"start": "2026-04", "end": "2027-06"}) for p in base.plan.projects]
    base = replace(base, plan=base.plan.model_copy(update={"projects": ending}))
    early = later(base, 200, "uidearly000001")  # 2026-09-17, before June 2027
    [flag] = _flags(intake, base, early, kind="too_early")
    assert flag.evidence.startswith(
        "the re-assessment on 2026-09-17 comes before the plan's earliest project ends (2027-06)"
    )
    assert flag.title.text("zh") == "复评过早，尚不能体现成效"
    assert claim_tables(intake.engine).total.with_effect == 0


def test_the_same_findings_pasted_for_another_enterprise(intake: Intake, make_spec: SpecMaker) -> None:
    a, b = make_spec(0), make_spec(1)
    assert a.plan is not None and b.plan is not None
    pasted = [f.model_copy(update={"text": f.text.replace("，", "， ") + "\n"}) for f in a.plan.findings]
    b = replace(b, plan=b.plan.model_copy(update={"findings": pasted}))
    [flag] = _flags(intake, a, b, make_spec(2), kind="identical_findings")
    assert [name.split("（")[0] for name in flag.assessments] == [
        "合肥某精密机械有限公司",
        "芜湖某汽配有限公司",
    ]
    drafted = len(a.plan.findings)  # the sample's findings are still as drafted from the gaps
    assert flag.evidence == (
        f"{drafted} findings, the same text in 2 enterprises ({drafted} still as drafted)"
    )


def test_findings_each_provider_wrote_are_not_flagged(intake: Intake, make_spec: SpecMaker) -> None:
    def edited(spec: Spec) -> Spec:
        assert spec.plan is not None
        own = [
            f.model_copy(update={"text": f"{f.text}（{spec.enterprise['name']}现场核实）"})
            for f in spec.plan.findings
        ]
        return replace(spec, plan=spec.plan.model_copy(update={"findings": own}))

    a = make_spec(0)
    b = replace(make_spec(1), plan=a.plan)  # the same drafts, each edited for its enterprise
    assert _flags(intake, edited(a), edited(b), kind="identical_findings") == []


def test_the_provider_named_as_the_supplier_of_its_own_project(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(0)
    assert spec.plan is not None and len(spec.plan.projects) >= 2
    first, second, *rest = spec.plan.projects
    named = [  # as binding compares names: NFKC and spacing aside
        first.model_copy(update={"supplier": "某某数字化服务有限公司 "}),
        second.model_copy(update={"supplier": "合肥某软件有限公司"}),
        *rest,
    ]
    own = replace(spec, plan=spec.plan.model_copy(update={"projects": named}))
    [flag] = _flags(intake, own, make_spec(1), kind="self_supplier")
    assert flag.evidence == f"{PROVIDER} made the diagnosis and is the supplier of {first.name}"
    assert flag.title.text("zh") == "诊断机构被列为其推荐项目的供应商"


def test_answers_loaded_from_a_file_count_for_the_pace(intake: Intake, make_spec: SpecMaker) -> None:
    loaded = make_spec(0, from_file=True)
    [flag] = _flags(intake, loaded, make_spec(1), kind="fast_pace")
    n = len(loaded.answers)
    assert (
        flag.evidence
        == f"{n} answers given within 5 minutes ({n} changes in the history, {n} loaded from a file)"
    )
    assert (
        flag.evidence.text("zh")
        == f"5 分钟内录入 {n} 个答案（答案历史共 {n} 次修改，其中 {n} 个从答案文件读入）"
    )


def test_a_superseded_questionnaire_version(intake: Intake, make_spec: SpecMaker) -> None:
    older = make_spec(0, ref="sme-digital-2024@1.1.0")
    [flag] = _flags(intake, older, make_spec(1), kind="superseded_questionnaire")
    assert flag.evidence == "sme-digital-2024 1.1.0, superseded by 1.2.0"
    assert flag.title.text("zh") == "问卷版本已被取代"
    assert [name.split("（")[0] for name in flag.assessments] == ["合肥某精密机械有限公司"]
    newest = {"sme-digital-2024": "1.1.0"}  # as an app that ships no newer version sees it
    assert [f for f in find_flags(intake.engine, newest=newest) if f.kind == "superseded_questionnaire"] == []


def test_every_flag_is_sorted_by_city_county_enterprise(intake: Intake, make_spec: SpecMaker) -> None:
    specs = [make_spec(n, signer=None) for n in (3, 1, 0, 2)]  # 淮南, 芜湖, 合肥, 蚌埠
    flags = _flags(intake, *specs, kind="unsigned")
    cities = [name.split("（")[0][:2] for f in flags for name in f.assessments]
    assert cities == sorted(cities) == ["合肥", "淮南", "芜湖", "蚌埠"]  # not the order they came in
