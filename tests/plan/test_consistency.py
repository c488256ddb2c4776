"""A plan whose money, dates and targets hold together (issue: a claim that holds together).

Each case from a claims reviewer's notes: refused where the figures contradict each other,
listed before finalize where they are still incomplete."""

from __future__ import annotations

import datetime as dt

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.plan.consistency import NO_EFFECT, Dates, contradictions
from diagnosis.plan.model import Change, Confirmation, Funding, Kpi, Plan, Project, Visit
from diagnosis.storage.assessments import finalize, get_assessment, new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.plans import get_plan, set_plan
from tests.storage.conftest import READY_PLAN, dump

DATES = Dates(today=dt.date(2026, 3, 1), created=dt.date(2026, 2, 20))


def _problems(plan: Plan) -> list[tuple[str, bool, str]]:
    return [(p.part, p.refused, str(p.message)) for p in contradictions(plan, DATES)]


def _project(**fields: object) -> Plan:
    return Plan(projects=[Project(name="设备联网", **fields)])  # type: ignore[arg-type]


def test_a_split_short_of_the_budget_is_open_until_it_adds_up() -> None:
    plan = _project(budget=50, funding=Funding(enterprise=30, subsidy=15))
    assert _problems(plan) == [
        (
            "projects.0.funding",
            False,
            "project 1 (设备联网): the funding adds up to 45 (10k CNY) of the budget of 50; "
            "5 has no source yet",
        )
    ]
    assert _problems(_project(budget=50, funding=Funding(enterprise=30, subsidy=15, other=5))) == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"budget": 10, "funding": Funding(subsidy=25)},
            (
                "projects.0.subsidy",
                "project 1 (设备联网): the subsidy (25, 10k CNY) are more than the budget of 10",
            ),
        ),
        (
            {"funding": Funding(subsidy=8)},
            ("projects.0.funding", "project 1 (设备联网): funding of 8 (10k CNY) is given but no budget"),
        ),
        (
            {"budget": 60, "funding": Funding(enterprise=30, subsidy=48)},
            (
                "projects.0.funding",
                "project 1 (设备联网): the funding adds up to 78 (10k CNY), more than the budget of 60",
            ),
        ),
    ],
)
def test_funding_that_contradicts_the_budget_is_refused(
    fields: dict[str, object], expected: tuple[str, str]
) -> None:
    assert _problems(_project(**fields)) == [(expected[0], True, expected[1])]


def test_to_the_yuan() -> None:
    assert _problems(_project(budget=10, funding=Funding(enterprise=7.0001, subsidy=3))) != []
    assert _problems(_project(budget=0.3, funding=Funding(enterprise=0.1, subsidy=0.2))) == []


def test_dates_in_order() -> None:
    late_visit = Plan(process=READY_PLAN.process.model_copy(update={"visits": [Visit(date="2026-03-05")]}))
    assert _problems(late_visit)[0][:2] == ("process.visits.0.date", True)
    early = READY_PLAN.model_copy(update={"confirmation": Confirmation(date="2026-02-26")})
    assert _problems(early) == [
        (
            "confirmation.date",
            True,
            "the enterprise's confirmation (2026-02-26) is dated before the last visit (2026-02-27)",
        )
    ]
    before = _project(start="2026-01")
    assert _problems(before) == [
        (
            "projects.0.start",
            True,
            "project 1 (设备联网) starts in 2026-01, before the diagnosis (2026-02-20)",
        )
    ]
    assert _problems(_project(start="2026-02")) == []


def test_a_kpi_target_on_the_wrong_side_is_refused_and_a_direction_is_needed() -> None:
    wrong = Plan(kpis=[Kpi(name="产品合格率", baseline=97.2, target=95, better="higher")])
    assert _problems(wrong) == [
        (
            "kpis.0.target",
            True,
            "KPI 1 (产品合格率): higher is better, yet the target 95 is below the baseline 97.2",
        )
    ]
    unknown = Plan(kpis=[Kpi(name="追溯时间", baseline=48, target=2)])
    assert _problems(unknown) == [
        ("kpis.0.better", False, "KPI 1 (追溯时间): say whether higher or lower is better")
    ]
    assert (
        _problems(
            unknown.model_copy(update={"kpis": [Kpi(name="追溯时间", baseline=48, target=2, better="lower")]})
        )
        == []
    )


