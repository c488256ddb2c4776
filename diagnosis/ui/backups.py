"""File → Back up / Restore (and Help → Restore): the core's safe backup and checked restore.

A restore closes the store, lets the core replace the file (keeping the database as it was
beside it) and opens it again; the window then starts over on the start page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from diagnosis.errors import DiagnosisError
from diagnosis.localtime import local_minute

if TYPE_CHECKING:
    from diagnosis.ui.window import MainWindow


def backup(window: MainWindow) -> None:
    from diagnosis.storage.backup import backup as write_backup
    from diagnosis.ui.finish_page import choose_file

    ctx = window.ctx
    target = choose_file(window, ctx, ".db", f"diagnosis-backup-{dt.date.today().isoformat()}.db")
    if target is not None and window.guard(lambda: write_backup(ctx.store, target)):
        window.inform(ctx.t("menu.backup"), ctx.t("backup.done", path=str(target)))


def choose_backup(window: MainWindow) -> Path | None:
    folder = str(window.ctx.settings.value("export_folder", str(Path.home())))
    chosen, _ = QFileDialog.getOpenFileName(window, window.ctx.t("menu.restore"), folder, "*.db")
    return Path(chosen) if chosen else None


def restore(window: MainWindow) -> None:
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
        window.inform(t("menu.restore"), "\n".join(error.lines), error=True)
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
        window.inform(t("menu.restore"), "\n".join(error.lines), error=True)
        return
    window.database_changed()
    done = t("restore.done", path=str(kept)) if kept is not None else t("restore.done_new")
    window.inform(t("menu.restore"), done)
