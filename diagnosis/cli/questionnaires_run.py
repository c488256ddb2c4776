"""What the questionnaire commands do (their arguments are defined in `questionnaires`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnosis import paths
from diagnosis.cli.output import print_json, table
from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg, render

if TYPE_CHECKING:
    from diagnosis.loading.load import Loaded

# The questionnaires and their models load in the commands that use them (`paths` does not).


def run_list(args: argparse.Namespace) -> int:
    from diagnosis.loading.catalogue import default_catalogue

    catalogue = default_catalogue()
    for line in catalogue.problems:
        print(render(line, args.message_lang), file=sys.stderr)
    rows: list[dict[str, Any]] = [
        {
            "id": e.questionnaire.id,
            "version": e.questionnaire.version,
            "title": {"zh": e.questionnaire.title.zh, "en": e.questionnaire.title.en},
            "sha256": e.sha256,
            "source": e.source,
        }
        for e in catalogue.all()
    ]
    if args.json:
        print_json(rows)
    else:
        body = [[r["id"], r["version"], r["title"]["zh"], r["sha256"][:12]] for r in rows]
        sys.stdout.write(table([["id", "version", "title", "sha256"], *body]))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from diagnosis.loading.catalogue import questionnaire_files
    from diagnosis.loading.load import load_file

    failed = False
    seen: dict[tuple[str, str], Path] = {}
    found: dict[tuple[str, str], Loaded] = {}
    for given in args.paths:
        root = Path(given)
        if not root.exists():
            print(render(msg("cli.no_such_path", path=given), args.message_lang), file=sys.stderr)
            failed = True
            continue
        for path in questionnaire_files(root):
            try:
                loaded = load_file(path, use_cache=False)
            except DiagnosisError as error:
                failed = True
                for line in error.lines:
                    print(render(line, args.message_lang), file=sys.stderr)
                continue
            if loaded.key in seen:
                failed = True
                key = loaded.key
                line = msg(
                    "cli.also_defined", path=str(path), id=key[0], version=key[1], other=str(seen[key])
                )
                print(render(line, args.message_lang), file=sys.stderr)
            seen[loaded.key] = path
            found[loaded.key] = loaded
            ref = f"{loaded.key[0]}@{loaded.key[1]}"
            line = msg("cli.valid", path=str(path), ref=ref, sha=loaded.sha256[:12])
            print(render(line, args.message_lang))
    for line in _carry_over_problems(found) + _prefill_problems(found):
        failed = True
        print(render(line, args.message_lang), file=sys.stderr)
    return 1 if failed else 0


def _carry_over_problems(found: dict[tuple[str, str], Loaded]) -> list[str]:
    """Check each carry-over mapping against the earlier version, when that file is at hand."""
    from diagnosis.loading.catalogue import default_catalogue

    catalogue = None
    lines: list[str] = []
    for (qid, _), loaded in found.items():
        for block in loaded.questionnaire.carry_over:
            old = found.get((qid, block.from_))
            if old is None:
                catalogue = catalogue or default_catalogue()
                old = catalogue.entries.get((qid, block.from_))
            if old is not None:
                lines += [
                    msg("cli.in_file", path=loaded.source, problem=p) for p in _check_mapping(old, loaded)
                ]
    return lines


def _prefill_problems(found: dict[tuple[str, str], Loaded]) -> list[str]:
    """Check each prefill against every version of its source questionnaire at hand (a source
    assessment may have been answered against any of them)."""
    from diagnosis.loading.catalogue import default_catalogue
    from diagnosis.model import semver_key
    from diagnosis.model.index import index_of
    from diagnosis.scoring.prefill import check_prefill

    catalogue = None
    lines: list[str] = []
    for loaded in found.values():
        sources = {
            q.prefill.questionnaire for q in index_of(loaded.questionnaire).questions.values() if q.prefill
        }
        for source in sorted(sources):
            catalogue = catalogue or default_catalogue()
            versions = {key: e for key, e in catalogue.entries.items() if key[0] == source}
            versions |= {key: e for key, e in found.items() if key[0] == source}
            for _, other in sorted(versions.items(), key=lambda item: semver_key(item[0][1])):
                lines += [
                    msg("cli.in_file", path=loaded.source, problem=p)
                    for p in check_prefill(other.questionnaire, loaded.questionnaire)
                ]
    return lines


def _check_mapping(old: Loaded, new: Loaded) -> list[str]:
    from diagnosis.scoring.carry_over import check_mapping

    return list(check_mapping(old.questionnaire, new.questionnaire))


def run_paths(args: argparse.Namespace) -> int:
    places = paths.where()
    if args.json:
        print_json({name: str(path) for name, path in places.items()})
    else:
        sys.stdout.write(table([["what", "path"], *[[name, str(path)] for name, path in places.items()]]))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from diagnosis.model import Questionnaire

    schema = Questionnaire.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "diagnosis questionnaire file"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0
