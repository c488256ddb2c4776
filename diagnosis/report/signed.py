"""Signed reports: the signer printed in the footer and carried in the data and QR code, then a
PAdES certification signature over the whole file. A key signs only a report that names its
provider (`diagnosis.signing.binding`), and `sign` only a report `verify --unsigned-ok` accepts."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from pypdf import PdfReader

from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import load_bytes
from diagnosis.messages import msg
from diagnosis.model import Lang
from diagnosis.report.pdf import PAYLOAD_NAME, PREVIOUS_QUESTIONNAIRE_NAME, QUESTIONNAIRE_NAME, build_pdf
from diagnosis.report.source import ReportInput, ReportPayload, Signer, from_payload

if TYPE_CHECKING:
    from diagnosis.signing.keys import ProviderKey


def signer_of(key: ProviderKey, signed_at: dt.datetime | None = None) -> Signer:
    """The key's holder as the report prints it, signing at `signed_at` (UTC; default now)."""
    identity = key.identity
    moment = signed_at or dt.datetime.now(dt.UTC)
    return Signer(
        name=identity.name or identity.organisation,
        organisation=identity.organisation or None,
        uscc=identity.uscc,
        fingerprint=identity.fingerprint.lower(),
        signed_at=moment.astimezone(dt.UTC).isoformat(timespec="seconds"),
    )


def signed_report(
    source: ReportInput, lang: Lang, key: ProviderKey, signed_at: dt.datetime | None = None
) -> bytes:
    """Render with the signer and the signing time printed, then sign; refused when the report
    names another provider."""
    from diagnosis.signing.binding import require_provider
    from diagnosis.signing.pdf import sign_pdf

    require_provider(key.identity, source.assessment, msg("binding.the_report"))
    return sign_pdf(build_pdf(source, lang, signer_of(key, signed_at)), key)


def sign_existing(raw: bytes, key: ProviderKey) -> bytes:
    """Sign a report made unsigned: only one `verify --unsigned-ok` accepts (its data, digest and
    every page re-rendered and compared), which names the key's provider. It is rendered again
    with the signer named, so what is signed is what its data says, nothing else."""
    from diagnosis.report.verify import verify_pdf
    from diagnosis.signing.trust import TrustList

    # No trust list: the file must be unsigned, and whose signature it might carry is beside the point.
    verdict = verify_pdf(raw, trust=TrustList(msg("trust.none")), require_signature=False)
    if not verdict.ok:
        raise DiagnosisError(msg("signing.refuse_failing", reason=verdict.reasons[0]))
    attachments = PdfReader(io.BytesIO(raw)).attachments
    data = ReportPayload.model_validate(parse_json(attachments[PAYLOAD_NAME][0], PAYLOAD_NAME))
    loaded = load_bytes("embedded questionnaire", attachments[QUESTIONNAIRE_NAME][0])
    before = attachments.get(PREVIOUS_QUESTIONNAIRE_NAME)
    previous = load_bytes("embedded questionnaire", before[0]) if before else None
    return signed_report(from_payload(data, loaded, previous), data.lang, key)
