"""Hostile packages: every refusal is one sentence and leaves the database byte for byte as it
was; limits are counted while decompressing; nothing a package says is believed."""

from __future__ import annotations

import hashlib
import io
import re
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.records import _base_name, _utc
from diagnosis.storage.assessments import get_assessment, list_questionnaires
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.evidence import add_evidence, evidence_bytes, evidence_of
from diagnosis.storage.package import MAX_MEMBERS, PackageError, import_package, read_package

from .conftest import FakeClock, Members, dump, edit_json, members, pack, run_cli

Make = Callable[[Members], bytes]


def _assessment(field: str, value: object) -> Callable[[Members], bytes]:
    return lambda m: pack(edit_json(m, "assessment.json", lambda d: d["assessment"].update({field: value})))  # type: ignore[index]


def _answers(edit: Callable[[list[dict[str, object]]], object]) -> Make:
    return lambda m: pack(edit_json(m, "answers.json", edit))  # type: ignore[arg-type]


def _evidence(field: str, value: object) -> Make:
    return lambda m: pack(edit_json(m, "assessment.json", lambda d: d["evidence"][0].update({field: value})))  # type: ignore[index]


def _swap_evidence(m: Members) -> bytes:
    """Attacker bytes stored under the hash of a file the user may attach later."""
    sha = next(n for n in m if n.startswith("evidence/"))
    return pack(m | {sha: b"attacker bytes"})


def _fake_questionnaire(m: Members) -> bytes:
    """An altered copy of the official sme-digital-2024, pinned consistently."""
    import yaml

    from diagnosis.loading.load import load_bytes

    data = yaml.safe_load(m["questionnaire.yaml"])
    data["levels"][0]["name"]["zh"] = "四级（伪造）"
    raw = yaml.safe_dump(data, allow_unicode=True).encode()
    sha = load_bytes("fake.yaml", raw, use_cache=False).sha256
    changed = edit_json(m, "assessment.json", lambda d: d["questionnaire"].update(sha256=sha))  # type: ignore[index]
    return pack(changed | {"questionnaire.yaml": raw})


