"""Commands about PDF reports: report, verify, demo (arguments here; work done on demand)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from diagnosis.cli.output import record_id
from diagnosis.errors import DiagnosisError


def register(commands: Any) -> None:
    cmd = commands.add_parser("report", help="render the PDF diagnosis report")
    cmd.add_argument(
        "answers", nargs="?", metavar="ANSWERS.json|-", help="an answers file (or use --assessment)"
    )
    cmd.add_argument("--assessment", type=record_id("assessment"), metavar="ID", help="a stored assessment")
    cmd.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh")
    cmd.add_argument(
        "--compare-with",
        type=record_id("assessment"),
        metavar="ID",
        help="an earlier assessment: before/after section",
    )
    cmd.add_argument(
        "--sign",
        type=Path,
        metavar="KEY.p12",
        help="sign with the provider's key (password from DIAGNOSIS_KEY_PASSWORD or asked)",
    )
    cmd.set_defaults(run=_run("run_report"))

    cmd = commands.add_parser(
        "verify",
        help="check a report strictly: its signature against your trust list, its data, and every "
        "page against what the data renders to",
    )
    cmd.add_argument("pdf", type=Path, metavar="FILE.pdf")
    cmd.add_argument("--package", type=Path, help="also compare with the assessment package it came from")
    cmd.add_argument(
        "--trust",
        type=Path,
        metavar="PATH",
        help="the signers you accept: a folder of certificates, a .pem file or a .json trust list "
        "(default: the trust folder in the user data folder)",
    )
    cmd.add_argument(
        "--unsigned-ok",
        action="store_true",
        help="check an unsigned report (a self-assessment) without failing for the missing signature",
    )
    cmd.add_argument("--json", action="store_true", help="print every check as JSON (ok and reasons)")
    cmd.set_defaults(run=_verify)

    cmd = commands.add_parser("gui", help="open the desktop app (the default without a command)")
    cmd.add_argument(
        "--smoke", action="store_true", help="quit once everything is loaded (a check that the app starts)"
    )
    cmd.add_argument("--open", type=Path, metavar="FILE.diagpkg", help="import this package on start")
    cmd.set_defaults(run=_gui)

    cmd = commands.add_parser("demo", help="render a realistic sample report, no set-up needed")
    cmd.add_argument("-o", "--output", type=Path, default=Path("diagnosis-demo.pdf"), metavar="FILE.pdf")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh")
    cmd.set_defaults(run=_run("run_demo"))


def need_screen() -> None:
    """Refuse in a sentence where Qt would abort with a cryptic message: Linux with no display."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        raise DiagnosisError(
            "no screen to show the app on (DISPLAY is not set); the commands work without one: "
            "see `diagnosis --help`, or try `diagnosis demo`"
        )


def _gui(args: argparse.Namespace) -> int:
    need_screen()
    from diagnosis.ui.app import run  # Qt is loaded only for the GUI

    return run(Path(args.db) if args.db else None, smoke=args.smoke, package=args.open)


def _verify(args: argparse.Namespace) -> int:
    from diagnosis.cli.verify_run import run_verify  # not reports_run: the renderer loads later

    return run_verify(args)


def _run(name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from diagnosis.cli import reports_run

        return int(getattr(reports_run, name)(args))

    return run
