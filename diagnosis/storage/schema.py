"""The database schema as append-only migrations (sqlite-utils), one transaction each.

Never edit a migration that has shipped: add `m00N_…` below it. Tests migrate from a blank
database and from every earlier schema.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("diagnosis")

LOCKED = "RAISE(ABORT, 'assessment is finalized')"


def run_script(db: Database, script: str) -> None:
    """Run SQL statements one by one. Unlike `executescript`, which commits first, this keeps
    them inside the migration's transaction (and the write lock that `open_store` holds)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


@migrations()
def m001_initial(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE enterprises (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            uscc TEXT UNIQUE,
            industry TEXT,            -- GB/T 4754 section or division code, e.g. C34
            province TEXT, city TEXT, county TEXT,
            size_class TEXT,          -- 大型 / 中型 / 小型 / 微型
            contact_name TEXT, contact_phone TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE TABLE questionnaires (
            sha256 TEXT PRIMARY KEY,  -- canonical hash of the validated model
            id TEXT NOT NULL, version TEXT NOT NULL,
            source BLOB NOT NULL,     -- the exact file answered against
            stored_at TEXT NOT NULL
        );
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL,        -- stable across laptops; shared by the revisions of one assessment
            revision INTEGER NOT NULL DEFAULT 1,
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
            questionnaire_sha256 TEXT NOT NULL REFERENCES questionnaires(sha256),
            questionnaire_id TEXT NOT NULL, questionnaire_version TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalized')),
            mode TEXT NOT NULL DEFAULT 'self' CHECK (mode IN ('self', 'onsite')),
            provider TEXT, assessor TEXT,
            based_on INTEGER REFERENCES assessments(id),  -- where a re-assessment started from
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, finalized_at TEXT,
            created_by TEXT,
            UNIQUE (uid, revision)
        );
        CREATE INDEX assessments_enterprise ON assessments(enterprise_id);
        CREATE INDEX assessments_created ON assessments(created_at);
        CREATE TABLE answers (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            value TEXT,               -- JSON; NULL = cleared
            note TEXT,
            updated_at TEXT NOT NULL, updated_by TEXT,
            PRIMARY KEY (assessment_id, question_id)
        );
        CREATE TABLE answer_history (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            old_value TEXT, new_value TEXT, old_note TEXT, new_note TEXT,
            changed_at TEXT NOT NULL, changed_by TEXT,
            reason TEXT NOT NULL DEFAULT 'answered'
        );
        CREATE INDEX answer_history_assessment ON answer_history(assessment_id);
        CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, content BLOB NOT NULL);
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL,
            added_at TEXT NOT NULL, added_by TEXT
        );
        CREATE INDEX evidence_assessment ON evidence(assessment_id);
        """,
    )
    # History is append-only, and a finalized assessment is read-only, whatever code runs.
    run_script(
        db,
        f"""
        CREATE TRIGGER history_no_update BEFORE UPDATE ON answer_history
            BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
        CREATE TRIGGER history_no_delete BEFORE DELETE ON answer_history
            WHEN (SELECT COUNT(*) FROM assessments WHERE id = OLD.assessment_id) > 0
            BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
        CREATE TRIGGER answers_locked_insert BEFORE INSERT ON answers
            WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        CREATE TRIGGER answers_locked_update BEFORE UPDATE ON answers
            WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        CREATE TRIGGER evidence_locked_insert BEFORE INSERT ON evidence
            WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        CREATE TRIGGER evidence_locked_delete BEFORE DELETE ON evidence
            WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        """,
    )


@migrations()
def m002_plan(db: Database) -> None:
    """The diagnosis plan (one JSON document per assessment) with its own append-only history,
    locked with the answers by finalize; the report number, fixed once given; and the earlier
    questionnaire version a re-assessment's answers were carried over from."""
    run_script(
        db,
        f"""
        CREATE TABLE plans (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
            content TEXT NOT NULL,    -- diagnosis.plan.model.Plan as JSON
            updated_at TEXT NOT NULL, updated_by TEXT
        );
        CREATE TABLE plan_history (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            old_content TEXT, new_content TEXT,
            changed_at TEXT NOT NULL, changed_by TEXT,
            reason TEXT NOT NULL DEFAULT 'edited'
        );
        CREATE INDEX plan_history_assessment ON plan_history(assessment_id);
        CREATE TRIGGER plan_history_no_update BEFORE UPDATE ON plan_history
            BEGIN SELECT RAISE(ABORT, 'plan history is append-only'); END;
        CREATE TRIGGER plan_history_no_delete BEFORE DELETE ON plan_history
            WHEN (SELECT COUNT(*) FROM assessments WHERE id = OLD.assessment_id) > 0
            BEGIN SELECT RAISE(ABORT, 'plan history is append-only'); END;
        CREATE TRIGGER plans_locked_insert BEFORE INSERT ON plans
            WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        CREATE TRIGGER plans_locked_update BEFORE UPDATE ON plans
            WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        CREATE TRIGGER plans_locked_delete BEFORE DELETE ON plans
            WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalized'
            BEGIN SELECT {LOCKED}; END;
        ALTER TABLE assessments ADD COLUMN report_number TEXT;
        ALTER TABLE assessments ADD COLUMN carried_from TEXT;  -- questionnaire version answers came from
        CREATE UNIQUE INDEX assessments_report_number ON assessments(report_number)
            WHERE report_number IS NOT NULL;
        """,
    )


@migrations()
def m002_review_flags(db: Database) -> None:
    # "Needs review" is a mark on the answer row (an unanswered question gets a row with no value),
    # so it is locked with the answers of a finalized assessment and travels with a new revision.
    db.execute("ALTER TABLE answers ADD COLUMN review INTEGER NOT NULL DEFAULT 0")


@migrations()
def m003_provider_uscc(db: Database) -> None:
    # The provider's unified social credit code, as the assessment names it: a signature on its
    # report or package must be that provider's (diagnosis.signing.binding).
    db.execute("ALTER TABLE assessments ADD COLUMN provider_uscc TEXT")
