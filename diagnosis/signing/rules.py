"""What a trust-list entry may vouch for, and what a certificate must be to sign a report.

pyHanko's chain validation takes every trust root as an anchor, and checks nothing about an
anchor that signs by itself (validity, key usage). So these rules are ours, on top of it:
- a trust-list entry that is not a CA (basicConstraints CA:true with keyCertSign) trusts exactly
  that certificate, compared by fingerprint, and nothing it issues: otherwise any provider on a
  list could issue a certificate in another provider's name;
- the signer's own certificate, however it is trusted, must be valid at the signing time and be
  meant for signing documents (key usage and extended key usage).
No pyHanko here: the intake's fast path uses these too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from diagnosis.messages import Message, msg

# Two computers' clocks (the signer's, the reviewer's) differ by minutes, not hours: a signing time
# further ahead than this is a reason, not drift.
CLOCK_SKEW = timedelta(minutes=10)

# Purposes that cover signing documents: any purpose, document signing (RFC 9336), e-mail
# protection (what Chinese CAs' organisation certificates carry for signing), Adobe's and
# Microsoft's document signing.
DOCUMENT_PURPOSES = frozenset(
    {
        ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
        ObjectIdentifier("1.3.6.1.5.5.7.3.36"),
        ExtendedKeyUsageOID.EMAIL_PROTECTION,
        ObjectIdentifier("1.2.840.113583.1.1.5"),
        ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),
    }
)
_PURPOSE_NAMES = {
    ExtendedKeyUsageOID.SERVER_AUTH: "serverAuth",
    ExtendedKeyUsageOID.CLIENT_AUTH: "clientAuth",
    ExtendedKeyUsageOID.CODE_SIGNING: "codeSigning",
    ExtendedKeyUsageOID.TIME_STAMPING: "timeStamping",
    ExtendedKeyUsageOID.OCSP_SIGNING: "OCSPSigning",
}


def may_issue(cert: x509.Certificate) -> bool:
    """Whether a trust-list entry is a CA that vouches for the certificates it issues: CA:true in
    basicConstraints and keyCertSign in its key usage (RFC 5280 requires both of an issuer)."""
    try:
        constraints = _extension(cert, x509.BasicConstraints)
        usage = _extension(cert, x509.KeyUsage)
    except ValueError:  # malformed extensions vouch for nothing
        return False
    return bool(constraints and constraints.ca and usage and usage.key_cert_sign)


def signer_problems(cert: x509.Certificate, moment: datetime) -> list[Message]:
    """Why `cert` may not sign a report at `moment` (the signing time): each as a phrase that
    follows "signed by …: " (none when it may)."""
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    problems = []
    if not start <= moment <= end:
        problems.append(
            msg(
                "signing.cert_expired" if moment > end else "signing.cert_not_yet_valid",
                start=f"{start:%Y-%m-%d}",
                end=f"{end:%Y-%m-%d}",
                moment=f"{moment:%Y-%m-%d %H:%M} UTC",
            )
        )
    return problems + usage_problems(cert)


def usage_problems(cert: x509.Certificate) -> list[Message]:
    """Why `cert` is not meant for signing documents: its key usage, its extended key usage."""
    try:
        problems = [] if meant_for_signing(cert) else [msg("signing.cert_not_for_signing")]
        purposes = _extension(cert, x509.ExtendedKeyUsage)
    except ValueError:
        return [msg("signing.cert_unreadable")]
    if purposes is not None and not DOCUMENT_PURPOSES & set(purposes):
        named = ", ".join(_PURPOSE_NAMES.get(oid, oid.dotted_string) for oid in purposes) or "none"
        problems.append(msg("signing.cert_other_purpose", purposes=named))
    return problems


def meant_for_signing(cert: x509.Certificate) -> bool:
    """Key usage allows digitalSignature or nonRepudiation (no key usage: no restriction)."""
    usage = _extension(cert, x509.KeyUsage)
    return usage is None or usage.digital_signature or usage.content_commitment


def _extension(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> Any:
    """The extension's value, None when absent; ValueError when the extensions are malformed."""
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None
