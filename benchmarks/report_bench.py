"""Benchmark: the full DCMM and SME reports rendered as a fresh process (time, size), against the
layout alone (no verification data, QR code or attachments) in the same run.
Run on demand: `python benchmarks/report_bench.py`. Targets: ≤ 1.5 s per report, ≤ 1 MB."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.scoring.sample import sample_answers

LAYOUT_ONLY = """
import sys
from pathlib import Path
from diagnosis.cli.scoring import resolve
from diagnosis.report.data import build
from diagnosis.report.inputs import from_answers_file
from diagnosis.report.layout import render
from diagnosis.scoring.answers import parse_answers_file
file = parse_answers_file("a", Path(sys.argv[1]).read_bytes())
Path(sys.argv[2]).write_bytes(render(build(from_answers_file(file, resolve(file, None)))))
"""


def answers_file(folder: Path, qid: str) -> Path:
    """Every question answered (random but fixed), with a note on each: the heaviest report."""
    loaded = default_catalogue().get(qid)
    answers = sample_answers(loaded.questionnaire, "random", 3)
    path = folder / f"{qid}.json"
    path.write_text(
        json.dumps(
            {
                "format": "diagnosis-answers/1",
                "questionnaire": {"id": qid},
                "enterprise": {"name": "基准测试企业有限公司", "uscc": "91340100MA2NX8K5TH"},
                "answers": answers,
                "notes": {k: f"现场核查记录：{k}，已查看相关台账和系统截图。" for k in answers},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def timed(command: list[str], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="report-bench-"))
    for qid in ("dcmm", "sme-digital-2024"):
        source = answers_file(folder, qid)
        full_pdf, bare_pdf = folder / f"{qid}.pdf", folder / f"{qid}-layout.pdf"
        full = timed([sys.executable, "-m", "diagnosis", "report", str(source), "-o", str(full_pdf)])
        bare = timed([sys.executable, "-c", LAYOUT_ONLY, str(source), str(bare_pdf)])
        print(
            f"{qid:17} report process {full:5.2f} s, {full_pdf.stat().st_size / 1024:6.0f} KB   "
            f"layout only {bare:5.2f} s, {bare_pdf.stat().st_size / 1024:6.0f} KB   ratio {full / bare:.2f}x"
        )


if __name__ == "__main__":
    main()
