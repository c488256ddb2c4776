"""What the `plan` command does (its arguments are defined in `plans`)."""

from __future__ import annotations

import argparse
import json

from diagnosis.cli.output import read_input, write_text
from diagnosis.cli.store_run import open_cli_store
from diagnosis.errors import DiagnosisError, UsageError
from diagnosis.jsonio import parse_json
from diagnosis.loading.yamlsource import decode, parse
from diagnosis.messages import msg
from diagnosis.plan.draft import draft_plan
from diagnosis.plan.model import Plan
from diagnosis.plan.summary import summarize
from diagnosis.storage.assessments import answers_of, questionnaire_of, scoring_context
from diagnosis.storage.plans import get_plan, parse_plan, plan_json, set_plan


def run_plan(args: argparse.Namespace) -> int:
    if args.schema:
        write_text(args.output, json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.assessment is None:
        raise UsageError(msg("cli.give_assessment"))
    if args.save and not args.draft:
        raise UsageError(msg("cli.save_with_draft"))
    store = open_cli_store(args)
    if args.set:
        set_plan(store, args.assessment, read_plan(args.set), whole=True)
        return 0
    plan = get_plan(store, args.assessment)
    if args.draft:
        answers, _ = answers_of(store, args.assessment)
        questionnaire = questionnaire_of(store, args.assessment).questionnaire
        given = scoring_context(store, args.assessment)
        plan = draft_plan(questionnaire, answers, plan, args.lang, given)
        if args.save:
            set_plan(store, args.assessment, plan, reason="drafted from the gap analysis")
            return 0
    if args.summary:
        loaded = questionnaire_of(store, args.assessment)
        answers, _ = answers_of(store, args.assessment)
        given = scoring_context(store, args.assessment)
        write_text(args.output, summarize(loaded.questionnaire, answers, plan, args.lang, given))
        return 0
    write_text(args.output, plan_text(plan, args.output))
    return 0


def plan_text(plan: Plan, output: str | None) -> str:
    """The plan as JSON, or as YAML when the file is named .yaml/.yml (what `--set` reads back)."""
    data = json.loads(plan_json(plan))
    if output and output.lower().endswith((".yaml", ".yml")):
        import yaml

        return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_plan(path: str) -> Plan:
    """A plan file: JSON, or YAML (for people writing one by hand)."""
    name, raw = read_input(path, what="plan file")
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return parse_plan(parse_json(raw, name), name)
    text, problems = decode(name, raw)
    if text is None:
        raise DiagnosisError([p.located() for p in problems])
    data, problems = parse(name, text)
    if problems:
        raise DiagnosisError([p.located() for p in problems])
    return parse_plan(data, name)
