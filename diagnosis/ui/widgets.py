"""Small building blocks every page uses: plain-text labels, a page whose content scrolls above a
button row that never does, and questions asked in a message box whose default answer is No."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PAUSE_MS = 800  # typed text is committed once typing pauses this long (and on leaving the field)


class PlainLabel(QLabel):
    """A label that never interprets its text: questionnaire and user text may hold '<' and '&'
    (and Qt's automatic rich text would render markup and load images it names)."""

    def __init__(self, text: str = "", *, wrap: bool = False, name: str = "") -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        if name:
            self.setObjectName(name)
        self.setText(text)


Said = str | Callable[[], str]


class StatusLabel(PlainLabel):
    """A line saying what just happened ("✓ 已保存", "Saved to …", why not). It keeps how its
    text is made, so after a language switch `retranslate` says it again in the new language."""

    def __init__(self, *, name: str = "") -> None:
        super().__init__(wrap=True, name=name)
        self._said: Said = ""

    def say(self, said: Said, error: bool | None = None) -> None:
        """Show `said` (a function of the current language, or fixed text); `error` colours it."""
        self._said = said
        self.setText(said() if callable(said) else said)
        if error is not None:
            self.setProperty("error", error)
            self.style().unpolish(self)  # a dynamic property changes the colour only when re-polished
            self.style().polish(self)

    @property
    def said(self) -> Said:
        return self._said

    def retranslate(self) -> None:
        self.setText(self._said() if callable(self._said) else self._said)


class NoteEdit(QPlainTextEdit):
    """Several lines of free text; `paused` when typing pauses and when the field is left. Tab
    moves on (a tab character is no use here)."""

    paused = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.paused.emit)
        self.textChanged.connect(self._typed)
        self._quiet = False

    def _typed(self) -> None:
        if not self._quiet:
            self.timer.start()

    def show_text(self, text: str) -> None:
        """Show stored text, unless it is what the field holds (the cursor stays where it is)."""
        if self.toPlainText() != text:
            self._quiet = True
            self.setPlainText(text)
            self._quiet = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.timer.isActive():
            self.timer.stop()
            self.paused.emit()


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that resizes it to the width available."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def buddy_label(text: str, buddy: QWidget) -> PlainLabel:
    """A field's label; its mnemonic (&K) moves the focus to the field."""
    label = PlainLabel(text)
    label.setBuddy(buddy)
    return label


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """OK and Cancel for `dialog`; call `make_default` once the box is inside the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def make_default(buttons: QDialogButtonBox) -> None:
    """Enter presses OK. Only a button already inside its dialog can be made the default (before,
    the dialog would pick its first button, a "Choose…" one, when it is shown)."""
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setDefault(True)


def row_of(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side, the first one taking the width (a path and its buttons)."""
    row = QHBoxLayout()
    for n, widget in enumerate(widgets):
        row.addWidget(widget, 1 if n == 0 else 0)
    return row


def page_layout(owner: QWidget, content: QWidget, buttons: QBoxLayout) -> QVBoxLayout:
    """Content that scrolls, and below it a button row that stays visible at any window size."""
    layout = QVBoxLayout(owner)
    layout.addWidget(scrolling(content), 1)
    layout.addLayout(buttons)
    return layout


def confirm(parent: QWidget, title: str, text: str, *, danger: bool = True) -> bool:
    """Ask a yes/no question in plain text; Enter or Esc answers No unless the caller says the
    step is harmless (`danger=False`)."""
    return question_box(parent, title, text, danger=danger).exec() == QMessageBox.StandardButton.Yes


def question_box(parent: QWidget, title: str, text: str, *, danger: bool = True) -> QMessageBox:
    """The box `confirm` asks with (shown by itself in the screenshots)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No if danger else QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def inform(parent: QWidget, title: str, text: str, *, error: bool = False) -> None:
    """A message in plain text (it may quote a file name or an enterprise's name)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()
