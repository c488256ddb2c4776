"""Several clerks ingesting at once into PostgreSQL (separate processes, overlapping folders):
no duplicates and nothing lost, because the constraints decide, not the timing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from diagnosis.intake import ingest
from diagnosis.intake.checks import Checker
from diagnosis.intake.current import counted
from diagnosis.intake.db import database_url, open_engine
from diagnosis.intake.flags import find_flags
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import package
from diagnosis.intake.schema import assessments, documents, refusals
from diagnosis.signing.trust import TrustList
from tests.intake import postgres
from tests.intake.conftest import TODAY, SpecMaker

CLERKS = 3


@pytest.fixture
def pg_url(postgres_server: str) -> object:
    with postgres.database(postgres_server) as url:
        yield url


def test_clerks_ingesting_the_same_documents_at_once_store_each_once(
    pg_url: str, make_spec: SpecMaker, trust_folder: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    expected: set[tuple[str, int]] = set()
    for n in range(24):
        spec = make_spec(n)
        (inbox / f"{n:02d}-r1.diagpkg").write_bytes(package(spec))
        expected.add((spec.uid, 1))
        if n % 4 == 0:  # revisions arrive too, in whatever order the clerks reach them
            later = replace(spec, revision=2, report_number=f"20260301-ABCD-XAB123-R{n:05d}")
            (inbox / f"{n:02d}-r2.diagpkg").write_bytes(package(later))
            expected.add((spec.uid, 2))
    open_engine(database_url(pg_url)).dispose()  # the schema exists before the clerks start
    env = {**os.environ, "DIAGNOSIS_USER": "clerk"}
    clerks = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "diagnosis",
                "intake",
                "add",
                str(inbox),
                "--db",
                pg_url,
                "--trust",
                str(trust_folder),
                "--workers",
                "2" if k == 0 else "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for k in range(CLERKS)
    ]
    results = [clerk.communicate(timeout=600) for clerk in clerks]
    for clerk, (_out, err) in zip(clerks, results, strict=True):
        assert clerk.returncode == 0, err
    files = len(list(inbox.iterdir()))
    engine = open_engine(database_url(pg_url))
    with engine.connect() as conn:
        stored = {
            (r.uid, r.revision) for r in conn.execute(select(assessments.c.uid, assessments.c.revision))
        }
        documents_stored = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        refused = conn.execute(select(func.count()).select_from(refusals)).scalar_one()
        current = conn.execute(select(assessments.c.uid, assessments.c.revision).where(counted())).all()
    engine.dispose()
    assert stored == expected
    assert documents_stored == files and refused == 0
    assert len(current) == 24 and all(r.revision == 2 for r in current if int(r.uid[3:8]) % 4 == 0)
    received = sum(int(out.split(" documents: ")[1].split(" received")[0]) for out, _ in results)
    assert received == files  # each document received by exactly one clerk, "already" for the others


def test_the_same_file_from_two_enterprises_stored_at_once_is_flagged(
    pg_url: str, make_spec: SpecMaker, trust: TrustList, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clerks store, at the same moment, two enterprises' packages holding one evidence file:
    whichever commits second must mark the file shared (`ingest._mark_files`, an upsert)."""
    a, b = make_spec(0), make_spec(1)
    b = replace(b, evidence=[*b.evidence, a.evidence[0]])
    checker = Checker.bundled(trust)
    clerks = [Intake(open_engine(database_url(pg_url)), checker, name, lambda: TODAY) for name in "ab"]
    holding, release = threading.Event(), threading.Event()
    real = ingest._mark_files

    def held(conn: Connection, files: dict[str, set[str]]) -> None:
        real(conn, files)
        if threading.current_thread().name == "a":
            holding.set()  # clerk a has marked its files, and not yet committed
            release.wait(10)

    monkeypatch.setattr(ingest, "_mark_files", held)
    first = threading.Thread(target=clerks[0].add, args=(package(a), "a.diagpkg"), name="a")
    second = threading.Thread(target=clerks[1].add, args=(package(b), "b.diagpkg"), name="b")
    first.start()
    assert holding.wait(60)
    second.start()
    second.join(1.0)  # b waits for a's commit (the file's row is a's until then)
    release.set()
    first.join(60)
    second.join(60)
    shared = [f for f in find_flags(clerks[0].engine) if f.kind == "shared_evidence"]
    for clerk in clerks:
        clerk.engine.dispose()
    assert len(shared) == 1 and len(shared[0].ids) == 2
