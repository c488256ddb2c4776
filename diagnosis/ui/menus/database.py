"""The database in the window: opened readable, read-only (a newer app's) or not at all (one
sentence, a restore offered); File → Back up / Restore (also in Help) through the core's safe
backup and checked restore; questionnaire files the catalogue skipped, said once.

A restore closes the store, lets the core replace the file (keeping the database as it was
beside it) and opens it again; the window then starts over on the start page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from diagnosis.errors import DiagnosisError
from diagnosis.localtime import local_minute, today
from diagnosis.ui.host import Host

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStackedWidget

    from diagnosis.ui.banner import Banner
    from diagnosis.ui.pages.start import StartPage


class DatabaseWindow(Host, Protocol):
    """The window as the database's state shows in it: usable or not (and why), the line shown
    instead of the pages, the banners above them, and the start list."""

    usable: bool
    failure: str | None

    @property
    def shell(self) -> QLabel: ...

    @property
    def stack(self) -> QStackedWidget: ...

    @property
    def read_only_banner(self) -> Banner: ...

    @property
    def problems_banner(self) -> Banner: ...

    @property
    def start(self) -> StartPage: ...

    def show_start(self) -> None: ...

    def update_actions(self) -> None: ...


def backup(window: Host) -> None:
    from diagnosis.storage.backup import backup as write_backup
    from diagnosis.ui.exports import choose_file

    ctx = window.ctx
    target = choose_file(window.window(), ctx, ".db", f"diagnosis-backup-{today().isoformat()}.db")
    if target is not None and window.guard(lambda: write_backup(ctx.store, target)):
        window.inform(ctx.t("menu.backup"), ctx.t("backup.done", path=str(target)))


def choose_backup(window: Host) -> Path | None:
    folder = str(window.ctx.settings.value("export_folder", str(Path.home())))
    chosen, _ = QFileDialog.getOpenFileName(window.window(), window.ctx.t("menu.restore"), folder, "*.db")
    return Path(chosen) if chosen else None


def restore(window: Host) -> None:
    """Check the chosen file, ask (naming what it holds), keep the current database, restore."""
    from diagnosis.storage.backup import check_backup
    from diagnosis.storage.backup import restore as restore_file

    ctx, t = window.ctx, window.ctx.t
    source = choose_backup(window)
    if source is None:
        return
    try:
        info = check_backup(source)
    except DiagnosisError as error:
        window.inform(t("menu.restore"), ctx.say_all(error.lines), error=True)
        return
    question = t(
        "restore.confirm", path=str(source), n=info.assessments, time=local_minute(info.last_change) or "—"
    )
    if not window.confirm(t("menu.restore"), question):
        return
    ctx.session = None
    ctx.close_store()
    try:
        kept = restore_file(ctx.db_path, source)
    except DiagnosisError as error:
        window.database_changed()
        window.inform(t("menu.restore"), ctx.say_all(error.lines), error=True)
        return
    window.database_changed()
    done = t("restore.done", path=str(kept)) if kept is not None else t("restore.done_new")
    window.inform(t("menu.restore"), done)


def open_database(window: DatabaseWindow) -> None:
    import sqlite3

    from diagnosis.storage.db import explain

    try:
        window.usable = True
        window.show_start()
    except DiagnosisError as error:
        database_failed(window, error.lines[0])
        return
    except sqlite3.DatabaseError as error:
        database_failed(window, explain(error, window.ctx.db_path))
        return
    window.failure = None
    say_state(window)
    window.update_actions()


def say_state(window: DatabaseWindow) -> None:
    """The banners and the failure sentence, in the current language."""
    t = window.ctx.t
    newer = window.ctx.store.newer if window.usable else None
    window.read_only_banner.say(t("db.newer", reason=window.ctx.say(newer)) if newer else "")
    if window.failure is not None:
        window.shell.setText(t("db.failed", problem=window.ctx.say(window.failure)))
    if window.problems_banner.isVisible():
        catalogue_problems(window)


def database_failed(window: DatabaseWindow, sentence: str) -> None:
    window.usable = False
    window.failure = sentence
    window.ctx.session = None
    window.ctx.close_store()
    if window.stack.indexOf(window.shell) < 0:
        window.stack.addWidget(window.shell)
    window.stack.setCurrentWidget(window.shell)
    say_state(window)
    window.update_actions()
    QTimer.singleShot(0, lambda: _offer_restore(window, sentence))


def _offer_restore(window: DatabaseWindow, sentence: str) -> None:
    t = window.ctx.t
    if window.confirm(t("menu.restore"), t("db.failed.ask", problem=window.ctx.say(sentence)), danger=False):
        restore(window)


def database_changed(window: DatabaseWindow) -> None:
    window.ctx.session = None
    window.start.scores.clear()
    if window.stack.indexOf(window.shell) >= 0 and window.stack.count() > 1:
        window.stack.removeWidget(window.shell)
    open_database(window)


def catalogue_problems(window: DatabaseWindow) -> None:
    """Questionnaire files that were skipped (broken, or a version defined twice), said once."""
    if not window.usable:
        return
    problems = window.ctx.catalogue.problems
    if problems:
        window.problems_banner.say(window.ctx.say_all([window.ctx.t("db.skipped"), *problems]))
