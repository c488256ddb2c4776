"""Settings → Signing and trust: the provider's key (.p12/.pfx), the trust list (a folder or a
file; the user data folder's by default) and whether exports are signed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis import paths
from diagnosis.ui.context import Context
from diagnosis.ui.signing.signer import KEY, SIGN, TRUST
from diagnosis.ui.widgets import PlainLabel, buddy_label, confirm, make_default, ok_cancel, row_of


class SettingsDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setWindowTitle(t("set.title"))
        self.key, self.trust = QLineEdit(), QLineEdit()
        self.key.setText(str(ctx.settings.value(KEY, "") or ""))
        self.key.setPlaceholderText(t("set.key.none"))
        self.trust.setText(str(ctx.settings.value(TRUST, "") or ""))
        self.trust.setPlaceholderText(str(paths.trust_dir()))
        self.sign = QCheckBox(t("set.sign"))
        self.sign.setChecked(str(ctx.settings.value(SIGN, "false")) == "true")
        self.status = PlainLabel(wrap=True, name="fieldError")
        self.note = PlainLabel(wrap=True)  # what a step did (a certificate trusted)
        pick_key, new_key, show = (
            QPushButton(t("set.choose_key")),
            QPushButton(t("key.new")),
            QPushButton(t("key.show")),
        )
        self.forget = QPushButton(t("set.forget"))
        self.forget.setEnabled(_remembered(self.key.text().strip()))
        self.forget.clicked.connect(self._forget_password)
        pick_key.clicked.connect(self._choose_key)
        new_key.clicked.connect(self._new_key)
        show.clicked.connect(self._show_key)
        pick_folder, pick_file = QPushButton(t("set.choose_folder")), QPushButton(t("set.choose_file"))
        pick_folder.clicked.connect(self._choose_trust_folder)
        pick_file.clicked.connect(self._choose_trust_file)
        form = QFormLayout()
        form.addRow(buddy_label(t("set.key"), self.key), row_of(self.key, pick_key, new_key, show))
        form.addRow(buddy_label(t("set.trust"), self.trust), row_of(self.trust, pick_folder, pick_file))
        form.addRow("", row_of(self.sign, self.forget))
        hint = PlainLabel(t("set.hint", folder=str(paths.trust_dir())), wrap=True, name="hint")
        buttons = ok_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for button in (pick_key, new_key, show, pick_folder, pick_file, self.forget):
            button.setAutoDefault(False)  # Enter keeps the settings, it does not browse
        make_default(buttons)
        for field in (self.key, self.trust):  # a problem said goes once it is put right
            field.textChanged.connect(self._recheck)
        self.sign.toggled.connect(self._recheck)
        self.resize(860, self.sizeHint().height())
        self.key.setFocus()

    def _choose_key(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("set.key"), "", "*.p12 *.pfx")
        if chosen:
            self.key.setText(chosen)

    def _new_key(self) -> None:
        from diagnosis.ui.signing.keys import NewKeyDialog

        dialog = NewKeyDialog(self.ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.made is None:
            return
        self.key.setText(str(dialog.made))
        if confirm(self, self.ctx.t("key.new.title"), self.ctx.t("key.set_up"), danger=False):
            self._trust_own(dialog.made.with_suffix(".pem"))

    def _trust_own(self, certificate: Path) -> None:
        """The provider's own certificate into the trust list, and exports signed from now on."""
        from diagnosis.errors import DiagnosisError
        from diagnosis.messages import msg
        from diagnosis.signing.trust import trust_certificate

        folder = Path(self.trust.text().strip()) if self.trust.text().strip() else paths.trust_dir()
        try:
            added = trust_certificate(certificate, folder)
        except DiagnosisError as error:
            self.status.setText(self.ctx.say(error.lines[0]))
            return
        self.sign.setChecked(True)
        done = msg("trust.added", path=str(added)) if added else msg("trust.already", folder=str(folder))
        self.note.setText(self.ctx.say(done))

    def _show_key(self) -> None:
        from diagnosis.ui.signing.keys import show_key

        if self.key.text().strip():
            show_key(self, self.ctx, Path(self.key.text().strip()))

    def _forget_password(self) -> None:
        from diagnosis.signing import remembered

        remembered.forget(Path(self.key.text().strip()))
        self.forget.setEnabled(False)
        self.status.setText(self.ctx.t("set.forgotten"))

    def _choose_trust_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.ctx.t("set.trust"))
        if chosen:
            self.trust.setText(chosen)

    def _choose_trust_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.ctx.t("set.trust"), "", "*.pem *.crt *.cer *.json")
        if chosen:
            self.trust.setText(chosen)

    def problem(self) -> str | None:
        """Why these settings cannot be kept, in one sentence (None: they can)."""
        t = self.ctx.t
        key = self.key.text().strip()
        if key and (not Path(key).is_file() or Path(key).suffix.lower() not in (".p12", ".pfx")):
            return t("set.bad_key", path=key)
        if self.sign.isChecked() and not key:
            return t("set.no_key")
        trust = self.trust.text().strip()
        if trust and not Path(trust).exists():
            return t("set.bad_trust", path=trust)
        return None

    def _recheck(self) -> None:
        if self.status.text():
            self.status.setText(self.problem() or "")

    def save(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.status.setText(problem)
            return
        key = self.key.text().strip()
        if key and key != str(self.ctx.settings.value(KEY, "") or ""):
            _provider_from(self.ctx, Path(key))
        self.ctx.settings.setValue(KEY, key)
        self.ctx.settings.setValue(TRUST, self.trust.text().strip())
        self.ctx.settings.setValue(SIGN, "true" if self.sign.isChecked() else "false")
        self.accept()


def _provider_from(ctx: Context, key: Path) -> None:
    """New assessments name the provider as the chosen key's certificate does (the .pem beside
    the key file: no password needed); without one, the provider stays as typed before."""
    from diagnosis.errors import DiagnosisError
    from diagnosis.signing.identity import identity_of
    from diagnosis.signing.trust import read_certificates

    certificate = key.with_suffix(".pem")
    try:
        identity = identity_of(read_certificates(certificate)[0]) if certificate.is_file() else None
    except DiagnosisError:
        identity = None
    if identity is not None:
        ctx.settings.setValue("provider", identity.display_name)
        ctx.settings.setValue("provider_uscc", identity.uscc or "")


def _remembered(key: str) -> bool:
    """Whether the system keyring holds a password for this key file."""
    if not key:
        return False
    from diagnosis.signing import remembered

    return remembered.recall(Path(key)) is not None
