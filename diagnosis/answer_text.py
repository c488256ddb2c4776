"""How an answer reads to a person: option labels, figures with units. Shared by exports and reports."""

from __future__ import annotations

import re
from typing import Any

from diagnosis.model import ChoiceQuestion, DerivedQuestion, Lang, NumberQuestion, Question
from diagnosis.model.index import Index
from diagnosis.numbers import figure, yuan


def answer_label(index: Index, question: Question, value: Any, lang: Lang = "zh") -> str:
    """'无线网络；5G' for options, '120 台' for figures, the text itself for free text."""
    if value is None:
        return ""
    if isinstance(question, ChoiceQuestion):
        options = index.options[question.id]
        chosen = value if isinstance(value, list) else [value]
        joiner = "；" if lang == "zh" else "; "
        return joiner.join(options[v].label.get(lang) if v in options else str(v) for v in chosen)
    if isinstance(question, NumberQuestion | DerivedQuestion):
        decimals = question.decimals if isinstance(question, DerivedQuestion) else 2
        year = question.unit is not None and question.unit.zh == "年"  # 2025, never 2,025
        if year and isinstance(value, float | int):
            return str(int(value)) + (" 年" if lang == "zh" else "")  # in English the year alone
        if lang == "en" and question.unit is not None and isinstance(value, float | int):
            money = _in_yuan(value, question.unit.zh, question.unit.get("en"))
            if money:
                return money
        number = figure(value, decimals) if isinstance(value, float | int) else str(value)
        unit = question.unit.get(lang) if question.unit else ""
        return f"{number} {unit}".strip() if unit not in ("%",) else f"{number}%"
    return str(value)


_TEN_THOUSAND_CNY = re.compile(r"^\s*(10k|10 000|10,000)\s*CNY\s*")


def _in_yuan(value: float, unit_zh: str, unit_en: str) -> str:
    """A figure in 万元 (or 万元 per something) told in yuan for English readers:
    'CNY 128 million', 'CNY 10,000 per person'; '' for any other unit."""
    if not unit_zh.startswith("万元"):
        return ""
    rest = _TEN_THOUSAND_CNY.sub("", unit_en).strip()
    return f"{yuan(value)} {rest}".strip()
