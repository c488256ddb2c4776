"""No page left unchecked, no signature implied (issue 19 §3): each forgery below passed `verify`
(most with --unsigned-ok) or was signed by `diagnosis sign` before; each must now fail with its
reason. Names from certificates, reports and file names are printed with control characters
escaped."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from diagnosis.cli.main import main
from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, QUESTIONNAIRE_NAME, build_pdf
from diagnosis.report.signed import signer_of
from diagnosis.report.source import Renderer, canonical, declared, digest, renderer, verification_code
from diagnosis.report.verify import verify_pdf
from diagnosis.signing.pdf import sign_pdf
from tests.signing.certificates import PASSWORD, Issued, make, name
from tests.signing.conftest import PROVIDER, trust_of
from tests.signing.forger import painted, rewritten, sign_at

OURS = renderer()
OTHER_RENDERER = (
    f"its pages cannot be checked: the report was rendered by diagnosis 0.0.9 with reportlab "
    f"{OURS['reportlab']}, and this version (diagnosis {OURS['app']}, reportlab {OURS['reportlab']}) "
    "renders them differently; verify it with the version that made it"
)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return build_pdf(demo_input())


@pytest.fixture(scope="module")
def provider() -> Issued:
    return make(name(PROVIDER))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _older_app(payload: dict[str, Any]) -> None:
    payload["renderer"]["app"] = "0.0.9"


def test_a_report_claiming_another_renderer_is_still_rendered_and_fails(
    unsigned: bytes,
    provider: Issued,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forged = rewritten(unsigned, _older_app, paint=1)  # "LEVEL L4 98/100" painted, digest fixed
    verdict = verify_pdf(forged, require_signature=False)
    assert verdict.reasons == [OTHER_RENDERER] and verdict.notes == []
    (tmp_path / "forged.pdf").write_bytes(forged)
    provider.write_p12(tmp_path / "key.p12")
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", PASSWORD)
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    code, _, err = run(capsys, "sign", str(tmp_path / "forged.pdf"), "--key", str(tmp_path / "key.p12"))
    assert (code, err.strip()) == (1, f"not signing a report that fails its own checks: {OTHER_RENDERER}")
    assert (tmp_path / "forged.pdf").read_bytes() == forged


def test_a_report_this_version_renders_identically_passes_whatever_version_it_names() -> None:
    made_by = Renderer.model_validate(OURS | {"app": "0.0.9"})
    older = build_pdf(demo_input(), "zh", None, made_by)
    verdict = verify_pdf(older, require_signature=False)
    assert verdict.ok and verdict.notes == []  # every page rendered again and compared


def _legacy(page_text: str) -> bytes:
    """A report in data format 1 (version 0.1): genuine data, and a page invented over it that
    carries the verification code, as the format-1 check looked for."""
    source = demo_input()
    payload = {
        "format": "diagnosis-report-data/1",
        "questionnaire": {
            "id": source.loaded.questionnaire.id,
            "version": source.loaded.questionnaire.version,
            "sha256": source.loaded.sha256,
        },
        "answers": source.answers,
        "result": declared(source.result()),
    }
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"{page_text}  {verification_code(digest(payload))}")
    page.save()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    writer.add_attachment(PAYLOAD_NAME, canonical(payload))
    writer.add_attachment(QUESTIONNAIRE_NAME, source.loaded.raw)
    writer.add_metadata({DIGEST_KEY: digest(payload)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_format_1_report_is_never_ok_here() -> None:
    verdict = verify_pdf(_legacy("LEVEL L4 98/100"), require_signature=False)
    assert verdict.reasons == [
        "made by an earlier version of this app (report data format 1): this version cannot render "
        "its pages again, so they cannot be checked"
    ]


def test_an_update_after_the_rendered_bytes_fails_unsigned(unsigned: bytes) -> None:
    [reason] = verify_pdf(painted(unsigned, 1), require_signature=False).reasons
    assert reason.startswith(
        "the file was changed after it was rendered: an update follows the report (page 2: content changed; "
    )
    appended = verify_pdf(unsigned + b"\n% a comment\n", require_signature=False)
    assert appended.reasons == [
        "the file was changed after it was rendered: an update follows the report (data was added after "
        "the report)"
    ]


def test_a_report_whose_signature_was_cut_off_fails(provider: Issued, tmp_path: Path) -> None:
    with_signer = build_pdf(demo_input(), "zh", signer_of(provider.provider_key()))
    signed = sign_pdf(with_signer, provider.provider_key())
    cut = signed[: len(with_signer)]  # what the pages print, without the signature after them
    assert cut == with_signer
    verdict = verify_pdf(cut, require_signature=False)
    assert verdict.reasons == [
        f"its pages print a signer ({PROVIDER}) but the file carries no signature: the signature was removed"
    ]


def test_a_page_painted_in_the_signatures_own_update_fails(provider: Issued) -> None:
    with_signer = build_pdf(demo_input(), "zh", signer_of(provider.provider_key()))
    verdict = verify_pdf(sign_at(with_signer, provider.provider_key(), paint=1), trust=trust_of(provider))
    assert verdict.reasons == ["the signature's own update changes the report besides signing it (page 2)"]
    between = verify_pdf(sign_at(painted(with_signer, 1), provider.provider_key()), trust=trust_of(provider))
    [reason] = between.reasons  # an update slipped in between the report and the signature
    assert reason.startswith("the file was changed after it was rendered: an update follows the report (")
    assert "page 2: content changed" in reason


def test_names_and_certificate_fields_are_printed_with_control_characters_escaped(
    unsigned: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    hostile = make(name("\x1b[2K\rOK 示例\u202e公司\nFAILED"))
    signed = sign_pdf(unsigned, hostile.provider_key())  # its name cannot be printed on a page
    target = tmp_path / "r\rOK.pdf"
    target.write_bytes(signed)
    (tmp_path / "t.pem").write_bytes(make(name("某 CA"), ca=True).pem())
    code, _, err = run(capsys, "verify", str(target), "--trust", str(tmp_path / "t.pem"))
    assert code == 1, err
    assert not set(err) & {"\x1b", "\r", "\u202e"} and len(err.splitlines()) == 3
    lines = err.splitlines()
    assert lines[0] == f"FAILED {tmp_path}/r\\rOK.pdf"
    escaped = "\\x1b[2K\\rOK 示例\\u202e公司\\nFAILED"
    assert lines[1].startswith(f"  signed by {escaped} (fingerprint ") and lines[1].endswith(
        "not in your trust list"
    )
    assert lines[2] == f"  signed by {escaped} but the report names {PROVIDER}"
    (tmp_path / "h.pem").write_bytes(hostile.pem())
    code, out, _ = run(capsys, "keys", "show", str(tmp_path / "h.pem"))
    assert code == 0 and "\x1b" not in out and f"organisation: {escaped}" in out


def test_the_verdict_speaks_the_persons_language(
    unsigned: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.pdf").write_bytes(rewritten(unsigned, _older_app, paint=1))
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    code, _, err = run(capsys, "verify", str(tmp_path / "r.pdf"), "--unsigned-ok")
    assert code == 1 and err.splitlines()[0] == f"未通过 {tmp_path / 'r.pdf'}"
    assert err.splitlines()[1].startswith("  无法核对其页面：报告由 diagnosis 0.0.9")
    code, out, _ = run(capsys, "verify", str(tmp_path / "r.pdf"), "--unsigned-ok", "--json")
    assert json.loads(out)["checks"]["data"]["reasons"] == [OTHER_RENDERER]  # JSON stays English
