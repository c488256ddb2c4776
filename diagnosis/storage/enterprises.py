"""Enterprises: one per unified social credit code, many assessments each."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from stdnum.cn import uscc as uscc_number
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.messages import msg
from diagnosis.records import SIZE_CLASSES as SIZE_CLASSES
from diagnosis.storage.db import Store, inserted

_USCC_CHECKS: dict[type[ValidationError], str] = {
    InvalidLength: "uscc.length",
    InvalidFormat: "uscc.characters",
    InvalidChecksum: "uscc.checksum",
    InvalidComponent: "uscc.component",
}


@dataclass
class EnterpriseInput:
    name: str
    uscc: str | None = None
    industry: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    size_class: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None


def check_uscc(code: str) -> str:
    """The compact code, or a DiagnosisError naming the check that failed."""
    try:
        return str(uscc_number.validate(code))
    except ValidationError as error:
        reason = next((msg(c) for kind, c in _USCC_CHECKS.items() if isinstance(error, kind)), str(error))
        raise DiagnosisError(msg("uscc.invalid", code=code, reason=reason)) from None


def add_enterprise(store: Store, data: EnterpriseInput) -> int:
    """Insert an enterprise; the same USCC twice is an error naming the existing entry."""
    name = data.name.strip()
    if not name:
        raise DiagnosisError(msg("storage.name_required"))
    row = asdict(data) | {"name": name}
    if data.uscc:
        row["uscc"] = check_uscc(data.uscc)
        existing = find_by_uscc(store, row["uscc"])
        if existing is not None:
            raise DiagnosisError(
                msg("storage.uscc_exists", code=row["uscc"], id=existing["id"], name=existing["name"])
            )
    if data.size_class and data.size_class not in SIZE_CLASSES:
        raise DiagnosisError(msg("storage.size_class", classes=", ".join(SIZE_CLASSES)))
    now = store.now()
    with store.write(msg("storage.act.add_enterprise")) as db:
        return inserted(db.table("enterprises").insert(row | {"created_at": now, "updated_at": now}))


def find_by_uscc(store: Store, code: str) -> dict[str, Any] | None:
    rows = list(store.db.table("enterprises").rows_where("uscc = ?", [code]))
    return rows[0] if rows else None


def get_enterprise(store: Store, enterprise_id: int) -> dict[str, Any]:
    rows = list(store.db.table("enterprises").rows_where("id = ?", [enterprise_id]))
    if not rows:
        raise NotFoundError(f"no enterprise #{enterprise_id}")
    return rows[0]


def list_enterprises(store: Store) -> list[dict[str, Any]]:
    return list(store.db.table("enterprises").rows_where(order_by="name, id"))


def find_or_add(store: Store, name: str, uscc: str | None) -> int:
    """The enterprise with this code (or this name, without a code), added when new."""
    if uscc:
        found = find_by_uscc(store, check_uscc(uscc))
        if found is not None:
            return int(found["id"])
    else:
        rows = list(store.db.table("enterprises").rows_where("name = ? AND uscc IS NULL", [name.strip()]))
        if rows:
            return int(rows[0]["id"])
    return add_enterprise(store, EnterpriseInput(name=name, uscc=uscc))
