"""Opening the database: durable settings, migrations, and errors told as sentences."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg
from diagnosis.storage.schema import migrations

Clock = Callable[[], dt.datetime]
DEFAULT_EVIDENCE_LIMIT = 50 * 1024 * 1024
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another one (the GUI and a script at once)


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
    newer: str | None = field(default=None, repr=False)  # why this app may not write here
    _closed: bool = field(default=False, repr=False)

    def now(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    @contextlib.contextmanager
    def write(self, what: str) -> Iterator[Database]:
        """One durable transaction; SQLite failures become a StorageError naming `what`.

        The transaction starts IMMEDIATE: it takes the write lock before its first read, so a
        second writer (the GUI and the CLI at once) waits for the busy timeout instead of
        failing at once, as a deferred transaction that reads before it writes does in WAL mode.
        Nested calls become savepoints of the outer transaction.
        """
        if self.newer:
            raise StorageError(msg("storage.cannot", what=what, why=self.newer))
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as error:
            if "finalized" in str(error):
                raise StorageError(msg("storage.finalized", what=what)) from None
            raise StorageError(msg("storage.cannot", what=what, why=str(error))) from None
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StorageError(msg("storage.cannot", what=what, why=explain(error, self.path))) from None

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
    """Open (creating if needed) and migrate the database at `path`.

    A database written by a newer version of the app opens read-only: `Store.write` refuses
    with a sentence naming both versions rather than writing into a schema it does not know.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: every write transaction is begun explicitly (IMMEDIATE) by Store.write.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None)
        # No sqlite-utils plugins: none is ours, and finding them scans every installed
        # package's metadata (a tenth of a second before the start list could show).
        db = Database(conn, execute_plugins=False)
        # WAL keeps readers and the writer apart; FULL makes every commit survive a power cut.
        _wal(conn)
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        newer = _migrate(db)
    except (sqlite3.Error, OSError) as error:
        raise StorageError(msg("storage.cannot_open", path=str(path), why=explain(error, path))) from None
    return Store(db, path, user, clock, evidence_limit, newer=newer)


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. On a brand-new file another process may be doing the same: SQLite then
    answers "locked" at once, without waiting for the busy timeout, so wait here instead."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _migrate(db: Database) -> str | None:
    """Apply pending migrations under the write lock, so two processes creating the same new
    database do not both create its tables. Returns why writing is refused, if it is."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = [m.name for m in migrations._migrations]
        applied = [m.name for m in migrations.applied(db)]
        ours = len(known)
        theirs = int(conn.execute("PRAGMA user_version").fetchone()[0])
        unknown = [name for name in applied if name not in known]
        if unknown or theirs > ours:
            conn.execute("ROLLBACK")
            return msg("storage.newer", theirs=max(theirs, len(applied)), ours=ours)
        migrations.apply(db)
        conn.execute(f"PRAGMA user_version = {ours}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return None


def explain(error: Exception, path: Path) -> str:
    """A database error as the sentence a person can act on."""
    text = str(error)
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return msg("storage.read_only", path=str(path))
    if "disk is full" in text or "disk I/O" in text:
        return msg("storage.disk_full")
    if "locked" in text or "busy" in text:
        return msg("storage.busy")
    if "unable to open" in text:
        return msg("storage.folder_not_writable", folder=str(path.parent))
    if "not a database" in text or "malformed" in text:
        return msg("storage.damaged", path=str(path))
    return msg("storage.sqlite", error=text)
