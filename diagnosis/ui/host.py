"""What a page, dialog or menu action may ask of the main window that hosts it: a narrow interface
the window implements, so nothing below the window imports it and no import circle forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from diagnosis.ui.context import Context
    from diagnosis.ui.tasks import Task


class Host(Protocol):
    ctx: Context
    task: Task | None  # the background work under way, kept until it reports

    def window(self) -> QWidget:
        """The window itself (Qt's `QWidget.window`): the parent of dialogs."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def note(self, said: Callable[[], str]) -> None:
        """A line in the status bar, said again in the new language after a switch."""
        ...

    def open_assessment(self, assessment_id: int) -> None: ...

    def database_changed(self) -> None:
        """After a restore: every page starts again from the (reopened) database."""
        ...

    def guard(self, work: Callable[[], object]) -> bool:
        """Run `work`; a domain error is shown as a sentence. True when it went through."""
        ...

    def failed(self, error: Exception) -> None: ...

    def inform(self, title: str, text: str, *, error: bool = False) -> None: ...

    def confirm(self, title: str, text: str, *, danger: bool = True) -> bool: ...
