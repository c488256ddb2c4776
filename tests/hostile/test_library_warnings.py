"""A library's warnings never reach the person at the terminal: they go to the log file.

The tests force warnings to be shown (`-W always`, and one raised on purpose inside a command), so
they hold whichever release of cryptography or pyHanko pip picked today."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WARN_DURING_A_COMMAND = """
import sys, warnings
import diagnosis.cli.main as entry
real = entry.build_parser
def build_parser(*args, **kwargs):
    warnings.warn("a library's notice for developers", UserWarning, stacklevel=1)
    return real(*args, **kwargs)
entry.build_parser = build_parser
sys.exit(entry.main(sys.argv[1:]))
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DIAGNOSIS_HOME": str(tmp_path / "home"), "PYTHONWARNINGS": "always"}
    return subprocess.run(
        [sys.executable, "-W", "always", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_warning_raised_during_a_command_goes_to_the_log(tmp_path: Path) -> None:
    result = _run(tmp_path, "-c", WARN_DURING_A_COMMAND, "list")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    log = (tmp_path / "home" / "logs" / "diagnosis.log").read_text(encoding="utf-8")
    assert "a library's notice for developers" in log


def test_signing_libraries_print_nothing_on_import(tmp_path: Path) -> None:
    """`verify` imports pyHanko and cryptography; with every warning forced on, stderr holds the
    verdict and nothing else."""
    path = tmp_path / "not-a-report.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    result = _run(tmp_path, "-m", "diagnosis", "verify", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"FAILED {path}\n  "), result.stderr
    assert "Warning" not in result.stderr
