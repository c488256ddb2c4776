"""Commands about questionnaire files: list, validate, schema, paths (arguments here; the work
in `questionnaires_run`, imported when a command runs)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module("diagnosis.cli.questionnaires_run"), name)(args))

    return run


def register(commands: Any) -> None:
    cmd = commands.add_parser("list", help="list the available questionnaires")
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd.set_defaults(run=_run("run_list"))

    cmd = commands.add_parser("validate", help="check questionnaire files and report every problem")
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="a YAML file or a folder of them")
    cmd.set_defaults(run=_run("run_validate"))

    cmd = commands.add_parser("schema", help="print the JSON Schema of questionnaire files")
    cmd.set_defaults(run=_run("run_schema"))

    cmd = commands.add_parser(
        "paths", help="where the user data folder, database, own questionnaires, trust list and logs are"
    )
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd.set_defaults(run=_run("run_paths"))
