"""Signing and trust in the wizard: the provider's key and its password, the trust list, Settings,
making a key, and verifying a report."""
