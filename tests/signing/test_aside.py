"""The signature checked in a process of its own (signing.aside): the same check as in this
process, for a sound report and a broken one, and done here when no process can be started."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import pytest

from diagnosis.report.verify import verify_pdf
from diagnosis.signing import aside
from diagnosis.signing.aside import check_aside
from diagnosis.signing.pdf_check import check_pdf_signature
from tests.signing.certificates import Issued
from tests.signing.conftest import trust_of


def same(a: object, b: object) -> bool:
    return vars(a) == vars(b)


def test_the_check_aside_is_the_check_here(signed: bytes, provider: Issued, ca: Issued) -> None:
    trust = trust_of(ca)
    here, there = check_pdf_signature(signed, trust), check_aside(signed, trust)()
    assert there.ok and same(here, there)


def test_a_failed_check_aside_gives_the_same_reasons(signed: bytes, stranger: Issued) -> None:
    trust = trust_of(stranger)  # the signer is not in it
    here, there = check_pdf_signature(signed, trust), check_aside(signed, trust)()
    assert not there.ok and there.reasons == here.reasons and same(here, there)


def test_without_a_process_the_check_is_made_here(
    signed: bytes, ca: Issued, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> ProcessPoolExecutor:
        raise OSError("no more processes")

    monkeypatch.setattr(aside, "ProcessPoolExecutor", refused)
    assert check_aside(signed, trust_of(ca))().ok


def test_a_worker_that_dies_is_replaced_by_the_check_here(
    signed: bytes, ca: Issued, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Dying(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            return super().submit(_exit)

    monkeypatch.setattr(aside, "ProcessPoolExecutor", Dying)
    assert check_aside(signed, trust_of(ca))().ok


def _exit() -> None:
    import os

    os._exit(9)  # as a killed process would: the pool breaks


def test_verify_with_the_check_aside_says_what_verify_here_says(
    signed: bytes, report: bytes, ca: Issued, stranger: Issued
) -> None:
    for raw, trust in ((signed, trust_of(ca)), (signed, trust_of(stranger)), (report, trust_of(ca))):
        here = verify_pdf(raw, trust=trust)
        there = verify_pdf(raw, trust=trust, signature=check_aside(raw, trust))
        assert (there.ok, there.lines("r.pdf")) == (here.ok, here.lines("r.pdf"))
