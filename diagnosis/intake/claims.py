"""The claim tables (plain data, then laid out as Excel or PDF): enterprises diagnosed, each USCC
counted once; the level distribution; the effect (enterprises with a baseline and a later
assessment whose effect is measured — `intake.effects` — level up, same or down, KPI changes, and
how many re-assessments did not count as effect); evidence completeness; the share signed and
trusted — in total and by provider, city, county, industry or questionnaire."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Engine, select

from diagnosis.intake import effects as measured
from diagnosis.intake.current import counted, counted_ids
from diagnosis.intake.enterprises import identities
from diagnosis.intake.schema import assessments, kpis
from diagnosis.messages import Message

By = Literal["provider", "city", "county", "industry", "questionnaire"]
BY_COLUMN = {
    "provider": "provider",
    "city": "city",
    "county": "county",
    "industry": "industry",
    "questionnaire": "questionnaire_id",
}
TOTAL = "合计"
NONE = "（未填）"
COLUMNS = (
    "id",
    "uid",
    "enterprise_key",
    "name_key",
    "uscc",
    "enterprise",
    "province",
    "city",
    "county",
    "industry",
    "size_class",
    "provider",
    "mode",
    "day",
    "questionnaire_id",
    "questionnaire_version",
    "level_name",
    "level_rank",
    "score",
    "evidence_expected",
    "evidence_covered",
    "signed",
    "trusted",
    "plan_budget",
    "last_visit",
)


@dataclass
class Group:
    """One row of the volume-and-effect table."""

    name: str
    enterprises: int = 0
    assessments: int = 0
    onsite: int = 0
    with_effect: int = 0  # enterprises with a baseline and a later assessment whose effect counts
    not_measured: int = 0  # re-assessments whose effect does not count (too early, figures copied)
    up: int = 0
    same: int = 0
    down: int = 0
    evidence: float | None = None  # mean share of the evidence called for that is there
    signed: float = 0.0
    trusted: float = 0.0
    budget: float = 0.0  # planned investment, 万元


@dataclass
class Effect:
    """One enterprise's baseline and its later assessment of the same questionnaire."""

    enterprise: str
    uscc: str | None
    questionnaire: str
    group: str
    key: str  # the enterprise it counts for
    before: str
    after: str
    change: int  # level ranks: +1 one level up
    score_change: float
    counts: bool = True  # measured: late enough, figures entered afresh (plan.effect.judge)
    reasons: list[Message] = field(default_factory=list)  # why it does not count
    before_id: int = 0
    after_id: int = 0


@dataclass
class KpiChange:
    name: str
    unit: str
    enterprises: int
    before: float
    after: float
    reached: int  # enterprises whose later value reaches the earlier target


@dataclass
class Claims:
    by: By | None
    start: dt.date | None
    end: dt.date | None
    groups: list[Group]
    total: Group
    levels: list[tuple[str, str, str, int]]  # group, questionnaire, level, enterprises
    effects: list[Effect]
    kpis: list[KpiChange]
    enterprises: list[dict[str, Any]] = field(default_factory=list)  # the per-enterprise basis


