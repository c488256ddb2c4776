"""From a verified document to the columns the intake stores: the enterprise, the provider, the
result (score, level, dimensions, scenes), the plan, KPIs, visits, evidence and its completeness,
the pace of the answer history, and the signature."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from diagnosis.intake.enterprises import enterprise_key, name_key
from diagnosis.loading import cache
from diagnosis.loading.load import Loaded
from diagnosis.localtime import local_date
from diagnosis.messages import render
from diagnosis.model.index import Index, index_of
from diagnosis.plan.effect import Side, basis
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import planned_result
from diagnosis.report.standing import standing
from diagnosis.scoring.context import context_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import NodeResult, ScoreResult
from diagnosis.scoring.sample import sample_answers
from diagnosis.signing.binding import same_party
from diagnosis.storage.answers import ANSWERED, FROM_FILE

if TYPE_CHECKING:
    from diagnosis.signing.result import SignatureCheck

PACE_WINDOW = 300  # seconds: the busiest stretch of the answer history is measured over 5 minutes
# History entries that are answers given now: typed one by one, or loaded from an answers file at
# once (those count too: a file is no way around the pace). Copies and carry-overs are not.
PACED = (ANSWERED, FROM_FILE)
MIN_FINDINGS_TEXT = 20  # characters: shorter findings ("数据管理薄弱") are alike without being copied
_NAMES = re.compile(r"[、,，;；/]+")


@dataclass
class Source:
    """One assessment as a document carries it (a package, or a report's embedded data)."""

    loaded: Loaded
    answers: dict[str, Any]
    notes: dict[str, str]
    enterprise: dict[str, Any]
    assessment: dict[str, Any]
    evidence: list[dict[str, Any]]
    plan: Plan | None
    history: list[tuple[str, str]] | None  # (changed_at, reason); None: not carried
    timezone: str | None = None  # the report's (a package's answers are read in the local zone)
    _scored: dict[str, ScoreResult | None] = field(default_factory=dict, repr=False)

    def context(self) -> Context:
        """What scoring reads beside the answers, as the report and the wizard build it."""
        return context_of(
            enterprise=self.enterprise,
            assessment=self.assessment,
            notes=self.notes,
            resolutions=self.plan.resolutions if self.plan is not None else {},
            timezone=self.timezone,
        )

    def result(self) -> ScoreResult:
        """The answers scored (without the gap analysis, which the intake does not store)."""
        if "now" not in self._scored:
            q, sha = self.loaded.questionnaire, self.loaded.sha256
            self._scored["now"] = score(
                q, self.answers, sha256=sha, strict=False, gaps=False, context=self.context()
            )
        result = self._scored["now"]
        assert result is not None
        return result

    def planned(self) -> ScoreResult | None:
        """The result once the plan's projects are done (None without projects)."""
        if "plan" not in self._scored:
            plan, q = self.plan, self.loaded.questionnaire
            self._scored["plan"] = (
                planned_result(q, self.answers, plan, self.loaded.sha256, gaps=False, context=self.context())
                if plan and plan.projects
                else None
            )
        return self._scored["plan"]


@dataclass
class Received:
    """Everything stored about one document: the assessment's columns, its detail rows by table,
    and the document's own row (hash, kind, signature)."""

    assessment: dict[str, Any]
    details: dict[str, list[dict[str, Any]]]
    document: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return str(self.document["sha256"])

    def documented(
        self, sha256: str, kind: str, name: str, size: int, signature: SignatureCheck, notes: str
    ) -> Received:
        """With the document's row: what it is and who signed it."""
        signer = signature.signer if signature.signed else None
        document = {
            "sha256": sha256,
            "kind": kind,
            "name": name[:1000],
            "size": size,
            "signed": signature.signed,
            "signature_ok": signature.ok,
            "trusted": signature.signed and signature.trusted,
            "signer_fingerprint": signer.fingerprint.lower() if signer else None,
            "signer_organisation": signer.display_name if signer else None,
            "signer_uscc": signer.uscc if signer else None,
            "signature": signature.summary(),
            "signature_zh": render(signature.summary(), "zh"),
            "notes": notes or None,
        }
        columns = self.assessment | {
            "signed": document["signed"],
            "trusted": document["trusted"],
            "signer": document["signer_organisation"],
        }
        return replace(self, assessment=columns, document=document)


def extract(source: Source, questionnaire_status: str, lowest: dict[str, Any]) -> Received:
    """The columns of one verified assessment; `lowest` is its questionnaire's trivial answer set."""
    q, index = source.loaded.questionnaire, index_of(source.loaded.questionnaire)
    result, planned = source.result(), source.planned()
    meta, firm = source.assessment, source.enterprise
    plan = source.plan
    visits = sorted(plan.process.visits, key=lambda v: v.date) if plan else []
    created = meta.get("created_at") or meta.get("updated_at") or meta.get("finalized_at")
    found = standing(source)  # what the report's cover states, counted the same way
    side = Side(q, source.answers, meta, plan, source.timezone)
    key = name_key(firm.get("name"), firm.get("province"), firm.get("city"))
    columns = {
        "uid": meta.get("uid") or _digest({"answers": source.answers, "enterprise": firm})[:32],
        "revision": meta.get("revision") or 1,
        "status": meta.get("status") or "draft",
        "mode": meta.get("mode") or "self",
        "enterprise_key": enterprise_key(firm.get("uscc"), key),
        "name_key": key,
        "uscc": firm.get("uscc"),
        "enterprise": firm.get("name") or "",
        **{k: firm.get(k) for k in ("province", "city", "county", "industry", "size_class")},
        "provider": meta.get("provider"),
        "assessor": meta.get("assessor"),
        "created_at": _moment(created),
        "finalized_at": _moment(meta.get("finalized_at")),
        "day": dt.date.fromisoformat(local_date(meta.get("finalized_at") or created) or "1970-01-01"),
        "report_number": meta.get("report_number"),
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "questionnaire_sha256": source.loaded.sha256,
        "questionnaire_status": questionnaire_status,
        "score": result.score,
        "max_score": result.max_score,
        **_level(index, result, ""),
        "questions_visible": result.completeness.visible,
        "na_share": result.na_share,
        "questions_answered": result.completeness.answered,
        "answers_digest": _digest(source.answers),
        "answers_trivial": result.score == 0 or source.answers == lowest,
        "evidence_count": len(source.evidence),
        "evidence_expected": found.evidence_expected,
        "evidence_covered": found.evidence_attached,
        "evidence_share": found.evidence_share,
        "open_warnings": found.open_warnings,
        "history_count": None if source.history is None else len(source.history),
        "pace_peak": None if source.history is None else pace_peak(source.history),
        "answers_from_file": None
        if source.history is None
        else sum(reason == FROM_FILE for _, reason in source.history),
        "plan_projects": len(plan.projects) if plan else 0,
        "plan_budget": plan.budget_total if plan else None,
        **(_level(index, planned, "planned_") if planned else _no_level("planned_")),
        **_findings(plan),
        "self_supplied": _self_supplied(plan, meta),
        "effect_basis": basis(side).as_data(),
        "first_visit": dt.date.fromisoformat(visits[0].date) if visits else None,
        "last_visit": dt.date.fromisoformat(visits[-1].date) if visits else None,
        "visit_count": len(visits),
        "signed": False,
        "trusted": False,
        "signer": None,
    }
    return Received(columns, _details(source, index, result, visits, plan))


def _findings(plan: Plan | None) -> dict[str, Any]:
    """The problems and needs as a fingerprint (the same text pasted for two enterprises is the
    same digest: compared without spacing, after NFKC, in any order), how many there are and how
    many still read as drafted from the gaps (drafts of alike gaps are alike, and count too)."""
    texts = [f.text for f in plan.findings] if plan else []
    if plan is not None and plan.needs_text:
        texts.append(plan.needs_text)
    folded = sorted("".join(unicodedata.normalize("NFKC", t).split()) for t in texts)
    enough = sum(map(len, folded)) >= MIN_FINDINGS_TEXT
    return {
        "findings_digest": _digest(folded) if enough else None,
        "findings_count": len(plan.findings) if plan else 0,
        "findings_drafted": sum(f.is_draft for f in plan.findings) if plan else 0,
    }


def _self_supplied(plan: Plan | None, meta: dict[str, Any]) -> str | None:
    """The projects whose supplier is the diagnosing provider itself (names compared as a
    signer is compared with the provider a document names), 、-joined; None when none."""
    provider, code = meta.get("provider"), meta.get("provider_uscc")
    if plan is None or not provider:
        return None
    own = [p.name for p in plan.projects if p.supplier and same_party(p.supplier, None, provider, code)]
    return "、".join(own)[:1000] or None


def _details(
    source: Source, index: Index, result: ScoreResult, visits: list[Any], plan: Plan | None
) -> dict[str, list[dict[str, Any]]]:
    from diagnosis.report.rows import scenes

    scene_rows, _ = scenes(source.loaded.questionnaire, result, "zh")
    names = _assessors(source.assessment.get("assessor"), plan)
    tables: dict[str, list[dict[str, Any]]] = {
        "dimensions": [
            {
                "dimension_id": node.id,
                "name": node.name.zh,
                "depth": depth,
                "score": node.score,
                "max_score": node.max_score,
                "level_id": node.level.id if node.level else None,
                "level_name": node.level.name.zh if node.level else None,
            }
            for node, depth in _walk(result.root, 0)
        ],
        "scenes": [
            {"name": s.name, "level": s.value, "level_name": s.level, "mandatory": s.mandatory}
            for s in scene_rows
        ],
        "kpis": [
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline,
                "target": k.target,
                "question_id": k.question,
            }
            for k in (plan.kpis if plan else [])
        ],
        "visits": [{"day": dt.date.fromisoformat(v.date), "hours": v.hours} for v in visits],
        "assessors": [{"name": name} for name in names],
        "evidence": [
            {"question_id": e["question_id"], "sha256": e["sha256"], "name": e["name"], "size": e["size"]}
            for e in source.evidence
        ],
    }
    return {table: _numbered(rows) for table, rows in tables.items()}


