"""Benchmark: a CLI command against a bare `import diagnosis` in the same run (process start to
exit, compiled modules kept as an installed app has them), and what each command imports.
Run on demand: `python benchmarks/cli_bench.py`. Target: `diagnosis score FILE` ≤ 15× the bare
import.

The commands take turns (round after round), and each is timed by its fastest run: on a machine
shared with other work, other processes only ever add time, and taking turns exposes every
command to the same load. The median is printed beside it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


ROUNDS = 15


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
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    bare = min(samples["python -c 'import diagnosis'"])
    for name, runs in samples.items():
        fastest, median = min(runs), statistics.median(runs)
        print(
            f"{name:32} {fastest:6.3f} s   ({fastest / bare:5.1f}x the bare import; median {median:6.3f} s)"
        )


if __name__ == "__main__":
    main()
