"""Hostile input never raises: garbage, truncated or bit-flipped files, nesting, loops, lying lengths."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from diagnosis.signing.pdf_check import check_pdf_signature
from diagnosis.signing.result import SignatureCheck
from tests.signing.certificates import Issued
from tests.signing.conftest import trust_of

SIGNATURE_FIELD = b"<< /FT /Sig /T (S) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 5 0 R >>"

PADES = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "


def pdf_from(*objects: bytes) -> bytes:
    """A PDF with a correct cross-reference table around the given objects (1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def with_signature(signature: bytes, annots: bytes = b"[4 0 R]") -> bytes:
    return pdf_from(
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots %s >>" % annots,
        SIGNATURE_FIELD,
        signature,
    )


HOSTILE = {
    "empty": b"",
    "garbage": b"\x00\xff garbage " * 100,
    "header only": b"%PDF-1.7\n",
    "header and eof": b"%PDF-1.7\n%%EOF\n",
    "no catalog": pdf_from(b"<< /Type /Pages /Kids [] /Count 0 >>"),
    "page tree loop": pdf_from(
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    ),
    "deep nesting": pdf_from(
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * 50_000 + b"]" * 50_000 + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ),
    "deep nesting in the signature": with_signature(
        PADES + b"/ByteRange [0 1 2 3] /Contents <00> /X " + b"[" * 20_000 + b"]" * 20_000 + b" >>"
    ),
    "garbage signature contents": with_signature(
        b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
        b"/ByteRange [0 10 20 30] /Contents <3080308030803080DEADBEEF> >>"
    ),
    "lying byte range": with_signature(PADES + b"/ByteRange [-5 99999999999 -1 7] /Contents <3000> >>"),
    "signature without byte range": with_signature(PADES + b"/Contents <3000> >>"),
    "annotation loop": with_signature(PADES + b"/ByteRange [0 1 2 3] /Contents <3000> >>", annots=b"3 0 R"),
    "unknown kind of signature": with_signature(b"<< /Type /Sig /SubFilter /GM.SM2 /Contents <3000> >>"),
    "lying stream length": pdf_from(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Length 99999999999999 /Filter /FlateDecode >>\nstream\nxx\nendstream",
    ),
    "a huge array": pdf_from(
        b"<< /Type /Catalog /Pages 2 0 R /Big [" + b"0 " * 100_000 + b"] >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ),
}


def assert_refused(check: SignatureCheck) -> None:
    assert isinstance(check, SignatureCheck) and not check.ok
    assert check.reasons and all(isinstance(r, str) and r for r in check.reasons)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_files_come_back_as_reasons(kind: str, ca: Issued) -> None:
    assert_refused(check_pdf_signature(HOSTILE[kind], trust_of(ca)))


def test_truncated_signed_reports(signed: bytes, ca: Issued) -> None:
    for cut in range(1, 20):
        assert_refused(check_pdf_signature(signed[: len(signed) * cut // 20], trust_of(ca)))
    assert_refused(check_pdf_signature(signed[:-1], trust_of(ca)))


def test_flipped_bytes_are_caught_unless_they_are_signature_padding(signed: bytes, ca: Issued) -> None:
    """A flip anywhere fails the check, except in the zero padding of the signature's /Contents,
    which is excluded from the signed bytes by design (and carries no meaning)."""
    byte_range = [int(n) for n in PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].byte_range]
    padding = range(byte_range[1], byte_range[2])
    for position in range(0, len(signed), len(signed) // 60):
        flipped = signed[:position] + bytes([signed[position] ^ 0x04]) + signed[position + 1 :]
        check = check_pdf_signature(flipped, trust_of(ca))
        assert check.ok is False or position in padding, position


def test_a_real_signature_moved_into_another_file(signed: bytes, ca: Issued) -> None:
    contents = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].pkcs7_content.hex().encode()
    for byte_range in (b"[0 10 20 30]", b"[0 99999999999 5 -3]", b"[5 10]", b"[0 0 0 0]"):
        moved = with_signature(PADES + b"/ByteRange " + byte_range + b" /Contents <" + contents + b"> >>")
        check = check_pdf_signature(moved, trust_of(ca))
        assert_refused(check)
        assert not check.intact or not check.whole
