"""Benchmark: keystrokes and wall time to answer all of DCMM 1.0.0 (420 criteria) in the wizard,
on rating pages (one capability item per page) against one criterion per page, with the same
answers, driving the real widgets with key events offscreen. Every answer is committed to the
database as it is given, as in use. Run on demand:
`QT_QPA_PLATFORM=offscreen python benchmarks/rating_bench.py`."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from diagnosis.scoring.sample import sample_answers
from diagnosis.storage.assessments import answers_of, new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.ui.app import build_window

DIGITS = {n: getattr(Qt.Key, f"Key_{n}") for n in range(1, 10)}


def run(rating: bool) -> tuple[int, float, int]:
    """(keystrokes, seconds, answers stored) for one full assessment."""
    window = build_window(Path(tempfile.mkdtemp()) / "bench.db")
    window.ctx.settings.setValue("rating_pages", "true" if rating else "false")
    window.show()
    store, loaded = window.ctx.store, window.ctx.catalogue.get("dcmm@1.0.0")
    answers = sample_answers(loaded.questionnaire, "random", seed=11)
    options = {o.id: n for n, o in enumerate(loaded.questionnaire.answer_sets["conformity"].options, 1)}
    assessment = new_assessment(store, loaded, add_enterprise(store, EnterpriseInput("基准测试企业")))
    window.open_assessment(assessment)
    QApplication.processEvents()
    page, keys = window.questions, 0

    def press(key: Qt.Key) -> None:
        nonlocal keys
        target = QApplication.focusWidget()
        assert isinstance(target, QWidget)
        QTest.keyClick(target, key)
        keys += 1

    start = time.perf_counter()
    while window.stack.currentWidget() is page:
        if rating:  # each number answers its row and moves to the next one
            for qid in page.rating.table.questions():
                press(DIGITS[options[str(answers[qid])]])
        else:
            assert page.current is not None
            press(DIGITS[options[str(answers[page.current])]])
        press(Qt.Key.Key_Return)
    seconds = time.perf_counter() - start
    stored = answers_of(store, assessment)[0]
    assert stored == answers, "the wizard stored other answers than were typed"
    window.close()
    return keys, seconds, len(stored)


def main() -> None:
    os.environ["DIAGNOSIS_HOME"] = tempfile.mkdtemp(prefix="rating-bench-")  # not the user's folder
    QApplication.instance() or QApplication([])
    for label, rating in (("rating pages (one item per page)", True), ("one criterion per page", False)):
        keys, seconds, stored = run(rating)
        print(f"{label:34} {keys:4} keys  {seconds:6.1f} s  ({stored} answers committed)")


if __name__ == "__main__":
    main()