def claim_tables(
    engine: Engine, by: By | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> Claims:
    """Everything the claim report shows, for assessments finalized in [start, end]."""
    with engine.connect() as conn:
        rows = [
            dict(r._mapping)
            for r in conn.execute(select(*[assessments.c[c] for c in COLUMNS]).where(counted(end)))
        ]
        counts_for = identities(rows)
        for row in rows:  # the enterprise each counts for: a claim without a code matched by name
            row["enterprise_key"] = counts_for[row["id"]]
        wanted = select(kpis.c.assessment_id, kpis.c.name, kpis.c.unit, kpis.c.baseline, kpis.c.target)
        kpi_rows = conn.execute(wanted.where(kpis.c.assessment_id.in_(counted_ids(end)))).all()
        judged = measured.pairs(conn, rows)
    column = BY_COLUMN[by] if by else None
    period = [r for r in rows if start is None or r["day"] >= start]
    effects, pairs = _effects(judged, period, column)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in period:
        groups[_group(row, column)].append(row)
    table = [_summary(name, members, effects) for name, members in sorted(groups.items())]
    return Claims(
        by=by,
        start=start,
        end=end,
        groups=table if column else [],
        total=_summary(TOTAL, period, effects),
        levels=_levels(period, column),
        effects=effects,
        kpis=_kpi_changes(pairs, kpi_rows),
        enterprises=_enterprises(period, effects),
    )


def _group(row: Mapping[str, Any], column: str | None) -> str:
    return (row[column] or NONE) if column else TOTAL


def _summary(name: str, rows: list[dict[str, Any]], effects: list[Effect]) -> Group:
    group = Group(name, enterprises=len({r["enterprise_key"] for r in rows}), assessments=len(rows))
    if not rows:
        return group
    group.onsite = sum(r["mode"] == "onsite" for r in rows)
    every = [e for e in effects if name in (TOTAL, e.group)]
    mine = [e for e in every if e.counts]
    group.with_effect = len({e.key for e in mine})
    group.not_measured = len(every) - len(mine)
    group.up = sum(e.change > 0 for e in mine)
    group.same = sum(e.change == 0 for e in mine)
    group.down = sum(e.change < 0 for e in mine)
    shares = [r["evidence_covered"] / r["evidence_expected"] for r in rows if r["evidence_expected"]]
    group.evidence = sum(shares) / len(shares) if shares else None
    group.signed = sum(bool(r["signed"]) for r in rows) / len(rows)
    group.trusted = sum(bool(r["trusted"]) for r in rows) / len(rows)
    group.budget = sum(r["plan_budget"] or 0.0 for r in rows)
    return group


def _effects(
    judged: list[measured.Pair], period: list[dict[str, Any]], column: str | None
) -> tuple[list[Effect], list[tuple[int, int]]]:
    """For each enterprise and questionnaire: its first assessment against its latest, when the
    latest falls in the period and is another assessment (another uid) than the first; judged,
    and the pairs whose effect counts (for the KPI changes)."""
    in_period = {r["id"] for r in period}
    effects, pairs = [], []
    for pair in judged:
        first, last = pair.before, pair.after
        if last["id"] not in in_period:
            continue
        effects.append(
            Effect(
                enterprise=last["enterprise"],
                uscc=last["uscc"],
                questionnaire=last["questionnaire_id"],
                group=_group(last, column),
                key=last["enterprise_key"],
                before=first["level_name"] or "未定级",
                after=last["level_name"] or "未定级",
                change=last["level_rank"] - first["level_rank"],
                score_change=last["score"] - first["score"],
                counts=pair.counts,
                reasons=pair.effect.reasons,
                before_id=first["id"],
                after_id=last["id"],
            )
        )
        if pair.counts:
            pairs.append((first["id"], last["id"]))
    return effects, pairs


def _kpi_changes(pairs: list[tuple[int, int]], rows: Iterable[Any]) -> list[KpiChange]:
    """Per KPI (by name and unit): the baseline then and the value measured at the later visit."""
    by_assessment: dict[int, dict[tuple[str, str], Any]] = defaultdict(dict)
    for row in rows:
        by_assessment[row.assessment_id][(row.name, row.unit or "")] = row
    changes: dict[tuple[str, str], list[tuple[float, float, bool]]] = defaultdict(list)
    for before_id, after_id in pairs:
        later = by_assessment.get(after_id, {})
        for key, then in by_assessment.get(before_id, {}).items():
            now = later.get(key)
            if now is None or then.baseline is None or now.baseline is None:
                continue
            target = then.target
            lower = target is not None and target < then.baseline
            reached = target is not None and (now.baseline <= target if lower else now.baseline >= target)
            changes[key].append((then.baseline, now.baseline, reached))
    return [
        KpiChange(
            name,
            unit,
            len(values),
            sum(v[0] for v in values) / len(values),
            sum(v[1] for v in values) / len(values),
            sum(v[2] for v in values),
        )
        for (name, unit), values in sorted(changes.items())
    ]


def _levels(rows: list[dict[str, Any]], column: str | None) -> list[tuple[str, str, str, int]]:
    """Enterprises by the level of their latest assessment, per group and questionnaire."""
    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["day"], r["id"])):
        latest[(_group(row, column), row["questionnaire_id"], row["enterprise_key"])] = row
    counts: dict[tuple[str, str, int, str], int] = defaultdict(int)
    for (group, questionnaire, _), row in latest.items():
        counts[(group, questionnaire, row["level_rank"], row["level_name"] or "未定级")] += 1
    return [(g, q, name, n) for (g, q, _, name), n in sorted(counts.items())]


def _enterprises(rows: list[dict[str, Any]], effects: list[Effect]) -> list[dict[str, Any]]:
    """One line per enterprise (each USCC once): the basis of the subsidy per enterprise."""
    change = {e.key: e for e in effects if e.counts}
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["enterprise_key"]].append(row)
    lines = []
    for _key, items in sorted(found.items(), key=lambda kv: (kv[1][0]["city"] or "", kv[0])):
        items.sort(key=lambda r: (r["day"], r["id"]))
        last = items[-1]
        effect = change.get(last["enterprise_key"])
        lines.append(
            {
                "enterprise": last["enterprise"],
                "uscc": next((r["uscc"] for r in reversed(items) if r["uscc"]), None),
                "region": " ".join(p for p in (last["province"], last["city"], last["county"]) if p),
                "industry": last["industry"],
                "size": last["size_class"],
                "providers": "、".join(sorted({r["provider"] or NONE for r in items})),
                "assessments": len(items),
                "first_day": items[0]["day"],
                "last_day": last["day"],
                "questionnaire": f"{last['questionnaire_id']}@{last['questionnaire_version']}",
                "level": last["level_name"] or "未定级",
                "effect": (f"{effect.before} → {effect.after}" if effect else ""),
                "signed": all(r["signed"] for r in items),
                "trusted": all(r["trusted"] for r in items),
            }
        )
    return lines
