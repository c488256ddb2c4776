"""The filters above the claims table: city, county (of the city chosen), provider, status and a
search for an enterprise's name or credit code. Each change is a new `ClaimFilter`; the names the
lists offer come from the claims themselves (`Desk.choices`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from diagnosis.messages import msg
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import buddy_label

if TYPE_CHECKING:
    from diagnosis.intake.desk import Choices, ClaimFilter

STATUSES = ("payable", "held")


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.city, self.county, self.provider, self.status = (QComboBox() for _ in range(4))
        self.counties: dict[str, list[str]] = {}
        for combo in (self.city, self.county, self.provider, self.status):
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._changed)
        self.provider.setMinimumContentsLength(16)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._changed())
        self.labels = [buddy_label("", w) for w in (self.city, self.county, self.provider, self.status)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, combo in zip(
            self.labels, (self.city, self.county, self.provider, self.status), strict=True
        ):
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addWidget(self.search, 1)
        self._quiet = False
        self.offer(None)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        for label, key in zip(self.labels, ("ik.city", "ik.county", "ik.provider", "ik.status"), strict=True):
            label.setText(t(key))
        self.search.setPlaceholderText(t("ik.search.hint"))
        self.search.setAccessibleName(t("ik.search"))
        with self._held():
            for combo, key in ((self.city, "ik.any.city"), (self.provider, "ik.any.provider")):
                combo.setItemText(0, t(key))
            self.county.setItemText(0, t("ik.any.county"))
            self.status.setItemText(0, t("ik.any.status"))
            for n, status in enumerate(STATUSES, start=1):
                self.status.setItemText(n, self.ctx.say(msg(f"pay.status.{status}")))

    def offer(self, choices: Choices | None) -> None:
        """The names to choose from; what was chosen stays chosen while it is still offered."""
        with self._held():
            city, provider, status = (
                self.city.currentData(),
                self.provider.currentData(),
                self.status.currentData(),
            )
            self.counties = dict(choices.counties) if choices else {}
            _fill(self.city, self.ctx.t("ik.any.city"), choices.cities if choices else [], city)
            _fill(
                self.provider, self.ctx.t("ik.any.provider"), choices.providers if choices else [], provider
            )
            if self.status.count() == 0:
                self.status.addItem(self.ctx.t("ik.any.status"), None)
                for option in STATUSES:
                    self.status.addItem(self.ctx.say(msg(f"pay.status.{option}")), option)
            self.status.setCurrentIndex(max(0, self.status.findData(status)))
            self._counties()

    def _counties(self) -> None:
        chosen = self.county.currentData()
        names = self.counties.get(self.city.currentData() or "", [])
        _fill(self.county, self.ctx.t("ik.any.county"), names, chosen)
        self.county.setEnabled(bool(names))

    def _changed(self) -> None:
        if self._quiet:
            return
        if self.sender() is self.city:
            with self._held():
                self._counties()
        self.changed.emit()

    def current(self) -> ClaimFilter:
        from diagnosis.intake.desk import ClaimFilter

        return ClaimFilter(
            city=self.city.currentData(),
            county=self.county.currentData(),
            provider=self.provider.currentData(),
            status=self.status.currentData(),
            text=self.search.text().strip(),
        )

    def clear(self) -> None:
        with self._held():
            for combo in (self.city, self.provider, self.status):
                combo.setCurrentIndex(0)
            self._counties()
            self.search.clear()
        self.changed.emit()

    @contextmanager
    def _held(self) -> Iterator[None]:
        """Changes made by the program, not the clerk: no `changed` while they are made."""
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before


def _fill(combo: QComboBox, anything: str, names: list[str], chosen: str | None) -> None:
    combo.clear()
    combo.addItem(anything, None)
    for name in names:
        combo.addItem(name, name)  # the claims' own names: a combo shows them as plain text
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
