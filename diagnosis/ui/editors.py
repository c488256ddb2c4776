"""One editor per question kind. An editor shows a value and reports a new one through `changed`;
it never keeps answers itself (the session does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.model import ChoiceQuestion, DerivedQuestion, Lang, NumberQuestion, Option, Question
from diagnosis.ui.texts import Texts

Changed = Callable[[Any], None]


class Editor(QWidget):
    def __init__(self, changed: Changed) -> None:
        super().__init__()
        self.changed = changed
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None: ...

    def commit(self) -> None:
        """Report a typed-in value that has not been reported yet (text and numbers)."""

    def choose(self, number: int) -> bool:
        """Select the n-th option (number keys); False when this editor has no options."""
        return False

    def focus_first(self) -> None:
        self.setFocus()


class ChoiceEditor(Editor):
    """Radio buttons (single, yes/no, level ladder) or check boxes (multiple, "none" exclusive)."""

    def __init__(self, question: ChoiceQuestion, options: list[Option], lang: Lang, changed: Changed) -> None:
        super().__init__(changed)
        self.multiple = question.kind == "multiple"
        self.options = options
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: list[QAbstractButton] = []
        self.details: list[QLabel] = []
        for n, option in enumerate(options, start=1):
            text = f"{n}. {option.label.get(lang)}" if n <= 9 else option.label.get(lang)
            button: QAbstractButton = QCheckBox(text) if self.multiple else QRadioButton(text)
            button.setAccessibleName(option.label.get(lang))
            self.group.addButton(button, n - 1)
            self.buttons.append(button)
            self.layout_.addWidget(button)
            if option.description is not None:
                detail = QLabel(option.description.get(lang))
                detail.setWordWrap(True)
                detail.setObjectName("optionDetail")
                self.details.append(detail)
                self.layout_.addWidget(detail)
        self.group.idClicked.connect(self._clicked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wrapped labels inside a scroll area get too little height unless told what they need.
        super().resizeEvent(event)
        for detail in self.details:
            detail.setMinimumHeight(detail.heightForWidth(max(detail.width(), 50)))
        self.updateGeometry()

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

    def choose(self, number: int) -> bool:
        if not 1 <= number <= len(self.buttons):
            return False
        button = self.buttons[number - 1]
        if self.multiple:
            button.setChecked(not button.isChecked())
        else:
            button.setChecked(True)
        button.setFocus()
        self._clicked(number - 1)
        return True

    def focus_first(self) -> None:
        checked = [b for b in self.buttons if b.isChecked()]
        (checked or self.buttons)[0].setFocus()


class NumberEditor(Editor):
    """A figure with its unit and range; reported when Enter is pressed or focus leaves."""

    def __init__(self, question: NumberQuestion, texts: Texts, changed: Changed) -> None:
        super().__init__(changed)
        self.question = question
        self.edit = QLineEdit()
        self.edit.setAccessibleName(question.text.get(texts.lang))
        self.edit.editingFinished.connect(self.commit)
        hints = []
        if question.unit:
            hints.append(texts.t("ask.unit", unit=question.unit.get(texts.lang)))
        low = question.min if question.min is not None else (0 if question.kind == "percentage" else None)
        high = question.max if question.max is not None else (100 if question.kind == "percentage" else None)
        if low is not None or high is not None:
            hints.append(
                texts.t(
                    "ask.range",
                    low="" if low is None else f"{low:g}",
                    high="" if high is None else f"{high:g}",
                )
            )
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(QLabel("    ".join(hints)))
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        self.edit.setText(self._shown)

    def commit(self) -> None:
        text = self.edit.text().strip().replace(",", "")
        if text == self._shown:
            return
        self._shown = text
        if not text:
            self.changed(None)
            return
        try:
            number = float(text)
        except ValueError:
            self.changed(text)  # the session refuses it with a sentence; the text stays for correction
            return
        self.changed(int(number) if self.question.integer and number.is_integer() else number)

    def focus_first(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()


class TextEditor(Editor):
    def __init__(self, question: Question, lang: Lang, changed: Changed) -> None:
        super().__init__(changed)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(question.text.get(lang))
        self.edit.editingFinished.connect(self.commit)
        self.layout_.addWidget(self.edit)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = value or ""
        self.edit.setText(self._shown)

    def commit(self) -> None:
        text = self.edit.text()
        if text != self._shown:
            self._shown = text
            self.changed(text or None)

    def focus_first(self) -> None:
        self.edit.setFocus()


class ComputedView(Editor):
    """A derived figure: shown, never typed."""

    def __init__(self, question: DerivedQuestion, texts: Texts) -> None:
        super().__init__(lambda _: None)
        self.question, self.texts = question, texts
        self.label = QLabel()
        self.layout_.addWidget(self.label)

    def set_value(self, value: Any) -> None:
        unit = self.question.unit.get(self.texts.lang) if self.question.unit else ""
        self.label.setText(
            self.texts.t("ask.computed", value=f"{value:g} {unit}".strip())
            if value is not None
            else self.texts.t("ask.not_computed")
        )


def make_editor(question: Question, options: list[Option], texts: Texts, changed: Changed) -> Editor:
    """The editor for a question's kind (an explicit registry, not a class hierarchy lookup)."""
    if isinstance(question, ChoiceQuestion):
        return ChoiceEditor(question, options, texts.lang, changed)
    if isinstance(question, NumberQuestion):
        return NumberEditor(question, texts, changed)
    if isinstance(question, DerivedQuestion):
        return ComputedView(question, texts)
    return TextEditor(question, texts.lang, changed)
