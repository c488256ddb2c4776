"""The intake as a clerk's desk: the operations the desktop's 受理 window and the command line
share, with no Qt in sight. A window opens a `Desk` on a database, adds documents in a worker
thread (progress and cancel are callbacks), lists the claims with filters and sorting (in memory:
the ledger is made once, then every filter or sort is a pass over its claims), shows one claim's
details, releases a held claim and exports the Excel and PDF tables.

    desk = open_desk("postgresql://clerk@/intake?host=/run/postgresql", policy=Path("anhui-2023.yaml"))
    desk.add([Path("收件")], trust=Path("服务机构证书"), progress=bar.update, cancel=bar.cancelled)
    rows = desk.claims(ClaimFilter(city="合肥市", status="held"), sort="requested", descending=True)
    details = desk.details(rows[0].id)            # its flags explained, its documents (to open)
    desk.release(rows[0].id, "已电话核实佐证原件")
    desk.export_excel(Path("申领汇总.xlsx")); desk.export_pdf(Path("申领汇总.pdf"))

Every method raises a DiagnosisError (one sentence for the clerk) for anything a user can cause;
the database is left as it was.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL

from diagnosis.errors import DiagnosisError
from diagnosis.intake.db import database_url, open_engine, where
from diagnosis.intake.flags import Flag, about
from diagnosis.intake.ingest import collect
from diagnosis.intake.ledger import Claim, Ledger, Refused, Status, ledger
from diagnosis.intake.policy import Policy, default_policy, load_policy
from diagnosis.intake.schema import documents
from diagnosis.intake.workers import Tally, ingest_files
from diagnosis.messages import Message

Sort = Literal[
    "place", "enterprise", "provider", "report_number", "day", "score", "status", "requested", "payable"
]
SORTS: dict[str, Callable[[Claim], Any]] = {
    "place": Claim.place,  # city, county, enterprise: how a clerk looks for a claim
    "enterprise": lambda c: (c.row["enterprise"], c.place()),
    "provider": lambda c: (c.row["provider"] or "", c.place()),
    "report_number": lambda c: (c.row["report_number"] or "", c.place()),
    "day": lambda c: (c.row["day"], c.place()),
    "score": lambda c: (c.row["score"], c.place()),
    "status": lambda c: (c.status, c.place()),
    "requested": lambda c: (c.requested, c.place()),
    "payable": lambda c: (c.payable, c.place()),
}


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list; None (or "") is any. `text` finds an enterprise by a part of its
    name (full-width, spacing and case aside) or of its credit code."""

    city: str | None = None
    county: str | None = None
    provider: str | None = None
    status: Status | None = None
    text: str = ""

    def admits(self, claim: Claim, needle: str) -> bool:
        row = claim.row
        return (
            (not self.city or row["city"] == self.city)
            and (not self.county or row["county"] == self.county)
            and (not self.provider or row["provider"] == self.provider)
            and (not self.status or claim.status == self.status)
            and (not needle or needle in _searchable(claim))
        )


@dataclass(frozen=True)
class Choices:
    """What the filters offer: the cities, each city's counties, the providers (sorted)."""

    cities: list[str]
    counties: dict[str, list[str]]
    providers: list[str]


@dataclass(frozen=True)
class Document:
    """One document a claim arrived in: the file as the clerk received it (to open it)."""

    name: str
    kind: str  # package / report
    signature: str  # the one-line summary of its signature check
    signature_zh: str  # … in Chinese
    received_at: dt.datetime
    received_by: str | None


@dataclass
class Details:
    """One claim as the window's detail pane shows it: the claim, each flag on it with its
    explanation and evidence, and its documents."""

    claim: Claim
    flags: list[tuple[Flag, Message]]  # the flag and what it means (`flags.about`)
    documents: list[Document] = field(default_factory=list)


