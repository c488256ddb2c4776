"""The signer is the provider the report names (issue 19 §2): `verify` fails a report signed by
anyone else, `sign`, `report --sign` and `export --sign` refuse before writing anything, and
`verify --package` fails a package of another assessment."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from diagnosis.cli.main import main
from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import PAYLOAD_NAME, build_pdf
from diagnosis.report.source import ReportInput
from diagnosis.report.verify import verify_pdf
from diagnosis.signing.binding import normalised, provider_mismatch
from diagnosis.signing.identity import identity_of
from tests.signing.certificates import PASSWORD, Issued, make, name
from tests.signing.conftest import trust_of
from tests.signing.forger import signed_as

ZHIZAO, ZHIZAO_USCC = "安徽智造数字科技有限公司", "91340100MA2XAB123M"
SHUAN, SHUAN_USCC = "合肥数安信息技术有限公司", "91110000600037341L"


@pytest.fixture(scope="module")
def zhizao() -> Issued:
    return make(name(ZHIZAO, ZHIZAO_USCC))


@pytest.fixture(scope="module")
def shuan() -> Issued:
    return make(name(SHUAN, SHUAN_USCC))


def naming(provider: str | None, uscc: str | None = None) -> ReportInput:
    source = demo_input()
    source.assessment = dict(source.assessment) | {"provider": provider, "provider_uscc": uscc}
    return source


def test_a_report_signed_by_another_trusted_provider_fails_naming_both(zhizao: Issued, shuan: Issued) -> None:
    forged = signed_as(naming(SHUAN, SHUAN_USCC), zhizao.provider_key())
    verdict = verify_pdf(forged, trust=trust_of(zhizao, shuan))
    assert not verdict.ok and verdict.reasons == [
        f"signed by {ZHIZAO} (USCC {ZHIZAO_USCC}) but the report names {SHUAN} (USCC {SHUAN_USCC})"
    ]
    assert verdict.to_dict()["checks"]["data"]["reasons"] == verdict.reasons
    assert verdict.reasons[0].text("zh") == (  # type: ignore[attr-defined]
        f"由 {ZHIZAO}（统一社会信用代码 {ZHIZAO_USCC}） 签名，但报告所列的诊断服务机构是 "
        f"{SHUAN}（统一社会信用代码 {SHUAN_USCC}）"
    )
    unnamed = verify_pdf(signed_as(naming(None), zhizao.provider_key()), trust=trust_of(zhizao))
    assert unnamed.reasons == [f"signed by {ZHIZAO} (USCC {ZHIZAO_USCC}) but the report names no provider"]


@pytest.mark.parametrize(
    ("provider", "uscc", "same"),
    [
        (ZHIZAO, None, True),  # names, exactly
        ("  安徽智造数字科技\u3000有限公司 ", None, False),  # a space inside is another name
        ("安徽智造数字科技有限公司", ZHIZAO_USCC, True),
        ("安徽智造", ZHIZAO_USCC, True),  # the credit codes decide when both sides have one
        (ZHIZAO, SHUAN_USCC, False),  # the same name with another provider's code
        ("安徽智造數字科技有限公司", None, False),  # 數 is not 数: no folding of traditional characters
    ],
)
def test_how_the_provider_is_compared(provider: str, uscc: str | None, same: bool, zhizao: Issued) -> None:
    mismatch = provider_mismatch(
        identity_of(zhizao.certificate), {"provider": provider, "provider_uscc": uscc}, "the report"
    )
    assert (mismatch is None) is same


def test_names_are_compared_after_nfkc_and_whitespace() -> None:
    assert normalised("  某某（合肥）\u3000数字 科技  有限公司 ") == "某某(合肥) 数字 科技 有限公司"
    assert normalised("ＡＢＣ Ｔｅｃｈ") == "ABC Tech"
    cert = make(name("某某（合肥）数字科技有限公司"))
    record = {"provider": "某某(合肥)数字科技有限公司", "provider_uscc": None}
    assert provider_mismatch(identity_of(cert.certificate), record, "the report") is None


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "d.db"))
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", PASSWORD)
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sign_report_and_export_refuse_a_key_of_another_provider(
    cli: Path, capsys: pytest.CaptureFixture[str], zhizao: Issued, shuan: Issued
) -> None:
    run(capsys, "enterprise", "add", "某精密机械有限公司", "--uscc", "91340200MA2XAB123T")
    code, _, err = run(
        capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise", "1", "--mode", "onsite",
        "--provider", "合肥数安", "--provider-uscc", SHUAN_USCC,
    )  # fmt: skip
    assert code == 0, err
    run(capsys, "answer", "1", "network", '["app_network"]')
    run(capsys, "finalize", "1", "--force")
    wrong, right = zhizao.write_p12(cli / "zhizao.p12"), shuan.write_p12(cli / "shuan.p12")
    signer = f"{ZHIZAO} (USCC {ZHIZAO_USCC})"
    refusal = f"not signing: signed by {signer} but the report names 合肥数安 (USCC {SHUAN_USCC})"

    code, _, err = run(capsys, "report", "--assessment", "1", "-o", str(cli / "r.pdf"), "--sign", str(wrong))
    assert (code, err.strip()) == (1, refusal) and not (cli / "r.pdf").exists()
    code, _, err = run(capsys, "export", "1", "-o", str(cli / "p.diagpkg"), "--sign", str(wrong))
    assert code == 1 and err.strip() == refusal.replace("the report", "the package")
    assert not (cli / "p.diagpkg").exists()
    assert run(capsys, "report", "--assessment", "1", "-o", str(cli / "u.pdf"))[0] == 0
    unsigned = (cli / "u.pdf").read_bytes()
    code, _, err = run(capsys, "sign", str(cli / "u.pdf"), "--key", str(wrong))
    assert (code, err.strip()) == (1, refusal) and (cli / "u.pdf").read_bytes() == unsigned

    # The provider's own key: its credit code decides, whatever the name typed ("合肥数安").
    code, _, err = run(capsys, "report", "--assessment", "1", "-o", str(cli / "r.pdf"), "--sign", str(right))
    assert code == 0, err
    (cli / "trust.pem").write_bytes(shuan.pem())
    code, out, err = run(capsys, "verify", str(cli / "r.pdf"), "--trust", str(cli / "trust.pem"))
    assert code == 0 and f"signed by {SHUAN} (fingerprint " in out, err
    assert run(capsys, "export", "1", "-o", str(cli / "p.diagpkg"), "--sign", str(right))[0] == 0
    code, out, err = run(
        capsys,
        "verify",
        str(cli / "r.pdf"),
        "--trust",
        str(cli / "trust.pem"),
        "--package",
        str(cli / "p.diagpkg"),
    )
    assert code == 0, err


def test_the_provider_credit_code_travels_only_when_known(
    cli: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An assessment without a provider code renders exactly as before (no new key in its data);
    with one, the data and the cover carry it."""
    run(capsys, "enterprise", "add", "某精密机械有限公司")
    run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise", "1", "--provider", "某机构")
    run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise", "1", "--provider", "某机构",
        "--provider-uscc", SHUAN_USCC)  # fmt: skip
    for number in ("1", "2"):
        run(capsys, "report", "--assessment", number, "-o", str(cli / f"{number}.pdf"))
        run(capsys, "report", "--assessment", number, "-o", str(cli / f"{number}-again.pdf"))
        assert (cli / f"{number}.pdf").read_bytes() == (cli / f"{number}-again.pdf").read_bytes()
    without, with_code = (_payload(cli / f"{n}.pdf")["assessment"] for n in ("1", "2"))
    assert "provider_uscc" not in without and with_code["provider_uscc"] == SHUAN_USCC
    text = "".join(page.extract_text() for page in PdfReader(cli / "2.pdf").pages[:2])
    assert f"某机构（统一社会信用代码 {SHUAN_USCC}）" in text
    assert "is not valid" in run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise", "1",
                                 "--provider-uscc", "123")[2]  # fmt: skip