CASES: dict[str, tuple[Make, str]] = {
    "revision is text": (
        _assessment("revision", "abc"),
        "assessment.revision: Input should be a valid integer",
    ),
    "revision zero": (
        _assessment("revision", 0),
        "assessment.revision: Input should be greater than or equal to 1",
    ),
    "revision beyond 64 bits": (
        _assessment("revision", 2**64),
        "the number 18446744073709551616 is too large",
    ),
    "revision of 5,000 digits": (
        lambda m: pack(
            m
            | {
                "assessment.json": re.sub(
                    rb'"revision": *[0-9]+', b'"revision": ' + b"1" * 5000, m["assessment.json"]
                )
            }
        ),
        "the number 11111111111111111111… is too large",
    ),
    "revision beyond the bound": (
        _assessment("revision", 10_000),
        "assessment.revision: Input should be less than or equal to 9999",
    ),
    "status unknown": (_assessment("status", "approved"), "assessment.status"),
    "time is garbage": (
        _assessment("updated_at", "garbage"),
        "assessment.updated_at: Value error, 'garbage' is not a date",
    ),
    "time without zone": (_assessment("created_at", "2026-01-01T10:00:00"), "has no time zone"),
    "uid with slashes": (_assessment("uid", "../../etc"), "assessment.uid"),
    "unknown field": (_assessment("admin", True), "assessment.admin: Extra inputs are not permitted"),
    "enterprise without name": (
        lambda m: pack(edit_json(m, "assessment.json", lambda d: d["enterprise"].update(name=""))),  # type: ignore[index]
        "enterprise.name",
    ),
    "bad credit code": (
        lambda m: pack(
            edit_json(m, "assessment.json", lambda d: d["enterprise"].update(uscc="91110000600037341X"))
        ),  # type: ignore[index]
        "is not a valid unified social credit code",
    ),
    "answer to unknown question": (
        _answers(lambda a: a.append({**a[0], "question_id": "ghost"})),
        "answer to unknown question 'ghost'",
    ),
    "answer given twice": (_answers(lambda a: a.append(dict(a[0]))), "two answers to network"),
    "answer not valid json": (_answers(lambda a: a[0].update(value="[nope")), "invalid JSON"),
    "answer with a huge number": (
        _answers(
            lambda a: next(r for r in a if r["question_id"] == "devices_total").update(value="1" + "0" * 40)
        ),
        "is too large",
    ),
    "answer of 5,000 digits": (
        _answers(
            lambda a: next(r for r in a if r["question_id"] == "devices_total").update(value="1" * 5000)
        ),
        "the number 11111111111111111111… is too large",
    ),
    "answer that does not fit": (
        _answers(lambda a: a[0].update(value='["moon"]')),
        "'moon' is not an option",
    ),
    "answers not a list": (
        lambda m: pack(m | {"answers.json": b'{"a": 1}'}),
        "answers.json in the package is not a list",
    ),
    "duplicate json keys": (
        lambda m: pack(m | {"answers.json": b'[{"question_id": "network", "question_id": "x"}]'}),
        "the key 'question_id' appears twice",
    ),
    "deeply nested json": (
        lambda m: pack(m | {"history.json": b"[" * 5000 + b"]" * 5000}),
        "nested more than",
    ),
    "NaN in json": (lambda m: pack(m | {"history.json": b"[NaN]"}), "NaN is not a number JSON allows"),
    "evidence bytes do not hash to their name": (_swap_evidence, "does not hash to its name"),
    "evidence size misdeclared": (_evidence("size", 3), "declares 3 bytes but holds 9"),
    "evidence size negative": (
        _evidence("size", -1),
        "evidence.0.size: Input should be greater than or equal to 0",
    ),
    "evidence for an unknown question": (_evidence("question_id", "ghost"), "unknown question 'ghost'"),
    "evidence file not listed": (
        lambda m: pack(m | {f"evidence/{hashlib.sha256(b'x').hexdigest()}": b"x"}),
        "is in the package but not listed",
    ),
    "evidence listed but missing": (
        lambda m: pack({k: v for k, v in m.items() if not k.startswith("evidence/")}),
        "is listed but missing",
    ),
    "altered questionnaire under the official id and version": (
        _fake_questionnaire,
        "refusing an altered copy",
    ),
    "questionnaire that is not its pin": (
        lambda m: pack(edit_json(m, "assessment.json", lambda d: d["questionnaire"].update(sha256="0" * 64))),  # type: ignore[index]
        "with sha256 000000000000…: it was altered",
    ),
    "manifest does not list a member": (
        lambda m: pack(m | {"history.json": b"[]"}, fix_manifest=False),
        "history.json does not match its sha256",
    ),
    "manifest with extra keys": (
        lambda m: pack(edit_json(m, "manifest.json", lambda d: d.update(run="x")), fix_manifest=False),  # type: ignore[union-attr]
        "the manifest does not list exactly the files",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_package_changes_nothing(case: str, package: tuple[int, bytes], tmp_path: Path) -> None:
    make, message = CASES[case]
    fresh = open_store(tmp_path / "fresh.db", clock=FakeClock(), evidence_limit=1024)
    add_enterprise(fresh, EnterpriseInput(name="已有企业"))
    before = dump(fresh)
    with pytest.raises(PackageError) as caught:
        import_package(fresh, make(members(package[1])), "copy")
    assert message in caught.value.lines[0] and len(caught.value.lines) == 1
    assert dump(fresh) == before


def test_an_altered_questionnaire_names_both_hashes(package: tuple[int, bytes], tmp_path: Path) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    with pytest.raises(PackageError) as caught:
        import_package(fresh, _fake_questionnaire(members(package[1])))
    official = default_catalogue().get("sme-digital-2024").sha256
    assert f"this app knows (sha256 {official[:12]}…)" in str(caught.value)
    assert list_questionnaires(fresh) == []  # the copy is not kept either


def test_evidence_a_user_attaches_later_keeps_its_own_bytes(
    store: Store, package: tuple[int, bytes], tmp_path: Path
) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    with pytest.raises(PackageError):
        import_package(fresh, _swap_evidence(members(package[1])))
    own = add_enterprise(fresh, EnterpriseInput(name="自己的企业"))
    from diagnosis.storage.assessments import new_assessment

    mine = new_assessment(fresh, default_catalogue().get("sme-digital-2024"), own)
    add_evidence(fresh, mine, "network", "网络拓扑图.png", b"\x89PNG fake")
    assert evidence_bytes(fresh, evidence_of(fresh, mine)[0]["sha256"]) == b"\x89PNG fake"


def test_an_assessment_of_another_enterprise_is_not_continued(
    store: Store, package: tuple[int, bytes], tmp_path: Path
) -> None:
    fresh = open_store(tmp_path / "fresh.db", clock=FakeClock())
    import_package(fresh, package[1])  # the genuine one, enterprise A

    def other_enterprise(data: dict[str, dict[str, object]]) -> None:
        data["assessment"]["revision"] = 2
        data["enterprise"].update(name="乙公司", uscc=None)

    stolen = edit_json(members(package[1]), "assessment.json", other_enterprise)  # type: ignore[arg-type]
    before = dump(fresh)
    with pytest.raises(PackageError, match="belongs to another enterprise here"):
        import_package(fresh, pack(stolen))
    assert dump(fresh) == before


def test_file_names_are_reduced_to_a_plain_base_name(package: tuple[int, bytes], tmp_path: Path) -> None:
    fresh = open_store(tmp_path / "fresh.db")
    raw = _evidence("name", "..\\..\\C:\\Windows\\evil\x01.exe")(members(package[1]))
    copy = import_package(fresh, raw)
    assert evidence_of(fresh, copy)[0]["name"] == "evil.exe"


@pytest.mark.parametrize(
    "given",
    [
        "照片.jpg",
        "a",
        ".",
        "..",
        " a.pdf",
        "a.pdf ",
        "a.pdf\u3000",
        "\xa0a",
        "C:a",
        "a/b",
        "a\\b",
        "a\tb",
        "a\nb",
        "a\x1bb",
        "a\x7fb",
        "a\x00b",
        "CON",
        "\u200b",
        "x" * 255,
        "x" * 256,
        "",
    ],
)
def test_a_name_that_is_already_plain_is_kept_as_the_full_reduction_would(given: str) -> None:
    """Most names need no path parsing (a shortcut for speed): it must give what parsing gives."""
    reduced = PureWindowsPath(given.replace("\x00", "")).name.strip()
    assert _base_name(given) == (re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", reduced)[:255] or "file")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2026-12-07T08:00:00+00:00", "2026-12-07T08:00:00+00:00"),
        ("2026-12-07T16:00:00+08:00", "2026-12-07T08:00:00+00:00"),
        ("2026-12-07 08:00:00+00:00", "2026-12-07T08:00:00+00:00"),
        ("2026-12-07T08:00:00.5+00:00", "2026-12-07T08:00:00+00:00"),
        ("20261207T080000.000+00:00", "2026-12-07T08:00:00+00:00"),
        ("2026-02-30T08:00:00+00:00", None),
        ("2026-12-07T08:00:00", None),
    ],
)
def test_times_are_stored_in_utc_seconds_whatever_form_they_came_in(given: str, stored: str | None) -> None:
    """A time already in the storage form is kept as written (a shortcut for speed); any other
    form is normalised, and a time that is not one, or has no zone, is refused."""
    if stored is None:
        with pytest.raises(ValueError):
            _utc(given)
    else:
        assert _utc(given) == stored


