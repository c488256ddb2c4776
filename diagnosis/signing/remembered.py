"""Key passwords kept in the operating system's keyring (Windows Credential Manager, the macOS
Keychain, the Secret Service of a Linux desktop) when the person asks for it, so a day of signing
on site does not mean typing it for every export. Where no keyring works (a server, a bare Linux
session), nothing is kept: the password is asked each time, and nothing here raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SERVICE = "diagnosis: provider signing key"


def _keyring() -> Any | None:
    """The keyring module when a real backend answers (the library's own fallback only fails)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration is "no keyring", not a crash
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def available() -> bool:
    """Whether a password can be remembered on this machine."""
    return _keyring() is not None


def _account(key_file: Path) -> str:
    return str(key_file.expanduser().resolve())


def recall(key_file: Path) -> str | None:
    """The password remembered for this key file, if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        found = keyring.get_password(SERVICE, _account(key_file))
    except Exception:  # a locked or refusing keyring: ask the person instead
        return None
    return found if isinstance(found, str) else None


def remember(key_file: Path, password: str) -> bool:
    """Keep the password for this key file; False when the keyring refused it."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, _account(key_file), password)
    except Exception:
        return False
    return True


def forget(key_file: Path) -> None:
    """Drop the password remembered for this key file (nothing to drop is fine)."""
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(SERVICE, _account(key_file))
    except Exception:  # PasswordDeleteError when none was kept; a refusing keyring likewise
        return
