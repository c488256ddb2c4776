"""The store keeps every answer, its history and evidence; finalized assessments are locked."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from diagnosis.errors import AnswersError, DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import UNCHANGED, history_of, set_answer
from diagnosis.storage.assessments import (
    answers_of,
    delete_assessment,
    finalize,
    get_assessment,
    new_assessment,
    questionnaire_of,
    reassess,
    reopen,
    score_assessment,
)
from diagnosis.storage.db import StorageError, Store, open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise, check_uscc
from diagnosis.storage.evidence import add_evidence, attach, evidence_bytes, evidence_of
from diagnosis.storage.reports import compare, list_assessments, provider_summary
from diagnosis.storage.schema import migrations


def test_pragmas_make_every_commit_durable(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_from_blank_and_from_every_earlier_schema(tmp_path: Path) -> None:
    names = [m.name for m in migrations._migrations]
    final = _schema(open_store(tmp_path / "blank.db").db)
    for i, name in enumerate(names):
        db = Database(tmp_path / f"at-{i}.db")
        migrations.apply(db, stop_before=name)  # a database as an older release left it
        db.close()
        assert _schema(open_store(tmp_path / f"at-{i}.db").db) == final
    reopened = open_store(tmp_path / "blank.db")
    assert [m.name for m in migrations.applied(reopened.db)] == names  # applying again is a no-op


def _schema(db: Database) -> list[tuple[str, str]]:
    return sorted(db.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())


def test_uscc_errors_name_the_check(store: Store) -> None:
    assert check_uscc("91110000600037341L") == "91110000600037341L"
    for code, reason in [
        ("9111000060003734", "it must have 18 characters"),
        ("91110000600037341X", "the check character (the 18th) does not match"),
        ("91110000600O37341L", "it may only hold digits and capital letters"),
    ]:
        with pytest.raises(DiagnosisError, match=rf"'{code}' is not valid: {re.escape(reason)}"):
            add_enterprise(store, EnterpriseInput(name="x", uscc=code))


def test_same_code_twice_is_refused(store: Store, enterprise: int) -> None:
    with pytest.raises(DiagnosisError, match=f"already exists: #{enterprise} 某某精密机械有限公司"):
        add_enterprise(store, EnterpriseInput(name="另一家", uscc="91110000600037341L"))


def test_answers_notes_and_history(store: Store, mini: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise, mode="onsite", provider="合肥数智", assessor="张工")
    set_answer(store, a, "network", ["wired"], note="一楼")
    set_answer(store, a, "network", ["wired", "wifi"])
    set_answer(store, a, "network", UNCHANGED, note="一楼和二楼")
    set_answer(store, a, "network", ["wired", "wifi"])  # unchanged: no history row
    set_answer(store, a, "sector", "food")
    set_answer(store, a, "sector", None)  # cleared
    assert answers_of(store, a) == ({"network": ["wired", "wifi"]}, {"network": "一楼和二楼"})
    changes = [
        (h["question_id"], h["old_value"], h["new_value"], h["changed_by"]) for h in history_of(store, a)
    ]
    assert changes == [
        ("network", None, '["wired"]', "张工"),
        ("network", '["wired"]', '["wired", "wifi"]', "张工"),
        ("network", '["wired", "wifi"]', '["wired", "wifi"]', "张工"),
        ("sector", None, '"food"', "张工"),
        ("sector", '"food"', None, "张工"),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE answer_history SET new_value = 'x'")


def test_invalid_answers_are_refused_and_nothing_is_written(
    store: Store, mini: Loaded, enterprise: int
) -> None:
    a = new_assessment(store, mini, enterprise)
    for qid, value, message in [
        ("ghost", 1, "no question 'ghost'"),
        ("sector", "cars", "'cars' is not an option"),
        ("erp_modules", 99, "above the maximum 50"),
    ]:
        with pytest.raises(AnswersError, match=message):
            set_answer(store, a, qid, value)
    assert answers_of(store, a) == ({}, {}) and history_of(store, a) == []


def test_the_stored_questionnaire_copy_survives_the_file(
    store: Store, tmp_path: Path, enterprise: int, mini: Loaded
) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "network", ["wired", "g5"])
    row = get_assessment(store, a)
    assert (row["questionnaire_id"], row["questionnaire_version"], row["questionnaire_sha256"]) == (
        "mini",
        "1.0.0",
        mini.sha256,
    )
    assert questionnaire_of(store, a).raw == mini.raw  # the exact file, not just its id
    assert score_assessment(store, a)[0].nodes["base"].score == 5


def test_finalize_locks_and_reopen_makes_a_new_revision(store: Store, mini: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "network", ["wired"])
    add_evidence(store, a, "network", "拓扑图.png", b"png")
    with pytest.raises(DiagnosisError, match="required questions are unanswered"):
        finalize(store, a)
    finalize(store, a, force=True)
    assert get_assessment(store, a)["status"] == "finalized"
    with pytest.raises(DiagnosisError, match="finalized; reopen it"):
        set_answer(store, a, "network", ["wifi"])
    with pytest.raises(DiagnosisError, match="finalized"):
        add_evidence(store, a, "network", "x.txt", b"x")
    with pytest.raises(sqlite3.IntegrityError, match="finalized"):  # even bypassing the code
        store.db.execute("UPDATE answers SET value = '[]' WHERE assessment_id = ?", [a])
    b = reopen(store, a)
    assert get_assessment(store, b)["uid"] == get_assessment(store, a)["uid"]
    assert get_assessment(store, b)["revision"] == 2
    assert answers_of(store, b) == answers_of(store, a) and len(evidence_of(store, b)) == 1
    set_answer(store, b, "network", ["wifi"])
    assert answers_of(store, a)[0] == {"network": ["wired"]}  # the finalized revision is intact
    assert history_of(store, b)[0]["reason"] == "copied from revision 1"


def test_reassessment_and_comparison(store: Store, sme: Loaded, enterprise: int) -> None:
    before = new_assessment(store, sme, enterprise)
    set_answer(store, before, "network", ["app_network"])
    set_answer(store, before, "info_system_coverage", "one")
    finalize(store, before, force=True)
    after = reassess(store, before)
    assert get_assessment(store, after)["based_on"] == before
    assert answers_of(store, after) == answers_of(store, before)
    assert {h["reason"] for h in history_of(store, after)} == {f"copied from assessment #{before}"}
    set_answer(store, after, "network", ["app_network", "control_network", "industrial_5g"])
    set_answer(store, after, "info_system_coverage", "all")
    result = compare(store, before, after)
    deltas = {d.id: d.delta for d in result.dimensions}
    # network 2 → 6 (+4); information systems 2.5 → 10 (+7.5); basis +11.5
    assert (deltas["equipment"], deltas["info_systems"], deltas["basis"]) == (4, 7.5, 11.5)
    assert (result.before_score, result.after_score) == (4.5, 16)


def test_evidence_is_kept_inside_the_database(
    store: Store, mini: Loaded, enterprise: int, tmp_path: Path
) -> None:
    a = new_assessment(store, mini, enterprise)
    file = tmp_path / "设备台账.xlsx"
    file.write_bytes(b"ledger")
    attach(store, a, "network", file)
    file.unlink()  # the user's copy may go away: ours does not
    [item] = evidence_of(store, a)
    assert (item["name"], item["size"], item["added_by"]) == ("设备台账.xlsx", 6, "张工")
    assert evidence_bytes(store, item["sha256"]) == b"ledger"
    assert str(tmp_path) not in "\n".join(store.db.conn.iterdump())  # no path back into the user's disk
    big = tmp_path / "video.mp4"
    big.write_bytes(b"0" * 2048)
    with pytest.raises(
        DiagnosisError, match=r"video.mp4: the evidence file is 2048 bytes; at most 1024 bytes is accepted"
    ):
        attach(store, a, "network", big)


def test_list_summary_and_delete(store: Store, mini: Loaded, sme: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise, provider="合肥数智")
    b = new_assessment(store, sme, enterprise, provider="别家")
    set_answer(store, a, "network", ["wired"])
    assert [r["id"] for r in list_assessments(store)] == [a, b]  # last changed first
    assert [r["id"] for r in list_assessments(store, search="sme")] == [b]
    assert provider_summary(store, provider="合肥数智") == []  # drafts only on request
    rows = provider_summary(store, provider="合肥数智", start="2026-03-01", end="2026-03-01", drafts=True)
    assert [(r.id, r.uscc, r.score) for r in rows] == [(a, "91110000600037341L", 2)]
    assert provider_summary(store, provider="合肥数智", start="2026-03-02", drafts=True) == []
    add_evidence(store, a, "network", "a.png", b"only in a")
    add_evidence(store, b, "network", "b.png", b"only in b")
    delete_assessment(store, a)
    assert [r["id"] for r in list_assessments(store)] == [b]
    assert [row[0] for row in store.db.execute("SELECT content FROM blobs")] == [b"only in b"]
    assert (
        store.db.execute("SELECT COUNT(*) FROM answer_history WHERE assessment_id = ?", [a]).fetchone()[0]
        == 0
    )


def test_read_only_database_is_a_clear_error_and_loses_nothing(
    store: Store, mini: Loaded, enterprise: int
) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "network", ["wired"])
    store.db.execute("PRAGMA query_only = ON")  # as if the file or its folder turned read-only
    with pytest.raises(StorageError, match=r"cannot save the answer to network: .*read-only"):
        set_answer(store, a, "network", ["wifi"])
    with pytest.raises(StorageError):
        set_answer(store, a, "sector", "food")  # a first answer to another question fails too
    store.db.execute("PRAGMA query_only = OFF")
    assert answers_of(store, a)[0] == {"network": ["wired"]}
    set_answer(store, a, "network", ["wifi"])  # the kept answers can be retried
    set_answer(store, a, "sector", "food")
    assert answers_of(store, a)[0] == {"network": ["wifi"], "sector": "food"}


def test_full_disk_is_a_clear_error(store: Store, mini: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise)
    store.evidence_limit = 2**20
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: a full disk
    with pytest.raises(
        StorageError, match=r"cannot attach big.bin: the disk is full .*\(nothing was saved\)"
    ):
        add_evidence(store, a, "network", "big.bin", bytes(range(256)) * 400)
    assert evidence_of(store, a) == []
    store.db.execute("PRAGMA max_page_count = 1000000")
    add_evidence(store, a, "network", "big.bin", bytes(range(256)) * 400)  # retried once there is room
    assert len(evidence_of(store, a)) == 1


def test_an_unopenable_database_is_a_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(
        StorageError, match="is damaged or not a diagnosis database; restore it from a backup"
    ):
        open_store(bad)
