"""The outcome of checking a signature: each strict rule as a flag, and sentences for what failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from diagnosis.signing.identity import SignerIdentity

NOT_SIGNED = "not signed"


@dataclass
class SignatureCheck:
    """A signature check. `ok` only when every rule holds; `reasons` name what does not.

    `whole` means the signature covers the entire file (a PDF) or the given bytes (CMS);
    `certified` means the PDF is certified with no changes allowed (None for CMS).
    """

    signed: bool = False
    intact: bool = False
    whole: bool = False
    certified: bool | None = None
    trusted: bool = False
    signer: SignerIdentity | None = None
    signed_at: datetime | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.whole and self.trusted and not self.reasons

    @classmethod
    def failed(cls, reason: str, **facts: Any) -> SignatureCheck:
        return cls(reasons=[reason], **facts)

    def to_dict(self) -> dict[str, Any]:
        """For `--json` output: every flag, the signer, and the reasons."""
        return {
            "ok": self.ok,
            "signed": self.signed,
            "intact": self.intact,
            "entire_file": self.whole,
            "certified_no_changes": self.certified,
            "trusted": self.trusted,
            "signer": self.signer.to_dict() if self.signer else None,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "reasons": list(self.reasons),
        }

    def summary(self) -> str:
        """One line for a reviewer: who signed and whether to trust it."""
        if not self.signed:
            return NOT_SIGNED
        when = f" on {self.signed_at:%Y-%m-%d %H:%M} UTC" if self.signed_at else ""
        return f"signed by {who(self.signer)}{when}" + ("" if self.ok else f": {'; '.join(self.reasons)}")


def who(signer: SignerIdentity | None) -> str:
    """How a sentence names a signer: organisation, short fingerprint, USCC when present."""
    if signer is None:
        return "an unknown signer"
    code = f", USCC {signer.uscc}" if signer.uscc else ""
    return f"{signer.display_name} (fingerprint {signer.short_fingerprint}{code})"
