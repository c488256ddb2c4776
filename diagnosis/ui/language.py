"""Qt's own strings (dialog buttons, context menus, file dialogs) in the wizard's language: set at
start-up and again when the person switches language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

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
