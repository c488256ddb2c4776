"""Driving the wizard by keyboard, offscreen, and reading back what the database holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from diagnosis.storage.assessments import answers_of
from diagnosis.ui.app import build_window
from diagnosis.ui.window import MainWindow

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def start(qtbot: QtBot, db: Path) -> MainWindow:
    window = build_window(db)
    qtbot.addWidget(window)
    window.show_fitted()  # as the app does: maximized on a small screen
    activate(qtbot, window)
    return window


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Offscreen has no window manager: activate the window (again, after a dialog closed), as
    menu shortcuts only reach the active window."""
    if QApplication.activeWindow() is not window:
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def assessment(window: MainWindow) -> int:
    assert window.ctx.session is not None
    return window.ctx.session.assessment_id


def stored(window: MainWindow) -> dict[str, Any]:
    return answers_of(window.ctx.store, assessment(window))[0]


def notes(window: MainWindow) -> dict[str, str]:
    return answers_of(window.ctx.store, assessment(window))[1]


def focused(window: MainWindow) -> QWidget:
    return QApplication.focusWidget() or window.focusWidget() or window


def key(
    qtbot: QtBot,
    window: MainWindow,
    *keys: str | Qt.Key,
    modifier: Qt.KeyboardModifier = NO,
) -> None:
    """Press keys on whatever has the focus, as a person would."""
    activate(qtbot, window)
    for k in keys:
        target = focused(window)
        if isinstance(k, str) and not k.isascii():
            target.insert(k)  # type: ignore[attr-defined]  # QTest types ASCII only; an IME commits like this
        elif isinstance(k, str):
            qtbot.keyClicks(target, k, modifier)
        else:
            qtbot.keyClick(target, k, modifier)


def shortcut(qtbot: QtBot, window: MainWindow, sequence: str) -> None:
    """A menu shortcut such as 'Ctrl+Shift+U', pressed where the focus is."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    activate(qtbot, window)
    qtbot.keyClick(focused(window), combo.key(), combo.keyboardModifiers())


def on_dialog(act: Callable[[QDialog], None]) -> list[str]:
    """Answer the next modal dialog with `act` once it is the active window (it runs inside the
    dialog's own event loop); returns a list that receives the dialog's text (a message box) or
    title."""
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(10, poll)
            return
        if QApplication.activeWindow() is not dialog:  # offscreen: no window manager activates it
            dialog.windowHandle().requestActivate()
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
        act(dialog)
        QTimer.singleShot(3000, lambda: unstick(dialog))

    def unstick(dialog: QDialog) -> None:  # a test whose answer did not close it fails, never hangs
        if shiboken6.isValid(dialog) and dialog.isVisible():
            seen.append("STILL OPEN")
            dialog.reject()

    QTimer.singleShot(0, poll)
    return seen


def press(qtbot: QtBot, *keys: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> Callable[[QDialog], None]:
    """A dialog answer: these keys where the dialog's focus is (Return takes the default button)."""

    def act(dialog: QDialog) -> None:
        for k in keys:
            # The dialog's own focus: the application's may still be in the window below.
            qtbot.keyClick(dialog.focusWidget() or dialog, k, modifier)

    return act


def type_into_dialog(text: str) -> None:
    """Text typed where a dialog's focus is (committed as an input method would)."""
    dialog = QApplication.activeModalWidget()
    target = dialog.focusWidget() if dialog is not None else QApplication.focusWidget()
    if isinstance(target, QComboBox):
        target = target.lineEdit()
    target.insert(text)  # type: ignore[union-attr]


def yes(qtbot: QtBot) -> Callable[[QDialog], None]:
    """Alt+Y: the Yes button's mnemonic (是(&Y) / &Yes)."""
    return press(qtbot, Qt.Key.Key_Y, modifier=ALT)


def begin(qtbot: QtBot, window: MainWindow, questionnaire: str = "mini@", name: str = "键盘测试企业") -> None:
    """Start page → Ctrl+N → a new enterprise typed in → Enter → the questionnaire → Enter."""
    shortcut(qtbot, window, "Ctrl+N")
    assert window.stack.currentWidget() is window.enterprise
    key(qtbot, window, name)
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.questionnaires
    items = window.questionnaires.list
    row = next(
        i
        for i in range(items.count())
        if items.item(i).data(Qt.ItemDataRole.UserRole).startswith(questionnaire)
    )
    items.setCurrentRow(row)
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.questions
