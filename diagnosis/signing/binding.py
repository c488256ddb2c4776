"""What binds a signature to the document it signs: the signer must be the provider the document
names, and cannot have signed before the assessment was finalized.

Names are compared as people write them, not byte for byte: after Unicode NFKC (full-width
letters, digits and brackets become their ordinary forms: （ is (, Ａ is A) and with every run of
whitespace made one space and the ends trimmed; otherwise exactly (no case folding, no
traditional/simplified folding: a different name is a different signer). When both the document
and the certificate carry a unified social credit code, the codes decide and the names are not
compared (a certificate may say 有限责任公司 where the provider typed 有限公司).

The rule is used by `verify` and the intake (a mismatch fails the document) and by `sign`,
`report --sign` and `export --sign` (refused before anything is written).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from diagnosis.errors import DiagnosisError
from diagnosis.messages import Message, msg
from diagnosis.signing.identity import SignerIdentity

_SPACES = re.compile(r"\s+")


def normalised(name: str) -> str:
    """A name as compared: NFKC, each run of whitespace one space, the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip()


def same_party(name: str | None, code: str | None, other_name: str | None, other_code: str | None) -> bool:
    """Two organisations named with an optional credit code each: the codes decide when both
    have one, else the names (an absent name matches nothing but another absent name)."""
    if code and other_code:
        return code == other_code
    return normalised(name or "") == normalised(other_name or "")


def same_provider(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether two assessment records name the same provider (`verify --package`)."""
    return same_party(
        first.get("provider"), first.get("provider_uscc"), second.get("provider"), second.get("provider_uscc")
    )


def provider_mismatch(signer: SignerIdentity, assessment: Mapping[str, Any], document: str) -> Message | None:
    """Why `signer` is not the provider the `document` ("the report", "the package") names in its
    assessment record (`provider`, `provider_uscc`); None when it is."""
    name, code = assessment.get("provider"), assessment.get("provider_uscc")
    if not name and not code:
        return msg(
            "binding.names_no_provider", signer=_party(signer.display_name, signer.uscc), document=document
        )
    if same_party(name, code, signer.display_name, signer.uscc):
        return None
    return msg(
        "binding.other_provider",
        signer=_party(signer.display_name, signer.uscc),
        document=document,
        provider=_party(str(name or ""), code),
    )


def require_provider(signer: SignerIdentity, assessment: Mapping[str, Any], document: str) -> None:
    """Refuse to sign a document that names another provider (one sentence, nothing written)."""
    mismatch = provider_mismatch(signer, assessment, document)
    if mismatch is not None:
        raise DiagnosisError(msg("binding.not_signing", reason=mismatch))


def signed_too_early(signed_at: datetime | None, assessment: Mapping[str, Any]) -> Message | None:
    """Why a signing time (as the signature states it) is before the document could exist: before
    the assessment was finalized (a draft: before its last change). None when it is not, or when
    either time is unknown."""
    made, finalized = _moment(assessment.get("finalized_at")), True
    if made is None:
        made, finalized = _moment(assessment.get("updated_at")), False
    if signed_at is None or made is None:
        return None
    signed = signed_at if signed_at.tzinfo else signed_at.replace(tzinfo=UTC)
    if signed >= made:
        return None
    return msg(
        "binding.signed_before_finalized" if finalized else "binding.signed_before_changed",
        signed=f"{signed.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
        made=f"{made:%Y-%m-%d %H:%M} UTC",
    )


PRINTED_WINDOW = timedelta(minutes=10)  # a report is printed, then signed at once


def printed_time_differs(signed_at: datetime | None, printed: str | None) -> Message | None:
    """Why the signing time a report prints in its signature block is not the signature's own
    (which must follow it within PRINTED_WINDOW). None when they agree or either is unknown."""
    stated = _moment(printed)
    if signed_at is None or stated is None:
        return None
    signed = signed_at if signed_at.tzinfo else signed_at.replace(tzinfo=UTC)
    if stated <= signed <= stated + PRINTED_WINDOW:
        return None
    return msg(
        "binding.printed_time",
        printed=f"{stated:%Y-%m-%d %H:%M} UTC",
        signed=f"{signed.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
    )


def _party(name: str, code: str | None) -> Message:
    """How a sentence names an organisation: its name, and its credit code when known."""
    if code:
        return (
            msg("binding.party_uscc", name=name, uscc=code) if name else msg("binding.party_code", uscc=code)
        )
    return msg("binding.party", name=name)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
