"""Plausibility warnings (数据核查提示) in the wizard: the same checks the report lists, under the
question as it is answered and on the review page, where a provider explains one with a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label, make_default, ok_cancel

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput
    from diagnosis.scoring.plausibility import Alert


def source_of(ctx: Context) -> ReportInput:
    """The open assessment as the report reads it (answers, evidence, plan, enterprise)."""
    from diagnosis.report.inputs import from_store

    assert ctx.session is not None
    return from_store(ctx.store, ctx.session.assessment_id)


def open_alerts(ctx: Context, question: str | None = None) -> list[Alert]:
    """Warnings not explained yet (those about `question` only, when given)."""
    from diagnosis.report.appendix import checks

    found = [alert for alert in checks(source_of(ctx)) if not alert.resolved]
    return [a for a in found if question in a.questions] if question is not None else found


def explain(parent: QWidget, ctx: Context, alert: Alert) -> bool:
    """Ask for the note that explains a warning and keep it; True when it was kept."""
    from diagnosis.errors import DiagnosisError
    from diagnosis.storage.plans import resolve_alert
    from diagnosis.ui.widgets import inform

    dialog = ExplainDialog(ctx, alert, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.note.text().strip():
        return False
    assert ctx.session is not None
    try:
        resolve_alert(ctx.store, ctx.session.assessment_id, alert.id, dialog.note.text())
    except DiagnosisError as error:
        inform(parent, ctx.t("err.title"), ctx.say(error.lines[0]), error=True)
        return False
    return True


class ExplainDialog(QDialog):
    def __init__(self, ctx: Context, alert: Alert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ctx.t("chk.explain.title"))
        message = PlainLabel(alert.message.get(ctx.texts.lang), wrap=True)
        self.note = QLineEdit()
        label = buddy_label(ctx.t("chk.explain.note"), self.note)
        label.setWordWrap(True)
        buttons = ok_cancel(self, self.accept)
        layout = QVBoxLayout(self)
        for widget in (message, label, self.note, buttons):
            layout.addWidget(widget)
        make_default(buttons)
        self.resize(560, self.sizeHint().height())
        self.note.setFocus()
