"""Benchmark: the claims intake at 1,000 and 10,000 packages, 1 and 2 workers, SQLite and
PostgreSQL — packages per second, where the time goes per package, and how long the claim tables
and the flags take at each size; then the claims of the largest run paid under a policy (the
shipped Anhui example by default: requested, payable and held totals, the held reasons by count,
and how long the ledger, its Excel and PDF, and the desk's listing and filtering take); then
signed PDF reports, which are re-rendered to be verified. The machine's load average is printed
with every run (the development machine is shared: compare runs at a like load).

Run on demand: `python benchmarks/intake_bench.py [--sizes 1000,10000] [--folder F] [--policy P]`.
The corpus (fictitious packages from `diagnosis.intake.generate`) is made once in the folder and
reused. PostgreSQL: DIAGNOSIS_BENCH_POSTGRES (a server URL), else a throwaway cluster from
Debian's binaries (fsync on, as a real server), on a Unix socket in a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.db import database_url, open_engine
from diagnosis.intake.flags import find_flags
from diagnosis.intake.generate import generate
from diagnosis.intake.ingest import collect
from diagnosis.intake.workers import ingest_files

STAGES = ("file", "read", "signature", "score", "store", "render")
QUERIES = ("claims", "claims_by_city", "claims_by_provider", "flags")


def corpus(folder: Path, count: int, reports: float = 0.0) -> tuple[list[Path], Path]:
    """`count` packages (made once, kept in `folder`) and the trust list."""
    files = collect([folder / "packages"]) if (folder / "packages").is_dir() else []
    if len(files) < count:
        started = time.perf_counter()
        generate(folder, count, seed=0, reports=reports)
        files = collect([folder / "packages"])
        print(f"generated {len(files)} packages in {time.perf_counter() - started:.0f} s")
    return files[:count], folder / "trust"


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    given = os.environ.get("DIAGNOSIS_BENCH_POSTGRES")
    if given:
        yield given
        return
    found = shutil.which("initdb")
    binaries = (
        Path(os.path.realpath(found)).parent if found else max(Path("/usr/lib/postgresql").glob("*/bin"))
    )
    root = Path(tempfile.mkdtemp(prefix="intake-bench-pg-"))
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if prefix:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    run(str(binaries / "initdb"), "-D", str(root / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    run(
        str(binaries / "pg_ctl"),
        "-D",
        str(root / "data"),
        "-o",
        f"-c listen_addresses='' -k {root}",
        "-l",
        str(root / "log"),
        "-w",
        "start",
    )
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={root}"
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(engine_name: str, server: str | None, scratch: Path) -> str:
    if engine_name == "sqlite":
        return str(scratch / f"bench-{uuid.uuid4().hex[:8]}.db")
    import psycopg

    assert server is not None
    url = make_url(server)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(host=url.query["host"], user=url.username, dbname="postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def ingest_run(files: list[Path], trust: Path, target: str, workers: int) -> dict[str, float]:
    """Ingest, then time the claim tables (total, by city, by provider) and the flags."""
    url = database_url(target)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    tally = ingest_files(url, files, trust_path=trust, workers=workers)
    elapsed = time.perf_counter() - started
    assert tally.counts.get("refused", 0) == 0, tally.refused[:3]
    engine = open_engine(url)
    figures = {
        "seconds": elapsed,
        "per_second": len(files) / elapsed,
        "load": (load + os.getloadavg()[0]) / 2,
    }
    figures |= {stage: 1000 * tally.timings.get(stage, 0.0) / len(files) for stage in STAGES}
    for name, query in (
        ("claims", lambda: claim_tables(engine)),
        ("claims_by_city", lambda: claim_tables(engine, "city")),
        ("claims_by_provider", lambda: claim_tables(engine, "provider")),
        ("flags", lambda: find_flags(engine)),
    ):
        began = time.perf_counter()
        query()
        figures[name] = time.perf_counter() - began
    figures["megabytes"] = size_of(engine) / 2**20
    engine.dispose()
    return figures


def size_of(engine: Engine) -> int:
    """Bytes the database takes (PostgreSQL: the database; SQLite: the file and its WAL)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    path = Path(str(engine.url.database))
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "intake-bench")
    parser.add_argument("--pdfs", type=int, default=20, help="signed reports to time (0: none)")
    parser.add_argument(
        "--policy",
        type=Path,
        default=Path(__file__).parents[1] / "resources" / "policies" / "anhui-2023.yaml",
        help="pay the largest run's claims under this policy ('-': skip)",
    )
    args = parser.parse_args()
    if str(args.policy) == "-":
        args.policy = None
    sizes = [int(s) for s in args.sizes.split(",")]
    files, trust = corpus(args.folder / "corpus", max(sizes))
    scratch = Path(tempfile.mkdtemp(prefix="intake-bench-db-"))
    print(
        f"{'size':>6} {'engine':10} {'workers':>7} {'seconds':>8} {'pkg/s':>7}  "
        + "  ".join(f"{s:>9}" for s in STAGES)
        + "   claims  by city  by prov    flags     MB  load"
    )
    last = ""
    with postgres_server() as server:
        for size in sizes:
            for engine_name in args.engines.split(","):
                for workers in (int(w) for w in args.workers.split(",")):
                    target = fresh_database(engine_name, server, scratch)
                    f = ingest_run(files[:size], trust, target, workers)
                    stages = "  ".join(f"{f[s]:7.2f}ms" for s in STAGES)
                    run = f"{size:>6} {engine_name:10} {workers:>7} {f['seconds']:>8.1f}"
                    run += f" {f['per_second']:>7.1f}"
                    queries = " ".join(f"{f[q]:7.2f}s" for q in QUERIES)
                    print(f"{run}  {stages}  {queries}  {f['megabytes']:5.0f}  {f['load']:4.1f}", flush=True)
                    last = target
        if args.policy is not None and last:
            paying(last, args.policy, scratch)
        if args.pdfs:
            reports, trust = corpus_of_reports(args.folder / "reports", args.pdfs)
            target = fresh_database("postgresql", server, scratch)
            f = ingest_run(reports, trust, target, 1)
            print(
                f"signed PDF reports: {len(reports)} in {f['seconds']:.1f} s, "
                f"{1000 * f['seconds'] / len(reports):.0f} ms each (re-rendering {f['render']:.0f} ms)"
            )
    shutil.rmtree(scratch, ignore_errors=True)


