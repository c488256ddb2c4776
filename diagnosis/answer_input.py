"""Reading a figure as people type it: '1,200', '98.5%', '１２０', '120万元' in a 万元 field.

What is unambiguous is accepted; anything else is refused with a sentence in both languages that
says what is wrong and what would be accepted. Used by the wizard and usable by the CLI.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from diagnosis.model import NumberQuestion, Text

# Thousands separators only where they group digits in threes: '1,5' may be a decimal comma.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Characters NFKC leaves alone that people type for a digit separator or a sign.
_SAME_AS = {"。": ".", "、": ",", "−": "-", "－": "-", "﹣": "-", "\u00a0": "", "\u2009": "", "\u202f": ""}


@dataclass(frozen=True)
class Parsed:
    """A figure (None: the field was emptied) or, when the text cannot be read, why not."""

    value: float | None
    problem: Text | None = None


def parse_number(question: NumberQuestion, typed: str) -> Parsed:
    """The value of `typed` for a number or percentage question, range and whole-number rules
    included; `problem` is set (and `value` None) when it is refused."""
    text = _normalise(typed)
    if not text:
        return Parsed(None)
    body, problem = _strip_unit(question, text)
    if problem is not None:
        return Parsed(None, problem)
    if _GROUPED.match(body):
        body = body.replace(",", "")
    if not _PLAIN.match(body):
        return Parsed(None, _not_a_number(question, typed.strip()))
    value = float(body)
    if not math.isfinite(value):
        return Parsed(None, _not_a_number(question, typed.strip()))
    return _check_range(question, value)


def accepted(question: NumberQuestion) -> Text:
    """What the field takes, e.g. '2015–2100 之间的整数，单位：年'."""
    low, high = _bounds(question)
    whole_zh, whole_en = ("整数", "whole number") if question.integer else ("数字", "number")
    if low is not None and high is not None:
        zh, en = f"{low:.15g}–{high:.15g} 之间的{whole_zh}", f"a {whole_en} from {low:.15g} to {high:.15g}"
    elif low is not None:
        zh, en = f"不小于 {low:.15g} 的{whole_zh}", f"a {whole_en} of at least {low:.15g}"
    elif high is not None:
        zh, en = f"不大于 {high:.15g} 的{whole_zh}", f"a {whole_en} of at most {high:.15g}"
    else:
        zh, en = whole_zh, f"a {whole_en}"
    unit = question.unit
    if unit is not None:
        zh += f"，单位：{unit.zh}"
        en += f" (unit: {unit.get('en')})"
    return Text(zh=zh, en=en)


def _normalise(typed: str) -> str:
    # NFKC turns full-width digits, ％ and ，into ASCII; spaces between digit groups go.
    text = unicodedata.normalize("NFKC", typed)
    for odd, plain in _SAME_AS.items():
        text = text.replace(odd, plain)
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "", text.strip())


def _is_percent(question: NumberQuestion) -> bool:
    return question.kind == "percentage" or (question.unit is not None and question.unit.zh.strip() == "%")


def _strip_unit(question: NumberQuestion, text: str) -> tuple[str, Text | None]:
    """The number part; a trailing % or the question's own unit is fine, anything else is not."""
    if text.endswith("%"):
        if not _is_percent(question):
            return text, Text(
                zh=f"“{text}”：此项不是百分比，请直接填写数值（{accepted(question).zh}）。",
                en=f'"{text}": this figure is not a percentage; type the value itself '
                f"({accepted(question).get('en')}).",
            )
        return text[:-1].strip(), None
    for suffix in _unit_spellings(question):
        if text.casefold().endswith(suffix.casefold()) and len(text) > len(suffix):
            return text[: -len(suffix)].strip(), None
    return text, None


def _unit_spellings(question: NumberQuestion) -> list[str]:
    """The unit as typed after a figure: '万元' (also '万' alone), '台', 'persons' …"""
    if question.unit is None:
        return []
    spellings = {question.unit.zh.strip(), (question.unit.en or "").strip()}
    if question.unit.zh.endswith("元") and len(question.unit.zh) > 1:
        spellings.add(question.unit.zh[:-1])  # '120万' in a 万元 field means 120 万元
    return sorted((s for s in spellings if s), key=len, reverse=True)


def _bounds(question: NumberQuestion) -> tuple[float | None, float | None]:
    percent = question.kind == "percentage"
    low = question.min if question.min is not None else (0.0 if percent else None)
    high = question.max if question.max is not None else (100.0 if percent else None)
    return low, high


def _check_range(question: NumberQuestion, value: float) -> Parsed:
    low, high = _bounds(question)
    rule = accepted(question)
    shown = f"{value:.15g}"
    if low is not None and value < low:
        return Parsed(
            None,
            Text(
                zh=f"{shown} 小于最小值 {low:.15g}。请填写{rule.zh}。",
                en=f"{shown} is below the minimum {low:.15g}. Enter {rule.get('en')}.",
            ),
        )
    if high is not None and value > high:
        return Parsed(
            None,
            Text(
                zh=f"{shown} 大于最大值 {high:.15g}。请填写{rule.zh}。",
                en=f"{shown} is above the maximum {high:.15g}. Enter {rule.get('en')}.",
            ),
        )
    if question.integer and not value.is_integer():
        return Parsed(
            None,
            Text(
                zh=f"{shown} 不是整数。请填写{rule.zh}。",
                en=f"{shown} is not a whole number. Enter {rule.get('en')}.",
            ),
        )
    return Parsed(value)


def _not_a_number(question: NumberQuestion, typed: str) -> Text:
    rule = accepted(question)
    hint_zh = "；小数请用小数点，例如 1.5" if re.search(r"\d,\d", typed) else ""
    hint_en = "; use a point for decimals, e.g. 1.5" if hint_zh else ""
    return Text(
        zh=f"“{typed}”不是可识别的数字{hint_zh}。请只填数字：{rule.zh}。",
        en=f'"{typed}" is not a number we can read{hint_en}. Type digits only: {rule.get("en")}.',
    )
