"""A PostgreSQL server for the tests: DIAGNOSIS_TEST_POSTGRES (what `.ci/run` exports), else a
throwaway cluster started here from Debian's server binaries (as the `postgres` user when the
tests run as root), listening on a Unix socket in a temporary folder only, never on TCP."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

ENV = "DIAGNOSIS_TEST_POSTGRES"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on the PATH, else the newest Debian server."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """A started throwaway cluster; yields the URL of its `postgres` database."""
    folder = binaries()
    assert folder is not None
    root = Path(tempfile.mkdtemp(prefix="diagnosis-pg-"))
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    data, log = root / "data", root / "log"

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    run(str(folder / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    options = f"-c listen_addresses='' -k {root} -c fsync=off"
    run(str(folder / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={root}"
    finally:
        run(str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def reachable(url: str) -> str | None:
    """None when the server answers; else why not."""
    import psycopg

    try:
        with psycopg.connect(**_params(url), connect_timeout=5):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    except Exception as error:  # a malformed URL
        return str(error)


@contextlib.contextmanager
def database(server: str) -> Iterator[str]:
    """A new empty database on the server for one test, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"intake_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_params(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**_params(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _params(url: str) -> dict[str, object]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    params: dict[str, object] = {"dbname": parsed.database or "postgres"}
    if parsed.username:
        params["user"] = parsed.username
    if parsed.password:
        params["password"] = parsed.password
    if parsed.host:
        params["host"] = parsed.host
    if parsed.port:
        params["port"] = parsed.port
    params.update({k: v for k, v in parsed.query.items() if isinstance(v, str)})
    return params
