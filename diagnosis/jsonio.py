"""JSON from strangers: answers files, packages, a report's embedded data, values typed on the
command line. One reader for all of them, so each refuses the same things in one sentence:
broken text, duplicate keys (the last one would silently win), numbers beyond 64 bits or not
finite, and nesting deep enough to exhaust the parser."""

from __future__ import annotations

import json
from typing import Any

from diagnosis.errors import DiagnosisError
from diagnosis.messages import bilingual, msg

INT_LIMIT = 2**63  # SQLite's integers; larger ones would overflow wherever they are stored
DIGITS = len(str(INT_LIMIT))  # no integer within the limit is written with more digits
MAX_DEPTH = 64  # our documents nest a few levels; hundreds only come from hostile input


class JsonError(DiagnosisError):
    """The text is not acceptable JSON; the message names the source."""


class JsonSyntaxError(JsonError):
    """The text is not JSON at all (as opposed to JSON this app refuses)."""


class _Refused(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(msg("json.key_twice", key=repr(key)))
        out[key] = value
    return out


def _integer(text: str) -> int:
    # The length first: int() of 5,000 digits hits Python's own limit with a ValueError.
    if len(text.lstrip("-")) > DIGITS or not -INT_LIMIT <= int(text) < INT_LIMIT:
        raise _Refused(msg("json.too_large", number=text[:20] + ("…" if len(text) > 20 else "")))
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(msg("json.too_large", number=text[:20]))
    return value


def _constant(text: str) -> Any:
    raise _Refused(msg("json.constant", text=text))


# One decoder for every call: json.loads with hooks makes a new one each time (a package reads
# one value per answer, thousands in all).
_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_int=_integer, parse_float=_real, parse_constant=_constant
)


def parse_json(raw: bytes | str, name: str) -> Any:
    """Parsed JSON, or a JsonError saying what is wrong with `name`."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise JsonError(msg("json.not_utf8", name=name)) from None
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise JsonSyntaxError(
            msg("json.syntax", name=name, line=error.lineno, col=error.colno, error=_syntax(error.msg))
        ) from None
    except _Refused as error:
        raise JsonError(msg("json.refused", name=name, problem=error.args[0])) from None
    except RecursionError:
        data = None
    # Brackets are counted first (fast, in C): only a text with many can nest deeply.
    if (data is None and text.strip() != "null") or (
        text.count("[") + text.count("{") > MAX_DEPTH and _deeper_than(data, MAX_DEPTH)
    ):
        raise JsonError(msg("json.too_deep", name=name, limit=MAX_DEPTH))
    return data


# The json module's reasons (English), in Chinese too.
_SYNTAX = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "此处应有用双引号括起的字段名",
    "Expecting ',' delimiter": "此处应有逗号",
    "Expecting ':' delimiter": "此处应有冒号",
    "Extra data": "数据之后还有多余内容",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "含有无效的控制字符",
    "Invalid \\escape": "含有无效的转义",
}


def _syntax(reason: str) -> str:
    chinese = _SYNTAX.get(reason)
    return bilingual(chinese, reason) if chinese else reason


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether parsed JSON nests deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
