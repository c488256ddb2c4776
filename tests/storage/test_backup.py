"""Backup and restore: the copy is consistent and self-contained, a restore keeps the database as
it was beside it, a damaged database can still be replaced, an older backup is migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import answers_of, new_assessment
from diagnosis.storage.backup import backup, check_backup, restore
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.schema import migrations

from .conftest import FakeClock


def test_restore_brings_the_backup_back_and_keeps_what_was_there(
    store: Store, mini: Loaded, enterprise: int, tmp_path: Path
) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "sector", "food")
    copy = tmp_path / "备份" / "backup.db"
    copy.parent.mkdir()
    backup(store, copy)
    assert not (copy.parent / "backup.db-wal").exists()  # one self-contained file
    assert [p.name for p in copy.parent.iterdir()] == ["backup.db"]  # no temporary left
    set_answer(store, a, "sector", "machinery")
    info = check_backup(copy)
    assert info.assessments == 1 and info.last_change is not None
    path = store.path
    store.close()
    kept = restore(path, copy, FakeClock())
    assert kept is not None and kept.name == "diagnosis.before-restore-20260301-170100.db"
    again = open_store(path)
    assert answers_of(again, a)[0] == {"sector": "food"}
    set_answer(again, a, "sector", "food")  # writable as ever
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    before = open_store(kept)
    assert answers_of(before, a)[0] == {"sector": "machinery"}
    again.close()
    before.close()


def test_a_database_sqlite_cannot_open_is_set_aside_as_it_was(
    store: Store, mini: Loaded, enterprise: int, tmp_path: Path
) -> None:
    a = new_assessment(store, mini, enterprise)
    copy = tmp_path / "backup.db"
    backup(store, copy)
    path = store.path
    store.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 1000)  # what a failing disk may leave
    kept = restore(path, copy)
    assert kept is not None and kept.read_bytes() == b"garbage" * 1000
    again = open_store(path)
    assert again.db.execute("SELECT id FROM assessments").fetchall() == [(a,)]
    again.close()


def test_a_backup_from_an_earlier_version_is_migrated_once_restored(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    from sqlite_utils import Database

    migrations.apply(Database(conn), stop_before="m002_plan")
    conn.close()
    path = tmp_path / "diagnosis.db"
    open_store(path).close()
    restore(path, old)
    again = open_store(path)
    assert again.newer is None
    assert "plans" in again.db.table_names()
    again.close()
