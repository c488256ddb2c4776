"""Step 2: pick an enterprise or enter a new one; fields are checked as they are typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.storage.enterprises import (
    SIZE_CLASSES,
    EnterpriseInput,
    add_enterprise,
    check_uscc,
    list_enterprises,
)
from diagnosis.ui.context import Context

FIELDS = (
    "ent.name",
    "ent.uscc",
    "ent.province",
    "ent.city",
    "ent.county",
    "ent.contact",
    "ent.provider",
    "ent.assessor",
)


class EnterprisePage(QWidget):
    def __init__(self, ctx: Context, go_back: Callable[[], None], go_next: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.go_back, self.go_next = ctx, go_back, go_next
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.pick = QComboBox()
        self.pick.currentIndexChanged.connect(self._picked)
        self.edits = {key: QLineEdit() for key in FIELDS}
        self.size_box = QComboBox()
        self.size_box.addItems(["", *SIZE_CLASSES])
        self.errors = {key: QLabel() for key in ("ent.name", "ent.uscc")}
        for label in self.errors.values():
            label.setObjectName("fieldError")
        self.touched = False  # no red text on a form nobody has typed in yet
        self.edits["ent.name"].textEdited.connect(self._touch)
        self.edits["ent.name"].textChanged.connect(self._check)
        self.edits["ent.uscc"].textChanged.connect(self._check)
        self.mode = QButtonGroup(self)
        self.self_mode, self.onsite_mode = QRadioButton(), QRadioButton()
        self.mode.addButton(self.self_mode)
        self.mode.addButton(self.onsite_mode)
        self.self_mode.setChecked(True)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.form.addRow(self._label("ent.pick"), self.pick)
        for key in FIELDS[:2]:
            self.form.addRow(self._label(key), self._with_error(key))
        for key in FIELDS[2:6]:
            self.form.addRow(self._label(key), self.edits[key])
        self.form.addRow(self._label("ent.size"), self.size_box)
        modes = QHBoxLayout()
        modes.addWidget(self.self_mode)
        modes.addWidget(self.onsite_mode)
        modes.addStretch()
        self.form.addRow(self._label("ent.mode"), modes)
        for key in FIELDS[6:]:
            self.form.addRow(self._label(key), self.edits[key])
        self.back, self.next = QPushButton(), QPushButton()
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self._next)
        self.next.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.next)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter submits the form
            shortcut = QShortcut(QKeySequence(enter), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addStretch()
        layout.addLayout(buttons)
        self.retranslate()

    def _label(self, key: str) -> QLabel:
        self.labels[key] = QLabel()
        return self.labels[key]

    def _with_error(self, key: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edits[key], 2)
        row.addWidget(self.errors[key], 1)
        return box

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("ent.title"))
        for key, label in self.labels.items():
            label.setText(t(key))
            widget = self.edits.get(key)
            if widget is not None:
                label.setBuddy(widget)
                widget.setAccessibleName(t(key).rstrip(" *"))
        self.self_mode.setText(t("ent.self"))
        self.onsite_mode.setText(t("ent.onsite"))
        self.back.setText(t("btn.back"))
        self.next.setText(t("btn.next"))
        self._check()

    def enter(self) -> None:
        self.touched = False
        for edit in self.edits.values():
            edit.clear()
        self.pick.blockSignals(True)
        self.pick.clear()
        self.pick.addItem(self.ctx.t("ent.new"), None)
        for row in list_enterprises(self.ctx.store):
            self.pick.addItem(f"{row['name']}  {row['uscc'] or ''}".strip(), row["id"])
        self.pick.blockSignals(False)
        settings = self.ctx.settings
        self.edits["ent.provider"].setText(str(settings.value("provider", "")))
        self.edits["ent.assessor"].setText(str(settings.value("assessor", "")))
        if settings.value("mode", "self") == "onsite":
            self.onsite_mode.setChecked(True)
        self._picked()
        self.edits["ent.name"].setFocus()

    def _touch(self) -> None:
        self.touched = True

    def _picked(self) -> None:
        existing = self.pick.currentData() is not None
        for key in FIELDS[:6]:
            self.edits[key].setEnabled(not existing)
        self.size_box.setEnabled(not existing)
        self._check()

    def _check(self) -> bool:
        """Show errors beside the fields; True when the form can be submitted."""
        if self.pick.currentData() is not None:
            self.errors["ent.name"].setText("")
            self.errors["ent.uscc"].setText("")
            self.next.setEnabled(True)
            return True
        name_ok = bool(self.edits["ent.name"].text().strip())
        self.errors["ent.name"].setText("" if name_ok or not self.touched else self.ctx.t("ent.required"))
        code = self.edits["ent.uscc"].text().strip().upper()
        code_ok = True
        if code:
            try:
                check_uscc(code)
                self.errors["ent.uscc"].setText(self.ctx.t("ent.ok"))
            except DiagnosisError as error:
                code_ok = False
                self.errors["ent.uscc"].setText(error.lines[0].split(": ", 1)[-1])
        else:
            self.errors["ent.uscc"].setText("")
        self.next.setEnabled(name_ok and code_ok)
        return name_ok and code_ok

    def _next(self) -> None:
        if not self._check():
            return
        enterprise_id = self.pick.currentData()
        if enterprise_id is None:
            text = {key: self.edits[key].text().strip() or None for key in FIELDS}
            try:
                enterprise_id = add_enterprise(
                    self.ctx.store,
                    EnterpriseInput(
                        name=text["ent.name"] or "",
                        uscc=(text["ent.uscc"] or "").upper() or None,
                        province=text["ent.province"],
                        city=text["ent.city"],
                        county=text["ent.county"],
                        size_class=self.size_box.currentText() or None,
                        contact_name=text["ent.contact"],
                    ),
                )
            except DiagnosisError as error:
                self.errors["ent.uscc"].setText(error.lines[0])
                return
        mode = "onsite" if self.onsite_mode.isChecked() else "self"
        provider, assessor = (
            self.edits["ent.provider"].text().strip(),
            self.edits["ent.assessor"].text().strip(),
        )
        self.ctx.settings.setValue("provider", provider)
        self.ctx.settings.setValue("assessor", assessor)
        self.ctx.settings.setValue("mode", mode)
        self.ctx.new_assessment = {
            "enterprise_id": int(enterprise_id),
            "mode": mode,
            "provider": provider or None,
            "assessor": assessor or None,
        }
        self.go_next()
