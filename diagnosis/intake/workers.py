"""Ingesting many files: in this process, or in worker processes that each check and store with
their own connection (PostgreSQL takes concurrent writers; SQLite serialises them, briefly)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from diagnosis.intake.checks import Checker
from diagnosis.intake.db import open_engine
from diagnosis.intake.ingest import Intake, Outcome
from diagnosis.logs import route_warnings_to_log

BATCH = 32  # files per task: fewer round trips between processes, still a smooth progress bar
Progress = Callable[[Outcome], None]
Cancel = Callable[[], bool]  # asked between batches: True stops taking in (what is done stays)


@dataclass
class Tally:
    """Counts by outcome, the refusals in full, and the seconds spent per stage over all files."""

    counts: dict[str, int] = field(default_factory=dict)
    refused: list[Outcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cancelled: int = 0  # files not taken in because the clerk cancelled

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.status == "refused":
            self.refused.append(outcome)
        for stage, seconds in outcome.timings.items():
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def open_intake(url: URL, trust_path: Path | None, user: str | None) -> Intake:
    """An intake for this process: the migrated database and a checker with the trust list."""
    from diagnosis.signing.trust import default_trust, load_trust

    trust = load_trust(trust_path) if trust_path else default_trust()
    return Intake(open_engine(url), Checker.bundled(trust), user)


def ingest_files(
    url: URL,
    files: list[Path],
    *,
    trust_path: Path | None = None,
    workers: int = 1,
    user: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Tally:
    """Take in every file; each outcome goes to `progress` as it comes. `cancel` is asked between
    batches: once it says so, no further batch starts, the batches under way finish (each is one
    transaction: nothing is half stored), and the files left are counted in `cancelled`."""
    tally = Tally()
    for outcome in _outcomes(url, files, trust_path, workers, user, cancel or (lambda: False)):
        tally.add(outcome)
        if progress is not None:
            progress(outcome)
    tally.cancelled = len(files) - tally.total
    return tally


def _outcomes(
    url: URL, files: list[Path], trust_path: Path | None, workers: int, user: str | None, cancel: Cancel
) -> Iterator[Outcome]:
    if workers <= 1 or len(files) <= BATCH:
        intake = open_intake(url, trust_path, user)
        _settle()
        try:
            for start in range(0, len(files), BATCH):
                if cancel():
                    return
                yield from intake.add_files(files[start : start + BATCH])
        finally:
            intake.engine.dispose()
        return
    open_intake(url, trust_path, user).engine.dispose()  # migrate once, before the workers start
    batches = [files[i : i + BATCH] for i in range(0, len(files), BATCH)]
    secret = url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(secret, trust_path, user)) as pool:
        pending: set[Future[list[Outcome]]] = set()
        queue = iter(batches)
        for batch in queue:  # keep each worker busy with a few batches, not all 1,250 at once
            pending.add(pool.submit(_work, batch))
            if len(pending) >= workers * 4:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                following = None if cancel() else next(queue, None)
                if following is not None:
                    pending.add(pool.submit(_work, following))


# A worker process's own intake, made once by the pool's initializer: a process pool hands state
# to its workers only this way (each worker has its own connection and questionnaire memo).
_WORKER: list[Intake] = []


def _start(url: str, trust_path: Path | None, user: str | None) -> None:
    route_warnings_to_log()  # a spawned worker (Windows, macOS) starts with Python's defaults
    _WORKER.append(open_intake(make_url(url), trust_path, user))
    _settle()


def _settle() -> None:
    """Checking a package allocates many short-lived objects, and the cyclic garbage collector,
    run every 700 allocations, kept walking the long-lived ones (modules, questionnaires): moved
    out of its sight and run less often, it costs about 5 % less per package (measured)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _work(batch: list[Path]) -> list[Outcome]:
    return _WORKER[0].add_files(batch)
