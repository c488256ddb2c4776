"""Taking documents in: each verified (`checks`), then stored in one transaction with its details.

Idempotent by constraint: the same file again is "already received" (UNIQUE document hash); the
same revision in another document (a package and its signed report) is added to it when the
content agrees and refused when it does not (UNIQUE uid and revision); a newer revision supersedes
an older one, both kept. Two processes inserting the same thing at once collide on a constraint,
and the loser retries once and then sees the winner's row: nothing is counted twice or lost.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from diagnosis.errors import DiagnosisError
from diagnosis.files import read_regular
from diagnosis.intake.checks import Checker, Refused
from diagnosis.intake.columns import Received
from diagnosis.intake.db import IntakeError, transaction
from diagnosis.intake.schema import assessments, documents, metadata, refusals
from diagnosis.storage.archive import MAX_TOTAL

Status = Literal["received", "added", "already", "refused"]
SUFFIXES = (".diagpkg", ".pdf")
MAX_REPORT = 256 * 2**20  # the largest signed report checked (its own limit, in signing)
# Columns a second document of the same revision must agree on.
SAME = ("answers_digest", "questionnaire_sha256", "enterprise_key", "status")


@dataclass
class Outcome:
    """What happened to one document, as the clerk reads it."""

    name: str
    status: Status
    message: str
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Intake:
    """One process's way in: the database, the checker, who is receiving and the clock."""

    engine: Engine
    checker: Checker
    user: str | None = None
    clock: Any = field(default=lambda: dt.datetime.now(dt.UTC))

    def add_file(self, path: Path) -> Outcome:
        """Read, check and store one file."""
        started = time.perf_counter()
        try:
            raw = read_regular(path, max(MAX_TOTAL, MAX_REPORT), "document")
        except DiagnosisError as error:
            return Outcome(str(path), "refused", error.lines[0])
        outcome = self.add(raw, str(path))
        outcome.timings["file"] = time.perf_counter() - started - sum(outcome.timings.values())
        return outcome

    def add(self, raw: bytes, name: str) -> Outcome:
        """Check and store one document given as bytes."""
        before = dict(self.checker.timings)
        sha = _sha(raw)
        known = self._known(sha)
        if known is not None:
            return Outcome(name, "already", f"already received ({known})")
        try:
            received = self.checker.check(raw, name)
        except Refused as error:
            self._refuse(sha, name, error.lines[0])
            return Outcome(name, "refused", error.lines[0], _spent(before, self.checker.timings))
        started = time.perf_counter()
        status, message = self._store(received)
        timings = _spent(before, self.checker.timings) | {"store": time.perf_counter() - started}
        return Outcome(name, status, message, timings)

    def _known(self, sha: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(assessments.c.enterprise, assessments.c.uid, assessments.c.revision)
                .join(documents, documents.c.assessment_id == assessments.c.id)
                .where(documents.c.sha256 == sha)
            ).first()
        return None if row is None else _label(row.enterprise, row.uid, row.revision)

    def _store(self, received: Received) -> tuple[Status, str]:
        for attempt in (1, 2):
            try:
                with transaction(self.engine, "store the document") as conn:
                    return self._write(conn, received)
            except IntegrityError:
                if attempt == 2:  # pragma: no cover - a second collision means something else is wrong
                    raise IntakeError(
                        f"cannot store {received.document['name']}: it collides with another clerk's "
                        "document twice"
                    ) from None
            except Refused as error:
                self._refuse(received.sha256, received.document["name"], error.lines[0])
                return "refused", error.lines[0]
        raise AssertionError("unreachable")

    def _write(self, conn: Connection, received: Received) -> tuple[Status, str]:
        row = received.assessment
        now = self.clock()
        label = _label(row["enterprise"], row["uid"], row["revision"])
        known = conn.execute(select(documents.c.id).where(documents.c.sha256 == received.sha256)).first()
        if known is not None:
            return "already", f"already received ({label})"
        same = conn.execute(
            select(assessments).where(
                assessments.c.uid == row["uid"], assessments.c.revision == row["revision"]
            )
        ).first()
        document = received.document | {"received_at": now, "received_by": self.user}
        if same is not None:
            differing = [k for k in SAME if getattr(same, k) != row[k]]
            if differing:
                raise Refused(
                    f"revision {row['revision']} of assessment {row['uid'][:8]} was already received "
                    f"with other content ({', '.join(differing)} differ)"
                )
            conn.execute(insert(documents).values(document | {"assessment_id": same.id}))
            conn.execute(
                update(assessments)
                .where(assessments.c.id == same.id)
                .values(
                    signed=or_(assessments.c.signed, received.document["signed"]),
                    trusted=or_(assessments.c.trusted, received.document["trusted"]),
                    signer=func.coalesce(assessments.c.signer, row["signer"]),
                )
            )
            return "added", f"{label}: also received as a {received.document['kind']}"
        other = conn.execute(
            select(assessments.c.enterprise_key, func.max(assessments.c.revision))
            .where(assessments.c.uid == row["uid"])
            .group_by(assessments.c.enterprise_key)
        ).all()
        if any(key != row["enterprise_key"] for key, _ in other):
            raise Refused(
                f"assessment {row['uid'][:8]} was received for another enterprise; a revision cannot "
                "move it to this one"
            )
        values = row | {"received_at": now, "created_at": row["created_at"] or now}
        new_id = conn.execute(insert(assessments).values(values).returning(assessments.c.id)).scalar_one()
        for table, rows in received.details.items():
            if rows:
                conn.execute(metadata.tables[table].insert(), [r | {"assessment_id": new_id} for r in rows])
        conn.execute(insert(documents).values(document | {"assessment_id": new_id}))
        newest = max((revision for _, revision in other), default=0)
        if newest > row["revision"]:
            return "received", f"{label}: received; revision {newest} already here counts instead"
        if newest:
            return "received", f"{label}: received; supersedes revision {newest}"
        return "received", f"{label}: received"

    def _refuse(self, sha: str | None, name: str, reason: str) -> None:
        with transaction(self.engine, "record the refusal") as conn:
            conn.execute(
                insert(refusals).values(
                    sha256=sha,
                    name=name[:1000],
                    reason=reason,
                    received_at=self.clock(),
                    received_by=self.user,
                )
            )


def collect(paths: list[Path]) -> list[Path]:
    """The files to take in: each file named, and packages and PDFs in folders (recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _label(enterprise: str, uid: str, revision: int) -> str:
    return f"{enterprise} {uid[:8]} r{revision}"


def _spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {k: v - before.get(k, 0.0) for k, v in after.items() if v - before.get(k, 0.0) > 0}


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
