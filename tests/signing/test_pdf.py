"""Signed reports: sign, check strictly, and catch every change made after (or around) signing."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Rectangle
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg
from diagnosis.report.verify import verify_pdf
from diagnosis.signing.backend import signer_for
from diagnosis.signing.keys import load_key, new_keys
from diagnosis.signing.pdf import count_signatures, sign_pdf
from diagnosis.signing.pdf_check import check_pdf_signature
from diagnosis.signing.trust import TrustList, load_trust
from tests.signing.certificates import PASSWORD, Issued, make, name
from tests.signing.conftest import PROVIDER, PROVIDER_USCC, STRANGER, trust_of


def incremental(signed: bytes) -> PdfWriter:
    """A pypdf writer that appends an update to the signed file, as an editing tool would."""
    return PdfWriter(io.BytesIO(signed), incremental=True)


def written(writer: PdfWriter, signed: bytes) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(signed)  # an update only appends
    return out.getvalue()


def test_keys_new_then_sign_then_check(tmp_path: Path, report: bytes) -> None:
    made = new_keys(PROVIDER, PROVIDER_USCC, tmp_path / "provider.p12", PASSWORD)
    signed = sign_pdf(report, load_key(made.key_file, PASSWORD))
    assert signed.startswith(report)  # an incremental update: the unsigned bytes come first
    assert 0 < len(signed) - len(report) < 20_000
    check = check_pdf_signature(signed, load_trust(made.certificate_file))
    assert check.ok, check.reasons
    assert (check.signed, check.intact, check.whole, check.certified, check.trusted) == (True,) * 5
    assert check.signer is not None and check.signer.fingerprint == made.identity.fingerprint
    assert (check.signer.organisation, check.signer.uscc) == (PROVIDER, PROVIDER_USCC)
    assert check.signed_at is not None and abs(datetime.now(UTC) - check.signed_at) < timedelta(minutes=5)
    assert count_signatures(signed) == 1 and count_signatures(report) == 0


def test_a_ca_issued_certificate_is_trusted_through_its_ca_or_by_itself(
    signed: bytes, ca: Issued, provider: Issued
) -> None:
    assert check_pdf_signature(signed, trust_of(ca)).ok
    assert check_pdf_signature(signed, trust_of(provider)).ok
    check = check_pdf_signature(signed, trust_of(ca))
    assert check.signer is not None and check.signer.uscc == PROVIDER_USCC and not check.signer.self_signed


def test_rsa_signs_too(report: bytes, ca: Issued) -> None:
    rsa_provider = make(name("RSA 服务机构"), issuer=ca, rsa_bits=2048)
    assert check_pdf_signature(sign_pdf(report, rsa_provider.provider_key()), trust_of(ca)).ok


def test_unsigned_and_untrusted(report: bytes, stranger: Issued, ca: Issued) -> None:
    unsigned = check_pdf_signature(report, trust_of(ca))
    assert unsigned.reasons == ["not signed"] and not unsigned.signed and not unsigned.ok
    check = check_pdf_signature(sign_pdf(report, stranger.provider_key()), trust_of(ca))
    assert check.intact and check.whole and not check.trusted and not check.ok
    [reason] = check.reasons
    assert reason.startswith(f"signed by {STRANGER} (fingerprint {check.signer.fingerprint[:16]}")  # type: ignore[union-attr]
    assert reason.endswith("), not in your trust list")
    empty = check_pdf_signature(sign_pdf(report, stranger.provider_key()), TrustList("the empty list"))
    assert empty.reasons[0].endswith("not in your trust list (the empty list is empty)")


def page_content_offset(pdf: bytes, page: int) -> int:
    """Where the (compressed) content stream of a page starts in the file."""
    reference = PdfReader(io.BytesIO(pdf)).pages[page].raw_get("/Contents")
    header = pdf.index(f"\n{reference.idnum} {reference.generation} obj".encode())
    return pdf.index(b"stream", header) + len(b"stream\n")


def test_one_byte_of_page_content_changed_is_not_intact(signed: bytes, ca: Issued) -> None:
    start = page_content_offset(signed, 2) + 30
    tampered = signed[:start] + bytes([signed[start] ^ 0x01]) + signed[start + 1 :]
    check = check_pdf_signature(tampered, trust_of(ca))
    assert not check.intact and not check.ok
    assert check.reasons[0] == "the signed content was changed: the signature no longer matches the file"


def test_a_white_box_painted_after_signing_names_the_page(signed: bytes, ca: Issued) -> None:
    writer = incremental(signed)
    page = writer.pages[2]
    box = DecodedStreamObject()
    box.set_data(b"q 1 1 1 rg 50 50 300 300 re f Q")
    page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(box)])
    check = check_pdf_signature(written(writer, signed), trust_of(ca))
    assert check.intact and check.trusted and not check.whole and not check.ok
    assert check.reasons == ["the file was changed after it was signed (page 3: content changed)"]


def test_a_page_removed_after_signing_is_named(signed: bytes, ca: Issued) -> None:
    writer = incremental(signed)
    pages = len(writer.pages)
    writer.remove_page(4)
    check = check_pdf_signature(written(writer, signed), trust_of(ca))
    counts = f"{pages} pages when signed, {pages - 1} now"
    assert not check.whole
    assert check.reasons == [f"the file was changed after it was signed (page 5 removed — {counts})"]


def test_an_annotation_added_after_signing_is_named(signed: bytes, ca: Issued) -> None:
    writer = incremental(signed)
    writer.add_annotation(page_number=1, annotation=Rectangle(rect=(50, 50, 200, 200)))
    check = check_pdf_signature(written(writer, signed), trust_of(ca))
    assert not check.whole and check.reasons == [
        "the file was changed after it was signed (page 2: a /Square annotation added)",
        "page 2: a /Square annotation besides the signature",
    ]


def test_the_embedded_data_replaced_after_signing_is_named(signed: bytes, ca: Issued) -> None:
    writer = incremental(signed)
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[names.index("report-data.json") + 1].get_object()
    spec["/EF"]["/F"].get_object().set_data(b'{"format": "forged"}')
    check = check_pdf_signature(written(writer, signed), trust_of(ca))
    assert check.reasons == [
        "the file was changed after it was signed (the embedded file report-data.json was replaced)"
    ]


def test_bytes_appended_after_the_signature(signed: bytes, ca: Issued) -> None:
    check = check_pdf_signature(signed + b"\n% appended\n", trust_of(ca))
    assert not check.whole and check.reasons == [
        "the file was changed after it was signed (data was added after the signature)"
    ]


def test_an_annotation_made_before_signing_is_refused(report: bytes, ca: Issued, provider: Issued) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    writer.add_annotation(page_number=2, annotation=Rectangle(rect=(0, 0, 600, 800)))
    out = io.BytesIO()
    writer.write(out)
    check = check_pdf_signature(sign_pdf(out.getvalue(), provider.provider_key()), trust_of(ca))
    assert check.whole and check.intact and not check.ok
    assert check.reasons == ["page 3: a /Square annotation besides the signature"]


def test_two_signatures_are_refused(report: bytes, provider: Issued, stranger: Issued, ca: Issued) -> None:
    once = io.BytesIO()
    for signer, source, field in ((stranger, report, "First"), (provider, None, "Second")):
        meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256")
        data = source if source is not None else once.getvalue()
        once = io.BytesIO()
        signers.PdfSigner(meta, signer=signer_for(signer.provider_key())).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(data)), output=once
        )
    check = check_pdf_signature(once.getvalue(), trust_of(ca))
    assert check.signed and not check.ok
    assert check.reasons == ["the file carries 2 signatures; a report is signed exactly once"]


def test_an_approval_signature_is_not_a_certification(report: bytes, provider: Issued, ca: Issued) -> None:
    meta = signers.PdfSignatureMetadata(field_name="Approval", md_algorithm="sha256")
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer_for(provider.provider_key())).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(report)), output=out
    )
    check = check_pdf_signature(out.getvalue(), trust_of(ca))
    assert check.trusted and check.whole and check.certified is False
    assert check.reasons == ["the signature does not certify the report against any change"]


def test_certificates_that_may_not_sign_or_were_not_valid(report: bytes, ca: Issued) -> None:
    encipher_only = make(name("加密证书"), issuer=ca, signing=False)
    check = check_pdf_signature(sign_pdf(report, encipher_only.provider_key()), trust_of(ca))
    problem = msg("signing.cert_not_for_signing")
    assert check.reasons == [f"signed by 加密证书 (fingerprint {check.signer.fingerprint[:16]}…): {problem}"]  # type: ignore[union-attr]
    expired = make(name("过期证书"), issuer=ca, start=datetime.now(UTC) - timedelta(days=400), days=30)
    check = check_pdf_signature(sign_pdf(report, expired.provider_key()), trust_of(ca))
    start, end = expired.certificate.not_valid_before_utc, expired.certificate.not_valid_after_utc
    assert not check.trusted and check.reasons[0].endswith(
        f"its certificate had expired at the signing time {check.signed_at:%Y-%m-%d %H:%M} UTC "
        f"(valid {start:%Y-%m-%d} to {end:%Y-%m-%d})"
    )


def test_a_report_signed_while_valid_stays_good_after_expiry(report: bytes, ca: Issued) -> None:
    short = make(name("短期证书"), issuer=ca, days=30)
    signed = sign_pdf(report, short.provider_key())
    assert check_pdf_signature(signed, trust_of(ca), now=datetime.now(UTC) + timedelta(days=90)).ok


def test_signing_refuses_a_signed_file_or_not_a_pdf(signed: bytes, provider: Issued) -> None:
    with pytest.raises(DiagnosisError, match="the PDF is already signed"):
        sign_pdf(signed, provider.provider_key())
    with pytest.raises(DiagnosisError, match="not a readable PDF"):
        sign_pdf(b"plain text", provider.provider_key())


def test_verify_puts_the_signature_first(signed: bytes, report: bytes, ca: Issued, stranger: Issued) -> None:
    verdict = verify_pdf(signed, trust=trust_of(ca), require_signature=True)
    assert verdict.ok and verdict.summary.startswith("OK ")
    assert verdict.to_dict()["checks"]["signature"]["ok"] and list(verdict.to_dict()["checks"]) == [
        "signature",
        "data",
    ]
    untrusted = verify_pdf(signed, trust=trust_of(stranger))
    assert not untrusted.ok and "not in your trust list" in untrusted.reasons[0]
    assert verify_pdf(report, trust=trust_of(ca), require_signature=False).ok  # a self-assessment
    assert verify_pdf(report, trust=trust_of(ca)).reasons == ["not signed"]  # required by default
    assert verify_pdf(report).reasons == ["not signed"]  # the user's (empty) trust list


def test_an_extra_signature_field_is_refused(report: bytes, provider: Issued, ca: Issued) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(report))
    append_signature_field(writer, SigFieldSpec("Empty", on_page=1, box=(10, 10, 200, 60)))  # 0-based
    out = io.BytesIO()
    writer.write(out)
    check = check_pdf_signature(sign_pdf(out.getvalue(), provider.provider_key()), trust_of(ca))
    assert check.reasons == [
        "page 2: a second signature field besides the signature",
        "page 2: a visible signature appearance (it may cover what the page shows) besides the signature",
    ]
