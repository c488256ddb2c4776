"""The QR code on a signed report scans, as a reviewer's phone would, to the report number, the
data digest and the signer's fingerprint — the three things to check against the trust list."""

from __future__ import annotations

import io
import json

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME
from diagnosis.report.signed import signed_report
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


def test_the_qr_code_scans_to_number_digest_and_signer(provider: Issued) -> None:
    pdf = signed_report(demo_input(), "zh", provider.provider_key())
    reader = PdfReader(io.BytesIO(pdf))
    payload = json.loads(reader.attachments[PAYLOAD_NAME][0])
    digest = reader.metadata[DIGEST_KEY]
    number, fingerprint = payload["assessment"]["report_number"], payload["signer"]["fingerprint"]
    assert scanned(pdf) == [f"diagnosis-report:{number};sha256={digest};signer={fingerprint}"]
