"""Words and numbers the claim outputs share (Excel, PDF, the command line)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from diagnosis.localtime import zone_name
from diagnosis.messages import Lang, Message, msg
from diagnosis.numbers import percent

if TYPE_CHECKING:
    from diagnosis.intake.ledger import Claim

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


def status(claim: Claim) -> Message:
    """可拨付 / 暂缓 (payable / held)."""
    return msg(f"pay.status.{claim.status}")


def kind(claim: Claim) -> Message:
    """诊断 / 复评成效 / 重复诊断."""
    return msg(f"pay.kind.{claim.kind}")


def released(claim: Claim, lang: Lang) -> str:
    """Each release of the claim: when (local time), by whom, the note."""
    return "；".join(
        msg(
            "release.shown",
            at=local_moment(r.at),
            by=r.by or "—",
            note=r.note,
        ).text(lang)
        for r in claim.releases
    )


def local_moment(moment: dt.datetime) -> str:
    """'2027-01-05 14:30', a stored UTC time in the local zone."""
    stamp = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return f"{stamp.astimezone(ZoneInfo(zone_name())):%Y-%m-%d %H:%M}"
