"""The official questionnaire versions: those bundled with this app, by (id, version) with the
sha256 of their content — what the intake calls official, and which version of each is newest."""

from __future__ import annotations

from functools import cache

from diagnosis import paths
from diagnosis.model import semver_key


@cache
def official_versions() -> dict[tuple[str, str], str]:
    """(id, version) → sha256 of every bundled questionnaire (loaded once per process)."""
    from diagnosis.loading.catalogue import Catalogue

    catalogue = Catalogue([paths.bundled_questionnaires()])
    return {key: entry.sha256 for key, entry in catalogue.entries.items()}


def newest_versions(official: dict[tuple[str, str], str] | None = None) -> dict[str, str]:
    """Each questionnaire id's newest official version."""
    newest: dict[str, str] = {}
    for qid, version in official if official is not None else official_versions():
        if qid not in newest or semver_key(version) > semver_key(newest[qid]):
            newest[qid] = version
    return newest
