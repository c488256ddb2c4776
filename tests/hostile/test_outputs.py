"""Where `-o` points: never the database in use (or its -wal/-shm), never a folder; a device or a
FIFO is written as a stream and stays what it was (`demo -o /dev/null` as root once turned the
system's /dev/null into a regular file); `-o -` is standard output; only a regular file is
replaced by a temporary file renamed over it."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from diagnosis.loading.load import Loaded
from diagnosis.storage.assessments import finalize, new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.plans import set_plan
from tests.storage.conftest import READY_PLAN

from .conftest import dump, one_sentence, run_cli

COMMANDS = {
    "export": ["export", "{a}", "-o"],
    "report": ["report", "--assessment", "{a}", "-o"],
    "xlsx": ["xlsx", "{a}", "-o"],
    "summary": ["summary", "-o"],
    "sample": ["sample", "sme-digital-2024", "--strategy", "max", "-o"],
    "backup": ["backup"],
}


@pytest.fixture
def finalized(store: Store, sme: Loaded, enterprise: int) -> int:
    a = new_assessment(store, sme, enterprise, mode="onsite", provider="合肥数智")
    set_plan(store, a, READY_PLAN)  # what finalizing an on-site diagnosis needs
    finalize(store, a, force=True)
    return a


def _command(name: str, a: int, target: str, store: Store) -> list[str]:
    return [part.format(a=a) for part in COMMANDS[name]] + [target, "--db", str(store.path)]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_over_the_database_in_use(
    store: Store, finalized: int, command: str, suffix: str
) -> None:
    target = f"{store.path}{suffix}"
    assert Path(target).exists()  # WAL: all three are there while the store is open
    before = dump(store)
    line = one_sentence(run_cli(*_command(command, finalized, target, store)))
    assert line.startswith(f"{target}: that is the database in use (or its -wal/-shm file)")
    assert dump(store) == before


def test_nor_over_the_intake_database(tmp_path: Path) -> None:
    intake = tmp_path / "intake.db"
    assert run_cli("intake", "report", "--db", str(intake)).returncode == 0
    before = intake.read_bytes()
    line = one_sentence(run_cli("intake", "flags", "--db", str(intake), "-o", str(intake)))
    assert "that is the database in use" in line and intake.read_bytes() == before


def test_a_folder_is_refused(store: Store, finalized: int, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for command in ("export", "report", "xlsx", "summary"):
        line = one_sentence(run_cli(*_command(command, finalized, str(folder), store)))
        assert line == f"{folder}: that is a folder; name a file in it"
    assert list(folder.iterdir()) == []


def test_a_device_is_written_as_a_stream_and_stays_a_device() -> None:
    result = run_cli("demo", "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null.")]  # no temporary left


def test_a_fifo_receives_the_report(store: Store, finalized: int, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(*_command("report", finalized, str(fifo), store))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"%PDF-")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dash_is_standard_output(store: Store, finalized: int) -> None:
    import subprocess
    import sys

    for command, magic in (("report", b"%PDF-"), ("export", b"PK\x03\x04"), ("xlsx", b"PK\x03\x04")):
        result = subprocess.run(
            [sys.executable, "-m", "diagnosis", *_command(command, finalized, "-", store)],
            capture_output=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(magic), command
    demo = subprocess.run(
        [sys.executable, "-m", "diagnosis", "demo", "-o", "-"], capture_output=True, timeout=120
    )
    assert demo.stdout.startswith(b"%PDF-") and demo.stdout.rstrip().endswith(b"%%EOF")  # nothing after


def test_a_symlink_keeps_pointing_at_the_new_file(store: Store, finalized: int, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "报告.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    result = run_cli(*_command("report", finalized, str(link), store))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF-")


def test_a_secret_key_is_never_streamed(tmp_path: Path) -> None:
    from diagnosis.errors import DiagnosisError
    from diagnosis.files import write_atomic

    with pytest.raises(DiagnosisError, match="the key file must be written to a regular file"):
        write_atomic(Path("/dev/null"), b"secret", "key file", streams=False)
