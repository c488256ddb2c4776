"""Plan tests share the storage fixtures."""

from tests.storage.conftest import enterprise, sme, store  # noqa: F401
