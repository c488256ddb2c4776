"""What a report is built from, and the data embedded in the PDF to verify it.

The payload holds everything the report is rendered from — the pinned questionnaire (id,
version, sha256; the file itself is embedded beside it), answers and notes, enterprise and
assessment records, the evidence register, the diagnosis plan, the earlier assessment it is
compared with, the report's language and time zone, the renderer's versions and the signer —
plus the declared result. Rendering is deterministic, so `verify` can rebuild the report from
the payload alone and compare it with the file page by page. Its SHA-256 is printed on every page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from typing import Any, Literal

from pydantic import Field

from diagnosis import __version__, paths
from diagnosis.loading.load import Loaded
from diagnosis.localtime import zone_name
from diagnosis.model import Lang
from diagnosis.model.base import Id
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import planned_result
from diagnosis.records import (
    ASSESSMENT_FIELDS,
    ENTERPRISE_FIELDS,
    EVIDENCE_REF_FIELDS,
    AssessmentSection,
    EnterpriseSection,
    EvidenceRef,
    Line,
    Note,
    QuestionnaireRef,
    Record,
    Sha256,
    Stamp,
    travelling,
)
from diagnosis.scoring.context import context_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult

PAYLOAD_FORMAT = "diagnosis-report-data/2"
EVIDENCE_KEYS = EVIDENCE_REF_FIELDS


class DeclaredResult(Record):
    score: float = Field(allow_inf_nan=False)
    max_score: float = Field(allow_inf_nan=False)
    level: Id | None


class Renderer(Record):
    """What rendered the pages: the same versions render the same bytes."""

    app: Line
    reportlab: Line
    pypdf: Line
    fonts: Sha256


class Signer(Record):
    """Who signs the report, as printed in its footer, its signature block and its QR code.
    `signed_at` is the moment signing began, printed on the page before the signature exists:
    `verify` holds the signature's own signing time to it."""

    name: Line
    organisation: Line | None = None
    uscc: Line | None = None
    fingerprint: Sha256
    signed_at: Stamp | None = None

    def data(self) -> dict[str, Any]:
        """As embedded: without `signed_at` when unknown (the form reports had before it existed)."""
        return self.model_dump(exclude={"signed_at"} if self.signed_at is None else set())


class PreviousPayload(Record):
    questionnaire: QuestionnaireRef
    enterprise: EnterpriseSection
    assessment: AssessmentSection
    answers: dict[Id, Any]
    notes: dict[Id, Note] = {}
    evidence: list[EvidenceRef] = []
    plan: Plan | None = None
    result: DeclaredResult


class ReportPayload(Record):
    """The embedded data as `verify` reads it from a stranger's PDF: validated before use."""

    format: Literal["diagnosis-report-data/2"]
    lang: Lang
    timezone: Line
    questionnaire: QuestionnaireRef
    enterprise: EnterpriseSection
    assessment: AssessmentSection
    answers: dict[Id, Any]
    notes: dict[Id, Note]
    evidence: list[EvidenceRef]
    plan: Plan | None = None
    previous: PreviousPayload | None = None
    result: DeclaredResult
    planned: DeclaredResult | None = None
    renderer: Renderer
    signer: Signer | None = None


@dataclass
class ReportInput:
    """One assessment as the report sees it (from the database, an answers file, or a payload)."""

    loaded: Loaded
    answers: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    enterprise: dict[str, Any] = field(default_factory=dict)
    assessment: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    plan: Plan | None = None
    previous: ReportInput | None = None
    timezone: str = field(default_factory=zone_name)
    _scored: dict[bytes, ScoreResult | None] = field(default_factory=dict, repr=False, compare=False)

    def context(self) -> Context:
        """What scoring reads beside the answers (the one builder every caller uses)."""
        return context_of(
            enterprise=self.enterprise,
            assessment=self.assessment,
            notes=self.notes,
            resolutions=self.plan.resolutions if self.plan is not None else {},
            timezone=self.timezone,
        )

    def _key(self, kind: bytes, **more: Any) -> bytes:
        given = {"notes": self.notes, "resolutions": self.plan.resolutions if self.plan else {}}
        return kind + canonical({"answers": self.answers, "q": self.loaded.sha256, **given, **more})

    def result(self) -> ScoreResult:
        """The answers scored (once per distinct answers: every section of a report asks)."""
        key = self._key(b"now")
        if key not in self._scored:
            self._scored[key] = score(
                self.loaded.questionnaire,
                self.answers,
                sha256=self.loaded.sha256,
                strict=False,
                context=self.context(),
            )
        return self._scored[key]  # type: ignore[return-value]

    def planned(self) -> ScoreResult | None:
        """The result once the plan's projects are done (None without projects)."""
        if self.plan is None or not self.plan.projects:
            return None
        key = self._key(b"plan", plan=self.plan.model_dump(mode="json"))
        if key not in self._scored:
            self._scored[key] = planned_result(
                self.loaded.questionnaire, self.answers, self.plan, self.loaded.sha256, context=self.context()
            )
        return self._scored[key]


