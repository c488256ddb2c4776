"""The QR code on every page of a report scans, as a reviewer's phone would, to plain text that
says which report it is and how to check it: the report number, the verification code, the
signer's certificate (signed reports) and the command that verifies it."""

from __future__ import annotations

import io
import json

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import PAYLOAD_NAME, build_pdf
from diagnosis.report.signed import signed_report
from diagnosis.report.source import verification_code
from tests.signing.certificates import Issued


def scanned(pdf: bytes) -> list[str]:
    """Every QR code on every page, rendered at about 150 dpi."""
    document = pypdfium2.PdfDocument(pdf)
    found = []
    for page in document:
        image = page.render(scale=150 / 72).to_pil()
        found += [
            code.text
            for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return found


def test_every_page_of_a_signed_report_scans_to_number_code_certificate_and_how_to_verify(
    provider: Issued,
) -> None:
    pdf = signed_report(demo_input(), "zh", provider.provider_key())
    reader = PdfReader(io.BytesIO(pdf))
    payload = json.loads(reader.attachments[PAYLOAD_NAME][0])
    number, fingerprint = payload["assessment"]["report_number"], payload["signer"]["fingerprint"]
    code = verification_code(reader.metadata["/DiagnosisDigest"])
    text = (
        f"报告编号 {number}\n核验码 {code}\n证书指纹 {fingerprint[:16].upper()}\n"
        "核验：diagnosis verify 报告.pdf"
    )
    assert scanned(pdf) == [text] * len(reader.pages)


def test_an_unsigned_english_report_scans_without_a_certificate() -> None:
    pdf = build_pdf(demo_input(), "en")
    reader = PdfReader(io.BytesIO(pdf))
    code = verification_code(reader.metadata["/DiagnosisDigest"])
    number = json.loads(reader.attachments[PAYLOAD_NAME][0])["assessment"]["report_number"]
    text = f"Report number {number}\nVerification code {code}\nVerify: diagnosis verify report.pdf"
    assert scanned(pdf) == [text] * len(reader.pages)
