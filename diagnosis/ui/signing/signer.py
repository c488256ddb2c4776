"""Signing exports with the provider's key, as set in Settings: the key file and whether to sign,
the trust list for verifying. The password is asked when signing, unless the person had it
remembered in the operating system's keyring (never in the app's own files).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QVBoxLayout, QWidget

from diagnosis import paths
from diagnosis.errors import DiagnosisError
from diagnosis.files import named, os_reason
from diagnosis.messages import msg
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label, make_default, ok_cancel

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
        return TrustList(msg("trust.folder", path=str(path)))  # the default folder, not made yet: empty
    return load_trust(path)


def signing_key(parent: QWidget, ctx: Context) -> ProviderKey | None:
    """The key to sign an export with: None when exports are not signed. Uses the password the
    keyring remembers, else asks for it (offering to remember it); a wrong one raises a
    DiagnosisError with one sentence, closing the dialog raises Cancelled."""
    path = key_path(ctx)
    if not signs(ctx) or path is None:
        return None
    from diagnosis.signing import remembered
    from diagnosis.signing.keys import load_key  # cryptography loads only to sign

    kept = remembered.recall(path)
    if kept is not None:
        try:
            return load_key(path, kept)
        except DiagnosisError:
            remembered.forget(path)  # the key file or its password changed: ask again
    # A wrong password is said in the dialog, which asks again: the export's choices (the file,
    # the language) stay as they were.
    dialog = PasswordDialog(ctx, path, parent, offer_keep=remembered.available(), opens=load_key)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
        raise Cancelled
    if dialog.keep is not None and dialog.keep.isChecked():
        remembered.remember(path, dialog.password.text())
    return dialog.key


def ask_password(parent: QWidget, ctx: Context, path: Path) -> str | None:
    dialog = PasswordDialog(ctx, path, parent)
    return dialog.password.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PasswordDialog(QDialog):
    """The key's password; with `offer_keep`, a box to remember it in the system keyring. With
    `opens`, OK opens the key with it (`key` after exec) and a refusal is said here, asking again."""

    def __init__(
        self,
        ctx: Context,
        path: Path,
        parent: QWidget | None = None,
        offer_keep: bool = False,
        opens: Callable[[Path, str], ProviderKey] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.path, self.opens = ctx, path, opens
        self.key: ProviderKey | None = None
        self.setWindowTitle(ctx.t("sign.password.title"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        label = buddy_label(ctx.t("sign.password", path=str(path)), self.password)
        label.setWordWrap(True)
        buttons = ok_cancel(self, self._ok)
        self.problem = PlainLabel(wrap=True, name="fieldError")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        self.keep = QCheckBox(ctx.t("sign.keep")) if offer_keep else None
        if self.keep is not None:
            layout.addWidget(self.keep)
        layout.addWidget(buttons)
        make_default(buttons)
        self.setMinimumWidth(480)  # the key's path on as few lines as it can
        self.password.setFocus()

    def _ok(self) -> None:
        if self.opens is None:
            self.accept()
            return
        try:
            self.key = self.opens(self.path, self.password.text())
        except DiagnosisError as error:
            self.problem.setText(self.ctx.say(error.lines[0]))
            self.problem.show()
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


def sentence(error: Exception) -> str:
    """A domain error or a file error as the one line a person reads."""
    if isinstance(error, DiagnosisError):
        return error.lines[0]
    if isinstance(error, OSError):
        return (
            msg("files.cannot_read", path=error.filename, what=named("file"), reason=os_reason(error))
            if error.filename
            else os_reason(error)
        )
    return str(error)