# -- the archive itself ---------------------------------------------------------------------------


def _raw_zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return out.getvalue()


def _corrupt_crc(raw: bytes) -> bytes:
    data = bytearray(raw)
    at = data.find(b"PK\x03\x04")
    data[at + 14 : at + 18] = struct.pack("<I", 0xDEADBEEF)  # the local header's CRC-32
    central = data.find(b"PK\x01\x02")
    data[central + 16 : central + 20] = struct.pack("<I", 0xDEADBEEF)
    return bytes(data)


def _corrupt_deflate(raw: bytes) -> bytes:
    data = bytearray(raw)
    at = data.find(b"PK\x03\x04")
    start = (
        at
        + 30
        + struct.unpack("<H", data[at + 26 : at + 28])[0]
        + struct.unpack("<H", data[at + 28 : at + 30])[0]
    )
    data[start : start + 8] = b"\xff" * 8
    return bytes(data)


def _unknown_method(raw: bytes) -> bytes:
    data = bytearray(raw)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        data[at + offset : at + offset + 2] = struct.pack("<H", 99)
    return bytes(data)


ZIP_CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not a zip": (lambda raw: b"PK\x03\x04 nonsense", "not a zip file, or a damaged one"),
    "empty file": (lambda raw: b"", "not a zip file"),
    "bad crc": (_corrupt_crc, "is damaged (Bad CRC-32"),
    "corrupt deflate stream": (_corrupt_deflate, "is damaged"),
    "unknown compression method": (_unknown_method, "uses a compression this app cannot read"),
    "duplicate member names": (
        lambda raw: _raw_zip([("manifest.json", b"{}"), ("manifest.json", b"{}")]),
        "holds 'manifest.json' twice",
    ),
    "too many members": (
        lambda raw: _raw_zip(
            [(f"evidence/{i:064x}", b"") for i in range(MAX_MEMBERS + 1)], zipfile.ZIP_STORED
        ),
        f"at most {MAX_MEMBERS} are accepted",
    ),
    "path traversal": (lambda raw: _raw_zip([("../../evil.txt", b"x")]), "refusing path '../../evil.txt'"),
    "absolute path": (lambda raw: _raw_zip([("/etc/cron.d/x", b"x")]), "refusing absolute path"),
    "windows path": (lambda raw: _raw_zip([("C:\\x.txt", b"x")]), "refusing absolute path"),
    "unexpected file": (lambda raw: _raw_zip([("run.exe", b"MZ")]), "unexpected file 'run.exe'"),
}


