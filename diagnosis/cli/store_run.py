"""What the database commands do (their arguments are defined in `store`)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from diagnosis import flow, paths
from diagnosis.answer_text import answer_label
from diagnosis.cli.output import print_json, read_input, table
from diagnosis.errors import DiagnosisError
from diagnosis.jsonio import JsonSyntaxError, parse_json
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.localtime import local_minute
from diagnosis.messages import Lang, msg, render
from diagnosis.model import Level
from diagnosis.model.index import index_of
from diagnosis.numbers import figure
from diagnosis.report.workbook import assessment_workbook
from diagnosis.scoring.answers import parse_answers_file
from diagnosis.session import Session
from diagnosis.storage import xlsx
from diagnosis.storage.answers import UNCHANGED, prefilled, set_answer, set_review
from diagnosis.storage.answers_file import answers_document, answers_from_file
from diagnosis.storage.archive import MAX_TOTAL
from diagnosis.storage.assessments import (
    carry_over_preview,
    delete_assessment,
    finalize,
    get_assessment,
    reassess,
    reopen,
)
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.enterprises import (
    EnterpriseInput,
    add_enterprise,
    find_or_add,
    get_enterprise,
    list_enterprises,
)
from diagnosis.storage.evidence import attach, remove_evidence
from diagnosis.storage.package import export_package, import_package
from diagnosis.storage.reports import compare, list_assessments, provider_summary


def open_cli_store(args: argparse.Namespace) -> Store:
    """The database named by --db, else DIAGNOSIS_DB, else the user data folder's."""
    path = Path(args.db) if getattr(args, "db", None) else paths.default_db()
    user = os.environ.get("DIAGNOSIS_USER") or _login()
    store = open_store(path, user=user)
    if store.newer:  # said once, after a command that only read (a write is refused saying why)
        args.read_only = msg("inputs.read_only", path=path, why=store.newer)
    return store


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def run_enterprise_add(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    new_id = add_enterprise(
        store,
        EnterpriseInput(
            name=args.name,
            uscc=args.uscc,
            industry=args.industry,
            province=args.province,
            city=args.city,
            county=args.county,
            size_class=args.size,
            contact_name=args.contact,
            contact_phone=args.phone,
        ),
    )
    print(new_id)
    return 0


def run_enterprise_list(args: argparse.Namespace) -> int:
    rows = list_enterprises(open_cli_store(args))
    if args.json:
        print_json(rows)
    else:
        sys.stdout.write(
            table(
                [
                    ["id", "name", "uscc", "region"],
                    *[
                        [
                            str(r["id"]),
                            r["name"],
                            r["uscc"] or "",
                            " ".join(p for p in (r["province"], r["city"]) if p),
                        ]
                        for r in rows
                    ],
                ]
            )
        )
    return 0


def run_enterprise_show(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    row = get_enterprise(store, args.enterprise)
    row["assessments"] = [a["id"] for a in list_assessments(store) if a["enterprise_id"] == args.enterprise]
    if args.json:
        print_json(row)
    else:
        sys.stdout.write("".join(f"{k}: {'' if v is None else v}\n" for k, v in row.items()))
    return 0


def run_new(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    loaded = default_catalogue().get(args.questionnaire)
    if args.enterprise is not None:
        enterprise_id = int(get_enterprise(store, args.enterprise)["id"])
    else:
        enterprise_id = find_or_add(store, args.enterprise_name, args.uscc)
    from diagnosis.storage.plans import start_assessment

    new_id = start_assessment(
        store,
        loaded,
        enterprise_id,
        mode=args.mode,
        provider=args.provider,
        assessor=args.assessor,
        provider_uscc=args.provider_uscc,
    )
    print(new_id)
    _say_prefilled(store, new_id, args.message_lang)
    return 0


def _say_prefilled(store: Store, assessment_id: int, lang: Lang) -> None:
    """Answers taken from another assessment, one line each on stderr (stdout holds the id alone)."""
    session = Session.open(store, assessment_id)
    index = index_of(session.questionnaire)
    answers = session.answers()
    for qid, taken in prefilled(store, assessment_id).items():
        question = index.questions[qid]
        value = answer_label(index, question, answers.get(qid), lang)
        line = msg("prefill.line", question=question.text.get(lang), value=value, taken=taken)
        print(render(line, lang), file=sys.stderr)


def parse_value(text: str) -> Any:
    """JSON when the text parses as JSON ("3", "[\"a\"]"), else the text itself; JSON that
    parses but is refused (a number beyond 64 bits, NaN, deep nesting) is an error."""
    try:
        return parse_json(text, "VALUE")
    except JsonSyntaxError:
        return text


def run_answer(args: argparse.Namespace) -> int:
    if args.source is not None:
        return _answer_from_file(args)
    if args.question is None:
        raise DiagnosisError(msg("cli.give_question"))
    if args.value is None and args.note is None and not args.clear and args.review is None:
        raise DiagnosisError(msg("cli.give_value"))
    store = open_cli_store(args)
    if args.value is not None or args.note is not None or args.clear:
        value = None if args.clear else (UNCHANGED if args.value is None else parse_value(args.value))
        note = UNCHANGED if args.note is None else args.note
        set_answer(store, args.assessment, args.question, value, note)
    if args.review is not None:
        set_review(store, args.assessment, args.question, args.review)
    return 0


def _answer_from_file(args: argparse.Namespace) -> int:
    if args.question is not None or args.note is not None or args.clear or args.review is not None:
        raise DiagnosisError(msg("cli.from_alone"))
    name, raw = read_input(args.source, what="answers file")
    file = parse_answers_file(name, raw)
    answers, notes = answers_from_file(open_cli_store(args), args.assessment, file, name)
    print(render(msg("cli.answers_changed", answers=answers, notes=notes), args.message_lang))
    return 0


def run_next(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    session = Session.open(store, args.assessment)
    qid = session.resume_point()
    if qid is None:
        missing = flow.required_missing(session.questionnaire, session.answers())
        print_json({"question": None, "required_missing": missing}) if args.json else print(
            render(msg("cli.all_answered"), args.message_lang)
        )
        return 0
    question = index_of(session.questionnaire).questions[qid]
    options = {o.id: o.label.zh for o in index_of(session.questionnaire).options[qid].values()}
    if args.json:
        print_json(
            {
                "question": qid,
                "kind": question.kind,
                "text": question.text.zh,
                "options": options,
                "help": question.help.zh if question.help else None,
            }
        )
    else:
        print(f"{qid}  [{question.kind}]  {question.text.zh}")
        for option_id, text in options.items():
            print(f"  {option_id}: {text}")
    return 0


def run_attach(args: argparse.Namespace) -> int:
    print(attach(open_cli_store(args), args.assessment, args.question, args.file))
    return 0


def run_detach(args: argparse.Namespace) -> int:
    remove_evidence(open_cli_store(args), args.evidence)
    return 0


def run_assessments(args: argparse.Namespace) -> int:
    rows = list_assessments(open_cli_store(args), args.search)
    if args.json:
        print_json(rows)
        return 0
    sys.stdout.write(
        table(
            [
                ["id", "enterprise", "questionnaire", "status", "answered", "updated"],
                *[
                    [
                        str(r["id"]),
                        r["enterprise"],
                        f"{r['questionnaire_id']}@{r['questionnaire_version']}",
                        r["status"] + (f" r{r['revision']}" if r["revision"] > 1 else ""),
                        str(r["answered"]),
                        local_minute(r["updated_at"]),
                    ]
                    for r in rows
                ],
            ]
        )
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    document = answers_document(store, args.assessment)
    taken = prefilled(store, args.assessment)
    if args.json:
        print_json(document)
    else:
        meta = document["assessment"]
        print(
            f"#{meta['id']} {document['enterprise']['name']}  {document['questionnaire']['id']}@"
            f"{document['questionnaire']['version']}  {meta['status']} r{meta['revision']}"
        )
        for qid, value in document["answers"].items():
            note = document["notes"].get(qid)
            origin = f"   <- {render(taken[qid], args.message_lang)}" if qid in taken else ""
            print(
                f"  {qid}: {json.dumps(value, ensure_ascii=False)}"
                + (f"   # {note}" if note else "")
                + origin
            )
    return 0


def run_finalize(args: argparse.Namespace) -> int:
    finalize(open_cli_store(args), args.assessment, force=args.force)
    return 0


def run_reopen(args: argparse.Namespace) -> int:
    print(reopen(open_cli_store(args), args.assessment))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    delete_assessment(open_cli_store(args), args.assessment)
    return 0


def run_reassess(args: argparse.Namespace) -> int:
    store = open_cli_store(args)
    current = get_assessment(store, args.assessment)
    ref = f"{current['questionnaire_id']}@{args.to}" if args.to else args.questionnaire
    loaded = default_catalogue().get(ref) if ref else None
    if loaded is not None:
        carried = carry_over_preview(store, args.assessment, loaded)
        if args.preview:
            print_json(carried.to_dict())
            return 0
        first = msg("cli.carried_first", question=carried.open[0]) if carried.open else ""
        line = msg(
            "cli.carried",
            answers=len(carried.answers),
            questionnaire=loaded.questionnaire.id,
            version=loaded.questionnaire.version,
            dropped=len(carried.dropped),
            open=len(carried.open),
            first=first,
        )
        print(render(line, args.message_lang), file=sys.stderr)
    elif args.preview:
        raise DiagnosisError(msg("cli.preview_needs_to"))
    print(reassess(store, args.assessment, loaded))
    return 0


def run_compare(args: argparse.Namespace) -> int:
    result = compare(open_cli_store(args), args.before, args.after)
    if args.json:
        print_json(
            {
                "before": {
                    "id": result.before_id,
                    "score": result.before_score,
                    "level": result.before_level.id if result.before_level else None,
                },
                "after": {
                    "id": result.after_id,
                    "score": result.after_score,
                    "level": result.after_level.id if result.after_level else None,
                },
                "dimensions": [
                    {"id": d.id, "name": d.name, "before": d.before, "after": d.after, "delta": d.delta}
                    for d in result.dimensions
                ],
            }
        )
        return 0
    print(
        f"改造前 #{result.before_id}: {result.before_score:g} {_level_name(result.before_level)}   →   "
        f"改造后 #{result.after_id}: {result.after_score:g} {_level_name(result.after_level)}"
    )
    sys.stdout.write(
        table(
            [
                ["维度", "改造前", "改造后", "变化"],
                *[
                    [d.name["zh"] or d.id, _n(d.before), _n(d.after), _n(d.delta, signed=True)]
                    for d in result.dimensions
                ],
            ]
        )
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    signer = None
    if args.sign is not None:
        from diagnosis.cli.signing_run import key_password
        from diagnosis.signing.keys import load_key

        signer = load_key(args.sign, key_password(args.sign))
    export_package(open_cli_store(args), args.assessment, args.output, signer)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from diagnosis.signing.trust import default_trust
    from diagnosis.storage.package import read_package

    store = open_cli_store(args)
    source = sys.stdin.buffer.read(MAX_TOTAL + 1) if args.file == "-" else Path(args.file)
    unpacked = read_package(source, store.evidence_limit)
    signature = unpacked.check_signature(default_trust())
    print(import_package(store, unpacked, args.if_exists))
    line = msg("cli.package_from", summary=signature.summary())
    print(render(line, args.message_lang), file=sys.stderr)  # who sent it, for the person importing
    return 0


def run_xlsx(args: argparse.Namespace) -> int:
    assessment_workbook(open_cli_store(args), args.assessment, args.output)
    return 0


def run_summary(args: argparse.Namespace) -> int:
    rows = provider_summary(open_cli_store(args), args.provider, args.start, args.end, args.drafts)
    if args.output:
        xlsx.summary_workbook(rows, args.output, args.lang)
    elif args.json:
        print_json([r.to_dict() for r in rows])
    else:
        head = ["id", "report", "enterprise", "uscc", "questionnaire", "date", "status", "score", "level"]
        body = [
            [
                str(r.id),
                r.report_number or "",
                r.enterprise,
                r.uscc or "",
                f"{r.questionnaire}@{r.version}",
                str(r.finalized or r.created or ""),
                r.status_text(args.lang),
                f"{figure(r.score)} / {figure(r.max_score)}",
                r.level or "未定级",
            ]
            for r in rows
        ]
        sys.stdout.write(table([head, *body]))
    return 0


def _level_name(level: Level | None) -> str:
    return level.name.zh if level else "未定级"


def _n(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.2f}".rstrip("0").rstrip(".") if signed else f"{round(value, 2):g}"
