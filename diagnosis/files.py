"""Files on disk: reading what a stranger hands us (regular files only, size checked first) and
writing ours atomically (a temporary file in the same folder, flushed, fsynced, then renamed),
so a kill or a full disk never leaves a half-written file where a good one was."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from diagnosis.errors import DiagnosisError

MAX_ANSWERS_FILE = 64 * 2**20  # an answers file far larger is a mistake or an attack


def check_regular(
    path: Path, limit: int, what: str = "file", error: type[DiagnosisError] = DiagnosisError
) -> None:
    """Refuse (raising `error`) anything but a regular file no larger than `limit`, before it is
    opened: reading /dev/zero or a FIFO would never end."""
    try:
        info = os.stat(path)
    except OSError as failure:
        raise error(f"{path}: cannot read the {what} ({failure.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: not a regular file; choose the {what} itself")
    if info.st_size > limit:
        raise error(f"{path}: the {what} is {_mb(info.st_size)}; at most {_mb(limit)} is accepted")


def read_regular(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than `limit` (see `check_regular`)."""
    check_regular(path, limit, what)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as error:
        raise DiagnosisError(f"{path}: cannot read the {what} ({error.strerror})") from None
    if len(data) > limit:
        raise DiagnosisError(f"{path}: the {what} is larger than {_mb(limit)}")
    return data


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


@contextlib.contextmanager
def atomic_path(target: Path, what: str = "file", mode: int = 0o644) -> Iterator[Path]:
    """A temporary path beside `target` to write to; on success it is fsynced and renamed over
    `target`, on failure removed, and `target` keeps its previous content either way. `mode`:
    the new file's permissions (0o600 for a private key)."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DiagnosisError(f"{target}: cannot write the {what} ({error.strerror})") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        _fsync_folder(folder)
    except OSError as error:
        raise DiagnosisError(
            f"{target}: cannot write the {what} ({error.strerror}); any earlier file is unchanged"
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def write_atomic(target: Path, data: bytes, what: str = "file", mode: int = 0o644) -> None:
    """Write bytes so that `target` holds either its old content or all of `data`."""
    with atomic_path(target, what, mode) as temporary:
        temporary.write_bytes(data)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk; Windows has no folder handles (and needs none).
    if os.name != "nt":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
