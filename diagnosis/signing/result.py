"""The outcome of checking a signature: each strict rule as a flag, and sentences for what failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from diagnosis.localtime import told
from diagnosis.messages import Message, joined, msg
from diagnosis.signing.identity import SignerIdentity

NOT_SIGNED = msg("signing.not_signed")


@dataclass
class SignatureCheck:
    """A signature check. `ok` only when every rule holds; `reasons` name what does not.

    `whole` means the signature covers the entire file (a PDF) or the given bytes (CMS);
    `certified` means the PDF is certified with no changes allowed (None for CMS). Reasons are
    catalogued messages (`diagnosis.messages`), so they show in the reader's language.
    """

    signed: bool = False
    intact: bool = False
    whole: bool = False
    certified: bool | None = None
    trusted: bool = False
    signer: SignerIdentity | None = None
    signed_at: datetime | None = None
    reasons: list[str] = field(default_factory=list)
    signed_revision: int | None = None  # a PDF's revision holding the signature (0 the first)

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

    def summary(self) -> Message:
        """One line for a reviewer: who signed and whether to trust it."""
        if not self.signed:
            return NOT_SIGNED
        signed = (
            msg("signing.signed_by_on", signer=who(self.signer), moment=told(self.signed_at))
            if self.signed_at
            else msg("signing.signed_by", signer=who(self.signer))
        )
        return signed if self.ok else msg("signing.with_reasons", line=signed, reasons=joined(self.reasons))

    def only_untrusted(self) -> bool:
        """Signed soundly, and the one thing wrong is that the signer is not on the trust list
        (the intake takes such a document in, flagged; anything else it refuses)."""
        untrusted = ("signing.untrusted", "signing.untrusted_empty")
        return (
            self.signed
            and self.intact
            and self.whole
            and self.certified is not False
            and bool(self.reasons)
            and all(getattr(reason, "code", None) in untrusted for reason in self.reasons)
        )


def who(signer: SignerIdentity | None) -> Message:
    """How a sentence names a signer: organisation, short fingerprint, USCC when present."""
    if signer is None:
        return msg("signing.unknown_signer")
    if signer.uscc:
        return msg(
            "signing.who_uscc",
            name=signer.display_name,
            fingerprint=signer.short_fingerprint,
            uscc=signer.uscc,
        )
    return msg("signing.who", name=signer.display_name, fingerprint=signer.short_fingerprint)
