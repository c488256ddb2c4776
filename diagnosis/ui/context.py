"""What every page shares: the store, the catalogue, the language, settings, the open session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings

from diagnosis import paths
from diagnosis.loading.catalogue import Catalogue
from diagnosis.session import Session
from diagnosis.storage.db import Store
from diagnosis.ui.texts import Texts


@dataclass
class Context:
    store: Store
    catalogue: Catalogue
    texts: Texts
    settings: QSettings
    session: Session | None = None
    new_assessment: dict[str, Any] = field(
        default_factory=dict
    )  # enterprise and mode, before a questionnaire

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)


def app_settings() -> QSettings:
    """Settings in an ini file in the user data folder (provider, assessor, language, folders)."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
