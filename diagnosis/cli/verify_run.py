"""`diagnosis verify`: the signature check starts in a process of its own first, then this one
loads the report modules and renders the pages again (`signing.aside`); the verdict waits for both."""

from __future__ import annotations

import argparse
import json
import sys

from diagnosis.files import read_regular
from diagnosis.messages import render_all
from diagnosis.report import MAX_REPORT


def run_verify(args: argparse.Namespace) -> int:
    from diagnosis.signing.aside import check_aside
    from diagnosis.signing.trust import default_trust, load_trust

    raw = read_regular(args.pdf, MAX_REPORT, "report")
    trust = load_trust(args.trust) if args.trust else default_trust()
    signature = check_aside(raw, trust)
    from diagnosis.report.verify import verify_pdf  # the renderer loads while the check runs

    package = args.package  # read by the package reader, under its own limits
    verdict = verify_pdf(raw, package, trust, not args.unsigned_ok, signature)
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
        return 0 if verdict.ok else 1
    lines = render_all(verdict.lines(str(args.pdf)), args.message_lang)
    print("\n".join(lines), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1
