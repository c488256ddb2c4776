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
from diagnosis.messages import Items, Lang, msg, printable, render

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
    target: Path | None = args.output
    if target is not None and target.suffix.lower() not in (".xlsx", ".pdf"):
        raise UsageError(f"{target}: write the claim tables to a .xlsx or a .pdf file")
    desk = _desk(args)
    desk.start = dt.date.fromisoformat(args.start) if args.start else None
    desk.end = dt.date.fromisoformat(args.end) if args.end else None
    book = desk.ledger()
    if target is None:
        claims = claim_tables(desk.engine, args.by, book.start, book.end)
        sys.stdout.write(_report_text(book, claims, args.by if args.policy else None, args.message_lang))
        return 0
    if target.suffix.lower() == ".xlsx":
        desk.export_excel(target, args.by)
    else:
        desk.export_pdf(target, args.by)
    print(f"{target}: {book.total.enterprises} enterprises, {book.total.claims} claims")
    return 0


def _desk(args: argparse.Namespace) -> Any:
    """The clerk's desk (intake.desk, shared with the intake window) on --db under --policy."""
    from diagnosis.intake.desk import open_desk

    return open_desk(args.db, getattr(args, "policy", None), os.environ.get("DIAGNOSIS_USER") or _login())


def _report_text(book: Any, claims: Any, by: str | None, lang: Lang) -> str:
    """The amounts under the policy (by group, when asked), the reasons held, then the volume and
    effect by group; names from the documents shown printable."""
    from diagnosis.intake.ledger import summary

    lines = [render(summary(book), lang)]
    if book.reasons:
        lines.append(render(msg("pay.held_for"), lang))
        lines += [f"  {n:>6}  {reason.text(lang)}" for _, reason, n in book.reasons]
    lines.append(render(msg("pay.refused_count", count=len(book.refused)), lang))
    groups = {"provider": book.by_provider, "city": book.by_city, "county": book.by_county}
    chosen = groups.get(by or "") or (book.by_questionnaire if by == "questionnaire" else None)
    text = "\n".join(lines) + "\n\n"
    if chosen is not None:
        header = [by or "", "claims", "payable", "held", "requested", "payable yuan", "held yuan"]
        rows = [
            [
                printable(f"{t.city} {t.name}" if t.city else t.name),
                *(t.claims, t.payable_claims, t.held_claims),
                *(f"{t.requested:,}", f"{t.payable:,}", f"{t.held:,}"),
            ]
            for t in chosen
        ]
        text += table([header, *[[str(c) for c in row] for row in rows]]) + "\n"
    return text + _groups_table(claims)


def _groups_table(claims: Any) -> str:
    header = [
        claims.by or "scope",  # never 合计: that is the name of the totals row
        "enterprises",
        "assessments",
        "with effect",
        "effect not measured",
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
            g.not_measured,
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
    from diagnosis.intake.flags import about, find_flags

    lang = args.message_lang
    desk = _desk(args)
    flags = find_flags(desk.engine, desk.policy.evidence_minimum)
    if args.output is not None:
        from diagnosis.intake.sheets import flags_workbook

        flags_workbook(flags, args.output, lang)
    if args.json:
        print_json(
            [
                {
                    "kind": f.kind,
                    "flag": f.title.text(lang),
                    "about": about(f.kind).text(lang),
                    "evidence": f.evidence.text(lang),
                    "claims": f.assessments,
                }
                for f in flags
            ]
        )
    elif args.output is None:
        for flag in flags:  # names and evidence are the documents' data: shown printable
            print(f"{flag.title.text(lang)} — {about(flag.kind).text(lang)}")
            print(f"    {printable(render(msg('flags.evidence', evidence=flag.evidence), lang))}")
            for name in flag.assessments:
                print(f"    {printable(name)}")
    counts = Counter(f.title.text(lang) for f in flags)
    kinds = Items([f"{n} {name}" for name, n in counts.items()]) if counts else msg("flags.none")
    print(render(msg("flags.summary", count=len(flags), kinds=kinds), lang), file=sys.stderr)
    return 0


def run_refused(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from diagnosis.intake.schema import refusals

    engine = open_engine(database_url(args.db))
    with engine.connect() as conn:
        rows = conn.execute(select(refusals).order_by(refusals.c.id)).all()
    zh = args.message_lang == "zh"
    if args.json:
        print_json(
            [
                {
                    "file": r.name,
                    "reason": r.reason,
                    "reason_zh": r.reason_zh,
                    "sha256": r.sha256,
                    "at": str(r.received_at),
                }
                for r in rows
            ]
        )
    else:
        for row in rows:
            print(f"{printable(row.name)}: {printable((row.reason_zh if zh else None) or row.reason)}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from diagnosis.intake.releases import find

    desk = _desk(args)
    desk.policy = desk.policy.model_copy(update={"period": None})  # any claim, whenever made
    claim = find(desk.engine, desk.ledger(), args.document)
    print(printable(render(desk.release(claim.id, args.note), args.message_lang)))
    return 0


def run_policy_check(args: argparse.Namespace) -> int:
    from diagnosis.intake.policy import describe, load_policy

    policy = load_policy(args.file)
    print(render(msg("policy.valid", file=str(args.file)), args.message_lang))
    for line in describe(policy):
        print(f"  {render(line, args.message_lang)}")
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
