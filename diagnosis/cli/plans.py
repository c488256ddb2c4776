"""The `plan` command: the diagnosis plan of an assessment in and out as JSON or YAML, a draft
from the gap analysis, and what the plan reaches."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from diagnosis.cli.output import record_id


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module("diagnosis.cli.plans_run"), name)(args))

    return run


def register(commands: Any) -> None:
    cmd = commands.add_parser(
        "plan",
        help="the diagnosis plan: process, findings, projects, expected results, confirmation",
        description="Without an option: the plan as JSON. The file format is the JSON Schema of "
        "`diagnosis plan --schema`; YAML is read too.",
    )
    cmd.add_argument("assessment", type=record_id("assessment"), nargs="?")
    what = cmd.add_mutually_exclusive_group()
    what.add_argument("--get", action="store_true", help="print the stored plan (the default)")
    what.add_argument("--set", metavar="FILE|-", help="replace the plan with this JSON or YAML file")
    what.add_argument(
        "--draft", action="store_true", help="a draft from the gap analysis (findings, projects, KPIs)"
    )
    what.add_argument("--summary", action="store_true", help="the planned level, budget and timeline")
    what.add_argument("--schema", action="store_true", help="the JSON Schema of plan files")
    cmd.add_argument("--save", action="store_true", help="with --draft: store the draft as the plan")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of drafted texts")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    cmd.set_defaults(run=_run("run_plan"))
