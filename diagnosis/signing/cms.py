"""Detached CMS signatures over bytes (a package's manifest.json, stored as `signature.p7s`)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from asn1crypto import cms
from pyhanko.sign.general import extract_certificate_info, extract_signer_info
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

from diagnosis.messages import msg
from diagnosis.signing.backend import (
    KEY_USAGE,
    from_asn1,
    quiet,
    settle_trust,
    signer_for,
    validation_context,
    validation_moment,
)
from diagnosis.signing.identity import SM2_ADVICE, identity_of, uses_sm2
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.result import SignatureCheck, who
from diagnosis.signing.trust import TrustList

MAX_SIGNATURE = 2**20  # a signature with its certificates is a few KB


def sign_bytes(data: bytes, signer: ProviderKey, now: datetime | None = None) -> bytes:
    """A detached CMS signature (DER, SHA-256, with the signer's certificate and a signed
    signing time, `now` by default) over `data`."""
    quiet()
    attributes = PdfCMSSignedAttributes(signing_time=now or datetime.now(UTC))
    signed = asyncio.run(
        signer_for(signer).async_sign_general_data(
            data, "sha256", detached=True, signed_attr_settings=attributes
        )
    )
    return bytes(signed.dump())


def check_bytes_signature(
    data: bytes, signature: bytes, trust: TrustList, now: datetime | None = None
) -> SignatureCheck:
    """Whether `signature` is an intact detached signature over exactly `data` by a signer in
    `trust`. Never raises: a damaged or foreign signature is a reason."""
    quiet()
    if not signature:
        return SignatureCheck.failed(msg("signing.cms_empty"))
    if len(signature) > MAX_SIGNATURE:
        return SignatureCheck.failed(msg("signing.cms_too_large"))
    try:
        return _check(data, signature, trust, now or datetime.now(UTC))
    except Exception as error:  # hostile input must come back as a reason
        text = " ".join(str(error).split())[:160] or type(error).__name__
        return SignatureCheck.failed(msg("signing.cms_invalid", error=text))


def _check(data: bytes, signature: bytes, trust: TrustList, now: datetime) -> SignatureCheck:
    info = cms.ContentInfo.load(signature, strict=True)
    if info["content_type"].native != "signed_data":
        return SignatureCheck.failed(msg("signing.cms_no_signed_data"))
    signed_data = info["content"]
    if signed_data["encap_content_info"]["content"].native is not None:
        return SignatureCheck.failed(msg("signing.cms_attached"))
    certificates = extract_certificate_info(signed_data)
    signer_cert = certificates.signer_cert
    signer = identity_of(from_asn1(signer_cert))
    check = SignatureCheck(
        signed=True, signer=signer, signed_at=extract_self_reported_ts(extract_signer_info(signed_data))
    )
    if uses_sm2(signer_cert.dump()):
        check.reasons.append(msg("signing.signer_problem", signer=who(signer), problem=SM2_ADVICE))
        return check
    moment = validation_moment(check, now)
    context = validation_context(trust, moment, list(certificates.other_certs), from_asn1(signer_cert))
    status = asyncio.run(
        async_validate_detached_cms(
            data, signed_data, signer_validation_context=context, key_usage_settings=KEY_USAGE
        )
    )
    check.intact = check.whole = bool(status.intact and status.valid)
    if not status.intact:
        check.reasons.append(msg("signing.data_changed"))
    elif not status.valid:
        check.reasons.append(msg("signing.value_mismatch"))
    else:
        settle_trust(check, status, signer_cert, moment, trust)
    return check
