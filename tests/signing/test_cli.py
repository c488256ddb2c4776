"""keys new|show, sign and verify --trust end to end through `main`: exit codes, one line per error."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pypdf import PdfWriter

from diagnosis.cli.main import main
from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import build_pdf
from diagnosis.signing.identity import SM2_ADVICE
from tests.signing.certificates import PASSWORD, Issued
from tests.signing.conftest import PROVIDER, PROVIDER_USCC, SM2_PASSWORD, STRANGER


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", PASSWORD)
    return PASSWORD


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fails(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Runs a command that must fail as a user error: exit 1, exactly one line, no traceback."""
    code, _, err = run(capsys, *args)
    assert code == 1 and "Traceback" not in err and len(err.splitlines()) == 1, err
    return err.strip()


def test_keys_new_show_sign_verify(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report: bytes, password: str
) -> None:
    key = tmp_path / "provider.p12"
    code, out, err = run(
        capsys, "keys", "new", "--provider", PROVIDER, "--uscc", PROVIDER_USCC, "-o", str(key)
    )
    assert code == 0, err
    assert str(key) in out and str(tmp_path / "provider.pem") in out and "fingerprint: SHA-256 " in out
    fingerprint = out.split("SHA-256 ")[1].split()[0]
    for shown in (key, tmp_path / "provider.pem"):
        code, out, _ = run(capsys, "keys", "show", str(shown))
        assert code == 0 and PROVIDER in out and PROVIDER_USCC in out and fingerprint in out
        assert "self-signed" in out and "(valid)" in out

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report)
    code, out, err = run(capsys, "sign", str(pdf), "--key", str(key))
    assert code == 0 and out.startswith(f"{pdf}: signed by {PROVIDER}"), err
    # Replaced in place, rendered again with the signer named: the signed file starts with that render.
    import datetime as dt
    import io
    import json

    from pypdf import PdfReader

    from diagnosis.report.pdf import PAYLOAD_NAME
    from diagnosis.report.signed import signer_of
    from diagnosis.signing.keys import load_key

    embedded = json.loads(PdfReader(io.BytesIO(pdf.read_bytes())).attachments[PAYLOAD_NAME][0])
    printed = dt.datetime.fromisoformat(embedded["signer"]["signed_at"])  # the time the page shows
    with_signer = build_pdf(demo_input(), "zh", signer_of(load_key(key, password), printed))
    assert pdf.read_bytes().startswith(with_signer) and pdf.read_bytes() != with_signer
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left

    code, out, err = run(capsys, "verify", str(pdf), "--trust", str(tmp_path / "provider.pem"))
    assert code == 0 and out.startswith("OK ") and f"signed by {PROVIDER}" in out, err
    code, out, _ = run(capsys, "verify", str(pdf), "--trust", str(tmp_path / "provider.pem"), "--json")
    verdict = json.loads(out)
    assert code == 0 and verdict["ok"] and list(verdict["checks"]) == ["signature", "data"]
    assert verdict["checks"]["signature"]["signer"]["uscc"] == PROVIDER_USCC

    assert "already signed" in fails(capsys, "sign", str(pdf), "--key", str(key))


def test_verify_refuses_an_untrusted_or_unsigned_report_when_a_trust_list_is_in_use(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    report: bytes,
    signed: bytes,
    stranger: Issued,
    home: Path,
) -> None:
    (tmp_path / "signed.pdf").write_bytes(signed)
    (tmp_path / "unsigned.pdf").write_bytes(report)
    (tmp_path / "stranger.pem").write_bytes(stranger.pem())
    code, _, err = run(
        capsys, "verify", str(tmp_path / "signed.pdf"), "--trust", str(tmp_path / "stranger.pem")
    )
    assert code == 1 and err.startswith(
        f"FAILED {tmp_path / 'signed.pdf'}\n  signed by {PROVIDER} (fingerprint "
    )
    assert "not in your trust list" in err
    code, out, _ = run(
        capsys, "verify", str(tmp_path / "unsigned.pdf"), "--trust", str(tmp_path / "stranger.pem"), "--json"
    )
    assert code == 1 and json.loads(out)["checks"]["signature"]["reasons"] == ["not signed"]
    # An unsigned report fails, saying so plainly; a self-assessment is checked with --unsigned-ok.
    code, _, err = run(capsys, "verify", str(tmp_path / "unsigned.pdf"))
    assert code == 1 and err.splitlines()[1] == "  not signed"
    code, out, _ = run(capsys, "verify", str(tmp_path / "unsigned.pdf"), "--unsigned-ok")
    assert code == 0 and out.splitlines()[1].startswith("not signed")
    (home / "trust").mkdir(parents=True)
    (home / "trust" / "stranger.pem").write_bytes(stranger.pem())
    code, _, err = run(capsys, "verify", str(tmp_path / "unsigned.pdf"))
    assert code == 1 and err.splitlines()[1] == "  not signed"
    code, _, err = run(capsys, "verify", str(tmp_path / "signed.pdf"))
    assert code == 1 and "not in your trust list" in err
    (tmp_path / "bad.json").write_text("{")
    assert "bad.json:1:2: not valid JSON" in fails(
        capsys, "verify", str(tmp_path / "signed.pdf"), "--trust", str(tmp_path / "bad.json")
    )


