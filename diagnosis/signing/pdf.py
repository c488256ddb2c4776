"""Sign a PDF report: a PAdES signature that certifies it with no changes allowed, appended as an
incremental update, so the signed file starts with the unsigned bytes."""

from __future__ import annotations

import io

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg
from diagnosis.signing.backend import quiet, signer_for
from diagnosis.signing.keys import ProviderKey

FIELD_NAME = "DiagnosisProviderSignature"
# Readers show this in their signature panel; ASCII, as the default stamp font cannot draw Chinese.
REASON = "Diagnosis report certified by its service provider; no changes allowed"


def sign_pdf(pdf_bytes: bytes, signer: ProviderKey) -> bytes:
    """The report signed by `signer`: an invisible certification signature (PAdES, SHA-256) that
    allows no later change. Refuses a file that is not a PDF or is already signed."""
    quiet()
    signatures = count_signatures(pdf_bytes)
    if signatures is None:
        raise DiagnosisError(msg("sign.unreadable"))
    if signatures:
        raise DiagnosisError(msg("sign.already"))
    meta = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        reason=REASON,
    )
    output = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
        PdfSigner(meta, signer=signer_for(signer)).sign_pdf(writer, output=output)
    except Exception as error:  # pyHanko raises many kinds on a PDF it cannot extend
        raise DiagnosisError(msg("sign.cannot", error=str(error))) from None
    return output.getvalue()


def count_signatures(pdf_bytes: bytes) -> int | None:
    """How many signatures a PDF carries; None if it cannot be read as a PDF at all."""
    quiet()
    try:
        return len(PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures)
    except Exception:  # hostile or damaged input: "not a PDF" is the answer, not a traceback
        return None
