"""Certificates for tests, made with `cryptography`: a CA, certificates it issues, self-signed ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from diagnosis.signing.identity import identity_of
from diagnosis.signing.keys import ProviderKey, SigningKey

PASSWORD = "test-password-1"


@dataclass(frozen=True)
class Issued:
    """A key with its certificate, the chain above it, and files holding them."""

    key: SigningKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    def provider_key(self) -> ProviderKey:
        return ProviderKey(self.certificate, self.key, self.chain, identity_of(self.certificate))

    def write_p12(self, path: Path, password: str = PASSWORD) -> Path:
        encryption = serialization.BestAvailableEncryption(password.encode())
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                b"test", self.key, self.certificate, list(self.chain), encryption
            )
        )
        return path

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def name(organisation: str, uscc: str | None = None) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, organisation),
    ]
    if uscc:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, uscc))
    return x509.Name(attributes)


def make(
    subject: x509.Name,
    *,
    issuer: Issued | None = None,
    ca: bool = False,
    signing: bool = True,
    rsa_bits: int = 0,
    start: datetime | None = None,
    days: int = 365,
    purposes: list[x509.ObjectIdentifier] | None = None,
    cert_sign: bool | None = None,
) -> Issued:
    """A certificate for `subject`, issued by `issuer` (self-signed without one). `purposes` adds
    an extendedKeyUsage; `cert_sign` overrides keyCertSign (default: a CA may sign certificates)."""
    key: SigningKey = (
        rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
        if rsa_bits
        else ec.generate_private_key(ec.SECP256R1())
    )
    begin = start or datetime.now(UTC) - timedelta(days=1)
    usage = x509.KeyUsage(
        digital_signature=signing and not ca,
        content_commitment=signing and not ca,
        key_encipherment=not signing,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca if cert_sign is None else cert_sign,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(begin)
        .not_valid_after(begin + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if purposes is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(purposes), critical=False)
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    certificate = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    chain = (issuer.certificate, *issuer.chain) if issuer else ()
    return Issued(key, certificate, chain)
