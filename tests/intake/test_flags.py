"""Every flag: a set of documents built to trigger it, and one that must not."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from diagnosis.intake.flags import MIN_PLANS, Flag, find_flags
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, package
from diagnosis.plan.model import Person, Process, Visit
from diagnosis.scoring.sample import sample_answers
from diagnosis.signing.keys import ProviderKey
from tests.intake.conftest import ROGUE, SpecMaker


def _flags(intake: Intake, *specs: Spec, kind: str | None = None) -> list[Flag]:
    for n, spec in enumerate(specs):
        outcome = intake.add(package(spec), f"{n}.diagpkg")
        assert outcome.status in ("received", "added"), outcome.message
    found = find_flags(intake.engine)
    return [f for f in found if kind is None or f.kind == kind]


def _firm(label: str) -> str:
    """The enterprise of a claim's label, "企业（报告编号）"."""
    return label.split("（")[0]


def test_clean_documents_raise_no_flag(intake: Intake, make_spec: SpecMaker) -> None:
    assert _flags(intake, *[make_spec(n) for n in range(4)]) == []


def test_the_same_evidence_file_in_two_enterprises(intake: Intake, make_spec: SpecMaker) -> None:
    a, b = make_spec(0), make_spec(1)
    b = replace(b, evidence=[*b.evidence, a.evidence[0]])
    [flag] = _flags(intake, a, b, kind="shared_evidence")
    assert flag.title == "the same evidence file in different enterprises' assessments"
    assert "照片0.png" in flag.evidence
    assert flag.assessments == [  # each claim by enterprise and report number, never an internal id
        f"合肥某精密机械有限公司（{a.report_number}）",
        f"芜湖某汽配有限公司（{b.report_number}）",
    ]


def test_the_same_evidence_file_in_one_enterprises_assessments_is_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    a = make_spec(0)
    later = replace(a, uid="uidlater00000", report_number="20270301-ABCD-XAB123-LATER0")
    assert _flags(intake, a, later, kind="shared_evidence") == []


def test_identical_answers_across_enterprises(intake: Intake, make_spec: SpecMaker) -> None:
    a = make_spec(0)
    b = replace(make_spec(1), answers=dict(a.answers))
    [flag] = _flags(intake, a, b, kind="identical_answers")
    assert flag.evidence.startswith(f"{len(a.answers)} answers, all the same")
    assert len(flag.assessments) == 2


def test_identical_lowest_answers_are_trivial_and_not_flagged(intake: Intake, make_spec: SpecMaker) -> None:
    a = make_spec(0)
    lowest = sample_answers(a.loaded.questionnaire, "min")
    specs = [replace(make_spec(n), answers=dict(lowest), plan=None) for n in range(2)]
    assert _flags(intake, *specs, kind="identical_answers") == []


def test_identical_answers_within_one_enterprise_are_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    a = make_spec(0)
    again = replace(a, uid="uidlater00000", report_number="20270301-ABCD-XAB123-LATER0", evidence=[])
    assert _flags(intake, a, again, kind="identical_answers") == []


def test_hundreds_of_answers_in_minutes(intake: Intake, make_spec: SpecMaker) -> None:
    fast = make_spec(0, answer_gap=1.0)
    [flag] = _flags(intake, fast, make_spec(1), kind="fast_pace")
    assert flag.evidence.startswith(f"{len(fast.answers)} answers given within 5 minutes")
    assert flag.assessments == [f"合肥某精密机械有限公司（{fast.report_number}）"]


def test_answers_copied_at_once_from_an_earlier_assessment_are_not_a_pace(
    intake: Intake, make_spec: SpecMaker
) -> None:
    spec = make_spec(0)
    assert _flags(intake, replace(spec, copied=dict(spec.answers)), kind="fast_pace") == []


def _visited(spec: Spec, assessor: str, day: str) -> Spec:
    assert spec.plan is not None
    process = Process(visits=[Visit(date=day)], assessors=[Person(name=assessor)])
    return replace(spec, assessor=assessor, plan=spec.plan.model_copy(update={"process": process}))


