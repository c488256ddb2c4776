"""The window fits a laptop: the button row of every page stays in view at 1280×720, at
1366×768 under a taskbar and at 1920×1080, in both languages; the size is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from diagnosis.ui.window import MainWindow
from tests.ui.helpers import begin, start

# The client area left by a title bar (about 30 px) and, on Windows, a taskbar (40 px).
SIZES = [(1280, 720 - 30), (1366, 768 - 40 - 30), (1920, 1080 - 40 - 30)]


def buttons_in_view(window: MainWindow) -> list[str]:
    """Buttons of the current page that are cut off or outside the window."""
    page = window.stack.currentWidget()
    assert isinstance(page, QWidget)
    inside = window.rect()
    cut = []
    for button in page.findChildren(QPushButton):
        if not button.isVisibleTo(page):
            continue
        corner = button.mapTo(window, QPoint(0, 0))
        if not inside.contains(QRect(corner, button.size())):
            cut.append(button.text())
    return cut


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_button_row_stays_in_view(qtbot: QtBot, gui_home: Path, tmp_path: Path, lang: str) -> None:
    window = start(qtbot, tmp_path / "fit.db")
    window.set_language(lang)
    window.showNormal()  # not maximized: the sizes below are the window's own
    pages = []
    for width, height in SIZES:
        window.resize(width, height)
        QApplication.processEvents()
        assert window.width() <= width and window.height() <= height
        if not pages:
            begin(qtbot, window, "dcmm@1.0.0")  # the rating page with the longest texts
            pages = [
                lambda: window.show_start(),
                lambda: window.new(),
                lambda: window.show_questionnaires(),
                lambda: window.to_question("strategy.planning.l3a"),
                lambda: window.show_review(),
                lambda: window._show(window.finish),
            ]
        for show in pages:
            show()
            QApplication.processEvents()
            assert buttons_in_view(window) == [], (width, height, window.stack.currentWidget())


def test_the_window_fits_the_free_screen_and_remembers_its_size(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "size.db")
    free = window.screen().availableGeometry()
    assert free.contains(window.frameGeometry()) or window.isMaximized()
    window.showNormal()
    window.resize(760, 500)
    QApplication.processEvents()
    window.close()
    again = start(qtbot, tmp_path / "size.db")
    assert (again.width(), again.height()) == (760, 500)
