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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from diagnosis.errors import DiagnosisError
from diagnosis.files import read_regular
from diagnosis.intake.checks import Checker, Refused
from diagnosis.intake.columns import Received
from diagnosis.intake.db import IntakeError, insert_rows, transaction
from diagnosis.intake.enterprises import same_enterprise
from diagnosis.intake.schema import assessments, documents, file_number, key_number, metadata, refusals
from diagnosis.localtime import local_date
from diagnosis.messages import msg, render
from diagnosis.storage.archive import MAX_TOTAL

Status = Literal["received", "added", "already", "refused"]
SUFFIXES = (".diagpkg", ".pdf")
MAX_REPORT = 256 * 2**20  # the largest signed report checked (its own limit, in signing)
# Columns a second document of the same revision must agree on.
SAME = ("answers_digest", "questionnaire_sha256", "enterprise_key", "status")
CLOCK_SKEW = dt.timedelta(days=1)  # a laptop's clock may run ahead; a finalized time further ahead is not


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
        return self.add_files([path])[0]

    def add(self, raw: bytes, name: str) -> Outcome:
        """Check and store one document given as bytes."""
        return self.add_batch([(name, raw)])[0]

    def add_files(self, paths: list[Path]) -> list[Outcome]:
        """Read, check and store files, committed together (see `add_batch`)."""
        named: list[tuple[str, bytes | DiagnosisError]] = []
        for path in paths:
            try:
                named.append((str(path), read_regular(path, max(MAX_TOTAL, MAX_REPORT), "document")))
            except DiagnosisError as error:
                named.append((str(path), error))
        return self.add_batch(named)

    def add_batch(self, named: Sequence[tuple[str, bytes | DiagnosisError]]) -> list[Outcome]:
        """Check each document, then store them all in one transaction: one commit (one disk
        flush) for the batch. Any collision with another clerk's transaction rolls the batch back
        and stores its documents one by one instead."""
        started = time.perf_counter()
        outcomes: list[Outcome | None] = [None] * len(named)
        shas = {n: _sha(raw) for n, (_, raw) in enumerate(named) if isinstance(raw, bytes)}
        known = self._known(set(shas.values()))
        todo: list[tuple[int, Received]] = []
        refused: list[tuple[int, str | None, str]] = []
        seen: set[str] = set()
        for n, (name, raw) in enumerate(named):
            before = dict(self.checker.timings)
            if isinstance(raw, DiagnosisError):
                refused.append((n, None, raw.lines[0]))
                continue
            sha = shas[n]
            if sha in known or sha in seen:
                outcomes[n] = Outcome(
                    name, "already", f"already received ({known.get(sha, 'in this batch')})"
                )
                continue
            seen.add(sha)
            try:
                todo.append((n, self.checker.check(raw, name)))
            except DiagnosisError as error:  # Refused, and any sentence a reader raised
                refused.append((n, sha, error.lines[0]))
            except Exception as error:  # a stranger's file may break a parser in any way it likes
                refused.append((n, sha, msg("intake.unreadable", reason=_reason(error))))
            outcomes[n] = Outcome(name, "refused", "", _spent(before, self.checker.timings))
        checked = time.perf_counter()
        stored = self._store_all([r for _, r in todo], [(named[n][0], sha, why) for n, sha, why in refused])
        for (n, _), (status, message) in zip(todo, stored, strict=True):
            outcome = outcomes[n]
            assert outcome is not None
            outcome.status, outcome.message = status, message
        for n, _, why in refused:
            spent = outcomes[n]
            outcomes[n] = Outcome(named[n][0], "refused", why, spent.timings if spent else {})
        done = [o for o in outcomes if o is not None]
        share = (time.perf_counter() - checked) / max(len(todo) + len(refused), 1)
        overhead = (checked - started - sum(sum(o.timings.values()) for o in done)) / max(len(done), 1)
        for outcome in done:
            outcome.timings["store"] = share if outcome.status != "already" else 0.0
            outcome.timings["file"] = overhead
        return done

    def _known(self, shas: set[str]) -> dict[str, str]:
        """Which of these document hashes are here already, with what they were."""
        if not shas:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    documents.c.sha256, assessments.c.enterprise, assessments.c.uid, assessments.c.revision
                )
                .join(assessments, documents.c.assessment_id == assessments.c.id)
                .where(documents.c.sha256.in_(sorted(shas)))
            ).all()
        return {r.sha256: _label(r.enterprise, r.uid, r.revision) for r in rows}

    def _store_all(
        self, received: list[Received], refused: list[tuple[str, str | None, str]]
    ) -> list[tuple[Status, str]]:
        try:
            with transaction(self.engine, "store the documents") as conn:
                details = Details()
                revisions = _revisions(conn, {item.assessment["uid"] for item in received})
                results = []
                for item in received:
                    try:
                        results.append(self._write(conn, item, details, revisions))
                    except Refused as error:  # refused before it wrote anything
                        refused.append((item.document["name"], item.sha256, error.lines[0]))
                        results.append(("refused", error.lines[0]))
                details.flush(conn)
                self._record_refusals(conn, refused)
                return results
        except (IntegrityError, IntakeError) as error:
            if isinstance(error, IntakeError) and "deadlock" not in str(error).lower():
                raise
        results = [self._store(item) for item in received]  # one by one, each retried once
        with transaction(self.engine, "record the refusals") as conn:
            self._record_refusals(conn, [r for r in refused if r[1] not in {i.sha256 for i in received}])
        return results

    def _store(self, received: Received) -> tuple[Status, str]:
        for attempt in (1, 2):
            try:
                with transaction(self.engine, "store the document") as conn:
                    details = Details()
                    revisions = _revisions(conn, {received.assessment["uid"]})
                    status = self._write(conn, received, details, revisions, recheck=True)
                    details.flush(conn)
                    return status
            except IntegrityError:
                if attempt == 2:  # pragma: no cover - a second collision means something else is wrong
                    raise IntakeError(
                        f"cannot store {received.document['name']}: it collides with another clerk's "
                        "document twice"
                    ) from None
            except Refused as error:
                with transaction(self.engine, "record the refusal") as conn:
                    self._record_refusals(
                        conn, [(received.document["name"], received.sha256, error.lines[0])]
                    )
                return "refused", error.lines[0]
        raise AssertionError("unreachable")

    def _write(
        self,
        conn: Connection,
        received: Received,
        details: Details,
        revisions: dict[str, list[Revision]],
        recheck: bool = False,
    ) -> tuple[Status, str]:
        """Store one checked document, its detail rows into `details`, keeping `revisions` (the
        batch's assessments by uid, read once) up to date; `recheck` looks for its hash again (the
        batch looked before checking; a retry after a collision must look again). Every refusal
        comes before the first write, so a batch needs no savepoints."""
        row = received.assessment
        now = self.clock()
        label = _label(row["enterprise"], row["uid"], row["revision"])
        if recheck:
            known = conn.execute(select(documents.c.id).where(documents.c.sha256 == received.sha256)).first()
            if known is not None:
                return "already", f"already received ({label})"
        _refuse_future(row, now)
        stored = revisions.setdefault(row["uid"], [])
        same = next((r for r in stored if r.revision == row["revision"]), None)
        other = [r for r in stored if r.revision != row["revision"]]
        _refuse_another(row, stored, other)
        document = received.document | {"received_at": now, "received_by": self.user}
        replaced = same is not None and same.status == "draft" and row["status"] == "finalized"
        if same is not None and not replaced:
            differing = [k for k in SAME if getattr(same, k) != row[k]]
            if differing:
                raise Refused(
                    f"revision {row['revision']} of assessment {row['uid'][:8]} was already received "
                    f"with other content ({', '.join(differing)} differ)"
                )
            details.add(same.id, same.enterprise_key, {"documents": [document]})
            conn.execute(
                update(assessments)
                .where(assessments.c.id == same.id)
                .values(
                    signed=or_(assessments.c.signed, received.document["signed"]),
                    trusted=or_(assessments.c.trusted, received.document["trusted"]),
                    signer=func.coalesce(assessments.c.signer, row["signer"]),
                )
            )
            stored[stored.index(same)] = same._replace(signer=same.signer or row["signer"])
            return "added", f"{label}: also received as a {received.document['kind']}"
        if replaced:  # the finalized assessment takes the place of the draft handed in before
            assert same is not None
            details.flush(conn)  # the draft's own rows may still be waiting: in before it goes
            conn.execute(delete(assessments).where(assessments.c.id == same.id))
            stored.remove(same)
        values = row | {"received_at": now, "created_at": row["created_at"] or now}
        # The values as parameters, not in the statement: one compiled INSERT serves every row.
        new_id = conn.execute(insert(assessments).returning(assessments.c.id), values).scalar_one()
        stored.append(Revision(new_id, row["revision"], *[row[k] for k in Revision._fields[2:]]))
        details.add(new_id, row["enterprise_key"], received.details | {"documents": [document]})
        if replaced:
            return "received", f"{label}: received; replaces the draft received before"
        newest = max((r.revision for r in other), default=0)
        if newest > row["revision"]:
            return "received", f"{label}: received; revision {newest} already here counts instead"
        if newest:
            return "received", f"{label}: received; supersedes revision {newest}"
        return "received", f"{label}: received"

    def _record_refusals(self, conn: Connection, refused: list[tuple[str, str | None, str]]) -> None:
        if refused:
            now = self.clock()
            rows = [
                {
                    "sha256": sha,
                    "name": name[:1000],
                    "reason": why,
                    "reason_zh": render(why, "zh"),  # the sentence itself, when it is not catalogued
                    "received_at": now,
                    "received_by": self.user,
                }
                for name, sha, why in refused
            ]
            conn.execute(insert(refusals), rows)


