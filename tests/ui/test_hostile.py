"""Hostile and natural input: markup in questionnaire or user text renders literally; typed
figures are read as people type them, or refused with the reason while the person stays on the
question; a note being typed survives the app being closed or killed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from diagnosis.storage.assessments import answers_of
from diagnosis.storage.db import open_store
from tests.ui.helpers import CTRL, assessment, begin, key, notes, on_dialog, press, shortcut, start, stored

RED = "#b91c1c"


def plain_everywhere(window: object) -> None:
    for label in window.findChildren(QLabel):  # type: ignore[attr-defined]
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_markup_in_questionnaire_and_user_text_renders_literally(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "m.db")
    begin(qtbot, window, "keys@", name="<b>粗体</b>企业")
    page = window.questions
    assert page.text.text() == "使用的系统 <b>全部</b>"
    details = [label.text() for label in page.editor.details]  # type: ignore[union-attr]
    assert details == ['<img src="file:///etc/hosts">见<a href="http://example.com">链接</a> & <i>斜体</i>']
    plain_everywhere(window)
    shortcut(qtbot, window, "Ctrl+M")
    key(qtbot, window, "<script>备注</script>", Qt.Key.Key_Return)
    assert notes(window) == {"many": "<script>备注</script>"}
    shortcut(qtbot, window, "F5")
    plain_everywhere(window)
    shortcut(qtbot, window, "Alt+Home")
    assert window.start.table.item(0, 1).text() == "<b>粗体</b>企业"
    formats: list[Qt.TextFormat] = []

    def look(dialog: object) -> None:
        assert isinstance(dialog, QMessageBox)
        formats.append(dialog.textFormat())
        press(qtbot, Qt.Key.Key_Escape)(dialog)

    asked = on_dialog(look)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert "<b>粗体</b>企业" in asked[0] and formats == [Qt.TextFormat.PlainText]


def test_typed_figures_are_read_or_refused_with_the_reason(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "f.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    page.jump("base_year")
    key(qtbot, window, "1999", Qt.Key.Key_Return)
    error = page.editor.error  # type: ignore[union-attr]
    assert page.current == "base_year" and "base_year" not in stored(window)  # stayed, nothing saved
    assert (
        error.isVisible() and error.text() == "1999 小于最小值 2015。请填写2015–2100 之间的整数，单位：年。"
    )
    assert error.palette().color(QPalette.ColorRole.WindowText).name() == RED
    key(qtbot, window, Qt.Key.Key_A, modifier=CTRL)
    key(qtbot, window, "2024", Qt.Key.Key_Return)
    assert stored(window)["base_year"] == 2024 and page.current == "revenue"
    key(qtbot, window, "120万", Qt.Key.Key_Return)  # the unit is 万元
    key(qtbot, window, "98.5%", Qt.Key.Key_Return)
    key(qtbot, window, "１２０", Qt.Key.Key_Return)  # full-width digits from a Chinese input method
    assert {k: stored(window)[k] for k in ("revenue", "rate", "devices")} == {
        "revenue": 120,
        "rate": 98.5,
        "devices": 120,
    }
    page.jump("revenue")
    key(qtbot, window, Qt.Key.Key_A, modifier=CTRL)
    key(qtbot, window, "1,200", Qt.Key.Key_Return)
    assert stored(window)["revenue"] == 1200
    page.jump("devices")
    window.set_language("en")
    key(qtbot, window, Qt.Key.Key_A, modifier=CTRL)
    key(qtbot, window, "120万", Qt.Key.Key_Return)
    assert page.current == "devices" and stored(window)["devices"] == 120
    assert page.editor.error.text().startswith('"120万" is not a number')  # type: ignore[union-attr]
    key(qtbot, window, Qt.Key.Key_Left, modifier=Qt.KeyboardModifier.AltModifier)  # nor going back
    assert page.current == "devices"


def test_a_note_being_typed_survives_a_kill_and_a_close(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    window = start(qtbot, db)
    begin(qtbot, window, "keys@")
    shortcut(qtbot, window, "Ctrl+M")
    key(qtbot, window, "现场查看了三条产线")  # no Enter, the field keeps the focus
    qtbot.waitUntil(lambda: notes(window) == {"many": "现场查看了三条产线"})  # saved at the pause
    a = assessment(window)
    window.ctx.store.close()  # killed: no close event, no focus-out …
    window.ctx.session = None  # … and nothing of that window runs any more
    window.hide()
    reopened = open_store(db)
    assert answers_of(reopened, a)[1] == {"many": "现场查看了三条产线"}
    reopened.close()
    again = start(qtbot, db)  # it opens the assessment it was on
    assert again.ctx.session is not None and again.ctx.session.assessment_id == a
    shortcut(qtbot, again, "Ctrl+M")
    key(qtbot, again, "，另有一条在建")
    again.close()  # before the pause: closing saves it
    assert answers_of(open_store(db), a)[1] == {"many": "现场查看了三条产线，另有一条在建"}


def test_rare_characters_in_names_have_a_font(qtbot: QtBot) -> None:
    """A name with 𠮷 (CJK Extension B) or an emoji draws with the bundled fallbacks, after the
    main font, on a machine without any font of its own for them."""
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QApplication

    from diagnosis.ui.app import register_fallback_fonts, register_font

    register_font()
    register_fallback_fonts()
    families = QApplication.font().families()
    assert families[0] == "Noto Sans SC" and len(families) >= 4
    drawn = {c: [f for f in families if QFontMetrics(QFont(f)).inFontUcs4(ord(c))] for c in "𠮷😀中"}
    assert drawn["中"][0] == "Noto Sans SC"
    assert drawn["𠮷"] and drawn["😀"], drawn
