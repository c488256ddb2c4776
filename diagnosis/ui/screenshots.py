"""Render every step of the wizard to PNG, offscreen, for a person to look at.

    python -m diagnosis.ui.screenshots OUT_FOLDER [--lang zh|en|both] [--size 1366x768 …]

Each size is a laptop screen: the picture is the window's client area after the title bar
(30 px) and, below 1920×1080, a Windows taskbar (40 px) are taken off. Every run uses its own
data folder and settings, never the person's: screenshots must not move their language or
their last position in an assessment.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

TITLE_BAR, TASKBAR = 30, 40
SIZES = ("1280x720", "1366x768", "1920x1080")


def client_area(size: str) -> tuple[int, int]:
    width, height = (int(n) for n in size.split("x"))
    return width, height - TITLE_BAR - (TASKBAR if width == 1366 else 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    parser.add_argument(
        "--size", nargs="+", action="extend", help="screen sizes, e.g. 1366x768 (repeat or list several)"
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # one size, one language
    args = parser.parse_args()
    args.size = args.size or list(SIZES)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.one:
        shoot(args.out, args.size[0], args.lang)
        return
    for size in args.size:
        for lang in ("zh", "en") if args.lang == "both" else (args.lang,):
            run_one(args.out, size, lang)
    print(args.out)


def run_one(out: Path, size: str, lang: str) -> None:
    """One process per screen: Qt takes the screen's size when the application starts."""
    width, height = client_area(size)
    folder = Path(tempfile.mkdtemp(prefix="shots-"))
    screen = folder / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": size, "x": 0, "y": 0, "width": width, "height": height}]}),
        encoding="utf-8",
    )
    env = os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "DIAGNOSIS_HOME": str(folder)}
    command = [sys.executable, "-m", "diagnosis.ui.screenshots", str(out), "--one", "--size", size]
    subprocess.run([*command, "--lang", lang], check=True, env=env)


