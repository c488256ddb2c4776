"""What every page shares: the store, the catalogue, the language, settings, the open session.

The store and the catalogue open on first use, so the first window paints before SQLite
libraries and questionnaire models are loaded (see `app.run`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from diagnosis import paths
from diagnosis.messages import render
from diagnosis.ui.texts import Texts

if TYPE_CHECKING:
    from diagnosis.loading.catalogue import Catalogue
    from diagnosis.session import Session
    from diagnosis.storage.db import Store


@dataclass
class Context:
    db_path: Path
    texts: Texts
    settings: QSettings
    session: Session | None = None
    new_assessment: dict[str, Any] = field(
        default_factory=dict
    )  # enterprise and mode, before a questionnaire
    _store: Store | None = field(default=None, repr=False)
    _catalogue: Catalogue | None = field(default=None, repr=False)

    def t(self, key: str, **values: object) -> str:
        return self.texts.t(key, **values)

    def say(self, line: str) -> str:
        """A sentence from the core (a catalogued message) in the UI's language."""
        return render(line, self.texts.lang)

    def say_all(self, lines: Iterable[str]) -> str:
        """Sentences from the core, one per line, in the UI's language."""
        return "\n".join(render(line, self.texts.lang) for line in lines)

    @property
    def store(self) -> Store:
        if self._store is None:
            from diagnosis.storage.db import open_store  # sqlite-utils: after the first paint

            self._store = open_store(self.db_path)
        return self._store

    def close_store(self) -> None:
        """Close the database (before a restore replaces it); the next use opens it again."""
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from diagnosis.loading.catalogue import default_catalogue  # pydantic models, likewise

            self._catalogue = default_catalogue()
        return self._catalogue

    @property
    def rating(self) -> bool:
        """Criteria that share an answer set are asked as one rating page (off: one per page)."""
        return str(self.settings.value("rating_pages", "true")) != "false"


def app_settings() -> QSettings:
    """Settings in an ini file in the user data folder (provider, assessor, language, folders)."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
