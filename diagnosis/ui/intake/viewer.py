"""A claim's report in the system's PDF viewer: a signed report as it was received; for a package,
the report its data renders to (unsigned, made in the cache folder; the same package always
renders the same bytes, so it is made once)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from diagnosis import paths
from diagnosis.errors import DiagnosisError
from diagnosis.messages import Lang


class Missing(DiagnosisError):
    """The file received is no longer where it was."""


def viewable(document: Path, kind: str, lang: Lang) -> Path:
    """The PDF to show for a document the intake received (in the background: a package's
    report is rendered). Missing when the file was moved; a DiagnosisError when it no longer
    reads as a package."""
    if not document.is_file():
        raise Missing(str(document))
    if kind == "report":
        return document
    return _rendered(document, lang)


def _rendered(package: Path, lang: Lang) -> Path:
    from diagnosis.files import write_atomic
    from diagnosis.report.pdf import build_pdf
    from diagnosis.report.source import ReportInput
    from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT
    from diagnosis.storage.package import read_package

    unpacked = read_package(package, DEFAULT_EVIDENCE_LIMIT)
    digest = hashlib.sha256(unpacked.manifest).hexdigest()[:24]  # the manifest hashes every member
    target = paths.cache_dir() / "intake-reports" / f"{digest}-{lang}.pdf"
    if target.is_file():
        return target
    meta = unpacked.meta
    source = ReportInput(
        loaded=unpacked.loaded,
        answers=dict(unpacked.values),
        notes={a.question_id: a.note for a in unpacked.answers if a.note},
        enterprise=meta.enterprise.model_dump(),
        assessment=meta.assessment.model_dump(),
        evidence=[e.model_dump() for e in meta.evidence],
        plan=unpacked.plan,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, build_pdf(source, lang), "report")
    return target
