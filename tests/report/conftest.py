from tests.storage.conftest import enterprise, sme, store  # noqa: F401