class Revision(NamedTuple):
    """What storing a document needs to know of a revision already here."""

    id: int
    revision: int
    answers_digest: str
    questionnaire_sha256: str
    enterprise_key: str
    status: str
    uscc: str | None
    name_key: str
    signer: str | None  # who signed any document of it (None: none signed)


def _refuse_future(row: dict[str, Any], now: dt.datetime) -> None:
    """A finalized time later than now (beyond a day of clock skew) is refused: an assessment
    cannot count for a day that has not come."""
    finalized = row["finalized_at"]
    if finalized is not None and finalized > now + CLOCK_SKEW:
        day = local_date(finalized.isoformat())
        raise Refused(msg("intake.future", uid=row["uid"][:8], revision=row["revision"], day=day))


def _refuse_another(row: dict[str, Any], stored: list[Revision], other: list[Revision]) -> None:
    """A revision keeps its enterprise (the same credit code, or the same name and region where a
    code is missing) and its signer: whatever another provider signs is never counted in place of
    what the first one signed, in whichever order the revisions arrive."""
    mine = (row["uscc"], row["name_key"])
    if any(not same_enterprise((r.uscc, r.name_key), mine) for r in other):
        raise Refused(msg("intake.other_enterprise", uid=row["uid"][:8]))
    signers = sorted({r.signer for r in stored if r.signer})
    if row["signer"] and signers and row["signer"] not in signers:
        raise Refused(
            msg("intake.other_signer", uid=row["uid"][:8], before="、".join(signers), now=row["signer"])
        )


