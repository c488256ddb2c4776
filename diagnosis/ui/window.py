"""The main window: menus, the six steps, and the actions that move between them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget

from diagnosis import __version__
from diagnosis.errors import DiagnosisError
from diagnosis.session import Session
from diagnosis.storage.assessments import reassess
from diagnosis.ui.context import Context
from diagnosis.ui.enterprise_page import EnterprisePage
from diagnosis.ui.finish_page import FinishPage, choose_file
from diagnosis.ui.question_page import QuestionPage
from diagnosis.ui.questionnaire_page import QuestionnairePage
from diagnosis.ui.review_page import ReviewPage
from diagnosis.ui.start_page import StartPage
from diagnosis.ui.tasks import Task, run_in_background

PACKAGE_SUFFIX = ".diagpkg"  # a zip inside; the installer associates the suffix with the app


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.task: Task | None = None
        self.stack = QStackedWidget()
        self.start = StartPage(
            ctx,
            {
                "new": self.new,
                "open": self.open_assessment,
                "reassess": self.reassess,
                "import": self.import_package,
                "export": self.export,
            },
        )
        self.enterprise = EnterprisePage(ctx, self.show_start, lambda: self._show(self.questionnaires))
        self.questionnaires = QuestionnairePage(
            ctx, lambda: self._show(self.enterprise), self.open_assessment
        )
        self.questions = QuestionPage(ctx, self.show_review, self.show_start)
        self.review = ReviewPage(ctx, self.to_question, lambda: self._show(self.finish))
        self.finish = FinishPage(
            ctx, self.show_start, lambda suffix, name: choose_file(self, ctx, suffix, name)
        )
        self.pages = (
            self.start,
            self.enterprise,
            self.questionnaires,
            self.questions,
            self.review,
            self.finish,
        )
        for page in self.pages:
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._menus()
        self.retranslate()
        self.resize(1100, 760)
        self.show_start()

    # -- menus and language -------------------------------------------------------------------

    def _menus(self) -> None:
        bar = self.menuBar()
        self.file_menu, self.lang_menu, self.help_menu = bar.addMenu(""), bar.addMenu(""), bar.addMenu("")
        self.actions_ = {
            key: QAction(self)
            for key in ("menu.new", "menu.import", "menu.backup", "menu.restore", "menu.quit", "menu.about")
        }
        self.actions_["menu.new"].setShortcut("Ctrl+N")
        self.actions_["menu.quit"].setShortcut("Ctrl+Q")
        self.actions_["menu.new"].triggered.connect(self.new)
        self.actions_["menu.import"].triggered.connect(self.import_package)
        self.actions_["menu.backup"].triggered.connect(self.backup)
        self.actions_["menu.restore"].triggered.connect(self.restore)
        self.actions_["menu.quit"].triggered.connect(self.close)
        self.actions_["menu.about"].triggered.connect(self.about)
        for key in ("menu.new", "menu.import", "menu.backup", "menu.restore", "menu.quit"):
            self.file_menu.addAction(self.actions_[key])
        self.help_menu.addAction(self.actions_["menu.about"])
        group = QActionGroup(self)
        for lang, name in (("zh", "中文"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(self.ctx.texts.lang == lang)
            action.triggered.connect(lambda _=False, code=lang: self.set_language(code))
            group.addAction(action)
            self.lang_menu.addAction(action)

    def set_language(self, lang: str) -> None:
        """Switch every visible string at run time, Qt's own dialogs included."""
        from diagnosis.ui.app import install_translator

        self.ctx.texts.lang = "en" if lang == "en" else "zh"
        self.ctx.settings.setValue("language", self.ctx.texts.lang)
        install_translator(self.ctx.texts.lang)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.setWindowTitle(f"{t('app')} {__version__}")
        self.file_menu.setTitle(t("menu.file"))
        self.lang_menu.setTitle(t("menu.lang"))
        self.help_menu.setTitle(t("menu.help"))
        for key, action in self.actions_.items():
            action.setText(t(key))
        self.db_label.setText(t("db", path=str(self.ctx.store.path)))
        for page in self.pages:
            page.retranslate()

    # -- navigation ---------------------------------------------------------------------------

    def _show(self, page: StartPage | EnterprisePage | QuestionnairePage | ReviewPage | FinishPage) -> None:
        self.stack.setCurrentWidget(page)
        page.enter()

    def show_start(self) -> None:
        self._show(self.start)

    def new(self) -> None:
        self.ctx.new_assessment = {}
        self._show(self.enterprise)

    def open_assessment(self, assessment_id: int) -> None:
        self.ctx.session = Session.open(self.ctx.store, assessment_id)
        self.stack.setCurrentWidget(self.questions)
        self.questions.enter()

    def to_question(self, question: str) -> None:
        self.stack.setCurrentWidget(self.questions)
        self.questions.enter(question or self.questions.current)

    def show_review(self) -> None:
        self._show(self.review)

    def reassess(self, assessment_id: int) -> None:
        self._guard(lambda: self.open_assessment(reassess(self.ctx.store, assessment_id)))

    def export(self, assessment_id: int) -> None:
        target = choose_file(self, self.ctx, PACKAGE_SUFFIX, f"assessment-{assessment_id}{PACKAGE_SUFFIX}")
        if target is not None:
            from diagnosis.storage.package import export_package

            self._guard(lambda: export_package(self.ctx.store, assessment_id, target))

    def import_package(self, file: Path | None = None) -> None:
        """Check the package in the background, then write it here in one transaction."""
        if file is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.ctx.t("menu.import"), "", f"*{PACKAGE_SUFFIX} *.zip"
            )
            if not chosen:
                return
            file = Path(chosen)
        from diagnosis.storage.package import read_package

        try:
            raw = file.read_bytes()
        except OSError as error:
            QMessageBox.warning(self, self.ctx.t("err.title"), f"{file}: {error.strerror}")
            return
        limit = self.ctx.store.evidence_limit
        self.task = run_in_background(
            lambda: read_package(raw, limit), lambda _: self._import(raw), self._failed
        )

    def _import(self, raw: bytes) -> None:
        from diagnosis.storage.package import import_package

        try:
            self.open_assessment(import_package(self.ctx.store, raw))
        except DiagnosisError as error:
            if "already here" not in error.lines[0]:
                raise
            keep = QMessageBox.question(self, self.ctx.t("menu.import"), error.lines[0])
            self.open_assessment(
                import_package(
                    self.ctx.store, raw, "copy" if keep == QMessageBox.StandardButton.Yes else "skip"
                )
            )

    def _failed(self, error: Exception) -> None:
        if isinstance(error, DiagnosisError):
            QMessageBox.warning(self, self.ctx.t("err.title"), "\n".join(error.lines))
        else:
            raise error

    def _guard(self, work: object) -> None:
        try:
            work()  # type: ignore[operator]
        except DiagnosisError as error:
            QMessageBox.warning(self, self.ctx.t("err.title"), "\n".join(error.lines))

    # -- database backup ----------------------------------------------------------------------

    def backup(self) -> None:
        target = choose_file(self, self.ctx, ".db", "diagnosis-backup.db")
        if target is None:
            return
        with sqlite3.connect(target) as copy:  # SQLite's online backup: consistent while in use
            self.ctx.store.db.conn.backup(copy)
        QMessageBox.information(self, self.ctx.t("menu.backup"), self.ctx.t("backup.done", path=str(target)))

    def restore(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("menu.restore"), "", "*.db")
        if (
            not chosen
            or QMessageBox.question(self, self.ctx.t("menu.restore"), self.ctx.t("restore.confirm"))
            != QMessageBox.StandardButton.Yes
        ):
            return
        current = self.ctx.store.path
        shutil.copyfile(current, current.with_suffix(".before-restore"))
        with sqlite3.connect(chosen) as source:
            source.backup(self.ctx.store.db.conn)
        self.show_start()

    def about(self) -> None:
        lines = "\n".join(
            f"  {e.questionnaire.id} {e.questionnaire.version}  sha256 {e.sha256[:16]}…"
            for e in self.ctx.catalogue.all()
        )
        QMessageBox.about(
            self, self.ctx.t("menu.about"), self.ctx.t("about", version=__version__, questionnaires=lines)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is self.start:
            self.start.table.setFocus()  # keyboard users start in the list

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stack.currentWidget() is self.questions and self.questions.editor is not None:
            self.questions.editor.commit()  # a figure typed but not yet confirmed is still saved
        event.accept()
