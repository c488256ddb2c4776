"""What the signing commands do (their arguments are defined in `signing`)."""

from __future__ import annotations

import argparse
import getpass
import io
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from diagnosis.errors import DiagnosisError
from diagnosis.files import os_reason, output_kind, write_atomic
from diagnosis.messages import Lang, lang_from_env, msg, render
from diagnosis.report.pdf import PAYLOAD_NAME
from diagnosis.signing.identity import SignerIdentity, described, identity_of, spaced
from diagnosis.signing.keys import load_key, new_keys, open_key
from diagnosis.signing.result import who
from diagnosis.signing.trust import read_certificates, trust_certificate

PASSWORD_VARIABLE = "DIAGNOSIS_KEY_PASSWORD"
KEY_SUFFIXES = (".p12", ".pfx")


def run_keys_new(args: argparse.Namespace) -> int:
    password = key_password(args.output, confirm=True)
    made = new_keys(args.provider, args.uscc, args.output, password, "rsa" if args.rsa else "ecdsa")
    lang = args.message_lang
    print(render(msg("cli.key_made", path=str(made.key_file)), lang))
    print(render(msg("cli.certificate_made", path=str(made.certificate_file)), lang))
    print(render(msg("cli.fingerprint", value=spaced(made.identity.fingerprint)), lang))
    if args.trust:
        _trust(made.certificate_file, None, args.message_lang)
    return 0


def run_keys_trust(args: argparse.Namespace) -> int:
    _trust(args.file, args.to, args.message_lang)
    return 0


def _trust(certificate: Path, folder: Path | None, lang: Lang) -> None:
    from diagnosis import paths

    added = trust_certificate(certificate, folder)
    line = (
        msg("trust.added", path=str(added))
        if added is not None
        else msg("trust.already", folder=str(folder or paths.trust_dir()))
    )
    print(render(line, lang))


def run_keys_show(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix.lower() in KEY_SUFFIXES:
        identities = [open_key(path, key_password(path)).identity]
    else:
        identities = [identity_of(cert) for cert in read_certificates(path)]
    now = datetime.now(UTC)
    for number, identity in enumerate(identities):
        if number:
            print()
        _show(identity, now, args.message_lang)
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from diagnosis.report.signed import sign_existing  # pyHanko loads only to sign
    from diagnosis.signing.pdf import count_signatures

    raw = _read(args.pdf)
    _require_report(args.pdf, raw)
    signatures = count_signatures(raw)
    if signatures:
        raise DiagnosisError(msg("cli.already_signed", path=args.pdf))
    key = load_key(args.key, key_password(args.key))
    target: Path = args.output or args.pdf
    write_atomic(target, sign_existing(raw, key), "signed report")
    print(
        render(msg("signing.signed_file", file=str(target), signer=who(key.identity)), args.message_lang),
        file=sys.stderr if output_kind(target) == "stdout" else sys.stdout,
    )
    return 0


def key_password(path: Path, confirm: bool = False) -> str:
    """The key password: DIAGNOSIS_KEY_PASSWORD, else asked for in the terminal (never an argument)."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        return password
    if sys.stdin is None or not sys.stdin.isatty():  # no console at all in a windowed app
        raise DiagnosisError(msg("cli.no_password", path=path, variable=PASSWORD_VARIABLE))
    lang = lang_from_env()
    password = getpass.getpass(msg("cli.password_prompt", path=path).text(lang))
    if confirm and getpass.getpass(msg("cli.password_again").text(lang)) != password:
        raise DiagnosisError(msg("cli.passwords_differ"))
    return password


def _show(identity: SignerIdentity, now: datetime, lang: Lang) -> None:
    print("\n".join(render(line, lang) for line in described(identity, now)))


def _require_report(path: Path, raw: bytes) -> None:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # our sentence says what is wrong
    try:
        attachments = PdfReader(io.BytesIO(raw)).attachments
        is_report = PAYLOAD_NAME in attachments
    except Exception:  # pypdf raises many kinds on a file that is not a PDF
        raise DiagnosisError(msg("cli.not_readable_pdf", path=path)) from None
    if not is_report:
        raise DiagnosisError(msg("cli.not_our_report", path=path, payload=PAYLOAD_NAME))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DiagnosisError(msg("cli.no_file", path=path)) from None
    except OSError as error:
        raise DiagnosisError(msg("cli.cannot_read", path=path, reason=os_reason(error))) from None
