"""Commands that back up the database and restore it from a backup (the same core functions as
the desktop app's File and Help menus)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from diagnosis.messages import msg, render


def register(commands: Any) -> None:
    cmd = commands.add_parser(
        "backup", help="write a consistent copy of the database to FILE (safe while the app is open)"
    )
    cmd.add_argument("file", type=Path, metavar="FILE.db")
    cmd.set_defaults(run=run_backup)

    cmd = commands.add_parser(
        "restore",
        help="replace the database with a checked backup; the database as it was is kept beside it",
    )
    cmd.add_argument("file", type=Path, metavar="FILE.db")
    cmd.set_defaults(run=run_restore)


def database_path(args: argparse.Namespace) -> Path:
    from diagnosis import paths

    return Path(args.db) if getattr(args, "db", None) else paths.default_db()


def run_backup(args: argparse.Namespace) -> int:
    from diagnosis.cli.store_run import open_cli_store
    from diagnosis.storage.backup import backup

    store = open_cli_store(args)
    try:
        backup(store, args.file)
    finally:
        store.close()
    print(args.file)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from diagnosis.storage.backup import restore

    target = database_path(args)
    # No store is opened here: a damaged database must still be restorable.
    kept = restore(target, args.file)
    print(render(msg("cli.restored", target=str(target), source=str(args.file)), args.message_lang))
    if kept is not None:
        print(render(msg("cli.kept", path=str(kept)), args.message_lang))
    return 0
