"""Times for people: stored in UTC, shown in local time (Asia/Shanghai unless DIAGNOSIS_TZ names
another IANA zone). A report records the zone it was made in, so it renders the same anywhere."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from diagnosis.messages import Message, msg

DEFAULT_ZONE = "Asia/Shanghai"


def zone_name() -> str:
    """The zone people read times in: DIAGNOSIS_TZ when it names a known zone, else Shanghai."""
    wanted = os.environ.get("DIAGNOSIS_TZ") or DEFAULT_ZONE
    return wanted if _known(wanted) else DEFAULT_ZONE


def zone_problem() -> Message | None:
    """Why DIAGNOSIS_TZ is not used, when it is set to something that is no zone (times are then
    shown in Shanghai time): for the person who set it, once."""
    wanted = os.environ.get("DIAGNOSIS_TZ")
    if not wanted or _known(wanted):
        return None
    shown = wanted[:40] + ("…" if len(wanted) > 40 else "")
    return msg("inputs.bad_zone", zone=shown, fallback=DEFAULT_ZONE)


@cache
def _known(name: str) -> bool:
    # "Asia" names a folder of the zone database and 300 characters a file name too long: the
    # lookup fails with an OSError there, not with ZoneInfoNotFoundError.
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def local(stamp: str | None, zone: str | None = None) -> dt.datetime | None:
    """A stored UTC time (ISO 8601) in local time; None for None or a malformed stamp."""
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(zone or zone_name()))


def told(moment: dt.datetime, zone: str | None = None) -> str:
    """An aware time as people read it, with its offset: '2026-03-05 14:30 UTC+08:00'."""
    shown = moment.astimezone(ZoneInfo(zone or zone_name()))
    return f"{shown:%Y-%m-%d %H:%M} {offset(shown)}"


def offset(moment: dt.datetime) -> str:
    """An aware time's offset as people read it: 'UTC+08:00'."""
    digits = moment.strftime("%z")  # +0800
    return f"UTC{digits[:3]}:{digits[3:]}"


def today(zone: str | None = None) -> dt.date:
    """Today where people read the times: from midnight to 08:00 in Shanghai, the day after the
    UTC date (and after the date of a machine whose clock runs in UTC)."""
    return dt.datetime.now(ZoneInfo(zone or zone_name())).date()


def local_date(stamp: str | None, zone: str | None = None) -> str:
    """'2026-03-02' in local time ('' when unknown)."""
    moment = local(stamp, zone)
    return moment.date().isoformat() if moment else ""


def local_minute(stamp: str | None, zone: str | None = None) -> str:
    """'2026-03-02 09:30' in local time ('' when unknown)."""
    moment = local(stamp, zone)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def utc_bounds(start: str | None, end: str | None, zone: str | None = None) -> tuple[str | None, str | None]:
    """Local calendar days [start, end] as UTC stamps [from, to) for filtering stored times."""
    tz = ZoneInfo(zone or zone_name())

    def at_midnight(day: str) -> str:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tz)
        return moment.astimezone(dt.UTC).isoformat(timespec="seconds")

    last = (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat() if end else None
    return (at_midnight(start) if start else None), (at_midnight(last) if last else None)
