"""Where things live: bundled files (source tree, wheel, frozen app) and the user's folders.

This is the only module that does path arithmetic on `__file__`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "diagnosis"
_PACKAGE = Path(__file__).resolve().parent


def bundle_root() -> Path:
    """The folder holding `questionnaires/` and `resources/`.

    A frozen app (PyInstaller) unpacks them beside the executable's data; a wheel carries them
    inside the package as `_bundled/`; a source checkout has them at the top of the tree.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    if (_PACKAGE / "_bundled").is_dir():
        return _PACKAGE / "_bundled"
    return _PACKAGE.parent


def bundled_questionnaires() -> Path:
    return bundle_root() / "questionnaires"


def resources() -> Path:
    return bundle_root() / "resources"


def data_dir() -> Path:
    """The user data folder (DIAGNOSIS_HOME overrides it, e.g. for tests or a portable USB copy)."""
    override = os.environ.get("DIAGNOSIS_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_questionnaires() -> Path:
    return data_dir() / "questionnaires"


def trust_dir() -> Path:
    """The reviewer's trust list: certificates (or trust-list JSON files) of accepted signers."""
    return data_dir() / "trust"


def log_file() -> Path:
    """Where unexpected errors of the desktop app are written."""
    return data_dir() / "logs" / "diagnosis.log"


def where() -> dict[str, Path]:
    """Every place the app reads or writes, for `diagnosis paths` and Help → About."""
    return {
        "data": data_dir(),
        "database": default_db(),
        "questionnaires": user_questionnaires(),
        "bundled": bundled_questionnaires(),
        "trust": trust_dir(),
        "logs": log_file(),
        "cache": cache_dir(),
    }


def cache_dir() -> Path:
    override = os.environ.get("DIAGNOSIS_HOME")
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db() -> Path:
    """The assessments database: DIAGNOSIS_DB, else `diagnosis.db` in the user data folder."""
    override = os.environ.get("DIAGNOSIS_DB")
    return Path(override) if override else data_dir() / "diagnosis.db"


def intake_db() -> Path:
    """The claims intake's SQLite file when no database URL is given (DIAGNOSIS_INTAKE_DB overrides)."""
    return data_dir() / "intake.db"


def intake_migrations() -> Path:
    """The Alembic scripts of the claims intake, shipped inside the package."""
    return _PACKAGE / "intake" / "alembic"
