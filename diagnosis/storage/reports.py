"""Read-side views over the store: assessment list, comparison, provider summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from diagnosis.errors import DiagnosisError
from diagnosis.localtime import local, local_date
from diagnosis.messages import msg
from diagnosis.storage.db import Store

if TYPE_CHECKING:  # the models load where a score is computed: listing assessments needs none
    from diagnosis.model import Lang, Level
    from diagnosis.scoring.result import NodeResult

_LIST = """
SELECT a.id, a.uid, a.revision, a.status, a.mode, a.provider, a.assessor, a.questionnaire_id,
       a.questionnaire_version, a.created_at, a.updated_at, a.finalized_at, a.based_on,
       e.id AS enterprise_id, e.name AS enterprise, e.uscc,
       (SELECT COUNT(*) FROM answers w WHERE w.assessment_id = a.id AND w.value IS NOT NULL) AS answered
FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
"""


def list_assessments(store: Store, search: str | None = None) -> list[dict[str, Any]]:
    """All assessments, newest change first; `search` matches enterprise name, code or questionnaire."""
    where, params = "", []
    if search:
        where = " WHERE e.name LIKE ? OR e.uscc LIKE ? OR a.questionnaire_id LIKE ?"
        params = [f"%{search}%"] * 3
    cursor = store.db.execute(_LIST + where + " ORDER BY a.updated_at DESC, a.id DESC", params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@dataclass
class DimensionDelta:
    id: str
    name: dict[str, str | None]
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 4)


@dataclass
class Comparison:
    before_id: int
    after_id: int
    before_score: float
    after_score: float
    before_level: Level | None
    after_level: Level | None
    dimensions: list[DimensionDelta]


def compare(store: Store, before_id: int, after_id: int) -> Comparison:
    from diagnosis.storage.assessments import get_assessment, score_assessment

    """Per-dimension deltas and the level change between two assessments (改造前 / 改造后)."""
    first, second = get_assessment(store, before_id), get_assessment(store, after_id)
    if first["questionnaire_id"] != second["questionnaire_id"]:
        raise DiagnosisError(
            msg(
                "storage.other_questionnaires",
                before=before_id,
                first=first["questionnaire_id"],
                after=after_id,
                second=second["questionnaire_id"],
            )
        )
    before, _ = score_assessment(store, before_id)
    after, _ = score_assessment(store, after_id)
    rows = []
    for node in _walk(after.root):
        if node.max_score is None:
            continue
        old = before.nodes.get(node.id)
        rows.append(
            DimensionDelta(
                node.id, {"zh": node.name.zh, "en": node.name.en}, old.score if old else None, node.score
            )
        )
    return Comparison(before_id, after_id, before.score, after.score, before.level, after.level, rows)


def _walk(node: NodeResult) -> list[NodeResult]:
    """Dimensions parents first, in questionnaire order (the root itself left out)."""
    return [n for child in node.children for n in (child, *_walk(child))]


MODES = {"self": ("企业自评估", "self-assessment"), "onsite": ("现场诊断", "on-site diagnosis")}
STATUSES = {"draft": ("草稿", "draft"), "finalized": ("已定稿", "finalized")}


@dataclass
class SummaryRow:
    """One assessment in a provider's summary (dates local, scores rounded, words per language)."""

    id: int
    report_number: str | None
    enterprise: str
    uscc: str | None
    province: str | None
    city: str | None
    county: str | None
    industry: str | None
    size_class: str | None
    questionnaire: str
    version: str
    mode: str
    provider: str | None
    assessor: str | None
    created: dt.date | None
    finalized: dt.date | None
    status: str
    score: float
    max_score: float
    level: str | None
    level_en: str | None
    completeness: float
    based_on: int | None

    @property
    def rate(self) -> float | None:
        return round(self.score / self.max_score, 4) if self.max_score else None

    def mode_text(self, lang: Lang) -> str:
        zh, en = MODES.get(self.mode, (self.mode, self.mode))
        return zh if lang == "zh" else en

    def status_text(self, lang: Lang) -> str:
        zh, en = STATUSES.get(self.status, (self.status, self.status))
        return zh if lang == "zh" else en

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created"] = self.created.isoformat() if self.created else None
        data["finalized"] = self.finalized.isoformat() if self.finalized else None
        return data | {"rate": self.rate}


def provider_summary(
    store: Store,
    provider: str | None = None,
    start: str | None = None,
    end: str | None = None,
    drafts: bool = False,
    zone: str | None = None,
) -> list[SummaryRow]:
    """A provider's finalized assessments (drafts too on request) whose local date — the day of
    finalizing, for a draft the day it was made — falls in [start, end]."""
    from diagnosis.storage.assessments import score_assessment

    out = []
    for row in sorted(_summary_rows(store), key=lambda r: (r["finalized_at"] or r["created_at"], r["id"])):
        if provider and (row["provider"] or "") != provider:
            continue
        if row["status"] != "finalized" and not drafts:
            continue
        day = local_date(row["finalized_at"] or row["created_at"], zone)
        if (start and day < start) or (end and day > end):
            continue
        result, _ = score_assessment(store, row["id"])
        out.append(
            SummaryRow(
                id=row["id"],
                report_number=row["report_number"],
                enterprise=row["enterprise"],
                uscc=row["uscc"],
                province=row["province"],
                city=row["city"],
                county=row["county"],
                industry=row["industry"],
                size_class=row["size_class"],
                questionnaire=row["questionnaire_id"],
                version=row["questionnaire_version"],
                mode=row["mode"],
                provider=row["provider"],
                assessor=row["assessor"],
                created=_day(row["created_at"], zone),
                finalized=_day(row["finalized_at"], zone),
                status=row["status"],
                score=round(result.score, 4),
                max_score=round(result.max_score, 4),
                level=result.level.name.zh if result.level else None,
                level_en=result.level.name.get("en") if result.level else None,
                completeness=round(result.completeness.ratio, 4),
                based_on=row["based_on"],
            )
        )
    return out


def _summary_rows(store: Store) -> list[dict[str, Any]]:
    cursor = store.db.execute(
        "SELECT a.*, e.name AS enterprise, e.uscc, e.province, e.city, e.county, e.industry, e.size_class "
        "FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id"
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _day(stamp: str | None, zone: str | None) -> dt.date | None:
    moment = local(stamp, zone)
    return moment.date() if moment else None


@dataclass
class Overview:
    """Where one assessment stands, for a list: score, level and how much is answered."""

    score: float
    max_score: float
    level: Level | None
    answered: int
    visible: int

    @property
    def completeness(self) -> float:
        return self.answered / self.visible if self.visible else 1.0


def overview(store: Store, assessment_id: int) -> Overview:
    """Score, level and completeness of one assessment (scored with its pinned questionnaire)."""
    from diagnosis.storage.assessments import score_assessment

    result, _ = score_assessment(store, assessment_id)
    done = result.completeness
    return Overview(result.score, result.max_score, result.level, done.answered, done.visible)
