"""Plan fields as people type them: months ('2026-3', '2026年3月'), days ('2026/3/5'), amounts in
万元 ('1,200', '120万'), hours and plain figures. Each reader gives the stored form, or a sentence
in both languages saying what is wrong (the figures go through `answer_input`, as answers do)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from diagnosis.answer_input import Parsed, parse_number
from diagnosis.model import NumberQuestion, Text

_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def read_month(typed: str) -> tuple[str | None, Text | None]:
    """'YYYY-MM' (None for an empty field)."""
    text = unicodedata.normalize("NFKC", typed).strip()
    if not text:
        return None, None
    found = _MONTH.match(text)
    if found and 1 <= int(found[2]) <= 12:
        return f"{found[1]}-{int(found[2]):02d}", None
    return None, Text(
        zh=f"“{typed.strip()}”不是月份，请按 2026-03 的格式填写。",
        en=f'"{typed.strip()}" is not a month; type it as 2026-03.',
    )


def read_day(typed: str) -> tuple[str | None, Text | None]:
    """'YYYY-MM-DD', a real calendar day (None for an empty field)."""
    text = unicodedata.normalize("NFKC", typed).strip()
    if not text:
        return None, None
    found = _DAY.match(text)
    if found:
        try:
            return dt.date(int(found[1]), int(found[2]), int(found[3])).isoformat(), None
        except ValueError:
            pass
    return None, Text(
        zh=f"“{typed.strip()}”不是日期，请按 2026-03-05 的格式填写。",
        en=f'"{typed.strip()}" is not a date; type it as 2026-03-05.',
    )


def read_amount(typed: str) -> Parsed:
    """An amount in 万元, not negative ('120万' and '1,200' are read as meant)."""
    return parse_number(_field("amount"), typed)


def read_hours(typed: str) -> Parsed:
    """The length of a visit: more than 0, at most 24 hours."""
    parsed = parse_number(_field("hours"), typed)
    if parsed.value == 0:
        return Parsed(None, Text(zh="时长须大于 0 小时。", en="The length must be more than 0 hours."))
    return parsed


def read_figure(typed: str) -> Parsed:
    """Any figure (a KPI's baseline or target; a trailing % is its unit, not a problem)."""
    return parse_number(_field("figure"), unicodedata.normalize("NFKC", typed).strip().removesuffix("%"))


@cache
def _field(kind: str) -> NumberQuestion:
    """The rules of a plan field, as the number question `parse_number` reads."""
    fields = {
        "amount": {"unit": Text(zh="万元", en="10k CNY"), "min": 0.0},
        "hours": {"unit": Text(zh="小时", en="hours"), "min": 0.0, "max": 24.0},
        "figure": {},
    }
    return NumberQuestion.model_validate(
        {"id": kind, "kind": "number", "text": Text(zh=kind), **fields[kind]}, strict=False
    )
