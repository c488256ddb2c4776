"""Releasing a held claim: the note asked in a dialog that names the claim, what holds it and who
releases it (the clerk named in the window, else the computer's user). The core decides whether
it may be released and keeps the release with who and when (`Desk.release`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label, make_default, ok_cancel

if TYPE_CHECKING:
    from diagnosis.intake.ledger import Claim

MAX_NOTE = 2000  # as the core takes (releases.MAX_NOTE): the field stops there


class ReleaseDialog(QDialog):
    def __init__(self, ctx: Context, claim: Claim, clerk: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from diagnosis.intake.releases import named

        t = ctx.t
        self.setWindowTitle(t("ik.rel.title"))
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(t("ik.rel.note.hint"))
        reasons = "\n".join(f"  · {ctx.say(hold.reason)}" for hold in claim.holds)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(t("ik.rel.claim", claim=named(claim)), wrap=True, name="questionText"))
        layout.addWidget(PlainLabel(t("ik.d.holds") + "\n" + reasons, wrap=True))
        layout.addWidget(buddy_label(t("ik.rel.note"), self.note))
        layout.addWidget(self.note)
        layout.addWidget(PlainLabel(t("ik.rel.by", name=clerk or t("ik.rel.nobody")), wrap=True, name="hint"))
        self.buttons = ok_cancel(self, self.accept)
        layout.addWidget(self.buttons)
        make_default(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.note.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(False)  # a release needs a note
        self.setMinimumWidth(560)
        self.note.setFocus()

    def chosen(self) -> str | None:
        """The note, once the dialog was accepted."""
        return self.note.text().strip() if self.result() == QDialog.DialogCode.Accepted else None
