"""Opening the intake database by URL: PostgreSQL (psycopg 3) or a SQLite file, migrated by
Alembic on open, with errors told as sentences."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from diagnosis import paths
from diagnosis.errors import DiagnosisError

ENV = "DIAGNOSIS_INTAKE_DB"
HEAD = "0005"
BUSY_TIMEOUT = 60.0  # seconds a SQLite writer waits for another process's transaction
MIGRATION_LOCK = 7_240_001  # PostgreSQL advisory lock key: one process migrates at a time


class IntakeError(DiagnosisError):
    """The intake database cannot be opened, read or written."""


def database_url(given: str | None = None) -> URL:
    """`given`, else DIAGNOSIS_INTAKE_DB, else the SQLite file in the user data folder. A plain
    path means a SQLite file; `postgresql://…` uses psycopg 3."""
    raw = given or os.environ.get(ENV) or str(paths.intake_db())
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise IntakeError(
            f"{_hidden(raw)}: not a database URL (postgresql://… or a SQLite file path)"
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("postgresql", "sqlite"):
        raise IntakeError(f"{url.get_backend_name()}: the intake runs on PostgreSQL or SQLite")
    return url


def _hidden(raw: str) -> str:
    """A URL as printed: never its password."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        return raw.split("@")[-1][:80]


def open_engine(url: URL) -> Engine:
    """An engine on `url`, its schema migrated to the newest version (created when new)."""
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT}} if sqlite else {}
    engine = create_engine(url, **options)
    if sqlite:
        _sqlite_settings(engine)
    try:
        with engine.connect() as conn:
            migrate(conn)
    except OperationalError as error:
        engine.dispose()
        raise IntakeError(f"cannot open the intake database {where(url)}: {explain(error)}") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _sqlite_settings(engine: Engine) -> None:
    """WAL (readers never wait for the writer) and IMMEDIATE transactions: a second writer waits
    for the busy timeout instead of failing when it upgrades a read lock. synchronous=NORMAL: in
    WAL a power cut may lose the last commits but never corrupts, and a lost receipt is simply
    received again (ingest is idempotent)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # the driver's own BEGIN would be DEFERRED
        cursor = dbapi.cursor()
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(conn: Connection) -> None:
    """Bring the schema to HEAD with Alembic (one transaction; on PostgreSQL under an advisory
    lock, so clerks starting at once do not both create the tables). A database made by a newer
    version of the app is refused in a sentence."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.util.exc import CommandError

    with conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current == HEAD:
            return
        config = Config()
        config.set_main_option("script_location", str(paths.intake_migrations()))
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, "head")
        except CommandError:
            raise IntakeError(
                f"the intake database is at schema {current}, which this version of the app does not "
                "know: it was made by a newer version"
            ) from None


@contextmanager
def transaction(engine: Engine, what: str) -> Iterator[Connection]:
    """One transaction; database failures become an IntakeError naming `what`."""
    try:
        with engine.begin() as conn:
            yield conn
    except OperationalError as error:
        raise IntakeError(f"cannot {what}: {explain(error)}") from None


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of plain values (text, numbers, booleans, dates). PostgreSQL takes them by
    COPY: one stream, where an INSERT per row cost the server and the client about as much again
    as the rows themselves (a package brings about a hundred). A failure is raised as SQLAlchemy
    raises it for an INSERT, so a collision is still an IntegrityError."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    import psycopg
    from psycopg import sql

    names = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
    except psycopg.Error as error:
        raise DBAPIError.instance(statement.as_string(), None, error, psycopg.Error) from None


def where(url: URL) -> str:
    """The database as a sentence names it (no password)."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def explain(error: SQLAlchemyError) -> str:
    """The driver's first line, which says what is wrong (no SQL, no parameters)."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0][:200]
