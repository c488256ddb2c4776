"""argparse's own refusals (a missing argument, an unknown option) in the person's language:
the parser raises them instead of printing, and `main` says them as it says every error."""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from diagnosis.messages import Lang, Message, bilingual, msg

# argparse's sentences (Python 3.11–3.13) and their Chinese; any other stays English.
_CHINESE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (?P<a>.+)"), "缺少必需的参数：{a}"),
    (re.compile(r"unrecognized arguments: (?P<a>.+)"), "无法识别的参数：{a}"),
    (re.compile(r"one of the arguments (?P<a>.+) is required"), "须给出以下参数之一：{a}"),
    (re.compile(r"ambiguous option: (?P<a>\S+) could match (?P<b>.+)"), "选项 {a} 不明确，可能是：{b}"),
    (
        re.compile(r"argument (?P<a>\S+): invalid choice: (?P<b>.+?) \(choose from (?P<c>.+)\)"),
        "参数 {a}：{b} 不是可选的值（可选：{c}）",
    ),
    (re.compile(r"argument (?P<a>\S+): invalid \w+ value: (?P<b>.+)"), "参数 {a}：{b} 不是有效的值"),
    (re.compile(r"argument (?P<a>\S+): expected one argument"), "参数 {a} 需要一个值"),
    (re.compile(r"argument (?P<a>\S+): expected at least one argument"), "参数 {a} 至少需要一个值"),
    (re.compile(r"argument (?P<a>\S+): expected at most one argument"), "参数 {a} 最多只能有一个值"),
    (
        re.compile(r"argument (?P<a>\S+): not allowed with argument (?P<b>\S+)"),
        "参数 {a} 不能与 {b} 同时使用",
    ),
]


class UsageRefused(Exception):
    """argparse refused the command line; `lines` say so, usage first."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.usage = parser.format_usage().rstrip("\n")
        self.line = msg("cli.argparse", prog=parser.prog, message=_reason(message))

    def lines(self, lang: Lang) -> list[str]:
        usage = self.usage.replace("usage: ", "用法：", 1) if lang == "zh" else self.usage
        return [usage, self.line.text(lang)]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose refusals are raised (its subcommands' parsers are of this class)."""

    def error(self, message: str) -> NoReturn:
        raise UsageRefused(self, message)


def _reason(message: str) -> str | Message:
    for pattern, chinese in _CHINESE:
        found = pattern.fullmatch(message)
        if found:
            return bilingual(chinese.format(**found.groupdict()), message)
    return message