def paying(target: str, policy: Path, scratch: Path) -> None:
    """The claims in `target` under `policy`: the totals and held reasons, and the time of each step."""
    from diagnosis.intake.desk import ClaimFilter, open_desk

    timed: dict[str, float] = {}

    def clock(name: str, step: Callable[[], object]) -> object:
        began = time.perf_counter()
        done = step()
        timed[name] = time.perf_counter() - began
        return done

    desk = open_desk(target, policy)
    book: Any = clock("ledger (desk opens the table)", desk.ledger)
    clock("filter: held in one city", lambda: desk.claims(ClaimFilter(city="合肥市", status="held")))
    clock("search: a name fragment", lambda: desk.claims(ClaimFilter(text="精密")))
    clock("sort: by amount requested", lambda: desk.claims(sort="requested", descending=True))
    clock("Excel workbook", lambda: desk.export_excel(scratch / "claims.xlsx"))
    clock("PDF", lambda: desk.export_pdf(scratch / "claims.pdf"))
    desk.close()
    total = book.total
    print(f"\npaid under {book.policy.name} ({policy.name}), {book.start} to {book.end}:")
    print("| | claims | yuan |\n| --- | ---: | ---: |")
    print(f"| requested | {total.claims:,} | {total.requested:,} |")
    print(f"| payable | {total.payable_claims:,} | {total.payable:,} |")
    print(f"| held | {total.held_claims:,} | {total.held:,} |")
    print("\n| held for | claims |\n| --- | ---: |")
    for _, reason, n in book.reasons:
        print(f"| {reason.text('zh')} ({reason.text('en')}) | {n:,} |")
    rewarded = [t for t in book.by_provider if t.reward]
    money = sum(t.reward for t in rewarded)
    print(f"\nproviders rewarded: {len(rewarded)} of {len(book.by_provider)}, {money:,} yuan")
    print(f"refused documents: {len(book.refused)}")
    for name, seconds in timed.items():
        print(f"{name}: {seconds:.2f} s")


def corpus_of_reports(folder: Path, count: int) -> tuple[list[Path], Path]:
    files = collect([folder / "reports"]) if (folder / "reports").is_dir() else []
    if len(files) < count:
        generate(folder, count, seed=1, reports=1.0)
        files = collect([folder / "reports"])
    return files[:count], folder / "trust"


if __name__ == "__main__":
    main()
