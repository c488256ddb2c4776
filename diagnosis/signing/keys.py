"""A provider's signing key: load it from a PKCS#12 file (.p12/.pfx), or make a self-signed one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.files import os_reason, write_atomic
from diagnosis.messages import msg
from diagnosis.signing.identity import SM2_ADVICE, USCC_PREFIX, SignerIdentity, identity_of, uses_sm2
from diagnosis.signing.rules import usage_problems

KeyKind = Literal["ecdsa", "rsa"]
SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
# Curves that PDF readers and pyHanko verify; P-256 is what we make.
_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
VALIDITY = timedelta(days=5 * 365 + 1)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class ProviderKey:
    """A private key with its certificate (and any CA certificates the .p12 carried)."""

    certificate: x509.Certificate
    private_key: SigningKey
    chain: tuple[x509.Certificate, ...]
    identity: SignerIdentity


@dataclass(frozen=True)
class NewKeys:
    """What `new_keys` wrote: the private key file, the public certificate, and whose they are."""

    key_file: Path
    certificate_file: Path
    identity: SignerIdentity


def load_key(path: Path, password: str, now: datetime | None = None) -> ProviderKey:
    """The key in a .p12/.pfx file, ready to sign now; else one sentence saying why it cannot."""
    key = open_key(path, password)
    check_validity(key, str(path), now or datetime.now(UTC))
    return key


def open_key(path: Path, password: str) -> ProviderKey:
    """The key in a .p12/.pfx file, whatever its validity dates (`keys show` shows an expired one)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(msg("keys.no_file", path=path)) from None
    except OSError as error:
        raise DiagnosisError(msg("keys.cannot_read", path=path, reason=os_reason(error))) from None
    return read_key(raw, password, str(path))


def read_key(raw: bytes, password: str, source: str) -> ProviderKey:
    """Like `open_key`, from the file's bytes; `source` names the file in sentences."""
    try:
        key, cert, others = pkcs12.load_key_and_certificates(raw, password.encode() if password else None)
    except UnsupportedAlgorithm as error:
        if "1.2.156.10197" in str(error):  # the SM2 curve, which OpenSSL's pyca build refuses
            raise DiagnosisError(msg("keys.problem", source=source, problem=SM2_ADVICE)) from None
        raise DiagnosisError(msg("keys.algorithm", source=source, error=str(error))) from None
    except ValueError as error:
        if "password" in str(error).lower():
            raise DiagnosisError(msg("keys.wrong_password", source=source)) from None
        raise DiagnosisError(msg("keys.not_pkcs12", source=source)) from None
    if cert is None or key is None:
        missing = msg("keys.certificate") if cert is None else msg("keys.private_key")
        raise DiagnosisError(msg("keys.holds_no", source=source, missing=missing))
    return ProviderKey(cert, _usable_key(key, cert, source), tuple(others), identity_of(cert))


def check_validity(key: ProviderKey, source: str, now: datetime) -> None:
    """A sentence if the certificate has expired or is not valid yet at `now`."""
    cert = key.certificate
    if now > cert.not_valid_after_utc:
        raise DiagnosisError(msg("keys.expired", source=source, day=f"{cert.not_valid_after_utc:%Y-%m-%d}"))
    if now < cert.not_valid_before_utc:
        raise DiagnosisError(
            msg("keys.not_yet_valid", source=source, moment=f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M}")
        )


def _usable_key(key: object, cert: x509.Certificate, source: str) -> SigningKey:
    if uses_sm2(cert.public_bytes(serialization.Encoding.DER)):
        raise DiagnosisError(msg("keys.problem", source=source, problem=SM2_ADVICE))
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < 2048:
            raise DiagnosisError(msg("keys.rsa_short", source=source, bits=key.key_size))
    elif not (isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, _CURVES)):
        raise DiagnosisError(msg("keys.kind", source=source))
    unusable = usage_problems(cert)
    if unusable:
        raise DiagnosisError(msg("keys.not_for_signing", source=source, problem=unusable[0]))
    public = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*public) != cert.public_key().public_bytes(*public):
        raise DiagnosisError(msg("keys.mismatch", source=source))
    return key


def new_keys(
    provider: str,
    uscc: str | None,
    path: Path,
    password: str,
    kind: KeyKind = "ecdsa",
    now: datetime | None = None,
) -> NewKeys:
    """Make a key pair and a self-signed certificate valid for 5 years; write `path` (.p12,
    encrypted with `password`) and the public certificate beside it as .pem (for trust lists)."""
    name = provider.strip()
    if not name:
        raise DiagnosisError(msg("keys.name_required"))
    if len(name) > 64:  # X.509 limits organisation and common names to 64 characters
        raise DiagnosisError(msg("keys.name_long", count=len(name)))
    if len(password) < MIN_PASSWORD:
        raise DiagnosisError(msg("keys.password_short", least=MIN_PASSWORD))
    if path.suffix.lower() not in (".p12", ".pfx"):
        raise DiagnosisError(msg("keys.suffix", path=path))
    pem_path = path.with_suffix(".pem")
    for target in (path, pem_path):
        if target.exists():
            raise DiagnosisError(msg("keys.exists", path=target))
    key: SigningKey = (
        ec.generate_private_key(ec.SECP256R1())
        if kind == "ecdsa"
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    from diagnosis.storage.enterprises import check_uscc  # storage loads only to make keys

    cert = _self_signed(name, check_uscc(uscc) if uscc else None, key, now or datetime.now(UTC))
    encryption = serialization.BestAvailableEncryption(password.encode())
    bundle = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, None, encryption)
    write_atomic(path, bundle, "key file", mode=0o600, streams=False)
    write_atomic(pem_path, cert.public_bytes(serialization.Encoding.PEM), "certificate", streams=False)
    return NewKeys(path, pem_path, identity_of(cert))


def _self_signed(name: str, uscc: str | None, key: SigningKey, now: datetime) -> x509.Certificate:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ]
    if uscc:  # ETSI EN 319 412-1 form for a legal person's registration number
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"{USCC_PREFIX}{uscc}"))
    subject = x509.Name(attributes)
    start = now.replace(microsecond=0)
    public = key.public_key()
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
