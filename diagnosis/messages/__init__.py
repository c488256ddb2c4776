"""Sentences for people from the core, as coded messages with parameters, in Chinese and English.

A `Message` is a `str` (its English text), so the core can keep joining, comparing and storing
sentences as it always has; whoever shows one to a person calls `text(lang)` (or `render`) and
gets it in that person's language. The catalogue is one table per area (`catalogue.py`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

Lang = Literal["zh", "en"]

# What a terminal or a label would obey instead of showing: C0 and C1 controls (ESC starts a
# terminal sequence, CR and newline move the line), DEL, the line and paragraph separators, and
# the bidirectional controls that reorder what follows them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class Message(str):
    """A catalogued sentence: `code` names it, `params` fill it; `str(message)` is English."""

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any]) -> Message:
        self = super().__new__(cls, _fill(code, params, "en"))
        self.code, self.params = code, dict(params)
        return self

    def text(self, lang: Lang) -> str:
        """The sentence in `lang` (parameters that are messages follow the same language)."""
        return _fill(self.code, self.params, lang)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by code and parameters (worker processes)
        return Message, (self.code, self.params)


def printable(text: str) -> str:
    """`text` safe to print or show: each control character written as an escape (`\\x1b`,
    `\\n`, `\\u202e`), so a name from a certificate, a report or a file name can neither move the
    cursor, recolour or overwrite a line, nor reorder the text around it."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def msg(code: str, /, **params: Any) -> Message:
    """The message `code` of the catalogue with these parameters. Parameters that are plain
    strings are data (names, file names, certificate fields) and are shown `printable`."""
    return Message(code, params)


def render(line: str, lang: Lang) -> str:
    """A line for a person in `lang`: a message translated, any other string as it is (data,
    or a sentence not yet catalogued)."""
    return line.text(lang) if isinstance(line, Message) else line


def render_all(lines: Iterable[str], lang: Lang) -> list[str]:
    return [render(line, lang) for line in lines]


class Items(tuple[str, ...]):
    """Short items of one list ("地点、评估人员" / "place, assessors"), as a message parameter."""

    __slots__ = ()


def bilingual(zh: str, en: str | None = None) -> Message:
    """Text that comes in both languages already (a questionnaire's names), as a message."""
    return msg(BILINGUAL, zh=zh, en=en or zh)


BILINGUAL = "text.bilingual"  # the one code whose languages read different parameters


def joined(parts: Iterable[str]) -> Message:
    """Several sentences as one ("a; b" or "a；b"), still translatable."""
    return msg("list.joined", parts=tuple(parts))


def lang_from_env(explicit: str | None = None) -> Lang:
    """The language for messages: an explicit choice (`--lang`), else DIAGNOSIS_LANG, else the
    locale (LC_ALL, LC_MESSAGES, LANG; Chinese when it starts with zh), else English."""
    for value in (explicit, os.environ.get("DIAGNOSIS_LANG")):
        if value in ("zh", "en"):
            return value  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _fill(code: str, params: Mapping[str, Any], lang: Lang) -> str:
    from diagnosis.messages.catalogue import CATALOGUE

    zh, en = CATALOGUE[code]
    values = {}
    for name, value in params.items():
        if isinstance(value, tuple):  # several sentences (or items), joined as the language does
            value = _separator(value, lang).join(_shown(part, lang) for part in value)
        values[name] = _shown(value, lang) if isinstance(value, str) else value
    return (zh if lang == "zh" else en).format(**values)


def _separator(parts: tuple[object, ...], lang: Lang) -> str:
    if isinstance(parts, Items):
        return "、" if lang == "zh" else ", "
    return "；" if lang == "zh" else "; "


def _shown(value: object, lang: Lang) -> str:
    """A parameter as the sentence shows it: a message in `lang`, data made printable."""
    if isinstance(value, Message):
        return value.text(lang)
    return printable(value) if isinstance(value, str) else str(value)
