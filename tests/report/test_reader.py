"""What a city reviewer reads: a headline that says what the level is worth, what kind of report
it is (on-site or self-assessment) said once, levels shown against the target chosen, strengths
that are strengths, English that reads as English, the cover naming every assessor and visit,
the signature visible on the page, the PDF's properties, and Chinese lines broken as Chinese
typesetting breaks them."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from diagnosis.cli.reports_run import demo_input
from diagnosis.model import Lang
from diagnosis.plan.model import Visit
from diagnosis.report.data import build
from diagnosis.report.kinsoku import CANNOT_END, CANNOT_START, Paragraph, breaks
from diagnosis.report.layout import render, story
from diagnosis.report.pdf import build_pdf
from diagnosis.report.source import Signer
from tests.report.samples import BUNDLED, pages, sampled

FINGERPRINT = "c0fcd028d93dfb44ef96cf65691bba69" * 2
SIGNER = Signer(
    name="示例数字化转型服务有限公司",
    organisation="示例数字化转型服务有限公司",
    uscc="91340100MA2NX8K5TH",
    fingerprint=FINGERPRINT,
    signed_at="2026-03-05T06:30:00+00:00",
)


def result_page(pdf: bytes, marker: str) -> str:
    return next(text for text in pages(pdf) if marker in text)


@pytest.mark.parametrize("qid", ["dcmm", "dsmm", "lianghua", "lianghua-upgrade"])
def test_an_indicative_level_says_so_next_to_the_level(qid: str) -> None:
    pdf = build_pdf(sampled(qid, onsite=True), "zh")
    page = result_page(pdf, "评估等级")
    level = build(sampled(qid, onsite=True), "zh").level
    assert "指示性结论：等级按本问卷对" in page
    assert page.index("指示性结论") > page.index(level) > page.index("评估等级")
    english = result_page(build_pdf(sampled(qid), "en"), "Level\n")
    assert "Indicative: the level follows this questionnaire's reading of" in english


def test_a_level_by_the_published_indicators_carries_no_such_caveat() -> None:
    assert "指示性" not in result_page(build_pdf(demo_input()), "评估等级")


@pytest.mark.parametrize("qid", BUNDLED)
def test_an_onsite_report_is_not_titled_self_assessment(qid: str) -> None:
    for lang, words in (("zh", ("自评估", "自诊断")), ("en", ("self-assessment", "self-diagnosis"))):
        pdf = build_pdf(sampled(qid, onsite=True), lang)  # type: ignore[arg-type]
        reader = PdfReader(io.BytesIO(pdf))
        cover = reader.pages[0].extract_text()
        title = str(reader.metadata.title)
        for word in words:
            assert word not in cover.lower() and word not in title.lower(), (lang, word)


@pytest.mark.parametrize("onsite", [True, False], ids=["on-site", "self-assessment"])
def test_the_method_section_says_one_kind_of_report(onsite: bool) -> None:
    report = build(sampled("dcmm", onsite=onsite), "zh")
    said = " ".join(report.statement)
    assert ("本报告是诊断服务机构现场诊断的结论" in said) is onsite
    assert ("本报告是企业的自评估结果" in said) is not onsite
    text = "\n".join(pages(build_pdf(sampled("dcmm", onsite=onsite))))
    # The questionnaire's own text (written for both uses) is quoted as such, after the statement.
    method = text[text.index("评估方法与声明") :]
    assert method.index(report.statement[0]) < method.index(
        "以下为问卷原文（同一问卷用于企业自评估和服务机构诊断）"
    )


def test_dcmm_scores_are_levels_against_the_target_not_rates() -> None:
    source = sampled("dcmm", onsite=True)
    assert source.answers["target_level"] == "L2"
    report = build(source, "zh")
    assert re.fullmatch(r"[0-9.]+（目标等级：受管理级，2 级）", report.score)
    assert (
        report.score_note == "得分即等级（1 = 初始级，2 = 受管理级）；高于目标等级的条款不计分，故最高 2 分。"
    )
    assert all(d.rate == "" for d in report.dimensions)
    assert next(point.shown for point in report.radar) == report.dimensions[0].score
    text = "\n".join(pages(build_pdf(source)))
    analysis = text[text.index("分维度结果") : text.index("差距与提升路径")]
    assert "得分率" not in analysis and "%" not in analysis.replace("60%", "")
    assert "各维度得分（等级）" in text and "/ 2（" not in text


@pytest.mark.parametrize("qid", BUNDLED)
def test_a_strength_reaches_the_stated_line(qid: str) -> None:
    report = build(sampled(qid), "zh")
    assert "60%" in report.extremes_rule
    for _, strongest, weakest in report.extremes:
        for told, strong in ((strongest, True), (weakest, False)):
            if told == "—":
                continue
            shown = re.search(r"（([0-9.]+)%?）$", told)
            assert shown is not None
            line = 0.6 * float(report.dimensions[0].max_score) if report.levels_scored else 60
            assert (float(shown[1]) >= line) is strong, (told, report.extremes_rule)


def test_english_money_years_kpis_and_size_read_as_english() -> None:
    report = build(demo_input(), "en")
    answers = {row.question: row.answer for row in report.answers}
    assert answers["Operating revenue in the base year"] == "CNY 128 million"
    assert answers["Base year of the assessment"] == "2025"
    assert not [a for a in answers.values() if re.search(r"[0-9] (10k|10 000) CNY", a)]
    kpis = {row[0]: row[1] for row in report.effects.kpis}  # type: ignore[union-attr]
    assert kpis["Energy use per unit of revenue"] == "tce per 10k CNY"
    assert kpis["Revenue per employee"] == "10k CNY per person"
    assert kpis["质量问题追溯时间"] == "hours"  # the provider's own KPI keeps its name; its unit is English
    assert dict(report.cover)["Size class"] == "Small"
    assert report.decided_by[1][0].startswith("at least 6 of the digital operations scenes at level 2")


def test_english_dsmm_is_not_half_again_as_long_as_chinese() -> None:
    english = len(PdfReader(io.BytesIO(build_pdf(sampled("dsmm"), "en"))).pages)
    chinese = len(PdfReader(io.BytesIO(build_pdf(sampled("dsmm"), "zh"))).pages)
    assert english <= chinese * 1.4, (english, chinese)


def test_a_count_says_of_how_many() -> None:
    [(text, _)] = build(sampled("dsmm"), "zh").decided_by
    assert text.endswith("（当前 13 个，共 30 个）")
    [(english, _)] = build(sampled("dsmm"), "en").decided_by
    assert english.endswith("(now 13 of 30)")


def test_the_cover_names_every_assessor_and_visit() -> None:
    source = demo_input()
    assert source.plan is not None
    visits = [*source.plan.process.visits, Visit(date="2026-03-09", assessors=["赵工"])]
    source.plan = source.plan.model_copy(
        update={"process": source.plan.process.model_copy(update={"visits": visits})}
    )
    cover = dict(build(source, "zh").cover)
    assert cover["评估人员"] == "张工、李工、赵工"
    assert cover["现场诊断日期"] == "2026-02-26、2026-03-02、2026-03-09"


def test_a_multiple_choice_target_is_summed_up_in_the_plan() -> None:
    report = build(demo_input(), "zh")
    assert report.plan is not None
    talent = report.plan.rows[-1][1]
    assert talent.startswith("在数字化人才建设方面采取了哪些措施？（可多选）：2 项 → 5 项（新增 3 项：")
    assert len(talent) < 120 and "\n" not in talent


def test_a_signed_report_shows_its_signature_on_the_page() -> None:
    pdf = build_pdf(demo_input(), "zh", SIGNER)
    last = re.sub(r"\s+", "", pages(pdf)[-1])
    assert "电子签名签署人：示例数字化转型服务有限公司（统一社会信用代码91340100MA2NX8K5TH）" in last
    assert "签署时间：2026-03-0514:30（UTC+08:00）" in last
    assert f"证书指纹（SHA-256）：{FINGERPRINT.upper()}" in last  # all of it, in groups of four
    assert "企业（盖章）" in last  # the paper copy's stamp line stays
    unsigned = pages(build_pdf(demo_input(), "zh"))[-1]
    assert "电子签名" not in unsigned and "签署时间" not in unsigned


def test_the_pdf_properties_carry_the_report_date_and_the_provider() -> None:
    meta = PdfReader(io.BytesIO(build_pdf(demo_input()))).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20260302160000+08'00'"
    assert meta.author == "示例数字化转型服务有限公司"
    assert meta.subject.startswith("核验码 ")
    self_made = PdfReader(io.BytesIO(build_pdf(sampled("dcmm")))).metadata
    assert "/CreationDate" not in self_made and self_made.author == "示例企业"  # no date known: none


@pytest.mark.parametrize(
    ("text", "room", "lines"),
    [
        ("一二三四五，六七", 5, ["一二三四", "五，六七"]),  # reportlab: "，六七"
        ("一二三四五：六七", 5, ["一二三四", "五：六七"]),
        ("一二三四（五）六", 5, ["一二三四", "（五）六"]),  # reportlab: "一二三四（"
        ("一二三四。、五六", 5, ["一二三", "四。、五六"]),
        ("总分 65.55，等级", 6, ["总分", "65.55，", "等级"]),  # a figure stays whole
    ],
)
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, room: int, lines: list[str]
) -> None:
    starts = [0, *breaks(text, [1.0] * len(text), [room]), len(text)]
    got = [text[a:b].strip() for a, b in itertools.pairwise(starts)]
    assert got == lines
    assert not [line for line in got[1:] if line[0] in CANNOT_START]
    assert not [line for line in got[:-1] if line[-1] in CANNOT_END]


def _paragraphs(item: object) -> Iterator[Paragraph]:
    """Every paragraph laid out in a story: in tables, kept groups and headed blocks too."""
    if isinstance(item, Paragraph):
        yield item
    elif isinstance(item, list | tuple):
        for part in item:
            yield from _paragraphs(part)
    for name in ("heads", "body", "_content", "_cellvalues"):
        if hasattr(item, name):
            yield from _paragraphs(getattr(item, name))


def _lines(paragraph: Paragraph) -> list[str]:
    lines = getattr(getattr(paragraph, "blPara", None), "lines", [])
    if getattr(paragraph.blPara, "kind", 0) == 1:
        return ["".join(word.text for word in line.words) for line in lines]
    return ["".join(line[1]) if isinstance(line, tuple) else " ".join(line.words) for line in lines]


@pytest.mark.parametrize("qid", BUNDLED)
def test_chinese_reports_break_lines_as_chinese_typesetting_does(qid: str) -> None:
    report = build(sampled(qid, onsite=True), "zh")
    flow = story(report)
    render(report, list(flow))  # lays out every paragraph at its width (and empties the list)
    bad, seen = [], 0
    for paragraph in _paragraphs(flow):
        lines = [line for line in _lines(paragraph) if line.strip()]
        seen += len(lines)
        bad += [a + "|" + b for a, b in itertools.pairwise(lines) if b.lstrip()[0] in CANNOT_START]
        bad += [a + "|" + b for a, b in itertools.pairwise(lines) if a.rstrip()[-1] in CANNOT_END]
    assert seen > 300
    assert not bad, bad[:5]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sentence_end_runs_into_another_mark(lang: Lang) -> None:
    for qid in BUNDLED:
        text = "\n".join(pages(build_pdf(sampled(qid, onsite=True), lang)))
        assert not re.search(r"。[、:：；，]", text), qid
