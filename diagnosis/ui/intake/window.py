"""The 受理 window: a bureau clerk's intake on the desktop. Choose the database, the policy and the
trust list; add packages and reports (file dialog or drag and drop) with progress and cancel; see
the claims (filters, search, sorting), one claim's details (its flags, its report, release with a
note), the refused documents, and export the claim tables. The window is a thin layer over
`diagnosis.intake.desk` — the command line does all of it too (`diagnosis intake …`).

Database work runs in the thread pool on a copy of the desk (`jobs`); the window lists, filters
and sorts the ledger it holds meanwhile, and takes the copy over when the work is done.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diagnosis import paths
from diagnosis.errors import DiagnosisError
from diagnosis.ui.context import Context
from diagnosis.ui.exports import choose_file, open_file
from diagnosis.ui.intake import jobs
from diagnosis.ui.intake.actions import MENUS
from diagnosis.ui.intake.adding import AddPanel
from diagnosis.ui.intake.database import DATABASE, is_server, recall, with_password
from diagnosis.ui.intake.details import DetailsPane
from diagnosis.ui.intake.filters import FilterBar
from diagnosis.ui.intake.table import CLAIM_COLUMNS, ID, REFUSED_COLUMNS, RowsModel, listed
from diagnosis.ui.tasks import Task, run_in_background
from diagnosis.ui.widgets import PlainLabel, buddy_label, inform

if TYPE_CHECKING:
    from diagnosis.intake.desk import Desk
    from diagnosis.intake.ledger import Claim

POLICY, TRUST, CLERK = "intake/policy", "intake/trust", "intake/clerk"
OTHER = "\0other"  # the policy list's last entry: choose a file
SUFFIXES = (".diagpkg", ".zip", ".pdf")


class Slot:
    """One piece of background work at a time, kept until it reports."""

    def __init__(self) -> None:
        self.task: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
    ) -> bool:
        if self.task is not None:
            return False

        def finished(result: Any) -> None:
            self.task = None
            done(result)

        def broke(error: Any) -> None:
            self.task = None
            failed(error)

        self.task = run_in_background(work, finished, broke)
        return True


class IntakeWindow(QMainWindow):
    ready = Signal()  # the claims are listed, or the database could not be opened

    def __init__(
        self,
        ctx: Context,
        address: str | None = None,
        policy: Path | None = None,
        set_language: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        settings = ctx.settings
        self.desk: Desk | None = None
        self.address = address if address is not None else str(settings.value(DATABASE, "") or "")
        self.policy_path = policy if policy is not None else _path(settings.value(POLICY, ""))
        self._set_language = set_language
        self.work, self.adding, self.looking = Slot(), Slot(), Slot()
        self._stale = False  # the claims changed while other work ran: read them again after
        self.wanted: int | None = None  # the claim whose details are asked for
        self.sort_column, self.descending = 0, False
        self.setAcceptDrops(True)
        self.setMinimumSize(720, 480)
        self._build()
        self.actions_: dict[str, QAction] = {}
        self.menus: dict[str, Any] = {}
        self._menus()
        self.retranslate()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        ctx = self.ctx
        self.db_label = PlainLabel()
        self.db_button = QPushButton()
        self.db_button.clicked.connect(lambda: self.choose_database())
        self.policy = QComboBox()
        self.policy.activated.connect(self._policy_chosen)
        self.policy_about = QPushButton()
        self.policy_about.clicked.connect(self.about_policy)
        self.trust_label = PlainLabel()
        self.trust_folder, self.trust_file = QPushButton(), QPushButton()
        self.trust_folder.clicked.connect(self.choose_trust)
        self.trust_file.clicked.connect(lambda: self.choose_trust(folder=False))
        self.clerk_edit = QLineEdit(str(ctx.settings.value(CLERK, "") or "") or _login() or "")
        self.clerk_edit.setMaximumWidth(180)
        self.clerk_edit.editingFinished.connect(lambda: ctx.settings.setValue(CLERK, self.clerk() or ""))
        self.db_caption = buddy_label("", self.db_button)
        self.policy_caption = buddy_label("", self.policy)
        self.trust_caption = PlainLabel()
        self.clerk_caption = buddy_label("", self.clerk_edit)
        grid = QGridLayout()
        grid.addWidget(self.db_caption, 0, 0)
        grid.addLayout(_row(self.db_label, self.db_button), 0, 1)
        grid.addWidget(self.clerk_caption, 0, 2)
        grid.addWidget(self.clerk_edit, 0, 3)
        grid.addWidget(self.policy_caption, 1, 0)
        grid.addLayout(_row(self.policy, self.policy_about), 1, 1)
        grid.addWidget(self.trust_caption, 1, 2)
        grid.addLayout(_row(self.trust_label, self.trust_folder, self.trust_file), 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.problem = PlainLabel(wrap=True, name="fieldError")
        self.panel = AddPanel(ctx)
        self.panel.add_files.connect(self.choose_files)
        self.panel.add_folder.connect(self.choose_folder)
        self.filters = FilterBar(ctx)
        self.filters.changed.connect(self._list)
        self.model = RowsModel(ctx, CLAIM_COLUMNS, self)
        self.model.on_sort = self._sorted
        self.table = _table(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _: self.focus_details())  # Enter or a double click
        self.details = DetailsPane(ctx)
        self.details.open_report.connect(self.open_report)
        self.details.release.connect(self.release)
        self.shown = PlainLabel(name="hint")
        self.summary = PlainLabel(wrap=True)
        self.excel_button, self.pdf_button = QPushButton(), QPushButton()
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(_row(self.shown, self.excel_button, self.pdf_button))
        column.addWidget(self.summary)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 420])
        claims = QWidget()
        claims_layout = QVBoxLayout(claims)
        claims_layout.addWidget(self.filters)
        claims_layout.addWidget(split, 1)
        self.refused_model = RowsModel(ctx, REFUSED_COLUMNS, self)
        self.refused_table = _table(self.refused_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(claims, "")
        self.tabs.addTab(self.refused_table, "")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.panel)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

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
                action.setShortcuts(QKeySequence.listFromString(shortcut))
                action.triggered.connect(handlers[key])
                self.actions_[key] = action
                menu.addAction(action)
        languages = QActionGroup(self)
        for lang in ("zh", "en"):
            self.actions_[f"lang.{lang}"].setCheckable(True)
            languages.addAction(self.actions_[f"lang.{lang}"])
        self.actions_["ik.cancel"].setEnabled(False)

    def _handlers(self) -> dict[str, Callable[[], Any]]:
        filters = self.filters

        def focus(widget: QWidget) -> Callable[[], None]:
            def go() -> None:
                self.tabs.setCurrentIndex(0)
                widget.setFocus()  # a list then takes ↑/↓ (Alt+↓ opens it)

            return go

        def search() -> None:
            focus(filters.search)()
            filters.search.selectAll()

        def refused() -> None:
            self.tabs.setCurrentIndex(1)
            self.refused_table.setFocus()

        return {
            "ik.database": lambda: self.choose_database(),
            "ik.policy": self.policy.setFocus,
            "ik.trust": self.choose_trust,
            "ik.add_files": self.choose_files,
            "ik.add_folder": self.choose_folder,
            "ik.cancel": self.panel.cancel,
            "ik.excel": lambda: self.export(".xlsx"),
            "ik.pdf": lambda: self.export(".pdf"),
            "ik.close": self.close,
            "ik.search": search,
            "ik.filter.city": focus(filters.city),
            "ik.filter.county": focus(filters.county),
            "ik.filter.provider": focus(filters.provider),
            "ik.filter.status": focus(filters.status),
            "ik.filter.clear": filters.clear,
            "ik.table": focus(self.table),
            "ik.sort": self.sort_current,
            "ik.details": self.focus_details,
            "ik.open_report": self.open_report,
            "ik.release": self.release,
            "ik.refused_tab": refused,
            "ik.reload": self.reload,
            "lang.zh": lambda: self.set_language("zh"),
            "lang.en": lambda: self.set_language("en"),
        }

    # -- language -----------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        if self._set_language is not None:  # the main window switches, and retranslates us
            self._set_language(lang)
            return
        from diagnosis.ui.language import install_translator

        self.ctx.texts.lang = "en" if lang == "en" else "zh"
        self.ctx.settings.setValue("language", self.ctx.texts.lang)
        install_translator(self.ctx.texts.lang)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        for key, menu in self.menus.items():
            menu.setTitle(t(key))
        for key, action in self.actions_.items():
            action.setText(t(key))
        self.actions_[f"lang.{self.ctx.texts.lang}"].setChecked(True)
        self.db_caption.setText(t("ik.database.label"))
        self.db_button.setText(t("ik.database.change"))
        self.policy_caption.setText(t("ik.policy.label"))
        self.policy_about.setText(t("ik.policy.about"))
        self.trust_caption.setText(t("ik.trust.label"))
        self.trust_folder.setText(t("ik.trust.folder"))
        self.trust_file.setText(t("ik.trust.file"))
        self.clerk_caption.setText(t("ik.clerk"))
        self.excel_button.setText(t("ik.excel"))
        self.pdf_button.setText(t("ik.pdf"))
        self.tabs.setTabText(0, t("ik.tab.claims"))
        self.table.setAccessibleName(t("ik.table"))
        self.refused_table.setAccessibleName(t("ik.refused_tab"))
        for part in (self.panel, self.filters, self.details, self.model, self.refused_model):
            part.retranslate()
        self._policies()
        self._say_trust()
        self._say_claims()

    # -- the database -------------------------------------------------------------------------

    def start(self) -> None:
        """Open the database chosen last (after the window is shown)."""
        self.open_database(self.address)

    def choose_database(self, problem: str = "") -> None:
        from diagnosis.ui.intake.database import DatabaseDialog, remember

        if self.adding.busy:
            self._busy()
            return
        dialog = DatabaseDialog(self.ctx, self.address, problem, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        if dialog.keep_password and choice.password:
            remember(choice.address, choice.password)
        self.open_database(choice.address, choice.password)

    def open_database(self, address: str, password: str | None = None) -> None:
        target = with_password(address, password or recall(address)) if is_server(address) else address
        policy, clerk = self.policy_path, self.clerk()
        self.problem.setText(self.ctx.t("ik.opening", where=_where(address)))
        started = self.work.start(
            lambda: jobs.opened(target, policy, clerk),
            lambda opened: self._opened(address, opened),
            self._open_failed,
        )
        if not started:
            self._busy()

    def _opened(self, address: str, opened: jobs.Opened) -> None:
        old, self.address = self.desk, address
        self.ctx.settings.setValue(DATABASE, address)
        self.problem.setText(opened.policy_problem or "")
        if opened.policy_problem is not None:
            self.policy_path = None
            self._policies()
        self._install(opened.desk)
        if old is not None and old.engine is not opened.desk.engine:
            old.close()
        self.table.setFocus()

    def _open_failed(self, error: Exception) -> None:
        if not isinstance(error, DiagnosisError):
            raise error
        self.problem.setText(self.ctx.t("ik.failed", problem=self.ctx.say(error.lines[0])))
        self.ready.emit()

    def reload(self) -> None:
        """Read the claims again (after an add; F5 for what other clerks added)."""
        desk = self.desk
        if desk is not None and not self._work(lambda: jobs.reloaded(desk), self._install):
            self._stale = True

    def _work(self, work: Callable[[], Any], done: Callable[[Any], None]) -> bool:
        def then(result: Any) -> None:
            done(result)
            if self._stale:
                self._stale = False
                self.reload()

        return self.work.start(work, then, self._failed)

    def _install(self, desk: Desk) -> None:
        """Show what this desk holds (its ledger is read already)."""
        self.desk = desk
        book = desk.ledger()
        self.filters.offer(desk.choices())
        self._list()
        self.refused_model.show(book.refused)
        self._say_claims()
        self.ready.emit()

    # -- the claims ---------------------------------------------------------------------------

    def _list(self) -> None:
        if self.desk is None:
            return
        keep, column = self.selected_id(), max(0, self.table.currentIndex().column())
        rows = listed(self.desk, self.filters.current(), self.sort_column, self.descending)
        self.model.show(rows)
        found = self.model.row_of(keep) if keep is not None else None
        if rows:  # the same claim (else the first) and the same column stay current
            self.table.setCurrentIndex(self.model.index(found or 0, column))
        else:
            self._want_details(None)
        self._say_claims()

    def _sorted(self, column: int, descending: bool) -> None:
        self.sort_column, self.descending = column, descending
        self._list()

    def sort_current(self) -> None:
        """Sort by the column of the current cell (←/→ move to it); again: the other way round."""
        column = max(0, self.table.currentIndex().column())
        again = column == self.sort_column and not self.descending
        order = Qt.SortOrder.DescendingOrder if again else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)  # the view sorts the model

    def _say_claims(self) -> None:
        t = self.ctx.t
        book = self.desk.ledger() if self.desk is not None else None
        self.setWindowTitle(t("ik.title", where=self.desk.where if self.desk else _where(self.address)))
        self.db_label.setText(self.desk.where if self.desk else _where(self.address))
        self.tabs.setTabText(1, t("ik.tab.refused") + (f" ({len(book.refused)})" if book else ""))
        if book is None:
            return
        self.shown.setText(t("ik.shown", shown=len(self.model.rows), total=len(book.claims)))
        from diagnosis.intake.ledger import summary

        self.summary.setText(self.ctx.say(summary(book)))

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID) if index.isValid() else None

    def selected(self) -> Claim | None:
        found = self.model.row_of(self.selected_id() or -1)
        return self.model.rows[found] if found is not None else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._want_details(current.data(ID) if current.isValid() else None)

    def _want_details(self, claim_id: int | None) -> None:
        """The details of this claim, read in the background (the first read finds the flags);
        while one is read, the last one asked for is read next."""
        self.wanted = claim_id
        desk = self.desk
        if claim_id is None or desk is None:
            self.details.show_details(None, None)
            return
        self.looking.start(lambda: (desk, desk.details(claim_id)), self._looked, self._look_failed)

    def _looked(self, found: tuple[Desk, Any]) -> None:
        desk, details = found
        if desk is self.desk and details.claim.id == self.wanted:
            self.details.show_details(details, desk.policy)
        else:
            self._want_details(self.wanted)

    def _look_failed(self, error: Exception) -> None:
        if not isinstance(error, DiagnosisError):
            raise error
        self._want_details(self.wanted if self.model.row_of(self.wanted or -1) is not None else None)

    def focus_details(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.details.text.setFocus()

    # -- a claim: its report, its release -------------------------------------------------------

    def open_report(self) -> None:
        from diagnosis.ui.intake.viewer import Missing, viewable

        chosen = self.details.chosen_document()
        if chosen is None:
            return
        path, kind = chosen
        lang = self.ctx.texts.lang

        def failed(error: Exception) -> None:
            if isinstance(error, Missing):
                self._inform(self.ctx.t("ik.report.missing", path=str(path)), error=True)
            else:
                self._failed(error)

        if not self.work.start(lambda: viewable(path, kind, lang), open_file, failed):
            self._busy()

    def release(self) -> None:
        from diagnosis.ui.intake.release import ReleaseDialog

        claim, desk, t = self.selected(), self.desk, self.ctx.t
        if claim is None or desk is None:
            return
        if not claim.holds:
            self._inform(t("ik.rel.not_held"))
            return
        fixed = [self.ctx.say(h.reason) for h in claim.holds if not h.releasable]
        if fixed:
            self._inform(t("ik.rel.fixed", reasons="；".join(fixed)), error=True)
            return
        clerk = self.clerk()
        dialog = ReleaseDialog(self.ctx, claim, clerk, self)
        dialog.exec()
        note = dialog.chosen()
        if note is None:
            return
        if not self._work(lambda: jobs.released(desk, claim.id, note, clerk), self._released):
            self._busy()

    def _released(self, done: tuple[Desk, str]) -> None:
        desk, said = done
        self._install(desk)
        self.statusBar().showMessage(self.ctx.say(said))

    # -- adding documents -----------------------------------------------------------------------

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.ctx.t("ik.add_files"), "", " ".join(f"*{s}" for s in SUFFIXES)
        )
        self.add([Path(name) for name in chosen])

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.ctx.t("ik.add_folder"))
        if chosen:
            self.add([Path(chosen)])

    def add(self, files: list[Path]) -> None:
        """Verify and store these documents (folders recursively) in the background."""
        desk = self.desk
        if desk is None or not files:
            return
        if self.adding.busy:
            self._busy()
            return
        # Documents are kept by the name they came with: the full path, to open them later.
        found = [file.resolve() for file in files]
        trust, clerk, panel = self.trust_path(), self.clerk(), self.panel
        panel.started()
        self.actions_["ik.cancel"].setEnabled(True)
        self.adding.start(
            lambda: jobs.added(desk, found, trust, clerk, panel.progress, panel.cancelled),
            self._added,
            self._add_failed,
        )

    def _added(self, tally: Any) -> None:
        self.panel.finished(tally)
        self.actions_["ik.cancel"].setEnabled(False)
        self.reload()

    def _add_failed(self, error: Exception) -> None:
        self.panel.finished(None)
        self.actions_["ik.cancel"].setEnabled(False)
        self._failed(error)
        self.reload()  # what was stored before the failure

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.add(files))  # not inside the drop: the source waits

    # -- policy, trust list, clerk ----------------------------------------------------------------

    def _policies(self) -> None:
        """The policy list: none, the shipped examples, a file chosen before, another file."""
        from diagnosis.intake.policy import PolicyError, load_policy

        t = self.ctx.t
        shipped = sorted((paths.resources() / "policies").glob("*.yaml"))
        files = shipped + ([self.policy_path] if self.policy_path and self.policy_path not in shipped else [])
        self.policy.clear()
        self.policy.addItem(t("ik.policy.none"), "")
        for file in files:
            try:
                name = t("ik.policy.item", name=load_policy(file).name, file=file.name)
            except (PolicyError, OSError):
                name = str(file)
            self.policy.addItem(name, str(file))
        self.policy.addItem(t("ik.policy.other"), OTHER)
        self.policy.setCurrentIndex(max(0, self.policy.findData(str(self.policy_path or ""))))

    def _policy_chosen(self, index: int) -> None:
        value = self.policy.itemData(index)
        if value == OTHER:
            chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("ik.policy"), "", "*.yaml *.yml")
            if not chosen:
                self._policies()
                return
            value = chosen
        path = Path(value) if value else None
        desk = self.desk
        if path == self.policy_path:
            return
        if desk is None:
            self._policy_applied(path, None)
            return
        if not self._work(lambda: jobs.with_policy(desk, path), lambda d: self._policy_applied(path, d)):
            self._busy()
            self._policies()

    def _policy_applied(self, path: Path | None, desk: Desk | None) -> None:
        self.policy_path = path
        self.ctx.settings.setValue(POLICY, str(path or ""))
        self.problem.setText("")
        self._policies()
        if desk is not None:
            self._install(desk)

    def about_policy(self) -> None:
        from diagnosis.intake.policy import describe

        if self.desk is not None:
            lines = [self.ctx.say(line) for line in describe(self.desk.policy)]
            inform(self, self.ctx.t("ik.policy"), "\n".join(lines))

    def trust_path(self) -> Path | None:
        """The trust list the intake checks signers against: its own, else the one in Settings,
        else (None) the user data folder's."""
        for key in (TRUST, "signing/trust"):
            value = str(self.ctx.settings.value(key, "") or "")
            if value:
                return Path(value)
        return None

    def choose_trust(self, folder: bool = True) -> None:
        t = self.ctx.t
        if folder:
            chosen = QFileDialog.getExistingDirectory(self, t("ik.trust.label"))
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, t("ik.trust.label"), "", "*.pem *.crt *.cer *.json")
        if chosen:
            self.ctx.settings.setValue(TRUST, chosen)
            self._say_trust()

    def _say_trust(self) -> None:
        self.trust_label.setText(str(self.trust_path() or paths.trust_dir()))

    def clerk(self) -> str | None:
        """Who receives and releases: the name in the window, else the computer's user."""
        return self.clerk_edit.text().strip() or _login()

    # -- exports --------------------------------------------------------------------------------

    def export(self, suffix: str) -> None:
        desk = self.desk
        if desk is None:
            return
        name = ("申领汇总" if self.ctx.texts.lang == "zh" else "claims") + suffix
        target = choose_file(self, self.ctx, suffix, name)
        if target is not None and not self.work.start(
            lambda: jobs.exported(desk, target), self._exported, self._failed
        ):
            self._busy()

    def _exported(self, target: Path) -> None:
        self.statusBar().showMessage(self.ctx.t("ik.exported", path=str(target)))
        open_file(target)

    # -- saying things --------------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        from diagnosis.ui.signing.signer import sentence

        if not isinstance(error, DiagnosisError | OSError):
            raise error
        self._inform(self.ctx.say(sentence(error)), error=True)

    def _inform(self, text: str, *, error: bool = False) -> None:
        inform(
            self, self.ctx.t("err.title") if error else self.ctx.t("ik.menu.claims").replace("&", ""), text
        )

    def _busy(self) -> None:
        self.statusBar().showMessage(self.ctx.t("ik.busy"), 4000)

    # -- the window on the screen ----------------------------------------------------------------

    def show_fitted(self) -> None:
        """Maximized on a laptop screen such as 1366×768; a comfortable size on a bigger one."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        if free.width() < 1440 or free.height() < 900:
            self.setGeometry(free)
            self.showMaximized()
            return
        self.resize(1400, 880)
        frame = self.frameGeometry()
        frame.moveCenter(free.center())
        self.move(frame.topLeft())
        self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.cancel()  # what is stored stays; the rest can be added again
        event.accept()


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for n, widget in enumerate(widgets):
        row.addWidget(widget, 1 if n == 0 else 0)
    return row


def _table(model: RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
    table.verticalHeader().setVisible(False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row is measured: 10,000 cost nothing
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    em = table.fontMetrics().horizontalAdvance("中")
    for n, column in enumerate(model.columns):
        title = table.fontMetrics().horizontalAdvance(model.ctx.t(column.title)) + 24
        header.resizeSection(n, max(title, column.width * em))
    return table


def _where(address: str) -> str:
    """The database as people see it (never a password)."""
    from diagnosis.intake.db import database_url, where

    try:
        return where(database_url(address or None))
    except DiagnosisError:
        return address


def _dropped(urls: list[Any]) -> list[Path]:
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [f for f in files if f.is_dir() or f.suffix.lower() in SUFFIXES]


def _path(value: object) -> Path | None:
    return Path(str(value)) if value else None


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None
