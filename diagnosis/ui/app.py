"""Starting the desktop app: fonts, translations, settings, error reporting, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QByteArray, QEvent, QLibraryInfo, QObject, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from diagnosis import paths
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.report.fontfiles import FALLBACKS, fallback_data
from diagnosis.storage.db import open_store
from diagnosis.ui.context import Context, app_settings
from diagnosis.ui.texts import Texts
from diagnosis.ui.window import MainWindow

STYLE = """
QLabel#pageTitle { font-size: 18px; font-weight: bold; color: #1d4ed8; padding: 4px 0; }
QLabel#questionText { font-size: 16px; font-weight: bold; padding: 6px 0; }
QLabel#levelText { font-size: 26px; font-weight: bold; color: #1d4ed8; }
QLabel#fieldError { color: #b91c1c; }
QLabel#savedMark { color: #15803d; }
QLabel#savedMark[error="true"] { color: #b91c1c; }
QLabel#optionDetail { color: #4b5563; margin-left: 24px; margin-bottom: 4px; }
QLabel#hint { color: #6b7280; }
"""
_translator: QTranslator | None = None


def install_translator(lang: str) -> None:
    """Qt's own strings (dialog buttons, context menus) in the chosen language."""
    global _translator  # one translator for the one application object
    app = QApplication.instance()
    if app is None:
        return
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if lang == "zh":
        translator = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
            _translator = translator


def register_font() -> None:
    """The bundled fonts, so Chinese renders on a machine without any Chinese font, and rare
    characters of names (CJK Extension B) and emoji where the machine has no font for them."""
    font_id = QFontDatabase.addApplicationFont(str(paths.resources() / "fonts" / "NotoSansSC-Regular.ttf"))
    QFontDatabase.addApplicationFont(str(paths.resources() / "fonts" / "NotoSansSC-Bold.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return
    for name in FALLBACKS:  # the same fallbacks as the report, tried in the same order
        fallback_id = QFontDatabase.addApplicationFontFromData(QByteArray(fallback_data(name)))
        families += QFontDatabase.applicationFontFamilies(fallback_id) if fallback_id >= 0 else []
    font = QFont(families[0], 10)
    font.setFamilies(families)
    QApplication.setFont(font)


def build_window(db: Path | None = None) -> MainWindow:
    """The window on a database (default: the user data folder's), with remembered settings."""
    settings = app_settings()
    texts = Texts("en" if settings.value("language", "zh") == "en" else "zh")
    install_translator(texts.lang)
    store = open_store(db or paths.default_db())
    return MainWindow(Context(store, default_catalogue(), texts, settings))


def log_path() -> Path:
    return paths.data_dir() / "logs" / "diagnosis.log"


def _report_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors go to a log file; the person sees a sentence with its path, not a traceback."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, level=logging.ERROR, format="%(asctime)s %(message)s", force=True)
    logging.error("".join(traceback.format_exception(kind, error, tb)))
    texts = Texts("en" if app_settings().value("language") == "en" else "zh")
    QMessageBox.critical(None, texts.t("err.title"), texts.t("err.unexpected", path=str(path)))


class _FirstPaint(QObject):
    """Quits the application once the window has been painted (`--smoke`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QApplication.quit()
        return False


def run(db: Path | None = None, smoke: bool = False, package: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("diagnosis")
    register_font()
    app.setStyleSheet(STYLE)
    sys.excepthook = _report_crash
    window = build_window(db)
    if smoke:
        watcher = _FirstPaint(window)
        window.start.table.viewport().installEventFilter(watcher)
    window.show()
    if package is not None:  # a package double-clicked in the file manager
        window.import_package(package)
    return int(app.exec())
