"""What a clerk prints to pay from, read back: the Excel workbook (types, number formats, filters,
frozen panes, widths, totals; the sheets by provider, city, county with its city, questionnaire;
held claims with reasons; refused documents), the PDF's text, and the flags workbook in the UI
language — all sorted by city, county and enterprise, the same from run to run."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.claims_pdf import claims_pdf
from diagnosis.intake.flags import find_flags
from diagnosis.intake.ingest import Intake
from diagnosis.intake.ledger import Ledger, ledger
from diagnosis.intake.policy import Policy
from diagnosis.intake.samples import Spec
from diagnosis.intake.sheets import claims_workbook, flags_workbook
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.trust import TrustList
from tests.intake.conftest import PROVIDER, ROGUE
from tests.intake.world import received

World = tuple[Intake, dict[str, Spec], Policy]


@pytest.fixture(scope="module")
def paid(
    keys: dict[str, ProviderKey], trust: TrustList, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("outputs")
    world = received(str(folder / "intake.db"), keys, trust, folder)
    yield world
    world[0].engine.dispose()


@pytest.fixture(scope="module")
def book(paid: World) -> Ledger:
    return ledger(paid[0].engine, paid[2])


@pytest.fixture(scope="module")
def workbook(paid: World, book: Ledger, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "申领汇总.xlsx"
    claims_workbook(claim_tables(paid[0].engine, None, book.start, book.end), target, book)
    return target


def test_the_sheets_a_bureau_pays_from(workbook: Path) -> None:
    assert load_workbook(workbook).sheetnames == [
        "申领明细",
        "按服务机构",
        "按市",
        "按县",
        "按问卷",
        "暂缓",
        "暂缓原因",
        "不予受理",
        "汇总",
        "等级分布",
        "效果",
        "KPI",
    ]


def test_one_row_per_claim_with_numbers_dates_and_percentages_typed(workbook: Path, paid: World) -> None:
    sheet = load_workbook(workbook)["申领明细"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "企业 Enterprise",
        "统一社会信用代码 USCC",
        "省 Province",
        "市 City",
        "县（市、区）County",
    ]
    assert header[-2:] == ["申请金额(元) Requested", "可拨付金额(元) Payable"]
    rows = {row[6].value: row for row in sheet.iter_rows(min_row=2, max_row=16)}  # by report number
    a = {h: cell for h, cell in zip(header, rows[paid[1]["A"].report_number], strict=True)}
    assert a["企业 Enterprise"].value == "合肥某精密机械有限公司" and a["企业 Enterprise"].data_type == "s"
    assert (
        a["统一社会信用代码 USCC"].value == "91340100MA2XAB123M"
        and a["统一社会信用代码 USCC"].data_type == "s"
    )
    assert (a["市 City"].value, a["县（市、区）County"].value) == ("合肥市", None)
    assert a["首次现场 First visit"].value == dt.datetime(2026, 3, 1)
    assert a["首次现场 First visit"].number_format == "yyyy-mm-dd"
    assert isinstance(a["得分 Score"].value, float) and a["得分 Score"].number_format == "0.0"
    assert a["佐证比例 Evidence"].value == 1.0 and a["佐证比例 Evidence"].number_format == "0%"
    assert a["未说明的数据提示 Open warnings"].value == 0
    assert a["申请金额(元) Requested"].value == 20000 and a["申请金额(元) Requested"].number_format == "#,##0"
    assert a["状态 Status"].value == "可拨付" and a["类型 Kind"].value == "诊断"
    assert a["评估人员 Assessors"].value == "评估师0"
    d = {h: cell.value for h, cell in zip(header, rows[paid[1]["D"].report_number], strict=True)}
    assert (d["市 City"], d["县（市、区）County"], d["费率地区 Rate region"]) == (
        "蚌埠市",
        "怀远县",
        "怀远县",
    )
    assert (d["状态 Status"], d["暂缓原因 Held for"]) == ("暂缓", "佐证比例低于要求")
    assert d["佐证比例 Evidence"] == 0.0 and d["疑点 Flags"] == "佐证比例低于要求"
    n = paid[1]["N"].report_number
    assert {h: c.value for h, c in zip(header, rows[n], strict=True)}["疑点 Flags"] == "问卷版本已被取代"


def test_a_frozen_header_a_filter_fitted_widths_and_a_totals_row(workbook: Path) -> None:
    sheet = load_workbook(workbook)["申领明细"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:X16"  # 15 claims; the totals row below stays out of it
    totals = [c.value for c in sheet[17]]
    assert totals[0] == "合计" and totals[-2:] == [326000, 105000]
    widths = {col: sheet.column_dimensions[col].width for col in "ABFGX"}
    assert all(6 <= w <= 60 for w in widths.values())
    assert widths["A"] >= 2 * len("合肥某精密机械有限公司")  # CJK characters count double
    for name in ("按服务机构", "按市", "按县", "按问卷", "暂缓", "暂缓原因", "不予受理"):
        other = load_workbook(workbook)[name]
        assert other.freeze_panes in ("A2", "B2") and other.auto_filter.ref is not None, name


def test_totals_by_provider_with_reward_and_by_county_with_its_city(workbook: Path) -> None:
    book = load_workbook(workbook)
    providers = list(book["按服务机构"].iter_rows(values_only=True))
    assert providers[0][-3:] == ("诊断企业数（量）Volume", "复评成效数（效）Effect", "奖励(元) Reward")
    ours = next(r for r in providers if r[0] == PROVIDER)
    assert ours[1:] == (14, 11, 5, 9, 306000, 105000, 196000, 4, 1, 2500)
    assert next(r for r in providers if r[0] == ROGUE)[1:] == (1, 1, 0, 1, 20000, 0, 20000, 0, 0, 0)
    assert providers[-1][:2] == ("合计", 15) and providers[-1][-1] == 2500
    counties = list(book["按县"].iter_rows(values_only=True))
    assert counties[0][:2] == ("市 City", "县（市、区）County")
    assert ("蚌埠市", "怀远县", 1, 1, 0, 1, 22000, 0, 22000) in counties
    cities = list(book["按市"].iter_rows(values_only=True))
    assert cities[-1] == ("合计", 15, 12, 5, 10, 326000, 105000, 216000)
    assert [r[0] for r in cities[1:-1]] == sorted(r[0] for r in cities[1:-1])


def test_held_claims_with_every_reason_and_refused_documents(workbook: Path, paid: World) -> None:
    book = load_workbook(workbook)
    held = list(book["暂缓"].iter_rows(values_only=True))
    assert len(held) == 11  # the header and the ten held claims
    rogue = next(r for r in held if r[5] == paid[1]["M"].report_number)
    assert rogue[7:] == ("签名机构不在信任列表", "signed by a signer not on the trust list", "否 no")
    repeat = next(r for r in held if r[5] == paid[1]["G"].report_number)
    assert repeat[7] == "该企业已按报告 2026-TEST-F 计为一次诊断" and repeat[9] == "是 yes"
    reasons = list(book["暂缓原因"].iter_rows(values_only=True))
    assert ("未签名", "not signed", 1) in reasons
    refused = list(book["不予受理"].iter_rows(values_only=True))
    assert refused[1][0] == "broken.diagpkg" and refused[1][1] and refused[1][2]
    assert isinstance(refused[1][3], dt.datetime)  # the local time received, as a date and time


def test_without_by_the_first_column_is_the_scope_not_the_total(workbook: Path) -> None:
    summary = list(load_workbook(workbook)["汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "范围 Scope" and summary[1][0] == "合计"


def test_the_same_rows_every_run(paid: World, book: Ledger, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    claims_workbook(
        claim_tables(paid[0].engine, None, book.start, book.end), again, ledger(paid[0].engine, paid[2])
    )
    first = tmp_path / "first.xlsx"
    claims_workbook(claim_tables(paid[0].engine, None, book.start, book.end), first, book)
    rows = [list(load_workbook(p)["申领明细"].iter_rows(values_only=True)) for p in (first, again)]
    assert rows[0] == rows[1]
    places = [(r[3] or "", r[4] or "", r[0]) for r in rows[0][1:16]]
    assert places == sorted(places)


def test_the_pdf_lists_what_the_excel_totals_say_and_the_refused_documents(paid: World, book: Ledger) -> None:
    claims = claim_tables(paid[0].engine, None, book.start, book.end)
    raw = claims_pdf(claims, dt.date(2027, 1, 5), book)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    for words in (
        "拨付汇总",
        "测试政策",
        "326,000 元",
        "5 份，105,000 元",
        "10 份，216,000 元",
        "按服务机构（量、效与奖励）",
        "2,500",
        "按县（市、区）",
        "怀远县",
        "按问卷",
        "sme-digital-2024 1.0.0",
        "暂缓原因（按申领数）",
        "签名机构不在信任列表",
        "不予受理的文件",
        "broken.diagpkg",
        "未计为成效的复评",
    ):
        assert words in text, words


def test_the_flags_workbook_speaks_the_ui_language_and_names_report_numbers(
    paid: World, tmp_path: Path
) -> None:
    flags = find_flags(paid[0].engine, paid[2].evidence_minimum)
    for lang, first_header in (("zh", "疑点"), ("en", "Flag")):
        target = tmp_path / f"flags-{lang}.xlsx"
        flags_workbook(flags, target, lang)
        rows = list(load_workbook(target).active.iter_rows(values_only=True))
        assert rows[0][0] == first_header
        unsigned = next(r for r in rows if r[0] in ("未签名", "not signed"))
        assert unsigned[3] == f"芜湖某汽配有限公司（{paid[1]['C'].report_number}）"
        assert all("uid" not in (r[3] or "") for r in rows)
        assert all(r[0] not in ("unsigned", "shared_evidence", "no_credit_code") for r in rows)
    zh = list(load_workbook(tmp_path / "flags-zh.xlsx").active.iter_rows(values_only=True))
    assert zh[next(n for n, r in enumerate(zh) if r[0] == "未签名")][:2] == (
        "未签名",
        "收到的文件均未经服务机构签名：无法确认出自哪家机构",
    )
