"""Files on disk: reading what a stranger hands us (regular files only, size checked first) and
writing ours atomically (a temporary file in the same folder, flushed, fsynced, then renamed),
so a kill or a full disk never leaves a half-written file where a good one was. Only regular
files are replaced that way: a device or a FIFO is written as a stream, `-` is standard output,
a folder is refused (`output_kind`), and so is the database in use (`refuse_database`)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from diagnosis.errors import DiagnosisError
from diagnosis.messages import Message, bilingual, msg

MAX_ANSWERS_FILE = 64 * 2**20  # an answers file far larger is a mistake or an attack

# What a file is, as callers name it ("report", "key file"): the sentences about it translate.
_WHAT = {
    "file": "files.what.file",
    "output": "files.what.output",
    "backup": "files.what.backup",
    "report": "files.what.report",
    "signed report": "files.what.signed_report",
    "evidence file": "files.what.evidence",
    "key file": "files.what.key",
    "certificate": "files.what.certificate",
    "package": "files.what.package",
    "Excel file": "files.what.excel",
    "answers file": "files.what.answers",
    "plan file": "files.what.plan",
    "document": "files.what.document",
    "PDF file": "files.what.pdf",
    "questionnaire file": "files.what.questionnaire",
}

# The operating system's reasons, in Chinese too (its own text is English).
_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EISDIR: "这是文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "文件已存在",
    errno.EIO: "读写错误",
    errno.ENAMETOOLONG: "文件名过长",
}


def named(what: str) -> str:
    """`what` ("report", "key file" …) as a translatable noun; a message stays as it is."""
    code = None if isinstance(what, Message) else _WHAT.get(what)
    return msg(code) if code else what


def os_reason(error: OSError) -> str:
    """Why the operating system refused, in both languages where we know the reason."""
    english = error.strerror or type(error).__name__
    chinese = _OS_REASONS.get(error.errno or 0)
    return bilingual(chinese, english) if chinese else english


def check_regular(
    path: Path, limit: int, what: str = "file", error: type[DiagnosisError] = DiagnosisError
) -> None:
    """Refuse (raising `error`) anything but a regular file no larger than `limit`, before it is
    opened: reading /dev/zero or a FIFO would never end."""
    try:
        info = os.stat(path)
    except OSError as failure:
        raise error(
            msg("files.cannot_read", path=path, what=named(what), reason=os_reason(failure))
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise error(msg("files.not_regular", path=path, what=named(what)))
    if info.st_size > limit:
        size, most = _mb(info.st_size), _mb(limit)
        raise error(msg("files.too_large", path=path, what=named(what), size=size, limit=most))


def read_regular(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than `limit` (see `check_regular`)."""
    check_regular(path, limit, what)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as error:
        raise DiagnosisError(
            msg("files.cannot_read", path=path, what=named(what), reason=os_reason(error))
        ) from None
    if len(data) > limit:
        raise DiagnosisError(msg("files.grew", path=path, what=named(what), limit=_mb(limit)))
    return data


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else msg("files.bytes", size=size)


STDOUT = "-"  # `-o -`: standard output
Kind = Literal["file", "stream", "stdout"]


def output_kind(target: Path, what: str = "file") -> Kind:
    """How `target` is written: "file" (a regular file, or none yet: atomically), "stream" (a
    character device or a FIFO that exists: /dev/null, /dev/stdout, a pipe — written in order, as
    every program writes them; replacing one with a file broke the system's /dev/null), "stdout"
    for `-`. A folder, a block device (a disk) or a socket is refused: writing a report over a
    disk is never what was meant."""
    if str(target) == STDOUT:
        return "stdout"
    try:
        info = os.stat(target)  # through symlinks: /dev/stdout is one
    except OSError:
        return "file"  # none yet (or unreachable: the write says why)
    if stat.S_ISREG(info.st_mode):
        return "file"
    if stat.S_ISDIR(info.st_mode):
        raise DiagnosisError(msg("files.is_folder", path=target))
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return "stream"
    kind = "block" if stat.S_ISBLK(info.st_mode) else "socket" if stat.S_ISSOCK(info.st_mode) else "other"
    named_kind = msg(f"files.kind.{kind}")
    raise DiagnosisError(msg("files.not_writable_kind", path=target, kind=named_kind, what=named(what)))


def refuse_database(target: Path, database: Path, what: str = "file") -> None:
    """Refuse `target` when it is the database `database` or its -wal or -shm file: writing there
    would replace the assessments with a zip, a PDF or a workbook."""
    if str(target) == STDOUT:
        return
    written = os.path.realpath(target)
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{database}{suffix}")
        if written == os.path.realpath(part) or _same(target, part):
            raise DiagnosisError(msg("files.is_database", path=target, what=named(what)))


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


@contextlib.contextmanager
def atomic_path(
    target: Path, what: str = "file", mode: int = 0o644, *, streams: bool = True
) -> Iterator[Path]:
    """A temporary path to write to. For a regular file (or a new one): beside `target`; on
    success it is fsynced and renamed over `target` (through a symlink, over the file it points
    to), on failure removed, and `target` keeps its previous content either way. For a device,
    a FIFO or `-` (see `output_kind`; refused when `streams` is False, as for a secret key): in
    the temporary folder, then copied into it. `mode`: the new file's permissions."""
    kind = output_kind(target, what)
    if kind != "file":
        if not streams:
            raise DiagnosisError(msg("files.no_stream", path=target, what=named(what)))
        with _streamed(target, what, kind) as temporary:
            yield temporary
        return
    target = Path(os.path.realpath(target)) if target.is_symlink() else target
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DiagnosisError(
            msg("files.cannot_write", path=target, what=named(what), reason=os_reason(error))
        ) from None
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
            msg("files.write_failed", path=target, what=named(what), reason=os_reason(error))
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


@contextlib.contextmanager
def _streamed(target: Path, what: str, kind: Kind) -> Iterator[Path]:
    """Written whole to a temporary file first (a writer such as openpyxl wants a path), then
    copied into the stream: a failed writer sends nothing."""
    handle, name = tempfile.mkstemp(prefix="diagnosis-", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as source:
            _send(target, what, kind, source.read())
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _send(target: Path, what: str, kind: Kind, data: bytes) -> None:
    try:
        if kind == "stdout":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        fd = os.open(target, os.O_WRONLY)  # the device or FIFO itself: never created, never replaced
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise DiagnosisError(
            msg("files.stream_failed", path=target, what=named(what), reason=os_reason(error))
        ) from None


def write_atomic(
    target: Path, data: bytes, what: str = "file", mode: int = 0o644, *, streams: bool = True
) -> None:
    """Write bytes so that `target` holds either its old content or all of `data` (a device, a
    FIFO or `-` receives them as a stream: see `output_kind`)."""
    kind = output_kind(target, what)
    if kind != "file":
        if not streams:
            raise DiagnosisError(msg("files.no_stream", path=target, what=named(what)))
        _send(target, what, kind, data)
        return
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
