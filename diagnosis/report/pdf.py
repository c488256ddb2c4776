"""Build the finished PDF: layout, then the verification data embedded as attached files."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject, TextStringObject

from diagnosis.model import Lang
from diagnosis.report.data import build
from diagnosis.report.layout import render
from diagnosis.report.source import Renderer, ReportInput, Signer, canonical

PAYLOAD_NAME = "report-data.json"
QUESTIONNAIRE_NAME = "questionnaire.yaml"
PREVIOUS_QUESTIONNAIRE_NAME = "previous-questionnaire.yaml"  # only when the versions differ
DIGEST_KEY = "/DiagnosisDigest"


def _compress(writer: PdfWriter, attached: Any) -> None:
    """pypdf stores attachments uncompressed; deflating the questionnaire saves ~80 % of its size."""
    ref = attached.pdf_object["/EF"].raw_get("/F")
    writer._replace_object(ref, ref.get_object().flate_encode())


def _utf16(match: re.Match[bytes]) -> bytes:
    text = chr(int(match[2], 16)).encode("utf-16-be").hex().upper().encode()
    return b"<" + match[1] + b"> <" + text + b">"


def _resolved(value: Any) -> Any:
    return value.get_object() if value is not None else None


def _repair_to_unicode(writer: PdfWriter) -> None:
    """reportlab writes a character beyond U+FFFF (𠮷, emoji) into a font's ToUnicode map as five
    hex digits, which readers cut to four: copied or extracted text would say ₻ for 𠮷. PDF wants
    UTF-16 there, so those entries become surrogate pairs."""
    for page in writer.pages:
        fonts = _resolved(_resolved(page.get("/Resources")).get("/Font"))
        for font in fonts.values() if isinstance(fonts, DictionaryObject) else []:
            stream = _resolved(_resolved(font).get("/ToUnicode"))
            if isinstance(stream, StreamObject):
                data = stream.get_data()
                fixed = re.sub(rb"<([0-9A-F]{2})> <([0-9A-F]{5,6})>", _utf16, data)
                if fixed != data:
                    stream.set_data(fixed)


def _dates(stamp: str) -> dict[str, str]:
    """The PDF's creation and change dates: the report's own time, never the clock (the same
    report must render the same bytes), as 'D:20260302160000+08'00''."""
    if not stamp:
        return {}
    moment = dt.datetime.fromisoformat(stamp)
    offset = moment.strftime("%z") or "+0000"
    value = f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"
    return {"/CreationDate": value, "/ModDate": value}


def build_pdf(
    source: ReportInput, lang: Lang = "zh", signer: Signer | None = None, made_by: Renderer | None = None
) -> bytes:
    """The report as PDF bytes, unsigned; the same input always gives the same bytes. With
    `signer`, the signer is printed and embedded, ready for `diagnosis.signing.pdf.sign_pdf`;
    `made_by` names another renderer in the embedded data (`verify` renders as the report says)."""
    report = build(source, lang, signer, made_by)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render(report))))
    _repair_to_unicode(writer)
    attachments = [(PAYLOAD_NAME, canonical(report.payload)), (QUESTIONNAIRE_NAME, source.loaded.raw)]
    previous = source.previous
    if previous is not None and previous.loaded.sha256 != source.loaded.sha256:
        attachments.append((PREVIOUS_QUESTIONNAIRE_NAME, previous.loaded.raw))
    for name, data in attachments:
        _compress(writer, writer.add_attachment(name, data))
    writer.add_metadata({DIGEST_KEY: report.digest, **_dates(report.stamp)})
    info = writer._info.get_object()  # type: ignore[union-attr]
    assert isinstance(info, DictionaryObject)
    info[NameObject("/Producer")] = TextStringObject("diagnosis (reportlab, pypdf)")
    if not report.stamp:  # no time of its own: no date rather than reportlab's fixed 2000-01-01
        for key in ("/CreationDate", "/ModDate"):
            info.pop(NameObject(key), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