def test_the_questionnaires_indicator_gives_the_direction(sme: Loaded) -> None:
    kpi = Kpi(name="单位营业收入综合能耗", baseline=0.11, target=0.12, indicator="energy_intensity")
    found = contradictions(Plan(kpis=[kpi]), DATES, sme.questionnaire)
    assert [p.message.text("zh") for p in found] == [
        "成效指标 1（单位营业收入综合能耗）：越低越好，目标 0.12 却高于基准 0.11"
    ]


def test_plan_set_refuses_and_the_wizard_edit_keeps_it_open(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = new_assessment(store, sme, enterprise, mode="onsite")
    before = dump(store)
    with pytest.raises(DiagnosisError, match="more than the budget of 10"):
        set_plan(store, a, _project(budget=10, funding=Funding(subsidy=25)))
    short = _project(budget=50, funding=Funding(enterprise=30, subsidy=15))
    with pytest.raises(DiagnosisError, match="5 has no source yet"):
        set_plan(store, a, short, whole=True)  # a plan file is complete: it must add up
    assert dump(store) == before
    set_plan(store, a, short)  # typed in the wizard, one cell at a time
    assert get_plan(store, a) == short


def test_finalize_lists_every_open_problem_and_force_does_not_help(
    store: Store, sme: Loaded, enterprise: int
) -> None:
    a = new_assessment(store, sme, enterprise, mode="onsite")
    open_split = READY_PLAN.model_copy(
        update={"projects": [Project(name="设备联网", budget=50, funding=Funding(enterprise=30, subsidy=15))]}
    )
    set_plan(store, a, open_split)
    with pytest.raises(DiagnosisError) as refused:
        finalize(store, a, force=True)
    assert [str(line) for line in refused.value.lines] == [
        f"assessment #{a} cannot be finalized yet:",
        "  - the expected results: at least one KPI with its target",
        "  - project 1 (设备联网): the funding adds up to 45 (10k CNY) of the budget of 50; "
        "5 has no source yet",
        "  - the plan spends 50 (10k CNY) but changes neither the planned level, the score nor any KPI: "
        "explain why",
    ]
    assert refused.value.lines[1].text("zh") == "  - 预期成效：至少一项成效指标及其目标值"
    assert get_assessment(store, a)["status"] == "draft"


def test_money_that_changes_nothing_must_be_explained(store: Store, sme: Loaded, enterprise: int) -> None:
    a = new_assessment(store, sme, enterprise, mode="onsite")
    useless = READY_PLAN.model_copy(
        update={
            "projects": [Project(name="管理咨询", budget=90, funding=Funding(enterprise=90))],
            "kpis": [Kpi(name="产品合格率", baseline=97.2, target=97.2, better="higher")],
        }
    )
    set_plan(store, a, useless)
    with pytest.raises(DiagnosisError, match="changes neither the planned level"):
        finalize(store, a, force=True)
    explained = useless.model_copy(update={"resolutions": {NO_EFFECT: "本期为管理咨询，成效在下一期体现。"}})
    set_plan(store, a, explained)
    finalize(store, a, force=True)
    assert get_assessment(store, a)["status"] == "finalized"


def test_a_kpi_target_must_be_what_its_own_project_gives(store: Store, sme: Loaded, enterprise: int) -> None:
    a = new_assessment(store, sme, enterprise, mode="onsite")
    from diagnosis.storage.answers import set_answers

    set_answers(store, a, {"devices_total": 142, "devices_networked": 38})
    plan = READY_PLAN.model_copy(
        update={
            "projects": [
                Project(
                    name="设备联网",
                    changes=[Change(target="devices_networked", goal=60)],
                    budget=45,
                    funding=Funding(enterprise=31.5, subsidy=13.5),
                )
            ],
            "kpis": [Kpi(name="设备联网率", baseline=26.76, target=84.5, indicator="device_networking")],
        }
    )
    set_plan(store, a, plan)
    with pytest.raises(
        DiagnosisError, match=r"the target 84.5 does not match what the plan's projects give \(42.25\)"
    ):
        finalize(store, a, force=True)
