"""Opening the intake database: URLs, migrations to the newest schema, a newer schema refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from diagnosis.intake.db import HEAD, IntakeError, database_url, insert_rows, open_engine
from diagnosis.intake.schema import assessments, documents, metadata


def test_a_plain_path_is_a_sqlite_file_and_postgresql_uses_psycopg(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "x.db")).render_as_string() == f"sqlite:///{tmp_path / 'x.db'}"
    url = database_url("postgresql://clerk:secret@/intake?host=/run/postgresql")
    assert url.drivername == "postgresql+psycopg" and url.database == "intake"


def test_the_default_is_the_environment_then_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DIAGNOSIS_INTAKE_DB", raising=False)
    assert database_url().database == str(tmp_path / "home" / "intake.db")
    monkeypatch.setenv("DIAGNOSIS_INTAKE_DB", str(tmp_path / "env.db"))
    assert database_url().database == str(tmp_path / "env.db")


def test_other_engines_are_refused_in_a_sentence() -> None:
    with pytest.raises(IntakeError, match=r"^mysql: the intake runs on PostgreSQL or SQLite$"):
        database_url("mysql://u@h/db")


def test_a_server_that_does_not_answer_is_a_sentence_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://clerk:secret@/intake?host={tmp_path}"
    with pytest.raises(IntakeError) as caught:
        open_engine(database_url(url))
    message = str(caught.value)
    assert message.startswith("cannot open the intake database postgresql+psycopg://clerk:***@/intake")
    assert "secret" not in message and "\n" not in message


def test_a_new_database_is_migrated_to_exactly_the_declared_schema(db_url: str) -> None:
    engine = open_engine(database_url(db_url))
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == HEAD
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


def test_opening_again_changes_nothing(db_url: str) -> None:
    open_engine(database_url(db_url)).dispose()
    engine = open_engine(database_url(db_url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused(db_url: str) -> None:
    engine = open_engine(database_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(IntakeError, match="at schema 9999, which this version of the app does not know"):
        open_engine(database_url(db_url))


def test_a_database_of_the_first_schema_gets_its_names_normalised(db_url: str) -> None:
    """0001 → 0002: enterprises without a code, written in two spellings, become one key."""
    import datetime as dt

    from alembic import command
    from alembic.config import Config

    from diagnosis import paths

    url = database_url(db_url)
    engine = open_engine(url)  # at HEAD; go back to 0001 and store rows as 0001 did
    config = Config()
    config.set_main_option("script_location", str(paths.intake_migrations()))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        first_schema = [c["name"] for c in inspect(conn).get_columns("assessments") if c["name"] != "id"]
        now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        for n, name in enumerate(["合肥某精密\u200b机械有限公司", "合肥某精密機械有限公司"]):
            columns = dict.fromkeys(first_schema, None)  # the columns 0001 had, none added since
            columns |= {
                "uid": f"uid{n:010d}",
                "revision": 1,
                "status": "finalized",
                "mode": "onsite",
                "enterprise_key": f"name:{name}",
                "enterprise": name,
                "province": "安徽省",
                "city": "合肥市",
                "created_at": now,
                "received_at": now,
                "day": now.date(),
                **dict.fromkeys(("questionnaire_id", "questionnaire_version", "questionnaire_status"), "x"),
                **dict.fromkeys(("questionnaire_sha256", "answers_digest"), "0" * 64),
                **dict.fromkeys(("score", "max_score"), 1.0),
                **dict.fromkeys(("level_rank", "questions_visible", "questions_answered"), 1),
                **dict.fromkeys(("evidence_count", "evidence_expected", "evidence_covered"), 0),
                **dict.fromkeys(("plan_projects", "visit_count"), 0),
                **dict.fromkeys(("answers_trivial", "signed", "trusted"), False),
            }
            keys = ", ".join(columns)
            conn.execute(
                text(f"INSERT INTO assessments ({keys}) VALUES ({', '.join(':' + k for k in columns)})"),
                columns,
            )
    engine.dispose()
    engine = open_engine(url)
    with engine.connect() as conn:
        keys = conn.execute(text("SELECT DISTINCT enterprise_key, name_key FROM assessments")).all()
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert keys == [("name:安徽省/合肥市/合肥某精密机械有限公司", "安徽省/合肥市/合肥某精密机械有限公司")]
    assert differences == []


def test_many_rows_go_in_as_given_and_a_collision_is_an_integrity_error(db_url: str) -> None:
    """PostgreSQL takes them by COPY: awkward text, None, booleans and times come back the same,
    and a repeated unique key fails as an INSERT would (the intake retries on exactly that)."""
    engine = open_engine(database_url(db_url))
    moment = dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC)
    with engine.begin() as conn:
        owner = conn.execute(
            assessments.insert().returning(assessments.c.id),
            {
                "uid": "u" * 8,
                "revision": 1,
                "status": "finalized",
                "mode": "onsite",
                "enterprise_key": "k",
                "name_key": "n",
                "enterprise": "某厂",
                "created_at": moment,
                "day": moment.date(),
                "questionnaire_id": "q",
                "questionnaire_version": "1.0.0",
                "questionnaire_sha256": "0" * 64,
                "questionnaire_status": "official",
                "score": 1.0,
                "max_score": 5.0,
                "level_rank": 1,
                "questions_visible": 1,
                "questions_answered": 1,
                "answers_digest": "1" * 64,
                "answers_trivial": False,
                "evidence_count": 0,
                "evidence_expected": 0,
                "evidence_covered": 0,
                "plan_projects": 0,
                "visit_count": 0,
                "signed": False,
                "trusted": False,
                "received_at": moment,
            },
        ).scalar_one()
    awkward = "制\t表\\N 符\n换行\r\\.\x7f"
    rows = [
        {
            "sha256": f"{n:064x}",
            "assessment_id": owner,
            "kind": "package",
            "name": awkward,
            "size": n,
            "signed": n == 1,
            "signature_ok": False,
            "trusted": False,
            "signer_fingerprint": None,
            "signer_organisation": None,
            "signer_uscc": None,
            "signature": "未签名",
            "signature_zh": None,
            "notes": None,
            "received_at": moment,
            "received_by": None,
        }
        for n in (1, 2)
    ]
    with engine.begin() as conn:
        insert_rows(conn, documents, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(documents).order_by(documents.c.size)).mappings().all()
    assert [(r["name"], r["signed"], r["notes"], _as_utc(r["received_at"])) for r in stored] == [
        (awkward, True, None, moment),
        (awkward, False, None, moment),
    ]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        insert_rows(conn, documents, rows[:1])
    with engine.connect() as conn:
        assert conn.execute(select(documents.c.id)).all().__len__() == 2
    engine.dispose()


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back the UTC time without its zone, PostgreSQL in the session's zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
