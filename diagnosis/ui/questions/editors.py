"""One editor per question kind. An editor shows a value and reports a new one through `changed`,
which commits it and says whether that worked; it never keeps answers itself (the session does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from diagnosis.answer_input import accepted, parse_number
from diagnosis.model import ChoiceQuestion, DerivedQuestion, NumberQuestion, Option, Question
from diagnosis.model.index import Index
from diagnosis.ui.texts import Texts
from diagnosis.ui.widgets import PlainLabel

Changed = Callable[[Any], bool]  # commit a value; False when it was refused (and said why)


class Editor(QWidget):
    def __init__(self, changed: Changed) -> None:
        super().__init__()
        self.changed = changed
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None: ...

    def commit(self) -> bool:
        """Report a typed-in value that has not been reported yet; False when it was refused
        (the person stays on the question and reads why)."""
        return True

    def choose(self, key: int) -> bool:
        """Select the option of a number key; False when this editor has none for it."""
        return False

    def focus_first(self) -> None:
        self.setFocus()

    def keys_hint(self, texts: Texts) -> str:
        return texts.t("ask.keys")


def option_keys(question: ChoiceQuestion, options: list[Option]) -> list[int | None]:
    """The number key of each option: the level itself on a level ladder (0–4), else 1–9."""
    if question.kind == "level" and all(o.level is not None and o.level <= 9 for o in options):
        return [o.level for o in options]
    return [n if n <= 9 else None for n in range(1, len(options) + 1)]


class ChoiceEditor(Editor):
    """Radio buttons (single, yes/no, level ladder) or check boxes (multiple, "none" exclusive).

    ↑/↓ move between the options (however many there are) and Space chooses; number keys choose
    directly. Arrows never change an answer by themselves.
    """

    def __init__(
        self, question: ChoiceQuestion, options: list[Option], texts: Texts, changed: Changed
    ) -> None:
        super().__init__(changed)
        lang = texts.lang
        self.multiple = question.kind == "multiple"
        self.ladder = question.kind == "level"
        self.options = options
        self.keys = option_keys(question, options)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: list[QAbstractButton] = []
        self.details: list[PlainLabel] = []
        for n, (option, key) in enumerate(zip(options, self.keys, strict=True)):
            label = option.label.get(lang)
            text = f"{key}. {label}" if key is not None else f"    {label}"
            button: QAbstractButton = QCheckBox(text) if self.multiple else QRadioButton(text)
            button.setAccessibleName(label)
            button.installEventFilter(self)
            self.group.addButton(button, n)
            self.buttons.append(button)
            self.layout_.addWidget(button)
            if option.description is not None:
                detail = PlainLabel(option.description.get(lang), wrap=True, name="optionDetail")
                self.details.append(detail)
                self.layout_.addWidget(detail)
        self.group.idClicked.connect(self._clicked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wrapped labels inside a scroll area get too little height unless told what they need.
        super().resizeEvent(event)
        for detail in self.details:
            detail.setMinimumHeight(detail.heightForWidth(max(detail.width(), 50)))
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}
            key = Qt.Key(event.key())
            if key in step and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self._move(self.buttons.index(watched), step[key])  # type: ignore[arg-type]
                return True
        return False

    def _move(self, at: int, delta: int) -> None:
        target = self.buttons[max(0, min(len(self.buttons) - 1, at + delta))]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self._show(target)

    def _show(self, button: QWidget) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(button)

    def set_value(self, value: Any) -> None:
        chosen = set(value if isinstance(value, list) else [] if value is None else [value])
        for option, button in zip(self.options, self.buttons, strict=True):
            button.blockSignals(True)
            button.setChecked(option.id in chosen)
            button.blockSignals(False)
        if not chosen and not self.multiple:  # an exclusive group cannot uncheck by itself
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)

    def _clicked(self, index: int) -> None:
        if not self.multiple:
            self.changed(self.options[index].id)
            return
        clicked = self.options[index]
        if self.buttons[index].isChecked():  # "none" and the real options exclude each other
            for option, button in zip(self.options, self.buttons, strict=True):
                if option is not clicked and (option.exclusive or clicked.exclusive):
                    button.setChecked(False)
        selected = [o.id for o, b in zip(self.options, self.buttons, strict=True) if b.isChecked()]
        self.changed(selected or None)

    def choose(self, key: int) -> bool:
        if key not in self.keys:
            return False
        at = self.keys.index(key)
        button = self.buttons[at]
        button.setChecked(not button.isChecked() if self.multiple else True)
        button.setFocus()
        self._show(button)
        self._clicked(at)
        return True

    def focus_first(self) -> None:
        checked = [b for b in self.buttons if b.isChecked()]
        (checked or self.buttons)[0].setFocus(Qt.FocusReason.TabFocusReason)

    def keys_hint(self, texts: Texts) -> str:
        known = [k for k in self.keys if k is not None]
        hint = texts.t("ask.keys.choice", low=min(known), high=max(known)) if known else ""
        if self.ladder and known:
            hint = texts.t("ask.keys.ladder", low=min(known), high=max(known))
            zero = [o for o, k in zip(self.options, self.keys, strict=True) if k == 0]
            if zero:  # say what 0 means only where there is a 0 (a target level starts at 1)
                hint += texts.t("ask.keys.ladder.zero", label=zero[0].label.get(texts.lang))
        if len(known) < len(self.keys):
            hint += texts.t("ask.keys.more")
        return hint + texts.t("ask.keys.go")


class NumberEditor(Editor):
    """A figure with its unit and range; read as people type it (see `answer_input`). A figure
    that cannot be read keeps the person here with the reason in red."""

    def __init__(self, question: NumberQuestion, index: Index, texts: Texts, changed: Changed) -> None:
        super().__init__(changed)
        self.question, self.index, self.texts = question, index, texts
        self.edit = QLineEdit()
        self.edit.setAccessibleName(question.text.get(texts.lang))
        self.edit.editingFinished.connect(self.commit)
        self.rule = PlainLabel(texts.t("ask.accepts", rule=accepted(question).get(texts.lang)), name="hint")
        self.error = PlainLabel(wrap=True, name="fieldError")
        self.error.hide()
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.rule)
        self.layout_.addWidget(self.error)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        self.edit.setText(self._shown)

    def commit(self) -> bool:
        text = self.edit.text()
        if text.strip() == self._shown:
            return not self.error.isVisible()
        parsed = parse_number(self.question, text)
        if parsed.problem is not None:
            self.error.setText(parsed.problem.get(self.texts.lang))
            self.error.show()
            return False
        self.error.hide()
        if not self.changed(parsed.value):  # the page says why (a database error, in red)
            return False
        self.set_value(parsed.value)  # '98.5%' shows as the 98.5 that was saved
        return True

    def focus_first(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def keys_hint(self, texts: Texts) -> str:
        return texts.t("ask.keys.number")


class TextEditor(Editor):
    def __init__(self, question: Question, texts: Texts, changed: Changed) -> None:
        super().__init__(changed)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(question.text.get(texts.lang))
        self.edit.editingFinished.connect(self.commit)
        self.layout_.addWidget(self.edit)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = value or ""
        self.edit.setText(self._shown)

    def commit(self) -> bool:
        text = self.edit.text()
        if text == self._shown:
            return True
        if not self.changed(text or None):
            return False
        self._shown = text
        return True

    def focus_first(self) -> None:
        self.edit.setFocus()

    def keys_hint(self, texts: Texts) -> str:
        return texts.t("ask.keys.number")


class ComputedView(Editor):
    """A derived figure: shown, never typed."""

    def __init__(self, question: DerivedQuestion, texts: Texts) -> None:
        super().__init__(lambda _: True)
        self.question, self.texts = question, texts
        self.label = PlainLabel(wrap=True)
        self.layout_.addWidget(self.label)

    def set_value(self, value: Any) -> None:
        unit = self.question.unit.get(self.texts.lang) if self.question.unit else ""
        self.label.setText(
            self.texts.t("ask.computed", value=f"{value:g} {unit}".strip())
            if value is not None
            else self.texts.t("ask.not_computed")
        )

    def keys_hint(self, texts: Texts) -> str:
        return texts.t("ask.keys.computed")


def make_editor(question: Question, index: Index, texts: Texts, changed: Changed) -> Editor:
    """The editor for a question's kind (an explicit registry, not a class hierarchy lookup)."""
    if isinstance(question, ChoiceQuestion):
        return ChoiceEditor(question, list(index.options[question.id].values()), texts, changed)
    if isinstance(question, NumberQuestion):
        return NumberEditor(question, index, texts, changed)
    if isinstance(question, DerivedQuestion):
        return ComputedView(question, texts)
    return TextEditor(question, texts, changed)
