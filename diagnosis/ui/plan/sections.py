"""The tabs of the plan step but the projects: the assessment process, the problems and needs,
the expected results (KPIs) and the enterprise's confirmation. Each shows its part of a plan and
reads it back (`collect`), raising a CellProblem for a field it cannot read."""

from __future__ import annotations

import re
from typing import Any, Literal, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from diagnosis.model.index import Index
from diagnosis.plan.consistency import kpi_direction
from diagnosis.plan.model import (
    METHODS,
    OPINIONS,
    Confirmation,
    Finding,
    Kpi,
    Person,
    Plan,
    Process,
    Visit,
)
from diagnosis.ui.context import Context
from diagnosis.ui.plan.table import CellProblem, Column, PlanTable, read_typed
from diagnosis.ui.widgets import NoteEdit, PlainLabel

Method = Literal["document_review", "site_inspection", "interview", "system_demo"]
NAME = Column("name", "plan.person.name", stretch=True, required=True)
ROLE = Column("role", "plan.person.role")


class Section(QWidget):
    """One tab: `edited` when something in it changed (the page then saves the whole plan)."""

    edited = Signal()

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.labels: list[tuple[PlainLabel, str]] = []
        self.notes: list[NoteEdit] = []
        self._tables: list[PlanTable] = []  # in the order they are shown (the first takes the focus)

    def heading(self, key: str, buddy: QWidget | None = None) -> PlainLabel:
        label = PlainLabel()
        if buddy is not None:
            label.setBuddy(buddy)
        self.labels.append((label, key))
        self.layout_.addWidget(label)
        return label

    def table(self, name: str, columns: list[Column], rows: int = 4) -> PlanTable:
        table = PlanTable(name, columns)
        table.edited.connect(self.edited.emit)
        self._tables.append(table)
        table.setMinimumHeight(rows * 26 + 30)
        return table

    def note(self) -> NoteEdit:
        edit = NoteEdit()
        edit.setMaximumHeight(90)
        edit.paused.connect(self.edited.emit)
        self.notes.append(edit)
        return edit

    def tables(self) -> list[PlanTable]:
        return list(self._tables)

    def first_field(self) -> QWidget:
        """Where the focus goes when the tab is opened."""
        return self._tables[0] if self._tables else self

    def retranslate(self) -> None:
        for label, key in self.labels:
            label.setText(self.ctx.t(key))
        for table in self.tables():
            table.retranslate(self.ctx.t)

    def set_read_only(self, read_only: bool) -> None:
        for table in self.tables():
            table.set_read_only(read_only)
        for note in self.notes:
            note.setReadOnly(read_only)
        for widget in self.findChildren(QCheckBox) + self.findChildren(QComboBox):
            widget.setEnabled(not read_only)
        for line in self.findChildren(QLineEdit):
            if not isinstance(line.parent(), QComboBox):
                line.setReadOnly(read_only)

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        raise NotImplementedError

    def collect(self, plan: Plan) -> Plan:
        raise NotImplementedError


NAMES = "、"  # people named in one cell


def names(text: str | None) -> list[str]:
    """'张工、李工' (or commas, semicolons) → ['张工', '李工']."""
    return [name.strip() for name in re.split(r"[、,，;；/]", text or "") if name.strip()]


def _refill(table: PlanTable, rows: list[tuple[Any, dict[str, Any]]]) -> None:
    """Refill a table, unless a cell is being edited in it (what is typed there stays)."""
    if table.state() != table.State.EditingState:
        table.fill(rows)


