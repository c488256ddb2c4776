"""Qt's own strings (dialog buttons, context menus, file dialogs) in the wizard's language: set at
start-up and again when the person switches language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

# Strings Qt 6 shows that its own qtbase_zh_CN does not translate: Qt 6 gave the file dialog's
# labels mnemonics ("&Look in:"), and the Chinese file still has them without ("Look in:").
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}
# Contexts Qt 6 moved strings to, and where the Chinese file still has them: the file dialog's
# "Folder", "Drive", "%1 File" in its type column.
QT_MOVED = {"QAbstractFileIconProvider": "QFileDialog"}

_translators: list[QTranslator] = []


class _Gaps(QTranslator):
    """The strings of `QT_GAPS` and `QT_MOVED`; every other string is left to Qt's own file."""

    def __init__(self, qt: QTranslator) -> None:
        super().__init__(qt)
        self.qt = qt

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:  # None: not ours, Qt asks the next translator
        if context in QT_MOVED:
            return self.qt.translate(QT_MOVED[context], source) or None
        return QT_GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_translator(lang: str) -> None:
    """Qt's own strings (dialog buttons, context menus, file dialogs) in the chosen language."""
    app = QApplication.instance()
    if app is None:
        return
    for translator in _translators:  # one set for the one application object
        app.removeTranslator(translator)
    _translators.clear()
    if lang == "zh":
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _install(qt)
        _install(_Gaps(qt))  # asked first: Qt asks the translator installed last first


def _install(translator: QTranslator) -> None:
    QApplication.installTranslator(translator)
    _translators.append(translator)
