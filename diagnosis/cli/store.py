"""Commands on the assessments database: enterprises, assessments, answers, packages, exports.

Only the argument definitions live here; the work is in `store_run`, imported when a command
runs, so that `diagnosis list` does not pay for SQLite and Excel libraries it never uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diagnosis.cli.output import record_id


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module("diagnosis.cli.store_run"), name)(args))

    return run


def iso_date(text: str) -> str:
    """A date as YYYY-MM-DD (argparse turns the ValueError into a usage error, exit 2)."""
    return dt.date.fromisoformat(text).isoformat()


def register(commands: Any) -> None:
    enterprise = commands.add_parser("enterprise", help="add, list and show enterprises")
    sub = enterprise.add_subparsers(dest="action", metavar="ACTION", required=True)
    cmd = sub.add_parser("add", help="add an enterprise; prints its id")
    cmd.add_argument("name")
    for flag in ("uscc", "industry", "province", "city", "county", "size", "contact", "phone"):
        cmd.add_argument(f"--{flag}")
    cmd.set_defaults(run=_run("run_enterprise_add"))
    cmd = sub.add_parser("list", help="list enterprises")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_enterprise_list"))
    cmd = sub.add_parser("show", help="show one enterprise and its assessments")
    cmd.add_argument("enterprise", type=record_id("enterprise"))
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_enterprise_show"))

    cmd = commands.add_parser("new", help="start an assessment; prints its id alone")
    cmd.add_argument("--questionnaire", required=True, metavar="ID[@VERSION]")
    who = cmd.add_mutually_exclusive_group(required=True)
    who.add_argument("--enterprise", type=record_id("enterprise"), metavar="ID")
    who.add_argument("--enterprise-name", metavar="NAME")
    cmd.add_argument("--uscc", help="with --enterprise-name: the enterprise's unified social credit code")
    cmd.add_argument("--mode", choices=["self", "onsite"], default="self")
    cmd.add_argument("--provider", help="diagnostic service provider organisation")
    cmd.add_argument(
        "--provider-uscc",
        metavar="CODE",
        help="the provider's unified social credit code (its signature on the report must carry it)",
    )
    cmd.add_argument("--assessor", help="assessor name")
    cmd.set_defaults(run=_run("run_new"))

    cmd = commands.add_parser("answer", help="record an answer (committed before the command returns)")
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("question", nargs="?")
    cmd.add_argument(
        "value", nargs="?", help="JSON when it parses as JSON, else plain text; omit to set a note only"
    )
    cmd.add_argument("--note")
    cmd.add_argument("--clear", action="store_true", help="clear the answer")
    cmd.add_argument(
        "--review",
        action=argparse.BooleanOptionalAction,
        help="mark the question as needing review (--no-review clears the mark)",
    )
    cmd.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="every answer and note of an answers file (as sample or show --json write; - for "
        "standard input), in one transaction: all of them or none",
    )
    cmd.set_defaults(run=_run("run_answer"))

    cmd = commands.add_parser("next", help="the question to answer next (where the wizard resumes)")
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_next"))

    cmd = commands.add_parser("attach", help="attach an evidence file to a question")
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("question")
    cmd.add_argument("file", type=Path)
    cmd.set_defaults(run=_run("run_attach"))

    cmd = commands.add_parser("detach", help="remove an evidence attachment (the id `attach` printed)")
    cmd.add_argument("evidence", type=record_id("evidence"))
    cmd.set_defaults(run=_run("run_detach"))

    cmd = commands.add_parser("assessments", help="list assessments")
    cmd.add_argument("--search", help="filter by enterprise name, code or questionnaire")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_assessments"))

    cmd = commands.add_parser("show", help="an assessment as an answers file with its metadata")
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_show"))

    for name, text in (
        ("finalize", "lock an assessment"),
        ("reopen", "reopen a finalized assessment as a new revision; prints its id"),
        ("delete", "delete an assessment and its evidence"),
    ):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("assessment", type=record_id("assessment"))
        if name == "finalize":
            cmd.add_argument("--force", action="store_true", help="even with required questions unanswered")
        if name == "delete":
            cmd.add_argument("--yes", action="store_true", required=True, help="confirm the deletion")
        cmd.set_defaults(run=_run(f"run_{name}"))

    cmd = commands.add_parser("reassess", help="start a re-assessment from an earlier one; prints its id")
    cmd.add_argument("assessment", type=record_id("assessment"))
    target = cmd.add_mutually_exclusive_group()
    target.add_argument(
        "--to",
        metavar="VERSION",
        help="a newer version of the same questionnaire: answers move by its carry-over mapping",
    )
    target.add_argument("--questionnaire", metavar="ID@VERSION", help="the same, naming id and version")
    cmd.add_argument(
        "--preview",
        action="store_true",
        help="show what would carry over and what needs answering; change nothing",
    )
    cmd.set_defaults(run=_run("run_reassess"))

    cmd = commands.add_parser("compare", help="per-dimension change between two assessments")
    cmd.add_argument("before", type=record_id("assessment"))
    cmd.add_argument("after", type=record_id("assessment"))
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_compare"))

    cmd = commands.add_parser(
        "export", help="write an assessment package (.diagpkg, a zip) for another laptop"
    )
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("-o", "--output", required=True, type=Path)
    cmd.add_argument("--sign", type=Path, metavar="KEY.p12", help="sign the package with the provider's key")
    cmd.set_defaults(run=_run("run_export"))

    cmd = commands.add_parser("import", help="import a package; prints the assessment id")
    cmd.add_argument("file")
    cmd.add_argument("--if-exists", choices=["skip", "copy"], help="when the assessment is already here")
    cmd.set_defaults(run=_run("run_import"))

    cmd = commands.add_parser("xlsx", help="export an assessment to Excel")
    cmd.add_argument("assessment", type=record_id("assessment"))
    cmd.add_argument("-o", "--output", required=True, type=Path)
    cmd.set_defaults(run=_run("run_xlsx"))

    cmd = commands.add_parser(
        "summary", help="a provider's finalized assessments in a date range (local dates)"
    )
    cmd.add_argument("--provider")
    cmd.add_argument("--from", dest="start", metavar="YYYY-MM-DD", type=iso_date)
    cmd.add_argument("--to", dest="end", metavar="YYYY-MM-DD", type=iso_date)
    cmd.add_argument("--drafts", action="store_true", help="include drafts")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the Excel file")
    cmd.add_argument("-o", "--output", type=Path, help="write an .xlsx file")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_summary"))