class ProcessSection(Section):
    """评测过程: visits, methods, the enterprise's participants, the assessors, remarks."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.visits = self.table(
            "plan.visits",
            [
                Column("date", "plan.visit.date", "day", required=True),
                Column("hours", "plan.visit.hours", "hours"),
                Column("place", "plan.visit.place", stretch=True),
                Column("assessors", "plan.visit.assessors"),
            ],
            rows=3,
        )
        self.heading("plan.visits", self.visits)
        self.layout_.addWidget(self.visits)
        self.methods = {method: QCheckBox() for method in METHODS}
        row = QHBoxLayout()
        for box in self.methods.values():
            box.toggled.connect(lambda _: self.edited.emit())
            row.addWidget(box)
        row.addStretch()
        self.heading("plan.methods")
        self.layout_.addLayout(row)
        self.participants = self.table("plan.participants", [NAME, ROLE], rows=3)
        self.heading("plan.participants", self.participants)
        self.layout_.addWidget(self.participants)
        qualification = Column("qualification", "plan.person.qualification")
        self.assessors = self.table("plan.assessors", [NAME, ROLE, qualification], rows=3)
        self.heading("plan.assessors", self.assessors)
        self.layout_.addWidget(self.assessors)
        self.remarks = self.note()
        self.heading("plan.process.remarks", self.remarks)
        self.layout_.addWidget(self.remarks)

    def retranslate(self) -> None:
        super().retranslate()
        for method, box in self.methods.items():
            box.setText(self.ctx.t(f"plan.method.{method}"))

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        process = plan.process
        _refill(
            self.visits,
            [(None, v.model_dump() | {"assessors": NAMES.join(v.assessors)}) for v in process.visits],
        )
        for method, box in self.methods.items():
            box.blockSignals(True)
            box.setChecked(method in process.methods)
            box.blockSignals(False)
        _refill(self.participants, [(None, p.model_dump()) for p in process.participants])
        _refill(self.assessors, [(None, p.model_dump()) for p in process.assessors])
        self.remarks.show_text(process.remarks or "")

    def collect(self, plan: Plan) -> Plan:
        process = Process(
            visits=[
                Visit(**(values | {"assessors": names(values["assessors"])}))
                for _, values in self.visits.records()
            ],
            methods=cast(list[Method], [m for m, box in self.methods.items() if box.isChecked()]),
            participants=[Person(**values) for _, values in self.participants.records()],
            assessors=[Person(**values) for _, values in self.assessors.records()],
            remarks=self.remarks.toPlainText().strip() or None,
        )
        return plan.model_copy(update={"process": process})


class FindingsSection(Section):
    """问题与需求: pain points and needs with the indicators they concern, and free text."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.findings = self.table(
            "plan.findings",
            [
                Column(
                    "kind", "plan.finding.kind", "choice", self._kinds, required=True, default="pain_point"
                ),
                Column("text", "plan.finding.text", stretch=True, required=True),
                Column("refs", "plan.finding.refs", "fixed"),
            ],
            rows=8,
        )
        self.heading("plan.findings", self.findings)
        self.layout_.addWidget(self.findings, 1)
        self.needs = self.note()
        self.heading("plan.needs_text", self.needs)
        self.layout_.addWidget(self.needs)

    def _kinds(self, row: int) -> list[tuple[Any, str]]:
        return [(kind, self.ctx.t(f"plan.finding.{kind}")) for kind in ("pain_point", "need")]

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        lang = self.ctx.texts.lang
        comma = "、" if lang == "zh" else ", "
        rows = []
        for finding in plan.findings:
            names = comma.join(_indicator(index, ref, lang) for ref in finding.refs)
            rows.append((finding, {"kind": finding.kind, "text": finding.text, "refs": names}))
        _refill(self.findings, rows)
        self.needs.show_text(plan.needs_text or "")

    def collect(self, plan: Plan) -> Plan:
        findings = [
            Finding(
                kind=values["kind"],
                text=values["text"],
                refs=list(old.refs) if old else [],
                drafted=old.drafted if old else None,  # a draft until its text is edited
            )
            for old, values in self.findings.records()
        ]
        return plan.model_copy(
            update={"findings": findings, "needs_text": self.needs.toPlainText().strip() or None}
        )


def _indicator(index: Index, ref: str, lang: Any) -> str:
    question = index.questions.get(ref)
    if question is not None:
        return str(question.text.get(lang))
    dim = index.dimensions.get(ref)
    return str(dim.title.get(lang)) if dim is not None else ref


