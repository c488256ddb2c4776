"""Detached CMS signatures over bytes (how a package's manifest.json is signed)."""

from __future__ import annotations

import asyncio

from asn1crypto import cms

from diagnosis.signing.backend import signer_for
from diagnosis.signing.cms import check_bytes_signature, sign_bytes
from tests.signing.certificates import Issued
from tests.signing.conftest import PROVIDER, STRANGER, trust_of

MANIFEST = '{"format": "diagnosis-package/1", "files": {"assessment.json": "ab12…"}}'.encode()


def test_sign_then_check(provider: Issued, ca: Issued) -> None:
    signature = sign_bytes(MANIFEST, provider.provider_key())
    assert cms.ContentInfo.load(signature)["content_type"].native == "signed_data"
    check = check_bytes_signature(MANIFEST, signature, trust_of(ca))
    assert check.ok and check.whole and check.intact and check.certified is None
    assert check.signer is not None and check.signer.organisation == PROVIDER and check.signed_at is not None
    assert check_bytes_signature(MANIFEST, signature, trust_of(provider)).ok


def test_changed_data_and_an_untrusted_signer(provider: Issued, stranger: Issued, ca: Issued) -> None:
    signature = sign_bytes(MANIFEST, provider.provider_key())
    changed = check_bytes_signature(MANIFEST + b" ", signature, trust_of(ca))
    assert not changed.intact and changed.reasons == ["the signed data was changed after it was signed"]
    foreign = check_bytes_signature(MANIFEST, sign_bytes(MANIFEST, stranger.provider_key()), trust_of(ca))
    assert not foreign.trusted and foreign.reasons[0].startswith(f"signed by {STRANGER} (fingerprint ")
    assert foreign.reasons[0].endswith("not in your trust list")


def test_hostile_signatures_are_reasons(provider: Issued, ca: Issued) -> None:
    signature = sign_bytes(MANIFEST, provider.provider_key())
    for hostile in (b"", b"garbage", signature[:100], signature[:-1], b"\x30\x80" * 5000, b"\x30" * 2**21):
        check = check_bytes_signature(MANIFEST, hostile, trust_of(ca))
        assert not check.ok and len(check.reasons) == 1 and check.reasons[0]


def test_an_embedded_content_signature_is_not_detached(provider: Issued, ca: Issued) -> None:
    attached = asyncio.run(
        signer_for(provider.provider_key()).async_sign_general_data(MANIFEST, "sha256", detached=False)
    ).dump()
    check = check_bytes_signature(MANIFEST, attached, trust_of(ca))
    assert check.reasons == ["the signature embeds its own content; a detached signature is expected"]
