"""Benchmark: a CLI command against a bare `import diagnosis` in the same run (process start to
exit, compiled modules kept as an installed app has them), and what each command imports.
Run on demand: `python benchmarks/cli_bench.py`. Target: `diagnosis score FILE` ≤ 15× the bare
import.

The commands take turns (round after round), and each is measured by its fastest run in CPU
time (user + system) of the process: on a machine shared with other work, wall-clock time
mostly measures the others; the fastest wall-clock time is printed beside it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of one run of `command`."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


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
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    bare = min(cpu for cpu, _ in samples["python -c 'import diagnosis'"])
    for name, runs in samples.items():
        cpu, wall = min(c for c, _ in runs), min(w for _, w in runs)
        print(f"{name:30} CPU {cpu:6.3f} s ({cpu / bare:5.1f}x the bare import)  wall {wall:5.3f} s")


if __name__ == "__main__":
    main()
