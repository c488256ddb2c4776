"""What a file's fields lack or hold too many of (`diagnosis.validation.reason`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "invalid.missing_field": ("缺少必填字段“{field}”", "missing required field '{field}'"),
    "invalid.unknown_field": ("未知字段“{field}”", "unknown field '{field}'"),
    "invalid.value_error": ("{problem}", "Value error, {problem}"),
}
