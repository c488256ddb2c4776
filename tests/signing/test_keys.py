"""Provider keys: making them, loading them, and one sentence for every way a key file is unusable."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.signing.identity import SM2_ADVICE, fingerprint
from diagnosis.signing.keys import load_key, new_keys, open_key
from diagnosis.signing.trust import read_certificates
from tests.signing.certificates import PASSWORD, Issued, make, name
from tests.signing.conftest import PROVIDER, PROVIDER_USCC, SM2_PASSWORD


def test_new_keys_writes_an_encrypted_p12_and_the_public_certificate(tmp_path: Path) -> None:
    made = new_keys(PROVIDER, PROVIDER_USCC, tmp_path / "provider.p12", PASSWORD)
    assert made.key_file == tmp_path / "provider.p12"
    assert made.certificate_file == tmp_path / "provider.pem"
    assert stat.S_IMODE(made.key_file.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" not in made.certificate_file.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["provider.p12", "provider.pem"]  # no temp files

    key = load_key(made.key_file, PASSWORD)
    assert (
        isinstance(key.private_key, ec.EllipticCurvePrivateKey) and key.private_key.curve.name == "secp256r1"
    )
    [published] = read_certificates(made.certificate_file)
    assert fingerprint(published) == fingerprint(key.certificate) == made.identity.fingerprint
    identity = key.identity
    assert (identity.name, identity.organisation, identity.uscc) == (PROVIDER, PROVIDER, PROVIDER_USCC)
    assert identity.self_signed
    assert timedelta(days=5 * 365) <= identity.not_after - identity.not_before <= timedelta(days=5 * 366)
    usage = key.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign


def test_new_keys_can_make_rsa_and_leaves_out_a_missing_uscc(tmp_path: Path) -> None:
    made = new_keys("某服务机构", None, tmp_path / "rsa.pfx", PASSWORD, kind="rsa")
    key = load_key(made.key_file, PASSWORD)
    assert isinstance(key.private_key, rsa.RSAPrivateKey) and key.private_key.key_size == 2048
    assert key.identity.uscc is None and made.certificate_file == tmp_path / "rsa.pem"


@pytest.mark.parametrize(
    ("provider", "uscc", "file", "password", "expected"),
    [
        ("", None, "k.p12", PASSWORD, "the provider name is required"),
        ("某" * 65, None, "k.p12", PASSWORD, "the provider name has 65 characters; a certificate allows 64"),
        (PROVIDER, None, "k.p12", "short", "choose a key password of at least 8 characters"),
        (PROVIDER, None, "k.pem", PASSWORD, "name the key file .p12 (or .pfx)"),
        (
            PROVIDER,
            "91340100MA2NX8K5TX",
            "k.p12",
            PASSWORD,
            "unified social credit code '91340100MA2NX8K5TX' is not valid",
        ),
    ],
)
def test_new_keys_refuses_bad_input_with_a_sentence(
    tmp_path: Path, provider: str, uscc: str | None, file: str, password: str, expected: str
) -> None:
    with pytest.raises(DiagnosisError) as raised:
        new_keys(provider, uscc, tmp_path / file, password)
    assert expected in raised.value.lines[0] and len(raised.value.lines) == 1
    assert not list(tmp_path.iterdir())


def test_new_keys_never_overwrites_a_key(tmp_path: Path) -> None:
    (tmp_path / "k.pem").write_text("the certificate the city already has")
    with pytest.raises(DiagnosisError, match=r"k\.pem: already exists"):
        new_keys(PROVIDER, None, tmp_path / "k.p12", PASSWORD)
    assert (tmp_path / "k.pem").read_text() == "the certificate the city already has"


def test_an_sm2_key_is_refused_with_the_advice(sm2_p12: Path) -> None:
    with pytest.raises(DiagnosisError) as raised:
        load_key(sm2_p12, SM2_PASSWORD)
    assert raised.value.lines == [f"{sm2_p12}: {SM2_ADVICE}"]
    assert "SM2 (国密)" in SM2_ADVICE and "RSA or ECDSA (P-256)" in SM2_ADVICE


def test_wrong_password_damaged_and_missing_files_are_sentences(
    tmp_path: Path, provider: Issued, sm2_p12: Path
) -> None:
    p12 = provider.write_p12(tmp_path / "p.p12")
    with pytest.raises(DiagnosisError, match=r"p\.p12: the password is wrong"):
        load_key(p12, "not the password")
    with pytest.raises(DiagnosisError, match="the password is wrong"):
        load_key(sm2_p12, "not the password")  # the password is checked before the algorithm
    for damaged in (b"", b"garbage", p12.read_bytes()[:200]):
        (tmp_path / "d.p12").write_bytes(damaged)
        with pytest.raises(
            DiagnosisError, match=r"d\.p12: not a PKCS#12 key file \(\.p12/\.pfx\), or the file is damaged"
        ):
            load_key(tmp_path / "d.p12", PASSWORD)
    with pytest.raises(NotFoundError, match="no such key file"):
        load_key(tmp_path / "missing.p12", PASSWORD)


def test_validity_is_checked_when_signing_but_show_opens_any(tmp_path: Path, provider: Issued) -> None:
    p12 = provider.write_p12(tmp_path / "p.p12")
    later = datetime.now(UTC) + timedelta(days=400)
    with pytest.raises(DiagnosisError, match=r"the certificate expired on \d{4}-\d\d-\d\d; a report signed"):
        load_key(p12, PASSWORD, now=later)
    with pytest.raises(
        DiagnosisError, match=r"the certificate is valid only from .* \(check this computer's clock\)"
    ):
        load_key(p12, PASSWORD, now=datetime.now(UTC) - timedelta(days=30))
    assert open_key(p12, PASSWORD).identity.organisation == PROVIDER


def test_a_file_without_a_key_or_a_certificate_not_for_signing(tmp_path: Path, provider: Issued) -> None:
    encryption = BestAvailableEncryption(PASSWORD.encode())
    only_cert = pkcs12.serialize_key_and_certificates(b"c", None, None, [provider.certificate], encryption)
    (tmp_path / "c.p12").write_bytes(only_cert)
    with pytest.raises(DiagnosisError, match="holds no certificate"):
        load_key(tmp_path / "c.p12", PASSWORD)
    encipher_only = make(name("加密证书"), signing=False)
    with pytest.raises(DiagnosisError, match="the certificate is not meant for signing"):
        load_key(encipher_only.write_p12(tmp_path / "e.p12"), PASSWORD)
    small = make(name("旧密钥"), rsa_bits=1024)
    with pytest.raises(DiagnosisError, match="the RSA key has 1024 bits; at least 2048 are needed"):
        load_key(small.write_p12(tmp_path / "s.p12"), PASSWORD)
