"""Step 6: finalize, and export the PDF report, the Excel file and the package.

The report, Excel and package libraries load when first used: they would double start-up time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.storage.assessments import finalize
from diagnosis.ui.context import Context
from diagnosis.ui.tasks import Task, run_in_background


class FinishPage(QWidget):
    def __init__(
        self, ctx: Context, home: Callable[[], None], chooser: Callable[[str, str], Path | None]
    ) -> None:
        super().__init__()
        self.ctx, self.home, self.chooser = ctx, home, chooser
        self.task: Task | None = None
        self.title, self.status = QLabel(), QLabel()
        self.title.setObjectName("pageTitle")
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.buttons = {
            key: QPushButton() for key in ("btn.finalize", "btn.pdf", "btn.xlsx", "btn.export", "btn.home")
        }
        self.buttons["btn.finalize"].clicked.connect(self._finalize)
        self.buttons["btn.pdf"].clicked.connect(lambda: self.export_pdf())
        self.buttons["btn.xlsx"].clicked.connect(lambda: self.export_xlsx())
        self.buttons["btn.export"].clicked.connect(lambda: self.export_package())
        self.buttons["btn.home"].clicked.connect(self.home)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        for key in ("btn.finalize", "btn.pdf", "btn.xlsx", "btn.export"):
            layout.addWidget(self.buttons[key])
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.buttons["btn.home"])
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.ctx.t("fin.title"))
        for key, button in self.buttons.items():
            button.setText(self.ctx.t(key))

    def enter(self) -> None:
        session = self.ctx.session
        assert session is not None
        self.buttons["btn.finalize"].setEnabled(not session.finalized)
        self.status.setText(self.ctx.t("fin.finalized") if session.finalized else "")
        self.buttons["btn.pdf"].setFocus()

    def _finalize(self) -> None:
        session = self.ctx.session
        assert session is not None
        try:
            finalize(self.ctx.store, session.assessment_id)
        except DiagnosisError as error:
            answer = QMessageBox.question(self, self.ctx.t("btn.finalize"), error.lines[0])
            if answer != QMessageBox.StandardButton.Yes:
                return
            finalize(self.ctx.store, session.assessment_id, force=True)
        self.enter()

    def _target(self, suffix: str) -> Path | None:
        session = self.ctx.session
        assert session is not None
        return self.chooser(suffix, f"{session.questionnaire.id}-{session.assessment_id}{suffix}")

    def export_pdf(self, target: Path | None = None) -> None:
        """Read on this thread, render in the background (the window never freezes)."""
        session = self.ctx.session
        assert session is not None
        target = target or self._target(".pdf")
        if target is None:
            return
        from diagnosis.report.inputs import from_store

        source = from_store(self.ctx.store, session.assessment_id)
        lang = self.ctx.texts.lang
        self._busy(True)
        self.task = run_in_background(lambda: _render(source, lang, target), self._done, self._failed)

    def export_xlsx(self, target: Path | None = None) -> None:
        session = self.ctx.session
        assert session is not None
        target = target or self._target(".xlsx")
        if target is not None:
            from diagnosis.storage.assessment_xlsx import assessment_workbook

            self._run_here(lambda: assessment_workbook(self.ctx.store, session.assessment_id, target), target)

    def export_package(self, target: Path | None = None) -> None:
        session = self.ctx.session
        assert session is not None
        target = target or self._target(".diagpkg")
        if target is not None:
            from diagnosis.storage.package import export_package

            self._run_here(lambda: export_package(self.ctx.store, session.assessment_id, target), target)

    def _run_here(self, work: Callable[[], None], target: Path) -> None:
        try:
            work()
        except DiagnosisError as error:
            self.status.setText(error.lines[0])
            return
        self._done(target)

    def _busy(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.status.setText(self.ctx.t("fin.working") if on else "")
        for button in self.buttons.values():
            button.setEnabled(not on)

    def _done(self, target: Path) -> None:
        self._busy(False)
        self.enter()
        self.status.setText(self.ctx.t("fin.done", path=str(target)))
        if not os.environ.get("DIAGNOSIS_NO_OPEN"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.enter()
        if isinstance(error, DiagnosisError | OSError):
            self.status.setText(str(error))
        else:
            raise error


def _render(source: Any, lang: str, target: Path) -> Path:
    from diagnosis.report.pdf import build_pdf

    target.write_bytes(build_pdf(source, "en" if lang == "en" else "zh"))
    return target


def choose_file(parent: QWidget, ctx: Context, suffix: str, name: str) -> Path | None:
    """A save dialog starting in the last export folder (remembered)."""
    folder = str(ctx.settings.value("export_folder", str(Path.home())))
    chosen, _ = QFileDialog.getSaveFileName(parent, name, str(Path(folder) / name), f"*{suffix}")
    if not chosen:
        return None
    ctx.settings.setValue("export_folder", str(Path(chosen).parent))
    return Path(chosen)
