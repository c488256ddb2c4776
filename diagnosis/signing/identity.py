"""Who a certificate names: organisation, name, unified social credit code, fingerprint, validity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID
from stdnum.cn import uscc as uscc_number

from diagnosis.messages import msg

# SM2 (国密): the curve sm2p256v1 and the signature algorithm SM2-with-SM3 (GB/T 35276).
SM2_OIDS = frozenset({"1.2.156.10197.1.301", "1.2.156.10197.1.501"})
SM2_ADVICE = msg("signing.sm2")
# Where certificates carry a legal person's registration number (ETSI EN 319 412-1 uses
# organizationIdentifier "NTRCN-…"; Chinese CAs also use serialNumber or an OU).
_USCC_FIELDS = (
    NameOID.ORGANIZATION_IDENTIFIER,
    NameOID.SERIAL_NUMBER,
    NameOID.ORGANIZATIONAL_UNIT_NAME,
    NameOID.COMMON_NAME,
)
USCC_PREFIX = "NTRCN-"


@dataclass(frozen=True)
class SignerIdentity:
    """What a reviewer needs to recognise a signer: names, USCC, SHA-256 fingerprint, validity."""

    name: str
    organisation: str
    uscc: str | None
    fingerprint: str  # SHA-256 of the DER certificate, upper-case hex
    not_before: datetime
    not_after: datetime
    issuer: str
    subject: str  # RFC 4514, as certificate tools print it
    self_signed: bool

    @property
    def short_fingerprint(self) -> str:
        return f"{self.fingerprint[:16]}…"

    @property
    def display_name(self) -> str:
        """The organisation (else the name), as a reviewer would say who signed."""
        return self.organisation or self.name or msg("signing.unnamed_signer")

    def to_dict(self) -> dict[str, str | bool | None]:
        return {
            "name": self.name,
            "organisation": self.organisation,
            "uscc": self.uscc,
            "fingerprint": self.fingerprint,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "issuer": self.issuer,
            "subject": self.subject,
            "self_signed": self.self_signed,
        }


def identity_of(cert: x509.Certificate) -> SignerIdentity:
    """The identity a certificate states (works for SM2 certificates too: no key is parsed)."""
    return SignerIdentity(
        name=_first(cert.subject, NameOID.COMMON_NAME),
        organisation=_first(cert.subject, NameOID.ORGANIZATION_NAME),
        uscc=_uscc(cert.subject),
        fingerprint=fingerprint(cert),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        issuer=_first(cert.issuer, NameOID.ORGANIZATION_NAME) or _first(cert.issuer, NameOID.COMMON_NAME),
        subject=cert.subject.rfc4514_string(),
        self_signed=cert.issuer == cert.subject,
    )


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex().upper()


def described(identity: SignerIdentity, now: datetime) -> list[str]:
    """Subject, organisation, USCC, issuer, validity (with whether it holds `now`) and
    fingerprint, one per line: what `diagnosis keys show` prints and the wizard shows. The names
    are the certificate's, shown `printable` (a certificate is a stranger's data)."""
    state = "expired" if now > identity.not_after else "not_yet" if now < identity.not_before else "valid"
    lines = [
        msg("cert.subject", value=identity.subject),
        msg("cert.organisation", value=identity.organisation or "—"),
    ]
    if identity.uscc:
        lines.append(msg("cert.uscc", value=identity.uscc))
    issuer = msg("cert.self_signed") if identity.self_signed else identity.issuer
    start, end = f"{identity.not_before:%Y-%m-%d}", f"{identity.not_after:%Y-%m-%d}"
    return [
        *lines,
        msg("cert.issuer", value=issuer),
        msg("cert.valid", start=start, end=end, state=msg(f"cert.state.{state}")),
        msg("cert.fingerprint", value=spaced(identity.fingerprint)),
    ]


def spaced(fingerprint: str) -> str:
    """A fingerprint in pairs, as certificate viewers show it: `3F:2A:…`."""
    return ":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2))


def uses_sm2(der: bytes) -> bool:
    """Whether a DER certificate has an SM2 key or an SM2 signature (read without parsing the key)."""
    try:
        cert = asn1_x509.Certificate.load(der)
        algorithm = cert.public_key["algorithm"]
        curve = algorithm["parameters"].chosen.dotted if algorithm["algorithm"].native == "ec" else ""
        return bool({curve, cert["signature_algorithm"]["algorithm"].dotted} & SM2_OIDS)
    except (ValueError, TypeError, AttributeError, KeyError):
        return False


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _uscc(subject: x509.Name) -> str | None:
    for oid in _USCC_FIELDS:
        for attribute in subject.get_attributes_for_oid(oid):
            value = attribute.value if isinstance(attribute.value, str) else ""
            value = value.removeprefix(USCC_PREFIX).strip()
            if uscc_number.is_valid(value):
                return str(uscc_number.compact(value))
    return None
