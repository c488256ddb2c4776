"""Long work off the UI thread: a pure function runs in the thread pool, its result comes back
as a signal. Database work stays on the UI thread (SQLite connections are per thread)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # reported to the UI thread, which shows or logs it
            self._tell(self.signals.failed, error)
        else:
            self._tell(self.signals.done, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        with suppress(RuntimeError):  # the window that asked was closed meanwhile: nobody to tell
            signal.emit(value)


def run_in_background(
    work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
) -> Task:
    task = Task(work)
    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(task)
    return task