class KpiSection(Section):
    """预期成效: the expected results with baseline and target (the planned level is beside)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.kpis = self.table(
            "plan.kpis",
            [
                Column("name", "plan.kpi.name", stretch=True, required=True),
                Column("unit", "plan.kpi.unit"),
                Column("baseline", "plan.kpi.baseline", "figure"),
                Column("target", "plan.kpi.target", "figure"),
                Column("better", "plan.kpi.better", "choice", self._directions),
            ],
            rows=8,
        )
        self.heading("plan.kpis", self.kpis)
        self.layout_.addWidget(self.kpis, 1)

    def _directions(self, row: int) -> list[tuple[Any, str]]:
        return [(None, "—"), *((d, self.ctx.t(f"plan.kpi.better.{d}")) for d in ("higher", "lower"))]

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        questionnaire = index.questionnaire
        rows = [(kpi, kpi.model_dump() | {"better": kpi_direction(kpi, questionnaire)}) for kpi in plan.kpis]
        _refill(self.kpis, rows)

    def collect(self, plan: Plan) -> Plan:
        kpis = [
            Kpi(
                **values,
                question=old.question if old is not None else None,
                indicator=old.indicator if old is not None else None,
            )
            for old, values in self.kpis.records()
        ]
        return plan.model_copy(update={"kpis": kpis})


class ConfirmationSection(Section):
    """确认: the enterprise's opinion of the diagnosis and its satisfaction with the service."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.opinion, self.satisfaction = QComboBox(), QComboBox()
        self.remarks = self.note()
        self.confirmed_by, self.date = QLineEdit(), QLineEdit()
        self.date.setPlaceholderText("2026-03-05")
        for combo in (self.opinion, self.satisfaction):
            combo.activated.connect(lambda _: self.edited.emit())
        for line in (self.confirmed_by, self.date):
            line.editingFinished.connect(lambda: self.edited.emit())
        form = QFormLayout()
        for key, widget in (
            ("plan.confirm.opinion", self.opinion),
            ("plan.confirm.remarks", self.remarks),
            ("plan.confirm.satisfaction", self.satisfaction),
            ("plan.confirm.by", self.confirmed_by),
            ("plan.confirm.date", self.date),
        ):
            label = PlainLabel()
            label.setBuddy(widget)
            widget.setMaximumWidth(560)  # a form, not bars across the screen
            self.labels.append((label, key))
            form.addRow(label, widget)
        self.layout_.addLayout(form)
        self.layout_.addStretch()

    def first_field(self) -> QWidget:
        return self.opinion

    def retranslate(self) -> None:
        super().retranslate()
        t = self.ctx.t
        _choices(self.opinion, [(None, "—"), *((o, t(f"plan.opinion.{o}")) for o in OPINIONS)])
        levels = [(n, t(f"plan.satisfaction.{n}")) for n in range(5, 0, -1)]
        _choices(self.satisfaction, [(None, "—"), *levels])

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        confirmation = plan.confirmation
        self.opinion.setCurrentIndex(max(0, self.opinion.findData(confirmation.opinion)))
        self.satisfaction.setCurrentIndex(max(0, self.satisfaction.findData(confirmation.satisfaction)))
        self.remarks.show_text(confirmation.remarks or "")
        for line, value in ((self.confirmed_by, confirmation.confirmed_by), (self.date, confirmation.date)):
            if not line.hasFocus() or not line.isModified():
                line.setText(value or "")

    def collect(self, plan: Plan) -> Plan:
        day, problem = read_typed("day", self.date.text())
        if problem is not None:
            raise CellProblem("plan.tab.confirm", "plan.confirm.date", None, problem)
        confirmation = Confirmation(
            opinion=self.opinion.currentData(),
            remarks=self.remarks.toPlainText().strip() or None,
            satisfaction=self.satisfaction.currentData(),
            confirmed_by=self.confirmed_by.text().strip() or None,
            date=day,
        )
        return plan.model_copy(update={"confirmation": confirmation})


def _choices(combo: QComboBox, choices: list[tuple[Any, str]]) -> None:
    """Fill a list of choices keeping the chosen one (the labels change with the language)."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, label in choices:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
