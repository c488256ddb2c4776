"""Shared keys and reports for the signing tests (made once per run: key generation is slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.cli.reports_run import demo_input
from diagnosis.report.pdf import build_pdf
from diagnosis.signing.pdf import sign_pdf
from diagnosis.signing.trust import TrustList
from tests.signing.certificates import Issued, make, name

KEYS = Path(__file__).parent.parent / "fixtures" / "keys"
SM2_PASSWORD = "sm2-test"
PROVIDER = "示例数字化转型服务有限公司"  # the provider the demo report names
PROVIDER_USCC = "91340100MA2NX8K5TH"
STRANGER = "冒名服务有限公司"


@pytest.fixture(scope="session")
def ca() -> Issued:
    return make(name("某省电子认证服务中心 (test CA)"), ca=True, days=3650)


@pytest.fixture(scope="session")
def provider(ca: Issued) -> Issued:
    """A provider certificate issued by the CA, naming the provider's USCC."""
    return make(name(PROVIDER, PROVIDER_USCC), issuer=ca)


@pytest.fixture(scope="session")
def stranger() -> Issued:
    """A self-signed certificate nobody put in a trust list."""
    return make(name(STRANGER))


@pytest.fixture(scope="session")
def report() -> bytes:
    """An unsigned report made by this tool."""
    return build_pdf(demo_input())


@pytest.fixture(scope="session")
def signed(report: bytes, provider: Issued) -> bytes:
    return sign_pdf(report, provider.provider_key())


def trust_of(*issued: Issued) -> TrustList:
    return TrustList("the test trust list", tuple(i.certificate for i in issued))


@pytest.fixture
def sm2_p12() -> Path:
    return KEYS / "sm2.p12"
