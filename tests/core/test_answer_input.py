"""Figures as people type them: accepted when unambiguous, otherwise a sentence in both languages."""

from __future__ import annotations

import pytest

from diagnosis.answer_input import accepted, parse_number
from diagnosis.model import NumberQuestion, Text

YEAR = NumberQuestion(
    id="base_year", kind="number", text=Text(zh="基准年度"), unit=Text(zh="年", en="year"),
    min=2015, max=2100, integer=True,
)  # fmt: skip
AMOUNT = NumberQuestion(
    id="revenue", kind="number", text=Text(zh="营业收入"), unit=Text(zh="万元", en="10k CNY"), min=0
)
RATE = NumberQuestion(id="yield", kind="percentage", text=Text(zh="合格率"), unit=Text(zh="%", en="%"))
COUNT = NumberQuestion(id="devices", kind="number", text=Text(zh="设备数"), unit=Text(zh="台"), integer=True)


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        (RATE, "98.5%", 98.5),
        (RATE, "98.5％", 98.5),
        (RATE, " 98.5 % ", 98.5),
        (AMOUNT, "1,200", 1200),
        (AMOUNT, "1,200.5", 1200.5),
        (AMOUNT, "１２０", 120),
        (AMOUNT, "１，２００．５", 1200.5),
        (AMOUNT, "120万", 120),  # the unit is 万元: '120万' can only mean 120 万元
        (AMOUNT, "120万元", 120),
        (AMOUNT, "1 200", 1200),
        (COUNT, "35台", 35),
        (YEAR, "2024", 2024),
        (AMOUNT, "98。5", 98.5),  # a Chinese input method's full stop between digits
    ],
)
def test_what_people_type_is_read(question: NumberQuestion, typed: str, value: float) -> None:
    parsed = parse_number(question, typed)
    assert parsed.problem is None and parsed.value == value


def test_empty_clears() -> None:
    assert parse_number(AMOUNT, "  ").value is None and parse_number(AMOUNT, "").problem is None


def test_a_year_out_of_range_says_what_is_accepted() -> None:
    problem = parse_number(YEAR, "1999").problem
    assert problem is not None
    assert problem.zh == "1999 小于最小值 2015。请填写2015–2100 之间的整数，单位：年。"
    assert (
        problem.get("en")
        == "1999 is below the minimum 2015. Enter a whole number from 2015 to 2100 (unit: year)."
    )


def test_refusals_name_the_problem() -> None:
    cases = [
        (COUNT, "120万", "“120万”不是可识别的数字。请只填数字：整数，单位：台。"),
        (COUNT, "3.5", "3.5 不是整数。"),
        (AMOUNT, "1,5", "小数请用小数点"),
        (AMOUNT, "12%", "此项不是百分比"),
        (RATE, "120%", "120 大于最大值 100。请填写0–100 之间的数字，单位：%。"),
        (AMOUNT, "-3", "-3 小于最小值 0"),
        (AMOUNT, "一百", "不是可识别的数字"),
        (AMOUNT, "nan", "不是可识别的数字"),
    ]
    for question, typed, expected in cases:
        parsed = parse_number(question, typed)
        assert parsed.value is None and parsed.problem is not None, typed
        assert expected in parsed.problem.zh, (typed, parsed.problem.zh)
        assert parsed.problem.en, typed  # always in English too


def test_count_with_default_minimum() -> None:
    assert parse_number(COUNT, "120万").problem is not None  # no 万 in a count of machines


def test_accepted_describes_the_field() -> None:
    assert accepted(RATE).zh == "0–100 之间的数字，单位：%"
    assert accepted(AMOUNT).get("en") == "a number of at least 0 (unit: 10k CNY)"


def test_large_bounds_read_as_plain_numbers() -> None:
    big = NumberQuestion(
        id="r", kind="number", text=Text(zh="收入"), unit=Text(zh="万元"), min=1, max=10000000
    )
    assert accepted(big).zh == "1–10000000 之间的数字，单位：万元"
    assert parse_number(big, "123456789").problem.zh.startswith("123456789 大于最大值 10000000")  # type: ignore[union-attr]
