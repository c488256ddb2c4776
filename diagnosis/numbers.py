"""Numbers as people read them: grouped thousands, sensible decimals, never scientific
notation (1,234,567.89, not 1.23457e+06), units where they belong. Used by the report, the
wizard, the command line and Excel alike."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from diagnosis.model import Lang


def figure(value: float | int | None, decimals: int = 2) -> str:
    """1234567.891 → '1,234,567.89'; 100.0 → '100'; 0.1141 → '0.114' (small values keep three
    significant digits); None → '—'."""
    if value is None:
        return "—"
    if 0 < abs(value) < 1 and decimals == 2:
        decimals = max(2, 2 - math.floor(math.log10(abs(value))))
    try:
        exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, OverflowError):
        return str(value)
    text = f"{exact:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed(value: float | None, decimals: int = 2) -> str:
    """A change: '+1.5', '−2', '0'."""
    if value is None:
        return "—"
    text = figure(value, decimals)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def percent(rate: float | None, decimals: int = 0) -> str:
    """A rate 0–1 as a percentage: 0.2234 → '22%'."""
    return "—" if rate is None else f"{figure(rate * 100, decimals)}%"


def share(part: float | None, whole: float | None) -> str:
    """`part` of `whole` as a percentage, rounded half up on the exact quotient of the two
    figures as written (1.25 of 2 is 63 %, 0.63 of 2 is 32 %): the one rounding path for every
    rate a report, its charts, its cover and Excel show. '—' without a whole."""
    if part is None or not whole:
        return "—"
    exact = Decimal(repr(float(part))) / Decimal(repr(float(whole))) * 100
    return f"{figure(float(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)), 0)}%"


def yuan(value_wan: float) -> str:
    """An amount given in 万元, as English readers count money: 12,800 → 'CNY 128 million',
    1 → 'CNY 10,000' (a figure followed by '10k CNY' reads as two numbers)."""
    exact = Decimal(repr(float(value_wan))) * 10_000
    if abs(exact) >= 1_000_000:
        return f"CNY {figure(float(exact / 1_000_000))} million"
    return f"CNY {figure(float(exact), 0)}"


def amount(value: float | None, lang: Lang = "zh") -> str:
    """An amount in 万元: '1,234.5 万元' / '1,234.5 (10k CNY)'."""
    if value is None:
        return "—"
    return f"{figure(value)} 万元" if lang == "zh" else f"{figure(value)} (10k CNY)"
