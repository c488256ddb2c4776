"""Commands about answers: sample, score (arguments here; the work in `scoring_run`, imported
when a command runs, so that `diagnosis --help` does not load the engine and the report)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from diagnosis.cli.output import record_id


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module("diagnosis.cli.scoring_run"), name)(args))

    return run


def register(commands: Any) -> None:
    cmd = commands.add_parser("sample", help="write a valid answers file (best, worst or random answers)")
    cmd.add_argument("questionnaire", metavar="ID[@VERSION]")
    cmd.add_argument("--strategy", choices=["max", "min", "random"], default="max")
    cmd.add_argument("--seed", type=int, default=0, help="seed for --strategy random")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    cmd.set_defaults(run=_run("run_sample"))

    cmd = commands.add_parser(
        "score", help="score an answers file (or - for standard input) or a stored assessment"
    )
    cmd.add_argument("answers", metavar="ANSWERS.json|-", nargs="?")
    cmd.add_argument(
        "--assessment", type=record_id("assessment"), metavar="ID", help="score a stored assessment instead"
    )
    cmd.add_argument("--json", action="store_true", help="print the full result as JSON")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh")
    cmd.add_argument(
        "--questionnaire", metavar="PATH", help="score against this file instead of the catalogue"
    )
    cmd.set_defaults(run=_run("run_score"))
