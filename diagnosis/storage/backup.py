"""Backing up the database and restoring it from a backup, safely.

A backup is written with SQLite's online backup API (consistent while the app works on) into a
temporary file beside the target, fsynced, then renamed. A file chosen for a restore is checked
before anything is touched: it must be an intact SQLite file holding our schema (not a newer
one) whose every row our records accept. The database as it was is first copied aside (with
the backup API again: a WAL database is more than its main file), and the restore itself goes
through the backup API into the live file, so other connections see it whole or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlite_utils import Database

from diagnosis.errors import DiagnosisError
from diagnosis.files import atomic_path, os_reason
from diagnosis.loading.load import load_bytes
from diagnosis.localtime import local
from diagnosis.messages import msg
from diagnosis.plan.model import Plan
from diagnosis.records import (
    AnswerRecord,
    AssessmentRecord,
    EnterpriseRecord,
    EvidenceRecord,
    HistoryRecord,
    PlanHistoryRecord,
)
from diagnosis.storage.db import BUSY_TIMEOUT, Clock, Store, utc_now
from diagnosis.storage.schema import migrations
from diagnosis.validation import reason

SQLITE_HEADER = b"SQLite format 3\x00"
# Each table our records describe, with the record that must accept every row of it.
RECORDS: dict[str, type[BaseModel]] = {
    "enterprises": EnterpriseRecord,
    "assessments": AssessmentRecord,
    "answers": AnswerRecord,
    "answer_history": HistoryRecord,
    "evidence": EvidenceRecord,
    "plan_history": PlanHistoryRecord,
}
BOOLEANS = {"review"}  # stored as 0/1, a bool in the record
Objects = dict[tuple[str, str], str | None]  # (type, name) → its SQL, whitespace folded
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own; its shape varies with the release
SQLITE_OWN = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}


class BackupError(DiagnosisError):
    """The chosen file cannot be restored (nothing was changed)."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds, for the question "replace the database with this?"."""

    path: Path
    assessments: int
    last_change: str | None  # UTC, as stored


def backup(store: Store, target: Path) -> None:
    """Write a consistent copy of the open database to `target` (atomically: a kill or a full
    disk leaves any earlier file at `target` as it was)."""
    if _same_file(target, store.path):
        raise BackupError(msg("backup.in_use_target", path=target))
    copy_database(store.db.conn, target)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """The database behind `source` as one self-contained file at `target`."""
    with atomic_path(target, "backup") as temporary:
        copy = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside it
        except sqlite3.Error as error:
            raise DiagnosisError(msg("backup.cannot_write", path=target, error=str(error))) from None
        finally:
            copy.close()


def check_backup(path: Path) -> BackupInfo:
    """Check a file before a restore; a BackupError says in one sentence why it cannot be used."""
    with _opened(path) as conn:
        return _info(path, conn)


def restore(target: Path, source: Path, clock: Clock = utc_now) -> Path | None:
    """Replace the database at `target` with the checked backup `source`; returns where the
    database as it was is kept (None: there was none). Close the store on `target` first and
    open it again afterwards (which migrates a backup made by an earlier version)."""
    if _same_file(source, target):
        raise BackupError(msg("backup.in_use_source", path=source))
    with _opened(source) as backup_conn:
        kept = _kept_path(target, clock)
        if not target.exists():
            copy_database(backup_conn, target)
            return None
        live = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            live.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:  # so damaged SQLite cannot read it: set its files aside
            live.close()
            _set_aside(target, kept)
            copy_database(backup_conn, target)
            return kept
        try:
            copy_database(live, kept)  # pages as they are, damaged ones included
            backup_conn.backup(live)
        except sqlite3.Error as error:
            raise DiagnosisError(msg("backup.cannot_restore", path=target, error=str(error))) from None
        finally:
            live.close()
    return kept


# -- checking a backup --------------------------------------------------------------------------


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a backup that passed every check."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(msg("backup.cannot_read", path=path, reason=os_reason(error))) from None
    if header != SQLITE_HEADER:
        raise BackupError(msg("backup.not_sqlite", path=path))
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        try:
            _check(path, conn)
        except sqlite3.DatabaseError as error:
            raise BackupError(msg("backup.damaged", path=path, error=str(error))) from None
        yield conn
    finally:
        conn.close()


def _check(path: Path, conn: sqlite3.Connection) -> None:
    found = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if found != ["ok"]:
        raise BackupError(msg("backup.damaged", path=path, error=str(found[0])))
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"_sqlite_migrations", "assessments"} <= tables:
        raise BackupError(msg("backup.not_ours", path=path))
    _check_schema(path, conn)
    for table, record in RECORDS.items():
        if table in tables:
            _check_rows(path, conn, table, record)
    _check_plans(path, conn, tables)
    _check_blobs(path, conn)
    _check_questionnaires(path, conn)


def _check_schema(path: Path, conn: sqlite3.Connection) -> None:
    known = [m.name for m in migrations._migrations]
    applied = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'diagnosis' ORDER BY rowid"
        )
    ]
    theirs = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if theirs > len(known) or any(name not in known for name in applied):
        raise BackupError(msg("backup.newer", path=path, theirs=max(theirs, len(applied)), ours=len(known)))
    _check_objects(path, conn, tuple(applied))


