"""A compiled cache of validated questionnaires, keyed by the file's bytes.

Parsing YAML dominates loading (~25x slower than validating JSON), so a file that passed every
check once is kept as canonical JSON in the user cache folder. Any cache failure (read-only
disk, a truncated entry) falls back to a normal load: the cache can only ever save time.

An entry's first line names what it holds (sha256, id, version), so the catalogue can list every
questionnaire and validate only the one a command uses (`peek`, then `get`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from diagnosis import __version__
from diagnosis.paths import cache_dir

if TYPE_CHECKING:
    from diagnosis.model import Questionnaire

FORMAT = b"2"  # entries start with "sha256 id version" (format 1: the sha256 alone)


def _entry(raw: bytes) -> Path:
    # The app version is part of the key: a new release may check more than the old one did.
    key = hashlib.sha256(__version__.encode() + b"\0" + FORMAT + b"\0" + raw).hexdigest()
    return cache_dir() / "questionnaires" / f"{key}.json"


class Header(NamedTuple):
    sha256: str
    id: str
    version: str


def peek(raw: bytes) -> Header | None:
    """What an entry holds, without validating it (None: no usable entry)."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    try:
        with _entry(raw).open(encoding="utf-8") as entry:
            fields = entry.readline().split()
    except (OSError, ValueError):
        return None
    return Header(*fields) if len(fields) == 3 else None


def get(raw: bytes) -> tuple[str, Questionnaire] | None:
    """(sha256, questionnaire) when a valid entry exists."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    from pydantic import ValidationError

    from diagnosis.model import Questionnaire

    try:
        header, _, body = _entry(raw).read_text(encoding="utf-8").partition("\n")
        return header.split()[0], Questionnaire.model_validate_json(body)
    except (OSError, ValueError, IndexError, ValidationError):
        return None


def put(raw: bytes, header: Header, canonical: str) -> None:
    """Store an entry atomically; silently skip when the cache folder is not writable."""
    if not os.environ.get("DIAGNOSIS_NO_CACHE"):
        _write(_entry(raw), f"{' '.join(header)}\n{canonical}")


def derived(kind: str, sha256: str) -> Any | None:
    """What this app version worked out once from the questionnaire `sha256` and kept (`keep`):
    JSON data, or None when there is no usable entry."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    try:
        return json.loads(_derived_entry(kind, sha256).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def keep(kind: str, sha256: str, value: Any) -> None:
    """Keep JSON data worked out from a questionnaire, for `derived` (skipped as `put` is)."""
    if not os.environ.get("DIAGNOSIS_NO_CACHE"):
        _write(_derived_entry(kind, sha256), json.dumps(value, ensure_ascii=False, sort_keys=True))


def _derived_entry(kind: str, sha256: str) -> Path:
    key = hashlib.sha256(f"{__version__}\0{kind}\0{sha256}".encode()).hexdigest()
    return cache_dir() / kind / f"{key}.json"


def _write(entry: Path, text: str) -> None:
    """Atomically, or not at all (a read-only or full disk only costs the time next run)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(entry)
    except OSError:
        pass
