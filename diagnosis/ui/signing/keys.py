"""A provider's keys from Settings, as `diagnosis keys new` and `keys show` do: make a key with a
self-signed certificate (for providers without a CA certificate), and show whose a key is."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.errors import DiagnosisError
from diagnosis.ui.context import Context
from diagnosis.ui.signing.signer import ask_password
from diagnosis.ui.widgets import PlainLabel, buddy_label, inform, row_of


def show_key(parent: QWidget, ctx: Context, path: Path) -> None:
    """Subject, validity and fingerprint of a key file (its password asked) or a certificate."""
    from diagnosis.signing.identity import described, identity_of
    from diagnosis.signing.keys import open_key
    from diagnosis.signing.trust import read_certificates

    try:
        if path.suffix.lower() in (".p12", ".pfx"):
            password = ask_password(parent, ctx, path)
            if password is None:
                return
            identities = [open_key(path, password).identity]
        else:
            identities = [identity_of(cert) for cert in read_certificates(path)]
    except DiagnosisError as error:
        inform(parent, ctx.t("key.show"), ctx.say(error.lines[0]), error=True)
        return
    now = datetime.now(UTC)
    text = "\n\n".join("\n".join(described(identity, now)) for identity in identities)
    inform(parent, ctx.t("key.show"), text)


class NewKeyDialog(QDialog):
    """`made` after exec: the key file written (its certificate is beside it, .pem)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.made: Path | None = None
        t = ctx.t
        self.setWindowTitle(t("key.new.title"))
        self.provider = QLineEdit(str(ctx.settings.value("provider", "") or ""))
        self.uscc = QLineEdit(str(ctx.settings.value("provider_uscc", "") or ""))
        self.password, self.again = QLineEdit(), QLineEdit()
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        folder = Path(str(ctx.settings.value("export_folder", str(Path.home()))))
        self.file = QLineEdit(str(folder / "provider.p12"))
        choose = QPushButton(t("set.choose_key"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        form = QFormLayout()
        for key, widget in (
            ("key.provider", self.provider),
            ("key.uscc", self.uscc),
            ("key.password", self.password),
            ("key.again", self.again),
        ):
            form.addRow(buddy_label(t(key), widget), widget)
        form.addRow(buddy_label(t("key.file"), self.file), row_of(self.file, choose))
        self.status = PlainLabel(wrap=True, name="fieldError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        make = QPushButton(t("key.make"))
        make.clicked.connect(self.make)
        buttons.addButton(make, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(PlainLabel(t("key.hint"), wrap=True, name="hint"))
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        make.setDefault(True)
        self.resize(640, self.sizeHint().height())
        self.provider.setFocus()

    def _choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(self, self.ctx.t("key.file"), self.file.text(), "*.p12")
        if chosen:
            self.file.setText(chosen)

    def make(self) -> None:
        from diagnosis.signing.identity import spaced
        from diagnosis.signing.keys import new_keys

        t = self.ctx.t
        if self.password.text() != self.again.text():
            self.status.setText(t("key.differ"))
            return
        try:
            made = new_keys(
                self.provider.text(),
                self.uscc.text().strip() or None,
                Path(self.file.text().strip()),
                self.password.text(),
            )
        except DiagnosisError as error:
            self.status.setText(self.ctx.say(error.lines[0]))
            return
        self.made = made.key_file
        # New assessments name the provider as its key does.
        self.ctx.settings.setValue("provider", made.identity.display_name)
        self.ctx.settings.setValue("provider_uscc", made.identity.uscc or "")
        done = t(
            "key.made",
            file=str(made.key_file),
            certificate=str(made.certificate_file),
            fingerprint=spaced(made.identity.fingerprint),
        )
        inform(self, t("key.new.title"), done)
        self.accept()
