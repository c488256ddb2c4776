"""Which intake database the window opens: the SQLite file in the user data folder (the default),
another SQLite file, or a PostgreSQL server. The settings keep the address without its password;
a password the clerk asks to remember is kept by the operating system's keyring (Windows
Credential Manager, the macOS Keychain, a Linux desktop's Secret Service), never in our files."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis import paths
from diagnosis.errors import DiagnosisError
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label, make_default, ok_cancel, row_of

DATABASE = "intake/database"  # settings: "" (the default), a SQLite file, or a URL without password
SERVICE = "diagnosis: intake database"


def is_server(address: str | None) -> bool:
    return bool(address) and "://" in str(address)


def _url(address: str) -> Any:
    from sqlalchemy.engine import make_url

    return make_url(address)


def account(address: str) -> str:
    """The server's address as the keyring files its password: the URL without the password."""
    # URL.set() reads password=None as "leave it": the named tuple's own replace drops it
    return str(_url(address)._replace(password=None).render_as_string(hide_password=False))


def with_password(address: str, password: str | None) -> str:
    """The URL to connect with (never shown, never stored)."""
    if not password:
        return address
    return str(_url(address).set(password=password).render_as_string(hide_password=False))


def _keyring() -> Any | None:
    from diagnosis.signing import remembered

    if not remembered.available():
        return None
    import keyring

    return keyring


def recall(address: str) -> str | None:
    """The password kept for this server, if any (a refusing keyring keeps none)."""
    keyring = _keyring()
    try:
        found = keyring.get_password(SERVICE, account(address)) if keyring else None
    except Exception:  # a locked keyring, or a URL half typed: the clerk types the password
        return None
    return found if isinstance(found, str) else None


def remember(address: str, password: str) -> bool:
    keyring = _keyring()
    try:
        if keyring is not None:
            keyring.set_password(SERVICE, account(address), password)
            return True
    except Exception:
        pass
    return False


def forget(address: str) -> None:
    keyring = _keyring()
    try:
        if keyring is not None:
            keyring.delete_password(SERVICE, account(address))
    except Exception:  # nothing was kept: nothing to forget
        return


class Choice(NamedTuple):
    address: str  # "" for the default SQLite file; a server's URL has no password
    password: str | None  # typed now (None: the kept one, or none)


def split(address: str) -> Choice:
    """A URL typed with its password in it is kept without it; the password is used this time."""
    if not is_server(address):
        return Choice(address, None)
    url = _url(address)
    return Choice(account(address), url.password) if url.password else Choice(address, None)


class DatabaseDialog(QDialog):
    """Choose the database; `problem` says why the last one could not be opened."""

    def __init__(self, ctx: Context, current: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setWindowTitle(t("ik.db.title"))
        self.sqlite, self.server = QRadioButton(t("ik.db.sqlite")), QRadioButton(t("ik.db.postgres"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.sqlite)
        kinds.addButton(self.server)
        self.path, self.url, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.path.setPlaceholderText(str(paths.intake_db()))
        self.url.setPlaceholderText("postgresql://clerk@db-server/intake")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(t("ik.db.keep"))
        self.keep.setEnabled(_keyring() is not None)
        self.forget = QPushButton(t("ik.db.forget"))
        self.forget.clicked.connect(self._forget)
        self.kept = PlainLabel(wrap=True, name="hint")
        self.problem = PlainLabel(problem, wrap=True, name="fieldError")
        choose = QPushButton(t("ik.db.choose"))
        choose.clicked.connect(self._choose)
        for button in (choose, self.forget):
            button.setAutoDefault(False)
        (self.server if is_server(current) else self.sqlite).setChecked(True)
        (self.url if is_server(current) else self.path).setText(current)
        form = QFormLayout()
        form.addRow(self.sqlite)
        form.addRow(buddy_label(t("ik.db.path"), self.path), row_of(self.path, choose))
        form.addRow(self.server)
        form.addRow(buddy_label(t("ik.db.url"), self.url), self.url)
        form.addRow(buddy_label(t("ik.db.password"), self.password), self.password)
        form.addRow("", row_of(self.keep, self.forget))
        buttons = ok_cancel(self, self._ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.kept)
        layout.addWidget(PlainLabel(t("ik.db.hint"), wrap=True, name="hint"))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        make_default(buttons)
        self.url.textChanged.connect(lambda _: self._say_kept())
        self.path.textEdited.connect(lambda _: self.sqlite.setChecked(True))
        self.url.textEdited.connect(lambda _: self.server.setChecked(True))
        self.password.textEdited.connect(lambda _: self.server.setChecked(True))
        self._say_kept()
        self.setMinimumWidth(640)
        (self.url if is_server(current) else self.path).setFocus()
        self.choice: Choice | None = None
        self.keep_password = False

    def _say_kept(self) -> None:
        address = self.url.text().strip()
        kept = is_server(address) and recall(address) is not None
        self.forget.setEnabled(kept)
        self.kept.setText(
            self.ctx.t("ik.db.kept")
            if kept
            else ("" if self.keep.isEnabled() else self.ctx.t("ik.db.no_keyring"))
        )

    def _forget(self) -> None:
        forget(self.url.text().strip())
        self._say_kept()

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.ctx.t("ik.db.title"),
            self.path.text() or str(paths.intake_db()),
            "*.db",
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing database is opened, not replaced
        )
        if chosen:
            self.path.setText(chosen)

    def _ok(self) -> None:
        if self.sqlite.isChecked():
            self.choice = Choice(self.path.text().strip(), None)
            self.accept()
            return
        typed = self.url.text().strip()
        try:
            from diagnosis.intake.db import database_url

            if not is_server(typed) or database_url(typed).get_backend_name() != "postgresql":
                raise DiagnosisError(self.ctx.t("ik.db.bad_url"))
            choice = split(typed)
        except DiagnosisError as error:
            self.problem.setText(self.ctx.say(error.lines[0]))
            self.url.setFocus()
            return
        self.choice = Choice(choice.address, self.password.text() or choice.password)
        self.keep_password = self.keep.isChecked() and bool(self.choice.password)
        self.accept()
