"""A real wizard process for the kill test: opens the assessment given, puts the focus in the
note field with its shortcut, types a note one character at a time as a person would, prints
"typed" and then keeps running until it is killed.

Usage: python -m tests.ui.drivers.type_a_note DB ASSESSMENT_ID NOTE
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from diagnosis.ui.app import build_window

PAUSE_MS = 60  # between keystrokes: a quick typist


def main() -> None:
    db, assessment_id, note = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    window = build_window(db)
    window.show_fitted()
    window.open_assessment(assessment_id)
    window.windowHandle().requestActivate()
    left = list(note)

    def type_next() -> None:
        if not left:
            print("typed", flush=True)  # the parent kills this process 0.5 s from now
            return
        target = QApplication.focusWidget()
        if not hasattr(target, "insert"):  # on a loaded machine the shortcut came too early: again
            focus_note()
            return
        target.insert(left.pop(0))  # as an input method commits
        QTimer.singleShot(PAUSE_MS, type_next)

    def focus_note() -> None:
        QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # Ctrl+M: the note
        QTimer.singleShot(PAUSE_MS, type_next)

    QTimer.singleShot(200, focus_note)
    app.exec()


if __name__ == "__main__":
    main()
