"""Signed reports: the signer printed in the footer and carried in the data and QR code, then a
PAdES certification signature over the whole file."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pypdf import PdfReader

from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import load_bytes
from diagnosis.model import Lang
from diagnosis.report.pdf import PAYLOAD_NAME, PREVIOUS_QUESTIONNAIRE_NAME, QUESTIONNAIRE_NAME, build_pdf
from diagnosis.report.source import ReportInput, ReportPayload, Signer, from_payload

if TYPE_CHECKING:
    from diagnosis.signing.keys import ProviderKey


def signer_of(key: ProviderKey) -> Signer:
    identity = key.identity
    return Signer(
        name=identity.name or identity.organisation,
        organisation=identity.organisation or None,
        uscc=identity.uscc,
        fingerprint=identity.fingerprint.lower(),
    )


def signed_report(source: ReportInput, lang: Lang, key: ProviderKey) -> bytes:
    """Render with the signer named, then sign."""
    from diagnosis.signing.pdf import sign_pdf

    return sign_pdf(build_pdf(source, lang, signer_of(key)), key)


def sign_existing(raw: bytes, key: ProviderKey) -> tuple[bytes, bool]:
    """Sign a report made unsigned. When this app renders it exactly as it is, it is rendered again
    with the signer named (what is signed is then what its data says, nothing else); otherwise it
    is signed as it stands. Returns the signed bytes and whether the signer is printed."""
    from diagnosis.report.verify import verify_pdf
    from diagnosis.signing.pdf import sign_pdf

    verdict = verify_pdf(raw, require_signature=False)
    if verdict.problems:
        raise DiagnosisError(f"not signing a report that fails its own checks: {verdict.problems[0]}")
    if verdict.notes:  # another renderer made it: sign these exact bytes
        return sign_pdf(raw, key), False
    attachments = PdfReader(io.BytesIO(raw)).attachments
    data = ReportPayload.model_validate(parse_json(attachments[PAYLOAD_NAME][0], PAYLOAD_NAME))
    loaded = load_bytes("embedded questionnaire", attachments[QUESTIONNAIRE_NAME][0])
    before = attachments.get(PREVIOUS_QUESTIONNAIRE_NAME)
    previous = load_bytes("embedded questionnaire", before[0]) if before else None
    source = from_payload(data, loaded, previous)
    return signed_report(source, data.lang, key), True
