"""Evidence attachments (佐证材料): file contents kept inside the database, by sha256."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Any

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.files import read_regular
from diagnosis.messages import msg
from diagnosis.model.index import index_of
from diagnosis.storage.assessments import DROP_UNUSED_BLOBS, questionnaire_of, require_draft
from diagnosis.storage.db import Store, inserted


def attach(store: Store, assessment_id: int, question_id: str, file: Path) -> int:
    """Copy a file into the database as evidence for a question; the original path is not kept."""
    require_draft(store, assessment_id)
    if question_id not in index_of(questionnaire_of(store, assessment_id).questionnaire).questions:
        raise DiagnosisError(msg("storage.evidence_question", question=question_id))
    content = read_regular(file, store.evidence_limit, "evidence file")
    return add_evidence(store, assessment_id, question_id, file.name, content)


def add_evidence(
    store: Store,
    assessment_id: int,
    question_id: str,
    name: str,
    content: bytes,
    media_type: str | None = None,
) -> int:
    """Store bytes as evidence (deduplicated by content)."""
    if len(content) > store.evidence_limit:
        limit = f"{store.evidence_limit / 2**20:.0f}"
        raise DiagnosisError(msg("storage.evidence_too_large", name=name, limit=limit))
    sha = hashlib.sha256(content).hexdigest()
    kind = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    with store.write(msg("storage.act.attach", name=name)) as db:
        db.table("blobs").insert({"sha256": sha, "content": content}, ignore=True)
        return inserted(
            db.table("evidence").insert(
                {
                    "assessment_id": assessment_id,
                    "question_id": question_id,
                    "sha256": sha,
                    "name": name,
                    "media_type": kind,
                    "size": len(content),
                    "added_at": store.now(),
                    "added_by": store.user,
                }
            )
        )


def evidence_of(store: Store, assessment_id: int) -> list[dict[str, Any]]:
    """Attachments of an assessment (without their bytes), in the order they were added."""
    return list(store.db.table("evidence").rows_where("assessment_id = ?", [assessment_id], order_by="id"))


def evidence_bytes(store: Store, sha256: str) -> bytes:
    row = store.db.execute("SELECT content FROM blobs WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise NotFoundError(msg("storage.no_evidence_sha", sha=sha256[:12]))
    return bytes(row[0])


def remove_evidence(store: Store, evidence_id: int) -> None:
    row = store.db.execute("SELECT assessment_id FROM evidence WHERE id = ?", [evidence_id]).fetchone()
    if row is None:
        raise NotFoundError(msg("storage.no_evidence", id=evidence_id))
    require_draft(store, row[0])
    with store.write(msg("storage.act.remove_evidence")) as db:
        db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        db.execute(DROP_UNUSED_BLOBS)
