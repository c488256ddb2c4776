"""What the intake commands do (their arguments are defined in `intake`)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from diagnosis.cli.output import print_json, table
from diagnosis.errors import DiagnosisError, UsageError
from diagnosis.intake.db import database_url, open_engine
from diagnosis.intake.ingest import Outcome, collect
from diagnosis.intake.text import rate
from diagnosis.intake.workers import Tally, ingest_files
from diagnosis.messages import printable, render

MAX_WORKERS = 64
MAX_SAMPLE = 1_000_000  # fictitious documents for a trial: a province's ten years
STATUS = {"received": "received", "added": "added to a revision already here", "already": "already received"}


def run_add(args: argparse.Namespace) -> int:
    if not 1 <= args.workers <= MAX_WORKERS:  # each a process with its own connection
        raise UsageError(f"--workers must be from 1 to {MAX_WORKERS}")
    files = collect(args.paths)
    if not files:
        raise DiagnosisError("no packages (.diagpkg) or PDF reports found there")
    bar = Bar(len(files), sys.stderr)
    outcomes: list[Outcome] = []

    def progress(outcome: Outcome) -> None:
        outcomes.append(outcome)
        bar.step(outcome)

    tally = ingest_files(
        database_url(args.db),
        files,
        trust_path=args.trust,
        workers=args.workers,
        user=os.environ.get("DIAGNOSIS_USER") or _login(),
        progress=progress,
    )
    bar.close()
    if args.json:
        print_json([{"file": o.name, "status": o.status, "message": o.message} for o in outcomes])
    else:
        print(_summary(tally))
    for outcome in tally.refused:
        reason = printable(render(outcome.message, args.message_lang))
        print(f"refused {printable(outcome.name)}: {reason}", file=sys.stderr)
    return 1 if tally.refused else 0


def _summary(tally: Tally) -> str:
    parts = [f"{tally.counts.get(k, 0)} {text}" for k, text in STATUS.items()]
    parts.append(f"{len(tally.refused)} refused")
    return f"{tally.total} documents: " + ", ".join(parts)


class Bar:
    """A progress bar on stderr with counts and the time left; on a pipe, a line now and then."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.counts: Counter[str] = Counter()
        self.started = self.shown = time.monotonic()
        self.tty = stream.isatty()

    def step(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        now = time.monotonic()
        done = sum(self.counts.values())
        if done < self.total and now - self.shown < (0.2 if self.tty else 10.0):
            return
        self.shown = now
        rate_ = done / max(now - self.started, 1e-6)
        left = (self.total - done) / rate_ if rate_ else 0
        width = 28
        filled = width * done // self.total
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}  "
            f"received {self.counts['received'] + self.counts['added']}  already {self.counts['already']}  "
            f"refused {self.counts['refused']}  {rate_:.1f}/s  ETA {int(left) // 60}:{int(left) % 60:02d}"
        )
        self.stream.write(("\r" + line) if self.tty else (line + "\n"))
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def run_report(args: argparse.Namespace) -> int:
    from diagnosis.intake.claims import claim_tables

    if args.start and args.end and args.start > args.end:
        raise UsageError("--from is after --to")
    engine = open_engine(database_url(args.db))
    start = dt.date.fromisoformat(args.start) if args.start else None
    end = dt.date.fromisoformat(args.end) if args.end else None
    claims = claim_tables(engine, args.by, start, end)
    target: Path | None = args.output
    if target is None:
        sys.stdout.write(_groups_table(claims))
        return 0
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        from diagnosis.intake.sheets import claims_workbook

        claims_workbook(claims, target)
    elif suffix == ".pdf":
        from diagnosis.intake.claims_pdf import write_claims_pdf
        from diagnosis.localtime import local_date

        today = local_date(dt.datetime.now(dt.UTC).isoformat())
        write_claims_pdf(claims, dt.date.fromisoformat(today), target)
    else:
        raise UsageError(f"{target}: write the claim tables to a .xlsx or a .pdf file")
    print(f"{target}: {claims.total.enterprises} enterprises, {claims.total.assessments} assessments")
    return 0


def _groups_table(claims: Any) -> str:
    header = [
        "group",
        "enterprises",
        "assessments",
        "with effect",
        "up",
        "same",
        "down",
        "evidence",
        "trusted",
    ]
    rows = [
        [
            printable(g.name),  # a provider's or a city's name, as the documents wrote it
            g.enterprises,
            g.assessments,
            g.with_effect,
            g.up,
            g.same,
            g.down,
            rate(g.evidence),
            rate(g.trusted),
        ]
        for g in [*claims.groups, claims.total]
    ]
    return table([header, *[[str(c) for c in row] for row in rows]])


def run_flags(args: argparse.Namespace) -> int:
    from diagnosis.intake.flags import find_flags

    flags = find_flags(open_engine(database_url(args.db)))
    if args.output is not None:
        from diagnosis.intake.sheets import flags_workbook

        flags_workbook(flags, args.output)
    if args.json:
        print_json([vars(f) for f in flags])
    elif args.output is None:
        for flag in flags:  # names and evidence are the documents' data: shown printable
            lang = args.message_lang
            print(f"[{flag.kind}] {render(flag.title, lang)}: {printable(render(flag.evidence, lang))}")
            for name in flag.assessments:
                print(f"    {printable(name)}")
    counts = Counter(f.kind for f in flags)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"
    print(f"{len(flags)} flags: {summary}", file=sys.stderr)
    return 0


def run_refused(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from diagnosis.intake.schema import refusals

    engine = open_engine(database_url(args.db))
    with engine.connect() as conn:
        rows = conn.execute(select(refusals).order_by(refusals.c.id)).all()
    if args.json:
        print_json(
            [{"file": r.name, "reason": r.reason, "sha256": r.sha256, "at": str(r.received_at)} for r in rows]
        )
    else:
        for row in rows:
            print(f"{printable(row.name)}: {printable(row.reason)}")
    return 0


def run_sample(args: argparse.Namespace) -> int:
    from diagnosis.intake.generate import generate

    if not 1 <= args.count <= MAX_SAMPLE or not 0 <= args.reports <= 1:
        raise UsageError(f"give a count from 1 to {MAX_SAMPLE:,} and a --reports share between 0 and 1")
    made = generate(args.output, args.count, seed=args.seed, reports=args.reports)
    print(f"{len(made.files)} documents in {args.output}; trust list: {made.trust}")
    return 0


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None