def _check_objects(path: Path, conn: sqlite3.Connection, applied: tuple[str, ...]) -> None:
    """Every table, index, trigger and view in the backup is one our migrations make, defined as
    they make it, and none of theirs is missing: a trigger smuggled into a backup would run on
    every later write (rewriting answers), and one taken out would unlock finalized assessments."""
    found, expected = _objects(conn), expected_objects(applied)
    problems = [
        ("backup.foreign_schema" if key not in expected else "backup.changed_schema", key)
        for key, sql in found.items()
        if key not in expected or sql != expected[key]
    ]
    problems += [("backup.missing_schema", key) for key in sorted(expected.keys() - found.keys())]
    if problems:
        code, (kind, name) = problems[0]
        what = msg(f"backup.kind.{kind}")
        raise BackupError(msg(code, path=path, kind=what, name=name, version=len(applied)))


def _objects(conn: sqlite3.Connection) -> Objects:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        (kind, name): " ".join(sql.split()) if sql else None
        for kind, name, table, sql in rows
        if not (name in SQLITE_OWN and kind == "table")
        and not (table == MIGRATIONS_TABLE and kind in ("table", "index"))
    }


@cache
def expected_objects(applied: tuple[str, ...]) -> Objects:
    """The schema our migrations make, applied in this order (as the backup records them)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        by_name = {m.name: m for m in migrations._migrations}
        for name in applied:
            by_name[name].fn(db)
        return _objects(conn)
    finally:
        conn.close()


def _check_rows(path: Path, conn: sqlite3.Connection, table: str, record: type[BaseModel]) -> None:
    cursor = conn.execute(f"SELECT rowid, * FROM [{table}]")  # our own table names
    names = [column[0] for column in cursor.description]
    for row in cursor:
        values = zip(names[1:], row[1:], strict=True)
        fields = {k: _field(k, v) for k, v in values if k in record.model_fields}
        try:
            record.model_validate(fields)
        except ValidationError as error:
            raise _bad_row(path, table, row[0], error) from None


def _field(name: str, value: Any) -> Any:
    return bool(value) if name in BOOLEANS and isinstance(value, int) else value


def _check_plans(path: Path, conn: sqlite3.Connection, tables: set[str]) -> None:
    if "plans" not in tables:
        return  # a backup from before plans (it is migrated once restored)
    for rowid, content in conn.execute("SELECT rowid, content FROM plans"):
        try:
            Plan.model_validate_json(content)
        except ValidationError as error:
            raise _bad_row(path, "plans", rowid, error) from None


def _check_blobs(path: Path, conn: sqlite3.Connection) -> None:
    for sha, content in conn.execute("SELECT sha256, content FROM blobs"):
        if not isinstance(content, bytes) or hashlib.sha256(content).hexdigest() != sha:
            raise BackupError(msg("backup.evidence_changed", path=path, sha=str(sha)[:12]))


def _check_questionnaires(path: Path, conn: sqlite3.Connection) -> None:
    for sha, qid, source in conn.execute("SELECT sha256, id, source FROM questionnaires"):
        try:
            loaded = load_bytes(msg("backup.in_backup", name=str(qid)), source)
        except (DiagnosisError, TypeError):
            loaded = None
        if loaded is None or loaded.sha256 != sha:
            raise BackupError(msg("backup.questionnaire_changed", path=path, id=str(qid)))


def _bad_row(path: Path, table: str, rowid: int, error: ValidationError) -> BackupError:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or msg("backup.row")
    return BackupError(
        msg(
            "backup.bad_row",
            path=path,
            table=table,
            rowid=rowid,
            where=where,
            problem=reason(first, as_pydantic=True),
        )
    )


def _info(path: Path, conn: sqlite3.Connection) -> BackupInfo:
    count, last = conn.execute("SELECT COUNT(*), MAX(updated_at) FROM assessments").fetchone()
    return BackupInfo(path, int(count), last)


# -- the database as it was -----------------------------------------------------------------------


def _kept_path(target: Path, clock: Clock) -> Path:
    """Beside the database, named for the local time: an earlier restore's copy stays."""
    moment = local(clock().isoformat())
    assert moment is not None
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    number = 1
    while kept.exists() or kept.with_name(kept.name + "-wal").exists():
        number += 1
        kept = target.with_name(f"{target.stem}.before-restore-{stamp}-{number}{target.suffix}")
    return kept


def _set_aside(target: Path, kept: Path) -> None:
    """Move a database SQLite cannot read (and its -wal and -shm) to `kept`, byte for byte."""
    for suffix in ("", "-wal", "-shm"):
        part = target.with_name(target.name + suffix)
        if part.exists():
            try:
                os.replace(part, kept.with_name(kept.name + suffix))
            except OSError as error:
                raise DiagnosisError(
                    msg("backup.cannot_set_aside", path=part, reason=os_reason(error))
                ) from None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False
