"""Trust lists: a folder, a PEM bundle, a published JSON list; malformed entries named by file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from diagnosis import paths
from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.signing.identity import fingerprint
from diagnosis.signing.trust import default_trust, load_trust
from tests.signing.certificates import Issued
from tests.signing.conftest import KEYS


def fingerprints(*issued: Issued) -> frozenset[str]:
    return frozenset(fingerprint(i.certificate) for i in issued)


def test_a_folder_of_pem_crt_and_cer_files(
    tmp_path: Path, ca: Issued, provider: Issued, stranger: Issued
) -> None:
    (tmp_path / "ca.pem").write_bytes(ca.pem())
    (tmp_path / "provider.CRT").write_bytes(provider.certificate.public_bytes(Encoding.DER))  # DER is fine
    (tmp_path / "again.cer").write_bytes(ca.pem())  # duplicates count once
    (tmp_path / "notes.txt").write_text("not a certificate, and not read")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "stranger.pem").write_bytes(stranger.pem())  # subfolders are not read
    trust = load_trust(tmp_path)
    assert trust.fingerprints == fingerprints(ca, provider) and len(trust) == 2
    assert str(tmp_path) in trust.name


def test_one_pem_file_with_many_certificates(tmp_path: Path, ca: Issued, provider: Issued) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(b"issued by the city\n" + ca.pem() + provider.pem())
    assert load_trust(bundle).fingerprints == fingerprints(ca, provider)


def test_a_published_json_list_and_one_in_a_folder(tmp_path: Path, ca: Issued, provider: Issued) -> None:
    listed = {
        "name": "合肥市数字化转型服务商名录",
        "certificates": [ca.pem().decode(), provider.pem().decode()],
    }
    (tmp_path / "hefei.json").write_text(json.dumps(listed, ensure_ascii=False), encoding="utf-8")
    trust = load_trust(tmp_path / "hefei.json")
    assert trust.name == "合肥市数字化转型服务商名录" and trust.fingerprints == fingerprints(ca, provider)
    assert load_trust(tmp_path).fingerprints == fingerprints(ca, provider)


def test_an_sm2_certificate_may_sit_in_a_trust_list(tmp_path: Path) -> None:
    # It parses (certificates are data); it can never vouch for a signature this app checks.
    assert len(load_trust(KEYS / "sm2.pem")) == 1


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        (
            "bad.pem",
            b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n",
            "bad.pem: ",
        ),
        (
            "bad.pem",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "bad.pem: PEM block 1 is not a valid certificate",
        ),
        (
            "key.pem",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "key.pem: holds no certificate",
        ),
        ("bad.cer", b"\x30\x03\x02\x01\x01", "bad.cer: not a certificate (PEM or DER)"),
        ("bad.json", b'{"certificates": [', "bad.json:1:19: not valid JSON (Expecting value)"),
        ("bad.json", b'{"name": "x"}', 'bad.json: a trust list needs "certificates"'),
        ("bad.json", b'{"certificates": [42]}', "bad.json: certificate 1 of the list is not PEM text"),
        ("bad.json", b'["a list"]', 'bad.json: a trust list needs "certificates"'),
        ("bad.json", b"\xff\xfe", "bad.json: a trust list must be UTF-8 text"),
    ],
)
def test_malformed_entries_are_refused_naming_the_file(
    tmp_path: Path, ca: Issued, file: str, content: bytes, expected: str
) -> None:
    (tmp_path / "good.pem").write_bytes(ca.pem())
    (tmp_path / file).write_bytes(content)
    for target in (tmp_path / file, tmp_path):  # alone, and inside a trust folder
        with pytest.raises(DiagnosisError) as raised:
            load_trust(target)
        assert len(raised.value.lines) == 1 and str(tmp_path / file) in raised.value.lines[0]
        assert expected in raised.value.lines[0]


def test_a_json_entry_that_is_a_key_is_named(tmp_path: Path, ca: Issued) -> None:
    key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
    (tmp_path / "t.json").write_text(json.dumps({"certificates": [ca.pem().decode(), key]}))
    with pytest.raises(
        DiagnosisError, match=r"t\.json: certificate 2 of the list is a PRIVATE KEY, not a certificate"
    ):
        load_trust(tmp_path / "t.json")


def test_the_default_trust_list_lives_in_the_user_data_folder(home: Path, ca: Issued) -> None:
    assert paths.trust_dir() == home / "trust"
    assert len(default_trust()) == 0 and str(home / "trust") in default_trust().name  # absent is empty
    paths.trust_dir().mkdir(parents=True)
    (paths.trust_dir() / "ca.pem").write_bytes(ca.pem())
    assert default_trust().fingerprints == fingerprints(ca)
    with pytest.raises(NotFoundError, match="no such trust list"):
        load_trust(home / "nowhere.pem")
