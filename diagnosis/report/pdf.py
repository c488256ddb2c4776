"""Build the finished PDF: layout, then the verification data embedded as attached files."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from diagnosis.model import Lang
from diagnosis.report.data import build
from diagnosis.report.layout import render
from diagnosis.report.source import ReportInput, canonical

PAYLOAD_NAME = "report-data.json"
QUESTIONNAIRE_NAME = "questionnaire.yaml"
DIGEST_KEY = "/DiagnosisDigest"


def _compress(writer: PdfWriter, attached: Any) -> None:
    """pypdf stores attachments uncompressed; deflating the questionnaire saves ~80 % of its size."""
    ref = attached.pdf_object["/EF"].raw_get("/F")
    writer._replace_object(ref, ref.get_object().flate_encode())


def build_pdf(source: ReportInput, lang: Lang = "zh") -> bytes:
    """The report as PDF bytes; the same stored assessment gives the same bytes every time."""
    report = build(source, lang)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render(report))))
    for name, data in ((PAYLOAD_NAME, canonical(report.payload)), (QUESTIONNAIRE_NAME, source.loaded.raw)):
        _compress(writer, writer.add_attachment(name, data))
    writer.add_metadata({DIGEST_KEY: report.digest, "/Subject": f"verification code {report.code}"})
    writer._info.get_object()[NameObject("/Producer")] = TextStringObject("diagnosis (reportlab, pypdf)")  # type: ignore[union-attr,index]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
