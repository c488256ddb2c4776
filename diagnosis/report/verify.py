"""`diagnosis verify`: re-score a report from its embedded data and check every digest."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pypdf
from pydantic import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import load_bytes
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, QUESTIONNAIRE_NAME
from diagnosis.report.source import ReportPayload, digest, verification_code
from diagnosis.scoring.engine import score

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList


@dataclass
class Verdict:
    """`problems` are the data checks'; `signature` is the signature check (None: not checked).
    An unsigned report passes unless `signature_required`; a signed one must pass its check."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""
    signature: SignatureCheck | None = None
    signature_required: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and self.signature_ok

    @property
    def signature_ok(self) -> bool:
        check = self.signature
        return check is None or check.ok or (not check.signed and not self.signature_required)

    @property
    def reasons(self) -> list[str]:
        """Everything that fails, the signature first."""
        signature = [] if self.signature_ok or self.signature is None else self.signature.reasons
        return [*signature, *self.problems]

    def to_dict(self) -> dict[str, Any]:
        """For `--json`: each check with ok and reasons."""
        checks: dict[str, Any] = {}
        if self.signature is not None:
            checks["signature"] = self.signature.to_dict() | {
                "ok": self.signature_ok,
                "required": self.signature_required,
            }
        checks["data"] = {"ok": not self.problems, "reasons": list(self.problems)}
        return {"ok": self.ok, "summary": self.summary, "checks": checks}


MAX_EMBEDDED = 32 * 2**20  # decompressed size of one embedded file or page stream


def verify_pdf(
    raw: bytes,
    package: bytes | None = None,
    trust: TrustList | None = None,
    require_signature: bool = False,
) -> Verdict:
    """Check the provider's signature against `trust` (when given), then the embedded data against
    its digest, the printed code, the pinned questionnaire, a fresh scoring, and (when given) the
    assessment package it came from. Never raises on what is inside the file: whatever is wrong
    with it becomes a reason in the verdict."""
    signature = _check_signature(raw, trust) if trust is not None else None
    verdict = _verify_data(raw, package)
    verdict.signature, verdict.signature_required = signature, require_signature
    return verdict


def _check_signature(raw: bytes, trust: TrustList) -> SignatureCheck:
    from diagnosis.signing.pdf_check import check_pdf_signature  # pyHanko loads only to verify

    return check_pdf_signature(raw, trust)


def _verify_data(raw: bytes, package: bytes | None) -> Verdict:
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


def _verify(raw: bytes, package: bytes | None) -> Verdict:
    try:
        reader = PdfReader(io.BytesIO(raw))
        attachments = reader.attachments
    except (PdfReadError, ValueError, KeyError) as error:
        return Verdict([f"not a readable PDF ({_reason(error)})"])
    if PAYLOAD_NAME not in attachments or QUESTIONNAIRE_NAME not in attachments:
        return Verdict(["this PDF carries no diagnosis data: it is not a report made by this tool"])
    verdict = Verdict()
    try:
        payload = parse_json(attachments[PAYLOAD_NAME][0], "the embedded report data")
        ReportPayload.model_validate(payload)
    except DiagnosisError as error:
        return Verdict([error.lines[0]])
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        return Verdict([f"the embedded report data is not valid: {where}: {first['msg']}"])
    full = digest(payload)
    code = verification_code(full)
    declared = reader.metadata.get(DIGEST_KEY) if reader.metadata else None
    if declared != full:
        verdict.problems.append(
            f"the embedded data does not match the report's digest "
            f"(data {full[:12]}…, report {str(declared)[:12]}…)"
        )
    pages = [page.extract_text() or "" for page in reader.pages]
    unmarked = [n for n, text in enumerate(pages, start=1) if code not in text]
    if unmarked:
        verdict.problems.append(
            f"the verification code {code} is missing from page(s) "
            f"{', '.join(map(str, unmarked[:10]))}: the pages do not belong to this data"
        )
    _check_result(verdict, payload, attachments[QUESTIONNAIRE_NAME][0], pages)
    if package is not None:
        _check_package(verdict, payload, package)
    result = payload.get("result", {})
    verdict.summary = (
        f"OK {code}  {payload['questionnaire']['id']}@{payload['questionnaire']['version']}  "
        f"score {result.get('score'):g} / {result.get('max_score'):g}  level {result.get('level') or '—'}"
    )
    return verdict


def _check_result(verdict: Verdict, payload: dict[str, Any], questionnaire: bytes, pages: list[str]) -> None:
    pinned = payload.get("questionnaire", {})
    try:
        loaded = load_bytes("embedded questionnaire", questionnaire)
    except DiagnosisError as error:
        verdict.problems.append(f"the embedded questionnaire is not valid: {error.lines[0]}")
        return
    if loaded.sha256 != pinned.get("sha256"):
        verdict.problems.append(
            f"the embedded questionnaire (sha256 {loaded.sha256[:12]}…) is not the one the "
            f"answers were given against ({str(pinned.get('sha256'))[:12]}…)"
        )
        return
    try:
        result = score(loaded.questionnaire, payload.get("answers", {}), sha256=loaded.sha256, strict=False)
    except DiagnosisError as error:
        verdict.problems.append(f"the embedded answers do not fit the questionnaire: {error.lines[0]}")
        return
    declared = payload.get("result", {})
    fresh = {
        "score": round(result.score, 4),
        "max_score": round(result.max_score, 4),
        "level": result.level.id if result.level else None,
    }
    for key, value in fresh.items():
        if declared.get(key) != value:
            verdict.problems.append(f"re-scoring gives {key} {value}, the report states {declared.get(key)}")
    names = {_squeeze(result.level.name.zh), _squeeze(result.level.name.get("en"))} if result.level else set()
    summary = _squeeze("".join(pages))  # the summary states the level (after a cover of any length)
    if names and not any(name in summary for name in names):
        verdict.problems.append("the printed level does not match the re-scored level")


def _check_package(verdict: Verdict, payload: dict[str, Any], raw: bytes) -> None:
    from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT  # only with --package
    from diagnosis.storage.package import read_package

    unpacked = read_package(raw, DEFAULT_EVIDENCE_LIMIT)
    if unpacked.loaded.sha256 != payload["questionnaire"]["sha256"]:
        verdict.problems.append("the package was answered against another questionnaire")
    answers = {a.question_id: json.loads(a.value) for a in unpacked.answers if a.value is not None}
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


def _squeeze(text: str) -> str:
    """Text without whitespace: extraction may break a long name across lines."""
    return "".join(text.split())
