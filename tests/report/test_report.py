"""The PDF report: content, embedded fonts, determinism, literal user text, verification."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from diagnosis.cli.reports_run import demo_input
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.report.data import build
from diagnosis.report.layout import render
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, QUESTIONNAIRE_NAME, build_pdf
from diagnosis.report.source import ReportInput, canonical
from diagnosis.report.verify import verify_pdf
from diagnosis.scoring.sample import sample_answers

HOSTILE = "<b>粗体</b> & <font size=40>大</font> &amp; <script>x</script> " + "W" * 300


@pytest.fixture(scope="module")
def demo() -> bytes:
    return build_pdf(demo_input())


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_demo_report_holds_the_essentials_in_extractable_chinese(demo: bytes) -> None:
    text = text_of(demo)
    for expected in [
        "合肥示例精密机械有限公司",
        "91340100MA2NX8K5TH"[:17],
        "二级",
        "数字化诊断报告",
        "企业承诺",
        "判定依据",
        "约束性场景中达到 3 级及以上的不少于 5 个",
        "核验码",
        "第 1 页 共",
    ]:
        assert expected in text, expected
    assert "65.55 / 100" in text
    from diagnosis import __version__

    assert f"diagnosis {__version__}" in text  # the version comes from one place


def test_every_font_is_embedded(demo: bytes) -> None:
    reader = PdfReader(io.BytesIO(demo))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts and all("NotoSansSC" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"
        ]
        assert "/FontFile2" in descriptor.get_object(), name


def test_the_same_assessment_renders_byte_identical(demo: bytes) -> None:
    assert build_pdf(demo_input()) == demo


def test_verify_passes_and_names_level_and_score(demo: bytes) -> None:
    verdict = verify_pdf(demo, require_signature=False)
    assert verdict.ok, verdict.problems
    assert (
        verdict.summary.startswith("OK ")
        and "score 65.55 / 100" in verdict.summary
        and "level L2" in verdict.summary
    )


def _reembed(
    pdf: bytes, payload: bytes | None = None, questionnaire: bytes | None = None, digest: str | None = None
) -> bytes:
    """The same pages with different embedded data or digest, as a forger would try."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    attachments = reader.attachments
    writer.add_attachment(PAYLOAD_NAME, payload if payload is not None else attachments[PAYLOAD_NAME][0])
    writer.add_attachment(
        QUESTIONNAIRE_NAME, questionnaire if questionnaire is not None else attachments[QUESTIONNAIRE_NAME][0]
    )
    writer.add_metadata({DIGEST_KEY: digest if digest is not None else reader.metadata[DIGEST_KEY]})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_tampering_is_detected(demo: bytes) -> None:
    payload = json.loads(PdfReader(io.BytesIO(demo)).attachments[PAYLOAD_NAME][0])
    # Even unchanged data re-embedded by another tool makes a file this data does not render to.
    rewritten = verify_pdf(_reembed(demo), require_signature=False).problems
    assert rewritten == ["the file differs from what its embedded data renders to (outside the pages)"]

    better = json.loads(json.dumps(payload))
    better["answers"]["info_system_coverage"] = "all"  # a better answer slipped into the data
    assert any(
        "does not match the report's digest" in p
        for p in verify_pdf(_reembed(demo, canonical(better))).problems
    )

    from diagnosis.report.source import digest

    better["result"]["score"] = 99.5  # ... with a consistent digest and a raised score
    forged = verify_pdf(_reembed(demo, canonical(better), digest=digest(better)))
    assert any(p.startswith("re-scoring gives score ") and "99.5" in p for p in forged.problems)
    # ... and with every declared result what the better answers really give: the pages betray it.
    from diagnosis.loading.load import load_bytes
    from diagnosis.report.source import ReportPayload, declared, from_payload

    loaded = load_bytes("q", PdfReader(io.BytesIO(demo)).attachments[QUESTIONNAIRE_NAME][0])
    source = from_payload(ReportPayload.model_validate(better), loaded)
    better["result"], better["planned"] = declared(source.result()), declared(source.planned())  # type: ignore[arg-type]
    forged = verify_pdf(_reembed(demo, canonical(better), digest=digest(better)), require_signature=False)
    assert any(
        p.startswith("page(s) 1, 2, 3") and "differ from what the embedded data renders to" in p
        for p in forged.problems
    )

    questionnaire = PdfReader(io.BytesIO(demo)).attachments[QUESTIONNAIRE_NAME][0]
    altered = questionnaire.replace(b"points: 2.5", b"points: 5", 1)
    assert any(
        "is not the one the answers were given against" in p
        for p in verify_pdf(_reembed(demo, questionnaire=altered)).problems
    )

    wrong_digest = verify_pdf(_reembed(demo, digest="0" * 64))
    assert any("does not match the report's digest" in p for p in wrong_digest.problems)


