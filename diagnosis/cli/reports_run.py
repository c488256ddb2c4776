"""What the report commands do (their arguments are defined in `reports`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from diagnosis import paths
from diagnosis.errors import UsageError
from diagnosis.files import output_kind, read_regular, write_atomic
from diagnosis.report import MAX_REPORT
from diagnosis.report.pdf import build_pdf

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput

DEMO = "samples/demo-sme-digital-2024.json"


def run_report(args: argparse.Namespace) -> int:
    # Loaded here, not for `verify`, whose time a reviewer waits for (the scoring CLI, storage).
    from diagnosis.cli.output import read_input
    from diagnosis.cli.scoring_run import resolve
    from diagnosis.report.inputs import from_answers_file, from_store
    from diagnosis.scoring.answers import parse_answers_file

    if (args.answers is None) == (args.assessment is None):
        raise UsageError("give an answers file (or -) or --assessment ID")
    if args.assessment is not None:
        from diagnosis.cli.store_run import open_cli_store

        source = from_store(open_cli_store(args), args.assessment, args.compare_with)
    else:
        if args.compare_with is not None:
            raise UsageError("--compare-with needs --assessment (both must be stored assessments)")
        name, raw = read_input(args.answers)
        file = parse_answers_file(name, raw)
        source = from_answers_file(file, resolve(file, None))
    if args.sign is not None:
        from diagnosis.cli.signing_run import key_password
        from diagnosis.report.signed import signed_report
        from diagnosis.signing.keys import load_key

        key = load_key(args.sign, key_password(args.sign))
        _write(args.output, signed_report(source, args.lang, key))
    else:
        _write(args.output, build_pdf(source, args.lang))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    _write(args.output, build_pdf(demo_input(), args.lang))
    if output_kind(args.output) == "file":  # a stream (`-o -`) gets the PDF and nothing else
        print(args.output)
    return 0


def demo_input() -> ReportInput:
    """The bundled sample assessment: a fictitious machinery SME, on-site, level 二级."""
    from diagnosis.cli.scoring_run import resolve
    from diagnosis.report.inputs import from_answers_file
    from diagnosis.scoring.answers import parse_answers_file

    raw = (paths.resources() / DEMO).read_bytes()
    file = parse_answers_file(DEMO, raw)
    return from_answers_file(file, resolve(file, None))


def _read(path: Path, what: str) -> bytes:
    return read_regular(path, MAX_REPORT, what)  # a report: the PDF readers bound what they expand


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data, "report")