def test_sign_writes_elsewhere_and_refuses_what_is_not_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report: bytes, provider: Issued, password: str
) -> None:
    key = provider.write_p12(tmp_path / "p.p12")
    (tmp_path / "r.pdf").write_bytes(report)
    assert (
        run(capsys, "sign", str(tmp_path / "r.pdf"), "--key", str(key), "-o", str(tmp_path / "s.pdf"))[0] == 0
    )
    assert (tmp_path / "r.pdf").read_bytes() == report and (tmp_path / "s.pdf").read_bytes() != report

    blank = PdfWriter()
    blank.add_blank_page(100, 100)
    out = io.BytesIO()
    blank.write(out)
    (tmp_path / "other.pdf").write_bytes(out.getvalue())
    assert "not a report made by this tool" in fails(
        capsys, "sign", str(tmp_path / "other.pdf"), "--key", str(key)
    )
    (tmp_path / "junk.pdf").write_bytes(b"junk")
    assert "not a readable PDF" in fails(capsys, "sign", str(tmp_path / "junk.pdf"), "--key", str(key))
    assert "no such file" in fails(capsys, "sign", str(tmp_path / "missing.pdf"), "--key", str(key))


def test_key_problems_are_one_sentence(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    report: bytes,
    provider: Issued,
    sm2_p12: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "r.pdf").write_bytes(report)
    key = provider.write_p12(tmp_path / "p.p12")
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", "wrong password")
    assert "the password is wrong" in fails(capsys, "sign", str(tmp_path / "r.pdf"), "--key", str(key))
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", SM2_PASSWORD)
    assert fails(capsys, "sign", str(tmp_path / "r.pdf"), "--key", str(sm2_p12)) == f"{sm2_p12}: {SM2_ADVICE}"
    assert (tmp_path / "r.pdf").read_bytes() == report  # nothing was written

    monkeypatch.delenv("DIAGNOSIS_KEY_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    sentence = fails(capsys, "sign", str(tmp_path / "r.pdf"), "--key", str(key))
    assert (
        sentence
        == f"no password for {key}: set DIAGNOSIS_KEY_PASSWORD, or run the command in a terminal to be asked"
    )
    assert "no password" in fails(capsys, "keys", "new", "--provider", "x", "-o", str(tmp_path / "n.p12"))


def test_keys_new_refusals_and_no_password_argument(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, password: str
) -> None:
    assert "is not valid" in fails(
        capsys, "keys", "new", "--provider", STRANGER, "--uscc", "123", "-o", str(tmp_path / "k.p12")
    )
    code, out, _ = run(capsys, "keys", "new", "--provider", STRANGER, "--rsa", "-o", str(tmp_path / "k.p12"))
    assert code == 0 and "fingerprint" in out
    assert "already exists" in fails(
        capsys, "keys", "new", "--provider", STRANGER, "-o", str(tmp_path / "k.p12")
    )
    with pytest.raises(SystemExit) as usage:
        main(["keys", "new", "--provider", STRANGER, "--password", "x", "-o", str(tmp_path / "z.p12")])
    assert usage.value.code == 2
    capsys.readouterr()
    assert os.environ["DIAGNOSIS_KEY_PASSWORD"] == password
