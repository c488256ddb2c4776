"""The reason a criterion is 不适用, asked before the answer is accepted (format 3: the core
refuses a 不适用 without one, and the report lists the reasons)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label, make_default, ok_cancel


def ask_reason(parent: QWidget, ctx: Context, about: str) -> str | None:
    """The reason typed, or None when the person cancelled or left it empty."""
    dialog = ReasonDialog(ctx, about, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip() or None


class ReasonDialog(QDialog):
    def __init__(self, ctx: Context, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ctx.t("na.title"))
        question = PlainLabel(about, wrap=True)
        self.reason = QLineEdit()
        label = buddy_label(ctx.t("na.reason"), self.reason)
        label.setWordWrap(True)
        buttons = ok_cancel(self, self.accept)
        layout = QVBoxLayout(self)
        for widget in (question, label, self.reason, buttons):
            layout.addWidget(widget)
        make_default(buttons)
        self.resize(560, self.sizeHint().height())
        self.reason.setFocus()
