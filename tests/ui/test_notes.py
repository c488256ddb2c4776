"""Notes are never lost: committed within 0.3 s of the last keystroke, "saved" shown only after
the commit, kept through a real kill of the app; and after a kill the app opens the assessment
it was on."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.storage.assessments import answers_of, new_assessment
from diagnosis.storage.db import open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.ui.questions.page import NOTE_PAUSE_MS
from tests.ui.helpers import assessment, begin, key, notes, shortcut, start

ROOT = Path(__file__).parent.parent.parent
NOTE = "现场查看了三条产线，另有一条在建"


def test_saved_shows_only_after_the_note_is_committed(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "s.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    key(qtbot, window, "1", Qt.Key.Key_Space)  # an answer: "✓ 已保存" shows
    assert page.saved.text() == "✓ 已保存"
    shortcut(qtbot, window, "Ctrl+M")
    key(qtbot, window, "现场")
    assert notes(window) == {} and page.saved.text() == ""  # typed, not committed: not "saved"
    qtbot.waitUntil(lambda: notes(window) == {"many": "现场"})
    qtbot.waitUntil(lambda: page.saved.text() == "✓ 已保存")
    assert NOTE_PAUSE_MS <= 250  # within 0.3 s of the last keystroke, commit included


def _assessment(db: Path) -> int:
    store = open_store(db)
    enterprise = add_enterprise(store, EnterpriseInput(name="杀进程测试企业"))
    made = new_assessment(store, default_catalogue().get("keys@1.0.0"), enterprise)
    store.close()
    return made


def test_a_note_survives_killing_the_app_half_a_second_after_typing(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    made = _assessment(db)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.drivers.type_a_note", str(db), str(made), NOTE],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        ready, _, _ = select.select([app.stdout], [], [], 120)  # a driver that broke must not hang
        assert ready and app.stdout.readline().strip() == "typed"
        time.sleep(0.5)
    finally:
        os.kill(app.pid, signal.SIGKILL)  # no close event, no focus-out, no exit handler
        app.wait()
    assert app.returncode == -signal.SIGKILL
    store = open_store(db)
    assert answers_of(store, made)[1] == {"many": NOTE}
    store.close()
    again = start(qtbot, db)  # the next start opens the assessment it was on, at the question
    assert again.stack.currentWidget() is again.questions
    assert assessment(again) == made and again.questions.current == "many"
    assert again.questions.note.text() == NOTE


def test_a_normal_close_starts_at_the_list_again(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    window = start(qtbot, db)
    begin(qtbot, window, "keys@")
    window.close()
    again = start(qtbot, db)
    assert again.stack.currentWidget() is again.start and again.ctx.session is None
