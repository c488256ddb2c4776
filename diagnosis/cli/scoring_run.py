"""What the answer commands do (their arguments are defined in `scoring`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnosis.cli.output import print_json, read_input, write_text
from diagnosis.errors import AnswersError, UsageError
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import Loaded, load_file
from diagnosis.messages import msg
from diagnosis.scoring.answers import ANSWERS_FORMAT, AnswersFile, parse_answers_file
from diagnosis.scoring.plausibility import Alert

if TYPE_CHECKING:
    from diagnosis.scoring.result import ScoreResult

# Each command imports what it uses, when it runs: `score FILE` loads no report, plan or
# database module (tests/cli/test_imports.py keeps it so).


def run_sample(args: argparse.Namespace) -> int:
    from diagnosis.scoring.sample import sample_answers, sample_notes

    loaded = default_catalogue().get(args.questionnaire)
    q = loaded.questionnaire
    answers = sample_answers(q, args.strategy, args.seed)
    document = {
        "format": ANSWERS_FORMAT,
        "questionnaire": {"id": q.id, "version": q.version, "sha256": loaded.sha256},
        "enterprise": {"name": "示例企业", "uscc": None},
        "answers": answers,
        "notes": sample_notes(q, answers),
    }
    write_text(args.output, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


def resolve(file: AnswersFile, questionnaire_path: str | None) -> Loaded:
    """The questionnaire an answers file was given against; a changed file is an error."""
    ref = file.questionnaire
    loaded = load_file(Path(questionnaire_path)) if questionnaire_path else default_catalogue().get(ref.ref)
    q = loaded.questionnaire
    if ref.id != q.id or (ref.version and ref.version != q.version):
        raise AnswersError(msg("cli.answers_for", ref=ref.ref, pinned=f"{q.id}@{q.version}"))
    if ref.sha256 and ref.sha256 != loaded.sha256:
        raise AnswersError(
            msg("cli.answers_other_copy", ref=ref.ref, given=ref.sha256[:12], have=loaded.sha256[:12])
        )
    return loaded


def run_score(args: argparse.Namespace) -> int:
    if (args.answers is None) == (args.assessment is None):
        raise UsageError(msg("cli.give_answers"))
    if args.assessment is not None:
        from diagnosis.cli.store_run import open_cli_store  # the database only when asked for
        from diagnosis.report.inputs import from_store
        from diagnosis.report.standing import checks

        source = from_store(open_cli_store(args), args.assessment)
        result, loaded, alerts = source.result(), source.loaded, checks(source)
    else:
        name, raw = read_input(args.answers)
        file = parse_answers_file(name, raw)
        loaded = resolve(file, args.questionnaire)
        result, alerts = _score_file(file, loaded)
    if args.json:
        from diagnosis.model.index import index_of
        from diagnosis.scoring.result import to_dict

        questions = index_of(loaded.questionnaire).questions
        deviations = {qid: q.deviation for qid, q in questions.items() if q.deviation is not None}
        print_json(to_dict(result, deviations) | {"plausibility": [_alert_dict(a) for a in alerts]})
    else:
        from diagnosis.cli.score_text import render_text

        sys.stdout.write(render_text(result, loaded, args.lang, alerts))
    return 0


def _score_file(file: AnswersFile, loaded: Loaded) -> tuple[ScoreResult, list[Alert]]:
    """The score of an answers file and the plausibility checks that warn on it (resolved ones
    carry the note of the file's plan), as its report would list them. A plan with projects has
    warnings of its own (money that changes nothing): then the report's own reading is used."""
    plan = file.plan
    if plan is not None and plan.projects:
        from diagnosis.report.inputs import from_answers_file
        from diagnosis.report.standing import checks

        source = from_answers_file(file, loaded)
        return source.result(), checks(source)
    from diagnosis.localtime import zone_name
    from diagnosis.records import ENTERPRISE_FIELDS
    from diagnosis.scoring.context import context_of
    from diagnosis.scoring.engine import score
    from diagnosis.scoring.plausibility import alerts_of

    q = loaded.questionnaire
    # Flat records of plain values: dict() is their dump, without building their serializers.
    enterprise = dict(file.enterprise)
    given = context_of(
        enterprise={k: enterprise.get(k) for k in ENTERPRISE_FIELDS},
        assessment=dict(file.assessment),
        notes=file.notes,
        resolutions=plan.resolutions if plan is not None else {},
        timezone=zone_name(),
    )
    result = score(q, file.answers, sha256=loaded.sha256, context=given)
    return result, alerts_of(q, result.warned, given.resolutions)


def _alert_dict(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "message": {"zh": alert.message.zh, "en": alert.message.en},
        "questions": alert.questions,
        "resolution": alert.resolution,
    }