def test_one_assessor_in_two_cities_on_one_day(intake: Intake, make_spec: SpecMaker) -> None:
    a = _visited(make_spec(0), "王工", "2026-03-05")
    b = _visited(make_spec(1), "王工", "2026-03-05")
    [flag] = _flags(intake, a, b, kind="assessor_two_cities")
    assert flag.evidence == "王工 on 2026-03-05: 合肥市, 芜湖市"
    assert flag.evidence.text("zh") == "王工 2026-03-05 在：合肥市、芜湖市"
    assert len(flag.assessments) == 2


def test_one_assessor_in_two_cities_on_different_days_or_one_city_is_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    a = _visited(make_spec(0), "王工", "2026-03-05")
    b = _visited(make_spec(1), "王工", "2026-03-06")
    same_city = _visited(replace(make_spec(4), uid="uidsamecity00"), "王工", "2026-03-05")
    assert _flags(intake, a, b, same_city, kind="assessor_two_cities") == []


def test_a_report_number_seen_twice(intake: Intake, make_spec: SpecMaker) -> None:
    a = make_spec(0)
    b = make_spec(1, report_number=a.report_number)
    [flag] = _flags(intake, a, b, kind="repeated_report_number")
    assert flag.evidence == f"report number {a.report_number}"


def test_one_report_number_over_revisions_of_one_assessment_is_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    a = make_spec(0)
    assert _flags(intake, a, replace(a, revision=2), kind="repeated_report_number") == []


def test_a_questionnaire_that_is_not_official(intake: Intake, make_spec: SpecMaker) -> None:
    from diagnosis.loading.load import load_bytes

    spec = make_spec(0)
    raw = spec.loaded.raw.replace(b"\nversion: 1.2.0\n", b"\nversion: 1.2.7\n", 1)
    odd = replace(spec, loaded=load_bytes("odd", raw, use_cache=False))
    [flag] = _flags(intake, odd, make_spec(1), kind="unofficial_questionnaire")
    assert flag.evidence.startswith("not an official version: sme-digital-2024 1.2.7")


def test_official_questionnaires_are_not_flagged(intake: Intake, make_spec: SpecMaker) -> None:
    specs = [make_spec(0), make_spec(1, ref="sme-digital-2024@1.0.0")]
    assert _flags(intake, *specs, kind="unofficial_questionnaire") == []


