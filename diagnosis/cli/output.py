"""Small helpers shared by commands: JSON output, tables, reading files or stdin."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.files import MAX_ANSWERS_FILE, named, read_regular, write_atomic
from diagnosis.jsonio import DIGITS, INT_LIMIT
from diagnosis.messages import msg


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def write_text(path: str | None, text: str) -> None:
    """Write to a file, or to stdout when the path is None or '-'."""
    if path in (None, "-"):
        sys.stdout.write(text)
        return
    write_atomic(Path(str(path)), text.encode("utf-8"))


MAX_INPUT = MAX_ANSWERS_FILE  # the largest input read


def read_input(path: str, limit: int = MAX_INPUT, what: str = "file") -> tuple[str, bytes]:
    """(name, bytes) of a regular file, or of standard input for '-', at most `limit` bytes."""
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise DiagnosisError(msg("cli.stdin_too_large", mb=limit // 2**20, what=named(what)))
        return "<stdin>", data
    return path, read_regular(Path(path), limit, what)


def record_id(what: str) -> Callable[[str], int]:
    """An argparse type for the id of an assessment, enterprise or evidence file: a number
    beyond 64 bits (which no row can have, and SQLite cannot even be asked about) is "there is
    no such …" in one sentence, as any other id not in the database is; text that is no whole
    number stays a usage error."""

    def parse(text: str) -> int:
        digits = text.strip().lstrip("+-")
        value = int(text) if len(digits) <= DIGITS else None  # never int() of 5,000 digits
        if value is None or not -INT_LIMIT <= value < INT_LIMIT:
            shown = text.strip()[:20] + ("…" if len(text.strip()) > 20 else "")
            kind = msg(f"inputs.what.{what}")
            raise NotFoundError(msg("inputs.no_such_id", what=kind, id=shown, limit=INT_LIMIT - 1))
        return value

    parse.__name__ = "int"  # argparse's "invalid int value: 'x'" for text that is no number
    return parse


def width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned table; the first row is the header."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
