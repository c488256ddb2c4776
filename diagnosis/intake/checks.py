"""Checking one received document exactly as `diagnosis verify` does — a package strictly read and
re-scored, a signed report re-rendered page by page — and the signature against the trust list.
What fails is a refusal in one sentence; what passes becomes a `Received` (see `columns`)."""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diagnosis.errors import DiagnosisError
from diagnosis.intake.columns import Received, Source, extract, lowest_answers
from diagnosis.intake.official import official_versions
from diagnosis.intake.signatures import SignatureMemo
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.messages import Message, joined, msg
from diagnosis.storage.archive import PackageError
from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT
from diagnosis.storage.package import QuestionnaireMemo, Unpacked, read_package

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


class Refused(DiagnosisError):
    """A document the intake does not take in, with the reason in one sentence."""


@dataclass
class Checker:
    """What checking needs and keeps across documents: the trust list, the official (bundled)
    questionnaire versions, and every questionnaire already parsed (by the sha256 of its bytes)."""

    trust: TrustList
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT
    official: dict[tuple[str, str], str] = field(default_factory=dict)
    memo: QuestionnaireMemo = field(default_factory=dict)
    lowest: dict[str, dict[str, Any]] = field(default_factory=dict)  # trivial answers by sha256
    signatures: SignatureMemo | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, summed

    @classmethod
    def bundled(cls, trust: TrustList, evidence_limit: int = DEFAULT_EVIDENCE_LIMIT) -> Checker:
        """A checker whose official versions are the questionnaires bundled with the app."""
        return cls(trust, evidence_limit, dict(official_versions()))

    def lap(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - started
        return now

    def check(self, raw: bytes, name: str) -> Received:
        """The document verified and its columns extracted; Refused says why not."""
        if raw.startswith(ZIP_MAGIC):
            return self._package(raw, name)
        if raw.startswith(PDF_MAGIC):
            return self._report(raw, name)
        raise Refused("neither an assessment package (.diagpkg) nor a PDF report")

    def questionnaire_status(self, loaded: Loaded) -> str:
        """official: a bundled version, byte for byte in content; altered: a bundled id and version
        with other content; unknown: a version the app does not ship."""
        known = self.official.get(loaded.key)
        return "official" if known == loaded.sha256 else ("altered" if known else "unknown")

    def _extract(self, source: Source) -> Received:
        loaded = source.loaded
        if loaded.sha256 not in self.lowest:
            self.lowest[loaded.sha256] = lowest_answers(loaded)
        return extract(source, self.questionnaire_status(loaded), self.lowest[loaded.sha256])

    def _package(self, raw: bytes, name: str) -> Received:
        started = time.perf_counter()
        try:
            unpacked = read_package(raw, self.evidence_limit, self.memo)
        except PackageError as error:
            raise Refused(error.lines[0]) from None
        started = self.lap("read", started)
        signature = self._package_signature(unpacked)
        _refuse_broken(signature)
        meta = unpacked.meta
        _refuse_other_signer(signature, meta.assessment.model_dump())
        started = self.lap("signature", started)
        source = Source(
            loaded=unpacked.loaded,
            answers=dict(unpacked.values),
            notes={a.question_id: a.note for a in unpacked.answers if a.note},
            enterprise=meta.enterprise.model_dump(),
            assessment=meta.assessment.model_dump(),
            evidence=[e.model_dump() for e in meta.evidence],
            plan=unpacked.plan,
            history=[(h.changed_at, h.reason) for h in unpacked.history],
        )
        received = self._extract(source)
        self.lap("score", started)
        return received.documented(_sha(raw), "package", name, len(raw), signature, "")

    def _package_signature(self, unpacked: Unpacked) -> SignatureCheck:
        from diagnosis.signing.result import NOT_SIGNED, SignatureCheck

        if unpacked.signature is None:
            return SignatureCheck.failed(NOT_SIGNED)
        if self.signatures is None:
            self.signatures = SignatureMemo(self.trust)
        return self.signatures.check(unpacked.manifest, unpacked.signature)

    def _report(self, raw: bytes, name: str) -> Received:
        from diagnosis.report.verify import LEGACY_FORMAT, verify_pdf  # reportlab and pyHanko: PDFs only

        started = time.perf_counter()
        verdict = verify_pdf(raw, trust=self.trust, require_signature=False)
        if verdict.problems:
            first = verdict.problems[0]
            if isinstance(first, Message) and first.code == "legacy.pages_unchecked":
                raise Refused(msg("intake.legacy_report", format=LEGACY_FORMAT))  # what a clerk can do
            raise Refused(first)
        signature = verdict.signature
        assert signature is not None
        _refuse_broken(signature)
        started = self.lap("render", started)
        payload, loaded = self._payload(raw)
        source = Source(
            loaded=loaded,
            answers=dict(payload.answers),
            notes=dict(payload.notes),
            enterprise=payload.enterprise.model_dump(),
            assessment=payload.assessment.model_dump(),
            evidence=[e.model_dump() for e in payload.evidence],
            plan=payload.plan,
            history=None,  # a report carries no answer history
            timezone=payload.timezone,
        )
        received = self._extract(source)
        self.lap("score", started)
        return received.documented(_sha(raw), "report", name, len(raw), signature, "; ".join(verdict.notes))

    def _payload(self, raw: bytes) -> tuple[Any, Loaded]:
        """The report's embedded data and questionnaire (verify_pdf has checked both)."""
        from pypdf import PdfReader

        from diagnosis.report.pdf import PAYLOAD_NAME, QUESTIONNAIRE_NAME
        from diagnosis.report.source import ReportPayload

        attachments = PdfReader(io.BytesIO(raw)).attachments
        data = parse_json(attachments[PAYLOAD_NAME][0], PAYLOAD_NAME)  # never format 1: verify fails those
        embedded = attachments[QUESTIONNAIRE_NAME][0]
        key = _sha(embedded)
        if key not in self.memo:
            self.memo[key] = load_bytes("embedded questionnaire", embedded, use_cache=False)
        return ReportPayload.model_validate(data), self.memo[key]


def _refuse_broken(signature: SignatureCheck) -> None:
    """A signature that is there but fails any rule besides trust (changed after signing, not
    covering the file, not certifying, foreign annotations, a future signing time, a certificate
    expired or not meant for signing) is refused. Unsigned documents and sound signatures by
    signers off the trust list are taken in, and flagged."""
    if signature.signed and not signature.ok and not signature.only_untrusted():
        raise Refused(
            msg("signing.does_not_hold", reasons=joined(signature.reasons or [msg("signing.not_intact")]))
        )


def _refuse_other_signer(signature: SignatureCheck, assessment: dict[str, Any]) -> None:
    """A package signed by someone other than the provider it names, or signed before its
    assessment was finalized, is refused (a report: `verify_pdf` says so, `_report` refuses)."""
    from diagnosis.signing.binding import provider_mismatch, signed_too_early

    if not signature.signed or signature.signer is None:
        return
    problem = provider_mismatch(signature.signer, assessment, msg("binding.the_package")) or signed_too_early(
        signature.signed_at, assessment
    )
    if problem is not None:
        raise Refused(problem)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
