"""Dialogs for what the CLI can do besides answering: compare two assessments (with the report
that includes the comparison) and the provider summary workbook."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.localtime import local_minute, today
from diagnosis.outcome import rounded
from diagnosis.storage.assessments import get_assessment
from diagnosis.storage.reports import SummaryRow, compare, list_assessments, provider_summary
from diagnosis.ui.context import Context
from diagnosis.ui.exports import choose_file, open_file, render_pdf
from diagnosis.ui.signing.signer import Cancelled, sentence, signing_key
from diagnosis.ui.widgets import PlainLabel


class CompareDialog(QDialog):
    """This assessment against another of the same questionnaire: level and per-dimension change
    (改造前 / 改造后), and the PDF report with the comparison in it."""

    def __init__(self, ctx: Context, assessment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.assessment_id = ctx, assessment_id
        t = ctx.t
        self.setWindowTitle(t("cmp.title"))
        here = get_assessment(ctx.store, assessment_id)
        self.others = [
            row
            for row in list_assessments(ctx.store)
            if row["questionnaire_id"] == here["questionnaire_id"] and row["id"] != assessment_id
        ]
        self.other = QComboBox()
        for row in self.others:
            self.other.addItem(
                t(
                    "cmp.item",
                    n=row["id"],
                    revision=row["revision"],
                    name=row["enterprise"],
                    time=local_minute(row["created_at"]),
                    status=t(f"status.{row['status']}"),
                ),
                row["id"],
            )
        preferred = here["based_on"] if any(r["id"] == here["based_on"] for r in self.others) else None
        if preferred is not None:
            self.other.setCurrentIndex(self.other.findData(preferred))
        self.other.currentIndexChanged.connect(lambda _: self.refresh())
        self.levels = PlainLabel(wrap=True, name="questionText")
        self.status = PlainLabel(wrap=True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([t("col.dimension"), t("cmp.before"), t("cmp.after"), t("cmp.delta")])
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.report = QPushButton(t("cmp.report"))
        self.report.clicked.connect(self.export_report)
        buttons.addButton(self.report, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        chooser = PlainLabel(t("cmp.with"))
        chooser.setBuddy(self.other)
        form.addRow(chooser, self.other)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.levels)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self.refresh()
        self.other.setFocus()

    def pair(self) -> tuple[int, int] | None:
        """(before, after): the earlier-created one is "before"."""
        other = self.other.currentData()
        if other is None:
            return None
        first, second = (
            get_assessment(self.ctx.store, other),
            get_assessment(self.ctx.store, self.assessment_id),
        )
        ordered = sorted((first, second), key=lambda r: (r["created_at"], r["id"]))
        return ordered[0]["id"], ordered[1]["id"]

    def refresh(self) -> None:
        t, lang = self.ctx.t, self.ctx.texts.lang
        self.table.clear()
        pair = self.pair()
        self.report.setEnabled(pair is not None)
        if pair is None:
            self.levels.setText(t("cmp.none"))
            return
        result = compare(self.ctx.store, *pair)

        def level(value: Any) -> str:
            return str(value.name.get(lang)) if value is not None else t("rev.not_rated")

        self.levels.setText(
            t(
                "cmp.levels",
                before=pair[0],
                after=pair[1],
                old=level(result.before_level),
                new=level(result.after_level),
                old_score=rounded(result.before_score),
                new_score=rounded(result.after_score),
            )
        )
        for row in result.dimensions:
            delta = row.delta
            sign = "+" if delta is not None and delta > 0 else ""
            self.table.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        str(row.name.get(lang) or row.name.get("zh")),
                        rounded(row.before),
                        rounded(row.after),
                        f"{sign}{rounded(delta)}" if delta is not None else "—",
                    ]
                )
            )

    def export_report(self) -> None:
        """The later assessment's report with the before/after section."""
        pair = self.pair()
        if pair is None:
            return
        before, after = pair
        target = choose_file(self, self.ctx, ".pdf", f"compare-{before}-{after}.pdf")
        if target is None:
            return
        from diagnosis.report.inputs import from_store

        try:
            key = signing_key(self, self.ctx)  # signed like the finish page's report
            render_pdf(from_store(self.ctx.store, after, before), self.ctx.texts.lang, target, key)
        except Cancelled:
            return
        except (DiagnosisError, OSError) as error:
            self.status.setText(self.ctx.say(sentence(error)))
            return
        self.status.setText(self.ctx.t("fin.done", path=str(target)))
        open_file(target)


class SummaryDialog(QDialog):
    """The provider summary workbook: a provider, a date range, finalized assessments (drafts
    on request)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setWindowTitle(t("sum.title"))
        providers = sorted({r["provider"] for r in list_assessments(ctx.store) if r["provider"]})
        self.provider = QLineEdit()  # empty: every provider; the known ones complete as typed
        self.provider.setPlaceholderText(t("sum.any"))
        self.provider.setCompleter(QCompleter(providers, self))
        remembered = str(ctx.settings.value("provider", ""))
        self.provider.setText(remembered if remembered in providers else "")
        day = today()  # the app's day, as the finalize days compared with it (not the system's)
        self.start = QDateEdit(QDate(day.year, 1, 1))
        self.end = QDateEdit(QDate(day.year, day.month, day.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.drafts = QCheckBox(t("sum.drafts"))
        self.status = PlainLabel(wrap=True)
        form = QFormLayout()
        for key, widget in (("sum.provider", self.provider), ("sum.from", self.start), ("sum.to", self.end)):
            label = PlainLabel(t(key))
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.drafts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.export = QPushButton(t("sum.export"))
        self.export.clicked.connect(lambda: self.write())
        buttons.addButton(self.export, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.export.setDefault(True)  # Enter exports; only a button inside the dialog can be its default
        self.provider.setFocus()
        self.provider.selectAll()  # typing a name replaces the remembered one

    def chosen_provider(self) -> str | None:
        return self.provider.text().strip() or None

    def rows(self) -> list[SummaryRow]:
        start = self.start.date().toString("yyyy-MM-dd")
        end = self.end.date().toString("yyyy-MM-dd")
        if start > end:
            raise DiagnosisError(self.ctx.t("sum.bad_range"))
        return provider_summary(self.ctx.store, self.chosen_provider(), start, end, self.drafts.isChecked())

    def write(self, target: Any = None) -> None:
        from diagnosis.storage.xlsx import summary_workbook

        try:
            rows = self.rows()
        except DiagnosisError as error:
            self.status.setText(self.ctx.say(error.lines[0]))
            return
        if not rows:
            self.status.setText(self.ctx.t("sum.empty"))
            return
        stamp = today().isoformat()
        target = target or choose_file(self, self.ctx, ".xlsx", f"summary-{stamp}.xlsx")
        if target is None:
            return
        try:
            summary_workbook(rows, target, self.ctx.texts.lang)
        except (DiagnosisError, OSError) as error:
            self.status.setText(self.ctx.say(sentence(error)))
            return
        self.status.setText(self.ctx.t("sum.done", n=len(rows), path=str(target)))
        open_file(target)
