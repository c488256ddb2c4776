"""Opening the database: durable settings, migrations, and errors told as sentences."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from diagnosis.errors import DiagnosisError
from diagnosis.storage.schema import migrations

Clock = Callable[[], dt.datetime]
DEFAULT_EVIDENCE_LIMIT = 50 * 1024 * 1024


class StorageError(DiagnosisError):
    """The database cannot be read or written (read-only folder, full disk, locked file …)."""


def inserted(result: Any) -> int:
    """The primary key of the row an `insert` just wrote."""
    pk = result.last_pk
    assert pk is not None
    return int(pk)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Store:
    """An open database plus who is working and what time it is (both passed in, for tests)."""

    db: Database
    path: Path
    user: str | None = None
    clock: Clock = utc_now
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT
    loaded: dict[str, Any] = field(default_factory=dict, repr=False)  # questionnaires by sha256
    _closed: bool = field(default=False, repr=False)

    def now(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    @contextlib.contextmanager
    def write(self, what: str) -> Iterator[Database]:
        """One durable transaction; SQLite failures become a StorageError naming `what`."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.IntegrityError as error:
            if "finalized" in str(error):
                raise StorageError(
                    f"cannot {what}: the assessment is finalized; reopen it as a new revision"
                ) from None
            raise StorageError(f"cannot {what}: {error}") from None
        except sqlite3.OperationalError as error:
            raise StorageError(f"cannot {what}: {_explain(error, self.path)}") from None

    def close(self) -> None:
        if not self._closed:
            self.db.close()
            self._closed = True


def open_store(
    path: Path,
    *,
    user: str | None = None,
    clock: Clock = utc_now,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> Store:
    """Open (creating if needed) and migrate the database at `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=10)
        db = Database(conn)
        # WAL keeps readers and the writer apart; FULL makes every commit survive a power cut.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
    except (sqlite3.Error, OSError) as error:
        raise StorageError(f"cannot open the database {path}: {_explain(error, path)}") from None
    return Store(db, path, user, clock, evidence_limit)


def _explain(error: Exception, path: Path) -> str:
    text = str(error)
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return f"the database file or its folder is read-only ({path})"
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full or failing; free some space and try again (nothing was saved)"
    if "locked" in text or "busy" in text:
        return "the database is in use by another program; close it and try again"
    if "unable to open" in text:
        return f"the folder {path.parent} cannot be written"
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a diagnosis database or is damaged; restore a backup"
    return text
