"""A compiled cache of validated questionnaires, keyed by the file's bytes.

Parsing YAML dominates loading (~25x slower than validating JSON), so a file that passed every
check once is kept as canonical JSON in the user cache folder. Any cache failure (read-only
disk, a truncated entry) falls back to a normal load: the cache can only ever save time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from diagnosis import __version__
from diagnosis.model import Questionnaire
from diagnosis.paths import cache_dir


def _entry(raw: bytes) -> Path:
    # The app version is part of the key: a new release may check more than the old one did.
    key = hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()
    return cache_dir() / "questionnaires" / f"{key}.json"


def get(raw: bytes) -> tuple[str, Questionnaire] | None:
    """(sha256, questionnaire) when a valid entry exists."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    try:
        sha256, _, body = _entry(raw).read_text(encoding="utf-8").partition("\n")
        return sha256, Questionnaire.model_validate_json(body)
    except (OSError, ValueError, ValidationError):
        return None


def put(raw: bytes, sha256: str, canonical: str) -> None:
    """Store an entry atomically; silently skip when the cache folder is not writable."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return
    entry = _entry(raw)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(f"{sha256}\n{canonical}", encoding="utf-8")
        tmp.replace(entry)
    except OSError:
        pass
