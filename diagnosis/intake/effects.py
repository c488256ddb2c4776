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

from diagnosis.plan.effect import Basis, Effect, judge

COLUMNS = ("id", "uid", "enterprise_key", "questionnaire_id", "day", "last_visit", "effect_basis")


@dataclass
class Pair:
    """A re-assessment (`after`) and its baseline (`before`): rows of `assessments`."""

    before: Mapping[str, Any]
    after: Mapping[str, Any]
    effect: Effect

    @property
    def counts(self) -> bool:
        return self.effect.counts


def pairs(rows: Iterable[Mapping[str, Any]]) -> list[Pair]:
    """For each enterprise (`enterprise_key`: the one it counts for) and questionnaire: its first
    assessment against its latest, when they are different assessments (uids), judged."""
    series: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        series[(row["enterprise_key"], row["questionnaire_id"])].append(row)
    found = []
    for _, items in sorted(series.items()):
        items.sort(key=order)
        first, last = items[0], items[-1]
        if first["uid"] != last["uid"]:
            found.append(Pair(first, last, judge(basis_of(first), basis_of(last))))
    return found


def order(row: Mapping[str, Any]) -> tuple[dt.date, int]:
    """Older to newer: the day it counts for, then the order received."""
    return row["day"], row["id"]


def basis_of(row: Mapping[str, Any]) -> Basis:
    """What the row keeps for the effect checks; a row received before schema 0004 kept none: its
    day only (its figures and its plan's months were not kept, so those checks cannot run)."""
    data = row.get("effect_basis")
    if data:
        return Basis.from_data(data)
    return Basis(row.get("last_visit") or row["day"])
