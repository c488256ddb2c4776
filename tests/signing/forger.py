"""What a forger's own tools do, without any of this app's refusals: render a report naming any
signer, sign at a chosen time, paint over a page, rewrite the embedded data and its digest."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject

from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, build_pdf
from diagnosis.report.signed import signer_of
from diagnosis.report.source import ReportInput, canonical, digest
from diagnosis.signing.backend import signer_for
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.pdf import FIELD_NAME

PAINT = b"q 1 1 1 rg 40 560 400 120 re f Q BT /F1 28 Tf 60 600 Td (LEVEL L4 98/100) Tj ET"


def signed_as(source: ReportInput, key: ProviderKey, when: datetime | None = None) -> bytes:
    """The report rendered naming `key`'s holder as signer, then signed (at `when`, the time it
    prints too)."""
    return sign_at(build_pdf(source, "zh", signer_of(key, when)), key, when)


def sign_at(pdf: bytes, key: ProviderKey, when: datetime | None = None, paint: int | None = None) -> bytes:
    """A certification signature as `diagnosis sign` makes, stating the signing time `when`
    (None: now); with `paint`, that page (0-based) is painted over in the signing update itself."""
    meta = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if paint is not None:
        _paint_page(writer, paint)
    signer = PdfSigner(meta, signer=signer_for(key))
    return asyncio.run(_sign(signer, writer, when))


async def _sign(signer: PdfSigner, writer: IncrementalPdfFileWriter, when: datetime | None) -> bytes:
    # pyHanko's own async_sign_pdf, with the session's clock set to the time the forger states.
    session = signer.init_signing_session(writer)
    if when is not None:
        session.system_time = when
    info = await session.perform_presign_validation(writer)
    reserved = await session.estimate_signature_container_size(info, tight=False)
    document = session.prepare_tbs_document(validation_info=info, bytes_reserved=reserved)
    prepared, output = document.digest_tbs_document(output=io.BytesIO())
    done = await document.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=session.system_time),
    )
    await done.post_signature_processing(output)
    return bytes(output.getvalue())


def painted(pdf: bytes, page: int = 1) -> bytes:
    """An incremental update after `pdf` that paints "LEVEL L4 98/100" over a page (0-based)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _paint_page(writer, page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _paint_page(writer: IncrementalPdfFileWriter, number: int) -> None:
    page = writer.root["/Pages"]["/Kids"][number]
    ref = writer.add_object(generic.StreamObject(stream_data=PAINT))
    contents = page.get_object()["/Contents"]
    page.get_object()["/Contents"] = generic.ArrayObject(
        [*(contents if isinstance(contents, list) else [contents]), ref]
    )
    writer.update_container(page)


def rewritten(pdf: bytes, change: Callable[[dict[str, Any]], None], paint: int | None = None) -> bytes:
    """The file rewritten whole with its embedded data changed by `change` and the digest fixed to
    match, and (with `paint`) that page painted over in its content: a forgery as a new file."""
    reader = PdfReader(io.BytesIO(pdf))
    payload = json.loads(reader.attachments[PAYLOAD_NAME][0])
    change(payload)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    if paint is not None:
        page = writer.pages[paint]
        content = ContentStream(None, writer)
        content.set_data(page.get_contents().get_data() + b"\n" + PAINT)
        page[NameObject("/Contents")] = writer._add_object(content)
    for name, (data, *_) in reader.attachments.items():
        writer.add_attachment(name, canonical(payload) if name == PAYLOAD_NAME else data)
    writer.add_metadata({DIGEST_KEY: digest(payload)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