def test_unsigned_and_untrusted_documents(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    rogue = make_spec(2, signer=keys[ROGUE], provider=ROGUE, provider_uscc=None)  # naming itself
    found = _flags(intake, make_spec(0), make_spec(1, signer=None), rogue)
    assert [(f.kind, _firm(f.assessments[0])) for f in found] == [
        ("unsigned", "芜湖某汽配有限公司"),
        ("untrusted", "蚌埠某电子有限公司"),
    ]
    assert found[1].evidence == f"signed by {ROGUE}"


def test_a_signed_package_later_received_unsigned_too_is_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    spec = make_spec(0)
    assert _flags(intake, replace(spec, signer=None), spec) == []


def _budgeted(spec: Spec, budget: float) -> Spec:
    assert spec.plan is not None
    projects = [p.model_copy(update={"budget": budget / len(spec.plan.projects)}) for p in spec.plan.projects]
    return replace(spec, plan=spec.plan.model_copy(update={"projects": projects}))


def test_a_plan_whose_budget_is_an_outlier(intake: Intake, make_spec: SpecMaker) -> None:
    normal = [_budgeted(make_spec(n, seed=n % 3), 50.0 + 7 * (n % 5)) for n in range(MIN_PLANS)]
    huge = _budgeted(make_spec(MIN_PLANS, seed=1), 5000.0)
    [flag] = _flags(intake, *normal, huge, kind="budget_outlier")
    assert flag.evidence.startswith("budget 5,000 万元 against a median of")
    assert flag.assessments == [f"蚌埠某电子有限公司（{huge.report_number}）"]


def test_budgets_within_the_usual_spread_are_not_flagged(intake: Intake, make_spec: SpecMaker) -> None:
    normal = [_budgeted(make_spec(n, seed=n % 3), 30.0 + 20 * (n % 5)) for n in range(MIN_PLANS + 1)]
    assert _flags(intake, *normal, kind="budget_outlier") == []


def test_an_unusual_share_of_not_applicable(intake: Intake, make_spec: SpecMaker) -> None:
    """The intake stores the 不适用 share (with reasons, format 3) and flags more than 20 %."""
    from sqlalchemy import select

    from diagnosis.intake.flags import NA_SHARE_LIMIT
    from diagnosis.intake.schema import assessments
    from diagnosis.model.index import index_of

    base = make_spec(0, ref="dcmm@2.1.0", plan=None)
    criteria = [qid for qid in index_of(base.loaded.questionnaire).questions if qid != "target_level"]
    answers = dict.fromkeys(criteria, "full")
    few, many = criteria[:50], criteria[: int(len(criteria) * 0.3)]  # 10 % and 30 % 不适用
    usual = replace(base, answers=answers | dict.fromkeys(few, "na"), notes=dict.fromkeys(few, "无此业务"))
    unusual = replace(
        make_spec(1, ref="dcmm@2.1.0", plan=None),
        answers=answers | dict.fromkeys(many, "na"),
        notes=dict.fromkeys(many, "无此业务"),
    )
    [flag] = _flags(intake, usual, unusual, kind="many_not_applicable")
    assert flag.title == "an unusual share of criteria answered not applicable"
    assert flag.evidence == f"30% answered not applicable (more than {round(NA_SHARE_LIMIT * 100)}%)"
    assert [_firm(name) for name in flag.assessments] == ["芜湖某汽配有限公司"]
    with intake.engine.connect() as conn:
        shares = sorted(conn.execute(select(assessments.c.na_share)).scalars())
    assert shares == [pytest.approx(50 / 495), pytest.approx(len(many) / 495)]


def test_one_enterprise_under_two_keys_sharing_a_file_is_not_flagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    """With its credit code, then without it: two enterprise keys, one enterprise (the database
    only narrows the files down; who the enterprise is, `identities` decides)."""
    a = make_spec(0)
    uncoded = replace(
        make_spec(4),
        enterprise={**a.enterprise, "uscc": None},
        evidence=[a.evidence[0]],
        uid="uiduncoded001",
        report_number="20270301-ABCD-XAB123-UNCODE",
    )
    found = _flags(intake, a, uncoded)
    assert "no_credit_code" in {f.kind for f in found}
    assert [f for f in found if f.kind == "shared_evidence"] == []


def test_the_same_evidence_file_in_two_enterprises_of_one_batch(intake: Intake, make_spec: SpecMaker) -> None:
    """Both in one transaction: the file is marked shared as it first comes in."""
    a, b = make_spec(0), make_spec(1)
    b = replace(b, evidence=[*b.evidence, a.evidence[0]])
    outcomes = intake.add_batch([("a.diagpkg", package(a)), ("b.diagpkg", package(b))])
    assert [o.status for o in outcomes] == ["received", "received"]
    assert [f.kind for f in find_flags(intake.engine)] == ["shared_evidence"]


def test_a_database_from_before_the_evidence_files_finds_the_shared_ones_after_its_upgrade(
    intake: Intake, make_spec: SpecMaker
) -> None:
    """0004 → 0005 marks the files already received from the evidence rows."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import select

    from diagnosis import paths
    from diagnosis.intake.db import open_engine
    from diagnosis.intake.schema import evidence_files, file_number

    a, b = make_spec(0), make_spec(1)
    b = replace(b, evidence=[*b.evidence, a.evidence[0]])
    before = _flags(intake, a, b, kind="shared_evidence")
    config = Config()
    config.set_main_option("script_location", str(paths.intake_migrations()))
    with intake.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    intake.engine.dispose()
    engine = open_engine(intake.engine.url)  # upgraded again on open
    with engine.connect() as conn:
        shared = conn.execute(select(evidence_files.c.number).where(evidence_files.c.shared)).scalars().all()
        files = conn.execute(select(evidence_files)).all()
    contents = {content for _, _, content in [*a.evidence, *b.evidence]}
    assert len(files) == len(contents)
    assert shared == [file_number(hashlib.sha256(a.evidence[0][2]).hexdigest())]
    assert [f.evidence for f in find_flags(engine)] == [f.evidence for f in before]
    engine.dispose()
