"""Pydantic's validation errors as sentences for people, in both languages.

Our own validators raise `ValueError(msg(...))`: pydantic keeps that exception, so its message
is shown as catalogued. Pydantic's own errors keep pydantic's English (tests and people who
know it read it so) and get their Chinese here, by error type; a type not listed stays English.
"""

from __future__ import annotations

from typing import Any

from diagnosis.messages import Message, bilingual, msg

# pydantic error type -> the Chinese sentence, filled from the error's context
_CHINESE: dict[str, str] = {
    "missing": "缺少必填项",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为是或否（true/false）",
    "bool_parsing": "应为是或否（true/false）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为由字段组成的映射",
    "model_type": "应为由字段组成的映射",
    "model_attributes_type": "应为由字段组成的映射",
    "date_type": "应为日期（例如 2026-03-05）",
    "date_parsing": "应为日期（例如 2026-03-05）",
    "date_from_datetime_parsing": "应为日期（例如 2026-03-05）",
    "datetime_type": "应为日期和时间",
    "datetime_parsing": "应为日期和时间",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "string_too_short": "至少应有 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "too_short": "至少应有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "string_pattern_mismatch": "格式不符（{pattern}）",
    "union_tag_invalid": "类型“{tag}”无效，应为以下之一：{expected_tags}",
    "union_tag_not_found": "缺少区分类型的字段“{discriminator}”",
    # our conditions and level rules, told apart by their one key (model.conditions)
    "condition": "应为以下键之一：answer、value、enterprise、all、any、not",
    "rule": "应为以下键之一：score、count、answer、value、all、any、not",
}


def reason(error: Any, *, as_pydantic: bool = False) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a sentence: ours as
    catalogued, pydantic's own in its English and in Chinese by its type. `as_pydantic` keeps
    pydantic's English whole ("Value error, …"), as packages and backups always told it."""
    kind, ctx = error["type"], error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Exception) and cause.args and isinstance(cause.args[0], Message):
        return msg("invalid.value_error", problem=cause.args[0]) if as_pydantic else cause.args[0]
    english = str(error["msg"])
    english = english if as_pydantic else english.removeprefix("Value error, ")
    chinese = _CHINESE.get(kind)
    if chinese is None:
        return english
    try:
        return bilingual(chinese.format(**ctx), english)
    except (KeyError, IndexError):  # a context this pydantic version names otherwise
        return english


def field_problem(error: Any) -> str:
    """As `reason`, naming the field for `missing` and unknown fields (a file's own fields)."""
    field = str(error["loc"][-1]) if error["loc"] else ""
    if error["type"] == "extra_forbidden":
        return msg("invalid.unknown_field", field=field)
    if error["type"] == "missing":
        return msg("invalid.missing_field", field=field)
    return reason(error)
