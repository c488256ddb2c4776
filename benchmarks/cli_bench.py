"""Benchmark: a CLI command against a bare `import diagnosis` in the same run (process start to
exit, compiled modules kept as an installed app has them), and what each command imports.
Run on demand: `python benchmarks/cli_bench.py`. Target: `diagnosis score FILE` ≤ 15× the bare
import."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str], repeat: int = 9) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    home = tempfile.mkdtemp(prefix="cli-bench-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "DIAGNOSIS_HOME": home,
        "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
    }
    answers = str(Path(home) / "answers.json")
    cli = [sys.executable, "-m", "diagnosis"]
    subprocess.run([*cli, "sample", "sme-digital-2024", "-o", answers], check=True, env=env)
    commands = {
        "python -c 'import diagnosis'": [sys.executable, "-c", "import diagnosis"],
        "diagnosis --help": [*cli, "--help"],
        "diagnosis score FILE": [*cli, "score", answers],
        "diagnosis score FILE --json": [*cli, "score", answers, "--json"],
        "diagnosis list": [*cli, "list"],
    }
    for command in commands.values():  # warm the compiled modules and the questionnaire cache
        subprocess.run(command, check=True, capture_output=True, env=env)
    bare = None
    for name, command in commands.items():
        seconds = timed(command, env)
        bare = bare or seconds
        print(f"{name:32} {seconds:6.3f} s   ({seconds / bare:5.1f}x the bare import)")


if __name__ == "__main__":
    main()
