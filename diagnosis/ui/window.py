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
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QSize, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from diagnosis import __version__
from diagnosis.ui.context import Context
from diagnosis.ui.menus.actions import MENUS
from diagnosis.ui.menus.wiring import menu_handlers

if TYPE_CHECKING:
    from diagnosis.ui.banner import Banner
    from diagnosis.ui.intake.window import IntakeWindow
    from diagnosis.ui.pages.enterprise import EnterprisePage
    from diagnosis.ui.pages.finish import FinishPage
    from diagnosis.ui.pages.questionnaire import QuestionnairePage
    from diagnosis.ui.pages.review import ReviewPage
    from diagnosis.ui.pages.start import StartPage
    from diagnosis.ui.plan.page import PlanPage
    from diagnosis.ui.questions.page import QuestionPage
    from diagnosis.ui.tasks import Task

PREFERRED = (1280, 860)  # enough for the rating page; smaller screens get the window maximized
TITLE_BAR = 30  # px the window manager adds above the window


def _dropped_pdf(data: QMimeData) -> Path | None:
    """The PDF file among what is dragged (a report to verify)."""
    files = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return next((f for f in files if f.suffix.lower() == ".pdf"), None)


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.task: Task | None = None
        self._noted: Callable[[], str] | None = None  # the status bar's note, said again on a switch
        self.loaded = False
        self._fitted = False
        self.stack = QStackedWidget()
        self.shell = QLabel()  # own text only; shown until the pages are built
        self.shell.setObjectName("pageTitle")
        self.shell.setContentsMargins(16, 16, 16, 16)
        self.stack.addWidget(self.shell)
        central = QWidget()
        self.banners = QVBoxLayout(central)  # states that concern every page sit above them
        self.banners.setContentsMargins(0, 0, 0, 0)
        self.banners.setSpacing(0)
        self.banners.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.usable = False  # the database is open and readable
        self.failure: str | None = None  # why it is not, in one sentence
        self.setMinimumSize(720, 480)
        self.setAcceptDrops(True)  # a report dropped here is verified
        self.db_label = QLabel()  # plain text once loaded (a path may hold anything)
        self.maximize = False
        self._after_paint: tuple[Callable[[], None], Callable[[], None] | None] | None = None
        self.statusBar().addPermanentWidget(self.db_label)
        self.menus: dict[str, QMenu] = {}
        self.actions_: dict[str, QAction] = {}
        self._built: dict[str, QWidget] = {}  # pages by name, as they are built
        self.intake_window: IntakeWindow | None = None  # the 受理 window, once opened
        self._menus()
        self.retranslate()

    def load(self) -> None:
        """Open the database and show the start list (after the first paint). The other pages
        are built when first shown, or by `build_pages` once the list is usable."""
        if self.loaded:
            return
        from PySide6.QtCore import Qt

        from diagnosis.ui.pages.start import StartPage

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
        self.stack.addWidget(self.start)
        self.stack.removeWidget(self.shell)
        self.loaded = True
        from diagnosis.ui.language import install_translator

        install_translator(ctx.texts.lang)  # Qt's own strings: the first dialog is after this
        self._banners()
        self.retranslate()
        from diagnosis.ui.resume import left_mark

        mark = left_mark(ctx)
        self.open_database()
        if mark is not None:
            self._resume(mark)
        QTimer.singleShot(0, self._catalogue_problems)  # once, after the list is on the screen

    def _resume(self, mark: dict[str, object]) -> None:
        """The assessment a run that ended without closing (a crash, a kill) was on."""
        from diagnosis.ui.resume import marked_assessment

        found = marked_assessment(self.ctx, mark) if self.usable else None
        if found is not None:
            self.guard(lambda: self.open_assessment(found))

    # -- pages, built when first needed ------------------------------------------------------

    def _page(self, name: str) -> QWidget:
        """The page `name`, built (and added to the stack) the first time it is asked for."""
        page = self._built.get(name)
        if page is None:
            page = self._builders()[name]()
            self._built[name] = page
            self.stack.addWidget(page)
        return page

    def _builders(self) -> dict[str, Callable[[], QWidget]]:
        ctx = self.ctx

        def enterprise() -> QWidget:
            from diagnosis.ui.pages.enterprise import EnterprisePage

            return EnterprisePage(ctx, self.show_start, self.show_questionnaires)

        def questionnaires() -> QWidget:
            from diagnosis.ui.pages.questionnaire import QuestionnairePage

            return QuestionnairePage(ctx, lambda: self._show(self.enterprise), self.open_assessment)

        def questions() -> QWidget:
            from diagnosis.ui.questions.page import QuestionPage

            page = QuestionPage(ctx, self.show_review, self.show_start)
            page.menu_actions = self.actions_
            return page

        def review() -> QWidget:
            from diagnosis.ui.pages.review import ReviewPage

            return ReviewPage(ctx, self.to_question, self.after_review, self.show_start, self.show_plan_at)

        def plan() -> QWidget:
            from diagnosis.ui.plan.page import PlanPage

            return PlanPage(ctx, self.show_review, lambda: self._show(self.finish))

        def finish() -> QWidget:
            from diagnosis.ui.pages.finish import FinishPage

            actions: dict[str, Callable[..., None]] = {
                "plan": self.show_plan,
                "back": self.back_from_finish,
                "home": self.show_start,
                "reopen": self.reopen,
                "compare": self.compare,
            }
            return FinishPage(ctx, actions)

        return {
            "enterprise": enterprise,
            "questionnaires": questionnaires,
            "questions": questions,
            "review": review,
            "plan": plan,
            "finish": finish,
        }

    def build_pages(self, then: Callable[[], None] | None = None) -> None:
        """Build the pages not shown yet, one per turn of the event loop, once the start list is
        usable: the first Ctrl+N then needs no waiting, and the list never did. `then` runs
        when they are all built."""
        missing = [name for name in self._builders() if name not in self._built]
        if self.loaded and missing:
            self._page(missing[0])
            QTimer.singleShot(0, lambda: self.build_pages(then))
        elif then is not None:
            then()

    @property
    def enterprise(self) -> EnterprisePage:
        return self._page("enterprise")  # type: ignore[return-value]

    @property
    def questionnaires(self) -> QuestionnairePage:
        return self._page("questionnaires")  # type: ignore[return-value]

    @property
    def questions(self) -> QuestionPage:
        return self._page("questions")  # type: ignore[return-value]

    @property
    def review(self) -> ReviewPage:
        return self._page("review")  # type: ignore[return-value]

    @property
    def plan(self) -> PlanPage:
        return self._page("plan")  # type: ignore[return-value]

    @property
    def finish(self) -> FinishPage:
        return self._page("finish")  # type: ignore[return-value]

    def _banners(self) -> None:
        from diagnosis.ui.banner import Banner

        self.read_only_banner: Banner = Banner("readOnlyBanner")
        self.problems_banner: Banner = Banner("problemBanner", dismiss="")
        self.banners.insertWidget(0, self.read_only_banner)
        self.banners.insertWidget(1, self.problems_banner)

    def _catalogue_problems(self) -> None:
        from diagnosis.ui.menus.database import catalogue_problems

        catalogue_problems(self)

    def open_database(self) -> None:
        """The start page on the database; one that cannot be read is said in one sentence with a
        restore offered (never a traceback); one written by a newer app is read-only."""
        from diagnosis.ui.menus.database import open_database

        open_database(self)

    def database_changed(self) -> None:
        """After a restore: every page starts again from the (reopened) database."""
        from diagnosis.ui.menus.database import database_changed

        database_changed(self)

    # -- menus and language -------------------------------------------------------------------

    def _menus(self) -> None:
        handlers = menu_handlers(self)
        for title, entries in MENUS.items():
            menu = self.menuBar().addMenu("")
            self.menus[title] = menu
            for key, shortcut in entries:
                if key == "-":
                    menu.addSeparator()
                    continue
                if key in self.actions_:  # the same action in a second menu
                    menu.addAction(self.actions_[key])
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

    def set_language(self, lang: str) -> None:
        """Switch every visible string at run time, Qt's own dialogs included."""
        from diagnosis.ui.language import install_translator

        self.ctx.texts.lang = "en" if lang == "en" else "zh"
        self.ctx.settings.setValue("language", self.ctx.texts.lang)
        self.actions_[f"lang.{self.ctx.texts.lang}"].setChecked(True)
        install_translator(self.ctx.texts.lang)
        self.retranslate()
        if self.intake_window is not None:
            self.intake_window.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.setWindowTitle(f"{t('app')} {__version__}")
        for key, menu in self.menus.items():
            menu.setTitle(t(key))
        for key, action in self.actions_.items():
            action.setText(t(key))
        self.db_label.setText(t("db", path=str(self.ctx.db_path)))
        if self._noted is not None and self.statusBar().currentMessage():
            self.statusBar().showMessage(self._noted())  # the note in the new language
        if not self.loaded:
            self.shell.setText(t("start.loading"))
        else:
            from diagnosis.ui.menus.database import say_state

            self.problems_banner.retranslate(t("btn.dismiss"))
            say_state(self)
        for page in self._pages():
            page.retranslate()  # type: ignore[attr-defined]

    def _pages(self) -> list[QWidget]:
        found = [self.stack.widget(i) for i in range(self.stack.count())]
        return [w for w in found if w is not None and w is not self.shell]

    # -- navigation ---------------------------------------------------------------------------

    def on_page(self, name: str) -> bool:
        """Whether the page `name` (e.g. "questions") is the one shown (it is not built to ask)."""
        page = self._built.get(name)
        return self.loaded and page is not None and self.stack.currentWidget() is page

    def on_start(self) -> bool:
        return self.loaded and self.stack.currentWidget() is self.start

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        page.enter()  # type: ignore[attr-defined]
        self.update_actions()

    def update_actions(self) -> None:
        """Menu actions that make sense on this page, for this assessment and database."""
        from diagnosis.ui.menus.wiring import enable

        enable(self)

    def show_start(self) -> None:
        from diagnosis.ui.resume import clear_mark

        clear_mark(self.ctx)
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
        from diagnosis.ui.resume import mark_open

        self.ctx.session = Session.open(self.ctx.store, assessment_id)
        mark_open(self.ctx)
        self.stack.setCurrentWidget(self.questions)
        self.update_actions()
        self.questions.enter()

    def to_question(self, question: str) -> None:
        self.stack.setCurrentWidget(self.questions)
        self.update_actions()
        self.questions.enter(question or self.questions.current)

    def show_review(self) -> None:
        self._show(self.review)

    def show_plan(self) -> None:
        self._show(self.plan)

    def show_plan_at(self, part: str) -> None:
        """The plan step at a part `finalize` still needs (`confirmation`, `projects.2.funding` …)."""
        self._show(self.plan)
        self.plan.go_to(part)

    def explain_alert(self) -> None:
        """On the review page, explain the selected plausibility warning (there it is listed)."""
        if not self.loaded or self.ctx.session is None:
            return
        if not self.on_page("review"):
            self.show_review()
        self.review.checks.explain_current()

    def _onsite(self) -> bool:
        from diagnosis.storage.assessments import get_assessment

        assert self.ctx.session is not None
        return bool(get_assessment(self.ctx.store, self.ctx.session.assessment_id)["mode"] == "onsite")

    def after_review(self) -> None:
        """On-site work goes on to the plan; a self-assessment may skip it (Ctrl+Shift+P opens it)."""
        self._show(self.plan if self._onsite() else self.finish)

    def back_from_finish(self) -> None:
        self._show(self.plan if self._onsite() else self.review)

    def current_id(self) -> int | None:
        """The assessment the assessment menu acts on: the selected row, or the open one."""
        if self.on_start():
            return self.start.selected_id()
        return self.ctx.session.assessment_id if self.ctx.session is not None else None

    def with_current(self, action: Callable[[int], None]) -> None:
        chosen = self.current_id() if self.loaded else None
        if chosen is not None:
            action(chosen)

    def with_open(self, action: Callable[[], None]) -> None:
        if self.loaded and self.ctx.session is not None:
            self._show(self.finish)
            action()

    def reassess(self, assessment_id: int) -> None:
        from diagnosis.ui.menus.assessment import reassess

        reassess(self, assessment_id)

    def reopen(self, assessment_id: int) -> None:
        from diagnosis.ui.menus.assessment import reopen

        reopen(self, assessment_id)

    def compare(self, assessment_id: int) -> None:
        from diagnosis.ui.dialogs.reports import CompareDialog

        CompareDialog(self.ctx, assessment_id, self).exec()

    def summary(self) -> None:
        if self.loaded:
            from diagnosis.ui.dialogs.reports import SummaryDialog

            SummaryDialog(self.ctx, self).exec()

    def export(self, assessment_id: int) -> None:
        from diagnosis.ui.menus.assessment import export

        export(self, assessment_id)

    def save_answers(self, assessment_id: int, target: Path | None = None) -> None:
        from diagnosis.ui.menus.assessment import save_answers

        save_answers(self, assessment_id, target)

    def load_answers(self, assessment_id: int, source: Path | None = None) -> None:
        from diagnosis.ui.menus.assessment import load_answers

        load_answers(self, assessment_id, source)

    def import_package(self, file: Path | None = None) -> None:
        """Check the package in the background, then write it here in one transaction."""
        if self.loaded and self.usable:
            from diagnosis.ui.menus.assessment import import_package

            import_package(self, file)

    def failed(self, error: Exception) -> None:
        from diagnosis.errors import DiagnosisError

        if isinstance(error, DiagnosisError):
            self.inform(self.ctx.t("err.title"), self.ctx.say_all(error.lines), error=True)
        else:
            raise error

    def guard(self, work: Callable[[], object]) -> bool:
        """Run `work`; a domain error is shown as a sentence. True when it went through."""
        from diagnosis.errors import DiagnosisError

        try:
            work()
        except DiagnosisError as error:
            self.inform(self.ctx.t("err.title"), self.ctx.say_all(error.lines), error=True)
            return False
        return True

    def note(self, said: Callable[[], str]) -> None:
        self._noted = said
        self.statusBar().showMessage(said())

    def inform(self, title: str, text: str, *, error: bool = False) -> None:
        from diagnosis.ui.widgets import inform

        inform(self, title, text, error=error)

    def confirm(self, title: str, text: str, *, danger: bool = True) -> bool:
        from diagnosis.ui.widgets import confirm

        return confirm(self, title, text, danger=danger)

    # -- database backup ----------------------------------------------------------------------

    def backup(self) -> None:
        from diagnosis.ui.menus.database import backup

        if self.usable:
            backup(self)

    def restore(self) -> None:
        from diagnosis.ui.menus.database import restore

        if self.loaded:
            restore(self)

    def verify(self, pdf: Path | None = None) -> None:
        """Verify a report (chosen in the dialog, or dropped onto the window)."""
        from diagnosis.ui.signing.verify import VerifyDialog

        VerifyDialog(self.ctx, self, pdf).exec()

    def intake(self) -> None:
        """File → Claims intake: the 受理 window (one per app), in the app's language."""
        if self.intake_window is None:
            from diagnosis.ui.intake.window import IntakeWindow

            self.intake_window = IntakeWindow(self.ctx, set_language=self.set_language)
            self.intake_window.show_fitted()
            QTimer.singleShot(0, self.intake_window.start)
            return
        self.intake_window.show()
        self.intake_window.raise_()
        self.intake_window.activateWindow()

    def settings_dialog(self) -> None:
        from diagnosis.ui.signing.settings import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.loaded and _dropped_pdf(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        pdf = _dropped_pdf(event.mimeData())
        if pdf is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.verify(pdf))  # not inside the drop: the source waits

    def about(self) -> None:
        """Versions and hashes of the questionnaires, and where everything lives (`diagnosis paths`)."""
        from diagnosis import paths

        lines = "\n".join(
            f"  {e.questionnaire.id} {e.questionnaire.version}  sha256 {e.sha256[:16]}…"
            for e in self.ctx.catalogue.all()
        )
        places = {**paths.where(), "database": self.ctx.db_path}
        where = "\n".join(f"  {name}: {path}" for name, path in places.items())
        text = self.ctx.t("about", version=__version__, questionnaires=lines)
        self.inform(self.ctx.t("menu.about"), text + self.ctx.t("about.paths", places=where))

    def toggle_rating(self) -> None:
        self.ctx.settings.setValue(
            "rating_pages", "true" if self.actions_["q.rating"].isChecked() else "false"
        )
        if self.on_page("questions"):
            self.questions.enter(self.questions.current)

    # -- the window on the screen -------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """The remembered size when it still fits the screen's free area (the taskbar left out);
        otherwise a comfortable size, or maximized on a small screen such as 1366×768. A size
        remembered on a bigger screen is never applied, not even for a moment: a window larger
        than the screen shows black bands where nothing paints."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        settings = self.ctx.settings
        size, place = settings.value("window/size"), settings.value("window/position")
        if (
            isinstance(size, QSize)
            and size.width() <= free.width()
            and size.height() + TITLE_BAR <= free.height()
        ):
            self.resize(size)
            frame = self.frameGeometry()
            frame.moveTopLeft(place if isinstance(place, QPoint) else free.topLeft())
            if not free.contains(frame):
                frame.moveCenter(free.center())
            self.move(frame.topLeft())
            self.maximize = str(settings.value("window/maximized", "false")) == "true"
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

    def remember_size(self) -> None:
        """The window's own (not maximized) size and place, and whether it was maximized."""
        normal = self.normalGeometry()
        settings = self.ctx.settings
        settings.setValue("window/size", normal.size())
        settings.setValue(
            "window/position", self.frameGeometry().topLeft() if not self.isMaximized() else normal.topLeft()
        )
        settings.setValue("window/maximized", "true" if self.isMaximized() else "false")

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
        if self.on_start():
            self.start.table.setFocus()  # keyboard users start in the list

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.on_page("questions"):
            try:
                self.questions.leave()  # a figure or a note typed but not yet confirmed is saved
            except Exception:  # an exception escaping closeEvent takes Qt down
                logging.getLogger(__name__).exception("saving on close failed")
        self.remember_size()
        if self.loaded:
            from diagnosis.ui.resume import clear_mark

            clear_mark(self.ctx)  # closed as meant: the next start shows the list
        event.accept()
