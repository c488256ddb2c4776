"""The evidence files (佐证材料) of the current question: list, attach, remove a wrong one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from diagnosis.errors import DiagnosisError
from diagnosis.session import Session
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import confirm

EVIDENCE_ID = Qt.ItemDataRole.UserRole
Say = Callable[..., None]  # (text, error=False)


class EvidenceBox(QWidget):
    def __init__(self, ctx: Context, say: Say, changed: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.say, self.changed = ctx, say, changed
        self.question: str | None = None
        self.files = QListWidget()
        self.files.setMaximumHeight(46)  # two names; the rating table needs the height more
        self.files.installEventFilter(self)
        self.attach, self.detach = QPushButton(), QPushButton()
        self.attach.clicked.connect(self.pick_files)
        self.detach.clicked.connect(self.detach_selected)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.files, 1)
        row.addWidget(self.attach)
        row.addWidget(self.detach)

    def retranslate(self) -> None:
        t = self.ctx.t
        self.attach.setText(t("btn.attach"))
        self.detach.setText(t("btn.detach"))
        self.files.setAccessibleName(t("ask.evidence"))

    @property
    def session(self) -> Session:
        assert self.ctx.session is not None
        return self.ctx.session

    def show_for(self, question: str) -> None:
        self.question = question
        self.files.clear()
        attached = self.session.evidence(question)
        for item in attached:
            entry = QListWidgetItem(f"{item['name']}  ({item['size'] / 1024:.1f} KB)")
            entry.setData(EVIDENCE_ID, item["id"])
            self.files.addItem(entry)
        if not attached:
            self.files.addItem(self.ctx.t("ask.drop"))
        draft = not self.session.read_only
        self.attach.setEnabled(draft)
        self.detach.setEnabled(draft and bool(attached))

    def pick_files(self) -> None:
        if self.session.read_only:
            return
        files, _ = QFileDialog.getOpenFileNames(self, self.ctx.t("btn.attach"))
        self.attach_files([Path(f) for f in files])

    def attach_files(self, files: list[Path]) -> None:
        """Copy the files into the database as evidence for the current question."""
        assert self.question is not None
        for file in files:
            try:
                self.session.attach(self.question, file)
                self.say(self.ctx.t("ask.saved"))
            except DiagnosisError as error:
                self.say(self.ctx.t("ask.unsaved", error=self.ctx.say(error.lines[0])), error=True)
        self.show_for(self.question)
        self.changed()

    def detach_selected(self) -> None:
        """Remove the selected (or the only) evidence file, after asking."""
        chosen = self.files.selectedItems()
        item = chosen[0] if chosen else self.files.currentItem()  # the one the cursor is on
        evidence = item.data(EVIDENCE_ID) if item is not None else None
        if item is None or evidence is None or self.session.read_only or self.question is None:
            return
        name = item.text()
        if not confirm(self, self.ctx.t("btn.detach"), self.ctx.t("confirm.detach", name=name)):
            return
        try:
            self.session.detach(int(evidence))
            self.say(self.ctx.t("ask.detached", name=name))
        except DiagnosisError as error:
            self.say(self.ctx.t("ask.unsaved", error=self.ctx.say(error.lines[0])), error=True)
        self.show_for(self.question)
        self.changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.files and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.detach_selected()
                return True
        return False
