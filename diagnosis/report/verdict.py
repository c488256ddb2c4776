"""What verifying a report found: the data checks' problems, the signature check, and the lines
`diagnosis verify` prints (shared by the current and the legacy report formats)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diagnosis.messages import Message, msg

if TYPE_CHECKING:
    from diagnosis.report.source import Signer
    from diagnosis.signing.result import SignatureCheck


@dataclass
class Verdict:
    """`problems` are the data checks'; `signature` is the signature check (None: not checked).
    An unsigned report passes unless `signature_required`; a signed one must pass its check.
    `declared` is the signer the report's data names (printed on its pages), `assessment` the
    assessment record it carries (who the provider is, when it was finalized)."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""
    signature: SignatureCheck | None = None
    signature_required: bool = False
    notes: list[str] = field(default_factory=list)  # what could not be checked, said plainly
    declared: Signer | None = None
    assessment: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.signature_ok

    @property
    def signature_ok(self) -> bool:
        check = self.signature
        return check is None or check.ok or (not check.signed and not self.signature_required)

    @property
    def reasons(self) -> list[str]:
        """Everything that fails, the signature first."""
        signature = [] if self.signature_ok or self.signature is None else self.signature.reasons
        return [*signature, *self.problems]

    def lines(self, name: str) -> list[str]:
        """What `diagnosis verify` prints: OK with the summary and who signed, or FAILED with
        each reason (`name`: the report's file)."""
        if self.ok:
            return [self.summary, self.signature_line()]
        return [msg("verify.failed", name=name), *(msg("verify.reason", reason=r) for r in self.reasons)]

    def signature_line(self) -> Message:
        check = self.signature
        if check is None or not check.signed:
            return msg("verify.unsigned_line")
        return msg("verify.signed_line", summary=check.summary())

    def to_dict(self) -> dict[str, Any]:
        """For `--json`: each check with ok and reasons."""
        checks: dict[str, Any] = {}
        if self.signature is not None:
            checks["signature"] = self.signature.to_dict() | {
                "ok": self.signature_ok,
                "required": self.signature_required,
            }
        checks["data"] = {"ok": not self.problems, "reasons": list(self.problems)}
        return {"ok": self.ok, "summary": self.summary, "checks": checks, "notes": list(self.notes)}
