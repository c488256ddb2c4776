"""Files the app reads and writes, and the database file itself: only regular files are read,
our files appear atomically, two writers wait for each other, and a newer or damaged database
gives a sentence."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.files import atomic_path, write_atomic
from diagnosis.loading.load import Loaded
from diagnosis.report.verify import verify_pdf
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import StorageError, Store, open_store
from diagnosis.storage.evidence import attach

from .conftest import dump, one_sentence, run_cli


def test_attach_reads_regular_files_only(store: Store, sme: Loaded, enterprise: int, tmp_path: Path) -> None:
    a = new_assessment(store, sme, enterprise)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = dump(store)
    for target in (Path("/dev/zero"), fifo, tmp_path):
        with pytest.raises(DiagnosisError, match="not a regular file"):
            attach(store, a, "network", target)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)  # the store's limit is 1 KiB
    with pytest.raises(DiagnosisError, match="at most 1024 bytes is accepted"):
        attach(store, a, "network", big)
    assert dump(store) == before


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the verified report")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a rep")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"the verified report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary left behind
    write_atomic(target, b"new report")
    assert target.read_bytes() == b"new report"


def test_a_full_disk_is_a_sentence_and_keeps_the_previous_file(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"previous")
    # Writing through /dev/full fails with ENOSPC the way a full disk does.
    refused = pytest.raises(DiagnosisError, match=r"cannot write the Excel file .*earlier file is unchanged")
    with refused, atomic_path(target, "Excel file") as temporary:
        temporary.unlink()
        temporary.symlink_to("/dev/full")
        with open(temporary, "wb") as handle:
            handle.write(b"x" * 65536)
            handle.flush()
    assert target.read_bytes() == b"previous"


def test_a_report_killed_while_writing_leaves_the_previous_one(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert run_cli("demo", "-o", str(target)).returncode == 0
    previous = target.read_bytes()
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen(
            [sys.executable, "-m", "diagnosis", "demo", "--lang", "en", "-o", str(target)]
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = target.read_bytes()
        # the old report or a whole new one (the demo's is unsigned), never half
        assert now == previous or verify_pdf(now, require_signature=False).ok
        previous = now


def _writer(path: str, assessment: int, count: int) -> int:
    store = open_store(Path(path))
    refused = 0
    for i in range(count):
        try:
            set_answer(store, assessment, "base_year", 2016 + i % 10, note=str(i))
        except DiagnosisError:
            refused += 1
    return refused


def test_two_writers_wait_for_each_other(sme: Loaded, tmp_path: Path) -> None:
    from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise

    path = tmp_path / "shared.db"
    store = open_store(path)
    enterprise = add_enterprise(store, EnterpriseInput(name="甲"))
    first, second = new_assessment(store, sme, enterprise), new_assessment(store, sme, enterprise)
    with get_context("spawn").Pool(2) as pool:
        refused = pool.starmap(_writer, [(str(path), first, 300), (str(path), second, 300)])
    assert refused == [0, 0]
    assert store.db.execute("SELECT COUNT(*) FROM answer_history").fetchone()[0] == 600  # none lost
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _open(path: str) -> str:
    try:
        open_store(Path(path))
        return "ok"
    except DiagnosisError as error:
        return error.lines[0]


def test_two_processes_can_create_one_new_database(tmp_path: Path) -> None:
    with get_context("spawn").Pool(2) as pool:
        for trial in range(8):
            path = str(tmp_path / f"new-{trial}.db")
            assert pool.map(_open, [path, path]) == ["ok", "ok"]


def test_a_database_from_a_newer_app_is_not_written(store: Store, tmp_path: Path) -> None:
    path = store.path
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    newer = open_store(path)
    before = dump(newer)
    with pytest.raises(
        StorageError, match=r"written by a newer version of this app \(schema 99, this version knows \d+\)"
    ):
        from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise

        add_enterprise(newer, EnterpriseInput(name="乙"))
    assert dump(newer) == before
    line = one_sentence(run_cli("enterprise", "add", "乙", "--db", str(path)))
    assert "newer version of this app" in line
    assert run_cli("assessments", "--db", str(path)).returncode == 0  # reading still works


def test_an_unknown_migration_counts_as_newer(store: Store) -> None:
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('diagnosis', 'm999_future', 'x')"
    )
    path = store.path
    store.close()
    assert open_store(path).newer is not None


def test_a_damaged_database_points_to_the_backup(store: Store, sme: Loaded, enterprise: int) -> None:
    a = new_assessment(store, sme, enterprise)
    for i in range(200):  # enough pages that damage in the middle hits the data, not the header
        set_answer(store, a, "base_year", 2016 + i % 10, note="备注" * 200 + str(i))
    path = store.path
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = bytearray(path.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    raw[page * 8 :] = os.urandom(len(raw) - page * 8)  # the header and schema survive, the data does not
    path.write_bytes(bytes(raw))
    failed = 0
    for command in (
        ["assessments"],
        ["show", str(a)],
        ["next", str(a)],
        ["xlsx", str(a), "-o", "/tmp/x.xlsx"],
    ):
        result = run_cli(*command, "--db", str(path))
        if result.returncode == 0:
            continue  # this command did not touch the damaged pages
        failed += 1
        line = one_sentence(result)
        assert "is damaged or not a diagnosis database; restore it from a backup" in line, line
    assert failed
    with pytest.raises(sqlite3.DatabaseError):  # and it really is damaged
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA integrity_check").fetchall()
        conn.execute("SELECT * FROM answer_history").fetchall()