def _revisions(conn: Connection, uids: set[str]) -> dict[str, list[Revision]]:
    """The revisions stored of these assessments, by uid: one query for a batch."""
    columns = [assessments.c[k] for k in Revision._fields]
    found: dict[str, list[Revision]] = {}
    for row in conn.execute(select(assessments.c.uid, *columns).where(assessments.c.uid.in_(sorted(uids)))):
        found.setdefault(row.uid, []).append(Revision(*row[1:]))
    return found


@dataclass
class Details:
    """The rows that hang off a batch's assessments (dimensions, scenes, KPIs…, and the documents
    themselves), inserted together: one statement per table per batch rather than per document."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, set[str]] = field(default_factory=dict)  # evidence sha256 → enterprise keys

    def add(self, assessment_id: int, enterprise_key: str, details: dict[str, list[dict[str, Any]]]) -> None:
        for table, rows in details.items():
            self.rows.setdefault(table, []).extend(r | {"assessment_id": assessment_id} for r in rows)
        for row in details.get("evidence", ()):
            self.files.setdefault(row["sha256"], set()).add(enterprise_key)

    def flush(self, conn: Connection) -> None:
        for table, rows in self.rows.items():
            insert_rows(conn, metadata.tables[table], rows)
        _mark_files(conn, self.files)
        self.rows.clear()
        self.files.clear()


# An evidence file comes in with its enterprise key; seen before under another key, it is marked
# shared (`schema.evidence_files`). In one statement per batch, in file order, so two clerks
# marking the same files lock them in the same order.
_MARKED = (
    " ON CONFLICT (number) DO UPDATE SET shared = evidence_files.shared OR excluded.shared"
    " OR evidence_files.key_number <> excluded.key_number"
)
_MARK = {
    "postgresql": text(
        "INSERT INTO evidence_files (number, key_number, shared) SELECT * FROM unnest("
        "CAST(:number AS bigint[]), CAST(:key_number AS bigint[]), CAST(:shared AS boolean[]))" + _MARKED
    ),
    "sqlite": text(
        "INSERT INTO evidence_files (number, key_number, shared) VALUES (:number, :key_number, :shared)"
        + _MARKED
    ),
}


def _mark_files(conn: Connection, files: dict[str, set[str]]) -> None:
    if not files:
        return
    numbered = {k: key_number(k) for k in set().union(*files.values())}  # a batch has few keys
    keys: dict[int, set[int]] = {}
    for sha, found in files.items():
        keys.setdefault(file_number(sha), set()).update(numbered[k] for k in found)
    rows = [{"number": n, "key_number": min(keys[n]), "shared": len(keys[n]) > 1} for n in sorted(keys)]
    if conn.dialect.name == "postgresql":  # the rows as three arrays: one statement, few bytes
        conn.execute(_MARK["postgresql"], {name: [r[name] for r in rows] for name in rows[0]})
    else:
        conn.execute(_MARK["sqlite"], rows)


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


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0][:100] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
