"""Commands about provider keys and signed reports: keys new|show, sign (work done on demand).

Passwords never travel on the command line (it is visible to other users and kept in shell
history): they come from DIAGNOSIS_KEY_PASSWORD or an interactive prompt.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    keys = commands.add_parser(
        "keys", help="a provider's signing keys: make one, or show a key or certificate"
    )
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    cmd = actions.add_parser(
        "new",
        help="make a key and a self-signed certificate (password: DIAGNOSIS_KEY_PASSWORD or a prompt)",
    )
    cmd.add_argument("--provider", required=True, metavar="NAME", help="the service provider's name")
    cmd.add_argument("--uscc", metavar="CODE", help="its unified social credit code")
    cmd.add_argument("--rsa", action="store_true", help="RSA-2048 instead of ECDSA P-256")
    cmd.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.p12",
        help="the key file; the certificate is written beside it as .pem",
    )
    cmd.add_argument(
        "--trust",
        action="store_true",
        help="also add the certificate to your own trust list, so your own reports verify here",
    )
    cmd.set_defaults(run=_run("run_keys_new"))

    cmd = actions.add_parser(
        "trust", help="add a certificate (.pem/.crt/.cer) to a trust list folder (default: your own)"
    )
    cmd.add_argument("file", type=Path, metavar="FILE.pem")
    cmd.add_argument(
        "--to", type=Path, metavar="FOLDER", help="the trust list folder (default: <user data folder>/trust)"
    )
    cmd.set_defaults(run=_run("run_keys_trust"))

    cmd = actions.add_parser("show", help="subject, validity and fingerprint of a .p12 key or a certificate")
    cmd.add_argument("file", type=Path, metavar="FILE.p12|FILE.pem")
    cmd.set_defaults(run=_run("run_keys_show"))

    cmd = commands.add_parser(
        "sign", help="sign a report with a provider key (password: DIAGNOSIS_KEY_PASSWORD or a prompt)"
    )
    cmd.add_argument("pdf", type=Path, metavar="REPORT.pdf", help="an unsigned report made by this tool")
    cmd.add_argument(
        "--key", required=True, type=Path, metavar="FILE.p12", help="the provider's key (.p12/.pfx)"
    )
    cmd.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="SIGNED.pdf",
        help="where to write it (default: replace REPORT.pdf)",
    )
    cmd.set_defaults(run=_run("run_sign"))


def _run(name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from diagnosis.cli import signing_run  # cryptography and pyHanko load only when needed

        return int(getattr(signing_run, name)(args))

    return run
