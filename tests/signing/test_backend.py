"""When a chain is validated: at the signing time the signature states, within reason; and how
that time is told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from diagnosis.messages import render
from diagnosis.signing.backend import validation_moment
from diagnosis.signing.identity import SignerIdentity
from diagnosis.signing.result import SignatureCheck

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def test_the_stated_signing_time_is_used() -> None:
    signed_at = NOW - timedelta(days=200)
    check = SignatureCheck(signed=True, signed_at=signed_at)
    assert validation_moment(check, NOW) == signed_at and not check.reasons


def test_no_stated_time_means_now_and_a_time_without_zone_is_utc() -> None:
    assert validation_moment(SignatureCheck(signed=True), NOW) == NOW
    check = SignatureCheck(signed=True, signed_at=datetime(2027, 1, 1, 8, 0))
    assert validation_moment(check, NOW) == datetime(2027, 1, 1, 8, 0, tzinfo=UTC)


def test_a_signing_time_in_the_future_is_a_reason() -> None:
    check = SignatureCheck(signed=True, signed_at=NOW + timedelta(days=30))
    assert validation_moment(check, NOW) == NOW
    assert check.reasons == ["the signature claims a signing time in the future (2027-03-31 12:00 UTC)"]
    assert (
        validation_moment(SignatureCheck(signed=True, signed_at=NOW + timedelta(minutes=5)), NOW) > NOW
    )  # two computers' clocks differ by minutes
    hours = SignatureCheck(signed=True, signed_at=NOW + timedelta(hours=3))
    assert validation_moment(hours, NOW) == NOW
    assert hours.reasons == ["the signature claims a signing time in the future (2027-03-01 15:00 UTC)"]


def test_the_signing_time_is_told_in_local_time_with_its_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reviewer reads the signing time as the report prints it: local, with the offset."""
    moment = datetime(2026, 12, 7, 7, 9, tzinfo=UTC)
    signer = SignerIdentity("甲", "合肥数安", None, "AB" * 32, moment, moment, "x", "x", True)
    check = SignatureCheck(True, True, True, trusted=True, signer=signer, signed_at=moment)
    assert "于 2026-12-07 15:09 UTC+08:00 签名" in render(check.summary(), "zh")
    monkeypatch.setenv("DIAGNOSIS_TZ", "Europe/Berlin")
    assert "on 2026-12-07 08:09 UTC+01:00" in render(check.summary(), "en")
