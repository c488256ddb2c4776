"""What a format 3 questionnaire adds to the report: the standard's numbers, 不适用 per item with
the reasons in the appendix, the level rule next to the level with the weakest items, the
indicator's declared departure from the references and its points voided by a hard check (and
restored by an explanation that verify re-scores from the payload); the missing evidence leaves
out what is not met or not applicable. The same answers against the older version show none of it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from diagnosis.cli.reports_run import demo_input
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.plan.model import Plan
from diagnosis.report.appendix import missing_evidence
from diagnosis.report.data import build
from diagnosis.report.pdf import build_pdf
from diagnosis.report.source import ReportInput
from diagnosis.report.verify import verify_pdf
from tests.questionnaires.test_dcmm2 import at_level, everywhere, items

REASON = "本单位不对外开放数据"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def dcmm_source(ref: str) -> ReportInput:
    loaded = default_catalogue().get(ref)
    q = loaded.questionnaire
    answers: dict[str, Any] = everywhere(q, 4)
    answers |= at_level(q, "application.opening", 4, L2=["na", "na", "full"])  # two of level 2 不适用
    answers |= at_level(q, "strategy.assessment", 1)  # the weakest item
    notes = {qid: REASON for qid, value in answers.items() if value == "na"}
    evidence = [
        {"question_id": qid, "name": "a.pdf", "size": 10, "sha256": "ab" * 32} for qid in list(answers)[:3]
    ]
    return ReportInput(
        loaded,
        answers,
        notes=notes,
        enterprise={"name": "数据样例企业"},
        assessment={"uid": "f3"},
        evidence=evidence,
    )


@pytest.fixture(scope="module")
def dcmm() -> ReportInput:
    return dcmm_source("dcmm@2.1.0")


def test_numbers_not_applicable_per_item_and_their_reasons(dcmm: ReportInput) -> None:
    report = build(dcmm)
    rows = {row.name.strip("\u3000"): row for row in report.dimensions}
    assert "6.1 数据战略规划" in rows and "14 数据应用流通" in rows
    assert rows["14.3 数据开放"].na == "2" and rows["6.1 数据战略规划"].na == ""
    assert report.na_reasons == [["14.3 数据开放", "2", REASON]]
    assert any(row.section.startswith("14 数据应用流通 › 14.3 数据开放") for row in report.answers)


def test_the_level_rule_and_the_weakest_items_under_the_level(dcmm: ReportInput) -> None:
    report = build(dcmm)
    assert report.level == "稳健级"  # 3.89: strategy (4 + 4 + 1) / 3 = 3, the other areas 4
    assert report.level_rule.startswith("组织等级的判定（本问卷对标准的解读")
    assert report.weakest.startswith("最薄弱的能力项：6.3 数据战略评估（1）")
    assert report.level_rule in report.method  # and in the method section
    text = text_of(build_pdf(dcmm)).replace("\n", "")
    for shown in (
        "等级判定规则：组织等级的判定",
        "最薄弱的能力项：6.3 数据战略评估",
        "不适用的条款及理由",
        REASON,
    ):
        assert shown in text
    english = build(dcmm, "en")
    assert english.weakest.startswith("The weakest of the capability items: 6.3 Data strategy assessment (1)")


def test_the_older_version_shows_none_of_it() -> None:
    report = build(dcmm_source("dcmm@2.0.0"))
    assert report.level_rule == report.weakest == "" and report.na_reasons == []
    assert not any(row.na for row in report.dimensions)
    assert "数据战略规划" in {row.name.strip("\u3000") for row in report.dimensions}


def test_missing_evidence_leaves_out_criteria_not_met_or_not_applicable() -> None:
    new, old = dcmm_source("dcmm@2.1.0"), dcmm_source("dcmm@2.0.0")
    nothing_to_prove = {qid for qid, value in new.answers.items() if value in ("na", "not")}
    assert nothing_to_prove and not nothing_to_prove & set(missing_evidence(new))
    assert nothing_to_prove <= set(missing_evidence(old))  # 2.0.0 reports as they always did
    assert set(missing_evidence(new)) == set(missing_evidence(old)) - nothing_to_prove


def test_a_voided_indicator_at_its_row_and_an_explanation_verify_rescores() -> None:
    source = demo_input()
    source.answers = dict(source.answers) | {"invest_cur": 20000, "invest_prev": 18000, "invest_prev2": 12000}
    row = next(r for r in build(source).answers if r.question.startswith("近三年数字化投入占营业收入比例"))
    assert "\n口径说明：本问卷的分档边界（0.5%、1%、2%、3%）与两份公开参考资料" in row.question
    assert row.points == "0 / 7.5（待更正或说明，不计分）"
    voided = source.result().score
    plan = (source.plan or Plan()).model_copy(
        update={"resolutions": {"invest_share_over_revenue": "集团统一采购"}}
    )
    source.plan = plan
    assert source.result().score == voided + 7.5
    pdf = build_pdf(source)
    verdict = verify_pdf(pdf, require_signature=False)
    assert verdict.ok and f"score {voided + 7.5:g}" in verdict.summary


def test_the_demo_report_satisfies_every_rule() -> None:
    source = demo_input()
    report = build(source)
    assert source.loaded.questionnaire.version == "1.2.0"
    assert report.alerts == []  # no plausibility note: size class, industry, figures all agree
    assert not any(r.questions[q].voided for r in [source.result()] for q in r.questions)
    kpi = next(k for k in (source.plan.kpis if source.plan else []) if k.name == "设备联网率")
    assert kpi.target == pytest.approx(60 / 142 * 100, abs=0.01)  # what its project promises
    assert items  # (the DCMM helpers above are imported from the golden tests)
