"""Render every step of the wizard to PNG, offscreen, for a person to look at.

QT_QPA_PLATFORM=offscreen python -m diagnosis.ui.screenshots OUT_FOLDER [--lang en]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from diagnosis.cli.reports_run import demo_input
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.ui.app import STYLE, build_window, register_font


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DIAGNOSIS_HOME", tempfile.mkdtemp(prefix="shots-"))
    app = QApplication([])
    register_font()
    app.setStyleSheet(STYLE)
    window = build_window(Path(tempfile.mkdtemp()) / "shots.db")
    window.set_language(args.lang)
    store, demo = window.ctx.store, demo_input()
    enterprise = add_enterprise(
        store,
        EnterpriseInput(
            name=demo.enterprise["name"], uscc=demo.enterprise["uscc"], province="安徽省", city="合肥市"
        ),
    )
    assessment = new_assessment(
        store, demo.loaded, enterprise, mode="onsite", provider="示例服务机构", assessor="张工"
    )
    for qid, value in list(demo.answers.items())[:30]:
        set_answer(store, assessment, qid, value, demo.notes.get(qid))
    window.show()
    steps = [
        ("1-start", window.show_start),
        ("2-enterprise", window.new),
        ("3-questionnaire", lambda: window._show(window.questionnaires)),
        ("4-question", lambda: window.open_assessment(assessment)),
        ("5-scene", lambda: window.questions.show_question("scene_production_control")),
        ("6-review", window.show_review),
        ("7-finish", lambda: window._show(window.finish)),
    ]
    for name, show in steps:
        show()
        for _ in range(3):  # layouts settle over a few turns of the event loop
            app.processEvents()
        window.grab().save(str(args.out / f"{name}-{args.lang}.png"))
    print(args.out)


if __name__ == "__main__":
    main()
