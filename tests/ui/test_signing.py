"""Signing and verifying in the wizard, by keyboard: the settings, a signed report and package
from the finish page (the password asked each time unless the OS keyring remembers it, a wrong one
refused with nothing written), and File → Verify a report, also for a PDF dropped onto the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from diagnosis.report.verify import verify_pdf
from diagnosis.signing import remembered
from diagnosis.signing.keys import new_keys
from diagnosis.signing.trust import load_trust
from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT
from diagnosis.storage.package import read_package
from diagnosis.storage.plans import get_plan
from diagnosis.ui.signing.signer import PasswordDialog
from diagnosis.ui.window import MainWindow
from tests.conftest import MemoryKeyring
from tests.ui.helpers import ALT, begin, dialogs, key, on_dialog, press, shortcut, start, type_into_dialog

PASSWORD = "ein-gutes-Passwort"
PROVIDER = "测试诊断服务有限公司"  # the key's holder, named as the assessment's provider


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    made = new_keys(PROVIDER, None, tmp_path / "provider.p12", PASSWORD)
    return made.key_file, made.certificate_file


def typed(text: str, *then: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> object:
    """A dialog answer: text where its focus is, then keys."""

    def act(dialog: QDialog) -> None:
        type_into_dialog(text)
        for k in then:
            QtBot.keyClick(dialog.focusWidget() or dialog, k, modifier)

    return act


def set_signing(qtbot: QtBot, window: MainWindow, key_file: Path, trust: Path) -> None:
    """Settings → Signing and trust list, by keyboard: the key, the trust list, sign on."""

    def fill(dialog: QDialog) -> None:
        type_into_dialog(str(key_file))  # the key field has the focus
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_T, ALT)  # the trust list field
        type_into_dialog(str(trust))
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, ALT)  # sign when exporting
        qtbot.waitUntil(dialog.sign.isChecked)  # type: ignore[attr-defined]  # a mnemonic clicks a moment later
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    on_dialog(fill)
    shortcut(qtbot, window, "Ctrl+,")


def to_finish(qtbot: QtBot, window: MainWindow) -> None:
    window.ctx.settings.setValue("provider", PROVIDER)  # what the enterprise page offers: a key signs its own
    begin(qtbot, window)
    key(qtbot, window, "2")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # a self-assessment: straight to the finish
    assert window.stack.currentWidget() is window.finish


def at_finish(qtbot: QtBot, db: Path, keys: tuple[Path, Path]) -> MainWindow:
    """A window whose settings sign exports, on the finish page of a new assessment."""
    window = start(qtbot, db)
    set_signing(qtbot, window, *keys)
    to_finish(qtbot, window)
    return window


def export_pdf(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path, password: str
) -> list[str]:
    """Ctrl+P with `password` typed into the password dialog; the dialog's title."""
    monkeypatch.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: target)
    asked = on_dialog(typed(password, Qt.Key.Key_Return))
    shortcut(qtbot, window, "Ctrl+P")
    return asked


def test_settings_then_a_signed_report_and_package(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, certificate = keys
    window = start(qtbot, tmp_path / "s.db")
    set_signing(qtbot, window, key_file, certificate)
    settings = window.ctx.settings
    assert settings.value("signing/key") == str(key_file)
    assert settings.value("signing/trust") == str(certificate)
    assert settings.value("signing/sign_exports") == "true"
    to_finish(qtbot, window)
    report = tmp_path / "签名报告.pdf"
    asked = export_pdf(qtbot, window, monkeypatch, report, PASSWORD)  # the password, every time
    qtbot.waitUntil(lambda: "已签名" in window.finish.status.text(), timeout=30000)
    assert asked == ["签名密钥的密码"]
    verdict = verify_pdf(report.read_bytes(), trust=load_trust(certificate))
    assert verdict.ok and verdict.signature is not None and verdict.signature.signed
    package = tmp_path / "签名.diagpkg"
    monkeypatch.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: package)
    on_dialog(typed(PASSWORD, Qt.Key.Key_Return))
    window.finish.export_package()
    unpacked = read_package(package, DEFAULT_EVIDENCE_LIMIT)
    assert unpacked.check_signature(load_trust(certificate)).ok
    other = start(qtbot, tmp_path / "other.db")  # another laptop with the same trust list
    other.import_package(package)
    qtbot.waitUntil(lambda: other.ctx.session is not None, timeout=20000)
    told = other.statusBar().currentMessage()
    assert told.startswith(f"已导入的评估包：由 {PROVIDER}（指纹 ") and "Traceback" not in told


