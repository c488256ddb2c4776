"""`diagnosis verify`: the report checked as the wizard checks it (`report.verify_file`), the
verdict printed one line per problem, or as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from diagnosis.messages import render_all
from diagnosis.report.verify_file import verify_file


def run_verify(args: argparse.Namespace) -> int:
    from diagnosis.signing.trust import default_trust, load_trust

    trust = load_trust(args.trust) if args.trust else default_trust()
    verdict = verify_file(args.pdf, args.package, trust, not args.unsigned_ok)
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
        return 0 if verdict.ok else 1
    lines = render_all(verdict.lines(str(args.pdf)), args.message_lang)
    print("\n".join(lines), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1
