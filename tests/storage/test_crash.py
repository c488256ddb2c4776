"""Kill -9 while answers are being recorded: every acknowledged answer survives."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diagnosis.loading.load import Loaded
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise

WRITER = """
import sys
from pathlib import Path
from diagnosis.storage.db import open_store
from diagnosis.storage.answers import set_answer
store = open_store(Path(sys.argv[1]), user="crash")
assessment, start = int(sys.argv[2]), int(sys.argv[3])
for i in range(start, start + 100000):
    set_answer(store, assessment, "remarks", f"answer {i}", note=f"note {i}")
    print(i, flush=True)  # acknowledged only after the commit returned
"""

ROUNDS = 12


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writer_loses_no_acknowledged_answer(tmp_path: Path, mini: Loaded) -> None:
    path = tmp_path / "crash.db"
    setup: Store = open_store(path)
    enterprise = add_enterprise(setup, EnterpriseInput(name="崩溃测试企业"))
    assessment = new_assessment(setup, mini, enterprise)
    setup.close()
    rng = random.Random(7)
    acknowledged: list[int] = []
    start = 0
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(assessment), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # the writer is running and committing
        assert first.strip() == str(start)
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        acked = [int(line) for line in (first + rest).split()]
        acknowledged += acked
        start = acked[-1] + 1
    check = open_store(path)
    assert check.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {
        json.loads(row[0])
        for row in check.db.execute(
            "SELECT new_value FROM answer_history WHERE assessment_id = ?", [assessment]
        )
    }
    missing = [i for i in acknowledged if f"answer {i}" not in stored]
    assert missing == []
    last = check.db.execute(
        "SELECT value, note FROM answers WHERE assessment_id = ?", [assessment]
    ).fetchone()
    assert json.loads(last[0]) in (f"answer {acknowledged[-1]}", f"answer {acknowledged[-1] + 1}")
    assert len(acknowledged) > ROUNDS
