"""Words and numbers the claim outputs share (Excel, PDF, the command line)."""

from __future__ import annotations

import datetime as dt

from diagnosis.numbers import percent

BY_NAMES = {
    "provider": ("服务机构", "provider"),
    "city": ("市", "city"),
    "county": ("县（市、区）", "county"),
    "industry": ("行业", "industry"),
    "questionnaire": ("问卷", "questionnaire"),
}


def rate(value: float | None) -> str:
    """A share as people read it: '87%' ('—' when there is nothing to measure)."""
    return percent(value)


def period(start: dt.date | None, end: dt.date | None) -> str:
    """'2026-01-01 至 2026-12-31', open ends said plainly."""
    if start is None and end is None:
        return "全部（不限日期）"
    return f"{start.isoformat() if start else '最早'} 至 {end.isoformat() if end else '最近'}"
