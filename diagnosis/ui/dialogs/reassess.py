"""Re-assess (改造后) on a newer version of the same questionnaire, when there is one: the
versions to choose from, and before anything is made the preview of `diagnosis reassess ID --to
VERSION --preview` — how many answers carry over, what is left behind, which questions are open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.model.index import index_of
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, scrolling

if TYPE_CHECKING:
    from diagnosis.loading.load import Loaded

SHOWN = 40  # open questions named in the preview; the rest are counted


class ReassessDialog(QDialog):
    """`chosen()` after exec: the version to re-assess on (None: the same one)."""

    def __init__(
        self, ctx: Context, assessment_id: int, newer: list[Loaded], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.assessment_id = ctx, assessment_id
        t = ctx.t
        from diagnosis.storage.assessments import questionnaire_of

        current = questionnaire_of(ctx.store, assessment_id).questionnaire
        self.setWindowTitle(t("re.title"))
        self.version = QComboBox()
        for loaded in newer:
            self.version.addItem(t("re.newer", version=loaded.questionnaire.version), loaded)
        self.version.addItem(t("re.same", version=current.version), None)
        self.version.currentIndexChanged.connect(lambda _: self.preview())
        self.summary = PlainLabel(wrap=True, name="questionText")
        self.details = PlainLabel(wrap=True)
        self.details.setAlignment(
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        )  # reads from the top
        label = PlainLabel(t("re.version"))
        label.setBuddy(self.version)
        form = QFormLayout()
        form.addRow(label, self.version)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.start = QPushButton(t("re.start"))
        self.start.clicked.connect(self.accept)
        buttons.addButton(self.start, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(t("re.intro", name=current.title.get(ctx.texts.lang)), wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(scrolling(self.details), 1)
        layout.addWidget(buttons)
        self.start.setDefault(True)  # Enter starts (a default button must be inside the dialog)
        self.resize(720, 520)
        self.preview()
        self.version.setFocus()

    def chosen(self) -> Loaded | None:
        chosen: Loaded | None = self.version.currentData()
        return chosen

    def preview(self) -> None:
        """What the chosen version would carry over, change nothing."""
        from diagnosis.storage.assessments import carry_over_preview

        t, lang = self.ctx.t, self.ctx.texts.lang
        target = self.chosen()
        if target is None:
            self.summary.setText(t("re.same_all"))
            self.details.setText("")
            self.start.setEnabled(True)
            return
        try:
            carried = carry_over_preview(self.ctx.store, self.assessment_id, target)
        except DiagnosisError as error:
            self.summary.setText(self.ctx.say(error.lines[0]))
            self.details.setText("")
            self.start.setEnabled(False)
            return
        self.start.setEnabled(True)
        self.summary.setText(
            t("re.counts", carried=len(carried.answers), dropped=len(carried.dropped), open=len(carried.open))
        )
        index = index_of(target.questionnaire)
        lines = [carried.block.note.get(lang)] if carried.block and carried.block.note else []
        if carried.dropped:
            lines.append(t("re.dropped"))
            lines += [f"  {old}: {self.ctx.say(why)}" for old, why in carried.dropped[:SHOWN]]
        if carried.open:
            lines.append(t("re.open"))
            lines += [f"  {index.questions[qid].text.get(lang)}" for qid in carried.open[:SHOWN]]
            if len(carried.open) > SHOWN:
                lines.append(t("re.more", n=len(carried.open) - SHOWN))
        self.details.setText("\n".join(lines))
