"""Adding documents: the buttons, a progress bar that counts what was received, already here or
refused, and a cancel button. The work runs in a worker thread; each document decided there comes
to this panel as a queued signal, so the window stays responsive, and cancelling is a flag the
worker reads between batches (a batch is stored whole or not at all)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel


class Relay(QObject):
    """Lives in the window's thread: a signal emitted from the worker is queued to it."""

    step = Signal(int, int, str)  # done, total, the document's outcome


class AddPanel(QWidget):
    add_files = Signal()
    add_folder = Signal()

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.relay = Relay(self)
        self.relay.step.connect(self.step)
        self.stop = threading.Event()
        self.counts: Counter[str] = Counter()
        self.files_button, self.folder_button = QPushButton(), QPushButton()
        self.files_button.clicked.connect(self.add_files.emit)
        self.folder_button.clicked.connect(self.add_folder.emit)
        self.bar = QProgressBar()
        self.bar.setFormat("%v / %m")
        self.bar.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.status = PlainLabel(wrap=True, name="hint")
        row = QHBoxLayout()
        row.addWidget(self.files_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.bar, 3)
        row.addStretch(1)  # the buttons keep their size while no bar shows
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.files_button.setText(t("ik.add_files"))
        self.folder_button.setText(t("ik.add_folder"))
        self.cancel_button.setText(t("ik.cancel"))
        self.bar.setAccessibleName(t("ik.add_files"))
        if not self.status.text():
            self.status.setText(t("ik.drop"))

    def progress(self, done: int, total: int, outcome: Any) -> None:
        """Called in the worker thread for each document (Desk.add's progress)."""
        self.relay.step.emit(done, total, outcome.status)

    def cancelled(self) -> bool:
        """Asked in the worker thread between batches (Desk.add's cancel)."""
        return self.stop.is_set()

    def started(self) -> None:
        self.stop.clear()
        self.counts.clear()
        self.bar.setRange(0, 0)  # busy until the first document tells the total
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.files_button.setEnabled(False)
        self.folder_button.setEnabled(False)

    def step(self, done: int, total: int, status: str) -> None:
        self.counts[status] += 1
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if not self.stop.is_set():
            self.status.setText(self.ctx.t("ik.adding", done=done, total=total, **self._counted()))

    def cancel(self) -> None:
        if self.cancel_button.isEnabled():
            self.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.ctx.t("ik.cancelling"))

    def finished(self, tally: Any | None) -> None:
        """The work is over: `tally` (Desk.add's) says what came of it (None: it failed)."""
        self.bar.hide()
        self.cancel_button.setEnabled(False)
        self.files_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        if tally is None:
            self.status.setText(self.ctx.t("ik.drop"))
            return
        t = self.ctx.t
        counts = tally.counts
        said = [
            t(
                "ik.added",
                total=tally.total,
                received=counts.get("received", 0) + counts.get("added", 0),
                already=counts.get("already", 0),
                refused=len(tally.refused),
            )
        ]
        if tally.cancelled:
            said.append(t("ik.added.cancelled", left=tally.cancelled))
        if tally.refused:
            said.append(t("ik.added.see_refused"))
        self.status.setText(("" if self.ctx.texts.lang == "zh" else " ").join(said))

    def _counted(self) -> dict[str, int]:
        counts = self.counts
        return {
            "received": counts["received"] + counts["added"],
            "already": counts["already"],
            "refused": counts["refused"],
        }
