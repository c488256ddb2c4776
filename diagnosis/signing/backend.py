"""The one place that sets pyHanko up: a signer from a provider key, a validation context from a
trust list, quiet loggers, and the trust sentence shared by the PDF and the CMS checks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from diagnosis.messages import Message, msg
from diagnosis.signing.identity import SignerIdentity
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.result import SignatureCheck, who
from diagnosis.signing.rules import CLOCK_SKEW, signer_problems
from diagnosis.signing.trust import TrustList

# A signing certificate must be meant for signatures; CAs mark that with either bit.
KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)
_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "pypdf")


def quiet() -> None:
    """pyHanko logs a traceback at ERROR level for every failed validation; our sentences say it."""
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def signer_for(key: ProviderKey) -> SimpleSigner:
    """A pyHanko signer holding the key, its certificate and any CA certificates that came with it."""
    der = serialization.Encoding.DER
    private = key.private_key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return SimpleSigner(
        signing_cert=to_asn1(key.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(private),
        cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in key.chain]),  # type: ignore[no-untyped-call]
    )


def validation_context(
    trust: TrustList, moment: datetime, others: list[asn1_x509.Certificate], signer: x509.Certificate
) -> ValidationContext:
    """The trust roots for one signer: the trust list's CAs, and the signer's own certificate
    when it is itself an entry that is not a CA (see `rules`). Explicit trust roots always:
    falling back to the system's list makes certvalidator import oscrypto, which fails on
    OpenSSL 3. Nothing is fetched (the app works offline)."""
    roots = [*trust.authorities, *([signer] if trust.pinned(signer) else [])]
    return ValidationContext(
        trust_roots=[to_asn1(cert) for cert in roots],
        other_certs=others,
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def validation_moment(check: SignatureCheck, now: datetime) -> datetime:
    """When to validate the chain: at the signing time the signature states, else `now`.

    The certificate must have been valid when the report was signed, not still be valid today: a
    report signed in November stays good after the provider's certificate ends in January. A
    stated time in the future is a reason (and then `now` is used).
    """
    if check.signed_at is not None and check.signed_at.tzinfo is None:
        check.signed_at = check.signed_at.replace(tzinfo=UTC)  # a time without a zone is read as UTC
    moment = check.signed_at or now
    if moment > now + CLOCK_SKEW:
        check.reasons.append(msg("signing.time_in_future", moment=f"{moment:%Y-%m-%d %H:%M} UTC"))
        return now
    return moment


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def from_asn1(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


# What a failed chain means, by pyHanko's AdES sub-indication (message codes). Not finding a path
# to a trust root (NO_CERTIFICATE_CHAIN_FOUND, or a self-signed certificate that is not a root) is
# "not trusted".
_CHAIN_PROBLEMS = {
    "REVOKED_NO_POE": "signing.chain_revoked",
    "REVOKED_CA_NO_POE": "signing.chain_ca_revoked",
    "EXPIRED": "signing.chain_expired",
    "NOT_YET_VALID": "signing.chain_not_yet_valid",
    "OUT_OF_BOUNDS_NO_POE": "signing.chain_out_of_bounds",
    "OUT_OF_BOUNDS_NOT_REVOKED": "signing.chain_out_of_bounds",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "signing.chain_ca_invalid",
    "CRYPTO_CONSTRAINTS_FAILURE": "signing.chain_weak",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "signing.chain_weak",
}


def trust_reasons(status: SignatureStatus, signer: SignerIdentity | None, trust: TrustList) -> list[Message]:
    """Why a cryptographically sound signature is not trusted, as one sentence (none if trusted)."""
    if status.trusted:
        return []
    problem = _CHAIN_PROBLEMS.get(getattr(status.trust_problem_indic, "name", ""))
    if problem:
        return [msg("signing.signer_problem", signer=who(signer), problem=msg(problem))]
    if not len(trust):
        return [msg("signing.untrusted_empty", signer=who(signer), trust=trust.name)]
    return [msg("signing.untrusted", signer=who(signer))]


def settle_trust(
    check: SignatureCheck,
    status: SignatureStatus,
    cert: asn1_x509.Certificate,
    moment: datetime,
    trust: TrustList,
) -> None:
    """Settle `check.trusted` and its reasons: our rules on the signer's certificate first (they
    hold however it is trusted, `rules.signer_problems`), then pyHanko's verdict on the chain."""
    own = [
        msg("signing.signer_problem", signer=who(check.signer), problem=problem)
        for problem in signer_problems(from_asn1(cert), moment)
    ]
    check.trusted = bool(status.trusted) and not own
    check.reasons += own or trust_reasons(status, check.signer, trust)
