"""Entry point: parse arguments, run one command, turn domain errors into lines on stderr.

Exit codes: 0 success, 1 a user error (one line per problem on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diagnosis import __version__
from diagnosis.cli import reports
from diagnosis.cli.usage import Parser, UsageRefused
from diagnosis.errors import DiagnosisError, UsageError
from diagnosis.localtime import zone_problem
from diagnosis.logs import route_warnings_to_log
from diagnosis.messages import lang_from_env, render


def build_parser(gui_only: bool = False, command: str | None = None) -> argparse.ArgumentParser:
    """Every command; `gui_only` registers just the `gui` command's module (reports), so the
    desktop app starts without importing the models and storage the other commands load.
    `command`: the modules are registered until the one that has it (a command starts without
    building the parsers of some forty others); every one for help and for an unknown name."""
    modules: tuple[Any, ...] = (reports,)
    if not gui_only:
        from diagnosis.cli import backups, intake, plans, questionnaires, scoring, signing, store

        modules = (questionnaires, scoring, store, backups, plans, reports, signing, intake)
    parser = Parser(
        prog="diagnosis",
        description="Offline digital-maturity self-diagnosis (数字化水平自诊断).",
    )
    parser.add_argument("--version", action="version", version=f"diagnosis {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in modules:
        module.register(commands)
        if command is not None and command in commands.choices:
            break
    for leaf in _all_commands(commands):
        if "--db" in leaf._option_string_actions:  # its own database (the intake's URL)
            continue
        leaf.add_argument(
            "--db",
            metavar="PATH",
            help="the assessments database (default: DIAGNOSIS_DB, "
            "else diagnosis.db in the user data folder)",
        )
    return parser


def _all_commands(group: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """Every leaf command, including those under `enterprise`."""
    found: list[argparse.ArgumentParser] = []
    for parser in dict.fromkeys(group.choices.values()):
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        found += _all_commands(nested[0]) if nested else [parser]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    # Whatever pydantic plugins the environment holds may not watch or change how packages and
    # answers are validated; not looking for them also spares each command a scan of every
    # installed distribution (~5 ms). PYDANTIC_DISABLE_PLUGINS="" lets them back in.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    route_warnings_to_log()
    _utf8_streams()
    given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(gui_only=not given or given[0] == "gui", command=given[0] if given else None)
    try:
        args = parser.parse_args(given)
    except DiagnosisError as error:  # an argument refused in a sentence (an id beyond 64 bits)
        for line in error.lines:
            print(render(line, lang_from_env(_lang_given(given))), file=sys.stderr)
        return 1
    except UsageRefused as refused:  # argparse's own: usage and the reason, then exit 2 as ever
        print("\n".join(refused.lines(lang_from_env(_lang_given(given)))), file=sys.stderr)
        raise SystemExit(2) from None
    if args.command is None:
        args = parser.parse_args(["gui"])  # no command: open the app
    # Messages in the language asked for with --lang, else the locale's (a report's --lang
    # defaults to Chinese, but that default says nothing about the person at the terminal).
    explicit = any(arg == "--lang" or arg.startswith("--lang=") for arg in given)
    args.message_lang = lang_from_env(getattr(args, "lang", None) if explicit else None)
    zone = zone_problem()
    if zone is not None:
        print(render(zone, args.message_lang), file=sys.stderr)
    try:
        _refuse_database_as_output(args)
        code = int(args.run(args))
        notice = getattr(args, "read_only", None)  # a database from a newer version, only read
        if notice is not None:
            print(render(notice, args.message_lang), file=sys.stderr)
        return code
    except DiagnosisError as error:
        for line in error.lines:
            print(render(line, args.message_lang), file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except BrokenPipeError:
        # The reader stopped early (`diagnosis score … | head`): not an error, and no traceback
        # when Python flushes stdout on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # Damaged on disk: a read found a broken page. sqlite3 is imported only by commands that
        # open a database, so an error of any other command cannot be one.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(error, sqlite3.DatabaseError):
            raise
        from diagnosis import paths
        from diagnosis.storage.db import explain

        path = Path(args.db) if getattr(args, "db", None) else paths.default_db()
        from diagnosis.messages import msg

        line = msg("storage.cannot_read", why=explain(error, path))
        print(render(line, args.message_lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _lang_given(given: list[str]) -> str | None:
    """The value of --lang on the command line, read before argparse could."""
    for n, arg in enumerate(given):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and n + 1 < len(given):
            return given[n + 1]
    return None


def _refuse_database_as_output(args: argparse.Namespace) -> None:
    """No command writes its output (-o, or the backup's FILE) over a database in use: the
    assessments database and the intake's SQLite file, with their -wal and -shm files."""
    output = getattr(args, "output", None) or (args.file if args.command == "backup" else None)
    if output is None:
        return
    from diagnosis import paths
    from diagnosis.files import refuse_database

    given = getattr(args, "db", None)
    intake = args.command == "intake"
    databases = [paths.default_db(), Path(given) if given and not intake else paths.default_db()]
    for url in (given if intake else None, os.environ.get("DIAGNOSIS_INTAKE_DB"), str(paths.intake_db())):
        if url and "://" not in url:  # a SQLite file (a server's database is no file here)
            databases.append(Path(url).expanduser())
    what = "backup" if args.command == "backup" else "output"
    for database in dict.fromkeys(databases):
        refuse_database(Path(output), database, what)


def _utf8_streams() -> None:
    # Chinese text must not crash a console with a legacy code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
