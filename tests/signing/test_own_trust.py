"""A provider trusts its own key in one step: `keys new --trust` and `keys trust` add the
certificate to the user's trust list (where `verify` looks by default), once."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.cli.main import main
from diagnosis.signing.trust import default_trust
from tests.signing.conftest import PROVIDER, PROVIDER_USCC

PASSWORD = "ein-gutes-Passwort"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_key_trusted_in_one_step(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", PASSWORD)
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    key = tmp_path / "provider.p12"
    code, out, err = run(
        capsys, "keys", "new", "--provider", PROVIDER, "--uscc", PROVIDER_USCC, "-o", str(key), "--trust"
    )
    assert code == 0, err
    added = next((home / "trust").iterdir())
    assert out.splitlines()[-1] == f"certificate added to the trust list: {added}"
    assert [t.subject.rfc4514_string() for t in default_trust().certificates] == [
        f"2.5.4.97=NTRCN-{PROVIDER_USCC},CN={PROVIDER},O={PROVIDER},C=CN"
    ]
    code, out, _ = run(capsys, "keys", "trust", str(tmp_path / "provider.pem"))
    assert code == 0 and out == f"the certificate is in the trust list already: {home / 'trust'}\n"
    assert len(list((home / "trust").iterdir())) == 1
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    other = tmp_path / "lists"
    code, out, _ = run(capsys, "keys", "trust", str(tmp_path / "provider.pem"), "--to", str(other))
    assert code == 0 and out.startswith(f"已将证书加入信任列表：{other}/provider-")


def test_what_is_not_a_certificate_or_not_a_folder_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    junk = tmp_path / "junk.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    code, _, err = run(capsys, "keys", "trust", str(junk))
    assert code == 1 and len(err.splitlines()) == 1 and err.startswith(f"{junk}: ")
    assert not (home / "trust").exists()
    a_file = tmp_path / "list.json"
    a_file.write_text("{}")
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", PASSWORD)
    run(capsys, "keys", "new", "--provider", PROVIDER, "-o", str(tmp_path / "p.p12"))
    code, _, err = run(capsys, "keys", "trust", str(tmp_path / "p.pem"), "--to", str(a_file))
    assert code == 1 and err == (
        f"the trust list {a_file} is a file, so no certificate can be added to it; choose a folder\n"
    )
