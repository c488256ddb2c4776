"""Restoring from a file that is not a good backup of ours: refused in one sentence, through the
core and the command, and the database stays exactly as it was (every row, compared by dump)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from diagnosis.loading.load import Loaded
from diagnosis.plan.model import Plan, Project
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.backup import BackupError, backup, restore
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.plans import set_plan

from .conftest import dump, one_sentence, run_cli


def _filled(store: Store, sme: Loaded, enterprise: int) -> None:
    a = new_assessment(store, sme, enterprise, mode="onsite", provider="合肥数智")
    for i in range(60):  # enough pages that damage in the middle hits the data
        set_answer(store, a, "base_year", 2016 + i % 9, note="备注" * 100 + str(i))
    set_plan(store, a, Plan(projects=[Project(name="上云")]))


def _edited(store: Store, tmp_path: Path, sql: str) -> Path:
    """A good backup with one statement run on it afterwards."""
    copy = tmp_path / "edited.db"
    backup(store, copy)
    conn = sqlite3.connect(copy)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return copy


def _corrupt(store: Store, tmp_path: Path) -> Path:
    copy = tmp_path / "corrupt.db"
    backup(store, copy)
    raw = bytearray(copy.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    raw[page * 3 :] = os.urandom(len(raw) - page * 3)  # the header survives, the tables do not
    copy.write_bytes(bytes(raw))
    return copy


def _not_sqlite(store: Store, tmp_path: Path) -> Path:
    copy = tmp_path / "notes.db"
    copy.write_text("这不是数据库\n", encoding="utf-8")
    return copy


def _newer(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "PRAGMA user_version = 99")


def _malformed_row(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "UPDATE assessments SET created_at = 'yesterday'")


def _malformed_plan(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "UPDATE plans SET content = '{\"projects\": 3}'")


def _foreign(store: Store, tmp_path: Path) -> Path:
    copy = tmp_path / "other-app.db"
    conn = sqlite3.connect(copy)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    return copy


def _rewriting_trigger(store: Store, tmp_path: Path) -> Path:
    """A backup whose trigger rewrites every later answer to the top of a ladder."""
    return _edited(
        store,
        tmp_path,
        "CREATE TRIGGER answers_touch AFTER UPDATE ON answers BEGIN "
        "UPDATE answers SET value = '\"L4\"' WHERE rowid = NEW.rowid AND value = '\"L1\"'; END",
    )


def _view(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "CREATE VIEW everything AS SELECT * FROM assessments")


def _extra_table(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")


def _lock_removed(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "DROP TRIGGER answers_locked_update")


def _extra_index(store: Store, tmp_path: Path) -> Path:
    return _edited(store, tmp_path, "CREATE UNIQUE INDEX one_answer_a_day ON answers(updated_at)")


def _changed_table(store: Store, tmp_path: Path) -> Path:
    """The evidence table defined again without its foreign key (same columns, same rows)."""
    copy = tmp_path / "edited.db"
    backup(store, copy)
    conn = sqlite3.connect(copy)
    conn.executescript(
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_master SET sql = replace(sql, 'REFERENCES blobs(sha256)', '') WHERE name = 'evidence';"
        "PRAGMA writable_schema = OFF;"
    )
    conn.close()
    return copy


CASES: dict[str, tuple[Callable[[Store, Path], Path], str]] = {
    "corrupt": (_corrupt, "the backup is damaged"),
    "not sqlite": (_not_sqlite, "not a database backup (not an SQLite file)"),
    "newer schema": (_newer, "made by a newer version of this app (schema 99"),
    "malformed row": (_malformed_row, "a row this app cannot read (assessments row 1, created_at"),
    "malformed plan": (_malformed_plan, "a row this app cannot read (plans row 1"),
    "another app's database": (_foreign, "not a diagnosis database"),
    "a trigger of its own": (_rewriting_trigger, "the backup holds the trigger answers_touch that this app"),
    "a view": (_view, "the backup holds the view everything that this app never makes"),
    "another table": (_extra_table, "the backup holds the table notes that this app never makes"),
    "another index": (_extra_index, "the backup holds the index one_answer_a_day that this app never"),
    "a lock taken out": (_lock_removed, "the backup lacks the trigger answers_locked_update"),
    "a table defined otherwise": (_changed_table, "the table evidence in the backup is defined otherwise"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_backup_is_refused_and_the_database_is_unchanged(
    store: Store, sme: Loaded, enterprise: int, tmp_path: Path, case: str
) -> None:
    _filled(store, sme, enterprise)
    make, expected = CASES[case]
    bad = make(store, tmp_path)
    before = dump(store)
    path = store.path
    store.close()
    with pytest.raises(BackupError, match="nothing was changed") as refused:
        restore(path, bad)
    assert expected in refused.value.lines[0]
    line = one_sentence(run_cli("restore", str(bad), "--db", str(path)))
    assert expected in line and line.endswith("nothing was changed")
    again = open_store(path)
    assert dump(again) == before
    assert not list(tmp_path.glob("*before-restore*"))  # nothing set aside either
    again.close()


def test_the_database_in_use_is_not_its_own_backup(store: Store, tmp_path: Path) -> None:
    before = dump(store)
    with pytest.raises(BackupError, match="the database in use"):
        backup(store, store.path)
    with pytest.raises(BackupError, match="the database in use"):
        restore(store.path, store.path)
    assert dump(store) == before


def test_the_trigger_refused_would_rewrite_later_answers(
    store: Store, sme: Loaded, enterprise: int, tmp_path: Path
) -> None:
    """Why a backup's own trigger is refused: opened as a database, it stores L4 for L1."""
    a = new_assessment(store, sme, enterprise)
    set_answer(store, a, "scene_product_design", "L2")
    hostile = open_store(_rewriting_trigger(store, tmp_path))
    set_answer(hostile, a, "scene_product_design", "L1")
    assert hostile.db.execute(
        "SELECT value FROM answers WHERE question_id = 'scene_product_design'"
    ).fetchone() == ('"L4"',)
    hostile.close()
    path = store.path
    store.close()
    line = one_sentence(run_cli("restore", str(tmp_path / "edited.db"), "--db", str(path)))
    assert "answers_touch" in line
    assert run_cli("answer", str(a), "scene_product_design", "L1", "--db", str(path)).returncode == 0
    again = open_store(path)
    assert again.db.execute(
        "SELECT value FROM answers WHERE question_id = 'scene_product_design'"
    ).fetchone() == ('"L1"',)
    again.close()
