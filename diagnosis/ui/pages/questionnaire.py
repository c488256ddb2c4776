"""Step 3: choose a questionnaire (title, basis, version, time needed, what the result is for)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.storage.plans import start_assessment
from diagnosis.ui.context import Context


class QuestionnairePage(QWidget):
    def __init__(self, ctx: Context, go_back: Callable[[], None], started: Callable[[int], None]) -> None:
        super().__init__()
        self.ctx, self.go_back, self.started = ctx, go_back, started
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.itemActivated.connect(lambda _: self._start())
        self.back, self.next = QPushButton(), QPushButton()
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.ctx.t("q.title"))
        self.list.setAccessibleName(self.ctx.t("q.title"))
        self.back.setText(self.ctx.t("btn.back"))
        self.next.setText(self.ctx.t("btn.next"))
        self.enter(focus=False)

    def enter(self, focus: bool = True) -> None:
        lang = self.ctx.texts.lang
        self.list.clear()
        for entry in self.ctx.catalogue.all():
            q = entry.questionnaire
            lines = [
                f"{q.title.get(lang)}    {self.ctx.t('q.version', version=q.version)}",
                self.ctx.t("q.basis", basis=q.standard.name.get(lang)),
            ]
            if q.estimated_minutes:
                lines[0] += "    " + self.ctx.t("q.minutes", n=q.estimated_minutes)
            if q.purpose:
                lines.append(q.purpose.get(lang))
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, f"{q.id}@{q.version}")
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        if focus:
            self.list.setFocus()

    def _start(self) -> None:
        item = self.list.currentItem()
        if item is None or not self.ctx.new_assessment:
            return
        loaded = self.ctx.catalogue.get(item.data(Qt.ItemDataRole.UserRole))
        details = self.ctx.new_assessment
        assessment_id = start_assessment(
            self.ctx.store,
            loaded,
            details["enterprise_id"],
            mode=details["mode"],
            provider=details["provider"],
            assessor=details["assessor"],
            provider_uscc=details.get("provider_uscc"),
        )
        self.started(assessment_id)
