"""Small building blocks every page uses: plain-text labels, a page whose content scrolls above a
button row that never does, and questions asked in a message box whose default answer is No."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


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


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that resizes it to the width available."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def page_layout(owner: QWidget, content: QWidget, buttons: QBoxLayout) -> QVBoxLayout:
    """Content that scrolls, and below it a button row that stays visible at any window size."""
    layout = QVBoxLayout(owner)
    layout.addWidget(scrolling(content), 1)
    layout.addLayout(buttons)
    return layout


def confirm(parent: QWidget, title: str, text: str, *, danger: bool = True) -> bool:
    """Ask a yes/no question in plain text; Enter or Esc answers No unless the caller says the
    step is harmless (`danger=False`)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No if danger else QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget, title: str, text: str, *, error: bool = False) -> None:
    """A message in plain text (it may quote a file name or an enterprise's name)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()
