"""Starting the desktop app: fonts, translations, settings, error reporting, the main window.

Start-up paints first and loads the rest behind it: this module, the window shell and the start
page import only Qt and small parts of the core; the database (sqlite-utils) and the
questionnaires (pydantic models) open once the window is on the screen.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from diagnosis import paths
from diagnosis.report.fontfiles import FALLBACKS, fallback_data
from diagnosis.ui.context import Context, app_settings
from diagnosis.ui.texts import Texts
from diagnosis.ui.window import MainWindow

STYLE = """
QLabel#pageTitle { font-size: 18px; font-weight: bold; color: #1d4ed8; padding: 4px 0; }
QLabel#questionText { font-size: 16px; font-weight: bold; padding: 6px 0; }
QLabel#levelText { font-size: 26px; font-weight: bold; color: #1d4ed8; }
QLabel#fieldError { color: #b91c1c; font-weight: bold; }
QLabel#fieldError[ok="true"] { color: #15803d; font-weight: normal; }
QLabel#savedMark { color: #15803d; }
QLabel#savedMark[error="true"] { color: #b91c1c; font-weight: bold; }
QLabel#flagMark { color: #b45309; font-weight: bold; }
QLabel#optionDetail { color: #4b5563; margin-left: 24px; margin-bottom: 4px; }
QLabel#hint { color: #6b7280; }
QLabel#alertText { color: #c2410c; }
QLabel#verdictText { font-size: 22px; font-weight: bold; color: #374151; }
QLabel#verdictText[ok="true"] { color: #15803d; }
QLabel#verdictText[ok="false"] { color: #b91c1c; }
QFrame#readOnlyBanner { background: #fef3c7; border-bottom: 1px solid #f59e0b; }
QFrame#problemBanner { background: #ffedd5; border-bottom: 1px solid #fb923c; }
QRadioButton, QCheckBox { border: 2px solid transparent; border-radius: 3px; padding: 2px 6px; }
QPushButton:focus, QRadioButton:focus, QCheckBox:focus, QComboBox:focus, QDateEdit:focus {
    outline: none; border: 2px solid #2563eb; border-radius: 3px; padding: 2px 6px; }
QLineEdit:focus { border: 2px solid #2563eb; border-radius: 3px; }
QTableView:focus, QTreeView:focus, QListView:focus { border: 2px solid #2563eb; }
QTableView::item:selected:active, QTreeView::item:selected:active, QListView::item:selected:active {
    background: #2563eb; color: white; }
QTableView::item:selected:!active, QTreeView::item:selected:!active, QListView::item:selected:!active {
    background: #bfdbfe; color: black; }
"""


def register_font() -> None:
    """The bundled font, so Chinese renders on a machine without any Chinese font."""
    font_id = QFontDatabase.addApplicationFont(str(paths.resources() / "fonts" / "NotoSansSC-Regular.ttf"))
    QFontDatabase.addApplicationFont(str(paths.resources() / "fonts" / "NotoSansSC-Bold.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        QApplication.setFont(QFont(families[0], 10))


def unpack_fallback_fonts() -> list[bytes]:
    """The fallback fonts' files (about half a second of unpacking: off the UI thread)."""
    return [fallback_data(name) for name in FALLBACKS]


def register_fallback_fonts(files: list[bytes] | None = None) -> None:
    """The report's fallback fonts, tried in the same order, for rare characters of names (CJK
    Extension B) and emoji where the machine has no font for them. After the start list shows:
    `files` come unpacked from a background thread."""
    app_font = QApplication.font()
    families = list(app_font.families())
    for data in files if files is not None else unpack_fallback_fonts():
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    app_font.setFamilies(families)
    QApplication.setFont(app_font)


def build_window(
    db: Path | None = None, settings: QSettings | None = None, *, load: bool = True
) -> MainWindow:
    """The window on a database (default: the user data folder's), with remembered settings.

    `load=False` leaves the database and the other pages for `MainWindow.load` (after a paint).
    """
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.styleSheet() != STYLE:
        app.setStyleSheet(STYLE)  # the same look wherever a window is built (tests, screenshots)
    settings = settings or app_settings()
    texts = Texts("en" if settings.value("language", "zh") == "en" else "zh")
    window = MainWindow(Context(db or paths.default_db(), texts, settings))
    window.fit_to_screen()
    if load:
        window.load()
    return window


def _report_crash(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None, db: Path | None = None
) -> None:
    """Unexpected errors go to a log file; the person sees a sentence with its path, not a
    traceback. A database damaged on disk is told as such (with where to restore it from)."""
    import logging
    import sqlite3
    import traceback

    from PySide6.QtWidgets import QMessageBox

    path = paths.log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, level=logging.ERROR, format="%(asctime)s %(message)s", force=True)
    logging.error("".join(traceback.format_exception(kind, error, tb)))
    texts = Texts("en" if app_settings().value("language") == "en" else "zh")
    if isinstance(error, sqlite3.DatabaseError):
        from diagnosis.storage.db import explain

        text = texts.t("db.failed", problem=explain(error, db or paths.default_db()))
    else:
        text = texts.t("err.unexpected", path=str(path))
    QMessageBox.critical(None, texts.t("err.title"), text)


def _log(error: Exception) -> None:
    """A fallback font that cannot be unpacked: rare characters show as boxes, nothing else."""
    import logging

    logging.getLogger(__name__).error("fallback fonts: %s", error)


def run(
    db: Path | None = None,
    smoke: bool = False,
    package: Path | None = None,
    first_paint: Callable[[], None] | None = None,
    usable: Callable[[], None] | None = None,
) -> int:
    """Show the window, then load the start list, then the rest; `smoke` quits once everything
    is loaded (every page built). `first_paint` runs when the window has been painted the first
    time, `usable` when the start list has (benchmarks)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("diagnosis")
    register_font()
    sys.excepthook = _report_crash
    window = build_window(db, load=False)
    sys.excepthook = functools.partial(_report_crash, db=window.ctx.db_path)

    def load() -> None:
        window.load()
        if package is not None:  # a package double-clicked in the file manager
            window.import_package(package)
        QTimer.singleShot(0, rest)

    def rest() -> None:  # the list is on the screen and takes keys: the rest loads behind it
        from diagnosis.ui.tasks import run_in_background

        if usable is not None:
            usable()
        fonts.append(run_in_background(unpack_fallback_fonts, register_fallback_fonts, _log))
        QTimer.singleShot(0, lambda: window.build_pages(then=app.quit if smoke else None))

    fonts: list[object] = []  # the unpacking task, kept until it reports

    window.after_first_paint(load, first_paint)
    window.show_fitted()
    code = int(app.exec())
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()  # no worker may outlive the application
    return code


def run_intake(address: str | None = None, policy: Path | None = None, smoke: bool = False) -> int:
    """The 受理 window on its own (`diagnosis intake gui`): the database `address` (else the one
    chosen last, else the default), under `policy` (else the one chosen last). `smoke` quits once
    the claims are listed (a check that the window starts)."""
    from PySide6.QtCore import QThreadPool

    from diagnosis.ui.intake.window import IntakeWindow
    from diagnosis.ui.language import install_translator

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("diagnosis")
    app.setStyleSheet(STYLE)
    register_font()
    sys.excepthook = _report_crash
    settings = app_settings()
    texts = Texts("en" if settings.value("language", "zh") == "en" else "zh")
    install_translator(texts.lang)
    window = IntakeWindow(Context(paths.default_db(), texts, settings), address, policy)
    if smoke:
        window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    window.show_fitted()
    QTimer.singleShot(0, window.start)  # the window paints first, then the database opens
    code = int(app.exec())
    QThreadPool.globalInstance().waitForDone()
    return code
