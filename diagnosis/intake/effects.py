"""Effect that is measured, at the scale of the intake: each enterprise's baseline and its latest
assessment of the same questionnaire, judged by the rule the report uses (`plan.effect.judge`):
older to newer, late enough for the plan's projects, figures measured again. The claim tables
count as effect only the pairs that pass; the flags name the ones that do not."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from diagnosis.intake.schema import assessments
from diagnosis.plan.effect import Basis, Effect, judge

# What finding the pairs takes; each pair's basis (JSON, the costly part) is read for its two
# assessments only, a small share of the claims.
COLUMNS = ("id", "uid", "enterprise_key", "questionnaire_id", "day", "last_visit")
CHUNK = 5000  # ids per IN (…): below SQLite's and PostgreSQL's limits on parameters


@dataclass
class Pair:
    """A re-assessment (`after`) and its baseline (`before`): rows of `assessments`."""

    before: Mapping[str, Any]
    after: Mapping[str, Any]
    effect: Effect

    @property
    def counts(self) -> bool:
        return self.effect.counts


Row = Mapping[str, Any]


def ends(rows: Iterable[Row]) -> list[tuple[Row, Row]]:
    """For each enterprise (`enterprise_key`: the one it counts for) and questionnaire: its first
    assessment and its latest, when they are different assessments (uids)."""
    series: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        series[(row["enterprise_key"], row["questionnaire_id"])].append(row)
    found = []
    for _, items in sorted(series.items()):
        items.sort(key=order)
        if items[0]["uid"] != items[-1]["uid"]:
            found.append((items[0], items[-1]))
    return found


def pairs(conn: Connection, rows: Iterable[Row]) -> list[Pair]:
    """The `ends` of `rows`, judged on the bases their assessments kept."""
    found = ends(rows)
    kept = _bases(conn, sorted({row["id"] for pair in found for row in pair}))
    return [Pair(first, last, judge(basis_of(first, kept), basis_of(last, kept))) for first, last in found]


def _bases(conn: Connection, ids: list[int]) -> dict[int, Any]:
    A = assessments.c
    kept: dict[int, Any] = {}
    for chunk in (ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)):
        kept |= dict(conn.execute(select(A.id, A.effect_basis).where(A.id.in_(chunk))).all())
    return kept


def order(row: Mapping[str, Any]) -> tuple[dt.date, int]:
    """Older to newer: the day it counts for, then the order received."""
    return row["day"], row["id"]


def basis_of(row: Row, kept: Mapping[int, Any]) -> Basis:
    """What the row's assessment kept for the effect checks; a row received before schema 0004
    kept none: its day only (its figures and its plan's months were not kept, so those checks
    cannot run)."""
    data = kept.get(row["id"])
    if data:
        return Basis.from_data(data)
    return Basis(row.get("last_visit") or row["day"])
