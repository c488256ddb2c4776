"""The main window: menus, the six steps, and the actions that move between them.

The window first paints as a shell (menus and a "opening the database" line); `load` then opens
the database and builds the pages. This module therefore imports no page, no core model or
storage, and not even Qt's `Qt` namespace (building its ~100 enums costs a sixth of a bare Qt
start): the shell must paint about as fast as an empty Qt window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from diagnosis import __version__
from diagnosis.ui.actions import MENUS
from diagnosis.ui.context import Context

if TYPE_CHECKING:
    from diagnosis.ui.enterprise_page import EnterprisePage
    from diagnosis.ui.finish_page import FinishPage
    from diagnosis.ui.question_page import QuestionPage
    from diagnosis.ui.questionnaire_page import QuestionnairePage
    from diagnosis.ui.review_page import ReviewPage
    from diagnosis.ui.start_page import StartPage
    from diagnosis.ui.tasks import Task

PACKAGE_SUFFIX = ".diagpkg"  # a zip inside; the installer associates the suffix with the app
PREFERRED = (1280, 860)  # enough for the rating page; smaller screens get the window maximized


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.task: Task | None = None
        self.loaded = False
        self._fitted = False
        self.stack = QStackedWidget()
        self.shell = QLabel()  # own text only; shown until the pages are built
        self.shell.setObjectName("pageTitle")
        self.shell.setContentsMargins(16, 16, 16, 16)
        self.stack.addWidget(self.shell)
        self.setCentralWidget(self.stack)
        self.setMinimumSize(720, 480)
        self.db_label = QLabel()  # plain text once loaded (a path may hold anything)
        self.maximize = False
        self._after_paint: tuple[Callable[[], None], Callable[[], None] | None] | None = None
        self.statusBar().addPermanentWidget(self.db_label)
        self.menus: dict[str, QMenu] = {}
        self.actions_: dict[str, QAction] = {}
        self._menus()
        self.retranslate()

    def load(self) -> None:
        """Open the database and build the remaining pages (after the first paint)."""
        if self.loaded:
            return
        from PySide6.QtCore import Qt

        from diagnosis.ui.enterprise_page import EnterprisePage
        from diagnosis.ui.finish_page import FinishPage
        from diagnosis.ui.question_page import QuestionPage
        from diagnosis.ui.questionnaire_page import QuestionnairePage
        from diagnosis.ui.review_page import ReviewPage
        from diagnosis.ui.start_page import StartPage

        ctx = self.ctx
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.start: StartPage = StartPage(
            ctx,
            {
                "new": self.new,
                "open": self.open_assessment,
                "reassess": self.reassess,
                "reopen": self.reopen,
                "compare": self.compare,
                "import": self.import_package,
                "export": self.export,
                "summary": self.summary,
            },
        )
        self.enterprise: EnterprisePage = EnterprisePage(ctx, self.show_start, self.show_questionnaires)
        self.questionnaires: QuestionnairePage = QuestionnairePage(
            ctx, lambda: self._show(self.enterprise), self.open_assessment
        )
        self.questions: QuestionPage = QuestionPage(ctx, self.show_review, self.show_start)
        self.review: ReviewPage = ReviewPage(
            ctx, self.to_question, lambda: self._show(self.finish), self.show_start
        )
        self.finish: FinishPage = FinishPage(ctx, self)
        for page in (
            self.start,
            self.enterprise,
            self.questionnaires,
            self.questions,
            self.review,
            self.finish,
        ):
            self.stack.addWidget(page)
        self.stack.removeWidget(self.shell)
        self.loaded = True
        from diagnosis.ui.app import install_translator

        install_translator(ctx.texts.lang)  # Qt's own strings: the first dialog is after this
        self.questions.menu_actions = self.actions_
        self.retranslate()
        self.show_start()

    # -- menus and language -------------------------------------------------------------------

    def _menus(self) -> None:
        handlers = self._handlers()
        for title, entries in MENUS.items():
            menu = self.menuBar().addMenu("")
            self.menus[title] = menu
            for key, shortcut in entries:
                if key == "-":
                    menu.addSeparator()
                    continue
                action = QAction(self)
                # setShortcuts: setShortcut's overloads would build the whole Qt namespace (40 ms)
                action.setShortcuts(QKeySequence.listFromString(shortcut))
                action.triggered.connect(handlers[key])
                self.actions_[key] = action
                menu.addAction(action)
        languages = QActionGroup(self)
        for lang in ("zh", "en"):
            action = self.actions_[f"lang.{lang}"]
            action.setCheckable(True)
            action.setChecked(self.ctx.texts.lang == lang)
            languages.addAction(action)
        self.actions_["q.rating"].setCheckable(True)
        self.actions_["q.rating"].setChecked(self.ctx.rating)

    def _handlers(self) -> dict[str, Callable[[], Any]]:
        def on_questions(name: str) -> Callable[[], Any]:
            return lambda: getattr(self.questions, name)() if self._on(self.questions) else None

        question_actions = {
            "q.prev": "previous_page",
            "q.next": "next_page",
            "q.prev_dim": "previous_dimension",
            "q.next_dim": "next_dimension",
            "q.review": "to_review",
            "q.note": "focus_note",
            "q.flag": "toggle_flag",
            "q.attach": "pick_files",
            "q.detach": "detach_selected",
            "q.search": "focus_search",
            "q.next_match": "next_match",
            "q.prev_match": "previous_match",
            "q.filter.all": "filter_all",
            "q.filter.unanswered": "filter_unanswered",
            "q.filter.review": "filter_review",
            "q.filter.notes": "filter_notes",
            "q.jump": "focus_tree",
            "q.target": "focus_target",
            "q.rest_not_met": "rest_not_met",
            "q.rest_na": "rest_not_applicable",
        }
        handlers: dict[str, Callable[[], Any]] = {
            key: on_questions(name) for key, name in question_actions.items()
        }
        handlers |= {
            "menu.new": self.new,
            "menu.import": lambda: self.import_package(),
            "menu.export": lambda: self._with_current(self.export),
            "menu.summary": self.summary,
            "menu.backup": self.backup,
            "menu.restore": self.restore,
            "menu.quit": self.close,
            "act.resume": lambda: self._with_current(self.open_assessment),
            "act.reassess": lambda: self._with_current(self.reassess),
            "act.reopen": lambda: self._with_current(self.reopen),
            "act.compare": lambda: self._with_current(self.compare),
            "act.delete": lambda: self.start.delete_selected() if self._on_start() else None,
            "act.finalize": lambda: self._with_open(lambda: self.finish.finalize()),
            "act.pdf": lambda: self._with_open(lambda: self.finish.export_pdf()),
            "act.xlsx": lambda: self._with_open(lambda: self.finish.export_xlsx()),
            "act.home": self.show_start,
            "q.rating": self._toggle_rating,
            "lang.zh": lambda: self.set_language("zh"),
            "lang.en": lambda: self.set_language("en"),
            "menu.about": self.about,
        }
        return handlers

    def set_language(self, lang: str) -> None:
        """Switch every visible string at run time, Qt's own dialogs included."""
        from diagnosis.ui.app import install_translator

        self.ctx.texts.lang = "en" if lang == "en" else "zh"
        self.ctx.settings.setValue("language", self.ctx.texts.lang)
        self.actions_[f"lang.{self.ctx.texts.lang}"].setChecked(True)
        install_translator(self.ctx.texts.lang)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.setWindowTitle(f"{t('app')} {__version__}")
        for key, menu in self.menus.items():
            menu.setTitle(t(key))
        for key, action in self.actions_.items():
            action.setText(t(key))
        self.db_label.setText(t("db", path=str(self.ctx.db_path)))
        self.shell.setText(t("start.loading"))
        for page in self._pages():
            page.retranslate()  # type: ignore[attr-defined]

    def _pages(self) -> list[QWidget]:
        found = [self.stack.widget(i) for i in range(self.stack.count())]
        return [w for w in found if w is not None and w is not self.shell]

    # -- navigation ---------------------------------------------------------------------------

    def _on(self, page: QWidget) -> bool:
        return self.loaded and self.stack.currentWidget() is page

    def _on_start(self) -> bool:
        return self.loaded and self.stack.currentWidget() is self.start

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        page.enter()  # type: ignore[attr-defined]
        self._update_actions()

    def _update_actions(self) -> None:
        on_questions = self._on(self.questions) if self.loaded else False
        for key, action in self.actions_.items():
            if key.startswith("q.") and key != "q.rating":
                action.setEnabled(on_questions)
        self.actions_["act.delete"].setEnabled(self._on_start())
        self.actions_["act.resume"].setEnabled(self._on_start())
        for key in ("act.finalize", "act.pdf", "act.xlsx"):
            self.actions_[key].setEnabled(
                self.loaded and self.ctx.session is not None and not self._on_start()
            )
        if on_questions:
            self.questions.update_actions()

    def show_start(self) -> None:
        self._show(self.start)

    def show_questionnaires(self) -> None:
        self._show(self.questionnaires)

    def new(self) -> None:
        if not self.loaded:
            return
        self.ctx.new_assessment = {}
        self._show(self.enterprise)

    def open_assessment(self, assessment_id: int) -> None:
        from diagnosis.session import Session

        self.ctx.session = Session.open(self.ctx.store, assessment_id)
        self.stack.setCurrentWidget(self.questions)
        self._update_actions()
        self.questions.enter()

    def to_question(self, question: str) -> None:
        self.stack.setCurrentWidget(self.questions)
        self._update_actions()
        self.questions.enter(question or self.questions.current)

    def show_review(self) -> None:
        self._show(self.review)

    def current_id(self) -> int | None:
        """The assessment the assessment menu acts on: the selected row, or the open one."""
        if self._on_start():
            return self.start.selected_id()
        return self.ctx.session.assessment_id if self.ctx.session is not None else None

    def _with_current(self, action: Callable[[int], None]) -> None:
        chosen = self.current_id() if self.loaded else None
        if chosen is not None:
            action(chosen)

    def _with_open(self, action: Callable[[], None]) -> None:
        if self.loaded and self.ctx.session is not None:
            self._show(self.finish)
            action()

    def reassess(self, assessment_id: int) -> None:
        from diagnosis.storage.assessments import reassess

        self.guard(lambda: self.open_assessment(reassess(self.ctx.store, assessment_id)))

    def reopen(self, assessment_id: int) -> None:
        """A finalized assessment comes back as a new draft revision (the finalized one stays)."""
        from diagnosis.storage.assessments import get_assessment, reopen

        if get_assessment(self.ctx.store, assessment_id)["status"] != "finalized":
            self.inform(self.ctx.t("act.reopen"), self.ctx.t("reopen.draft"))
            return
        self.guard(lambda: self.open_assessment(reopen(self.ctx.store, assessment_id)))

    def compare(self, assessment_id: int) -> None:
        from diagnosis.ui.dialogs import CompareDialog

        CompareDialog(self.ctx, assessment_id, self).exec()

    def summary(self) -> None:
        if self.loaded:
            from diagnosis.ui.dialogs import SummaryDialog

            SummaryDialog(self.ctx, self).exec()

    def export(self, assessment_id: int) -> None:
        from diagnosis.ui.finish_page import choose_file

        target = choose_file(self, self.ctx, PACKAGE_SUFFIX, f"assessment-{assessment_id}{PACKAGE_SUFFIX}")
        if target is not None:
            from diagnosis.storage.package import export_package

            self.guard(lambda: export_package(self.ctx.store, assessment_id, target))

    def import_package(self, file: Path | None = None) -> None:
        """Check the package in the background, then write it here in one transaction."""
        if not self.loaded:
            return
        if file is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.ctx.t("menu.import"), "", f"*{PACKAGE_SUFFIX} *.zip"
            )
            if not chosen:
                return
            file = Path(chosen)
        from diagnosis.storage.package import read_package
        from diagnosis.ui.tasks import run_in_background

        try:
            raw = file.read_bytes()
        except OSError as error:
            self.inform(self.ctx.t("err.title"), f"{file}: {error.strerror}", error=True)
            return
        limit = self.ctx.store.evidence_limit
        self.task = run_in_background(
            lambda: read_package(raw, limit), lambda _: self._import(raw), self._failed
        )

    def _import(self, raw: bytes) -> None:
        from diagnosis.errors import DiagnosisError
        from diagnosis.storage.package import import_package

        try:
            self.open_assessment(import_package(self.ctx.store, raw))
        except DiagnosisError as error:
            if "already here" not in error.lines[0]:
                raise
            keep = self.confirm(self.ctx.t("menu.import"), error.lines[0], danger=False)
            self.open_assessment(import_package(self.ctx.store, raw, "copy" if keep else "skip"))

    def _failed(self, error: Exception) -> None:
        from diagnosis.errors import DiagnosisError

        if isinstance(error, DiagnosisError):
            self.inform(self.ctx.t("err.title"), "\n".join(error.lines), error=True)
        else:
            raise error

    def guard(self, work: Callable[[], object]) -> bool:
        """Run `work`; a domain error is shown as a sentence. True when it went through."""
        from diagnosis.errors import DiagnosisError

        try:
            work()
        except DiagnosisError as error:
            self.inform(self.ctx.t("err.title"), "\n".join(error.lines), error=True)
            return False
        return True

    def inform(self, title: str, text: str, *, error: bool = False) -> None:
        from diagnosis.ui.widgets import inform

        inform(self, title, text, error=error)

    def confirm(self, title: str, text: str, *, danger: bool = True) -> bool:
        from diagnosis.ui.widgets import confirm

        return confirm(self, title, text, danger=danger)

    # -- database backup ----------------------------------------------------------------------

    def backup(self) -> None:
        import sqlite3

        from diagnosis.ui.finish_page import choose_file

        target = choose_file(self, self.ctx, ".db", "diagnosis-backup.db")
        if target is None:
            return
        with sqlite3.connect(target) as copy:  # SQLite's online backup: consistent while in use
            self.ctx.store.db.conn.backup(copy)
        self.inform(self.ctx.t("menu.backup"), self.ctx.t("backup.done", path=str(target)))

    def restore(self) -> None:
        import shutil
        import sqlite3

        chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("menu.restore"), "", "*.db")
        if not chosen or not self.confirm(self.ctx.t("menu.restore"), self.ctx.t("restore.confirm")):
            return
        current = self.ctx.store.path
        shutil.copyfile(current, current.with_suffix(".before-restore"))
        with sqlite3.connect(chosen) as source:
            source.backup(self.ctx.store.db.conn)
        self.ctx.session = None
        self.show_start()

    def about(self) -> None:
        lines = "\n".join(
            f"  {e.questionnaire.id} {e.questionnaire.version}  sha256 {e.sha256[:16]}…"
            for e in self.ctx.catalogue.all()
        )
        self.inform(self.ctx.t("menu.about"), self.ctx.t("about", version=__version__, questionnaires=lines))

    def _toggle_rating(self) -> None:
        self.ctx.settings.setValue(
            "rating_pages", "true" if self.actions_["q.rating"].isChecked() else "false"
        )
        if self._on(self.questions):
            self.questions.enter(self.questions.current)

    # -- the window on the screen -------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """The remembered size when it still fits the screen's free area (the taskbar left out);
        otherwise a comfortable size, or maximized on a small screen such as 1366×768."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        saved = self.ctx.settings.value("window/geometry")
        restored = isinstance(saved, QByteArray) and self.restoreGeometry(saved)
        if restored and (free.contains(self.frameGeometry()) or self.isMaximized()):
            return
        if free.width() < PREFERRED[0] + 40 or free.height() < PREFERRED[1] + 40:
            self.setGeometry(free)
            self.maximize = True  # shown maximized (`show_fitted`)
            return
        # Big screens: most of the free area, for the tree and the rating table side by side.
        self.resize(
            min(free.width() - 40, max(PREFERRED[0], free.width() * 4 // 5)),
            min(free.height() - 40, max(PREFERRED[1], free.height() * 17 // 20)),
        )
        frame = self.frameGeometry()
        frame.moveCenter(free.center())
        self.move(frame.topLeft())

    def after_first_paint(self, then: Callable[[], None], painted: Callable[[], None] | None = None) -> None:
        """Run `then` on the turn of the event loop after the first paint (`painted` at it)."""
        self._after_paint = (then, painted)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            then, painted = self._after_paint
            self._after_paint = None
            if painted is not None:
                painted()
            QTimer.singleShot(0, then)

    def show_fitted(self) -> None:
        """Show the window as `fit_to_screen` decided (maximized on a small screen)."""
        if self.maximize:
            self.showMaximized()
        else:
            self.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._on_start():
            self.start.table.setFocus()  # keyboard users start in the list

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._on(self.questions):
            try:
                self.questions.leave()  # a figure or a note typed but not yet confirmed is saved
            except Exception:  # an exception escaping closeEvent takes Qt down
                logging.getLogger(__name__).exception("saving on close failed")
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        event.accept()
