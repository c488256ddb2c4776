"""The claim tables: each USCC counted once, the newest finalized revision counts, the effect of a
re-assessment (level up / same / down, KPI changes), the period, and the Excel and PDF outputs."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.claims_pdf import claims_pdf
from diagnosis.intake.ingest import Intake
from diagnosis.intake.ledger import ledger
from diagnosis.intake.policy import default_policy
from diagnosis.intake.samples import Spec, measured_again, package
from diagnosis.intake.sheets import claims_workbook
from diagnosis.plan.projection import projected_answers
from diagnosis.scoring.sample import sample_answers
from tests.intake.conftest import PROVIDER, SpecMaker


def _later(spec: Spec, days: int, answers: dict[str, object], uid: str, measured: bool = True) -> Spec:
    """A re-assessment of the same enterprise: another assessment (uid), `days` later (finalized
    before today: a sample document is signed now, and never before it was finalized), its
    figures measured again unless not `measured` (handed in as the baseline had them)."""
    assert spec.plan is not None
    kpis = [k.model_copy(update={"baseline": k.target}) for k in spec.plan.kpis]
    visits = [v.model_copy(update={"date": _after(v.date, days)}) for v in spec.plan.process.visits]
    process = spec.plan.process.model_copy(update={"visits": visits})
    if measured:
        answers = measured_again(spec.loaded, dict(answers), random.Random(uid))
    return replace(
        spec,
        uid=uid,
        answers=dict(answers),
        created=spec.created + dt.timedelta(days=days),
        report_number=f"20270301-ABCD-XAB123-{uid[-6:].upper()}",
        plan=spec.plan.model_copy(update={"kpis": kpis, "process": process}),
        evidence=[],
    )


def _after(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def received(intake: Intake, make_spec: SpecMaker) -> Intake:
    """Four enterprises in four cities; the first assessed twice more (a level up, then a revision
    of that), the second re-assessed with the same answers (its figures not updated: no effect
    measured), the fourth only as a draft."""
    first = make_spec(0)
    assert first.plan is not None
    up = _later(
        first, 240, projected_answers(first.loaded.questionnaire, first.answers, first.plan), "uidlater0up01"
    )
    revised = replace(up, revision=2, report_number="20270301-ABCD-XAB123-REV002")
    second = make_spec(1)
    same = _later(second, 180, second.answers, "uidlater1same1", measured=False)
    documents = [first, up, revised, second, same, make_spec(2), replace(make_spec(3), status="draft")]
    for spec in documents:
        outcome = intake.add(package(spec), spec.uid)
        assert outcome.status == "received", outcome.message
    return intake


def test_each_enterprise_is_counted_once_and_drafts_not_at_all(received: Intake) -> None:
    claims = claim_tables(received.engine)
    assert claims.total.enterprises == 3
    assert claims.total.assessments == 5  # revision 1 of the re-assessment does not count
    assert [e["uscc"] for e in claims.enterprises] == [
        "91340100MA2XAB123M",
        "91340200MA2XAB123T",
        "91340300MA2XAB1230",
    ]
    first = claims.enterprises[0]
    assert first["assessments"] == 2 and first["providers"] == PROVIDER


def test_the_effect_compares_the_baseline_with_the_latest_assessment(received: Intake) -> None:
    claims = claim_tables(received.engine)
    effects = {e.uscc: e for e in claims.effects}
    assert set(effects) == {"91340100MA2XAB123M", "91340200MA2XAB123T"}
    up, same = effects["91340100MA2XAB123M"], effects["91340200MA2XAB123T"]
    assert up.change >= 1 and up.score_change >= 0  # SME 2024: levels follow the scenes
    assert (same.change, same.score_change) == (0, 0)
    assert up.counts and not same.counts  # the same answers again: no effect measured
    assert [r.text("zh") for r in same.reasons] == [
        "成效数据未更新：单位营业收入综合能耗、产品合格率、人均营业收入、每百元营业收入中的营业成本、"
        "设备联网率 的数据与基线完全相同"
    ]
    total = claims.total
    assert (total.with_effect, total.up, total.same, total.down, total.not_measured) == (1, 1, 0, 0, 1)
    assert claims.kpis and all(k.enterprises == 1 and k.reached == 1 for k in claims.kpis)


def test_by_city_each_group_counts_its_enterprises(received: Intake) -> None:
    claims = claim_tables(received.engine, by="city")
    groups = {g.name: g for g in claims.groups}
    assert set(groups) == {"合肥市", "芜湖市", "蚌埠市"}
    assert (
        groups["合肥市"].enterprises == 1 and groups["合肥市"].assessments == 2 and groups["合肥市"].up == 1
    )
    assert groups["蚌埠市"].with_effect == 0
    assert sum(g.enterprises for g in claims.groups) == claims.total.enterprises
    assert {(g, level) for g, _, level, _ in claims.levels} >= {("蚌埠市", received_level(claims, "蚌埠市"))}


def received_level(claims: object, city: str) -> str:
    return next(level for g, _, level, _ in claims.levels if g == city)  # type: ignore[attr-defined]


def test_the_period_counts_assessments_finalized_in_it(received: Intake) -> None:
    early = claim_tables(received.engine, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    assert early.total.assessments == 3 and early.total.with_effect == 0
    late = claim_tables(received.engine, start=dt.date(2026, 7, 1))
    assert late.total.enterprises == 2 and late.total.with_effect == 1  # baselines from before count
    assert late.total.not_measured == 1


def test_signed_and_trusted_shares(intake: Intake, make_spec: SpecMaker) -> None:
    intake.add(package(make_spec(0)), "signed")
    intake.add(package(make_spec(1, signer=None, evidence=[])), "unsigned, no evidence")
    total = claim_tables(intake.engine).total
    assert (total.signed, total.trusted) == (0.5, 0.5)
    assert total.evidence == 0.5


def test_the_workbook_holds_every_table_as_text(received: Intake, tmp_path: Path) -> None:
    target = tmp_path / "claims.xlsx"
    claims_workbook(
        claim_tables(received.engine, by="city"), target, ledger(received.engine, default_policy())
    )
    book = load_workbook(target)
    assert book.sheetnames[0] == "申领明细" and book.sheetnames[-4:] == ["汇总", "等级分布", "效果", "KPI"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][:3] == ("市", "企业数 Enterprises", "评估数 Assessments")
    assert summary[4][:3] == ("合计", 3, 5)
    details = book["申领明细"]
    assert details["B2"].value == "91340100MA2XAB123M" and details["B2"].data_type == "s"


def test_an_enterprise_name_that_looks_like_a_formula_stays_text(
    intake: Intake, make_spec: SpecMaker, tmp_path: Path
) -> None:
    spec = make_spec(0)
    intake.add(
        package(replace(spec, enterprise={**spec.enterprise, "name": '=HYPERLINK("http://x","y")'})), "x"
    )
    target = tmp_path / "claims.xlsx"
    claims_workbook(claim_tables(intake.engine), target, ledger(intake.engine, default_policy()))
    cell = load_workbook(target)["申领明细"]["A2"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


def test_the_pdf_shows_totals_groups_levels_and_effect(received: Intake) -> None:
    raw = claims_pdf(claim_tables(received.engine, by="city"), dt.date(2027, 1, 5))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    assert "补助申领汇总" in text and "汇总日期 2027-01-05" in text
    for words in (
        "诊断企业数",
        "按市",
        "合肥市",
        "芜湖市",
        "等级分布",
        "效果：基线与复评",
        "KPI 变化",
        "统计口径",
    ):
        assert words in text, words
    fonts = {
        str(f) for page in PdfReader(io.BytesIO(raw)).pages for f in page["/Resources"]["/Font"].values()
    }
    assert fonts


def test_an_empty_intake_gives_empty_tables(intake: Intake) -> None:
    claims = claim_tables(intake.engine, by="provider")
    assert claims.total.enterprises == 0 and claims.groups == [] and claims.effects == []
    assert claims_pdf(claims, dt.date(2027, 1, 5)).startswith(b"%PDF-")


def test_sample_answers_are_not_all_the_same(make_spec: SpecMaker) -> None:
    spec = make_spec(0)
    assert spec.answers != sample_answers(spec.loaded.questionnaire, "min")