def test_a_report_is_checked_against_its_package(tmp_path: Path) -> None:
    from diagnosis.report.inputs import from_store
    from diagnosis.storage.answers import set_answer
    from diagnosis.storage.assessments import new_assessment
    from diagnosis.storage.db import open_store
    from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
    from diagnosis.storage.evidence import add_evidence
    from diagnosis.storage.package import export_package

    store = open_store(tmp_path / "r.db")
    a = new_assessment(
        store, default_catalogue().get("sme-digital-2024"), add_enterprise(store, EnterpriseInput("甲"))
    )
    set_answer(store, a, "network", ["app_network"])
    add_evidence(store, a, "network", "拓扑.png", b"png")
    pdf = build_pdf(from_store(store, a))
    export_package(store, a, tmp_path / "a.zip")
    assert verify_pdf(pdf, (tmp_path / "a.zip").read_bytes(), require_signature=False).ok
    set_answer(store, a, "network", ["app_network", "control_network"])  # changed after the report
    export_package(store, a, tmp_path / "b.zip")
    problems = verify_pdf(pdf, (tmp_path / "b.zip").read_bytes()).problems
    assert problems == ["the answers in the package differ from the report (first: network)"]


def test_user_text_is_shown_literally_and_never_breaks_the_layout() -> None:
    source = demo_input()
    source.enterprise["name"] = HOSTILE
    source.notes["network"] = HOSTILE + "\n第二行 <br/>"
    source.evidence[0]["name"] = "<evil>&.pdf"
    pdf = build_pdf(source)
    text = text_of(pdf).replace("\n", "")
    assert "<b>粗体</b> & <font size=40>大</font> &amp; <script>x</script>" in text
    assert "<evil>&.pdf" in text and "第二行 <br/>" in text
    assert verify_pdf(pdf, require_signature=False).ok


def test_english_report(demo: bytes) -> None:
    text = text_of(build_pdf(demo_input(), "en"))
    assert "Digital diagnosis report" in text and "Level 2" in text and "Page 1 of" in text
    assert "The enterprise declares" in text


def test_full_dcmm_assessment_with_notes_and_evidence_renders() -> None:
    loaded = default_catalogue().get("dcmm")
    answers = sample_answers(loaded.questionnaire, "random", 11)
    source = ReportInput(
        loaded,
        answers,
        notes={qid: f"说明 {qid}" for qid in answers},
        enterprise={"name": "数据管理样例企业", "uscc": None},
        assessment={"uid": "dcmm-full"},
        evidence=[
            {"question_id": qid, "name": f"{qid}.pdf", "size": 2048, "sha256": "ab" * 32}
            for qid in list(answers)[:40]
        ],
    )
    report = build(source)
    # dcmm 2.0.0: the random target (量化管理级) hides level 5 → the target + 33 items × 4 levels × 3
    assert answers["target_level"] == "L4"
    assert len(report.answers) == 1 + 33 * 4 * 3 and len(report.evidence) == 40
    pdf = build_pdf(source)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 20
    assert verify_pdf(pdf, require_signature=False).ok


def test_report_data_leaves_hidden_questions_out() -> None:
    source = demo_input()
    source.answers = dict(source.answers) | {"industry_table": "other"}  # hides the sub-sector question
    questions = [row.question for row in build(source).answers]
    assert not any("细分行业" in q for q in questions)
    assert any("细分行业" in row.question for row in build(demo_input()).answers)


def test_layout_alone_has_no_attachments() -> None:
    # The two stages stay apart: layout makes pages, build_pdf adds the verification data.
    assert PdfReader(io.BytesIO(render(build(demo_input())))).attachments == {}
