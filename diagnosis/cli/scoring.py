"""Commands about answers: sample, score."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from diagnosis.cli.output import print_json, read_input, table, write_text
from diagnosis.errors import AnswersError, UsageError
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import Loaded, load_file
from diagnosis.model import Lang
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import ANSWERS_FORMAT, AnswersFile, parse_answers_file
from diagnosis.scoring.engine import score
from diagnosis.scoring.result import NodeResult, ScoreResult, to_dict
from diagnosis.scoring.sample import sample_answers


def register(commands: Any) -> None:
    cmd = commands.add_parser("sample", help="write a valid answers file (best, worst or random answers)")
    cmd.add_argument("questionnaire", metavar="ID[@VERSION]")
    cmd.add_argument("--strategy", choices=["max", "min", "random"], default="max")
    cmd.add_argument("--seed", type=int, default=0, help="seed for --strategy random")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    cmd.set_defaults(run=run_sample)

    cmd = commands.add_parser(
        "score", help="score an answers file (or - for standard input) or a stored assessment"
    )
    cmd.add_argument("answers", metavar="ANSWERS.json|-", nargs="?")
    cmd.add_argument("--assessment", type=int, metavar="ID", help="score a stored assessment instead")
    cmd.add_argument("--json", action="store_true", help="print the full result as JSON")
    cmd.add_argument("--lang", choices=["zh", "en"], default="zh")
    cmd.add_argument(
        "--questionnaire", metavar="PATH", help="score against this file instead of the catalogue"
    )
    cmd.set_defaults(run=run_score)


def run_sample(args: argparse.Namespace) -> int:
    loaded = default_catalogue().get(args.questionnaire)
    q = loaded.questionnaire
    answers = sample_answers(q, args.strategy, args.seed)
    document = {
        "format": ANSWERS_FORMAT,
        "questionnaire": {"id": q.id, "version": q.version, "sha256": loaded.sha256},
        "enterprise": {"name": "示例企业", "uscc": None},
        "answers": answers,
        "notes": {},
    }
    write_text(args.output, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


def resolve(file: AnswersFile, questionnaire_path: str | None) -> Loaded:
    """The questionnaire an answers file was given against; a changed file is an error."""
    ref = file.questionnaire
    loaded = load_file(Path(questionnaire_path)) if questionnaire_path else default_catalogue().get(ref.ref)
    q = loaded.questionnaire
    if ref.id != q.id or (ref.version and ref.version != q.version):
        raise AnswersError(f"the answers are for {ref.ref}, not {q.id}@{q.version}")
    if ref.sha256 and ref.sha256 != loaded.sha256:
        raise AnswersError(
            f"the answers were given against {ref.ref} with sha256 {ref.sha256[:12]}…, but this copy has "
            f"{loaded.sha256[:12]}…: the questionnaire file was changed without a new version"
        )
    return loaded


def run_score(args: argparse.Namespace) -> int:
    if (args.answers is None) == (args.assessment is None):
        raise UsageError("give an answers file (or -) or --assessment ID")
    if args.assessment is not None:
        from diagnosis.cli.store_run import open_cli_store  # the database only when asked for
        from diagnosis.storage.assessments import score_assessment

        result, loaded = score_assessment(open_cli_store(args), args.assessment)
    else:
        name, raw = read_input(args.answers)
        file = parse_answers_file(name, raw)
        loaded = resolve(file, args.questionnaire)
        result = score(loaded.questionnaire, file.answers, sha256=loaded.sha256)
    if args.json:
        print_json(to_dict(result))
    else:
        sys.stdout.write(render_text(result, loaded, args.lang))
    return 0


def render_text(result: ScoreResult, loaded: Loaded, lang: Lang) -> str:
    """A readable summary: total, level, the dimension tree, completeness, the next step."""
    q, zh = loaded.questionnaire, lang == "zh"
    level = result.level.name.get(lang) if result.level else ("未定级" if zh else "not rated")
    lines = [
        f"{q.title.get(lang)}  {q.id}@{q.version}  sha256 {loaded.sha256[:12]}",
        f"{'总分' if zh else 'Score'}: {_n(result.score)} / {_n(result.max_score)}    "
        f"{'等级' if zh else 'Level'}: {level}",
        "",
    ]
    rows = [["维度" if zh else "Dimension", "得分" if zh else "Score", "等级" if zh else "Level"]]
    for node, depth in _tree(result.root, 0):
        if node.max_score is None:
            continue
        rows.append(
            [
                "  " * depth + node.name.get(lang),
                f"{_n(node.score)} / {_n(node.max_score)}",
                node.level.name.get(lang) if node.level else "",
            ]
        )
    lines.append(table(rows))
    c = result.completeness
    lines.append(
        f"{'已回答' if zh else 'Answered'}: {c.answered} / {c.visible}"
        + (
            f"    {'必答未答' if zh else 'required missing'}: {len(c.required_missing)}"
            if c.required_missing
            else ""
        )
    )
    if result.next_level:
        nxt = result.next_level
        lines.append(f"{'距下一等级' if zh else 'To reach'} {nxt.level.name.get(lang)}:")
        lines += [
            f"  - {check.text.get(lang)} ({_n(check.current)})"
            for check in nxt.unmet
            if check.current is not None
        ]
        texts = {qid: _short(q.text.get(lang)) for qid, q in index_of(q).questions.items()}
        lines += [f"  + {texts[i.question]} (+{_n(i.gain)})" for i in nxt.improvements[:5]]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tree(node: NodeResult, depth: int) -> list[tuple[NodeResult, int]]:
    out = []
    for child in node.children:
        out.append((child, depth))
        out += _tree(child, depth + 1)
    return out


def _n(value: float | None) -> str:
    return "–" if value is None else f"{round(value, 2):g}"
