"""The fields of enterprise and assessment records that travel: in packages, in the report's
verification data and in `diagnosis show`. One list, so the three never drift apart."""

from __future__ import annotations

ENTERPRISE_FIELDS = (
    "name",
    "uscc",
    "industry",
    "province",
    "city",
    "county",
    "size_class",
    "contact_name",
    "contact_phone",
)
ASSESSMENT_FIELDS = (
    "uid",
    "revision",
    "status",
    "mode",
    "provider",
    "assessor",
    "created_at",
    "updated_at",
    "finalized_at",
    "created_by",
)
