"""Package signatures at intake speed. The full check (pyHanko: the CMS structure, the signer's
certificate chain against the trust list) costs tens of milliseconds — more than everything else
a package needs — and its answer about a signer's chain is the same for every package that signer
signs on a day. So the full check runs once per signer certificate and day; each further package
by the same certificate is checked cryptographically here (its manifest digest and the signature
over the signed attributes, with the certificate's own key) and given that answer. Anything this
fast path does not recognise, or that does not verify, goes to the full check, which names it."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from diagnosis.signing.rules import CLOCK_SKEW

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList


@dataclass
class SignatureMemo:
    """Full verdicts by (certificate fingerprint, signing day), for one trust list."""

    trust: TrustList
    verdicts: dict[tuple[str, dt.date], SignatureCheck] = field(default_factory=dict)
    full_checks: int = 0

    def check(self, data: bytes, signature: bytes) -> SignatureCheck:
        """The same verdict `check_bytes_signature` gives, from the memo when the signature
        verifies against a certificate already fully checked for that day."""
        from diagnosis.signing.cms import check_bytes_signature

        quick = _verified(data, signature)
        key = (quick[0], quick[1].date()) if quick else None
        if key is not None and key in self.verdicts:
            return replace(self.verdicts[key], signed_at=quick[1] if quick else None)
        self.full_checks += 1
        verdict = check_bytes_signature(data, signature, self.trust)
        if key is not None and verdict.signed and verdict.intact and verdict.whole:
            self.verdicts[key] = verdict
        return verdict


def _verified(data: bytes, signature: bytes) -> tuple[str, dt.datetime] | None:
    """(signer fingerprint, signing time) when `signature` is one signer's intact, valid
    signature over `data` with SHA-256 and a signing time inside the certificate's validity;
    None for anything else (the full check decides those)."""
    try:
        return _verify(data, signature)
    except (ValueError, TypeError, KeyError, InvalidSignature, AttributeError):
        return None


def _verify(data: bytes, signature: bytes) -> tuple[str, dt.datetime] | None:
    info = cms.ContentInfo.load(signature, strict=True)
    if info["content_type"].native != "signed_data":
        return None
    signed = info["content"]
    if len(signed["signer_infos"]) != 1 or signed["encap_content_info"]["content"].native is not None:
        return None
    signer = signed["signer_infos"][0]
    certificate = _signer_certificate(signed, signer)
    if certificate is None or signer["digest_algorithm"]["algorithm"].native != "sha256":
        return None
    attributes = {a["type"].native: a["values"][0] for a in signer["signed_attrs"]}
    digest = attributes.get("message_digest")
    moment = attributes.get("signing_time")
    kind = attributes.get("content_type")
    if digest is None or moment is None or kind is None or kind.native != "data":
        return None
    if digest.native != hashlib.sha256(data).digest():
        return None
    when = moment.native if moment.native.tzinfo else moment.native.replace(tzinfo=dt.UTC)
    if not certificate.not_valid_before_utc <= when <= certificate.not_valid_after_utc:
        return None
    if when > dt.datetime.now(dt.UTC) + CLOCK_SKEW:
        return None
    blob = signer["signed_attrs"].untag().dump()
    _check_value(certificate, signer, blob)
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return fingerprint, when


def _signer_certificate(signed: Any, signer: Any) -> x509.Certificate | None:
    """The embedded certificate the signer info names (issuer and serial, byte for byte)."""
    sid = signer["sid"]
    if sid.name != "issuer_and_serial_number":
        return None
    wanted = sid.chosen
    for choice in signed["certificates"]:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if (
            cert.serial_number == wanted["serial_number"].native
            and cert.issuer.dump() == wanted["issuer"].dump()
        ):
            return x509.load_der_x509_certificate(cert.dump())
    return None


def _check_value(certificate: x509.Certificate, signer: Any, blob: bytes) -> None:
    """Raises InvalidSignature (or ValueError for a scheme left to the full check)."""
    key = certificate.public_key()
    value = signer["signature"].native
    scheme = signer["signature_algorithm"].signature_algo
    if isinstance(key, ec.EllipticCurvePublicKey) and scheme == "ecdsa":
        key.verify(value, blob, ec.ECDSA(hashes.SHA256()))
    elif isinstance(key, rsa.RSAPublicKey) and scheme == "rsassa_pkcs1v15":
        key.verify(value, blob, padding.PKCS1v15(), hashes.SHA256())
    else:
        raise ValueError(scheme)