def _payload(pdf: Path) -> dict[str, object]:
    return json.loads(PdfReader(pdf).attachments[PAYLOAD_NAME][0])  # type: ignore[no-any-return]


def test_a_report_made_before_the_field_existed_still_verifies() -> None:
    # The demo's data has no provider_uscc key at all, as every report made before it.
    raw = build_pdf(demo_input())
    assert (
        "provider_uscc"
        not in json.loads(PdfReader(io.BytesIO(raw)).attachments[PAYLOAD_NAME][0])["assessment"]
    )
    assert verify_pdf(raw, require_signature=False).ok


def test_verify_package_fails_for_another_assessment(cli: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "enterprise", "add", "甲公司", "--uscc", "91340200MA2XAB123T")
    run(capsys, "enterprise", "add", "乙公司", "--uscc", "91340300MA2XAB1230")
    for enterprise, provider in (("1", "合肥数安"), ("2", "合肥数安"), ("1", "安徽智造")):
        run(
            capsys,
            "new",
            "--questionnaire",
            "sme-digital-2024",
            "--enterprise",
            enterprise,
            "--provider",
            provider,
        )
    for number in ("1", "2", "3"):
        run(capsys, "answer", number, "network", '["app_network"]')  # the same answers everywhere
        run(capsys, "export", number, "-o", str(cli / f"{number}.diagpkg"))
    run(capsys, "report", "--assessment", "1", "-o", str(cli / "r.pdf"))

    def problems(package: str) -> list[str]:
        code, _, err = run(
            capsys, "verify", str(cli / "r.pdf"), "--unsigned-ok", "--package", str(cli / package)
        )
        assert code == (0 if package == "1.diagpkg" else 1), err
        return [line.strip() for line in err.splitlines()[1:]]

    assert problems("1.diagpkg") == []
    other_firm = problems("2.diagpkg")
    assert other_firm[0].startswith("the package is another assessment (uid ")
    assert other_firm[1] == (
        "the package is another enterprise's (USCC 91340300MA2XAB1230, the report names 91340200MA2XAB123T)"
    )
    assert problems("3.diagpkg")[1:] == [
        "the package names another provider (安徽智造, the report names 合肥数安)"
    ]


def test_the_signing_time_printed_on_the_page_is_the_signatures(zhizao: Issued) -> None:
    """The signature block shows when the report was signed before the signature exists: a
    signature stating another time than the page fails, naming both."""
    from datetime import UTC, datetime, timedelta

    from diagnosis.report.signed import signer_of
    from tests.signing.forger import sign_at

    source = naming(ZHIZAO, ZHIZAO_USCC)
    key = zhizao.provider_key()
    printed = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    at_once = sign_at(build_pdf(source, "zh", signer_of(key, printed)), key, printed + timedelta(seconds=2))
    assert verify_pdf(at_once, trust=trust_of(zhizao)).ok
    later = printed + timedelta(hours=2)
    verdict = verify_pdf(
        sign_at(build_pdf(source, "zh", signer_of(key, printed)), key, later), trust=trust_of(zhizao)
    )
    assert verdict.reasons == [
        f"the signing time the report prints ({printed:%Y-%m-%d %H:%M} UTC) is not the signature's "
        f"({later:%Y-%m-%d %H:%M} UTC)"
    ]
