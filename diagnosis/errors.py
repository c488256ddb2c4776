"""Domain errors: what a user can cause, told as located sentences, never as tracebacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diagnosis.messages import Message, msg


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a file: prints as `FILE:LINE:COL: message (at field.path)`."""

    file: str
    line: int
    col: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        return str(self.located())

    def located(self) -> Message:
        """The line a person reads: the location is data, the message translates."""
        where = msg("loading.at", path=self.path) if self.path else ""
        return msg(
            "loading.located", file=self.file, line=self.line, col=self.col, message=self.message, where=where
        )


class DiagnosisError(Exception):
    """Base of every error a user can cause; `lines` are what the CLI and UI show."""

    def __init__(self, lines: Sequence[str] | str) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


class QuestionnaireError(DiagnosisError):
    """A questionnaire file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([problem.located() for problem in problems])


class AnswersError(DiagnosisError):
    """Answers do not fit the questionnaire (unknown question, wrong type, out of range …)."""


class NotFoundError(DiagnosisError):
    """A questionnaire, assessment or file the user named does not exist."""


class UsageError(DiagnosisError):
    """The command was called with arguments that do not fit together (exit code 2)."""
