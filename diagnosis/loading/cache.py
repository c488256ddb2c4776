"""A compiled cache of validated questionnaires, keyed by the file's bytes.

Parsing YAML dominates loading, and building the questionnaire's validators is most of the rest
of a one-shot command such as `score` (~30 ms a process), so a file that passed every check once
is kept, validated, in the user cache folder: pickled, as Python keeps its own compiled modules
(`__pycache__`). Only this app writes there, under the user's own folder, and an entry must come
back as a Questionnaire; stranger files (packages, answers, questionnaires) never pass this way.
Any cache failure (read-only disk, a truncated entry) falls back to a normal load: the cache can
only ever save time.

An entry's first line names what it holds (sha256, id, version), so the catalogue can list every
questionnaire and read only the one a command uses (`peek`, then `get`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from diagnosis import __version__
from diagnosis.paths import cache_dir

if TYPE_CHECKING:
    from diagnosis.model import Questionnaire

FORMAT = b"3"  # "sha256 id version", a newline, the pickle (2: canonical JSON; 1: sha256 alone)


def _entry(raw: bytes) -> Path:
    # The app version is part of the key: a new release may check more than the old one did.
    key = hashlib.sha256(__version__.encode() + b"\0" + FORMAT + _models() + b"\0" + raw).hexdigest()
    return cache_dir() / "questionnaires" / f"{key}.pickle"


@functools.cache
def _models() -> bytes:
    """The model code as it is on disk: a working copy whose models change under one version
    number must not read back objects pickled from the old classes (a frozen release has no
    such files; its version says it all)."""
    files = sorted((Path(__file__).parent.parent / "model").glob("*.py"))
    return repr([(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files]).encode()


class Header(NamedTuple):
    sha256: str
    id: str
    version: str


def peek(raw: bytes) -> Header | None:
    """What an entry holds, without validating it (None: no usable entry)."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    try:
        with _entry(raw).open("rb") as entry:
            fields = entry.readline().decode("ascii").split()
    except (OSError, ValueError):
        return None
    return Header(*fields) if len(fields) == 3 else None


def get(raw: bytes) -> tuple[str, Questionnaire] | None:
    """(sha256, questionnaire) when a usable entry exists."""
    if os.environ.get("DIAGNOSIS_NO_CACHE"):
        return None
    from diagnosis.model import Questionnaire

    try:
        header, _, body = _entry(raw).read_bytes().partition(b"\n")
        questionnaire = pickle.loads(body)
    except Exception:  # any damage (truncated, classes of another release) is only a miss
        return None
    if not isinstance(questionnaire, Questionnaire) or not header:
        return None
    return header.decode("ascii").split()[0], questionnaire


def put(raw: bytes, header: Header, questionnaire: Questionnaire) -> None:
    """Store an entry atomically; silently skip when the cache folder is not writable."""
    if not os.environ.get("DIAGNOSIS_NO_CACHE"):
        body = pickle.dumps(questionnaire, protocol=pickle.HIGHEST_PROTOCOL)
        _write(_entry(raw), " ".join(header).encode("ascii") + b"\n" + body)


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
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        _write(_derived_entry(kind, sha256), text.encode("utf-8"))


def _derived_entry(kind: str, sha256: str) -> Path:
    key = hashlib.sha256(f"{__version__}\0{kind}\0{sha256}".encode()).hexdigest()
    return cache_dir() / kind / f"{key}.json"


def _write(entry: Path, data: bytes) -> None:
    """Atomically, or not at all (a read-only or full disk only costs the time next run)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
    except OSError:
        pass
