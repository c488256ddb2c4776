"""Certificates as a verifier expects (issue 19 §1): only a CA on the trust list vouches for the
certificates it issues; a signer's certificate must be valid at the signing time and meant for
signing documents, however it is trusted; the signing time cannot precede the report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from diagnosis.cli.main import main
from diagnosis.cli.reports_run import demo_input
from diagnosis.errors import DiagnosisError
from diagnosis.report.source import ReportInput
from diagnosis.report.verify import Verdict, verify_pdf
from diagnosis.signing.keys import load_key, new_keys
from diagnosis.signing.trust import load_trust
from tests.signing.certificates import PASSWORD, Issued, make, name
from tests.signing.conftest import PROVIDER, trust_of
from tests.signing.forger import sign_at, signed_as

PROVIDER_A, USCC_A = "安徽智造数字科技有限公司", "91340100MA2XAB123M"
PROVIDER_B, USCC_B = "合肥数安信息技术有限公司", "91110000600037341L"


def naming(provider: str, uscc: str | None = None) -> ReportInput:
    """The demo report, naming `provider` (and its credit code) as the provider."""
    source = demo_input()
    source.assessment = dict(source.assessment) | {"provider": provider, "provider_uscc": uscc}
    return source


def reasons(verdict: Verdict) -> list[str]:
    assert not verdict.ok
    return verdict.reasons


def test_a_provider_certificate_cannot_issue_one_in_another_providers_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A's `keys new` key issues a certificate naming B (B's name and credit code) and signs a
    report naming B with it; a reviewer trusting both A and B must not call it B's."""
    a = new_keys(PROVIDER_A, USCC_A, tmp_path / "A.p12", PASSWORD)
    b = new_keys(PROVIDER_B, USCC_B, tmp_path / "B.p12", PASSWORD)
    trust = tmp_path / "trust"  # `verify --trust` with A.pem and B.pem (the keys stay outside)
    trust.mkdir()
    for made in (a, b):
        (trust / made.certificate_file.name).write_bytes(made.certificate_file.read_bytes())
    key_a = load_key(a.key_file, PASSWORD)
    as_b = make(name(PROVIDER_B, USCC_B), issuer=Issued(key_a.private_key, key_a.certificate))
    (tmp_path / "forged.pdf").write_bytes(signed_as(naming(PROVIDER_B, USCC_B), as_b.provider_key()))

    code = main(["verify", str(tmp_path / "forged.pdf"), "--trust", str(trust)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(
        f"FAILED {tmp_path / 'forged.pdf'}\n  signed by {PROVIDER_B} (fingerprint "
    )
    assert err.splitlines()[1].endswith(f", USCC {USCC_B}), not in your trust list")
    # B's own key, on the same list, is B.
    genuine = signed_as(naming(PROVIDER_B, USCC_B), load_key(b.key_file, PASSWORD))
    assert verify_pdf(genuine, trust=load_trust(trust)).ok


def test_only_a_ca_entry_vouches_for_what_it_issues(report: bytes) -> None:
    ca = make(name("某省电子认证服务中心"), ca=True, days=3650)
    leaf = make(name(PROVIDER), issuer=ca)
    signed = signed_as(demo_input(), leaf.provider_key())
    assert verify_pdf(signed, trust=trust_of(ca)).ok  # CA:true with keyCertSign
    assert verify_pdf(signed, trust=trust_of(leaf)).ok  # the certificate itself, trusted as exactly that
    not_a_ca = make(name("自称认证中心"), ca=True, cert_sign=False, days=3650)  # CA:true, no keyCertSign
    issued = make(name(PROVIDER), issuer=not_a_ca)
    [reason] = reasons(verify_pdf(signed_as(demo_input(), issued.provider_key()), trust=trust_of(not_a_ca)))
    assert reason.endswith("not in your trust list")
    end_entity = make(name("某服务机构"))  # CA:false, as `keys new` makes
    issued = make(name(PROVIDER), issuer=end_entity)
    [reason] = reasons(verify_pdf(signed_as(demo_input(), issued.provider_key()), trust=trust_of(end_entity)))
    assert reason.endswith("not in your trust list")


def test_keys_new_makes_an_end_entity_certificate_for_signing(tmp_path: Path) -> None:
    made = new_keys(PROVIDER, None, tmp_path / "p.p12", PASSWORD)
    cert = load_key(made.key_file, PASSWORD).certificate
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert constraints.critical and constraints.value.ca is False
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign and not usage.value.crl_sign


def _validity(issued: Issued) -> str:
    cert = issued.certificate
    return f"(valid {cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d})"


@pytest.mark.parametrize("through_ca", [False, True], ids=["trusted directly", "issued by a trusted CA"])
def test_an_expired_or_not_yet_valid_certificate_fails_with_its_dates(through_ca: bool) -> None:
    now = datetime.now(UTC)
    ca = make(name("某省电子认证服务中心"), ca=True, start=now - timedelta(days=2000), days=4000)
    issuer = ca if through_ca else None
    for start, state in (
        (now - timedelta(days=400), "had expired"),
        (now + timedelta(days=10), "was not yet valid"),
    ):
        cert = make(name(PROVIDER), issuer=issuer, start=start, days=30)
        signed = signed_as(demo_input(), cert.provider_key())
        [reason] = reasons(verify_pdf(signed, trust=trust_of(ca if through_ca else cert)))
        assert reason.startswith(f"signed by {PROVIDER} (fingerprint ")
        assert f"): its certificate {state} at the signing time " in reason
        assert reason.endswith(_validity(cert))


def test_a_signature_dated_before_the_report_existed_fails() -> None:
    """Backdating the signature into the validity of an expired certificate is caught by the
    other end: the report was finalized on 2026-03-02, the signature says 2025."""
    now = datetime.now(UTC)
    old = make(name(PROVIDER), start=now - timedelta(days=700), days=100)
    moment = old.certificate.not_valid_before_utc + timedelta(days=10)
    signed = sign_at(_rendered_for(old, moment), old.provider_key(), moment)
    [reason] = reasons(verify_pdf(signed, trust=trust_of(old)))
    assert reason == (
        f"signed before the report existed: the signature says {moment:%Y-%m-%d %H:%M} UTC, "
        "the assessment was finalized 2026-03-02 08:00 UTC"
    )
    ahead = make(name(PROVIDER))
    later = now + timedelta(hours=2)
    [reason] = reasons(
        verify_pdf(sign_at(_rendered_for(ahead, later), ahead.provider_key(), later), trust=trust_of(ahead))
    )
    assert reason == f"the signature claims a signing time in the future ({later:%Y-%m-%d %H:%M} UTC)"


def _rendered_for(issued: Issued, moment: datetime | None = None) -> bytes:
    """The demo rendered for `issued`, printing `moment` as its signing time (the time it is
    then signed at: a printed time the signature does not bear fails on its own)."""
    from diagnosis.report.pdf import build_pdf
    from diagnosis.report.signed import signer_of

    return build_pdf(demo_input(), "zh", signer_of(issued.provider_key(), moment))


SERVER_ONLY = [ExtendedKeyUsageOID.SERVER_AUTH]


@pytest.mark.parametrize("through_ca", [False, True], ids=["trusted directly", "issued by a trusted CA"])
def test_a_certificate_not_meant_for_signing_documents_fails(through_ca: bool) -> None:
    ca = make(name("某省电子认证服务中心"), ca=True, days=3650)
    issuer = ca if through_ca else None
    web = make(name(PROVIDER), issuer=issuer, purposes=SERVER_ONLY)
    certs_only = make(name(PROVIDER), issuer=issuer, ca=True)  # keyCertSign and cRLSign only
    for cert, problem in (
        (web, "its certificate is meant for serverAuth only (extendedKeyUsage), not for signing documents"),
        (
            certs_only,
            "its certificate is not meant for signing (no digitalSignature or nonRepudiation key usage)",
        ),
    ):
        signed = signed_as(demo_input(), cert.provider_key())
        [reason] = reasons(verify_pdf(signed, trust=trust_of(ca if through_ca else cert)))
        assert reason.endswith(f"): {problem}"), reason
    mail = make(name(PROVIDER), issuer=issuer, purposes=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
    assert verify_pdf(
        signed_as(demo_input(), mail.provider_key()), trust=trust_of(ca if through_ca else mail)
    ).ok


def test_a_web_server_certificate_is_refused_as_a_signing_key(tmp_path: Path) -> None:
    web = make(name(PROVIDER), purposes=SERVER_ONLY).write_p12(tmp_path / "web.p12")
    with pytest.raises(
        DiagnosisError, match=r"web\.p12: the certificate is not meant for signing reports — its "
    ):
        load_key(web, PASSWORD)
