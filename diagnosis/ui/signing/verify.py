"""File → Verify a report (or a PDF dropped onto the window): the strict check of `diagnosis
verify` — the signature against the trust list from Settings, the embedded data, every page —
run in the background, the verdict shown as the command prints it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.report.verify_file import verify_file
from diagnosis.ui.context import Context
from diagnosis.ui.signing.signer import sentence, trust_list, trust_path
from diagnosis.ui.tasks import Task, run_in_background
from diagnosis.ui.widgets import PlainLabel, buddy_label, row_of, scrolling

if TYPE_CHECKING:
    from diagnosis.report.verdict import Verdict


class VerifyDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, pdf: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        t = ctx.t
        self.setWindowTitle(t("ver.title"))
        self.pdf, self.package = QLineEdit(), QLineEdit()
        self.package.setPlaceholderText(t("ver.package.none"))
        self.unsigned = QCheckBox(t("ver.unsigned"))
        self.trust = PlainLabel(t("ver.trust", path=str(trust_path(ctx))), wrap=True, name="hint")
        self.verdict = PlainLabel(wrap=True, name="verdictText")
        self.details = PlainLabel(wrap=True)
        self.details.setAlignment(
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        )  # reads from the top
        self.details.setTextInteractionFlags(  # the reasons can be copied into a message
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        pick_pdf, pick_package = QPushButton(t("ver.choose")), QPushButton(t("ver.choose"))
        pick_pdf.clicked.connect(lambda: self._choose(self.pdf, "*.pdf"))
        pick_package.clicked.connect(lambda: self._choose(self.package, "*.diagpkg *.zip"))
        form = QFormLayout()
        form.addRow(buddy_label(t("ver.pdf"), self.pdf), row_of(self.pdf, pick_pdf))
        form.addRow(buddy_label(t("ver.package"), self.package), row_of(self.package, pick_package))
        form.addRow("", self.unsigned)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.run_button = QPushButton(t("ver.run"))
        self.run_button.clicked.connect(self.run)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.trust)
        layout.addWidget(self.verdict)
        layout.addWidget(scrolling(self.details), 1)
        layout.addWidget(buttons)
        for button in (pick_pdf, pick_package):
            button.setAutoDefault(False)
        self.run_button.setDefault(True)  # Enter verifies (a default must be inside the dialog)
        self.resize(760, 480)
        self.pdf.setFocus()
        if pdf is not None:
            self.pdf.setText(str(pdf))
            self.run()

    def _choose(self, field: QLineEdit, pattern: str) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("ver.title"), "", pattern)
        if chosen:
            field.setText(chosen)

    def run(self) -> None:
        t = self.ctx.t
        text = self.pdf.text().strip()
        if not text or self.task is not None:
            return
        try:
            trust = trust_list(self.ctx)
        except DiagnosisError as error:
            self._said(t("ver.failed"), self.ctx.say(error.lines[0]), False)
            return
        package = Path(self.package.text().strip()) if self.package.text().strip() else None
        pdf, unsigned = Path(text), self.unsigned.isChecked()
        self._said(t("ver.working"), "")
        self.run_button.setEnabled(False)
        self.task = run_in_background(
            lambda: verify_file(pdf, package, trust, not unsigned), self._verdict, self._failed
        )

    def _verdict(self, verdict: Verdict) -> None:
        self._finished()
        t = self.ctx.t
        notes = [t("ver.note", note=self.ctx.say(note)) for note in verdict.notes]
        lines = [self.ctx.say(line) for line in verdict.lines(self.pdf.text().strip())]
        self._said(t("ver.ok") if verdict.ok else t("ver.failed"), "\n".join([*lines, *notes]), verdict.ok)

    def _failed(self, error: Exception) -> None:
        self._finished()
        if not isinstance(error, DiagnosisError | OSError):
            raise error
        self._said(self.ctx.t("ver.failed"), sentence(error), False)

    def _finished(self) -> None:
        self.task = None
        self.run_button.setEnabled(True)

    def _said(self, verdict: str, details: str, ok: bool | None = None) -> None:
        self.verdict.setText(verdict)
        self.verdict.setProperty("ok", "" if ok is None else str(ok).lower())  # the colour: see app.py
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.details.setText(details)
