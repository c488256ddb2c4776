"""Reports tried as a forger would: each attempt the issue lists must fail `verify` with the right
reason, and a genuine signed report must pass. The genuine report is the demo, signed by a
provider certificate issued by the test CA, with the signer printed on its pages."""

from __future__ import annotations

import io
import json

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject

from diagnosis.cli.reports_run import demo_input
from diagnosis.errors import DiagnosisError
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, build_pdf
from diagnosis.report.signed import signed_report, signer_of
from diagnosis.report.source import ReportInput
from diagnosis.report.verdict import Verdict
from diagnosis.report.verify import verify_pdf
from diagnosis.signing.pdf import sign_pdf
from diagnosis.signing.trust import TrustList
from tests.signing.certificates import Issued
from tests.signing.conftest import PROVIDER, STRANGER, trust_of


@pytest.fixture(scope="module")
def genuine(provider: Issued) -> bytes:
    return signed_report(demo_input(), "zh", provider.provider_key())


@pytest.fixture(scope="module")
def trust(ca: Issued) -> TrustList:
    return trust_of(ca)


def check(raw: bytes, trust: TrustList) -> Verdict:
    return verify_pdf(raw, trust=trust)


def test_the_genuine_signed_report_verifies(genuine: bytes, trust: TrustList, provider: Issued) -> None:
    verdict = check(genuine, trust)
    assert verdict.ok, verdict.reasons
    assert verdict.notes == []  # pages re-rendered and compared: nothing left unchecked
    assert "20260302-5E1A-X8K5TH-Q7M3KD" in verdict.summary and "level L2" in verdict.summary


def test_rendering_is_deterministic_and_the_signature_only_appends(provider: Issued) -> None:
    signer = signer_of(provider.provider_key())
    first, second = build_pdf(demo_input(), "zh", signer), build_pdf(demo_input(), "zh", signer)
    assert first == second
    assert sign_pdf(first, provider.provider_key()).startswith(first)


def _maximised() -> ReportInput:
    """The genuine data with every answer at its best, the same report number."""
    from diagnosis.scoring.sample import sample_answers

    source = demo_input()
    source.answers = sample_answers(source.loaded.questionnaire, "max")
    return source


def _other_enterprise() -> ReportInput:
    source = demo_input()
    source.enterprise = dict(source.enterprise) | {"name": "另一家公司", "uscc": "91110000600037341L"}
    return source


@pytest.mark.parametrize(
    "make", [_maximised, _other_enterprise], ids=["all answers at best", "another enterprise"]
)
def test_a_re_rendered_forgery_is_not_signed_or_not_trusted(
    make: object, trust: TrustList, stranger: Issued
) -> None:
    source = make()  # type: ignore[operator]
    unsigned = build_pdf(source)
    assert check(unsigned, trust).reasons == ["not signed"]
    with pytest.raises(DiagnosisError, match=f"^not signing: signed by {STRANGER} but the report names"):
        signed_report(source, "zh", stranger.provider_key())  # this app refuses; a forger signs anyway
    forged = forger_signs(source, stranger)
    reasons = check(forged, trust).reasons
    assert len(reasons) == 2 and "not in your trust list" in reasons[0]
    assert reasons[1] == f"signed by {STRANGER} but the report names {PROVIDER}"
    renamed = source
    renamed.assessment = dict(source.assessment) | {"provider": STRANGER}  # naming itself: not trusted
    assert check(signed_report(renamed, "zh", stranger.provider_key()), trust).reasons == reasons[:1]


def forger_signs(source: ReportInput, key: Issued) -> bytes:
    """What a forger's own tool does: render naming the key's holder as signer, sign, no checks."""
    holder = key.provider_key()
    return sign_pdf(build_pdf(source, "zh", signer_of(holder)), holder)


def _paint_over_level(raw: bytes) -> bytes:
    """An incremental update that paints a white box with 四级 / 86.3 over page 2."""
    writer = IncrementalPdfFileWriter(io.BytesIO(raw))
    page = writer.root["/Pages"]["/Kids"][1]
    from pyhanko.pdf_utils import generic

    stream = generic.StreamObject(
        stream_data=b"q 1 1 1 rg 60 600 200 60 re f Q BT /F1 30 Tf 70 620 Td (86.3) Tj ET"
    )
    ref = writer.add_object(stream)
    contents = page.get_object()["/Contents"]
    page.get_object()["/Contents"] = generic.ArrayObject(
        [*(contents if isinstance(contents, list) else [contents]), ref]
    )
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _replace_in_content(raw: bytes, page_number: int) -> bytes:
    """An edited content stream (a glyph run swapped), the file rewritten."""
    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[page_number - 1]
    data = page.get_contents().get_data()
    changed = data.replace(b"Tj", b"Tj 1 0 0 rg", 1)
    content = ContentStream(None, writer)
    content.set_data(changed)
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _drop_pages(raw: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    for _ in range(len(writer.pages) // 2):
        writer.remove_page(len(writer.pages) - 1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_box_painted_over_the_level_after_signing_fails(genuine: bytes, trust: TrustList) -> None:
    reasons = check(_paint_over_level(genuine), trust).reasons
    assert reasons and any("changed after it was signed" in r or "entire file" in r for r in reasons), reasons


def test_a_content_stream_edit_fails_signed_or_not(genuine: bytes, trust: TrustList) -> None:
    reasons = check(_replace_in_content(genuine, 2), trust).reasons
    assert reasons and "not signed" not in reasons, reasons  # the rewrite broke the signature
    unsigned = build_pdf(demo_input())
    edited = verify_pdf(_replace_in_content(unsigned, 2), require_signature=False)
    assert any("page(s) 2 differ from what the embedded data renders to" in p for p in edited.problems)


def test_half_the_pages_removed_fails(genuine: bytes, trust: TrustList) -> None:
    assert check(_drop_pages(genuine), trust).reasons
    unsigned = build_pdf(demo_input())
    problems = verify_pdf(_drop_pages(unsigned), require_signature=False).problems
    assert any("pages where its data renders" in p for p in problems), problems


def test_a_draft_turned_final_fails(provider: Issued, trust: TrustList) -> None:
    draft = demo_input()
    draft.assessment = dict(draft.assessment) | {"status": "draft"}
    raw = signed_report(draft, "zh", provider.provider_key())
    assert check(raw, trust).ok  # a signed draft is a genuine draft
    payload = json.loads(PdfReader(io.BytesIO(raw)).attachments[PAYLOAD_NAME][0])
    payload["assessment"]["status"] = "finalized"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(draft))))
    writer.add_metadata({DIGEST_KEY: "0" * 64})
    out = io.BytesIO()
    writer.write(out)
    assert check(out.getvalue(), trust).reasons  # rewritten: unsigned, and its data no longer its digest
    final = demo_input()  # the same data re-rendered as finalized needs a signature the forger lacks
    assert check(build_pdf(final), trust).reasons == ["not signed"]


def test_a_signer_the_data_does_not_name_is_refused(provider: Issued, stranger: Issued, ca: Issued) -> None:
    # Rendered naming the provider, then signed by someone else whom the reviewer also trusts.
    raw = sign_pdf(build_pdf(demo_input(), "zh", signer_of(provider.provider_key())), stranger.provider_key())
    problems = verify_pdf(raw, trust=trust_of(ca, stranger)).problems
    assert any("the report names the signer" in p for p in problems)
