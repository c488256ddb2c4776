"""Step 6: finalize (asked first: it locks), reopen as a new revision, compare, and export the PDF
report, the Excel file and the package.

The report, Excel and package libraries load when first used: they would double start-up time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from diagnosis.errors import DiagnosisError
from diagnosis.session import Session
from diagnosis.storage.assessments import finalize, finalize_problems, get_assessment
from diagnosis.ui.context import Context
from diagnosis.ui.exports import choose_file, open_file, render_pdf
from diagnosis.ui.signing.signer import Cancelled, sentence, signing_key
from diagnosis.ui.tasks import Task, run_in_background
from diagnosis.ui.widgets import PlainLabel, StatusLabel, confirm, page_layout

if TYPE_CHECKING:
    from diagnosis.signing.keys import ProviderKey

BUTTONS = ("btn.plan", "btn.finalize", "btn.reopen", "btn.compare", "btn.pdf", "btn.xlsx", "btn.export")


class FinishPage(QWidget):
    def __init__(self, ctx: Context, actions: dict[str, Callable[..., None]]) -> None:
        """`actions`: what the window does for the buttons that leave the page (plan, back, home,
        reopen and compare an assessment)."""
        super().__init__()
        self.ctx = ctx
        self.task: Task | None = None
        self.signer: ProviderKey | None = None  # the key of the export under way
        self.title = PlainLabel(name="pageTitle")
        self.status = StatusLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.buttons = {key: QPushButton() for key in (*BUTTONS, "btn.back", "btn.home")}
        for button in self.buttons.values():
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        self.buttons["btn.finalize"].clicked.connect(self.finalize)
        self.buttons["btn.reopen"].clicked.connect(lambda: actions["reopen"](self.session.assessment_id))
        self.buttons["btn.compare"].clicked.connect(lambda: actions["compare"](self.session.assessment_id))
        self.buttons["btn.pdf"].clicked.connect(lambda: self.export_pdf())
        self.buttons["btn.xlsx"].clicked.connect(lambda: self.export_xlsx())
        self.buttons["btn.export"].clicked.connect(lambda: self.export_package())
        self.buttons["btn.plan"].clicked.connect(actions["plan"])
        self.buttons["btn.back"].clicked.connect(actions["back"])
        self.buttons["btn.home"].clicked.connect(actions["home"])
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        for key in BUTTONS:
            self.buttons[key].setMaximumWidth(460)  # a column of actions, not bars across the screen
            column.addWidget(self.buttons[key])
        column.addWidget(self.busy)
        column.addWidget(self.status)
        column.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.buttons["btn.back"])
        row.addStretch()
        row.addWidget(self.buttons["btn.home"])
        page_layout(self, content, row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.ctx.t("fin.title"))
        for key, button in self.buttons.items():
            button.setText(self.ctx.t(key))
        self.status.retranslate()

    @property
    def session(self) -> Session:
        assert self.ctx.session is not None
        return self.ctx.session

    def enter(self) -> None:
        finalized = self.session.finalized
        writable = self.ctx.store.newer is None
        self.buttons["btn.finalize"].setEnabled(not finalized and writable)
        self.buttons["btn.reopen"].setEnabled(finalized and writable)
        self.status.say((lambda: self.ctx.t("fin.finalized")) if finalized else "")
        self.buttons["btn.pdf"].setFocus()

    def finalize(self) -> None:
        """Ask first (a finalized assessment is read-only), naming unanswered required questions."""
        session, t = self.session, self.ctx.t
        if session.finalized:
            return
        blockers = finalize_problems(self.ctx.store, session.assessment_id)
        if blockers:  # said before asking: nothing to confirm yet
            self.status.say(
                lambda: "\n".join([t("fin.blocked"), *(f"✗ {self.ctx.say(b)}" for b in blockers)])
            )
            return
        missing = session.result().completeness.required_missing
        text = t("confirm.finalize") + (t("confirm.finalize_missing", n=len(missing)) if missing else "")
        if not confirm(self, t("btn.finalize"), text):
            self.buttons["btn.finalize"].setFocus()
            return
        try:
            finalize(self.ctx.store, session.assessment_id, force=bool(missing))
        except DiagnosisError as error:  # every missing part, in the UI's language
            lines = error.lines
            self.status.say(lambda: self.ctx.say_all(lines))
            return
        self.enter()
        self.buttons["btn.pdf"].setFocus()  # the next step, not whatever follows a disabled button

    def _target(self, suffix: str) -> Path | None:
        session = self.session
        return choose_file(
            self, self.ctx, suffix, f"{session.questionnaire.id}-{session.assessment_id}{suffix}"
        )

    def export_pdf(self, target: Path | None = None, compare_with: int | None = None) -> None:
        """Read on this thread, render in the background (the window never freezes). A
        re-assessment's report compares with the assessment it started from."""
        session = self.session
        target = target or self._target(".pdf")
        if target is None:
            return
        from diagnosis.report.inputs import from_store

        previous = compare_with or get_assessment(self.ctx.store, session.assessment_id)["based_on"]
        try:
            source = from_store(self.ctx.store, session.assessment_id, previous)
        except DiagnosisError as error:
            self._refused(error.lines[0])
            return
        key = self._key()
        if key is False:
            return
        lang = self.ctx.texts.lang
        self._busy(True)
        self.signer = key
        self.task = run_in_background(lambda: render_pdf(source, lang, target, key), self._done, self._failed)

    def _key(self) -> ProviderKey | Literal[False] | None:
        """The provider key when exports are signed (None: they are not; False: no export — the
        password dialog was closed, or the password is wrong, said in one sentence)."""
        try:
            return signing_key(self, self.ctx)
        except Cancelled:
            return False
        except DiagnosisError as error:
            self._refused(error.lines[0])
            return False

    def export_xlsx(self, target: Path | None = None) -> None:
        session = self.session
        target = target or self._target(".xlsx")
        if target is not None:
            from diagnosis.report.workbook import assessment_workbook

            self._run_here(lambda: assessment_workbook(self.ctx.store, session.assessment_id, target), target)

    def export_package(self, target: Path | None = None) -> None:
        """The package, signed over its manifest when exports are signed."""
        session = self.session
        target = target or self._target(".diagpkg")
        if target is None:
            return
        key = self._key()
        if key is False:
            return
        from diagnosis.storage.package import export_package

        self.signer = key
        self._run_here(lambda: export_package(self.ctx.store, session.assessment_id, target, key), target)

    def _run_here(self, work: Callable[[], None], target: Path) -> None:
        try:
            work()
        except DiagnosisError as error:
            self.signer = None
            self._refused(error.lines[0])
            return
        self._done(target)

    def _refused(self, line: str) -> None:
        """A sentence from the core, in the UI's language (again after a switch)."""
        self.status.say(lambda: self.ctx.say(line))

    def _busy(self, on: bool) -> None:
        self.busy.setVisible(on)
        self.status.say((lambda: self.ctx.t("fin.working")) if on else "")
        for button in self.buttons.values():
            button.setEnabled(not on)

    def _done(self, target: Path) -> None:
        self._busy(False)
        self.enter()
        signer = None
        if self.signer is not None:
            from diagnosis.signing.result import who

            signer = who(self.signer.identity)
        self.signer = None

        def done() -> str:  # said again in the new language after a switch
            line = self.ctx.t("fin.done", path=str(target))
            return line + (self.ctx.t("fin.signed", signer=self.ctx.say(signer)) if signer else "")

        self.status.say(done)
        open_file(target)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.enter()
        self.signer = None
        if isinstance(error, DiagnosisError | OSError):
            self._refused(sentence(error))
        else:
            raise error
