"""The log file, and library warnings routed into it instead of onto a user's screen.

A library's deprecation notice (cryptography about DSA, printed when pyHanko is imported) is for
us, not for the person at the terminal or in the wizard: "one line per problem on stderr" must hold
whichever release pip picked that day. Every entry point calls `route_warnings_to_log` first.
"""

from __future__ import annotations

import logging
import warnings

from diagnosis import paths

_WARNINGS = logging.getLogger("py.warnings")


class _LogFile(logging.Handler):
    """Appends each record to the log file, found when the record arrives: a command that warns
    about nothing creates no folder, and DIAGNOSIS_HOME set later (tests) is honoured. Warnings
    are rare, so opening the file each time costs nothing that matters."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            path = paths.log_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(self.format(record) + "\n")
        except Exception:
            pass


def route_warnings_to_log() -> None:
    """Send Python warnings to the log file, never to stderr (idempotent)."""
    if not any(isinstance(h, _LogFile) for h in _WARNINGS.handlers):
        handler = _LogFile()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        _WARNINGS.addHandler(handler)
    _WARNINGS.propagate = False  # the root logger's last resort would print to stderr
    logging.captureWarnings(True)
    # Once per place is enough in a log, and a user's -W error must not turn a library's notice
    # into a crash of the command.
    warnings.simplefilter("default")
