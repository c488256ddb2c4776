"""`diagnosis verify`: re-score a report from its embedded data and check every digest."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdf
from pydantic import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.numbers import figure
from diagnosis.report import legacy, recheck
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, PREVIOUS_QUESTIONNAIRE_NAME, QUESTIONNAIRE_NAME
from diagnosis.report.source import ReportPayload, digest, verification_code
from diagnosis.report.verdict import Verdict

LEGACY_FORMAT = "diagnosis-report-data/1"

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList


MAX_EMBEDDED = 32 * 2**20  # decompressed size of one embedded file or page stream
MAX_REPORT = 2 * 2**30  # a report file read whole; the PDF readers apply their own limits inside


def verify_pdf(
    raw: bytes,
    package: bytes | Path | None = None,
    trust: TrustList | None = None,
    require_signature: bool = True,
) -> Verdict:
    """Check, strictly: the provider's signature (intact, over the entire file, chaining to
    `trust`, default the user's trust list); the embedded data against its digest, its
    questionnaire and a fresh scoring; every page against what the data renders to; and (when
    given) the package it came from. Never raises on what is inside the file: whatever is wrong
    becomes a reason in the verdict. `require_signature=False` checks an unsigned self-assessment."""
    if trust is None:
        from diagnosis.signing.trust import default_trust

        trust = default_trust()
    signature = _check_signature(raw, trust)
    verdict = _verify_data(raw, package)
    verdict.signature, verdict.signature_required = signature, require_signature
    signer = signature.signer.fingerprint.lower() if signature.signed and signature.signer else None
    if signer and verdict.declared_signer and signer != verdict.declared_signer:
        verdict.problems.append(
            f"the report names the signer {verdict.declared_signer[:16]}… but was signed by {signer[:16]}…"
        )
    elif signer and not verdict.declared_signer and not verdict.problems:
        verdict.notes.append("signed after it was made: its pages do not print the signer")
    return verdict


def _check_signature(raw: bytes, trust: TrustList) -> SignatureCheck:
    from diagnosis.signing.pdf_check import check_pdf_signature  # pyHanko loads only to verify

    return check_pdf_signature(raw, trust)


def _verify_data(raw: bytes, package: bytes | Path | None) -> Verdict:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # our own sentence says what is wrong
    # A flate bomb stops at MAX_EMBEDDED bytes instead of filling the memory.
    try:
        with pypdf.apply_configuration(
            zlib_maximum_output_length=MAX_EMBEDDED, maximum_declared_stream_length=MAX_EMBEDDED
        ):
            return _verify(raw, package)
    except DiagnosisError:
        raise
    except Exception as error:  # a stranger's PDF may break the parser in any way it likes
        return Verdict([f"the file is damaged or not a report made by this tool ({_reason(error)})"])


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0][:100] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _verify(raw: bytes, package: bytes | Path | None) -> Verdict:
    try:
        reader = PdfReader(io.BytesIO(raw))
        attachments = reader.attachments
    except (PdfReadError, ValueError, KeyError) as error:
        return Verdict([f"not a readable PDF ({_reason(error)})"])
    if PAYLOAD_NAME not in attachments or QUESTIONNAIRE_NAME not in attachments:
        return Verdict(["this PDF carries no diagnosis data: it is not a report made by this tool"])
    try:
        payload = parse_json(attachments[PAYLOAD_NAME][0], "the embedded report data")
    except DiagnosisError as error:
        return Verdict([error.lines[0]])
    if isinstance(payload, dict) and payload.get("format") == LEGACY_FORMAT:
        return legacy.verify(reader, payload, attachments[QUESTIONNAIRE_NAME][0])
    try:
        data = ReportPayload.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        return Verdict([f"the embedded report data is not valid: {where}: {first['msg']}"])
    verdict = Verdict()
    full = digest(payload)
    declared = reader.metadata.get(DIGEST_KEY) if reader.metadata else None
    if declared != full:
        verdict.problems.append(
            f"the embedded data does not match the report's digest "
            f"(data {full[:12]}…, report {str(declared)[:12]}…)"
        )
    loaded = _questionnaire(verdict, attachments[QUESTIONNAIRE_NAME][0], data.questionnaire.sha256, "")
    previous = None
    if data.previous is not None and data.previous.questionnaire.sha256 != data.questionnaire.sha256:
        found = attachments.get(PREVIOUS_QUESTIONNAIRE_NAME)
        previous = _questionnaire(
            verdict, found[0] if found else b"", data.previous.questionnaire.sha256, "earlier "
        )
    if loaded is not None and not verdict.problems:
        _rescore(verdict, data, loaded, previous)
    if loaded is not None and not verdict.problems:
        if recheck.same_renderer(data):
            verdict.problems += recheck.differences(raw, data, loaded, previous)
        else:
            verdict.notes.append(
                "the pages cannot be re-checked with this version of the app (the report was "
                f"rendered by diagnosis {data.renderer.app} with reportlab {data.renderer.reportlab}); "
                "its data, digest and signature were checked"
            )
    if package is not None:
        _check_package(verdict, payload, package)
    verdict.summary = _summary(data, verification_code(full))
    verdict.declared_signer = data.signer.fingerprint if data.signer else None
    return verdict


def _questionnaire(verdict: Verdict, raw: bytes, pinned: str, which: str) -> Loaded | None:
    if not raw:
        verdict.problems.append(f"the {which}questionnaire is not embedded in the report")
        return None
    try:
        loaded = load_bytes(f"embedded {which}questionnaire", raw)
    except DiagnosisError as error:
        verdict.problems.append(f"the embedded {which}questionnaire is not valid: {error.lines[0]}")
        return None
    if loaded.sha256 != pinned:
        verdict.problems.append(
            f"the embedded {which}questionnaire (sha256 {loaded.sha256[:12]}…) is not the one the "
            f"answers were given against ({pinned[:12]}…)"
        )
        return None
    return loaded


def _rescore(verdict: Verdict, data: ReportPayload, loaded: Loaded, previous: Loaded | None) -> None:
    """The declared results must be what the embedded answers score to (and plan to)."""
    from diagnosis.report.source import declared, from_payload

    source = from_payload(data, loaded, previous)
    try:
        checks = [("", declared(source.result()), data.result.model_dump())]
        planned = source.planned()
        if planned is not None or data.planned is not None:
            fresh = declared(planned) if planned is not None else None
            checks.append(("planned ", fresh or {}, data.planned.model_dump() if data.planned else {}))
        if source.previous is not None and data.previous is not None:
            checks.append(("earlier ", declared(source.previous.result()), data.previous.result.model_dump()))
    except DiagnosisError as error:
        verdict.problems.append(f"the embedded data does not fit its questionnaire: {error.lines[0]}")
        return
    for what, fresh, stated in checks:
        for key in ("score", "max_score", "level"):
            if fresh.get(key) != stated.get(key):
                verdict.problems.append(
                    f"re-scoring gives {what}{key} {fresh.get(key)}, the report states {stated.get(key)}"
                )


def _summary(data: ReportPayload, code: str) -> str:
    result = data.result
    number = f"  {data.assessment.report_number}" if data.assessment.report_number else ""
    return (
        f"OK {code}{number}  {data.questionnaire.id}@{data.questionnaire.version}  "
        f"score {figure(result.score)} / {figure(result.max_score)}  level {result.level or '—'}"
    )


def _check_package(verdict: Verdict, payload: dict[str, Any], raw: bytes | Path) -> None:
    from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT  # only with --package
    from diagnosis.storage.package import read_package

    unpacked = read_package(raw, DEFAULT_EVIDENCE_LIMIT)
    if unpacked.loaded.sha256 != payload["questionnaire"]["sha256"]:
        verdict.problems.append("the package was answered against another questionnaire")
    answers = dict(unpacked.values)
    stated = payload.get("answers", {})
    differing = sorted(k for k in set(answers) | set(stated) if answers.get(k) != stated.get(k))
    if differing:
        verdict.problems.append(f"the answers in the package differ from the report (first: {differing[0]})")
    in_package = sorted(e.sha256 for e in unpacked.meta.evidence)
    in_report = sorted(e["sha256"] for e in payload.get("evidence", []))
    if in_package != in_report:
        verdict.problems.append(
            "the evidence files in the package differ from the report's evidence register"
        )
