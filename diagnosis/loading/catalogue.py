"""The catalogue: every questionnaire found in the bundled and user folders, by (id, version)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from diagnosis import paths
from diagnosis.errors import DiagnosisError, NotFoundError
from diagnosis.loading.load import Loaded, load_file
from diagnosis.messages import msg
from diagnosis.model import semver_key


def questionnaire_files(folder: Path) -> Iterator[Path]:
    """YAML files below `folder`, skipping drafts and hidden folders (names starting _ or .)."""
    if not folder.is_dir():
        yield folder  # a file (loading refuses anything but a regular file, in a sentence)
        return
    for path in sorted(folder.rglob("*.y*ml")):
        relative = path.relative_to(folder).parts
        if path.suffix in (".yaml", ".yml") and not any(p[0] in "_." for p in relative):
            yield path


class Catalogue:
    """Questionnaires by (id, version); files that fail to load are kept as `problems`."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.entries: dict[tuple[str, str], Loaded] = {}
        self.problems: list[str] = []
        for folder in folders:
            for path in questionnaire_files(folder) if folder.exists() else ():
                self._add(path)

    def _add(self, path: Path) -> None:
        try:
            loaded = load_file(path)
        except DiagnosisError as error:
            # One line per broken file: the rest of the app works on; `validate` tells all.
            first = error.lines[0]
            if len(error.lines) > 1:
                more = len(error.lines) - 1
                self.problems.append(msg("catalogue.skipped_more", problem=first, more=more, path=str(path)))
            else:
                self.problems.append(msg("catalogue.skipped", problem=first))
            return
        earlier = self.entries.get(loaded.key)
        if earlier is not None:
            if earlier.sha256 != loaded.sha256:
                self.problems.append(
                    msg(
                        "catalogue.redefined",
                        path=str(path),
                        id=loaded.key[0],
                        version=loaded.key[1],
                        earlier=earlier.source,
                    )
                )
            return
        self.entries[loaded.key] = loaded

    def all(self) -> list[Loaded]:
        """Sorted by id, newest version first."""
        return sorted(self.entries.values(), key=lambda e: (e.key[0], [-n for n in semver_key(e.key[1])]))

    def newer(self, qid: str, version: str) -> list[Loaded]:
        """Later versions of questionnaire `qid` than `version`, the newest first (what a
        re-assessment may move to)."""
        return [e for e in self.all() if e.key[0] == qid and semver_key(e.key[1]) > semver_key(version)]

    def get(self, ref: str) -> Loaded:
        """`id` (the newest version) or `id@version`."""
        qid, _, version = ref.partition("@")
        if version:
            found = self.entries.get((qid, version))
        else:
            versions = [e for e in self.entries.values() if e.key[0] == qid]
            found = max(versions, key=lambda e: semver_key(e.key[1]), default=None)
        if found is None:
            known = ", ".join(sorted({f"{k[0]}@{k[1]}" for k in self.entries}))
            raise NotFoundError(msg("catalogue.unknown", ref=ref, known=known or msg("catalogue.none")))
        return found


def default_catalogue() -> Catalogue:
    """Bundled questionnaires first, then the user's own folder."""
    return Catalogue([paths.bundled_questionnaires(), paths.user_questionnaires()])
