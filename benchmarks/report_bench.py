"""Benchmark: reports as a fresh process — the full DCMM report with a 20-project plan and a note
on every criterion (the heaviest report), and the SME one — against the layout alone in the same
run; then signing and verifying the DCMM report as processes.
Run on demand: `python benchmarks/report_bench.py`. Targets: a report ≤ 1.5 s; signing adds
≤ 0.1 s; verify ≤ 1.5 s.

`--baseline TREE` (another version's source tree, e.g. `git archive <commit> | tar -x -C TREE`)
times that version against this one, interleaved in one run so a shared machine's load falls on
both alike, and prints the ratios of wall-clock and CPU time."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.plan.draft import draft_plan
from diagnosis.plan.model import Funding, Project
from diagnosis.scoring.sample import sample_answers

LAYOUT_ONLY = """
import sys
from pathlib import Path
from diagnosis.cli.scoring_run import resolve
from diagnosis.report.data import build
from diagnosis.report.inputs import from_answers_file
from diagnosis.report.layout import render
from diagnosis.scoring.answers import parse_answers_file
file = parse_answers_file("a", Path(sys.argv[1]).read_bytes())
Path(sys.argv[2]).write_bytes(render(build(from_answers_file(file, resolve(file, None)))))
"""
PASSWORD = "benchmark-password"
PROVIDER = "基准测试服务机构"  # names the key's holder: a key signs only its own provider's reports


def answers_file(folder: Path, qid: str, projects: int) -> Path:
    """Every question answered (random but fixed), a note on each, and a plan of `projects`."""
    loaded = default_catalogue().get(qid)
    answers = sample_answers(loaded.questionnaire, "random", 3)
    plan = draft_plan(loaded.questionnaire, answers)
    extra = [
        Project(
            name=f"改造项目 {n + 1}：数据平台与系统集成",
            solution="software_package",
            start=f"2027-{n % 12 + 1:02d}",
            end=f"2028-{n % 12 + 1:02d}",
            budget=12.5 + n,
            funding=Funding(enterprise=8 + n, subsidy=4.5),
            supplier="示例软件有限公司",
        )
        for n in range(max(0, projects - len(plan.projects)))
    ]
    plan = plan.model_copy(update={"projects": [*plan.projects, *extra][:projects]})
    document = {
        "format": "diagnosis-answers/1",
        "questionnaire": {"id": qid},
        "enterprise": {"name": "基准测试企业有限公司", "uscc": "91340100MA2NX8K5TH"},
        "assessment": {
            "mode": "onsite",
            "status": "finalized",
            "uid": "benchmark00000001",
            "provider": PROVIDER,
        },
        "answers": answers,
        "notes": {k: f"现场核查记录：{k}，已查看相关台账和系统截图。" for k in answers},
        "plan": plan.model_dump(mode="json"),
    }
    path = folder / f"{qid}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def timed(command: list[str], repeat: int = 5) -> float:
    samples = []
    env = os.environ | {"DIAGNOSIS_KEY_PASSWORD": PASSWORD}
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="report-bench-"))
    run = [sys.executable, "-m", "diagnosis"]
    env = os.environ | {"DIAGNOSIS_KEY_PASSWORD": PASSWORD}
    key = folder / "provider.p12"
    subprocess.run(
        [*run, "keys", "new", "--provider", PROVIDER, "-o", str(key)],
        check=True,
        env=env,
        capture_output=True,
    )
    for qid, projects in (("dcmm", 20), ("sme-digital-2024", 6)):
        source = answers_file(folder, qid, projects)
        full_pdf, bare_pdf, signed = (
            folder / f"{qid}.pdf",
            folder / f"{qid}-layout.pdf",
            folder / f"{qid}-signed.pdf",
        )
        full = timed([*run, "report", str(source), "-o", str(full_pdf)])
        bare = timed([sys.executable, "-c", LAYOUT_ONLY, str(source), str(bare_pdf)])
        signing = timed([*run, "report", str(source), "-o", str(signed), "--sign", str(key)])
        verify = timed([*run, "verify", str(signed), "--trust", str(folder / "provider.pem")])
        pages = subprocess.run(
            [sys.executable, "-c", f"from pypdf import PdfReader; print(len(PdfReader('{full_pdf}').pages))"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(
            f"{qid:17} {pages:>3} pages  report {full:5.2f} s {full_pdf.stat().st_size / 1024:5.0f} KB   "
            f"layout only {bare:5.2f} s ({full / bare:.2f}x)   "
            f"signed {signing:5.2f} s (+{signing - full:4.2f} s)   "
            f"verify {verify:5.2f} s"
        )


def cpu_and_wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One run of `command`: its CPU time (user + system) and the wall-clock time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def compare(baseline: Path, repeat: int) -> None:
    """This version (B) against `baseline` (A), each command alternating between the two."""
    folder = Path(tempfile.mkdtemp(prefix="report-ab-"))
    here = Path(__file__).resolve().parent.parent
    envs = {
        name: os.environ | {"DIAGNOSIS_KEY_PASSWORD": PASSWORD, "PYTHONPATH": str(tree)}
        for name, tree in (("A", baseline.resolve()), ("B", here))
    }
    run = [sys.executable, "-m", "diagnosis"]
    key = folder / "provider.p12"
    keys = [*run, "keys", "new", "--provider", PROVIDER, "-o", str(key)]
    subprocess.run(keys, check=True, env=envs["B"], capture_output=True)
    for qid, projects in (("dcmm", 20), ("sme-digital-2024", 6)):
        source = answers_file(folder, qid, projects)
        found: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for n in range(repeat):
            for which in ("A", "B") if n % 2 == 0 else ("B", "A"):
                signed = folder / f"{qid}-{which}-signed.pdf"
                commands = {
                    "report": ["report", str(source), "-o", str(folder / f"{qid}-{which}.pdf")],
                    "signed": ["report", str(source), "-o", str(signed), "--sign", str(key)],
                    "verify": ["verify", str(signed), "--trust", str(folder / "provider.pem")],
                }
                for what, args in commands.items():
                    found.setdefault((what, which), []).append(cpu_and_wall([*run, *args], envs[which]))
        for what in ("report", "signed", "verify"):
            (cpu_a, wall_a), (cpu_b, wall_b) = (
                (
                    statistics.median(c for c, _ in found[(what, w)]),
                    statistics.median(t for _, t in found[(what, w)]),
                )
                for w in "AB"
            )
            print(
                f"{qid:17} {what:7} wall A {wall_a:5.2f} s  B {wall_b:5.2f} s  B/A {wall_b / wall_a:4.2f}   "
                f"cpu A {cpu_a:5.2f} s  B {cpu_b:5.2f} s  B/A {cpu_b / cpu_a:4.2f}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--baseline", type=Path, help="another version's source tree to compare with")
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    if options.baseline is not None:
        compare(options.baseline, options.repeat)
    else:
        main()