@pytest.mark.parametrize("case", sorted(ZIP_CASES))
def test_a_broken_or_hostile_archive_is_one_sentence(
    case: str, package: tuple[int, bytes], tmp_path: Path
) -> None:
    make, message = ZIP_CASES[case]
    fresh = open_store(tmp_path / "fresh.db")
    before = dump(fresh)
    with pytest.raises(PackageError) as caught:
        import_package(fresh, make(package[1]))
    assert message in caught.value.lines[0]
    assert dump(fresh) == before


def test_a_symbolic_link_is_refused(package: tuple[int, bytes]) -> None:
    out = io.BytesIO(package[1])
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo("evidence/" + "a" * 64)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(PackageError, match="refusing symbolic link"):
        read_package(out.getvalue(), 1024)


def test_many_small_members_cannot_exhaust_memory(package: tuple[int, bytes]) -> None:
    # 200 members of 64 KiB of zeros each compress ~1000-fold: every one is refused as a bomb,
    # however small, before the whole could add up.
    bombs = [(f"evidence/{i:064x}", b"\0" * 2**16) for i in range(200)]
    with pytest.raises(PackageError, match="expands more than 200-fold: refusing a zip bomb"):
        read_package(_raw_zip(bombs), 2**30)


def test_a_member_lying_about_its_size_is_stopped_while_reading(package: tuple[int, bytes]) -> None:
    raw = bytearray(_raw_zip([("evidence/" + "d" * 64, b"\0" * 2**20)]))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # claim 10 bytes uncompressed
        at = raw.find(signature)
        raw[at + offset : at + offset + 4] = struct.pack("<I", 10)
    with pytest.raises(PackageError, match=r"refusing a zip bomb|is damaged"):
        read_package(bytes(raw), 2**30)


def test_verify_package_applies_the_same_limits(package: tuple[int, bytes], tmp_path: Path) -> None:
    from diagnosis.cli.reports_run import demo_input
    from diagnosis.report.pdf import build_pdf

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(build_pdf(demo_input()))
    bomb = tmp_path / "bomb.diagpkg"
    bomb.write_bytes(_raw_zip([(f"evidence/{i:064x}", b"\0" * 2**20) for i in range(20)]))
    result = run_cli("verify", str(pdf), "--package", str(bomb))
    assert (
        result.returncode == 1 and "refusing a zip bomb" in result.stderr and "Traceback" not in result.stderr
    )


def test_the_same_package_twice_is_already_here(store: Store, package: tuple[int, bytes]) -> None:
    before = dump(store)
    with pytest.raises(DiagnosisError, match="already here"):
        import_package(store, package[1])
    assert dump(store) == before
    assert get_assessment(store, package[0])["status"] == "finalized"


def test_import_of_a_device_or_fifo_is_refused_unread(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.diagpkg"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo), str(tmp_path)):
        result = run_cli("import", target, "--db", str(tmp_path / "x.db"))
        assert result.returncode == 1 and "not a regular file" in result.stderr, result.stderr
