"""`diagnosis intake …`: the claims intake of a city or province (arguments here; the work is in
`intake_run`, imported when a command runs, so that other commands never load SQLAlchemy)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diagnosis.cli.store import iso_date
from diagnosis.errors import DiagnosisError

POLICY_HELP = "the subsidy policy (YAML; examples in resources/policies/); else no amounts"
DB_HELP = (
    "the intake database: postgresql://USER@/DB?host=/run/postgresql or a SQLite file "
    "(default: DIAGNOSIS_INTAKE_DB, else intake.db in the user data folder)"
)


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            module = importlib.import_module("diagnosis.cli.intake_run")
        except ModuleNotFoundError as error:  # the desktop build leaves the intake out
            raise DiagnosisError(
                f"the claims intake is not part of this build ({error.name} is missing); "
                "install the diagnosis package with pip on the bureau's computer to use it"
            ) from None
        return int(getattr(module, name)(args))

    return run


def register(commands: Any) -> None:
    intake = commands.add_parser(
        "intake", help="receive packages and signed reports, count per enterprise, claim tables, flags"
    )
    sub = intake.add_subparsers(dest="action", metavar="ACTION", required=True)

    cmd = sub.add_parser("add", help="verify and store packages and signed PDF reports (folders recursively)")
    cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    cmd.add_argument("--workers", type=int, default=1, metavar="N", help="processes checking at once")
    cmd.add_argument(
        "--trust", type=Path, metavar="PATH", help="trust list (default: the user's trust folder)"
    )
    cmd.add_argument("--json", action="store_true", help="every outcome as JSON")
    cmd.set_defaults(run=_run("run_add"))

    cmd = sub.add_parser(
        "report", help="the claim tables: payable and held amounts under a policy, volume and effect"
    )
    cmd.add_argument("--by", choices=["provider", "city", "county", "industry", "questionnaire"])
    cmd.add_argument("--from", dest="start", metavar="YYYY-MM-DD", type=iso_date)
    cmd.add_argument("--to", dest="end", metavar="YYYY-MM-DD", type=iso_date)
    cmd.add_argument("--policy", type=Path, metavar="FILE.yaml", help=POLICY_HELP)
    cmd.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx|FILE.pdf", help="else a table on stdout")
    cmd.set_defaults(run=_run("run_report"))

    cmd = sub.add_parser("flags", help="what looks wrong, each flag with its claims and evidence")
    cmd.add_argument("--json", action="store_true")
    cmd.add_argument("--policy", type=Path, metavar="FILE.yaml", help="its minimum evidence share")
    cmd.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx")
    cmd.set_defaults(run=_run("run_flags"))

    cmd = sub.add_parser("release", help="release a held claim with a note (kept with who and when)")
    cmd.add_argument(
        "document", metavar="DOC", help="the claim's report number, or its package or report file"
    )
    cmd.add_argument("--note", required=True, help="why it may be paid")
    cmd.add_argument("--policy", type=Path, metavar="FILE.yaml", help=POLICY_HELP)
    cmd.set_defaults(run=_run("run_release"))

    policy = sub.add_parser("policy", help="the subsidy policy file")
    checks = policy.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    cmd = checks.add_parser("check", help="validate a policy file and say what it pays and holds")
    cmd.add_argument("file", type=Path, metavar="FILE")
    cmd.set_defaults(run=_run("run_policy_check"))

    cmd = sub.add_parser("refused", help="documents refused so far, with the reason")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(run=_run("run_refused"))

    cmd = sub.add_parser("sample", help="write fictitious packages and signed reports for a trial")
    cmd.add_argument("count", type=int)
    cmd.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER")
    cmd.add_argument("--seed", type=int, default=0)
    cmd.add_argument("--reports", type=float, default=0.02, metavar="SHARE", help="share also as signed PDFs")
    cmd.set_defaults(run=_run("run_sample"))

    for name in ("add", "report", "flags", "refused", "release"):
        sub.choices[name].add_argument("--db", metavar="URL", help=DB_HELP)