def declared(result: ScoreResult) -> dict[str, Any]:
    return {
        "score": round(result.score, 4),
        "max_score": round(result.max_score, 4),
        "level": result.level.id if result.level else None,
    }


def payload(
    source: ReportInput, lang: Lang, signer: Signer | None = None, made_by: Renderer | None = None
) -> dict[str, Any]:
    """The verification payload: plain JSON data, canonical once serialised by `canonical`.
    `made_by` names another renderer than this one (`verify` renders a report again as the
    renderer it names: if the bytes come out the same, this version renders it identically)."""
    planned = source.planned()
    data: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "lang": lang,
        "timezone": source.timezone,
        **_core(source),
        "planned": declared(planned) if planned is not None else None,
        "renderer": made_by.model_dump() if made_by is not None else renderer(),
        "signer": signer.data() if signer is not None else None,
    }
    if source.previous is not None:
        data["previous"] = _core(source.previous)
    else:
        data["previous"] = None
    return data


def _core(source: ReportInput) -> dict[str, Any]:
    """What one assessment contributes: records, answers, evidence, plan and declared result."""
    return {
        "questionnaire": {
            "id": source.loaded.questionnaire.id,
            "version": source.loaded.questionnaire.version,
            "sha256": source.loaded.sha256,
        },
        "enterprise": {k: source.enterprise.get(k) for k in ENTERPRISE_FIELDS},
        "assessment": travelling(source.assessment),
        "answers": source.answers,
        "notes": source.notes,
        "evidence": [{k: e.get(k) for k in EVIDENCE_KEYS} for e in source.evidence],
        "plan": source.plan.model_dump(mode="json") if source.plan is not None else None,
        "result": declared(source.result()),
    }


def from_payload(data: ReportPayload, loaded: Loaded, previous_loaded: Loaded | None = None) -> ReportInput:
    """The report's input rebuilt from its embedded data (what `verify` renders again)."""
    source = ReportInput(
        loaded=loaded,
        answers=dict(data.answers),
        notes=dict(data.notes),
        enterprise=data.enterprise.model_dump(),
        assessment={k: getattr(data.assessment, k) for k in ASSESSMENT_FIELDS},
        evidence=[e.model_dump() for e in data.evidence],
        plan=data.plan,
        timezone=data.timezone,
    )
    if data.previous is not None:
        before = data.previous
        source.previous = ReportInput(
            loaded=previous_loaded or loaded,
            answers=dict(before.answers),
            notes=dict(before.notes),
            enterprise=before.enterprise.model_dump(),
            assessment={k: getattr(before.assessment, k) for k in ASSESSMENT_FIELDS},
            evidence=[e.model_dump() for e in before.evidence],
            plan=before.plan,
            timezone=data.timezone,
        )
    return source


@cache
def renderer() -> dict[str, str]:
    """The versions that decide the bytes of a rendered page."""
    fonts = hashlib.sha256()
    for path in sorted((paths.resources() / "fonts").glob("*.ttf*")):  # the packed fallbacks too
        fonts.update(path.name.encode() + b"\0" + path.read_bytes())
    return {
        "app": __version__,
        "reportlab": _version("reportlab"),
        "pypdf": _version("pypdf"),
        "fonts": fonts.hexdigest(),
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # a frozen app without the metadata
        module = __import__(package)
        return str(getattr(module, "Version", getattr(module, "__version__", "unknown")))


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def verification_code(full_digest: str) -> str:
    """The short form printed on every page: 16 hex digits in groups of four."""
    short = full_digest[:16].upper()
    return "-".join(short[i : i + 4] for i in range(0, 16, 4))


def report_number(source: ReportInput) -> str:
    """The number given at finalize; a draft (or an answers file) gets a provisional one,
    stable for its data: DRAFT-<uid>-R<revision>."""
    meta = source.assessment
    if meta.get("report_number"):
        return str(meta["report_number"])
    uid = str(meta.get("uid") or digest({"answers": source.answers})[:8])
    return f"DRAFT-{uid[:8].upper()}-R{meta.get('revision') or 1}"
