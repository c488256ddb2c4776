"""When a chain is validated: at the signing time the signature states, within reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from diagnosis.signing.backend import validation_moment
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
