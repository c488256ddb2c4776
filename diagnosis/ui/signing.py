"""Signing exports with the provider's key, as set in Settings: the key file and whether to sign,
the trust list for verifying. The password is asked each time (never stored): the OS keyring is
not used, as no keyring library ships with the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from diagnosis import paths
from diagnosis.errors import DiagnosisError
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import buddy_label, make_default, ok_cancel

if TYPE_CHECKING:
    from diagnosis.signing.keys import ProviderKey
    from diagnosis.signing.trust import TrustList

KEY, TRUST, SIGN = "signing/key", "signing/trust", "signing/sign_exports"


class Cancelled(Exception):
    """The person closed the password dialog: nothing is exported."""


def key_path(ctx: Context) -> Path | None:
    value = str(ctx.settings.value(KEY, "") or "")
    return Path(value) if value else None


def signs(ctx: Context) -> bool:
    """Exports are signed: the setting is on and a key file is set."""
    return str(ctx.settings.value(SIGN, "false")) == "true" and key_path(ctx) is not None


def trust_path(ctx: Context) -> Path:
    """The trust list: the one set in Settings, else the user data folder's."""
    value = str(ctx.settings.value(TRUST, "") or "")
    return Path(value) if value else paths.trust_dir()


def trust_list(ctx: Context) -> TrustList:
    """Raises a DiagnosisError with a sentence when the trust list cannot be read."""
    from diagnosis.signing.trust import TrustList, load_trust

    path = trust_path(ctx)
    if not str(ctx.settings.value(TRUST, "") or "") and not path.is_dir():
        return TrustList(f"the trust list in {path}")  # the default folder, not made yet: empty
    return load_trust(path)


def signing_key(parent: QWidget, ctx: Context) -> ProviderKey | None:
    """The key to sign an export with: None when exports are not signed. Asks for the password;
    a wrong one raises a DiagnosisError with one sentence, closing the dialog raises Cancelled."""
    path = key_path(ctx)
    if not signs(ctx) or path is None:
        return None
    password = ask_password(parent, ctx, path)
    if password is None:
        raise Cancelled
    from diagnosis.signing.keys import load_key  # cryptography loads only to sign

    return load_key(path, password)


def ask_password(parent: QWidget, ctx: Context, path: Path) -> str | None:
    dialog = PasswordDialog(ctx, path, parent)
    return dialog.password.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PasswordDialog(QDialog):
    def __init__(self, ctx: Context, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ctx.t("sign.password.title"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        label = buddy_label(ctx.t("sign.password", path=str(path)), self.password)
        label.setWordWrap(True)
        buttons = ok_cancel(self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(buttons)
        make_default(buttons)
        self.password.setFocus()


def sentence(error: Exception) -> str:
    """A domain error or a file error as the one line a person reads."""
    if isinstance(error, DiagnosisError):
        return error.lines[0]
    if isinstance(error, OSError):
        return f"{error.filename}: {error.strerror}" if error.filename else str(error.strerror or error)
    return str(error)