def shoot(out: Path, size: str, lang: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from diagnosis.ui.app import build_window, register_font

    home = Path(os.environ.get("DIAGNOSIS_HOME") or tempfile.mkdtemp(prefix="shots-"))
    prepare(home)
    app = QApplication([])
    register_font()
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", lang)
    window = build_window(home / "shots.db", settings)
    for name, shown in scenes(window, home):
        shown.grab().save(str(out / f"{name}-{size}-{lang}.png"))
    window.close()
    app.processEvents()


def prepare(home: Path) -> None:
    """The data folder before the window opens: a broken questionnaire (the start page names
    what it skipped)."""
    broken = home / "questionnaires" / "我的问卷.yaml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("id: [unclosed\n", encoding="utf-8")


def scenes(window: Any, home: Path) -> Iterator[tuple[str, QWidget]]:
    """Every step of the wizard and every dialog, shown in turn on the sample data (the window
    already built on `home`, in its language): what the screenshots picture, and what the test
    of the Chinese screens reads. Each is yielded once its layout has settled."""
    from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

    from diagnosis.sample_store import fill
    from diagnosis.ui.dialogs.reassess import ReassessDialog
    from diagnosis.ui.dialogs.reports import CompareDialog, SummaryDialog
    from diagnosis.ui.signing.keys import NewKeyDialog
    from diagnosis.ui.signing.settings import SettingsDialog
    from diagnosis.ui.signing.signer import PasswordDialog
    from diagnosis.ui.signing.verify import VerifyDialog
    from diagnosis.ui.widgets import question_box

    app = QApplication.instance()
    assert app is not None
    sample = fill(window.ctx.store, window.ctx.catalogue)
    extra = _extras(window, sample, home)
    window.show()
    page = window.questions

    def settle() -> None:
        for _ in range(4):  # layouts settle over a few turns of the event loop
            app.processEvents()

    def question(assessment: int, qid: str) -> None:
        window.open_assessment(assessment)
        page.show_question(qid)

    def refused() -> None:
        question(sample.after, "revenue_cur")
        assert page.editor is not None
        page.editor.edit.setText("120亿")  # type: ignore[attr-defined]
        page.next_page()  # refused: the reason shows in red, the page stays

    def enterprise(code: str = "") -> None:
        window.new()
        if code:  # a new enterprise whose credit code does not check out: said beside it
            window.enterprise.pick.setCurrentIndex(0)
            window.enterprise.edits["ent.uscc"].setText(code)
        else:
            window.enterprise.pick.setCurrentIndex(1)  # an existing one: its fields show

    def plan_tab(n: int) -> None:
        window.open_assessment(sample.after)
        window.show_plan()
        window.plan.tabs.setCurrentIndex(n)

    def exported() -> None:
        """The finish page after a signed export: where it was saved and who signed it."""
        from diagnosis.signing.keys import load_key

        window.open_assessment(sample.after)
        window._show(window.finish)
        window.finish.signer = load_key(extra.key, PASSWORD)
        window.finish._done(home / "report.pdf")

    steps = [
        ("1-start", window.show_start),
        ("2-enterprise", enterprise),
        ("2b-enterprise-code", lambda: enterprise("91340100MA2XXXXXXX")),
        ("3-questionnaire", window.show_questionnaires),
        ("4-question", lambda: question(sample.after, "base_year")),
        ("5-refused", refused),
        ("6-scene", lambda: question(sample.after, "scene_production_control")),
        ("6b-warning", lambda: question(sample.after, "devices_digital")),
        ("7-review", window.show_review),
        ("7b-plan-projects", lambda: plan_tab(2)),
        ("7c-plan-process", lambda: plan_tab(0)),
        ("7d-plan-findings", lambda: plan_tab(1)),
        ("7e-plan-results", lambda: plan_tab(3)),
        ("7f-plan-confirm", lambda: plan_tab(4)),
        ("8-rating", lambda: question(sample.dcmm, "architecture.metadata.l2b")),
        ("9-search", lambda: page.side.search.setText("元数据")),
        ("9b-review-dcmm", window.show_review),  # eight dimensions around the radar
        ("10-finish", lambda: window._show(window.finish)),
        ("10b-exported", exported),
    ]
    for name, show in steps:
        show()
        settle()
        yield name, window
    files = QFileDialog(window, window.ctx.t("menu.restore"), str(home), "*.db")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # what Qt itself shows (offscreen too)
    wrong = PasswordDialog(window.ctx, extra.key, window, opens=_opens)
    wrong.password.setText("not-the-password")
    dialogs: list[tuple[str, QDialog]] = [
        ("11-compare", CompareDialog(window.ctx, sample.after, window)),
        ("12-summary", SummaryDialog(window.ctx, window)),
        ("13-settings", SettingsDialog(window.ctx, window)),
        ("14-new-key", NewKeyDialog(window.ctx, window)),
        (
            "15-reassess",
            ReassessDialog(window.ctx, extra.older, window.ctx.catalogue.newer(*SME_OLD), window),
        ),
        ("16-verify", _verified(VerifyDialog(window.ctx, window), extra.report, app)),
        ("17-password", PasswordDialog(window.ctx, extra.key, window, offer_keep=True)),
        ("17b-password-wrong", wrong),
        ("18-files", files),
        ("19-confirm", question_box(window, window.ctx.t("btn.finalize"), window.ctx.t("confirm.finalize"))),
    ]
    for name, dialog in dialogs:
        dialog.show()
        if dialog is wrong:
            wrong._ok()  # refused: the reason shows in the dialog, which stays open
        settle()
        yield name, dialog
        dialog.reject()


PASSWORD = "shots-password"


def _opens(path: Path, password: str) -> Any:
    from diagnosis.signing.keys import load_key

    return load_key(path, password)


SME_OLD = ("sme-digital-2024", "1.0.0")
PROVIDER_USCC = "91340100MA2NX8K5TH"  # fictitious, valid (as in the README's tour)


class Extras(NamedTuple):
    older: int  # an assessment on an earlier questionnaire version (re-assessment offers the newer)
    report: Path  # an unsigned report to verify
    key: Path  # the provider's key (with its credit code), set in the settings


def _extras(window: Any, sample: Any, home: Path) -> Extras:
    """What the new steps show: the demo's plan on the re-assessment, a plausibility warning, an
    assessment on an older version, a report, a provider key in the settings (all from the core)."""
    from diagnosis import paths
    from diagnosis.report.inputs import from_store
    from diagnosis.report.pdf import build_pdf
    from diagnosis.sample_store import DEMO
    from diagnosis.scoring.answers import parse_answers_file
    from diagnosis.signing.keys import new_keys
    from diagnosis.storage.answers import set_answers
    from diagnosis.storage.assessments import get_assessment, new_assessment
    from diagnosis.storage.plans import set_plan

    store, catalogue = window.ctx.store, window.ctx.catalogue
    demo = parse_answers_file(DEMO, (paths.resources() / DEMO).read_bytes())
    assert demo.plan is not None
    set_plan(store, sample.after, demo.plan)
    set_answers(store, sample.after, {"devices_total": 80, "devices_digital": 96})
    firm = get_assessment(store, sample.sme)["enterprise_id"]
    older = new_assessment(store, catalogue.get("@".join(SME_OLD)), firm)
    set_answers(store, older, demo.answers)
    report = home / "report.pdf"
    report.write_bytes(build_pdf(from_store(store, sample.sme)))
    made = new_keys("示例数字化转型服务有限公司", PROVIDER_USCC, home / "provider.p12", PASSWORD)
    window.ctx.settings.setValue("signing/key", str(made.key_file))
    window.ctx.settings.setValue("signing/sign_exports", "true")
    return Extras(older, report, made.key_file)


def _verified(dialog: Any, report: Path, app: Any) -> Any:
    """The dialog once it has verified `report` (a self-assessment: unsigned is fine)."""
    dialog.pdf.setText(str(report))
    dialog.unsigned.setChecked(True)
    dialog.run()
    while dialog.task is not None:
        app.processEvents()
    return dialog


if __name__ == "__main__":
    main()
