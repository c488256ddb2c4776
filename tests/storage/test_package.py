"""Packages: a faithful round trip, and hostile or broken files that change nothing."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import history_of, set_answer
from diagnosis.storage.assessments import (
    answers_of,
    get_assessment,
    new_assessment,
    score_assessment,
)
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.evidence import add_evidence, evidence_bytes, evidence_of
from diagnosis.storage.package import PackageError, export_package, import_package

from .conftest import FakeClock, dump, finalized


@pytest.fixture
def package(store: Store, sme: Loaded, enterprise: int, tmp_path: Path) -> tuple[int, bytes]:
    a = new_assessment(store, sme, enterprise, mode="onsite", provider="合肥数智", assessor="张工")
    set_answer(store, a, "network", ["app_network", "control_network"], note="车间 <b>& Wi-Fi")
    set_answer(store, a, "info_system_coverage", "two_plus")
    set_answer(store, a, "info_system_coverage", "over80")
    set_answer(store, a, "devices_total", 120)
    add_evidence(store, a, "network", "网络拓扑图.png", b"\x89PNG fake")
    finalized(store, a)
    target = tmp_path / "a.zip"
    export_package(store, a, target)
    return a, target.read_bytes()


def test_round_trip_is_identical(store: Store, package: tuple[int, bytes], tmp_path: Path) -> None:
    original, raw = package
    other = open_store(tmp_path / "other.db", clock=FakeClock())
    copy = import_package(other, raw)
    # network 2 × 2 = 4 + information systems "over 80 %" 7.5 = 11.5
    assert score_assessment(other, copy)[0].score == score_assessment(store, original)[0].score == 11.5
    assert answers_of(other, copy) == answers_of(store, original)
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("id", "assessment_id")} for r in rows]  # noqa: E731
    assert strip(history_of(other, copy)) == strip(history_of(store, original))
    assert strip(evidence_of(other, copy)) == strip(evidence_of(store, original))
    assert evidence_bytes(other, evidence_of(other, copy)[0]["sha256"]) == b"\x89PNG fake"
    for key in (
        "uid",
        "revision",
        "status",
        "mode",
        "provider",
        "assessor",
        "created_at",
        "finalized_at",
        "questionnaire_sha256",
    ):
        assert get_assessment(other, copy)[key] == get_assessment(store, original)[key], key
    export_package(store, original, tmp_path / "again.zip")
    assert (tmp_path / "again.zip").read_bytes() == raw  # exporting is deterministic


def test_importing_the_same_assessment_again_asks(store: Store, package: tuple[int, bytes]) -> None:
    original, raw = package
    before = dump(store)
    with pytest.raises(DiagnosisError, match=f"already here as #{original}; .*skip.*keep both"):
        import_package(store, raw)
    assert dump(store) == before
    assert import_package(store, raw, "skip") == original and dump(store) == before
    copy = import_package(store, raw, "copy")
    assert copy != original and get_assessment(store, copy)["uid"] != get_assessment(store, original)["uid"]
    assert answers_of(store, copy) == answers_of(store, original)


def rebuild(raw: bytes, change: Callable[[dict[str, bytes]], None], *, fix_manifest: bool = True) -> bytes:
    """The package with its members changed (and, unless told otherwise, the manifest updated)."""
    import hashlib

    members = {
        i.filename: zipfile.ZipFile(io.BytesIO(raw)).read(i)
        for i in zipfile.ZipFile(io.BytesIO(raw)).infolist()
    }
    change(members)
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = {
            n: hashlib.sha256(d).hexdigest() for n, d in members.items() if n != "manifest.json"
        }
        members["manifest.json"] = json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _symlink(raw: bytes) -> bytes:
    out = io.BytesIO(raw)
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo("evidence/" + "a" * 64)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    return out.getvalue()


def _bomb(raw: bytes) -> bytes:
    out = io.BytesIO(raw)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("evidence/" + "b" * 64, b"\0" * (5 * 2**20))
    return out.getvalue()


def _set(name: str, data: bytes) -> Callable[[dict[str, bytes]], None]:
    return lambda members: members.__setitem__(name, data)


def _edit_json(name: str, edit: Callable[[dict], None]) -> Callable[[dict[str, bytes]], None]:  # type: ignore[type-arg]
    def change(members: dict[str, bytes]) -> None:
        data = json.loads(members[name])
        edit(data)
        members[name] = json.dumps(data).encode()

    return change


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not a zip": (lambda raw: b"PK\x03\x04 nonsense", "not a zip file"),
    "path traversal": (
        lambda raw: rebuild(raw, _set("../../evil.txt", b"x")),
        "refusing path '../../evil.txt'",
    ),
    "absolute path": (lambda raw: rebuild(raw, _set("/etc/cron.d/x", b"x")), "refusing absolute path"),
    "windows path": (lambda raw: rebuild(raw, _set("C:\\x.txt", b"x")), "refusing absolute path"),
    "symlink": (_symlink, "refusing symbolic link"),
    "unexpected file": (lambda raw: rebuild(raw, _set("run.exe", b"MZ")), "unexpected file 'run.exe'"),
    "zip bomb": (_bomb, "is larger than allowed (5242880 bytes)"),
    "oversized evidence": (
        lambda raw: rebuild(raw, _set("evidence/" + "c" * 64, b"x" * 2048)),
        "larger than allowed",
    ),
    "bad json": (
        lambda raw: rebuild(raw, _set("answers.json", b"{nope")),
        "answers.json:1:2: invalid JSON",
    ),
    "wrong format version": (
        lambda raw: rebuild(
            raw,
            _edit_json("manifest.json", lambda m: m.update(format="diagnosis-package/9")),
            fix_manifest=False,
        ),
        "unsupported package format 'diagnosis-package/9'",
    ),
    "hash mismatch": (
        lambda raw: rebuild(raw, _set("answers.json", b"[]"), fix_manifest=False),
        "answers.json does not match its sha256",
    ),
    "unknown questionnaire": (
        lambda raw: rebuild(
            raw, _edit_json("assessment.json", lambda m: m["questionnaire"].update(sha256="0" * 64))
        ),
        "with sha256 000000000000…: it was altered",
    ),
    "broken questionnaire": (
        lambda raw: rebuild(raw, _set("questionnaire.yaml", b"id: [")),
        "the package's questionnaire is not valid",
    ),
    "answer that does not fit": (
        lambda raw: rebuild(
            raw,
            _set(
                "answers.json",
                json.dumps(
                    [
                        {
                            "question_id": "network",
                            "value": '["moon"]',
                            "note": None,
                            "updated_at": "2026-03-01T09:00:00+00:00",
                            "updated_by": None,
                        }
                    ]
                ).encode(),
            ),
        ),
        "answer to network: 'moon' is not an option",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_packages_change_nothing(
    case: str, store: Store, package: tuple[int, bytes], tmp_path: Path
) -> None:
    make, message = HOSTILE[case]
    fresh = open_store(tmp_path / "fresh.db", evidence_limit=1024)
    before = dump(fresh)
    with pytest.raises(PackageError) as caught:
        import_package(fresh, make(package[1]), "copy")
    assert message in str(caught.value)
    assert dump(fresh) == before
