"""The database schema as append-only migrations (sqlite-utils), one transaction each.

Never edit a migration that has shipped: add `m00N_…` below it. Tests migrate from a blank
database and from every earlier schema.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("diagnosis")

LOCKED = "RAISE(ABORT, 'assessment is finalized')"


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
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
        """
    )
    # History is append-only, and a finalized assessment is read-only, whatever code runs.
    db.executescript(
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
        """
    )


@migrations()
def m002_review_flags(db: Database) -> None:
    # "Needs review" is a mark on the answer row (an unanswered question gets a row with no value),
    # so it is locked with the answers of a finalized assessment and travels with a new revision.
    db.execute("ALTER TABLE answers ADD COLUMN review INTEGER NOT NULL DEFAULT 0")