def _walk(node: NodeResult, depth: int) -> list[tuple[NodeResult, int]]:
    """Scored dimensions below the root, parents before children."""
    found: list[tuple[NodeResult, int]] = []
    for child in node.children:
        if child.max_score is not None or child.level is not None:
            found.append((child, depth + 1))
        found += _walk(child, depth + 1)
    return found


def _numbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row | {"position": n} for n, row in enumerate(rows, start=1)]


def _assessors(assessor: str | None, plan: Plan | None) -> list[str]:
    """Everyone named as assessor: the assessment's field (可多人, 、-separated) and the plan's."""
    names = [n.strip() for n in _NAMES.split(assessor or "") if n.strip()]
    names += [person.name.strip() for person in (plan.process.assessors if plan else [])]
    return list(dict.fromkeys(n[:200] for n in names if n))


def _level(index: Index, result: ScoreResult, prefix: str) -> dict[str, Any]:
    levels = [level.id for level in index.levels(index.root)]
    level = result.level
    return {
        f"{prefix}level_id": level.id if level else None,
        f"{prefix}level_name": level.name.zh if level else None,
        f"{prefix}level_rank": levels.index(level.id) + 1 if level and level.id in levels else 0,
    }


def _no_level(prefix: str) -> dict[str, Any]:
    return {f"{prefix}level_id": None, f"{prefix}level_name": None, f"{prefix}level_rank": None}


def pace_peak(history: list[tuple[str, str]], window: int = PACE_WINDOW) -> int:
    """The most answers given inside any `window` seconds of the history (typed or loaded)."""
    moments = sorted(
        dt.datetime.fromisoformat(stamp).timestamp() for stamp, reason in history if reason in PACED
    )
    best, first = 0, 0
    for last, moment in enumerate(moments):
        while moment - moments[first] > window:
            first += 1
        best = max(best, last - first + 1)
    return best


def lowest_answers(loaded: Loaded) -> dict[str, Any]:
    """The trivial answer set: every question at its lowest — what `sample --strategy min` gives.
    The checker keeps one per questionnaire, and the user cache keeps it between runs: tuning the
    figures takes seconds for the larger questionnaires (2.3 s for sme-digital-2024 1.2.0), paid
    by every worker process of every `intake add` before."""
    kept = cache.derived("lowest-answers", loaded.sha256)
    if isinstance(kept, dict):
        return kept
    answers = sample_answers(loaded.questionnaire, "min")
    cache.keep("lowest-answers", loaded.sha256, answers)
    return answers


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _moment(stamp: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC) if stamp else None
