"""Step 2: pick an enterprise or enter a new one; fields are checked as they are typed.

An existing enterprise shows its stored fields, read-only; the report's cover uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
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
    get_enterprise,
    list_enterprises,
)
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, page_layout

# Form field → the enterprise record's column.
ENTERPRISE_FIELDS = {
    "ent.name": "name",
    "ent.uscc": "uscc",
    "ent.industry": "industry",
    "ent.province": "province",
    "ent.city": "city",
    "ent.county": "county",
    "ent.contact": "contact_name",
    "ent.phone": "contact_phone",
}
FIELDS = (*ENTERPRISE_FIELDS, "ent.provider", "ent.provider_uscc", "ent.assessor")
CODES = ("ent.uscc", "ent.provider_uscc")  # checked as typed


class EnterprisePage(QWidget):
    def __init__(self, ctx: Context, go_back: Callable[[], None], go_next: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.go_back, self.go_next = ctx, go_back, go_next
        self.title = PlainLabel(name="pageTitle")
        self.pick = QComboBox()
        self.pick.currentIndexChanged.connect(self._picked)
        self.edits = {key: QLineEdit() for key in FIELDS}
        self.size_box = QComboBox()
        self.size_box.addItems(["", *SIZE_CLASSES])
        self.errors = {key: PlainLabel(name="fieldError") for key in ("ent.name", *CODES)}
        self.touched = False  # no red text on a form nobody has typed in yet
        self.edits["ent.name"].textEdited.connect(self._touch)
        for key in ("ent.name", *CODES):
            self.edits[key].textChanged.connect(self._check)
        self.mode = QButtonGroup(self)
        self.self_mode, self.onsite_mode = QRadioButton(), QRadioButton()
        self.mode.addButton(self.self_mode)
        self.mode.addButton(self.onsite_mode)
        self.self_mode.setChecked(True)
        self.labels: dict[str, PlainLabel] = {}
        form = QFormLayout()
        form.addRow(self._label("ent.pick"), self.pick)
        for key in ("ent.name", "ent.uscc"):
            form.addRow(self._label(key), self._with_error(key))
        for key in ("ent.industry", "ent.province", "ent.city", "ent.county"):
            form.addRow(self._label(key), self.edits[key])
        form.addRow(self._label("ent.size"), self.size_box)
        for key in ("ent.contact", "ent.phone"):
            form.addRow(self._label(key), self.edits[key])
        modes = QHBoxLayout()
        modes.addWidget(self.self_mode)
        modes.addWidget(self.onsite_mode)
        modes.addStretch()
        form.addRow(self._label("ent.mode"), modes)
        form.addRow(self._label("ent.provider"), self.edits["ent.provider"])
        form.addRow(self._label("ent.provider_uscc"), self._with_error("ent.provider_uscc"))
        form.addRow(self._label("ent.assessor"), self.edits["ent.assessor"])
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
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.title)
        body.addLayout(form)
        body.addStretch()
        page_layout(self, content, buttons)
        self.retranslate()

    def _label(self, key: str) -> PlainLabel:
        self.labels[key] = PlainLabel()
        return self.labels[key]

    def _with_error(self, key: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edits[key], 2)
        row.addWidget(self.errors[key], 1)
        self.errors[key].setWordWrap(True)
        return box

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("ent.title"))
        for key, label in self.labels.items():
            label.setText(t(key))
            widget = self.edits.get(key) or {"ent.pick": self.pick, "ent.size": self.size_box}.get(key)
            if widget is not None:
                label.setBuddy(widget)
                widget.setAccessibleName(t(key).rstrip(" *"))
        self.self_mode.setText(t("ent.self"))
        self.onsite_mode.setText(t("ent.onsite"))
        self.back.setText(t("btn.back"))
        self.next.setText(t("btn.next"))
        if self.pick.count():
            self.pick.setItemText(0, t("ent.new"))
        self._check()

    def enter(self) -> None:
        self.touched = False
        self.pick.blockSignals(True)
        self.pick.clear()
        self.pick.addItem(self.ctx.t("ent.new"), None)
        for row in list_enterprises(self.ctx.store):
            self.pick.addItem(f"{row['name']}  {row['uscc'] or ''}".strip(), row["id"])
        self.pick.blockSignals(False)
        self._offer_industries()
        settings = self.ctx.settings
        for key, setting in (("ent.provider", "provider"), ("ent.provider_uscc", "provider_uscc")):
            self.edits[key].setText(str(settings.value(setting, "")))
        self.edits["ent.assessor"].setText(str(settings.value("assessor", "")))
        if settings.value("mode", "self") == "onsite":
            self.onsite_mode.setChecked(True)
        self._picked()
        self.edits["ent.name"].setFocus()

    def _offer_industries(self) -> None:
        """The industries the questionnaires ask about complete as they are typed: one typed so
        is answered in the questionnaire, not asked again (`flow.from_enterprise`)."""
        from diagnosis.flow import industry_names

        lang = self.ctx.texts.lang
        names = sorted({n for e in self.ctx.catalogue.all() for n in industry_names(e.questionnaire, lang)})
        completer = QCompleter(names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edits["ent.industry"].setCompleter(completer)

    def _touch(self) -> None:
        self.touched = True

    def _picked(self) -> None:
        """An existing enterprise: its stored fields, read-only. A new one: an empty form."""
        chosen = self.pick.currentData()
        record: dict[str, Any] = get_enterprise(self.ctx.store, chosen) if chosen is not None else {}
        for key, column in ENTERPRISE_FIELDS.items():
            edit = self.edits[key]
            edit.setText(str(record.get(column) or ""))
            edit.setReadOnly(chosen is not None)
        size = record.get("size_class") or ""
        self.size_box.setCurrentIndex(max(self.size_box.findText(size), 0))
        # Read-only like the fields above it, not greyed out as if it did not apply.
        self.size_box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, chosen is not None)
        self.size_box.setFocusPolicy(
            Qt.FocusPolicy.NoFocus if chosen is not None else Qt.FocusPolicy.StrongFocus
        )
        self._check()

    def _check(self) -> bool:
        """Show errors beside the fields; True when the form can be submitted."""
        provider_ok = self._code_ok("ent.provider_uscc")
        if self.pick.currentData() is not None:
            self.errors["ent.name"].setText("")
            self.errors["ent.uscc"].setText("")
            self.next.setEnabled(provider_ok)
            return provider_ok
        name_ok = bool(self.edits["ent.name"].text().strip())
        self.errors["ent.name"].setText("" if name_ok or not self.touched else self.ctx.t("ent.required"))
        code_ok = self._code_ok("ent.uscc")  # said as typed, whether or not the name is there yet
        ok = name_ok and code_ok and provider_ok
        self.next.setEnabled(ok)
        return ok

    def _code_ok(self, key: str) -> bool:
        """A credit code field: empty, or valid (said beside it either way)."""
        code = self.edits[key].text().strip().upper()
        if not code:
            self._say_code("", key=key)
            return True
        try:
            check_uscc(code)
        except DiagnosisError as error:
            self._say_code(self.ctx.say(error.lines[0]), key=key)
            return False
        self._say_code(self.ctx.t("ent.ok"), ok=True, key=key)
        return True

    def _say_code(self, text: str, ok: bool = False, key: str = "ent.uscc") -> None:
        """A credit code's check beside it: red when wrong, green when valid."""
        label = self.errors[key]
        label.setText(text)
        if label.property("ok") != ok:
            label.setProperty("ok", ok)
            label.style().unpolish(label)  # a dynamic property restyles only when re-polished
            label.style().polish(label)

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
                        industry=text["ent.industry"],
                        province=text["ent.province"],
                        city=text["ent.city"],
                        county=text["ent.county"],
                        size_class=self.size_box.currentText() or None,
                        contact_name=text["ent.contact"],
                        contact_phone=text["ent.phone"],
                    ),
                )
            except DiagnosisError as error:
                self._say_code(self.ctx.say(error.lines[0]))
                return
        mode = "onsite" if self.onsite_mode.isChecked() else "self"
        provider = self.edits["ent.provider"].text().strip()
        provider_uscc = self.edits["ent.provider_uscc"].text().strip().upper()
        assessor = self.edits["ent.assessor"].text().strip()
        self.ctx.settings.setValue("provider", provider)
        self.ctx.settings.setValue("provider_uscc", provider_uscc)
        self.ctx.settings.setValue("assessor", assessor)
        self.ctx.settings.setValue("mode", mode)
        self.ctx.new_assessment = {
            "enterprise_id": int(enterprise_id),
            "mode": mode,
            "provider": provider or None,
            "provider_uscc": provider_uscc or None,
            "assessor": assessor or None,
        }
        self.go_next()