def test_a_wrong_password_is_asked_again_and_the_export_kept(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, certificate = keys
    window = at_finish(qtbot, tmp_path / "w.db", keys)
    report = tmp_path / "report.pdf"
    chosen: list[str] = []
    monkeypatch.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: chosen.append("file") or report)
    problems: list[str] = []

    def wrong_then_right(dialog: QDialog) -> None:
        type_into_dialog("wrong password")
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.isVisible()  # asked again, in the same dialog
        problems.append(dialog.problem.text())  # type: ignore[attr-defined]
        type_into_dialog(PASSWORD)  # the wrong one is selected: typing replaces it
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    on_dialog(wrong_then_right)
    shortcut(qtbot, window, "Ctrl+P")
    assert problems == [f"{key_file}：密码错误（或文件已损坏）"]  # in the UI's language
    qtbot.waitUntil(report.exists, timeout=30000)
    assert chosen == ["file"]  # the save dialog was not asked again
    assert verify_pdf(report.read_bytes(), trust=load_trust(certificate)).ok
    on_dialog(press(qtbot, Qt.Key.Key_Escape))  # closing the password dialog: nothing written
    window.finish.export_package(tmp_path / "p.diagpkg")
    assert not (tmp_path / "p.diagpkg").exists()


def test_a_key_of_another_provider_signs_nothing(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "o.db")
    set_signing(qtbot, window, *keys)
    window.ctx.settings.setValue("provider", "另一家诊断机构")  # the assessment names someone else
    begin(qtbot, window)
    key(qtbot, window, "2")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)
    report = tmp_path / "report.pdf"
    export_pdf(qtbot, window, monkeypatch, report, PASSWORD)
    qtbot.waitUntil(lambda: "不予签名" in window.finish.status.text(), timeout=30000)
    assert window.finish.status.text() == (
        f"不予签名：由 {PROVIDER} 签名，但报告所列的诊断服务机构是 另一家诊断机构"
    )
    assert not report.exists()


def test_the_providers_credit_code_is_checked_as_typed_and_stored(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    from diagnosis.storage.assessments import get_assessment

    window = start(qtbot, tmp_path / "c.db")
    window.ctx.settings.setValue("provider", PROVIDER)
    shortcut(qtbot, window, "Ctrl+N")
    page = window.enterprise
    key(qtbot, window, "某精密机械有限公司")
    code = page.edits["ent.provider_uscc"]
    qtbot.keyClicks(code, "91110000600037341X")  # a wrong check character
    assert not page.next.isEnabled() and "校验码" in page.errors["ent.provider_uscc"].text()
    code.clear()
    qtbot.keyClicks(code, "91110000600037341l")  # lower case is read as meant
    assert page.next.isEnabled()
    qtbot.keyClick(code, Qt.Key.Key_Return)
    items = window.questionnaires.list
    items.setCurrentRow(
        next(
            i
            for i in range(items.count())
            if items.item(i).data(Qt.ItemDataRole.UserRole).startswith("mini@")
        )
    )
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert window.ctx.session is not None
    row = get_assessment(window.ctx.store, window.ctx.session.assessment_id)
    assert (row["provider"], row["provider_uscc"]) == (PROVIDER, "91110000600037341L")
    assert window.ctx.settings.value("provider_uscc") == "91110000600037341L"  # offered next time


def test_a_remembered_password_signs_without_asking_until_forgotten(
    qtbot: QtBot,
    gui_home: Path,
    tmp_path: Path,
    keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    key_file, certificate = keys
    window = at_finish(qtbot, tmp_path / "r.db", keys)
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"

    def remember(dialog: QDialog) -> None:
        type_into_dialog(PASSWORD)
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_R, ALT)  # remember the password
        qtbot.waitUntil(dialog.keep.isChecked)  # type: ignore[attr-defined]
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    monkeypatch.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: first)
    on_dialog(remember)
    shortcut(qtbot, window, "Ctrl+P")
    qtbot.waitUntil(first.exists, timeout=30000)
    assert memory_keyring.kept == {(remembered.SERVICE, str(key_file.resolve())): PASSWORD}
    asked: list[bool] = []
    with monkeypatch.context() as m:  # the next export signs without a dialog
        m.setattr(PasswordDialog, "exec", lambda self: asked.append(True) or QDialog.DialogCode.Rejected)
        m.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: second)
        shortcut(qtbot, window, "Ctrl+P")
        qtbot.waitUntil(second.exists, timeout=30000)
        assert asked == [] and verify_pdf(second.read_bytes(), trust=load_trust(certificate)).ok
        memory_keyring.kept[(remembered.SERVICE, str(key_file.resolve()))] = "a password changed since"
        window.finish.export_package(tmp_path / "p.diagpkg")  # asked again; the stale one dropped
        assert asked == [True] and memory_keyring.kept == {}
        assert not (tmp_path / "p.diagpkg").exists()
    remembered.remember(key_file, PASSWORD)

    def forget(dialog: QDialog) -> None:
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_F, ALT)  # Forget the remembered password
        qtbot.waitUntil(lambda: not dialog.forget.isEnabled())  # type: ignore[attr-defined]
        dialog.reject()

    on_dialog(forget)
    shortcut(qtbot, window, "Ctrl+,")
    assert memory_keyring.kept == {}


