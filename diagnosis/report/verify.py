"""`diagnosis verify`: re-score a report from its embedded data, check every digest and page, and
bind its signature to what it says (the provider it names, when it was finalized).

Every line of the verdict is a catalogued message (`diagnosis.messages`): the command line prints
it in the person's language, the wizard in the window's.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
from pydantic import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.messages import Message, msg
from diagnosis.numbers import figure, share
from diagnosis.report import legacy, recheck
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, PREVIOUS_QUESTIONNAIRE_NAME, QUESTIONNAIRE_NAME
from diagnosis.report.source import ReportPayload, digest, verification_code
from diagnosis.report.verdict import Verdict
from diagnosis.report.verify_package import check_package

LEGACY_FORMAT = "diagnosis-report-data/1"

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList


MAX_EMBEDDED = 32 * 2**20  # decompressed size of one embedded file or page stream


def verify_pdf(
    raw: bytes,
    package: bytes | Path | None = None,
    trust: TrustList | None = None,
    require_signature: bool = True,
    signature: Callable[[], SignatureCheck] | None = None,
) -> Verdict:
    """Check, strictly: the provider's signature (intact, over the entire file, chaining to
    `trust`, default the user's trust list); the embedded data against its digest, its
    questionnaire and a fresh scoring; every page against what the data renders to; the signer
    against the provider the data names and the time it was finalized; and (when given) the
    package it came from. Never raises on what is inside the file: whatever is wrong becomes a
    reason in the verdict. `require_signature=False` checks an unsigned self-assessment.
    `signature` gives the signature check when asked (`signing.aside`: made in another process
    while this one re-renders); without it the check is made here."""
    check = signature if signature is not None else _checked_here(raw, trust)
    try:
        verdict = _verify_data(raw, package, lambda: _signed_revision(check()))
    finally:  # on every path, a refused package too: a check aside left running at exit
        found = check()  # dies mid-send and prints its traceback on the user's terminal
    verdict.signature, verdict.signature_required = found, require_signature
    verdict.problems += _bound(verdict, verdict.signature)
    return verdict


def _checked_here(raw: bytes, trust: TrustList | None) -> Callable[[], SignatureCheck]:
    """The signature checked in this process, before anything else."""
    if trust is None:
        from diagnosis.signing.trust import default_trust

        trust = default_trust()
    found = _check_signature(raw, trust)
    return lambda: found


def _signed_revision(signature: SignatureCheck) -> int | None:
    return signature.signed_revision if signature.signed else None


def _bound(verdict: Verdict, signature: SignatureCheck) -> list[Message]:
    """Whether the signature belongs to this report: the signer its pages print, the provider it
    names, a signing time after it was finalized; and no signer printed on an unsigned file."""
    from diagnosis.signing.binding import printed_time_differs, provider_mismatch, signed_too_early

    declared = verdict.declared
    if not signature.signed:
        if declared is None:
            return []
        return [msg("verify.signer_printed_unsigned", signer=declared.organisation or declared.name)]
    signer, record = signature.signer, verdict.assessment
    if signer is None or record is None:
        return []
    problems = []
    if declared is not None and declared.fingerprint != signer.fingerprint.lower():
        problems.append(
            msg(
                "verify.other_signer",
                declared=declared.fingerprint[:16],
                signer=signer.fingerprint.lower()[:16],
            )
        )
    elif declared is None and not verdict.problems:
        verdict.notes.append(msg("verify.signed_later"))
    mismatch = provider_mismatch(signer, record, msg("binding.the_report"))
    early = signed_too_early(signature.signed_at, record)
    printed = printed_time_differs(signature.signed_at, declared.signed_at) if declared is not None else None
    return problems + [m for m in (mismatch, early, printed) if m is not None]


def _check_signature(raw: bytes, trust: TrustList) -> SignatureCheck:
    from diagnosis.signing.pdf_check import check_pdf_signature  # pyHanko loads only to verify

    return check_pdf_signature(raw, trust)


def _verify_data(
    raw: bytes, package: bytes | Path | None, signed_revision: Callable[[], int | None]
) -> Verdict:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # our own sentence says what is wrong
    # A flate bomb stops at MAX_EMBEDDED bytes instead of filling the memory.
    try:
        with pypdf.apply_configuration(
            zlib_maximum_output_length=MAX_EMBEDDED, maximum_declared_stream_length=MAX_EMBEDDED
        ):
            return _verify(raw, package, signed_revision)
    except DiagnosisError:
        raise
    except Exception as error:  # a stranger's PDF may break the parser in any way it likes
        return Verdict([msg("verify.damaged", error=_reason(error))])


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0][:100] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _verify(raw: bytes, package: bytes | Path | None, signed_revision: Callable[[], int | None]) -> Verdict:
    try:
        reader = PdfReader(io.BytesIO(raw))
        attachments = reader.attachments
    except (PdfReadError, ValueError, KeyError) as error:
        return Verdict([msg("verify.unreadable", error=_reason(error))])
    if PAYLOAD_NAME not in attachments or QUESTIONNAIRE_NAME not in attachments:
        return Verdict([msg("verify.no_data")])
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
        return Verdict([msg("verify.invalid_data", where=where, problem=first["msg"])])
    verdict = Verdict(declared=data.signer, assessment=data.assessment.model_dump())
    full = digest(payload)
    declared = reader.metadata.get(DIGEST_KEY) if reader.metadata else None
    if declared != full:
        verdict.problems.append(msg("verify.digest", data=full[:12], report=str(declared)[:12]))
    loaded = _questionnaire(verdict, attachments[QUESTIONNAIRE_NAME][0], data.questionnaire.sha256, False)
    previous = None
    if data.previous is not None and data.previous.questionnaire.sha256 != data.questionnaire.sha256:
        found = attachments.get(PREVIOUS_QUESTIONNAIRE_NAME)
        previous = _questionnaire(
            verdict, found[0] if found else b"", data.previous.questionnaire.sha256, True
        )
    standing = None
    if loaded is not None and not verdict.problems:
        standing = _rescore(verdict, data, loaded, previous)
    if loaded is not None and not verdict.problems:
        verdict.problems += recheck.differences(raw, data, loaded, previous, signed_revision)
    if package is not None:
        verdict.problems += check_package(payload, package)
    verdict.summary = _summary(data, verification_code(full), standing)
    return verdict


def _questionnaire(verdict: Verdict, raw: bytes, pinned: str, earlier: bool) -> Loaded | None:
    which = msg("verify.earlier_questionnaire" if earlier else "verify.questionnaire")
    if not raw:
        verdict.problems.append(msg("verify.questionnaire_missing", which=which))
        return None
    try:
        loaded = load_bytes("embedded questionnaire", raw)
    except DiagnosisError as error:
        verdict.problems.append(msg("verify.questionnaire_invalid", which=which, problem=error.lines[0]))
        return None
    if loaded.sha256 != pinned:
        verdict.problems.append(
            msg("verify.questionnaire_other", which=which, found=loaded.sha256[:12], pinned=pinned[:12])
        )
        return None
    return loaded


def _rescore(
    verdict: Verdict, data: ReportPayload, loaded: Loaded, previous: Loaded | None
) -> Message | None:
    """The declared results must be what the embedded answers score to (and plan to). Returns
    what the cover states first — unexplained warnings and the evidence share — as found anew."""
    from diagnosis.report.source import declared, from_payload
    from diagnosis.report.standing import standing

    source = from_payload(data, loaded, previous)
    try:
        checks = [("verify.item", declared(source.result()), data.result.model_dump())]
        planned = source.planned()
        if planned is not None or data.planned is not None:
            fresh = declared(planned) if planned is not None else None
            checks.append(
                ("verify.item_planned", fresh or {}, data.planned.model_dump() if data.planned else {})
            )
        if source.previous is not None and data.previous is not None:
            checks.append(
                ("verify.item_earlier", declared(source.previous.result()), data.previous.result.model_dump())
            )
    except DiagnosisError as error:
        verdict.problems.append(msg("verify.misfit", problem=error.lines[0]))
        return None
    for item, fresh, stated in checks:
        for key in ("score", "max_score", "level"):
            if fresh.get(key) != stated.get(key):
                verdict.problems.append(
                    msg(
                        "verify.rescored",
                        item=msg(item, key=key),
                        fresh=str(fresh.get(key)),
                        stated=str(stated.get(key)),
                    )
                )
    found = standing(source)
    evidence = (
        msg(
            "verify.evidence",
            attached=found.evidence_attached,
            expected=found.evidence_expected,
            share=share(found.evidence_attached, found.evidence_expected),
        )
        if found.evidence_expected
        else "—"
    )
    return msg("verify.standing", open=found.open_warnings, evidence=evidence)


def _summary(data: ReportPayload, code: str, standing: Message | None = None) -> Message:
    result = data.result
    number = data.assessment.report_number
    return msg(
        "verify.summary",
        code=code,
        number=f"  {number}" if number else "",
        questionnaire=f"{data.questionnaire.id}@{data.questionnaire.version}",
        score=figure(result.score),
        max_score=figure(result.max_score),
        level=result.level or "—",
        standing=standing or "",
    )
