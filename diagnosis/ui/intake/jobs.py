"""What the window does in the background, each on a copy of the desk: the window keeps listing,
filtering and sorting on the desk it has (its ledger in memory) while the copy reads or writes the
database, and takes the copy over when the work is done. Reading the claims of a province takes
seconds; nothing here runs on the window's thread.

Each function returns what the window shows next and raises a DiagnosisError (one sentence) for
anything a clerk can cause."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from diagnosis.errors import DiagnosisError
from diagnosis.intake.desk import Desk, open_desk
from diagnosis.messages import Message


class Opened(NamedTuple):
    desk: Desk
    policy_problem: str | None  # the policy chosen could not be used: the desk has none


def opened(address: str | None, policy: Path | None, clerk: str | None) -> Opened:
    """A desk on the database (migrated) with its claims read; a policy that cannot be used is
    said, and the desk opens without one (the claims are still worth seeing)."""
    from diagnosis.intake.policy import PolicyError

    problem = None
    try:
        desk = open_desk(address or None, policy, clerk)
    except PolicyError as error:
        problem = error.lines[0]
        desk = open_desk(address or None, None, clerk)
    try:
        desk.ledger()
    except BaseException:
        desk.close()
        raise
    return Opened(desk, problem)


def fresh(desk: Desk) -> Desk:
    """A copy of the desk (same engine, policy and clerk) that will read the database again."""
    copy = dataclasses.replace(desk)
    copy.refresh()
    return copy


def reloaded(desk: Desk) -> Desk:
    copy = fresh(desk)
    copy.ledger()
    return copy


def with_policy(desk: Desk, policy: Path | None) -> Desk:
    copy = fresh(desk)
    copy.use_policy(policy)
    copy.ledger()
    return copy


def released(desk: Desk, claim_id: int, note: str, clerk: str | None) -> tuple[Desk, Message]:
    """The claim released by `clerk` with `note`, and the claims read again."""
    copy = dataclasses.replace(desk, user=clerk)  # the ledger in memory names the claim
    said = copy.release(claim_id, note)
    copy.ledger()
    return copy, said


def added(
    desk: Desk,
    files: list[Path],
    trust: Path | None,
    clerk: str | None,
    progress: Callable[[int, int, Any], None],
    cancel: Callable[[], bool],
) -> Any:
    """The documents verified and stored (`Desk.add`); the window reads the claims again after."""
    return dataclasses.replace(desk, user=clerk).add(files, trust, progress=progress, cancel=cancel)


def exported(desk: Desk, target: Path) -> Path:
    """The claim tables as Excel or PDF (by the file's suffix), written atomically."""
    if target.suffix.lower() == ".pdf":
        desk.export_pdf(target)
    elif target.suffix.lower() == ".xlsx":
        desk.export_excel(target)
    else:
        raise DiagnosisError(f"{target}: write the claim tables to a .xlsx or a .pdf file")
    return target
