"""Reading a zip file from a stranger: member names checked, and every member decompressed under
limits counted as the bytes come out (never the sizes its headers claim), so neither a bomb nor
a damaged archive gets further than one sentence."""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from diagnosis.errors import DiagnosisError
from diagnosis.files import check_regular
from diagnosis.messages import msg

MAX_TOTAL = 512 * 2**20  # everything a package may expand to (and its file), counted while reading
MAX_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed / compressed, for every member: beyond this it is a zip bomb
RATIO_SLACK = 4096  # tiny members compress oddly; a bomb needs far more than this
_DRIVE = re.compile(r"^[A-Za-z]:")  # a Windows drive: an absolute path


class PackageError(DiagnosisError):
    """The package is broken or hostile; nothing was imported."""


def read_members(source: bytes | Path, allowed: Callable[[str], int | None]) -> dict[str, bytes]:
    """Every member, decompressed under limits counted as the bytes come out; `allowed` gives
    the size limit of a member name, or None for a name that has no business in the archive.
    A file is read as it is decompressed, never into memory first."""
    if isinstance(source, Path):
        check_regular(source, MAX_TOTAL, "package", PackageError)
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise PackageError(msg("pack.not_zip")) from None
    if len(infos) > MAX_MEMBERS:
        raise PackageError(msg("pack.too_many", count=len(infos), limit=MAX_MEMBERS))
    names = Counter(info.filename for info in infos)
    if len(names) != len(infos):
        twice = next(name for name, count in names.items() if count > 1)
        raise PackageError(msg("pack.twice", name=repr(twice)))
    data: dict[str, bytes] = {}
    budget = MAX_TOTAL
    for info in infos:
        _check_member(info, allowed)
        data[info.filename] = _read_member(archive, info, min(allowed(info.filename) or 0, budget))
        budget -= len(data[info.filename])
    return data


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Decompress one member, stopping as soon as it exceeds its limit or the ratio."""
    name = info.filename
    ceiling = MAX_RATIO * max(info.compress_size, 1) + RATIO_SLACK
    try:
        with archive.open(info) as member:  # never trust the sizes the header claims
            # One byte past the tighter bound, in one call: zipfile decompresses no further
            # than it is asked (a member's CRC is checked when its end is reached).
            data = member.read(min(limit, ceiling) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise PackageError(msg("pack.member_damaged", name=name, error=_short(error))) from None
    except NotImplementedError:
        raise PackageError(msg("pack.compression", name=name)) from None
    except RuntimeError:  # encrypted members
        raise PackageError(msg("pack.encrypted", name=name)) from None
    if len(data) > limit:
        raise PackageError(msg("pack.expands", name=name, limit=limit))
    if len(data) > ceiling:
        raise PackageError(msg("pack.zip_bomb", name=name, ratio=MAX_RATIO))
    return data


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:80] if str(error) else type(error).__name__


def _check_member(info: zipfile.ZipInfo, allowed: Callable[[str], int | None]) -> None:
    name = info.filename
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        raise PackageError(msg("pack.absolute_path", name=repr(name[:80])))
    if ".." in name.split("/"):
        raise PackageError(msg("pack.leaves", name=repr(name[:80])))
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageError(msg("pack.symlink", name=repr(name[:80])))
    limit = allowed(name)
    if limit is None:
        raise PackageError(msg("pack.unexpected", name=repr(name[:80])))
    if info.file_size > limit:
        raise PackageError(msg("pack.member_too_large", name=name, size=info.file_size))
