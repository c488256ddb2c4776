"""A line across the top of the window for a state that concerns everything below it: the
database is read-only, some questionnaire files were skipped. Plain text (it quotes file names)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

from diagnosis.ui.widgets import PlainLabel


class Banner(QFrame):
    def __init__(self, name: str, dismiss: str | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.text = PlainLabel(wrap=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        self.close_button: QPushButton | None = None
        if dismiss is not None:
            self.close_button = QPushButton(dismiss)
            self.close_button.clicked.connect(self.hide)
            row.addWidget(self.close_button)
        self.hide()

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.setVisible(bool(text))

    def retranslate(self, dismiss: str) -> None:
        if self.close_button is not None:
            self.close_button.setText(dismiss)