@dataclass
class Desk:
    """An open intake database under a policy (the built-in default until one is chosen)."""

    engine: Engine
    url: URL
    policy: Policy
    user: str | None = None
    start: dt.date | None = None  # the period, narrowed within the policy's (None: the policy's)
    end: dt.date | None = None
    _book: Ledger | None = None

    @property
    def where(self) -> str:
        """The database as shown to people (never its password)."""
        return where(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def use_policy(self, path: Path | None) -> Policy:
        """Apply the policy in `path` (None: the built-in default); PolicyError if it is not valid."""
        self.policy = load_policy(path) if path is not None else default_policy()
        self.refresh()
        return self.policy

    def refresh(self) -> None:
        """Forget the ledger: the next listing reads the database again."""
        self._book = None

    def add(
        self,
        paths: list[Path],
        trust: Path | None = None,
        *,
        workers: int = 1,
        progress: Callable[[int, int, Any], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Tally:
        """Verify and store packages and signed reports (folders recursively). `progress(done,
        total, outcome)` is called for each document as it is decided, in the calling thread;
        `cancel()` is asked between batches of 32 (each batch is stored or not, never half).
        Returns the counts, the refusals with their reasons and how many were left."""
        files = collect(paths)
        if not files:
            raise DiagnosisError("no packages (.diagpkg) or PDF reports found there")
        done = 0

        def step(outcome: Any) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, len(files), outcome)

        try:
            return ingest_files(
                self.url,
                files,
                trust_path=trust,
                workers=workers,
                user=self.user,
                progress=step,
                cancel=cancel,
            )
        finally:
            self.refresh()

    def ledger(self) -> Ledger:
        """Every claim under the policy (made once; `refresh` to read the database again)."""
        if self._book is None:
            self._book = ledger(self.engine, self.policy, self.start, self.end)
        return self._book

    def claims(
        self, only: ClaimFilter = ClaimFilter(), sort: Sort = "place", descending: bool = False
    ) -> list[Claim]:
        """The claims `only` admits, sorted by `sort` (ties by city, county, enterprise)."""
        needle = _folded(only.text)
        found = [c for c in self.ledger().claims if only.admits(c, needle)]
        return sorted(found, key=SORTS[sort], reverse=descending)

    def choices(self) -> Choices:
        """The cities, counties and providers the claims name, for the filters."""
        claims = self.ledger().claims
        counties: dict[str, set[str]] = {}
        for claim in claims:
            city, county = claim.row["city"], claim.row["county"]
            if city:
                counties.setdefault(city, set())
                if county:
                    counties[city].add(county)
        return Choices(
            sorted(counties),
            {city: sorted(names) for city, names in sorted(counties.items())},
            sorted({c.row["provider"] for c in claims if c.row["provider"]}),
        )

    def details(self, claim_id: int) -> Details:
        """One claim with its flags explained and the documents it arrived in."""
        claim = self._claim(claim_id)
        flags = [(f, about(f.kind)) for f in self.ledger().flags if claim_id in f.ids]
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents).where(documents.c.assessment_id == claim_id).order_by(documents.c.id)
            ).all()
        papers = [
            Document(r.name, r.kind, r.signature, r.signature_zh or r.signature, r.received_at, r.received_by)
            for r in rows
        ]
        return Details(claim, flags, papers)

    def release(self, claim_id: int, note: str) -> Message:
        """Release a held claim with a note, kept with the desk's user and the time; the sentence
        that says what was released (ReleaseError: why it cannot be)."""
        from diagnosis.intake.releases import release

        done = release(self.engine, self._claim(claim_id), note, self.user)
        self.refresh()
        return done

    def refused(self) -> list[Refused]:
        """The documents refused so far, with the reason in both languages."""
        return self.ledger().refused

    def export_excel(self, target: Path, by: str | None = None) -> None:
        """The claim tables as the Excel workbook `intake report -o FILE.xlsx` writes."""
        from diagnosis.intake.sheets import claims_workbook

        book = self.ledger()
        claims_workbook(self._volume(book, by), target, book)

    def export_pdf(self, target: Path, by: str | None = None, made_on: dt.date | None = None) -> None:
        """The claim tables as the PDF `intake report -o FILE.pdf` writes (dated `made_on`, else today)."""
        from diagnosis.intake.claims_pdf import write_claims_pdf
        from diagnosis.localtime import local_date

        book = self.ledger()
        day = made_on or dt.date.fromisoformat(local_date(dt.datetime.now(dt.UTC).isoformat()))
        write_claims_pdf(self._volume(book, by), day, target, book)

    def _volume(self, book: Ledger, by: str | None) -> Any:
        from diagnosis.intake.claims import claim_tables

        return claim_tables(self.engine, by, book.start, book.end)  # type: ignore[arg-type]

    def _claim(self, claim_id: int) -> Claim:
        claim = self.ledger().claim(claim_id)
        if claim is None:
            raise DiagnosisError(f"there is no claim #{claim_id} under this policy (list the claims again)")
        return claim


def open_desk(url: str | None = None, policy: Path | None = None, user: str | None = None) -> Desk:
    """A desk on the intake database `url` (a PostgreSQL URL or a SQLite file; default:
    DIAGNOSIS_INTAKE_DB, else intake.db in the user data folder), migrated on open, under the
    policy in `policy` (default: the built-in one, which pays nothing)."""
    chosen = load_policy(policy) if policy is not None else default_policy()
    address = database_url(url)
    return Desk(open_engine(address), address, chosen, user)


def _folded(text: str) -> str:
    """A search as compared: NFKC, no spacing, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _searchable(claim: Claim) -> str:
    row = claim.row
    return _folded(f"{row['enterprise']} {row['uscc'] or ''}")