def _verify_dialog_text(dialog: QDialog) -> str:
    return f"{dialog.verdict.text()}\n{dialog.details.text()}"  # type: ignore[attr-defined]


def test_verify_a_report_from_the_menu_and_by_dropping_it(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = at_finish(qtbot, tmp_path / "v.db", keys)
    report = tmp_path / "report.pdf"
    export_pdf(qtbot, window, monkeypatch, report, PASSWORD)
    qtbot.waitUntil(report.exists, timeout=30000)
    seen: list[str] = []

    def verify(dialog: QDialog) -> None:
        type_into_dialog(str(report))
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter verifies
        qtbot.waitUntil(lambda: dialog.task is None and dialog.verdict.text() != "正在核验…", timeout=30000)  # type: ignore[attr-defined]
        seen.append(_verify_dialog_text(dialog))
        dialog.reject()

    on_dialog(verify)
    shortcut(qtbot, window, "Ctrl+Shift+V")
    assert (
        seen[0].startswith("✓ 核验通过\n通过 ") and f"由 {PROVIDER}（指纹 " in seen[0]
    )  # in the window's language
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(report.read_bytes() + b"\n% appended\n")
    result: list[str] = []

    def look(dialog: QDialog) -> None:
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)  # type: ignore[attr-defined]
        result.append(_verify_dialog_text(dialog))
        dialog.reject()

    on_dialog(look)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(forged))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(result), timeout=40000)
    assert result[0].startswith(f"✗ 核验未通过\n未通过 {forged}\n  ")


def test_a_new_key_made_from_the_settings_is_trusted_and_signs(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "k.db")
    window.ctx.settings.setValue("export_folder", str(tmp_path))

    def settings(dialog: QDialog) -> None:
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_N, ALT)  # New key…

    def new_key(dialog: QDialog) -> None:
        type_into_dialog("新建密钥服务机构")
        for text in ("91340100MA2MT0HX5A", PASSWORD, PASSWORD):
            QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            type_into_dialog(text)
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    enter = press(qtbot, Qt.Key.Key_Return)
    said = dialogs(settings, new_key, enter, enter, enter)  # made; trust it and sign (yes); OK
    shortcut(qtbot, window, "Ctrl+,")
    key_file = tmp_path / "provider.p12"
    assert key_file.exists() and key_file.with_suffix(".pem").exists()
    assert f"密钥：{key_file}" in said[2] and "指纹：SHA-256" in said[2]
    assert said[3].startswith("要把这把密钥的证书加入信任列表，并在导出报告和评估包时签名吗？")
    settings_ = window.ctx.settings
    assert settings_.value("signing/key") == str(key_file)
    assert settings_.value("signing/sign_exports") == "true"
    trusted = load_trust(gui_home / "trust")  # the user's own trust list, where verify looks
    assert [c.subject.rfc4514_string() for c in trusted.certificates] == [
        "2.5.4.97=NTRCN-91340100MA2MT0HX5A,CN=新建密钥服务机构,O=新建密钥服务机构,C=CN"
    ]
    # New assessments name the provider as the key does; on-site, the assessor is in the plan.
    window.ctx.settings.setValue("mode", "onsite")
    window.ctx.settings.setValue("assessor", "张工")
    shortcut(qtbot, window, "Ctrl+N")
    assert window.enterprise.edits["ent.provider"].text() == "新建密钥服务机构"
    key(qtbot, window, "密钥测试企业", Qt.Key.Key_Return)
    qtbot.keyClick(window.questionnaires.list, Qt.Key.Key_Return)
    plan = get_plan(window.ctx.store, window.ctx.session.assessment_id)  # type: ignore[union-attr]
    assert [p.name for p in plan.process.assessors] == ["张工"]
    # The provider's first verify of its own freshly signed report passes.
    report = tmp_path / "自签.pdf"
    key(qtbot, window, "2")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # the plan step (on-site) …
    shortcut(qtbot, window, "Alt+Right")  # … and on to the finish page
    assert window.stack.currentWidget() is window.finish
    export_pdf(qtbot, window, monkeypatch, report, PASSWORD)
    qtbot.waitUntil(report.exists, timeout=30000)
    verdict: list[str] = []

    def verify(dialog: QDialog) -> None:
        type_into_dialog(str(report))
        QtBot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.task is None and dialog.verdict.text() != "正在核验…", timeout=30000)  # type: ignore[attr-defined]
        verdict.append(dialog.verdict.text())  # type: ignore[attr-defined]
        dialog.reject()

    on_dialog(verify)
    shortcut(qtbot, window, "Ctrl+Shift+V")
    assert verdict == ["✓ 核验通过"]
