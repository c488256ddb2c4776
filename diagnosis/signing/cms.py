"""Detached CMS signatures over bytes (a package's manifest.json, stored as `signature.p7s`)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from asn1crypto import cms
from pyhanko.sign.general import extract_certificate_info, extract_signer_info
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

from diagnosis.signing.backend import (
    KEY_USAGE,
    from_asn1,
    quiet,
    signer_for,
    trust_reasons,
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
        return SignatureCheck.failed("the signature file is empty")
    if len(signature) > MAX_SIGNATURE:
        return SignatureCheck.failed("the signature file is too large to be a signature")
    try:
        return _check(data, signature, trust, now or datetime.now(UTC))
    except Exception as error:  # hostile input must come back as a reason
        text = " ".join(str(error).split())[:160] or type(error).__name__
        return SignatureCheck.failed(f"not a valid CMS signature ({text})")


def _check(data: bytes, signature: bytes, trust: TrustList, now: datetime) -> SignatureCheck:
    info = cms.ContentInfo.load(signature, strict=True)
    if info["content_type"].native != "signed_data":
        return SignatureCheck.failed("not a CMS signature (no signed data)")
    signed_data = info["content"]
    if signed_data["encap_content_info"]["content"].native is not None:
        return SignatureCheck.failed("the signature embeds its own content; a detached signature is expected")
    certificates = extract_certificate_info(signed_data)
    signer_cert = certificates.signer_cert
    signer = identity_of(from_asn1(signer_cert))
    check = SignatureCheck(
        signed=True, signer=signer, signed_at=extract_self_reported_ts(extract_signer_info(signed_data))
    )
    if uses_sm2(signer_cert.dump()):
        check.reasons.append(f"signed by {who(signer)}: {SM2_ADVICE}")
        return check
    context = validation_context(trust, validation_moment(check, now), list(certificates.other_certs))
    status = asyncio.run(
        async_validate_detached_cms(
            data, signed_data, signer_validation_context=context, key_usage_settings=KEY_USAGE
        )
    )
    check.intact = check.whole = bool(status.intact and status.valid)
    check.trusted = bool(status.trusted)
    if not status.intact:
        check.reasons.append("the signed data was changed after it was signed")
    elif not status.valid:
        check.reasons.append("the signature value does not match the signer's certificate")
    else:
        check.reasons += trust_reasons(status, signer, trust)
    return check
