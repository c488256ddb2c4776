"""A reviewer releasing a held claim with a note: kept with who and when, never edited. A release
lifts the reasons that held the claim when it was given (a reason that arises later holds it
again); what only the provider can mend (no signature, an untrusted signer, no valid credit code,
an effect not measured — too early, or its figures copied — a region, questionnaire or self-
assessment the policy does not cover) cannot be released with a note."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, insert, select

from diagnosis.errors import DiagnosisError
from diagnosis.files import read_regular
from diagnosis.intake.current import counted
from diagnosis.intake.db import transaction
from diagnosis.intake.flags import label
from diagnosis.intake.ledger import Claim, Ledger
from diagnosis.intake.schema import assessments, documents, releases
from diagnosis.messages import Items, Message, msg

MAX_NOTE = 2000  # characters: a reviewer's note is a few sentences
MAX_DOCUMENT = 300 * 2**20  # a document looked up by its hash: a package or a report


class ReleaseError(DiagnosisError):
    """A release that cannot be given, with the reason in one sentence."""


def named(claim: Claim) -> str:
    """How a sentence names a claim: its enterprise and report number."""
    return label(claim.row["enterprise"], claim.row["report_number"], claim.row["day"])


def find(engine: Engine, book: Ledger, doc: str) -> Claim:
    """The claim `doc` names: a report number, or the path of a document the intake received."""
    path = Path(doc)
    if path.is_file():
        sha = hashlib.sha256(read_regular(path, MAX_DOCUMENT, "document")).hexdigest()
        with engine.connect() as conn:
            found = conn.execute(
                select(documents.c.assessment_id).where(documents.c.sha256 == sha)
            ).scalar_one_or_none()
        claim = book.claim(found) if found is not None else None
        if claim is None:
            raise ReleaseError(msg("release.no_document", name=path.name))
        return claim
    with engine.connect() as conn:
        ids = conn.execute(
            select(assessments.c.id).where(counted(), assessments.c.report_number == doc[:64])
        ).scalars()
        claims = [c for c in (book.claim(i) for i in ids) if c is not None]
    if not claims:
        raise ReleaseError(msg("release.none", number=doc[:64]))
    if len(claims) > 1:
        raise ReleaseError(
            msg("release.several", number=doc, count=len(claims), claims=Items([named(c) for c in claims]))
        )
    return claims[0]


def release(
    engine: Engine,
    claim: Claim,
    note: str,
    user: str | None,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Message:
    """Release `claim` (from a ledger just made) with `note`; the sentence that says what was
    released. Refused in a sentence, writing nothing: no note, nothing held, or a reason a note
    cannot release."""
    text = note.strip()
    if not text:
        raise ReleaseError(msg("release.no_note"))
    if len(text) > MAX_NOTE:
        raise ReleaseError(msg("release.note_long", length=len(text), limit=MAX_NOTE))
    if not claim.holds:
        raise ReleaseError(msg("release.not_held", claim=named(claim)))
    fixed = [h.reason for h in claim.holds if not h.releasable]
    if fixed:
        raise ReleaseError(msg("release.not_releasable", claim=named(claim), reasons=Items(fixed)))
    with transaction(engine, "record the release") as conn:
        conn.execute(
            insert(releases).values(
                assessment_id=claim.id,
                report_number=claim.row["report_number"],
                reasons=",".join(h.code for h in claim.holds),
                note=text,
                released_by=user,
                released_at=clock(),
            )
        )
    return msg("release.done", claim=named(claim), reasons=Items([h.reason for h in claim.holds]))
