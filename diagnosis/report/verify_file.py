"""A report file verified, for the command line and the wizard alike: the signature check starts
in a process of its own (`signing.aside`) before the report modules load, so the re-render and
the check run side by side; the verdict waits for both."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from diagnosis.files import read_regular
from diagnosis.report import MAX_REPORT

if TYPE_CHECKING:
    from diagnosis.report.verdict import Verdict
    from diagnosis.signing.trust import TrustList


def verify_file(pdf: Path, package: Path | None, trust: TrustList, require_signature: bool) -> Verdict:
    from diagnosis.signing.aside import check_aside

    raw = read_regular(pdf, MAX_REPORT, "report")
    signature = check_aside(raw, trust)
    from diagnosis.report.verify import verify_pdf  # the renderer loads while the check runs

    return verify_pdf(raw, package, trust, require_signature, signature)
