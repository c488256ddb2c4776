"""Which assessments count: the newest finalized revision of each assessment (by uid). Derived
when querying, so revisions arriving in any order, from any number of clerks, always agree."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Select, and_, exists, select

from diagnosis.intake.schema import assessments

FINALIZED = "finalized"


def counted(until: dt.date | None = None) -> ColumnElement[bool]:
    """The condition on `assessments` for a revision that counts (finalized, none newer)."""
    newer = assessments.alias("newer")
    condition = and_(
        assessments.c.status == FINALIZED,
        ~exists().where(
            newer.c.uid == assessments.c.uid,
            newer.c.revision > assessments.c.revision,
            newer.c.status == FINALIZED,
        ),
    )
    return and_(condition, assessments.c.day <= until) if until else condition


def counted_ids(until: dt.date | None = None) -> Select[tuple[int]]:
    """The ids of the revisions that count, as a subquery to join or filter with."""
    return select(assessments.c.id).where(counted(until))
