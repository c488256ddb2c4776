"""Check a signed report strictly — stricter than a PDF viewer, which still calls a signature
"valid" after an update that paints over a page.

A report passes only if it carries exactly one signature that is intact, covers the entire file,
certifies the document with no changes allowed, chains to the reviewer's trust list (`rules`:
only a CA entry vouches for others) by a certificate valid and meant for signing, its own update
(the signing revision) touches nothing a page shows, and its pages carry no annotation besides
the invisible signature widget. Never raises: hostile input is a reason.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields
from pyhanko.sign.validation import read_certification_data, validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel

from diagnosis.messages import Message, joined, msg
from diagnosis.signing.backend import (
    KEY_USAGE,
    from_asn1,
    quiet,
    settle_trust,
    validation_context,
    validation_moment,
)
from diagnosis.signing.changes import describe_changes, foreign_annotations
from diagnosis.signing.identity import SM2_ADVICE, identity_of, uses_sm2
from diagnosis.signing.result import NOT_SIGNED, SignatureCheck, who
from diagnosis.signing.revision import signing_update_problems
from diagnosis.signing.trust import TrustList

MAX_PDF = 256 * 2**20  # reports are a few MB; anything far larger is not one of ours


def check_pdf_signature(pdf_bytes: bytes, trust: TrustList, now: datetime | None = None) -> SignatureCheck:
    """Every strict rule for a signed report, checked against `trust` (see the module docstring)."""
    quiet()
    if len(pdf_bytes) > MAX_PDF:
        return SignatureCheck.failed(msg("signing.pdf_too_large", mb=len(pdf_bytes) // 2**20))
    if b"%PDF-" not in pdf_bytes[:1024]:
        return SignatureCheck.failed(msg("signing.not_pdf" if pdf_bytes else "signing.empty_file"))
    try:
        return _check(pdf_bytes, trust, now or datetime.now(UTC))
    except RecursionError:
        return SignatureCheck.failed(msg("signing.pdf_too_deep"))
    except Exception as error:  # hostile or damaged input must come back as a reason
        return SignatureCheck.failed(msg("signing.pdf_damaged", error=_brief(error)))


def _check(pdf: bytes, trust: TrustList, now: datetime) -> SignatureCheck:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        return _unsigned_or_foreign(reader)
    if len(signatures) > 1:
        return SignatureCheck.failed(msg("signing.many_signatures", count=len(signatures)), signed=True)
    signature = signatures[0]
    signer = identity_of(from_asn1(signature.signer_cert))
    check = SignatureCheck(
        signed=True,
        signer=signer,
        signed_at=signature.self_reported_timestamp,
        signed_revision=signature.signed_revision,
    )
    if uses_sm2(signature.signer_cert.dump()):
        check.reasons.append(msg("signing.signer_problem", signer=who(signer), problem=SM2_ADVICE))
        return check
    moment = validation_moment(check, now)
    context = validation_context(
        trust, moment, list(signature.other_embedded_certs), from_asn1(signature.signer_cert)
    )
    # No diff analysis: any update after the signature is refused by the coverage rule below.
    status = validate_pdf_signature(signature, context, key_usage_settings=KEY_USAGE, skip_diff=True)
    check.intact = bool(status.intact and status.valid)
    if not status.intact:
        check.reasons.append(msg("signing.content_changed"))
    elif not status.valid:
        check.reasons.append(msg("signing.value_mismatch"))
    if check.intact:  # pyHanko checks the chain only for a sound signature
        settle_trust(check, status, signature.signer_cert, moment, trust)
    check.whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not check.whole:
        check.reasons.append(_changed_after_signing(pdf, signature))
    else:
        check.reasons += signing_update_problems(reader, signature)
    check.certified = _certifies_no_changes(reader, signature)
    if not check.certified:
        check.reasons.append(msg("signing.not_certified"))
    check.reasons += [msg("signing.besides_signature", note=note) for note in foreign_annotations(pdf)]
    return check


def _unsigned_or_foreign(reader: PdfFileReader) -> SignatureCheck:
    # pyHanko skips signatures whose /SubFilter it does not know; they are signatures all the same.
    filled = list(enumerate_sig_fields(reader, filled_status=True))
    if not filled:
        return SignatureCheck(reasons=[NOT_SIGNED])
    kinds = sorted({str(value.get_object().get("/SubFilter", "none")) for _name, value, _field in filled})
    return SignatureCheck.failed(msg("signing.foreign_kind", kinds=", ".join(kinds)), signed=True)


def _changed_after_signing(pdf: bytes, signature: EmbeddedPdfSignature) -> Message:
    byte_range = [int(n) for n in signature.byte_range]
    standard = (
        len(byte_range) == 4
        and byte_range[0] == 0
        and 0 < byte_range[1] <= byte_range[2]
        and 0 <= byte_range[3] <= len(pdf) - byte_range[2]
    )
    if not standard:
        return msg("signing.partial_byte_range")
    end = byte_range[2] + byte_range[3]
    if end == len(pdf):
        return msg("signing.leaves_out")
    phrases = describe_changes(pdf[:end], pdf) or [msg("changes.data_added")]
    return msg("signing.changed_after", changes=joined(phrases))


def _certifies_no_changes(reader: PdfFileReader, signature: EmbeddedPdfSignature) -> bool:
    certification = read_certification_data(reader)
    return (
        certification is not None
        and certification.author_sig == signature.sig_object
        and certification.permission == MDPPerm.NO_CHANGES
    )


def _brief(error: Exception) -> str:
    text = " ".join(str(error).split())[:160]
    return text or type(error).__name__
